"""Grammar forms of statistical sentences that give a figure its metric, subject or period."""

from __future__ import annotations

import pytest

from checker.claims.link import fact_key
from tests.test_claims_metrics import claims_of


@pytest.mark.parametrize(("sentence", "figure", "relation"), [
    ("2024年，全省油菜籽产量120万吨，比上年增产3.1%。", "3.1%", "change_pct"),
    ("2024年，全省棉花产量8万吨，减产2.2%。", "2.2%", "change_pct_down"),
    ("1-5月，全省外贸进出口值5000亿元，同增7.4%。", "7.4%", "change_pct"),
    ("3月份，全市猪肉价格同比上涨4.5%。", "4.5%", "change_pct"),
    ("3月份，全市鲜菜价格下跌6.1%。", "6.1%", "change_pct_down"),
])
def test_more_verbs_of_change_are_read(resources, sentence, figure, relation):
    """增产/减产, 同增 and 上涨/下跌 are verbs of change: the figure is a rate, not a level."""
    assert claims_of(sentence, resources)[figure].relation == relation


@pytest.mark.parametrize(("sentence", "level", "rate"), [
    # 按可比价格计算: the method's words name no metric of their own.
    ("2024年，全市地区生产总值1180亿元，按可比价格计算，比上年增长4.6%。", "1180亿元", "4.6%"),
    ("一季度，全省地区生产总值4815.49亿元，按不变价核算，比上年同期增长6.6%。", "4815.49亿元", "6.6%"),
    # 按年 is 同比 (Hong Kong usage); 同比2023年春运: a base's time after 同比
    ("9月份，全社会用电量8475亿千瓦时，按年增长8.5%。", "8475亿千瓦时", "8.5%"),
    ("春运期间，全国铁路发送旅客4.8亿人次，同比2023年春运增长37.9%。", "4.8亿人次", "37.9%"),
    # 当日 after a base holiday names its same day
    ("清明节假期，全国国内旅游出游2376.64万人次，较去年清明节当日增长22.7%。", "2376.64万人次", "22.7%"),
    # a table of lines: the change on the line after its level, no mark ending a sentence between
    ("1-7月\n\n全国一般公共预算收入137716亿元\n\n同比增长20%\n", "137716亿元", "20%"),
])
def test_a_rate_carries_the_metric_of_the_level_before(resources, sentence, level, rate):
    """A rate with no words of its own after a method aside measures the level's metric."""
    claims = claims_of(sentence, resources)
    assert claims[rate].metric == claims[level].metric


@pytest.mark.parametrize(("sentence", "figure"), [
    ("1-2月，全县财政收入17056万元，较上年同期增收2113万元，增长14.14%。", "2113万元"),
    ("上半年，全县一般公共预算支出9.6亿元，同比增支1.2亿元。", "1.2亿元"),
    ("2月份，全县财政收入5682万元，较上年同期减收1816万元，下降24.22%。", "1816万元"),
    ("上半年，全县一般公共预算支出9.6亿元，同比减支0.8亿元。", "0.8亿元"),
])
def test_an_amount_after_a_revenue_verb_is_an_increment(resources, sentence, figure):
    """增收/减收, 增支/减支 state the change of revenue or spending: the amount after them is an increment, never a
    level."""
    assert claims_of(sentence, resources)[figure].relation == "increment"


def test_a_change_of_an_increment_names_no_metric(resources):
    """同比少增3419亿元 is how an increment changed: an increment named by no metric, never the metric 少增."""
    claims = claims_of("上半年，全国基础设施中长期贷款增加2.15万亿元，同比少增3419亿元。", resources)
    assert claims["3419亿元"].relation == "increment"
    assert not claims["3419亿元"].metric
    assert "多增" not in str(claims_of("上半年，全国人民币贷款同比多增9192亿元。", resources)["9192亿元"].metric)


def test_an_amount_never_takes_the_metric_of_a_percentage_level(resources):
    """较均衡进度慢0.48%，较上年同期增加2113万元: the amount is no value or change of the percentage before it."""
    claims = claims_of("1-2月，全县完成预算的16.18%，较均衡进度慢0.48%，较上年同期增加2113万元。", resources)
    assert claims["2113万元"].metric != claims["0.48%"].metric


