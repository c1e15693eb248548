"""Tie together the figures of one change statement: 从A增至B，N年增长X倍."""

from __future__ import annotations

import bisect
import datetime as dt
import re

import attrs

from checker.claims.lexicon import ClaimLexicon
from checker.model import Claim, Document, Mention, Period

YEARS = re.compile(r"(?<!\d)\d{4}(?!\d)")  # a year written in digits
FRAME_REACH = 4  # characters of a from-to frame's opening (从, 由) and particles before its base's own year
LEVELS = ("level", "share")  # the relations whose figures can be the two ends of 从A增至B
CHANGE_RELATIONS = {"times_by", "times_to", "times_down", "change_pct", "change_pct_down", "cagr", "points"}
# The marker must introduce this figure: no other figure (a year may) stands between them (从A增加到B: 从 is not B's).


def group_claims(
    doc: Document, claims: tuple[Claim, ...], mentions: tuple[Mention, ...], lexicon: ClaimLexicon
) -> tuple[Claim, ...]:
    """Return the claims with group and role set where a sentence states A, B and the change."""
    by_sentence: dict[int, list[int]] = {}
    for index, claim in enumerate(claims):
        by_sentence.setdefault(claim.sentence_start, []).append(index)
    updated = list(claims)
    position = {id(claim): index for index, claim in enumerate(claims)}
    durations = sorted((m for m in mentions if m.period is not None and m.period.kind == "duration"),
                       key=lambda m: m.reading_start)
    starts = [m.reading_start for m in durations]
    extra: list[Claim] = []
    previous: list[Claim] = []
    for start in sorted(by_sentence):
        current = [claims[i] for i in by_sentence[start]]
        found = _find_changes(doc, current, lexicon)
        if not found:
            across = _find_change_across(doc, previous, current, lexicon)
            found = [across] if across is not None else []
        previous = current
        for first, second in _from_to_pairs(doc, current, lexicon):
            # “十四五”时期，收入由7.34万元提升至10.26万元 spans time: one period cannot date both ends. The later end is
            # the state the period closes with (2025), the earlier one unknown (2020? 2021?) unless the span is written
            # with its two years (1949~1978年，比重从10.64%增加到17.92%: each end is its year) or a time is written
            # right before it (由2020年的7.2%提高到7.4%).
            ends = _written_ends(first) or (
                (first.period, _opening_year(doc, first, mentions, lexicon)) if _dated_at(doc, first)
                else (None, _last_year(second)))
            for claim, period in zip((first, second), ends, strict=True):
                updated[position[id(claim)]] = attrs.evolve(updated[position[id(claim)]], period=period)
        for base, later, change in found:
            group = f"{doc.path}#{later.mention.span.start}"
            for claim, role in ((base, "from"), (later, "to")):
                updated[position[id(claim)]] = attrs.evolve(updated[position[id(claim)]], group=group, role=role)
            for each in _changes_of(doc, lexicon, current, (later, change), updated, position):
                # The change speaks of the levels' metric (四年增长22.2倍 is about 新能源汽车产量).
                subject = later.understood.subject if later.subject else each.understood.subject
                understood = attrs.evolve(each.understood, metric=later.understood.metric, subject=subject)
                updated[position[id(each)]] = attrs.evolve(each, group=group, role="change", metric=later.metric,
                                                           subject=later.subject or each.subject, understood=understood)
            span = _duration_before(change, durations, starts, later)
            if span is not None:
                extra.append(attrs.evolve(change, mention=span, relation="span", group=group, role="span"))
    return tuple(updated + extra)


