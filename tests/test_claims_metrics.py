"""Open-vocabulary metrics: the segmenter names what the lexicon does not know; scopes stand apart."""

from __future__ import annotations

import datetime as dt

from checker.claims.build import build_claims
from checker.claims.lexicon import load_claim_lexicon
from checker.claims.link import fact_key
from checker.extract.mentions import find_mentions
from checker.extract.resources import RULES_DIR
from checker.text.ingest import document_from_text


def claims_of(text: str, resources, path: str = "a.md") -> dict:
    """The claims of one short article, by the figure's surface text."""
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text(path, text, date_override=dt.date(2025, 3, 1))
    return {c.mention.text: c for c in build_claims(doc, find_mentions(doc, resources), lexicon, resources.units)}


def test_an_unknown_metric_is_its_noun_phrase(resources):
    """完成旅客运输量 names 旅客运输量: the verb is cut off by its part of speech, the metric is from the segmenter."""
    claim = claims_of("2023年，全国民航完成旅客运输量6.2亿人次。", resources)["6.2亿人次"]
    assert str(claim.metric) == "民航旅客运输量"
    assert claim.understood.metric == "segmenter"
    assert claim.understood.certain


def test_the_same_wording_links_across_outlets(resources):
    """Two articles with the same unknown metric, subject and period give one fact key."""
    first = claims_of("2023年，全国民航完成旅客运输量6.2亿人次。", resources, "a.md")["6.2亿人次"]
    second = claims_of("据统计，2023年全国民航完成旅客运输量6.2亿人次。", resources, "b.md")["6.2亿人次"]
    assert fact_key(first) is not None
    assert fact_key(first) == fact_key(second)


def test_scope_wordings_are_one_scope(resources):
    """规模以上 and 规上 are one scope, kept apart from the metric's words."""
    long = claims_of("2024年，湖南规模以上工业增加值增长7.2%。", resources)["7.2%"]
    short = claims_of("2024年，湖南规上工业增加值增长7.2%。", resources)["7.2%"]
    assert long.metric == short.metric
    assert long.metric.scopes == ("规上",)


def test_scopes_of_unknown_metrics_stand_apart(resources):
    """城镇 is a scope of 新增就业, not a word of its name: 城镇 and 农村 figures never share a metric."""
    town = claims_of("2024年，全国城镇新增就业人数1256万人。", resources)["1256万人"]
    assert town.metric.scopes == ("城镇",)
    assert "城镇" not in town.metric.measure


def test_a_change_after_a_level_measures_the_levels_metric(resources):
    """地区生产总值5.2万亿元、增长5.4%: the rate has no words of its own and measures the level's metric."""
    claims = claims_of("2025年，北京地区生产总值5.2万亿元、增长5.4%。", resources)
    assert claims["5.4%"].metric == claims["5.2万亿元"].metric


def test_a_semicolon_item_keeps_its_own_metric(resources):
    """甲X，增长a%；乙Y: a figure after a semicolon never borrows the item before it."""
    claims = claims_of("2025年，出口2.1万亿元，增长5%；进口1.2万亿元，下降2%。", resources)
    assert claims["1.2万亿元"].metric != claims["2.1万亿元"].metric


def test_a_lone_verb_names_no_metric(resources):
    """新增 alone names nothing measured: no metric, never certain."""
    claim = claims_of("今年以来，新增500家。", resources)["500家"]
    assert not claim.metric
    assert not claim.understood.certain


def test_a_per_unit_figure_never_shares_the_totals_metric(resources):
    """每10股派发现金红利2.13元 is per share: its metric keeps 每10股 and differs from the total's."""
    claims = claims_of("2023年，公司每10股派发现金红利2.13元，合计派发现金红利1.5亿元。", resources)
    assert claims["2.13元"].metric != claims["1.5亿元"].metric
    assert claims["2.13元"].metric.measure.startswith("每10股")


def test_a_ratio_to_a_base_period_names_no_metric(resources):
    """恢复至2019年同期的73.9%: the words name the base, so the ratio gets no metric of its own."""
    claim = claims_of("2022年春节假期，全国国内旅游收入按可比口径恢复至2019年同期的56.3%。", resources)["56.3%"]
    assert not claim.metric


