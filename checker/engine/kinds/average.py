"""Average: a per-day average (日均X) against the total stated before it over a stated span of days; an amount against
its item's price per unit × quantity and average per item × items (problem product)."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._products import check_products
from checker.engine.kinds._shared import (
    expect_keys,
    format_number,
    format_range,
    levels_by_sentence,
    make_finding,
    read_problem,
    words_of,
)
from checker.errors import RuleFileError
from checker.extract.numerals import CHINESE_DIGITS, SMALL_UNITS, ZEROS, NumeralError, parse_numeral
from checker.model import Claim, Finding

WORD_KEYS = ("average_words", "day_units", "partial_words", "price_words", "amount_words")
# The problems (the first is the default) and the keys each needs from its rule file.
NEEDS = {"per-day": ("average_words", "day_units"), "product": ("price_words", "amount_words", "per_item", "tolerance")}
NUMERAL = "[0-9" + "".join(CHINESE_DIGITS) + "".join(SMALL_UNITS) + ZEROS + "]+"
# The average word stands at most this many characters before its figure, in the same clause (日均保障18660班).
MAX_GAP = 6


@attrs.frozen
class Params:
    """The kind's vocabulary, all from the rule file: average_words mark a per-day figure (日均, 平均每天),
    day_units write a span of days (40天), partial_words mark a total over part of the span (截至8月20日); for the
    problem product, price_words mark a price per unit (均价45659元/㎡), amount_words the amount it makes (总金额),
    per_item pairs a word of an average per item with the unit of the items (套均, 套), and tolerance is how far
    (a fraction, either way) an amount may be off the product before it is flagged."""

    average_words: tuple[str, ...] = ()
    day_units: tuple[str, ...] = ()
    partial_words: tuple[str, ...] = ()
    price_words: tuple[str, ...] = ()
    amount_words: tuple[str, ...] = ()
    per_item: tuple[tuple[str, str], ...] = ()
    tolerance: float = 0.0
    problem: str = "per-day"
    average_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)
    span_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {**dict.fromkeys(WORD_KEYS, list), "per_item": list, "tolerance": float,
                                "problem": str}, path, lines)
        problem = read_problem(raw, NEEDS, path, lines)
        words = {key: words_of(raw, key, path, lines) for key in WORD_KEYS}
        if problem == "per-day" and not words["day_units"]:
            raise RuleFileError(path, lines.get("params.day_units"), "params.day_units", "must name a unit of days")
        per_item = raw.get("per_item", [])
        if not all(isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) and x for x in pair)
                   for pair in per_item):
            raise RuleFileError(path, lines.get("params.per_item"), "params.per_item",
                                "must be a list of pairs: a word of an average per item and the items' unit (套均, 套)")
        tolerance = raw.get("tolerance", 0.0)
        if not 0.0 <= tolerance < 1.0:
            raise RuleFileError(path, lines.get("params.tolerance"), "params.tolerance",
                                "must be a fraction from 0 up to 1 (how far off the product an amount may be)")
        alternation = "|".join(map(re.escape, words["average_words"])) or "(?!)"
        average_re = re.compile(f"(?:{alternation})[^，,。；;]{{0,{MAX_GAP}}}$")
        span_re = re.compile(f"({NUMERAL})(?:" + ("|".join(map(re.escape, words["day_units"])) or "(?!)") + ")")
        return cls(**words, per_item=tuple((a, b) for a, b in per_item), tolerance=tolerance, problem=problem,
                   average_re=average_re, span_re=span_re)


def check(spec, context) -> list[Finding]:
    """Flag a per-day average that the total before it, divided by the stated days, cannot give (or, problem
    product, an amount that its item's averages times their counts cannot give)."""
    if spec.params.problem == "product":
        return check_products(spec, context)
    findings = []
    for (doc, _), claims in levels_by_sentence(context.index.claims).items():
        document = context.documents.get(doc)
        if document is None:
            # A claim of a document not in this run (a stored claim) has no text to find its span in.
            continue
        ordered = sorted(claims, key=lambda c: c.mention.reading_start)
        for k, average in enumerate(ordered):
            finding = _check_average(spec, document.reading, average, ordered[:k])
            if finding is not None:
                findings.append(finding)
    return findings


def _check_average(spec, reading: str, average: Claim, before: list[Claim]) -> Finding | None:
    """日均880万人次 after 3.56亿人次 in a paragraph that states 共40天: 3.56亿 / 40 = 889万."""
    head = average.sentence[: max(0, average.mention.reading_start - average.sentence_start)]
    if not spec.params.average_re.search(head):
        # Not a per-day figure: nothing to divide.
        return None
    totals = [c for c in before if c.figure.unit == average.figure.unit and c.modality == average.modality
              and not spec.params.average_re.search(c.sentence[: c.mention.reading_start - c.sentence_start])]
    if not totals:
        # The sentence states no total in the same unit before the average: its total is elsewhere, if anywhere.
        return None
    total = totals[-1]
    if any(word in average.sentence for word in spec.params.partial_words):
        # 截至8月20日，累计1.17亿人次，日均228.6万: the total covers part of the span, not the stated days.
        return None
    days = _stated_days(spec, reading, total)
    if days is None:
        return None
    count, span_text = days
    low, high = total.figure.interval.low / count, total.figure.interval.high / count
    stated = average.figure.interval
    if stated.high >= low and stated.low <= high:
        return None
    arithmetic = (f"{total.mention.text} ÷ {count}天 = {format_range(low, high)}"
                  f"（按“{total.mention.text}”的末位取整区间）；文中日均为“{average.mention.text}”")
    why = (f"同一句中“{average.mention.text}”是日均数，其前的“{total.mention.text}”是同一单位的总量，"
           f"天数取自“{span_text}”")
    return make_finding(spec, (total, average), arithmetic=f"{arithmetic}；{why}",
                        stated=average.mention.text, computed=format_number((low + high) / 2),
                        total=total.mention.text, days=str(count))


def _stated_days(spec, reading: str, total: Claim) -> tuple[int, str] | None:
    """The one span of days stated in the total's paragraph before the total (共40天), or None."""
    paragraph_start = reading.rfind("\n", 0, total.sentence_start) + 1
    window = reading[paragraph_start: total.mention.reading_start]
    counts: dict[int, str] = {}
    for match in spec.params.span_re.finditer(window):
        try:
            value = parse_numeral(match.group(1)).value
        except NumeralError:
            # A run of numeral characters that is no number (十十天) states no span.
            continue
        if value == int(value) and value >= 2:
            counts.setdefault(int(value), match.group(0))
    if len(counts) != 1:
        # No span, or several (8天假期 and 前4天): which one the total covers is not certain.
        return None
    return next(iter(counts.items()))
