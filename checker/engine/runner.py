"""Run a rule pack over a fact index: dispatch each rule to its kind, collect findings."""

from __future__ import annotations

import hashlib
from typing import Any

import attrs

from checker.claims.lexicon import ClaimLexicon
from checker.engine.pack import RulePack
from checker.engine.registry import kind_module, scope_of
from checker.engine.statements import build_statements
from checker.model import ChangeStatement, Claim, Document, Finding
from checker.text.project import project_path


@attrs.frozen(eq=False)
class RunContext:
    """What a kind may look at: the fact index, the documents, the unit system and the claim lexicon."""

    index: Any  # checker.claims.link.FactIndex
    documents: dict[str, Document]
    units: Any  # checker.extract.units.UnitSystem
    lexicon: ClaimLexicon | None = None  # the shared vocabulary (verbs of change); document-scope runs always have it
    statements: tuple[ChangeStatement, ...] = attrs.field(
        default=attrs.Factory(lambda self: build_statements(self.index.claims), takes_self=True))


def run(pack: RulePack, context: RunContext, scope: str | None = None) -> list[Finding]:
    """Return the findings of every enabled rule (of one scope, when given), in a stable order."""
    findings: list[Finding] = []
    for spec in pack.enabled():
        if scope is not None and scope_of(spec.kind) != scope:
            continue
        module = kind_module(spec.kind)
        gated = (gate_loudness(f, spec.linked_by) for f in module.check(spec, context))
        findings.extend(f for f in gated if f is not None)
    return sorted(findings, key=_order)


def gate_loudness(finding: Finding, linked_by: str = "meaning") -> Finding | None:
    """A loud finding (error/warning) stays loud only when what ties its figures is certain; None when nothing does.

    `linked_by` is the rule file's declaration (RuleSpec.linked_by): `grammar` (words tie the figures: 日均 after
    its total, 分别为A、B，合计C), `arithmetic` (sums tie them: parts whose shares add up to 100% of a whole),
    `grammar-in-one-sentence` (words tie them when one sentence states them all: 从A增至B，增长X倍), or `meaning`
    (only the claims' understood subject, metric and period tie them: every claim must be certain). Figures of
    different articles tied by nothing certain are no finding at all, not even info.
    """
    if not finding.claims:
        # Text-level findings (spans only) combine no claims.
        return finding
    across = len({c.doc for c in finding.claims}) > 1
    if across and finding.severity != "info" and any(c.understood.subject in ("guessed", "none", "unnamed")
                                                     for c in finding.claims):
        # Two county bulletins that never name their county (全县…) both read as 全国, two provinces' releases
        # that never name theirs as 全省: a subject no article named ties nothing across articles, whatever ties
        # the figures within each, so no conflict between them is certain.
        return None
    if linked_by in ("grammar", "arithmetic"):
        # The rule combines figures only through words or sums that tie them: the combination is certain
        # whatever the metric was read as.
        return finding
    if linked_by == "grammar-in-one-sentence" and _one_sentence(finding.claims):
        # 从A增至B，增长X倍 in one sentence: the sentence's own words tie the levels to the change.
        return finding
    unsure = [c.mention.text for c in finding.claims if not c.understood.certain]
    if not unsure:
        return finding
    if across:
        # Articles tied only by a guessed reading (a project's 总投资 filed under the district it settles in, a
        # period taken from the paragraph) state different things far more often than one thing twice: no hint.
        return None
    if finding.severity == "info":
        # Info is never louder than it is.
        return finding
    note = f"“{'”“'.join(unsure)}”的指标或角色为推测，无法确定这些数字说的是同一事实，降为提示"
    return attrs.evolve(finding, severity="info",
                        arithmetic=f"{finding.arithmetic}；{note}" if finding.arithmetic else note)


def _one_sentence(claims: tuple[Claim, ...]) -> bool:
    """True when every claim was stated in the same sentence of the same document."""
    return len({(c.doc, c.sentence_start) for c in claims}) == 1


def sort_findings(findings) -> list[Finding]:
    """Findings in report order: document, position, rule."""
    return sorted(findings, key=_order)


def _order(finding: Finding) -> tuple:
    """Sort by document, position, then rule id."""
    doc, start = _first_location(finding)
    return (doc, start, finding.rule)


def _first_location(finding: Finding) -> tuple[str, int]:
    """The first place a finding points at."""
    if finding.claims:
        claim = finding.claims[0]
        return claim.doc, claim.mention.span.start
    if finding.spans:
        return finding.spans[0][0], finding.spans[0][1].start
    return "", 0


def fingerprint(finding: Finding) -> str:
    """A stable id from rule, fact key, project paths and the normalized claim texts; never from offsets.

    Documents are named by their path relative to the project root, never as the path was typed.
    """
    parts = [finding.rule, finding.fact_key]
    parts += sorted(f"{project_path(c.doc)}|{c.role}|{c.mention.text.replace(chr(10), '')}" for c in finding.claims)
    parts += sorted(f"{project_path(doc)}|{text.replace(chr(10), '')}" for doc, _, text in finding.spans)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
