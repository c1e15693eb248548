"""The exported timeline page in a real browser: order, filters, sources, charts, no network, no script injection."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install playwright)")

import attrs  # noqa: E402

from timeline.build import build_timeline  # noqa: E402
from timeline.export_html import render_html  # noqa: E402
from timeline.export_years import render_pages  # noqa: E402
from timeline.model import DocumentInfo, Entry, Source, Timeline  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TITLE = "重庆产业转移 <两年回顾>"
# What an internal key looks like: enum:专题对接活动, 规上|先进材料|产值, ?去年, a fact key's period or scope.
INTERNAL = re.compile(r"enum:|[|]|\?[\u4e00-\u9fff]|/(?:ytd|full)/|\d{4}-\d\d-\d\d\.\.|@city|@unknown")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HOSTILE = (
    "2025年12月1日，<script>alert(1)</script>正式封关运行。\n\n"
    '2025年11月，"><img src=x onerror=alert(1)>登陆港交所。\n\n'
    "2025年10月21日，<a href=\"javascript:alert(1)\">详见</a>[详见](javascript:alert(1))计划正式启动。\n\n"
    "2024年，重庆新能源汽车产量达到95.3万辆<svg onload=alert(1)>。\n"
)


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for the module."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory, resources):
    """Write the seed timeline and a hostile article's timeline as HTML files; return their paths."""
    from checker.run.pipeline import check_documents, load_pack_and_lexicon
    from checker.text.ingest import document_from_text, read_document

    pack, lexicon = load_pack_and_lexicon([])
    folder = tmp_path_factory.mktemp("pages")
    seeds = [read_document(str(p)) for p in sorted((ROOT / "seeds").iterdir()) if p.is_file()]
    hostile = [document_from_text("evil.md", HOSTILE, date_override=dt.date(2025, 12, 23))]
    written = {}
    for name, docs in (("seeds", seeds), ("hostile", hostile)):
        result = check_documents(docs, resources, pack, lexicon)
        path = folder / f"{name}.html"
        timeline = attrs.evolve(build_timeline(result), title=TITLE)
        path.write_text(render_html(timeline), encoding="utf-8")
        written[name] = path
    written["large"] = folder / "large.html"
    written["large"].write_text(render_html(_large_timeline()), encoding="utf-8")
    split = folder / "split"
    for relative, text in render_pages(_large_timeline(), "归档.html", limit=20_000).items():
        (split / relative).parent.mkdir(parents=True, exist_ok=True)
        (split / relative).write_text(text, encoding="utf-8")
    written["split"] = split / "归档.html"
    return written


class Visit:
    """A page opened from a file, with every request, console message, error and dialog it caused."""

    def __init__(self, browser, path: Path, width: int = 1000):
        self.page = browser.new_page(viewport={"width": width, "height": 1200})
        self.requests, self.console, self.errors, self.dialogs = [], [], [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready='1']")

    def visible_entries(self):
        """The entries the reader can see."""
        return self.page.locator("li.entry:visible")


@pytest.fixture
def seeds_page(browser, pages):
    """The seed timeline, opened."""
    visit = Visit(browser, pages["seeds"])
    yield visit
    visit.page.close()


def test_entries_are_in_chronological_order(seeds_page):
    """Entries appear by period start, from 1986 on."""
    starts = seeds_page.page.locator("li.entry").evaluate_all("els => els.map(e => e.dataset.start)")
    assert starts and starts == sorted(starts) and starts[0].startswith("1986")


def test_filters_hide_and_show_entries(seeds_page):
    """The text filter keeps matching entries, the sort boxes and flagged-only narrow further, clearing restores all."""
    page = seeds_page.page
    total = seeds_page.visible_entries().count()
    page.fill("#filter-text", "新能源汽车产量")
    titles = seeds_page.visible_entries().locator(".title").all_inner_texts()
    assert 0 < len(titles) < total and all("新能源汽车产量" in t for t in titles)
    page.fill("#filter-text", "")
    assert seeds_page.visible_entries().count() == total
    page.uncheck("#show-event")
    assert seeds_page.page.locator("li.entry.sort-event:visible").count() == 0
    assert 0 < seeds_page.visible_entries().count() < total
    page.check("#show-event")
    page.check("#flagged-only")
    flagged = seeds_page.visible_entries()
    assert 0 < flagged.count() < total
    assert flagged.count() == page.locator("li.entry.flagged:visible").count()
    page.uncheck("#flagged-only")
    assert seeds_page.visible_entries().count() == total


