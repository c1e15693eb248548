"""Forecast vs actual: a target or forecast for a period, and the actual later reported for it."""

from __future__ import annotations

import attrs

from checker.engine.kinds._shared import NoParams, make_finding, period_label
from checker.model import Finding

SCOPE = "corpus"  # compares claims across documents
Params = NoParams


def claim_view(spec, claim, date: object) -> tuple[()]:
    """What this rule reads of a claim besides its fact and interval to pick it (checker.run.reduce): nothing."""
    return ()


def check(spec, context) -> list[Finding]:
    """Report targets whose period has an actual figure in the index that misses them."""
    findings = []
    facts = context.index.facts
    for key, fact in facts.items():
        head = fact.claims[0]
        if head.modality not in ("target", "forecast"):
            continue
        actual = facts.get(attrs.evolve(key, modality="actual"))
        if actual is None:
            # Nothing reported yet for the target's period.
            continue
        target, reported = head, actual.claims[0]
        if target.interval().intersects(reported.interval()):
            continue
        verdict = "未达到" if reported.interval().high < target.interval().low else "超出"
        findings.append(make_finding(
            spec, (target, reported), fact_key=key, target=target.mention.text, actual=reported.mention.text,
            verdict=verdict, period=period_label(target), label="预测" if target.modality == "forecast" else "目标",
            arithmetic=(f"{'预测' if target.modality == 'forecast' else '目标'}“{target.mention.text}”，"
                        f"实际“{reported.mention.text}”：{verdict}"),
        ))
    return findings
