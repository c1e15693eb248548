"""Words of a metric's name, cut and tagged by a maintained segmenter (jieba, which ships its dictionary).

jieba's dictionary is loaded lazily, on the first metric the lexicon does not know (about a second; nothing is
downloaded). Phrases are cut as jieba.posseg cuts them without its hidden Markov model (`lcut(text, HMM=False)`):
the same dictionary, route and tags, in one pass without its generators (2.3 times faster per phrase).
"""

from __future__ import annotations

import functools
import re
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
    """jieba's tokenizer (its dictionary, prefix table and route) and the tag of each dictionary word."""

    tokenizer: Any  # jieba.Tokenizer, untyped
    tags: dict[str, str]


@functools.lru_cache(maxsize=1)
def load_dictionary() -> Dictionary:
    """jieba's default dictionary (its prefix table from jieba's own cache) and its tags, read once on first use."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    with tokenizer.get_dict_file() as lines:
        text = lines.read().decode("utf-8")
    # Each line is `word frequency tag`, as jieba.posseg reads it (a line of another shape is an error there too).
    tags = {word: tag for word, _, tag in (line.split(" ") for line in map(str.strip, text.split("\n")) if line)}
    return Dictionary(tokenizer, tags)


@functools.lru_cache(maxsize=65536)
def tag_words(text: str) -> tuple[tuple[str, str], ...]:
    """The words of a short phrase with their part-of-speech tags (完成旅客运输量 → 完成/v 旅客/n 运输量/n)."""
    return cut_words(text, load_dictionary())


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
