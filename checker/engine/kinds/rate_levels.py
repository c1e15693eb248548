"""Rate against levels: a stated 同比 rate against the levels of the same fact stated for the period and
the period a year earlier, in this article or in others."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from checker.engine.kinds._shared import (
    display_metric,
    format_number,
    format_range,
    make_finding,
    period_label,
    read_word_lists,
)
from checker.model import Claim, Finding, Interval

SCOPE = "corpus"  # the levels may be stated in other articles
WORD_KEYS = ("year_on_year_words", "real_words", "base_before")
RATES = ("change_pct", "change_pct_down")
# A fact key in its public text form (FactKey.__str__): subject/metric, period, time scope, modality, relation, unit.
KEY_TEXT = re.compile(r"/(?P<start>\d{4}-\d\d-\d\d)\.\.(?P<end>\d{4}-\d\d-\d\d)/(?P<scope>ytd|full)"
                      r"/actual/(?P<relation>[a-z_]+)/")


@attrs.frozen
class Params:
    """The kind's vocabulary, all from the rule file: year_on_year_words make a rate compare with the same
    period a year earlier (同比, 比上年), real_words make it a growth at constant prices (按可比价格) that no
    ratio of nominal levels checks, base_before name another base when a year follows them (比2019年)."""

    year_on_year_words: tuple[str, ...]
    real_words: tuple[str, ...]
    base_before: tuple[str, ...] = ()
    other_base_re: re.Pattern[str] | None = attrs.field(eq=False, repr=False, default=None)

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        words = read_word_lists(raw, WORD_KEYS, path, lines, required=WORD_KEYS[:2])
        other = None
        if words["base_before"]:
            # Only a year's digits name another base: 比上年 is the year before, which every 同比 rate compares with.
            other = re.compile("(?:" + "|".join(map(re.escape, words["base_before"])) + r")\s*[0-9]{4}")
        return cls(**words, other_base_re=other)


def check(spec, context) -> list[Finding]:
    """Flag each 同比 rate that the levels of its fact for the period and the year before cannot give."""
    levels = _index_levels(context.index)
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in context.index.claims:
        if claim.value is not None:
            by_sentence[(claim.doc, claim.sentence_start)].append(claim)
    findings = []
    for claim in context.index.claims:
        if not _checkable(claim, spec.params):
            continue
        owner = _owner(claim, by_sentence[(claim.doc, claim.sentence_start)])
        if owner is None or owner.period is None:
            # Neither the rate's own words nor a dated level right before it say whose change it is.
            continue
        period = owner.period
        later_key = (owner.subject, owner.metric, owner.cumulative, _span(period.start, period.end))
        earlier_key = (owner.subject, owner.metric, owner.cumulative,
                       _span(_year_before(period.start), _year_before(period.end)))
        for unit, later in levels.get(later_key, {}).items():
            earlier = levels.get(earlier_key, {}).get(unit)
            if earlier is None:
                continue
            finding = _check(spec, claim, owner, earlier, later)
            if finding is not None:
                findings.append(finding)
    return findings


def claim_view(spec, claim: Claim, date: object) -> bool | None:
    """What this rule reads of a claim besides its fact and interval to pick it (checker.run.reduce): whether its
    metric and role are certain; None for a rate it checks, which it reads with the claims of its sentence."""
    if _checkable(claim, spec.params):
        # Each rate is named by its own finding, its owner found among the figures before it in its sentence.
        return None
    return claim.understood.certain


def families_needed(rows: Iterable[tuple[str, str, str]]) -> list[frozenset[str]]:
    """The fact families each stated 同比 rate may be checked against, from (path, fact key, family) rows: the
    rate's with the levels of its period and the year before, for the rate's own series and for each series
    with a level of the rate's period in the rate's article (the level it follows in its clause chain).

    The light path loads only the families whose claims differ; a rate and its two levels, each stated once,
    do not differ, so this is what the light path adds to give the findings of a full run.
    """
    levels: dict[tuple[str, str], list[str]] = defaultdict(list)
    stated: dict[tuple[str, str], set[str]] = defaultdict(set)  # (path, period) -> series with a level there
    rates: list[tuple[str, str, str, str]] = []
    for path, key, family in rows:
        match = KEY_TEXT.search(key)
        if match is None:
            # Not an actual fact of a dated period: no rate-levels check uses it.
            continue
        series, period = f"{key[:match.start()]}/{match['scope']}", f"{match['start']}..{match['end']}"
        if match["relation"] == "level":
            levels[(series, period)].append(family)
            stated[(path, period)].add(series)
        elif match["relation"] in RATES:
            rates.append((path, series, period, family))
    groups: set[frozenset[str]] = set()
    for path, series, period, family in rates:
        start, end = (dt.date.fromisoformat(day) for day in period.split(".."))
        earlier = _span(_year_before(start), _year_before(end))
        for candidate in {series} | stated[(path, period)]:
            later_levels, earlier_levels = levels.get((candidate, period)), levels.get((candidate, earlier))
            if later_levels and earlier_levels:
                groups.add(frozenset([family, *later_levels, *earlier_levels]))
    return list(groups)


def _checkable(claim: Claim, params: Params) -> bool:
    """True for a dated 同比 rate of a known subject and metric, not checked inside its own statement."""
    if claim.relation not in RATES or claim.value is None or claim.modality != "actual":
        return False
    if claim.heading:
        # A headline's shortened wording: headline-vs-body compares headlines.
        return False
    if claim.group:
        # 从A增长到B，增长X%: a change stated with its own levels is growth.change-mismatch's.
        return False
    period = claim.period
    if period is None or period.start is None or period.end is None or period.kind == "asof":
        return False
    if not any(word in claim.sentence for word in params.year_on_year_words):
        # Without 同比/比上年 the base may be any period: no year-earlier level to compare with.
        return False
    if any(word in claim.sentence for word in params.real_words):
        # 按可比价格计算增长5.7%: growth at constant prices, which a ratio of nominal levels never checks.
        return False
    # 比2019年增长: the base is another year's, not the year before.
    return not (params.other_base_re and _names_other_year(claim, params.other_base_re))


def _owner(rate: Claim, sentence: list[Claim]) -> Claim | None:
    """The claim whose subject, metric and period the rate changes: itself when it names them, else the certain
    level stated right before it in its clause chain (1120.4亿元，同比增长6.7%)."""
    if rate.subject and rate.metric.known and rate.understood.certain:
        return rate
    before = [c for c in sentence if c.mention.reading_end <= rate.mention.reading_start]
    if not before:
        return None
    level = max(before, key=lambda c: c.mention.reading_start)
    offset = rate.sentence_start
    between = rate.sentence[level.mention.reading_end - offset:rate.mention.reading_start - offset]
    if level.relation != "level" or level.figure.unit in ("", "%", "％", "‰") or any(p in between for p in "；;。"):
        # Another figure (or a clause of its own) stands between: the rate need not be this level's change.
        return None
    if not (level.subject and level.metric.known and level.understood.certain and level.period is not None):
        return None
    return level


def _names_other_year(claim: Claim, pattern: re.Pattern[str]) -> bool:
    """True when the rate's sentence names a base year other than the year before (比2019年)."""
    previous = claim.period.start.year - 1 if claim.period and claim.period.start else None
    for match in pattern.finditer(claim.sentence):
        digits = re.search(r"[0-9]{4}", match.group(0))
        if digits and int(digits.group(0)) != previous:
            return True
    return False