def test_a_group_of_industries_scopes_the_figures_after_it(resources):
    """六大支柱行业合计…；利润总额241.7亿元 is the group's profit: a scope of its own, never the city's 利润总额."""
    group = claims_of("前三季度，全市六大支柱行业合计实现营业收入2810.5亿元，同比增长9.3%；利润总额241.7亿元。",
                      resources)
    whole = claims_of("前三季度，全市规模以上工业营业收入3650.2亿元；利润总额356.2亿元。", resources)
    assert "六大支柱行业" in group["241.7亿元"].metric.scopes
    assert group["241.7亿元"].metric != whole["356.2亿元"].metric
    ordinal = claims_of("2024年，旅游业成为全市第三大产业，利润总额52.1亿元。", resources)
    assert ordinal["52.1亿元"].metric.scopes == ()
    planned = claims_of("重庆重点打造四大产业集群，力争2027年先进材料产业规模突破8000亿元。", resources)
    assert planned["突破8000亿元"].metric.scopes == ()
    part = claims_of("2024年，全市四大支柱产业合计实现产值1000亿元，其中先进材料产值300亿元。", resources)
    assert part["300亿元"].metric.scopes == ()
    built = claims_of("全市重点培育六大支柱行业，全年规模以上工业营业收入3650.2亿元；利润总额356.2亿元。", resources)
    assert "六大支柱行业" not in built["356.2亿元"].metric.scopes


def test_a_rate_after_an_increment_measures_the_levels_metric_as_a_guess(resources):
    """增加37万吨，增长2.9%: the rate measures the level's metric, a guess (the level stands one figure further), so
    no levels check it; a rate with words of its own after an increment keeps them."""
    claims = claims_of("2024年，全省粮食产量1300万吨，比上年增加37万吨，增长2.9%。", resources)
    assert claims["2.9%"].metric == claims["37万吨"].metric == claims["1300万吨"].metric
    assert claims["2.9%"].understood.metric == "guessed" and not claims["2.9%"].understood.certain
    own = claims_of("2024年，全省粮食产量1300万吨，比上年增加37万吨，油料产量增长2.9%。", resources)
    assert own["2.9%"].metric != own["1300万吨"].metric


def test_a_two_year_average_is_an_average_rate(resources):
    """两年平均增长3.9% is a compounded average, never the change against last year it follows."""
    claims = claims_of("1-2月，全市社会消费品零售总额同比增长30.2%，两年平均增长3.9%。", resources)
    assert claims["3.9%"].relation == "cagr"
    assert claims["3.9%"].metric == claims["30.2%"].metric
    assert fact_key(claims["3.9%"]) is None


def test_a_rank_names_what_is_ranked(resources):
    """人均公园绿地面积居全国第3位: the frame 居全国第 is cut, the words before it name the rank's metric."""
    claim = claims_of("2024年，全省人均公园绿地面积居全国第3位。", resources)["3位"]
    assert claim.relation == "rank"
    assert "面积" in str(claim.metric)
    assert "居" not in str(claim.metric)


def test_a_rank_in_a_field_other_than_the_country(resources):
    """货邮吞吐量跃居中部第2位: 中部 is the field of the rank, not a word of the metric."""
    claim = claims_of("2024年，全省机场货邮吞吐量跃居中部第2位。", resources)["2位"]
    assert "中部" not in str(claim.metric)
    assert "货邮吞吐量" in str(claim.metric)


@pytest.mark.parametrize("sentence", [
    "全市上下增强“四个意识”，坚定“四个自信”。",
    "全省出台稳增长“新九条”政策措施。",
])
def test_a_numeral_inside_a_short_quoted_name_is_no_figure(resources, sentence):
    """“四个意识”, “新九条”: a numeral that opens a short quoted name is part of the name and makes no claim."""
    assert claims_of(sentence, resources) == {}


def test_a_quoted_rate_is_still_a_figure(resources):
    """“增长8.5%”: a quoted statement of a rate is a figure, not a name."""
    assert "8.5%" in claims_of("2024年，全市工业产值实现“增长8.5%”的目标。", resources)


