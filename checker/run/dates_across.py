"""Refine weakly inferred document dates from the other articles of a run that report the same event.

An article whose date could only be inferred to the month (今年…再次举办这项活动, no day) takes
the date of a confidently dated article of the same month that names the same event
(中国产业转移发展对接活动). The result says so, names the other article, and keeps a modest
confidence: it is evidence, not a statement.
"""

from __future__ import annotations

import re

import attrs

from checker.model import Document, DocumentDate

WEAK = 0.45  # at or below: a month- or year-level guess worth refining
STRONG = 0.7  # at or above: a date good enough to lend to another article
MIN_EVENT = 10  # shorter shared tails (产业专题对接活动) name kinds of events, not one event
EVENT = re.compile(r"[\u4e00-\u9fff]{6,24}?(?:对接活动|活动|大会|论坛|博览会|峰会|交易会|洽谈会|推介会)")


def refine_dates(documents: tuple[Document, ...], read_text) -> dict[str, DocumentDate]:
    """New dates for weakly dated documents that share an event name with a confidently dated one."""
    weak = [d for d in documents if d.dct is not None and d.dct.confidence <= WEAK]
    if not weak:
        # The usual case: every article has a stated or well-inferred date.
        return {}
    strong = [d for d in documents if d.dct is not None and d.dct.confidence >= STRONG]
    events: dict[str, set[str]] = {}
    refined: dict[str, DocumentDate] = {}
    for doc in weak:
        month = (_dated(doc).date.year, _dated(doc).date.month)
        peers = [p for p in strong if (_dated(p).date.year, _dated(p).date.month) == month]
        if not peers:
            # No confidently dated article of that month to learn from.
            continue
        mine = events.setdefault(doc.path, _events(read_text(doc.path)))
        for peer in sorted(peers, key=lambda p: (-_dated(p).confidence, p.path)):
            shared = mine & events.setdefault(peer.path, _events(read_text(peer.path)))
            if shared:
                phrase = max(shared, key=len)
                refined[doc.path] = DocumentDate(
                    _dated(peer).date, f"inferred: same event as {peer.path} (“{phrase}”), {_dated(doc).source}", 0.5)
                break
    return refined


def _dated(doc: Document) -> DocumentDate:
    """The date of a document known to have one (the weak and the strong documents above)."""
    assert doc.dct is not None, "only dated documents are compared"
    return doc.dct


def _events(text: str) -> set[str]:
    """Event names in a text, without a leading year (2025中国…活动 and 中国…活动 are one event)."""
    names = set()
    for match in EVENT.finditer(text.replace("\n", "")):
        name = match.group()
        for start in range(len(name) - MIN_EVENT + 1):
            # The clause before an event name runs into it: keep every tail long enough to be distinctive.
            names.add(name[start:])
    return {n for n in names if len(n) >= MIN_EVENT}


def read_file_text(path: str) -> str:
    """The decoded text of an article, for event names (errors read as empty)."""
    from checker.errors import InputError
    from checker.text.ingest import read_document

    try:
        return read_document(path).reading
    except InputError:
        return ""


def with_refined_dates(documents: tuple[Document, ...], refined: dict[str, DocumentDate]) -> tuple[Document, ...]:
    """The documents with their refined dates applied."""
    return tuple(attrs.evolve(d, dct=refined[d.path]) if d.path in refined else d for d in documents)

