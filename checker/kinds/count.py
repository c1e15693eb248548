"""Count: an enumeration 'A、B、C等N大X' against the number of items it lists."""

from __future__ import annotations

from typing import Any

from checker.kinds._shared import expect_keys, make_finding
from checker.model import Finding


def parse_params(raw: dict[str, Any], path: str, lines: dict[str, int]) -> dict[str, Any]:
    """No parameters."""
    return expect_keys(raw, {}, path, lines)


def check(spec, context) -> list[Finding]:
    """Flag enumerations that list more items than stated, or fewer without 等."""
    findings = []
    for claim in context.index.claims:
        if claim.relation != "count" or not claim.items:
            continue
        stated = int(claim.value.value)
        open_ended = claim.items[-1] == "等"
        listed = len(claim.items) - open_ended
        if listed == stated or (listed < stated and open_ended):
            # 等 may close a list or cut it short: fewer items than stated is fine with 等.
            continue
        items = "、".join(i for i in claim.items if i != "等")
        arithmetic = f"列举{listed}项（{items}），文中称“{claim.mention.text}”"
        findings.append(make_finding(spec, (claim,), arithmetic=arithmetic, stated=claim.mention.text,
                                     listed=listed, items=items))
    return findings
