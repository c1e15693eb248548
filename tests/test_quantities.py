"""Quantity parsing: conformance cases, a table of our own, and properties."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checker.extract.numerals import NumeralError, parse_chinese, parse_numeral
from checker.extract.quantities import find_quantities
from checker.extract.resources import RULES_DIR
from checker.extract.units import UnitLexicon
from tests.conftest import CONFORMANCE, default_grammar
from tests.strategies import abbreviated_numerals, cn2an_integers, decimals, integers, write_chinese


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
    # groups of three digits split by a space or a thin space are one number (yearbook tables, PDFs)
    ("年末全区总人口472 416人。", "472 416人", 472416, "人", "exact", 472415.5, 472416.5),
    ("男性人口242\u2009067人。", "242\u2009067人", 242067, "人", "exact", 242066.5, 242067.5),
    ("投资1 000万元。", "1 000万元", 1e7, "元", "exact", 5e6, 1.5e7),
    ("产量12 345.6吨。", "12 345.6吨", 12345.6, "吨", "exact", 12345.55, 12345.65),
    ("他成为一成不变的人。", None, None, None, None, None, None),
    ("一九家企业。", None, None, None, None, None, None),
]


@pytest.mark.parametrize("row", OWN_CASES, ids=lambda r: r[0])
def test_own_case(grammar, row):
    """Our own table of surfaces normalizes as DESIGN.md says."""
    text, surface, value, unit, qualifier, low, high = row
    if surface is None:
        assert find_quantities(text, grammar) == []
        return
    _check(_find(grammar, text, surface),
           {"value": value, "unit": unit, "qualifier": qualifier, "low": low, "high": high})


# Figures at the very start of a text, fractions, 百分之 with digits or Chinese decimals, 成, signs,
# compound numerals, bounds words, official statistics units and currencies.
MORE_CASES = [
    ("两万台新车已交付。", "两万台", 20000, "台", "exact", 15000, 25000),
    ("68.4万辆是全年产量。", "68.4万辆", 684000, "辆", "exact", 683500, 684500),
    ("三分之一的企业完成改造。", "三分之一", 1 / 3, "", "exact", None, None),
    ("不良率控制在万分之三。", "万分之三", 0.0003, "", "exact", None, None),
    ("两者之比为16/5。", "16/5", 3.2, "", "exact", None, None),
    ("占比百分之22。", "百分之22", 22, "%", "exact", 21.5, 22.5),
    ("达到百分之一百二十点五。", "百分之一百二十点五", 120.5, "%", "exact", 120.45, 120.55),
    ("九成企业已复工。", "九成", 90, "%", "exact", 85, 95),
    ("覆盖率达9.5成。", "9.5成", 95, "%", "exact", 94.5, 95.5),
    ("增速为负3.9%。", "负3.9%", -3.9, "%", "exact", -3.95, -3.85),
    ("增速为-3.9%。", "-3.9%", -3.9, "%", "exact", -3.95, -3.85),
    ("员工一百二人。", "一百二人", 120, "人", "exact", 115, 125),
    ("新增就业一万零五百人。", "一万零五百人", 10500, "人", "exact", 10450, 10550),
    ("总投资2亿5千万元。", "2亿5千万元", 2.5e8, "元", "exact", 2.45e8, 2.55e8),
    ("一万五千多人参加。", "一万五千多人", 15000, "人", "plus", 15000, 16000),
    ("装机三万千瓦。", "三万千瓦", 30000, "千瓦", "exact", 25000, 35000),
    ("装机1000万千瓦。", "1000万千瓦", 1e7, "千瓦", "exact", 5e6, 1.5e7),
    ("规模破1万亿元。", "破1万亿元", 1e12, "元", "over", 1e12, None),
    ("打破3项纪录。", "3项", 3, "项", "exact", 2.5, 3.5),
    ("迈向万 亿级产业。", "万 亿级", 1e12, "", "order", 1e12, 1e13),
    ("增幅不超过5%。", "不超过5%", 5, "%", "below", 0, 5),
    ("每年不低于20%。", "不低于20%", 20, "%", "over", 20, None),
    ("融资100亿港币。", "100亿港币", 1e10, "港元", "exact", 5e9, 1.5e10),
    ("吞吐量300万TEU。", "300万TEU", 3e6, "标箱", "exact", 2.5e6, 3.5e6),
    ("家禽出栏12.6亿羽。", "12.6亿羽", 1.26e9, "羽", "exact", 1.255e9, 1.265e9),
    ("用电量5000亿度。", "5000亿度", 5e11, "度", "exact", 4.5e11, 5.5e11),
    ("旅客周转量1.2万亿人公里。", "1.2万亿人公里", 1.2e12, "人公里", "exact", 1.15e12, 1.25e12),
    ("降水量5公分。", "5公分", 5, "厘米", "exact", 4.5, 5.5),
    ("出口额增长2.10倍。", "2.10倍", 2.1, "倍", "exact", 2.095, 2.105),
    ("增长1200%。", "1200%", 1200, "%", "exact", 1199.5, 1200.5),
    ("超过百分之二十的企业。", "超过百分之二十", 20, "%", "over", 20, None),
    ("不足百分之五的企业。", "不足百分之五", 5, "%", "below", 0, 5),
    ("全年營業收入達到3.5億元。", "3.5億元", 3.5e8, "元", "exact", 3.45e8, 3.55e8),
    ("總投資約1.2萬億元。", "約1.2萬億元", 1.2e12, "元", "approx", 1.1e12, 1.3e12),
    ("每户补贴三五万元。", "三五万元", 3e4, "元", "range", 3e4, 5e4),
    ("单价两三千元。", "两三千元", 2000, "元", "range", 2000, 3000),
    ("新增七八十万人。", "七八十万人", 7e5, "人", "range", 7e5, 8e5),
    ("钢材均价为3500元/吨。", "3500元/吨", 3500, "元/吨", "exact", 3450, 3550),
    ("原油收于82美元/桶。", "82美元/桶", 82, "美元/桶", "exact", 81.5, 82.5),
    # ㎡ is 平方米; a slash after a figure's unit parts two figures (housing reports: 930套/76458.66㎡).
    ("均价53060元/㎡。", "53060元/㎡", 53060, "元/平方米", "exact", 53055, 53065),
    ("共成交930套/76458.66㎡。", "930套", 930, "套", "exact", 925, 935),
    ("共成交930套/76458.66㎡。", "76458.66㎡", 76458.66, "平方米", "exact", 76458.655, 76458.665),
    # A magnitude never starts a unit (5千克 is 5 kg); Chinese decimals take a unit and a magnitude.
    ("每袋5千克。", "5千克", 5, "千克", "exact", 4.5, 5.5),
    ("每粒0.5克。", "0.5克", 0.5, "克", "exact", 0.45, 0.55),
    ("降水12.5毫米。", "12.5毫米", 12.5, "毫米", "exact", 12.45, 12.55),
    ("浇筑混凝土12万立方。", "12万立方", 1.2e5, "立方米", "exact", 1.15e5, 1.25e5),
    ("比上年提高一点五个百分点。", "一点五个百分点", 1.5, "个百分点", "exact", 1.45, 1.55),
    ("出生率上升0.78个千分点。", "0.78个千分点", 0.78, "个千分点", "exact", 0.775, 0.785),
    ("产量三点二万吨。", "三点二万吨", 32000, "吨", "exact", 31500, 32500),
    ("规模达零点八亿元。", "零点八亿元", 8e7, "元", "exact", 7.5e7, 8.5e7),
    ("增速为负零点五%。", "负零点五%", -0.5, "%", "exact", -0.55, -0.45),
    ("增速为负百分之三。", "负百分之三", -3, "%", "exact", -3.5, -2.5),
    ("融资300万英镑。", "300万英镑", 3e6, "英镑", "exact", 2.5e6, 3.5e6),
    ("30来家企业参展。", "30来家", 30, "家", "plus", 30, 40),
    # financial numerals of amounts, 廿, and tenths written with a Chinese decimal or a half
    ("捐款壹佰贰拾万元。", "壹佰贰拾万元", 1.2e6, "元", "exact", 1.15e6, 1.25e6),
    ("金额叁仟伍佰元整。", "叁仟伍佰元", 3500, "元", "exact", 3450, 3550),
    ("参会廿三人。", "廿三人", 23, "人", "exact", 22.5, 23.5),
    ("占比达两成半。", "两成半", 25, "%", "exact", 22.5, 27.5),
    ("覆盖率三点五成。", "三点五成", 35, "%", "exact", 34.5, 35.5),
    ("陆家嘴3家银行。", "3家", 3, "家", "exact", 2.5, 3.5),
    ("比例为3：2，产值：12亿元。", "12亿元", 1.2e9, "元", "exact", 1.15e9, 1.25e9),
    ("出口2亿澳元。", "2亿澳元", 2e8, "澳元", "exact", 1.5e8, 2.5e8),
    ("合同额5亿韩元。", "5亿韩元", 5e8, "韩元", "exact", 4.5e8, 5.5e8),
    ("博彩收入1亿澳门币。", "1亿澳门币", 1e8, "澳门元", "exact", 5e7, 1.5e8),
]


@pytest.mark.parametrize("row", MORE_CASES, ids=lambda r: r[1])
def test_more_case(grammar, row):
    """Figures at the start of a text, fractions, 百分之, 成, signs, compounds, bounds and statistics units."""
    text, surface, value, unit, qualifier, low, high = row
    _check(_find(grammar, text, surface),
           {"value": value, "unit": unit, "qualifier": qualifier, "low": low, "high": high})


NUMERALS = [
    # written, value, step (last non-zero digit), written step (last written digit)
    ("一百二", 120, 10, 10),
    ("两万五", 25000, 1000, 1000),
    ("一万零五", 10005, 1, 1),
    ("一万零五百", 10500, 100, 100),
    ("三万二千", 32000, 1000, 1000),
    ("3亿4千5百万", 345000000, 10**6, 10**6),
    ("5万3230.99亿", 5323099000000, 10**6, 10**6),
    ("一百二十点五", Decimal("120.5"), Decimal("0.1"), Decimal("0.1")),
    ("二〇二四", 2024, 1, 1),
    ("1200", 1200, 100, 1),
    ("1200万", 12000000, 10**6, 10**4),
    ("1.2万亿", 1.2 * 10**12, 10**11, 10**11),
    ("１２", 12, 1, 1),
    ("十", 10, 10, 10),
]


@pytest.mark.parametrize(("text", "value", "step", "written"), NUMERALS, ids=[n[0] for n in NUMERALS])
def test_numeral_table(text, value, step, written):
    """The one numeral reader gives each numeral its value and both of its steps."""
    number = parse_numeral(text)
    assert (number.value, number.step, number.written) == (Decimal(str(value)), Decimal(step), Decimal(written))


@pytest.mark.parametrize("text", ["十十", "百千", "一二三x", "3.2.1", "", "1" * 400])
def test_not_numerals(text):
    """Strings that only look like numerals (or overflow any float) are refused with NumeralError."""
    with pytest.raises(NumeralError):
        parse_numeral(text)


@pytest.mark.parametrize("text", ["总量达1" + "0" * 400 + "亿元。", "总量达" + "9" * 5000 + "万吨。",
                                  "投资１" + "０" * 330 + "元"])
def test_a_number_too_large_for_a_float_is_no_figure(grammar, resources, text):
    """A digit run beyond any float is skipped, never an OverflowError, inf or NaN (regression)."""
    from checker.extract.mentions import find_mentions
    from checker.text.ingest import document_from_text

    assert find_quantities(text, grammar) == []
    for mention in find_mentions(document_from_text("a.md", text), resources):
        q = mention.quantity
        assert q is None or all(x is None or math.isfinite(x) for x in (q.value, q.low, q.high))


def test_statistics_units_keep_their_dimensions(resources):
    """Each classifier family and currency is its own dimension; a currency converts only with its rate."""
    units = resources.units
    assert units.comparable("头", "只") and units.comparable("只", "羽") and not units.comparable("头", "辆")
    assert not units.comparable("家", "辆") and not units.comparable("股", "个")
    assert units.comparable("架次", "班次") and not units.comparable("人次", "人")
    assert not units.comparable("人公里", "吨公里") and not units.comparable("标箱", "吨")
    assert units.convert(1.0, "公顷", "亩") == pytest.approx(15.0)
    assert units.convert(1.0, "吨", "斤") == pytest.approx(2000.0)
    assert units.convert(1.0, "公分", "米") == pytest.approx(0.01)
    assert units.convert(1.0, "度", "千瓦时") == pytest.approx(1.0)
    assert units.convert(1.0, "千克", "克") == pytest.approx(1000.0)
    assert units.convert(1.0, "立方", "立方米") == pytest.approx(1.0)
    assert units.convert(1.0, "厘米", "毫米") == pytest.approx(10.0)
    for currency in ("港元", "日元", "美元", "欧元", "新台币", "英镑", "澳元", "加元", "韩元", "卢布", "澳门元"):
        assert not units.comparable(currency, "元")
        with pytest.raises(ValueError):
            units.convert(1.0, currency, "元")
    assert units.comparable("人民币", "元") and not units.comparable("人民币", "人")
    assert units.convert(10.0, "港元", "元", hkd_cny=0.92) == pytest.approx(9.2)
    with pytest.raises(ValueError):
        units.convert(10.0, "港元", "美元", hkd_cny=0.92)  # the dollar rate is missing


NOT_FIGURES = ["从零起步", "百万人才兴重庆", "“百万人才兴重庆”年办活动", "千万不要", "十万火急", "星期一", "第一批",
               "千家万户", "问界M8/M9热销", "一个小小的器件", "“33618”现代制造业集群", "2025中国产业转移发展对接活动",
               "GB/T 15835-2011", "十四五规划", "一号线", "PMI由49.2升至50.1", "九点三十分开会",
               "发布时间:2024-11-18 20:43:04来源",
               "陆家嘴金融城", "伍先生说"]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(grammar, text):
    """Words that contain numerals are not figures."""
    assert [text[s:e] for s, e, _ in find_quantities(text, grammar)] == []


@given(integers)
def test_chinese_numerals_round_trip(number):
    """A number written in Chinese numerals parses back to itself."""
    assert parse_chinese(write_chinese(number)).value == number


@settings(max_examples=300, deadline=None)  # the first call imports cn2an, which is slow
@given(cn2an_integers)
def test_chinese_numerals_agree_with_cn2an(number):
    """Every integer as cn2an writes it in Chinese reads back to the number cn2an reads."""
    cn2an = pytest.importorskip("cn2an")
    text = cn2an.an2cn(number, "low")
    assert parse_numeral(text).value == number == cn2an.cn2an(text, "strict")


@settings(deadline=None)
@given(integers)
def test_our_writer_agrees_with_cn2an(number):
    """Numerals written by the test writer (二十, 一千零五, 三亿四千五百万) read as cn2an reads them."""
    cn2an = pytest.importorskip("cn2an")
    text = write_chinese(number)
    assert parse_numeral(text).value == cn2an.cn2an(text, "strict")


@settings(deadline=None)
@given(cn2an_integers)
def test_financial_numerals_agree_with_cn2an(number):
    """Financial (大写) numerals as cn2an writes them (壹佰贰拾万零伍佰零叁) read as cn2an reads them."""
    cn2an = pytest.importorskip("cn2an")
    text = cn2an.an2cn(number, "up")
    try:
        theirs = cn2an.cn2an(text, "strict")
    except ValueError:
        # cn2an drops an inner 零 (287亿零1千 as 贰佰捌拾柒亿壹仟) and refuses its own text: no reference.
        assume(False)
    assert parse_numeral(text).value == number == theirs


@settings(deadline=None)
@given(abbreviated_numerals)
def test_abbreviated_numerals_agree_with_cn2an(text):
    """A digit right after 百, 千 or 万 stands one place lower (两万五, 三千五), as cn2an reads it."""
    cn2an = pytest.importorskip("cn2an")
    assert parse_numeral(text).value == cn2an.cn2an(text, "normal")


@settings(deadline=None)
@given(st.decimals(min_value="0.01", max_value="99999", places=2, allow_nan=False, allow_infinity=False))
def test_chinese_decimals_agree_with_cn2an(number):
    """Chinese decimals as cn2an writes them (一百二十三点四五, 零点零五) read as cn2an reads them."""
    cn2an = pytest.importorskip("cn2an")
    text = cn2an.an2cn(format(number.normalize(), "f"), "low")  # cn2an writes no trailing zero
    assert parse_numeral(text).value == Decimal(str(cn2an.cn2an(text, "strict"))) == number


@settings(deadline=None)
@given(st.decimals(min_value="0.1", max_value="9999", places=1, allow_nan=False, allow_infinity=False)
       .filter(lambda d: d % 1 != 0), st.sampled_from(["万", "亿", "万亿", "千万"]))
def test_chinese_decimals_scale(number, magnitude):
    """A Chinese decimal with a magnitude word (三点二万) is the decimal times the magnitude."""
    cn2an = pytest.importorskip("cn2an")
    factor = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "千万": 10**7}[magnitude]
    text = cn2an.an2cn(format(number.normalize(), "f"), "low")
    assert parse_numeral(text + magnitude).value == number * factor


@given(integers)
def test_arabic_numerals_round_trip(number):
    """Arabic numerals, with or without thousands separators or full-width digits, parse back."""
    assert parse_numeral(str(number)).value == number
    assert parse_numeral(f"{number:,}").value == number
    full = str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_numeral(full).value == number


@pytest.mark.parametrize(("text", "surfaces"), [
    ("2019 123人", ["123人"]),  # a year (four digits) and a number: not one number
    ("12 3456人", ["3456人"]),  # a later group of four digits: no grouping
    ("1234 567人", ["567人"]),  # a first group of four digits: no grouping
    ("12  345人", ["345人"]),  # two spaces: a gap between columns, not a group separator
    ("2019 123 456人", ["456人"]),  # a group after a digit and a space starts no number of its own
])
def test_spaced_groups_only_where_they_are_one_number(grammar, text, surfaces):
    """Digits, a space and three digits read as one number only when the first group is 1-3 digits long."""
    assert [text[s:e] for s, e, _ in find_quantities(text, grammar)] == surfaces


def _spaced(number: int, space: str) -> str:
    """Write an integer with its groups of three digits split by `space` (472416 -> 472 416)."""
    return f"{number:,}".replace(",", space)


@given(integers, st.sampled_from([" ", "\u2009", "\u202f"]), st.sampled_from(["人", "元", "万元", "吨"]))
def test_spaced_groups_read_as_one_number(number, space, unit):
    """A number written with (thin) spaces between its groups of three digits reads as the whole number."""
    spaced = _spaced(number, space)
    assert parse_numeral(spaced).value == number
    text = f"全区共有{spaced}{unit}。"
    found = find_quantities(text, default_grammar())
    assert [text[s:e] for s, e, _ in found] == [spaced + unit]


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


# Text made of the characters figures are built from, and of others, for the first-character guard.
figure_text = st.lists(
    st.one_of(
        st.text(alphabet="0123456789０５.,/%万亿千百十一二两三五零点分之成倍元人个"
                         "约近超破负-—至～翻番余多左右以上 年月，。", max_size=12),
        st.sampled_from(["壹佰贰拾", "不少于", "不足", "百分之", "万 亿级", "3亿4千5百万元", "5万3230.99亿",
                         "三五万元", "两三千元", "七成半", "翻两番", "１２３万元", "约1/3", "A股", "5G"]),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(figure_text)
def test_first_character_guard_changes_no_match(text):
    """The guarded figure pattern finds exactly the matches of the unguarded one."""
    import re

    from checker.extract.quantities import figure_pattern

    grammar = default_grammar()
    lexicon = UnitLexicon({unit: unit for unit in grammar.units})
    unguarded = re.compile(figure_pattern(lexicon, grammar.hedges, grammar.words), re.VERBOSE)
    assert [m.span() for m in grammar.figure.finditer(text)] == [m.span() for m in unguarded.finditer(text)]


def test_the_words_of_a_figure_form_come_from_the_figure_lexicon(tmp_path):
    """A figures.yaml whose range joiners leave out 至 reads 3至5万元 as no range; 3-5万元 stays one."""
    from checker.extract.figure_words import load_figure_words
    from checker.extract.quantities import build_grammar

    shipped = default_grammar()
    path = tmp_path / "figures.yaml"
    text = (RULES_DIR / "lexicon" / "figures.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("range_joiners: [至, 到,", "range_joiners: [到,"), encoding="utf-8")
    grammar = build_grammar(shipped.units, shipped.hedges, None, load_figure_words(path))
    assert _find(shipped, "投资3至5万元", "3至5万元").qualifier == "range"
    assert all(q.qualifier != "range" for _, _, q in find_quantities("投资3至5万元", grammar))
    assert _find(grammar, "投资3-5万元", "3-5万元").qualifier == "range"


def test_a_figure_lexicon_with_an_unknown_section_names_file_line_and_key(tmp_path):
    """A figures.yaml section the grammar does not know is refused with its file, line and key."""
    from checker.errors import RuleFileError
    from checker.extract.figure_words import load_figure_words

    path = tmp_path / "figures.yaml"
    text = (RULES_DIR / "lexicon" / "figures.yaml").read_text(encoding="utf-8")
    path.write_text(text + "plus_after: [余]\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_figure_words(path)
    assert error.value.key == "plus_after" and error.value.line == text.count("\n") + 1


def test_a_variant_of_more_than_one_character_names_file_line_and_key(tmp_path):
    """A variants entry that is not one character for one is refused with its file, line and key."""
    from checker.errors import RuleFileError
    from checker.extract.hedges import load_variants

    path = tmp_path / "variants.yaml"
    path.write_text("萬: 万\n超過: 超过\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_variants(path)
    assert "超過" in str(error.value) and "2" in str(error.value)


def test_a_price_per_unit_has_the_quotient_of_its_units_as_dimension(resources):
    """元/吨 and 元/公斤 measure the same thing, a thousand times apart; 元/吨 never compares with 元."""
    units = resources.units
    assert units.comparable("元/吨", "元/公斤") and not units.comparable("元/吨", "元")
    assert units.base_of("元/公斤")[1] == pytest.approx(1000 * units.base_of("元/吨")[1])


def test_a_per_only_unit_is_no_count(grammar):
    """桶 is a unit only after a slash: 两桶油 (two oil companies) holds no figure."""
    assert find_quantities("两桶油发布年报。", grammar) == []


@pytest.mark.parametrize(("text", "surface", "value", "qualifier", "low", "high"), [
    ("集聚企业千余家。", "千余家", 1000, "plus", 1000, 2000),
    ("带动万余人就业。", "万余人", 1e4, "plus", 1e4, 2e4),
    ("就业十几万人。", "十几万人", 1e5, "plus", 1e5, 2e5),
    ("投资数十亿元。", "数十亿元", 1e9, "order", 1e9, 1e10),
    ("新增几十家。", "几十家", 10, "order", 10, 100),
    ("吸引上万人。", "上万人", 1e4, "over", 1e4, None),
])
def test_vague_counts(grammar, text, surface, value, qualifier, low, high):
    """余 after a bare place word, 十几, 数十/几百 and 上万 are counts with the bounds their words allow."""
    quantity = _find(grammar, text, surface)
    assert (quantity.value, quantity.qualifier) == (value, qualifier)
    assert _close(quantity.low, low) and _close(quantity.high, high)


def test_vague_words_without_a_unit_are_no_figures(grammar):
    """数据, 几乎, 上海, 百家争鸣 hold no figure."""
    assert find_quantities("数据显示几乎所有上海企业百家争鸣。", grammar) == []


@pytest.mark.parametrize(("text", "surface", "value", "unit"), [
    ("全程3个小时。", "3个小时", 3, "小时"),
    ("一位20来岁的青年。", "20来岁", 20, "岁"),
    ("时速350公里/小时。", "350公里/小时", 350, "公里/小时"),
    ("最高气温38℃。", "38℃", 38, "℃"),
    ("最低气温零下5摄氏度。", "零下5摄氏度", -5, "℃"),
])
def test_hours_speeds_and_temperatures(grammar, text, surface, value, unit):
    """Hours and minutes are figures (年/月/天 stay durations), 零下 makes a temperature negative."""
    quantity = _find(grammar, text, surface)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize(("text", "surface", "value", "low", "high"), [
    ("打八折。", "八折", 80, 75, 85), ("八五折。", "八五折", 85, 84.5, 85.5), ("7.5折。", "7.5折", 75, 74.5, 75.5),
])
def test_discounts_are_shares_of_the_price(grammar, text, surface, value, low, high):
    """八折 is 80% of the price, 八五折 85%: precise to their last digit."""
    quantity = _find(grammar, text, surface)
    assert (quantity.value, quantity.unit) == (value, "%")
    assert _close(quantity.low, low) and _close(quantity.high, high)


def test_words_after_zhe_are_no_discounts(grammar):
    """折合, 九折返利 and 七折八扣 hold no discount."""
    assert [q.unit for _, _, q in find_quantities("折合5亿元，七折八扣。", grammar)] == ["元"]


TRADITIONAL = str.maketrans("万亿两", "萬億兩")


@settings(max_examples=200, deadline=None)
@given(integers, st.sampled_from(["元", "人", "吨", "家"]))
def test_traditional_numerals_read_as_simplified(number, unit):
    """A Chinese numeral written with 萬/億/兩 is the same figure as with 万/亿/两, its surface as written."""
    simplified = write_chinese(number) + unit
    traditional = simplified.translate(TRADITIONAL)
    found = find_quantities(traditional, default_grammar())
    expected = find_quantities(simplified, default_grammar())
    assert [(s, e) for s, e, _ in found] == [(s, e) for s, e, _ in expected]
    assert [q.value for _, _, q in found] == [q.value for _, _, q in expected]


PAIR_WRITTEN = "一二三四五六七八九"


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 8), st.integers(1, 2), st.sampled_from(["", "十", "百", "千"]),
       st.sampled_from(["", "万", "亿"]), st.sampled_from(["元", "人", "家"]))
def test_neighbouring_digit_pairs_are_ranges(low, gap, place, magnitude, unit):
    """两三千元-like pairs span from the first digit to the second, times their place and magnitude."""
    high = min(low + gap, 9)
    scale = {"": 1, "十": 10, "百": 100, "千": 1000}[place] * {"": 1, "万": 10**4, "亿": 10**8}[magnitude]
    text = f"约{PAIR_WRITTEN[low - 1]}{PAIR_WRITTEN[high - 1]}{place}{magnitude}{unit}。"
    found = [q for _, _, q in find_quantities(text, default_grammar())]
    assert len(found) == 1 and found[0].qualifier == "range"
    assert (found[0].low, found[0].high) == (low * scale, high * scale)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 9999), st.sampled_from(["余", "多"]), st.sampled_from(["家", "人", "个"]))
def test_plus_counts_lie_within_one_step_above(number, plus, unit):
    """1200余家 and 两千多人 lie between the number and one step of its last non-zero digit above it."""
    found = [q for _, _, q in find_quantities(f"共{write_chinese(number)}{plus}{unit}。", default_grammar())]
    if number == 1:
        return  # 一余家 is not written: the numeral one with a classifier reads as an article
    assert len(found) == 1 and found[0].qualifier == "plus" and found[0].low == number
    assert found[0].high > number


def test_unchecked_units_load_no_pint_and_build_the_same_dimensions_on_use(resources):
    """Extraction's unit system imports no pint; its dimensions, asked for later, are the checked system's."""
    import subprocess
    import sys

    from checker.extract.resources import RULES_DIR
    from checker.extract.units import load_unit_system

    code = ("import sys; from checker.extract.resources import load_resources; "
            "load_resources(check_units=False); print('pint' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    unchecked = load_unit_system(RULES_DIR / "units.txt", RULES_DIR / "lexicon" / "units.yaml", check=False)
    assert unchecked.base_of("元/吨") == resources.units.base_of("元/吨")
    assert unchecked.bases == resources.units.bases


def test_the_numeral_one_is_a_figure_before_a_rate_unit(grammar):
    """增长一倍 and 下降一个百分点 are figures; 一个项目 and 一家企业 are articles, not counts."""
    found = []
    for text in ("增长一倍。", "下降一个百分点。", "一个项目。", "一家企业。"):
        found += [text[start:end] for start, end, _ in find_quantities(text, grammar)]
    assert found == ["一倍", "一个百分点"]
