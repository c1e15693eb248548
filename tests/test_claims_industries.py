"""Industries the lexicon does not know: the segmenter names them before a known measure, or they stay raw."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.claims.segment import industry_phrase
from tests.test_claims_metrics import claims_of


def test_an_unknown_industry_before_a_measure_is_named(resources):
    """玉米产量 names the industry 玉米 by the segmenter: printed without ?, its metric source says segmenter."""
    claim = claims_of("2024年，全省玉米产量581万吨，增长2.3%。", resources)["581万吨"]
    assert str(claim.metric) == "玉米|产量"
    assert claim.metric.known
    assert claim.understood.metric == "segmenter"


def test_an_activity_may_end_an_industrys_name(resources):
    """油菜种植面积: 种植 names what the land measure counts and stays in the industry's name."""
    claim = claims_of("2024年，全县油菜种植面积12万亩。", resources)["12万亩"]
    assert str(claim.metric) == "油菜种植|面积"


def test_an_action_verb_is_cut_from_the_industrys_start(resources):
    """争取中央预算内投资: 争取 is an action before the industry, not part of its name."""
    claim = claims_of("2024年，全省争取中央预算内投资95亿元。", resources)["95亿元"]
    assert str(claim.metric) == "中央预算内|投资"


@pytest.mark.parametrize(("sentence", "figure"), [
    # 知识密集型服务: the segmenter tags 知识 as a verb; a verb no list knows may be a piece of the name.
    ("2024年，全省知识密集型服务进出口增长9%。", "9%"),
    # 水电、风电、光伏发电量占比: the share is of all three; 光伏 alone is no certain industry.
    ("2024年，全省水电、风电、光伏发电量占比达43%。", "43%"),
    # 美国和日本进出口 names two partners: no single industry.
    ("2024年，全省对美国和日本进出口增长6%。", "6%"),
    # 基金规模 is a fund's size, not output value: 规模 with unknown words before it.
    ("2024年，全省产业引导基金规模突破300亿元。", "突破300亿元"),
])
def test_unsure_words_before_a_measure_stay_raw(resources, sentence, figure):
    """Words the segmenter cannot make one certain industry of stay raw: printed with ?, their source the lexicon's."""
    claim = claims_of(sentence, resources)[figure]
    assert str(claim.metric).startswith("?")
    assert claim.understood.metric == "lexicon"


def test_a_noun_after_the_measure_leaves_the_industry_unsure(resources):
    """企业特色产业集群5个 counts clusters, not companies: the raw words before 企业 are not made certain."""
    claim = claims_of("2024年，全省新增专精特新企业特色产业集群5个。", resources)["5个"]
    assert not str(claim.metric).startswith("专精特新|企业")


def test_words_after_a_measure_that_restate_it_keep_it(resources):
    """高新技术企业数量达1.2万家: 数量 restates the measure, whose industry is still named."""
    claim = claims_of("2024年，全省高新技术企业数量达1.2万家。", resources)["1.2万家"]
    assert str(claim.metric) == "高新技术|企业数"


def test_a_scale_in_kilowatts_is_no_output_value(resources):
    """储能规模120万千瓦 is measured in kilowatts: 规模 means output value only in money."""
    claim = claims_of("2024年，全省新型储能规模120万千瓦。", resources)["120万千瓦"]
    assert claim.metric.measure != "产值"


def test_a_quoted_name_before_the_words_keeps_them_raw(resources):
    """共建“一带一路”国家进出口: 国家 is the tail of a quoted name, not the industry."""
    claim = claims_of("2024年，全省对共建“一带一路”国家进出口增长7%。", resources)["7%"]
    assert str(claim.metric) != "国家|进出口"


@settings(deadline=None)  # the first example loads the segmenter's dictionary
@given(st.lists(st.sampled_from(["粮食", "种植", "新增", "和", "的", "重大", "项目", "国家级", "对", "地", "产品",
                                 "高新技术", "播种", "第三", "个", "欧盟"]), max_size=6))
@example(["第三", "项目", "的"])  # cut 第三项|目的: a numeral with a classifier glued to it takes the name's start
@example(["项目", "的", "地"])  # cut 项|目的地: a one-character word glued to the next one's start
def test_an_industry_phrase_is_a_tail_of_its_words_or_nothing(words):
    """With no filler words, an industry's name is the end of the raw words (only their start is cut), or ''."""
    text = "".join(words)
    name = industry_phrase(text, frozenset(), frozenset({"种植", "播种"}), frozenset({"新增"}))
    assert name == "" or (text.endswith(name) and len(name) >= 2)
    assert "和" not in name and "的" not in name
