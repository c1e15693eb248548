"""Time expressions in Chinese news (2024年, 1至10月, 去年前三季度, “十四五”期间, 39年前, 50天) as Periods.

The grammar is a handful of regular expressions compiled once from the lexicon
(rules/lexicon/periods.yaml) and scanned once over the text, longest match first. Each match is
then read by the same expression with named groups and turned into a Period anchored on the
document date (DCT). Numbers that are not times (2134.3, 1/5, 33618, 第3年) are consumed by a
skip alternative so that no time is ever found inside them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable

import attrs
import yaml

from checker.dates import add_months, infer_year, month_end, parse_full_date
from checker.errors import RuleFileError
from checker.model import Period

_CN_DIGITS = "〇一二三四五六七八九"
_CN_NUMERALS = "〇零一二三四五六七八九十两"
_BOUNDARY = r"\s，。；：！？、,.;:!?“”\"‘’'（）()《》【】\[\]—…·"
_AR = r"(?<![0-9.．])[0-9]{1,3}(?:\.[0-9]+)?(?![0-9])"
# 统一年, 同一年, 唯一月: 一 belongs to the word before, not to a number
_CN = r"(?<![〇零一二三四五六七八九十两百千万亿统同唯单逐每之其])[一二三四五六七八九十两]{1,3}"
_Y4 = r"(?<![0-9.．])(?:19[0-9]{2}|20[0-9]{2}|2100)(?![0-9]|[.．][0-9])"
_CY = r"(?<![〇零一二三四五六七八九十])[〇零一二三四五六七八九]{4}"
_SP = "[ \u3000]?"
_MONTH = (
    r"(?:(?<![0-9.．])(?:1[0-2]|0?[1-9])"
    r"|(?<![〇零一二三四五六七八九十统同唯单逐每之其])(?:十[一二]?|[一二三四五六七八九]))"
)
_DAY = (
    r"(?:(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])"
    r"|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
_N12 = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九两])"
_FULLNUM = (
    r"(?<![0-9.．])(?:19|20)[0-9]{2}(?:-[0-9]{1,2}-|/[0-9]{1,2}/|\.[0-9]{1,2}\.)[0-9]{1,2}(?![0-9])"
)
_SKIP = r"第[0-9一二三四五六七八九十百千两〇零]+|[0-9]+(?:[.．/:：][0-9]+)*"
_GRANULARITIES = ("day", "month", "quarter", "half", "year", "years")  # finest first
_UNIT_GRANULARITIES = MappingProxyType({"Y": "year", "M": "month", "W": "day", "D": "day"})
_SUFFIX_MEANINGS = ("same", "since", "end", "start")


@attrs.frozen
class PlanPeriod:
    """A five-year plan name and the years it covers."""

    name: str
    first_year: int
    last_year: int


@attrs.frozen
class RelativeWord:
    """A word meaning an offset from the document's year or month (去年 = -1), with its guards."""

    word: str
    offset: int = 0
    boundary: bool = False  # only at a clause start
    not_after: str = ""  # ignored right after any of these characters
    bare: bool = False  # (recent prefixes) allowed without a number: 近年


@attrs.frozen
class YearPart:
    """A named part of a year (一季度, 上半年, 前{n}个月); a month of "n" stands for the number."""

    word: str
    first: int | str
    last: int | str
    granularity: str
    cumulative: bool = False


@attrs.frozen
class Suffix:
    """A word after a period: same, since (以来), end (底) or start (初)."""

    word: str
    means: str
    not_before: str = ""


@attrs.frozen
class DurationUnit:
    """A unit after a number that makes a duration: 年 -> Y, 个月 -> M, 天 -> D."""

    word: str
    designator: str
    granularity: str


@attrs.frozen
class _Grammar:
    """The compiled expressions: one scanner and one reader per alternative."""

    scan: re.Pattern[str]
    readers: Mapping[str, re.Pattern[str]]


@attrs.frozen
class _Years:
    """The years an anchored end names: one (2024年, 去年) or several (2025-2027年, 十四五)."""

    first: int | None  # None: a relative year (去年) without a document date
    last: int | None
    granularity: str
    relative: bool


