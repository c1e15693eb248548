"""The data period of an article: the first closed span its title or lead names, never a plan or a base."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract.data_period import find_data_period, find_reference_day

D = dt.date


@pytest.mark.parametrize(("text", "dct", "surface", "start", "end"), [
    ("2023年国民经济和社会发展统计公报\n\n全年粮食增产。", D(2024, 2, 29), "2023年", D(2023, 1, 1), D(2023, 12, 31)),
    ("1-7月，全国一般公共预算收入增长。", D(2021, 8, 19), "1-7月", D(2021, 1, 1), D(2021, 7, 31)),
    # the work report's own year is still running: the year it reviews is the data
    ("2026年政府工作报告\n\n2025年，全省生产总值增长。", D(2026, 2, 2), "2025年", D(2025, 1, 1), D(2025, 12, 31)),
    # a comparison's base is never the data period
    ("较2019年同期增长12%，2021年上半年进出口增长。", D(2021, 7, 20), "2021年上半年", D(2021, 1, 1),
     D(2021, 6, 30)),
    ("2022年国庆假期，全国出游4.2亿人次。", D(2022, 10, 7), "2022年国庆假期", D(2022, 10, 1), D(2022, 10, 7)),
    # a travel season announced on its first day or its eve: the forecast is of the whole season
    ("2019年春运今天开始，铁路预计发送旅客4.1亿人次。", D(2019, 1, 21), "2019年春运", D(2019, 1, 21),
     D(2019, 3, 1)),
    ("明天，2023年春运拉开帷幕，比去年多开列车。", D(2023, 1, 6), "2023年春运", D(2023, 1, 7), D(2023, 2, 15)),
    # the carrier may stand between the year and the season
    ("2022年铁路春运结束，累计发送旅客2.6亿人次。", D(2022, 2, 26), "2022年铁路春运", D(2022, 1, 17),
     D(2022, 2, 25)),
    # a plan period with one of its years beside it still reports on the whole plan period, not on one year
    ("一、“十四五”时期和2025年工作回顾\n\n五年来，全省经济总量迈上新台阶。", D(2026, 1, 28), "“十四五”时期",
     D(2021, 1, 1), D(2025, 12, 31)),
])
def test_data_period_of_a_lead(text, dct, surface, start, end, resources):
    """The first closed span of the lead that is no comparison base is the article's data period."""
    found = find_data_period(text, dct, resources.periods)
    assert found is not None and (found[1], found[0].start, found[0].end) == (surface, start, end)


@pytest.mark.parametrize(("text", "dct"), [
    ("今天，会议召开。", D(2025, 3, 1)),  # a day is no span of data
    ("到2027年，产值突破1万亿元。", D(2025, 3, 1)),  # a target, not closed
    ("比2019年增长12%。", D(2021, 7, 20)),  # only a base
    ("国庆假期前三天，全国出游2亿人次。", D(2021, 10, 4)),  # a running holiday's first days, not the whole
    ("即将到来的春节假期，预计出游人数增长。", D(2024, 2, 1)),  # a holiday a week ahead is no data period
])
def test_no_data_period(text, dct, resources):
    """A lead with only days, targets or comparison bases states no data period."""
    assert find_data_period(text, dct, resources.periods) is None


@pytest.mark.parametrize(("text", "surface"), [
    ("经省统计局反馈，一季度，全市实现地区生产总值545.0亿元。", "一季度"),
    # a span running up to the unknown day of writing is no data period; the placed or unplaced one after it is
    ("上榜公司三季度以来股价上涨12.14%。上半年，归母净利润增长。", "上半年"),
    # a comparison's base never is
    ("较上年同期，前5个月，我省外贸进出口增长。", "前5个月"),
])
def test_an_undated_lead_names_its_data_period_without_a_year(text, surface, resources):
    """With no document date, the lead's first span that no year places is the data period, still unplaced."""
    found = find_data_period(text, None, resources.periods)
    assert found is not None and found[1] == surface and found[0].start is None


def test_the_first_census_named_is_the_reference_day(resources):
    """第七次全国人口普查 named before 第六次: the first census a text names gives its reference day."""
    found = find_reference_day("第七次全国人口普查主要数据\n\n与2010年(第六次全国人口普查数据)相比", resources.periods)
    assert found is not None and (found[1], found[0].start, found[0].kind) == ("第七次全国人口普查", D(2020, 11, 1),
                                                                              "point")
    assert find_reference_day("全国人口普查工作会议召开。", resources.periods) is None  # no census named
