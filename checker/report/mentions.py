"""Render extracted mentions as the jsonl contract or a readable table."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from checker.model import Document, Mention


def document_record(doc: Document) -> dict[str, Any]:
    """The per-document record: path, DCT and where the DCT came from."""
    return {
        "type": "document",
        "doc": doc.path,
        "dct": doc.dct.date.isoformat() if doc.dct else None,
        "dct_source": doc.dct.source if doc.dct else "unknown",
        "dct_confidence": doc.dct.confidence if doc.dct else 0.0,
        "encoding": doc.encoding,
    }


def mention_record(mention: Mention) -> dict[str, Any]:
    """The public jsonl record of one mention (fields may be added, never renamed)."""
    record: dict[str, Any] = {
        "doc": mention.doc,
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.text,
        "type": mention.type,
    }
    if mention.quantity is not None:
        q = mention.quantity
        record.update(
            value=_number(q.value), low=_number(q.low), high=_number(q.high),
            unit=q.unit, qualifier=q.qualifier,
        )
    elif mention.period is not None:
        p = mention.period
        record["kind"] = p.kind
        if p.kind == "duration":
            record["length"] = p.length
        else:
            record["start_date"] = p.start.isoformat() if p.start else None
            record["end_date"] = p.end.isoformat() if p.end else None
        record["granularity"] = p.granularity
    return record


def _number(value: float | None) -> float | int | None:
    """Write whole numbers without a trailing .0, as the contract shows (953000, not 953000.0)."""
    if value is None:
        return None
    rounded = round(value, 9)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 2**53 else rounded


def render_jsonl(doc: Document, mentions: Iterable[Mention]) -> str:
    """One JSON object per line: the document record, then its mentions."""
    lines = [json.dumps(document_record(doc), ensure_ascii=False)]
    lines += [json.dumps(mention_record(m), ensure_ascii=False) for m in mentions]
    return "\n".join(lines) + "\n"


def render_table(doc: Document, mentions: Iterable[Mention]) -> str:
    """A readable table: line:col, surface, and the normalized value."""
    dct = f"{doc.dct.date.isoformat()} ({doc.dct.source})" if doc.dct else "unknown"
    out = [f"{doc.path}  DCT {dct}"]
    for m in mentions:
        line = doc.text.count("\n", 0, m.span.start) + 1
        col = m.span.start - (doc.text.rfind("\n", 0, m.span.start) + 1) + 1
        surface = m.text.replace("\n", "⏎")
        out.append(f"  {line:>4}:{col:<4} {surface:<14} {_describe(m)}")
    return "\n".join(out) + "\n"


def _describe(m: Mention) -> str:
    """A one-line normalized reading of a mention."""
    if m.quantity is not None:
        q = m.quantity
        if q.low is None and q.high is None and q.qualifier != "over":
            # Fractions and 翻番 state a ratio with no rounding interval.
            return f"{_number(q.value):,} {q.unit or '-'}  (ratio)  {q.qualifier}"
        low = "−∞" if q.low is None else f"{_number(q.low):,}"
        high = "∞" if q.high is None else f"{_number(q.high):,}"
        close = ")" if q.high_open else "]"
        return f"{_number(q.value):,} {q.unit or '-'}  [{low}, {high}{close}  {q.qualifier}"
    p = m.period
    assert p is not None, "a mention carries a quantity or a period"
    if p.kind == "duration":
        return f"duration {p.length}"
    return f"{p.kind} {p.start} .. {p.end} ({p.granularity})"
