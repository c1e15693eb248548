"""The quantity grammar: find figures in reading text and turn each into an interval Quantity."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from checker.extract.figure_words import FigureWords, alternation, load_figure_words
from checker.extract.hedges import Hedges
from checker.extract.numerals import (
    BIG_UNITS,
    CHINESE_DIGITS,
    DECIMAL_DIGITS,
    DECIMAL_POINT,
    FORMAL_DIGITS,
    FRACTION_MARK,
    MAGNITUDES,
    OLD_TENS,
    SMALL_UNITS,
    ZEROS,
    Number,
    NumeralError,
    parse_fraction,
    parse_numeral,
)
from checker.extract.units import UnitLexicon
from checker.model import INF, Interval, Quantity

# Groups of three digits split by a space or a thin space (472 416人, 12\u2009345) are one number, only
# where no other number is next to it: the first group is 1-3 digits and starts a run (not after a digit,
# or after a digit and a space: 2019 123 is a year and a number), every later group is exactly 3 digits.
GROUP_SPACE = r"[\x20\u2009\u202f]"
SPACED_ARABIC = rf"(?<![0-9０-９])(?<![0-9０-９]{GROUP_SPACE})[0-9]{{1,3}}(?:{GROUP_SPACE}[0-9]{{3}})+(?![0-9０-９])"
ARABIC = rf"(?:{SPACED_ARABIC}|[0-9０-９]+(?:,[0-9]{{3}}(?![0-9]))*)(?:[.．][0-9０-９]+)?"
# The characters of the one numeral reader's tables (checker/extract/numerals.py), as the grammar's classes.
PAIR_DIGITS = "".join(digit for digit, value in CHINESE_DIGITS.items() if value)  # 一二两三四五六七八九
SMALL_PLACES = "".join(SMALL_UNITS)  # 十百千
TEN = next(word for word, value in SMALL_UNITS.items() if value == 10)  # 十: 十几 and 翻十番
HIGH_PLACES = "".join(word for word, value in {**SMALL_UNITS, **BIG_UNITS}.items() if value > 10)  # 百千万亿: 上万
ONE_TO_NINE = "".join(digit for digit in DECIMAL_DIGITS if CHINESE_DIGITS[digit])  # 一 … 九, no 两: 八五折, 三点五成
BIG_PLACES = "".join(BIG_UNITS)  # 万亿
TEN_THOUSAND = next(word for word, value in BIG_UNITS.items() if value == 10**4)  # 万: 万分之三
CN_CHARS = ZEROS + PAIR_DIGITS + SMALL_PLACES + "".join(OLD_TENS)  # 零〇一二两三四五六七八九十百千廿卅
CHINESE = rf"[{CN_CHARS}]+"
# Formal numerals only as a run of two or more (壹佰贰拾万): 陆 alone is land (陆家嘴), 伍 a surname.
FORMAL_RUN = rf"[{FORMAL_DIGITS}][{FORMAL_DIGITS}{ZEROS}{BIG_PLACES}]+"
NUMERAL_CHARS = CN_CHARS + BIG_PLACES
# One number with inner magnitudes: 一万五千, 两万五, 一万零五百, 3亿4千5, 5万3230.99 (then 亿).
COMPOUND = (
    rf"[{CN_CHARS}]+(?:[{BIG_PLACES}]+[{CN_CHARS}]+)+"
    rf"|[0-9０-９]+(?:[{SMALL_PLACES}{BIG_PLACES}]+[0-9０-９]{{1,4}})+(?:[.．][0-9０-９]+)?(?![0-9０-９])"
)
CHINESE_DECIMAL = rf"[{CN_CHARS}]+(?:{DECIMAL_POINT}[{DECIMAL_DIGITS}]+)?"
SPACE = "[ \u3000]?"  # a stray space inside 万 亿级 (PDF text) is no word break
MAGNITUDE = "|".join(SPACE.join(map(re.escape, word)) for word in sorted(MAGNITUDES, key=len, reverse=True))
# A magnitude standing alone (突破百万辆, 千亿级): any but a place word (千), longest first.
BARE_MAGNITUDE = "|".join(sorted((word for word in MAGNITUDES if word not in SMALL_UNITS), key=len, reverse=True))
ARABIC_DIGITS = "0123456789０１２３４５６７８９"


@attrs.frozen
class QuantityGrammar:
    """Compiled patterns for one unit lexicon and one set of hedges."""

    figure: re.Pattern[str]
    units: tuple[str, ...]
    hedges: Hedges
    words: FigureWords  # the words of a figure's forms: 余/多/来, 成, 折, 翻番, 级, 数十, 上万
    canonical: dict[str, str] = attrs.field(factory=dict)  # surface -> the unit it is reported as
    rates: frozenset[str] = frozenset()  # units precise to their last written digit
    variants: dict[int, str] = attrs.field(factory=dict)  # str.translate table: 萬 -> 万, one character each


def build_grammar(
    units: UnitLexicon | Iterable[str], hedges: Hedges, variants: Mapping[str, str] | None = None,
    words: FigureWords | None = None,
) -> QuantityGrammar:
    """Compile the quantity patterns for a unit lexicon (or bare surface units), hedges and figure words (default:
    the shipped rules/lexicon/figures.yaml), longest first.

    The figure pattern is guarded by a lookahead on the characters a figure can start with, so the
    scan passes over the other characters (most of a text) after one set test, not after trying
    every alternative: the same matches, about three times faster on real text.
    """
    lexicon = units if isinstance(units, UnitLexicon) else UnitLexicon({surface: surface for surface in units})
    words = words or load_figure_words()
    guarded = f"(?=[{figure_first_chars(hedges, words)}])(?:{figure_pattern(lexicon, hedges, words)})"
    return QuantityGrammar(re.compile(guarded, re.VERBOSE), tuple(lexicon.ordered()), hedges, words,
                           dict(lexicon.canonical), lexicon.rates, str.maketrans(dict(variants or {})))


def figure_first_chars(hedges: Hedges, words: FigureWords) -> str:
    """Return a character-class body of every character a figure can start with."""
    starts = set(ARABIC_DIGITS + NUMERAL_CHARS + FORMAL_DIGITS)
    # 约1/3 (a fraction's own hedge), 翻番, 数十亿元, 几十家, 上万人
    openers = (*words.fraction_hedges, *words.doubling_verbs, *words.vague_digits, *words.reaching)
    starts |= {word[0] for word in openers}
    starts |= {word[0] for word in hedges.before} | {sign[0] for sign in hedges.negative}
    return "".join(re.escape(char) for char in sorted(starts))


def figure_pattern(lexicon: UnitLexicon, hedges: Hedges, words: FigureWords | None = None) -> str:
    """Return the verbose pattern of one figure (every alternative, without the first-character guard)."""
    surfaces = lexicon.ordered()
    unit = "|".join(re.escape(u) for u in surfaces if u not in lexicon.per_only)
    per_unit = "|".join(re.escape(u) for u in surfaces)
    prefix = "|".join(
        (f"(?<![{re.escape(hedges.not_after[w])}])" if w in hedges.not_after else "") + re.escape(w)
        for w in sorted(hedges.before, key=len, reverse=True)
    )
    suffix = "|".join(re.escape(w) for w in sorted(hedges.after, key=len, reverse=True))
    sign = "|".join(
        (re.escape(s) if not s.isascii() else rf"(?<![0-9A-Za-z]){re.escape(s)}") for s in hedges.negative
    ) or "(?!)"
    number = rf"(?:{ARABIC}|{CHINESE_DECIMAL}|{FORMAL_RUN})"
    # a magnitude never starts a unit: 5千克 is 5 + 千克, not 5千 + 克
    magnitude = rf"(?!(?:{unit}))(?:{MAGNITUDE})"
    w = words or load_figure_words()
    plus, times_plus = alternation(w.plus), alternation(w.times_plus)
    # a compound is one number only where a unit follows: 三万千瓦 is 三万 + 千瓦, not 三万千 + 瓦
    compound = rf"(?:{COMPOUND})(?=(?:{plus})?(?:{MAGNITUDE})?(?:{unit}))"
    doubling = alternation(w.doubling_verbs)
    figure = rf"""
    (?P<fraction>(?:(?P<fpre>{alternation(w.fraction_hedges)})?(?:[0-9]{{1,2}}/[0-9]{{1,2}}(?![0-9])
        |(?P<ppre>{prefix})?(?P<psign>{sign})?(?P<per>{alternation(tuple(w.per_parts))})(?P<pnum>{ARABIC}|{CHINESE_DECIMAL})
        |[{CN_CHARS}{TEN_THOUSAND}]+{FRACTION_MARK}{CHINESE})))
    |(?P<tenths>(?P<tpre>{prefix})?(?P<tnum>[{PAIR_DIGITS}](?:{DECIMAL_POINT}[{ONE_TO_NINE}])?
        |(?<![0-9.])[0-9](?:\.[0-9])?)(?:{alternation(w.tenths)})(?P<thalf>{alternation(w.tenths_half)})?
        (?P<tplus>{alternation(w.tenths_plus)})?(?P<tpost>{suffix})?)(?![{re.escape(w.tenths_not_before)}])
    |(?P<discount>(?P<dnum>[{ONE_TO_NINE}]{{1,2}}|(?<![0-9.])[1-9](?:\.[0-9])?)(?:{alternation(w.discount)})
        (?![{re.escape(w.discount_not_before)}]))
    |(?P<doubling>(?:{doubling})(?:{alternation(w.verb_particles)})?
        (?:(?P<times>[{PAIR_DIGITS}{TEN}0-9]+)(?:{alternation(w.doubling_count_marks)})|(?:{alternation(w.doubling_marks)})))
    |(?P<order>(?:(?P<onum>{ARABIC})?(?P<omag>{MAGNITUDE})(?P<ounit>{unit})?(?:{alternation(w.order_marks)})))
    |(?P<vague>(?P<vpre>{prefix})?(?:(?P<vsome>{alternation(w.vague_digits)})(?P<vplace>[{SMALL_PLACES}])
        |(?P<vteens>{TEN})(?:{alternation(w.teens_vague)})|(?:{alternation(w.reaching)})(?P<vup>[{HIGH_PLACES}]))
        (?P<vmag>{magnitude})?(?P<vunit>{unit}))
    |(?P<pair>(?P<papre>{prefix})?(?P<pa>[{PAIR_DIGITS}])(?P<pb>[{PAIR_DIGITS}])(?P<pplace>[{SMALL_PLACES}])?
        (?P<pmag>{magnitude})?(?P<punit>{unit}))
    |(?P<range>(?P<rpre>{prefix})?(?P<rlow>{number})(?P<rmag1>{MAGNITUDE})?(?P<runit1>{unit})?
        (?:{alternation(w.range_joiners)})(?P<rhigh>{number})(?P<rmag2>{MAGNITUDE})?(?P<runit2>{unit}))
    |(?P<plain>(?P<pre>{prefix})?(?P<sign>{sign})?
        (?:(?P<num>{compound}|{number})(?P<plus1>{alternation(w.plus + w.round_plus)})?(?P<mag>{magnitude})?
        |(?P<baremag>{BARE_MAGNITUDE}))
        (?P<plus2>{plus})?(?:(?P<unit>{unit})(?:[/／](?P<per_unit>{per_unit}))?)?
        (?P<plus3>(?<={re.escape(w.times_unit)})(?:{times_plus}))?(?P<post>{suffix})?)
    """
    return figure


def find_quantities(reading: str, grammar: QuantityGrammar) -> list[tuple[int, int, Quantity]]:
    """Return (start, end, Quantity) for every figure in the reading text (variant characters read as simplified)."""
    found: list[tuple[int, int, Quantity]] = []
    if grammar.variants:
        reading = reading.translate(grammar.variants)  # one character for one: spans stay those of the text
    position = 0
    while (match := grammar.figure.search(reading, position)) is not None:
        quantity = _quantity_from(match, reading, grammar)
        if quantity is None or not _finite(quantity):
            # Not a figure here (三一重工, a 400-digit run): look again one character on, so
            # 超过百分之二十 still finds 百分之二十 after 超过百 was refused.
            position = _past_numeral_run(reading, match.start() + 1)
            continue
        start, end = _trim(match, reading)
        if quantity.unit in grammar.canonical:
            quantity = attrs.evolve(quantity, unit=grammar.canonical[quantity.unit])  # 人民币 is reported as 元
        found.append((start, end, quantity))
        position = match.end()
    return found


def _past_numeral_run(reading: str, position: int) -> int:
    """Skip characters that continue the numeral before them: no figure starts there (see _inside_name)."""
    while position < len(reading) and _continues(reading[position - 1], reading[position]):
        position += 1
    return position


def _continues(before: str, char: str) -> bool:
    """True when `char` carries on the numeral `before` ends (5000 digits long, 亿 after 1000)."""
    if char.isdigit():
        return before.isdigit()
    return char in NUMERAL_CHARS and (before in NUMERAL_CHARS or before.isdigit())


def _finite(quantity: Quantity) -> bool:
    """True when every number of a quantity is a float (a figure too large for one is no figure)."""
    interval = quantity.interval
    open_high = quantity.qualifier == "over" and interval.high == INF
    return math.isfinite(quantity.value) and math.isfinite(interval.low) and (open_high or math.isfinite(interval.high))


def _trim(match: re.Match[str], reading: str) -> tuple[int, int]:
    """Drop a leading 约 that belongs to the clause rather than to a fraction's surface."""
    if match.lastgroup == "fraction" and match.group("fpre"):
        return match.start() + len(match.group("fpre")), match.end()
    return match.start(), match.end()


