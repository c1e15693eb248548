"""Figures listed after 分别 take the items listed before it; ranks and per-day figures take the metric before them."""

from __future__ import annotations

import pytest

from checker.claims.link import fact_key
from tests.test_claims_metrics import claims_of


@pytest.mark.parametrize(("sentence", "expected"), [
    # items before a shared measure: each item with that measure
    ("2024年，全省小麦、玉米、大豆产量分别增长2.1%、3.4%、5.6%。",
     {"2.1%": "小麦", "3.4%": "玉米", "5.6%": "大豆"}),
    # whole metrics listed: each its own
    ("2024年，全市交通事故起数、受伤人数分别下降7.5%、6.2%。", {"7.5%": "交通事故起数", "6.2%": "受伤人数"}),
    # a joiner before the last item, a base between the list and 分别
    ("2024年，全市铁矿石、原油和煤炭进口比上年分别增长4.4%、8.1%和2.3%。",
     {"4.4%": "铁矿石", "8.1%": "原油", "2.3%": "煤炭"}),
])
def test_listed_items_take_their_own_figures(resources, sentence, expected):
    """A、B、C…分别X、Y、Z: the n-th figure measures the n-th item, never the last item for all."""
    claims = claims_of(sentence, resources)
    for figure, item in expected.items():
        assert item in str(claims[figure].metric)
        others = [other for other in expected.values() if other != item]
        assert not any(other in str(claims[figure].metric) for other in others)
    assert len({str(claims[figure].metric) for figure in expected}) == len(expected)


def test_the_later_figures_share_the_first_ones_verb(resources):
    """分别增长8%、6%: the second figure is a rate of change too, not a level."""
    claims = claims_of("2024年，全省棉花、油料产量分别增长8%、6%。", resources)
    assert claims["6%"].relation == claims["8%"].relation == "change_pct"


def test_listed_places_are_the_subjects(resources):
    """襄州、樊城地区生产总值分别为…: each figure is its own place's, the metric is the words after the list."""
    claims = claims_of("2024年，襄州区、樊城区地区生产总值分别为600亿元、800亿元。", resources)
    assert claims["600亿元"].subject == "襄州区"
    assert claims["800亿元"].subject == "樊城区"
    assert claims["600亿元"].metric == claims["800亿元"].metric


@pytest.mark.parametrize("sentence", [
    "2024年，全省小麦、玉米、大豆产量分别增长2.1%、3.4%。",  # three items, two figures
    "2024年，全省第一季度、第二季度出口分别为300亿元、350亿元。",  # figures listed by time, one metric
])
def test_a_list_that_does_not_fit_is_left_alone(resources, sentence):
    """Items and figures of different counts, or a list of times, give no figure an item of its own."""
    claims = [c for c in claims_of(sentence, resources).values() if c.period is None or "季度" not in c.mention.text]
    metrics = {str(c.metric) for c in claims}
    assert not any(item in metric for metric in metrics for item in ("小麦", "第一季度"))


def test_distributed_figures_still_do_not_link(resources):
    """Which figure belongs to which item is read, but a 分别 figure stays out of fact links."""
    claims = claims_of("2024年，全省小麦、玉米产量分别增长2.1%、3.4%。", resources)
    assert fact_key(claims["2.1%"]) is None


@pytest.mark.parametrize(("sentence", "rank", "metric"), [
    ("2024年，全省粮食产量1200万吨、居全国第5位。", "5位", "粮食产量"),
    ("2024年，全市机场旅客吞吐量3000万人次，居中部第2位。", "2位", "旅客吞吐量"),
])
def test_a_rank_after_a_figure_ranks_its_metric(resources, sentence, rank, metric):
    """X亿斤、居全国第5位: a rank with no words of its own ranks the figure before it."""
    claim = claims_of(sentence, resources)[rank]
    assert claim.relation == "rank"
    assert metric in claim.metric.label


def test_a_rank_with_its_own_words_keeps_them(resources):
    """…，增速居全国第3位: the rank names its own metric (增速), not the level's."""
    claims = claims_of("2024年，全省进出口总额5000亿元，增速居全国第3位。", resources)
    assert "增速" in str(claims["3位"].metric)


