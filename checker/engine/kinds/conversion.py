"""Conversion: a figure restated in another unit in brackets right after it (2643.8万公顷（39657万亩）)."""

from __future__ import annotations

from typing import Any

import attrs

from checker.engine.kinds._shared import format_number, format_range, make_finding, read_word_lists
from checker.model import Claim, Finding

KEYS = ("open_brackets", "close_brackets", "lead_words")


@attrs.frozen
class Params:
    """The vocabulary from the rule file: open_brackets and close_brackets enclose the restated figure,
    lead_words may stand before it inside the brackets (约, 折合)."""

    open_brackets: tuple[str, ...]
    close_brackets: tuple[str, ...]
    lead_words: tuple[str, ...]

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        return cls(**read_word_lists(raw, KEYS, path, lines))


def check(spec, context) -> list[Finding]:
    """Flag a bracketed restatement whose figure, converted into the first figure's unit, cannot be the same amount."""
    by_sentence: dict[tuple[str, int], list[Claim]] = {}
    for claim in context.index.claims:
        if claim.value is not None and claim.dimension:
            by_sentence.setdefault((claim.doc, claim.sentence_start), []).append(claim)
    findings = []
    for (doc, _), claims in by_sentence.items():
        document = context.documents.get(doc)
        if document is None:
            # A stored claim of a document not in this run: no text to see the brackets in.
            continue
        ordered = sorted(claims, key=lambda c: c.mention.reading_start)
        for first, restated in zip(ordered, ordered[1:], strict=False):
            if _restates(spec.params, document.reading, first, restated):
                finding = _check_pair(spec, first, restated)
                if finding is not None:
                    findings.append(finding)
    return findings


def _restates(params: Params, reading: str, first: Claim, second: Claim) -> bool:
    """True when the second figure alone fills the brackets right after the first, in another unit of its kind."""
    if first.dimension != second.dimension or first.figure.unit == second.figure.unit:
        # 120亿元（增长5%）, 3家（2家…）: another kind of amount, or the same unit (a part or a last-year figure).
        return False
    between = reading[first.mention.reading_end:second.mention.reading_start].strip()
    opened = next((b for b in params.open_brackets if between.startswith(b)), None)
    if opened is None:
        # Not written in brackets right after the first figure: two figures of one sentence, not one restated.
        return False
    lead = between[len(opened):].strip()
    if lead and lead not in params.lead_words:
        # （上年为…）, （其中…）, （含…）: words say the bracketed figure is something else.
        return False
    return reading[second.mention.reading_end:second.mention.reading_end + 1] in params.close_brackets


def _check_pair(spec, first: Claim, restated: Claim) -> Finding | None:
    """265.5万公顷（398.2万亩）: 265.5万公顷 is 3982.5万亩, not 398.2万亩."""
    one, other = first.interval(), restated.interval()
    if one.intersects(other):
        return None
    to_other = restated.base_factor or 1.0
    low, high = one.low / to_other, one.high / to_other
    computed = format_number((first.figure.value * first.base_factor) / to_other, 2)
    arithmetic = (f"“{first.mention.text}”换算为{restated.figure.unit}为 {format_range(low, high)}"
                  f"（按末位取整区间）；括号中写作“{restated.mention.text}”。括号紧跟数字，是同一数量换一种单位的写法")
    return make_finding(spec, (first, restated), arithmetic=arithmetic, stated=restated.mention.text,
                        first=first.mention.text, computed=f"{computed}{restated.figure.unit}")
