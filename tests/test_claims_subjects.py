"""Subjects come from the gazetteer of divisions, the article's place, or 全国 for a national release."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.claims.build import build_claims
from checker.claims.lexicon import load_claim_lexicon, load_gazetteer
from checker.errors import RuleFileError
from checker.extract.mentions import find_mentions
from checker.extract.resources import RULES_DIR
from checker.text.ingest import document_from_text


def subjects_of(text: str, resources) -> dict[str, str]:
    """The subject of each figure of one short article, by the figure's surface text."""
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("a.md", text, date_override=dt.date(2025, 3, 1))
    return {c.mention.text: c.subject for c in build_claims(doc, find_mentions(doc, resources), lexicon)}


@pytest.mark.parametrize(("text", "figure", "subject"), [
    ("2024年，湖南省地区生产总值增长4.8%。", "4.8%", "湖南"),
    ("2024年，浏阳市地区生产总值达到1500亿元。", "1500亿元", "浏阳市"),
    ("2024年，湘西土家族苗族自治州地区生产总值达到800亿元。", "800亿元", "湘西"),
    ("2024年，内蒙古自治区粮食产量达到800亿斤。", "800亿斤", "内蒙古"),
    ("2024年，江苏进出口增长4.5%，高于全国0.7个百分点。", "0.7个百分点", "江苏"),
    ("2024年，成都高新区电子信息产业产值达到3200亿元。", "3200亿元", "成都高新区"),
    ("2024年，西安经开区汽车产量达到30万辆。", "30万辆", "西安经开区"),
    ("2024年，成都电子信息产业产值达到5000亿元。", "5000亿元", "成都"),
])
def test_gazetteer_subjects(text, figure, subject, resources):
    """Provinces and prefectures drop their suffix, county-level divisions keep it, a yardstick is no subject.

    A zone named after a division (成都高新区) is a subject of its own, never the city it is in.
    """
    assert subjects_of(text, resources)[figure] == subject


def test_a_dateline_place_is_not_the_subject_of_a_national_figure(resources):
    """新华社北京…电 files a national release from 北京: its figures are about 全国."""
    text = "新华社北京1月17日电 国家统计局17日发布，2023年国内出游人次48.91亿，同比增长93.3%。"
    assert subjects_of(text, resources)["48.91亿"] == "全国"


def test_an_article_about_a_region_gives_its_figures_that_subject(resources):
    """全区 in 宁夏's report is 宁夏, and a figure naming no place is about the article's place."""
    text = ("宁夏回族自治区政府工作报告。宁夏经济稳中有进，宁夏工业提质增效，宁夏消费回暖，宁夏外贸增长。"
            "全区地区生产总值增长5.5%。粮食产量达到380万吨。")
    subjects = subjects_of(text, resources)
    assert subjects["5.5%"] == "宁夏"
    assert subjects["380万吨"] == "宁夏"


def test_words_ending_like_a_place_are_no_subject(resources):
    """航空运输市场 and 落实省委 hold no place name."""
    subjects = subjects_of("4月份，航空运输市场继续恢复，完成旅客运输量5027.5万人次。", resources)
    assert subjects["5027.5万人次"] == "全国"


