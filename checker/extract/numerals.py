"""The one numeral reader: Arabic, full-width, Chinese and mixed numerals, parsed to a value and its precision.

Every numeral in hedui (quantities, periods, rule kinds) is read here. A numeral is read as a list of
tokens — Arabic runs (1,250 / 95.3), Chinese digits (一 … 九, 两, 零/〇) and place words (十百千万亿) —
combined section by section, the way the numerals are spoken: 三亿四千五百万 = 3·10⁸ + 4500·10⁴,
5万3230.99亿 = (5·10⁴ + 3230.99)·10⁸, and a bare digit right after a place word stands one place lower
(两万五 = 25000, 一百二 = 120, but 一万零五 = 10005).
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

import attrs

FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
# Financial (大写) numerals of amounts (壹佰贰拾万元) read as the everyday ones; 廿 and 卅 are twenty, thirty.
FORMAL_DIGITS = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"
FORMAL = str.maketrans(FORMAL_DIGITS, "一二二三三四五六六七八九十百千")
OLD_TENS = {"廿": "二十", "卅": "三十"}

CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
ZEROS = "零〇"
DECIMAL_POINT = "点"
DECIMAL_DIGITS = "零〇一二三四五六七八九"  # the digits written after 点 (一百二十点五): 两 is never one of them
FRACTION_MARK = "分之"  # between a fraction's denominator and numerator: 三分之二, 万分之三
MAX_DIGITS = 300  # a float holds about 1.8e308: longer digit runs are not figures

# Magnitude words as written after a number: 95.3万, 1.2万亿, 8000亿, 千亿级.
MAGNITUDES = {
    "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8,
    "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "千": 10**3,
}

_MAGNITUDES_LONGEST = sorted(MAGNITUDES, key=len, reverse=True)
# 472 416 or 12\u2009345.6: a number whose groups of three digits are split by one space or thin space.
_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u2009\u202f][0-9]{3})+(?![0-9])")
_GROUP_SPACE = re.compile(r"[ \u2009\u202f]")
_TOKEN = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?|.", re.DOTALL)


@attrs.frozen
class Number:
    """A parsed numeral: its value, the unit of its last non-zero digit, and the unit of its last written digit."""

    value: Decimal
    step: Decimal  # 1200 -> 100; 95.3 -> 0.1 (a decimal's last digit counts even when zero)
    written: Decimal = attrs.field()  # 1200 -> 1; 20 -> 1; 二十 -> 10 (no zero is written)

    @written.default
    def _same_as_step(self) -> Decimal:
        return self.step


class NumeralError(ValueError):
    """A string that is not a numeral this module understands."""


def normalize_digits(text: str) -> str:
    """Turn full-width digits and separators into ASCII ones, and formal numerals (壹佰, 廿) into plain ones."""
    if text.isascii():
        return text  # 1,250 or 95.3: nothing to turn (the commonest case, read per token)
    plain = text.translate(FULLWIDTH).translate(FORMAL)
    for old, new in OLD_TENS.items():
        plain = plain.replace(old, new)
    return plain


def integer_step(value: Decimal) -> Decimal:
    """Return the place value of the last non-zero digit of an integer (1200 -> 100)."""
    number = int(value)
    if number == 0:
        # Zero states no precision beyond its own digit.
        return Decimal(1)
    step = 1
    while number % 10 == 0:
        number //= 10
        step *= 10
    return Decimal(step)


def parse_arabic(text: str) -> Number:
    """Parse '1,250', '95.3' or '１２' to a Number whose step is its last digit's unit."""
    plain = normalize_digits(text).replace(",", "")
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", plain):
        raise NumeralError(f"not a number: {text!r}")
    if len(plain) > MAX_DIGITS:
        # Beyond any float (and any figure a newsroom writes): refuse rather than overflow later.
        raise NumeralError(f"too many digits: {text[:20]!r}…")
    value = Decimal(plain)
    if "." in plain:
        decimals = Decimal(1).scaleb(-len(plain.split(".", 1)[1]))
        return Number(value, decimals, decimals)
    return Number(value, integer_step(value), Decimal(1))


