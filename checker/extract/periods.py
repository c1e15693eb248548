"""Time expressions in Chinese news (2024年, 1至10月, 去年前三季度, “十四五”期间, 39年前, 50天) as Periods.

The grammar (checker/period_grammar.py) is a handful of regular expressions compiled once from the
lexicon (checker/period_lexicon.py, rules/lexicon/periods.yaml) and scanned once over the text,
longest match first. Each match is then read by the same expression with named groups and turned
into a Period anchored on the document date (DCT). Numbers that are not times (2134.3, 1/5, 33618,
第3年) are consumed by a skip alternative so that no time is ever found inside them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType

import attrs

from checker.extract.dates import add_months, infer_year, month_end, parse_full_date
from checker.extract.period_days import names_a_day, read_day
from checker.extract.period_grammar import chinese_int, to_int
from checker.extract.period_lexicon import (
    DEKADS,
    GRANULARITIES,
    UNIT_GRANULARITIES,
    DurationUnit,
    PeriodLexicon,
    PlanPeriod,
    RelativeWord,
    Suffix,
    YearPart,
    find_entry,
    load_period_lexicon,
)
from checker.extract.period_spans import join_between
from checker.model import Period

_CENTURY_PIVOT = 50  # a two-digit year below it is this century's (08年), else the last one's (’98年)
_RELEASE_SEASON = 4  # annual statistics of last year are released by April (统计公报, 年报)

# the lexicon and its entries live in checker.extract.period_lexicon; they stay importable from here
__all__ = [
    "DurationUnit", "PeriodLexicon", "PlanPeriod", "RelativeWord", "Suffix", "YearPart",
    "find_periods", "load_period_lexicon",
]


def find_periods(
    reading: str, dct: dt.date | None, lexicon: PeriodLexicon, title: str = ""
) -> list[tuple[int, int, Period]]:
    """Return the time expressions of a text as non-overlapping (start, end, Period), longest first.

    `title` is the text's front-matter title, whose year is the year reported on when the text writes none.
    """
    found = []
    matches = _scan(reading, lexicon)
    titled = _first_written_year(_scan(title, lexicon)) if title else None
    context = _Context(report_year=_report_year(matches, dct, titled),
                       text_year=_text_year(reading, matches, dct, lexicon))
    for match, groups in matches:
        kind = match.lastgroup
        # the reader is the scanner's own alternative with names; it cannot miss, but never crash
        if kind is None or groups is None:
            continue
        try:
            if kind == "anchored":
                period = _read_in_context(groups, dct, lexicon, context)
            else:
                period = _READERS[kind](groups, dct, lexicon)
        except (ValueError, OverflowError):
            # counting back or ahead left the calendar (39年前 in a year-1 document): no time
            continue
        if period is not None:
            found.append((match.start(), match.end(), period))
    return join_between(reading, found, lexicon)


@attrs.define
class _Context:
    """What earlier mentions of a text tell later ones (private to find_periods, hence mutable)."""

    anchor: Period | None = None  # the last anchored period, for 同期 after it
    holiday: str | None = None  # the holiday that anchor names (春节), if it names one
    report_year: int | None = None  # the year a January release reports on (2024年末 … 全年)
    text_year: int | None = None  # an undated text's year: the first it writes that is no base (2020年上半年)


def _scan(text: str, lexicon: PeriodLexicon) -> list[tuple[re.Match[str], re.Match[str] | None]]:
    """The time expressions the scanner finds in a text, each with its reader's named groups."""
    readers = lexicon.grammar.readers
    return [
        (match, readers[match.lastgroup].fullmatch(text, match.start(), match.end()))
        for match in lexicon.grammar.scan.finditer(text)
        # the skip alternative swallows numbers that are not times (2134.3, 1/5, 第3年);
        # every alternative of the scanner is named, so lastgroup is never None
        if match.lastgroup not in (None, "skip")
    ]


