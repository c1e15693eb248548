"""The `check --format json` contract."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from itertools import islice

from checker.report.records import finding_record

PIECE = 4096  # documents or findings rendered into one piece of the streamed report, at most
PIECE_CHARS = 1 << 19  # and about this much text (a finding's record, with its claims' sentences, is kilobytes)


def render_json(result, statuses: dict | None = None, reasons: dict | None = None, stale: tuple = ()) -> str:
    """One JSON object: documents, findings (each with its status) and a summary of the counted ones."""
    return "".join(render_json_pieces(result, statuses, reasons, stale))


def render_json_pieces(result, statuses: dict | None = None, reasons: dict | None = None,
                       stale: tuple = ()) -> Iterator[str]:
    """render_json's text in pieces, documents and findings a few thousand at a time (never all their records).

    The pieces join to exactly what `json.dumps` writes for the whole object (its default separators).
    """
    statuses, reasons = statuses or {}, reasons or {}
    yield '{"documents": ['
    yield from _joined(_document_records(result.documents))
    yield '], "findings": ['
    counts: Counter = Counter()
    set_aside: Counter = Counter()

    def counted(record: dict) -> dict:
        """Count a finding's record in the summary as it goes by."""
        if record["dismissed"]:
            set_aside[record["status"]] += 1
        else:
            counts[record["severity"]] += 1
        return record

    yield from _joined(counted(_finding_record(f, statuses, reasons)) for f in result.findings)
    summary = {
        "documents": len(result.documents),
        "claims": result.total_claims,
        "facts": result.total_facts,
        "findings": {s: counts.get(s, 0) for s in ("error", "warning", "info")},
        "set_aside": dict(set_aside),
    }
    yield f'], "summary": {_dumps(summary)}, "stale_decisions": {_dumps(list(stale))}}}\n'


def _joined(records: Iterator[dict]) -> Iterator[str]:
    """The records of a JSON list, without its brackets, PIECE records or about PIECE_CHARS of text at a time."""
    separator = ""
    while texts := list(_piece(records)):
        yield separator + ", ".join(texts)
        separator = ", "


def _piece(records: Iterator[dict]) -> Iterator[str]:
    """The next records' JSON texts, up to PIECE of them or until they pass PIECE_CHARS."""
    size = 0
    for record in islice(records, PIECE):
        text = _dumps(record)
        yield text
        size += len(text)
        if size >= PIECE_CHARS:
            # Enough text for one piece: the rest of the records go to the next.
            return


def _finding_record(finding, statuses: dict, reasons: dict) -> dict:
    """A finding's entry in the report, with its status (and the reason a decision gave)."""
    record = finding_record(finding)
    record["status"] = statuses.get(record["fingerprint"], "new")
    record["dismissed"] = record["status"] in ("dismissed", "suppressed", "baseline")
    if record["fingerprint"] in reasons:
        record["reason"] = reasons[record["fingerprint"]]
    return record


def _document_records(documents) -> Iterator[dict]:
    """The documents' entries in the report (compact stubs give their dates without building a Document each)."""
    dates = getattr(documents, "dates", None)
    rows = dates() if dates is not None else None
    if rows is None:
        return (_document_record(d) for d in documents)
    return ({"doc": path, "dct": day, "dct_source": source, "dct_inferred": inferred}
            for path, day, source, inferred in rows)


def _document_record(d) -> dict:
    """A document's entry in the report."""
    return {
        "doc": d.path,
        "dct": d.dct.date.isoformat() if d.dct else None,
        "dct_source": d.dct.source if d.dct else "unknown",
        "dct_inferred": bool(d.dct and d.dct.inferred),
    }


def _dumps(value) -> str:
    """A value in JSON as the report writes it (UTF-8 text kept, not escaped; compact: the C encoder)."""
    return json.dumps(value, ensure_ascii=False)
