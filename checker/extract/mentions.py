"""Find every figure and time expression in a document, as mentions with original-text spans."""

from __future__ import annotations

from checker.extract.resources import Resources
from checker.model import Document, Mention, Period, Quantity


def find_mentions(doc: Document, resources: Resources) -> tuple[Mention, ...]:
    """Return the document's mentions in text order; a time expression wins over an overlapping figure."""
    from checker.extract.data_period import is_comparison_base
    from checker.extract.periods import find_periods
    from checker.extract.quantities import find_quantities

    dct = doc.dct.date if doc.dct else None
    times = find_periods(doc.reading, dct, resources.periods, doc.meta.get("title") or "")
    figures = find_quantities(doc.reading, resources.grammar)
    kept = _drop_overlapping(figures, times)
    mentions = [_mention(doc, start, end, period=period,
                         comparison=is_comparison_base(doc.reading, start, end, resources.periods))
                for start, end, period in times]
    mentions += [_mention(doc, start, end, quantity=quantity) for start, end, quantity in kept]
    mentions.sort(key=lambda m: (m.reading_start, m.reading_end))
    return tuple(mentions)


def _drop_overlapping(
    figures: list[tuple[int, int, Quantity]], times: list[tuple[int, int, Period]]
) -> list[tuple[int, int, Quantity]]:
    """Drop figures that overlap a time expression (11个 in 11个月), in one linear sweep."""
    spans = sorted((start, end) for start, end, _ in times)
    kept: list[tuple[int, int, Quantity]] = []
    index = 0
    for start, end, quantity in sorted(figures, key=lambda f: f[0]):
        while index < len(spans) and spans[index][1] <= start:
            index += 1
        if index < len(spans) and spans[index][0] < end:
            # 11个 inside 11个月: the period grammar read it as a duration.
            continue
        kept.append((start, end, quantity))
    return kept


def _mention(
    doc: Document, start: int, end: int, *, quantity: Quantity | None = None, period: Period | None = None,
    comparison: bool = False,
) -> Mention:
    """Build a mention whose span points into the original text."""
    span = doc.span_of(start, end)
    return Mention(doc.path, span, doc.text[span.start:span.end], start, end, quantity, period, comparison)
