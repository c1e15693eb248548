"""The `check --format json` contract."""

from __future__ import annotations

import json
from collections import Counter

from checker.report.records import finding_record


def render_json(result, statuses: dict | None = None, reasons: dict | None = None, stale: tuple = ()) -> str:
    """One JSON object: documents, findings (each with its status) and a summary of the counted ones."""
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
    payload = {
        "documents": [
            {
                "doc": d.path,
                "dct": d.dct.date.isoformat() if d.dct else None,
                "dct_source": d.dct.source if d.dct else "unknown",
                "dct_inferred": bool(d.dct and d.dct.inferred),
            }
            for d in result.documents
        ],
        "findings": findings,
        "summary": {
            "documents": len(result.documents),
            "claims": result.total_claims,
            "facts": result.total_facts,
            "findings": {s: counts.get(s, 0) for s in ("error", "warning", "info")},
            "set_aside": dict(set_aside),
        },
        "stale_decisions": list(stale),
    }
    return json.dumps(payload, ensure_ascii=False) + "\n"  # compact: the C encoder, for large runs
