"""Weakly inferred document dates refined from another article on the same event."""

from __future__ import annotations

import datetime as dt

from checker.model import Document, DocumentDate
from checker.run.dates_across import find_events, refine_dates

EVENT_TEXT = "11月25日，2025中国产业转移发展对接活动（重庆）举行。"
WEAK_TEXT = "从2023年11月我市首次承办中国产业转移发展对接活动以来，这两年成效明显。"


def _doc(path: str, day: dt.date, confidence: float) -> Document:
    """A document stub with a date of the given confidence."""
    return Document(path, "", "", (), dct=DocumentDate(day, "inferred: test", confidence))


def test_weak_date_takes_the_same_events_date():
    """A month-level guess takes the day of a confident article naming the same event, saying so."""
    texts = {"a.md": EVENT_TEXT, "b.md": WEAK_TEXT}
    docs = (_doc("a.md", dt.date(2025, 11, 25), 0.8), _doc("b.md", dt.date(2025, 11, 15), 0.4))
    refined = refine_dates(docs, lambda path: find_events(texts[path]))
    assert refined["b.md"].date == dt.date(2025, 11, 25)
    assert "a.md" in refined["b.md"].source and "中国产业转移发展对接活动" in refined["b.md"].source
    assert refined["b.md"].confidence < 0.7 and "a.md" not in refined


def test_other_month_or_other_event_changes_nothing():
    """Another month, another event, or no weak date: no refinement."""
    texts = {"a.md": EVENT_TEXT, "b.md": WEAK_TEXT, "c.md": "今年，我市举办中国国际智能产业博览会新闻发布活动。"}
    assert refine_dates((_doc("a.md", dt.date(2025, 10, 25), 0.8), _doc("b.md", dt.date(2025, 11, 15), 0.4)),
                        lambda path: find_events(texts[path])) == {}
    assert refine_dates((_doc("a.md", dt.date(2025, 11, 25), 0.8), _doc("c.md", dt.date(2025, 11, 15), 0.4)),
                        lambda path: find_events(texts[path])) == {}
    assert refine_dates((_doc("a.md", dt.date(2025, 11, 25), 0.8), _doc("b.md", dt.date(2025, 11, 15), 1.0)),
                        lambda path: find_events(texts[path])) == {}
