"""Suggested rewrites placed on the exact characters they replace; only form rewrites count as safe fixes."""

from __future__ import annotations

import pytest

from checker.report.rewrites import alternatives_of, rewrites_of, safe_fix
from checker.text.ingest import document_from_text


@pytest.fixture(scope="module")
def analyse():
    """Analyse an article's text with the default pack: (document, findings)."""
    from checker.extract.resources import load_resources
    from checker.run.pipeline import analyze_document, load_pack_and_lexicon

    pack, lexicon = load_pack_and_lexicon([])
    resources = load_resources()

    def run(text: str, path: str = "a.md"):
        doc = document_from_text(path, "---\ndate: 2025-03-01\n---\n" + text)
        return doc, analyze_document(doc, resources, lexicon, pack).findings

    return run


def _applied(doc, rewrite) -> str:
    """The document's text with one rewrite applied."""
    return doc.text[:rewrite.span.start] + rewrite.text + doc.text[rewrite.span.end:]


def test_both_rewrites_of_a_multiple_replace_verb_and_figure(analyse):
    """增长了18.1倍 (fits 增长到 only) gets 增长到18.1倍 and 增长17.1倍, each over the verb, 了 and the figure."""
    doc, findings = analyse("西安市光伏组件产量从2019年的3.2万千瓦增至2024年的57.9万千瓦，五年增长了18.1倍。")
    (finding,) = [f for f in findings if f.rule == "growth.increase-by-vs-to"]
    rewrites = rewrites_of(finding, doc)
    assert [r.text for r in rewrites] == ["增长到18.1倍", "增长17.1倍"]
    assert {doc.text[r.span.start:r.span.end] for r in rewrites} == {"增长了18.1倍"}
    assert "五年增长到18.1倍。" in _applied(doc, rewrites[0])
    assert safe_fix(finding, doc) is None  # two right answers: the writer chooses


@pytest.mark.parametrize("text,before,after", [
    ("现场约3万人左右。", "约3万人左右", "约3万人"),
    ("预计增加2～5万人。", "2～5万", "2万～5万"),
    ("系数为.46。", ".46", "0.46"),
    ("工厂每天日产量提高。", "每天日产量", "日产量"),
])
def test_form_rewrites_are_safe_fixes(analyse, text, before, after):
    """A wording rule's one rewrite replaces exactly its match."""
    doc, findings = analyse(text)
    (finding,) = [f for f in findings if f.kind == "wording"]
    fix = safe_fix(finding, doc)
    assert fix is not None and doc.text[fix.span.start:fix.span.end] == before and fix.text == after


def test_a_match_across_a_line_break_is_no_safe_fix(analyse):
    """A hard-wrapped figure is joined for reading, but rewriting it would delete the line break."""
    doc, findings = analyse("现场约3万\n人左右。")
    wording = [f for f in findings if f.rule == "wording.double-approximator"]
    assert wording and all(safe_fix(f, doc) is None for f in wording)


def test_weekday_rewrite_replaces_only_the_weekday(analyse):
    """核对日期或改为“星期三” replaces 星期四 inside the date's span, not the date."""
    doc, findings = analyse("2025年11月26日（星期四），会议召开。")
    (finding,) = [f for f in findings if f.rule.startswith("weekday.")]
    assert alternatives_of(finding) == ("星期三",)
    (rewrite,) = rewrites_of(finding, doc)
    assert doc.text[rewrite.span.start:rewrite.span.end] == "星期四"
    assert safe_fix(finding, doc) is None  # the date may be the wrong part


def test_share_rewrite_replaces_the_stated_share(analyse):
    """A share that does not fit part ÷ whole is rewritten on the share's figure, not on a level."""
    doc, findings = analyse("2024年，全市工业总产值5200亿元，其中汽车产值2080亿元，占比50%。")
    (finding,) = [f for f in findings if f.rule.startswith("share.")]
    (rewrite,) = rewrites_of(finding, doc)
    assert doc.text[rewrite.span.start:rewrite.span.end] == "50%" and rewrite.text == "40%"