def _report_year(
    matches: list[tuple[re.Match[str], re.Match[str] | None]], dct: dt.date | None, titled: int | None = None
) -> int | None:
    """The year a release reports on: last year, when it is the first year the text writes in an early-year
    release, or when the text writes none and its title does (桐庐县2024年居民收支情况, published in June 2025)."""
    if dct is None:
        return None  # an undated text places its parts by the years it writes (_text_year)
    written = _first_written_year(matches)
    if written is None and titled == dct.year - 1:
        # 全年 under a title naming last year, in a body naming no year: the title's, whenever it came out.
        return titled
    if dct.month > _RELEASE_SEASON:
        return None  # later in the year, 全年 and 年末 are the current year's unless a year says otherwise
    return written if written == dct.year - 1 else None  # no year written: 全年 is this year's


def _first_written_year(matches: list[tuple[re.Match[str], re.Match[str] | None]]) -> int | None:
    """The first year written in Arabic or Chinese digits among the matches (2024年末, 二〇二四年), or None."""
    for match, groups in matches:
        if match.lastgroup == "anchored" and groups is not None and (groups["y1"] or groups["cy1"]):
            written = groups["y1"] or groups["cy1"]
            return int(written) if written.isdigit() else chinese_int(written)
    return None


def _text_year(
    reading: str, matches: list[tuple[re.Match[str], re.Match[str] | None]], dct: dt.date | None,
    lexicon: PeriodLexicon,
) -> int | None:
    """The year an undated text reports on: the first year it writes, unless that names a base (比2019年, 2019年同期)
    or the start of a span up to the unknown day of writing (2018年以来). None when the text is dated."""
    if dct is not None:
        return None  # a dated text places 上半年 and 6月份 by its date
    ignored = tuple(s.word for s in lexicon.suffixes if s.means in ("same_part", "since"))
    for match, groups in matches:
        if match.lastgroup != "anchored" or groups is None or not (groups["y1"] or groups["cy1"]):
            continue
        before = reading[max(0, match.start() - 3):match.start()]
        if before.endswith(lexicon.comparison_words) or match.group().endswith(ignored):
            continue  # a comparison's base or a span since: not the year the text reports on
        written = groups["y1"] or groups["cy1"]
        return int(written) if written.isdigit() else chinese_int(written)
    return None


def _year_unwritten(groups: re.Match[str]) -> bool:
    """True when an anchored match writes no year, relative year, plan or relative month (上半年, 6月份, 1-8月)."""
    written = ("y1", "ya1", "cy1", "yy1", "yf1", "dec1", "rel1", "plan1", "rm1")
    return not any(groups[name] for name in written)


def _read_in_context(
    groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon, context: _Context
) -> Period | None:
    """Read an anchored period with what the text said before it: 同期 after 春节假期, 全年 after 2024年末."""
    period = _read_anchored(groups, dct, lexicon)
    if context.text_year and period is not None and period.start is None and _year_unwritten(groups):
        # 上半年, 6月份 in an undated text after 2020年上半年: the year the text reports on, not an unplaced time
        period = _read_anchored(groups, dct, lexicon, context.text_year) or period
    elif context.text_year and period is not None and period.start is None and groups["rel1"]:
        # 今年春节黄金周期间 in an undated text that writes 2005年春节黄金周: 今年 is the year the text reports on
        period = _read_anchored(groups, dt.date(context.text_year, 12, 31), lexicon) or period
    if context.report_year and period and _ends_ahead(period, dct) and _year_part_alone(groups, lexicon):
        # 全年, 年末, 一季度 in an early release about last year: the report's year, not the current one
        period = _read_anchored(groups, dct, lexicon, context.report_year)
    data_year = bool(groups["rel1"]) and find_entry(lexicon.relative_years, groups["rel1"]).data_year
    if data_year and period is not None and dct is not None:
        period = _from_data_year(period, context, dct)
    if period is not None and groups["suf"] and find_entry(lexicon.suffixes, groups["suf"]).means == "same_part":
        period = _same_part(period, context, lexicon)
    if not data_year:
        # 上年 is counted from the year reported on: it never becomes that year itself
        _remember(context, groups, period, dct, lexicon)
    return period


def _from_data_year(period: Period, context: _Context, dct: dt.date) -> Period:
    """Move a period counted from the document year (上年) to count from the year the text reports on."""
    reported = context.report_year or (context.anchor.end.year if context.anchor and context.anchor.end else None)
    if reported is None or period.start is None or period.end is None or reported == dct.year:
        return period  # nothing reported on before it, or the document's own year: 上年 is last year
    months = 12 * (reported - dct.year)  # whole years: add_months keeps 31 December and clamps 29 February
    return attrs.evolve(period, start=add_months(period.start, months), end=add_months(period.end, months))


