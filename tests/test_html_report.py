"""The static HTML report: one self-contained page, the review page's evidence view, all text escaped."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from checker.engine.runner import fingerprint
from checker.report.evidence import SEVERITY_RANK, build_payload, dump_json
from checker.report.html import render_html
from checker.triage.decisions import Decision
from tests.test_review_support import IMG_TAG, SCRIPT_TAG, check_corpus, make_corpus

DATA = re.compile(r'<script type="application/json" id="hedui-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    """The check result over the seeds and the hostile article."""
    return check_corpus(make_corpus(tmp_path_factory.mktemp("corpus")))


def embedded(page: str) -> dict:
    """The JSON data a report page carries."""
    return json.loads(DATA.search(page)[1])


def test_article_markup_never_appears_raw(result):
    """Hostile article text is in the data, escaped: the raw strings never occur in the page."""
    page = render_html(result)
    assert SCRIPT_TAG not in page and IMG_TAG not in page and "<img" not in page
    assert len(DATA.findall(page)) == 1 and "</" not in DATA.search(page)[1]
    titles = [d["title"] for d in embedded(page)["documents"]]
    assert any(SCRIPT_TAG in t for t in titles)


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "a\u2028b", "&lt;", "]]>", "\\u003c"])
def test_embedded_json_is_inert_and_round_trips(text):
    """dump_json output holds no '<', '>' or '&' and decodes back to the same value."""
    dumped = dump_json({"text": text})
    assert not set("<>&\u2028") & set(dumped)
    assert json.loads(dumped) == {"text": text}


def test_the_page_is_self_contained(result):
    """No external script, style, font, image or link: nothing to fetch, and a policy forbidding it."""
    page = render_html(result)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "@import" not in page and "url(" not in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy and "unsafe" not in policy


def test_the_policy_admits_exactly_the_inline_script_and_style(result):
    """The hashes in the page's policy are those of its own script and style blocks."""
    page = render_html(result)
    policy = re.search(r'content="(default-src[^"]+)"', page)[1]
    script = re.search(r"<script>(.*?)</script>", page, re.S)[1]
    style = re.search(r"<style>(.*?)</style>", page, re.S)[1]
    for block in (script, style):
        digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_every_finding_is_in_the_queue_most_severe_first(result):
    """The queue holds every finding once, errors first, then by article."""
    items = embedded(render_html(result))["findings"]
    assert sorted(i["fingerprint"] for i in items) == sorted(fingerprint(f) for f in result.findings)
    keys = [(SEVERITY_RANK[i["severity"]], i["doc"]) for i in items]
    assert keys == sorted(keys)
    assert [i["id"] for i in items] == list(range(len(items)))


def test_quotes_highlight_each_figure_in_its_own_article(result):
    """Every figure of a finding is highlighted exactly as it stands in the sentence of its own article."""
    texts = {d.path: d.text for d in result.documents}
    for item in embedded(render_html(result))["findings"]:
        assert item["quotes"], item["rule"]
        for quote in item["quotes"]:
            marked = [s["text"] for s in quote["segments"] if s["mark"]]
            figures = [texts[quote["doc"]][start:end].replace("\n", " ") for start, end in quote["marks"]]
            assert marked == figures
            whole = "".join(s["text"] for s in quote["segments"] if not s["context"])
            assert all(f in whole for f in figures)


def test_growth_error_shows_all_its_claims_and_arithmetic(result):
    """The seeds' growth error quotes its base, current and change figures with the arithmetic and fix."""
    items = embedded(render_html(result))["findings"]
    growth = next(i for i in items if i["rule"] == "growth.increase-by-vs-to")
    marked = {s["text"] for q in growth["quotes"] for s in q["segments"] if s["mark"]}
    assert {"4.3万辆", "95.3万辆"} <= marked
    assert growth["arithmetic"] and growth["suggestion"] and growth["severity"] == "error"


def test_findings_on_the_same_fact_point_at_each_other(result):
    """same_fact links are symmetric and only join findings with the same non-empty fact key."""
    items = embedded(render_html(result))["findings"]
    for item in items:
        for other in item["same_fact"]:
            assert items[other]["fact"] == item["fact"] != "" and item["id"] in items[other]["same_fact"]


def test_decisions_and_statuses_are_shown(result):
    """Decided findings carry decision, reason and reviewer; statuses from check mark the others;
    stale ones are counted."""
    first, second = (fingerprint(f) for f in result.findings[:2])
    decisions = {first: Decision(first, "dismissed", reason="原文如此", reviewer="王编辑"),
                 "f" * 20: Decision("f" * 20, "accepted")}
    data = embedded(render_html(result, decisions=decisions, statuses={second: "suppressed", first: "dismissed"},
                                reasons={second: "引用"}))
    assert data["decisions"][first] == {"decision": "dismissed", "reason": "原文如此", "reviewer": "王编辑"}
    assert data["decisions"][second] == {"decision": "suppressed", "reason": "引用"}
    assert data["stale"] == 1 and len(data["decisions"]) == 2


def test_no_findings_still_makes_a_page(result):
    """A clean run renders a valid page with an empty queue."""
    import attrs

    page = render_html(attrs.evolve(result, findings=()))
    assert embedded(page)["findings"] == [] and page.startswith("<!doctype html>")


def test_payload_builder_is_shared_with_the_review_server(result):
    """The report embeds exactly what the review server's queue is built from."""
    assert embedded(render_html(result))["findings"] == build_payload(result)["findings"]
