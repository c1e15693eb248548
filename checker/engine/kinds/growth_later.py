"""A % change computed on the later level instead of the base (由1.2平方公里增加到1.6平方公里，增长25%: 0.4 ÷ 1.6),
the known confusion of which level a rate is measured from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs

from checker.claims.lexicon import ClaimLexicon
from checker.engine.kinds._shared import at_face_value, decimals_of, format_number, make_finding
from checker.model import Claim, Finding, Interval

RATES = ("change_pct", "change_pct_down")
ITEM_MARKS = "；;。"  # marks that open another item of a sentence
# The two readings must lie more than this many steps of the rate's last written digit apart to tell them apart.
DISTINCT_STEPS = 2
FROM_REACH = 14  # characters before a figure where 从/由 (and a year: 从2005年的) may introduce it


def divides_by_later(base: Claim, later: Claim, change: Claim, stated: Interval) -> bool:
    """True when the stated % is the change over the later level at face value and not the change over the base."""
    if base.figure.unit != later.figure.unit or base.figure.unit in ("", "%", "％", "‰"):
        # Only two amounts of one unit; between rates a % may be meant as points (percent-for-points).
        return False
    if not base.figure.qualifier == later.figure.qualifier == change.figure.qualifier == "exact":
        # 约700亿, 20多倍: a hedged figure states no face value to compute with.
        return False
    a, b = base.figure.value, later.figure.value
    difference = a - b if change.relation == "change_pct_down" else b - a
    if a <= 0 or b <= 0 or difference <= 0:
        # A change against its own direction, or a zero level, is no base confusion.
        return False
    right, written = 100 * difference / a, 100 * difference / b
    if abs(right - written) <= DISTINCT_STEPS * 10.0 ** -decimals_of(change.mention.text):
        # 7.262→7.899亿元，增长8%: the two readings (8.8% and 8.1%) lie within a few written digits of each other, so
        # matching one of them tells nothing of how the rate was computed (it may be growth at comparable prices).
        return False
    return stated.low <= written <= stated.high and not stated.low <= right <= stated.high


def report_later_base(spec, base: Claim, later: Claim, change: Claim, stated: Interval) -> Finding:
    """A warning giving both computations: the change over the base (right) and over the later level (as written)."""
    down = change.relation == "change_pct_down"
    a, b = base.figure.value, later.figure.value
    first, second = (a, b) if down else (b, a)
    digits = max(decimals_of(change.mention.text), 1)
    right, written = 100 * (first - second) / a, 100 * (first - second) / b
    word = "下降" if down else "增长"
    difference = f"({format_number(first)} − {format_number(second)})"
    arithmetic = (f"按变化前的数值：{difference} ÷ {format_number(a)} = {format_number(right, digits)}%；"
                  f"文中的{change.mention.text}是除以变化后的数值：{difference} ÷ {format_number(b)} = "
                  f"{format_number(written, digits)}%")
    finding = make_finding(spec, (base, later, change), suggestion=f"“{word}{format_number(right, digits)}%”",
                           stated=change.mention.text.replace("\n", ""), computed=f"{format_number(right, digits)}%",
                           base=base.mention.text, later=later.mention.text)
    change_pct = later.figure.interval.change_from(base.figure.interval).scale(100.0)
    if (change_pct.negate() if down else change_pct).intersects(stated):
        # The levels' rounding alone could give the stated rate: only the face value proves the confusion.
        return at_face_value(finding, arithmetic)
    return attrs.evolve(finding, arithmetic=arithmetic)


def find_from_to_changes(claims: Iterable[Claim], lexicon: ClaimLexicon | None) -> list[tuple[Claim, Claim, Claim]]:
    """Each 从A增加到B，增长X% of one sentence the change statements leave out (由A增加到B，同比增长X%, where the
    levels' years are no year apart): the from-to frame itself ties the two levels, the next clause's % to them."""
    if lexicon is None:
        # Without the lexicon no verb tells a from-to frame.
        return []
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.value is not None and not claim.heading:
            by_sentence[(claim.doc, claim.sentence_start)].append(claim)
    found = []
    for figures in by_sentence.values():
        figures.sort(key=lambda c: c.mention.reading_start)
        for before, base, later, change in zip([None, *figures], figures, figures[1:], figures[2:], strict=False):
            if change.group or change.relation not in RATES or not base.relation == later.relation == "level":
                # A grouped change is a change statement of its own; only a % after two levels is this pattern.
                continue
            if _from_to(base, later, before, lexicon) and in_next_clause(later, change, lexicon):
                found.append((base, later, change))
    return found


def _from_to(base: Claim, later: Claim, before: Claim | None, lexicon: ClaimLexicon) -> bool:
    """True when 从/由 introduces the base and a verb of 到 the later level in one clause (从A增加到B)."""
    offset = base.sentence_start
    start = max(before.mention.reading_end if before is not None else offset, base.mention.reading_start - FROM_REACH)
    if not lexicon.from_re.search(base.sentence[start - offset:base.mention.reading_start - offset]):
        return False
    between = base.sentence[base.mention.reading_end - offset:later.mention.reading_start - offset]
    if lexicon.clause_marks_re.search(between):
        # 从A…，到B: a frame that runs over a clause mark may tie other figures.
        return False
    return any(between.rstrip().endswith(word) for word in lexicon.change.get("to", ()))


def in_next_clause(later: Claim, change: Claim, lexicon: ClaimLexicon | None) -> bool:
    """True when the % stands in the later level's sentence, in its clause or the next, with no other item, list or
    method between."""
    if lexicon is None or later.doc != change.doc or later.sentence_start != change.sentence_start:
        # A rate in another sentence (or a headline) may measure another change: only one sentence ties them.
        return False
    offset = later.sentence_start
    between = later.sentence[later.mention.reading_end - offset:change.mention.reading_start - offset]
    if any(mark in between for mark in ITEM_MARKS) or len(lexicon.clause_marks_re.findall(between)) > 1:
        # 甲由A增至B；乙增长X%: another item's rate.
        return False
    if lexicon.distributed_re.search(between):
        # 分别增长X%、Y%: the rates of listed items.
        return False
    # 按可比价格计算增长X%: growth at constant prices is no ratio of nominal levels.
    return not any(word in between for word in lexicon.grammar.get("asides", ()))