def _ends_ahead(period: Period, dct: dt.date | None) -> bool:
    """True for a part of the year (全年, 年末, 一季度) that has not closed by the document date."""
    return dct is not None and period.end is not None and period.end > dct


def _year_part_alone(groups: re.Match[str], lexicon: PeriodLexicon) -> bool:
    """True when the match is a named year part (全年, 年末) with no year or month written."""
    written = ("y1", "ya1", "cy1", "yy1", "yf1", "rel1", "plan1", "rm1", "m1", "ma1", "hol1", "conn")
    return not any(groups[name] for name in written) and _matched_part(groups, "1", lexicon)[0] is not None


def _remember(
    context: _Context, groups: re.Match[str], period: Period | None, dct: dt.date | None, lexicon: PeriodLexicon
) -> None:
    """Keep the period as the anchor of a later 同期, and a written last year as the report's year."""
    if period is None or period.start is None:
        # an unplaced period anchors nothing
        return
    context.anchor = period
    context.holiday = lexicon.holidays.names.get(groups["hol1"]) if groups["hol1"] else None
    if groups["y1"] or groups["cy1"]:
        year = period.start.year
        context.report_year = year if dct is not None and year == dct.year - 1 else None


def _same_part(period: Period, context: _Context, lexicon: PeriodLexicon) -> Period:
    """Return 2019年同期 as the part of 2019 the period before it named (春节 of 2019), else the year."""
    anchor = context.anchor
    if anchor is None or period.start is None or period.granularity != "year":
        # nothing named before it, or not a single year: 同期 stays the whole year
        return period
    year = period.start.year
    if context.holiday is not None:
        days = lexicon.holidays.days_of(context.holiday, year)
        # a year the calendar does not cover: the whole year is all that can be said
        if days is None:
            return period
        return Period("period", days[0], days[1], granularity="day", relative=period.relative)
    if (anchor.start is None or anchor.end is None or anchor.start.year != anchor.end.year
            or anchor.granularity in ("year", "years")):
        # the anchor is itself a whole year (or several): its same part is the whole year
        return period
    start = dt.date(year, anchor.start.month, min(anchor.start.day, month_end(year, anchor.start.month).day))
    whole_month = anchor.end == month_end(anchor.end.year, anchor.end.month)
    last = month_end(year, anchor.end.month)
    end = last if whole_month else last.replace(day=min(anchor.end.day, last.day))
    return attrs.evolve(anchor, start=start, end=end, relative=period.relative)


# --- reading matches --------------------------------------------------------------------------


@attrs.frozen
class _Years:
    """The years an anchored end names: one (2024年, 去年) or several (2025-2027年, 十四五)."""

    first: int | None  # None: a relative year (去年) without a document date
    last: int | None
    granularity: str
    relative: bool


def _read_fullnum(groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon) -> Period | None:
    """Read 2024-11-25, 2024/11/25 or 2024.11.25 as a day."""
    day = parse_full_date(groups[0], dct)
    # dateparser found no such day (2023-02-29): no time, rather than a wrong one
    if day is None:
        return None
    return Period("point", day, day, granularity="day")


def _read_anchored(
    groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon, default_year: int | None = None
) -> Period | None:
    """Read an anchored period: one end or a range of two, then its suffix and as-of prefix."""
    try:
        period: Period | None = _read_simple(groups, "1", dct, lexicon, default_year)
        if period is not None and groups["conn"]:
            period = _join_range(period, groups, dct, lexicon)
    except ValueError:
        # no such day (2月30日), a backwards range, a year part of a multi-year span: not placeable
        return None
    if period is not None and groups["suf"]:
        period = _apply_suffix(period, find_entry(lexicon.suffixes, groups["suf"]).means, dct)
    if period is not None and groups["pre"]:
        period = _as_of(period, dct)
    return period


