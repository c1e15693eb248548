"""Helpers every rule kind uses: number formatting in Chinese and building findings."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from checker.errors import RuleFileError
from checker.model import Claim, FactKey, Finding, Interval, Metric

if TYPE_CHECKING:
    # Only for annotations: the pack imports the registry, which imports the kinds.
    from checker.engine.pack import RuleSpec


def format_number(value: float, digits: int = 2) -> str:
    """Write a number the way Chinese articles do: 95.3万, 1.2万亿, 22.16."""
    if math.isinf(value):
        return "∞"
    for factor, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(value) >= factor:
            return f"{_trim(value / factor, digits)}{word}"
    return _trim(value, digits)


def _trim(value: float, digits: int) -> str:
    """Round to `digits` decimals and drop trailing zeros."""
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_range(low: float, high: float, digits: int = 2) -> str:
    """Write an interval as 'low–high'."""
    return f"{format_number(low, digits)}–{format_number(high, digits)}"


def decimals_of(text: str) -> int:
    """How many decimals a stated figure has (22.2倍 → 1)."""
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    return len(digits.split(".", 1)[1]) if "." in digits else 0


def make_finding(spec: RuleSpec, claims: tuple[Claim, ...], *, arithmetic: str = "", suggestion: str = "",
                 fact_key: FactKey | None = None, inferred_date: bool = False, **values: Any) -> Finding:
    """Build a finding for a rule, filling its message template with named values."""
    return Finding(
        rule=spec.id, kind=spec.kind, severity=spec.severity, message=spec.render(**values),
        claims=claims, arithmetic=arithmetic, suggestion=suggestion, fact_key=str(fact_key) if fact_key else "",
        inferred_date=inferred_date,
    )


def documents_with_claims(context) -> list[tuple[Any, list[Claim]]]:
    """(document, its claims with a figure in reading order) for every document of the run that has any."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in context.index.claims:
        if claim.value is not None:
            by_doc.setdefault(claim.doc, []).append(claim)
    # A stored claim of a document not in this run has no text to read.
    return [(context.documents[doc], sorted(claims, key=lambda c: c.mention.reading_start))
            for doc, claims in by_doc.items() if doc in context.documents]


def levels_by_sentence(claims) -> dict[tuple[str, int], list[Claim]]:
    """The level claims with a figure, grouped by (document, sentence start)."""
    found: dict[tuple[str, int], list[Claim]] = {}
    for claim in claims:
        if claim.value is not None and claim.relation == "level":
            found.setdefault((claim.doc, claim.sentence_start), []).append(claim)
    return found


def at_face_value(finding: Finding, face: str) -> Finding:
    """A finding decided by the figures as written (not their intervals): a warning that rounding may excuse."""
    note = f"{face}；按数值取整后的区间计算仍可能相符，四舍五入可以解释这一差异"
    return attrs.evolve(finding, severity="warning" if finding.severity == "error" else finding.severity,
                        arithmetic=f"{finding.arithmetic}；{note}" if finding.arithmetic else note)


def forcing_plausible(terms: list[tuple[float, float, float]]) -> bool:
    """True when terms (stated, step of its last digit, computed) make exactly 100% but the computed ones, each
    rounded to its written step, do not: then moving one last digit is how the text made 100%.

    Statistical releases often move one term by a step of its last digit so the terms make exactly 100%
    (6.9:40.1:53.0), a common convention. When the right roundings already make 100, no forcing explains a term
    that is off.
    """
    stated = sum(value for value, _, _ in terms)
    rounded = sum(math.floor(computed / step + 0.5) * step for _, step, computed in terms)
    return abs(stated - 100.0) < 1e-9 and abs(rounded - 100.0) > 1e-9


def within_forcing(value: float, step: float, computed: Interval) -> bool:
    """True when a term is at most one step of its last digit off its computed share."""
    return computed.intersects(Interval(value - step, value + step))


