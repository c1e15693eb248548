"""Share: a part, its whole and the share stated between them (占全市的X%)."""

from __future__ import annotations

from typing import Any

from checker.model import Interval
from checker.engine.kinds._shared import expect_keys, format_number, format_range, make_finding
from checker.model import Claim, Finding


def parse_params(raw: dict[str, Any], path: str, lines: dict[str, int]) -> dict[str, Any]:
    """No parameters."""
    return expect_keys(raw, {}, path, lines)


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
            if share.relation != "share" or share.value.unit not in ("%", "％"):
                continue
            levels = [c for c in ordered[:k] if c.relation == "level" and c.value.unit not in ("", "%")]
            if len(levels) < 2 or levels[-1].value.unit != levels[-2].value.unit:
                # A share needs its part and its whole stated in the same unit.
                continue
            whole, part = levels[-2], levels[-1]
            between = share.sentence[whole.mention.reading_end - share.sentence_start:part.mention.reading_start - share.sentence_start]
            if "其中" not in between or part.value.value > whole.value.value:
                # Only 全市…X，其中…Y，占Z% states which figure is the whole: 广州3.10万亿、两市合计6.78万亿 does not.
                continue
            finding = _check(spec, whole, part, share)
            if finding is not None:
                findings.append(finding)
    return findings


def _check(spec, whole: Claim, part: Claim, share: Claim) -> Finding | None:
    """Compare part ÷ whole with the stated share."""
    ratio = part.value.interval.divide(whole.value.interval).scale(100.0)
    if ratio.intersects(share.value.interval):
        return None
    return make_finding(
        spec, (whole, part, share), stated=share.mention.text, computed=f"{format_number(ratio.mid, 1)}%",
        arithmetic=f"{format_number(part.value.value)} ÷ {format_number(whole.value.value)} = {format_number(ratio.mid, 1)}% (区间 {format_range(ratio.low, ratio.high, 1)}%)",
        suggestion=f"“{format_number(ratio.mid, 1)}%”",
    )
