"""Periods a figure inherits when nothing near it names a time: the article's data period, when recent."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.claims.build import build_claims
from checker.claims.lexicon import load_claim_lexicon
from checker.extract.mentions import find_mentions
from checker.extract.resources import RULES_DIR
from checker.text.ingest import document_from_text


def claims_of(text: str, resources, published: dt.date) -> dict:
    """The claims of one short article published on a day, by the figure's surface text."""
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("a.md", text, date_override=published)
    mentions = find_mentions(doc, resources)
    return {c.mention.text: c for c in build_claims(doc, mentions, lexicon, resources.units, resources.periods)}


RELEASE = "某省经济运行稳中有进\n\n据统计，2024年全省经济运行稳中有进。\n\n全省棉花产量56.2万吨。\n"


def test_an_undated_figure_takes_the_data_period_of_a_release(resources):
    """A bulletin's lead names 2024年: a later figure of no time of its own is a 2024 figure, read from context."""
    claim = claims_of(RELEASE, resources, dt.date(2025, 2, 28))["56.2万吨"]
    assert (claim.period.start, claim.period.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert claim.understood.period == "context"


def test_a_period_long_closed_at_publication_is_history(resources):
    """The same text published two years later: 2024年 is history the article recalls, not its data period; the
    undated figure is the state on the day of publication."""
    period = claims_of(RELEASE, resources, dt.date(2026, 11, 1))["56.2万吨"].period
    assert (period.start, period.end) == (dt.date(2026, 11, 1), dt.date(2026, 11, 1))


CENSUS = ("第七次全国人口普查主要数据情况\n\n全国人口共141178万人,与2010年的133972万人相比,增加7206万人。\n\n"
          "全国共有家庭户49416万户。\n")


@pytest.mark.parametrize("published", [dt.date(2021, 5, 11), dt.date(2022, 9, 20)])
def test_a_census_named_in_the_lead_dates_its_figures(resources, published):
    """第七次全国人口普查 in a lead that names no closed span: its figures are as of its reference day, 2020-11-01,
    however long after it a page reprints them (and a base year long past, 与2010年, is no data period)."""
    claim = claims_of(CENSUS, resources, published)["49416万户"]
    assert (claim.period.start, claim.period.end) == (dt.date(2020, 11, 1), dt.date(2020, 11, 1))
    assert claim.period_text == "第七次全国人口普查"  # the words that name the period, as a title's time


def test_a_closed_span_in_the_lead_wins_over_a_census_it_cites(resources):
    """A 2024 bulletin citing 第七次全国人口普查 reports on 2024: the census dates none of its undated figures."""
    text = ("某市2024年统计公报\n\n2024年，全市经济运行稳中有进，第七次全国人口普查以来人口增长。\n\n"
            "全市棉花产量56.2万吨。\n")
    period = claims_of(text, resources, dt.date(2025, 3, 1))["56.2万吨"].period
    assert (period.start, period.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


FISCAL = ("4月,一般公共预算收入累计完成24627万元,完成年初预算数60999万元的40.4%,比上年减收1070万元,下降4.2%。\n\n"
          "5月,一般公共预算收入完成6000万元。\n\n"
          "6月份,全国社会消费品零售总额3.35万亿元,连续4个月降幅收窄,累计收窄18.7个百分点。\n")


def test_a_month_with_a_running_total_is_the_year_to_that_month(resources):
    """4月，…累计完成24627万元: the figures 累计 follows the month in are January to April's (and 年初预算 names
    the budget's time, which dates none of them); a month without 累计, or points narrowed over months, are the
    month's."""
    claims = claims_of(FISCAL, resources, dt.date(2024, 5, 16))
    for figure in ("24627万元", "40.4%", "1070万元", "4.2%"):
        period = claims[figure].period
        assert (period.start, period.end, period.cumulative) == (dt.date(2024, 1, 1), dt.date(2024, 4, 30), True)
    may = claims["6000万元"].period
    assert (may.start, may.end) == (dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    narrowed = claims["18.7个百分点"].period
    assert (narrowed.start, narrowed.end) == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))


def test_a_budget_share_completed_is_of_the_period_reported(resources):
    """完成年初预算的53.5%: 年初 names when the budget was set; the share completed is the half year's."""
    text = "上半年,全市一般公共财政预算收入完成38.3亿元,增长20.4%,完成年初预算的53.5%。\n"
    period = claims_of(text, resources, dt.date(2018, 7, 20))["53.5%"].period
    assert (period.start, period.end) == (dt.date(2018, 1, 1), dt.date(2018, 6, 30))


def test_a_later_time_of_another_figure_dates_no_earlier_figure(resources):
    """…887万吨，增长11.1%，1—2月份为下降9.4%: 1—2月份 dates the 9.4% after it in its clause, not the figures before it,
    which keep their paragraph's 3月份; a later time that no figure follows (…，为2024年以来最高) still dates them."""
    text = "3月份，规上工业原油产量1760万吨。进口天然气887万吨,同比增长11.1%,1—2月份为下降9.4%。\n"
    claims = claims_of(text, resources, dt.date(2023, 4, 18))
    for figure in ("887万吨", "11.1%"):
        assert (claims[figure].period.start, claims[figure].period.end) == (dt.date(2023, 3, 1), dt.date(2023, 3, 31))
    assert claims["9.4%"].period.start == dt.date(2023, 1, 1)
    alone = claims_of("全市粮食产量达95.3万吨，为2024年最高水平。\n", resources, dt.date(2025, 3, 1))["95.3万吨"]
    assert alone.period is not None and alone.period.start == dt.date(2024, 1, 1)


def test_a_target_without_a_time_takes_no_data_period(resources):
    """力争…: a target of no stated time is no figure of the closed period the release reports on."""
    text = "某省经济运行稳中有进\n\n据统计，2024年全省经济运行稳中有进。\n\n力争棉花产量达到60万吨。\n"
    assert claims_of(text, resources, dt.date(2025, 2, 28))["60万吨"].period is None


def test_without_the_period_lexicon_nothing_is_inherited(resources):
    """build_claims without the period lexicon leaves an undated figure undated (no data period is read)."""
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("a.md", RELEASE, date_override=dt.date(2025, 2, 28))
    claims = {c.mention.text: c for c in build_claims(doc, find_mentions(doc, resources), lexicon, resources.units)}
    assert claims["56.2万吨"].period is None


def keyed(text: str, resources, published: dt.date = dt.date(2025, 11, 25)) -> list:
    """(figure, fact key) of every claim of one article, in text order."""
    from checker.claims.link import fact_key

    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("a.md", text, date_override=published)
    claims = build_claims(doc, find_mentions(doc, resources), lexicon, resources.units, resources.periods)
    return [(c.mention.text, fact_key(c)) for c in claims]


def test_an_undated_figure_of_a_news_report_is_of_its_publication_day(resources):
    """An event report names no time for its figures: each is the state on the day it was published, so the
    same figure stated twice links, and another metric the same day does not."""
    text = ("对接活动举行\n\n活动现场，某市20家重点企业签约。\n\n"
            "在交流环节，某市20家重点企业与人才对接，某市20名高层次人才参加。\n")
    keys = keyed(text, resources)
    assert keys[0][1] is not None and keys[0][1] == keys[1][1]
    assert keys[0][1].period == "2025-11-25..2025-11-25"
    assert keys[2][0] == "20名" and keys[2][1] != keys[0][1]


def test_a_headline_takes_no_publication_day(resources):
    """## 四年产量激增22倍: a headline's figure keeps no period it does not name (headline-vs-body compares it)."""
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("a.md", "## 某市汽车产量达到30万辆\n\n活动现场，某市汽车产量达到30万辆。\n",
                             date_override=dt.date(2025, 11, 25))
    claims = build_claims(doc, find_mentions(doc, resources), lexicon, resources.units, resources.periods)
    assert [(c.heading, c.period is None) for c in claims] == [(True, True), (False, False)]


def test_a_state_as_of_a_named_day_links_only_from_its_own_sentence(resources):
    """目前…完成90% twice links (the same day); a figure whose 目前 is carried from the sentence before does not."""
    text = ("项目进展\n\n某市项目目前主体完成90%。\n\n据介绍，某市项目目前主体完成90%。\n\n"
            "某市项目目前已签约投资超20亿元。其中，某市项目投资超20亿元。\n")
    keys = dict(enumerate(keyed(text, resources)))
    assert keys[0][1] is not None and keys[0][1] == keys[1][1]
    assert keys[3][0] == "超20亿元" and keys[3][1] is None


def test_an_undated_figure_keeps_the_metric_its_words_name(resources):
    """The publication day has no words: the figure's metric is still read from the words before it."""
    text = "活动举行\n\n活动现场，某市项目完成投资35亿元。\n"
    claim = {c: k for c, k in keyed(text, resources)}
    assert claim["35亿元"] is not None and "投资" in str(claim["35亿元"].metric)


def test_figures_joined_by_a_joiner_are_distributed_and_never_link(resources):
    """通机装备、微耕机产量占全国40%和70%: each figure is one item's, so neither links (as with 分别)."""
    text = "产业发展\n\n某市通机装备、微耕机产量占全国40%和70%。\n\n某市微耕机产量占全国70%。\n"
    keys = keyed(text, resources)
    assert [key is None for _, key in keys] == [True, True, False]


def test_a_bulletin_dated_only_by_its_years_reports_on_its_titles_year(resources):
    """An undated bulletin whose date is guessed from 2019年 (mid-2019) still reports on 2019, the lead's year."""
    import attrs

    from checker.model import DocumentDate

    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("b.md", "某县2019年国民经济和社会发展统计公报\n\n一、综合\n\n全县实现生产总值61.5亿元。\n")
    doc = attrs.evolve(doc, dct=DocumentDate(dt.date(2019, 7, 1), 'inferred: year from "2019年"', 0.3))
    claims = build_claims(doc, find_mentions(doc, resources), lexicon, resources.units, resources.periods)
    claim = next(c for c in claims if c.mention.text == "61.5亿元")
    assert (claim.period.start, claim.period.end) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))


