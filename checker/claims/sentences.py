"""Sentences, clauses and headings of a reading text, as offset ranges."""

from __future__ import annotations

import bisect
import re

import attrs

from checker.extract.numerals import CHINESE_DIGITS, SMALL_UNITS

SENTENCE_END = re.compile(r"[。！？!?]+[”’」』\"]?|\n+")  # ；separates clauses within a sentence
CLAUSE_BREAK = re.compile(r"[，,：:；;（）()]")
OPEN_QUOTES = "“\"‘'「"  # marks that open a quotation (straight quotes both open and close)
CLOSE_QUOTES = "”\"’'」"
# A "sentence" longer than this is a run-on (a list of figures, one per wrapped line): it is cut into
# pieces of at most this many characters, so the work per figure stays bounded. Real sentences of the
# test corpus stay under 500 characters.
MAX_SENTENCE = 1000
# Where a run-on is cut, best first: after a clause mark, after a space, between two non-digits.
_CUTS = (re.compile(r"[，,：:；;、（）()]"), re.compile(r"\s"), re.compile(r"[^\d.．](?=[^\d.．])"))
# A section's numbered heading (一、 十二、) may close with a full stop: 一、1-3月份主要经济指标完成情况。 (A
# sub-section's （二）产业发展提质增效、转型加快。 opens its paragraph: its section's time goes on dating it.)
_NUMBERED = re.compile(r"[" + "".join(sorted({*CHINESE_DIGITS, *SMALL_UNITS})) + r"]{1,3}、[^。，,；;！？、]*。$")


@attrs.frozen
class Sentence:
    """A sentence of the reading text: [start, end) and whether it is a heading line."""

    start: int
    end: int
    heading: bool


@attrs.frozen
class SentenceIndex:
    """Sentences of one document, searchable by offset."""

    sentences: tuple[Sentence, ...]
    starts: tuple[int, ...]
    headings: tuple[int, ...]  # for each sentence, the index of the nearest heading at or before it (-1: none)

    def containing(self, offset: int) -> Sentence | None:
        """Return the sentence that contains a reading offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        sentence = self.sentences[index]
        return sentence if offset < sentence.end else None

    def heading_before(self, offset: int) -> Sentence | None:
        """Return the nearest heading line that starts at or before a reading offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0 or self.headings[index] < 0:
            # No heading above this point of the text.
            return None
        return self.sentences[self.headings[index]]


def quoted_alone(reading: str, start: int, end: int) -> bool:
    """True when [start, end) stands alone between quotation marks (“8·20”: a day named for what happened on it)."""
    before, after = reading[start - 1:start], reading[end:end + 1]
    return bool(before) and bool(after) and before in OPEN_QUOTES and after in CLOSE_QUOTES


def index_sentences(reading: str) -> SentenceIndex:
    """Split a reading text into sentences, marking heading lines."""
    sentences: list[Sentence] = []
    start = 0
    for match in SENTENCE_END.finditer(reading):
        if match.start() > start:
            sentences.extend(_sentence(reading, a, b) for a, b in _cut_run_on(reading, start, match.end()))
        start = match.end()
    if start < len(reading):
        sentences.extend(_sentence(reading, a, b) for a, b in _cut_run_on(reading, start, len(reading)))
    headings, last = [], -1
    for index, sentence in enumerate(sentences):
        last = index if sentence.heading else last
        headings.append(last)
    return SentenceIndex(tuple(sentences), tuple(s.start for s in sentences), tuple(headings))


def _cut_run_on(reading: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut [start, end) into pieces of at most MAX_SENTENCE characters, each cut in the piece's second half."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = _find_cut(reading, start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _find_cut(reading: str, low: int, high: int) -> int:
    """The offset just after the last clause mark, else space, else non-digit pair in reading[low:high]."""
    for pattern in _CUTS:
        ends = [match.end() for match in pattern.finditer(reading, low, high)]
        if ends:
            return ends[-1]  # the last place: the piece stays as long as it may
    # No place that keeps a figure whole: cut at the limit.
    return high


def _sentence(reading: str, start: int, end: int) -> Sentence:
    """Build a sentence, deciding whether it is a heading line."""
    text = reading[start:end].strip()
    at_line_start = start == 0 or reading[start - 1] == "\n"
    ends_line = end >= len(reading) or reading[end - 1] == "\n" or reading[end:end + 1] == "\n"
    heading = text.startswith("#") or (
        at_line_start and ends_line and len(text) <= 40 and (not re.search(r"[。，,；;！？]", text)
                                                             or bool(_NUMBERED.match(text)))
    )
    return Sentence(start, end, heading)


def clause_bounds(reading: str, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """Return the [start, end) of the clause around a mention, within its sentence."""
    left = sentence.start
    for match in CLAUSE_BREAK.finditer(reading, sentence.start, start):
        left = match.end()
    found = CLAUSE_BREAK.search(reading, end, sentence.end)
    right = found.start() if found else sentence.end
    return left, right