def _quantity_from(match: re.Match[str], reading: str, grammar: QuantityGrammar) -> Quantity | None:
    """Build the Quantity for one match, or None when the match is not a figure."""
    kind, hedges = match.lastgroup, grammar.hedges
    if kind == "plain" and match.end("num") == match.end():
        # A bare number (2024 before 年, 33618 in quotes): the most common match, refused before any other test.
        return None
    if _inside_name(match, reading):
        # 问界M9, 5G, A股: digits glued to Latin letters are names, not figures.
        return None
    if kind == "fraction":
        return _fraction(match, reading, grammar)
    if kind == "doubling":
        return _doubling(match, grammar.words)
    try:
        if kind == "tenths":
            return _tenths(match, hedges)
        if kind == "order":
            return _order(match)
        if kind == "range":
            return _range(match)
        if kind == "pair":
            return _pair(match)
        if kind == "vague":
            return _vague(match, hedges)
        if kind == "discount":
            return _discount(match)
        return _plain(match, reading, grammar)
    except (NumeralError, ArithmeticError):
        # 十十成, 3.2.1亿, a digit run beyond any float: not a figure.
        return None


def _inside_name(match: re.Match[str], reading: str) -> bool:
    """True when the match touches Latin letters or continues a longer number (its tail is no figure)."""
    before = reading[match.start() - 1] if match.start() > 0 else ""
    after = reading[match.end()] if match.end() < len(reading) else ""
    first = reading[match.start()]
    glued = bool(before) and (before.isascii() and before.isalnum() or before in "．.·/")
    if before == "/" and match.start() >= 2 and _written_unit(reading[match.start() - 2]):
        glued = False  # 930套/76458.66㎡: a slash after a figure's unit parts two figures
    if before in ":：" and match.start() >= 2 and reading[match.start() - 2].isdigit():
        glued = True  # 20:43:04: the seconds of a clock time, not a figure
    if before and first.isdigit():
        # the tail of a longer digit run (full-width ones included) is no number of its own
        glued = glued or before.isdigit()
    elif before and first in NUMERAL_CHARS:
        # 三一, 第一百二十, 1000亿 after a refused digit run: a numeral never starts inside another one
        glued = before in NUMERAL_CHARS or before.isdigit()
    parted = after == "/" and _written_unit(reading[match.end() - 1]) and reading[match.end() + 1:][:1].isdigit()
    return glued or bool(after) and (after.isascii() and after.isalpha() or after == "/" and not parted)