def _index_levels(index) -> dict[tuple, dict[str, tuple[Interval, tuple[Claim, ...]]]]:
    """The agreed interval of every actual level fact, by (subject, metric, cumulative, period) and unit."""
    found: dict[tuple, dict[str, tuple[Interval, tuple[Claim, ...]]]] = defaultdict(dict)
    for key, fact in index.facts.items():
        if key.relation != "level" or key.modality != "actual":
            continue
        if not all(c.understood.certain for c in fact.claims):
            # A level whose metric or role was guessed is no certain term of the computation.
            continue
        intervals = [c.interval() for c in fact.claims]
        low, high = max(i.low for i in intervals), min(i.high for i in intervals)
        if low > high:
            # The levels themselves disagree (agreement reports that): no one value to compute from.
            continue
        found[(key.subject, key.metric, key.cumulative, key.period)][key.unit] = (Interval(low, high), fact.claims)
    return found


def _span(start: dt.date | None, end: dt.date | None) -> str:
    """A period as a fact key writes it."""
    return f"{start.isoformat()}..{end.isoformat()}" if start and end else ""


def _year_before(day: dt.date | None) -> dt.date | None:
    """The same day a year earlier (29 February becomes 28 February)."""
    if day is None:
        return None
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def _check(spec, rate: Claim, owner: Claim, earlier, later) -> Finding | None:
    """Compare the stated rate with (later − earlier) ÷ earlier of the two levels."""
    (base, base_claims), (level, level_claims) = earlier, later
    if base.low <= 0:
        # A zero or open base gives no rate.
        return None
    change = level.change_from(base).scale(100.0)
    stated = rate.figure.interval if rate.relation == "change_pct" else rate.figure.interval.negate()
    if change.intersects(stated):
        return None
    first, second = base_claims[0], level_claims[0]
    computed = f"{format_number(change.mid, 1)}%"
    arithmetic = (f"{period_label(second)} {second.mention.text}（{Path(second.doc).name}）÷ {period_label(first)} "
                  f"{first.mention.text}（{Path(first.doc).name}）− 1 = {computed}"
                  f"（区间 {format_range(change.low, change.high, 1)}%）")
    return make_finding(spec, (first, second, rate), arithmetic=arithmetic, stated=rate.mention.text,
                        computed=computed, subject=owner.subject, metric=display_metric(owner.metric),
                        period=period_label(owner), base=first.mention.text, later=second.mention.text)
