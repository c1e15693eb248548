"""Contribution: a part's 贡献率 and its 拉动 (points of the whole's growth) against each other and the whole.

拉动 X个百分点 = 贡献率 × the whole's growth rate = the part's increment ÷ the whole's previous level. A part's
贡献率 and 拉动 stated together (商品零售收入…贡献率85.3%，拉动全州社会消费品零售总额增长7.1个百分点) name the
whole they pull; the whole's rate is the article's rate of that name, and its level the level stated with it.
Every figure is compared by the interval of its written digits, and every figure of the named whole must miss.
"""

from __future__ import annotations

import re
from itertools import product
from typing import Any

import attrs

from checker.engine.kinds._shared import (
    display_metric,
    documents_with_claims,
    expect_keys,
    format_number,
    format_range,
    make_finding,
    require_keys,
    words_of,
)
from checker.errors import RuleFileError
from checker.model import Claim, Finding, Interval, Period

WORD_KEYS = ("rate_words", "pull_words", "growth_words", "place_words", "clause_ends", "sentence_ends", "to_words")


@attrs.frozen
class Params:
    """From the rule file: rate_words name a 贡献率 (the figure after them in their clause); pull_words + a whole's
    name + growth_words right before a 个百分点 figure state its 拉动; place_words before a whole's name are dropped
    (全州社会消费品零售总额 is the 社会消费品零售总额 figure); abbreviations expand short names (社零 → 社会消费品零售);
    clause_ends split clauses (，), sentence_ends the parts of a sentence (；) whose 贡献率 and 拉动 are one part's;
    to_words before the last of several % figures of a 贡献率 clause make it the current one (由40%上升至63.2%)."""

    rate_words: tuple[str, ...]
    pull_words: tuple[str, ...]
    growth_words: tuple[str, ...]
    place_words: tuple[str, ...]
    clause_ends: tuple[str, ...]
    sentence_ends: tuple[str, ...]
    to_words: tuple[str, ...]
    points_unit: str
    abbreviations: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {**dict.fromkeys(WORD_KEYS, list), "points_unit": str, "abbreviations": dict},
                          path, lines)
        require_keys(raw, (*WORD_KEYS, "points_unit"), path, lines)
        pairs = raw.get("abbreviations", {})
        for short, full in pairs.items():
            if not (isinstance(short, str) and isinstance(full, str) and short and full):
                raise RuleFileError(path, lines.get("params.abbreviations"), f"params.abbreviations.{short}",
                                    "must map a short name to its full name, both non-empty text")
        return cls(**{key: words_of(raw, key, path, lines) for key in WORD_KEYS},
                   points_unit=str(raw["points_unit"]),
                   abbreviations=tuple(sorted(pairs.items(), key=lambda pair: -len(pair[0]))))


@attrs.frozen
class Pair:
    """One part's 贡献率 and 拉动 in one part of a sentence, the whole they name, and the part's own level and rate."""

    rate: Claim
    pull: Claim
    whole: str  # the named whole's core name (社会消费品零售总额)
    level: Claim | None
    growth: Claim | None


def check(spec, context) -> list[Finding]:
    """Flag a 拉动 that is not 贡献率 × the whole's rate, or not the part's increment ÷ the whole's previous level;
    with no rate of the whole stated, flag parts of one whole whose 拉动 ÷ 贡献率 (the whole's rate) differ."""
    findings: list[Finding] = []
    for document, claims in documents_with_claims(context):
        pairs = _pairs(spec.params, claims, document.reading)
        unrated = []
        for pair in pairs:
            rates = _whole_rates(spec.params, pair, claims, document.reading)
            if not rates:
                unrated.append(pair)
                continue
            finding = _against_rate(spec, pair, rates) or _against_levels(spec, pair, rates, claims)
            if finding is not None:
                findings.append(finding)
        findings.extend(_across(spec, unrated))
    return findings


def _pairs(params: Params, claims: list[Claim], reading: str) -> list[Pair]:
    """Each part of a sentence with exactly one 拉动 and one 贡献率 clause (its last figure after a to-word when it
    has several: 由去年的40%上升至63.2%)."""
    groups: dict[tuple[int, int], list[Claim]] = {}
    for claim in claims:
        groups.setdefault(_span_of_part(params, claim, reading), []).append(claim)
    pairs = []
    for members in groups.values():
        pulls = [(c, whole) for c in members if (whole := _pulled_whole(params, c, reading))]
        rates = [c for c in members if c.figure.unit == "%" and _clause_names(params, c, reading, params.rate_words)]
        clauses = {_clause_start(params, c, reading) for c in rates}
        if len(pulls) != 1 or len(clauses) != 1:
            # No pair, or two parts' figures in one part of a sentence: which 贡献率 goes with which 拉动 is unsure.
            continue
        pull, whole = pulls[0]
        rate = rates[-1]
        if len(rates) > 1 and not _clause_before(params, rate, reading).endswith(params.to_words):
            # 贡献率分别为63.2%和36.8%: several parts' shares in one clause, none said to be the current one.
            continue
        before = [c for c in members if c.mention.reading_start < min(rate.mention.reading_start,
                                                                       pull.mention.reading_start)]
        growths = [c for c in before if c.relation == "change_pct" and c.figure.unit == "%"]
        levels = [c for c in before if c.relation == "level" and c.figure.unit not in ("%", params.points_unit)]
        pairs.append(Pair(rate, pull, whole, levels[-1] if levels else None, growths[-1] if growths else None))
    return pairs


