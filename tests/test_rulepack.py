"""Rule files and lexicons: schema validation, errors that cite file, line and key, and safe loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.errors import RuleFileError
from checker.extract.resources import RULES_DIR
from checker.extract.units import load_unit_system
from checker.run.pipeline import load_pack_and_lexicon

GOOD = """kind: wording
severity: warning
message: "“{match}”：示例"
params:
  pattern: "示例"
"""


def _write_rule(tmp_path: Path, kind: str, name: str, text: str) -> Path:
    """Write one rule file into a user rule directory."""
    folder = tmp_path / "rules" / kind
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "rules"


def test_default_pack_loads_with_every_kind():
    """The default pack loads, and every rule names a kind that has a module."""
    pack, _ = load_pack_and_lexicon([])
    assert len(pack.rules) >= 20
    assert {r.kind for r in pack.rules} >= {"agreement", "growth", "share", "total", "count", "duration",
                                            "relative-date", "revision", "forecast-vs-actual", "headline-vs-body",
                                            "wording"}


def test_user_rule_directory_adds_a_rule(tmp_path):
    """A user rule directory adds rules whose id comes from the path."""
    pack, _ = load_pack_and_lexicon([_write_rule(tmp_path, "wording", "example-word", GOOD)])
    assert pack.by_id("wording.example-word") is not None


@pytest.mark.parametrize("text,line,key", [
    (GOOD + "colour: red\n", 6, "colour"),
    (GOOD.replace("severity: warning", "severity: fatal"), 2, "severity"),
    (GOOD.replace("kind: wording", "kind: nonsense"), 1, "kind"),
    (GOOD.replace('  pattern: "示例"', '  pattern: "示例("'), 5, "params.pattern"),
    (GOOD + "  extra: 1\n", 6, "params.extra"),
    (GOOD.replace('message: "“{match}”：示例"\n', ""), None, None),
    ("kind: [unclosed\n", 2, None),
])
def test_malformed_rule_file_names_file_line_and_key(tmp_path, text, line, key):
    """Unknown keys, bad values and broken YAML are errors naming the file, line and key."""
    rules = _write_rule(tmp_path, "wording", "broken", text)
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([rules])
    error = caught.value
    assert error.path.endswith("broken.yaml")
    if line is not None:
        assert error.line == line
    if key is not None:
        assert error.key == key
    assert "broken.yaml" in str(error)


def test_rule_files_are_data_not_code(tmp_path):
    """A YAML tag that would build a Python object is refused by the safe loader."""
    rules = _write_rule(tmp_path, "wording", "evil", "!!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(RuleFileError):
        load_pack_and_lexicon([rules])


def test_kind_must_match_folder(tmp_path):
    """A rule's kind must be the folder it lives in."""
    rules = _write_rule(tmp_path, "growth", "odd", GOOD)
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([rules])
    assert caught.value.key == "kind"


