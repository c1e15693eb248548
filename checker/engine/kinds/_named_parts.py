"""A part named as such (税收收入 of 财政收入, 第一产业 of 生产总值) stated many times larger than the whole named just
before it: 财政收入93492万元。……税收收入83518亿元 — a magnitude word (万, 亿) or a decimal point slipped."""

from __future__ import annotations

from checker.engine.kinds._part_whole import clause_words, is_amount
from checker.engine.kinds._shared import format_number, make_finding
from checker.model import Claim, Finding

# The whole stands at most this many characters before its part.
WHOLE_REACH = 300


def check_named_parts(spec, context) -> list[Finding]:
    """Flag a level whose clause names a part of a sum (spec.params.sums) and that is at least min_ratio times the
    nearest level before it, in its paragraph, whose clause names that sum's whole."""
    params = spec.params
    findings = []
    for doc, levels in _levels_by_doc(context.index.claims).items():
        document = context.documents.get(doc)
        for k, part in enumerate(levels):
            words = clause_words(part, "")
            if any(word in words for word in params.per_words):
                # 人均税收收入: an average is no part of a sum.
                continue
            for whole_word, *part_words in params.sums:
                label = _part_named(words, whole_word, part_words)
                if not label:
                    continue
                whole = _whole_before(levels[:k], part, whole_word, part_words, document, params)
                if whole is None:
                    continue
                ratio = part.interval().low / whole.interval().high
                if ratio < params.min_ratio:
                    # A named part somewhat larger than its whole may be of a wider scope (全口径税收 beside 地方
                    # 一般公共预算收入); only a magnitude apart is certain.
                    continue
                times = format_number(part.interval().mid / whole.interval().mid)
                whole_words = clause_words(whole, "")
                findings.append(make_finding(
                    spec, (whole, part), stated=whole.mention.text, part=part.mention.text, computed=times,
                    arithmetic=f"“{words}{part.mention.text}”是“{whole_words}{whole.mention.text}”的组成部分"
                               f"（{whole_word}包括{'、'.join(part_words)}），却是它的{times}倍"))
                break
    return findings


def _levels_by_doc(claims) -> dict[str, list[Claim]]:
    """Every level in a unit of amount (not a rate, a share or a figure per unit), by document, in text order."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.value is not None and is_amount(claim):
            by_doc.setdefault(claim.doc, []).append(claim)
    for levels in by_doc.values():
        levels.sort(key=lambda c: c.mention.reading_start)
    return by_doc


def _part_named(words: str, whole_word: str, part_words: list[str]) -> str:
    """The one part of the sum the words name (税收收入), not the whole's word; else ''."""
    if whole_word in words:
        # 财政收入中的税收收入 or 进出口 containing 出口: words naming the whole speak of the whole.
        return ""
    named = [label for label in part_words if label in words
             and not any(other != label and label in other and other in words for other in part_words)]
    return named[0] if len(named) == 1 else ""


def _whole_before(levels: list[Claim], part: Claim, whole_word: str, part_words: list[str], document,
                  params) -> Claim | None:
    """The nearest level before the part whose clause names the whole, in its paragraph, dimension, subject and
    period; None when the nearest such level names no whole or another one stands between."""
    for whole in reversed(levels):
        if part.mention.reading_start - whole.mention.reading_end > WHOLE_REACH:
            return None
        if document is not None and "\n" in document.reading[whole.mention.reading_end:part.mention.reading_start]:
            # Another paragraph states another thing.
            return None
        if whole.dimension != part.dimension:
            continue
        words = clause_words(whole, "")
        if whole_word not in words or any(label in words for label in part_words):
            # Not the whole's own figure (another measure, or a part of it).
            continue
        if any(word in words for word in params.per_words):
            # 人均财政收入: an average is no whole of a sum.
            return None
        if (whole.subject != part.subject or whole.period != part.period or whole.cumulative != part.cumulative):
            # Another place or period: the part need not be of this whole.
            return None
        return whole
    return None
