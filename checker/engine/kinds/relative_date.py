"""Relative date: 'N年前' against an explicit year for the same event and the document date."""

from __future__ import annotations

import re
from typing import Any

from checker.engine.kinds._shared import expect_keys
from checker.model import Finding

EXPLICIT_YEAR = re.compile(r"(?:（|\(|即|于|是|在)?(?P<year>(?:19|20)\d{2})年")


def parse_params(raw: dict[str, Any], path: str, lines: dict[str, int]) -> dict[str, Any]:
    """Params: window (characters around N年前 searched for an explicit year, default 12)."""
    params = expect_keys(raw, {"window": int}, path, lines)
    params.setdefault("window", 12)
    return params


def check(spec, context) -> list[Finding]:
    """Flag 'N年前' whose year (document year − N) differs from an explicit year stated beside it."""

    findings = []
    for doc in context.documents.values():
        if doc.dct is None:
            # Without a document date, N年前 names no year.
            continue
        for match in re.finditer(r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})年前", doc.reading):
            finding = _check_one(spec, doc, match)
            if finding is not None:
                findings.append(finding)
    return findings


def _check_one(spec, doc, match: re.Match[str]) -> Finding | None:
    """Compare one N年前 with the explicit year right beside it, if any."""
    from checker.extract.numerals import NumeralError, parse_numeral

    window = doc.reading[match.end():match.end() + 12]
    explicit = EXPLICIT_YEAR.match(window.lstrip("，, "))
    if explicit is None:
        # No explicit year beside it: nothing to compare with.
        return None
    try:
        years = int(parse_numeral(match["n"]).value)
    except NumeralError:
        return None
    implied = doc.dct.date.year - years
    stated = int(explicit["year"])
    if stated == implied:
        return None
    start, end = match.start(), match.end() + (len(window) - len(window.lstrip("，, "))) + explicit.end()
    span = doc.span_of(start, end)
    return Finding(
        rule=spec.id, kind=spec.kind, severity=spec.severity,
        message=spec.render(stated=match.group(), year=stated, implied=implied, dct=doc.dct.date.isoformat()),
        claims=(), arithmetic=f"{doc.dct.date.year} − {years} = {implied}，文中另写{stated}年",
        suggestion=f"“{doc.dct.date.year - stated}年前”", inferred_date=doc.dct.inferred,
        spans=((doc.path, span, doc.text[span.start:span.end]),),
    )
