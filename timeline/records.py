"""Plain-data records of a timeline, shared by the JSON, HTML and TimelineJS exports."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from timeline.dates import render_period
from timeline.model import Entry, Flag, Source, Timeline

SORT_LABELS = {"figure": "数据", "target": "目标与预测", "event": "事件"}
MODALITY_LABELS = {"actual": "实际", "target": "目标", "forecast": "预测", "plan": "规划", "event": "事件"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def timeline_record(timeline: Timeline) -> dict[str, Any]:
    """The public JSON document of a timeline (fields may be added, never renamed)."""
    placed = timeline.placed
    return {
        "title": timeline.title,
        "entries": [entry_record(entry) for entry in timeline.entries],
        "documents": [
            {"path": d.path, "title": d.title, "announced": _iso(d.announced), "inferred_date": d.inferred}
            for d in timeline.documents
        ],
        "findings": [dict(flag_record(flag), placed=flag.fingerprint in placed) for flag in timeline.flags],
    }


def entry_record(entry: Entry) -> dict[str, Any]:
    """The public record of one entry: the contract fields first, then the extras."""
    return {
        "sort": entry.sort,
        "start_date": entry.start.isoformat(),
        "end_date": entry.end.isoformat(),
        "title": entry.title,
        "text": entry.text,
        "value": _number(entry.value),
        "unit": entry.unit,
        "modality": entry.modality,
        "announced": _iso(entry.announced),
        "sources": [source_record(source) for source in entry.sources],
        "findings": list(entry.fingerprints),
        "id": entry_id(entry),
        "granularity": entry.granularity,
        "display_date": display_date(entry),
        "period_text": entry.period_text,
        "subject": entry.subject,
        "metric": entry.metric,
        "relation": entry.relation,
        "measure": entry.measure,
        "unit_label": unit_label(entry),
        "fact": entry.key,
        "revised": entry.revised,
        "announcements": [
            {"announced": _iso(a.announced), "text": a.text, "doc": a.doc} for a in entry.announcements
        ],
        "flags": [flag_record(flag) for flag in entry.flags],
        "severity": entry.severity,
    }


def source_record(source: Source) -> dict[str, Any]:
    """Where an entry is stated, with the sentence split around the highlighted surface."""
    return {
        "doc": source.doc,
        "start": source.start,
        "end": source.end,
        "text": source.text,
        "line": source.line,
        "announced": _iso(source.announced),
        "doc_title": source.doc_title,
        "context": {"before": source.before, "mark": source.mark, "after": source.after},
    }


def flag_record(flag: Flag) -> dict[str, Any]:
    """A finding as the timeline reports it."""
    return {
        "fingerprint": flag.fingerprint,
        "rule": flag.rule,
        "severity": flag.severity,
        "message": flag.message,
        "suggestion": flag.suggestion,
    }


def display_date(entry: Entry) -> str:
    """The entry's period as a reader writes it: 2025年前三季度, 截至2025年11月25日."""
    return render_period(entry.start, entry.end, entry.granularity, entry.period_kind)


def period_note(entry: Entry) -> str:
    """The period as the article wrote it (39年前, 今年6月) when the display date does not already say it."""
    stated = "".join(entry.period_text.split())
    if not stated or stated in display_date(entry):
        # 2024年 beside 2024年, or "2027 年" beside 2027年: saying it twice adds nothing
        return ""
    return stated


def unit_label(entry: Entry) -> str:
    """The unit a reader reads the figure in (辆, 元, %); none for counts, whose 三大 or 5项 names no unit."""
    if entry.sort == "event" or entry.relation == "count":
        # 三大 is a count of items: its "unit" is the classifier of the wording, not a unit of measure
        return ""
    return entry.unit


def entry_id(entry: Entry) -> str:
    """A short id that stays the same while the entry's place and first source do."""
    first = entry.sources[0] if entry.sources else None
    basis = "\x1f".join(
        (entry.sort, entry.key or entry.title, entry.start.isoformat(),
         first.doc if first else "", str(first.start if first else 0))
    )
    return "e" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]


def headline(entry: Entry) -> str:
    """One line naming the entry: title and value, with the modality for targets."""
    label = f"（{MODALITY_LABELS.get(entry.modality, entry.modality)}）"
    if entry.sort == "event":
        # an event is told in its title; only a planned one says so
        return entry.title if entry.modality == "event" else entry.title + label
    label = label if entry.sort == "target" else ""
    return f"{entry.title}：{entry.text}{label}"


def _iso(day: dt.date | None) -> str | None:
    """ISO date or None."""
    return day.isoformat() if day else None


def _number(value: float | None) -> float | int | None:
    """Whole numbers as integers (953000, not 953000.0), for readers of the JSON."""
    if value is None or value != value or value in (float("inf"), float("-inf")):
        # NaN and infinities have no JSON spelling: leave the value out
        return None
    return int(value) if float(value).is_integer() else value