def test_flagged_entry_shows_severity_and_message(seeds_page):
    """The 2024 新能源汽车产量 entry stands out with the 22.2倍 error."""
    entry = seeds_page.page.locator('li.entry.flagged:has(strong.value:text-is("95.3万辆"))').first
    assert "sev-error" in entry.get_attribute("class")
    assert "22.2倍" in entry.locator("li.flag.sev-error").first.inner_text()


def test_clicking_a_source_shows_the_highlighted_sentence(seeds_page):
    """A source opens on click and shows its sentence with the figure marked."""
    entry = seeds_page.page.locator('li.entry.flagged:has(strong.value:text-is("95.3万辆"))').first
    source = entry.locator("details.source").first
    mark = source.locator("mark")
    assert not mark.is_visible()
    source.locator("summary").click()
    assert mark.is_visible() and mark.inner_text() == "95.3万辆"
    assert "新能源汽车产量" in source.locator("blockquote").inner_text()


def test_metric_with_three_values_is_charted(seeds_page):
    """新能源汽车产量 (2020, 2023 forecast, 2024) is drawn with filled actuals and a hollow forecast."""
    chart = seeds_page.page.locator("figure.chart", has_text="新能源汽车产量")
    assert chart.count() == 1
    assert chart.locator("circle.pt.actual").count() == 2 and chart.locator("circle.pt.aimed").count() == 3
    assert chart.locator("polyline.line-aimed").count() >= 1
    assert chart.locator("svg").bounding_box()["width"] > 100


def test_page_makes_no_request_and_logs_no_error(seeds_page):
    """Opening and using the page requests nothing but the file itself, and nothing is logged as an error."""
    seeds_page.page.locator("details.source summary").first.click()
    seeds_page.page.fill("#filter-text", "重庆")
    assert seeds_page.requests == [seeds_page.url]
    assert [m for m in seeds_page.console if m[0] in ("error", "warning")] == []
    assert seeds_page.errors == []


def test_phone_width_has_no_horizontal_scroll_and_screenshot(browser, pages):
    """At 375 px the page fits the screen; a screenshot is saved for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    desktop = Visit(browser, pages["seeds"])
    desktop.page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=False)
    desktop.page.close()
    phone = Visit(browser, pages["seeds"], width=375)
    overflow = phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    phone.page.screenshot(path=str(ARTIFACTS / "timeline-phone.png"), full_page=False)
    phone.page.close()
    assert overflow <= 1
    assert (ARTIFACTS / "timeline.png").stat().st_size > 1000


def test_article_markup_runs_nothing_in_the_browser(browser, pages):
    """Script tags, attribute breakouts and javascript: links in an article show as text and fire no dialog."""
    visit = Visit(browser, pages["hostile"])
    page = visit.page
    for summary in page.locator("details.source summary").all():
        summary.click()
    page.wait_for_timeout(200)
    text = page.locator("#timeline").inner_text()
    assert "<script>alert(1)</script>" in text and '"><img src=x onerror=alert(1)>' in text
    assert page.locator("#timeline img, #timeline script, #timeline a, #timeline svg").count() == 0
    assert visit.dialogs == [] and visit.errors == []
    assert visit.requests == [visit.url]
    page.close()


def test_large_timeline_renders_collapsed_years_lazily(browser, pages):
    """Beyond the first years, sections start collapsed and empty, and render their entries when opened."""
    visit = Visit(browser, pages["large"])
    page = visit.page
    sections = page.locator("section.year")
    assert sections.count() == 10
    assert sections.nth(0).locator("li.entry").count() > 0
    last = sections.nth(9)
    assert last.locator("li.entry").count() == 0
    last.locator("summary").click()
    assert last.locator("li.entry").first.is_visible()
    assert last.locator("li.entry").count() == 60
    assert visit.errors == []
    page.close()


def _large_timeline() -> Timeline:
    """Six hundred synthetic entries over ten years, enough to start collapsed."""
    entries = []
    for year in range(2016, 2026):
        for n in range(60):
            day = dt.date(year, 1 + n % 12, 1 + n % 28)
            source = Source("big.md", n, n + 4, "10万辆", 1, "产量", "10万辆", "。", dt.date(2025, 12, 1))
            entries.append(Entry("figure", day, day, "day", "point", "", f"指标{n}", "10万辆", 100000.0, "辆",
                                 "actual", dt.date(2025, 12, 1), (source,), subject="重庆", metric=f"指标{n}"))
    entries.sort(key=Entry.sort_key)
    return Timeline(tuple(entries), (DocumentInfo("big.md", "合成文章", dt.date(2025, 12, 1), False),), ())


def test_title_is_the_one_given(seeds_page):
    """The page's title and heading are the given title, markup shown as text."""
    assert seeds_page.page.title() == TITLE
    assert seeds_page.page.locator("h1").inner_text() == TITLE


