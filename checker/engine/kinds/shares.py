"""Shares: a set of parts, each with its share (X亿元，占Y%), against the total the parts add up to."""

from __future__ import annotations

from typing import Any

import attrs

from checker.engine.kinds._shared import (
    decimals_of,
    forced_to_100,
    forcing_plausible,
    format_number,
    format_range,
    make_finding,
    read_word_lists,
    within_forcing,
)
from checker.model import Claim, Finding, Interval

WORD_KEYS = ("whole_before", "whole_after", "rate_units", "list_words")


@attrs.frozen
class Pair:
    """A part and the share stated right after it in its sentence (17613.2亿元，增长10.7%，占53.5%)."""

    part: Claim
    share: Claim
    whole: str  # the whole the share names (占外贸总值的37.5% names 外贸总值), '' when it names none


@attrs.frozen
class Params:
    """The kind's vocabulary, all from the rule file: whole_before/whole_after frame the whole a share
    names (占…的), rate_units are the units of rates, multiples and points (%, 倍, 个百分点), never an amount's,
    list_words mark a share of a list (分别占a%和b%), which pairs with no single part."""

    whole_before: tuple[str, ...]
    whole_after: tuple[str, ...]
    rate_units: tuple[str, ...]
    list_words: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        return cls(*read_word_lists(raw, WORD_KEYS, path, lines, required=WORD_KEYS[:3]).values())


