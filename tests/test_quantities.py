"""Quantity parsing: conformance cases, a table of our own, and properties."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.numerals import parse_chinese, parse_numeral
from checker.extract.quantities import find_quantities
from tests.conftest import CONFORMANCE, default_grammar
from tests.strategies import decimals, integers, write_chinese


def _conformance(section: str) -> list[dict]:
    """Load a section of the public conformance file, when ../shared is present."""
    path = CONFORMANCE / "quantities.yaml"
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8"))[section]


def _close(actual, expected) -> bool:
    """Compare bounds with the conformance file's relative tolerance; None only equals None."""
    if expected is None or actual is None:
        return actual is expected
    return math.isclose(actual, float(expected), rel_tol=1e-9, abs_tol=1e-12)


def _find(grammar, text: str, surface: str):
    """Return the quantity whose surface is exactly `surface`, failing with what was found."""
    found = find_quantities(text, grammar)
    for start, end, quantity in found:
        if text[start:end] == surface:
            return quantity
    pytest.fail(f"{surface!r} not found in {text!r}; found {[text[s:e] for s, e, _ in found]}")


def _check(quantity, case: dict) -> None:
    """Assert value, unit, qualifier and (where prescribed) bounds."""
    assert _close(quantity.value, case["value"]), quantity
    assert quantity.unit == case["unit"], quantity
    assert quantity.qualifier == case["qualifier"], quantity
    if case.get("low") is not None or case.get("high") is not None:
        assert _close(quantity.low, case["low"]), quantity
        assert _close(quantity.high, case["high"]), quantity


@pytest.mark.parametrize("case", _conformance("cases"), ids=lambda c: c["surface"])
def test_conformance_case(grammar, case):
    """Every public conformance case normalizes as written."""
    _check(_find(grammar, case["text"], case["surface"]), case)


@pytest.mark.parametrize("case", _conformance("not"), ids=lambda c: c["mark"])
def test_conformance_not_a_quantity(grammar, case):
    """Marked look-alikes (三一重工, 一批, 问界M9) yield no quantity."""
    text, mark = case["text"], case["mark"]
    start = text.index(mark)
    end = start + len(mark)
    overlapping = [text[s:e] for s, e, _ in find_quantities(text, grammar) if s < end and start < e]
    assert overlapping == []


OWN_CASES = [
    # text, surface, value, unit, qualifier, low, high
    ("产值突破1.2万亿元。", "突破1.2万亿元", 1.2e12, "元", "over", 1.2e12, None),
    ("集聚企业1500余家。", "1500余家", 1500, "家", "plus", 1500, 1600),
    ("金额超千亿元。", "超千亿元", 1e11, "元", "over", 1e11, None),
    ("有望形成百亿美元级市场。", "百亿美元级", 1e10, "美元", "order", 1e10, 1e11),
    ("迈上7000亿元级台阶。", "7000亿元级", 7e11, "元", "order", 7e11, 7e12),
    ("交付就突破两万台。", "突破两万台", 20000, "台", "over", 20000, None),
    ("约10万人左右参加。", "约10万人左右", 1e5, "人", "approx", 0, 2e5),
    ("占比达到百分之二十。", "百分之二十", 20, "%", "exact", 15, 25),
    ("研发周期缩短60%至80%。", "60%至80%", 60, "%", "range", 60, 80),
    ("成本为2万～5万元。", "2万～5万元", 2e4, "元", "range", 2e4, 5e4),
    ("成本为2～5万元。", "2～5万元", 2e4, "元", "range", 2e4, 5e4),
    ("出口额增长了三十多倍。", "三十多倍", 30, "倍", "plus", 30, 40),
    ("营收翻三番。", "翻三番", 8, "倍", "exact", None, None),
    ("千分之三的废品率。", "千分之三", 3, "‰", "exact", 2.5, 3.5),
    ("人口3200万人。", "3200万人", 3.2e7, "人", "exact", 3.15e7, 3.25e7),
    ("不到1000人。", "不到1000人", 1000, "人", "below", 0, 1000),
    ("游客达到1.2亿人次。", "1.2亿人次", 1.2e8, "人次", "exact", 1.15e8, 1.25e8),
    ("将近九成企业。", "将近九成", 90, "%", "under", 80, 90),
    ("年产量突破百万辆。", "突破百万辆", 1e6, "辆", "over", 1e6, None),
    ("他成为一成不变的人。", None, None, None, None, None, None),
]


@pytest.mark.parametrize("row", OWN_CASES, ids=lambda r: r[0])
def test_own_case(grammar, row):
    """Our own table of surfaces normalizes as DESIGN.md says."""
    text, surface, value, unit, qualifier, low, high = row
    if surface is None:
        assert find_quantities(text, grammar) == []
        return
    _check(_find(grammar, text, surface), dict(value=value, unit=unit, qualifier=qualifier, low=low, high=high))


NOT_FIGURES = ["从零起步", "百万人才兴重庆", "“百万人才兴重庆”年办活动", "千万不要", "十万火急", "星期一", "第一批", "千家万户", "问界M8/M9热销", "一个小小的器件",
               "“33618”现代制造业集群", "2025中国产业转移发展对接活动", "GB/T 15835-2011", "十四五规划", "一号线"]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(grammar, text):
    """Words that contain numerals are not figures."""
    assert [text[s:e] for s, e, _ in find_quantities(text, grammar)] == []


@given(integers)
def test_chinese_numerals_round_trip(number):
    """A number written in Chinese numerals parses back to itself."""
    assert parse_chinese(write_chinese(number)).value == number


@given(integers)
def test_arabic_numerals_round_trip(number):
    """Arabic numerals, with or without thousands separators or full-width digits, parse back."""
    assert parse_numeral(str(number)).value == number
    assert parse_numeral(f"{number:,}").value == number
    full = str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_numeral(full).value == number


@given(decimals, st.sampled_from(["万", "亿", "万亿"]))
def test_mixed_numerals_scale(number, magnitude):
    """A decimal with a magnitude word (1.2万亿) is the decimal times the magnitude."""
    factor = {"万": 10**4, "亿": 10**8, "万亿": 10**12}[magnitude]
    text = format(number.normalize(), "f")
    assert parse_numeral(text + magnitude).value == Decimal(text) * factor


@settings(max_examples=150)
@given(integers, st.sampled_from(["", "约", "超", "近", "不到"]), st.sampled_from(["", "余", "多"]),
       st.sampled_from(["家", "元", "万辆", "亿元", "%"]))
def test_interval_contains_value(number, prefix, plus, unit):
    """The stated value lies within [low, high] whenever both bounds are set."""
    text = f"共有{prefix}{number}{plus}{unit}。"
    for _, _, q in find_quantities(text, default_grammar()):
        assert q.low is None or q.low <= q.value
        assert q.high is None or q.value <= q.high
        assert q.low is None or q.high is None or q.low <= q.high


@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    """The grammar never raises, and every span lies inside the text."""
    for start, end, _ in find_quantities(text, default_grammar()):
        assert 0 <= start < end <= len(text)
