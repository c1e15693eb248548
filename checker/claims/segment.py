"""Words of a metric's name, cut and tagged by a maintained segmenter (jieba, which ships its dictionary).

jieba's dictionary is loaded lazily, on the first metric the lexicon does not know (nothing is downloaded). Phrases
are cut as jieba.posseg cuts them without its hidden Markov model (`lcut(text, HMM=False)`): the same dictionary,
route and tags, in one pass without its generators (2.3 times faster per phrase).

Loading the whole dictionary (its prefix table and the tag of each of its 349,046 words) costs 0.7 CPU s; a run that
analyses one edited article cuts a few phrases. So the first load also writes the table and the tags split by first
character into one data-only file (JSON, beside jieba's own cache), and later processes read from it only the parts
for the characters of the phrases they cut: every word and prefix jieba looks up in a run of text starts with one
of that run's characters, so the route and the tags are those of the whole dictionary.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import attrs

from checker.extract.numerals import BIG_UNITS, CHINESE_DIGITS, SMALL_UNITS

# Part-of-speech tags (jieba's, after ICTCLAS) that never open a metric's name: verbs, adverbs, prepositions,
# conjunctions, particles, numerals, classifiers, pronouns, localizers.
NOT_OPENING = frozenset("v vd ad d p c u uj ul uz ug uv m mq q r f zg x".split())
# Tags of a word that can name a metric on its own: nouns, nominal verbs, abbreviations, idioms, Latin words.
NOMINAL = frozenset("n nr ns nt nz nrt ng vn an j l i eng".split())
# Tags that end the noun phrase after a count: verbs, prepositions, conjunctions, pronouns, localizers (中),
# numerals, state words and punctuation (建成125个县域医共体|覆盖, 104种工业产品|中).
ENDS_NOUN_PHRASE = frozenset("v vd vi p c r f m z x".split())
# The characters a numeral is written with: a numeral word ending in another has a classifier glued to it (第三项).
NUMERAL_CHARS = frozenset("0123456789" + "".join(CHINESE_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS))


# jieba.posseg's own splits: runs it cuts with the dictionary, the whitespace between them, numbers, Latin letters.
_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SPACE = re.compile("(\r\n|\\s)")
_NUMBER = re.compile("[\\.0-9]+")
_LATIN = re.compile("[a-zA-Z0-9]+")
_LATIN_CHAR = re.compile("^[a-zA-Z0-9]$")


@attrs.frozen(eq=False)
class Dictionary:
    """jieba's tokenizer (its dictionary, prefix table and route) and the tag of each dictionary word.

    With shards, the tokenizer's table and the tags start empty and are filled per first character on demand
    (`cover`); without, they are whole.
    """

    tokenizer: Any  # jieba.Tokenizer, untyped
    tags: dict[str, str]
    shards: Shards | None = None

    def cover(self, text: str) -> None:
        """Make sure the table and the tags hold every word starting with a character of text."""
        if self.shards is not None:
            self.shards.fill(text, self.tokenizer.FREQ, self.tags)


SHARDS_MAGIC = b"hedui-jieba-shards 1\n"  # the format's first line; another version is rebuilt


@attrs.define(eq=False)
class Shards:
    """The dictionary's prefix table and tags split by first character: one JSON pair per character, parsed on use."""

    body: bytes
    index: dict[str, tuple[int, int]]  # first character -> (start, end) of its [table, tags] pair in body
    loaded: set[str] = attrs.field(factory=set)

    def fill(self, text: str, table: dict[str, int], tags: dict[str, str]) -> None:
        """Add to table and tags the entries of the characters of text not added yet."""
        missing = set(text).difference(self.loaded)
        if not missing:
            return
        import orjson

        self.loaded.update(missing)
        for char in missing:
            span = self.index.get(char)
            if span is not None:
                part, words = orjson.loads(self.body[span[0]:span[1]])
                table.update(part)
                tags.update(words)


@functools.lru_cache(maxsize=1)
def load_dictionary() -> Dictionary:
    """jieba's default dictionary, read per first character from its shards file (written on the first load)."""
    return open_dictionary(None)