def forced_to_100(finding: Finding, listed: str) -> Finding:
    """A finding on a term of a set forced to add up to 100%: info, saying why."""
    note = (f"{listed} 恰为100%，该项与计算值相差不超过末位一个单位，"
            "可能是为凑足100%所作的调整（统计上的常见做法），降为提示")
    return attrs.evolve(finding, severity="info",
                        arithmetic=f"{finding.arithmetic}；{note}" if finding.arithmetic else note)


def expect_keys(raw: dict[str, Any], allowed: Mapping[str, type], path: str, lines: dict[str, int]) -> dict[str, Any]:
    """Check a params mapping against allowed keys and types, citing file, line and key."""
    for key, value in raw.items():
        if key not in allowed:
            names = ", ".join(allowed) or "none"
            raise RuleFileError(path, lines.get(f"params.{key}"), f"params.{key}",
                                f"unknown parameter (allowed: {names})")
        if not isinstance(value, allowed[key]):
            raise RuleFileError(path, lines.get(f"params.{key}"), f"params.{key}",
                                f"must be of type {allowed[key].__name__}")
    return dict(raw)


def require_keys(raw: dict[str, Any], required: tuple[str, ...], path: str, lines: dict[str, int]) -> None:
    """Reject a params mapping that lacks a required key (a kind's vocabulary lives in its rule file)."""
    for key in required:
        if key not in raw:
            raise RuleFileError(path, lines.get("params") or lines.get("kind"), f"params.{key}",
                                "required parameter is missing")


def read_problem(raw: dict[str, Any], needs: Mapping[str, tuple[str, ...]], path: str, lines: dict[str, int]) -> str:
    """The params' problem (the first of `needs` when unsaid), rejected unless known, with the keys it needs present."""
    problem = raw.get("problem", next(iter(needs)))
    if problem not in needs:
        raise RuleFileError(path, lines.get("params.problem"), "params.problem",
                            f"must be one of: {', '.join(needs)}")
    require_keys(raw, needs[problem], path, lines)
    return str(problem)


def words_of(raw: dict[str, Any], key: str, path: str, lines: dict[str, int]) -> tuple[str, ...]:
    """A list-of-words parameter as a tuple, longest first, so alternations prefer the longest word."""
    value = raw.get(key, [])
    if not all(isinstance(word, str) and word for word in value):
        raise RuleFileError(path, lines.get(f"params.{key}"), f"params.{key}", "must be a list of non-empty words")
    return tuple(sorted(dict.fromkeys(value), key=len, reverse=True))


def read_word_lists(raw: dict[str, Any], keys: tuple[str, ...], path: str, lines: dict[str, int],
                    required: tuple[str, ...] | None = None) -> dict[str, tuple[str, ...]]:
    """Params that are all word lists: only `keys`, each a list, `required` ones (default: all) present."""
    raw = expect_keys(raw, dict.fromkeys(keys, list), path, lines)
    require_keys(raw, keys if required is None else required, path, lines)
    return {key: words_of(raw, key, path, lines) for key in keys}


@attrs.frozen
class NoParams:
    """The parameters of a kind that takes none."""

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> NoParams:
        """Accept only an empty params mapping, citing file, line and key of any other."""
        expect_keys(raw, {}, path, lines)
        return cls()


def period_label(claim: Claim) -> str:
    """A period as an editor writes it (2027年, 2025年11月), whatever spacing the article used."""
    period = claim.period
    if period is None or period.start is None or period.end is None:
        return claim.period_text.replace(" ", "").replace("\n", "")
    start, end = period.start, period.end
    if period.granularity == "year" and start.year == end.year:
        return f"{start.year}年"
    if period.granularity == "month" and (start.year, start.month) == (end.year, end.month):
        return f"{start.year}年{start.month}月"
    return claim.period_text.replace(" ", "").replace("\n", "")


def display_metric(metric: Metric) -> str:
    """A metric as words: 先进材料|产值 → 先进材料产值, enum:专题对接活动 → 专题对接活动数量."""
    if metric.enumeration:
        return metric.measure + "数量"
    return "".join((*metric.scopes, metric.industry, metric.measure))
