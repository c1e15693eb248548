"""Total: parts listed after a stated total (共X，其中A、B) must not exceed it."""

from __future__ import annotations

import re
from typing import Any

from checker.intervals import Interval
from checker.kinds._shared import expect_keys, format_number, make_finding
from checker.model import Claim, Finding

TOTAL_WORDS = re.compile(r"(?:总计|合计|共计|共|总|累计)[^，,。]{0,14}$")
PART_WORDS = re.compile(r"其中|包括|分别")


def parse_params(raw: dict[str, Any], path: str, lines: dict[str, int]) -> dict[str, Any]:
    """Params: overlapping (labels of classes that may overlap: 高新技术企业 and 专精特新企业 are not disjoint)."""
    params = expect_keys(raw, {"overlapping": list}, path, lines)
    params.setdefault("overlapping", [])
    return params


def check(spec, context) -> list[Finding]:
    """Flag a sentence whose parts (after 其中/包括) add up to more than its stated total."""
    sentences: dict[tuple[str, int], list[Claim]] = {}
    for claim in context.index.claims:
        if claim.value is not None and claim.relation == "level":
            sentences.setdefault((claim.doc, claim.sentence_start), []).append(claim)
    findings = []
    for claims in sentences.values():
        finding = _check_sentence(spec, sorted(claims, key=lambda c: c.mention.reading_start))
        if finding is not None:
            findings.append(finding)
    return findings


def _check_sentence(spec, claims: list[Claim]) -> Finding | None:
    """Find 'total … 其中 parts' in one sentence and compare the sums."""
    for k, total in enumerate(claims):
        before = total.sentence[: max(0, total.mention.reading_start - total.sentence_start)]
        if not TOTAL_WORDS.search(before):
            continue
        rest = total.sentence[total.mention.reading_end - total.sentence_start:]
        if not PART_WORDS.search(rest):
            # Without 其中/包括 the later figures need not be parts of this total.
            return None
        parts = [c for c in claims[k + 1:] if c.value.unit == total.value.unit]
        if len(parts) < 2:
            return None
        labels = rest[: parts[-1].mention.reading_end - total.mention.reading_end]
        if any(word in labels for word in spec.params["overlapping"]):
            # 其中高新技术企业80家、专精特新企业60家: such classes overlap, so their sum may exceed the total.
            return None
        low_sum = sum(Interval.of(p.value).low for p in parts)
        if low_sum <= Interval.of(total.value).high:
            return None
        listed = " + ".join(p.mention.text for p in parts)
        return make_finding(spec, (total, *parts), stated=total.mention.text, computed=format_number(low_sum),
                            arithmetic=f"{listed} ≥ {format_number(low_sum)} > {total.mention.text}")
    return None
