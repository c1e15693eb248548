"""From file contents to reading text: decoding, front matter split, HTML reduced, wraps joined.

The reading text is always a subsequence of the source characters (plus, for HTML, decoded entities
and the newlines that stand for block elements), so every reading character has one source offset.
Everything here is linear in the input: decisions are made per line break, text is built by slicing.
"""

from __future__ import annotations

import codecs
import heapq
import html
import itertools
import re
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser

import attrs

from checker.errors import InputError

_SNIFF_BYTES = 8192  # binary files show NUL bytes early
_FM_OPEN = re.compile(r"---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

_WORD = re.compile(rf"[{CJK}A-Za-zＡ-Ｚａ-ｚ%‰％]|\d")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
# One or more line breaks with the spaces between them; spaces before the first are added by hand.
_BREAK = re.compile(r"(?:\r\n?|\n)(?:[^\S\r\n]*+(?:\r\n?|\n))*+[^\S\r\n]*+")
_LF = re.compile("\n")
_HSPACE = frozenset(" \t\u3000\xa0\f\v")
_CLAUSE_PUNCT = frozenset("，,、")  # a line ending in these continues its sentence
_OPENING = frozenset("“‘（(《「『【〈")  # a line opening with these may continue a sentence
_CLOSING = frozenset("”’）)》」』】〉")
_PARA_PUNCT = re.compile(r"[，,。]")  # 、 alone is heading material: 引入项目、培育生态
_FULL_LINE = 0.8
_LIST_ITEM = re.compile(r"\d+\.\s")  # "1. " opens a Markdown ordered list item
# A run of spaces between a digit and a CJK character (either way round) is dropped: 2024 年, 增长 5%.
# The run is found by its own characters (a fast scan) and its two neighbours are tested after.
_SPACE_RUN = re.compile(r"[ \t\u3000]+")
_DIGIT = re.compile(r"\d")
_CJK_CHAR = re.compile(rf"[{CJK}]")

_SKIPPED_TAGS = frozenset({"script", "style", "head", "noscript", "template"})
_BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li tr section article ul ol table blockquote hr header footer "
    "main aside nav figure figcaption pre dl dt dd".split()
)


@attrs.frozen
class TextMap:
    """A reading text and, for each of its characters, the offset of its source character."""

    reading: str
    offsets: tuple[int, ...]


def decode_text(path: str, raw: bytes | str) -> tuple[str, str]:
    """Decode raw as UTF-8 (BOM or not), UTF-16 with BOM, or GB18030; return text and codec."""
    if isinstance(raw, str):
        text = raw[1:] if raw.startswith("\ufeff") else raw
        if "\x00" in text[:_SNIFF_BYTES]:
            raise InputError(f"{path}: binary file (NUL characters)")
        return text, "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{path}: not valid UTF-16 despite its byte-order mark") from None
    utf8_name = "utf-8"
    if raw.startswith(codecs.BOM_UTF8):
        raw, utf8_name = raw[len(codecs.BOM_UTF8) :], "utf-8-sig"  # strip it: offsets start at 0
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise InputError(f"{path}: binary file (NUL bytes)")
    for codec, name in (("utf-8", utf8_name), ("gb18030", "gb18030")):
        try:
            return raw.decode(codec), name
        except UnicodeDecodeError:
            continue  # try the next encoding
    raise InputError(f"{path}: not UTF-8 or GB18030 text")


def split_front_matter(text: str) -> tuple[str | None, int]:
    """Return the YAML between a first `---` line and the next one, and where the body starts."""
    opening = _FM_OPEN.match(text)
    if not opening:
        return None, 0  # no `---` on the first line: no front matter
    closing = _FM_CLOSE.search(text, opening.end())
    if not closing:
        return None, 0  # an unclosed `---` is a Markdown rule, not front matter
    return text[opening.end() : closing.start()], closing.end()


def map_plain(text: str, start: int = 0) -> TextMap:
    """Build the reading text of text[start:] with hard wraps joined."""
    body = text[start:]
    ranges = _keep_ranges(len(body), _find_drops(body, frozenset(), paragraphs=True))
    reading = "".join(body[a:b] for a, b in ranges)
    offsets = tuple(itertools.chain.from_iterable(range(a + start, b + start) for a, b in ranges))
    return TextMap(reading, offsets)