def _written_unit(char: str) -> bool:
    """True when a character can end a written unit (套, ㎡): neither a digit nor an ASCII letter or mark."""
    return not char.isascii() and not char.isdigit()


def _fraction(match: re.Match[str], reading: str, grammar: QuantityGrammar) -> Quantity | None:
    """五分之一 or 1/5: a share, approximate when the clause says 约为…的."""
    text, hedges, words = match.group("fraction"), grammar.hedges, grammar.words
    surface = text[len(match.group("fpre") or ""):]
    if match.group("per"):
        # 百分之二十 is 20%, not the fraction 0.2: keep it in the unit it is written in.
        try:
            number = parse_numeral(match.group("pnum"))
        except NumeralError:
            return None
        if match.group("psign"):
            number = Number(-number.value, number.step, number.written)  # 负百分之三 = -3%
        qualifier = "approx" if match.group("fpre") else "exact"
        if match.group("ppre"):
            qualifier = hedges.before[match.group("ppre")]  # 不足百分之五 = below 5%, 超过百分之二十 = over 20%
        return _interval(number, words.per_parts[match.group("per")], qualifier, rate=True)
    try:
        value = float(parse_fraction(surface))
    except (NumeralError, ArithmeticError):
        # 3/0 or 分之 with nonsense parts: not a figure.
        return None
    clause = reading[max(0, match.start() - 20):match.start()]
    clause = re.split(r"[，,。；;！？]", clause)[-1]
    approx = match.group("fpre") or any(word in clause for word in words.fraction_approx)
    return Quantity.point(value, "", "approx" if approx else "exact")


