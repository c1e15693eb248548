"""Growth: two levels and the change stated between them (增长X倍 vs 增长到X倍, X%, 翻番)."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs

from checker.claims.lexicon import ClaimLexicon
from checker.engine.kinds._shared import (
    at_face_value,
    decimals_of,
    expect_keys,
    format_number,
    format_range,
    make_finding,
    words_of,
)
from checker.engine.kinds.growth_amounts import amount_direction, check_amount, find_amount_changes
from checker.engine.kinds.growth_later import find_from_to_changes, in_next_clause
from checker.engine.kinds.growth_rates import LATER, check_percent, check_points
from checker.errors import RuleFileError
from checker.model import Claim, Finding, Interval

PROBLEMS = ("increase-by-vs-to", "change-mismatch", "percent-for-points", "rate-on-later-level")


@attrs.frozen
class Params:
    """problem: which of the growth problems this rule reports (increase-by-vs-to, change-mismatch,
    percent-for-points, rate-on-later-level); amount_words and amount_down_words: verbs of a gain (增收) and of a
    loss (减收) after which a figure is the amount of the change (完成38.3亿元，同比增收6.5亿元，增长20.4%), never one
    of its levels; real_measures: measures whose growth is at comparable prices even when unsaid (地区生产总值, 增加值),
    so never the ratio of a nominal amount to a nominal level."""

    problem: str
    amount_words: tuple[str, ...] = ()
    amount_down_words: tuple[str, ...] = ()
    real_measures: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {"problem": str, "amount_words": list, "amount_down_words": list,
                                "real_measures": list}, path, lines)
        if raw.get("problem") not in PROBLEMS:
            raise RuleFileError(path, lines.get("params.problem") or lines.get("params"), "params.problem",
                                f"must be one of: {', '.join(PROBLEMS)}")
        return cls(raw["problem"], words_of(raw, "amount_words", path, lines),
                   words_of(raw, "amount_down_words", path, lines), words_of(raw, "real_measures", path, lines))


def check(spec, context) -> list[Finding]:
    """Check every change statement (A, B, stated change) against the arithmetic of its levels."""
    findings = []
    headings = _heading_changes(context.index.claims)
    checked: set[int] = set()
    particles = tuple(context.lexicon.change.get("particles", ())) if context.lexicon is not None else ()
    for statement in context.statements:
        base, later, change = statement.base, statement.later, statement.change
        if _names_another_base(change, base, context.lexicon):
            # 2021年产量1.8万辆。…2023年产量7.5万辆，比2022年增长102.7%: the change names its own base year, not the
            # year of the level stated before it.
            continue
        amounts = (amount_direction(base, spec.params, particles), amount_direction(later, spec.params, particles))
        if amounts != ("", ""):
            # 完成38.3亿元，同比增收6.5亿元，增长20.4%: the figure after 增收 is the change itself, not a level;
            # the level before it and that amount give the base (38.3 − 6.5) the rate is measured from.
            finding = check_amount(spec, later, base, change, amounts[0]) if amounts[1] == "" else None
            findings.extend([finding] if finding is not None else [])
            continue
        # A headline restating the change (四年产量激增22倍) is checked against the body's levels too:
        # the nearest matching heading above the statement, once.
        heading = _heading_above(headings.get(change.doc, []), change)
        stated = [change] + ([heading] if heading is not None and id(heading) not in checked else [])
        if heading is not None:
            checked.add(id(heading))
        for each in stated:
            finding = _check_statement(spec, context.lexicon, base, later, each)
            if finding is not None:
                findings.append(finding)
    if spec.params.problem == LATER:
        for base, later, change in find_from_to_changes(context.index.claims, context.lexicon):
            # 由3500人增加到6000人，同比增长41.7%: 同比 keeps the two levels from one statement (their years are not
            # said a year apart), yet the frame ties them and the % matches their change over the later level.
            finding = check_percent(spec, base, later, change, change.figure.interval)
            findings.extend([finding] if finding is not None else [])
    for level, amount, change in find_amount_changes(context.index.claims, context.lexicon):
        # 完成38.3亿元，同比增加6.5亿元，增长20.4%: an increment the lexicon reads is the amount of the level's change.
        if any(word in level.metric.label for word in spec.params.real_measures):
            # 地区生产总值1180亿元，增加80亿元，增长4.6%: its growth is at comparable prices, even unsaid.
            continue
        direction = amount_direction(amount, spec.params, particles)
        finding = check_amount(spec, level, amount, change, direction) if direction else None
        findings.extend([finding] if finding is not None else [])
    return findings


def _heading_above(headings: list[Claim], change: Claim) -> Claim | None:
    """The nearest heading change before a statement that speaks of its metric."""
    above = [h for h in headings if h.mention.reading_start < change.mention.reading_start and _same_measure(h, change)]
    return above[-1] if above else None


def _heading_changes(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    """Changes stated in headings, by document."""
    found: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.heading and not claim.group and claim.relation in ("times_by", "times_to", "change_pct"):
            found[claim.doc].append(claim)
    for claims_of_doc in found.values():
        claims_of_doc.sort(key=lambda c: c.mention.reading_start)
    return found


def _same_measure(heading: Claim, change: Claim) -> bool:
    """True when a heading's change speaks of the body statement's metric: same measure and unit, same industry."""
    measure = (change.metric.measure, change.metric.measure_known)
    if not measure[0] or (heading.metric.measure, heading.metric.measure_known) != measure:
        return False
    if heading.figure.unit != change.figure.unit:
        return False
    if heading.metric == change.metric:
        return True
    # Headlines shorten names (新能源车 for 新能源汽车): the heading must share three characters of the industry.
    industry = change.metric.industry
    return bool(industry) and any(industry[i:i + 3] in heading.sentence for i in range(len(industry) - 2))


def _check_statement(spec, lexicon: ClaimLexicon, base: Claim, later: Claim, change: Claim) -> Finding | None:
    """Return a finding when the stated change does not fit the levels, for this rule's problem."""
    a, b, stated = base.figure.interval, later.figure.interval, change.figure.interval
    if a.low <= 0 or b.low < 0:
        # A zero or open base gives no ratio to check against.
        return None
    ratio = b.divide(a)
    by = ratio.shift(-1.0)
    relation = change.relation
    if relation in ("times_by", "times_to"):
        return _check_times(spec, lexicon, base, later, change, stated, ratio, by)
    if relation in ("change_pct", "change_pct_down"):
        if spec.params.problem == LATER and not in_next_clause(later, change, lexicon):
            # 由A增加到B；乙增长X%, 按可比价格计算增长X%: the % may measure another change than the two levels'.
            return None
        return check_percent(spec, base, later, change, stated)
    if relation == "points":
        return check_points(spec, lexicon, base, later, change, stated)
    if relation == "cagr" and spec.params.problem == "change-mismatch":
        return _check_annual(spec, base, later, change, stated, ratio)
    return None


