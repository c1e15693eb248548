"""Tie together the figures of one change statement: 从A增至B，N年增长X倍."""

from __future__ import annotations

import re

import attrs

from checker.model import Claim, Document, Mention

CHANGE_RELATIONS = {"times_by", "times_to", "times_down", "change_pct", "change_pct_down"}
FROM_WORDS = re.compile(r"(?:从|由)[^，,。；]{0,12}$")


def group_claims(doc: Document, claims: tuple[Claim, ...], mentions: tuple[Mention, ...]) -> tuple[Claim, ...]:
    """Return the claims with group and role set where a sentence states A, B and the change."""
    by_sentence: dict[int, list[int]] = {}
    for index, claim in enumerate(claims):
        by_sentence.setdefault(claim.sentence_start, []).append(index)
    updated = list(claims)
    extra: list[Claim] = []
    for start, indexes in by_sentence.items():
        found = _find_change(doc, [claims[i] for i in indexes])
        if found is None:
            # Most sentences state single figures: nothing ties them together.
            continue
        base, later, change = found
        group = f"{doc.path}#{later.mention.span.start}"
        for claim, role in ((base, "from"), (later, "to")):
            updated[claims.index(claim)] = attrs.evolve(claim, group=group, role=role)
        # The change speaks of the levels' metric (四年增长22.2倍 is about 新能源汽车产量).
        updated[claims.index(change)] = attrs.evolve(change, group=group, role="change", metric=later.metric,
                                                     subject=later.subject or change.subject)
        span = _duration_before(change, mentions, later)
        if span is not None:
            extra.append(attrs.evolve(change, mention=span, relation="span", group=group, role="span"))
    return tuple(updated + extra)


def _find_change(doc: Document, sentence_claims: list[Claim]) -> tuple[Claim, Claim, Claim] | None:
    """Find (earlier level, later level, stated change) in one sentence's claims, in text order."""
    ordered = sorted(sentence_claims, key=lambda c: c.mention.reading_start)
    for k, change in enumerate(ordered):
        if change.relation not in CHANGE_RELATIONS:
            continue
        levels = [c for c in ordered[:k] if c.relation == "level" and c.value is not None]
        pair = _level_pair(doc, levels)
        if pair is not None:
            return pair[0], pair[1], change
    return None


def _level_pair(doc: Document, levels: list[Claim]) -> tuple[Claim, Claim] | None:
    """The last two levels in the same unit that read as 'from A … to B'."""
    for j in range(len(levels) - 1, 0, -1):
        later = levels[j]
        for base in reversed(levels[:j]):
            if base.value.unit != later.value.unit:
                continue
            if _dated_in_order(base, later) or _introduced_by_from(doc, base):
                return base, later
    return None


def _dated_in_order(base: Claim, later: Claim) -> bool:
    """True when both figures are dated and the first is earlier."""
    if base.period is None or later.period is None or base.period.start is None or later.period.start is None:
        return False
    return base.period.start < later.period.start


def _introduced_by_from(doc: Document, base: Claim) -> bool:
    """True when the first figure follows 从/由 (从4.3万辆增至95.3万辆)."""
    prefix = doc.reading[max(0, base.mention.reading_start - 14):base.mention.reading_start]
    return bool(FROM_WORDS.search(prefix))


def _duration_before(change: Claim, mentions: tuple[Mention, ...], later: Claim) -> Mention | None:
    """A duration stated between the later figure and the change (…95.3万辆，四年增长22.2倍)."""
    for mention in mentions:
        if mention.period is None or mention.period.kind != "duration":
            continue
        if later.mention.reading_end <= mention.reading_start < change.mention.reading_start:
            return mention
    return None
