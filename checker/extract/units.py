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
    canonical: dict[str, str] = attrs.field(factory=dict)  # 人民币 -> 元: another way to write a unit
    rates: frozenset[str] = frozenset()  # %, 倍, 个百分点: precise to their last written digit
    per_only: frozenset[str] = frozenset()  # 桶: a unit only after a slash (82美元/桶), never a count (两桶油)

    def ordered(self) -> list[str]:
        """Return the surfaces longest first, so 个百分点 wins over 个."""
        return sorted(self.surfaces, key=len, reverse=True)

    def canonical_of(self, surface: str) -> str:
        """Return the unit a surface is reported as (人民币 is 元; most surfaces are themselves)."""
        return self.canonical.get(surface, surface)


@attrs.frozen(eq=False)
class UnitSystem:
    """The unit lexicon, and what pint says of each surface: its dimension and its base-unit factor.

    The table is computed from the pint registry when the definitions are loaded (or, for a system
    loaded unchecked, on first use); the registry itself is loaded again only for conversions, so a
    cached UnitSystem needs no pint at all.
    """

    definitions: Path
    lexicon: UnitLexicon
    known: dict[str, tuple[str, float]] | None = None  # surface -> (pint dimensionality, factor to the base unit)
    _later: dict[str, dict[str, tuple[str, float]]] = attrs.field(factory=dict, repr=False)  # bases built on use

    @property
    def bases(self) -> dict[str, tuple[str, float]]:
        """Each surface's pint dimensionality and base-unit factor (built with pint on first use if unchecked)."""
        if self.known is not None:
            return self.known
        if "bases" not in self._later:
            self._later["bases"] = load_unit_system(self.definitions, Path(self.lexicon.path)).bases
        return self._later["bases"]

    @property
    def registry(self) -> Any:
        """The pint registry of the definitions file (loaded once per process)."""
        return _registry(str(self.definitions))

    def dimension_of(self, surface: str) -> str:
        """Return the pint dimensionality of a surface unit as text ('' for a bare number)."""
        if not surface:
            # A bare number or fraction has no unit and no dimension.
            return ""
        return self._base(surface, (f"[unknown:{surface}]", 1.0))[0]

    def base_of(self, surface: str) -> tuple[str, float]:
        """(dimension, factor to the base unit) of a surface unit; the surface itself for a bare or unlisted unit."""
        return self._base(surface, (surface, 1.0))

    def _base(self, surface: str, unknown: tuple[str, float]) -> tuple[str, float]:
        """The base of a listed unit, or of a price per unit (元/吨) as the quotient of its two listed units."""
        if surface in self.bases:
            return self.bases[surface]
        top, slash, bottom = surface.partition("/")
        if not slash or top not in self.bases or bottom not in self.bases:
            return unknown  # not a listed unit nor a quotient of two: only its own surface compares with it
        (top_dimension, top_factor), (bottom_dimension, bottom_factor) = self.bases[top], self.bases[bottom]
        return f"{top_dimension} / ({bottom_dimension})", top_factor / bottom_factor

    def comparable(self, first: str, second: str) -> bool:
        """True when two surface units measure the same dimension (元 with 元, never 元 with 辆)."""
        return self.dimension_of(first) == self.dimension_of(second)

    def convert(self, value: float, source: str, target: str, **rates: float) -> float:
        """Convert a value between surface units; currencies only with an explicit rate for each one."""
        quantity = value * self.registry.Unit(self.lexicon.surfaces[source])
        unit = self.registry.Unit(self.lexicon.surfaces[target])
        if self.dimension_of(source) == self.dimension_of(target):
            return float(quantity.to(unit).magnitude)
        needed = _rates_needed(self.dimension_of(source), self.dimension_of(target))
        missing = [name for name in needed if name not in rates]
        if missing:
            # A rate is a claim about the world: never fall back on the definitions file's placeholder.
            raise ValueError(f"converting {source} to {target} needs an explicit rate: {', '.join(missing)}")
        return float(quantity.to(unit, "fx", **rates).magnitude)


