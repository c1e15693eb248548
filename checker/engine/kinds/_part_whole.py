"""Parts after 其中: a whole stated with its figure, then its parts each in a clause of their own (7月份，全国港口完成
集装箱吞吐量1441.20万TEU。其中，沿海港口完成1293.90万TEU，内河港口完成147.30万TEU)."""

from __future__ import annotations

import re

import attrs

from checker.model import Claim

RATES = ("change_pct", "change_pct_down")
# Marks that end the clause a figure's own words stand in.
CLAUSE_MARKS = re.compile(r"[，,；;：:、]")
# Marks that end an item of a list of parts (出口X，增长a%；进口Y，增长b%): commas do not.
ITEM_MARKS = re.compile(r"[；;。]")
# Characters that may open a sentence of parts before its part word (“，其中”).
OPENING = "，,：: \u3000"


@attrs.frozen
class Part:
    """One part: its level, its own words (the clause before the figure, without the part word) and its rate."""

    level: Claim
    words: str
    rate: Claim | None


@attrs.frozen
class Statement:
    """A whole (its level, its words and its rate) and the parts of the same dimension stated after 其中."""

    whole: Claim
    words: str
    rate: Claim | None
    parts: tuple[Part, ...]
    # The other levels of the parts' dimension in the item before 其中 when no one of them is known to be the whole
    # (职业技能培训1000人，创业能力培训270人。其中，…): the whole is one of them with `whole`, or their sum.
    alternatives: tuple[Claim, ...] = ()


def find_statements(claims, part_words: tuple[str, ...], restart_words: tuple[str, ...]) -> list[Statement]:
    """Each whole with the parts 其中 introduces after it: in the whole's sentence, or in the next sentence when that
    opens with 其中; the whole is the only level of the parts' dimension before 其中, or one of several (kept as
    alternatives)."""
    sentences: dict[tuple[str, int], list[Claim]] = {}
    for claim in claims:
        if claim.value is not None:
            sentences.setdefault((claim.doc, claim.sentence_start), []).append(claim)
    for found in sentences.values():
        found.sort(key=lambda c: c.mention.reading_start)
    ends = {(doc, start + len(found[0].sentence)): found for (doc, start), found in sentences.items()}
    statements = []
    for (doc, start), found in sentences.items():
        sentence = found[0].sentence
        opened = _part_word_at(sentence, part_words)
        if opened is None:
            continue
        position, word = opened
        if position == 0:
            # 。其中，沿海港口完成…: the whole stands in the sentence right before (a line break may part them).
            wholes = next((ends[doc, start - gap] for gap in range(3) if (doc, start - gap) in ends), [])
        else:
            wholes = [c for c in found if c.mention.reading_start - start < position]
        parts = [c for c in found if c.mention.reading_start - start >= position + len(word)]
        statements += _statements(wholes, parts, word, restart_words)
    return statements


def _part_word_at(sentence: str, part_words: tuple[str, ...]) -> tuple[int, str] | None:
    """Where the sentence's part word stands (0 when it opens the sentence) and which it is, or None: it opens the
    sentence or a clause (…13.26%，其中，沿海…), never inside a word."""
    stripped = sentence.lstrip(OPENING)
    for word in part_words:
        if stripped.startswith(word):
            return 0, word
    for word in part_words:
        for match in re.finditer(re.escape(word), sentence):
            if match.start() and CLAUSE_MARKS.match(sentence[match.start() - 1]):
                return match.start(), word
    return None


def _statements(wholes: list[Claim], parts: list[Claim], word: str,
                restart_words: tuple[str, ...]) -> list[Statement]:
    """One statement per dimension the parts are stated in, when a level before 其中 has it (several are kept as
    alternatives)."""
    statements = []
    levels = [c for c in parts if is_amount(c)]
    for dimension in dict.fromkeys(c.dimension for c in levels):
        candidates = [c for c in wholes if is_amount(c) and c.dimension == dimension]
        # 存款余额X，其中…；贷款余额Y。其中，短期贷款…: 其中 opens the parts of the item right before it.
        itemized = len(candidates) > 1
        if itemized:
            candidates = _last_item(candidates)
        if not candidates:
            # No figure of the dimension before 其中: no whole.
            continue
        # Several figures of the dimension in the item before 其中 (GDP and 人均GDP): no one whole is known, so the
        # statement keeps them all as alternatives.
        whole, alternatives = candidates[-1], tuple(candidates[:-1])
        members: list[Part] = []
        for level in (c for c in levels if c.dimension == dimension):
            words = clause_words(level, word)
            if members and words.startswith(restart_words):
                # 其中，稻谷产量55.32万吨；全年棉花产量4436吨: the list of the whole's parts has ended.
                break
            if itemized and _item_ends_between(whole, level):
                # 第一产业X；第二产业Y，其中工业Z；第三产业W: 其中 inside a list's item ends with the item.
                break
            members.append(Part(level, words, _rate_after(level, parts)))
        statements.append(Statement(whole, clause_words(whole, word), _rate_after(whole, wholes), tuple(members),
                                    alternatives))
    return statements


def _last_item(claims: list[Claim]) -> list[Claim]:
    """The claims after the last item mark (；) that stands before the last of them, in its sentence."""
    last = claims[-1]
    before = last.sentence[:max(0, last.mention.reading_start - last.sentence_start)]
    marks = [match.end() for match in ITEM_MARKS.finditer(before)]
    if not marks:
        # One item holds them all (完成投资20亿元，实现营业收入100亿元): no one of them is the item's own.
        return claims
    start = last.sentence_start + marks[-1]
    return [c for c in claims if c.sentence_start == last.sentence_start and c.mention.reading_start >= start]


def _item_ends_between(whole: Claim, part: Claim) -> bool:
    """True when an item mark (；) stands between a whole and a part of its sentence."""
    if part.sentence_start != whole.sentence_start:
        # 其中 opened the next sentence: its items are all parts.
        return False
    between = whole.sentence[whole.mention.reading_end - whole.sentence_start:
                             part.mention.reading_start - whole.sentence_start]
    return bool(ITEM_MARKS.search(between))


def is_amount(claim: Claim) -> bool:
    """True for a level in a unit of amount (not a rate, a share, a count without unit or a figure per unit)."""
    return (claim.relation == "level" and bool(claim.dimension) and "/" not in claim.dimension
            and claim.figure.unit not in ("%", "％", "‰"))


def clause_words(claim: Claim, word: str) -> str:
    """The words of a figure's clause before it, without a part word opening them (其中沿海港口完成 → 沿海港口完成)."""
    before = claim.sentence[:max(0, claim.mention.reading_start - claim.sentence_start)]
    words = CLAUSE_MARKS.split(before)[-1].lstrip(OPENING)
    return words[len(word):] if words.startswith(word) else words


def _rate_after(level: Claim, claims: list[Claim]) -> Claim | None:
    """The rate right after a level in its item (0.63亿千瓦时，增长11.7%), with no other figure between."""
    following = [c for c in claims if c.doc == level.doc and c.sentence_start == level.sentence_start
                 and c.mention.reading_start >= level.mention.reading_end]
    if not following or following[0].relation not in RATES:
        return None
    rate = following[0]
    between = level.sentence[level.mention.reading_end - level.sentence_start:
                             rate.mention.reading_start - level.sentence_start]
    return None if ITEM_MARKS.search(between) else rate