REVIEW = ("某省政府工作报告\n\n一、“十三五”时期和2020年工作回顾\n\n"
          "全省棉花产量年均增长3.2%，棉花产量达到56.2万吨。\n")


@pytest.mark.parametrize("heading", ["“十三五”时期和2020年", "2020年和“十三五”时期"])
def test_a_yearly_average_under_a_review_heading_is_over_its_span(resources, heading):
    """Under a heading naming “十三五”时期 and 2020年 in either order, 年均增长 averages the five years; a level is the
    last year's."""
    claims = claims_of(REVIEW.replace("“十三五”时期和2020年", heading), resources, dt.date(2021, 2, 1))
    average, level = claims["3.2%"].period, claims["56.2万吨"].period
    assert (average.start, average.end) == (dt.date(2016, 1, 1), dt.date(2020, 12, 31))
    assert (level.start, level.end) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_a_yearly_average_under_a_one_year_heading_keeps_its_year(resources):
    """A heading of one year only (一、2020年工作回顾) offers no span: the average keeps the year it names."""
    text = REVIEW.replace("“十三五”时期和", "")
    period = claims_of(text, resources, dt.date(2021, 2, 1))["3.2%"].period
    assert (period.start, period.end) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_a_cumulative_figure_under_a_review_heading_is_over_its_span(resources):
    """累计建成 under 一、“十三五”时期和2020年工作回顾 sums the five years; a level beside it is the last year's."""
    text = REVIEW.replace("全省棉花产量年均增长3.2%", "全省累计建成水库36座")
    claims = claims_of(text, resources, dt.date(2021, 2, 1))
    total, level = claims["36座"].period, claims["56.2万吨"].period
    assert (total.start, total.end) == (dt.date(2016, 1, 1), dt.date(2020, 12, 31))
    assert (level.start, level.end) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_an_undated_bulletins_figures_take_its_leads_span_though_no_year_places_it(resources):
    """An undated bulletin's lead says 一季度: a numbered section's figures are of 一季度 too, still unplaced."""
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    text = ("经省统计局反馈，一季度，全市实现地区生产总值545.0亿元。\n\n"
            "一、产业结构不断优化。第一产业实现增加值41.99亿元。\n")
    doc = document_from_text("a.md", text)
    claims = {c.mention.text: c for c in build_claims(doc, find_mentions(doc, resources), lexicon, resources.units,
                                                      resources.periods)}
    assert claims["41.99亿元"].period_text == "一季度" and claims["41.99亿元"].period.start is None


