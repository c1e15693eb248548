"""Shared fixtures: the default resources, loaded once per test session."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT.parent / "shared" / "conformance"


@pytest.fixture(scope="session")
def resources():
    """The default rule pack's units, grammar and period lexicon."""
    from checker.extract.resources import load_resources

    return load_resources()


@functools.lru_cache(maxsize=1)
def default_grammar():
    """The compiled quantity grammar of the default unit lexicon, built once (hypothesis reuses it)."""
    from checker.extract.hedges import load_hedges, load_variants
    from checker.extract.quantities import build_grammar
    from checker.extract.resources import RULES_DIR
    from checker.extract.units import load_unit_system

    units = load_unit_system(RULES_DIR / "units.txt", RULES_DIR / "lexicon" / "units.yaml")
    lexicon = RULES_DIR / "lexicon"
    return build_grammar(units.lexicon, load_hedges(lexicon / "hedges.yaml"), load_variants(lexicon / "variants.yaml"))


@pytest.fixture(scope="session")
def grammar():
    """The compiled quantity grammar of the default unit lexicon."""
    return default_grammar()
