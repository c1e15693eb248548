"""The whole check as pure functions: each document analysed alone, then the corpus cross-checked.

Rule kinds have a scope. Document kinds (growth, count, wording …) look at one document's
claims and text, so their findings are cached with the document. Corpus kinds (agreement,
revision, forecast-vs-actual) compare linkable claims across documents and run every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from checker.model import Claim, Document, Finding, Mention
from checker.text.rulesdir import RULES_DIR

if TYPE_CHECKING:
    # Only for annotations: the claim and engine stages load lazily, when a run needs them.
    from checker.claims.lexicon import ClaimLexicon
    from checker.claims.link import FactIndex
    from checker.engine.pack import RulePack
    from checker.extract.resources import Resources
    from checker.extract.units import UnitSystem


@attrs.frozen(eq=False)
class DocAnalysis:
    """One document's share of a run: the document, its claims, its document-scope findings and its time mentions."""

    doc: Document
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    times: tuple[Mention, ...] = ()  # every time expression, for the timeline's dated happenings

    def linkable(self) -> list[tuple[str, str, Claim]]:
        """(fact key, fact family, claim) in their text form, for each claim that links across documents."""
        from checker.claims.link import fact_key

        keyed = ((fact_key(c), c) for c in self.claims)
        return [(str(key), str(key.family), c) for key, c in keyed if key is not None]


@attrs.frozen(eq=False)
class CheckResult:
    """Everything a report or a timeline needs from a run."""

    documents: Sequence[Document]  # a tuple, or compact stubs without text (checker.run.stubs) for a light run
    claims: tuple[Claim, ...]
    index: FactIndex
    findings: Sequence[Finding]  # a tuple, or a FindingLog on disk (checker.run.spill) for a light run from a store
    pack: RulePack
    claim_count: int = -1  # all claims, when `claims` holds only the linkable ones (a warm cache)
    fact_count: int = -1  # all facts, when the index holds only the comparable ones
    suppressions: tuple = ()  # inline suppressions of the documents (checker.triage.status.Suppression)
    times: tuple[Mention, ...] = ()  # the documents' time expressions (a full run; a light one keeps none)
    claimed: bytes | None = None  # per document in order, 1 when it states a claim (None: not known)

    @property
    def total_facts(self) -> int:
        """How many distinct facts the run's claims state."""
        return self.fact_count if self.fact_count >= 0 else len(self.index.facts)

    @property
    def total_claims(self) -> int:
        """How many claims the run understood."""
        return self.claim_count if self.claim_count >= 0 else len(self.claims)


def load_pack_and_lexicon(rule_dirs: list[Path], lexicons: Sequence[Path] = ()) -> tuple[RulePack, ClaimLexicon]:
    """Load the default rule pack and claim lexicon plus user rule directories and lexicon files."""
    from checker.claims.lexicon import load_claim_lexicon
    from checker.engine.pack import load_pack

    dirs = [RULES_DIR] + [Path(d) for d in rule_dirs]
    pack = load_pack(dirs, RULES_DIR / "schema.json")
    files = [d / "lexicon" / "claims.yaml" for d in dirs if (d / "lexicon" / "claims.yaml").exists()]
    return pack, load_claim_lexicon(files + [Path(p) for p in lexicons])


def claims_of(doc: Document, resources: Resources, lexicon: ClaimLexicon) -> tuple[Claim, ...]:
    """Extract a document's mentions and build its claims."""
    return read_claims_and_times(doc, resources, lexicon)[0]


def read_claims_and_times(doc: Document, resources: Resources,
                          lexicon: ClaimLexicon) -> tuple[tuple[Claim, ...], tuple[Mention, ...]]:
    """Extract a document's mentions, build its claims, and keep its time mentions."""
    from checker.claims.build import build_claims
    from checker.extract.mentions import find_mentions

    mentions = find_mentions(doc, resources)
    times = tuple(m for m in mentions if m.period is not None)
    return build_claims(doc, mentions, lexicon, resources.units, resources.periods), times


def analyze_document(doc: Document, resources: Resources, lexicon: ClaimLexicon, pack: RulePack) -> DocAnalysis:
    """Claims of one document and the findings of the document-scope rules on it."""
    from checker.claims.link import index_facts
    from checker.engine.runner import RunContext, run

    claims, times = read_claims_and_times(doc, resources, lexicon)
    context = RunContext(index_facts(claims, {doc.path: doc.dct}), {doc.path: doc}, resources.units, lexicon)
    return DocAnalysis(doc, claims, tuple(run(pack, context, scope="document")), times)