@attrs.frozen
class PeriodLexicon:
    """The words of the time grammar, as loaded from rules/lexicon/periods.yaml."""

    plans: tuple[PlanPeriod, ...] = ()
    relative_years: tuple[RelativeWord, ...] = ()
    relative_months: tuple[RelativeWord, ...] = ()
    year_parts: tuple[YearPart, ...] = ()
    suffixes: tuple[Suffix, ...] = ()
    asof_words: tuple[str, ...] = ()
    asof_prefixes: tuple[str, ...] = ()
    range_connectors: tuple[str, ...] = ()
    duration_units: tuple[DurationUnit, ...] = ()
    duration_prefixes: tuple[str, ...] = ()
    fixed_durations: tuple[tuple[str, str], ...] = ()
    approximate_markers: tuple[str, ...] = ()
    vague_numbers: tuple[str, ...] = ()
    ago_suffixes: tuple[str, ...] = ()
    recent_prefixes: tuple[RelativeWord, ...] = ()
    recent_suffixes: tuple[str, ...] = ()
    grammar: _Grammar = attrs.field(init=False, eq=False, repr=False)

    @grammar.default
    def _compile(self) -> _Grammar:
        return _compile_grammar(self)

    @classmethod
    def from_mapping(
        cls, raw: Any, path: str = "<mapping>", lines: Mapping[str, int] | None = None
    ) -> "PeriodLexicon":
        """Build a lexicon from parsed YAML, raising RuleFileError on malformed content."""
        fail = _failer(path, lines or {})
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise fail(None, "the file must be a mapping of sections")
        fields = {}
        for section, value in raw.items():
            if section not in _SECTION_READERS:
                raise fail(section, f"unknown section; expected one of {', '.join(_SECTION_READERS)}")
            fields[section] = _SECTION_READERS[section](value, section, fail)
        return cls(**fields)


def load_period_lexicon(path: str | Path) -> PeriodLexicon:
    """Load the period lexicon from a YAML file, raising RuleFileError when it is malformed."""
    path = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, None, None, f"cannot read the file: {exc}") from exc
    try:
        raw = yaml.safe_load(text)
        lines = _key_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark else None
        raise RuleFileError(path, line, None, f"not valid YAML: {problem}") from exc
    return PeriodLexicon.from_mapping(raw, path, lines)


def find_periods(
    reading: str, dct: dt.date | None, lexicon: PeriodLexicon
) -> list[tuple[int, int, Period]]:
    """Return the time expressions of a text as non-overlapping (start, end, Period), longest first."""
    found = []
    readers = lexicon.grammar.readers
    for match in lexicon.grammar.scan.finditer(reading):
        kind = match.lastgroup
        # the skip alternative swallows numbers that are not times (2134.3, 1/5, 第3年)
        if kind == "skip":
            continue
        groups = readers[kind].fullmatch(reading, match.start(), match.end())
        # the reader is the scanner's own alternative with names; it cannot miss, but never crash
        if groups is None:
            continue
        try:
            period = _READERS[kind](groups, dct, lexicon)
        except (ValueError, OverflowError):
            # counting back or ahead left the calendar (39年前 in a year-1 document): no time
            continue
        if period is not None:
            found.append((match.start(), match.end(), period))
    return found


# --- the grammar ------------------------------------------------------------------------------


def _compile_grammar(lexicon: PeriodLexicon) -> _Grammar:
    """Compile the scanner and the readers from the lexicon's words."""
    fixed = _words(word for word, _ in lexicon.fixed_durations)
    readers = {  # in order of preference where two could start at the same character
        "fullnum": _FULLNUM,
        "anchored": _anchored_pattern(lexicon),
        "asof": _words(lexicon.asof_words),
        "fixed": f"(?P<dpre>{_words(lexicon.duration_prefixes)})?(?P<fixed>{fixed})",
        "counted": _counted_pattern(lexicon),
        "skip": _SKIP,
    }
    alternation = "|".join(f"(?P<{name}>{_unnamed(body)})" for name, body in readers.items())
    # the lookahead lets the scanner pass over most characters after a single set test
    scan = re.compile(f"(?=[{_first_chars(lexicon)}])(?:{alternation})")
    return _Grammar(scan, MappingProxyType({name: re.compile(body) for name, body in readers.items()}))