@attrs.frozen
class _Rest:
    """The part of an anchored end after its year: months, a day, or a named year part."""

    first: int
    last: int
    day: int | None = None
    granularity: str = "month"
    cumulative: bool = False
    named: bool = False  # a year part (一季度), whose year is the document year when unwritten
    asof: bool = False  # a state on the last day (年末), not a span
    wraps: bool = False  # the last month is in the next year (11至2月)
    latest: bool = False  # alone, the latest such part begun by the document date (岁末)


def _read_simple(
    groups: re.Match[str], tag: str, dct: dt.date | None, lexicon: PeriodLexicon, default_year: int | None
) -> Period:
    """Read one end of a period; `default_year` is the year to assume when none is written."""
    if groups[f"rm{tag}"]:
        return _read_relative_month(groups, tag, dct, lexicon)
    if groups[f"hol{tag}"]:
        return _read_holiday(groups, tag, dct, lexicon, default_year)
    years = _read_years(groups, tag, dct, lexicon)
    if names_a_day(groups, tag):
        if years is not None:
            raise ValueError("a year before a relative day or week")  # 2024年昨日 is no time
        return read_day(groups, tag, dct, lexicon)
    if groups[f"wk{tag}"]:
        return _read_week(groups[f"wk{tag}"], years)
    rest = _read_rest(groups, tag, lexicon)
    if rest is None:
        assert years is not None, "the pattern's lookahead guarantees a year when there is no rest"
        return _year_period(years)
    if years is not None and years.first != years.last:
        raise ValueError("a month or year part of a multi-year span")
    year, relative = _year_of(rest, years, dct, default_year)
    if year is None:
        # 去年12月 or 11月 without a document date: a time, but not one we can place
        kind = "point" if rest.day else "period"
        return Period(kind, granularity="day" if rest.day else rest.granularity, relative=True)
    return _place(rest, year, relative)


def _read_week(surface: str, years: _Years | None) -> Period:
    """Read 2018年第04周 as the ISO 8601 week of that year, Monday to Sunday (2018-01-22 – 2018-01-28)."""
    if years is None or years.first is None or years.first != years.last:
        # 第3周 of no year (a film's, a term's) or of several: no week of the calendar
        raise ValueError("a week of no single year")
    week = int(re.sub(r"\D", "", surface))
    monday = dt.date.fromisocalendar(years.first, week, 1)  # ValueError for week 53 of a 52-week year
    return Period("period", monday, monday + dt.timedelta(days=6), granularity="day", relative=years.relative)


def _read_holiday(
    groups: re.Match[str], tag: str, dct: dt.date | None, lexicon: PeriodLexicon, default_year: int | None = None
) -> Period:
    """Read 2024年国庆假期, 今年春节假期 or 国庆中秋假期 as the official holiday's days of that year
    (`default_year` when no year is written and no document date tells one)."""
    years = _read_years(groups, tag, dct, lexicon)
    if years is not None and years.first != years.last:
        raise ValueError("a holiday of a multi-year span")
    if years is None and not groups[f"hsuf{tag}"] and not (tag == "1" and groups["suf"]):
        raise ValueError("a bare holiday name (春节联欢晚会) is a name, not a span of days")
    holidays = lexicon.holidays
    key = holidays.names[groups[f"hol{tag}"]]
    year: int | None
    if years is None and dct is None and default_year is not None:
        year, relative = default_year, False
    elif years is None:
        year, relative = (holidays.nearest_year(key, dct) if dct else None), True
    else:
        year, relative = years.first, years.relative
    days = holidays.days_of(key, year) if year is not None else None
    if days is None:
        # no document date, or a year the calendar does not cover: a time, but not one we can place
        return Period("period", granularity="day", relative=relative)
    return Period("period", days[0], days[1], granularity="day", relative=relative)


def _year_period(years: _Years) -> Period:
    """Return the whole years named, from 1 January of the first to 31 December of the last."""
    if years.first is None or years.last is None:
        return Period("period", granularity=years.granularity, relative=True)
    start, end = dt.date(years.first, 1, 1), dt.date(years.last, 12, 31)
    return Period("period", start, end, granularity=years.granularity, relative=years.relative)


