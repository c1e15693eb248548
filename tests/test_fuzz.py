"""Whole-pipeline properties over random news-like and hostile text: nothing raises, every span stays in bounds."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.text.ingest import document_from_text
from tests.strategies import news_text

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def setup(resources):
    """The default rule pack and claim lexicon, with the session's resources."""
    from checker.run.pipeline import load_pack_and_lexicon

    pack, lexicon = load_pack_and_lexicon([])
    return resources, lexicon, pack


def _check_spans(doc, analysis) -> None:
    """Every claim and finding points inside its document, and a claim's text is what its span holds."""
    for claim in analysis.claims:
        span = claim.mention.span
        assert 0 <= span.start <= span.end <= len(doc.text)
        assert doc.text[span.start:span.end] == claim.mention.text
        assert 0 <= claim.mention.reading_start <= claim.mention.reading_end <= len(doc.reading)
        assert claim.sentence_start <= claim.mention.reading_start
    for finding in analysis.findings:
        assert finding.rule != "internal", finding.message
        for path, span, _ in finding.spans:
            assert path == doc.path and 0 <= span.start <= span.end <= len(doc.text)


@FUZZ
@given(text=news_text, suffix=st.sampled_from(["a.md", "a.txt", "a.html"]))
def test_any_article_is_analysed_without_error(setup, text, suffix):
    """Reading and analysing random text never raises, and every span stays inside the document."""
    from checker.errors import InputError
    from checker.run.pipeline import analyze_document

    resources, lexicon, pack = setup
    try:
        doc = document_from_text(suffix, text)
    except InputError:
        return  # malformed front matter or a NUL byte: a clear refusal is the right outcome
    assert len(doc.offsets) == len(doc.reading)
    assert all(0 <= o < len(doc.text) for o in doc.offsets)
    _check_spans(doc, analyze_document(doc, resources, lexicon, pack))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=news_text, second=news_text)
def test_any_pair_of_articles_is_cross_checked_and_reported(setup, first, second):
    """Two random articles are cross-checked and rendered in every format without error."""
    from checker.errors import InputError
    from checker.report.json_report import render_json
    from checker.report.junit import render_junit
    from checker.report.sarif import render_sarif
    from checker.report.text import render_text
    from checker.run.pipeline import analyze_document, check_corpus

    resources, lexicon, pack = setup
    try:
        docs = [document_from_text("a.md", first), document_from_text("b.md", second)]
    except InputError:
        return  # refused input is covered by the single-article property
    result = check_corpus([analyze_document(d, resources, lexicon, pack) for d in docs], pack, resources.units)
    json.loads(render_sarif(result))
    render_junit(result)
    render_text(result)
    render_json(result)