def _before(claim: Claim, reading: str) -> str:
    """The words of a claim's sentence before its figure."""
    return reading[claim.sentence_start:claim.mention.reading_start]


def _span_of_part(params: Params, claim: Claim, reading: str) -> tuple[int, int]:
    """(sentence start, offset of the part of the sentence) a claim stands in: parts end at a sentence_end (；)."""
    before = _before(claim, reading)
    return claim.sentence_start, max(before.rfind(end) for end in params.sentence_ends)


def _clause_start(params: Params, claim: Claim, reading: str) -> int:
    """The offset in its sentence where a claim's clause (between clause_ends) starts."""
    before = _before(claim, reading)
    return max(before.rfind(end) for end in (*params.clause_ends, *params.sentence_ends)) + 1


def _clause_before(params: Params, claim: Claim, reading: str) -> str:
    """The words of a claim's clause before its figure."""
    return _before(claim, reading)[_clause_start(params, claim, reading):]


def _clause_names(params: Params, claim: Claim, reading: str, words: tuple[str, ...]) -> bool:
    """True when the claim's clause names one of `words` before it and no pull word stands between."""
    before = _clause_before(params, claim, reading)
    at = max(before.rfind(word) for word in words)
    return at >= 0 and not any(word in before[at:] for word in params.pull_words)


def _pulled_whole(params: Params, claim: Claim, reading: str) -> str:
    """拉动全州社会消费品零售总额增长7.1个百分点 → 社会消费品零售总额; '' when the figure is no 拉动."""
    if claim.figure.unit != params.points_unit:
        return ""
    pull = "|".join(map(re.escape, params.pull_words))
    growth = "|".join(map(re.escape, params.growth_words))
    found = re.search(rf"(?:{pull})(?P<whole>[^\d%]+?)(?:{growth})$", _clause_before(params, claim, reading))
    return _core(params, found.group("whole")) if found else ""


def _core(params: Params, name: str) -> str:
    """A whole's name without place words and with abbreviations expanded (全市社零总额 → 社会消费品零售总额)."""
    name = name.strip()
    for short, full in params.abbreviations:
        if short in name and full not in name:
            name = name.replace(short, full, 1)
    stripped = True
    while stripped:
        stripped = False
        for word in params.place_words:
            if name.startswith(word) and len(name) > len(word):
                name, stripped = name[len(word):], True
    return name


def _whole_rates(params: Params, pair: Pair, claims: list[Claim], reading: str) -> list[Claim]:
    """The article's growth rates of the named whole for the part's subject and period (not the part's own)."""
    own = _span_of_part(params, pair.pull, reading)
    return [c for c in claims if c.relation == "change_pct" and c.figure.unit == "%" and c is not pair.growth
            and _span_of_part(params, c, reading) != own and c.subject == pair.pull.subject
            and _core(params, display_metric(c.metric)) == pair.whole and _same_period(c.period, pair.pull.period)]


def _same_period(first: Period | None, second: Period | None) -> bool:
    """False only when both periods are dated and cover different days (3月 against 一季度)."""
    if first is None or second is None or None in (first.start, first.end, second.start, second.end):
        return True
    return (first.start, first.end) == (second.start, second.end)


def _product(first: Interval, second: Interval, factor: float) -> Interval:
    """The interval of x × y × factor for x, y in two intervals."""
    ends = [a * b * factor for a, b in product((first.low, first.high), (second.low, second.high))]
    return Interval(min(ends), max(ends))


def _against_rate(spec, pair: Pair, rates: list[Claim]) -> Finding | None:
    """贡献率63.2%，总体增长13.0%：拉动 must be 63.2% × 13.0 = 8.2个百分点."""
    expected = [_product(pair.rate.interval(), rate.interval(), 0.01) for rate in rates]
    if any(e.intersects(pair.pull.interval()) for e in expected):
        return None
    rate = rates[0]
    computed = pair.rate.figure.value * rate.figure.value / 100
    arithmetic = (f"贡献率{pair.rate.mention.text} × 整体增速{rate.mention.text} = {format_number(computed, 2)}个百分点"
                  f"（按末位取整区间 {format_range(expected[0].low, expected[0].high)}）；文中拉动"
                  f"“{pair.pull.mention.text}”。拉动与贡献率写在同一分句，拉动的整体由其名称找到")
    return make_finding(spec, (pair.pull, pair.rate, rate), arithmetic=arithmetic, stated=pair.pull.mention.text,
                        computed=f"{format_number(computed, 1)}{spec.params.points_unit}")


