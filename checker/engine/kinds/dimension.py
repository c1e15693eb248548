"""Dimension: a measure of money (投资, 收入, 销售额) stated in a unit of another dimension (完成投资2427.3平方米),
where the unit or the measure's word is wrong."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._shared import make_finding, read_word_lists
from checker.model import Claim, Finding

KEYS = ("money", "ratios", "links", "per_words", "after_words")
# A clause ends at these marks: the words of a figure's own clause stand after the last of them.
CLAUSE_MARKS = re.compile(r"[，,；;。：:、（(]")


@attrs.frozen
class Params:
    """The vocabulary from the rule file: money names the pint dimensions of money (units.txt gives each currency
    its own, currency_cny …), ratios those of rates and multiples (ratio, multiple), links the words that may stand
    between a measure and its figure (完成投资为, 达), per_words make the figure a quantity per unit of money
    (每万元产值耗水3吨), after_words may follow the figure (any other word makes it a modifier or a verb's object:
    投资10个项目, 投资3个亿). The measures of money are the lexicon's grammar group money_measures."""

    money: tuple[str, ...]
    ratios: tuple[str, ...]
    links: tuple[str, ...]
    per_words: tuple[str, ...]
    after_words: tuple[str, ...]

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        return cls(**read_word_lists(raw, KEYS, path, lines))


def check(spec, context) -> list[Finding]:
    """Flag each level stated right after a measure of money in a unit that is no money."""
    if context.lexicon is None:
        # The measures of money are the lexicon's: without it no figure is known to be money.
        return []
    measures = tuple(sorted(context.lexicon.grammar.get("money_measures", ()), key=len, reverse=True))
    if not measures:
        return []
    findings = []
    for claim in context.index.claims:
        measure = _money_measure(claim, measures, spec.params)
        if measure:
            findings.append(make_finding(
                spec, (claim,), stated=claim.mention.text, measure=measure, unit=claim.figure.unit,
                arithmetic=f"“{measure}”是以货币计的量，“{claim.mention.text}”的单位“{claim.figure.unit}”不是货币单位"))
    return findings


def _money_measure(claim: Claim, measures: tuple[str, ...], params: Params) -> str:
    """The measure of money a level in a unit of another dimension is stated as, right before it; else ''."""
    if claim.value is None or claim.relation != "level" or not claim.dimension:
        # Rates, multiples and shares are no amounts; a figure without a unit states no dimension.
        return ""
    if any(money in claim.dimension for money in params.money):
        # 亿元, 美元, 万元/亩: money, or money per unit.
        return ""
    if any(f"[{ratio}]" in claim.dimension for ratio in params.ratios):
        # 农民收入50%来自务工: a per cent or a multiple is no amount of another dimension.
        return ""
    after = claim.sentence[claim.mention.reading_end - claim.sentence_start:]
    if after and not (CLAUSE_MARKS.match(after) or after[0] in "。！？!?" or after.startswith(params.after_words)):
        # 投资10个项目 (投资 a verb, 项目 its object), 投资3个亿 (money spoken): the figure is no amount of the measure.
        return ""
    before = claim.sentence[:max(0, claim.mention.reading_start - claim.sentence_start)]
    clause = CLAUSE_MARKS.split(before)[-1]
    if any(word in clause for word in params.per_words):
        # 每万元产值耗水3吨: a quantity per unit of money, not an amount of money.
        return ""
    words = clause
    for link in sorted(params.links, key=len, reverse=True):
        if words.endswith(link):
            # 完成投资为2427.3平方米: the link stands between the measure and its figure.
            words = words[: -len(link)]
            break
    return next((measure for measure in measures if words.endswith(measure)), "")
