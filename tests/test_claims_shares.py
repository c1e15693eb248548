"""A share's metric: the part it is a share of, and the whole it names as a scope."""

from __future__ import annotations

import pytest

from checker.claims.link import fact_key
from tests.test_claims_metrics import claims_of


@pytest.mark.parametrize(("sentence", "part", "share"), [
    ("2024年，全省外商投资企业进出口509.4亿元，下降11.2%，占65.5%。", "509.4亿元", "65.5%"),
    ("2024年，全省新能源装机达4091万千瓦、占比达44.7%。", "4091万千瓦", "44.7%"),
    ("2024年，全省男性人口为51034人，占比为51.8%。", "51034人", "51.8%"),
])
def test_a_bare_share_measures_the_part_before_it(resources, sentence, part, share):
    """占65.5%, 占比达44.7%: a share with no words of its own is the share of the figure before it, its part."""
    claims = claims_of(sentence, resources)
    assert claims[share].relation == "share"
    assert claims[share].metric == claims[part].metric


def test_a_share_names_its_whole_as_a_scope(resources):
    """占生产总值的比重为45.8%: the part's metric, the whole (生产总值 = 地区生产总值) kept apart as a scope."""
    claims = claims_of("2024年，全县第二产业增加值693684万元，下降3.3%，占生产总值的比重为45.8%。", resources)
    share, part = claims["45.8%"], claims["693684万元"]
    assert share.metric.measure == part.metric.measure and share.metric.industry == part.metric.industry
    assert share.metric.scopes == ("占地区生产总值",)


def test_shares_of_two_wholes_never_link(resources):
    """One part's share of 全国 and of 全省 are two facts; the same whole written with its place or time is one."""
    country = claims_of("2024年，全省棉花产量616.5万吨、占全国92.8%。", resources, "a.md")["92.8%"]
    province = claims_of("2024年，全省棉花产量616.5万吨、占全区92.8%。", resources, "b.md")["92.8%"]
    assert fact_key(country) is not None and fact_key(country) != fact_key(province)
    first = claims_of("2024年，全省机电产品出口430亿元，占全省出口的76%。", resources, "a.md")["76%"]
    second = claims_of("2024年，全省机电产品出口430亿元，占出口的76%。", resources, "b.md")["76%"]
    assert first.metric == second.metric


@pytest.mark.parametrize(("sentence", "share"), [
    # 绿色电力占比: words before 占比 name the share's own part.
    ("2024年，全市新能源汽车保有量超130万辆，绿色电力占比达36%。", "36%"),
    # a gap in points before the share: its metric is the yardstick's, no part.
    ("2024年，全省一般贸易进出口增长4.8%，高出外贸整体增速2个百分点，占外贸总值的59.5%。", "59.5%"),
    # 合计占 after a list of shares: the sum of shares, not the last share's part.
    ("2024年，三类商品零售额占比分别为22.2%、20.5%和12.3%，合计占55%。", "55%"),
])
def test_a_share_with_words_of_its_own_keeps_them(resources, sentence, share):
    """A share whose frame holds its own part, or follows a gap or other shares, takes no part from before."""
    claims = claims_of(sentence, resources)
    before = [c for text, c in claims.items() if c.mention.reading_start < claims[share].mention.reading_start]
    assert all(claims[share].metric != c.metric or not c.metric for c in before[-1:])


def test_a_rate_after_a_share_changes_the_part(resources):
    """占年度预算的21.62%，比上年同期增长5.02%: the rate is of the part, without the share's whole."""
    claims = claims_of("2024年，全省地方财政收入完成461.55亿元，占年度预算的21.62%，比上年同期增长5.02%。", resources)
    assert claims["5.02%"].metric == claims["461.55亿元"].metric
    assert claims["21.62%"].metric.scopes == ("占年度预算",)


def test_shares_of_one_named_whole_measure_their_own_parts(resources):
    """玉米增产量…占全国总增产量的40.4%, 稻谷增产量…占全国总增产量的20.2%: each share measures its part (增产量 is a
    measure, 量 makes 增产 a noun there), so two parts' shares of one whole are two facts."""
    text = ("2011年，全国玉米增产量1000万吨，占全国总增产量的40.4%。"
            "2011年，全国稻谷增产量500万吨，占全国总增产量的20.2%。")
    claims = claims_of(text, resources)
    maize, rice = claims["40.4%"], claims["20.2%"]
    assert maize.metric.industry == "玉米" and rice.metric.industry == "稻谷"
    assert fact_key(maize) != fact_key(rice)
