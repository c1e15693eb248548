"""The words of the time grammar: PeriodLexicon, loaded and checked from rules/lexicon/periods.yaml.

A malformed file raises RuleFileError citing the file, the line and the key ("plans.十四五").
The lexicon compiles its grammar (checker/period_grammar.py) once, when it is built.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from checker.errors import RuleFileError
from checker.extract.holidays import Holidays, load_holidays
from checker.extract.period_grammar import Grammar, compile_grammar
from checker.yamlio import load_yaml_mapping

GRANULARITIES = ("day", "month", "quarter", "half", "year", "years")  # finest first
UNIT_GRANULARITIES = MappingProxyType({"Y": "year", "M": "month", "W": "day", "D": "day"})
# The thirds of a month a suffix may name (上旬, 中旬, 下旬), each with its first day.
DEKADS = MappingProxyType({"first_third": 1, "middle_third": 11, "last_third": 21})
_SUFFIX_MEANINGS = ("same", "since", "end", "start", "close", "same_part", "until", *DEKADS)


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
    future: bool = False  # (recent prefixes) the span after the document date: 未来五年
    data_year: bool = False  # (relative years) counted from the year reported on: 上年


@attrs.frozen
class YearPart:
    """A named part of a year (一季度, 上半年, 前{n}个月); a month of "n" stands for the number."""

    word: str
    first: int | str
    last: int | str
    granularity: str
    cumulative: bool = False
    asof: bool = False  # a state on the part's last day (年末 = 12月31日), not a span
    latest: bool = False  # alone, the latest such part begun by the document date (岁末 in January: last December)


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
    name_guard: bool = False  # after a one-character numeral, may end a name (华大九天)
    not_before: str = ""  # characters after it that make it another word: 年代, 年级 (年), 周年 (周)


@attrs.frozen
class PeriodLexicon:
    """The words of the time grammar, as loaded from rules/lexicon/periods.yaml."""

    plans: tuple[PlanPeriod, ...] = ()
    relative_years: tuple[RelativeWord, ...] = ()
    relative_months: tuple[RelativeWord, ...] = ()
    relative_days: tuple[RelativeWord, ...] = ()
    relative_weeks: tuple[RelativeWord, ...] = ()
    weekday_prefixes: tuple[str, ...] = ()
    weekdays: tuple[RelativeWord, ...] = ()
    day_not_before: tuple[str, ...] = ()
    between_joiners: tuple[str, ...] = ()
    between_closers: tuple[str, ...] = ()
    far_year_not_before: tuple[str, ...] = ()
    january_words: tuple[str, ...] = ()  # 元月, 元至7月: words for January before 月 or a range's end
    century_prefixes: tuple[str, ...] = ()  # 上世纪80年代: the twentieth century before a decade
    comparison_words: tuple[str, ...] = ()
    year_parts: tuple[YearPart, ...] = ()
    suffixes: tuple[Suffix, ...] = ()
    asof_words: tuple[str, ...] = ()
    asof_prefixes: tuple[str, ...] = ()
    range_connectors: tuple[str, ...] = ()
    duration_units: tuple[DurationUnit, ...] = ()
    duration_prefixes: tuple[str, ...] = ()
    fixed_durations: tuple[tuple[str, str], ...] = ()
    approximate_markers: tuple[str, ...] = ()
    round_markers: tuple[str, ...] = ()
    name_guard_openers: tuple[str, ...] = ()
    vague_numbers: tuple[str, ...] = ()
    ago_suffixes: tuple[str, ...] = ()
    recent_prefixes: tuple[RelativeWord, ...] = ()
    recent_suffixes: tuple[str, ...] = ()
    numeral_not_after: tuple[str, ...] = ()  # 统一年, 同一年: a numeral after these belongs to the word
    month_numeral_not_after: tuple[str, ...] = ()  # 周一, 星期一, 礼拜一: a weekday's numeral, not a month's
    clock_hour_marks: tuple[str, ...] = ()  # 3点, 15时: a clock time after a day
    clock_minute_marks: tuple[str, ...] = ()  # 15时30分
    clock_half: tuple[str, ...] = ()  # 3点半
    clock_not_before: tuple[str, ...] = ()  # 时期, 时间, 时代: an hour mark that begins a word
    ordinal_marks: tuple[str, ...] = ()  # 第3年, 第十二届: a number after them is an ordinal, never a time
    week_words: tuple[str, ...] = ()  # 2018年第04周: after a year and an ordinal, the week of that year (ISO 8601)
    reference_days: tuple[tuple[str, dt.date], ...] = ()  # 第七次全国人口普查 -> 2020-11-01: a survey's reference day
    holidays: Holidays = attrs.field(factory=Holidays)
    grammar: Grammar = attrs.field(init=False, eq=False, repr=False)

    @grammar.default
    def _compile(self) -> Grammar:
        return compile_grammar(self)

    @classmethod
    def from_mapping(
        cls, raw: Any, path: str = "<mapping>", lines: Mapping[str, int] | None = None
    ) -> PeriodLexicon:
        """Build a lexicon from parsed YAML, raising RuleFileError on malformed content."""
        fail = _failer(path, lines or {})
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise fail(None, "the file must be a mapping of sections")
        fields: dict[str, Any] = {}
        for section, value in raw.items():
            if section == "holiday_calendar":
                fields["holidays"] = _read_holiday_calendar(value, path, fail)
                continue
            if section not in _SECTION_READERS:
                expected = ", ".join([*_SECTION_READERS, "holiday_calendar"])
                raise fail(section, f"unknown section; expected one of {expected}")
            fields[section] = _SECTION_READERS[section](value, section, fail)
        return cls(**fields)


def load_period_lexicon(path: str | Path) -> PeriodLexicon:
    """Load the period lexicon from a YAML file, raising RuleFileError when it is malformed or uses an alias."""
    raw, lines = load_yaml_mapping(path)
    return PeriodLexicon.from_mapping(raw, str(path), lines)


def find_entry(entries: Any, word: str) -> Any:
    """Return the lexicon entry for a matched word."""
    return next(entry for entry in entries if entry.word == word)


# --- loading the lexicon ----------------------------------------------------------------------

_Fail = Callable[[Any, str], RuleFileError]
_Schema = Mapping[str, tuple[type, Any]]  # field -> (type, default); a default of ... is required


def _failer(path: str, lines: Mapping[str, int]) -> _Fail:
    """Return a function that builds a RuleFileError for a key, citing the key's line."""

    def fail(key: Any, problem: str) -> RuleFileError:
        return RuleFileError(path, lines.get(str(key)) if key is not None else None, key, problem)

    return fail


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
    schema = {"offset": (int, ...), "boundary": (bool, False), "not_after": (str, ""), "data_year": (bool, False)}
    words = []
    for word, key, entry in _entries(value, section, fail):
        fields = _fields(entry, key, fail, schema)
        words.append(RelativeWord(word, fields["offset"], fields["boundary"], fields["not_after"],
                                  data_year=fields["data_year"]))
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
    schema = {"months": (list, ...), "granularity": (str, ...), "cumulative": (bool, False), "asof": (bool, False),
              "latest": (bool, False)}
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
        if fields["granularity"] not in GRANULARITIES:
            raise fail(key, f"granularity must be one of {', '.join(GRANULARITIES)}")
        parts.append(YearPart(word, months[0], months[1], fields["granularity"], fields["cumulative"], fields["asof"],
                              fields["latest"]))
    return tuple(parts)


