"""The period an article reports on (its data period): the first closed period its title or lead names."""

from __future__ import annotations

import datetime as dt

from checker.extract.period_lexicon import PeriodLexicon
from checker.extract.periods import find_periods
from checker.model import Period

_LEAD = 1000  # the title and lead name the data period; later periods are details or comparisons
_SEASON_EVE = 1  # days: a season starting today or tomorrow is the one a report on its start speaks of
_SPANS = ("month", "quarter", "half", "year", "years")


def find_data_period(reading: str, dct: dt.date | None, lexicon: PeriodLexicon,
                     found: list[tuple[int, int, Period]] | None = None) -> tuple[Period, str] | None:
    """Return the data period and its surface: the first closed span in the lead that is not a comparison base.

    A span still running at the document date (2026年 in a 2026 work report) is a plan, not data; a
    span named right after a comparison word (比2019年, 较上年) is a base, not the period reported on.
    found: the times find_periods gave for the whole reading with this dct, read again only when the lead is shorter.
    """
    lead = reading[:_LEAD]
    if found is None or len(lead) < len(reading):
        # No times in hand, or they are of a longer text than the lead (its end may cut or join a time).
        found = find_periods(lead, dct, lexicon)
    unplaced: tuple[Period, str] | None = None
    for start, end, period in found:
        if period.kind == "period" and period.start is None and period.granularity in _SPANS and dct is None:
            # 一季度 in an undated text: no year places it, yet it is the span the text reports on, unless a placed
            # one follows, it is a comparison's base, or it runs up to the unknown day of writing (三季度以来).
            since = tuple(s.word for s in lexicon.suffixes if s.means == "since")
            if unplaced is None and not is_comparison_base(lead, start, end, lexicon) and not lead[
                    start:end].endswith(since):
                unplaced = period, lead[start:end]
            continue
        if period.kind != "period" or period.start is None or period.end is None:
            continue  # a day, an as-of date, a length or an unplaced period reports on no span
        if period.granularity not in _SPANS and (period.end - period.start).days < 1:
            continue  # a single day is an event, not a period of data
        if dct is not None and period.end > dct and not _is_season_ahead(lead[start:end], period, dct, lexicon):
            continue  # not closed by the document date: a plan or a target
        if is_comparison_base(lead, start, end, lexicon):
            continue  # 比2019年, 2019年同期: the base of a comparison
        return period, lead[start:end]
    return unplaced  # the lead names no closed span (None), or only one no year places


def _is_season_ahead(surface: str, period: Period, dct: dt.date, lexicon: PeriodLexicon) -> bool:
    """True for a holiday or travel season starting on the document date or the next day (2024年春运 on its first day).

    A report on the eve of a season forecasts the whole season; one published while it runs reports on its first
    days (国庆假期前四天), and one a week ahead (即将到来的国庆节期间) on what comes before it.
    """
    begins = period.start is not None and 0 <= (period.start - dct).days <= _SEASON_EVE
    return begins and any(name in surface for name in lexicon.holidays.names)


def is_comparison_base(lead: str, start: int, end: int, lexicon: PeriodLexicon) -> bool:
    """True when the span follows a comparison word (比2019年) or names the same part of a base year (2019年同期)."""
    before = lead[max(0, start - 3) : start]
    if before.endswith(lexicon.comparison_words):
        return True
    return lead[start:end].endswith(tuple(s.word for s in lexicon.suffixes if s.means == "same_part"))


def find_reference_day(text: str, lexicon: PeriodLexicon) -> tuple[Period, str] | None:
    """Return the reference day of the first census or survey a title or lead names (第七次全国人口普查), or None.

    Its figures are stated as of that day: an article that names no closed span reports on it.
    """
    lead = text[:_LEAD]
    named = [(lead.find(name), name, day) for name, day in lexicon.reference_days if name in lead]
    if not named:
        return None  # no census or survey named: nothing to date the figures by
    _, name, day = min(named)
    return Period("point", day, day, granularity="day"), name
