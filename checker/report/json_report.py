"""The `check --format json` contract."""

from __future__ import annotations

import json
from collections import Counter

from checker.report.records import finding_record


def render_json(result, extra_findings: dict | None = None) -> str:
    """One JSON object: documents, findings and a summary."""
    findings = [finding_record(f) for f in result.findings]
    counts = Counter(f.severity for f in result.findings)
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
            "claims": len(result.claims),
            "facts": len(result.index.facts),
            "findings": {s: counts.get(s, 0) for s in ("error", "warning", "info")},
        },
    }
    if extra_findings:
        payload.update(extra_findings)
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
