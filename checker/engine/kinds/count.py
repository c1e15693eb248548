"""Count: an enumeration 'A、B、C等N大X' against the number of items it lists."""

from __future__ import annotations

from typing import Any

import attrs

from checker.claims.enumeration import is_open_list, listed_items
from checker.engine.kinds._shared import expect_keys, make_finding, require_keys, words_of
from checker.model import Finding


@attrs.frozen
class Params:
    """closed_units: classifiers of a closed set of categories (N大, N类), required in the rule file;
    max_gap: how many items an open list (等) of such a set may miss before it is flagged (default 1)."""

    closed_units: tuple[str, ...]
    max_gap: int = 1

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {"closed_units": list, "max_gap": int}, path, lines)
        require_keys(raw, ("closed_units",), path, lines)
        return cls(closed_units=words_of(raw, "closed_units", path, lines), max_gap=raw.get("max_gap", 1))


def check(spec, context) -> list[Finding]:
    """Flag enumerations that list more items than stated, or fewer without 等."""
    findings = []
    for claim in context.index.claims:
        if claim.relation != "count" or not claim.items:
            continue
        stated = int(claim.value.value)
        open_ended = is_open_list(claim)
        listed = len(listed_items(claim))
        if listed == stated:
            continue
        if listed < stated and open_ended and not _short_by_few(claim, stated - listed, spec.params):
            # 重庆大学、长安汽车、赛力斯等14家: 等 before a large count introduces a sample.
            continue
        items = "、".join(listed_items(claim))
        arithmetic = f"列举{listed}项（{items}），文中称“{claim.mention.text}”"
        findings.append(make_finding(spec, (claim,), arithmetic=arithmetic, stated=claim.mention.text,
                                     listed=listed, items=items))
    return findings


def _short_by_few(claim, gap: int, params: Params) -> bool:
    """True when a closed category count (六大) lists just one or two items fewer than it says."""
    return claim.value.unit in params.closed_units and gap <= params.max_gap and len(claim.items) >= 3
