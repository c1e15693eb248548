"""The data a run reads from rules/: unit system, quantity grammar and period lexicon."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

import attrs

from checker.extract.quantities import QuantityGrammar, build_grammar, load_hedges
from checker.extract.units import UnitSystem, load_unit_system


def find_rules_dir() -> Path:
    """Return the default rule pack: shipped inside the installed package, or the source tree's rules/."""
    packaged = Path(str(importlib.resources.files("checker"))) / "rules"
    # A wheel maps rules/ into checker/rules; a source checkout keeps it beside checker/.
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "rules"


RULES_DIR = find_rules_dir()


@attrs.frozen(eq=False)
class Resources:
    """Everything extraction needs, loaded once and passed down as an argument."""

    units: UnitSystem
    grammar: QuantityGrammar
    periods: Any  # checker.extract.periods.PeriodLexicon
    rules_dir: Path


def load_resources(rules_dir: Path = RULES_DIR) -> Resources:
    """Load units, the unit lexicon and the period lexicon from a rules directory."""
    from checker.extract.periods import load_period_lexicon

    units = load_unit_system(rules_dir / "units.txt", rules_dir / "lexicon" / "units.yaml")
    grammar = build_grammar(units.lexicon, load_hedges(rules_dir / "lexicon" / "hedges.yaml"))
    periods = load_period_lexicon(rules_dir / "lexicon" / "periods.yaml")
    return Resources(units, grammar, periods, rules_dir)
