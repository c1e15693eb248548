"""Hypothesis strategies shared by the parser tests."""

from __future__ import annotations

from hypothesis import strategies as st

DIGITS = "零一二三四五六七八九"


def write_chinese(number: int) -> str:
    """Write 0 <= number < 10**12 in Chinese numerals (二十, 一千零五, 三亿四千五百万)."""
    if number == 0:
        return "零"
    parts = []
    for unit_value, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        section, number = divmod(number, unit_value)
        if section:
            parts.append((_write_section(section), unit, section))
        elif parts and number:
            parts.append(("零", "", 0))
    text = "".join(words + unit for words, unit, _ in parts)
    return text.replace("零零", "零")


def _write_section(number: int) -> str:
    """Write 1 <= number < 10000 with 千百十."""
    out, zero = [], False
    for place, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, place)
        if digit:
            if zero:
                out.append("零")
            out.append(DIGITS[digit] + word)
            zero = False
        elif out:
            zero = True
    return "".join(out)


integers = st.integers(min_value=1, max_value=10**11)
decimals = st.decimals(min_value="0.1", max_value="99999", places=2, allow_nan=False, allow_infinity=False)
