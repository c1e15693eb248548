"""A sum's rate of change lies between its parts' rates (收入增长5.02%；税收收入下降2.94%，非税收入下降7.12%)."""

from __future__ import annotations

import re

from checker.engine.kinds._shared import make_finding
from checker.model import Claim, Finding, Interval

RATES = ("change_pct", "change_pct_down")
# The parts stand at most this many characters after their whole's rate.
PART_REACH = 400
# Marks that close an item of a list of parts (出口X，增长a%；进口Y，增长b%): commas do not.
ITEM_MARKS = re.compile(r"[；;。]")


def check_rate_between_parts(spec, context) -> list[Finding]:
    """Flag a whole's rate outside the range of the rates of the parts that make it up (spec.params.sums)."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in context.index.claims:
        if claim.relation in RATES and claim.value is not None:
            by_doc.setdefault(claim.doc, []).append(claim)
    findings = []
    for rates in by_doc.values():
        rates.sort(key=lambda c: c.mention.reading_start)
        for labels in spec.params.sums:
            finding = _check_sum(spec, rates, labels[0], labels[1:])
            if finding is not None:
                findings.append(finding)
    return findings


def _check_sum(spec, rates: list[Claim], whole_word: str, parts: tuple[str, ...]) -> Finding | None:
    """The first whole/parts statement of one sum in a document's rates, checked; None when none or it fits."""
    labels = [_label_of(claim, rates[k - 1] if k else None, whole_word, parts) for k, claim in enumerate(rates)]
    for k in range(1, len(rates)):
        if not labels[k]:
            # Only a rate naming one of the parts opens the parts, and a whole's rate must stand before it.
            continue
        found = [_first_part(rates[k:], labels[k:], label) for label in parts]
        if any(part is None for part in found):
            continue
        whole = rates[k - 1]
        if whole_word not in _item_of(whole, rates[k - 2] if k > 1 else None) or labels[k - 1]:
            # The rate right before the first part must be the whole's own: its item names the whole (收入…增长26.4%；
            # 支出…增长1% — the spending's item does not, though its sentence does).
            continue
        members = [part for part in found if part is not None]
        if whole.cumulative != members[0].cumulative or any(m.cumulative != whole.cumulative for m in members):
            # A running total's rate and a month's rate measure different things.
            continue
        return _compare(spec, whole, list(zip(parts, members, strict=True)))
    return None


def _first_part(rates: list[Claim], labels: list[str], label: str) -> Claim | None:
    """The first of the rates (from the first part on) whose item names this part alone, within reach."""
    for claim, named in zip(rates, labels, strict=True):
        if claim.mention.reading_start - rates[0].mention.reading_start > PART_REACH:
            return None
        if named == label:
            return claim
    return None


def _label_of(claim: Claim, previous: Claim | None, whole_word: str, parts: tuple[str, ...]) -> str:
    """The one part label a rate's item names (and not the whole's word), else ''.

    The item is the text before the figure back to the rate before it in its sentence or to a semicolon
    (其中，出口4507.2亿元，同比增长9.9%: 出口 names the part though a comma stands between)."""
    clause = _item_of(claim, previous)
    if whole_word in clause:
        # 进出口 contains 出口: a clause naming the whole speaks of the whole.
        return ""
    named = [label for label in parts if label in clause
             and not any(other != label and label in other and other in clause for other in parts)]
    return named[0] if len(named) == 1 else ""


def _item_of(claim: Claim, previous: Claim | None) -> str:
    """The words of a rate's item: its sentence before the figure, back to the rate before it or to a semicolon."""
    prefix = _sentence_prefix(claim)
    if previous is not None and previous.doc == claim.doc and previous.sentence_start == claim.sentence_start:
        prefix = prefix[max(0, previous.mention.reading_end - claim.sentence_start):]
    return ITEM_MARKS.split(prefix)[-1]


def _sentence_prefix(claim: Claim) -> str:
    """The words of a claim's sentence before its figure."""
    return claim.sentence[: max(0, claim.mention.reading_start - claim.sentence_start)]


def _signed(claim: Claim) -> Interval:
    """A rate's interval in %, negative for a fall."""
    interval = claim.figure.interval
    return interval.negate() if claim.relation == "change_pct_down" else interval


def _compare(spec, whole: Claim, parts: list[tuple[str, Claim]]) -> Finding | None:
    """A finding when the whole's rate cannot lie between its parts' rates."""
    stated = _signed(whole)
    low = min(_signed(p).low for _, p in parts)
    high = max(_signed(p).high for _, p in parts)
    if stated.high >= low and stated.low <= high:
        # The whole's rate may be a weighted mean of its parts'.
        return None
    shown = "、".join(f"{label}{_verb(p)}{p.mention.text}" for label, p in parts)
    values = sorted(_signed(p).mid for _, p in parts)
    arithmetic = (f"合计是各部分之和，其增速只能在 {values[0]:+g}% 至 {values[-1]:+g}% 之间（{shown}）；"
                  f"文中合计{_verb(whole)}{whole.mention.text}")
    return make_finding(spec, (whole, *(p for _, p in parts)), arithmetic=arithmetic, stated=whole.mention.text,
                        parts=shown)


def _verb(claim: Claim) -> str:
    """下降 for a fall, else 增长: the word a finding writes before a rate."""
    return "下降" if claim.relation == "change_pct_down" else "增长"
