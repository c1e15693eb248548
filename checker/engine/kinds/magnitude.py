"""Magnitude: a count of whole things written with decimals and no magnitude word (共接待游客3.35人次), where a
word such as 万 was left out."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import attrs

from checker.engine.kinds._shared import make_finding, read_word_lists
from checker.model import Claim, Finding

KEYS = ("count_units", "per_words", "magnitudes")
# A clause ends at these marks: the words of a figure's own clause stand after the last of them.
CLAUSE_MARKS = re.compile(r"[，,；;。：:]")


@attrs.frozen
class Params:
    """The vocabulary from the rule file: count_units count whole things (人次, 家, 辆), per_words in a figure's clause
    or its metric's name make it an average or a ratio that may have decimals (人均, 每万人, 拥有), magnitudes are the
    words a figure may have lost (万, 亿), longest first."""

    count_units: tuple[str, ...]
    per_words: tuple[str, ...]
    magnitudes: tuple[str, ...]

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        return cls(**read_word_lists(raw, KEYS, path, lines))


def check(spec, context) -> list[Finding]:
    """Flag each level counting whole things with decimals and no magnitude word, outside averages and ratios."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in context.index.claims:
        if claim.value is not None and claim.figure.unit in spec.params.count_units:
            by_doc.setdefault(claim.doc, []).append(claim)
    findings = []
    for claims in by_doc.values():
        for claim in claims:
            if _fractional_count(claim, spec.params):
                findings.append(_finding(spec, claim, claims))
    return findings


def _fractional_count(claim: Claim, params: Params) -> bool:
    """True for a level of whole things written with decimals, no magnitude word and no word of an average."""
    text = claim.mention.text
    if claim.relation != "level" or "." not in text or any(word in text for word in params.magnitudes):
        # 3.35万人次 has its magnitude; 3人次 has no decimals; a rate or a change is not a count.
        return False
    if claim.figure.qualifier != "exact":
        # 约2.5人: a hedged figure may be an estimate of an average.
        return False
    before = claim.sentence[:max(0, claim.mention.reading_start - claim.sentence_start)]
    clause = CLAUSE_MARKS.split(before)[-1]
    # 户均2.5人, 每万人拥有医生2.8人, 平均每天1.5万人次: an average or a ratio may have decimals. A figure whose metric
    # names an average is one too, in whichever clause it stands (平均每个家庭户的人口为2.62人,比2010年的3.10人减少…:
    # the base 3.10人 measures the average its clause does not repeat).
    named = f"{claim.metric.industry}{claim.metric.measure}"
    return not any(word in clause or word in named for word in params.per_words)


def _finding(spec, claim: Claim, claims: list[Claim]) -> Finding:
    """The finding for one fractional count, suggesting the magnitude the article's other counts of its unit use."""
    used = Counter(next((word for word in spec.params.magnitudes if word in other.mention.text), "")
                   for other in claims if other is not claim and other.figure.unit == claim.figure.unit)
    used.pop("", None)
    unit = claim.figure.unit
    number = claim.mention.text[: len(claim.mention.text) - len(unit)] if claim.mention.text.endswith(unit) else ""
    magnitude = used.most_common(1)[0][0] if used and number else ""
    suggestion = f"“{number}{magnitude}{unit}”" if magnitude else ""
    arithmetic = (f"{unit}计数的是整体单位，不会有小数；本文其他以{unit}计的数字写作“{magnitude}{unit}”"
                  if magnitude else f"{unit}计数的是整体单位，不会有小数")
    return make_finding(spec, (claim,), arithmetic=arithmetic, suggestion=suggestion, stated=claim.mention.text,
                        unit=unit)