def test_a_body_naming_no_span_takes_its_front_matter_titles(resources):
    """2016年一季度陕西省财政收支情况 over a body naming no time: its figures are of 2016's first quarter."""
    text = "---\ntitle: 2016年一季度陕西省财政收支情况\n---\n\n收入情况\n\n全省地方财政收入完成461.55亿元。\n"
    claim = claims_of(text, resources, dt.date(2016, 4, 7))["461.55亿元"]
    assert (claim.period.start, claim.period.end) == (dt.date(2016, 1, 1), dt.date(2016, 3, 31))
    assert claim.period_text == "2016年一季度"


def test_a_day_quoted_alone_names_a_happening_and_dates_no_figure(resources):
    """某地“7·20”灾后…: the quoted day is a disaster's name; the next sentence's figure keeps the heading's year."""
    text = REVIEW.replace("全省棉花产量年均增长3.2%，", "某地“7·20”灾后重建全面完成。")
    period = claims_of(text, resources, dt.date(2021, 2, 1))["56.2万吨"].period
    assert (period.start, period.end) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


LIST = ("根据调查，2018年全国夏粮生产情况如下：\n\n一、全国夏粮播种面积26703千公顷，比2017年减少164千公顷。\n\n"
        "二、全国夏粮总产量13872万吨，比2017年减少306万吨。\n\n三、近五年小麦产量增长3%。\n\n四、全国谷物产量12984万吨。\n")


