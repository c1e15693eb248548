"""The only module that imports pint: units and dimensions from rules/units.txt."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import attrs

from checker.errors import RuleFileError
from checker.yamlio import load_yaml_mapping


@attrs.frozen
class UnitLexicon:
    """Surface units as written in articles, mapped to pint unit names."""

    surfaces: dict[str, str]  # 亿元 is 亿 + 元: only the unit part is listed here
    path: str = ""

    def ordered(self) -> list[str]:
        """Return the surfaces longest first, so 个百分点 wins over 个."""
        return sorted(self.surfaces, key=len, reverse=True)


@attrs.frozen(eq=False)
class UnitSystem:
    """The unit lexicon, and what pint says of each surface: its dimension and its base-unit factor.

    The table is computed from the pint registry when the definitions are loaded; the registry
    itself is loaded again only for conversions, so a cached UnitSystem needs no pint at all.
    """

    definitions: Path
    lexicon: UnitLexicon
    bases: dict[str, tuple[str, float]]  # surface -> (pint dimensionality, factor to the base unit)

    @property
    def registry(self) -> Any:
        """The pint registry of the definitions file (loaded once per process)."""
        return _registry(str(self.definitions))

    def dimension_of(self, surface: str) -> str:
        """Return the pint dimensionality of a surface unit as text ('' for a bare number)."""
        if not surface:
            # A bare number or fraction has no unit and no dimension.
            return ""
        return self.bases.get(surface, (f"[unknown:{surface}]", 1.0))[0]

    def base_of(self, surface: str) -> tuple[str, float]:
        """(dimension, factor to the base unit) of a surface unit; the surface itself for a bare or unlisted unit."""
        return self.bases.get(surface, (surface, 1.0))

    def comparable(self, first: str, second: str) -> bool:
        """True when two surface units measure the same dimension (元 with 元, never 元 with 辆)."""
        return self.dimension_of(first) == self.dimension_of(second)

    def convert(self, value: float, source: str, target: str, **rates: float) -> float:
        """Convert a value between surface units; currencies only with an explicit rate."""
        quantity = value * self.registry.Unit(self.lexicon.surfaces[source])
        unit = self.registry.Unit(self.lexicon.surfaces[target])
        if rates:
            return float(quantity.to(unit, "fx", **rates).magnitude)
        return float(quantity.to(unit).magnitude)


@functools.lru_cache(maxsize=4)
def _registry(definitions: str) -> Any:
    """Build a pint registry from a definitions file (the only place pint is imported)."""
    import pint  # heavy: imported only when units are needed

    return pint.UnitRegistry(definitions, autoconvert_offset_to_baseunit=True)


def load_unit_system(definitions: Path, lexicon_path: Path) -> UnitSystem:
    """Build the pint registry from a definitions file and check the unit lexicon against it."""
    try:
        registry = _registry(str(definitions))
    except Exception as exc:  # pint raises many types for a bad file
        raise RuleFileError(str(definitions), _line_of(exc), None, f"bad unit definitions: {exc}") from exc
    raw, lines = load_yaml_mapping(lexicon_path)
    surfaces: dict[str, str] = {}
    for surface, name in raw.items():
        if not isinstance(name, str):
            raise RuleFileError(str(lexicon_path), lines.get(surface), str(surface), "the pint unit name must be a string")
        try:
            registry.Unit(name)
        except Exception as exc:
            raise RuleFileError(
                str(lexicon_path), lines.get(surface), str(surface),
                f"unknown unit '{name}' (not defined in {definitions.name})",
            ) from exc
        surfaces[str(surface)] = name
    bases = {}
    for surface, name in surfaces.items():
        quantity = registry.Quantity(1.0, name).to_base_units()
        bases[surface] = (str(quantity.dimensionality), float(quantity.magnitude))
    return UnitSystem(definitions, UnitLexicon(surfaces, str(lexicon_path)), bases)


def _line_of(exc: Exception) -> int | None:
    """Return the line number pint reports for a definitions error, when it reports one."""
    line = getattr(exc, "lineno", None)
    return int(line) if isinstance(line, int) else None