def _doubling(match: re.Match[str], words: FigureWords) -> Quantity | None:
    """翻番 = ×2, 翻两番 = ×4, 翻N番 = ×2^N."""
    times = match.group("times")
    try:
        count = int(parse_numeral(times).value) if times else 1
    except NumeralError:
        return None
    if count > 10:
        # 翻N番 beyond ten doublings is not a figure anyone writes.
        return None
    return Quantity.point(float(2**count), words.times_unit)


def _tenths(match: re.Match[str], hedges: Hedges) -> Quantity:
    """六成 is 60%, 9.5成 95%, 三点五成 35%, 两成半 25%, 超过六成 over 60%, 七成多 70%–80%: shares in tenths."""
    tenths = parse_numeral(match.group("tnum"))
    number = Number(tenths.value * 10, tenths.step * 10, tenths.written * 10)
    if match.group("thalf"):
        half = Decimal(5)  # 两成半 = 25%, precise to the half tenth it states
        number = Number(number.value + half, half, half)
    qualifier = _qualifier(hedges, match.group("tpre"), match.group("tpost"), match.group("tplus"))
    return _interval(number, "%", qualifier, rate=True)


def _order(match: re.Match[str]) -> Quantity:
    """千亿级, 百亿美元级, 7000亿元级, 万 亿级: [X, 10X)."""
    value = float(parse_numeral((match.group("onum") or "") + _magnitude(match.group("omag"))).value)
    return Quantity(value, Interval(value, value * 10), match.group("ounit") or "", "order", high_open=True)


