"""The rewrites a finding suggests, each placed on the exact stretch of the article it replaces.

A finding's suggestion is text for people: “增长到22.2倍”或“增长21.2倍”. Each quoted alternative
becomes a Rewrite: a span of the document's text and the words to put there. A wording rule's
rewrite replaces the whole match; a rewrite of a figure replaces the figure and, when the rewrite
starts with the verb written before it (增长到…), that verb too.
"""

from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher

import attrs

from checker.extract.figure_words import load_figure_words
from checker.extract.numerals import BIG_UNITS, CHINESE_DIGITS, SMALL_UNITS
from checker.model import Claim, Document, Finding, Span

_QUOTED = re.compile(r"“([^”]+)”")
# The words before a rewrite's figure: everything up to its first digit or Chinese numeral (the numeral reader's).
_LEAD = re.compile("[^0-9０-９.{}]*".format("".join((*CHINESE_DIGITS, *SMALL_UNITS, *BIG_UNITS))))
_ANCHOR_ROLES = ("change", "span", "share")  # the role or relation of the figure a finding is about, by preference
_MIN_MATCH = 0.5  # a rewrite of a free-text span must share at least half of its characters with the text


@attrs.frozen
class Rewrite:
    """One way to fix a finding: replace span of the document's text with text."""

    doc: str
    span: Span
    text: str

    @property
    def label(self) -> str:
        """A short title for an editor's menu: 改为“…”."""
        return f"改为“{self.text}”"


def alternatives_of(finding: Finding) -> tuple[str, ...]:
    """The quoted rewrites of a finding's suggestion, in the order it gives them."""
    return tuple(dict.fromkeys(_QUOTED.findall(finding.suggestion)))


def rewrites_of(finding: Finding, doc: Document) -> tuple[Rewrite, ...]:
    """Each suggested rewrite of a finding placed in doc; alternatives that cannot be placed exactly are left out."""
    placed = (_place(finding, doc, alternative) for alternative in alternatives_of(finding))
    return tuple(dict.fromkeys(r for r in placed if r is not None))


def safe_fix(finding: Finding, doc: Document) -> Rewrite | None:
    """The one rewrite of a wording rule, when it is the only right one and safe to write without asking.

    A wording rule's `suggest` template rewrites the form, never the figures: its one rewrite is the fix.
    Every other kind computes rewrites from figures that may themselves be wrong, so the writer chooses.
    """
    if finding.kind != "wording" or len(alternatives_of(finding)) != 1:
        # Not a pure form rewrite, or more than one right answer: the writer chooses.
        return None
    rewrites = rewrites_of(finding, doc)
    if len(rewrites) != 1:
        return None
    rewrite = rewrites[0]
    original = doc.text[rewrite.span.start:rewrite.span.end]
    if not _plain_stretch(doc, rewrite.span) or rewrite.text == original:
        # The match crosses a line break, markup or an entity, or changes nothing: no safe edit of the file.
        return None
    if doc.path.lower().endswith((".html", ".htm")) and any(c in rewrite.text for c in "<>&"):
        # Markup characters would change the page's structure, not its words.
        return None
    return rewrite


def _place(finding: Finding, doc: Document, alternative: str) -> Rewrite | None:
    """Where one alternative goes: the text-level span of the finding, or the figure it rewrites."""
    spans = [span for path, span, _ in finding.spans if path == doc.path]
    if spans:
        span = spans[0]
        if finding.kind == "wording":
            return Rewrite(doc.path, span, alternative)
        return _place_in_span(doc, span, alternative)
    anchor = anchor_claim(finding, doc.path)
    if anchor is None:
        # The finding's figures are all in other articles: nothing here to rewrite.
        return None
    return _place_at_figure(doc, anchor.mention.span, alternative)


def anchor_claim(finding: Finding, path: str) -> Claim | None:
    """The figure of the article at path that a finding is about: the stated change, span or share, else the first."""
    mine = [c for c in finding.claims if c.doc == path]
    for wanted in _ANCHOR_ROLES:
        for claim in mine:
            if wanted in (claim.role, claim.relation):
                return claim
    # The total of parts-exceed-total, or this article's side of a disagreement between articles.
    return mine[0] if mine else None


def _place_at_figure(doc: Document, span: Span, alternative: str) -> Rewrite | None:
    """Replace the figure, and the verb before it when the alternative starts with that verb."""
    lead = _LEAD.match(alternative)
    words = lead.group() if lead else ""
    if words:
        before_start = max(0, span.start - len(words) - 2)
        before = doc.text[before_start:span.start]
        for size in range(len(words), 0, -1):
            found = before.rfind(words[:size])
            if found >= 0 and before[found + size:] in ("", *load_figure_words().verb_particles):  # 增长了7倍
                return Rewrite(doc.path, Span(before_start + found, span.end), alternative)
    body = alternative[len(words):]
    if not body or body == doc.text[span.start:span.end]:
        # The verb of the alternative is not written here and the figure is unchanged: nothing to place.
        return None
    return Rewrite(doc.path, span, body)


def _place_in_span(doc: Document, span: Span, alternative: str) -> Rewrite | None:
    """Replace the part of a free-text span (a date with its weekday) that the alternative corresponds to."""
    original = doc.text[span.start:span.end]
    blocks = [b for b in SequenceMatcher(None, original, alternative, autojunk=False).get_matching_blocks() if b.size]
    if sum(b.size for b in blocks) < _MIN_MATCH * len(alternative):
        # Too little in common to tell which words the alternative replaces.
        return None
    first, last = blocks[0], blocks[-1]
    start = max(0, first.a - first.b)
    end = min(len(original), last.a + last.size + (len(alternative) - last.b - last.size))
    return Rewrite(doc.path, Span(span.start + start, span.start + end), alternative)


def _plain_stretch(doc: Document, span: Span) -> bool:
    """True when the span's characters are read one for one (no line break, tag or entity inside)."""
    text = doc.text[span.start:span.end]
    if "\n" in text or "\r" in text:
        return False
    first = bisect.bisect_left(doc.offsets, span.start)
    last = bisect.bisect_left(doc.offsets, span.end)
    return (last - first == span.end - span.start and first < len(doc.offsets)
            and doc.offsets[first] == span.start)