def test_no_internal_key_anywhere_on_the_page(seeds_page):
    """Neither the visible text (every year and source opened) nor any attribute shows an internal key."""
    page = seeds_page.page
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # opens every year and source
    text = page.locator("body").inner_text()
    assert "新能源汽车产量" in text and not INTERNAL.findall(text), INTERNAL.findall(text)[:5]
    attributes = page.evaluate("""() => Array.from(document.querySelectorAll('body *')).flatMap(
        node => Array.from(node.attributes).map(a => a.value))""")
    assert not [value for value in attributes if INTERNAL.search(value)]
    options = page.locator("#filter-words option").evaluate_all("els => els.map(e => e.value)")
    assert options and not [o for o in options if INTERNAL.search(o)]


def test_every_chart_has_a_y_axis_with_its_unit(seeds_page):
    """Each chart draws a y-axis with numbered ticks and names the unit it is read in."""
    charts = seeds_page.page.locator("figure.chart")
    assert charts.count() >= 1
    for chart in charts.all():
        unit = chart.get_attribute("data-unit")
        assert unit and chart.locator("line.y-axis").count() == 1
        assert chart.locator("text.y-unit").text_content() == f"单位：{unit}"
        ticks = chart.locator("text.y-tick").all_text_contents()
        assert len(ticks) >= 2 and all(re.fullmatch(r"-?[\d.]+", t) for t in ticks)
        assert unit in chart.locator("figcaption").inner_text()
    nev = seeds_page.page.locator("figure.chart", has_text="新能源汽车产量")
    assert nev.get_attribute("data-unit") == "万辆"


def test_figures_say_what_they_measure_and_in_what_unit(seeds_page):
    """A figure entry names its measure and unit for the reader."""
    entry = seeds_page.page.locator('li.entry:has(strong.value:text-is("95.3万辆"))').first
    assert entry.locator(".measure").inner_text() == "指标：新能源汽车产量 · 单位：辆"


def test_a_large_archive_loads_one_year_at_a_time(browser, pages):
    """Split into a year index and year files, the page loads a year's file only when that year is opened."""
    index = pages["split"]
    assert sorted(p.name for p in (index.parent / "归档.years").iterdir()) == [f"{y}.js" for y in range(2016, 2026)]
    assert '"entries":[]' in index.read_text(encoding="utf-8"), "no entry is embedded in the index page"
    visit = Visit(browser, index)
    page = visit.page
    sections = page.locator("section.year")
    assert sections.count() == 10
    page.locator("section.year[data-loaded='true']").first.wait_for()
    assert page.locator("#visible-count").inner_text() == "显示 600 / 600 条"
    loaded = [u for u in visit.requests if u.endswith(".js")]
    assert 0 < len(loaded) < 10, "only the years open at first are loaded"
    last = sections.nth(9)
    assert last.get_attribute("data-loaded") is None and last.locator("li.entry").count() == 0
    last.locator("summary").click()
    last.locator("li.entry").first.wait_for()
    assert last.locator("li.entry").count() == 60
    last.locator("li.entry details.source summary").first.click()
    assert last.locator("li.entry mark").first.inner_text() == "10万辆"
    assert all(u.startswith(index.parent.as_uri()) for u in visit.requests)
    assert visit.errors == [] and visit.dialogs == []
    page.close()
