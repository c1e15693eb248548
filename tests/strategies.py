"""Hypothesis strategies shared by the parser tests."""

from __future__ import annotations

from hypothesis import strategies as st

DIGITS = "零一二三四五六七八九"


def write_chinese(number: int) -> str:
    """Write 0 <= number < 10**12 in Chinese numerals (二十, 一千零五, 一万零一, 三亿四千五百万)."""
    if number == 0:
        return "零"
    text, gap = "", False
    for unit_value, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        section, number = divmod(number, unit_value)
        if section:
            # 一万零一, 一亿零五百万: a zero marks the empty places before a short section
            text += ("零" if text and (gap or section < 1000) else "") + _write_section(section) + unit
            gap = False
        elif text:
            gap = True
    return text


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


# Chinese integer numerals as cn2an writes them (its "low" style: 一万零五百, 十二万零五), up to the
# sixteen digits it supports, with the number they stand for.
cn2an_integers = st.integers(min_value=0, max_value=10**16 - 1)

# Spoken abbreviations: a digit right after 百, 千 or 万 stands one place lower (两万五 = 25000).
abbreviated_numerals = st.tuples(
    st.integers(min_value=1, max_value=9999), st.sampled_from(["百", "千", "万"]), st.integers(min_value=1, max_value=9)
).filter(lambda t: t[1] == "万" or t[0] <= 9).map(lambda t: f"{_write_head(t[0])}{t[1]}{DIGITS[t[2]]}")


def _write_head(number: int) -> str:
    """Write the part before the place word: 两 for a lone 2 (两万五), else as write_chinese does."""
    return "两" if number == 2 else write_chinese(number)


# Pieces of economic news and of hostile input, for whole-pipeline properties (tests/test_fuzz.py).
NEWS_PIECES = (
    "某市", "两江新区", "新能源汽车", "产量", "产值", "营业收入", "规上工业增加值", "同比", "比上年", "从", "由",
    "增长", "增长到", "增至", "增长了", "下降", "下降到", "提高", "达到", "突破", "约", "近", "超过", "分别为", "合计",
    "其中", "占", "全年", "去年", "今年", "1—11月", "上半年", "2020年", "2024年", "“十四五”以来", "四年", "一年",
    "4.3万辆", "95.3万辆", "22.2倍", "12.5%", "3个百分点", "1.2亿元", "8.4亿元", "三成", "百分之二十", "两倍", "翻一番",
    "A、B、C等三大产业", "5项", "，", "。", "；", "：", "、", "（", "）", "\n", "\n\n", " ", "   ", "\t", "\u3000",
    "# 标题\n", "---\ntitle: t\n---\n", "<!-- hedui-disable growth: 引用 -->", "<!-- hedui-disable ", "-->", "<p>",
    "&amp;", "9" * 40, "1e309", "0.000", "-5%", "±", "\r\n", "\x1b[31m", "\ufeff", "𠀀",
)
FIGURES = (
    "4.3万辆", "95.3万辆", "22.2倍", "12.5%", "3个百分点", "1.2亿元", "8.4亿元",
    "三成", "两倍", "1200家", "9" * 30 + "亿元",
)
news_sentence = st.tuples(
    st.sampled_from(("某市", "两江新区", "全省", "")),
    st.sampled_from(("2020年", "2024年", "去年", "全年", "1—11月", "")),
    st.sampled_from(("新能源汽车产量", "产值", "营业收入", "企业")), st.sampled_from(("从", "为", "达", "")),
    st.sampled_from(FIGURES), st.sampled_from(("增至", "增长到", "，", "，比上年")),
    st.sampled_from(("2024年的", "四年", "一年", "")), st.sampled_from(FIGURES),
    st.sampled_from(("，增长", "，四年增长", "，下降", "")), st.sampled_from(FIGURES + ("",)),
    st.sampled_from(("。", "\n", "，")),
).map("".join)
news_text = st.lists(
    st.one_of(news_sentence, st.sampled_from(NEWS_PIECES), st.integers(0, 10**6).map(str), st.text(max_size=4)),
    max_size=40,
).map("".join)
