"""Count: an enumeration 'A、B、C等N大X' against the number of items it lists."""

from __future__ import annotations

from typing import Any

from checker.engine.kinds._shared import expect_keys, make_finding
from checker.model import Finding


def parse_params(raw: dict[str, Any], path: str, lines: dict[str, int]) -> dict[str, Any]:
    """Params: closed_units (counts of categories, 大/项/类) and max_gap (how many missing items with 等 still flag)."""
    params = expect_keys(raw, {"closed_units": list, "max_gap": int}, path, lines)
    params.setdefault("closed_units", ["大", "类"])
    params.setdefault("max_gap", 1)
    return params


def check(spec, context) -> list[Finding]:
    """Flag enumerations that list more items than stated, or fewer without 等."""
    findings = []
    for claim in context.index.claims:
        if claim.relation != "count" or not claim.items:
            continue
        stated = int(claim.value.value)
        open_ended = claim.items[-1] == "等"
        listed = len(claim.items) - open_ended
        if listed == stated:
            continue
        if listed < stated and open_ended and not _short_by_few(claim, stated - listed, spec.params):
            # 重庆大学、长安汽车、赛力斯等14家: 等 before a large count introduces a sample.
            continue
        items = "、".join(i for i in claim.items if i != "等")
        arithmetic = f"列举{listed}项（{items}），文中称“{claim.mention.text}”"
        findings.append(make_finding(spec, (claim,), arithmetic=arithmetic, stated=claim.mention.text,
                                     listed=listed, items=items))
    return findings


def _short_by_few(claim, gap: int, params: dict[str, Any]) -> bool:
    """True when a closed category count (六大) lists just one or two items fewer than it says."""
    return claim.value.unit in params["closed_units"] and gap <= params["max_gap"] and len(claim.items) >= 3