def _is_month(value: Any, template: bool) -> bool:
    """True for a month number 1–12, or for "n" in a word with {n}."""
    if value == "n":
        return template
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12


def _read_holiday_calendar(value: Any, path: str, fail: _Fail) -> Holidays:
    """Load the holiday calendar named by the lexicon, relative to the lexicon's own folder."""
    if not isinstance(value, str):
        raise fail("holiday_calendar", "expected the file name of a holiday calendar (holidays.yaml)")
    return load_holidays(Path(path).parent / value)


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
    """Read duration units: word -> {designator, granularity, name_guard}."""
    schema = {"designator": (str, ...), "granularity": (str, ...), "name_guard": (bool, False), "not_before": (str, "")}
    units = []
    for word, key, entry in _entries(value, section, fail):
        fields = _fields(entry, key, fail, schema)
        if fields["designator"] not in UNIT_GRANULARITIES:
            raise fail(key, "designator must be Y, M, W or D")
        if fields["granularity"] not in GRANULARITIES:
            raise fail(key, f"granularity must be one of {', '.join(GRANULARITIES)}")
        units.append(DurationUnit(word, fields["designator"], fields["granularity"], fields["name_guard"],
                                  fields["not_before"]))
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


def _read_reference_days(value: Any, section: str, fail: _Fail) -> tuple[tuple[str, dt.date], ...]:
    """Read reference days: name -> the day (2020-11-01) its figures are stated as of."""
    days = []
    for word, key, entry in _entries(value, section, fail):
        try:
            day = entry if isinstance(entry, dt.date) else dt.date.fromisoformat(str(entry))
        except ValueError:
            raise fail(key, f"expected a day such as 2020-11-01, not {entry!r}") from None
        days.append((word, day))
    return tuple(days)


def _read_recent_prefixes(value: Any, section: str, fail: _Fail) -> tuple[RelativeWord, ...]:
    """Read recent prefixes: word -> {not_after, bare, future}."""
    schema = {"not_after": (str, ""), "bare": (bool, False), "future": (bool, False)}
    words = []
    for word, key, entry in _entries(value, section, fail):
        fields = _fields(entry, key, fail, schema)
        words.append(RelativeWord(word, not_after=fields["not_after"], bare=fields["bare"], future=fields["future"]))
    return tuple(words)


_SECTION_READERS: Mapping[str, Callable[[Any, str, _Fail], Any]] = MappingProxyType({
    "plans": _read_plans,
    "relative_years": _read_relative_years,
    "relative_months": _read_relative_months,
    "relative_days": _read_relative_months,  # word -> a whole number, like relative months
    "relative_weeks": _read_relative_months,
    "weekday_prefixes": _read_word_list,
    "weekdays": _read_relative_months,
    "day_not_before": _read_word_list,
    "between_joiners": _read_word_list,
    "between_closers": _read_word_list,
    "far_year_not_before": _read_word_list,
    "january_words": _read_word_list,
    "century_prefixes": _read_word_list,
    "comparison_words": _read_word_list,
    "year_parts": _read_year_parts,
    "suffixes": _read_suffixes,
    "asof_words": _read_word_list,
    "asof_prefixes": _read_word_list,
    "range_connectors": _read_word_list,
    "duration_units": _read_duration_units,
    "duration_prefixes": _read_word_list,
    "fixed_durations": _read_fixed_durations,
    "approximate_markers": _read_word_list,
    "round_markers": _read_word_list,
    "name_guard_openers": _read_word_list,
    "vague_numbers": _read_word_list,
    "ago_suffixes": _read_word_list,
    "recent_prefixes": _read_recent_prefixes,
    "recent_suffixes": _read_word_list,
    "numeral_not_after": _read_word_list,
    "month_numeral_not_after": _read_word_list,
    "clock_hour_marks": _read_word_list,
    "clock_minute_marks": _read_word_list,
    "clock_half": _read_word_list,
    "clock_not_before": _read_word_list,
    "ordinal_marks": _read_word_list,
    "week_words": _read_word_list,
    "reference_days": _read_reference_days,
})
