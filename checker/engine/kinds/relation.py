"""Relation: rates defined as the difference of two others (自然增长率 = 出生率 − 死亡率), for their levels and for
their changes stated in one sentence."""

from __future__ import annotations

from typing import Any

import attrs

from checker.engine.kinds._shared import expect_keys, format_number, format_range, make_finding, require_keys, words_of
from checker.errors import RuleFileError
from checker.model import Claim, Finding, Interval


@attrs.frozen
class Params:
    """From the rule file: differences, each a rate and the two rates it is the difference of, in that order
    (自然增长率, 出生率, 死亡率: 自然增长率 = 出生率 − 死亡率); level_units, the units of a rate's level (%, ‰), and
    change_units, those of a change of a rate in points (个百分点, 千分点), each family compared only within itself."""

    differences: tuple[tuple[str, str, str], ...]
    level_units: tuple[str, ...]
    change_units: tuple[str, ...]

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {"differences": list, "level_units": list, "change_units": list}, path, lines)
        require_keys(raw, ("level_units", "change_units"), path, lines)
        found = raw.get("differences", [])
        if not found or not all(isinstance(names, list) and len(names) == 3
                                and all(isinstance(name, str) and name for name in names) for names in found):
            raise RuleFileError(path, lines.get("params.differences") or lines.get("params"), "params.differences",
                                "must be a list of [difference, minuend, subtrahend] (自然增长率, 出生率, 死亡率)")
        return cls(tuple((a, b, c) for a, b, c in found), words_of(raw, "level_units", path, lines),
                   words_of(raw, "change_units", path, lines))


def check(spec, context) -> list[Finding]:
    """Flag a sentence whose three related rates (or their changes) break difference = minuend − subtrahend."""
    by_sentence: dict[tuple[str, int], list[Claim]] = {}
    for claim in context.index.claims:
        if claim.value is not None:
            by_sentence.setdefault((claim.doc, claim.sentence_start), []).append(claim)
    fall = context.lexicon.fall_re if context.lexicon is not None else None
    findings = []
    for claims in by_sentence.values():
        for units, changes in ((spec.params.level_units, False), (spec.params.change_units, True)):
            # Each figure's item runs back to the figure of its family before it (出生率10.30‰,比上年下降1.73个千分点;
            # 死亡人口1244人,死亡率2.41‰,下降2.39个千分点: the second change's item names 死亡率).
            family = sorted((c for c in claims if c.figure.unit in units), key=lambda c: c.mention.reading_start)
            items = [_item(claim, family[k - 1] if k else None) for k, claim in enumerate(family)]
            for names in spec.params.differences:
                terms = [_term(family, items, name, names) for name in names]
                if any(term is None for term in terms):
                    # A rate of the three is missing from the sentence, or named twice: nothing sure to compute.
                    continue
                finding = _check(spec, names, [t for t in terms if t is not None], changes, fall)
                if finding is not None:
                    findings.append(finding)
    return findings


def _item(claim: Claim, previous: Claim | None) -> str:
    """The words of a figure's item: its sentence before it, back to the figure given (or to its start)."""
    start = previous.mention.reading_end - claim.sentence_start if previous is not None else 0
    return claim.sentence[max(0, start):max(0, claim.mention.reading_start - claim.sentence_start)]


def _term(claims: list[Claim], items: list[str], name: str, names: tuple[str, ...]) -> Claim | None:
    """The one figure whose item names this rate last of the three (…死亡率为5.73‰,…,全市出生率上升0.78: 出生率), else
    None."""
    found = [claim for claim, item in zip(claims, items, strict=True) if _named_last(item, names) == name]
    return found[0] if len(found) == 1 else None


def _named_last(item: str, names: tuple[str, ...]) -> str:
    """The name of the three written last in an item (the longer one when one holds another), or ''."""
    places = [(item.rfind(name) + len(name), len(name), name) for name in names if name in item]
    return max(places)[2] if places else ""


def _signed(claim: Claim, changes: bool, fall) -> Interval:
    """A rate's level, or its change in points with the sign its verb gives (下降12.34个千分点 is −12.34)."""
    interval = claim.figure.interval
    if not changes:
        return interval
    prefix = claim.sentence[:max(0, claim.mention.reading_start - claim.sentence_start)]
    return interval.negate() if fall is not None and fall.search(prefix) else interval


def _check(spec, names: tuple[str, ...], terms: list[Claim], changes: bool, fall) -> Finding | None:
    """A finding when the difference stated is not the minuend minus the subtrahend."""
    difference, minuend, subtrahend = terms
    if changes and any(claim.relation != "points" for claim in terms):
        # 高于全国0.5个百分点 is a gap between places, no change of the rate.
        return None
    if not changes and any(claim.relation != "level" for claim in terms):
        # A share or a change in % is no level of the rate.
        return None
    if len({claim.figure.unit for claim in terms}) != 1:
        # ‰ and % (or 千分点 and 百分点) would need converting: not a sentence's own arithmetic.
        return None
    a, b = _signed(minuend, changes, fall), _signed(subtrahend, changes, fall)
    computed = Interval(a.low - b.high, a.high - b.low)
    stated = _signed(difference, changes, fall)
    if computed.intersects(stated):
        return None
    point = (a.low + a.high) / 2 - (b.low + b.high) / 2
    unit = difference.figure.unit
    arithmetic = (f"{format_number((a.low + a.high) / 2)} − ({format_number((b.low + b.high) / 2)}) = "
                  f"{format_number(point)}{unit}（区间 {format_range(computed.low, computed.high)}）；"
                  f"文中{format_number((stated.low + stated.high) / 2)}{unit}")
    kind = "变化" if changes else ""
    return make_finding(spec, (minuend, subtrahend, difference), arithmetic=arithmetic,
                        stated=difference.mention.text, computed=f"{format_number(point)}{unit}",
                        difference=names[0] + kind, minuend=names[1] + kind, subtrahend=names[2] + kind)