def _check_annual(spec, base, later, change, stated: Interval, ratio: Interval) -> Finding | None:
    """年均增长X% over N years means (B/A)^(1/N) − 1 = X%."""
    if (base.period is None or later.period is None
            or base.period.granularity != "year" or later.period.granularity != "year"):
        # An average per year needs whole years at both ends.
        return None
    years = later.period.start.year - base.period.start.year
    if years <= 0:
        return None
    annual = Interval(ratio.low ** (1 / years) - 1, ratio.high ** (1 / years) - 1).scale(100.0)
    if stated.intersects(annual):
        return None
    digits = max(decimals_of(change.mention.text), 1)
    point = ((later.value.value / base.value.value) ** (1 / years) - 1) * 100
    arithmetic = (f"({format_number(later.value.value)} ÷ {format_number(base.value.value)})^(1/{years}) − 1 = "
                  f"{format_number(point, digits)}% (区间 {format_range(annual.low, annual.high, digits)}%)")
    return make_finding(spec, (base, later, change), arithmetic=arithmetic,
                        suggestion=f"“年均增长{format_number(point, digits)}%”",
                        stated=change.mention.text.replace("\n", ""), computed=f"{format_number(point, digits)}%",
                        base=base.mention.text, later=later.mention.text)


def _check_times(spec, lexicon: ClaimLexicon, base, later, change, stated: Interval, ratio: Interval,
                 by: Interval) -> Finding | None:
    """增长X倍 means B = (X+1)·A; 增长到X倍 and 翻番 mean B = X·A."""
    says_by = change.relation == "times_by"
    verb = lexicon.read_change_verb(_prefix_of(change), change.mention.text)
    if verb is None or verb.reading not in ("by", "to") or (verb.reading == "by") != says_by:
        # A verb the lexicon does not know (or reads otherwise than the claim) has no sure reading: never guess 增长到.
        return None
    fits_by, fits_to = stated.intersects(by), stated.intersects(ratio)
    if (says_by and fits_by) or (not says_by and fits_to):
        return _check_times_at_face_value(spec, verb.bare, base, later, change, stated)
    digits = max(decimals_of(change.mention.text), 1)
    point = later.value.value / base.value.value
    arithmetic = (
        f"{format_number(later.value.value)} ÷ {format_number(base.value.value)} = {point:.2f}"
        f" (区间 {ratio.low:.2f}–{ratio.high:.2f})；增长倍数 = {point - 1:.2f} (区间 {by.low:.2f}–{by.high:.2f})"
    )
    stated_text = change.mention.text.replace("\n", "")
    if fits_by or fits_to:
        if spec.params.problem != "increase-by-vs-to":
            return None
        written, other = (verb.bare, f"{verb.bare}到") if says_by else (f"{verb.bare}到", verb.bare)
        arithmetic += f"；文中‘{written}{stated_text}’只与‘{other}’相符"
        if says_by:
            suggestion = f"“{verb.bare}到{stated_text}”或“{verb.bare}{format_number(point - 1, digits)}倍”"
        else:
            suggestion = f"“{verb.bare}{stated_text}”或“{verb.bare}到{format_number(point, digits)}倍”"
        return make_finding(spec, (base, later, change), arithmetic=arithmetic, suggestion=suggestion,
                            stated=stated_text, computed=format_number(point - 1, digits), verb=verb.bare,
                            ratio=format_number(point, digits), base=base.mention.text, later=later.mention.text)
    if spec.params.problem != "change-mismatch":
        return None
    return make_finding(spec, (base, later, change), arithmetic=arithmetic,
                        suggestion=(f"“{verb.bare}{format_number(by.mid, digits)}倍”"
                                    f"或“{verb.bare}到{format_number(ratio.mid, digits)}倍”"),
                        stated=stated_text, computed=format_number(by.mid if says_by else ratio.mid, digits),
                        base=base.mention.text, later=later.mention.text)