def test_unknown_unit_in_lexicon_names_file_line_and_key(tmp_path):
    """A surface unit mapped to a pint name that units.txt does not define is an error with its line."""
    lexicon = tmp_path / "units.yaml"
    lexicon.write_text("元: yuan\n辆: vehicle\n艘: ship\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_unit_system(RULES_DIR / "units.txt", lexicon)
    assert (caught.value.line, caught.value.key) == (3, "艘") and "ship" in str(caught.value)


def test_bad_unit_definitions_are_an_error(tmp_path):
    """A broken pint definitions file is a RuleFileError naming the file."""
    shutil.copy(RULES_DIR / "units.txt", tmp_path / "units.txt")
    with open(tmp_path / "units.txt", "a", encoding="utf-8") as out:
        out.write("@context unfinished\n")
    with pytest.raises(RuleFileError) as caught:
        load_unit_system(tmp_path / "units.txt", RULES_DIR / "lexicon" / "units.yaml")
    assert "units.txt" in str(caught.value)


def test_units_keep_dimensions_apart(resources):
    """元 never compares with 辆, 家 never with 辆; 美元 converts to 元 only with a rate."""
    units = resources.units
    assert units.comparable("元", "元") and not units.comparable("元", "辆")
    assert not units.comparable("家", "辆") and not units.comparable("元", "美元")
    assert units.convert(2.0, "美元", "元", usd_cny=7.0) == pytest.approx(14.0)
    assert units.convert(1.0, "公里", "米") == pytest.approx(1000.0)
    with pytest.raises(ValueError):
        units.convert(1.0, "美元", "元")


def test_malformed_lexicon_names_the_key(tmp_path):
    """A claim lexicon with an unknown section is an error naming it."""
    bad = tmp_path / "claims.yaml"
    bad.write_text("measures:\n  产值: 产值\nmetrix: []\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([], [bad])
    assert (caught.value.line, caught.value.key) == (3, "metrix")


def test_hedge_lexicon_rejects_an_unknown_qualifier(tmp_path):
    """A hedge mapped to a qualifier that does not exist is an error naming its line and key."""
    from checker.extract.hedges import load_hedges

    bad = tmp_path / "hedges.yaml"
    bad.write_text("before:\n  约: approx\n  至多: at-most\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_hedges(bad)
    assert (caught.value.line, caught.value.key) == (3, "before.至多")


def test_units_give_a_dimension_and_a_base_factor(resources):
    """Surface units map to pint dimensions with a factor to the base unit; unknown surfaces stand alone."""
    units = resources.units
    km_dimension, km = units.base_of("公里")
    m_dimension, m = units.base_of("米")
    assert km_dimension == m_dimension and m == pytest.approx(km / 1000)
    assert units.base_of("元")[0] != units.base_of("美元")[0] != units.base_of("辆")[0]
    assert units.base_of("") == ("", 1.0) and units.base_of("艘") == ("艘", 1.0)


def test_schema_kinds_are_the_registry_kinds():
    """The schema's enum of kinds, its per-kind parameter definitions and the registry name the same kinds."""
    import json

    from checker.engine.registry import KINDS

    schema = json.loads((RULES_DIR / "schema.json").read_text(encoding="utf-8"))
    assert sorted(schema["properties"]["kind"]["enum"]) == sorted(KINDS)
    assert sorted(schema["$defs"]) == sorted(f"params-{kind}" for kind in KINDS)


def test_schema_documents_each_kind_parameter():
    """Each kind's typed parameter value has exactly the keys its schema definition allows."""
    import json

    import attrs

    from checker.engine.registry import KINDS

    schema = json.loads((RULES_DIR / "schema.json").read_text(encoding="utf-8"))
    for kind, module in KINDS.items():
        documented = set(schema["$defs"][f"params-{kind}"]["properties"])
        fields = {f.name for f in attrs.fields(module.Params) if not f.name.endswith("_re")}
        assert documented == fields, kind
        assert all(schema["$defs"][f"params-{kind}"]["properties"][k].get("description") for k in documented), kind


def test_unknown_kind_names_the_valid_kinds(tmp_path):
    """A rule of a kind the registry does not list is rejected with file, line, key and the valid kinds."""
    from checker.engine.registry import KINDS

    rules = _write_rule(tmp_path, "nonsense", "odd", GOOD.replace("kind: wording", "kind: nonsense"))
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([rules])
    assert (caught.value.line, caught.value.key) == (1, "kind")
    assert all(kind in str(caught.value) for kind in KINDS)


@pytest.mark.parametrize("kind,name", [
    ("total", "parts-exceed-total"), ("growth", "change-mismatch"), ("count", "enumeration-mismatch"),
    ("weekday", "date-weekday-mismatch"), ("relative-date", "years-ago-mismatch"), ("duration", "span-mismatch"),
    ("share", "part-of-whole"), ("agreement", "conflicting-values"),
])
def test_unknown_parameter_key_names_file_line_and_key(tmp_path, kind, name):
    """A parameter key a kind does not know is rejected, naming the file, its line and the key."""
    text = (RULES_DIR / kind / f"{name}.yaml").read_text(encoding="utf-8")
    if "\nparams:\n" not in text:
        text += "params:\n"
    text = text.replace("\nparams:\n", "\nparams:\n  colour: red\n")
    line = text.splitlines().index("  colour: red") + 1
    rules = _write_rule(tmp_path, kind, name, text)
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([rules])
    assert (caught.value.line, caught.value.key) == (line, "params.colour")
    assert f"{name}.yaml:{line}" in str(caught.value)


def test_missing_vocabulary_parameter_is_an_error(tmp_path):
    """A kind's vocabulary lives in its rule file: leaving it out is an error naming the key."""
    text = (RULES_DIR / "share" / "part-of-whole.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("  part_words")) + "\n"
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([_write_rule(tmp_path, "share", "part-of-whole", text)])
    assert caught.value.key in ("params", "params.part_words") and "part-of-whole.yaml" in str(caught.value)


def test_duration_count_words_are_read_by_the_numeral_reader(tmp_path):
    """A count word that the one numeral reader does not read as its position is rejected with its line."""
    text = (RULES_DIR / "duration" / "span-mismatch.yaml").read_text(encoding="utf-8")
    text = text.replace("[一, 两, 三,", "[一, 两, 五,")
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([_write_rule(tmp_path, "duration", "span-mismatch", text)])
    assert caught.value.key == "params.count_words.2"


# Articles on which every key of the claim lexicon makes a difference (claims or findings).
PROBES = (
    "某市新能源汽车产量从2020年的4.3万辆增至2024年的95.3万辆，四年增长22.2倍。",
    "某市新能源汽车产量从2020年的4.3万辆增至2024年的95.3万辆，四年增长到21.2倍。",
    "重庆规上工业增加值2024年增长8.4%。",
    "2024年，凤凰县工业产值达到12亿元。",
    "2024年，武汉市集成电路产业产值达到1200亿元。",
    "预计2024年，该省新能源汽车产量将达50万辆。力争2024年全市工业产值突破1万亿元。",
    "全县化肥使用量从8.6万吨减少到6.1万吨，下降了35%。",
    "该行不良贷款率从3.25%下降到2.25%，收窄了1.5个百分点。",
    "2024年，该市跨境电商交易额为128亿元，是2020年16亿元的7倍。",
    "全省生物医药产业营业收入从2016年的520亿元增长到2024年的2080亿元，翻了三番。",
    "全省锂电池正极材料出货量从2021年的2.05万吨增至2024年的45.1万吨，三年激增了22倍。",
    "2024年，全市快递业务量达到12.6亿件，比2023年的10.5亿件增长26%。",
    "全市快递业务量达到12.6亿件，比改革前的10.5亿件增长26%。",  # an undated base: only 比 says it is the base
    "2024年春节假期，全市接待游客1200万人次，恢复到2019年同期的108%。",
    "2024年，全市企业家代表达到300位。",
    "做大汽车产业、提升4大产业集群。在先进材料、电子信息两项活动中签约。",
    "重庆打造智能网联新能源汽车、先进材料等两大产业集群。",
    "2024年，浏阳市地区生产总值达到1500亿元。",
    "2024年，翠湖县工业产值达到12亿元。",  # places outside the gazetteer: the place suffixes read them
    "2024年，云梦泽市集成电路产业产值达到1200亿元。",
    "2024年，全省规模以上工业增加值增长8%，居民人均可支配收入实际增长5.1%。",
    "2023年，公司每10股派发现金红利2.13元。",
    "2024年，全市出口、进口分别增长8.6%、7.2%。2022年产值10亿元，2024年产值15亿元，同比增长20%。",
    "2020年至2024年，全市工业产值年均增长12.5%，占全省的30%。",
    "2024年，全市山区工业产值达到12亿元。",
    "全市产值从2023年的10亿元增至2024年的15亿元，分别增长20%。",
    "2024年，武汉高新区汽车产量达到30万辆。",
    "2024年，全市木材产量同比分别增长1.3%和1.2%。20家参会的重点企业签约。打造汽车、材料和电子三大产业集群。",
    "据北京介绍，2024年某某汽车产量达到30万辆。",  # a place after 据 is a source
    "武汉海关发布，2024年某某汽车产量达到30万辆。",
    "2024年某某汽车产量增速高于湖南1.7个百分点。",  # a place before a gap is its yardstick
    "2024年，川渝两地地区生产总值达到9万亿元。",  # one-character abbreviations before a group word
    "2024年某某汽车产量居湖南首位，达到30万辆。",
    "2024年，对外开放区工业产值达到12亿元。",  # 对 is never inside a place name
    "2024年，汽车市场规模达到30万辆。",  # 市场 is no place 汽车市
    "2024年，凤凰县工业产值达到12亿元，全市工业产值达到100亿元。",  # a county is never the article's city
    "2024年，全市光电子产业产值达到12亿元。",  # 产业 names no industry of its own
    "2024年，全市快递业务量达到12.6亿件，较大幅度超过10.5亿件，增长26%。",  # 较大 compares nothing
    "全市出口、进口分别为8亿元、7亿元，产值从2023年的10亿元增至2024年的15亿元，增长20%。",  # 分别 in another clause
    "湖南第二经济大市衡阳2024年地区生产总值为4000亿元。",  # a place describing the next one is not the subject
    "星河电机股份有限公司发布年报。2024年，该公司营业收入为320亿元。",  # 该公司 is the company the lead names
    "2024年，全省争取中央预算内投资95亿元，全县油菜种植面积12万亩。",  # an action opens, an activity ends, no name
    "2024年，全省高新技术企业数量达1.2万家，私募基金规模突破300亿元。",  # a tail restates; 规模 is vague
    "2024年，全市地区生产总值1002亿元，按可比价格计算，比上年增长3.8%。",  # a method's words stand between
    "2024年，全省人均博物馆拥有量居全国第1位，机场旅客吞吐量居中部第2位。",  # the frame of a rank
    "今年一季度，全市粮食产量100万吨。\n\n其中，稻谷产量60万吨。",  # 其中 continues the paragraph before
    "2024年11月，武汉食品价格同比上涨1.6%。",
    "2024年11月，武汉食品价格环比上涨2.4%，同比上涨1.6%。",  # 环比 is no change against a year earlier
    "2024年，全市汽车产业发展良好，常住人口达到120万人。",  # people are no measure of an industry
    "2024年，全省规上工业增加值增长7.6%，高于全国1.7个百分点。",  # a gap compares the rate before it
    "2024年，全市出生人口增长率为5‰。",  # 增长 opens the noun 增长率
    "2024年，全县城镇新增就业2339人，完成全年目标任务的101.7%。",  # 目标任务 alone names no metric
    "2024年，全县第二产业增加值196亿元，拉动经济增长2.7个百分点。",  # a contribution names no metric of its own
    "2024年，全县三次产业结构为12:40:48。",  # a term opening with a numeral is no figure
    "2024年，全省高速公路通车总里程达8000公里。",  # 总 belongs to the measure, not the industry
    "2024年，全省出口钢材300亿元。",  # the object of a trade measure is what is traded
    "公司简称:星河电机\n\n北京星河电机技术股份有限公司\n\n2023年,公司实现营业收入320亿元。",  # a short name's mark
    "一、“十三五”时期和2020年工作回顾\n\n全省累计建成水库36座。",  # summed over the heading's span
    # a noun after a figure names it, not after an age, a class or a threshold; a division counted by one character
    "2024年，全省16个区全部达标，让242万农村居民喝上干净水，为5万名3岁婴幼儿发放补贴，实施亿元以上项目200个，"
    "成为首个过10万亿元省份。",
    # a dateline's day after a place makes the place a source
    "新华社北京1月17日电 2024年，全市汽车产量达到30万辆。",
    "新华社北京1月17日电 2024年，全国汽车产量达到30万辆，汽车出口达到5万辆。",
    # 全区 in an autonomous region's text is the region; in a district's own text the district
    "宁夏回族自治区2024年经济运行情况\n\n宁夏回族自治区地区生产总值5000亿元。全区粮食产量380万吨。",
    "东宝区2024年国民经济和社会发展统计公报\n\n东宝区地区生产总值300亿元。全区粮食产量38万吨。",
    # a base of a comparison (比上年) between a list and 分别 names no item
    "2024年，全市铁矿石、原油进口较去年同期分别增长4.4%、8.1%。",
    # a year between 从 and a figure (从2021年的…): the two ends of one change, each a year of its own
    "城乡居民人均可支配收入从2021年的46503元和16935元分别提高到58794元和23184元。",
    # a clause that only moves on to a new value continues the metric before it (达2个、3个)
    "2024年，工业增加值突破1万亿元、达1.19万亿元；万亿产业、国家先进制造业集群从无到有，分别达2个、3个。",
    # a measure qualifying the words after its genitive (营业收入中的成本); a numbered heading's ordinal (第三、)
    "2024年，规模以上工业企业每百元营业收入中的成本为83.72元。",
    "第三、全国粮食总产量达到1.4万亿斤。",
    # 我县 ends no place's name (推动我县 is no county)
    "2024年，推动我县工业产值达到12亿元。",
    # a quote or particle between a verb of change and a multiple or points (增长了“1.5倍”)
    "2024年，某市出口额比上年增长了“1.5倍”，占比提高了 2个百分点。",
    # a span after the paragraph's year moves it on (20年后)
    "2001年，安徽GDP仅有3502.8亿元。20年后，安徽GDP超过4万亿元。",
    # a bare share measures the part before it and names its whole as a scope
    "2024年，全县第二产业增加值69亿元，下降3.3%，占生产总值的比重为45.8%。",
    # a measure of money stated in an area
    "2024年1-8月，全省商品住宅完成投资2427.3平方米，增长8.8%。",
    # a grouped place named once is not the place the article is about
    "2024年，本集团承接中西部地区高速公路项目。\n\n新签合同额为475亿元。",
    # a change of an increment (同比少增) names no metric
    "2024年，全国基础设施中长期贷款增加2.15万亿元，同比少增3419亿元。",
    # a group of industries scopes the figures after it in its sentence
    "前三季度，全市六大支柱行业合计实现营业收入2810.5亿元；利润总额241.7亿元。",
    # an unnamed province's and city's own figures (全省…, 全市… and no place named)
    "全省地区生产总值6.5万亿元。全省粮食产量380万吨。",
    "全市地区生产总值1002亿元。全市粮食产量38万吨。",
    # a county named without 县 in the title of a text saying only 全县; a company opening its title
    "---\ntitle: 岱山经济实现稳中提质\n---\n\n上半年，全县地区生产总值400亿元。全县工业产值100亿元。",
    "---\ntitle: 隆基绿能2024年营收825.82亿元\n---\n\n2024年营业收入825.82亿元，同比下降36.23%。",
    # a place before a rank's number and its end word is the field ranked in (全省第5位)
    "大理州畜牧业稳步增长，大理州肉类增产，大理州是云南畜牧大州。\n\n禽肉产量1.62万吨，全省第5位。禽蛋产量2.85万吨。",
    # a year inside a comparison frame (同…相比) is its base, dating no change after it
    "2015年，全市常住人口为351.3万人。同2010年第六次全国人口普查相比，0-14岁人口比重下降0.08个百分点。",
    # a share after 占 measures its part (粮食增产量), the place after 占 names its whole
    "2011年，黑龙江省粮食增产量111.5亿斤，占全国总增产量的22.5%。",
    # a count of a set's members (60种…中) or of its part (增长的有36种) is no level a rate is measured between
    "纳入统计的60种工业产品中，产量同比增长的产品有36种，其中钢材增长12.5%。",
    "全市统计的工业产品共60种，产量同比增长的有36种，其中钢材增长12.5%。",
    # a rate in brackets after a name is the item's; brackets closed before the rate leave it the levels' change
    "全市规上工业营业收入从2022年的312亿元增长到2023年的356亿元，其中汽车制造业（增长35.8%）贡献最大。",
    "全市规上工业营业收入从2022年的312亿元增长到2023年的356亿元，较上年（快报数）增长35.8%。",
    # a group of places before a metric (13个…主产省, 两省, 主产区) scopes its figure; 省级 is no group
    "2024年，全国13个粮食主产省粮食总产量达到5亿吨，云南、贵州两省粮食总产量达到3000万吨。",
    "2024年，粮食主产区粮食总产量达到4亿吨。全省1000个省级重点项目完成投资1865.7亿元。",
)
# Keys known to be loaded but to make no difference yet, each with the reason (a todo, never a silent skip).
KNOWN_UNREAD: dict[str, str] = {}


def _probe_outcome(tmp_path, lexicon_text: str, resources) -> list:
    """Claims and findings of the probe articles under a claim lexicon given as YAML text."""
    import datetime as dt

    from checker.claims.lexicon import load_claim_lexicon
    from checker.report.records import finding_record
    from checker.run.pipeline import check_documents
    from checker.text.ingest import document_from_text

    path = tmp_path / "claims.yaml"
    path.write_text(lexicon_text, encoding="utf-8")
    shutil.copy(RULES_DIR / "lexicon" / "divisions.txt", tmp_path)  # the gazetteer the lexicon names
    lexicon = load_claim_lexicon([path])
    pack, _ = load_pack_and_lexicon([])
    documents = [document_from_text(f"p{i}.md", text, date_override=dt.date(2025, 3, 1))
                 for i, text in enumerate(PROBES)]
    result = check_documents(documents, resources, pack, lexicon)
    claims = [(c.doc, c.mention.text, c.subject, str(c.metric), c.modality, c.relation, c.period_text, c.items,
               (c.period.start, c.period.end) if c.period else None) for c in result.claims]
    findings = [(f["rule"], f["message"], f["suggestion"]) for f in map(finding_record, result.findings)]
    return claims + findings


def _lexicon_keys() -> list[tuple[str, ...]]:
    """Every top-level key of the default claim lexicon, and every word group of its word-group sections."""
    import yaml

    raw = yaml.safe_load((RULES_DIR / "lexicon" / "claims.yaml").read_text(encoding="utf-8"))
    keys = [(key,) for key in raw]
    for section in ("change", "modality", "enumeration", "grammar"):
        keys += [(section, group) for group in raw.get(section, {})]
    return keys


def _without(key: tuple[str, ...]) -> str:
    """The default claim lexicon's YAML with one key (or one word group of a section) left out."""
    import yaml

    raw = yaml.safe_load((RULES_DIR / "lexicon" / "claims.yaml").read_text(encoding="utf-8"))
    if len(key) == 1:
        del raw[key[0]]
    else:
        del raw[key[0]][key[1]]
    return yaml.safe_dump(raw, allow_unicode=True)


def test_every_claim_lexicon_key_is_read(tmp_path, resources):
    """Leaving out any key (or word group) of rules/lexicon/claims.yaml changes the claims or findings of the probes.

    Keys listed in KNOWN_UNREAD are the known exceptions; once one takes effect, it must leave that list.
    """
    import yaml

    full = yaml.safe_dump(yaml.safe_load((RULES_DIR / "lexicon" / "claims.yaml").read_text(encoding="utf-8")),
                          allow_unicode=True)
    baseline = _probe_outcome(tmp_path, full, resources)
    keys = [".".join(key) for key in _lexicon_keys()]
    unread = [key for key in keys if _probe_outcome(tmp_path, _without(tuple(key.split("."))), resources) == baseline]
    assert sorted(unread) == sorted(key for key in KNOWN_UNREAD if key in keys)


def test_claim_lexicon_keys_are_the_loader_keys():
    """The default claim lexicon uses every key the loader knows, and the loader knows every key it uses."""
    import yaml

    from checker.claims.lexicon import KNOWN_KEYS

    raw = yaml.safe_load((RULES_DIR / "lexicon" / "claims.yaml").read_text(encoding="utf-8"))
    assert sorted(raw) == sorted(KNOWN_KEYS)


def test_user_place_suffix_takes_effect(tmp_path, resources):
    """A user lexicon's place suffix makes a place name a subject (凤凰镇), which the default lexicon does not know."""
    import datetime as dt

    from checker.claims.build import build_claims
    from checker.claims.lexicon import load_claim_lexicon
    from checker.extract.mentions import find_mentions
    from checker.text.ingest import document_from_text

    user = tmp_path / "towns.yaml"
    user.write_text("place_suffix: [镇]\n", encoding="utf-8")
    doc = document_from_text("town.md", "2024年，凤凰镇工业产值达到12亿元。", date_override=dt.date(2025, 3, 1))
    default = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    extended = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml", user])

    def subjects(lexicon):
        return {c.subject for c in build_claims(doc, find_mentions(doc, resources), lexicon, resources.units)}

    assert "凤凰镇" not in subjects(default)
    assert subjects(extended) == {"凤凰镇"}
