"""The whole check as one pure function: documents in, claims, facts and findings out."""

from __future__ import annotations

from pathlib import Path

import attrs

from checker.model import Claim, Document, Finding
from checker.resources import RULES_DIR, Resources


@attrs.frozen(eq=False)
class CheckResult:
    """Everything a report or a timeline needs from a run."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    index: object  # checker.link.FactIndex
    findings: tuple[Finding, ...]
    pack: object  # checker.rulepack.RulePack


def load_pack_and_lexicon(rule_dirs: list[Path], lexicons: list[Path] = ()) -> tuple[object, object]:
    """Load the default rule pack and claim lexicon plus user rule directories and lexicon files."""
    from checker.lexicon import load_claim_lexicon
    from checker.rulepack import load_pack

    dirs = [RULES_DIR] + [Path(d) for d in rule_dirs]
    pack = load_pack(dirs, RULES_DIR / "schema.json")
    files = [d / "lexicon" / "claims.yaml" for d in dirs if (d / "lexicon" / "claims.yaml").exists()]
    return pack, load_claim_lexicon(files + [Path(p) for p in lexicons])


def claims_of(doc: Document, resources: Resources, lexicon: object) -> tuple[Claim, ...]:
    """Extract a document's mentions and build its claims."""
    from checker.claims import build_claims
    from checker.extract import find_mentions

    return build_claims(doc, find_mentions(doc, resources), lexicon)


def check_documents(documents: list[Document], resources: Resources, pack: object, lexicon: object) -> CheckResult:
    """Build claims for every document, link them, and run the rules."""
    claims: list[Claim] = []
    for doc in documents:
        claims.extend(claims_of(doc, resources, lexicon))
    return run_rules(documents, claims, pack, resources.units)


def run_rules(documents, claims, pack: object, units: object = None) -> CheckResult:
    """Link claims into facts and run the rule pack over them."""
    from checker.engine import RunContext, run
    from checker.link import index_facts

    index = index_facts(tuple(claims), {d.path: d.dct for d in documents})
    context = RunContext(index, {d.path: d for d in documents}, units)
    findings = run(pack, context)
    return CheckResult(tuple(documents), tuple(claims), index, tuple(findings), pack)


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
    return digest.hexdigest()[:16]