def _magnitude(written: str | None) -> str:
    """Return a magnitude word as written, without a stray space (万 亿 -> 万亿); '' for none."""
    return "".join((written or "").split())


def _range(match: re.Match[str]) -> Quantity | None:
    """60%至80%, 50~60%, 2万～5万: [first, second]."""
    unit = match.group("runit2")
    first_unit = match.group("runit1")
    if first_unit and first_unit != unit:
        # 3个月至5年, 20家-30个: mixed units are two figures, not a range.
        return None
    try:
        mag2 = _magnitude(match.group("rmag2"))
        low = parse_numeral(match.group("rlow") + (_magnitude(match.group("rmag1")) or mag2))
        high = parse_numeral(match.group("rhigh") + mag2)
    except NumeralError:
        return None
    if low.value > high.value:
        # 2025-2024: a descending pair is a date or a code, not a range.
        return None
    return Quantity(float(low.value), Interval(float(low.value), float(high.value)), unit, "range")


def _discount(match: re.Match[str]) -> Quantity:
    """八折 is 80% of the price, 八五折 85%, 7.5折 75%: a share in tenths, precise to its last digit."""
    written = match.group("dnum")
    if written.isascii():
        number = parse_numeral(written)
        tenths = Number(number.value * 10, number.written * 10, number.written * 10)
    else:
        digits = [CHINESE_DIGITS[char] for char in written]
        value = Decimal(digits[0] * 10 + (digits[1] if len(digits) > 1 else 0))
        step = Decimal(1 if len(digits) > 1 else 10)
        tenths = Number(value, step, step)
    return _interval(tenths, "%", "exact", rate=True)


