"""Bad input rows of issue 10: many figures, no punctuation, nested brackets, mixed scripts — no crash."""

from __future__ import annotations

import pytest

from checker.text.ingest import document_from_text

FIFTY_FIGURES = "，".join(f"产值{i + 1}.5亿元，增长{i % 9 + 1}.2%" for i in range(25)) + "。"
UNPUNCTUATED = "全市规上工业产值增长到12亿元同比增长5.3%其中汽车产量3万辆比上年增加2000辆" * 250
NESTED = "（" * 50 + "产值12亿元，增长5%" + "）" * 50 + "。"
MIXED = "产值１２亿元 GDP增长5% Рост 3,5% نمو ٥٪ 📈 e\u0301 Ω≈ 增长到１２．５亿元 ｜ 𠀀字"


@pytest.fixture(scope="module")
def analyse():
    """Analyse a document with the default rule pack and resources."""
    from checker.extract.resources import load_resources
    from checker.run.pipeline import analyze_document, load_pack_and_lexicon

    resources = load_resources()
    pack, lexicon = load_pack_and_lexicon([])
    return lambda text: analyze_document(document_from_text("a.md", text), resources, lexicon, pack)


@pytest.mark.parametrize(("text", "figures"), [
    (FIFTY_FIGURES, 50),
    (UNPUNCTUATED, 1000),
    (NESTED, 2),
    (MIXED, 4),
], ids=["fifty-figures", "10000-chars-unpunctuated", "nested-brackets", "mixed-scripts"])
def test_bad_input_is_analysed_whole(analyse, text, figures):
    """Each bad input is analysed without an error, and every figure in it is still read."""
    from checker.extract.quantities import find_quantities
    from tests.conftest import default_grammar

    analyse(text)
    assert len(find_quantities(text, default_grammar())) == figures
