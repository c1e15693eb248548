"""Places named as a source (an exchange's website, a paper) are not what an article's figures are about."""

from __future__ import annotations

from checker.extract.resources import load_resources
from checker.run.pipeline import claims_of, load_pack_and_lexicon
from checker.text.ingest import document_from_text


def _subjects(text: str) -> set[str]:
    """The subjects of one article's claims."""
    _, lexicon = load_pack_and_lexicon([])
    doc = document_from_text("a.md", text.encode("utf-8"))
    return {claim.subject for claim in claims_of(doc, load_resources(), lexicon)}


def test_an_exchanges_website_names_no_subject():
    """全文刊载于深圳证券交易所网站: a company's report is not about 深圳."""
    text = ("---\ndate: 2025-04-20\n---\n本摘要摘自年度报告全文，全文同时刊载于深圳证券交易所网站。\n\n"
            "2024年公司实现营业收入12.5亿元，比上年增长8.2%。\n")
    assert "深圳" not in _subjects(text)


def test_a_place_named_in_its_own_right_stays_the_subject():
    """深圳市2024年地区生产总值…: the same place, named as the subject, keeps its figures."""
    text = "---\ndate: 2025-04-20\n---\n深圳市2024年地区生产总值3.68万亿元，比上年增长5.8%。\n"
    assert _subjects(text) == {"深圳"}