def _year_of(
    rest: _Rest, years: _Years | None, dct: dt.date | None, default_year: int | None
) -> tuple[int | None, bool]:
    """Return the year a month or year part falls in, and whether it came from the document date."""
    if years is not None:
        return years.first, years.relative
    if default_year is not None:
        return default_year, False
    if dct is None:
        return None, True
    # a named part (一季度, 下半年, 年底) is usually this year's, even in plans written months ahead;
    # a year-to-date part (前三季度) is only reported once it has closed, like a month range
    if rest.latest:
        # 岁末 in a January article is the December just past, in a December one this December
        return (dct.year if dt.date(dct.year, rest.first, 1) <= dct else dct.year - 1), True
    if rest.named and not rest.cumulative:
        return dct.year, True
    return infer_year(rest.last, rest.day or 1, dct) - rest.wraps, True


def _place(rest: _Rest, year: int, relative: bool) -> Period:
    """Return the day or months of `rest` in `year`."""
    if rest.day is None and rest.asof:
        last = month_end(year, rest.last)
        return Period("asof", last, last, granularity="day", relative=relative)
    if rest.day is None:
        start, end = dt.date(year, rest.first, 1), month_end(year + rest.wraps, rest.last)
        return Period("period", start, end, granularity=rest.granularity, relative=relative,
                      cumulative=rest.cumulative)
    day = dt.date(year, rest.first, rest.day)  # ValueError for no such day (2023年2月29日)
    return _point(day, relative=relative)


def _read_years(
    groups: re.Match[str], tag: str, dct: dt.date | None, lexicon: PeriodLexicon
) -> _Years | None:
    """Return the years written at the start of an anchored end, or None when none is written."""
    if groups[f"ya{tag}"]:
        first, last = int(groups[f"ya{tag}"]), int(groups[f"yb{tag}"])
        if first > last:
            raise ValueError("a year range running backwards")
        return _Years(first, last, "year" if first == last else "years", False)
    if groups[f"y{tag}"]:
        return _Years(int(groups[f"y{tag}"]), int(groups[f"y{tag}"]), "year", False)
    if groups[f"yy{tag}"]:
        short = int(groups[f"yy{tag}"])
        full = short + (2000 if short < _CENTURY_PIVOT else 1900)  # 08年 = 2008, ’98年 = 1998
        return _Years(full, full, "year", False)
    if groups[f"dec{tag}"]:
        first = 1900 + int(groups[f"dec{tag}"])
        return _Years(first, first + 9, "years", False)
    if groups[f"yf{tag}"]:
        return _Years(int(groups[f"yf{tag}"]), int(groups[f"yf{tag}"]), "year", False)
    if groups[f"cy{tag}"]:
        year = chinese_int(groups[f"cy{tag}"])
        if year is None or not 1900 <= year <= 2100:
            raise ValueError("not a year")
        return _Years(year, year, "year", False)
    if groups[f"rel{tag}"]:
        year = dct.year + find_entry(lexicon.relative_years, groups[f"rel{tag}"]).offset if dct else None
        return _Years(year, year, "year", True)
    if groups[f"plan{tag}"]:
        plan = next(p for p in lexicon.plans if p.name == groups[f"plan{tag}"])
        return _Years(plan.first_year, plan.last_year, "years", False)
    # no year written (11月25日, 一季度): the caller takes it from context or the document date
    return None


def _read_rest(groups: re.Match[str], tag: str, lexicon: PeriodLexicon) -> _Rest | None:
    """Return the months, day or year part written after the year, or None."""
    if groups[f"ma{tag}"]:
        first, last = _month_of(groups[f"ma{tag}"], lexicon), to_int(groups[f"mb{tag}"])
        if first == last:
            raise ValueError("a range of one month")
        # 1—11月 is year-to-date: never link it with a full-year figure; 11至2月 runs into next year
        return _Rest(first, last, cumulative=first == 1, wraps=first > last)
    if groups[f"dotm{tag}"]:
        month, day = groups[f"dotm{tag}"], groups[f"dotd{tag}"]
        return _Rest(int(month), int(month), int(day), granularity="day")
    if groups[f"m{tag}"]:
        month, day = groups[f"m{tag}"], groups[f"d{tag}"]
        return _Rest(_month_of(month, lexicon), _month_of(month, lexicon), to_int(day) if day else None,
                     granularity="day" if day else "month")
    part, n = _matched_part(groups, tag, lexicon)
    # a bare year (2024年, 十四五): nothing after it
    if part is None:
        return None
    # the lexicon allows only month numbers or "n" (period_lexicon checks it)
    first = n if part.first == "n" else int(part.first)
    last = n if part.last == "n" else int(part.last)
    if not 1 <= first <= last <= 12:
        raise ValueError("months out of range")
    return _Rest(first, last, granularity=part.granularity, cumulative=part.cumulative, named=True, asof=part.asof,
                 latest=part.latest)


