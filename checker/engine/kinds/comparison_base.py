"""Comparison base: a change compared with a named year (比2018年增长6.5%) must be compared with an earlier year
than its own (a 2019 figure 比2019年增长10.4% compares it with itself)."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._shared import make_finding, read_word_lists
from checker.model import Claim, Finding

KEYS = ("base_before", "change_relations", "year_marks")
# The marks that end the item a change belongs to: its base is named after the last of them.
ITEM_MARKS = re.compile(r"[；;。]")


@attrs.frozen
class Params:
    """The vocabulary from the rule file: base_before are the words that name a comparison's base year right
    before it (比2018年, 较2018年), change_relations the claim relations that state a change against a base,
    year_marks the words that follow a year's four digits (年)."""

    base_before: tuple[str, ...]
    change_relations: tuple[str, ...]
    year_marks: tuple[str, ...]
    base_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)
    year_mark_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        words = read_word_lists(raw, KEYS, path, lines)
        year_mark = "(?:" + "|".join(map(re.escape, words["year_marks"])) + ")"
        # A base year is four digits from 1900 to 2099 and a year mark right after a base word: 比2018年, 较2018年同期.
        base_re = re.compile("(?:" + "|".join(map(re.escape, words["base_before"])) + r")(?P<year>(?:19|20)\d{2})"
                             + year_mark)
        return cls(**words, base_re=base_re, year_mark_re=re.compile(year_mark))


def check(spec, context) -> list[Finding]:
    """Flag a change of a one-year period whose named base year is not earlier than that year, when the year is
    written in its paragraph before it (2019年，…；国际航线完成13935.5万人次，比2019年增长10.4%)."""
    findings = []
    for claim in context.index.claims:
        if claim.relation not in spec.params.change_relations or claim.value is None:
            continue
        period = claim.period
        if period is None or period.start is None or period.end is None or period.start.year != period.end.year:
            # Only a change within one calendar year is checked: a span's base may lie inside it.
            continue
        base = _base_year(claim, spec.params)
        if base is None or base < period.start.year:
            # No named base year, or an earlier one: the comparison is sound.
            continue
        document = context.documents.get(claim.doc)
        if document is None or not _year_written_before(document.reading, claim, period.start.year, spec.params):
            # The figure's year comes from elsewhere (a heading, the document): not certain enough to compare.
            continue
        findings.append(make_finding(
            spec, (claim,), stated=f"比{base}年", year=str(period.start.year), figure=claim.mention.text,
            arithmetic=f"该数字属于{period.start.year}年（本段前文写明），比较基期却是{base}年",
            suggestion=f"“比{period.start.year - 1}年”"))
    return findings


def _base_year(claim: Claim, params: Params) -> int | None:
    """The base year named in a change's item before its figure (比2019年增长10.4% → 2019), or None."""
    before = claim.sentence[:max(0, claim.mention.reading_start - claim.sentence_start)]
    item = ITEM_MARKS.split(before)[-1]
    found = list(params.base_re.finditer(item))
    return int(found[-1].group("year")) if found else None


def _year_written_before(reading: str, claim: Claim, year: int, params: Params) -> bool:
    """True when the figure's year is written in its paragraph before it, not as a comparison's base."""
    paragraph = reading.rfind("\n", 0, claim.mention.reading_start) + 1
    text = reading[paragraph:claim.mention.reading_start]
    bases = {match.start("year") for match in params.base_re.finditer(text)}
    written = re.compile(rf"(?<!\d){year}{params.year_mark_re.pattern}")
    return any(match.start() not in bases for match in written.finditer(text))