def _find_changes(
    doc: Document, sentence_claims: list[Claim], lexicon: ClaimLexicon
) -> list[tuple[Claim, Claim, Claim]]:
    """Find each (earlier level, later level, stated change) of one sentence's claims, in text order.

    The levels and the change must be stated together: the later level is the last figure before the
    change, at most one clause away, and the earlier level is the figure right before it. A sentence may
    state several (营业收入A，较上年B增长x%；净利润C，较上年D增长y%): each takes levels after the last one.
    """
    ordered = sorted(sentence_claims, key=lambda c: c.mention.reading_start)
    found: list[tuple[Claim, Claim, Claim]] = []
    used = 0  # figures before this index belong to a statement already found
    for k, change in enumerate(ordered):
        if change.relation not in CHANGE_RELATIONS or k - 2 < used:
            continue
        first, second = ordered[k - 2], ordered[k - 1]
        if first.relation != "level" or second.relation != "level" or first.value is None or second.value is None:
            # A change whose nearest figures are not two levels speaks of something else (an increment, a rank).
            continue
        if _clauses_between(doc, second, change, lexicon) > 1 or _clauses_between(doc, first, second, lexicon) > 1:
            # 甲X，增长a%；乙Y，增长b%: figures several clauses apart are parallel items, not one statement.
            continue
        if lexicon.distributed_re.search(_clause_of(doc, change, lexicon)):
            # 分别提高8.3%、5%: the changes belong to the items listed with them.
            continue
        if _item_aside(doc, second, change, lexicon):
            # …的有45种，其中发酵酒（增长87%）: the bracketed rate is the named item's own, no change of the levels.
            continue
        if _counts_members(doc, first, lexicon) or _counts_members(doc, second, lexicon):
            # 82种工业产品中，产量增长的有45种: a set and its part that grew are counts of kinds, not levels before
            # and after.
            continue
        pair = _level_pair(doc, [first, second], lexicon)
        if pair is not None and _binds(doc, pair[0], pair[1], change, lexicon):
            found.append((pair[0], pair[1], change))
            used = k + 1
    return found


def _changes_of(doc: Document, lexicon: ClaimLexicon, current: list[Claim], stated: tuple[Claim, Claim],
                updated: list[Claim], position: dict[int, int]) -> list[Claim]:
    """The stated change and those after it up to the next level (年均增长12.5%，四年增长了60%), given the later level
    and the change as `stated`.

    A level after the change starts another statement: the changes after it are not this one's, nor is a named
    item's own rate in brackets (其中汽车（增长35.8%）).
    """
    later, change = stated
    ordered = sorted(current, key=lambda c: c.mention.reading_start)
    changes = []
    for claim in ordered:
        if claim.mention.reading_start < change.mention.reading_start:
            continue
        if claim.relation == "level":
            # 净利润C，增长y%: a new level opens another statement.
            break
        if (claim.relation in CHANGE_RELATIONS and not updated[position[id(claim)]].group
                and not _item_aside(doc, later, claim, lexicon)):
            changes.append(claim)
    return changes or [change]


def _from_to_pairs(doc: Document, sentence_claims: list[Claim], lexicon: ClaimLexicon) -> list[tuple[Claim, Claim]]:
    """Adjacent levels stated as 从A…到B in one clause that were given one period for both ends."""
    ordered = sorted(sentence_claims, key=lambda c: c.mention.reading_start)
    pairs = []
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.relation not in LEVELS or second.relation != first.relation or first.period is None:
            # 从A增至B ties two levels (or two shares: 比重从10.64%增加到17.92%) of one kind
            continue
        if first.period == second.period and _clauses_between(doc, first, second, lexicon) == 0 \
                and _introduced_by(doc, first, lexicon.from_re):
            pairs.append((first, second))
    return pairs


def _written_ends(claim: Claim) -> tuple[Period, Period] | None:
    """The first and the last year of a span of whole years written with both (1949~1978年), or None."""
    years = _whole_years(claim)
    if years is None or years[0] == years[1] or YEARS.findall(claim.period_text) != [str(y) for y in years]:
        # one year, or 十四五, 近五年: the span's ends are not written, and its base may be the year before it
        return None
    return _year(years[0]), _year(years[1])


def _dated_at(doc: Document, claim: Claim) -> bool:
    """True when the claim's time is written right before it, at most a particle between (2020年的7.2%)."""
    before = doc.reading[max(0, claim.mention.reading_start - len(claim.period_text) - 2):claim.mention.reading_start]
    return bool(claim.period_text) and claim.period_text in before