def _vague(match: re.Match[str], hedges: Hedges) -> Quantity:
    """数十亿元 and 几十家 are [X, 10X) (an order), 十几万人 [10万, 20万], 上万人 at least 10,000."""
    scale = Decimal(MAGNITUDES.get(_magnitude(match.group("vmag")), 1))
    unit = match.group("vunit")
    if match.group("vsome"):
        value = float(SMALL_UNITS[match.group("vplace")] * scale)
        return Quantity(value, Interval(value, value * 10), unit, "order", high_open=True)
    if match.group("vteens"):
        ten = Number(10 * scale, 10 * scale)  # 十几: eleven to nineteen of the magnitude
        qualifier = hedges.before[match.group("vpre")] if match.group("vpre") else "plus"
        return _interval(ten, unit, qualifier)
    value = float(parse_numeral(match.group("vup")).value * scale)
    return Quantity(value, Interval(value, INF), unit, "over")  # 上万: reaching ten thousand and more


def _pair(match: re.Match[str]) -> Quantity | None:
    """两三千元, 三五万元, 七八十万人: two neighbouring digits before a place, a magnitude and a unit, a range."""
    low, high = CHINESE_DIGITS[match.group("pa")], CHINESE_DIGITS[match.group("pb")]
    if not 0 < high - low <= 2:
        # 三三, 五三, 一九: not two neighbouring counts; 三五 (3 to 5) is the widest such pair.
        return None
    scale = SMALL_UNITS.get(match.group("pplace") or "", 1) * MAGNITUDES.get(_magnitude(match.group("pmag")), 1)
    return Quantity(float(low * scale), Interval(float(low * scale), float(high * scale)),
                    match.group("punit"), "range")


def _plain(match: re.Match[str], reading: str, grammar: QuantityGrammar) -> Quantity | None:
    """A number with optional sign, qualifiers, magnitude and unit."""
    num, unit, mag = match.group("num"), match.group("unit") or "", _magnitude(match.group("mag"))
    plus = match.group("plus1") or match.group("plus2") or match.group("plus3")
    prefix, sign = match.group("pre"), match.group("sign")
    if num is None:
        mag = match.group("baremag")
        if sign or not ((unit or prefix) and (prefix or MAGNITUDES[mag] >= max(BIG_UNITS.values()) or plus)):
            # 万物, 千万不要, 百万人才: a bare magnitude counts only after 超/近, before 余 (万余人),
            # or as 千亿/万亿 with a unit.
            return None
        number = parse_numeral(mag)
    else:
        if not (unit or mag or plus) or plus in grammar.words.round_plus and not (unit or mag):
            # A bare number (2025 in an event name, 33618 in quotes) is a name, not a figure;
            # 来 marks an approximate count only before a unit (30来家), 04来源 is no figure.
            return None
        if sign and not num[0].isdigit() and unit not in grammar.rates:
            # 负 before a Chinese count (胜负三场) is a word, not a sign; before a rate (负零点五%) it is one.
            return None
        if not _plausible_numeral(num, match, reading, unit, mag, grammar):
            return None
        # one reading of number and magnitude together: 3亿4千5 + 百万, 5万3230.99 + 亿
        number = parse_numeral(num + mag)
    if sign:
        number = Number(-number.value, number.step, number.written)
    qualifier = _qualifier(grammar.hedges, prefix, match.group("post"), plus)
    rate = unit in grammar.rates
    per_unit = match.group("per_unit")
    if per_unit:
        # 3500元/吨: a price per unit, written as the two units it relates.
        unit = f"{grammar.canonical.get(unit, unit)}/{grammar.canonical.get(per_unit, per_unit)}"
    return _interval(number, unit, qualifier, rate=rate)


