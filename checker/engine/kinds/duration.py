"""Duration: a stated span (四年) against the years of the two figures it joins."""

from __future__ import annotations

import re
from typing import Any

from checker.engine.kinds._shared import expect_keys, make_finding
from checker.engine.kinds.growth import change_statements
from checker.model import Claim, Finding

YEARS = re.compile(r"^P(\d+)Y$")


def parse_params(raw: dict[str, Any], path: str, lines: dict[str, int]) -> dict[str, Any]:
    """No parameters."""
    return expect_keys(raw, {}, path, lines)


def check(spec, context) -> list[Finding]:
    """Compare every span stated in a change statement with its endpoints' years."""
    spans = {c.group: c for c in context.index.claims if c.role == "span"}
    findings = []
    for base, later, change in change_statements(context.index.claims):
        span = spans.get(change.group)
        finding = _check_span(spec, base, later, span) if span is not None else None
        if finding is not None:
            findings.append(finding)
    return findings


def _check_span(spec, base: Claim, later: Claim, span: Claim) -> Finding | None:
    """四年 between 2020 and 2024 is right; 三年 is not."""
    match = YEARS.match(span.mention.period.length or "")
    if match is None or base.period is None or later.period is None:
        # Only whole years against dated endpoints can be checked.
        return None
    if base.period.granularity != "year" or later.period.granularity != "year":
        # 2020年1—11月 to 2024年: spans between partial years are not whole years.
        return None
    stated = int(match.group(1))
    computed = later.period.start.year - base.period.start.year
    if stated == computed:
        return None
    arithmetic = f"{later.period.start.year} − {base.period.start.year} = {computed}年；文中为“{span.mention.text}”"
    return make_finding(spec, (base, later, span), arithmetic=arithmetic,
                        suggestion=f"“{_chinese_years(computed)}”", stated=span.mention.text,
                        computed=f"{computed}年", start=base.period_text, end=later.period_text)


def _chinese_years(count: int) -> str:
    """Write a small year count in Chinese (四年); larger ones in digits."""
    words = "零一二三四五六七八九十"
    return f"{words[count]}年" if 0 < count <= 10 else f"{count}年"