INTERNAL_RULE = "internal"  # the rule id of a finding that reports a bug of hedui met while analysing an article


def analyze_contained(doc: Document, resources: Resources, lexicon: ClaimLexicon, pack: RulePack,
                      budget: float = 0.0) -> DocAnalysis:
    """Analyse one document within its time budget (0: none); an overrun or internal error is its finding."""
    from checker.run.budget import BudgetExceeded, time_budget, too_complex_finding

    try:
        with time_budget(budget):
            return analyze_document(doc, resources, lexicon, pack)
    except BudgetExceeded:
        # Stopped at its budget: a finding names the article, the other articles are still checked.
        return DocAnalysis(doc, (), (too_complex_finding(doc.path, budget),))
    except Exception as exc:  # a bug met on one article must not cost the report of every other one
        return DocAnalysis(doc, (), (internal_finding(doc.path, exc),))


def internal_finding(path: str, exc: BaseException) -> Finding:
    """An error finding on a document that names the exception and the traceback's last frame, asking for a report."""
    import traceback

    from checker.model import Span

    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}（{frames[-1].name}）" if frames else "未知位置"
    message = (f"hedui 内部错误：分析本文时出现 {type(exc).__name__}，位于 {where}。"
               "这是 hedui 的缺陷而非文章的问题，请附上本文报告此问题；其余文章照常检查")
    return Finding(rule=INTERNAL_RULE, kind=INTERNAL_RULE, severity="error", message=message, claims=(),
                   spans=((path, Span(0, 0), ""),))


def check_corpus(analyses: list[DocAnalysis], pack: RulePack, units: UnitSystem | None = None) -> CheckResult:
    """Link every document's claims and add the corpus-scope findings to the documents' own."""
    documents = [a.doc for a in analyses]
    claims = [c for a in analyses for c in a.claims]
    result = cross_check(documents, claims, [f for a in analyses for f in a.findings], pack, units)
    return attrs.evolve(result, times=tuple(t for a in analyses for t in a.times))


def cross_check(documents, claims, findings, pack: RulePack, units: UnitSystem | None = None, claim_count: int = -1,
                fact_count: int = -1) -> CheckResult:
    """Run the corpus-scope rules over the claims and merge their findings with the documents' own."""
    from checker.claims.link import index_facts
    from checker.engine.runner import RunContext, run, sort_findings
    from checker.run.stubs import DocumentStubs

    # Compact stubs stay as they are (a tuple of a million Documents is half a gigabyte).
    documents = documents if isinstance(documents, DocumentStubs) else tuple(documents)
    # No claims (a light run from a store, already cross-checked family by family): the corpus rules compare claims
    # only, so no mapping of every document is built for them.
    known = documents if claims else ()
    index = index_facts(tuple(claims), {d.path: d.dct for d in known})
    context = RunContext(index, {d.path: d for d in known}, units)
    merged = list(findings) + run(pack, context, scope="corpus")
    return CheckResult(documents, tuple(claims), index, tuple(sort_findings(merged)), pack, claim_count, fact_count)


def check_documents(documents: list[Document], resources: Resources, pack: RulePack,
                    lexicon: ClaimLexicon) -> CheckResult:
    """Analyse every document, then cross-check the corpus."""
    analyses = [analyze_document(doc, resources, lexicon, pack) for doc in documents]
    return check_corpus(analyses, pack, resources.units)


def rules_digest(rule_dirs: list[Path], lexicons: list[Path]) -> str:
    """A digest of every rule, lexicon and unit file in use, so caches notice any change."""
    import hashlib

    digest = hashlib.sha256()
    for folder in [RULES_DIR] + list(rule_dirs):
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".yml", ".txt", ".json"):
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    for path in lexicons:
        if Path(path).is_file():
            digest.update(Path(path).read_bytes())
    # The code that analyses counts too: an edited install (pip install -e) must not reuse old analyses, nor an
    # upgraded pint, dateparser or jieba.
    from checker.run.recall import package_stamp

    for path in sorted(Path(__file__).parents[1].rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.name}:{info.st_size}:{info.st_mtime_ns}".encode())
    digest.update(package_stamp().encode())
    return digest.hexdigest()[:16]
