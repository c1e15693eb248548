"""The review page: one HTML document with inline CSS and script, no external requests.

The markup holds no article text: served, the script fetches it as JSON; static, it is embedded as
JSON in a non-executed <script type="application/json"> block with '<' escaped as \\u003c.
A Content-Security-Policy admits only this page's own script and style, by hash.
"""

from __future__ import annotations

import base64
import hashlib

from checker.report.evidence import dump_json

STYLE = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fafafa; --card: #fff; --muted: #6b6b70; --line: #d8d8dc;
  --error: #c62828; --warning: #a86200; --info: #1565c0; --mark: #ffe26b; --ok: #2e7d32; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #161618; --card: #202024; --muted: #a0a0a8;
  --line: #3a3a40; --mark: #7a6400; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.6 system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  color: var(--fg); background: var(--bg); }
.bar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: .5em 1em; align-items: center;
  padding: .6em 1em; background: var(--card); border-bottom: 1px solid var(--line); }
.bar h1 { font-size: 1.1em; margin: 0; }
#counter { font-weight: 600; }
.bar label { color: var(--muted); font-size: .9em; }
.bar select { max-width: 16em; }
#help { margin: .5em 1em; color: var(--muted); font-size: .9em; }
body.static .live { display: none; }
#error { margin: .5em 1em; padding: .5em 1em; border: 1px solid var(--error); color: var(--error); border-radius: 6px; }
main { max-width: 60em; margin: 0 auto; padding: 0 1em 40vh; }
.finding { margin: 1em 0; padding: .8em 1em; background: var(--card); border: 1px solid var(--line);
  border-left: 5px solid var(--muted); border-radius: 6px; }
.finding.sev-error { border-left-color: var(--error); }
.finding.sev-warning { border-left-color: var(--warning); }
.finding.sev-info { border-left-color: var(--info); }
.finding.current { outline: 3px solid var(--info); outline-offset: 2px; }
.finding.decided { opacity: .7; }
.finding header { display: flex; flex-wrap: wrap; gap: .3em .8em; align-items: baseline; }
.sev { font-weight: 700; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); } .sev-info .sev { color: var(--info); }
.where, .fp, .loc { color: var(--muted); font-size: .85em; word-break: break-all; }
.status { margin-left: auto; font-weight: 600; color: var(--ok); }
.finding[data-decision="dismissed"] .status { color: var(--muted); }
.message { margin: .4em 0; font-weight: 600; }
.quote { margin: .5em 0; padding: .3em .8em; border-left: 3px solid var(--line); }
.sentence { margin: .2em 0; }
.context { color: var(--muted); }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
.fulltext { white-space: pre-wrap; max-height: 20em; overflow: auto; padding: .5em; border: 1px solid var(--line); }
.arith, .suggest, .note { margin: .3em 0; }
.note { color: var(--warning); }
.related a { display: block; margin-left: 1em; color: var(--info); }
a.open { margin-left: .6em; font-size: .85em; color: var(--info); }
.comment { margin: .3em 0; padding: .2em .6em; border-left: 3px solid var(--info); white-space: pre-wrap; }
.comment-form { display: flex; gap: .5em; flex: 1 1 100%; }
.comment-form textarea { flex: 1; font: inherit; }
#bulk { display: flex; gap: .4em; align-items: center; flex-wrap: wrap; }
#notice { color: var(--ok); font-size: .9em; }
.actions { display: flex; flex-wrap: wrap; gap: .5em; margin-top: .6em; }
.actions form { display: flex; gap: .5em; flex: 1 1 100%; }
.actions input { flex: 1; font: inherit; padding: .2em .4em; }
button { font: inherit; padding: .2em .8em; cursor: pointer; }
button.full { font-size: .85em; padding: 0 .5em; margin-left: .6em; }
"""

BODY = """<header class="bar">
<h1>hedui 核对</h1>
<span id="counter" aria-live="polite"></span>
<span id="reviewer" class="live"></span>
<label>规则 <select id="f-rule"><option value="">全部</option></select></label>
<label>级别 <select id="f-severity"><option value="">全部</option><option value="error">错误</option>\
<option value="warning">警告</option><option value="info">提示</option></select></label>
<label>文章 <select id="f-doc"><option value="">全部</option></select></label>
<label><input type="checkbox" id="f-hide"> 隐藏已处理</label>
<span id="bulk" class="live" hidden><span id="bulk-count"></span><button type="button" id="bulk-accept">全部接受</button><input type="text" id="bulk-reason" maxlength="500" placeholder="驳回理由（一条理由用于全部）" aria-label="批量驳回理由"><button type="button" id="bulk-dismiss">全部驳回</button></span>
<span id="notice" class="live" aria-live="polite"></span>
</header>
<p id="help">键盘：j / k 上下移动<span class="live"> · a 接受（确为错误） · d 驳回（误报，须填理由） · s 跳过 · c 备注 · z 撤销上一步 · 按规则或文章筛选后可批量处理</span></p>
<div id="error" role="alert" hidden></div>
<p id="empty" hidden>没有发现问题。</p>
<main id="queue"></main>
"""


def assemble_script() -> str:
    """The page's script: the prelude, the card renderer and the queue, in one scope."""
    from checker.report.page_cards import CARDS
    from checker.report.page_desk import DESK
    from checker.report.page_script import PRELUDE, QUEUE

    return PRELUDE + CARDS + DESK + QUEUE


def content_policy(static: bool) -> str:
    """The Content-Security-Policy: only this page's own script and style run; no network when static."""
    script = _digest(assemble_script())
    style = _digest(STYLE)
    connect = "'none'" if static else "'self'"
    return (f"default-src 'none'; script-src '{script}'; style-src '{style}'; img-src data:; "
            f"connect-src {connect}; base-uri 'none'; form-action 'none'")


GENERATOR = '<meta name="generator" content="hedui">'  # checked folders skip hedui's own pages


def render_page(payload: dict | None = None) -> str:
    """The page; with a payload it is a static, read-only report that needs no server."""
    head = ['<!doctype html>', '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">', GENERATOR,
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">']
    if payload is not None:
        # A file opened from disk has no response headers: the policy travels in the page.
        head.append(f'<meta http-equiv="Content-Security-Policy" content="{content_policy(static=True)}">')
    head += ["<title>hedui 核对</title>", '<link rel="icon" href="data:,">', f"<style>{STYLE}</style>", "</head>"]
    body = ["<body>", BODY]
    if payload is not None:
        body.append(f'<script type="application/json" id="hedui-data">{dump_json(payload)}</script>')
    body += [f"<script>{assemble_script()}</script>", "</body>", "</html>", ""]
    return "\n".join(head + body)


def _digest(text: str) -> str:
    """A CSP source expression for an inline block: sha256 of its exact text."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
