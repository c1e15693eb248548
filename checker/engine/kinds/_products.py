"""An amount against an average times its count in one item of a sentence: 成交206套/12151.88㎡，均价45659元/㎡，
总金额5.55亿元，套均总价269.34万元 — price per unit × quantity and average per item × items both give the amount."""

from __future__ import annotations

import re

from checker.engine.kinds._shared import format_number, levels_by_sentence, make_finding
from checker.extract.numerals import MAGNITUDES
from checker.model import Claim, Finding, Interval

# Marks that end an item of a sentence (…总金额40.56亿元;上周成交1325套…): commas do not.
ITEM_MARKS = re.compile(r"[；;。]")
# Marks that end the clause a figure's own words stand in.
CLAUSE_MARKS = re.compile(r"[，,；;：:、。]")
# The magnitude words of the four-digit groups an amount is written in (万, 亿, 万亿), largest first.
GROUPS = sorted(((word, size) for word, size in MAGNITUDES.items() if len(str(size)) % 4 == 1),
                key=lambda pair: -pair[1])


def check_products(spec, context) -> list[Finding]:
    """Flag an amount that its item's price per unit times quantity, or average per item times items, cannot give."""
    findings = []
    for claims in levels_by_sentence(context.index.claims).values():
        for item in _items(claims):
            findings += _check_item(spec, item)
    return findings


def _items(claims: list[Claim]) -> list[list[Claim]]:
    """The levels of one sentence grouped by the item (between semicolons) they stand in."""
    items: dict[int, list[Claim]] = {}
    for claim in sorted(claims, key=lambda c: c.mention.reading_start):
        before = claim.sentence[:max(0, claim.mention.reading_start - claim.sentence_start)]
        items.setdefault(len(ITEM_MARKS.findall(before)), []).append(claim)
    return list(items.values())


def _clause_words(claim: Claim) -> str:
    """The words of a figure's clause before it (,均价45659元/㎡ → 均价)."""
    before = claim.sentence[:max(0, claim.mention.reading_start - claim.sentence_start)]
    return CLAUSE_MARKS.split(before)[-1]


def _check_item(spec, item: list[Claim]) -> list[Finding]:
    """The findings of one item: its one amount against price × quantity and against average × items."""
    params = spec.params
    words = {id(c): _clause_words(c) for c in item}
    per_words = tuple(word for word, _ in params.per_item) + params.price_words
    amounts = [c for c in item if any(w in words[id(c)] for w in params.amount_words)
               and not any(w in words[id(c)] for w in per_words)]
    if len(amounts) != 1:
        # No amount, or several (成交额 of two kinds): which one the averages make is not known.
        return []
    amount = amounts[0]
    findings = []
    prices = [c for c in item if "/" in c.figure.unit and any(w in words[id(c)] for w in params.price_words)]
    if len(prices) == 1:
        top, _, bottom = prices[0].figure.unit.partition("/")
        quantities = [c for c in item if c.figure.unit == bottom]
        if top == amount.figure.unit and len(quantities) == 1:
            # 均价45659元/㎡ and the item's one figure in ㎡: their product is the amount in 元.
            findings.append(_compare(spec, amount, prices[0], quantities[0], words))
    for word, unit in params.per_item:
        averages = [c for c in item if word in words[id(c)] and c.figure.unit == amount.figure.unit]
        counts = [c for c in item if c.figure.unit == unit]
        if len(averages) == 1 and len(counts) == 1:
            # 套均总价269.34万元 and the item's one figure in 套: their product is the amount.
            findings.append(_compare(spec, amount, averages[0], counts[0], words))
    return [f for f in findings if f is not None]


def _compare(spec, amount: Claim, average: Claim, count: Claim, words: dict[int, str]) -> Finding | None:
    """A finding when the amount lies outside average × count, widened by the rule's tolerance either way."""
    low = average.figure.interval.low * count.figure.interval.low * (1 - spec.params.tolerance)
    high = average.figure.interval.high * count.figure.interval.high * (1 + spec.params.tolerance)
    if Interval(low, high).intersects(amount.figure.interval):
        return None
    face = average.figure.value * count.figure.value
    computed = _written(face, amount.figure.unit)
    terms = f"{words[id(average)]}{average.mention.text} × {count.mention.text}"
    ratio = format_number(amount.figure.value / face, 2) if face else "∞"
    return make_finding(spec, (amount, average, count), stated=amount.mention.text, computed=computed,
                        terms=terms,
                        arithmetic=f"同一项中 {terms} = {computed}；文中“{words[id(amount)]}{amount.mention.text}”"
                                   f"是它的{ratio}倍（已放宽 {spec.params.tolerance:.0%}）")


def _written(value: float, unit: str) -> str:
    """An amount with the largest magnitude word it reaches, to four significant digits (5.548亿元, 5.056万元)."""
    for word, size in GROUPS:
        if abs(value) >= size:
            return f"{value / size:.4g}{word}{unit}"
    return f"{value:.4g}{unit}"