def _month_of(text: str, lexicon: PeriodLexicon) -> int:
    """The month a month numeral or word names (7, 十一, 元 = 1)."""
    return 1 if text in lexicon.january_words else to_int(text)


def _matched_part(groups: re.Match[str], tag: str, lexicon: PeriodLexicon) -> tuple[YearPart | None, int]:
    """Return the year part that matched and the number its {n} stood for."""
    if groups[f"part{tag}"]:
        return find_entry(lexicon.year_parts, groups[f"part{tag}"]), 0
    for index, part in enumerate(lexicon.year_parts):
        if "{n}" in part.word and groups[f"pt{tag}_{index}"]:
            return part, to_int(groups[f"n{tag}_{index}"])
    return None, 0


def _read_relative_month(
    groups: re.Match[str], tag: str, dct: dt.date | None, lexicon: PeriodLexicon
) -> Period:
    """Read 本月 / 上个月 [N日] as a month or a day."""
    day = groups[f"d{tag}"]
    if _read_years(groups, tag, dct, lexicon) is not None:
        raise ValueError("a year before a relative month")
    if dct is None:
        return Period("point" if day else "period", granularity="day" if day else "month", relative=True)
    month = add_months(dct.replace(day=1), find_entry(lexicon.relative_months, groups[f"rm{tag}"]).offset)
    if day:
        return _point(month.replace(day=to_int(day)), relative=True)
    return Period("period", month, month_end(month.year, month.month), granularity="month", relative=True)


def _join_range(
    first: Period, groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon
) -> Period:
    """Join the two ends of a range (2025年1月至2026年3月, 11月25日至27日) into one period."""
    if groups["dd"]:
        # a bare day (…25日至27日) shares the month of the first end
        if first.kind != "point":
            raise ValueError("a bare day after a period that is not a day")
        second = first if first.start is None else _point(first.start.replace(day=to_int(groups["dd"])))
    else:
        default = first.end.year if first.end else None
        second = _read_simple(groups, "2", dct, lexicon, default)
        wrote_year = _read_years(groups, "2", dct, lexicon) is not None
        # 11月至2月: an unyeared second end before the first runs into the next year
        if not wrote_year and default and second.start and first.start and second.start < first.start:
            second = _read_simple(groups, "2", dct, lexicon, default + 1)
    relative = first.relative or second.relative
    granularity = max(first.granularity, second.granularity, key=GRANULARITIES.index)
    if first.start is None or second.end is None:
        return Period("period", granularity=granularity, relative=relative)
    if second.end < first.start:
        raise ValueError("a range running backwards")
    if granularity == "year" and first.start.year != second.end.year:
        granularity = "years"
    return Period("period", first.start, second.end, granularity=granularity, relative=relative)


def _apply_suffix(period: Period, means: str, dct: dt.date | None) -> Period | None:
    """Return the period a suffix makes: since (以来) up to the DCT, the end (底) or start (初) of it."""
    # an unplaced period stays unplaced whatever its suffix; 期间 and 时期 change nothing
    if period.start is None or means in ("same", "same_part"):
        return attrs.evolve(period, end=None, cumulative=True) if means == "since" else period
    if means == "since":
        # since a day after the document date (2030年以来) is not a span that has happened
        if dct is None or period.start > dct:
            return None
        return Period("period", period.start, dct, granularity="day", relative=True, cumulative=True)
    if means == "until":
        # 2018年以前: everything up to the end of 2018, with no stated beginning
        return Period("period", None, period.end, granularity=period.granularity, relative=period.relative)
    if means == "close" and period.granularity in ("year", "half", "quarter"):
        # 2024年末, 一季度末: the state on the part's last day, as statistics bulletins report it
        return Period("asof", period.end, period.end, granularity="day", relative=period.relative)
    if means == "same_part":
        # read with the period before it, in find_periods
        return period
    if means in DEKADS:
        return _dekad(period, DEKADS[means])
    edge = period.start if means == "start" else period.end
    assert edge is not None, "a placed period with a granularity has both ends"
    if period.granularity == "month":
        return _point(edge, relative=period.relative)
    if period.granularity in ("year", "years", "half", "quarter"):
        end = month_end(edge.year, edge.month)
        return Period("period", edge.replace(day=1), end, granularity="month", relative=period.relative)
    return period