def test_a_daily_average_after_a_total_is_per_day(resources):
    """发送旅客4亿人次，日均1000万人次: the second figure is the daily average of the first one's metric."""
    claims = claims_of("2024年暑运期间，全国铁路发送旅客4亿人次，日均1000万人次。", resources)
    total, daily = claims["4亿人次"], claims["1000万人次"]
    assert daily.metric.label.startswith("日均")
    assert total.metric.label in daily.metric.label
    assert fact_key(daily) != fact_key(total)


@pytest.mark.parametrize("sentence", [
    "2024年，全县三次产业结构为12:40:48。",
    "聚焦初次分配、再分配、三次分配协调配套。",
])
def test_a_term_opening_with_a_numeral_is_no_figure(resources, sentence):
    """三次产业, 三次分配: a term that opens with a numeral counts nothing, so it makes no claim."""
    assert "三次" not in claims_of(sentence, resources)


@pytest.mark.parametrize(("sentence", "figure", "metric"), [
    ("2024年，全省高速公路通车总里程达8000公里。", "8000公里", "高速公路通车|里程"),
    ("2024年，全市煤制油年产量达到400万吨。", "400万吨", "煤制油|产量"),
])
def test_a_prefix_glued_to_the_measure_is_no_part_of_the_industry(resources, sentence, figure, metric):
    """通车总里程, 年产量: 总 and 年 belong to the measure, so the industry is a noun phrase and the metric is known."""
    assert str(claims_of(sentence, resources)[figure].metric) == metric


def test_an_item_after_a_figure_is_no_list_item(resources):
    """…增加到1.5万家、科技型中小企业达到3万家: the mark ends a clause with a figure, so the words are no list's last
    item and the segmenter names the industry."""
    claims = claims_of("2024年，全省高新技术企业增加到1.5万家、科技型中小企业达到3万家。", resources)
    assert str(claims["3万家"].metric) == "科技型中小|企业数"
    assert claims["3万家"].understood.metric == "segmenter"


@pytest.mark.parametrize(("sentence", "figure", "metric"), [
    ("2024年，全省出口钢材300亿元，进口原油2000万吨。", "300亿元", "钢材|出口"),
    ("2024年，全省出口钢材300亿元，进口原油2000万吨。", "2000万吨", "原油|进口"),
])
def test_the_object_of_a_trade_measure_is_what_is_traded(resources, sentence, figure, metric):
    """出口钢材300亿元: the noun after 出口 names the product, never the total of exports."""
    assert str(claims_of(sentence, resources)[figure].metric) == metric


def test_words_restating_a_trade_measure_are_no_object(resources):
    """进口货值, 出口总额: words that restate the measure leave it the total."""
    claim = claims_of("2024年，全省出口总额达到300亿元。", resources)["300亿元"]
    assert "总额" not in str(claim.metric).split("|")[0]


def test_a_numbered_heading_is_no_list(resources):
    """三、全国小麦总产量: the heading's number before 、 makes no list, so the industry is read."""
    claim = claims_of("国家统计局公告。\n\n三、全国小麦总产量13000万吨。", resources)["13000万吨"]
    assert str(claim.metric) == "小麦|产量"


def test_a_paragraph_opening_with_the_same_period_continues_the_one_before(resources):
    """同期，… speaks of the period the paragraph before named."""
    claims = claims_of("1-6月，全省进出口总值1.2万亿元。\n\n同期，全省出口钢材300亿元。", resources)
    assert claims["300亿元"].period == claims["1.2万亿元"].period is not None


@pytest.mark.parametrize(("sentence", "figure"), [
    ("2024年，全县实现地区生产总值(GDP)235.5亿元，同比增长6.1%。", "235.5亿元"),
    ("2024年，全县地区生产总值（现价）235.5亿元，同比增长6.1%。", "235.5亿元"),
])
def test_an_aside_right_before_a_figure_leaves_its_metric(resources, sentence, figure):
    """地区生产总值(GDP)235.5亿元: the bracketed aside ends no clause, the words before it name the metric."""
    claims = claims_of(sentence, resources)
    assert "地区生产总值" in str(claims[figure].metric)
    assert claims["6.1%"].metric == claims[figure].metric