def test_a_count_names_what_follows_its_classifier(resources):
    """建成12个污水处理厂: the noun after 个 is what is counted; a scope word before it stays a scope."""
    claims = claims_of("2024年，某省建成12个污水处理厂，集聚300余家规上零部件企业。", resources)
    assert str(claims["12个"].metric) == "污水处理厂"
    assert claims["300余家"].metric.measure == "零部件企业数"
    assert claims["300余家"].metric.scopes == ("规上",)


def test_a_relative_clause_before_the_counted_noun_is_left_out(resources):
    """20家参会的重点企业: 参会的 qualifies the noun; 50多名党员的队伍 counts 党员 (no verb before 的)."""
    claims = claims_of("2024年，20家参会的重点企业签约。某地有50多名党员的队伍。", resources)
    assert (claims["20家"].metric.measure, claims["20家"].metric.industry) == ("企业数", "重点")
    assert str(claims["50多名"].metric) == "党员"


def test_a_count_that_ends_its_clause_keeps_the_words_before_it(resources):
    """新增高新技术企业30家，: nothing follows the classifier, so the words before the figure name it."""
    claim = claims_of("2024年，某市新增高新技术企业30家，增长10%。", resources)["30家"]
    assert claim.metric and "企业" in str(claim.metric)


def test_a_measure_in_another_unit_falls_back_to_its_words(resources):
    """千人口床位数6.4张: 人口 counts 人, so the figure in 张 is named by the words before it, not left unknown."""
    claim = claims_of("2024年，某省千人口床位数达到6.4张。", resources)["6.4张"]
    assert claim.metric and "床位数" in str(claim.metric)


def test_a_second_figure_of_one_metric_after_a_joiner_or_a_base(resources):
    """上涨1.3%和1.2%; 增长3.8%，比2019年同期增长41.3%: the later figure names no metric and takes the earlier's."""
    joined = claims_of("2024年，某市木材产量同比分别增长1.3%和1.2%。", resources)
    assert joined["1.2%"].metric == joined["1.3%"].metric and joined["1.3%"].metric
    based = claims_of("2024年1—11月，某市木材产量同比增长3.8%（按可比口径计算），比2019年1—11月增长41.3%。", resources)
    assert based["41.3%"].metric == based["3.8%"].metric and based["3.8%"].metric
    other = claims_of("2024年，某市木材产量增长3.8%，钢材产量增长5.1%。", resources)
    assert other["5.1%"].metric != other["3.8%"].metric


def test_a_per_unit_word_alone_names_no_metric(resources):
    """日均环比增长3.2%: 日均 says per what, not what is measured, so the figure gets no metric of 日均 alone."""
    claim = claims_of("2022年5月，某港日均环比增长3.2%。", resources)["3.2%"]
    assert str(claim.metric) != "日均"


def test_an_output_in_jin_and_in_tons_is_one_metric(resources):
    """粮食产量 in 亿斤 and in 万吨 measure one thing: both read the lexicon's measure 产量, so two articles link."""
    tons = claims_of("2024年，河南粮食产量6719万吨。", resources, "a.md")["6719万吨"]
    jin = claims_of("2024年，河南粮食产量1343.8亿斤。", resources, "b.md")["1343.8亿斤"]
    assert tons.metric == jin.metric and jin.metric.measure == "产量"
    assert fact_key(tons) == fact_key(jin)


def test_words_around_a_scope_close_up(resources):
    """家禽累计出栏: the scope 累计 is kept apart and the words around it close up (家禽出栏), never only 出栏."""
    claim = claims_of("前三季度，全省家禽累计出栏23813.8万只。", resources)["23813.8万只"]
    assert claim.metric.measure == "家禽出栏" and "累计" in claim.metric.scopes


def test_urbanisation_rate_is_one_word(resources):
    """常住人口城镇化率 and 户籍人口城镇化率: 城镇 inside 城镇化率 is no scope; the two rates stay apart."""
    resident = claims_of("年末，全市常住人口城镇化率为74.46%。", resources, "a.md")["74.46%"]
    registered = claims_of("年末，全市户籍人口城镇化率为74.46%。", resources, "b.md")["74.46%"]
    assert resident.metric.measure == registered.metric.measure == "城镇化率"
    assert resident.metric != registered.metric

