"""Days and weeks relative to the document date: 昨日, 明天, 上周四, 下周, 星期一, a bare 29日."""

from __future__ import annotations

import datetime as dt
import re

from checker.extract.dates import add_months
from checker.extract.period_lexicon import PeriodLexicon, find_entry
from checker.model import Period


def names_a_day(groups: re.Match[str], tag: str) -> bool:
    """True when the match's end `tag` is a day or week form rather than a month, year part or holiday."""
    return any(groups[f"{name}{tag}"] for name in ("rd", "rw", "wp", "bd"))


def read_day(groups: re.Match[str], tag: str, dct: dt.date | None, lexicon: PeriodLexicon) -> Period:
    """Read a relative day, a (relative) week or weekday, or a bare day of the month, from the DCT."""
    if groups[f"rw{tag}"] and not groups[f"wd{tag}"]:
        if dct is None:
            return Period("period", granularity="day", relative=True)  # 下周 without a date: unplaced
        offset = find_entry(lexicon.relative_weeks, groups[f"rw{tag}"]).offset
        monday = dct - dt.timedelta(days=dct.weekday()) + dt.timedelta(weeks=offset)
        return Period("period", monday, monday + dt.timedelta(days=6), granularity="day", relative=True)
    if dct is None:
        return Period("point", granularity="day", relative=True)  # 昨日 without a date: a day, unplaced
    day = _day_of(groups, tag, dct, lexicon)
    return Period("point", day, day, granularity="day", relative=True)


def _day_of(groups: re.Match[str], tag: str, dct: dt.date, lexicon: PeriodLexicon) -> dt.date:
    """The date a day form names, as seen from the document date."""
    if groups[f"rd{tag}"]:
        return dct + dt.timedelta(days=find_entry(lexicon.relative_days, groups[f"rd{tag}"]).offset)
    if groups[f"rw{tag}"]:
        weeks = find_entry(lexicon.relative_weeks, groups[f"rw{tag}"]).offset
        weekday = find_entry(lexicon.weekdays, groups[f"wd{tag}"]).offset
        monday = dct - dt.timedelta(days=dct.weekday()) + dt.timedelta(weeks=weeks)
        return monday + dt.timedelta(days=weekday - 1)
    if groups[f"wp{tag}"]:
        # a bare weekday (周四) is that day of the document's own week, Monday to Sunday
        weekday = find_entry(lexicon.weekdays, groups[f"wn{tag}"]).offset
        return dct - dt.timedelta(days=dct.weekday()) + dt.timedelta(days=weekday - 1)
    return _nearest_day_of_month(int(groups[f"bd{tag}"]), dct)


def _nearest_day_of_month(day: int, dct: dt.date) -> dt.date:
    """The day-th of this month, the last or the next one, whichever is nearest the document date."""
    candidates = []
    for months in (-1, 0, 1):
        month = add_months(dct.replace(day=1), months)
        try:
            candidates.append(month.replace(day=day))
        except ValueError:
            continue  # 31日 in a 30-day month: not a day of that month
    return min(candidates, key=lambda d: abs((d - dct).days))
