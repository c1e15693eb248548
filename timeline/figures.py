"""Figure entries (actuals) and target entries (targets, forecasts, plans) from a run's claims."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from checker.claims.link import LINKABLE, FactIndex
from checker.model import Claim, FactKey, Metric
from timeline.context import DocumentView, flatten, make_source
from timeline.model import Announcement, Entry, Source

AIMED = {"target", "forecast", "plan"}
RELATION_LABELS = {"change_pct": "增速", "change_pct_down": "降幅", "points": "变化", "share": "占比"}
NEVER = dt.date.max  # undated documents sort after every dated one when choosing the shown value


def build_figures(claims: tuple[Claim, ...], index: FactIndex, views: dict[str, DocumentView]) -> list[Entry]:
    """One entry per fact of the run's index; placeable unkeyed claims stating the same figure share one entry."""
    keyed: dict[FactKey, list[Claim]] = defaultdict(list)
    keys = {claim: key for key, fact in index.facts.items() for claim in fact.claims}
    unkeyed: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.doc not in views:
            # a claim from a document the run did not keep cannot be shown in context
            continue
        key = keys.get(claim)
        if key is not None:
            keyed[key].append(claim)
        elif _placeable(claim):
            unkeyed[_same_figure(claim)].append(claim)
    entries = [_entry(members, "", views) for members in unkeyed.values()]
    entries += [_entry(members, str(key), views) for key, members in keyed.items()]
    return entries


def _same_figure(claim: Claim) -> tuple:
    """What makes two unlinked claims one figure on the page: who, what, when, how stated, the same value."""
    period, quantity = claim.period, claim.value
    when = (period.start, period.end, period.granularity) if period else None
    value = (quantity.value, quantity.unit, quantity.qualifier) if quantity else None
    # Without a subject (园区先进材料产值) two articles may mean two places: merge only within one article.
    whose = claim.subject or claim.doc
    return (whose, claim.metric.label, claim.relation, claim.modality, when, value)


def entry_title(subject: str, metric: Metric, relation: str) -> str:
    """The title of a figure: subject, metric and what the number measures."""
    title = " ".join(part for part in (subject, metric.label) if part)
    label = RELATION_LABELS.get(relation)
    return f"{title}（{label}）" if label else title


def _placeable(claim: Claim) -> bool:
    """True when an unkeyed claim can still stand on the timeline as a figure of its own."""
    period = claim.period
    if claim.relation not in LINKABLE or claim.value is None:
        # counts, multiples and spans are relations inside one statement, not figures at a date
        return False
    if period is None or period.start is None or period.end is None:
        # 近年来 has no start: there is no place on a time axis for it
        return False
    if claim.heading:
        # a headline compresses the body's figure; the body states it in full
        return False
    if not claim.metric.known:
        # without a known measure the title would guess what the number counts
        return False
    named = claim.subject or claim.metric.industry_named or claim.metric.scopes
    # 园区||产值 has no linkable subject, but its scope still says whose figure it is
    return bool(named)


def _entry(claims: list[Claim], key: str, views: dict[str, DocumentView]) -> Entry:
    """Build one figure or target entry from the claims that state it."""
    ordered = sorted(claims, key=lambda c: (_announced(c, views) or NEVER, c.doc, c.mention.span.start))
    sources = tuple(_source(c, views) for c in ordered)
    announcements = _announcements(ordered, sources)
    shown = ordered[-1] if len({a.text for a in announcements}) > 1 else ordered[0]
    first = ordered[0]
    period = first.period
    # Keyed and placeable claims alike have a period with both ends (see fact_key and _placeable).
    assert period is not None and period.start is not None and period.end is not None
    quantity = shown.value
    aimed = first.modality in AIMED
    dates = {a.announced for a in announcements}
    return Entry(
        sort="target" if aimed else "figure",
        start=period.start,
        end=period.end,
        granularity=period.granularity,
        period_kind=period.kind,
        period_text=flatten(first.period_text),
        title=entry_title(first.subject, first.metric, first.relation),
        text=flatten(shown.mention.text),
        value=quantity.value if quantity else None,
        unit=quantity.unit if quantity else "",
        modality=first.modality,
        announced=_announced(shown, views),
        sources=sources,
        subject=first.subject,
        metric=str(first.metric),
        relation=first.relation,
        measure=entry_title("", first.metric, first.relation),
        key=key,
        announcements=announcements,
        revised=aimed and len(announcements) > 1 and len(dates) > 1,
    )


def _source(claim: Claim, views: dict[str, DocumentView]) -> Source:
    """The source of one claim: its figure highlighted in its sentence."""
    mention = claim.mention
    return make_source(views[claim.doc], mention.reading_start, mention.reading_end)


def _announcements(claims: list[Claim], sources: tuple[Source, ...]) -> tuple[Announcement, ...]:
    """Each distinct value of an entry with the date it was first published, oldest first.

    One value written in two units (13872万吨(2774亿斤), 5194.9公斤/公顷(346.3公斤/亩)) is one value, not two wordings.
    """
    seen: dict[tuple[float, str, str] | str, Announcement] = {}
    kept: list[Claim] = []
    for claim, source in zip(claims, sources, strict=True):
        quantity = claim.value
        value = (quantity.value, quantity.qualifier, quantity.unit) if quantity else flatten(source.text)
        if value in seen or any(_converts(claim, other) for other in kept):
            # the same figure again, or the same figure in another unit of its measure
            continue
        seen[value] = Announcement(source.announced, flatten(source.text), source.doc)
        kept.append(claim)
    return tuple(seen.values())


def _converts(claim: Claim, other: Claim) -> bool:
    """True when one sentence gives a figure in two units of one dimension that allow the same value (万吨 and 亿斤)."""
    if claim.value is None or other.value is None or not claim.dimension or claim.dimension != other.dimension:
        # no figure, or units that do not convert into each other
        return False
    if (claim.doc, claim.sentence_start) != (other.doc, other.sentence_start):
        # 3000万吨 allows 2500万–3500万: only a sentence's own bracket (3000万吨(600亿斤)) surely restates its figure
        return False
    return claim.value.unit != other.value.unit and claim.interval().intersects(other.interval())


def _announced(claim: Claim, views: dict[str, DocumentView]) -> dt.date | None:
    """The date the claim's document was published, or None."""
    dct = views[claim.doc].doc.dct
    return dct.date if dct else None
