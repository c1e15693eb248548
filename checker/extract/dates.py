"""Calendar facts for the time grammar: full dates and small date arithmetic.

A full date with year, month and day written in digits ("2024年11月25日", "2024-11-25") is read
with the standard library: `datetime.date` gives dateparser's answer (a test compares them) about
500 times faster, and on real text such dates were nearly all of extraction's time. dateparser is
not used for partial dates: measured on dateparser 1.5 it turns "2024年" into 0002-03-15 and
"11月25日" into None, so every other form is read by the grammar in checker/periods.py and built
here with plain datetime arithmetic. This stays the only module that may import dateparser.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

_FULL_DATE = re.compile(
    r"(?P<year>[0-9]{4})(?:年(?P<month>[0-9]{1,2})月(?P<day>[0-9]{1,2})[日号]"
    r"|(?P<sep>[-/.])(?P<month2>[0-9]{1,2})(?P=sep)(?P<day2>[0-9]{1,2}))"
)


@functools.lru_cache(maxsize=4096)
def parse_full_date(surface: str, dct: dt.date | None) -> dt.date | None:
    """Return the day a fully written date names, or None when it names no real day."""
    text = "".join(surface.split()).replace("号", "日")
    written = _FULL_DATE.fullmatch(text)
    # Only year, month and day all written out make a full date (2024年 alone is a year, not a day).
    if written is None:
        return None
    try:
        return dt.date(*_written_fields(written))
    except ValueError:
        return None  # no such day (2023年2月29日, 2024-13-01)


def _written_fields(written: re.Match[str]) -> tuple[int, int, int]:
    """Return the (year, month, day) digits of a matched full date."""
    month = written["month"] or written["month2"]
    day = written["day"] or written["day2"]
    return int(written["year"]), int(month), int(day)


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` months later (or earlier), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def infer_year(month: int, day: int, dct: dt.date) -> int:
    """Return the year of a month (and day) written without one, as seen from the document date.

    News reports what happened or what was just announced: a date that would fall more than two
    months after publication (12月 in a January article) is almost always last year's.
    """
    candidate = dt.date(dct.year, month, min(day, calendar.monthrange(dct.year, month)[1]))
    return dct.year - 1 if candidate > add_months(dct, 2) else dct.year
