"""Check one article as it is edited, against an archive of articles read once through the analysis cache.

The archive's comparable claims are indexed by fact family when the server starts (a warm cache
makes that a read of the database, not an analysis); a keystroke then analyses only the article
being edited and cross-checks it with the archive claims of the families it states.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from checker.model import Claim, Document, FactKey, Finding
from checker.run.config import Config

if TYPE_CHECKING:
    from checker.claims.lexicon import ClaimLexicon
    from checker.engine.pack import RulePack
    from checker.extract.resources import Resources


@attrs.frozen(eq=False)
class Archive:
    """The archive's documents (without text) and its comparable claims with their fact keys, by fact family."""

    documents: dict[str, Document]
    families: dict[str, tuple[tuple[FactKey, Claim], ...]]

    @classmethod
    def empty(cls) -> Archive:
        """No archive: articles are checked on their own."""
        return cls({}, {})


@attrs.frozen(eq=False)
class Checked:
    """One check of an article's text: the document read from it and the findings that involve it."""

    doc: Document
    findings: tuple[Finding, ...]
    archive: Archive


@attrs.frozen(eq=False)
class Checker:
    """What a check needs, loaded once: configuration, rule pack, lexicon and resources."""

    config: Config
    pack: RulePack
    lexicon: ClaimLexicon
    resources: Resources
    date: dt.date | None = None

    @classmethod
    def load(cls, config: Config, rules: Sequence[str] = (), date: dt.date | None = None) -> Checker:
        """Load the rule pack (with the configuration's settings), the lexicon and the resources."""
        from checker.extract.resources import load_resources
        from checker.run.assemble import apply_rule_settings
        from checker.run.pipeline import load_pack_and_lexicon

        rule_dirs = [Path(d) for d in rules] + [config.root / d for d in config.get("rules")]
        pack, lexicon = load_pack_and_lexicon(rule_dirs, [config.root / p for p in config.get("lexicons")])
        return cls(config, apply_rule_settings(pack, config), lexicon, load_resources(), date)

    def check(self, path: str, text: str, archive: Archive, decisions: dict | None = None) -> Checked:
        """Analyse the article's text, cross-check it with the archive claims of its fact families.

        Findings suppressed inline (<!-- hedui-disable … -->) or dismissed in the decisions file are left out,
        as `hedui check` sets them aside.
        """
        from checker.claims.link import Fact, FactIndex, fact_key
        from checker.engine.runner import RunContext, run, sort_findings
        from checker.run.pipeline import analyze_contained
        from checker.text.ingest import document_from_text

        doc = document_from_text(path, text, date_override=self.date or self.config.date_for(path))
        analysis = analyze_contained(doc, self.resources, self.lexicon, self.pack)
        names = {path, os.path.abspath(path)}  # the archive names its files by absolute path
        facts: dict[FactKey, list[Claim]] = defaultdict(list)
        for claim in analysis.claims:
            key = fact_key(claim)
            if key is not None:
                facts[key].append(claim)
        # The archive's keys were computed when it was read: a keystroke computes only the article's own.
        others = [(key, claim) for family in {str(k.family) for k in facts}
                  for key, claim in archive.families.get(family, ()) if claim.doc not in names]
        for key, claim in others:
            facts[key].append(claim)
        documents = {doc.path: doc} | {claim.doc: archive.documents[claim.doc] for _, claim in others}
        index = FactIndex(analysis.claims + tuple(claim for _, claim in others),
                          {key: Fact(key, tuple(claims)) for key, claims in facts.items()},
                          {p: d.dct for p, d in documents.items()})
        found = list(analysis.findings) + run(self.pack, RunContext(index, documents, self.resources.units),
                                              scope="corpus")
        mine = tuple(f for f in sort_findings(found) if involves(f, names))
        return Checked(doc, hide_decided(mine, doc, decisions or {}), archive)


def load_archive(checker: Checker, paths: Sequence[str], use_cache: bool = True,
                 warn: Callable[[str], None] | None = None) -> Archive:
    """Read the archive through the run (and its cache) and index its comparable claims by fact family."""
    from checker.claims.link import fact_key
    from checker.run.assemble import RunRequest, assemble_run

    if not paths:
        # No archive configured: each article is checked on its own.
        return Archive.empty()
    # A full run (not a light one, which keeps only the claims that already differ within the archive):
    # any comparable claim of the archive may meet the edited article. Texts are dropped once indexed.
    # One process (jobs=1): the server has threads, and forking worker processes from it could deadlock them.
    request = RunRequest(paths=tuple(os.path.abspath(p) for p in paths), rules=(), date=checker.date,
                         use_cache=use_cache, progress=False, light=False, needs_text=False, jobs=1)
    outcome = assemble_run(request, checker.config, warn=warn)
    for line in outcome.errors:
        if warn:
            warn(line)
    families: dict[str, list[tuple[FactKey, Claim]]] = defaultdict(list)
    for claim in outcome.result.claims:
        key = fact_key(claim)
        if key is not None:
            families[str(key.family)].append((key, claim))
    documents = {d.path: attrs.evolve(d, text="", reading="", offsets=()) for d in outcome.result.documents}
    return Archive(documents, {family: tuple(claims) for family, claims in families.items()})


def archive_paths(config: Config, given: Sequence[str], found_config: bool) -> list[str]:
    """The archive: folders given on the command line, else the configuration's `archive`, else its folder."""
    if given:
        return list(given)
    configured = config.values.get("archive") or []
    if configured:
        return [str(config.root / p) for p in configured]
    # A project with a hedui configuration is its own archive; without one, nothing is assumed.
    return [str(config.root)] if found_config else []


def hide_decided(findings: tuple[Finding, ...], doc: Document, decisions: dict) -> tuple[Finding, ...]:
    """The findings an editor still has to see: not suppressed in the article, not dismissed by a decision."""
    from checker.engine.runner import fingerprint
    from checker.triage.status import triage

    verdicts = triage(findings, [doc], decisions, {}, checked=[doc.path])
    return tuple(f for f in findings if verdicts.statuses.get(fingerprint(f), "new") not in ("suppressed", "dismissed"))


def load_editor_decisions(config: Config) -> dict:
    """The decisions file of the configuration (none when it does not exist)."""
    from checker.triage.decisions import load_decisions

    return load_decisions(config.path("decisions"))


def involves(finding: Finding, names: set[str]) -> bool:
    """True when a finding points into the article known by one of names."""
    return any(c.doc in names for c in finding.claims) or any(d in names for d, _, _ in finding.spans)


def settle_memory() -> None:
    """Collect garbage once and exempt everything alive (the archive) from later collections.

    A large archive is millions of objects; without this every full collection during a keystroke's
    check would walk them all again. The previous archive is unfrozen first so it can be freed.
    """
    import gc

    gc.unfreeze()
    gc.collect()
    gc.freeze()


def same_path(a: str, b: str) -> bool:
    """True when two paths name the same file (compared as absolute, normalised paths)."""
    return a == b or os.path.abspath(a) == os.path.abspath(b)
