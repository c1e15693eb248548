"""The timeline as one self-contained HTML page: inline CSS, JS and SVG, no network request at all."""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from typing import Any

from timeline.charts import find_series, render_chart
from timeline.html_script import SCRIPT
from timeline.html_style import STYLE
from timeline.model import Entry, Source, Timeline
from timeline.records import (
    MODALITY_LABELS,
    SEVERITY_LABELS,
    SORT_LABELS,
    display_date,
    entry_id,
    period_note,
    unit_label,
)


def render_html(timeline: Timeline, payload: dict[str, Any] | None = None, years_beside: bool = False) -> str:
    """Write the page: filters, charts, a lazily rendered chronology from embedded JSON, and lists.

    With `years_beside` the payload lists years whose entries are scripts in a folder beside the page
    (see timeline.export_years), and the policy admits scripts from the page's own place for them.
    """
    beside = " 'self'" if years_beside else ""
    policy = (
        "default-src 'none'; "
        f"style-src '{_digest(STYLE)}'; script-src '{_digest(SCRIPT)}'{beside}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    flagged = sum(1 for entry in timeline.entries if entry.flags)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="generator" content="hedui">',  # checked folders skip hedui's own pages
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy, quote=False)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(timeline.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{escape(timeline.title)}</h1>",
        f'<p class="summary">{len(timeline.documents)} 篇文章，{len(timeline.entries)} 条，'
        f'{flagged} 条带核对提示</p></header>',
        _filters(timeline),
        _charts(timeline),
        '<main id="timeline"></main>',
        "<noscript><p>此页面需启用 JavaScript 才能显示时间线条目；下方仍列出文章与核对提示。</p></noscript>",
        _unplaced(timeline),
        _documents(timeline),
        f'<script type="application/json" id="timeline-data">{embed_json(payload or page_payload(timeline))}</script>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def embed_json(value: Any) -> str:
    """JSON that cannot end its <script> element: every <, > and & written as a \\u escape."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _digest(text: str) -> str:
    """A CSP hash source for an inline element's exact text."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _filters(timeline: Timeline) -> str:
    """The filter bar: a text box with suggestions, a checkbox per sort, and flagged-only."""
    subjects = {e.subject for e in timeline.entries if e.subject}
    words = sorted(subjects | {e.title for e in timeline.entries if e.sort != "event"})
    options = "".join(f'<option value="{escape(word)}">' for word in words[:300])
    boxes = "".join(
        f'<label><input type="checkbox" id="show-{sort}" checked> {escape(label)}</label>'
        for sort, label in SORT_LABELS.items()
    )
    return (
        '<div id="filters" role="search">'
        '<input type="search" id="filter-text" list="filter-words" placeholder="按主体或指标筛选，如 重庆 产量" '
        'aria-label="按主体或指标筛选">'
        f'<datalist id="filter-words">{options}</datalist>{boxes}'
        '<label><input type="checkbox" id="flagged-only"> 仅看有核对提示的</label>'
        '<output id="visible-count"></output></div>'
    )


def _charts(timeline: Timeline) -> str:
    """One small chart per metric with three or more values over time."""
    series = find_series(timeline.entries)
    if not series:
        # no metric has a trend to draw: leave the section out rather than show it empty
        return ""
    figures = []
    for one in series:
        figures.append(
            f'<figure class="chart" data-title="{escape(one.title)}" data-unit="{escape(one.axis_unit)}">'
            f"{render_chart(one)}<figcaption>{escape(one.title)}（{escape(one.axis_unit)}）</figcaption></figure>"
        )
    legend = ('<p class="legend muted"><span class="dot actual"></span> 实际　'
              '<span class="dot"></span> 目标/预测（虚线）</p>')
    return f'<section id="charts"><h2>指标走势</h2>{legend}<div class="chart-grid">{"".join(figures)}</div></section>'


def _unplaced(timeline: Timeline) -> str:
    """Findings that touch no entry (wording of a phrase, undated figures), so none is lost."""
    placed = timeline.placed
    rest = [flag for flag in timeline.flags if flag.fingerprint not in placed]
    if not rest:
        # every finding already stands on its entry
        return ""
    items = "".join(
        f'<li class="flag sev-{escape(f.severity)}">'
        f'<span class="sev">⚠ {escape(SEVERITY_LABELS.get(f.severity, f.severity))}</span>'
        f'{escape(f.message)} <span class="rule">{escape(f.rule)}</span></li>'
        for f in rest
    )
    return f'<section id="unplaced"><h2>其他核对提示</h2><ul class="flags">{items}</ul></section>'


def _documents(timeline: Timeline) -> str:
    """The articles the timeline was built from."""
    items = "".join(
        f"<li>{escape(d.title or d.path)} <span class=\"path\">{escape(d.path)}"
        f"{' · ' + d.announced.isoformat() if d.announced else ''}{'（推断）' if d.inferred else ''}</span></li>"
        for d in timeline.documents
    )
    return f'<section id="documents"><h2>文章</h2><ul>{items}</ul></section>'


def page_payload(timeline: Timeline, entries: tuple[Entry, ...] | None = None) -> dict[str, Any]:
    """The compact data the script renders from: entries, documents and sentences by index, findings by fingerprint."""
    shown, sentences = entries_payload(timeline, timeline.entries if entries is None else entries)
    return {
        "labels": {"sort": SORT_LABELS, "modality": MODALITY_LABELS, "severity": SEVERITY_LABELS},
        "documents": [
            {"path": d.path, "title": d.title, "announced": d.announced.isoformat() if d.announced else None,
             "inferred": d.inferred}
            for d in timeline.documents
        ],
        "findings": {
            f.fingerprint: {"rule": f.rule, "severity": f.severity, "message": f.message, "suggestion": f.suggestion}
            for f in timeline.flags
        },
        "sentences": sentences,
        "entries": shown,
    }


def entries_payload(timeline: Timeline, entries: tuple[Entry, ...]) -> tuple[list[dict[str, Any]], list[str]]:
    """Entries as the script reads them, and the sentences their sources point into by index."""
    doc_index = {d.path: i for i, d in enumerate(timeline.documents)}
    sentences: dict[tuple[str, str], int] = {}
    shown = [_entry_payload(entry, doc_index, sentences) for entry in entries]
    return shown, [text for _, text in sentences]


def _entry_payload(entry: Entry, doc_index: dict[str, int], sentences: dict[tuple[str, str], int]) -> dict[str, Any]:
    """One entry as the script reads it; empty fields are left out to keep large pages small."""
    date = display_date(entry)
    record: dict[str, Any] = {
        "id": entry_id(entry),
        "sort": entry.sort,
        "start": entry.start.isoformat(),
        "date": date,
        "title": entry.title,
        "mod": entry.modality,
        "ann": entry.announced.isoformat() if entry.announced else None,
        "src": [_source_payload(s, doc_index, sentences) for s in entry.sources],
    }
    if entry.text:
        record["text"] = entry.text
    if entry.measure:
        record["measure"] = entry.measure
    if unit_label(entry):
        record["unit"] = unit_label(entry)
    if period_note(entry):
        record["ptext"] = period_note(entry)
    if entry.revised:
        record["rev"] = [[a.announced.isoformat() if a.announced else None, a.text] for a in entry.announcements]
    if entry.flags:
        record.update(flags=list(entry.fingerprints), severity=entry.severity)
    return record


def _source_payload(source: Source, doc_index: dict[str, int], sentences: dict[tuple[str, str], int]) -> list:
    """[document, line, sentence, mark start, mark end]; sentences are shared, offsets count UTF-16 units as JS does."""
    text = source.before + source.mark + source.after
    index = sentences.setdefault((source.doc, text), len(sentences))
    start = _utf16_length(source.before)
    return [doc_index[source.doc], source.line, index, start, start + _utf16_length(source.mark)]


def _utf16_length(text: str) -> int:
    """The length of a string as JavaScript counts it."""
    return len(text.encode("utf-16-le")) // 2
