"""Relative date: 'N年前' against an explicit year for the same event and the document date."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._shared import expect_keys, require_keys, words_of
from checker.extract.numerals import CHINESE_DIGITS, SMALL_UNITS, NumeralError, parse_numeral
from checker.model import Finding

# The characters the one numeral reader reads as a small count (三十九, 两): N in N年前.
COUNT = r"\d{1,3}|[" + "".join(CHINESE_DIGITS) + "".join(SMALL_UNITS) + "]{1,4}"


@attrs.frozen
class Params:
    """ago_words (N年前), year_openers (words that may open the explicit year beside it: （, 即, 于),
    separators (skipped between them: ，) and year_marks (the words after an explicit year's digits: 年) come from
    the rule file; window is how many characters after N年前 are searched for the explicit year (default 12)."""

    ago_words: tuple[str, ...]
    year_openers: tuple[str, ...]
    separators: str
    year_marks: tuple[str, ...]
    window: int = 12
    ago_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)
    year_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {"ago_words": list, "year_openers": list, "separators": str, "year_marks": list,
                                "window": int}, path, lines)
        require_keys(raw, ("ago_words", "year_openers", "separators", "year_marks"), path, lines)
        ago, openers = words_of(raw, "ago_words", path, lines), words_of(raw, "year_openers", path, lines)
        marks = words_of(raw, "year_marks", path, lines)
        ago_re = re.compile(f"(?P<n>{COUNT})(?:" + "|".join(map(re.escape, ago)) + ")")
        # An explicit year is four digits from 1900 to 2099 followed by a year mark: （1988年）, 即2018年.
        year_re = re.compile("(?:" + "|".join(map(re.escape, openers)) + r")?(?P<year>(?:19|20)\d{2})(?:"
                             + "|".join(map(re.escape, marks)) + ")")
        return cls(ago, openers, raw["separators"], marks, raw.get("window", 12), ago_re, year_re)


def check(spec, context) -> list[Finding]:
    """Flag 'N年前' whose year (document year − N) differs from an explicit year stated beside it."""

    findings = []
    for doc in context.documents.values():
        if doc.dct is None:
            # Without a document date, N年前 names no year.
            continue
        for match in spec.params.ago_re.finditer(doc.reading):
            finding = _check_one(spec, doc, match)
            if finding is not None:
                findings.append(finding)
    return findings


def _check_one(spec, doc, match: re.Match[str]) -> Finding | None:
    """Compare one N年前 with the explicit year right beside it, if any."""
    window = doc.reading[match.end():match.end() + spec.params.window]
    gap = len(window) - len(window.lstrip(spec.params.separators))
    explicit = spec.params.year_re.match(window, gap)
    if explicit is None:
        # No explicit year beside it: nothing to compare with.
        return None
    try:
        years = int(parse_numeral(match["n"]).value)
    except NumeralError:
        # 十九十 matches the characters of a count but is no numeral.
        return None
    implied = doc.dct.date.year - years
    stated = int(explicit["year"])
    if stated == implied:
        return None
    start, end = match.start(), match.end() + explicit.end()
    span = doc.span_of(start, end)
    return Finding(
        rule=spec.id, kind=spec.kind, severity=spec.severity,
        message=spec.render(stated=match.group(), year=stated, implied=implied, dct=doc.dct.date.isoformat()),
        claims=(), arithmetic=f"{doc.dct.date.year} − {years} = {implied}，文中另写{stated}年",
        suggestion=f"“{doc.dct.date.year - stated}年前”", inferred_date=doc.dct.inferred,
        spans=((doc.path, span, doc.text[span.start:span.end]),),
    )