def _rates_needed(*dimensions: str) -> list[str]:
    """Name the fx rates ('usd_cny') a conversion between currency dimensions needs; none for other units."""
    codes = [d.strip("[]").removeprefix("currency_") for d in dimensions if d.startswith("[currency_")]
    if len(codes) < len(dimensions):
        # Not two currencies: pint itself refuses (元 never becomes 辆), no rate can help.
        return []
    return [f"{code}_cny" for code in codes if code != "cny"]


@functools.lru_cache(maxsize=4)
def _registry(definitions: str) -> Any:
    """Build a pint registry from a definitions file (the only place pint is imported)."""
    import pint  # heavy: imported only when units are needed

    return pint.UnitRegistry(definitions, autoconvert_offset_to_baseunit=True)


def load_unit_system(definitions: Path, lexicon_path: Path, *, check: bool = True) -> UnitSystem:
    """Build the pint registry from a definitions file and check the unit lexicon against it.

    With check=False only the lexicon is read (no pint import): what extraction needs; the dimensions
    are then built, and the files checked, on the first use of `bases`.
    """
    if not check:
        # `hedui extract` reads surfaces only: pint (a third of its start-up) is loaded when a dimension is asked.
        return UnitSystem(definitions, _read_lexicon(lexicon_path, None, definitions.name))
    try:
        registry = _registry(str(definitions))
    except Exception as exc:  # pint raises many types for a bad file
        raise RuleFileError(str(definitions), _line_of(exc), None, f"bad unit definitions: {exc}") from exc
    lexicon = _read_lexicon(lexicon_path, registry, definitions.name)
    bases = {}
    for surface, name in lexicon.surfaces.items():
        quantity = registry.Quantity(1.0, name).to_base_units()
        bases[surface] = (str(quantity.dimensionality), float(quantity.magnitude))
    return UnitSystem(definitions, lexicon, bases)


def _read_lexicon(path: Path, registry: Any | None, definitions_name: str) -> UnitLexicon:
    """Read units.yaml: surface -> pint name, or -> {unit, as, rate, per_only}; every name must be defined."""
    raw, lines = load_yaml_mapping(path)
    surfaces: dict[str, str] = {}
    canonical: dict[str, str] = {}
    rates: set[str] = set()
    per_only: set[str] = set()
    for surface, entry in raw.items():
        surface = str(surface)
        fail = functools.partial(RuleFileError, str(path), lines.get(surface), surface)
        fields = {"unit": entry} if isinstance(entry, str) else entry
        if not isinstance(fields, dict) or not isinstance(fields.get("unit"), str) or set(fields) - _ENTRY_KEYS:
            raise fail("expected a pint unit name, or a mapping with 'unit' and optionally 'as', 'rate', 'per_only'")
        try:
            if registry is not None:  # unchecked: the names are checked when the dimensions are first built
                registry.Unit(fields["unit"])
        except Exception as exc:
            raise fail(f"unknown unit '{fields['unit']}' (not defined in {definitions_name})") from exc
        surfaces[surface] = fields["unit"]
        if "as" in fields:
            canonical[surface] = str(fields["as"])
        if fields.get("rate"):
            rates.add(surface)
        if fields.get("per_only"):
            per_only.add(surface)
    for surface, target in canonical.items():
        if surfaces.get(target) != surfaces[surface]:
            raise RuleFileError(str(path), lines.get(surface), surface,
                                f"'as: {target}' must name a surface listed here with the same unit")
    return UnitLexicon(surfaces, str(path), canonical, frozenset(rates), frozenset(per_only))


_ENTRY_KEYS = {"unit", "as", "rate", "per_only"}


def _line_of(exc: Exception) -> int | None:
    """Return the line number pint reports for a definitions error, when it reports one."""
    line = getattr(exc, "lineno", None)
    return int(line) if isinstance(line, int) else None
