"""The quantity grammar: find figures in reading text and turn each into an interval Quantity."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from checker.model import Quantity
from checker.extract.numerals import (
    MAGNITUDES,
    Number,
    NumeralError,
    parse_fraction,
    parse_numeral,
    scale,
)

ARABIC = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千]+"
MAGNITUDE = "|".join(sorted(MAGNITUDES, key=len, reverse=True))
BARE_MAGNITUDE = r"万亿|千亿|百亿|十亿|千万|百万|十万|万|亿"
QUALIFIERS = ("approx", "over", "under", "below")
PER_HUNDRED = {"百分之": "%", "千分之": "‰"}
CHINESE_TENTHS = "一二三四五六七八九"
RANGE_JOINERS = r"至|到|~|～|-|—|－|–"


@attrs.frozen
class Hedges:
    """Words before and after a figure, each with the qualifier it gives (rules/lexicon/hedges.yaml)."""

    before: dict[str, str]
    after: dict[str, str]


@attrs.frozen
class QuantityGrammar:
    """Compiled patterns for one unit lexicon and one set of hedges."""

    figure: re.Pattern[str]
    units: tuple[str, ...]
    hedges: Hedges


def load_hedges(path) -> Hedges:
    """Read the hedge lexicon; an unknown section or qualifier names file, line and key."""
    from checker.errors import RuleFileError
    from checker.yamlio import load_yaml_mapping

    raw, lines = load_yaml_mapping(path)
    sections: dict[str, dict[str, str]] = {"before": {}, "after": {}}
    for section, words in raw.items():
        if section not in sections or not isinstance(words, dict):
            raise RuleFileError(str(path), lines.get(str(section)), str(section), "expected 'before' or 'after', a mapping of word -> qualifier")
        for word, qualifier in words.items():
            if qualifier not in QUALIFIERS:
                raise RuleFileError(str(path), lines.get(f"{section}.{word}"), f"{section}.{word}",
                                    f"qualifier must be one of: {', '.join(QUALIFIERS)}")
            sections[section][str(word)] = qualifier
    return Hedges(sections["before"], sections["after"])


def build_grammar(unit_surfaces: list[str], hedges: Hedges) -> QuantityGrammar:
    """Compile the quantity patterns for the given surface units and hedges (longest first)."""
    units = "|".join(re.escape(u) for u in sorted(unit_surfaces, key=len, reverse=True))
    prefix = "|".join(re.escape(w) for w in sorted(hedges.before, key=len, reverse=True))
    suffix = "|".join(re.escape(w) for w in sorted(hedges.after, key=len, reverse=True))
    number = rf"(?:{ARABIC}|{CHINESE})"
    figure = rf"""
    (?P<fraction>(?:(?P<fpre>约)?(?:[0-9]{{1,2}}/[0-9]{{1,2}}(?![0-9])|{CHINESE}分之{CHINESE})))
    |(?P<tenths>(?P<tpre>{prefix})?(?P<tnum>[一二两三四五六七八九])成(?P<tplus>多)?(?P<tpost>{suffix})?)
        (?![都为本员果长功立交型品绩就熟效不])
    |(?P<doubling>翻(?:了)?(?:(?P<times>[一两二三四五六七八九十0-9]+)[番翻]|番))
    |(?P<order>(?:(?P<onum>{ARABIC})?(?P<omag>{MAGNITUDE})(?P<ounit>{units})?级))
    |(?P<range>(?P<rpre>{prefix})?(?P<rlow>{number})(?P<rmag1>{MAGNITUDE})?(?P<runit1>{units})?
        (?:{RANGE_JOINERS})(?P<rhigh>{number})(?P<rmag2>{MAGNITUDE})?(?P<runit2>{units}))
    |(?P<plain>(?P<pre>{prefix})?
        (?:(?P<num>{number})(?P<plus1>余|多|来)?(?P<mag>{MAGNITUDE})?|(?P<baremag>{BARE_MAGNITUDE}))
        (?P<plus2>余|多)?(?P<unit>{units})?(?P<plus3>(?<=倍)多)?(?P<post>{suffix})?)
    """
    return QuantityGrammar(re.compile(figure, re.VERBOSE), tuple(unit_surfaces), hedges)


def find_quantities(reading: str, grammar: QuantityGrammar) -> list[tuple[int, int, Quantity]]:
    """Return (start, end, Quantity) for every figure in the reading text."""
    found: list[tuple[int, int, Quantity]] = []
    for match in grammar.figure.finditer(reading):
        quantity = _quantity_from(match, reading, grammar.hedges)
        if quantity is None:
            continue
        start, end = _trim(match, reading)
        found.append((start, end, quantity))
    return found


def _trim(match: re.Match[str], reading: str) -> tuple[int, int]:
    """Drop a leading 约 that belongs to the clause rather than to a fraction's surface."""
    if match.lastgroup == "fraction" and match.group("fpre"):
        return match.start() + 1, match.end()
    return match.start(), match.end()


