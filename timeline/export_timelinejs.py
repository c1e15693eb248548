"""The timeline for TimelineJS 3: its JSON format and its Google-spreadsheet CSV layout."""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from timeline.model import Entry, Timeline
from timeline.records import (
    MODALITY_LABELS,
    SEVERITY_LABELS,
    SORT_LABELS,
    display_date,
    entry_id,
    headline,
)

CSV_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_timelinejs(timeline: Timeline) -> str:
    """TimelineJS 3 JSON: a title slide and one event per entry, every text HTML-escaped."""
    document = {
        "title": {"text": {"headline": html.escape(timeline.title), "text": html.escape(_summary(timeline))}},
        "events": [_event(entry) for entry in timeline.entries],
        "autolink": False,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_csv(timeline: Timeline) -> str:
    """The TimelineJS spreadsheet layout: a title row, then one row per entry."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    title = {"Headline": html.escape(timeline.title), "Text": html.escape(_summary(timeline)), "Type": "title"}
    writer.writerow(_row(title))
    for entry in timeline.entries:
        start, end = _dates(entry)
        cells = {
            "Year": start["year"], "Month": start.get("month", ""), "Day": start.get("day", ""),
            "Display Date": display_date(entry), "Headline": html.escape(headline(entry)),
            "Text": _text(entry), "Group": SORT_LABELS[entry.sort],
        }
        if end is not None:
            cells.update({"End Year": end["year"], "End Month": end.get("month", ""), "End Day": end.get("day", "")})
        writer.writerow(_row(cells))
    return out.getvalue()


def _summary(timeline: Timeline) -> str:
    """The title slide's line: how many articles and entries."""
    return f"{len(timeline.documents)} 篇文章，{len(timeline.entries)} 条"


def _event(entry: Entry) -> dict[str, Any]:
    """One TimelineJS event."""
    start, end = _dates(entry)
    event: dict[str, Any] = {
        "start_date": start,
        "text": {"headline": html.escape(headline(entry)), "text": _text(entry)},
        "group": SORT_LABELS[entry.sort],
        "display_date": display_date(entry),
        "unique_id": entry_id(entry),
    }
    if end is not None:
        event["end_date"] = end
    return event


def _dates(entry: Entry) -> tuple[dict[str, int], dict[str, int] | None]:
    """TimelineJS start and end dates, as precise as the entry's period; no end for a single point."""
    if entry.granularity in ("year", "years"):
        start, end = {"year": entry.start.year}, {"year": entry.end.year}
    elif entry.granularity == "day":
        start = {"year": entry.start.year, "month": entry.start.month, "day": entry.start.day}
        end = {"year": entry.end.year, "month": entry.end.month, "day": entry.end.day}
    else:
        start = {"year": entry.start.year, "month": entry.start.month}
        end = {"year": entry.end.year, "month": entry.end.month}
    return start, (None if end == start else end)


def _text(entry: Entry) -> str:
    """The slide body as HTML built from escaped parts: period, announcement, sources, flags."""
    modality = MODALITY_LABELS.get(entry.modality, entry.modality)
    parts = [f"<p>{html.escape(display_date(entry))} · {html.escape(modality)}</p>"]
    if entry.sort == "target" and entry.announced:
        parts.append(f"<p>发布：{entry.announced.isoformat()}</p>")
    if entry.revised:
        steps = " → ".join(
            f"{a.announced.isoformat() if a.announced else '日期不详'} {html.escape(a.text)}"
            for a in entry.announcements
        )
        parts.append(f"<p>调整：{steps}</p>")
    for flag in entry.flags:
        label = SEVERITY_LABELS.get(flag.severity, flag.severity)
        parts.append(f"<p>⚠ {html.escape(label)}：{html.escape(flag.message)}</p>")
    for source in entry.sources:
        parts.append(
            f"<blockquote>{html.escape(source.before)}<mark>{html.escape(source.mark)}</mark>"
            f"{html.escape(source.after)}<br><small>{html.escape(source.doc)}:{source.line}</small></blockquote>"
        )
    return "".join(parts)


def _row(cells: dict[str, Any]) -> list[str]:
    """A CSV row in column order; text cells that a spreadsheet would run as formulas are quoted."""
    row = []
    for column in CSV_COLUMNS:
        value = cells.get(column, "")
        text = str(value)
        if isinstance(value, str) and text.startswith(FORMULA_START):
            # =HYPERLINK(…) in an article must stay text when the sheet is opened
            text = "'" + text
        row.append(text)
    return row