def test_every_item_of_a_list_takes_the_time_of_the_paragraph_introducing_it(resources):
    """…如下： introduces items 一、二、…: each is of 2018, not of its publication day nor of an earlier item's time."""
    claims = claims_of(LIST, resources, dt.date(2018, 7, 18))
    for figure in ("26703千公顷", "13872万吨", "12984万吨"):
        assert (claims[figure].period.start, claims[figure].period.end) == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))


def test_a_list_item_after_a_dateline_line_takes_the_introducing_paragraphs_time(resources):
    """A dateline on a line of its own (生意社01月02日讯) names no section's time: the items stay 2018's."""
    claims = claims_of("生意社01月02日讯\n\n" + LIST, resources, dt.date(2019, 1, 2))
    assert claims["13872万吨"].period_text == "2018年"


def test_later_items_under_a_dated_heading_keep_the_headings_time(resources):
    """Under 一、2025年工作回顾, items after 一年来…以下工作： are 2025's, the heading's time, not the intro's."""
    text = ("一、2025年工作回顾\n\n一年来，我们主要做了以下工作：\n\n（一）推动政策落地见效。新签约项目208个。\n\n"
            "（二）扩大有效投资。新建成城市应急备用水源10个。\n")
    claims = claims_of(text, resources, dt.date(2026, 2, 2))
    assert claims["10个"].period_text == "2025年"


