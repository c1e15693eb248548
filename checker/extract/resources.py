"""The data a run reads from rules/: unit system, quantity grammar (units, hedges, figure words) and period lexicon."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from checker.extract.figure_words import load_figure_words
from checker.extract.hedges import load_hedges, load_variants
from checker.extract.quantities import QuantityGrammar, build_grammar
from checker.extract.units import UnitSystem, load_unit_system
from checker.text.rulesdir import RULES_DIR


@attrs.frozen(eq=False)
class Resources:
    """Everything extraction needs, loaded once and passed down as an argument."""

    units: UnitSystem
    grammar: QuantityGrammar
    periods: Any  # checker.extract.periods.PeriodLexicon
    rules_dir: Path


def load_resources(rules_dir: Path = RULES_DIR, *, check_units: bool = True) -> Resources:
    """Load units, the unit lexicon and the period lexicon from a rules directory.

    check_units=False skips pint until a dimension is asked for (extraction alone never asks).
    """
    from checker.extract.periods import load_period_lexicon

    units = load_unit_system(rules_dir / "units.txt", rules_dir / "lexicon" / "units.yaml", check=check_units)
    lexicon = rules_dir / "lexicon"
    hedges, variants = load_hedges(lexicon / "hedges.yaml"), load_variants(lexicon / "variants.yaml")
    grammar = build_grammar(units.lexicon, hedges, variants, load_figure_words(lexicon / "figures.yaml"))
    periods = load_period_lexicon(rules_dir / "lexicon" / "periods.yaml")
    return Resources(units, grammar, periods, rules_dir)