def test_a_paragraph_opening_with_qizhong_takes_the_time_before(resources):
    """其中，小麦产量…: a paragraph continuing the one before is dated by the time that paragraph named."""
    text = "今年一季度，全省粮食产量200万吨。\n\n其中，小麦产量90万吨。"
    assert claims_of(text, resources)["90万吨"].period_text == "今年一季度"


def test_a_paragraph_after_a_colon_takes_the_time_before(resources):
    """…分别如下：, then the list: the list's paragraphs are dated by the paragraph that introduces them."""
    text = "今年一季度全省粮食生产情况如下：\n\n一、全省粮食产量200万吨。"
    assert claims_of(text, resources)["200万吨"].period_text == "今年一季度"


def test_an_unrelated_paragraph_keeps_no_time_from_before(resources):
    """A paragraph that neither continues nor follows a colon is not dated by the paragraph before."""
    text = "今年一季度，全省粮食产量200万吨。\n\n全省新建学校12所。"
    assert claims_of(text, resources)["12所"].period_text != "今年一季度"


def test_quanxian_in_a_county_bulletin_is_the_county(resources):
    """交城县…全县生产总值: in a text whose lead names a county, 全县 and undated subjects are that county."""
    text = "2024年交城县国民经济和社会发展统计公报\n\n初步核算，全年全县生产总值91亿元，比上年增长5.4%。"
    claims = claims_of(text, resources)
    assert claims["91亿元"].subject == "交城县"
    assert claims["5.4%"].subject == "交城县"


def test_quanshi_in_a_county_bulletin_is_no_subject(resources):
    """全县生产总值在全市占比: 全市 is the county's city, which the text does not name: no subject."""
    text = "2024年交城县统计公报\n\n全县生产总值91亿元。全市粮食产量50万吨。"
    assert claims_of(text, resources)["50万吨"].subject == ""


def test_quanxian_elsewhere_is_no_subject(resources):
    """全县 in a province's report, whose lead names no county, stays unknown."""
    claim = claims_of("2024年，湖南全省经济平稳。\n\n全县粮食产量50万吨。", resources)["50万吨"]
    assert claim.subject != "湖南"


def test_a_month_on_month_change_is_not_against_last_year(resources):
    """环比上涨2.4%: the nearest comparison is with the month before, though the sentence says 同比 too."""
    claims = claims_of("2024年11月，武汉食品价格同比上涨1.6%，环比上涨2.4%。", resources)
    assert "against_last_year" in claims["1.6%"].grammar
    assert "against_last_year" not in claims["2.4%"].grammar
    assert fact_key(claims["2.4%"]) is None


def test_a_change_against_last_month_is_not_against_last_year(resources):
    """同比增长5.1%，比上月增长1.2%: the nearest comparison of the second rate is with the month before."""
    claims = claims_of("2024年3月，全市规上工业增加值同比增长5.1%，比上月增长1.2%。", resources)
    assert "against_last_year" in claims["5.1%"].grammar
    assert "against_last_year" not in claims["1.2%"].grammar


def test_a_yearly_average_level_is_not_the_years_total(resources):
    """城镇新增就业年均超过1300万人 is an average per year: its metric differs from one year's 新增就业."""
    claims = claims_of("2012年至2021年，全国城镇新增就业年均超过1300万人。2021年，全国城镇新增就业1269万人。",
                       resources)
    assert claims["超过1300万人"].metric != claims["1269万人"].metric


def test_a_population_takes_no_industry_from_the_sentence(resources):
    """汽车产业…常住人口: a count of people is no measure of the industry the sentence named."""
    claim = claims_of("2024年，全市汽车产业发展良好，常住人口达到120万人。", resources)["120万人"]
    assert str(claim.metric) == "|常住人口"


def test_a_word_that_only_restates_a_measure_names_no_metric(resources):
    """总量 alone (总量突破1000万户) says nothing of what is counted: no metric."""
    claim = claims_of("2024年，全省经营主体总量突破1000万户。", resources)["突破1000万户"]
    assert str(claim.metric) != "总量"


