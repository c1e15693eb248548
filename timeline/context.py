"""Sources of timeline entries: a span of a document and the sentence it sits in."""

from __future__ import annotations

import bisect
import re

import attrs

from checker.claims.sentences import SentenceIndex, index_sentences
from checker.model import Document
from timeline.model import Source

SPACES = re.compile(r"\s+")
NEWLINE = re.compile("\n")


@attrs.frozen(eq=False)
class DocumentView:
    """A document with its sentences and line starts, computed once per build."""

    doc: Document
    sentences: SentenceIndex
    line_starts: tuple[int, ...]

    @classmethod
    def of(cls, doc: Document) -> DocumentView:
        """Index a document's sentences and lines."""
        starts = [0] + [match.end() for match in NEWLINE.finditer(doc.text)]
        return cls(doc, index_sentences(doc.reading), tuple(starts))

    def line_of(self, offset: int) -> int:
        """The 1-based line of an offset into the original text."""
        return bisect.bisect_right(self.line_starts, offset)


def make_source(view: DocumentView, reading_start: int, reading_end: int) -> Source:
    """Build the source of a reading range: its original span and its sentence split around it."""
    doc = view.doc
    span = doc.span_of(reading_start, reading_end)
    sentence = view.sentences.containing(reading_start)
    left, right = (sentence.start, sentence.end) if sentence else (reading_start, reading_end)
    reading = doc.reading
    return Source(
        doc=doc.path,
        start=span.start,
        end=span.end,
        text=doc.text[span.start:span.end],
        line=view.line_of(span.start),
        before=flatten(reading[left:reading_start]).lstrip(),
        mark=flatten(reading[reading_start:reading_end]),
        after=flatten(reading[reading_end:right]).rstrip(),
        announced=doc.dct.date if doc.dct else None,
        doc_title=flatten(doc.title),
    )


def flatten(text: str) -> str:
    """Join the lines of a surface: PDF text breaks "2027\\n年" where the reader sees "2027年"."""
    if SPACES.search(text) is None:
        # most Chinese clauses hold no whitespace at all: nothing to join
        return text
    return SPACES.sub(_join, text)


def _join(match: re.Match[str]) -> str:
    """A line break disappears; any other run of spaces becomes one space."""
    return "" if "\n" in match.group() else " "
