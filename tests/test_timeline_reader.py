"""The timeline for readers: who did what, one entry per happening, charts read in units, a title, keys from the run."""

from __future__ import annotations

import datetime as dt
import json
import re

import attrs
import pytest

from timeline.build import build_timeline
from timeline.charts import find_series, render_chart
from timeline.merge import same_title

SERES = ("如今，他所创造的赛力斯集团，已成为全球新能源豪华汽车的代表，并于2025年11月登陆港交所。\n\n"
         "“首席质量官顾问赋能计划”由区市场监管局推出。该计划于10月21日正式启动。\n\n"
         "我市于11月24日举办招商推介会。重庆新能源汽车产量达到95.3万辆。\n\n"
         "11月25日，2025中国产业转移发展对接活动（重庆）举行。\n")
RETOLD = "11月25日，以“智链生态”为主题的2025中国产业转移发展对接活动(重庆)举行。\n"
# figures distributed over listed items (分别为): no fact key, still one figure each
UNLINKED = "目前，重庆集聚规上电子信息企业和软件企业分别为1500余家和800余家。\n"
LEVELS = {"a.md": ("2021-03-01", "2020年，重庆新能源汽车产量为4.3万辆。\n"),
          "b.md": ("2024-03-01", "2023年，重庆新能源汽车产量为50万辆。\n"),
          "c.md": ("2025-03-01", "2024年，重庆新能源汽车产量为95.3万辆。\n")}


@pytest.fixture(scope="module")
def run_of(resources):
    """Check articles given as {path: (date, text)}; return the run's result."""
    from checker.run.pipeline import check_documents, load_pack_and_lexicon
    from checker.text.ingest import document_from_text

    pack, lexicon = load_pack_and_lexicon([])

    def check(articles: dict[str, tuple[str, str]]):
        docs = [document_from_text(path, text, date_override=dt.date.fromisoformat(day))
                for path, (day, text) in articles.items()]
        return check_documents(docs, resources, pack, lexicon)

    return check


def titles(timeline) -> list[str]:
    """The titles of the timeline's events."""
    return [e.title for e in timeline.entries if e.sort == "event"]


def test_events_name_who_did_what(run_of, resources):
    """A verb-first clause gets its doer, 该计划 its quoted name, and 我市 the article's place."""
    events = titles(build_timeline(run_of({"s.md": ("2025-11-26", SERES)})))
    assert "赛力斯集团登陆港交所" in events
    assert "“首席质量官顾问赋能计划”正式启动" in events
    assert "重庆举办招商推介会" in events and not any("我市" in t for t in events)


def test_the_same_happening_told_twice_is_one_entry_with_both_sources(run_of, resources):
    """Two articles telling one event in different words, and one unlinked figure stated twice, merge."""
    articles = {"s.md": ("2025-11-26", SERES + UNLINKED), "r.md": ("2025-11-26", RETOLD + UNLINKED)}
    timeline = build_timeline(run_of(articles))
    fair = [e for e in timeline.entries if e.sort == "event" and "对接活动" in e.title]
    assert len(fair) == 1 and {s.doc for s in fair[0].sources} == {"s.md", "r.md"}
    firms = [e for e in timeline.entries if e.text == "1500余家"]
    assert len(firms) == 1 and not firms[0].key and {s.doc for s in firms[0].sources} == {"s.md", "r.md"}
    assert same_title("2025中国产业转移发展对接活动（重庆）举行",
                      "以“智链生态”为主题的2025中国产业转移发展对接活动(重庆)举行")
    assert not same_title("“材聚新重庆”先进材料产业专题对接活动举行", "“终端强牵引”新一代电子信息产业专题对接活动举行")


def test_fact_keys_come_from_the_runs_index(run_of, resources, monkeypatch):
    """Figures are grouped by the run's fact index; the timeline never computes a fact key itself."""
    import checker.claims.link as link

    result = run_of(LEVELS)
    keyed = [e for e in build_timeline(result).entries if e.key]
    assert len(keyed) == 3 and all("新能源汽车" in e.key for e in keyed)

    def refuse(*args, **kwargs):
        """The timeline must not re-derive keys."""
        raise AssertionError("fact_key called by the timeline")

    monkeypatch.setattr(link, "fact_key", refuse)
    empty = attrs.evolve(result, index=attrs.evolve(result.index, facts={}))
    assert not any(e.key for e in build_timeline(empty).entries)
    assert len([e for e in build_timeline(result).entries if e.key]) == 3


def test_charts_have_a_y_axis_read_in_a_unit(run_of, resources):
    """A series of 辆 figures in the 万s is drawn on an axis in 万辆 with round ticks from zero."""
    [series] = find_series(build_timeline(run_of(LEVELS)).entries)
    assert series.axis_unit == "万辆"
    svg = render_chart(series)
    assert 'class="axis y-axis"' in svg and "单位：万辆" in svg
    ticks = [float(t) for t in re.findall(r'class="y-tick"[^>]*>([^<]+)<', svg)]
    assert ticks[0] == 0 and ticks[-1] >= 95.3 and len(ticks) >= 3
    assert len({round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}) == 1, "evenly spaced"


