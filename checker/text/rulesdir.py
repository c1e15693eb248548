"""Where the default rule pack lives: inside the installed package, or beside checker/ in a checkout."""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def find_rules_dir() -> Path:
    """Return the default rule pack: shipped inside the installed package, or the source tree's rules/."""
    packaged = Path(str(importlib.resources.files("checker"))) / "rules"
    # A wheel maps rules/ into checker/rules; a source checkout keeps it beside checker/.
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "rules"


RULES_DIR = find_rules_dir()  # the default rule pack of this installation