def map_html(text: str, start: int = 0) -> tuple[TextMap, str]:
    """Reduce the HTML in text[start:] to a reading text; also return the <title>, if any."""
    reducer = _HtmlReducer(text, start)
    reducer.feed(text[start:])
    reducer.close()
    chars = "".join(reducer.chars)
    # Block boundaries are certain paragraph breaks: never join across them, nor across blank lines.
    drops = _find_drops(chars, frozenset(reducer.hard), paragraphs=False)
    ranges = _keep_ranges(len(chars), drops)
    source = reducer.offsets
    reading = "".join(chars[a:b] for a, b in ranges)
    offsets = tuple(itertools.chain.from_iterable(source[a:b] for a, b in ranges))
    return TextMap(reading, offsets), " ".join("".join(reducer.title).split())


def _is_word(char: str) -> bool:
    """True for characters a hard wrap may split: CJK ideographs, digits, Latin letters, %, ‰."""
    return _WORD.match(char) is not None


def _keep_ranges(length: int, drops: Iterator[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the ranges of [0, length) left between sorted, disjoint dropped ranges."""
    kept, pos = [], 0
    for a, b in drops:
        if a > pos:
            kept.append((pos, a))
        pos = max(pos, b)
    if pos < length:
        kept.append((pos, length))
    return kept


def _find_drops(text: str, hard: frozenset[int], *, paragraphs: bool) -> Iterator[tuple[int, int]]:
    """Yield the sorted ranges removed from text: joined breaks, digit–CJK spaces, CR of CRLF."""
    spaces = ((m.start(), m.end()) for m in _SPACE_RUN.finditer(text) if _joins_digit_and_cjk(text, *m.span()))
    return heapq.merge(_find_break_drops(text, hard, paragraphs=paragraphs), spaces)


def _joins_digit_and_cjk(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies between a digit and a CJK character, in either order."""
    if start == 0 or end == len(text):
        return False  # a run at the text's edge has only one neighbour
    before, after = text[start - 1], text[end]
    if _DIGIT.match(before):
        return _CJK_CHAR.match(after) is not None
    return _CJK_CHAR.match(before) is not None and _DIGIT.match(after) is not None


def _find_break_drops(
    text: str, hard: frozenset[int], *, paragraphs: bool
) -> Iterator[tuple[int, int]]:
    """Yield the line breaks to remove (with their spaces), and the CR of each CRLF kept."""
    line_start, punct, widest = 0, False, 0
    for match in _BREAK.finditer(text):
        start, end = _widen_left(text, match.start(), line_start), match.end()
        line = text[line_start:start]
        width = _measure_width(line)
        # A paragraph cut by a page or column end stops on a full line; a pull quote on a short one.
        full = width >= _FULL_LINE * widest
        punct = punct or _PARA_PUNCT.search(line) is not None
        widest = max(widest, width)
        if _count_breaks(match.group()) == 1:
            join = _is_wrap(text, start, end, line_start, hard)
        else:
            join = paragraphs and punct and full and _is_cut(text, start, end, line_start, hard)
            punct, widest = False, 0  # the next line opens another paragraph of the source
        if join:
            yield start, end
        else:
            yield from ((i, i + 1) for i in range(match.start(), end) if text.startswith("\r\n", i))
        line_start = end


def _measure_width(line: str) -> int:
    """Return the display width of a line: 2 for CJK and full-width characters, 1 for ASCII."""
    return (len(line.encode("utf-8", "surrogatepass")) + len(line)) // 2


def _widen_left(text: str, start: int, line_start: int) -> int:
    """Move start left over the spaces that end the line before a break."""
    while start > line_start and text[start - 1] in _HSPACE:
        start -= 1
    return start


def _count_breaks(run: str) -> int:
    """Count the line breaks (LF, CRLF or lone CR) in a run of whitespace."""
    return run.count("\n") + run.count("\r") - run.count("\r\n")


def _is_wrap(text: str, start: int, end: int, line_start: int, hard: frozenset[int]) -> bool:
    """True when the break text[start:end] falls inside a sentence, so the lines belong together."""
    if start == line_start or end >= len(text):
        return False  # a break after an empty line or at the end of the text joins nothing
    before, after = text[start - 1], text[end]
    if not (_is_word(after) or after in _OPENING) or _LIST_ITEM.match(text, end):
        return False  # the next line opens with punctuation or Markdown structure
    if not _continues(text, start, line_start):
        return False  # the line ends a sentence (。！？；：…) or a quotation
    if _LATIN.match(before) and _LATIN.match(after):
        return False  # joining two Latin words would glue them together
    if text[line_start] in "#|":
        return False  # a heading or a table row is a line of its own
    if hard and any(i in hard for i in range(start, end)):
        return False  # an HTML block boundary is a certain paragraph break
    return True


def _is_cut(text: str, start: int, end: int, line_start: int, hard: frozenset[int]) -> bool:
    """True when a blank line at text[start:end] cuts a word in two (全 / 球), not a sentence."""
    if not _is_wrap(text, start, end, line_start, hard):
        return False  # what does not join across a line break does not across a blank line
    return _is_word(text[start - 1]) and _is_word(text[end])


def _continues(text: str, start: int, line_start: int) -> bool:
    """True when the line text[line_start:start] stops mid-sentence: word, comma, or quoted word."""
    before = text[start - 1]
    if _is_word(before) or before in _CLAUSE_PUNCT:
        return True
    # "“33618”" closes a quoted term, not a quotation: the sentence goes on.
    return before in _CLOSING and start - 2 >= line_start and _is_word(text[start - 2])


class _HtmlReducer(HTMLParser):
    """Collect the text of an HTML page with the source offset of each character."""

    def __init__(self, text: str, start: int):
        super().__init__(convert_charrefs=False)
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.hard: list[int] = []
        self.title: list[str] = []
        self._skipping: list[str] = []
        self._in_title = False
        self._text = text
        self._line_starts = _find_line_starts(text, start)

    def handle_starttag(self, tag: str, attrs: Sequence[tuple[str, str | None]]) -> None:
        """Enter skipped content, the title, or a block."""
        if tag == "body":
            self._in_title = False  # an unclosed <title> ends with the head
            if "head" in self._skipping:
                self._skipping.remove("head")  # </head> may be omitted in HTML5
        if tag in _SKIPPED_TAGS:
            self._skipping.append(tag)
        self._in_title = self._in_title or tag == "title"
        self._break_block(tag)

    def handle_endtag(self, tag: str) -> None:
        """Leave skipped content, the title, or a block."""
        if tag in self._skipping:
            del self._skipping[len(self._skipping) - 1 - self._skipping[::-1].index(tag)]
        self._in_title = self._in_title and tag != "title"
        self._break_block(tag)

    def handle_data(self, data: str) -> None:
        """Keep text outside skipped elements, each char at its own source offset."""
        if self._in_title:
            self.title.append(data)
        if self._skipping:
            return  # script, style and head content is not article text
        if not data.strip() and (not self.chars or self.chars[-1] == "\n"):
            return  # layout whitespace between blocks says nothing
        pos = self._position()
        self.chars.extend(data)
        self.offsets.extend(range(pos, pos + len(data)))

    def handle_entityref(self, name: str) -> None:
        """Decode a named entity, mapping its chars to the entity's offset."""
        self._add_reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        """Decode a numeric character reference, mapping it to the reference's offset."""
        self._add_reference(f"&#{name};")

    def _add_reference(self, reference: str) -> None:
        """Append a decoded reference, or the reference as written when it names nothing."""
        decoded = html.unescape(reference)
        if self._in_title:
            self.title.append(decoded)
        if self._skipping:
            return  # entities inside script or style are not article text
        pos = self._position()
        if decoded == reference:
            # An unknown entity is not decoded: keep it exactly as written, with its ';' if any.
            end = pos + len(reference) - 1
            decoded = self._text[pos : end + 1 if self._text.startswith(";", end) else end]
        self.chars.extend(decoded)
        self.offsets.extend(range(pos, pos + len(decoded)))

    def _break_block(self, tag: str) -> None:
        """Insert one newline, mapped to the tag, where a block element starts or ends."""
        if tag not in _BLOCK_TAGS or self._skipping:
            return  # inline elements and skipped content do not break lines
        if not self.chars or self.chars[-1] == "\n":
            return  # one newline per boundary is enough
        self.hard.append(len(self.chars))
        self.chars.append("\n")
        self.offsets.append(self._position())

    def _position(self) -> int:
        """Return the source offset of the construct being handled."""
        line, column = self.getpos()
        return self._line_starts[line - 1] + column


def _find_line_starts(text: str, start: int) -> list[int]:
    """Return the offset in text of each line of text[start:], counting LF only (as HTMLParser)."""
    return [start] + [m.end() for m in _LF.finditer(text, start)]
