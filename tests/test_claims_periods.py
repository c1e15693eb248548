"""Periods a figure inherits when nothing near it names a time: the article's data period, when recent."""

from __future__ import annotations

import datetime as dt

from checker.claims.build import build_claims
from checker.claims.lexicon import load_claim_lexicon
from checker.extract.mentions import find_mentions
from checker.extract.resources import RULES_DIR
from checker.text.ingest import document_from_text


def claims_of(text: str, resources, published: dt.date) -> dict:
    """The claims of one short article published on a day, by the figure's surface text."""
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("a.md", text, date_override=published)
    mentions = find_mentions(doc, resources)
    return {c.mention.text: c for c in build_claims(doc, mentions, lexicon, resources.units, resources.periods)}


RELEASE = "某省经济运行稳中有进\n\n据统计，2024年全省经济运行稳中有进。\n\n全省棉花产量56.2万吨。\n"


def test_an_undated_figure_takes_the_data_period_of_a_release(resources):
    """A bulletin's lead names 2024年: a later figure of no time of its own is a 2024 figure, read from context."""
    claim = claims_of(RELEASE, resources, dt.date(2025, 2, 28))["56.2万吨"]
    assert (claim.period.start, claim.period.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert claim.understood.period == "context"


def test_a_period_long_closed_at_publication_is_history(resources):
    """The same text published two years later: 2024年 is history the article recalls, not its data period."""
    assert claims_of(RELEASE, resources, dt.date(2026, 11, 1))["56.2万吨"].period is None


def test_a_target_without_a_time_takes_no_data_period(resources):
    """力争…: a target of no stated time is no figure of the closed period the release reports on."""
    text = "某省经济运行稳中有进\n\n据统计，2024年全省经济运行稳中有进。\n\n力争棉花产量达到60万吨。\n"
    assert claims_of(text, resources, dt.date(2025, 2, 28))["60万吨"].period is None


def test_without_the_period_lexicon_nothing_is_inherited(resources):
    """build_claims without the period lexicon leaves an undated figure undated (no data period is read)."""
    lexicon = load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"])
    doc = document_from_text("a.md", RELEASE, date_override=dt.date(2025, 2, 28))
    claims = {c.mention.text: c for c in build_claims(doc, find_mentions(doc, resources), lexicon, resources.units)}
    assert claims["56.2万吨"].period is None
