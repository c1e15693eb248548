"""Score the development set of numerals, units, dates and periods (tests/devset/*.yaml).

Each case is checked the way ../shared/conformance checks its own: the figure or time found with exactly
the case's surface must normalize as written. `score_case` returns None for a pass, else what went
wrong; `score_all` counts passes over every case (todo cases included), for bench/bench_extract.py.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

DEVSET = Path(__file__).resolve().parent / "numbers_units_dates.yaml"
SECTIONS = ("quantities", "quantities_not", "times", "times_not", "document_dates")


def load_devset(path: Path = DEVSET) -> dict[str, Any]:
    """Return the development set as loaded from YAML."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def iter_cases(devset: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (section, case) for every case of the development set."""
    for section in SECTIONS:
        for case in devset.get(section) or []:
            yield section, case


def case_id(section: str, case: dict[str, Any]) -> str:
    """A short readable id: the section and the surface, mark or text start."""
    return f"{section}::{case.get('surface') or case.get('mark') or case['text'][:16]}"


def score_case(section: str, case: dict[str, Any], resources: Any, dct_default: dt.date) -> str | None:
    """Return None when the case passes, else a one-line reason."""
    dct = case.get("dct", dct_default)
    if section == "quantities":
        return _score_quantity(case, resources)
    if section == "times":
        return _score_time(case, resources, dct)
    if section == "document_dates":
        return _score_document_date(case)
    return _score_not(section, case, resources, dct)


def score_all(resources: Any, devset: dict[str, Any] | None = None) -> dict[str, tuple[int, int]]:
    """Return {section: (passed, total)} over every case, plus 'all'."""
    devset = devset or load_devset()
    counts: dict[str, list[int]] = {section: [0, 0] for section in (*SECTIONS, "all")}
    for section, case in iter_cases(devset):
        passed = score_case(section, case, resources, devset["dct_default"]) is None
        for key in (section, "all"):
            counts[key][0] += passed
            counts[key][1] += 1
    return {key: (passed, total) for key, (passed, total) in counts.items()}


def _close(actual: float, expected: Any) -> bool:
    """Compare with the conformance files' relative tolerance."""
    return math.isclose(actual, float(expected), rel_tol=1e-9, abs_tol=1e-12)


def _with_surface(case: dict[str, Any], found: list[tuple[int, int, Any]]) -> Any:
    """The value found with exactly the case's surface, or a message naming what was found instead."""
    text, surface = case["text"], case["surface"]
    for start, end, value in found:
        if text[start:end] == surface:
            return value
    return f"no mention {surface!r}; found {[text[s:e] for s, e, _ in found]}"


def _score_quantity(case: dict[str, Any], resources: Any) -> str | None:
    """The figure with exactly the surface has the value, unit, qualifier and bounds written."""
    from checker.extract.quantities import find_quantities

    quantity = _with_surface(case, find_quantities(case["text"], resources.grammar))
    if isinstance(quantity, str):
        return quantity
    wrong = [
        f"{name} {actual!r} != {case[name]!r}"
        for name, actual, same in (
            ("value", quantity.value, _close(quantity.value, case["value"])),
            ("unit", quantity.unit, quantity.unit == case["unit"]),
            ("qualifier", quantity.qualifier, quantity.qualifier == case["qualifier"]),
            ("low", quantity.interval.low, "low" not in case or _close(quantity.interval.low, case["low"])),
            ("high", quantity.interval.high, "high" not in case or _close(quantity.interval.high, case["high"])),
        )
        if not same
    ]
    return "; ".join(wrong) or None


def _score_time(case: dict[str, Any], resources: Any, dct: dt.date) -> str | None:
    """The time with exactly the surface has the kind, days and length written."""
    from checker.extract.periods import find_periods

    period = _with_surface(case, find_periods(case["text"], dct, resources.periods))
    if isinstance(period, str):
        return period
    wrong = [
        f"{name} {getattr(period, name)!r} != {case[name]!r}"
        for name in ("kind", "start", "end", "length")
        if name in case and getattr(period, name) != case[name]
    ]
    return "; ".join(wrong) or None


def _score_not(section: str, case: dict[str, Any], resources: Any, dct: dt.date) -> str | None:
    """Nothing of the section's kind overlaps the marked text."""
    from checker.extract.periods import find_periods
    from checker.extract.quantities import find_quantities

    text, mark = case["text"], str(case["mark"])
    low = text.index(mark)
    high = low + len(mark)
    if section == "quantities_not":
        spans = [(s, e) for s, e, _ in find_quantities(text, resources.grammar)]
    else:
        spans = [(s, e) for s, e, _ in find_periods(text, dct, resources.periods)]
    overlapping = [text[s:e] for s, e in spans if s < high and low < e]
    return f"found {overlapping}" if overlapping else None


def _score_document_date(case: dict[str, Any]) -> str | None:
    """The date inferred from the page's text is the case's date."""
    from checker.text.docdate import infer_date

    inferred = infer_date(case["text"])
    if inferred is None or inferred.date != case["date"]:
        return f"inferred {inferred.date if inferred else None} ({inferred.source if inferred else 'no evidence'})"
    return None