def parse_chinese(text: str) -> Number:
    """Parse a Chinese numeral such as 二十, 两万五, 一万亿, 一千零五十, 一百二十点五 or 二〇二四."""
    return parse_numeral(text)


@functools.lru_cache(maxsize=8192)
def parse_numeral(text: str) -> Number:
    """Parse any numeral hedui reads (95.3, 1,250, 二十, 1.2万亿, 3亿4千5百万, 百二十点五) to a Number.

    Cached: a text repeats its numerals (years, 万, 5.6) and a Number is a frozen value.
    """
    plain = normalize_digits(text).strip()
    if grouped := _GROUPED.match(plain):
        # 472 416, 1 000万: groups of three digits split by a (thin) space are one number
        plain = _GROUP_SPACE.sub("", grouped.group()) + plain[grouped.end():]
    if not plain:
        raise NumeralError("empty numeral")
    if DECIMAL_POINT in plain:
        return _parse_chinese_decimal(plain)
    if len(plain) > 1 and all(ch in CHINESE_DIGITS for ch in plain):
        # A digit-by-digit string (二〇二四) reads positionally.
        value = Decimal("".join(str(CHINESE_DIGITS[ch]) for ch in plain))
        return Number(value, integer_step(value))
    return _combine(_tokens(plain), text)


def _parse_chinese_decimal(plain: str) -> Number:
    """Parse 一百二十点五, 零点五 or 三点二万: a Chinese integer part, 点, digits read one by one, a magnitude."""
    whole, _, fraction = plain.partition(DECIMAL_POINT)
    magnitude = next((word for word in _MAGNITUDES_LONGEST if fraction.endswith(word)), None)
    fraction = fraction.removesuffix(magnitude or "")
    if not fraction or any(ch not in CHINESE_DIGITS for ch in fraction):
        raise NumeralError(f"not a decimal numeral: {plain!r}")
    integer = parse_numeral(whole).value if whole else Decimal(0)
    digits = "".join(str(CHINESE_DIGITS[ch]) for ch in fraction)
    step = Decimal(1).scaleb(-len(digits))
    return scale(Number(integer + Decimal("0." + digits), step, step), magnitude)


def _tokens(plain: str) -> list[str]:
    """Split a numeral into Arabic runs and single characters, refusing anything else."""
    tokens = _TOKEN.findall(plain)
    for token in tokens:
        if not (token[0].isdigit() or token in CHINESE_DIGITS or token in SMALL_UNITS or token in BIG_UNITS):
            raise NumeralError(f"not a numeral: {plain!r}")
    return tokens


@attrs.define
class _Reading:
    """The running state of a section-by-section reading (mutable, private to _combine)."""

    total: Decimal = Decimal(0)  # everything closed by 万 or 亿
    section: Decimal = Decimal(0)  # the current section below 万
    pending: Decimal | None = None  # a number not yet given a place
    pending_token: str = ""
    last_place: int = 0  # the place word just read (0 when the previous token was not one)
    small_limit: int = 10**4  # small places must fall within a section: 千 before 百 before 十
    zero: bool = False  # a 零 since the last place word
    trailing: Decimal = Decimal(1)  # places applied after the last number token (for its step)


def _combine(tokens: list[str], text: str) -> Number:
    """Combine numbers and place words into one value, with the steps of its last stated digit."""
    state = _Reading()
    for token in tokens:
        if token in ZEROS:
            state.zero = True
            state.last_place = 0
        elif token[0].isdigit() or token in CHINESE_DIGITS:
            _read_number(state, token, text)
        elif token in SMALL_UNITS:
            _read_small(state, SMALL_UNITS[token], text)
        else:
            _read_big(state, BIG_UNITS[token])
    return _finish(state, tokens, text)