def _check_times_at_face_value(spec, verb: str, base: Claim, later: Claim, change: Claim,
                               stated: Interval) -> Finding | None:
    """Round levels (2万→20万) fit both readings; at face value 增长10倍 must not be the ratio B/A itself."""
    if spec.params.problem != "increase-by-vs-to" or base.figure.value <= 0:
        # Only the by-vs-to confusion is decided at face value; a zero base gives no ratio.
        return None
    if not base.figure.qualifier == later.figure.qualifier == change.figure.qualifier == "exact":
        # 超2万辆, 20多倍: a hedged figure states no face value to compute with.
        return None
    point = later.figure.value / base.figure.value
    says_by = change.relation == "times_by"
    written, meant = (point - 1, point) if says_by else (point, point - 1)
    if stated.low <= written <= stated.high or not stated.low <= meant <= stated.high:
        # The wording fits the written figures, or the figures fit neither reading: no known confusion.
        return None
    stated_text = change.mention.text.replace("\n", "")
    digits = max(decimals_of(change.mention.text), 1)
    face = (f"按面值：{format_number(later.figure.value)} ÷ {format_number(base.figure.value)} = "
            f"{format_number(point, digits)}，增长倍数 = {format_number(point - 1, digits)}")
    if says_by:
        suggestion = f"“{verb}到{stated_text}”或“{verb}{format_number(point - 1, digits)}倍”"
    else:
        suggestion = f"“{verb}{stated_text}”或“{verb}到{format_number(point, digits)}倍”"
    finding = make_finding(spec, (base, later, change), suggestion=suggestion, stated=stated_text,
                           computed=format_number(point - 1, digits), verb=verb, ratio=format_number(point, digits),
                           base=base.mention.text, later=later.mention.text)
    return at_face_value(finding, face)


def _names_another_base(change: Claim, base: Claim, lexicon: ClaimLexicon | None) -> bool:
    """True when the words right before a change name a base year (比2022年, the lexicon's base_before words and
    year_marks) other than its base level's year."""
    words = tuple(lexicon.change.get("base_before", ())) if lexicon is not None else ()
    marks = tuple(lexicon.grammar.get("year_marks", ())) if lexicon is not None else ()
    found = _base_year_re(words, marks).search(_prefix_of(change)[-16:]) if words and marks else None
    if found is None or base.period is None or base.period.start is None or base.period.end is None:
        # No base year named (增长7倍, 同比增长), or an undated base: nothing to tell them apart by.
        return False
    return not base.period.start.year <= int(found.group("year")) <= base.period.end.year


@functools.lru_cache(maxsize=8)
def _base_year_re(words: tuple[str, ...], marks: tuple[str, ...]) -> re.Pattern[str]:
    """A base word and a year right before a change's verb (比2022年增长, 较2019年同期下降), compiled once."""
    bases = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    year = "|".join(map(re.escape, marks))
    return re.compile(f"(?:{bases})(?P<year>(?:19|20)\\d{{2}})(?:{year})[^0-9，,；;。]{{0,8}}$")


def _prefix_of(change: Claim) -> str:
    """The words of a change's sentence before its figure (…四年增长 for 22.2倍)."""
    return change.sentence[: max(0, change.mention.reading_start - change.sentence_start)]


