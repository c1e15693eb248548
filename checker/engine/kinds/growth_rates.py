"""Growth between two rates or shares: relative change in %, differences in 个百分点 (GB/T 15835 usage)."""

from __future__ import annotations

from checker.claims.lexicon import ClaimLexicon
from checker.engine.kinds._shared import at_face_value, decimals_of, format_number, format_range, make_finding
from checker.engine.kinds.growth_later import divides_by_later, report_later_base
from checker.model import Claim, Finding, Interval

LATER = "rate-on-later-level"  # the growth problem of a % computed on the later level


def check_percent(spec, base: Claim, later: Claim, change: Claim, stated: Interval) -> Finding | None:
    """增长X% is (B − A)/A; between two rates a stated % that is really B − A is percent-for-points."""
    if divides_by_later(base, later, change, stated):
        # 由1.2增加到1.6，增长25% (0.4 ÷ 1.6): the known confusion of the base is rate-on-later-level's finding.
        return report_later_base(spec, base, later, change, stated) if spec.params.problem == LATER else None
    if spec.params.problem == LATER:
        # Any other mismatch is change-mismatch's.
        return None
    a, b = base.figure.interval, later.figure.interval
    down = change.relation == "change_pct_down"
    change_pct = b.change_from(a).scale(100.0)
    if down:
        change_pct = change_pct.negate()
    if stated.intersects(change_pct):
        return _check_percent_at_face_value(spec, base, later, change, stated)
    digits = max(decimals_of(change.mention.text), 1)
    word = "下降" if down else "增长"
    points = _difference(a, b, down)
    rates = base.figure.unit == later.figure.unit == "%"
    if rates and stated.intersects(points):
        if spec.params.problem != "percent-for-points":
            return None
        arithmetic = (f"{later.mention.text} − {base.mention.text} = {format_number(points.mid, digits)}个百分点；"
                      f"相对变化 = {format_number(change_pct.mid, digits)}%")
        return make_finding(spec, (base, later, change), arithmetic=arithmetic,
                            suggestion=(f"“{word}{format_number(points.mid, digits)}个百分点”"
                                        f"或“{word}{format_number(change_pct.mid, digits)}%”"),
                            stated=change.mention.text.replace("\n", ""), points=format_number(points.mid, digits),
                            base=base.mention.text, later=later.mention.text)
    if spec.params.problem != "change-mismatch":
        return None
    first, second = (base, later) if down else (later, base)
    point = (first.figure.value - second.figure.value) / base.figure.value * 100
    arithmetic = (
        f"({format_number(first.figure.value)} − {format_number(second.figure.value)})"
        f" ÷ {format_number(base.figure.value)}"
        f" = {format_number(point, digits)}% (区间 {format_range(change_pct.low, change_pct.high, digits)}%)"
    )
    return make_finding(spec, (base, later, change), arithmetic=arithmetic,
                        suggestion=f"“{word}{format_number(point, digits)}%”",
                        stated=change.mention.text.replace("\n", ""), computed=f"{format_number(point, digits)}%",
                        base=base.mention.text, later=later.mention.text)


def _check_percent_at_face_value(spec, base: Claim, later: Claim, change: Claim, stated: Interval) -> Finding | None:
    """Round levels (100万→120万) allow almost any %: the written figures must still give the stated %."""
    if spec.params.problem != "change-mismatch" or base.figure.unit == "%" or base.figure.value <= 0:
        # Between rates a % may be meant as points (percent-for-points); a zero base has no change.
        return None
    if not base.figure.qualifier == later.figure.qualifier == change.figure.qualifier == "exact":
        # 突破4万亿, 约10%: a hedged figure states no face value to compute with.
        return None
    down = change.relation == "change_pct_down"
    point = (later.figure.value - base.figure.value) / base.figure.value * 100 * (-1 if down else 1)
    if stated.low <= point <= stated.high:
        return None
    digits = max(decimals_of(change.mention.text), 1)
    word = "下降" if down else "增长"
    first, second = (base, later) if down else (later, base)
    face = (f"按面值：({format_number(first.figure.value)} − {format_number(second.figure.value)}) ÷ "
            f"{format_number(base.figure.value)} = {format_number(point, digits)}%")
    finding = make_finding(spec, (base, later, change), suggestion=f"“{word}{format_number(point, digits)}%”",
                           stated=change.mention.text.replace("\n", ""), computed=f"{format_number(point, digits)}%",
                           base=base.mention.text, later=later.mention.text)
    return at_face_value(finding, face)


def check_points(spec, lexicon: ClaimLexicon, base: Claim, later: Claim, change: Claim,
                 stated: Interval) -> Finding | None:
    """提高X个百分点 between two rates is B − A in points."""
    if spec.params.problem != "change-mismatch" or not base.figure.unit == later.figure.unit == "%":
        # Points only measure the distance between two rates or shares.
        return None
    prefix = change.sentence[: max(0, change.mention.reading_start - change.sentence_start)]
    # The lexicon's one list of falls decides the direction, as it does for % (change_pct_down).
    down = bool(lexicon.fall_re.search(prefix))
    points = _difference(base.figure.interval, later.figure.interval, down)
    if stated.intersects(points):
        return None
    digits = max(decimals_of(change.mention.text), 1)
    word = "下降" if down else "提高"
    difference = format_number(later.figure.value - base.figure.value, digits)
    arithmetic = (f"{later.mention.text} − {base.mention.text} = {difference}"
                  f"个百分点 (区间 {format_range(points.low, points.high, digits)})")
    return make_finding(spec, (base, later, change), arithmetic=arithmetic,
                        suggestion=f"“{word}{format_number(points.mid, digits)}个百分点”",
                        stated=change.mention.text.replace("\n", ""),
                        computed=f"{format_number(points.mid, digits)}个百分点",
                        base=base.mention.text, later=later.mention.text)


def _difference(a: Interval, b: Interval, down: bool) -> Interval:
    """B − A (or A − B for a fall) over intervals."""
    rise = Interval(b.low - a.high, b.high - a.low)
    return rise.negate() if down else rise
