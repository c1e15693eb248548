"""Growth stated three ways: a level, the amount of its change and the rate (完成38.3亿元，同比增收6.5亿元，增长20.4%):
the rate is the amount over the level before the change."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from checker.claims.lexicon import ClaimLexicon
from checker.engine.kinds._shared import decimals_of, format_number, format_range, make_finding
from checker.model import Claim, Finding, Interval

ITEM_MARK = re.compile(r"[；;。]")  # a mark that opens another item of a sentence


def find_amount_changes(claims: Iterable[Claim], lexicon: ClaimLexicon | None) -> list[tuple[Claim, Claim, Claim]]:
    """Each level, increment and % change stated in a row in one item of a sentence (完成38.3亿元，同比增加6.5亿元，
    增长20.4%): the increment is the amount of the level's change, the rate its ratio to the level before."""
    if lexicon is None:
        # Without the lexicon no clause can be told a base or a method: nothing is read as one change.
        return []
    bases, asides = lexicon.change.get("base_before", ()), lexicon.grammar.get("asides", ())
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.value is not None:
            by_doc[claim.doc].append(claim)
    found = []
    for figures in by_doc.values():
        figures.sort(key=lambda c: c.mention.reading_start)
        for level, amount, change in zip(figures, figures[1:], figures[2:], strict=False):
            if (level.relation, amount.relation) != ("level", "increment") or change.relation not in (
                    "change_pct", "change_pct_down") or not level.sentence_start == amount.sentence_start \
                    == change.sentence_start:
                # Only a level, its increment and its rate of one sentence state one change three ways.
                continue
            between = change.sentence[level.mention.reading_end - change.sentence_start:
                                      change.mention.reading_start - change.sentence_start]
            if ITEM_MARK.search(between):
                # 税收收入X；非税收入增收Y，增长Z%: another item's amount and rate, not this level's.
                continue
            if any(word in between for word in asides):
                # 增加80亿元，按可比价格计算增长4.6%: growth at constant prices is no ratio of nominal amounts.
                continue
            clause = lexicon.clause_marks_re.split(_prefix_of(level))[-1]
            if any(word in clause for word in bases):
                # 较“十三五”末的9323.1亿元增加4374.4亿元: the level is the base of the change, not its later level.
                continue
            if not level.metric or not level.metric == amount.metric == change.metric:
                # 财政收入38.3亿元，其中税收收入增加6.5亿元: an amount or rate with words of its own is another's.
                continue
            after = change.sentence[amount.mention.reading_end - change.sentence_start:
                                    change.mention.reading_start - change.sentence_start]
            if any(word in after for word in bases):
                # 比年初增加1613亿元，同比增长8.5%: a rate naming its own base measures another change than the amount.
                continue
            found.append((level, amount, change))
    return found


def amount_direction(level: Claim, params, particles: tuple[str, ...]) -> str:
    """'up' or 'down' when a figure stands right after a verb giving the amount of a change (增收6.5亿元,
    减少了3万吨; the claim lexicon's particles may stand between), else ''."""
    before = _prefix_of(level).rstrip()
    while (word := next((w for w in particles if w and before.endswith(w)), "")):
        before = before.removesuffix(word).rstrip()
    if any(before.endswith(word) for word in params.amount_words):
        return "up"
    return "down" if any(before.endswith(word) for word in params.amount_down_words) else ""


def check_amount(spec, level: Claim, amount: Claim, change: Claim, direction: str) -> Finding | None:
    """A level, the amount of its change and the rate (完成38.3亿元，增收6.5亿元，增长20.4%): the rate is the amount
    over the level before the change (38.3 − 6.5)."""
    down = change.relation == "change_pct_down"
    if spec.params.problem != "change-mismatch" or change.relation not in ("change_pct", "change_pct_down") \
            or down != (direction == "down") or level.figure.unit != amount.figure.unit:
        # Only a % change in the amount's own direction, and one unit for level and amount, give this arithmetic.
        return None
    a, d = level.figure.interval, amount.figure.interval
    base = Interval(a.low + d.low, a.high + d.high) if down else Interval(a.low - d.high, a.high - d.low)
    if base.low <= 0:
        # An amount as large as the level leaves no base to measure a rate from.
        return None
    rate = Interval(100 * d.low / base.high, 100 * d.high / base.low)
    stated = change.figure.interval
    if stated.intersects(rate):
        return None
    digits = max(decimals_of(change.mention.text), 1)
    sign = "+" if down else "−"
    point = 100 * amount.figure.value / (level.figure.value + (1 if down else -1) * amount.figure.value)
    word = "下降" if down else "增长"
    arithmetic = (f"{format_number(amount.figure.value)} ÷ ({format_number(level.figure.value)} {sign} "
                  f"{format_number(amount.figure.value)}) = {format_number(point, digits)}% "
                  f"(区间 {format_range(rate.low, rate.high, digits)}%)")
    implied = _implied_level(d, stated, down)
    suggestion = f"“{word}{format_number(point, digits)}%”"
    if implied is not None:
        # 约700亿元，增长150多亿元，增幅22.57%: the increment and the rate fix the level too (814.6–868.9亿元), and
        # the hedged level, not the precise rate, may be the figure written wrong.
        low, high = (format_number(value, 1) for value in (implied.low, implied.high))
        arithmetic += (f"；由增量与增幅推算水平值：{format_number(amount.figure.value)} ÷ {change.mention.text} × "
                       f"(1 {'−' if down else '+'} {change.mention.text}) = {low}–{high}{level.figure.unit}")
        suggestion += f"，或水平值应在{low}–{high}{level.figure.unit}之间"
    return make_finding(spec, (amount, level, change), arithmetic=arithmetic,
                        suggestion=suggestion,
                        stated=change.mention.text.replace("\n", ""), computed=f"{format_number(point, digits)}%",
                        base=f"（{level.mention.text}{sign}{amount.mention.text}）", later=level.mention.text)


def _implied_level(amount: Interval, rate: Interval, down: bool) -> Interval | None:
    """The level an amount of change and its % rate give together: amount × (1 ± r) ÷ r; None for no rate."""
    if rate.low <= 0 or (down and rate.high >= 100):
        # A zero rate gives any base, a fall of 100% or more no level after it.
        return None
    sign = -1 if down else 1
    ends = [d * (1 + sign * r / 100) / (r / 100) for d in (amount.low, amount.high) for r in (rate.low, rate.high)]
    return Interval(min(ends), max(ends))


def _prefix_of(claim: Claim) -> str:
    """The words of a claim's sentence before its figure."""
    return claim.sentence[: max(0, claim.mention.reading_start - claim.sentence_start)]