def test_a_figure_in_brackets_restates_the_one_before(resources):
    """增加37万吨(7.4亿斤): the bracketed figure restates the increment in another unit, metric and role alike."""
    claims = claims_of("2024年，全省粮食产量1300万吨，比上年增加37万吨(7.4亿斤)，增长2.9%。", resources)
    assert claims["7.4亿斤"].metric == claims["37万吨"].metric
    assert claims["7.4亿斤"].relation == claims["37万吨"].relation == "increment"


def test_a_gap_in_points_measures_the_rate_it_compares(resources):
    """增长7.6%，高于全国1.7个百分点: the gap compares the rate of the metric before with the country's."""
    claims = claims_of("2024年，全省规上工业增加值增长7.6%，高于全国1.7个百分点。", resources)
    assert claims["1.7个百分点"].metric == claims["7.6%"].metric
    assert claims["1.7个百分点"].relation == "gap"


def test_a_gap_after_other_words_keeps_none(resources):
    """增长7.6%，拉动经济增长1.7个百分点: words other than a comparison stand between: no metric is carried."""
    claims = claims_of("2024年，全省规上工业增加值增长7.6%，拉动经济增长1.7个百分点。", resources)
    assert claims["1.7个百分点"].metric != claims["7.6%"].metric


def test_a_word_that_only_ends_like_a_place_stays_in_the_metric(resources):
    """改造城镇老旧小区7323个: 老旧小区 ends like a district (区) and is none: it names what is counted."""
    claim = claims_of("2024年，全省改造城镇老旧小区7323个。", resources)["7323个"]
    assert "老旧小区" in str(claim.metric)


def test_a_verb_of_change_inside_a_rates_name_stays(resources):
    """出生人口增长率为5‰: 增长 opens the noun 增长率 here, it is no verb that ends the metric's words."""
    claim = claims_of("2024年，全市出生人口增长率为5‰。", resources)["5‰"]
    assert str(claim.metric).endswith("增长率")


def test_a_county_named_only_in_the_title_is_the_subject(resources):
    """A bulletin whose title names its district (东宝区) and whose body says only 全区 is about the district."""
    from checker.claims.build import build_claims
    from checker.claims.lexicon import load_claim_lexicon
    from checker.extract.mentions import find_mentions
    from checker.extract.resources import RULES_DIR
    from checker.text.ingest import document_from_text

    text = "---\ntitle: 荆门市东宝区2020年统计公报\n---\n\n2020年全区地区生产总值312亿元。全区粮食产量20万吨。"
    doc = document_from_text("a.md", text)
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    claims = build_claims(doc, find_mentions(doc, resources), lexicon, resources.units)
    assert {c.subject for c in claims} == {"东宝区"}


def test_a_bulletin_that_never_names_its_county_has_no_subject(resources):
    """全县… twice, no county named anywhere: the figures' subject is unknown, never 全国 by default."""
    claims = claims_of("2020年，全县地区生产总值65亿元。全县粮食产量12万吨，增长2%。", resources)
    assert {c.subject for c in claims.values()} == {""}


def test_quanqu_in_an_autonomous_regions_report_is_the_region(resources):
    """宁夏…全区: in an autonomous region's report 全区 is the region itself."""
    claims = claims_of("2024年，宁夏经济稳中有进，宁夏全年接待游客8000万人次。全区地区生产总值5500亿元。", resources)
    assert claims["5500亿元"].subject == "宁夏"


def test_quanqu_in_a_provinces_text_is_no_subject(resources):
    """江西…全区: in a text about a province that is no autonomous region, 全区 is a district not named."""
    claims = claims_of("2024年，江西经济稳定。江西粮食增产。全区地区生产总值500亿元。全区粮食产量20万吨。", resources)
    assert claims["500亿元"].subject != "江西"


def test_an_industry_before_a_semicolon_qualifies_no_later_item(resources):
    """消费品零售总额…；进出口增长4.5%: the item after the semicolon keeps no industry of the one before."""
    claims = claims_of("2024年，全省社会消费品零售总额增长5.1%；进出口增长4.5%。", resources)
    assert "消费品" not in str(claims["4.5%"].metric)


def test_a_contribution_to_growth_names_no_metric_of_its_own(resources):
    """拉动经济增长2.7个百分点 measures the sector's contribution to growth, not 经济: no metric is read."""
    claims = claims_of("2024年，全县第二产业增加值196亿元，同比增长5.3%，拉动经济增长2.7个百分点。", resources)
    assert str(claims["2.7个百分点"].metric) != "经济"


