"""Revision: a figure changed between statements (info): a target or forecast restated later with another
value, or a preliminary figure (业绩快报, 初步核算) and its final one (年报, 最终核实)."""

from __future__ import annotations

from typing import Any

import attrs

from checker.engine.kinds._shared import expect_keys, make_finding, period_label, words_of
from checker.errors import RuleFileError
from checker.model import Claim, Finding

SCOPE = "corpus"  # compares claims across documents
PROBLEMS = ("target-changed", "preliminary-revised")


@attrs.frozen
class Params:
    """problem: target-changed (default) or preliminary-revised; for the latter, preliminary_words mark a
    preliminary figure (业绩快报, 初步核算) and final_words its final one (年报, 最终核实), from the rule file."""

    problem: str = "target-changed"
    preliminary_words: tuple[str, ...] = ()
    final_words: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {"problem": str, "preliminary_words": list, "final_words": list}, path, lines)
        problem = raw.get("problem", "target-changed")
        if problem not in PROBLEMS:
            raise RuleFileError(path, lines.get("params.problem"), "params.problem",
                                f"must be one of: {', '.join(PROBLEMS)}")
        words = {key: words_of(raw, key, path, lines) for key in ("preliminary_words", "final_words")}
        if problem == "preliminary-revised" and not (words["preliminary_words"] and words["final_words"]):
            raise RuleFileError(path, lines.get("params") or lines.get("kind"), "params.preliminary_words",
                                "preliminary-revised needs preliminary_words and final_words")
        return cls(problem, **words)


def check(spec, context) -> list[Finding]:
    """Report the revisions this rule's problem names."""
    if spec.params.problem == "preliminary-revised":
        return _check_preliminary(spec, context)
    return _check_targets(spec, context)


def _check_targets(spec, context) -> list[Finding]:
    """Report each target fact whose stated value differs between documents of different dates."""
    findings = []
    for key, fact in context.index.facts.items():
        if fact.claims[0].modality not in ("target", "forecast") or len(fact.docs) < 2:
            continue
        dated = sorted(
            (c for c in fact.claims if context.index.dates.get(c.doc) is not None),
            key=lambda c: context.index.dates[c.doc].date,
        )
        if len(dated) < 2:
            # Without publication dates there is no before and after.
            continue
        old, new = dated[0], dated[-1]
        old_date, new_date = context.index.dates[old.doc], context.index.dates[new.doc]
        if old_date.date == new_date.date or old.value.value * old.base_factor == new.value.value * new.base_factor:
            continue
        findings.append(_finding(spec, context, key, old, new))
    return findings


def _check_preliminary(spec, context) -> list[Finding]:
    """Report each actual fact stated once as preliminary and once as final with values that differ."""
    findings = []
    for key, fact in context.index.facts.items():
        if fact.claims[0].modality != "actual" or len(fact.claims) < 2:
            # Targets and forecasts are revised as targets (target-changed), not as preliminary figures.
            continue
        preliminary = [c for c in fact.claims if _says(c, spec.params.preliminary_words)]
        final = [c for c in fact.claims if _says(c, spec.params.final_words) and c not in preliminary]
        if not preliminary or not final:
            # Without words that say which figure is preliminary and which final, a difference is a conflict.
            continue
        old, new = preliminary[0], final[-1]
        if old.interval().intersects(new.interval()):
            # The final figure confirms the preliminary one within its rounding: nothing was revised.
            continue
        findings.append(_finding(spec, context, key, old, new))
    return findings


def claim_view(spec, claim: Claim, date: object) -> tuple[bool, bool, object]:
    """What this rule reads of a claim besides its fact and interval to pick it (checker.run.reduce): the words of its
    sentence that mark a preliminary or a final figure, and the document date of a target or forecast (its order)."""
    planned = claim.modality in ("target", "forecast")
    return _says(claim, spec.params.preliminary_words), _says(claim, spec.params.final_words), date if planned else None


def _says(claim: Claim, words: tuple[str, ...]) -> bool:
    """True when a claim's sentence carries one of the words."""
    return any(word in claim.sentence for word in words)


def _finding(spec, context, key, old: Claim, new: Claim) -> Finding:
    """An info finding naming the two figures and their publication dates."""
    old_date, new_date = context.index.dates.get(old.doc), context.index.dates.get(new.doc)
    old_day = old_date.date.isoformat() if old_date is not None else "日期不详"
    new_day = new_date.date.isoformat() if new_date is not None else "日期不详"
    inferred = any(d is None or d.inferred for d in (old_date, new_date))
    return make_finding(
        spec, (old, new), fact_key=key, arithmetic=f"{old_day}：{old.mention.text}；{new_day}：{new.mention.text}",
        inferred_date=inferred, metric=old.metric.industry + old.metric.measure, subject=old.subject,
        period=period_label(old), old=old.mention.text, new=new.mention.text, old_date=old_day, new_date=new_day,
    )
