"""Link claims that state the same fact, across all documents, through a key index."""

from __future__ import annotations

from collections import defaultdict

import attrs

from checker.claims.enumeration import is_open_list
from checker.model import Claim, FactKey

LINKABLE = {"level", "share", "change_pct", "change_pct_down", "points", "count"}


@attrs.frozen
class Fact:
    """Claims with the same subject, metric, period, modality and relation."""

    key: FactKey
    claims: tuple[Claim, ...]

    @property
    def docs(self) -> frozenset[str]:
        """The documents that state this fact."""
        return frozenset(c.doc for c in self.claims)


@attrs.frozen
class FactIndex:
    """All claims of a run and the facts they form, indexed by key (never pairwise)."""

    claims: tuple[Claim, ...]
    facts: dict[FactKey, Fact]
    dates: dict[str, object]  # doc path -> DocumentDate | None

    def by_doc(self, doc: str) -> list[Claim]:
        """The claims of one document."""
        return [c for c in self.claims if c.doc == doc]


def fact_key(claim: Claim, *, with_period: bool = True) -> FactKey | None:
    """The key under which a claim links, or None when it is too unsure to link."""
    if claim.relation not in LINKABLE or claim.value is None:
        # Multiples and spans are checked inside their own statement, not linked.
        return None
    if not claim.subject or not claim.metric.linkable:
        # An unknown subject, or words before the figure that name no metric: a false link costs trust.
        return None
    if claim.role == "change" or claim.relation.startswith("change_pct") and "against_last_year" not in claim.grammar:
        # A change's base decides its value: only 同比 changes share one (the same period a year earlier).
        return None
    if "distributed" in claim.grammar:
        # 分别为A、B和C: which figure belongs to which item is too unsure to link.
        return None
    if claim.relation == "count" and is_open_list(claim):
        # A list with 等 may stop short of its count: only closed lists link.
        return None
    if claim.heading:
        # Headlines compress their wording; headline-vs-body compares them separately.
        return None
    period = _period_key(claim) if with_period else "*"
    if period is None:
        return None
    # 5项 and 四大 count the same list: an enumeration's classifier is not a unit. Other figures link by
    # their pint dimension, so 850米 and 0.85公里 are one fact, and 元 never meets 辆.
    unit = "" if claim.relation == "count" else (claim.dimension or claim.value.unit)
    # 全省 in a release that never names its province is that article's own: it meets no other article's 全省.
    subject = f"{claim.subject}@{claim.doc}" if claim.understood.subject == "unnamed" else claim.subject
    return FactKey(subject, claim.metric, period, claim.cumulative, claim.modality, claim.relation, unit)


def _period_key(claim: Claim) -> str | None:
    """The period part of a key: its first and last day, or None when undated."""
    period = claim.period
    if period is None or period.start is None or period.end is None:
        # An undated figure (or one of an undated article) has no period to meet another's.
        return None
    if period.kind == "asof" and (period.start != period.end or claim.understood.period == "context"):
        # 目前/截至目前 figures move with time: only a state on one known day, named in the figure's own
        # sentence, can meet another's (a 目前 carried over from the sentence before may date another list).
        return None
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def index_facts(claims: tuple[Claim, ...], dates: dict[str, object]) -> FactIndex:
    """Group linkable claims by key; a fact is a key stated by at least one claim."""
    groups: dict[FactKey, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = fact_key(claim)
        if key is not None:
            groups[key].append(claim)
    facts = {key: Fact(key, tuple(members)) for key, members in groups.items()}
    return FactIndex(tuple(claims), facts, dict(dates))