def _opening_year(doc: Document, first: Claim, mentions: tuple[Mention, ...], lexicon: ClaimLexicon) -> Period | None:
    """The year written earlier in the sentence than a from-to frame whose base has its own earlier year (2010年，
    财政收入从2005年的420.4万元增加到2012.9万元: 2010), which dates the frame's later end; else None."""
    own = first.period
    if own is None or own.end is None:
        # An undated base: no earlier year to tell the sentence's year from.
        return None
    frame_start = first.mention.reading_start - len(first.period_text) - FRAME_REACH
    years = [m for m in mentions if m.period is not None and m.period.kind == "period" and m.period.start is not None
             and m.period.granularity == "year" and first.sentence_start <= m.reading_start
             and m.reading_end <= frame_start]
    if not years:
        return None
    year = max(years, key=lambda m: m.reading_start)
    before = doc.reading[max(first.sentence_start, year.reading_start - 3):year.reading_start]
    if any(before.endswith(word) for word in lexicon.change.get("base_before", ())):
        # 比2019年: the base of another comparison, never the time of a level.
        return None
    assert year.period is not None and year.period.start is not None
    return year.period if year.period.start > own.end else None


def _last_year(claim: Claim) -> Period | None:
    """The last calendar year of a claim's period of whole years (“十四五”时期 → 2025), else None."""
    years = _whole_years(claim)
    return _year(years[1]) if years else None


def _whole_years(claim: Claim) -> tuple[int, int] | None:
    """The first and last year of a claim's period when it runs from 1 January to 31 December, else None."""
    period = claim.period
    if period is None or period.start is None or period.end is None:
        # an undated or open period covers no whole years
        return None
    whole = (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)
    return (period.start.year, period.end.year) if whole else None


def _year(year: int) -> Period:
    """The period of one whole calendar year."""
    return Period(kind="period", start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), granularity="year")


def _clauses_between(doc: Document, earlier: Claim, later: Claim, lexicon: ClaimLexicon) -> int:
    """How many clause marks (，；) stand between two figures."""
    return len(lexicon.clause_marks_re.findall(doc.reading, earlier.mention.reading_end, later.mention.reading_start))


def _clause_of(doc: Document, claim: Claim, lexicon: ClaimLexicon) -> str:
    """The clause a figure stands in, up to the figure."""
    start = claim.sentence_start
    prefix = doc.reading[start:claim.mention.reading_start]
    marks = list(lexicon.clause_marks_re.finditer(prefix))
    return prefix[marks[-1].end():] if marks else prefix


def _item_aside(doc: Document, later: Claim, change: Claim, lexicon: ClaimLexicon) -> bool:
    """True when a change stands inside brackets opened after words, not right after the later level (…的有45种，其中
    发酵酒（增长87%）): the rate of the item named before the brackets."""
    between = doc.reading[later.mention.reading_end:change.mention.reading_start]
    opened = max((between.rfind(mark) for mark in lexicon.grammar.get("bracket_opens", ())), default=-1)
    if opened < 0 or any(mark in between[opened:] for mark in lexicon.grammar.get("bracket_closes", ())):
        # Not inside brackets: the change may speak of the levels.
        return False
    return bool(between[:opened].strip())


def _counts_members(doc: Document, claim: Claim, lexicon: ClaimLexicon) -> bool:
    """True when a count names the members of a set (纳入统计的82种工业产品中，) or the part of it that did something
    (产量同比增长的有45种): a number of kinds or firms, never a level of what their rates measure."""
    if claim.value is None or claim.value.unit not in lexicon.grammar.get("classifiers", ()):
        # Only a count of items (种, 家, 个) numbers a set's members.
        return False
    sentence_end = claim.sentence_start + len(claim.sentence)
    mark = lexicon.clause_marks_re.search(doc.reading, claim.mention.reading_end, sentence_end)
    tail = doc.reading[claim.mention.reading_end:mark.start() if mark else sentence_end].rstrip()
    subset = _clause_of(doc, claim, lexicon).rstrip()
    grammar = lexicon.grammar
    return tail.endswith(grammar.get("set_ends", ())) or subset.endswith(grammar.get("subset_marks", ()))