def _anchored_pattern(lexicon: PeriodLexicon) -> str:
    """Return the pattern of anchored periods: [截至] simple [connector simple | suffix]."""
    conn = _words(lexicon.range_connectors)
    suffixes = _alternatives(
        re.escape(s.word) + (f"(?![{re.escape(s.not_before)}])" if s.not_before else "")
        for s in sorted(lexicon.suffixes, key=lambda s: -len(s.word))
    )
    second = f"(?:{_simple_pattern(lexicon, '2')}|(?P<dd>{_DAY})[日号])"
    return (
        f"(?P<pre>{_words(lexicon.asof_prefixes)})?{_simple_pattern(lexicon, '1')}"
        f"(?:(?P<conn>{conn}){second})?(?P<suf>{suffixes})?"
    )


def _simple_pattern(lexicon: PeriodLexicon, tag: str) -> str:
    """Return the pattern of one end of a period: a year, a month or day, a year part, or both."""
    conn = _words(lexicon.range_connectors)
    relative = _alternatives(_guarded(w) for w in sorted(lexicon.relative_years, key=lambda w: -len(w.word)))
    plans = _words(p.name for p in lexicon.plans)
    year = (
        f"(?P<ya{tag}>{_Y4})(?:{_SP}年)?{conn}(?P<yb{tag}>{_Y4})(?:{_SP}年)?"
        f"|(?P<y{tag}>{_Y4}){_SP}年度?|(?P<cy{tag}>{_CY})年|(?P<rel{tag}>{relative})"
        f"|[“\"‘']?(?P<plan{tag}>{plans})[”\"’']?"
    )
    templates = [
        f"(?P<pt{tag}_{i}>{re.escape(p.word).replace(re.escape('{n}'), f'(?P<n{tag}_{i}>{_N12})')})"
        for i, p in enumerate(lexicon.year_parts)
        if "{n}" in p.word
    ]
    named = _words(p.word for p in lexicon.year_parts if "{n}" not in p.word)
    relative_months = _words(w.word for w in lexicon.relative_months)
    rest = (
        f"(?P<ma{tag}>{_MONTH})月?{conn}(?P<mb{tag}>{_MONTH})月份?"
        f"|(?:(?P<m{tag}>{_MONTH})月份?|(?P<rm{tag}>{relative_months}))(?:(?P<d{tag}>{_DAY})[日号])?"
        f"|{'|'.join(templates + [f'(?P<part{tag}>{named})'])}"
    )
    # at least one of year and rest: the lookahead stops the whole from matching nothing
    return f"(?=(?:{_unnamed(year)}|{_unnamed(rest)}))(?:{year})?(?:{rest})?"


def _counted_pattern(lexicon: PeriodLexicon) -> str:
    """Return the pattern of counted spans: durations (50天), ago (39年前) and recent (近五年)."""
    recent = _alternatives(_guarded(w) for w in sorted(lexicon.recent_prefixes, key=lambda w: -len(w.word)))
    # 90年代 (a decade), 三年级 (a school grade) and 一周年 (an anniversary) are not lengths of time
    units = _alternatives(
        re.escape(u.word) + {"Y": "(?![代级])", "W": "(?!年)"}.get(u.designator, "")
        for u in sorted(lexicon.duration_units, key=lambda u: -len(u.word))
    )
    post = _words(lexicon.ago_suffixes + lexicon.recent_suffixes)
    return (
        f"(?:(?P<rpre>{recent}){_number_pattern(lexicon, 'r')}?"
        f"|(?P<dpre>{_words(lexicon.duration_prefixes)})?{_number_pattern(lexicon, 'd')})"
        f"(?P<unit>{units})(?P<post>{post})?"
    )


def _number_pattern(lexicon: PeriodLexicon, tag: str) -> str:
    """Return the pattern of a count: 11, 1.5, 三十, 十多, or a vague 数十 / 几."""
    approx = _words(lexicon.approximate_markers)
    vague = _words(lexicon.vague_numbers)
    exact = f"(?:(?P<ar{tag}>{_AR})|(?P<cn{tag}>{_CN}))(?P<ap{tag}>{approx})?"
    return f"(?:{exact}|(?P<vg{tag}>{vague}[十百千]?))"