def _quantity_from(match: re.Match[str], reading: str, hedges: Hedges) -> Quantity | None:
    """Build the Quantity for one match, or None when the match is not a figure."""
    kind = match.lastgroup
    if _inside_name(match, reading):
        # 问界M9, 5G, A股: digits glued to Latin letters are names, not figures.
        return None
    if kind == "fraction":
        return _fraction(match, reading)
    if kind == "doubling":
        return _doubling(match)
    if kind == "tenths":
        return _tenths(match, hedges)
    if kind == "order":
        return _order(match)
    if kind == "range":
        return _range(match)
    return _plain(match, reading, hedges)


def _inside_name(match: re.Match[str], reading: str) -> bool:
    """True when the match touches Latin letters or continues a longer number."""
    before = reading[match.start() - 1] if match.start() > 0 else ""
    after = reading[match.end()] if match.end() < len(reading) else ""
    glued = bool(before) and (before.isascii() and before.isalnum() or before in "．.·/")
    return glued or bool(after) and (after.isascii() and after.isalpha() or after == "/")


def _fraction(match: re.Match[str], reading: str) -> Quantity | None:
    """五分之一 or 1/5: a share, approximate when the clause says 约为…的."""
    text = match.group("fraction")
    surface = text[1:] if match.group("fpre") else text
    percent = PER_HUNDRED.get(surface[:3])
    if percent:
        # 百分之二十 is 20%, not the fraction 0.2: keep it in the unit it is written in.
        try:
            number = parse_numeral(surface[3:])
        except NumeralError:
            return None
        return _interval(number, percent, "approx" if match.group("fpre") else "exact")
    try:
        value = float(parse_fraction(surface))
    except (NumeralError, ArithmeticError):
        # 3/0 or 分之 with nonsense parts: not a figure.
        return None
    clause = reading[max(0, match.start() - 20):match.start()]
    clause = re.split(r"[，,。；;！？]", clause)[-1]
    approx = match.group("fpre") or re.search(r"约|大约|左右", clause)
    return Quantity(value, None, None, "", "approx" if approx else "exact")


def _doubling(match: re.Match[str]) -> Quantity | None:
    """翻番 = ×2, 翻两番 = ×4, 翻N番 = ×2^N."""
    times = match.group("times")
    try:
        count = int(parse_numeral(times).value) if times else 1
    except NumeralError:
        return None
    if count > 10:
        # 翻N番 beyond ten doublings is not a figure anyone writes.
        return None
    return Quantity(float(2**count), None, None, "倍", "exact")


def _tenths(match: re.Match[str], hedges: Hedges) -> Quantity:
    """六成 is 60%, 超过六成 over 60%, 七成多 70%–80%: shares counted in tenths."""
    number = Number(Decimal(CHINESE_TENTHS.index(match.group("tnum").replace("两", "二")) + 1) * 10, Decimal(10))
    qualifier = _qualifier(hedges, match.group("tpre"), match.group("tpost"), match.group("tplus"))
    return _interval(number, "%", qualifier)


