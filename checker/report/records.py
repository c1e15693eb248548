"""Plain-data records of findings and claims, shared by every renderer."""

from __future__ import annotations

from typing import Any

from checker.claims.link import fact_key
from checker.engine.runner import fingerprint
from checker.model import Claim, Finding


def claim_location(claim: Claim) -> dict[str, Any]:
    """Where a claim stands: doc, span and its text."""
    return {
        "doc": claim.doc,
        "start": claim.mention.span.start,
        "end": claim.mention.span.end,
        "text": claim.mention.text,
        "role": claim.role,
        "sentence": claim.sentence,
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    """The public JSON record of a finding (fields may be added, never renamed)."""
    locations = [claim_location(c) for c in finding.claims]
    locations += [{"doc": doc, "start": span.start, "end": span.end, "text": text} for doc, span, text in finding.spans]
    return {
        "rule": finding.rule,
        "kind": finding.kind,
        "severity": finding.severity,
        "message": finding.message,
        "arithmetic": finding.arithmetic,
        "suggestion": finding.suggestion,
        "fingerprint": fingerprint(finding),
        "fact": finding.fact_key,
        "inferred_date": finding.inferred_date,
        "claims": locations,
    }


def claim_record(claim: Claim) -> dict[str, Any]:
    """The public JSON record of a claim, for `hedui claims`."""
    q = claim.value
    period = claim.period
    record = claim_location(claim)
    record.update(
        subject=claim.subject, metric=str(claim.metric), modality=claim.modality, relation=claim.relation,
        period=claim.period_text or None,
        period_start=period.start.isoformat() if period and period.start else None,
        period_end=period.end.isoformat() if period and period.end else None,
        group=claim.group or None, heading=claim.heading, dimension=claim.dimension or None,
        base_factor=claim.base_factor, fact=str(key) if (key := fact_key(claim)) is not None else None,
        understood={"role": claim.understood.role, "metric": claim.understood.metric,
                    "subject": claim.understood.subject, "period": claim.understood.period,
                    "certain": claim.understood.certain},
    )
    if q is not None:
        record.update(value=q.value, low=q.low, high=q.high, unit=q.unit, qualifier=q.qualifier)
    if claim.items:
        record["items"] = list(claim.items)
    return record