def _guarded(word: RelativeWord) -> str:
    """Return a word's pattern with its clause-boundary and not-after guards."""
    guard = f"(?<![^{_BOUNDARY}])" if word.boundary else ""
    if word.not_after:
        guard += f"(?<![{re.escape(word.not_after)}])"
    return guard + re.escape(word.word)


def _words(words: Any) -> str:
    """Return an alternation of literal words, longest first, or a pattern that never matches."""
    return _alternatives(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _alternatives(patterns: Any) -> str:
    """Return a group of alternative patterns, or a pattern that never matches when there are none."""
    patterns = list(patterns)
    return "(?:" + "|".join(patterns) + ")" if patterns else "(?!)"


def _unnamed(pattern: str) -> str:
    """Return a pattern with its named groups made anonymous, to embed it twice."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _first_chars(lexicon: PeriodLexicon) -> str:
    """Return a character class body of every character a time expression can start with."""
    words = [p.name for p in lexicon.plans] + [p.word for p in lexicon.year_parts]
    words += [w.word for w in lexicon.relative_years + lexicon.relative_months + lexicon.recent_prefixes]
    words += lexicon.asof_words + lexicon.asof_prefixes + lexicon.duration_prefixes + lexicon.vague_numbers
    words += [word for word, _ in lexicon.fixed_durations]
    chars = set("0123456789“\"‘'第" + _CN_NUMERALS) | {w[0] for w in words if w}
    return "".join(re.escape(c) for c in sorted(chars))


# --- reading matches --------------------------------------------------------------------------


def _read_fullnum(groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon) -> Period | None:
    """Read 2024-11-25, 2024/11/25 or 2024.11.25 as a day."""
    day = parse_full_date(groups[0], dct)
    # dateparser found no such day (2023-02-29): no time, rather than a wrong one
    if day is None:
        return None
    return Period("point", day, day, granularity="day")


def _read_anchored(groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon) -> Period | None:
    """Read an anchored period: one end or a range of two, then its suffix and as-of prefix."""
    try:
        period = _read_simple(groups, "1", dct, lexicon, None)
        if groups["conn"]:
            period = _join_range(period, groups, dct, lexicon)
    except ValueError:
        # no such day (2月30日), a backwards range, a year part of a multi-year span: not placeable
        return None
    if period is not None and groups["suf"]:
        period = _apply_suffix(period, _find(lexicon.suffixes, groups["suf"]).means, dct)
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
    wraps: bool = False  # the last month is in the next year (11至2月)
    arabic: bool = False  # month and day in Arabic digits, so dateparser can read the full date


def _read_simple(
    groups: re.Match[str], tag: str, dct: dt.date | None, lexicon: PeriodLexicon, default_year: int | None
) -> Period:
    """Read one end of a period; `default_year` is the year to assume when none is written."""
    if groups[f"rm{tag}"]:
        return _read_relative_month(groups, tag, dct, lexicon)
    years = _read_years(groups, tag, dct, lexicon)
    rest = _read_rest(groups, tag, lexicon)
    if rest is None:
        return _year_period(years)  # the pattern's lookahead guarantees a year when there is no rest
    if years is not None and years.first != years.last:
        raise ValueError("a month or year part of a multi-year span")
    year, relative = _year_of(rest, years, dct, default_year)
    if year is None:
        # 去年12月 or 11月 without a document date: a time, but not one we can place
        kind = "point" if rest.day else "period"
        return Period(kind, granularity="day" if rest.day else rest.granularity, relative=True)
    return _place(rest, year, relative, arabic=bool(groups[f"y{tag}"]) and rest.arabic, dct=dct)


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
    if rest.named and not rest.cumulative:
        return dct.year, True
    return infer_year(rest.last, rest.day or 1, dct) - rest.wraps, True


def _place(rest: _Rest, year: int, relative: bool, arabic: bool, dct: dt.date | None) -> Period:
    """Return the day or months of `rest` in `year`."""
    if rest.day is None:
        start, end = dt.date(year, rest.first, 1), month_end(year + rest.wraps, rest.last)
        return Period("period", start, end, granularity=rest.granularity, relative=relative,
                      cumulative=rest.cumulative)
    if arabic:
        day = parse_full_date(f"{year}年{rest.first}月{rest.day}日", dct)
    else:
        day = dt.date(year, rest.first, rest.day)
    if day is None:
        raise ValueError("no such day")
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
    if groups[f"cy{tag}"]:
        year = _chinese_int(groups[f"cy{tag}"])
        if year is None or not 1900 <= year <= 2100:
            raise ValueError("not a year")
        return _Years(year, year, "year", False)
    if groups[f"rel{tag}"]:
        year = dct.year + _find(lexicon.relative_years, groups[f"rel{tag}"]).offset if dct else None
        return _Years(year, year, "year", True)
    if groups[f"plan{tag}"]:
        plan = next(p for p in lexicon.plans if p.name == groups[f"plan{tag}"])
        return _Years(plan.first_year, plan.last_year, "years", False)
    # no year written (11月25日, 一季度): the caller takes it from context or the document date
    return None


def _read_rest(groups: re.Match[str], tag: str, lexicon: PeriodLexicon) -> _Rest | None:
    """Return the months, day or year part written after the year, or None."""
    if groups[f"ma{tag}"]:
        first, last = _to_int(groups[f"ma{tag}"]), _to_int(groups[f"mb{tag}"])
        if first == last:
            raise ValueError("a range of one month")
        # 1—11月 is year-to-date: never link it with a full-year figure; 11至2月 runs into next year
        return _Rest(first, last, cumulative=first == 1, wraps=first > last)
    if groups[f"m{tag}"]:
        month, day = groups[f"m{tag}"], groups[f"d{tag}"]
        arabic = month.isascii() and (day is None or day.isascii())
        return _Rest(_to_int(month), _to_int(month), _to_int(day) if day else None,
                     granularity="day" if day else "month", arabic=arabic)
    part, n = _matched_part(groups, tag, lexicon)
    # a bare year (2024年, 十四五): nothing after it
    if part is None:
        return None
    first = n if part.first == "n" else part.first
    last = n if part.last == "n" else part.last
    if not 1 <= first <= last <= 12:
        raise ValueError("months out of range")
    return _Rest(first, last, granularity=part.granularity, cumulative=part.cumulative, named=True)


def _matched_part(groups: re.Match[str], tag: str, lexicon: PeriodLexicon) -> tuple[YearPart | None, int]:
    """Return the year part that matched and the number its {n} stood for."""
    if groups[f"part{tag}"]:
        return _find(lexicon.year_parts, groups[f"part{tag}"]), 0
    for index, part in enumerate(lexicon.year_parts):
        if "{n}" in part.word and groups[f"pt{tag}_{index}"]:
            return part, _to_int(groups[f"n{tag}_{index}"])
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
    month = add_months(dct.replace(day=1), _find(lexicon.relative_months, groups[f"rm{tag}"]).offset)
    if day:
        return _point(month.replace(day=_to_int(day)), relative=True)
    return Period("period", month, month_end(month.year, month.month), granularity="month", relative=True)


def _join_range(
    first: Period, groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon
) -> Period:
    """Join the two ends of a range (2025年1月至2026年3月, 11月25日至27日) into one period."""
    if groups["dd"]:
        # a bare day (…25日至27日) shares the month of the first end
        if first.kind != "point":
            raise ValueError("a bare day after a period that is not a day")
        second = first if first.start is None else _point(first.start.replace(day=_to_int(groups["dd"])))
    else:
        default = first.end.year if first.end else None
        second = _read_simple(groups, "2", dct, lexicon, default)
        wrote_year = _read_years(groups, "2", dct, lexicon) is not None
        # 11月至2月: an unyeared second end before the first runs into the next year
        if not wrote_year and default and second.start and first.start and second.start < first.start:
            second = _read_simple(groups, "2", dct, lexicon, default + 1)
    relative = first.relative or second.relative
    granularity = max(first.granularity, second.granularity, key=_GRANULARITIES.index)
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
    if period.start is None or means == "same":
        return attrs.evolve(period, end=None, cumulative=True) if means == "since" else period
    if means == "since":
        # since a day after the document date (2030年以来) is not a span that has happened
        if dct is None or period.start > dct:
            return None
        return Period("period", period.start, dct, granularity="day", relative=True, cumulative=True)
    edge = period.end if means == "end" else period.start
    if period.granularity == "month":
        return _point(edge, relative=period.relative)
    if period.granularity in ("year", "years", "half", "quarter"):
        end = month_end(edge.year, edge.month)
        return Period("period", edge.replace(day=1), end, granularity="month", relative=period.relative)
    return period


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
    return Period("duration", length=length, granularity=_UNIT_GRANULARITIES[length[-1]])


def _read_counted(groups: re.Match[str], dct: dt.date | None, lexicon: PeriodLexicon) -> Period | None:
    """Read a count of units as a duration (50天), an earlier time (39年前) or a recent span (近五年)."""
    unit = _find(lexicon.duration_units, groups["unit"])
    tag = "r" if groups["rpre"] else "d"
    try:
        count, approximate = _read_count(groups, tag)
    except ValueError:
        # 十十年 and the like: Chinese characters that only look like a numeral
        return None
    post = groups["post"]
    if post in lexicon.ago_suffixes:
        return _ago(count, approximate, unit, dct)
    if groups["rpre"] or post:
        bare = groups["rpre"] and count is None and not approximate
        # 过去 and 最近 need a number: 最近天气 is not a span
        if bare and not _find(lexicon.recent_prefixes, groups["rpre"]).bare:
            return None
        return _recent(count, approximate, unit, dct, cumulative=post is not None)
    # a vague count (数十年, 多年) states no length
    if count is None:
        return None
    return Period("duration", length=f"P{count:g}{unit.designator}", granularity=unit.granularity)


def _read_count(groups: re.Match[str], tag: str) -> tuple[float | None, bool]:
    """Return the count written before a unit and whether it is approximate (十多, 数十)."""
    if groups[f"vg{tag}"]:
        return None, True
    text = groups[f"ar{tag}"] or groups[f"cn{tag}"]
    if text is None:
        return None, False
    count = float(text) if "." in text else _to_int(text)
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
        # covers both readings: the N finished units, or the current one and the N-1 before it
        if unit.designator == "Y":
            start = dt.date(dct.year - whole, 1, 1)
        elif unit.designator == "M":
            start = add_months(dct.replace(day=1), -whole)
        else:
            start = dct - dt.timedelta(days=whole * (7 if unit.designator == "W" else 1))
    return Period("period", start, dct, granularity=granularity, relative=True, cumulative=cumulative)


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


def _find(entries: Any, word: str) -> Any:
    """Return the lexicon entry for a matched word."""
    return next(entry for entry in entries if entry.word == word)


def _to_int(text: str) -> int:
    """Return the value of an Arabic or Chinese numeral (11, 十一, 两), raising ValueError if invalid."""
    if text.isascii():
        return int(text)
    value = _chinese_int(text)
    if value is None:
        raise ValueError(f"not a numeral: {text}")
    return value


def _chinese_int(text: str) -> int | None:
    """Return the value of a Chinese numeral 一 to 九十九, or of digit-by-digit 二〇二四; None if invalid."""
    text = text.replace("零", "〇").replace("两", "二")
    # 百, 千 and other characters are beyond this helper's 一 to 九十九
    if not text or any(ch not in _CN_DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return int("".join(str(_CN_DIGITS.index(ch)) for ch in text))
    tens, _, ones = text.partition("十")
    # 十 is written once, with at most one digit on each side, and never 〇十
    if len(tens) > 1 or len(ones) > 1 or "十" in ones or tens == "〇" or ones == "〇":
        return None
    return _CN_DIGITS.index(tens or "一") * 10 + (_CN_DIGITS.index(ones) if ones else 0)


# --- loading the lexicon ----------------------------------------------------------------------

_Fail = Callable[[Any, str], RuleFileError]
_Schema = Mapping[str, tuple[type, Any]]  # field -> (type, default); a default of ... is required


def _failer(path: str, lines: Mapping[str, int]) -> _Fail:
    """Return a function that builds a RuleFileError for a key, citing the key's line."""

    def fail(key: Any, problem: str) -> RuleFileError:
        return RuleFileError(path, lines.get(str(key)) if key is not None else None, key, problem)

    return fail


def _key_lines(text: str) -> dict[str, int]:
    """Return the 1-based line of every section ("plans") and entry ("plans.十四五") in a YAML text."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    lines: dict[str, int] = {}
    # a file that is not a mapping is refused by from_mapping, with no line to cite
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        lines[str(key.value)] = key.start_mark.line + 1
        if isinstance(value, yaml.MappingNode):
            for entry, _ in value.value:
                lines[f"{key.value}.{entry.value}"] = entry.start_mark.line + 1
    return lines


def _fields(value: Any, key: str, fail: _Fail, schema: _Schema) -> dict[str, Any]:
    """Return an entry's fields with defaults filled in, after checking their names and types."""
    value = {} if value is None else value
    if not isinstance(value, dict):
        raise fail(key, f"expected a mapping with {', '.join(schema)}")
    for name, field in value.items():
        if name not in schema:
            raise fail(key, f"unknown field '{name}'; expected {', '.join(schema)}")
        wanted = schema[name][0]
        # YAML's true is an int to Python: a bool is right only where a bool is asked for
        if not isinstance(field, wanted) or isinstance(field, bool) is not (wanted is bool):
            raise fail(key, f"field '{name}' should be {wanted.__name__}, not {field!r}")
    missing = [name for name, (_, default) in schema.items() if default is ... and name not in value]
    if missing:
        raise fail(key, f"missing field '{missing[0]}'")
    return {name: value.get(name, default) for name, (_, default) in schema.items()}


def _entries(value: Any, section: str, fail: _Fail) -> list[tuple[str, str, Any]]:
    """Return (word, key, entry) for each entry of a mapping section, checking that words are text."""
    if not isinstance(value, dict):
        raise fail(section, "expected a mapping of words to entries")
    for word in value:
        if not isinstance(word, str) or not word.strip():
            raise fail(f"{section}.{word}", "a word must be non-empty text")
    return [(word, f"{section}.{word}", entry) for word, entry in value.items()]


def _read_word_list(value: Any, section: str, fail: _Fail) -> tuple[str, ...]:
    """Read a list of words."""
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise fail(section, "expected a list of non-empty words")
    return tuple(value)


def _read_plans(value: Any, section: str, fail: _Fail) -> tuple[PlanPeriod, ...]:
    """Read plan periods: name -> {start, end}."""
    plans = []
    for word, key, entry in _entries(value, section, fail):
        fields = _fields(entry, key, fail, {"start": (int, ...), "end": (int, ...)})
        if not 1900 <= fields["start"] <= fields["end"] <= 2100:
            raise fail(key, "start and end must be years 1900–2100, start first")
        plans.append(PlanPeriod(word, fields["start"], fields["end"]))
    return tuple(plans)


def _read_relative_years(value: Any, section: str, fail: _Fail) -> tuple[RelativeWord, ...]:
    """Read relative years: word -> {offset, boundary, not_after}."""
    schema = {"offset": (int, ...), "boundary": (bool, False), "not_after": (str, "")}
    words = []
    for word, key, entry in _entries(value, section, fail):
        fields = _fields(entry, key, fail, schema)
        words.append(RelativeWord(word, fields["offset"], fields["boundary"], fields["not_after"]))
    return tuple(words)


def _read_relative_months(value: Any, section: str, fail: _Fail) -> tuple[RelativeWord, ...]:
    """Read relative months: word -> offset in months."""
    words = []
    for word, key, entry in _entries(value, section, fail):
        if not isinstance(entry, int) or isinstance(entry, bool):
            raise fail(key, f"expected a whole number of months, not {entry!r}")
        words.append(RelativeWord(word, entry))
    return tuple(words)


def _read_year_parts(value: Any, section: str, fail: _Fail) -> tuple[YearPart, ...]:
    """Read year parts: word -> {months: [first, last], granularity, cumulative}."""
    schema = {"months": (list, ...), "granularity": (str, ...), "cumulative": (bool, False)}
    parts = []
    for word, key, entry in _entries(value, section, fail):
        fields = _fields(entry, key, fail, schema)
        months, template = fields["months"], "{n}" in word
        if word.count("{n}") > 1 or re.search(r"[{}]", word.replace("{n}", "", 1)):
            raise fail(key, "a word holds at most one {n} and no other braces")
        if len(months) != 2 or not all(_is_month(m, template) for m in months):
            raise fail(key, "months must be [first, last], each 1–12 (or n in a word with {n})")
        if all(isinstance(m, int) for m in months) and months[0] > months[1]:
            raise fail(key, "months run backwards")
        if fields["granularity"] not in _GRANULARITIES:
            raise fail(key, f"granularity must be one of {', '.join(_GRANULARITIES)}")
        parts.append(YearPart(word, months[0], months[1], fields["granularity"], fields["cumulative"]))
    return tuple(parts)


def _is_month(value: Any, template: bool) -> bool:
    """True for a month number 1–12, or for "n" in a word with {n}."""
    if value == "n":
        return template
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12


def _read_suffixes(value: Any, section: str, fail: _Fail) -> tuple[Suffix, ...]:
    """Read suffixes: word -> meaning, or {means, not_before}."""
    schema = {"means": (str, ...), "not_before": (str, "")}
    suffixes = []
    for word, key, entry in _entries(value, section, fail):
        fields = _fields({"means": entry} if isinstance(entry, str) else entry, key, fail, schema)
        if fields["means"] not in _SUFFIX_MEANINGS:
            raise fail(key, f"a suffix means one of {', '.join(_SUFFIX_MEANINGS)}")
        suffixes.append(Suffix(word, fields["means"], fields["not_before"]))
    return tuple(suffixes)


def _read_duration_units(value: Any, section: str, fail: _Fail) -> tuple[DurationUnit, ...]:
    """Read duration units: word -> {designator, granularity}."""
    units = []
    for word, key, entry in _entries(value, section, fail):
        fields = _fields(entry, key, fail, {"designator": (str, ...), "granularity": (str, ...)})
        if fields["designator"] not in _UNIT_GRANULARITIES:
            raise fail(key, "designator must be Y, M, W or D")
        if fields["granularity"] not in _GRANULARITIES:
            raise fail(key, f"granularity must be one of {', '.join(_GRANULARITIES)}")
        units.append(DurationUnit(word, fields["designator"], fields["granularity"]))
    return tuple(units)


def _read_fixed_durations(value: Any, section: str, fail: _Fail) -> tuple[tuple[str, str], ...]:
    """Read fixed durations: word -> ISO 8601 duration."""
    iso = re.compile(r"P(?=[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+W)?(?:[0-9]+D)?")
    durations = []
    for word, key, entry in _entries(value, section, fail):
        if not isinstance(entry, str) or not iso.fullmatch(entry):
            raise fail(key, f"expected an ISO 8601 duration such as P6M, not {entry!r}")
        durations.append((word, entry))
    return tuple(durations)


def _read_recent_prefixes(value: Any, section: str, fail: _Fail) -> tuple[RelativeWord, ...]:
    """Read recent prefixes: word -> {not_after, bare}."""
    schema = {"not_after": (str, ""), "bare": (bool, False)}
    words = []
    for word, key, entry in _entries(value, section, fail):
        fields = _fields(entry, key, fail, schema)
        words.append(RelativeWord(word, not_after=fields["not_after"], bare=fields["bare"]))
    return tuple(words)


_SECTION_READERS: Mapping[str, Callable[[Any, str, _Fail], Any]] = MappingProxyType({
    "plans": _read_plans,
    "relative_years": _read_relative_years,
    "relative_months": _read_relative_months,
    "year_parts": _read_year_parts,
    "suffixes": _read_suffixes,
    "asof_words": _read_word_list,
    "asof_prefixes": _read_word_list,
    "range_connectors": _read_word_list,
    "duration_units": _read_duration_units,
    "duration_prefixes": _read_word_list,
    "fixed_durations": _read_fixed_durations,
    "approximate_markers": _read_word_list,
    "vague_numbers": _read_word_list,
    "ago_suffixes": _read_word_list,
    "recent_prefixes": _read_recent_prefixes,
    "recent_suffixes": _read_word_list,
})