@pytest.mark.parametrize(("sentence", "figure", "metric"), [
    ("2024年，全省120个“两重”项目全部开工。", "120个", "两重项目"),
    ("2024年，全市新增3个“美丽街区”。", "3个", "美丽街区"),
])
def test_a_quoted_name_after_a_count_is_what_is_counted(resources, sentence, figure, metric):
    """120个“两重”项目: the quoted name and its head noun are what the count counts."""
    assert str(claims_of(sentence, resources)[figure].metric) == metric


@pytest.mark.parametrize(("sentence", "expected"), [
    # two items joined by 和 alone, a shared tail
    ("2024年，城镇和农村居民人均可支配收入分别增长4.3%、5.3%。", {"4.3%": "城镇", "5.3%": "农村"}),
    # 和 inside an item's name (软件和信息服务业): the list read with the item whole fits the figures
    ("2024年，金融业、软件和信息服务业增加值分别增长9.7%、15.3%。",
     {"9.7%": "金融业", "15.3%": "软件和信息服务业"}),
    # four items, 和 inside the last, 等 and a category before the measure
    ("2024年，一般公共服务、教育、科学技术、社会保障和就业等支出增速分别为-9.4%、23.0%、43.1%、26.4%。",
     {"-9.4%": "一般公共服务", "23.0%": "教育", "43.1%": "科学技术", "26.4%": "社会保障和就业"}),
])
def test_lists_joined_or_named_with_a_joiner_are_distributed(resources, sentence, expected):
    """A和B分别…, A、B和C服务业分别…: the reading of the list with as many items as figures gives each its item."""
    claims = claims_of(sentence, resources)
    for figure, item in expected.items():
        assert item in str(claims[figure].metric)
        assert not any(other in str(claims[figure].metric) for other in expected.values() if item not in other)
    assert len({str(claims[figure].metric) for figure in expected}) == len(expected)


def test_a_second_run_takes_the_items_of_the_run_before(resources):
    """福州、厦门港分别完成X、Y，分别增长a、b: a 分别 run naming no list pairs with the run of levels before it."""
    claims = claims_of("2024年，全省小麦、玉米产量分别为100万吨、200万吨，分别增长3.1%、2.2%。", resources)
    assert claims["3.1%"].metric == claims["100万吨"].metric != claims["2.2%"].metric == claims["200万吨"].metric
    assert claims["2.2%"].relation == "change_pct"
    # A run of another length before (three levels, two rates): no pairing.
    other = claims_of("2024年，全省小麦、玉米、大豆产量分别为1万吨、2万吨、3万吨，分别增长3.1%、2.2%。", resources)
    assert other["3.1%"].metric != other["2万吨"].metric and other["2.2%"].metric != other["3万吨"].metric


@pytest.mark.parametrize(("sentence", "figure", "metric"), [
    ("2024年，全省完成46.1万亩高标准农田建设。", "46.1万亩", "高标准农田建设"),
    ("2024年，全省让242万农村居民喝上干净水。", "242万", "居民"),
    ("2024年，全市16个区均被评为双拥模范城。", "16个", "区"),
])
def test_a_figure_with_no_words_before_it_measures_the_noun_after_it(resources, sentence, figure, metric):
    """完成46.1万亩高标准农田建设: nothing before the figure names it, the noun after it does."""
    assert str(claims_of(sentence, resources)[figure].metric).endswith(metric)


@pytest.mark.parametrize(("sentence", "figure"), [
    ("2024年，全省为5万名3岁婴幼儿发放补贴。", "3岁"),  # an age qualifies the noun
    ("2024年，全省实施亿元以上项目200个。", "亿元以上"),  # a class of projects
    ("2024年，全省建成3个千亿级产业集群。", "千亿级"),
    ("2024年，广东成为首个过10万亿元省份。", "10万亿元"),  # a threshold passed
    ("2024年，全省首次跨过3万亿元大关。", "3万亿元"),  # a milestone
])
def test_a_figure_that_qualifies_the_noun_after_it_measures_nothing(resources, sentence, figure):
    """80岁以上老年人, 千亿级产业集群, 过10万亿元省份: the figure qualifies the noun, it measures nothing there."""
    assert not claims_of(sentence, resources)[figure].metric
