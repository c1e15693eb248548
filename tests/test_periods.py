"""Tests of the time grammar: conformance table, own table, lexicon loading and properties."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import RuleFileError
from checker.extract.dates import infer_year, parse_full_date
from checker.extract.periods import PeriodLexicon, find_periods, load_period_lexicon

REPO = Path(__file__).resolve().parents[1]
LEXICON_PATH = REPO / "rules" / "lexicon" / "periods.yaml"
CONFORMANCE_PATH = REPO / ".." / "shared" / "conformance" / "periods.yaml"
DCT = dt.date(2026, 3, 15)
JANUARY = dt.date(2026, 1, 10)
DECEMBER = dt.date(2025, 12, 20)
D = dt.date


@pytest.fixture(scope="module")
def lexicon() -> PeriodLexicon:
    """The default period lexicon."""
    return load_period_lexicon(LEXICON_PATH)


def _conformance() -> dict:
    """Return the shared conformance file, or an empty table when it is absent."""
    if not CONFORMANCE_PATH.exists():
        return {}
    return yaml.safe_load(CONFORMANCE_PATH.read_text(encoding="utf-8")) or {}


_TABLE = _conformance()
_NO_TABLE = pytest.mark.skipif(not _TABLE, reason=f"no conformance file at {CONFORMANCE_PATH}")


def _mention(text: str, dct: dt.date | None, surface: str, lexicon: PeriodLexicon):
    """Return the Period found with exactly `surface`, failing with everything found otherwise."""
    found = find_periods(text, dct, lexicon)
    for start, end, period in found:
        if text[start:end] == surface:
            return period
    pytest.fail(f"no mention {surface!r} in {text!r}; found {[(text[s:e], p) for s, e, p in found]}")


@_NO_TABLE
@pytest.mark.parametrize("case", _TABLE.get("cases", []), ids=lambda c: c["text"][:20])
def test_conformance_case(case: dict, lexicon: PeriodLexicon) -> None:
    """Every conformance sentence yields its mention with the stated kind, dates and length."""
    period = _mention(case["text"], case.get("dct", _TABLE.get("dct_default")), case["surface"], lexicon)
    assert period.kind == case["kind"]
    for field in ("start", "end", "length", "granularity", "relative", "cumulative"):
        if field in case:
            assert getattr(period, field) == case[field], field


@_NO_TABLE
@pytest.mark.parametrize("case", _TABLE.get("not", []), ids=lambda c: str(c["mark"]))
def test_conformance_not(case: dict, lexicon: PeriodLexicon) -> None:
    """No time mention overlaps the marked text of a conformance `not` sentence."""
    text, mark = case["text"], str(case["mark"])
    lo = text.index(mark)
    hi = lo + len(mark)
    found = find_periods(text, case.get("dct", _TABLE.get("dct_default")), lexicon)
    assert [text[s:e] for s, e, _ in found if s < hi and lo < e] == []


# (sentence, document date, surface, expected Period fields)
CASES = [
    ("2024年11月25日举行", DCT, "2024年11月25日", {"kind": "point", "start": D(2024, 11, 25), "relative": False}),
    ("于2024-11-25发布", DCT, "2024-11-25", {"kind": "point", "start": D(2024, 11, 25), "end": D(2024, 11, 25)}),
    ("于2024/11/25发布", DCT, "2024/11/25", {"kind": "point", "start": D(2024, 11, 25)}),
    ("2024年2月29日", DCT, "2024年2月29日", {"kind": "point", "start": D(2024, 2, 29)}),
    ("二〇二四年十一月二十五日", DCT, "二〇二四年十一月二十五日", {"kind": "point", "start": D(2024, 11, 25)}),
    ("11月25日，活动举行", DCT, "11月25日", {"kind": "point", "start": D(2025, 11, 25), "relative": True}),
    ("3月20日将举行", DCT, "3月20日", {"kind": "point", "start": D(2026, 3, 20)}),
    ("5月10日将开幕", DCT, "5月10日", {"kind": "point", "start": D(2026, 5, 10)}),
    ("5月20日将开幕", DCT, "5月20日", {"kind": "point", "start": D(2025, 5, 20)}),
    ("12月，产量增长", JANUARY, "12月", {"kind": "period", "start": D(2025, 12, 1), "end": D(2025, 12, 31)}),
    ("2月，将开工", JANUARY, "2月", {"kind": "period", "start": D(2026, 2, 1), "end": D(2026, 2, 28)}),
    ("12月31日，项目投产", JANUARY, "12月31日", {"kind": "point", "start": D(2025, 12, 31)}),
    ("1月5日，项目投产", JANUARY, "1月5日", {"kind": "point", "start": D(2026, 1, 5)}),
    ("今年8月，工信部", DCT, "今年8月", {"start": D(2026, 8, 1), "end": D(2026, 8, 31), "granularity": "month"}),
    ("2025年11月登陆港交所", DCT, "2025年11月", {"start": D(2025, 11, 1), "end": D(2025, 11, 30)}),
    ("二〇二四年，产量", DCT, "二〇二四年", {"kind": "period", "start": D(2024, 1, 1), "end": D(2024, 12, 31)}),
    ("力争到2027 年，全市", DCT, "2027 年", {"start": D(2027, 1, 1), "end": D(2027, 12, 31), "granularity": "year"}),
    ("一季度，出口增长", DCT, "一季度", {"start": D(2026, 1, 1), "end": D(2026, 3, 31), "granularity": "quarter"}),
    ("今年前三季度，产值", DCT, "今年前三季度", {"start": D(2026, 1, 1), "end": D(2026, 9, 30), "cumulative": True}),
    ("下半年，投资回升", DCT, "下半年", {"start": D(2026, 7, 1), "end": D(2026, 12, 31), "granularity": "half"}),
    ("1至10月，产值", DECEMBER, "1至10月", {"start": D(2025, 1, 1), "end": D(2025, 10, 31), "cumulative": True}),
    ("1—11月，工业投资", JANUARY, "1—11月", {"start": D(2025, 1, 1), "end": D(2025, 11, 30), "cumulative": True}),
    ("1-11月，工业投资", DECEMBER, "1-11月", {"start": D(2025, 1, 1), "end": D(2025, 11, 30), "relative": True}),
    # an ordinal week of a year is its ISO 8601 week, Monday to Sunday (week 53 of 2020 ends in 2021)
    ("2018年第04周(01月22日~01月28日),深圳全市商品房共成交930套", None, "2018年第04周",
     {"start": D(2018, 1, 22), "end": D(2018, 1, 28), "relative": False}),
    ("2020年第53周，全国成交", DCT, "2020年第53周", {"start": D(2020, 12, 28), "end": D(2021, 1, 3)}),
    # ― (U+2015, a horizontal bar) joins a range of months as — does
    ("今年1―5月,全区累计实现新增就业", D(2010, 6, 22), "今年1―5月",
     {"start": D(2010, 1, 1), "end": D(2010, 5, 31), "cumulative": True}),
    ("1～11月，工业投资", DECEMBER, "1～11月", {"start": D(2025, 1, 1), "end": D(2025, 11, 30)}),
    ("3至5月，工业投资", DECEMBER, "3至5月", {"start": D(2025, 3, 1), "end": D(2025, 5, 31), "cumulative": False}),
    ("2025年1—11月，沙坪坝", DCT, "2025年1—11月", {"start": D(2025, 1, 1), "end": D(2025, 11, 30), "relative": False}),
    ("计划（2025—2027）", DCT, "2025—2027", {"start": D(2025, 1, 1), "end": D(2027, 12, 31), "granularity": "years"}),
    ("2026至2028年", DCT, "2026至2028年", {"start": D(2026, 1, 1), "end": D(2028, 12, 31)}),
    ("2025年1月至2026年3月", DCT, "2025年1月至2026年3月", {"start": D(2025, 1, 1), "end": D(2026, 3, 31)}),
    ("11月25日至27日举办", DECEMBER, "11月25日至27日", {"start": D(2025, 11, 25), "end": D(2025, 11, 27)}),
    ("11月至2月为枯水期", DCT, "11月至2月", {"start": D(2025, 11, 1), "end": D(2026, 2, 28)}),
    ("十四五期间", DCT, "十四五期间", {"start": D(2021, 1, 1), "end": D(2025, 12, 31), "granularity": "years"}),
    ("“十三五”时期", DCT, "“十三五”时期", {"start": D(2016, 1, 1), "end": D(2020, 12, 31)}),
    ("到“十五五”末", DCT, "“十五五”末", {"start": D(2030, 12, 1), "end": D(2030, 12, 31)}),
    ("明年，将建成", DCT, "明年", {"start": D(2027, 1, 1), "end": D(2027, 12, 31), "relative": True}),
    ("前年，全市产值", DCT, "前年", {"start": D(2024, 1, 1), "end": D(2024, 12, 31)}),
    ("39年前，他在凤凰", DECEMBER, "39年前", {"kind": "period", "start": D(1986, 1, 1), "end": D(1986, 12, 31)}),
    ("三十年前，他来到这里", DCT, "三十年前", {"start": D(1996, 1, 1), "end": D(1996, 12, 31)}),
    # in the season of annual reviews (before April) the last N years are the N finished ones; later in the year
    # the span covers both readings (the N finished years, or this one and the N-1 before it)
    ("近五年，全市", DCT, "近五年", {"start": D(2021, 1, 1), "end": D(2025, 12, 31), "granularity": "years"}),
    ("过去一年，全市", DCT, "过去一年", {"start": D(2025, 1, 1), "end": D(2025, 12, 31)}),
    ("近五年，全市", D(2026, 6, 15), "近五年", {"start": D(2021, 1, 1), "end": D(2026, 6, 15)}),
    ("过去五年“平安成绩单”", DECEMBER, "过去五年", {"start": D(2020, 1, 1), "end": DECEMBER}),
    ("五年来破获各类案件", DCT, "五年来", {"start": D(2021, 1, 1), "end": D(2025, 12, 31), "cumulative": True}),
    ("近年来，我市", DCT, "近年来", {"kind": "period", "start": None, "end": DCT}),
    ("截至目前，全市", DCT, "截至目前", {"kind": "asof", "start": DCT, "end": DCT}),
    ("目前，重庆已集聚", DCT, "目前", {"kind": "asof", "start": DCT, "end": DCT}),
    ("截至2025年底，累计", DCT, "截至2025年底", {"kind": "asof", "start": D(2025, 12, 31), "end": D(2025, 12, 31)}),
    ("截至今年2月，累计", DCT, "截至今年2月", {"kind": "asof", "start": D(2026, 2, 28)}),
    ("截至今年3月，累计", DCT, "截至今年3月", {"kind": "asof", "start": DCT}),
    ("新能源车四年产量激增", DCT, "四年", {"kind": "duration", "length": "P4Y", "start": None}),
    ("上市仅50天", DCT, "50天", {"kind": "duration", "length": "P50D"}),
    ("历经11个月建成", DCT, "11个月", {"kind": "duration", "length": "P11M", "granularity": "month"}),
    ("产量连续11年全球第一", DCT, "连续11年", {"kind": "duration", "length": "P11Y"}),
    ("她连续十多天坚守", DCT, "连续十多天", {"kind": "duration", "length": "P10D", "granularity": "day"}),
    ("用了半年时间", DCT, "半年", {"kind": "duration", "length": "P6M"}),
    ("用了1.5年时间", DCT, "1.5年", {"kind": "duration", "length": "P1.5Y"}),
    ("接近3年的时间", DCT, "3年", {"kind": "duration", "length": "P3Y"}),  # nearly 3 years, not 近3年
    ("2024年全年，产量", DCT, "2024年全年", {"start": D(2024, 1, 1), "end": D(2024, 12, 31), "granularity": "year"}),
    ("今年以来，全市", DCT, "今年以来", {"start": D(2026, 1, 1), "end": DCT, "cumulative": True, "relative": True}),
    ("2020年至今，累计", DCT, "2020年至今", {"start": D(2020, 1, 1), "end": DCT, "cumulative": True}),
    ("前10个月，产值", DECEMBER, "前10个月", {"start": D(2025, 1, 1), "end": D(2025, 10, 31), "cumulative": True}),
    ("上个月，产值", DCT, "上个月", {"start": D(2026, 2, 1), "end": D(2026, 2, 28)}),
    ("2025年底建成", DCT, "2025年底", {"start": D(2025, 12, 1), "end": D(2025, 12, 31), "granularity": "month"}),
    ("力争到2030年产值突破万亿元", DCT, "2030年", {"start": D(2030, 1, 1), "end": D(2030, 12, 31)}),
    ("2024年度报告", DCT, "2024年度", {"start": D(2024, 1, 1), "end": D(2024, 12, 31)}),
    ("今年，全市", None, "今年", {"kind": "period", "start": None, "end": None, "relative": True}),
    # approximate counts (多, 余, 几, 来) keep their round length and say so
    ("她连续十多天坚守", DCT, "连续十多天", {"length": "P10D", "approximate": True}),
    ("在此工作20余年", DCT, "20余年", {"kind": "duration", "length": "P20Y", "approximate": True}),
    ("十来天就完工", DCT, "十来天", {"kind": "duration", "length": "P10D", "approximate": True}),
    ("二十来年的坚守", DCT, "二十来年", {"length": "P20Y", "approximate": True}),
    ("十多年前，他来到这里", DCT, "十多年前", {"start": D(2007, 1, 1), "end": D(2015, 12, 31), "approximate": True}),
    ("二十多年来，全市", DCT, "二十多年来", {"kind": "period", "start": None, "end": DCT, "approximate": True}),
    ("多年来，全市", DCT, "多年来", {"kind": "period", "end": DCT, "approximate": True}),
    ("上市仅50天", DCT, "50天", {"length": "P50D", "approximate": False}),
    ("五年来破获", DCT, "五年来", {"approximate": False}),
    # a one-character numeral + 天 glued to a word is a name, unless a word opens the duration
    ("从考察到签约仅用了45天", DCT, "45天", {"kind": "duration", "length": "P45D"}),
    ("用了九天建成", DCT, "九天", {"kind": "duration", "length": "P9D"}),
    ("这三天里，全市", DCT, "三天", {"kind": "duration", "length": "P3D"}),
    ("博览会为期两天", DCT, "两天", {"kind": "duration", "length": "P2D"}),
    ("九天后，项目投产", DCT, "九天", {"kind": "duration", "length": "P9D"}),
    ("四年增长两倍", DCT, "四年", {"kind": "duration", "length": "P4Y"}),
    ("工期缩短十多天", DCT, "十多天", {"kind": "duration", "length": "P10D"}),
    # a bare year range stands alone; one with 年 is a range whatever precedes it
    ("在 2025-2027 期间", DCT, "2025-2027", {"start": D(2025, 1, 1), "end": D(2027, 12, 31)}),
    ("GB2025-2027年规划", DCT, "2025-2027年", {"start": D(2025, 1, 1), "end": D(2027, 12, 31)}),
    ("2024年，全市", None, "2024年", {"start": D(2024, 1, 1), "end": D(2024, 12, 31)}),
    # official holidays, from rules/lexicon/holidays.yaml
    ("2024年国庆假期，全国", DCT, "2024年国庆假期",
     {"start": D(2024, 10, 1), "end": D(2024, 10, 7), "granularity": "day"}),
    ("2023年中秋国庆假期", DCT, "2023年中秋国庆假期", {"start": D(2023, 9, 29), "end": D(2023, 10, 6)}),
    ("2025年中秋假期", DCT, "2025年中秋假期", {"start": D(2025, 10, 1), "end": D(2025, 10, 8)}),  # joined
    ("2023年元旦假期", DCT, "2023年元旦假期", {"start": D(2022, 12, 31), "end": D(2023, 1, 2)}),
    ("2022年端午节假期", DCT, "2022年端午节假期", {"start": D(2022, 6, 3), "end": D(2022, 6, 5)}),
    ("2021年清明假期", DCT, "2021年清明假期", {"start": D(2021, 4, 3), "end": D(2021, 4, 5)}),
    ("2019年“五一”假期", DCT, "2019年“五一”假期", {"start": D(2019, 5, 1), "end": D(2019, 5, 4)}),
    ("2020年春节假期", DCT, "2020年春节假期", {"start": D(2020, 1, 24), "end": D(2020, 2, 2)}),
    ("2026年春节假期", DCT, "2026年春节假期", {"start": D(2026, 2, 15), "end": D(2026, 2, 23)}),
    ("春节期间，全市", D(2025, 2, 10), "春节期间", {"start": D(2025, 1, 28), "end": D(2025, 2, 4), "relative": True}),
    ("劳动节假期，全市", D(2026, 5, 6), "劳动节假期", {"start": D(2026, 5, 1), "end": D(2026, 5, 5)}),
    ("2003年春节假期", DCT, "2003年春节假期", {"kind": "period", "start": None, "end": None}),  # not in the calendar
    # 同期 names the same part of the year as the period before it
    ("1—11月，产值比去年同期增长", DECEMBER, "去年同期", {"start": D(2024, 1, 1), "end": D(2024, 11, 30)}),
    ("春节假期，人次恢复至2019年同期的九成", D(2023, 1, 30), "2019年同期",
     {"start": D(2019, 2, 4), "end": D(2019, 2, 10)}),
    ("2019年同期", DCT, "2019年同期", {"start": D(2019, 1, 1), "end": D(2019, 12, 31)}),  # no part before it
    # 年末 is a state on 31 December; in a January release 全年 and 年末 are the reported year
    ("2024年末全国人口", DCT, "2024年末", {"kind": "asof", "start": D(2024, 12, 31), "end": D(2024, 12, 31)}),
    ("2024年末人口，全年出生人口", D(2025, 1, 17), "全年", {"start": D(2024, 1, 1), "end": D(2024, 12, 31)}),
    ("2024年末人口，年末城镇人口", D(2025, 1, 17), "年末", {"kind": "asof", "start": D(2024, 12, 31)}),
    ("全年出生人口", D(2025, 1, 17), "全年", {"start": D(2025, 1, 1), "end": D(2025, 12, 31)}),  # no year named
    ("2025年，全年目标", D(2025, 1, 17), "全年", {"start": D(2025, 1, 1)}),  # the named year is this one
    # the first year an early-year release writes is the year it reports on, even after 全年 and 年末
    ("全年粮食增产，年末人口下降。2024年，全市", D(2025, 1, 17), "全年", {"start": D(2024, 1, 1)}),
    ("全年粮食增产，年末人口下降。2024年，全市", D(2025, 1, 17), "年末", {"kind": "asof", "start": D(2024, 12, 31)}),
    ("全年粮食增产。2024年，全市", D(2025, 6, 17), "全年", {"start": D(2025, 1, 1)}),  # mid-year: this year
    ("全年目标。2025年，全市", D(2025, 1, 17), "全年", {"start": D(2025, 1, 1)}),
    ("2023年，出游人次增长；其中一季度增长46%", D(2024, 2, 9), "一季度",
     {"start": D(2023, 1, 1), "end": D(2023, 3, 31)}),
    ("2023年，出游人次增长；一季度增长46%", D(2024, 5, 9), "一季度", {"start": D(2024, 1, 1)}),  # closed by then
    # 上年 counts from the year reported on, not from the document's year
    ("2024年，产值比上年增长", D(2025, 1, 17), "上年", {"start": D(2023, 1, 1), "end": D(2023, 12, 31)}),
    ("2024年末人口比上年末增加", D(2025, 1, 17), "上年末", {"kind": "asof", "start": D(2023, 12, 31)}),
    ("2024年前三季度，比上年同期增长", D(2024, 12, 10), "上年同期", {"start": D(2023, 1, 1), "end": D(2023, 9, 30)}),
    ("产值比上年增长", D(2025, 6, 1), "上年", {"start": D(2024, 1, 1)}),  # nothing reported on: last year
    # days and weeks from the document date (2025-01-17 is a Friday)
    ("昨日，数据发布", D(2025, 1, 17), "昨日", {"kind": "point", "start": D(2025, 1, 16), "relative": True}),
    ("明天开幕", D(2025, 1, 17), "明天", {"kind": "point", "start": D(2025, 1, 18)}),
    ("前天召开", D(2025, 1, 17), "前天", {"start": D(2025, 1, 15)}),
    ("上周四召开", D(2025, 1, 17), "上周四", {"kind": "point", "start": D(2025, 1, 9)}),
    ("上周日闭幕", D(2025, 1, 17), "上周日", {"start": D(2025, 1, 12)}),
    ("下周举行", D(2025, 1, 17), "下周", {"kind": "period", "start": D(2025, 1, 20), "end": D(2025, 1, 26)}),
    ("本周以来", D(2025, 1, 17), "本周以来", {"start": D(2025, 1, 13), "end": D(2025, 1, 17)}),
    ("星期一开盘", D(2025, 1, 17), "星期一", {"kind": "point", "start": D(2025, 1, 13)}),
    ("周一至周五", D(2025, 1, 17), "周一至周五", {"start": D(2025, 1, 13), "end": D(2025, 1, 17)}),
    ("29日发布", D(2025, 12, 1), "29日", {"kind": "point", "start": D(2025, 11, 29)}),
    ("29日将发布", D(2025, 11, 27), "29日", {"start": D(2025, 11, 29)}),
    ("3日开幕", D(2025, 11, 29), "3日", {"start": D(2025, 12, 3)}),
    ("31日发布", D(2025, 5, 2), "31日", {"start": D(2025, 5, 31)}),  # no 31 April: the 31st of a month beside
    ("11月25日至27日", DCT, "11月25日至27日", {"start": D(2025, 11, 25), "end": D(2025, 11, 27)}),
    ("从上周四到10月1日", D(2025, 1, 17), "上周四到10月1日", {"start": D(2025, 1, 9), "end": D(2025, 10, 1)}),
    # open-ended periods and spans between two periods
    ("2018年以前建成", DCT, "2018年以前", {"kind": "period", "start": None, "end": D(2018, 12, 31)}),
    ("2018年之前", DCT, "2018年之前", {"start": None, "end": D(2018, 12, 31)}),
    ("截至2018年底", DCT, "截至2018年底", {"kind": "asof", "start": D(2018, 12, 31)}),
    ("在2015年和2018年之间", DCT, "2015年和2018年之间",
     {"start": D(2015, 1, 1), "end": D(2018, 12, 31), "granularity": "years"}),
    ("3月与5月之间", DCT, "3月与5月之间", {"start": D(2026, 3, 1), "end": D(2026, 5, 31)}),
    # two-digit years are years; a year long past is kept as written
    ("08年金融危机", DCT, "08年", {"kind": "period", "start": D(2008, 1, 1), "end": D(2008, 12, 31)}),
    ("’98年洪水", DCT, "98年", {"start": D(1998, 1, 1)}),
    ("1357年建城", DCT, "1357年", {"start": D(1357, 1, 1), "end": D(1357, 12, 31)}),
    # an undated text places a part without a year in the first year it writes, unless that is a base or a since
    ("2020年上半年，全市用电量增长。上半年，第一产业", None, "上半年",
     {"start": D(2020, 1, 1), "end": D(2020, 6, 30), "granularity": "half"}),
    ("2020年上半年，全市用电量增长。6月份，用电量", None, "6月份", {"start": D(2020, 6, 1), "end": D(2020, 6, 30)}),
    ("2019年前5个月，我国进出口。5月，进出口", None, "5月", {"start": D(2019, 5, 1)}),
    ("2023年五一假期，出游人次。五一假期，收入", None, "五一假期", {"start": D(2023, 4, 29), "end": D(2023, 5, 3)}),
    ("产值比2019年同期增长。上半年，产量", None, "上半年", {"start": None}),  # a base is no year reported on
    ("2018年以来，产量增长。上半年，产值", None, "上半年", {"start": None}),  # nor a span up to an unknown day
    ("今年前7个月，吞吐量增长。7月份，吞吐量", None, "7月份", {"start": None}),  # 今年 without a date writes none
    # … and 今年 in an undated text is that year too (2005年春节黄金周 written later), unless only a base is written
    ("今年春节黄金周期间，全国接待旅游者6902万人次。2005年春节黄金周各省", None, "今年春节黄金周期间",
     {"start": D(2005, 2, 9), "end": D(2005, 2, 15)}),
    ("2022年半年度数据。今年上半年，营业收入增长", None, "今年上半年", {"start": D(2022, 1, 1), "end": D(2022, 6, 30)}),
    ("产量比2020年增加。今年上半年，产量", None, "今年上半年", {"start": None}),
    ("2020年上半年，用电量。上半年，产量", D(2021, 8, 1), "上半年", {"start": D(2021, 1, 1)}),  # dated: its date
    # 十一 is 国庆 before a holiday suffix; before 月, 日, 个 it is a numeral (十一月)
    ("今年“十一”黄金周期间，全市旅游收入", D(2010, 10, 8), "今年“十一”黄金周期间",
     {"start": D(2010, 10, 1), "end": D(2010, 10, 7)}),
    ("十一假期，出游人次", D(2016, 10, 8), "十一假期", {"start": D(2016, 10, 1), "end": D(2016, 10, 7)}),
    ("今年十一月，产值", D(2011, 12, 1), "今年十一月", {"start": D(2011, 11, 1), "end": D(2011, 11, 30)}),
    ("2005年春节黄金周", DCT, "2005年春节黄金周", {"start": D(2005, 2, 9), "end": D(2005, 2, 15)}),  # 2005–2017 too
    ("2012年国庆假期", DCT, "2012年国庆假期", {"start": D(2012, 9, 30), "end": D(2012, 10, 7)}),  # joined with 中秋
    # 暑期 is the summer season (暑运's days); 暑期档 is the films' season, no holiday
    ("今年暑期铁路客流旺盛", D(2024, 9, 1), "今年暑期", {"start": D(2024, 7, 1), "end": D(2024, 8, 31)}),
    ("2024年暑期档电影票房", D(2024, 9, 1), "2024年", {"start": D(2024, 1, 1), "end": D(2024, 12, 31)}),
    # 元 is January before 月 or in a range of months, never the currency after a figure
    ("元至7月，该县财政总收入", D(2010, 8, 17), "元至7月",
     {"start": D(2010, 1, 1), "end": D(2010, 7, 31), "cumulative": True}),
    ("元月份，产值", D(2011, 3, 1), "元月份", {"start": D(2011, 1, 1), "end": D(2011, 1, 31)}),
    ("每吨5元至7月底", D(2011, 9, 1), "7月底", {"start": D(2011, 7, 31)}),
    # the same holiday in another year
    ("国庆假期客流比2019年国庆假期增长", D(2024, 10, 8), "2019年国庆假期",
     {"start": D(2019, 10, 1), "end": D(2019, 10, 7)}),
]


@pytest.mark.parametrize(("text", "dct", "surface", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_period_table(
    text: str, dct: dt.date | None, surface: str, expected: dict, lexicon: PeriodLexicon
) -> None:
    """Each sentence yields the mention with the expected Period fields."""
    period = _mention(text, dct, surface, lexicon)
    assert {field: getattr(period, field) for field in expected} == expected


# (sentence, text that must not be, or lie inside, a time mention)
NOT_CASES = [
    ("新材料企业占规上材料企业的1/5。", "1/5"),
    ("智能终端制造业实现产值2134.3亿元。", "2134.3"),
    ("保税进出口同比增长148.7%。", "148.7%"),
    ("重庆正打造“33618”现代制造业集群体系。", "33618"),
    ("投资2.5万元", "2.5万"),
    ("集聚企业1200余家", "1200余家"),
    ("这是项目建设的第3年", "第3年"),
    ("新增年产能10万吨", "年产能"),
    ("该项目达产后年产值可达12亿元。", "后年"),
    ("3200万人口的城市", "3200万人口"),
    ("华龙一号核电机组顺利并网。", "一号"),
    ("年轻人失去年轻的朝气", "去年"),
    ("统一年度计划", "一年"),
    ("三年级学生", "三年"),
    ("这家拥有数十年历史的老牌企业", "数十年"),
    ("2024年11月31日", "2024年11月31日"),
    ("2134年的设想", "2134年"),
    ("最近天气晴好", "最近天"),
    ("建厂一周年", "一周"),
    ("智能产值2134.3亿元，增长2024.5倍", "2024.5"),
    ("华大九天发布公告", "九天"),
    ("影片上映第3周票房回落", "第3周"),  # a week of no year counts a film's weeks, no week of the calendar
    ("华大九天", "九天"),
    ("一来天气好，二来人手足", "一来天"),
    ("依据GB/T 15835-2011标准", "15835-2011"),
    ("日期格式遵循ISO 8601-2019", "8601-2019"),
    ("依据GB/T 2022-2024规定", "2022-2024"),
    ("ISO 2022-1994编码", "2022-1994"),
    ("型号A2025-2027的设备", "2025-2027"),
    ("合同编号2025-2027-01号", "2025-2027"),
    ("春节联欢晚会收视率创新高", "春节"),  # a holiday name alone is a name, not a span of days
    ("国庆节献礼影片", "国庆节"),
    ("已有1500年历史", "1500年"),
    ("建城1300多年", "1300多年"),
    ("周日均客流10万人次", "周日"),
    ("本周期内完成", "本周"),
    ("30日内完成", "30日"),
    ("今日头条发布财报", "今日"),
    ("一日游线路", "一日"),
    ("货物周转量增长", "周转"),
    ("与上年比，比重上升", "上年"),  # 与上年比 names a comparison's base
    ("以上年份", "上年"),
]


@pytest.mark.parametrize(("text", "mark"), NOT_CASES, ids=[c[1] for c in NOT_CASES])
def test_not_a_time(text: str, mark: str, lexicon: PeriodLexicon) -> None:
    """No time mention overlaps the marked text."""
    lo = text.index(mark)
    hi = lo + len(mark)
    found = find_periods(text, DECEMBER, lexicon)
    assert [text[s:e] for s, e, _ in found if s < hi and lo < e] == []


def test_year_after_next_at_clause_start(lexicon: PeriodLexicon) -> None:
    """后年 at a clause start is the year after next."""
    period = _mention("规划提出，后年建成投产", DCT, "后年", lexicon)
    assert (period.start, period.end) == (D(2028, 1, 1), D(2028, 12, 31))


def test_longest_match_wins(lexicon: PeriodLexicon) -> None:
    """A full date is one mention, not a year, a month and a day."""
    text = "2024年11月25日，去年前三季度"
    assert [text[s:e] for s, e, _ in find_periods(text, DCT, lexicon)] == ["2024年11月25日", "去年前三季度"]


# --- dates.py ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("2024年11月25日", D(2024, 11, 25)),
        ("2024-11-25", D(2024, 11, 25)),
        ("2024 年11月25号", D(2024, 11, 25)),
        ("2023年2月29日", None),
        ("2024年", None),
        ("11月25日", None),
    ],
)
def test_parse_full_date(surface: str, expected: dt.date | None) -> None:
    """Only fully written, real dates are parsed; partial ones are refused rather than guessed."""
    assert parse_full_date(surface, DCT) == expected


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)), form=st.sampled_from(
    ("{y}年{m}月{d}日", "{y}年{m:02d}月{d:02d}号", "{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m:02d}.{d:02d}")),
    shift=st.integers(0, 3))
def test_full_dates_read_by_the_standard_library_agree_with_dateparser(day: dt.date, form: str, shift: int) -> None:
    """A full numeric date, real or not (day pushed past the month's end), reads as dateparser reads it."""
    import dateparser

    written = (day.year, day.month, day.day + shift * 10)
    surface = form.format(y=written[0], m=written[1], d=written[2])
    settings_ = {"STRICT_PARSING": True, "DATE_ORDER": "YMD", "PREFER_LOCALE_DATE_ORDER": False}
    parsed = dateparser.parse(surface.replace("号", "日"), languages=["zh"], settings=settings_)
    # The adapter always refused a reading whose fields differ from the written ones.
    expected = parsed.date() if parsed is not None and (parsed.year, parsed.month, parsed.day) == written else None
    assert parse_full_date(surface, DCT) == expected


def test_infer_year_looks_back_past_two_months() -> None:
    """A month more than two months after the document date is last year's."""
    assert infer_year(5, 15, DCT) == 2026
    assert infer_year(5, 16, DCT) == 2025
    assert infer_year(12, 1, JANUARY) == 2025


def test_periods_import_does_not_load_dateparser() -> None:
    """Importing the grammar does not import dateparser, whose import is slow."""
    code = "import sys, checker.extract.periods; sys.exit('dateparser' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False, cwd=REPO).returncode == 0


# --- the lexicon file -------------------------------------------------------------------------


def _load(tmp_path: Path, text: str) -> PeriodLexicon:
    """Load a lexicon from the given YAML text."""
    path = tmp_path / "periods.yaml"
    path.write_text(text, encoding="utf-8")
    return load_period_lexicon(path)


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("plans:\n  十四五: {start: 2021, end: 2025\n", 3, None),
        ("plans:\n  十四五: {start: 2021}\n", 2, "plans.十四五"),
        ("plans: {}\nweekdays: [周一]\n", 2, "weekdays"),
        ("year_parts:\n  一季度: {months: [1, 3], granularity: season}\n", 2, "year_parts.一季度"),
        ("year_parts:\n  一季度: {months: [3, 1], granularity: quarter}\n", 2, "year_parts.一季度"),
        ("suffixes:\n  以来: afterwards\n", 2, "suffixes.以来"),
        ("relative_years:\n  去年: {offset: -1, colour: red}\n", 2, "relative_years.去年"),
        ("fixed_durations:\n  半年: six months\n", 2, "fixed_durations.半年"),
        ("asof_words: 目前\n", 1, "asof_words"),
        ("duration_units:\n  天: {designator: D, granularity: day, name_guard: yes please}\n", 2, "duration_units.天"),
        ("round_markers: 来\n", 1, "round_markers"),
        ("reference_days:\n  第七次全国人口普查: 2020年11月1日\n", 2, "reference_days.第七次全国人口普查"),
        ("- 目前\n", 1, None),
        ("a: &x [1]\nplans: *x\n", 2, None),
    ],
)
def test_malformed_lexicon(tmp_path: Path, text: str, line: int | None, key: str | None) -> None:
    """A malformed lexicon raises RuleFileError naming the file, line and key."""
    with pytest.raises(RuleFileError) as raised:
        _load(tmp_path, text)
    assert (raised.value.line, raised.value.key) == (line, key)
    assert raised.value.path.endswith("periods.yaml")