@pytest.mark.parametrize(("text", "first", "second"), [
    # a span written with both its years: each end of 从A增加到B is its year
    ("1990~2000年，某省城镇化率从20.5%增加到30.2%。\n", (1990, 1990), (2000, 2000)),
    # a time written right before the first end (由2020年的) is the first end's; the sentence's own time the second's
    ("2023年，某省人均预期寿命由2020年的78.2岁提高到79.1岁。\n", (2020, 2020), (2023, 2023)),
    # the same with an amount (tests/corpus h16-04): the year opening the sentence dates the later end, never the
    # base's own year
    ("2010年，某省财政收入从2005年的420.4万元增加到2012.9万元。\n", (2005, 2005), (2010, 2010)),
    # a base year after 比 opens no sentence's time: the later end takes none of it
    ("比2008年，某省财政收入从2005年的420.4万元增加到2012.9万元。\n", (2005, 2005), None),
    # one period for both ends and written before neither: the later end is the state the span closes with
    ("“十四五”时期，某省高端产品占比从30%提高到70%。\n", None, (2025, 2025)),
])
def test_the_ends_of_a_from_to_change_take_their_own_times(resources, text, first, second):
    """从A增加到B: each end takes the year written for it; else the later end the span's last year, the earlier none."""
    claims = list(claims_of(text, resources, dt.date(2026, 2, 1)).values())
    ends = [c for c in claims if c.relation in ("level", "share")]
    years = [(c.period.start.year, c.period.end.year) if c.period else None for c in ends]
    assert years == [first, second]


def test_a_span_after_the_paragraphs_year_moves_it_on(resources):
    """这一年(2001年)…。20年后，…超过4万亿元: the paragraph's year moved on by the span (2021), not 2001."""
    text = "2001年，安徽GDP仅有3502.8亿元。20年后，安徽GDP超过4万亿元。"
    claims = claims_of(text, resources, dt.date(2022, 1, 20))
    assert claims["4万亿元"].period.start.year == claims["4万亿元"].period.end.year == 2021
    # Twin: with no span after the year, the sentence speaks of the paragraph's year.
    same = claims_of("2001年，安徽GDP仅有3502.8亿元。安徽GDP超过4万亿元。", resources, dt.date(2022, 1, 20))
    assert same["4万亿元"].period.start.year == 2001


@pytest.mark.parametrize("stamp", ["发布时间:2024-11-22 11:35:29 来源: sp20241122", "新京报2024-11-22 20:30:47  54",
                                   "时间:2024-11-22"])
def test_a_pages_date_line_dates_no_figure(resources, stamp):
    """A page's date line or time stamp (a mirror's crawl time) dates the page, not the figures below it: they take
    the period the lead reports on."""
    text = f"8月份价格下降\n\n{stamp}\n\n2024年8月份，全国价格下降1.8%。\n\n生产资料价格下降2.0%。\n"
    period = claims_of(text, resources, dt.date(2024, 9, 9))["2.0%"].period
    assert (period.start, period.end) == (dt.date(2024, 8, 1), dt.date(2024, 8, 31))