def open_dictionary(folder: Path | None) -> Dictionary:
    """jieba's default dictionary: from its shards file in folder (default: jieba's cache folder), else whole.

    A missing, stale or damaged shards file is written again after a whole load; a folder that cannot be
    written only costs the next process a whole load too.
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    folder = Path(folder or tokenizer.tmp_dir or tempfile.gettempdir())
    source = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    try:
        info = source.stat()
        stamp = f"{jieba.__version__} {info.st_size} {info.st_mtime_ns}"
    except OSError:
        stamp = ""  # the dictionary is not a plain file (a zipped install): always loaded whole
    path = folder / f"hedui-jieba.{hashlib.sha256(str(source).encode()).hexdigest()[:12]}.json"
    opened = _read_shards(path, stamp) if stamp else None
    if opened is not None:
        shards, total = opened
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {}, total, True
        return Dictionary(tokenizer, {}, shards)
    tokenizer.initialize()
    with tokenizer.get_dict_file() as lines:
        text = lines.read().decode("utf-8")
    # Each line is `word frequency tag`, as jieba.posseg reads it (a line of another shape is an error there too).
    tags = {word: tag for word, _, tag in (line.split(" ") for line in map(str.strip, text.split("\n")) if line)}
    if stamp:
        _write_shards(path, stamp, tokenizer.FREQ, tokenizer.total, tags)
    return Dictionary(tokenizer, tags)


def _read_shards(path: Path, stamp: str) -> tuple[Shards, int] | None:
    """The shards of a file written for this dictionary (stamp) and its total frequency; None when unusable."""
    import orjson

    try:
        data = path.read_bytes()
        magic, head, body = data[:len(SHARDS_MAGIC)], *data[len(SHARDS_MAGIC):].split(b"\n", 1)
        header = orjson.loads(head)
        if (magic != SHARDS_MAGIC or header["stamp"] != stamp
                or hashlib.sha256(body).hexdigest() != header["sha256"]):
            return None
        index = {char: (start, end) for char, (start, end) in header["index"].items()}
        return Shards(body, index), int(header["total"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, cut short or damaged: loaded whole and written again


def _write_shards(path: Path, stamp: str, table: dict[str, int], total: int, tags: dict[str, str]) -> None:
    """Write the table and tags split by first character, atomically; nothing when the folder is not writable."""
    import orjson

    parts: dict[str, tuple[dict[str, int], dict[str, str]]] = {}
    for word, frequency in table.items():
        parts.setdefault(word[0], ({}, {}))[0][word] = frequency
    for word, tag in tags.items():
        parts.setdefault(word[0], ({}, {}))[1][word] = tag
    try:
        pieces, index, offset = [], {}, 0
        for char, part in parts.items():
            piece = orjson.dumps(part)
            index[char] = (offset, offset + len(piece))
            pieces.append(piece)
            offset += len(piece)
        body = b"".join(pieces)
        header = orjson.dumps({"stamp": stamp, "total": total, "sha256": hashlib.sha256(body).hexdigest(),
                               "index": index})
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(SHARDS_MAGIC + header + b"\n" + body)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, TypeError):
        # A folder that cannot be written (or a word JSON cannot hold): the next process loads it whole again.
        pass


@functools.lru_cache(maxsize=65536)
def tag_words(text: str) -> tuple[tuple[str, str], ...]:
    """The words of a short phrase with their part-of-speech tags (完成旅客运输量 → 完成/v 旅客/n 运输量/n)."""
    return cut_words(text, load_dictionary())


def word_frequency(word: str) -> int:
    """How often the segmenter's dictionary counts word (0 for a text that is no word of it: 项目的)."""
    dictionary = load_dictionary()
    dictionary.cover(word[:1])
    return int(dictionary.tokenizer.FREQ.get(word) or 0)


def cut_words(text: str, dictionary: Dictionary) -> tuple[tuple[str, str], ...]:
    """The words and tags jieba.posseg gives a text without its hidden Markov model (lcut(text, HMM=False))."""
    words: list[tuple[str, str]] = []
    for block in _BLOCK.split(text):
        if _BLOCK.match(block):
            _cut_block(block, dictionary, words)
            continue
        for piece in _SPACE.split(block):
            if _SPACE.match(piece):
                words.append((piece, "x"))
                continue
            # Outside the runs each character is a word of its own, tagged as jieba.posseg tags it.
            latin = _LATIN.match(piece) is not None
            words += [(char, "m" if _NUMBER.match(char) else "eng" if latin else "x") for char in piece]
    return tuple(words)


def _cut_block(block: str, dictionary: Dictionary, words: list[tuple[str, str]]) -> None:
    """Append the words of one run on jieba's most probable route through the dictionary's words (no HMM)."""
    tokenizer, size = dictionary.tokenizer, len(block)
    dictionary.cover(block)
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(block, tokenizer.get_DAG(block), route)
    latin, start = "", 0
    while start < size:
        end = route[start][1] + 1
        word = block[start:end]
        if _LATIN_CHAR.match(word):
            # Single Latin letters and digits in a row are one word, as jieba.posseg joins them.
            latin += word
        else:
            if latin:
                words.append((latin, "eng"))
                latin = ""
            words.append((word, dictionary.tags.get(word, "x")))
        start = end
    if latin:
        words.append((latin, "eng"))