def test_lexicon_alias_is_refused(tmp_path: Path) -> None:
    """A YAML alias in the period lexicon is refused before it is expanded, like in every other loaded file."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nplans: {}\n"
    with pytest.raises(RuleFileError) as raised:
        _load(tmp_path, bomb)
    assert "别名" in raised.value.problem and raised.value.line == 2


def test_lexicon_drives_the_grammar(tmp_path: Path) -> None:
    """A word added to the lexicon is recognised; an empty lexicon still reads plain years."""
    lexicon = _load(tmp_path, "plans:\n  十六五: {start: 2031, end: 2035}\n")
    text = "十六五期间，2024年"
    assert [text[s:e] for s, e, _ in find_periods(text, DCT, lexicon)] == ["十六五", "2024年"]


def test_holiday_calendar_covers_2019_to_2026(lexicon: PeriodLexicon) -> None:
    """Every year 2019–2026 has each official holiday (国庆 and 中秋 possibly joined), each a few days long."""
    holidays = lexicon.holidays
    for year in range(2019, 2027):
        for key in ("元旦", "春节", "清明", "劳动节", "端午", "中秋", "国庆"):
            days = holidays.days_of(key, year)
            assert days is not None, (year, key)
            assert 1 <= (days[1] - days[0]).days + 1 <= 10 and days[1].year == year, (year, key)


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("calendar:\n  2024:\n    春节: [2024-02-17, 2024-02-10]\n", 3, "calendar.2024.春节"),
        ("calendar:\n  2024:\n    春节: 2024-02-10\n", 3, "calendar.2024.春节"),
        ("names:\n  春节: 1\n", 2, "names.春节"),
        ("festivals: {}\n", 1, "festivals"),
    ],
)
def test_malformed_holiday_calendar(tmp_path: Path, text: str, line: int | None, key: str) -> None:
    """A malformed holiday calendar raises RuleFileError naming the file, line and key."""
    (tmp_path / "holidays.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as raised:
        _load(tmp_path, "holiday_calendar: holidays.yaml\n")
    assert (raised.value.line, raised.value.key) == (line, key)
    assert raised.value.path.endswith("holidays.yaml")


def test_missing_lexicon(tmp_path: Path) -> None:
    """A missing lexicon file raises RuleFileError, not OSError."""
    with pytest.raises(RuleFileError):
        load_period_lexicon(tmp_path / "absent.yaml")


# --- properties -------------------------------------------------------------------------------

_GRAMMAR_CHARS = ("0123456789年月日号天个周至到-—～.%/前后今去明近过来以截目底初末季度上下半全"
                  "第一二三四五六七八九十两〇零多余数连续，。“”十四五期间"
                  "昨星礼拜本这之和与’历史春节国庆假")  # days, weeks, spans, far years, holidays
_TEXTS = st.one_of(st.text(), st.text(alphabet=_GRAMMAR_CHARS, max_size=60))
_DCTS = st.one_of(st.none(), st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, dct=_DCTS)
def test_find_periods_is_total_and_well_formed(
    text: str, dct: dt.date | None, lexicon: PeriodLexicon
) -> None:
    """find_periods never raises; spans are ordered, in bounds and disjoint; anchored periods run forwards."""
    found = find_periods(text, dct, lexicon)
    previous_end = 0
    for start, end, period in found:
        assert previous_end <= start < end <= len(text)
        previous_end = end
        if period.start is not None and period.end is not None:
            assert period.start <= period.end
        assert (period.kind == "duration") == (period.length is not None)


def test_a_backwards_span_stays_two_periods(lexicon: PeriodLexicon) -> None:
    """2018年和2015年之间 runs backwards: two years, never one span."""
    found = find_periods("2018年和2015年之间", DCT, lexicon)
    spans = [(p.start, p.end) for _, _, p in found]
    assert spans == [(D(2018, 1, 1), D(2018, 12, 31)), (D(2015, 1, 1), D(2015, 12, 31))]


@settings(max_examples=200, deadline=None)
@given(day=st.integers(1, 31), dct=st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)))
def test_bare_day_is_the_nearest_such_day(day: int, dct: dt.date, lexicon: PeriodLexicon) -> None:
    """f"{d}日" is a day numbered d, never more than about a month from the document date."""
    (found,) = find_periods(f"{day}日，", dct, lexicon)
    period = found[2]
    assert period.start == period.end and period.start.day == day
    assert abs((period.start - dct).days) <= 31


@settings(max_examples=200, deadline=None)
@given(weekday=st.sampled_from("一二三四五六日"), weeks=st.sampled_from(["上周", "本周", "下周", "星期", "周"]),
       dct=st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)))
def test_weekdays_fall_in_their_week(weekday: str, weeks: str, dct: dt.date, lexicon: PeriodLexicon) -> None:
    """上周四 / 周四 is a Thursday of last week / this week (weeks run Monday to Sunday)."""
    (found,) = find_periods(f"{weeks}{weekday}，", dct, lexicon)
    day = found[2].start
    offset = {"上周": -1, "下周": 1}.get(weeks, 0)
    assert day.isoweekday() == "一二三四五六日".index(weekday) + 1
    assert (day - dt.timedelta(days=day.weekday())) - (dct - dt.timedelta(days=dct.weekday())) == dt.timedelta(
        weeks=offset)


@settings(max_examples=200, deadline=None)
@given(year=st.integers(1950, 2099), month=st.integers(1, 12), dct=_DCTS)
def test_year_month_is_exactly_that_month(
    year: int, month: int, dct: dt.date | None, lexicon: PeriodLexicon
) -> None:
    """f"{y}年{m}月" yields exactly one mention: that calendar month."""
    text = f"{year}年{month}月"
    found = find_periods(text, dct, lexicon)
    assert len(found) == 1
    start, end, period = found[0]
    assert (start, end, period.kind, period.granularity) == (0, len(text), "period", "month")
    assert period.start == D(year, month, 1)
    assert period.end.month == month and (period.end + dt.timedelta(days=1)).day == 1


@settings(max_examples=100, deadline=None)
@given(years=st.integers(1, 99), dct=st.dates(min_value=D(1950, 1, 1), max_value=D(2099, 12, 31)))
def test_years_ago_is_that_year(years: int, dct: dt.date, lexicon: PeriodLexicon) -> None:
    """f"{n}年前" is the whole calendar year n years before the document's year."""
    found = find_periods(f"{years}年前，", dct, lexicon)
    assert [(p.kind, p.start, p.end) for _, _, p in found] == [
        ("period", D(dct.year - years, 1, 1), D(dct.year - years, 12, 31))
    ]


