"""The review page in a real browser (headless Chromium through Playwright): review, remember, stay safe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from checker.triage.decisions import load_decisions
from tests.test_review_support import IMG_TAG, SCRIPT_TAG, check_corpus, make_corpus

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
REVIEWER = "测试编辑"


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module; skipped only when playwright or chromium is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"chromium is not installed at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser):
    """A fresh page that records dialogs, script errors, console errors and every request it makes."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = SimpleNamespace(page=page, dialogs=[], errors=[], requests=[])
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and seen.errors.append(message.text))
    page.on("request", lambda request: seen.requests.append(request.url))
    yield seen
    context.close()


@pytest.fixture
def review(tmp_path):
    """`hedui review` running in a subprocess on a copy of the seeds plus a hostile article."""
    seeds = make_corpus(tmp_path)
    decisions = tmp_path / "decisions.yaml"
    process = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "review", str(seeds), "--decisions", str(decisions),
         "--no-browser", "--no-cache", "--quiet"],
        cwd=tmp_path, env={**os.environ, "HEDUI_REVIEWER": REVIEWER},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    url = process.stdout.readline().strip()
    yield SimpleNamespace(url=url, process=process, seeds=seeds, decisions=decisions, folder=tmp_path)
    if process.poll() is None:
        # The test did not stop it itself: Ctrl-C, then make sure.
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def open_queue(tab, url: str) -> list[dict]:
    """Open the review page, wait until it has rendered, and return the queue it shows."""
    from playwright.sync_api import expect

    response = tab.page.goto(url)
    assert response.ok, url
    expect(tab.page.locator("body")).to_have_attribute("data-ready", "true")
    return tab.page.evaluate("() => fetch('/api/findings' + location.search).then(r => r.json())")["findings"]


def card(tab, item: dict):
    """The card of one finding."""
    return tab.page.locator(f"#f{item['id']}")


def run_check(review, *extra: str) -> tuple[int, dict]:
    """`hedui check --format json` over the reviewed folder; return exit code and report."""
    done = subprocess.run([sys.executable, "-m", "checker.cli", "check", str(review.seeds), "--format", "json",
                           "--no-cache", "--quiet", *extra], cwd=review.folder, capture_output=True, text=True)
    return done.returncode, json.loads(done.stdout)


def test_review_by_keyboard_and_mouse_is_saved_and_remembered(tab, review):
    """Dismiss, accept and skip by keyboard, dismiss by mouse; reload remembers; check honours the dismissals."""
    from playwright.sync_api import expect

    page = tab.page
    queue = open_queue(tab, review.url)
    errors = [f for f in queue if f["severity"] == "error"]
    rest = [f for f in queue if f["severity"] != "error"]
    assert errors and len(rest) >= 3, "the seeds should give at least one error and three other findings"
    current = page.locator(".finding.current")
    expect(current).to_have_id(f"f{queue[0]['id']}")
    page.keyboard.press("j")
    expect(current).to_have_id(f"f{queue[1]['id']}")
    page.keyboard.press("k")
    expect(current).to_have_id(f"f{queue[0]['id']}")

    page.keyboard.press("d")  # Escape closes the reason box without deciding
    page.keyboard.press("Escape")
    expect(card(tab, queue[0]).locator("form.reason")).to_be_hidden()
    expect(card(tab, queue[0])).to_have_attribute("data-decision", "")
    for item in errors:  # keyboard: d, a reason, Enter
        expect(current).to_have_id(f"f{item['id']}")
        page.keyboard.press("d")
        expect(card(tab, item).locator("form.reason input")).to_be_focused()
        page.keyboard.type("标题党，已与作者确认")
        page.keyboard.press("Enter")
        expect(card(tab, item)).to_have_attribute("data-decision", "dismissed")
    accepted, skipped, clicked = rest[:3]
    expect(current).to_have_id(f"f{accepted['id']}")
    page.keyboard.press("a")
    expect(card(tab, accepted)).to_have_attribute("data-decision", "accepted")
    expect(current).to_have_id(f"f{skipped['id']}")
    page.keyboard.press("s")
    expect(card(tab, skipped).locator(".status")).to_have_text("已跳过")
    expect(current).to_have_id(f"f{clicked['id']}")
    card(tab, clicked).locator("button.dismiss").click()  # mouse: the button, the box, the confirm button
    card(tab, clicked).locator("form.reason input").fill("引用他人原话，不改")
    card(tab, clicked).locator("button.confirm").click()
    expect(card(tab, clicked)).to_have_attribute("data-decision", "dismissed")
    decided = {f["fingerprint"]: ("dismissed", "标题党，已与作者确认") for f in errors}
    decided[accepted["fingerprint"]] = ("accepted", "")
    decided[clicked["fingerprint"]] = ("dismissed", "引用他人原话，不改")
    expect(page.locator("#counter")).to_contain_text(f"剩余 {len(queue) - len(decided)} / 共 {len(queue)}")

    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    for item in queue:
        expect(card(tab, item)).to_have_attribute("data-decision", decided.get(item["fingerprint"], ("",))[0])
    expect(card(tab, skipped).locator(".status")).to_have_text("")
    expect(card(tab, clicked).locator(".status")).to_contain_text("引用他人原话，不改")
    expect(page.locator("#counter")).to_contain_text(f"剩余 {len(queue) - len(decided)} / 共 {len(queue)}")

    saved = load_decisions(review.decisions)
    assert {fp: (d.decision, d.reason) for fp, d in saved.items()} == decided
    by_fp = {f["fingerprint"]: f for f in queue}
    for fp, entry in saved.items():
        assert (entry.reviewer, entry.rule, entry.text, entry.doc) == (REVIEWER, by_fp[fp]["rule"], by_fp[fp]["text"],
                                                                        by_fp[fp]["doc"]) and entry.at
    assert tab.dialogs == [] and tab.errors == []

    code_before, _ = run_check(review)
    code_after, report = run_check(review, "--decisions", str(review.decisions))
    assert (code_before, code_after) == (1, 0)
    statuses = {f["fingerprint"]: f["status"] for f in report["findings"]}
    assert all(statuses[f["fingerprint"]] == "dismissed" for f in errors)

    review.process.send_signal(signal.SIGINT)
    _, err = review.process.communicate(timeout=20)
    assert review.process.returncode == 0 and "Traceback" not in err