def _dekad(period: Period, first_day: int) -> Period:
    """9月下旬 = 21–30 September: a third of a month (the last one runs to the month's end)."""
    if period.granularity != "month" or period.start is None or period.end is None:
        # 2024年上旬 names no third of a month: the period stays as written
        return period
    start = period.start.replace(day=first_day)
    end = period.end if first_day == DEKADS["last_third"] else start.replace(day=first_day + 9)
    return Period("period", start, end, granularity="day", relative=period.relative)


def _as_of(period: Period, dct: dt.date | None) -> Period:
    """Return an as-of date at the end of a period, or at the DCT when the period holds it (截至今年3月)."""
    if period.end is None:
        return Period("asof", granularity="day", relative=True)
    day = dct if dct and period.start and period.start <= dct <= period.end else period.end
    return Period("asof", day, day, granularity="day", relative=period.relative)


def _read_asof(groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon) -> Period:
    """Read 截至目前 / 目前 as an as-of date at the DCT."""
    return Period("asof", dct, dct, granularity="day", relative=True)


def _read_fixed(groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon) -> Period:
    """Read a fixed duration word (半年) as its ISO 8601 length."""
    length = dict(lexicon.fixed_durations)[groups["fixed"]]
    return Period("duration", length=length, granularity=UNIT_GRANULARITIES[length[-1]])


def _read_counted(groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon) -> Period | None:
    """Read a count of units as a duration (50天), an earlier time (39年前) or a recent span (近五年)."""
    unit = find_entry(lexicon.duration_units, groups["unit"])
    tag = "r" if groups["rpre"] else "d"
    try:
        count, approximate = _read_count(groups, tag)
    except ValueError:
        # 十十年 and the like: Chinese characters that only look like a numeral
        return None
    if unit.name_guard and _ends_a_name(groups, lexicon):
        return None
    period = _counted_period(groups, count, approximate, unit, dct, lexicon)
    return attrs.evolve(period, approximate=True) if period and approximate else period


def _counted_period(
    groups: re.Match[str], count: float | None, approximate: bool, unit: DurationUnit,
    dct: dt.date | None, lexicon: PeriodLexicon,
) -> Period | None:
    """Return the span a count of units makes: earlier (前), recent (近, 来) or a plain duration."""
    post = groups["post"]
    if post in lexicon.ago_suffixes:
        return _ago(count, approximate, unit, dct)
    if groups["rpre"] or post:
        bare = groups["rpre"] and count is None and not approximate
        # 过去 and 最近 need a number: 最近天气 is not a span
        prefix = find_entry(lexicon.recent_prefixes, groups["rpre"]) if groups["rpre"] else None
        if bare and not (prefix and prefix.bare):
            return None
        if prefix and prefix.future:
            return _coming(count, approximate, unit, dct)
        return _recent(count, approximate, unit, dct, cumulative=post is not None)
    # a vague count (数十年, 多年) states no length
    if count is None:
        return None
    return Period("duration", length=f"P{count:g}{unit.designator}", granularity=unit.granularity)


def _ends_a_name(groups: re.Match[str], lexicon: PeriodLexicon) -> bool:
    """True for a bare one-character numeral and unit glued to a word (华大九天), not opened by one (用了九天)."""
    numeral = groups["cnd"]
    if groups["dpre"] or groups["post"] or groups["apd"] or not numeral or len(numeral) != 1:
        return False
    before = groups.string[max(0, groups.start() - 8) : groups.start()]  # openers are short words
    if not before or not ("\u4e00" <= before[-1] <= "\u9fff" or "\u3400" <= before[-1] <= "\u4dbf"):
        return False
    return not before.endswith(tuple(lexicon.name_guard_openers))