def _binds(doc: Document, base: Claim, later: Claim, change: Claim, lexicon: ClaimLexicon) -> bool:
    """True when a change can be measured between these two levels: one metric, and the right base."""
    if base.metric.known and later.metric.known and base.metric != later.metric:
        # 存栏 and 出栏, 森林覆盖率 and 水质优良比例: two metrics are no series.
        return False
    if lexicon.against_last_year_re.search(_clause_of(doc, change, lexicon)):
        # 同比增长3.8% is measured against last year's figure: only a base one year earlier is that figure.
        return _one_year_apart(base, later)
    return True


def _one_year_apart(base: Claim, later: Claim) -> bool:
    """True when the base's period is the later one's, a year earlier."""
    if base.period is None or later.period is None or base.period.start is None or later.period.start is None:
        return False
    try:
        return base.period.start == later.period.start.replace(year=later.period.start.year - 1)
    except ValueError:
        # 29 February has no twin a year earlier.
        return False


def _find_change_across(
    doc: Document, previous: list[Claim], current: list[Claim], lexicon: ClaimLexicon
) -> tuple[Claim, Claim, Claim] | None:
    """2019年产值为1.2亿元。到2024年增长到8.4亿元，增长了7倍: the base stated in the sentence before.

    Only the same known metric and subject, both dated in order, tie sentences together.
    """
    found = _find_single_level_change(current)
    if found is None:
        return None
    later, change = found
    if not later.metric.known:
        # An unknown metric cannot tell which earlier figure is the base.
        return None
    if _item_aside(doc, later, change, lexicon) or _counts_members(doc, later, lexicon):
        # 汽车（增长35.8%）is the named item's rate; 增长的有45种 counts kinds: neither is a level's change.
        return None
    if lexicon.against_last_year_re.search(change.sentence):
        # 同比增长6.2% is measured against last year's figure, not against one stated before.
        return None
    for base in reversed(previous):
        same = ((base.metric, base.subject, base.value and base.value.unit)
                == (later.metric, later.subject, later.figure.unit))
        if base.relation == "level" and same and _dated_in_order(base, later):
            return base, later, change
    return None


def _find_single_level_change(current: list[Claim]) -> tuple[Claim, Claim] | None:
    """(level, change) when a sentence states one level and then a change."""
    ordered = sorted(current, key=lambda c: c.mention.reading_start)
    levels = [c for c in ordered if c.relation == "level" and c.value is not None]
    changes = [c for c in ordered if c.relation in CHANGE_RELATIONS]
    if len(levels) != 1 or not changes or changes[0].mention.reading_start < levels[0].mention.reading_start:
        return None
    return levels[0], changes[0]


def _level_pair(doc: Document, levels: list[Claim], lexicon: ClaimLexicon) -> tuple[Claim, Claim] | None:
    """The last two levels in the same unit that read as 'from A … to B' or 'B, 比/是 A'."""
    for j in range(len(levels) - 1, 0, -1):
        second = levels[j]
        for first in reversed(levels[:j]):
            if first.figure.unit != second.figure.unit:
                continue
            if _dated_in_order(first, second) or _introduced_by(doc, first, lexicon.from_re):
                return first, second
            if _dated_in_order(second, first) or _introduced_by(doc, second, lexicon.compared_re):
                # 达到12.6亿件，比2023年的10.5亿件增长26%: the base is stated second.
                return second, first
    return None


def _dated_in_order(base: Claim, later: Claim) -> bool:
    """True when both figures are dated and the first is earlier."""
    if base.period is None or later.period is None or base.period.start is None or later.period.start is None:
        return False
    return base.period.start < later.period.start


def _introduced_by(doc: Document, claim: Claim, words: re.Pattern[str]) -> bool:
    """True when a figure follows a marker word (从4.3万辆…, 比2023年的10.5亿件, 是2020年16亿元的…)."""
    prefix = doc.reading[max(0, claim.mention.reading_start - 14):claim.mention.reading_start]
    return bool(words.search(prefix))


def _duration_before(change: Claim, durations: list[Mention], starts: list[int], later: Claim) -> Mention | None:
    """A duration stated between the later figure and the change (…95.3万辆，四年增长22.2倍).

    `durations` are the document's duration mentions in text order; `starts` their reading offsets.
    """
    index = bisect.bisect_left(starts, later.mention.reading_end)
    if index < len(durations) and durations[index].reading_start < change.mention.reading_start:
        return durations[index]
    return None
