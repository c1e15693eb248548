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
    """A pint registry together with the lexicon that maps surfaces onto it."""

    registry: Any
    lexicon: UnitLexicon

    def dimension_of(self, surface: str) -> str:
        """Return the pint dimensionality of a surface unit as text ('' for a bare number)."""
        return _dimension(self, surface)

    def base_of(self, surface: str) -> tuple[str, float]:
        """(dimension, factor to the base unit) of a surface unit; ("", 1.0) for a bare number or an unknown unit."""
        name = self.lexicon.surfaces.get(surface)
        if not surface or name is None:
            # A bare number, a fraction or an unlisted classifier: compared by its surface alone.
            return (surface, 1.0)
        return _base_cached(id(self.registry), self.registry, name)

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


@functools.lru_cache(maxsize=256)
def _dimension_cached(system_id: int, registry: Any, name: str) -> str:
    """Cache pint look-ups, which are slow, per registry and unit name."""
    return str(registry.Unit(name).dimensionality)


@functools.lru_cache(maxsize=256)
def _base_cached(system_id: int, registry: Any, name: str) -> tuple[str, float]:
    """Dimensionality and base-unit factor of a pint unit, cached (pint look-ups are slow)."""
    quantity = registry.Quantity(1.0, name).to_base_units()
    return str(quantity.dimensionality), float(quantity.magnitude)


def _dimension(system: UnitSystem, surface: str) -> str:
    """Look up the dimension of a surface unit through the lexicon."""
    if not surface:
        # A bare number or fraction has no unit and no dimension.
        return ""
    name = system.lexicon.surfaces.get(surface)
    if name is None:
        return f"[unknown:{surface}]"
    return _dimension_cached(id(system.registry), system.registry, name)


def load_unit_system(definitions: Path, lexicon_path: Path) -> UnitSystem:
    """Build the pint registry from a definitions file and check the unit lexicon against it."""
    import pint  # heavy: imported only when units are needed

    try:
        registry = pint.UnitRegistry(str(definitions), autoconvert_offset_to_baseunit=True)
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
    return UnitSystem(registry, UnitLexicon(surfaces, str(lexicon_path)))


def _line_of(exc: Exception) -> int | None:
    """Return the line number pint reports for a definitions error, when it reports one."""
    line = getattr(exc, "lineno", None)
    return int(line) if isinstance(line, int) else None