def _read_number(state: _Reading, token: str, text: str) -> None:
    """Hold a number (3230.99, 五) until a place word or the end gives it its place."""
    if state.pending is not None:
        # 一二 or 3 4: two numbers in a row without a place word between them.
        raise NumeralError(f"not a numeral: {text!r}")
    state.pending = parse_arabic(token).value if token[0].isdigit() else Decimal(CHINESE_DIGITS[token])
    state.pending_token = token
    state.trailing = Decimal(1)
    if state.zero:
        # 一万零五: the zero fills the places between, so 五 keeps its own place.
        state.last_place = 0


def _read_small(state: _Reading, place: int, text: str) -> None:
    """Apply 十, 百 or 千 to the pending number (一 when none is written)."""
    if place >= state.small_limit:
        # 十十, 百千: small places run downwards within a section.
        raise NumeralError(f"not a numeral: {text!r}")
    state.section += (state.pending if state.pending is not None else Decimal(1)) * place
    state.trailing = Decimal(place) if state.pending is not None else state.trailing * place
    state.pending, state.small_limit, state.last_place, state.zero = None, place, place, False


def _read_big(state: _Reading, place: int) -> None:
    """Apply 万 or 亿 to what has been read so far; 万 after 亿 scales only its own section."""
    section = state.section + (state.pending or 0)
    if state.pending is not None:
        state.trailing = Decimal(1)
    if place == 10**4 and state.total >= 10**8:
        # 3亿4千5百万: the 万 belongs to the section after 亿, not to the 亿 part.
        state.total += section * place
    else:
        if section == 0 and state.total == 0:
            # A bare place word (万 in 万亿) stands for one of it.
            section = Decimal(1)
        state.total = (state.total + section) * place
    state.trailing *= place
    state.section, state.pending, state.small_limit = Decimal(0), None, 10**4
    state.last_place, state.zero = place, False


def _finish(state: _Reading, tokens: list[str], text: str) -> Number:
    """Close the reading: place a trailing digit (两万五 = 25000) and work out the steps."""
    tail = Decimal(0)
    last_token = state.pending_token
    if state.pending is not None:
        tail = state.pending
        abbreviated = state.last_place > 10 and len(last_token) == 1
        # 两万五, 一百二: a lone digit right after a place word stands one place lower.
        state.trailing = Decimal(state.last_place // 10) if abbreviated else Decimal(1)
        tail *= state.trailing
    value = state.total + state.section + tail
    decimals = next((len(t.split(".", 1)[1]) for t in reversed(tokens) if "." in t), None)
    if decimals is not None:
        step = Decimal(1).scaleb(-decimals) * state.trailing
        return Number(value, step, step)
    step = integer_step(value)
    if last_token and last_token[0].isdigit():
        # 1200万: the last written digit is the Arabic run's units digit, times the places after it.
        return Number(value, step, state.trailing)
    return Number(value, step)


def scale(number: Number, magnitude: str | None) -> Number:
    """Multiply a Number by a magnitude word (万, 亿, 万亿 …), keeping its precision."""
    if not magnitude:
        return number
    factor = Decimal(MAGNITUDES[magnitude])
    return Number(number.value * factor, number.step * factor, number.written * factor)


def parse_fraction(text: str) -> Decimal:
    """Parse '1/5', '五分之一', '三分之二' or '万分之三' to its value."""
    plain = normalize_digits(text)
    if FRACTION_MARK in plain:
        denominator, numerator = plain.split(FRACTION_MARK, 1)
    elif "/" in plain:
        numerator, denominator = plain.split("/", 1)
    else:
        raise NumeralError(f"not a fraction: {text!r}")
    top, bottom = parse_numeral(numerator).value, parse_numeral(denominator).value
    if bottom == 0:
        raise NumeralError(f"zero denominator: {text!r}")
    return top / bottom
