"""The timeline as a Markdown chronology: a heading per year, a bullet per entry."""

from __future__ import annotations

import html
import re
from collections import Counter

from timeline.model import Entry, Timeline
from timeline.records import MODALITY_LABELS, SEVERITY_LABELS, SORT_LABELS, display_date, period_note

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#+!|~{}])")


def render_markdown(timeline: Timeline) -> str:
    """Write the chronology: ## year headings, entries with value, sources and ⚠ flags."""
    lines = [f"# {escape_markdown(timeline.title)}", "", _summary(timeline), ""]
    year = None
    for entry in timeline.entries:
        if entry.start.year != year:
            year = entry.start.year
            lines += ["", f"## {year}", ""] if lines[-1] else [f"## {year}", ""]
        lines += _entry_lines(entry)
    lines.append("")
    return "\n".join(lines)


def escape_markdown(text: str) -> str:
    """Make article text inert in Markdown: HTML entities, then backslashes before markup characters."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text.replace("\n", " "), quote=False))


def _summary(timeline: Timeline) -> str:
    """One line counting articles, entries by sort, and flagged entries."""
    counts = Counter(entry.sort for entry in timeline.entries)
    sorts = "，".join(f"{label} {counts.get(sort, 0)}" for sort, label in SORT_LABELS.items())
    flagged = sum(1 for entry in timeline.entries if entry.flags)
    return f"{len(timeline.documents)} 篇文章，{len(timeline.entries)} 条（{sorts}），{flagged} 条带核对提示。"


def _entry_lines(entry: Entry) -> list[str]:
    """The bullet of one entry and its indented details."""
    when = escape_markdown(display_date(entry))
    if period_note(entry):
        when += f"（{escape_markdown(period_note(entry))}）"
    sources = "、".join(escape_markdown(f"{s.doc}:{s.line}") for s in entry.sources)
    if entry.sort == "event":
        what = f"{MODALITY_LABELS.get(entry.modality, entry.modality)} · {escape_markdown(entry.title)}"
    else:
        what = f"{escape_markdown(entry.title)}：**{escape_markdown(entry.text)}**"
    if entry.sort == "target":
        announced = f"，{entry.announced.isoformat()} 发布" if entry.announced else ""
        what += f"（{MODALITY_LABELS.get(entry.modality, entry.modality)}{announced}）"
    lines = [f"- **{when}** {what} — 来源：{sources}"]
    if entry.revised:
        steps = " → ".join(
            f"{a.announced.isoformat() if a.announced else '日期不详'} {escape_markdown(a.text)}"
            for a in entry.announcements
        )
        lines.append(f"  - 调整：{steps}")
    elif len(entry.announcements) > 1 and entry.sort != "event":
        values = "、".join(escape_markdown(a.text) for a in entry.announcements)
        lines.append(f"  - 各文表述：{values}")
    for flag in entry.flags:
        label = SEVERITY_LABELS.get(flag.severity, flag.severity)
        lines.append(f"  - ⚠ {label}：{escape_markdown(flag.message)}（{escape_markdown(flag.rule)}）")
    return lines
