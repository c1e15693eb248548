"""Share: a part, its whole and the share stated between them (占全市的X%)."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._shared import format_number, format_range, make_finding, read_word_lists
from checker.model import Claim, Finding


@attrs.frozen
class Params:
    """part_words (from the rule file): words between a whole and its part that say the part belongs to it (其中)."""

    part_words: tuple[str, ...]
    whole_before: tuple[str, ...]
    whole_after: tuple[str, ...]

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        return cls(**read_word_lists(raw, ("part_words", "whole_before", "whole_after"), path, lines))


def check(spec, context) -> list[Finding]:
    """In one sentence stating a whole, a part and the part's share: part ÷ whole must fit the share."""
    sentences: dict[tuple[str, int], list[Claim]] = {}
    for claim in context.index.claims:
        if claim.value is not None:
            sentences.setdefault((claim.doc, claim.sentence_start), []).append(claim)
    findings = []
    for claims in sentences.values():
        ordered = sorted(claims, key=lambda c: c.mention.reading_start)
        for k, share in enumerate(ordered):
            if share.relation != "share" or share.figure.unit not in ("%", "％"):
                continue
            levels = [c for c in ordered[:k] if c.relation == "level" and c.figure.unit not in ("", "%")]
            if len(levels) < 2 or levels[-1].figure.unit != levels[-2].figure.unit:
                # A share needs its part and its whole stated in the same unit.
                continue
            whole, part = levels[-2], levels[-1]
            offset = share.sentence_start
            between = share.sentence[whole.mention.reading_end - offset:part.mention.reading_start - offset]
            if not any(word in between for word in spec.params.part_words) or part.figure.value > whole.figure.value:
                # Only 全市…X，其中…Y，占Z% states which figure is the whole: 广州3.10万亿、两市合计6.78万亿 does not.
                continue
            named = _named_whole(share, spec.params)
            if named and named not in _words_before(whole):
                # 占社会消费品零售总额的比重: the share is of a whole the sentence does not state.
                continue
            finding = _check(spec, whole, part, share)
            if finding is not None:
                findings.append(finding)
    return findings


def _named_whole(share: Claim, params: Params) -> str:
    """The whole a share names (占全国人口的15.4% names 全国人口), or '' when it names none (占比40%)."""
    before = share.sentence[:share.mention.reading_start - share.sentence_start]
    starts = [before.rfind(word) + len(word) for word in params.whole_before if word in before]
    if not starts:
        return ""
    named = before[max(starts):]
    ends = [named.find(word) for word in params.whole_after if word in named]
    return named[:min(ends)] if ends else ""


def _words_before(claim: Claim) -> str:
    """The text of a figure's clause up to the figure: where its own metric is named."""
    before = claim.sentence[:claim.mention.reading_start - claim.sentence_start]
    return re.split(r"[，,；;]", before)[-1]


def _check(spec, whole: Claim, part: Claim, share: Claim) -> Finding | None:
    """Compare part ÷ whole with the stated share."""
    ratio = part.figure.interval.divide(whole.figure.interval).scale(100.0)
    if ratio.intersects(share.figure.interval):
        return None
    return make_finding(
        spec, (whole, part, share), stated=share.mention.text, computed=f"{format_number(ratio.mid, 1)}%",
        arithmetic=(f"{format_number(part.figure.value)} ÷ {format_number(whole.figure.value)}"
                    f" = {format_number(ratio.mid, 1)}% (区间 {format_range(ratio.low, ratio.high, 1)}%)"),
        suggestion=f"“{format_number(ratio.mid, 1)}%”",
    )
