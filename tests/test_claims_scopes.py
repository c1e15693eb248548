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
