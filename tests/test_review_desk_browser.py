"""The review page as a desk uses it, in headless Chromium: undo, bulk, live reload, editor links, comments."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from checker.triage.decisions import load_decisions, load_entries
from tests.test_review_browser import REVIEWER, browser, card, open_queue, tab  # noqa: F401 (fixtures)
from tests.test_review_support import make_corpus

EDITOR = "vscode://file/{path}:{line}:{col}"
HAND_WRITTEN = """\
# 编辑部的决定 — 每周一由值班主编复核
decisions:
  # 与作者确认过的旧决定，勿删
  0000000000000000dead:
    decision: dismissed   # 旧文章，已撤稿
    reason: 已撤稿
"""


@pytest.fixture
def desk(tmp_path):
    """`hedui review` with an editor URL in hedui.toml and a decisions file written by hand."""
    seeds = make_corpus(tmp_path)
    decisions = tmp_path / "hedui-decisions.yaml"
    decisions.write_text(HAND_WRITTEN, encoding="utf-8")
    (tmp_path / "hedui.toml").write_text(f'editor-url = "{EDITOR}"\n', encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "review", str(seeds), "--no-browser", "--no-cache", "--quiet"],
        cwd=tmp_path, env={**os.environ, "HEDUI_REVIEWER": REVIEWER, "PYTHONPATH": str(Path.cwd())},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    url = process.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), process.stderr.read() if process.poll() is not None else url
    yield SimpleNamespace(url=url, process=process, seeds=seeds, decisions=decisions)
    process.send_signal(signal.SIGINT)
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def verdicts(desk) -> dict[str, str]:
    """The verdicts now in the decisions file, by fingerprint."""
    return {fp: d.decision for fp, d in load_decisions(desk.decisions).items()}


def test_undo_takes_back_the_last_decision(tab, desk):  # noqa: F811 (fixture)
    """z restores what the last change replaced: first a dismissal, then an acceptance, in the page and the file."""
    from playwright.sync_api import expect

    page = tab.page
    queue = open_queue(tab, desk.url)
    first = queue[0]
    page.keyboard.press("a")
    expect(card(tab, first)).to_have_attribute("data-decision", "accepted")
    card(tab, first).locator("button.dismiss").click()
    card(tab, first).locator("form.reason input").fill("误报")
    card(tab, first).locator("button.confirm").click()
    expect(card(tab, first)).to_have_attribute("data-decision", "dismissed")
    page.keyboard.press("z")
    expect(card(tab, first)).to_have_attribute("data-decision", "accepted")
    assert verdicts(desk)[first["fingerprint"]] == "accepted"
    page.keyboard.press("z")
    expect(card(tab, first)).to_have_attribute("data-decision", "")
    expect(page.locator(".finding.current")).to_have_id(f"f{first['id']}")
    assert first["fingerprint"] not in verdicts(desk)
    assert "0000000000000000dead" in verdicts(desk), "undo leaves entries it did not make alone"
    assert tab.errors == [] and tab.dialogs == []


def test_bulk_dismiss_of_one_rule_is_one_step(tab, desk):  # noqa: F811 (fixture)
    """Filtering one rule and dismissing all with one reason decides exactly its findings; z takes them all back."""
    from playwright.sync_api import expect

    page = tab.page
    queue = open_queue(tab, desk.url)
    counts: dict[str, int] = {}
    for item in queue:
        counts[item["rule"]] = counts.get(item["rule"], 0) + 1
    rule = max(counts, key=lambda r: (counts[r], r))
    assert counts[rule] >= 2, "the corpus should have a rule with several findings"
    expect(page.locator("#bulk")).to_be_hidden()
    page.select_option("#f-rule", rule)
    expect(page.locator("#bulk")).to_be_visible()
    page.locator("#bulk-dismiss").click()  # no reason: refused, nothing written
    expect(page.locator("#error")).to_contain_text("理由")
    page.fill("#bulk-reason", "本规则对引语不适用")
    page.locator("#bulk-dismiss").click()
    ours = [f for f in queue if f["rule"] == rule]
    for item in ours:
        expect(card(tab, item)).to_have_attribute("data-decision", "dismissed")
    saved = load_decisions(desk.decisions)
    assert {fp for fp, d in saved.items() if d.reason == "本规则对引语不适用"} == {f["fingerprint"] for f in ours}
    assert all(saved[f["fingerprint"]].decision == "dismissed" for f in ours)
    assert not any(f["fingerprint"] in saved for f in queue if f["rule"] != rule)
    page.keyboard.press("z")
    for item in ours:
        expect(card(tab, item)).to_have_attribute("data-decision", "")
    assert set(verdicts(desk)) == {"0000000000000000dead"}
    assert tab.errors == []


def test_live_reload_after_an_article_is_edited(tab, desk):  # noqa: F811 (fixture)
    """Fixing the 22.2倍 sentence on disk re-checks and drops its finding; a hand edit of the decisions file shows."""
    from playwright.sync_api import expect

    page = tab.page
    queue = open_queue(tab, desk.url)
    wrong = [f["fingerprint"] for f in queue if f["rule"] == "growth.increase-by-vs-to" and f["text"] == "22.2倍"]
    assert wrong, "the seeds' 22.2倍 error should be in the queue"
    expect(page.locator("body")).to_have_attribute("data-version", "1")
    article = desk.seeds / "001_d50660e1f1101acb.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("四年增长22.2倍", "四年增长到22.2倍"),
                       encoding="utf-8")
    expect(page.locator("body")).to_have_attribute("data-version", "2", timeout=20_000)
    expect(page.locator("#notice")).to_contain_text("重新检查")
    shown = page.locator("article.finding .fp").all_inner_texts()
    assert len(shown) == len(queue) - 1 and not any(wrong[0] in fp for fp in shown)
    other = page.locator("article.finding").first
    fingerprint = other.locator(".fp").inner_text().split()[-1]
    with desk.decisions.open("a", encoding="utf-8") as out:
        out.write(f"  {fingerprint}:\n    decision: accepted\n    reason: 手工写入\n")
    expect(other).to_have_attribute("data-decision", "accepted", timeout=10_000)
    expect(other.locator(".status")).to_contain_text("手工写入")
    assert tab.errors == []


def test_quotes_link_to_the_editor_at_their_line(tab, desk):  # noqa: F811 (fixture)
    """Each quote links to the configured editor URL with the article's absolute path, line and column."""
    page = tab.page
    queue = open_queue(tab, desk.url)
    quote = queue[0]["quotes"][0]
    link = card(tab, queue[0]).locator("blockquote").first.locator("a.open")
    path = os.path.abspath(desk.seeds / Path(quote["doc"]).name)
    assert link.get_attribute("href") == f"vscode://file/{path}:{quote['line']}:{quote['col']}"
    assert page.locator("a.open").count() == sum(len(f["quotes"]) for f in queue)


