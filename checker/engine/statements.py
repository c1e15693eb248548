"""Change statements, built once per run from the claims that grouping tied together."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from checker.model import ChangeStatement, Claim


def build_statements(claims: Iterable[Claim]) -> tuple[ChangeStatement, ...]:
    """One statement per stated change of every group that has both levels."""
    groups: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.group:
            groups[claim.group][claim.role].append(claim)
    statements: list[ChangeStatement] = []
    for members in groups.values():
        if not (members["from"] and members["to"]):
            # A change with one level stated (比上年增长X) has no arithmetic of its own to check.
            continue
        base, later = members["from"][0], members["to"][0]
        span = members["span"][0] if members["span"] else None
        statements.extend(ChangeStatement(base, later, change, span) for change in members["change"])
    return tuple(statements)

