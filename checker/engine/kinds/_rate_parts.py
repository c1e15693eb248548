"""A sum's rate of change lies between its parts' rates (收入增长5.02%；税收收入下降2.94%，非税收入下降7.12%)."""

from __future__ import annotations

import re

from checker.engine.kinds._shared import make_finding
from checker.model import Claim, Finding, Interval

RATES = ("change_pct", "change_pct_down")
# The parts stand at most this many characters after their whole's rate.
PART_REACH = 400
# The label of a rate distributed over listed items (分别增长a%和b%): no whole and no part.
DISTRIBUTED = "\x00distributed"
# Marks that close an item of a list of parts (出口X，增长a%；进口Y，增长b%): commas do not.
ITEM_MARKS = re.compile(r"[；;。]")


def check_rate_between_parts(spec, context) -> list[Finding]:
    """Flag a whole's rate outside the range of the rates of the parts that make it up (spec.params.sums)."""
    findings = []
    for rates in rates_by_doc(context.index.claims).values():
        for labels in spec.params.sums:
            for whole, parts in find_sums(rates, labels[0], labels[1:], context):
                finding = compare_rates(spec, whole, parts)
                if finding is not None:
                    findings.append(finding)
    return findings


def rates_by_doc(claims) -> dict[str, list[Claim]]:
    """Every rate with a figure, by document, in text order."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.relation in RATES and claim.value is not None:
            by_doc.setdefault(claim.doc, []).append(claim)
    for rates in by_doc.values():
        rates.sort(key=lambda c: c.mention.reading_start)
    return by_doc


def find_sums(rates: list[Claim], whole_word: str, parts: tuple[str, ...],
              context) -> list[tuple[Claim, list[tuple[str, Claim]]]]:
    """Each whole/parts statement of one sum among a document's rates: the whole's rate and each part's, all in one
    paragraph, none of them distributed over a list (出口、进口分别增长a%和b%; 对东盟进出口…，分别增长32.3%和42.3%)."""
    statements = []
    distributed = context.lexicon.distributed_re if context.lexicon is not None else None
    labels = [_label_of(claim, rates[k - 1] if k else None, whole_word, parts, distributed)
              for k, claim in enumerate(rates)]
    for k in range(1, len(rates)):
        if not labels[k]:
            # Only a rate naming one of the parts opens the parts, and a whole's rate must stand before it.
            continue
        if labels[k] == DISTRIBUTED:
            # A rate of a list opens no parts.
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
        document = context.documents.get(whole.doc)
        last = max(m.mention.reading_start for m in members)
        if document is not None and "\n" in document.reading[whole.mention.reading_end:last]:
            # Parts in another paragraph belong to another statement (五是…进口塑料原料 after 四是…对东盟进出口).
            continue
        if whole.cumulative != members[0].cumulative or any(m.cumulative != whole.cumulative for m in members):
            # A running total's rate and a month's rate measure different things.
            continue
        statements.append((whole, list(zip(parts, members, strict=True))))
    return statements


def _first_part(rates: list[Claim], labels: list[str], label: str) -> Claim | None:
    """The first of the rates (from the first part on) whose item names this part alone, within reach."""
    for claim, named in zip(rates, labels, strict=True):
        if claim.mention.reading_start - rates[0].mention.reading_start > PART_REACH:
            return None
        if named == label:
            return claim
    return None


def _label_of(claim: Claim, previous: Claim | None, whole_word: str, parts: tuple[str, ...],
              distributed: re.Pattern[str] | None = None) -> str:
    """The one part label a rate's item names (and not the whole's word), else ''; DISTRIBUTED for a rate
    distributed over listed items (its item holds 分别), which is neither the whole's nor one part's.

    The item is the text before the figure back to the rate before it in its sentence or to a semicolon
    (其中，出口4507.2亿元，同比增长9.9%: 出口 names the part though a comma stands between)."""
    clause = _item_of(claim, previous)
    if distributed is not None and distributed.search(clause):
        # 分别增长32.3%和42.3%: each rate is a listed item's, not the whole's nor a part's.
        return DISTRIBUTED
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


def signed_rate(claim: Claim) -> Interval:
    """A rate's interval in %, negative for a fall."""
    interval = claim.figure.interval
    return interval.negate() if claim.relation == "change_pct_down" else interval


def compare_rates(spec, whole: Claim, parts: list[tuple[str, Claim]]) -> Finding | None:
    """A finding when the whole's rate cannot lie between its parts' rates."""
    stated = signed_rate(whole)
    low = min(signed_rate(p).low for _, p in parts)
    high = max(signed_rate(p).high for _, p in parts)
    if stated.high >= low and stated.low <= high:
        # The whole's rate may be a weighted mean of its parts'.
        return None
    shown = "、".join(f"{label}{change_verb(p)}{p.mention.text}" for label, p in parts)
    values = sorted(signed_rate(p).mid for _, p in parts)
    arithmetic = (f"合计是各部分之和，其增速只能在 {values[0]:+g}% 至 {values[-1]:+g}% 之间（{shown}）；"
                  f"文中合计{change_verb(whole)}{whole.mention.text}")
    return make_finding(spec, (whole, *(p for _, p in parts)), arithmetic=arithmetic, stated=whole.mention.text,
                        parts=shown)


def change_verb(claim: Claim) -> str:
    """下降 for a fall, else 增长: the word a finding writes before a rate."""
    return "下降" if claim.relation == "change_pct_down" else "增长"
