"""A whole's rate against its parts' levels and rates: the parts a year earlier are each level ÷ (1 + its rate), so
the whole's rate is the parts' sum over that earlier sum (生产总值16.84亿元增长21.6%, 其中第一产业1.23亿元增长0.3%…)."""

from __future__ import annotations

import itertools

from checker.engine.kinds._rate_parts import ITEM_MARKS, change_verb, find_sums, rates_by_doc, signed_rate
from checker.engine.kinds._shared import format_number, format_range, make_finding
from checker.model import Claim, Finding, Interval


def check_weighted_rate(spec, context) -> list[Finding]:
    """Flag a whole's rate that its parts' levels and rates cannot give: each part's level a year earlier is its
    level ÷ (1 + its rate), and the whole's rate is the parts' sum over their earlier sum (spec.params.sums)."""
    before: dict[int, Claim] = {}  # id of a rate -> the figure right before it in its document
    for claims in figures_by_doc(context.index.claims).values():
        before.update((id(later), earlier) for earlier, later in zip(claims, claims[1:], strict=False))
    findings = []
    for rates in rates_by_doc(context.index.claims).values():
        for labels in spec.params.sums:
            for whole, parts in find_sums(rates, labels[0], labels[1:], context):
                levels = [_level_of(claim, before) for claim in (whole, *(p for _, p in parts))]
                if any(level is None for level in levels):
                    # A whole or part whose rate follows no level of its own: nothing to weigh the rates by.
                    continue
                finding = _weigh(spec, whole, parts, [level for level in levels if level is not None])
                if finding is not None:
                    findings.append(finding)
    return findings


def figures_by_doc(claims) -> dict[str, list[Claim]]:
    """Every claim with a figure, by document, in text order."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.value is not None:
            by_doc.setdefault(claim.doc, []).append(claim)
    for figures in by_doc.values():
        figures.sort(key=lambda c: c.mention.reading_start)
    return by_doc


def _level_of(rate: Claim, figures_before: dict[int, Claim]) -> Claim | None:
    """The level a rate changes: the figure right before it in its sentence (16.84亿元,比上年同期增长21.6%), or
    before the amount of its change (17056万元,增收2113万元,增长14.14%), when that is a level in a unit of amount
    and no clause of its own stands between; `figures_before` maps each figure to the one before it."""
    before = figures_before.get(id(rate))
    if before is not None and before.relation == "increment" and before.sentence_start == rate.sentence_start:
        # 增收2113万元,增长14.14%: the amount and the rate state one change of the level before them both.
        before = figures_before.get(id(before))
    if before is None or before.relation != "level" or before.sentence_start != rate.sentence_start:
        # No level of the sentence right before the rate or its amount: an increment is never weighed as a level.
        return None
    if before.figure.unit in ("", "%", "％", "‰"):
        # A rate or a bare number is no amount a rate can weigh.
        return None
    between = rate.sentence[before.mention.reading_end - rate.sentence_start:rate.mention.reading_start
                            - rate.sentence_start]
    return None if ITEM_MARKS.search(between) else before


def _weigh(spec, whole: Claim, parts: list[tuple[str, Claim]], levels: list[Claim]) -> Finding | None:
    """A finding when the whole's stated rate lies outside what its parts' levels and rates give.

    `levels` are the whole's level, then each part's, in the order of `parts`. Growth at comparable prices weighs
    each part by its own prices: a part's weight a year earlier may be off by spec.params.price_factor either way,
    and the rate computed is the widest over those weights (a linear-fractional function: its extremes are at the
    corners of the box of weights).
    """
    whole_level, part_levels = levels[0], levels[1:]
    if any(level.figure.unit != whole_level.figure.unit for level in part_levels):
        # Parts in another unit than their whole are no terms of its sum.
        return None
    total = Interval(sum(level.figure.interval.low for level in part_levels),
                     sum(level.figure.interval.high for level in part_levels))
    if not total.intersects(whole_level.figure.interval):
        # The parts do not add up to the whole: they are not all of it (or partition-sum reports them).
        return None
    rates = [signed_rate(part) for _, part in parts]
    if any(rate.low <= -100.0 for rate in rates):
        # A part that fell by all of it or more gives no earlier level.
        return None
    stated = signed_rate(whole)
    if not (min(r.low for r in rates) <= stated.high and stated.low <= max(r.high for r in rates)):
        # Outside the range of the parts' rates: rate-between-parts reports that.
        return None
    computed = weighted_rate(part_levels, rates, spec.params.price_factor)
    if computed.intersects(stated):
        return None
    earlier = [level.figure.value / (1 + rate.mid / 100) for level, rate in zip(part_levels, rates, strict=True)]
    point = 100 * (sum(level.figure.value for level in part_levels) / sum(earlier) - 1)
    terms = " + ".join(f"{level.mention.text}÷(1{_sign(rate.mid)}{format_number(abs(rate.mid), 2)}%)"
                       for level, rate in zip(part_levels, rates, strict=True))
    arithmetic = (f"上年同期 = {terms} = {format_number(sum(earlier))}；"
                  f"{format_number(sum(level.figure.value for level in part_levels))} ÷ {format_number(sum(earlier))}"
                  f" − 1 = {format_number(point, 1)}%（各部分上年比重按价格差异放宽 {spec.params.price_factor:g} 倍后 "
                  f"{format_range(computed.low, computed.high, 1)}%）")
    shown = "、".join(f"{label}{level.mention.text}{change_verb(part)}{part.mention.text}"
                      for (label, part), level in zip(parts, part_levels, strict=True))
    suggestion = f"“{'下降' if point < 0 else '增长'}{format_number(abs(point), 1)}%”"
    return make_finding(spec, (whole_level, whole, *part_levels, *(p for _, p in parts)), arithmetic=arithmetic,
                        suggestion=suggestion, stated=whole.mention.text, computed=f"{format_number(point, 1)}%",
                        parts=shown)


def weighted_rate(levels: list[Claim], rates: list[Interval], factor: float) -> Interval:
    """The whole's rate in %, widest over each part's rounding and over weights off by the factor either way."""
    lows, highs = [], []
    for corner in itertools.product((1 / factor, factor), repeat=len(levels)):
        now_low = sum(w * level.figure.interval.low for w, level in zip(corner, levels, strict=True))
        now_high = sum(w * level.figure.interval.high for w, level in zip(corner, levels, strict=True))
        before_low = sum(w * level.figure.interval.low / (1 + rate.high / 100)
                         for w, level, rate in zip(corner, levels, rates, strict=True))
        before_high = sum(w * level.figure.interval.high / (1 + rate.low / 100)
                          for w, level, rate in zip(corner, levels, rates, strict=True))
        lows.append(100 * (now_low / before_high - 1))
        highs.append(100 * (now_high / before_low - 1))
    return Interval(min(lows), max(highs))


def _sign(rate: float) -> str:
    """The sign written before a rate's size in a term (1+0.3%, 1−2.9%)."""
    return "−" if rate < 0 else "+"
