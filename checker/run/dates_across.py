"""Refine weakly inferred document dates from the other articles of a run that report the same event.

An article whose date could only be inferred to the month (今年…再次举办这项活动, no day) takes
the date of a confidently dated article of the same month that names the same event
(中国产业转移发展对接活动). The result says so, names the other article, and keeps a modest
confidence: it is evidence, not a statement.

Event names are found once per article, while it is analysed (`find_events`), and kept with its
analysis; refinement reads no file. The confidently dated articles are indexed by month and by
event name, and only for the months that have a weakly dated article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import attrs

from checker.model import Document, DocumentDate
from checker.text.datewords import DateWords, load_date_words

WEAK = 0.45  # at or below: a month- or year-level guess worth refining
STRONG = 0.7  # at or above: a date good enough to lend to another article
MIN_EVENT = 10  # shorter shared tails (产业专题对接活动) name kinds of events, not one event


def needs_events(dct: DocumentDate | None) -> bool:
    """True for the articles refinement compares: weakly dated ones and the confidently dated peers."""
    return dct is not None and (dct.confidence <= WEAK or dct.confidence >= STRONG)


def find_events(reading: str, words: DateWords | None = None) -> tuple[str, ...]:
    """The event names an article's text mentions, in order of first mention (stored with its analysis): a run of
    ideographs ending in one of the date lexicon's shared_event_words (中国产业转移发展对接活动)."""
    pattern = (words or load_date_words()).shared_event
    return tuple(dict.fromkeys(match.group() for match in pattern.finditer(reading.replace("\n", ""))))


def refine_dates(documents: Iterable[Document], events_of: Callable[[str], Iterable[str]]) -> dict[str, DocumentDate]:
    """New dates for weakly dated documents that share an event name with a confidently dated one.

    events_of gives a document's event names (find_events of its text); it is asked only about the
    weakly dated documents and the confident ones of their months.
    """
    documents = list(documents)
    weak = [d for d in documents if d.dct is not None and d.dct.confidence <= WEAK]
    if not weak:
        # The usual case: every article has a stated or well-inferred date.
        return {}
    months = {_month(d) for d in weak}
    index: dict[tuple[int, int], dict[str, list[Document]]] = {m: defaultdict(list) for m in months}
    for peer in documents:
        if peer.dct is not None and peer.dct.confidence >= STRONG and _month(peer) in index:
            for tail in _tails(events_of(peer.path)):
                index[_month(peer)][tail].append(peer)
    refined: dict[str, DocumentDate] = {}
    for doc in weak:
        mine = _tails(events_of(doc.path))
        by_tail = index[_month(doc)]
        peers = {p.path: p for tail in mine for p in by_tail.get(tail, ())}
        if not peers:
            # No confidently dated article of that month names one of its events.
            continue
        peer = min(peers.values(), key=lambda p: (-_dated(p).confidence, p.path))
        phrase = max((t for t in mine if any(p.path == peer.path for p in by_tail.get(t, ()))), key=len)
        refined[doc.path] = DocumentDate(
            _dated(peer).date, f"inferred: same event as {peer.path} (“{phrase}”), {_dated(doc).source}", 0.5)
    return refined


def _month(doc: Document) -> tuple[int, int]:
    """The year and month of a dated document."""
    return _dated(doc).date.year, _dated(doc).date.month


def _dated(doc: Document) -> DocumentDate:
    """The date of a document known to have one (the weak and the strong documents above)."""
    assert doc.dct is not None, "only dated documents are compared"
    return doc.dct


def _tails(names: Iterable[str]) -> set[str]:
    """Every tail of the event names long enough to be distinctive (2025中国…活动 and 中国…活动 are one event)."""
    tails = set()
    for name in names:
        for start in range(len(name) - MIN_EVENT + 1):
            # The clause before an event name runs into it: keep every tail long enough to be distinctive.
            tails.add(name[start:])
    return tails


def with_refined_dates(documents: tuple[Document, ...], refined: dict[str, DocumentDate]) -> tuple[Document, ...]:
    """The documents with their refined dates applied."""
    return tuple(attrs.evolve(d, dct=refined[d.path]) if d.path in refined else d for d in documents)