def test_a_comment_is_kept_after_save_and_hand_comments_survive(tab, desk):  # noqa: F811 (fixture)
    """c writes a comment that a reload still shows and a later decision keeps; the file's own comments remain."""
    from playwright.sync_api import expect

    page = tab.page
    queue = open_queue(tab, desk.url)
    first = queue[0]
    page.keyboard.press("c")
    page.keyboard.type("请作者核对2020年基数")
    page.keyboard.press("Enter")
    expect(card(tab, first).locator(".comment")).to_have_text("备注：请作者核对2020年基数")
    expect(card(tab, first)).to_have_attribute("data-decision", "")
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(card(tab, first).locator(".comment")).to_have_text("备注：请作者核对2020年基数")
    page.keyboard.press("a")
    expect(card(tab, first)).to_have_attribute("data-decision", "accepted")
    entry = load_entries(desk.decisions)[first["fingerprint"]]
    assert (entry.decision, entry.comment) == ("accepted", "请作者核对2020年基数")
    text = desk.decisions.read_text(encoding="utf-8")
    for line in ("# 编辑部的决定 — 每周一由值班主编复核", "# 与作者确认过的旧决定，勿删", "# 旧文章，已撤稿"):
        assert line in text
    assert tab.errors == [] and tab.dialogs == []
