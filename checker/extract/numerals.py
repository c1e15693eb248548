"""Arabic, full-width and Chinese numerals with magnitudes, parsed to a value and its precision step."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import attrs

FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}

# Magnitude words as written after a number: 95.3万, 1.2万亿, 8000亿, 千亿级.
MAGNITUDES = {
    "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8,
    "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "千": 10**3,
}


@attrs.frozen
class Number:
    """A parsed numeral: its value and the unit of its last stated digit."""

    value: Decimal
    step: Decimal


class NumeralError(ValueError):
    """A string that is not a numeral this module understands."""


def normalize_digits(text: str) -> str:
    """Turn full-width digits and separators into ASCII ones."""
    return text.translate(FULLWIDTH)


def parse_arabic(text: str) -> Number:
    """Parse '1,250', '95.3' or '１２' to a Number whose step is its last digit's unit."""
    plain = normalize_digits(text).replace(",", "")
    try:
        value = Decimal(plain)
    except InvalidOperation as exc:
        raise NumeralError(f"not a number: {text!r}") from exc
    if "." in plain:
        decimals = len(plain.split(".", 1)[1])
        return Number(value, Decimal(1).scaleb(-decimals))
    return Number(value, integer_step(value))


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


def parse_chinese(text: str) -> Number:
    """Parse a Chinese numeral such as 二十, 两万, 一万亿, 一千零五十 or 二〇二四."""
    if not text:
        raise NumeralError("empty numeral")
    if all(ch in CHINESE_DIGITS for ch in text) and len(text) > 1:
        # A digit-by-digit string (二〇二四) reads positionally.
        value = Decimal("".join(str(CHINESE_DIGITS[ch]) for ch in text))
        return Number(value, integer_step(value))
    value = _combine_places(text)
    return Number(value, integer_step(value))


def _combine_places(text: str) -> Decimal:
    """Combine digits and place words (十百千万亿) into one integer."""
    total = Decimal(0)
    section = Decimal(0)
    digit: Decimal | None = None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = Decimal(CHINESE_DIGITS[ch])
        elif ch in SMALL_UNITS:
            section += (digit if digit is not None else Decimal(1)) * SMALL_UNITS[ch]
            digit = None
        elif ch in BIG_UNITS:
            total, section = _apply_big_unit(total, section + (digit or 0), BIG_UNITS[ch])
            digit = None
        else:
            raise NumeralError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


def _apply_big_unit(total: Decimal, section: Decimal, unit: int) -> tuple[Decimal, Decimal]:
    """Apply 万 or 亿 to what has been read so far; 万 after 亿 scales only its own section."""
    if unit == 10**4 and total >= 10**8:
        # 3亿4千5百万: the 万 belongs to the section after 亿, not to the 亿 part.
        return total + section * unit, Decimal(0)
    if section == 0 and total == 0:
        # A bare place word (万 in 万亿) stands for one of it.
        section = Decimal(1)
    return (total + section) * unit, Decimal(0)


def parse_numeral(text: str) -> Number:
    """Parse an Arabic, full-width, Chinese or mixed numeral (1.2万亿, 3亿4千5百万) to a Number."""
    plain = normalize_digits(text)
    head = _leading_arabic(plain)
    if not head:
        return parse_chinese(plain)
    rest = plain[len(head):]
    number = parse_arabic(head)
    if not rest:
        return number
    if rest in MAGNITUDES:
        scale = Decimal(MAGNITUDES[rest])
        return Number(number.value * scale, number.step * scale)
    # Mixed forms (3亿4千5百万): read the Arabic digits as Chinese ones.
    digits = "".join("零一二三四五六七八九"[int(c)] if c.isdigit() else c for c in head)
    if "." in digits:
        raise NumeralError(f"not a numeral: {text!r}")
    return parse_chinese(digits + rest)


def _leading_arabic(text: str) -> str:
    """Return the leading run of ASCII digits, commas and decimal points."""
    end = 0
    while end < len(text) and (text[end].isdigit() and text[end].isascii() or text[end] in ".,"):
        end += 1
    return text[:end]


def scale(number: Number, magnitude: str | None) -> Number:
    """Multiply a Number by a magnitude word (万, 亿, 万亿 …), keeping its precision."""
    if not magnitude:
        return number
    factor = Decimal(MAGNITUDES[magnitude])
    return Number(number.value * factor, number.step * factor)


def parse_fraction(text: str) -> Decimal:
    """Parse '1/5', '五分之一' or '三分之二' to its value."""
    plain = normalize_digits(text)
    if "分之" in plain:
        denominator, numerator = plain.split("分之", 1)
    elif "/" in plain:
        numerator, denominator = plain.split("/", 1)
    else:
        raise NumeralError(f"not a fraction: {text!r}")
    top, bottom = parse_numeral(numerator).value, parse_numeral(denominator).value
    if bottom == 0:
        raise NumeralError(f"zero denominator: {text!r}")
    return top / bottom