def test_title_is_the_one_given(tmp_path, monkeypatch):
    """--title names the HTML page, the Markdown heading and the JSON document; markup in it stays text."""
    from checker.cli.main import main

    (tmp_path / "a.md").write_text(LEVELS["c.md"][1], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    title = "重庆产业<b>观察</b>"
    for form in ("html", "md", "json"):
        assert main(["timeline", "a.md", "--format", form, "--title", title, "--output", f"t.{form}",
                     "--no-cache", "--quiet", "--date", "2025-03-01"]) == 0
    html = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert "<title>重庆产业&lt;b&gt;观察&lt;/b&gt;</title>" in html and "<b>" not in html
    assert (tmp_path / "t.md").read_text(encoding="utf-8").startswith("# 重庆产业")
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["title"] == title


def test_a_page_too_large_is_written_as_a_year_index_and_year_files(tmp_path, monkeypatch):
    """Past --max-page-mb the page lists its years and each year's entries go to NAME.years/<year>.js."""
    from checker.cli.main import main

    for path, (_, text) in LEVELS.items():
        (tmp_path / path).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["timeline", "a.md", "b.md", "c.md", "--no-cache", "--quiet", "--date", "2025-03-01", "--output"]
    assert main([*args, "one.html", "--max-page-mb", "0"]) == 0
    assert not (tmp_path / "one.years").exists()
    assert main([*args, "split.html", "--max-page-mb", "0.001"]) == 0
    years = sorted(p.name for p in (tmp_path / "split.years").iterdir())
    assert years == ["2020.js", "2023.js", "2024.js"]
    page = (tmp_path / "split.html").read_text(encoding="utf-8")
    assert '"file":"split.years/2024.js"' in page and "script-src 'sha256-" in page and "'self'" in page
    assert "95.3万辆" in (tmp_path / "split.years" / "2024.js").read_text(encoding="utf-8")


def test_a_date_in_a_comparison_is_no_event(run_of, resources):
    """比2020年还大 compares with a year; it tells nothing that happened in 2020."""
    text = "当前经济困难在某些方面比2020年还大。2021年3月，重庆国际铁路港正式开通运行。\n"
    events = titles(build_timeline(run_of({"e.md": ("2022-01-05", text)})))
    assert events == ["重庆国际铁路港正式开通运行"]


def test_events_are_dated_from_the_runs_time_mentions(run_of, monkeypatch):
    """The timeline reads no dates of its own: events come from the run's time mentions, resources are never loaded."""
    import checker.extract.periods as periods
    import checker.extract.resources as module

    text = "2021年3月，重庆国际铁路港正式开通运行。\n"
    result = run_of({"e.md": ("2022-01-05", text)})
    assert [m.text for m in result.times] == ["2021年3月"]

    def refuse(*args, **kwargs):
        """The run already found them; the timeline must not look again."""
        raise AssertionError("the timeline read dates or resources itself")

    monkeypatch.setattr(module, "load_resources", refuse)
    monkeypatch.setattr(periods, "find_periods", refuse)
    monkeypatch.setattr(periods, "load_period_lexicon", refuse)
    assert titles(build_timeline(result)) == ["重庆国际铁路港正式开通运行"]
    assert titles(build_timeline(attrs.evolve(result, times=()))) == []


@pytest.mark.parametrize("text", [
    "# 2026年上海市政府工作报告\n\n各位代表：现在我代表市人民政府作报告。\n",
    "2026年吉林省政府工作报告\n\n各位代表：现在我代表省人民政府作报告。\n",
    "发布时间：2026年2月10日 07时41分\n\n各位代表：现在我代表省人民政府作报告。\n",
    "稿件编号 2024年11月5日 44，15来源，sp20241105\n",
])
def test_titles_headings_and_page_codes_are_no_events(run_of, resources, text):
    """A date on the article's title line or a heading, or followed by a clock time or codes, is no event."""
    assert titles(build_timeline(run_of({"h.md": ("2026-02-10", text)}))) == []


@pytest.mark.parametrize("text", [
    "某通讯社5月12日电 据海关统计，外贸运行平稳。\n",  # a dateline
    "工人在车间包装产品（5月14日摄）。\n",  # a photo caption
    "2024-05-12 09:30:15来源：某某日报\n",  # a page's time stamp
    "——2026年1月20日在某省第十四届人民代表大会第四次会议上\n",  # a subtitle line without a sentence end
    "表1 2025年全县地区生产总值及其构成\n",  # a table caption
    "具体数据以公司2025年年度报告为准。\n",  # the date names a document
    "本议案尚需提交2025年度股东大会审议。\n",  # the date names a meeting
    "三次产业结构由2024年的6.1:40.2:53.7调整为5.9:39.8:54.3。\n",  # the date of a figure the claims skip
    "与2024年相比，今年的客流结构有所变化。\n",  # a yardstick
    "在有记录之初的2019年，全县外贸额仅有3亿元。\n",  # the words before describe the date; a figure follows
    "今天的某县呈现出蓬勃发展的好势头。\n",  # the date modifies a noun
    "医疗保健类价格上涨1·8%，涨幅收窄。\n",  # a dot for a decimal point, no 1月8日
    "某市地铁3号线开通运营。\n",  # a numbered name, not the 3rd
    "某地建成“星河1号”智算中心。\n",  # a piece of a quoted name
    "基础设施投资增长4.2%，低于2018、2019年水平，增长速度放缓。\n",  # a yardstick: 2019年水平
    "表2 2025年人口数及其构成 单位:人 全年全县城镇新增就业5394人。\n",  # a caption inside a flattened table
    "2026年做好政府工作的总体要求是：坚持稳中求进。\n",  # the clause introduces a statement
    "2021年，这说明外部需求并不旺盛。\n",  # a comment on what was told before
])
def test_datelines_captions_names_and_yardsticks_are_no_events(run_of, resources, text):
    """A date that dates the page, a photo, a name, a noun or a comparison tells no happening of its own."""
    assert titles(build_timeline(run_of({"n.md": ("2026-05-15", text)}))) == []


@pytest.mark.parametrize(("text", "title"), [
    ("某市5月12日举行招商推介会。\n", "某市举行招商推介会"),  # silent twin of the dateline: a verb follows
    ("2025年，面对复杂多变的外部环境，在县委的坚强领导下，全县经济稳中向好。\n", "全县经济稳中向好"),
    ("从2021年全年外贸运行情况来看，某市外贸稳中向好。\n", "某市外贸稳中向好"),  # 从…来看 sets the scene
    ("2021年3月，某省年度报告发布会在省会举行。\n", "某省年度报告发布会在省会举行"),  # 报告 far from the date
    ("2021年，某县高水平建成产业园。\n", "某县高水平建成产业园"),  # 水平 not right after the date
    ("2025年，某市成为全国首个智慧港口。\n", "某市成为全国首个智慧港口"),  # 为 inside the title, not at its end
])
def test_events_read_past_the_scene(run_of, resources, text, title):
    """Scene-setting clauses are read past, and a later name word does not hide the happening."""
    assert titles(build_timeline(run_of({"e.md": ("2026-05-15", text)}))) == [title]


def test_a_quoted_date_names_an_incident_and_the_paragraph_dates_the_happening(run_of, resources):
    """“1·24” names an earlier fire: the happening takes its paragraph's year and keeps the name in its title."""
    text = ("2025年全省经济稳中向好。\n\n某市“1·24”火灾事故整改通过评估。事故起数下降9.6%。\n\n"
            "某地“8·20”灾后重建全面完成。\n")
    events = [e for e in build_timeline(run_of({"q.md": ("2026-02-05", text)})).entries if "“" in e.title]
    assert [(e.title, e.start, e.end, e.granularity) for e in events] == [
        ("某市“1·24”火灾事故整改通过评估", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year")]


def test_a_happening_told_before_its_date_is_a_plan(run_of, resources):
    """到2035年… in a 2026 article is planned, not past: the entry says 规划; a past happening stays an event."""
    text = "到2035年，某市基本建成现代化国际大都市。2021年3月，某市国际铁路港正式开通运行。\n"
    timeline = build_timeline(run_of({"p.md": ("2026-01-20", text)}))
    kinds = {e.title: e.modality for e in timeline.entries if e.sort == "event"}
    assert kinds == {"某市基本建成现代化国际大都市": "plan", "某市国际铁路港正式开通运行": "event"}


def test_one_figure_in_two_units_is_one_value_and_two_figures_stay_two(run_of, resources):
    """3000万吨（600亿斤） is one value told twice; 610亿斤 elsewhere is another (though 3000万 is round), listed."""
    articles = {"a.md": ("2025-01-20", "2024年，河南粮食产量3000万吨（600亿斤），再创新高。\n"),
                "b.md": ("2025-01-21", "2024年，河南粮食产量3000万吨，再创新高。\n")}
    [entry] = [e for e in build_timeline(run_of(articles)).entries if e.sort == "figure"]
    assert [a.text for a in entry.announcements] == ["3000万吨"]
    articles["b.md"] = ("2025-01-21", "2024年，河南粮食产量610亿斤，再创新高。\n")
    [entry] = [e for e in build_timeline(run_of(articles)).entries if e.sort == "figure"]
    assert [a.text for a in entry.announcements] == ["3000万吨", "610亿斤"]
