"""Change statements, built once per run from the claims that grouping tied together."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable

from checker.model import ChangeStatement, Claim


def build_statements(claims: Iterable[Claim]) -> tuple[ChangeStatement, ...]:
    """One statement per stated change of every group that has both levels, unless other levels stand between."""
    groups: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    loose: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.group:
            groups[claim.group][claim.role].append(claim)
        elif claim.relation == "level" and claim.value is not None:
            loose[(claim.doc, claim.dimension)].append(claim)
    starts = {key: sorted(c.mention.reading_start for c in found) for key, found in loose.items()}
    statements: list[ChangeStatement] = []
    for members in groups.values():
        if not (members["from"] and members["to"]):
            # A change with one level stated (比上年增长X) has no arithmetic of its own to check.
            continue
        base, later = members["from"][0], members["to"][0]
        span = members["span"][0] if members["span"] else None
        statements.extend(ChangeStatement(base, later, change, span) for change in members["change"]
                          if not _levels_between(starts, base, later, change))
    return tuple(statements)


def _levels_between(starts: dict[tuple[str, str], list[int]], base: Claim, later: Claim, change: Claim) -> bool:
    """True when a level of the levels' kind, outside their group, stands between them and the change.

    营业收入A，较去年同期B增长x%；净利润C，较上年D增长y%: y% follows its own levels C and D, so it is no statement
    about A and B even when grouping tied it to them (parallel items, each with its levels and change)."""
    positions = starts.get((base.doc, base.dimension), [])
    levels_end = max(base.mention.reading_start, later.mention.reading_start)
    at = change.mention.reading_start
    low, high = (levels_end, at) if levels_end < at else (at, min(base.mention.reading_start,
                                                                   later.mention.reading_start))
    return bisect_left(positions, high) > bisect_right(positions, low)