def test_a_from_state_is_its_base_periods_and_dates_nothing_after_it(resources):
    """由上年上涨2.5%转为下降0.4%: 2.5% is last year's rate; 0.4% and the next sentence's figures are this year's."""
    text = ("2021年，某市居民消费价格下降0.4%。\n\n"
            "从全年看，CPI由上年上涨2.5%转为下降0.4%。其中，食品价格下降0.6%。\n")
    claims = claims_of(text, resources, dt.date(2022, 3, 1))
    years = {figure: (claims[figure].period.start, claims[figure].period.end) for figure in ("2.5%", "0.4%", "0.6%")}
    assert years == {"2.5%": (dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
                     "0.4%": (dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
                     "0.6%": (dt.date(2021, 1, 1), dt.date(2021, 12, 31))}


def test_a_vague_span_of_no_start_sets_the_scene_and_dates_no_figure(resources):
    """一季度，…在近几年高位运行的基础上完成X: the figure is the quarter's; 近几年 dates a figure only when alone."""
    text = ("一季度，全市乡镇工业在近几年高位运行的基础上完成产值60.2亿元。\n\n"
            "近几年，全市工业产值增长较快，达到500亿元。\n")
    claims = claims_of(text, resources, dt.date(2006, 4, 27))
    quarter = claims["60.2亿元"].period
    assert (quarter.start, quarter.end) == (dt.date(2006, 1, 1), dt.date(2006, 3, 31))
    assert claims["500亿元"].period_text == "近几年"


def test_a_time_in_a_completion_frame_dates_only_the_targets_figure(resources):
    """完成全年500万人目标的58%: 全年 is the target's period (500万人); 290万人 and 58% are the paragraph's 1—6月."""
    text = ("1—6月，全国城镇新增就业655万人，完成全年900万人目标的73%。"
            "城镇失业人员再就业290万人，完成全年500万人目标的58%。\n")
    claims = claims_of(text, resources, dt.date(2011, 7, 25))
    half, year = (dt.date(2011, 1, 1), dt.date(2011, 6, 30)), (dt.date(2011, 1, 1), dt.date(2011, 12, 31))
    spans = {figure: (claims[figure].period.start, claims[figure].period.end)
             for figure in ("73%", "290万人", "58%", "500万人")}
    assert spans == {"73%": half, "290万人": half, "58%": half, "500万人": year}


def test_the_time_of_a_trend_a_figure_continues_is_no_period_of_it(resources):
    """延续2月份平稳向好趋势 names the month whose trend a quarter continues: the quarter's figures stay its own."""
    text = "一季度，全市规模以上工业增加值延续2月份平稳向好趋势，同比增长9.6%，比全省高1.9个百分点。\n"
    claim = claims_of(text, resources, dt.date(2025, 5, 7))["9.6%"]
    assert (claim.period.start, claim.period.end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))


def test_a_numbered_heading_closing_with_a_full_stop_dates_its_section(resources):
    """一、1-3月份主要经济指标完成情况。 is a section's heading though it ends with 。: its figures are of 1-3月, not of
    the opening paragraph's 今年以来."""
    text = ("今年以来，全县坚持稳中求进工作总基调。\n\n一、1-3月份主要经济指标完成情况。\n\n"
            "根据地区生产总值统一核算结果，全县地区生产总值总量为52.22亿元，同比增长4.0%。\n")
    claim = claims_of(text, resources, dt.date(2025, 4, 30))["52.22亿元"]
    assert (claim.period.start, claim.period.end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))


@pytest.mark.parametrize("frame", ["同2010年第六次全国人口普查相比", "和2010年相比", "同2010年人口普查时比较"])
def test_a_time_inside_a_comparison_frame_is_its_base_and_dates_no_change_after_it(resources, frame):
    """同2010年…相比: the year inside the frame is the comparison's base; the changes after it are the paragraph's
    year's."""
    text = f"2015年，全市常住人口为351.3万人。{frame}，0-14岁人口比重下降0.08个百分点。\n"
    period = claims_of(text, resources, dt.date(2016, 4, 21))["0.08个百分点"].period
    assert (period.start, period.end) == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))


def test_the_bases_figure_inside_a_comparison_frame_takes_the_bases_time(resources):
    """同…2010年11月1日零时的338.7万人相比: the base's figure stands inside the frame, apart from its time; the change
    after the frame is the paragraph's year's."""
    text = ("2015年，全市常住人口为351.3万人。同第六次全国人口普查2010年11月1日零时的338.7万人相比，"
            "五年共增加12.6万人。\n")
    claims = claims_of(text, resources, dt.date(2016, 4, 21))
    base, change = claims["338.7万人"].period, claims["12.6万人"].period
    assert (base.start, base.end) == (dt.date(2010, 11, 1), dt.date(2010, 11, 1))
    assert (change.start, change.end) == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))


@pytest.mark.parametrize(("text", "figure"), [
    ("同时2024年全市粮食产量与上年相比增长5%。", "5%"),
    ("2024年全市粮食产量相比2023年增长5%。", "5%"),
])
def test_a_time_outside_a_frame_still_dates_its_figure(resources, text, figure):
    """同时2024年…与上年相比, 2024年…相比2023年: the frame's words around another time make 2024年 no base."""
    period = claims_of(text + "\n", resources, dt.date(2025, 2, 1))[figure].period
    assert (period.start, period.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