def _plausible_numeral(
    num: str, match: re.Match[str], reading: str, unit: str, mag: str | None, grammar: QuantityGrammar
) -> bool:
    """Reject Chinese-numeral look-alikes inside words: 一批, 一个, 第一, 统一, 三一重工."""
    if num[0].isdigit() or "０" <= num[0] <= "９":
        return True
    start = match.start("num")
    before = reading[start - 1] if start > 0 else ""
    if before and before in grammar.words.numeral_not_after:
        # 第三, 星期一: ordinals and weekdays are not amounts.
        return False
    if num in set(ZEROS):
        # 从零起步: zero alone is a word, not a figure.
        return False
    if len(num) > 1 and all(char in PAIR_DIGITS for char in num):
        # 五三元, 一二三: digits in a row without a place are no amount (两三千元 is read as a pair).
        return False
    if CHINESE_DIGITS.get(num) == 1 and not mag and unit not in grammar.rates:
        # 一个, 一家, 一批: the numeral one with a classifier reads as an article (增长一倍, 一个百分点 are figures).
        return False
    if num in SMALL_UNITS and not (match.group("pre") or match.group("plus1") or match.group("plus2")):
        # 百家, 千人, 百万人才, 千万不要 are set phrases; 突破百万辆 and 千余家 (with a qualifier) are figures.
        return False
    return bool(unit or mag)


def _qualifier(hedges: Hedges, prefix: str | None, post: str | None, plus: str | bool | None) -> str:
    """Combine the words around a number into one qualifier."""
    if prefix:
        return hedges.before[prefix]
    if post and post in hedges.after:
        return hedges.after[post]
    if plus:
        return "plus"
    return "exact"


# qualifier -> the interval's ends in steps from the number: exact ±½, approx ±1, over [x, ∞), under [x − 1, x],
# plus [x, x + 1]; below is [0, x] (DESIGN.md, "Quantities: values are intervals")
_BOUNDS: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "exact": (Decimal("-0.5"), Decimal("0.5")),
    "approx": (Decimal(-1), Decimal(1)),
    "over": (Decimal(0), None),
    "under": (Decimal(-1), Decimal(0)),
    "plus": (Decimal(0), Decimal(1)),
}


def _interval(number: Number, unit: str, qualifier: str, rate: bool = False) -> Quantity:
    """Turn a number, its precision step and its qualifier into the interval of DESIGN.md.

    A rate or multiple (20%, 10倍) is precise to its last written digit; after 多/余 (20多倍) and for
    levels (2万) the step is the order of the last non-zero digit.
    """
    x = number.value
    step = number.written if rate and qualifier != "plus" else number.step
    low: Decimal | None
    high: Decimal | None
    if qualifier == "below":
        low, high = Decimal(0), x  # 不到1000人: anything from nothing up to the number
    else:
        # the ends as multiples of the step around x; None is an open end (only the needed pair is computed)
        below, above = _BOUNDS[qualifier]
        low = None if below is None else x + step * below
        high = None if above is None else x + step * above
    return Quantity(
        float(x),
        Interval(-INF if low is None else float(low), INF if high is None else float(high)),
        unit,
        qualifier,
        high_open=qualifier in {"plus", "under", "below"},
    )