def test_a_share_of_a_target_names_no_metric(resources):
    """完成全年目标任务的101.7%: 目标任务 alone says nothing of what is measured."""
    claims = claims_of("2024年，全县城镇新增就业2339人，完成全年目标任务的101.7%。", resources)
    assert str(claims["101.7%"].metric) != "目标任务"


@pytest.mark.parametrize(("sentence", "figure", "period"), [
    ("2024年，全县烟叶产量0.8万吨，与去年持平；油料产量2万吨，增长5.0%。", "2万吨", "2024年"),
    ("2022年，地区生产总值951435万元，与2020年相比，两年平均增长2.5%。", "2.5%", "2022年"),
])
def test_a_time_after_yu_is_a_comparisons_base(resources, sentence, figure, period):
    """与去年持平, 与2020年相比: 与 opens a comparison's base as 比 does; its time dates no figure."""
    assert claims_of(sentence, resources)[figure].period_text == period


@pytest.mark.parametrize(("sentence", "figure", "metric"), [
    ("8月份，16岁至24岁人口调查失业率为15.3%，比7月份下降0.9个百分点。", "0.9个百分点", "人口调查失业率"),
    ("上半年，全省工业用电量同比下降0.1%，降幅比1—5月份收窄0.8个百分点。", "0.8个百分点", "工业用电量"),
    ("2024年，全年居民消费价格比上年上涨0.3%。", "0.3%", "居民消费价格"),
])
def test_a_bases_time_and_a_rates_own_noun_name_no_metric(resources, sentence, figure, metric):
    """比7月份, 降幅比1—5月份 name no metric (月份, 降幅): the figure measures what the words before them name;
    价格 stays in a price's name (居民消费价格), and alone names none."""
    assert str(claims_of(sentence, resources)[figure].metric) == metric


@pytest.mark.parametrize(("sentence", "figure", "metric"), [
    ("1月至8月，全国固定资产投资（不含农户）同比增长8.9%。", "8.9%", "固定资产|投资"),
    ("11月，规模以上工业（以下简称规上工业）发电量7495亿千瓦时。", "7495亿千瓦时", "规上|工业|发电量"),
])
def test_an_aside_in_brackets_inside_a_clause_keeps_the_words_before_it(resources, sentence, figure, metric):
    """（不含农户） between a metric and its verb is an aside: the clause runs on before it, its words name nothing."""
    assert str(claims_of(sentence, resources)[figure].metric) == metric


def test_a_share_named_only_bijiao_is_its_parts_and_a_bracketed_figure_ends_a_clause(resources):
    """占生产总值的比重为16.35%: 比重 alone names no metric, the share is of the part before it (tests/
    test_claims_shares.py); 增速比全国（8.1%）快0.2个百分点 stays 安徽's."""
    claims = claims_of("2023年，第一产业增加值4.6亿元，占生产总值的比重为16.35%。", resources)
    assert claims["16.35%"].metric.measure == claims["4.6亿元"].metric.measure
    gap = claims_of("2021年，安徽GDP同比增长8.3%，增速比全国（8.1%）快0.2个百分点。", resources)["0.2个百分点"]
    assert gap.subject == "安徽"


def test_a_line_after_a_sentence_end_is_no_continuation(resources):
    """Twin of the table of lines: after 。 the next line's change names its own metric or none, never the level's."""
    claims = claims_of("1-7月，全国一般公共预算收入137716亿元。\n\n同比增长20%\n", resources)
    assert claims["20%"].metric != claims["137716亿元"].metric


def test_a_daily_figures_change_is_per_day(resources):
    """同比增长4.2%，日均环比增长4.4%: the second change is of the daily average, never of the total."""
    claims = claims_of("5月份，全国港口完成集装箱吞吐量2308万标箱，同比增长4.2%，日均环比增长4.4%。", resources)
    assert claims["4.4%"].metric != claims["4.2%"].metric
    assert "日均" in str(claims["4.4%"].metric) and "日均" not in str(claims["4.2%"].metric)
