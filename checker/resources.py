"""The data a run reads from rules/: unit system, quantity grammar and period lexicon."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from checker.quantities import QuantityGrammar, build_grammar, load_hedges
from checker.units import UnitSystem, load_unit_system

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@attrs.frozen(eq=False)
class Resources:
    """Everything extraction needs, loaded once and passed down as an argument."""

    units: UnitSystem
    grammar: QuantityGrammar
    periods: Any  # checker.periods.PeriodLexicon
    rules_dir: Path


def load_resources(rules_dir: Path = RULES_DIR) -> Resources:
    """Load units, the unit lexicon and the period lexicon from a rules directory."""
    from checker.periods import load_period_lexicon

    units = load_unit_system(rules_dir / "units.txt", rules_dir / "lexicon" / "units.yaml")
    grammar = build_grammar(units.lexicon.ordered(), load_hedges(rules_dir / "lexicon" / "hedges.yaml"))
    periods = load_period_lexicon(rules_dir / "lexicon" / "periods.yaml")
    return Resources(units, grammar, periods, rules_dir)