@pytest.mark.parametrize(("text", "surface", "start", "end"), [
    ("9月下旬开工。", "9月下旬", D(2025, 9, 21), D(2025, 9, 30)),
    ("2024年2月下旬开工。", "2024年2月下旬", D(2024, 2, 21), D(2024, 2, 29)),
    ("2024年3月上旬。", "2024年3月上旬", D(2024, 3, 1), D(2024, 3, 10)),
    ("2024年春运期间。", "2024年春运期间", D(2024, 1, 26), D(2024, 3, 5)),
    ("2024年暑运。", "2024年暑运", D(2024, 7, 1), D(2024, 8, 31)),
    ("3·15晚会。", "3·15", D(2026, 3, 15), D(2026, 3, 15)),
    ("3月5日上午开幕。", "3月5日上午", D(2026, 3, 5), D(2026, 3, 5)),
    ("2024年1—3季度。", "2024年1—3季度", D(2024, 1, 1), D(2024, 9, 30)),
    ("2024年首季。", "2024年首季", D(2024, 1, 1), D(2024, 3, 31)),
    ("2024年头两个月。", "2024年头两个月", D(2024, 1, 1), D(2024, 2, 29)),
    ("2022年前两月，进出口增长。", "2022年前两月", D(2022, 1, 1), D(2022, 2, 28)),
])
def test_thirds_of_months_travel_seasons_and_times_of_day(lexicon, text, surface, start, end):
    """上旬/中旬/下旬 are thirds of a month, 春运/暑运 the seasons of the calendar, a time of day keeps its day;
    1—3季度, 首季, 头两个月 and 前两月 are other names of 前三季度, 一季度 and 前两个月."""
    period = _mention(text, DCT, surface, lexicon)
    assert (period.start, period.end) == (start, end)


