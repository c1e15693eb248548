"""Spans written as two periods and a closer: 2015年和2018年之间 is one period from 2015 to 2018."""

from __future__ import annotations

from checker.extract.period_lexicon import GRANULARITIES, PeriodLexicon
from checker.model import Period


def join_between(
    reading: str, found: list[tuple[int, int, Period]], lexicon: PeriodLexicon
) -> list[tuple[int, int, Period]]:
    """Join two periods written as a span, 2015年和2018年之间, into one period from the first to the second."""
    joined: list[tuple[int, int, Period]] = []
    for start, end, period in found:
        if joined and _spans_between(reading, joined[-1], (start, end, period), lexicon):
            first_start, _, first = joined.pop()
            closer = next(c for c in lexicon.between_closers if reading.startswith(c, end))
            granularity = max(first.granularity, period.granularity, key=GRANULARITIES.index)
            span = Period("period", first.start, period.end, granularity="years" if granularity == "year" else
                          granularity, relative=first.relative or period.relative)
            joined.append((first_start, end + len(closer), span))
            continue
        joined.append((start, end, period))
    return joined


def _spans_between(
    reading: str, first: tuple[int, int, Period], second: tuple[int, int, Period], lexicon: PeriodLexicon
) -> bool:
    """True when two placed periods are joined by 和 and closed by 之间, the first before the second."""
    between = reading[first[1] : second[0]]
    placed = first[2].start is not None and second[2].end is not None and first[2].kind != "duration"
    return (
        placed and between in lexicon.between_joiners
        and any(reading.startswith(closer, second[1]) for closer in lexicon.between_closers)
        and first[2].start <= second[2].end  # type: ignore[operator]
    )