def noun_phrase(text: str, filler: frozenset[str], most: int = 4) -> str:
    """The last noun phrase of a text: filler words left out, verbs and adverbs cut from its start."""
    words = [(word, tag) for word, tag in tag_words(text) if word not in filler]
    while words and words[0][1] in NOT_OPENING:
        words.pop(0)
    words = words[-most:]
    if len(words) == 1 and words[0][1] not in NOMINAL:
        # 新增, 惠及, 高于: one word that names nothing measured.
        return ""
    return "".join(word for word, _ in words)


def nouns_after(text: str, relative_marks: frozenset[str], most: int = 4) -> str:
    """The noun phrase opening a text (县域医共体 of 县域医共体建成), after a short relative clause ending in 的.

    30家参会的重点渝企: 参会的 qualifies the noun and is left out. '' when the text opens with no noun.
    """
    words = list(tag_words(text))
    marks = [index for index, (word, _) in enumerate(words[:3]) if word in relative_marks]
    if marks and any(tag[:1] == "v" for _, tag in words[:marks[0]]):
        # A relative clause of one or two words, a verb in it, ends in 的: the noun follows it (50多名党员的X
        # names 党员: a noun before 的 is the one counted).
        words = words[marks[0] + 1:]
    taken = []
    for word, tag in words[:most]:
        if tag in ENDS_NOUN_PHRASE or tag[:1] == "u":
            break
        taken.append((word, tag))
    while taken and taken[-1][1] not in NOMINAL:
        # 国家级 alone names no thing counted: a phrase ends in a noun.
        taken.pop()
    return "".join(word for word, _ in taken)


# Tags of a noun that may follow a quoted name as its head (“两重”项目, “四上”企业): plain nouns, no verbal nouns.
HEAD_NOUNS = frozenset("n ng nz nt".split())


def noun_after_name(text: str) -> str:
    """The one noun opening a text, the head of the quoted name before it (项目 of “两重”项目全部开工), or ''."""
    words = tag_words(text)
    return words[0][0] if words and words[0][1] in HEAD_NOUNS else ""


# Tags of place names: places joined (美国和日本) are two partners, no one name.
PLACES = frozenset("ns".split())
# Tags of the words inside an industry's name (粮食作物, 全社会固定资产, 国家级高新技术): nominal words and the
# distinguishing adjectives (重大, 高) before them.
IN_INDUSTRY = NOMINAL | frozenset("a b".split())


def industry_phrase(text: str, filler: frozenset[str], activities: frozenset[str], actions: frozenset[str],
                    joiners: frozenset[str] = frozenset()) -> str:
    """An industry's name from raw words before a measure (小麦播种 of 小麦播种面积), or '' when not a noun phrase.

    Words that never open a name are cut from its start, a verb only when it is one of the actions (争取, 新增) the
    segmenter may otherwise mistake a word's head for (知识密集型 tags 知识 as a verb); any other word must be
    nominal, the last a noun or one of the activities (播种, 种植) that name what a measure of land or output counts.
    """
    words = [(word, tag) for word, tag in tag_words(text) if word not in filler]
    while words and words[0][1] in NOT_OPENING:
        word, tag = words.pop(0)
        # a numeral with a classifier glued to it right before the name (第三项|目的)
        glued = (tag[:1] == "m" and word[-1] not in NUMERAL_CHARS and bool(words) and words[0][1] not in NOT_OPENING
                 and word + words[0][0] in text)
        if tag[:1] == "v" and word not in actions or tag[:1] == "u" and len(text) > len(word) or glued:
            # An unknown verb or a particle may be a piece of the name cut wrongly (干支线, 可再生, 地产品), and so may
            # a numeral with a classifier glued to it (第三项|目的): too unsure to name it.
            return ""
    if (len(words) > 1 and len(words[0][0]) == 1
            and word_frequency(words[0][0] + words[1][0][0]) > word_frequency(words[1][0])):
        # A one-character word making with the next one's first character a word more common than the next one
        # (项|目的地 of 项目的地, not 全|社会) is a cut the segmenter may have made wrong: too unsure to name it.
        return ""
    inner = {index for index, (word, _) in enumerate(words[1:-1], 1) if word in joiners
             and words[index - 1][1] in NOMINAL - PLACES and words[index + 1][1] in IN_INDUSTRY - PLACES}
    if not words or any(tag not in IN_INDUSTRY and word not in activities and index not in inner
                        for index, (word, tag) in enumerate(words)):
        # A verb or a particle inside (投资占全部): no single noun phrase. A joiner between nouns joins one name
        # (蔬菜及食用菌, 加工贸易和保税物流), never two places (美国和日本 are two partners).
        return ""
    last_word, last_tag = words[-1]
    if last_tag not in NOMINAL and last_word not in activities:
        # 重大, 国家级 alone qualify a noun that is not there.
        return ""
    if len(words) == 1 and last_word in activities:
        # 种植 alone names no crop.
        return ""
    name = "".join(word for word, _ in words)
    return name if len(name) >= 2 else ""