def _against_levels(spec, pair: Pair, rates: list[Claim], claims: list[Claim]) -> Finding | None:
    """商品零售收入8.0亿元，增长7.9%；整体9.38亿元，增长8.3%：拉动 = 0.586亿 ÷ 8.66亿 = 6.8个百分点."""
    if pair.level is None or pair.growth is None:
        return None
    computed: list[tuple[Interval, Claim, Claim]] = []
    for rate in rates:
        level = _level_of(rate, claims, pair.level)
        if level is None:
            # The whole's level is not stated with its rate: the levels decide nothing.
            return None
        computed.append((_pull_from_levels(pair.level.interval(), pair.growth.interval(), level.interval(),
                                           rate.interval()), level, rate))
    if any(interval.intersects(pair.pull.interval()) for interval, _, _ in computed):
        return None
    interval, level, rate = computed[0]
    increment = pair.level.figure.value * pair.growth.figure.value / (100 + pair.growth.figure.value)
    whole_before = level.figure.value * 100 / (100 + rate.figure.value)
    value = 100 * increment / whole_before
    part, growth = pair.level.mention.text, pair.growth.mention.text
    arithmetic = (f"部分增量 {part} × {growth} ÷ (1 + {growth}) = {format_number(increment, 2)}，"
                  f"整体上期 {level.mention.text} ÷ (1 + {rate.mention.text}) = "
                  f"{format_number(whole_before, 2)}，拉动 = {format_number(value, 2)}个百分点（按末位取整区间 "
                  f"{format_range(interval.low, interval.high)}）；文中拉动“{pair.pull.mention.text}”")
    return make_finding(spec, (pair.pull, pair.level, pair.growth, level, rate), arithmetic=arithmetic,
                        stated=pair.pull.mention.text, computed=f"{format_number(value, 1)}{spec.params.points_unit}")


def _level_of(rate: Claim, claims: list[Claim], part: Claim) -> Claim | None:
    """The whole's level: the figure of the rate's metric and the part's unit right before the rate in its sentence."""
    levels = [c for c in claims if c.sentence_start == rate.sentence_start and c.relation == "level"
              and c.mention.reading_start < rate.mention.reading_start and c.metric == rate.metric
              and c.figure.unit == part.figure.unit]
    return levels[-1] if levels else None


def _pull_from_levels(level: Interval, growth: Interval, whole: Interval, whole_growth: Interval) -> Interval:
    """100 × (the part's increment) ÷ (the whole's previous level), over every end of the four intervals."""
    ends = []
    for part, rate, total, total_rate in product((level.low, level.high), (growth.low, growth.high),
                                                 (whole.low, whole.high), (whole_growth.low, whole_growth.high)):
        ends.append(100 * (part * rate / (100 + rate)) / (total * 100 / (100 + total_rate)))
    return Interval(min(ends), max(ends))


def _across(spec, pairs: list[Pair]) -> list[Finding]:
    """Parts of one named whole, same period: 拉动 ÷ 贡献率 is the whole's rate for each, so they must agree."""
    findings = []
    by_whole: dict[tuple[str, str], list[Pair]] = {}
    for pair in pairs:
        by_whole.setdefault((pair.whole, pair.pull.subject), []).append(pair)
    for group in by_whole.values():
        first = group[0]
        for other in group[1:]:
            if _same_period(first.pull.period, other.pull.period):
                finding = _check_two(spec, first, other)
                if finding is not None:
                    findings.append(finding)
    return findings


def _check_two(spec, first: Pair, other: Pair) -> Finding | None:
    """2.1个百分点 ÷ 13.7% = 15.3% against 13.9个百分点 ÷ 79.1% = 17.6%: one whole has one rate."""
    one, two = _implied_rate(first), _implied_rate(other)
    if one.intersects(two):
        return None
    arithmetic = (f"拉动 ÷ 贡献率 = 整体增速：{first.pull.mention.text} ÷ {first.rate.mention.text} = "
                  f"{format_range(one.low, one.high)}%，{other.pull.mention.text} ÷ {other.rate.mention.text} = "
                  f"{format_range(two.low, two.high)}%（按末位取整区间）；两者拉动同一整体，增速应相同")
    computed = format_number(first.pull.figure.value / first.rate.figure.value * other.rate.figure.value, 1)
    return make_finding(spec, (other.rate, other.pull, first.rate, first.pull), arithmetic=arithmetic,
                        stated=other.pull.mention.text, computed=f"{computed}{spec.params.points_unit}")


def _implied_rate(pair: Pair) -> Interval:
    """The whole's growth rate a part's 拉动 and 贡献率 imply: 100 × 拉动 ÷ 贡献率."""
    pull, rate = pair.pull.interval(), pair.rate.interval()
    if rate.low <= 0:
        return Interval(float("-inf"), float("inf"))
    ends = [100 * p / r for p, r in product((pull.low, pull.high), (rate.low, rate.high))]
    return Interval(min(ends), max(ends))
