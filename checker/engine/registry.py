"""The registry of rule kinds: one visible table of kind name → the module that implements it.

Each kind module has the same shape (Vale's extension points): `Params`, a frozen value built by
`Params.from_mapping(raw, path, lines)` from the rule file's `params`; `check(spec, context)`,
which returns the rule's findings; and optionally `SCOPE = "corpus"` when it compares documents, with
`families_needed(rows)` when it combines facts whose claims need not differ (the light path loads those too).
A corpus kind may also say what it reads of one claim, `claim_view(spec, claim, date)` (checker.run.reduce: claims
of a fact read alike are reduced to those the rule can name).
rules/schema.json lists the same kinds (a test keeps the two equal).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType, ModuleType

from checker.engine.kinds import (
    agreement,
    average,
    comparison_base,
    contribution,
    conversion,
    count,
    dimension,
    duration,
    forecast_vs_actual,
    growth,
    headline_vs_body,
    magnitude,
    rate_levels,
    relation,
    relative_date,
    revision,
    share,
    shares,
    structure,
    total,
    weekday,
    wording,
)

KINDS: MappingProxyType[str, ModuleType] = MappingProxyType({
    "agreement": agreement,
    "growth": growth,
    "share": share,
    "shares": shares,
    "structure": structure,
    "total": total,
    "average": average,
    "conversion": conversion,
    "magnitude": magnitude,
    "dimension": dimension,
    "comparison-base": comparison_base,
    "relation": relation,
    "count": count,
    "duration": duration,
    "relative-date": relative_date,
    "revision": revision,
    "rate-levels": rate_levels,
    "forecast-vs-actual": forecast_vs_actual,
    "headline-vs-body": headline_vs_body,
    "wording": wording,
    "weekday": weekday,
    "contribution": contribution,
})


def kind_module(kind: str) -> ModuleType:
    """The module that implements a kind; KeyError for a kind the registry does not list."""
    return KINDS[kind]


def scope_of(kind: str) -> str:
    """'corpus' for kinds that compare documents, else 'document'."""
    return getattr(KINDS[kind], "SCOPE", "document")


def unknown_kind_problem(kind: object) -> str:
    """The message for a kind the registry does not list, naming the valid kinds."""
    return f"unknown kind '{kind}' (valid kinds: {', '.join(sorted(KINDS))})"


def families_needed(rows: Iterable[tuple[str, str, str]]) -> list[frozenset[str]]:
    """Groups of fact families that corpus kinds combine although their claims need not differ, from the
    (path, fact key, family) rows of a corpus: the light path loads them beside the families that differ."""
    listed = list(rows)
    return [group for module in KINDS.values() if hasattr(module, "families_needed")
            for group in module.families_needed(listed)]