def check(spec, context) -> list[Finding]:
    """Check each share of a set whose shares add up to 100% against its part ÷ the stated whole."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in context.index.claims:
        if claim.value is not None:
            by_doc.setdefault(claim.doc, []).append(claim)
    findings: list[Finding] = []
    for doc, claims in by_doc.items():
        document = context.documents.get(doc)
        if document is None:
            # A stored claim of a document not in this run has no paragraphs to group by.
            continue
        ordered = sorted(claims, key=lambda c: c.mention.reading_start)
        for pairs in _sets(_pairs(ordered, spec.params), document.reading):
            findings.extend(_check_set(spec, pairs, ordered))
    return findings


def _pairs(ordered: list[Claim], params: Params) -> list[Pair]:
    """Every share (in %) with the one level stated before it since the previous level or share of its sentence."""
    pairs: list[Pair] = []
    for k, share in enumerate(ordered):
        if share.relation != "share" or share.figure.unit not in ("%", "％"):
            continue
        if share.figure.qualifier != "exact":
            # 占比超过20%的有23种: a threshold that sorts items, not the share of the amount before it.
            continue
        before = [c for c in ordered[:k] if c.sentence_start == share.sentence_start]
        # Rates between a part and its share (增长10.7%, 同增28.1%) are neither parts nor shares.
        anchors = [c for c in before if c.relation == "share" or (c.relation == "level" and _amount(c, params))]
        if not anchors or anchors[-1].relation != "level":
            # 分别占31.3%和10.8%, or a share with no amount in its sentence: no single part to pair it with.
            continue
        part = anchors[-1]
        between = share.sentence[part.mention.reading_end - share.sentence_start:
                                 share.mention.reading_start - share.sentence_start]
        if any(word in between for word in params.list_words):
            # 10293亿元和3544.9亿元，分别占31.3%和10.8%: the shares belong to a list, not to the last amount.
            continue
        pairs.append(Pair(part, share, _named_whole(share, params)))
    return pairs


def _amount(claim: Claim, params: Params) -> bool:
    """True for an amount with a unit of its own (亿元, 辆), never a rate in % or a bare number."""
    return claim.figure.unit != "" and claim.figure.unit not in params.rate_units


def _named_whole(share: Claim, params: Params) -> str:
    """The whole a share names in its clause (占外贸总值的37.5% → 外贸总值), '' when it names none (占53.5%)."""
    before = share.sentence[:share.mention.reading_start - share.sentence_start]
    clause = before.replace("，", ",").replace("；", ",").split(",")[-1]
    starts = [clause.rfind(word) + len(word) for word in params.whole_before if word in clause]
    if not starts:
        return ""
    named = clause[max(starts):]
    ends = [named.find(word) for word in params.whole_after if word in named]
    return named[:min(ends)] if ends else named


def _sets(pairs: list[Pair], reading: str) -> list[list[Pair]]:
    """Consecutive pairs of one paragraph and one unit, of one named whole (a share naming none keeps the last)."""
    sets: list[list[Pair]] = []
    whole = ""
    for pair in pairs:
        current = sets[-1] if sets else None
        if current is not None:
            last = current[-1]
            same_paragraph = "\n" not in reading[last.share.mention.reading_end:pair.part.mention.reading_start]
            same_whole = not pair.whole or pair.whole == whole
            if same_paragraph and same_whole and pair.part.figure.unit == last.part.figure.unit:
                current.append(pair)
                continue
        sets.append([pair])
        whole = pair.whole
    return [s for s in sets if len(s) >= 2]


def _sum(intervals: list[Interval]) -> Interval:
    """The interval of a sum of intervals."""
    return Interval(sum(i.low for i in intervals), sum(i.high for i in intervals))


def _check_set(spec, pairs: list[Pair], ordered: list[Claim]) -> list[Finding]:
    """Find the stated whole of a set whose shares add up to 100% and check each share against part ÷ whole."""
    shares = _sum([p.share.figure.interval for p in pairs])
    if not shares.low <= 100.0 <= shares.high:
        # Shares short of 100% (57% + 31.3% + 10.8%) leave parts unstated: the parts do not fix the whole.
        return []
    parts = _sum([p.part.figure.interval for p in pairs])
    # The whole is at least the parts and at most the parts over the smallest share total the rounding allows.
    bound = Interval(parts.low, parts.high * 100.0 / shares.low)
    first = pairs[0].part.mention.reading_start
    members = {id(p.part) for p in pairs}
    wholes = [c for c in ordered if c.relation == "level" and c.mention.reading_start < first
              and id(c) not in members and c.figure.unit == pairs[0].part.figure.unit
              and c.figure.interval.intersects(bound)]
    if len(wholes) != 1:
        # No stated figure (or several) is the whole these parts add up to: nothing certain to divide by.
        return []
    whole = wholes[0]
    stated_sum = sum(p.share.figure.value for p in pairs)
    forced = bool(whole.figure.value) and forcing_plausible(
        [(p.share.figure.value, 10.0 ** -decimals_of(p.share.mention.text),
          p.part.figure.value / whole.figure.value * 100.0) for p in pairs])
    findings = []
    for pair in pairs:
        ratio = pair.part.figure.interval.divide(whole.figure.interval).scale(100.0)
        if ratio.intersects(pair.share.figure.interval):
            continue
        digits = decimals_of(pair.share.mention.text)
        computed = f"{format_number(ratio.mid, max(1, digits))}%"
        listed = " + ".join(p.share.mention.text for p in pairs)
        arithmetic = (f"{pair.part.mention.text} ÷ {whole.mention.text} = {format_number(ratio.mid, 2)}%"
                      f" (区间 {format_range(ratio.low, ratio.high, 2)}%)；各占比 {listed} = "
                      f"{format_number(stated_sum, 2)}%，各部分 {' + '.join(p.part.mention.text for p in pairs)}"
                      f" 合计即总量{whole.mention.text}，若为凑足100%而调整占比，应在说明中注明")
        finding = make_finding(spec, (whole, pair.part, pair.share), stated=pair.share.mention.text,
                               computed=computed, whole=whole.mention.text, part=pair.part.mention.text,
                               arithmetic=arithmetic, suggestion=f"“{computed}”")
        if forced and within_forcing(pair.share.figure.value, 10.0 ** -digits, ratio):
            finding = forced_to_100(finding, listed)
        findings.append(finding)
    return findings