def test_hostile_article_text_stays_text(tab, review):
    """Markup in an article shows as literal text in cards, filters and the full text, and never runs."""
    from playwright.sync_api import expect

    page = tab.page
    queue = open_queue(tab, review.url)
    hostile = [f for f in queue if f["doc"].endswith("zz_hostile.md")]
    assert hostile, "the hostile article should have findings"
    main_text = page.locator("main").inner_text()
    assert SCRIPT_TAG in main_text and IMG_TAG in main_text
    assert page.locator("main img, main script, .bar img").count() == 0
    assert any(SCRIPT_TAG in option for option in page.locator("#f-doc option").all_inner_texts())
    quote = card(tab, hostile[0]).locator("blockquote").first
    quote.locator("button.full").click()
    expect(quote.locator("pre.fulltext")).to_contain_text(SCRIPT_TAG)
    expect(quote.locator("pre.fulltext mark")).to_have_count(len(hostile[0]["quotes"][0]["marks"]))
    assert page.locator("pre img, pre script").count() == 0
    assert tab.dialogs == [] and tab.errors == []
    assert all(url.startswith(review.url.split("?")[0]) for url in tab.requests)


def test_filters_narrow_the_queue(tab, review):
    """Choosing a severity or an article shows only its findings, and the counter says how many."""
    from playwright.sync_api import expect

    page = tab.page
    queue = open_queue(tab, review.url)
    page.select_option("#f-severity", "error")
    errors = [f for f in queue if f["severity"] == "error"]
    expect(page.locator("article.finding:visible")).to_have_count(len(errors))
    expect(page.locator("#counter")).to_contain_text(f"显示 {len(errors)} 条")
    page.select_option("#f-severity", "")
    doc = queue[-1]["doc"]
    page.select_option("#f-doc", doc)
    expect(page.locator("article.finding:visible")).to_have_count(sum(f["doc"] == doc for f in queue))
    page.keyboard.press("j")  # keys still work after using a filter
    expect(page.locator(".finding.current")).to_be_visible()
    page.select_option("#f-doc", "")
    page.check("#f-hide")
    first, second = queue[0], queue[1]
    card(tab, first).locator(".message").click()  # a click on a card makes it the current one
    expect(page.locator(".finding.current")).to_have_id(f"f{first['id']}")
    page.keyboard.press("a")  # a decided finding leaves the queue when decided ones are hidden
    expect(card(tab, first)).to_be_hidden()
    expect(page.locator(".finding.current")).to_have_id(f"f{second['id']}")
    expect(page.locator("#counter")).to_contain_text(f"显示 {len(queue) - 1} 条")


def test_static_report_works_offline(tab, tmp_path):
    """The HTML report opened from disk renders every finding and makes no request of any kind."""
    from playwright.sync_api import expect

    from checker.report.html import render_html

    result = check_corpus(make_corpus(tmp_path))
    report = tmp_path / "report.html"
    report.write_text(render_html(result), encoding="utf-8")
    page = tab.page
    page.goto(report.as_uri())
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("article.finding")).to_have_count(len(result.findings))
    assert page.locator("button.accept, button.full").count() == 0
    assert SCRIPT_TAG in page.locator("main").inner_text()
    page.keyboard.press("j")
    page.keyboard.press("a")  # read-only: review keys do nothing
    expect(page.locator("article.finding[data-decision='accepted']")).to_have_count(0)
    assert tab.requests == [report.as_uri()]
    assert tab.dialogs == [] and tab.errors == []
