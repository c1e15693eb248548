"""Revision: a target or forecast for the same key changed between publications (info)."""

from __future__ import annotations

from checker.engine.kinds._shared import NoParams, make_finding, period_label
from checker.model import Finding

SCOPE = "corpus"  # compares claims across documents
Params = NoParams


def check(spec, context) -> list[Finding]:
    """Report each target fact whose stated value differs between documents of different dates."""
    findings = []
    for key, fact in context.index.facts.items():
        if fact.claims[0].modality not in ("target", "forecast") or len(fact.docs) < 2:
            continue
        dated = sorted(
            (c for c in fact.claims if context.index.dates.get(c.doc) is not None),
            key=lambda c: context.index.dates[c.doc].date,
        )
        if len(dated) < 2:
            # Without publication dates there is no before and after.
            continue
        old, new = dated[0], dated[-1]
        old_date, new_date = context.index.dates[old.doc], context.index.dates[new.doc]
        if old_date.date == new_date.date or old.value.value * old.base_factor == new.value.value * new.base_factor:
            continue
        findings.append(make_finding(
            spec, (old, new), fact_key=key,
            arithmetic=f"{old_date.date.isoformat()}：{old.mention.text}；{new_date.date.isoformat()}：{new.mention.text}",
            inferred_date=old_date.inferred or new_date.inferred,
            metric=old.metric.industry + old.metric.measure,
            subject=old.subject, period=period_label(old), old=old.mention.text, new=new.mention.text,
            old_date=old_date.date.isoformat(), new_date=new_date.date.isoformat(),
        ))
    return findings
