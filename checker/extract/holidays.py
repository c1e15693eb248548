"""The official holiday calendar (rules/lexicon/holidays.yaml): 春节, 国庆, 国庆中秋 … as days of a given year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from checker.errors import RuleFileError
from checker.extract.dates import infer_year
from checker.yamlio import load_yaml_mapping

_SECTIONS = ("names", "suffixes", "not_before", "joined", "calendar")
_LONGEST_SEASON = 62  # days: 暑运 runs 7月1日–8月31日, 春运 forty days; a public holiday at most nine


@attrs.frozen
class Holidays:
    """Holiday names as written, the words that may follow them, and each year's holiday days."""

    names: dict[str, str] = attrs.field(factory=dict)  # word as written -> holiday key
    suffixes: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()  # characters after a name that make it another time's numeral (十一月)
    joined: dict[str, tuple[str, ...]] = attrs.field(factory=dict)  # joined holiday -> the holidays it joins
    days: dict[tuple[int, str], tuple[dt.date, dt.date]] = attrs.field(factory=dict)

    def days_of(self, key: str, year: int) -> tuple[dt.date, dt.date] | None:
        """Return the first and last day of a holiday in a year (国庆 in 2025 is the joined 国庆中秋), or None."""
        if (year, key) in self.days:
            return self.days[(year, key)]
        for joined, parts in self.joined.items():
            if key in parts and (year, joined) in self.days:
                return self.days[(year, joined)]
        # a year the calendar does not cover, or 国庆中秋 in a year they were apart
        return None

    def nearest_year(self, key: str, dct: dt.date) -> int | None:
        """Return the year of a holiday named without one: this year's, unless it lies months ahead."""
        days = self.days_of(key, dct.year)
        if days is None:
            # no calendar for the document's year: the holiday cannot be placed
            return None
        return infer_year(days[0].month, days[0].day, dct) if days[0].year == dct.year else dct.year


def load_holidays(path: Path) -> Holidays:
    """Load the holiday calendar, raising RuleFileError naming file, line and key when it is malformed."""
    raw, lines = load_yaml_mapping(path)

    def fail(key: str, problem: str) -> RuleFileError:
        return RuleFileError(str(path), lines.get(key), key, problem)

    for section in raw:
        if section not in _SECTIONS:
            raise fail(str(section), f"unknown section; expected one of {', '.join(_SECTIONS)}")
    names = _mapping_of_strings(raw.get("names", {}), "names", fail)
    suffixes = raw.get("suffixes", [])
    if not isinstance(suffixes, list) or not all(isinstance(word, str) for word in suffixes):
        raise fail("suffixes", "expected a list of words")
    not_before = raw.get("not_before", [])
    if not isinstance(not_before, list) or not all(isinstance(word, str) for word in not_before):
        raise fail("not_before", "expected a list of words")
    joined = {}
    for key, parts in (raw.get("joined") or {}).items():
        if not isinstance(parts, list) or not all(isinstance(part, str) for part in parts):
            raise fail(f"joined.{key}", "expected a list of the holidays it joins")
        joined[str(key)] = tuple(parts)
    days = _read_calendar(raw.get("calendar", {}), fail)
    return Holidays(names, tuple(suffixes), tuple(not_before), joined, days)


def _mapping_of_strings(value: Any, section: str, fail: Any) -> dict[str, str]:
    """Read a section that maps words to words."""
    if not isinstance(value, dict):
        raise fail(section, "expected a mapping of word -> holiday")
    for word, key in value.items():
        if not isinstance(key, str):
            raise fail(f"{section}.{word}", "expected the holiday's name")
    return {str(word): key for word, key in value.items()}


def _read_calendar(value: Any, fail: Any) -> dict[tuple[int, str], tuple[dt.date, dt.date]]:
    """Read year -> holiday -> [first day, last day], checking each range runs forwards."""
    if not isinstance(value, dict):
        raise fail("calendar", "expected a mapping of year -> holidays")
    days = {}
    for year, holidays in value.items():
        if not isinstance(year, int) or not isinstance(holidays, dict):
            raise fail(f"calendar.{year}", "expected a year mapping holidays to [first day, last day]")
        for key, span in holidays.items():
            where = f"calendar.{year}.{key}"
            if not (isinstance(span, list) and len(span) == 2 and all(isinstance(d, dt.date) for d in span)):
                raise fail(where, "expected [first day, last day] as ISO dates")
            if span[0] > span[1] or (span[1] - span[0]).days > _LONGEST_SEASON:
                raise fail(where, "the days run backwards or span more than two months")
            days[(year, str(key))] = (span[0], span[1])
    return days
