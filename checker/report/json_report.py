"""The `check --format json` contract."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from itertools import islice

from checker.report.records import finding_record

DOCUMENTS_AT_A_TIME = 4096  # documents rendered into one piece of the streamed report


def render_json(result, statuses: dict | None = None, reasons: dict | None = None, stale: tuple = ()) -> str:
    """One JSON object: documents, findings (each with its status) and a summary of the counted ones."""
    return "".join(render_json_pieces(result, statuses, reasons, stale))


def render_json_pieces(result, statuses: dict | None = None, reasons: dict | None = None,
                       stale: tuple = ()) -> Iterator[str]:
    """render_json's text in pieces, the documents a few thousand at a time (never the whole list in memory).

    The pieces join to exactly what `json.dumps` writes for the whole object (its default separators).
    """
    statuses, reasons = statuses or {}, reasons or {}
    findings = []
    for finding in result.findings:
        record = finding_record(finding)
        record["status"] = statuses.get(record["fingerprint"], "new")
        record["dismissed"] = record["status"] in ("dismissed", "suppressed", "baseline")
        if record["fingerprint"] in reasons:
            record["reason"] = reasons[record["fingerprint"]]
        findings.append(record)
    counts = Counter(f["severity"] for f in findings if not f["dismissed"])
    set_aside = Counter(f["status"] for f in findings if f["dismissed"])
    summary = {
        "documents": len(result.documents),
        "claims": result.total_claims,
        "facts": result.total_facts,
        "findings": {s: counts.get(s, 0) for s in ("error", "warning", "info")},
        "set_aside": dict(set_aside),
    }
    yield '{"documents": ['
    documents = iter(result.documents)
    separator = ""
    while piece := list(islice(documents, DOCUMENTS_AT_A_TIME)):
        yield separator + ", ".join(_dumps(_document_record(d)) for d in piece)
        separator = ", "
    yield f'], "findings": {_dumps(findings)}, "summary": {_dumps(summary)}, '
    yield f'"stale_decisions": {_dumps(list(stale))}}}\n'


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