def test_a_dot_date_is_no_decimal_nor_a_year_and_month(lexicon):
    """1.5·3 and “25·7” (a year and a month) are no month·day dates."""
    found = [text for text in ("增长1.5·3倍", "应对“25·7”洪水") for s, e, _ in find_periods(text, DCT, lexicon)
             if "·" in text[s:e]]
    assert found == []


@pytest.mark.parametrize(("text", "surface"), [
    ("3月5日15时30分发车。", "3月5日15时30分"), ("今天下午3点开会。", "今天下午3点"), ("28日18时登陆。", "28日18时"),
])
def test_a_clock_time_keeps_its_day(lexicon, text, surface):
    """A clock time after a day belongs to the day's surface and changes nothing of the day."""
    period = _mention(text, DCT, surface, lexicon)
    assert period.kind == "point" and period.start == period.end


def test_the_marks_of_a_clock_time_come_from_the_lexicon(tmp_path):
    """Without the lexicon's clock_hour_marks, 15时30分 after a day is no part of the day's surface."""
    text = LEXICON_PATH.read_text(encoding="utf-8").replace("clock_hour_marks: [点, 时]", "clock_hour_marks: []")
    (tmp_path / "holidays.yaml").write_text((LEXICON_PATH.parent / "holidays.yaml").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    sentence = "3月5日15时30分发车。"
    surfaces = [sentence[s:e] for s, e, _ in find_periods(sentence, DCT, _load(tmp_path, text))]
    assert surfaces == ["3月5日"]


def test_a_clock_word_is_no_clock_before_a_period_word(lexicon):
    """十四五时期 keeps 时期 as its suffix; 3时期 is no clock time."""
    assert _mention("“十四五”时期。", DCT, "“十四五”时期", lexicon).start == D(2021, 1, 1)


def test_decades_are_the_twentieth_centurys(lexicon):
    """90年代 and 上世纪80年代 are decades of the 1900s; 90后 is a generation, 90年 a length."""
    assert _mention("90年代以来。", DCT, "90年代以来", lexicon).start == D(1990, 1, 1)
    assert _mention("上世纪80年代。", DCT, "上世纪80年代", lexicon).end == D(1989, 12, 31)
    assert [text for text in ("90后青年",) for s, e, _ in find_periods(text, DCT, lexicon)] == []


def test_future_spans_run_from_the_document_date(lexicon):
    """未来五年 and 今后三年 start at the document date; 未来几年 has no stated end."""
    assert _mention("未来五年。", DCT, "未来五年", lexicon).start == DCT
    assert _mention("今后三年。", DCT, "今后三年", lexicon).end == D(2029, 12, 31)
    assert _mention("未来几年。", DCT, "未来几年", lexicon).end is None


@pytest.mark.parametrize(("text", "title", "start"), [
    ("全年全体居民人均可支配收入60925元。", "桐庐县2024年居民收支情况", D(2024, 1, 1)),
    ("全年全体居民人均可支配收入60925元。", "桐庐县居民收支情况", D(2025, 1, 1)),
    ("2025年，全年全体居民人均可支配收入60925元。", "桐庐县2024年居民收支情况", D(2025, 1, 1)),
])
def test_a_title_naming_last_year_is_the_year_a_body_writing_none_reports_on(text, title, start, lexicon):
    """全年 in a body naming no year, under a title naming last year, is that year even past the release season (June
    2025 for 2024's figures); without the title's year, or when the body writes its own, the body decides."""
    found = {text[s:e]: p for s, e, p in find_periods(text, D(2025, 6, 26), lexicon, title)}
    assert found["全年"].start == start
