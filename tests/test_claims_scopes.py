"""Scope words keep apart figures of a whole and of its part: a group's and one subsidiary's never link."""

from __future__ import annotations

import pytest

from checker.claims.link import fact_key
from tests.test_claims_metrics import claims_of

LEAD = "星河集团股份有限公司发布年报。"


@pytest.mark.parametrize("part", [
    "2023年，星河集团旗下子公司实现营业收入320亿元。",
    "2023年，公司控股子公司星河电子营业收入320亿元。",
    "2023年，星河集团下属企业营业收入320亿元。",
])
def test_a_subsidiarys_figure_never_links_with_its_groups(resources, part):
    """集团 vs 子公司/旗下/下属: the same value, subject and period, yet two facts (the part has the scope 子公司)."""
    group = claims_of(LEAD + "2023年，星河集团实现营业收入320亿元。", resources, "a.md")["320亿元"]
    subsidiary = claims_of(LEAD + part, resources, "b.md")["320亿元"]
    assert "子公司" in subsidiary.metric.scopes and "子公司" not in group.metric.scopes
    assert fact_key(group) != fact_key(subsidiary)


def test_the_group_figure_links_with_itself(resources):
    """Twin: two outlets stating the group's own figure in the same words give one fact key."""
    first = claims_of(LEAD + "2023年，星河集团实现营业收入320亿元。", resources, "a.md")["320亿元"]
    second = claims_of(LEAD + "据悉，2023年星河集团实现营业收入320亿元。", resources, "b.md")["320亿元"]
    assert fact_key(first) is not None and fact_key(first) == fact_key(second)


@pytest.mark.parametrize(("part", "surface"), [
    ("2015年,全国13个粮食主产省(区)粮食总产量达到47341万吨。", "47341万吨"),
    ("2015年,全国13个粮食主产省粮食总产量达到47341万吨。", "47341万吨"),
    ("1-7月,南方五省区全社会用电量达8294亿千瓦时。", "8294亿千瓦时"),
])
def test_a_group_of_places_figure_never_links_with_the_wholes(resources, part, surface):
    """全国…粮食总产量 vs 全国13个粮食主产省…粮食总产量: a group of places before the metric scopes its figure."""
    group = claims_of(part, resources, "a.md")[surface]
    assert group.metric.scopes, group.metric


@pytest.mark.parametrize(("whole", "surface"), [
    ("2015年,全国粮食总产量达到62144万吨,全国31个省份全部增产。", "62144万吨"),
    ("1000个省级重点产业项目完成投资1865.7亿元。", "1865.7亿元"),
    ("根据对全国31个省(区、市)的统计调查,2018年全国棉花种植面积3352.3千公顷。", "3352.3千公顷"),
])
def test_places_counted_elsewhere_give_no_scope(resources, whole, surface):
    """Twin: places counted after the figure, a level (省级) or before a subject (全国) scope nothing."""
    claim = claims_of(whole, resources, "a.md")[surface]
    assert not claim.metric.scopes, claim.metric
