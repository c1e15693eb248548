"""Total: parts listed after a stated total (共X，其中A、B) must not exceed it."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._shared import expect_keys, format_number, make_finding, require_keys, words_of
from checker.model import Claim, Finding

WORD_KEYS = ("total_words", "part_words", "following_part_words", "overlapping")


@attrs.frozen
class Params:
    """The kind's vocabulary, all from the rule file: total_words open a total (共, 合计), part_words
    introduce its parts in the same sentence (其中, 包括), following_part_words open a next sentence of
    parts (其中，出口…), overlapping labels classes that may overlap (高新技术 and 专精特新 firms)."""

    total_words: tuple[str, ...]
    part_words: tuple[str, ...]
    following_part_words: tuple[str, ...]
    overlapping: tuple[str, ...] = ()
    total_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)
    part_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, dict.fromkeys(WORD_KEYS, list), path, lines)
        require_keys(raw, WORD_KEYS[:3], path, lines)
        words = {key: words_of(raw, key, path, lines) for key in WORD_KEYS}
        # A total word stands at most 14 characters before its figure, in the same clause (共签约项目50个).
        total_re = re.compile("(?:" + "|".join(map(re.escape, words["total_words"])) + r")[^，,。]{0,14}$")
        part_re = re.compile("|".join(map(re.escape, words["part_words"])))
        return cls(**words, total_re=total_re, part_re=part_re)


def check(spec, context) -> list[Finding]:
    """Flag a total whose parts (after 其中/包括, in its sentence or the next one) add up to more than it."""
    sentences: dict[str, dict[int, list[Claim]]] = {}
    for claim in context.index.claims:
        if claim.value is not None and claim.relation == "level":
            sentences.setdefault(claim.doc, {}).setdefault(claim.sentence_start, []).append(claim)
    findings = []
    for by_start in sentences.values():
        starts = sorted(by_start)
        for i, start in enumerate(starts):
            following = by_start[starts[i + 1]] if i + 1 < len(starts) else []
            finding = _check_sentence(spec, _ordered(by_start[start]), _ordered(following))
            if finding is not None:
                findings.append(finding)
    return findings


def _ordered(claims: list[Claim]) -> list[Claim]:
    """Claims in text order."""
    return sorted(claims, key=lambda c: c.mention.reading_start)


def _check_sentence(spec, claims: list[Claim], following: list[Claim]) -> Finding | None:
    """Find 'total … 其中 parts' in one sentence (or a next sentence opening with 其中) and compare the sums."""
    for k, total in enumerate(claims):
        before = total.sentence[: max(0, total.mention.reading_start - total.sentence_start)]
        if not spec.params.total_re.search(before):
            continue
        rest = total.sentence[total.mention.reading_end - total.sentence_start:]
        parts = [c for c in claims[k + 1:] if c.figure.unit == total.figure.unit]
        opens_parts = bool(following) and following[0].sentence.startswith(spec.params.following_part_words)
        if not spec.params.part_re.search(rest) and opens_parts:
            # 总值1.31万亿元，同比增长6.9%。其中，出口…、进口…: the parts follow in the next sentence.
            rest = following[0].sentence
            parts = [c for c in following if c.figure.unit == total.figure.unit]
        elif not spec.params.part_re.search(rest):
            # Without 其中/包括 the later figures need not be parts of this total.
            return None
        if len(parts) < 2:
            return None
        if any(word in rest for word in spec.params.overlapping):
            # 其中高新技术企业80家、专精特新企业60家: such classes overlap, so their sum may exceed the total.
            return None
        low_sum = sum(p.figure.interval.low for p in parts)
        if low_sum <= total.figure.interval.high:
            return None
        listed = " + ".join(p.mention.text for p in parts)
        return make_finding(spec, (total, *parts), stated=total.mention.text, computed=format_number(low_sum),
                            arithmetic=f"{listed} ≥ {format_number(low_sum)} > {total.mention.text}")
    return None
