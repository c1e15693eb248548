"""Duration: a stated span (四年) against the years of the two figures it joins."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._shared import expect_keys, make_finding, require_keys
from checker.errors import RuleFileError
from checker.extract.numerals import NumeralError, parse_numeral
from checker.model import Claim, Finding

YEARS = re.compile(r"^P(\d+)Y$")


@attrs.frozen
class Params:
    """count_words (from the rule file): how a suggestion writes the counts 1, 2, 3 … in words (一, 两, 三 …);
    larger counts are written in digits. Each word must read, by the one numeral reader, as its count."""

    count_words: tuple[str, ...]

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {"count_words": list}, path, lines)
        require_keys(raw, ("count_words",), path, lines)
        for index, word in enumerate(raw["count_words"]):
            key = f"params.count_words.{index}"
            try:
                value = parse_numeral(str(word)).value
            except NumeralError as exc:
                raise RuleFileError(path, lines.get(key), key, f"not a numeral: {exc}") from exc
            if value != index + 1:
                raise RuleFileError(path, lines.get(key), key, f"'{word}' reads as {value}, not {index + 1}")
        return cls(tuple(str(w) for w in raw["count_words"]))

    def spell(self, count: int) -> str:
        """A count in words when the rule file spells it, else in digits."""
        return self.count_words[count - 1] if 0 < count <= len(self.count_words) else str(count)


def check(spec, context) -> list[Finding]:
    """Compare every span stated in a change statement with its endpoints' years."""
    findings = []
    for statement in context.statements:
        span = statement.span
        finding = _check_span(spec, statement.base, statement.later, span) if span is not None else None
        if finding is not None:
            findings.append(finding)
    return findings


def _check_span(spec, base: Claim, later: Claim, span: Claim) -> Finding | None:
    """四年 between 2020 and 2024 is right; 三年 is not."""
    length = span.mention.period.length if span.mention.period is not None else None
    match = YEARS.match(length or "")
    if match is None or base.period is None or later.period is None:
        # Only whole years against dated endpoints can be checked.
        return None
    if base.period.start is None or later.period.start is None:
        # 全年 in an article of unknown date names no year: there is nothing to subtract.
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
                        suggestion=f"“{spec.params.spell(computed)}年”", stated=span.mention.text,
                        computed=f"{computed}年", start=base.period_text, end=later.period_text)