def _read_count(groups: re.Match[str], tag: str) -> tuple[float | None, bool]:
    """Return the count written before a unit and whether it is approximate (十多, 数十)."""
    if groups[f"vg{tag}"]:
        return None, True
    text = groups[f"ar{tag}"] or groups[f"cn{tag}"]
    if text is None:
        return None, False
    count = float(text) if "." in text else to_int(text)
    return count, groups[f"ap{tag}"] is not None


def _ago(
    count: float | None, approximate: bool, unit: DurationUnit, dct: dt.date | None
) -> Period | None:
    """Return the year, month or day `count` units before the DCT (39年前)."""
    # 数十年前, 1.5年前: no whole distance to count back
    if count is None or count != int(count):
        return None
    count = int(count)
    if dct is None:
        kind = "point" if unit.designator in "DW" else "period"
        return Period(kind, granularity=unit.granularity, relative=True)
    if approximate:
        # 十多年前 = 11 to 19 years ago; only round tens are idiomatic, and only in years
        if unit.designator != "Y" or count % 10:
            return None
        return _year_period(_Years(dct.year - count - 9, dct.year - count - 1, "years", True))
    if unit.designator == "Y":
        return _year_period(_Years(dct.year - count, dct.year - count, "year", True))
    if unit.designator == "M":
        month = add_months(dct.replace(day=1), -count)
        return Period("period", month, month_end(month.year, month.month), granularity="month", relative=True)
    return _point(dct - dt.timedelta(days=count * (7 if unit.designator == "W" else 1)), relative=True)


def _recent(
    count: float | None, approximate: bool, unit: DurationUnit, dct: dt.date | None, cumulative: bool
) -> Period:
    """Return the last `count` units up to the DCT; the start is open when the count is vague."""
    granularity = {"Y": "years", "M": "month"}.get(unit.designator, "day")
    if dct is None:
        return Period("period", granularity=granularity, relative=True, cumulative=cumulative)
    start = None
    if count is not None and not approximate:
        whole = int(-(-count // 1))  # 近1.5年 reaches back into a second year
        if unit.designator == "Y" and dct.month < _RELEASE_SEASON and count == whole:
            # 过去一年, 五年来 in the season of annual reviews: the current year has barely begun, so only the finished
            # years are meant (the work report of 2026 reviews 2025; its 过去五年 is 2021–2025)
            return Period("period", dt.date(dct.year - whole, 1, 1), dt.date(dct.year - 1, 12, 31),
                          granularity=granularity, relative=True, cumulative=cumulative)
        # covers both readings: the N finished units, or the current one and the N-1 before it
        if unit.designator == "Y":
            start = dt.date(dct.year - whole, 1, 1)
        elif unit.designator == "M":
            start = add_months(dct.replace(day=1), -whole)
        else:
            start = dct - dt.timedelta(days=whole * (7 if unit.designator == "W" else 1))
    return Period("period", start, dct, granularity=granularity, relative=True, cumulative=cumulative)


def _coming(count: float | None, approximate: bool, unit: DurationUnit, dct: dt.date | None) -> Period:
    """Return the next `count` units from the DCT (未来五年); the end is open when the count is vague."""
    granularity = {"Y": "years", "M": "month"}.get(unit.designator, "day")
    if dct is None or count is None or approximate:
        # 未来几年: a span ahead with no stated end
        return Period("period", dct, None, granularity=granularity, relative=True)
    whole = int(-(-count // 1))
    # covers both readings, as _recent does: the N units after this one, or this one and the N-1 after it
    if unit.designator == "Y":
        end = dt.date(dct.year + whole, 12, 31)
    elif unit.designator == "M":
        end = add_months(dct, whole)
    else:
        end = dct + dt.timedelta(days=whole * (7 if unit.designator == "W" else 1))
    return Period("period", dct, end, granularity=granularity, relative=True)


_READERS: Mapping[str, Callable[[re.Match[str], dt.date | None, PeriodLexicon], Period | None]]
_READERS = MappingProxyType({
    "fullnum": _read_fullnum,
    "anchored": _read_anchored,
    "asof": _read_asof,
    "fixed": _read_fixed,
    "counted": _read_counted,
})


def _point(day: dt.date, relative: bool = False) -> Period:
    """Return a one-day period."""
    return Period("point", day, day, granularity="day", relative=relative)
