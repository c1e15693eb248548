"""Claims say how they were understood: role, metric and subject each from words, the unit, or a guess."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.claims.build import build_claims
from checker.claims.lexicon import load_claim_lexicon
from checker.extract.mentions import find_mentions
from checker.extract.resources import RULES_DIR
from checker.text.ingest import document_from_text


def claims_of(text: str, resources) -> dict[str, object]:
    """The claims of one short article, by the figure's surface text."""
    lexicon = load_claim_lexicon(sorted((RULES_DIR / "lexicon").glob("claims*.yaml")))
    doc = document_from_text("a.md", text, date_override=dt.date(2025, 3, 1))
    return {c.mention.text: c for c in build_claims(doc, find_mentions(doc, resources), lexicon, resources.units)}


@pytest.mark.parametrize(("text", "figure", "role", "certain"), [
    ("2024年，重庆汽车产量增长12.5%。", "12.5%", "lexicon", True),
    ("2024年，重庆汽车产量达到250万辆。", "250万辆", "lexicon", True),
    ("2024年，重庆汽车产量250万辆。", "250万辆", "unit", True),
    ("2024年，重庆汽车产量12.5%。", "12.5%", "guessed", False),
    ("2024年，重庆汽车产量高于全国0.5个百分点。", "0.5个百分点", "guessed", False),
])
def test_role_source(text, figure, role, certain, resources):
    """A verb of the lexicon decides a role; an amount's unit makes a level; a bare rate's role is a guess."""
    claim = claims_of(text, resources)[figure]
    assert claim.understood.role == role
    assert claim.understood.certain is certain


def test_metric_and_subject_sources(resources):
    """A known measure is a lexicon metric; words the lexicon does not know are a guess and never certain."""
    claims = claims_of("2024年，重庆汽车产量达到250万辆，某某某某达到30万个。", resources)
    assert claims["250万辆"].understood.metric == "lexicon"
    assert claims["250万辆"].understood.subject == "lexicon"
    assert claims["30万个"].understood.metric in ("guessed", "segmenter", "none")
