"""Growth stated three ways: a level, the amount of its change and the rate (完成38.3亿元，同比增收6.5亿元，增长20.4%):
the rate is the amount over the level before the change."""

from __future__ import annotations

from checker.engine.kinds._shared import decimals_of, format_number, format_range, make_finding
from checker.model import Claim, Finding, Interval


def amount_direction(level: Claim, params, particles: tuple[str, ...]) -> str:
    """'up' or 'down' when a figure stands right after a verb giving the amount of a change (增收6.5亿元,
    减少了3万吨; the claim lexicon's particles may stand between), else ''."""
    before = level.sentence[: max(0, level.mention.reading_start - level.sentence_start)].rstrip()
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
    return make_finding(spec, (amount, level, change), arithmetic=arithmetic,
                        suggestion=f"“{word}{format_number(point, digits)}%”",
                        stated=change.mention.text.replace("\n", ""), computed=f"{format_number(point, digits)}%",
                        base=f"（{level.mention.text}{sign}{amount.mention.text}）", later=level.mention.text)