def _order(match: re.Match[str]) -> Quantity:
    """千亿级, 百亿美元级, 7000亿元级: [X, 10X)."""
    base = parse_numeral(match.group("onum")) if match.group("onum") else Number(Decimal(1), Decimal(1))
    value = float(scale(base, match.group("omag")).value)
    return Quantity(value, value, value * 10, match.group("ounit") or "", "order", high_open=True)


def _range(match: re.Match[str]) -> Quantity | None:
    """60%至80%, 50~60%, 2万～5万: [first, second]."""
    unit = match.group("runit2")
    first_unit = match.group("runit1")
    if first_unit and first_unit != unit:
        # 3个月至5年, 20家-30个: mixed units are two figures, not a range.
        return None
    try:
        mag2 = match.group("rmag2")
        low = scale(parse_numeral(match.group("rlow")), match.group("rmag1") or mag2)
        high = scale(parse_numeral(match.group("rhigh")), mag2)
    except NumeralError:
        return None
    if low.value > high.value:
        # 2025-2024: a descending pair is a date or a code, not a range.
        return None
    return Quantity(float(low.value), float(low.value), float(high.value), unit, "range")


def _plain(match: re.Match[str], reading: str, hedges: Hedges) -> Quantity | None:
    """A number with optional qualifiers, magnitude and unit."""
    num, unit, mag = match.group("num"), match.group("unit") or "", match.group("mag")
    plus = match.group("plus1") or match.group("plus2") or match.group("plus3")
    prefix = match.group("pre")
    if num is None:
        number = Number(Decimal(1), Decimal(1))
        mag = match.group("baremag")
        if not ((unit or prefix) and (prefix or "亿" in mag)):
            # 万物, 千万不要, 百万人才: a bare magnitude counts only after 超/近, or as 千亿/万亿 with a unit.
            return None
    else:
        if not (unit or mag or plus):
            # A bare number (2025 in an event name, 33618 in quotes) is a name, not a figure.
            return None
        if not _plausible_numeral(num, match, reading, unit, mag):
            return None
        try:
            number = parse_numeral(num)
        except NumeralError:
            return None
    number = scale(number, mag)
    qualifier = _qualifier(hedges, prefix, match.group("post"), plus)
    return _interval(number, unit, qualifier)


def _plausible_numeral(num: str, match: re.Match[str], reading: str, unit: str, mag: str | None) -> bool:
    """Reject Chinese-numeral look-alikes inside words: 一批, 一个, 第一, 统一, 三一重工."""
    if num[0].isdigit() or "０" <= num[0] <= "９":
        return True
    before = reading[match.start() - 1] if match.start() > 0 else ""
    if before == "第" or before in "星周":
        # 第三, 星期一: ordinals and weekdays are not amounts.
        return False
    if num in {"零", "〇"}:
        # 从零起步: zero alone is a word, not a figure.
        return False
    if num == "一" and not mag:
        # 一个, 一家, 一批: the numeral one with a classifier reads as an article.
        return False
    if num in {"百", "千", "十"} and not match.group("pre"):
        # 百家, 千人, 百万人才, 千万不要 are set phrases; 突破百万辆 (with its qualifier) is a figure.
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


def _interval(number: Number, unit: str, qualifier: str) -> Quantity:
    """Turn a number, its precision step and its qualifier into the interval of DESIGN.md."""
    x, step = number.value, number.step
    bounds: dict[str, tuple[Decimal | None, Decimal | None]] = {
        "exact": (x - step / 2, x + step / 2),
        "approx": (x - step, x + step),
        "over": (x, None),
        "under": (x - step, x),
        "plus": (x, x + step),
        "below": (Decimal(0), x),
    }
    low, high = bounds[qualifier]
    return Quantity(
        float(x),
        None if low is None else float(low),
        None if high is None else float(high),
        unit,
        qualifier,
        high_open=qualifier in {"plus", "under", "below"},
    )