def test_a_malformed_gazetteer_line_names_file_and_line(tmp_path):
    """A gazetteer line without a subject is an error citing its line."""
    path = tmp_path / "places.txt"
    path.write_text("# places\n430000\t湖南省\t湖南\t湘\n430100\t长沙市\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_gazetteer(path)
    assert error.value.line == 3


def test_the_example_user_lexicon_adds_local_names(resources):
    """Companies and short local names live in a user lexicon (examples/chongqing.yaml), not the default one."""
    text = "2024年，赛力斯新能源汽车交付量达到42万辆。"
    doc = document_from_text("a.md", text, date_override=dt.date(2025, 3, 1))
    lexicons = RULES_DIR / "lexicon"
    default = load_claim_lexicon([lexicons / "claims.yaml"])
    local = load_claim_lexicon([lexicons / "claims.yaml", lexicons / "examples" / "chongqing.yaml"])
    subject = {lexicon is local: {c.subject for c in build_claims(doc, find_mentions(doc, resources), lexicon)}
               for lexicon in (default, local)}
    assert "赛力斯" not in subject[False]
    assert subject[True] == {"赛力斯"}


@pytest.mark.parametrize(("text", "figure", "junk"), [
    ("2024年，湖南新增上市公司12家。", "12家", "新增上"),  # 上市 ends no place name
    ("2024年，湖南过沪深两市融资300亿元。", "300亿元", "过沪深两"),
    ("2024年，提请自治区审议项目30个。", "30个", "提请自治区"),
    ("2024年，湖南建设示范区投资300亿元。", "300亿元", "建设示范区"),
    ("2024年，湖南旅游度假区接待游客300万人次。", "300万人次", "旅游度假区"),
    ("2015年，大陆31个省、自治区、直辖市的人口中，男性人口为70356万人。", "70356万人", "直辖市"),  # a kind of city
    ("2023年，45个产业功能县实现生产总值9581.05亿元。", "9581.05亿元", "产业功能县"),  # a kind of county
    ("一季度，边民互市和边境小额贸易合计进出口897亿元。", "897亿元", "边民互市"),  # a border market
    ("2024年，边民互市贸易区增至5个。", "5个", "贸易区"),
    ("其中，地级市278个，县级市360个。", "360个", "县级市"),  # a level of division, no name
])
def test_words_of_no_place_ending_in_a_suffix_are_no_subject(text, figure, junk, resources):
    """新增上市, 沪深两市, 自治区, 直辖市, 互市, 功能县, 县级市, 示范区, 度假区 end like places (…市, …区, …县) and
    are none: never a subject."""
    assert subjects_of(text, resources)[figure] not in (junk, junk[:-1])


@pytest.mark.parametrize("text", [
    "怀化市溆浦县2006年国民经济和社会发展统计公报\n\n全年保费收入6031万元，比上年下降3.2%。\n",
    "2008年，永州市蓝山县保费收入6031万元。\n",
    "2008年，长沙市岳麓区保费收入6031万元。\n",
])
def test_a_county_written_after_its_prefecture_is_the_county(text, resources):
    """怀化市溆浦县, 永州市蓝山县, 长沙市岳麓区: a city written right before one of its counties or districts names
    that county, as a province before its city does."""
    assert subjects_of(text, resources)["6031万元"] in ("溆浦县", "蓝山县", "岳麓区")


def test_a_byline_place_is_no_subject(resources):
    """记者 某某 北京报道, 在北京透露: where a report was filed or told, not what its national figures are about."""
    text = "本报记者张三 北京报道\n\n国家统计局发布，1至8月，全国港口完成货物吞吐量120.3亿吨，同比增长4.4%。\n"
    assert subjects_of(text, resources)["120.3亿吨"] == "全国"
    told = "交通运输部副部长李四28日在北京透露，1至8月，港口完成货物吞吐量120.3亿吨。\n"
    assert subjects_of(told, resources)["120.3亿吨"] != "北京"


@pytest.mark.parametrize(("text", "figure", "subject"), [
    ("湖南第二经济大市、位于湘中的衡阳2023年地区生产总值为4000亿元。", "4000亿元", "衡阳"),
    ("湖南第二经济大市衡阳2023年地区生产总值为4000亿元。", "4000亿元", "衡阳"),
    ("湖南省会长沙2023年地区生产总值为14000亿元。", "14000亿元", "长沙"),
    ("广西首府南宁2023年地区生产总值为5000亿元。", "5000亿元", "南宁"),
    ("江苏的苏州2023年进出口总额为2.5万亿元。", "2.5万亿元", "苏州"),
    # twins: the first place is the subject when no phrase ties it to a later one
    ("湖南2023年地区生产总值为50000亿元。", "50000亿元", "湖南"),
    ("湖南的地区生产总值为50000亿元。", "50000亿元", "湖南"),
    ("湖南地区生产总值为50000亿元，衡阳的增速为5%。", "50000亿元", "湖南"),
    ("湖南地区生产总值为50000亿元，衡阳的增速为5%。", "5%", "衡阳"),
])
def test_a_place_describing_a_later_place_is_not_the_subject(text, figure, subject, resources):
    """A place in a phrase ending in 的, 省会 or 大市 right before another place describes it (湖南第二经济大市衡阳)."""
    assert subjects_of(text, resources)[figure] == subject


def test_the_company_an_article_names_in_its_lead_is_what_its_company_words_stand_for(resources):
    """该公司, 公司, 2024年公司 after a lead naming 星河电机股份有限公司 are 星河电机; 上市公司, 8家公司 are not."""
    text = ("星河电机股份有限公司发布2024年年度报告。该公司2024年营业收入为320亿元。"
            "2024年公司净利润为21亿元。公司研发投入为15亿元。该公司聚焦电机、电控、电池三大业务。")
    subjects = subjects_of(text, resources)
    assert subjects["320亿元"] == subjects["21亿元"] == subjects["15亿元"] == subjects["三大"] == "星河电机"
    others = subjects_of("星河电机股份有限公司发布2024年年度报告。\n\n"
                         "2024年上市公司营业收入为70万亿元。另有8家公司营业收入为900亿元。", resources)
    assert others["70万亿元"] != "星河电机" and others["900亿元"] != "星河电机"


def test_company_words_in_an_article_naming_no_company_keep_its_main_subject(resources):
    """Without a company named in full in the lead, 该公司 falls back on the article's place, as any unnamed figure."""
    text = ("湖南工业经济运行情况。湖南工业稳步增长，湖南制造业升级，湖南出口回暖，湖南投资加快。"
            "该公司2024年营业收入为320亿元。")
    assert subjects_of(text, resources)["320亿元"] == "湖南"


@pytest.mark.parametrize(("text", "figure", "subject"), [
    # a province written right before one of its cities or counties names the city or county
    ("2023年，广东深圳进出口总额达到3.9万亿元。", "3.9万亿元", "深圳"),
    ("2023年，浙江宁波港口货物吞吐量达到13亿吨。", "13亿吨", "宁波"),
    ("2023年，湖南浏阳市烟花产值达到300亿元。", "300亿元", "浏阳市"),
    ("2023年，山东青岛县域经济增长6%。", "6%", "青岛"),
    # a city of another province after a province stays a second place: the province keeps the figure
    ("2023年，广东杭州两地合作项目投资达到50亿元。", "50亿元", "广东"),
])
def test_a_province_right_before_its_city_names_the_city(text, figure, subject, resources):
    """湖南长沙 with no linking word is 长沙 of 湖南, only where the gazetteer puts the city in that province."""
    assert subjects_of(text, resources)[figure] == subject


@pytest.mark.parametrize(("text", "figure", "subject"), [
    ("2023年，川渝两地外贸进出口总额达到1.5万亿元。", "1.5万亿元", "四川、重庆"),
    ("2023年，苏浙沪三省市实际使用外资增长3%。", "3%", "江苏、浙江、上海"),
    ("2023年，粤港澳大湾区经济总量达到14万亿元。", "14万亿元", "粤港澳大湾区"),
    ("2023年，京津冀地区生产总值达到10.4万亿元。", "10.4万亿元", "京津冀"),
])
def test_province_abbreviations_before_a_group_word_are_the_provinces(text, figure, subject, resources):
    """A run of one-character abbreviations before 两地/三省市 names those provinces together; named regions are one."""
    assert subjects_of(text, resources)[figure] == subject


@pytest.mark.parametrize(("text", "figure"), [
    ("2023年，沪深两市股票成交额达到212万亿元。", "212万亿元"),  # 沪深两市 are stock exchanges, no places
    ("2023年，川菜餐饮企业营业收入增长12%。", "12%"),  # an abbreviation inside a word is no place
])
def test_province_abbreviations_without_a_group_word_name_no_province(text, figure, resources):
    """Without a group word after them, one-character abbreviations name no province."""
    assert subjects_of(text, resources)[figure] not in ("上海", "深圳", "四川", "上海、深圳")


def test_abbreviation_runs_are_no_words_of_the_metric(resources):
    """川渝两地 names the subject: the metric is 地区生产总值 with no industry."""
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("a.md", "2023年，川渝两地地区生产总值达到8.2万亿元。", date_override=dt.date(2025, 3, 1))
    claim = next(c for c in build_claims(doc, find_mentions(doc, resources), lexicon) if c.mention.text == "8.2万亿元")
    assert (claim.metric.measure, claim.metric.industry) == ("地区生产总值", "")


@pytest.mark.parametrize(("text", "figure", "subject"), [
    # the short name after the full name is the same company
    ("晶科能源股份有限公司发布年报。2023年，晶科能源组件出货量达到78吉瓦。", "78吉瓦", "晶科能源"),
    ("天合光能科技股份有限公司发布年报。2023年，天合光能营业收入达到1133亿元。", "1133亿元", "天合光能科技"),
    # a place inside the short name (宁德 of 宁德时代) is no subject of its own there
    ("宁德时代新能源科技股份有限公司发布年报。2023年，宁德时代营业收入达到4009亿元。", "4009亿元",
     "宁德时代新能源科技"),
    # a place the clause names beside the company keeps its figure; a place alone stays the place
    ("长江电力股份有限公司发布年报。2023年，长江电力发电量达到2700亿千瓦时，湖北省发电量增长5%。", "5%", "湖北"),
    ("宁德时代新能源科技股份有限公司发布年报。2023年，福建宁德地区生产总值达到3900亿元。", "3900亿元", "宁德"),
])
def test_a_company_short_name_is_the_company(text, figure, subject, resources):
    """隆基绿能 after 隆基绿能科技股份有限公司 names the same company; places beside it keep their figures."""
    assert subjects_of(text, resources)[figure] == subject


def test_a_listed_companys_short_name_after_its_mark_is_the_subject():
    """公司简称:星河电机 in a report summary: the figures are the company's, under its short name, never the place its
    full name opens with (北京星河电机技术…)."""
    from checker.extract.resources import load_resources

    text = ("公司代码:600000    公司简称:星河电机\n\n北京星河电机技术股份有限公司\n\n2023年年度报告摘要\n\n"
            "2023年,公司实现营业收入320亿元。\n")
    claims = _claims_by_surface(text, load_resources())
    assert claims["320亿元"].subject == "星河电机"


def _claims_by_surface(text: str, resources) -> dict:
    """The claims of one short article, by the figure's surface text."""
    import datetime as dt

    from checker.claims.build import build_claims
    from checker.claims.lexicon import load_claim_lexicon
    from checker.extract.mentions import find_mentions
    from checker.extract.resources import RULES_DIR
    from checker.text.ingest import document_from_text

    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("c.md", text, date_override=dt.date(2025, 4, 30))
    return {c.mention.text: c for c in build_claims(doc, find_mentions(doc, resources), lexicon, resources.units,
                                                    resources.periods)}


def test_a_front_matter_title_names_the_place_of_a_body_saying_only_quansheng(resources):
    """全省 in a body that never names its province is the province its front-matter title names, not 全国."""
    body = "一般公共预算收入情况\n\n全省地方财政收入完成461.55亿元，比上年同期增长5.02%。\n"
    titled = "---\ntitle: 2016年一季度陕西省财政收支情况\n---\n\n" + body
    assert subjects_of(titled, resources)["461.55亿元"] == "陕西"
    assert subjects_of(body, resources)["461.55亿元"] != "陕西"


def test_a_place_named_mid_paragraph_is_not_the_topic_of_the_next_sentences(resources):
    """A city a later sentence of a province's paragraph names keeps its own sentence; the next figures are the
    province's, while a city opening its paragraph is that paragraph's topic."""
    lead = "山西省政府工作报告。山西经济回升向好，山西工业提质增效。\n\n"
    mid = lead + "为民排忧解难。太原地铁1号线开通运营。全年事故起数同比下降12.04%。\n"
    opening = lead + "太原市加快建设国家区域中心城市。全年事故起数同比下降12.04%。\n"
    assert subjects_of(mid, resources)["12.04%"] == "山西"
    assert subjects_of(opening, resources)["12.04%"] == "太原"


def test_an_economic_region_is_the_subject_its_sentence_names_never_the_articles_place(resources):
    """东部地区, 中西部地区 are subjects of the figures their sentences name; named once in a company's report
    (中西部地区高速公路), they are not the place the article is about: its unnamed figures stay 全国's guess."""
    text = ("一季度，中西部地区实现进出口1.84万亿元。\n\n1-8月，东部地区商品房销售面积30485万平方米。\n")
    subjects = subjects_of(text, resources)
    assert (subjects["1.84万亿元"], subjects["30485万平方米"]) == ("中西部地区", "东部地区")
    report = "2019年，本集团承接了一系列中西部地区高速公路勘察设计项目。\n\n新签合同额为475.09亿元。\n"
    assert subjects_of(report, resources)["475.09亿元"] == "全国"


def test_an_autonomous_prefecture_is_also_named_with_zhou():
    """大理州, 湘西州, 海西州 name the autonomous prefectures (as 大理白族自治州 does); 大理市 stays the county."""
    subjects = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"]).subjects
    assert [subjects.get(name) for name in ("大理州", "湘西州", "海西州", "大理市")] == [
        "大理", "湘西", "海西蒙古族藏族自治州", "大理市"]


def test_a_provinces_own_release_naming_no_province_is_the_unnamed_province_not_the_country(resources):
    """全省 said again and again, no province named: the figures are the unnamed province's (全省), linked only within
    their own article; said less often than 全国, the text stays a national release."""
    from checker.claims.link import fact_key

    text = ("1-8月，全省房地产开发投资3202.0亿元，增长5.3%。\n\n1-8月，全省商品房销售面积3428.1万平方米，"
            "增速比全国高0.8个百分点。\n")
    claims = _claims_by_surface(text, resources)
    assert (claims["3202.0亿元"].subject, claims["3202.0亿元"].understood.subject) == ("全省", "unnamed")
    assert str(fact_key(claims["3202.0亿元"])).startswith("全省@c.md/")
    national = "全国房地产开发投资3202.0亿元，全国商品房销售面积3428.1万平方米，全国新开工面积增长3%，全省增长5%。\n"
    assert subjects_of(national, resources)["3202.0亿元"] == "全国"


@pytest.mark.parametrize(("front", "subject"), [
    ("title: 安徽省统计局发布2024年上半年全省经济运行情况", "安徽"),
    ("title: 1-8月全省房地产开发投资情况\noutlet: 河北省统计局", "河北"),
])
def test_the_page_that_publishes_an_unnamed_provinces_figures_names_it(front, subject, resources):
    """A body saying only 全省 is about the province its title names as the source, or its publisher (outlet)."""
    text = f"---\n{front}\n---\n\n上半年，全省地区生产总值23967亿元。全省规上工业增加值增长8.5%。\n"
    assert subjects_of(text, resources)["23967亿元"] == subject


def test_quansheng_is_the_province_holding_the_cities_a_text_names_and_quanshi_never_a_province(resources):
    """全省 in a text naming only 甘孜 and 泸州 is 四川; 全市 in 沧州's text naming 河北 more often is 沧州."""
    province = ("前7月，我省规模以上工业增加值同比增长7.8%。其中甘孜、泸州等市州增速在两位数。\n\n"
                "1-7月，全省完成全社会固定资产投资16715.2亿元。社会消费品零售总额8579.8亿元。\n")
    subjects = subjects_of(province, resources)
    assert (subjects["16715.2亿元"], subjects["8579.8亿元"]) == ("四川", "四川")
    city = "河北省统计局发布。河北经济平稳。河北工业增长。沧州市一季度。全市地区生产总值1000亿元。\n"
    assert subjects_of(city, resources)["1000亿元"] == "沧州"


def test_a_place_the_title_names_is_the_subject_of_a_text_naming_the_country_as_a_yardstick(resources):
    """朝阳市's report naming 全国 twice as a yardstick is 朝阳市's; a title's bracketed outlet (浙江在线) names no
    topic."""
    text = ("---\ntitle: 朝阳市一季度经济运行情况\n---\n\n一季度，增速分别高于全国(5.4%)0.1个百分点，超过全国。\n\n"
            "第一产业增加值27.5亿元，增长3.4%。\n")
    assert subjects_of(text, resources)["27.5亿元"] == "朝阳市"
    reprint = ("---\ntitle: 1月份居民消费价格上涨1.9%（新华社，浙江在线转载）\n---\n\n"
               "1月份，全国居民消费价格上涨1.9%，全国食品价格上涨4.0%。\n\n粮食价格上涨14.2%。\n")
    assert subjects_of(reprint, resources)["14.2%"] == "全国"


@pytest.mark.parametrize(("ranked", "figure"), [
    ("猪肉产量15.12万吨，全省排位第五。禽肉产量1.62万吨。", "1.62万吨"),
    ("禽肉增速全省第一\n\n禽肉产量1.62万吨，增长3%。", "1.62万吨"),
    ("禽肉产量1.62万吨，比全省高1.9个百分点。", "1.9个百分点"),
])
def test_quansheng_in_a_citys_text_is_its_province_unless_it_is_the_field_of_a_rank_or_gap(ranked, figure, resources):
    """全省 naming a figure in 大理's text is 云南's; 全省排位第五, a heading's 全省第一 and 比全省高1.9个百分点 only
    measure 大理 against it: those figures stay 大理's."""
    text = ("大理州畜牧业稳步增长，大理州肉类总产量20.37万吨。大理州是云南畜牧大州。\n\n全省生牛奶产量40万吨。\n\n"
            + ranked + "\n")
    subjects = subjects_of(text, resources)
    assert (subjects["40万吨"], subjects[figure]) == ("云南", "大理")


@pytest.mark.parametrize(("front", "subject"), [
    ("title: 上半年我县农林牧渔业总产值增长8%\noutlet: 安化县人民政府网（县统计局）", "安化县"),
    ("title: 上半年 我县经济实现稳中提质\noutlet: 岱山新闻网（浙江在线）", "岱山县"),
    ("title: 枞阳工业经济首季开门红", "枞阳县"),
    ("title: 上半年 我县经济实现稳中提质\noutlet: 新闻网", ""),
])
def test_a_county_text_naming_no_county_is_the_county_its_title_or_outlet_names(front, subject, resources):
    """全县 in a body naming no county is the county the page's title or outlet names, by its name or without 县
    (岱山新闻网); a page naming none leaves it unknown."""
    text = f"---\n{front}\n---\n\n上半年，全县农林牧渔业实现总产值25.67亿元。全县生猪出栏20万头。\n"
    assert subjects_of(text, resources)["25.67亿元"] == subject


@pytest.mark.parametrize(("title", "subject"), [
    ("※隆基绿能2024年营收825.82亿元 净亏损86.18亿元（中新经纬）", "隆基绿能"),
    ("药明康德2020年业绩实现强劲增长", "药明康德"),
    ("规上工业企业2024年营收增长5%", "香港"),
])
def test_a_title_opening_with_a_company_before_its_reports_year_names_the_company(title, subject, resources):
    """A title opening with a name, a year and a report word (营收, 业绩) is that company's report: its figures are the
    company's, not those of the city or exchange it names; a group of firms (规上工业企业) is no company (its
    figures stay the place's the text names)."""
    text = (f"---\ntitle: {title}\n---\n\n上海3月30日电 公司在香港联合交易所发布年度报告。\n\n"
            "2024年营业收入825.82亿元，同比下降36.23%。\n")
    assert subjects_of(text, resources)["825.82亿元"] == subject


def test_quanshi_is_the_city_the_title_names_though_the_text_names_another_more(resources):
    """高邮市's page names 扬州 (its prefecture, a yardstick) more often than itself: its title says whose 全市 it
    is."""
    text = ("---\ntitle: 高邮市一季度乡镇工业经济\n---\n\n在扬州市乡镇企业局长会议上获悉，"
            "我市指标均超过扬州市平均水平，高出扬州全市水平。\n\n一季度，全市乡镇工业完成现价产值60.2亿元。\n")
    assert subjects_of(text, resources)["60.2亿元"] == "高邮市"


@pytest.mark.parametrize(("text", "figure", "subject"), [
    ("2011年，黑龙江省粮食增产量111.5亿斤，占全国总增产量的22.5%。", "22.5%", "黑龙江"),
    ("2024年，江苏棉花产量616.5万吨、占全国92.8%。", "92.8%", "江苏"),
    # A group of the whole's parts (a list of places) states the whole's figure.
    ("当天，四川、广东、江苏等省接待游客量约占全国游客接待量的63.75%。", "63.75%", "全国"),
])
def test_the_place_after_zhan_is_the_whole_of_a_share_not_its_subject(text, figure, subject, resources):
    """占全国总增产量的22.5%: 全国 names the whole (the yardstick); whose share it is stands before 占."""
    assert subjects_of(text, resources)[figure] == subject


def test_a_text_naming_its_place_only_as_a_whole_is_still_about_that_place(resources):
    """非公有制经济占全市经济的比重: 全市 after 占 is the whole, yet it still says the text is a city's, not the
    country's."""
    text = "全年实现地区生产总值1605.1亿元。非公有制经济占全市经济的比重为59.7%。"
    assert subjects_of(text, resources)["1605.1亿元"] != "全国"
