"""The timeline page's stylesheet: system Chinese fonts, phone-width layout, print rules."""

STYLE = """
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #ffffff; --accent: #0b5cad;
  --error: #b3261e; --warning: #9a6700; --info: #3b6ea8; --flag-bg: #fff4f2;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 960px; padding: 16px; color: var(--ink); background: var(--paper);
  font-family: -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", sans-serif;
  line-height: 1.6; font-size: 16px;
}
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 0; display: inline; }
.summary, .muted, .measure { color: var(--muted); }
.measure { margin: 2px 0; font-size: .85em; }
#filters {
  position: sticky; top: 0; z-index: 2; background: var(--paper); padding: 8px 0;
  border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center;
}
#filters input[type=search] { flex: 1 1 220px; min-width: 0; padding: 6px 8px; font: inherit; border: 1px solid var(--line); border-radius: 6px; }
#filters label { white-space: nowrap; }
#charts { margin: 16px 0; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
figure.chart figcaption { font-size: .9em; }
.chart-svg { display: block; max-width: 100%; height: auto; }
.chart-svg .axis { stroke: var(--line); }
.chart-svg .tick { stroke: var(--line); }
.chart-svg .y-tick, .chart-svg .y-unit { font-size: 10px; fill: var(--muted); }
.chart-svg .line-aimed { fill: none; stroke: var(--accent); stroke-width: 1.5; stroke-dasharray: 4 3; opacity: .7; }
.chart-svg .line-actual { fill: none; stroke: var(--accent); stroke-width: 2; }
.chart-svg .pt.actual { fill: var(--accent); stroke: var(--accent); }
.chart-svg .pt.aimed { fill: var(--paper); stroke: var(--accent); stroke-width: 2; }
.chart-svg text { font-size: 10px; fill: var(--ink); }
.chart-svg text.year { fill: var(--muted); }
.legend .dot { display: inline-block; width: .7em; height: .7em; border-radius: 50%; border: 2px solid var(--accent); vertical-align: middle; }
.legend .dot.actual { background: var(--accent); }
section.year { margin: 12px 0; }
section.year > details > summary { cursor: pointer; padding: 6px 0; border-bottom: 1px solid var(--line); }
section.year .count { color: var(--muted); margin-left: 8px; }
ol.entries { list-style: none; margin: 0; padding: 0 0 0 18px; border-left: 2px solid var(--line); }
li.entry { position: relative; margin: 12px 0; padding: 8px 12px; border-radius: 8px; border: 1px solid transparent; }
li.entry::before {
  content: ""; position: absolute; left: -26px; top: 14px; width: 12px; height: 12px;
  border-radius: 50%; background: var(--paper); border: 2px solid var(--accent);
}
li.entry.sort-figure::before { background: var(--accent); }
li.entry.sort-event::before { border-color: var(--muted); background: var(--muted); border-radius: 2px; }
li.entry.flagged { background: var(--flag-bg); border-color: #f2c4bf; }
li.entry.flagged.sev-error::before { border-color: var(--error); background: var(--error); }
.when { color: var(--muted); font-size: .9em; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: .8em; border: 1px solid var(--line); margin-left: 6px; }
.badge.target, .badge.forecast, .badge.plan { border-style: dashed; border-color: var(--accent); color: var(--accent); }
.what .value { font-size: 1.1em; margin-left: 6px; }
.announced, .revision { margin: 2px 0; font-size: .9em; }
.revision { color: var(--warning); }
ul.flags { list-style: none; margin: 6px 0; padding: 0; }
li.flag { margin: 4px 0; padding-left: 8px; border-left: 3px solid var(--info); }
li.flag.sev-error { border-color: var(--error); }
li.flag.sev-warning { border-color: var(--warning); }
.sev { font-weight: bold; margin-right: 4px; }
li.flag.sev-error .sev { color: var(--error); }
li.flag.sev-warning .sev { color: var(--warning); }
.rule, .path { color: var(--muted); font-size: .85em; word-break: break-all; }
details.source { margin: 4px 0; font-size: .9em; }
details.source > summary { cursor: pointer; color: var(--accent); }
blockquote.context { margin: 4px 0; padding: 6px 10px; border-left: 3px solid var(--line); background: #f6f8fa; overflow-wrap: anywhere; }
mark { background: #ffe58f; padding: 0 1px; }
button.more { font: inherit; margin: 8px 0; padding: 4px 12px; }
#documents li, #unplaced li { overflow-wrap: anywhere; }
@media (max-width: 600px) {
  body { padding: 8px; font-size: 15px; }
  ol.entries { padding-left: 12px; }
  li.entry { padding: 6px 8px; }
  li.entry::before { left: -20px; }
  .chart-grid { grid-template-columns: 1fr; }
}
@media print {
  #filters, button.more, noscript { display: none !important; }
  body { max-width: none; font-size: 11pt; }
  li.entry { break-inside: avoid; background: none !important; }
  li.entry.flagged { border: 1px solid #999; }
  figure.chart { break-inside: avoid; }
  details.source > summary { color: var(--ink); }
  a { color: inherit; }
}
"""
