"""Assemble one run: configuration, rule pack, articles, per-article analysis, cross-article rules."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import attrs

from checker.engine.pack import RulePack
from checker.errors import InputError
from checker.model import Document
from checker.run.config import Config, ConfigError, load_config
from checker.run.corpus import Setup, load_corpus
from checker.run.dates_across import read_file_text, refine_dates, with_refined_dates
from checker.run.files import collect_articles
from checker.run.pipeline import INTERNAL_RULE, CheckResult, cross_check, load_pack_and_lexicon, rules_digest


@attrs.frozen
class RunRequest:
    """What a command asks of a run: the paths given, extra rule folders and how to run."""

    paths: tuple[str, ...]
    rules: tuple[str, ...] = ()
    date: dt.date | None = None
    use_cache: bool = True
    progress: bool = True
    light: bool = False
    needs_text: bool = True


@attrs.frozen(eq=False)
class RunOutcome:
    """A finished run with the messages it has for the user."""

    config: Config
    result: CheckResult
    failed: bool
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()


def assemble_run(request: RunRequest, config: Config | None = None,
                 warn: Callable[[str], None] | None = None) -> RunOutcome:
    """Read config, rule pack and articles, run the rules; input failures are collected, not raised.

    warn: called at once with each warning about the inputs (before the long analysis starts).
    """
    config = config or load_config()
    rule_dirs = [Path(d) for d in request.rules] + [config.root / d for d in config.get("rules")]
    lexicons = [config.root / p for p in config.get("lexicons")]
    cache_dir = config.path("cache-dir") if request.use_cache and config.get("cache") else None
    digest = rules_digest(rule_dirs, lexicons)
    pack, lexicon = load_pack_and_lexicon(rule_dirs, lexicons)
    pack = apply_rule_settings(pack, config)
    collected = collect_articles(list(request.paths))
    for line in collected.warnings:
        if warn:
            warn(line)
    given = set(request.paths)
    files = [f for f in collected.files if f in given or config.included(f)]
    settings = repr([(r.id, r.enabled, r.severity) for r in pack.rules]).encode()
    version = f"{digest}-{hashlib.sha256(settings).hexdigest()[:8]}"
    setup = Setup(pack, lexicon, cache_dir, digest)

    def configured(path: str) -> dt.date | None:
        """The date given on the command line, else the one the configuration sets for the path."""
        return request.date or config.date_for(path)

    corpus = load_corpus(files, dates=configured, version=version, setup=setup, cache_dir=cache_dir,
                         progress=request.progress, light=request.light)
    refined = refine_dates(corpus.documents, read_file_text)
    if refined:
        # Articles dated only to the month by their own text take the date of another article on the same event.
        def dated(path: str) -> dt.date | None:
            """The date taken from the other article, else the one given or configured."""
            return refined[path].date if path in refined else configured(path)

        corpus = load_corpus(files, dates=dated, version=version, setup=setup, cache_dir=cache_dir,
                             progress=request.progress, light=request.light)
        corpus = attrs.evolve(corpus, documents=with_refined_dates(corpus.documents, refined))
    # An article hedui itself failed on is reported as its `internal` finding, and fails the run like an unreadable one.
    internal = sorted({d for f in corpus.findings if f.rule == INTERNAL_RULE for d, _, _ in f.spans})
    errors = (list(collected.errors) + list(corpus.errors)
              + [f"{path}: 内部错误，已作为 internal 发现报告" for path in internal])
    result = cross_check(corpus.documents, corpus.claims, corpus.findings, pack, claim_count=corpus.claim_count,
                         fact_count=corpus.fact_count)
    result = attrs.evolve(result, suppressions=corpus.suppressions)
    if request.light and request.needs_text:
        result = hydrate(result)
    return RunOutcome(config=config, result=result, failed=bool(errors), warnings=tuple(collected.warnings),
                      errors=tuple(errors))


def hydrate(result: CheckResult) -> CheckResult:
    """Re-read the text of the documents that findings point into (a light corpus keeps no text)."""
    from checker.text.ingest import read_document

    involved = {c.doc for f in result.findings for c in f.claims} | {d for f in result.findings for d, _, _ in f.spans}
    documents = tuple(
        attrs.evolve(read_document(d.path), dct=d.dct) if d.path in involved and not d.text else d
        for d in result.documents
    )
    return attrs.evolve(result, documents=documents)


def apply_rule_settings(pack: RulePack, config: Config) -> RulePack:
    """Switch rules off and re-level them as the configuration says."""
    known = {r.id for r in pack.rules}
    for key in ("disable", "severity"):
        for rule_id in config.get(key):
            if rule_id not in known:
                raise ConfigError(f"{config.sources[key]}: key '{key}': unknown rule id '{rule_id}'")
    rules = tuple(
        attrs.evolve(r, enabled=r.enabled and r.id not in config.get("disable"),
                     severity=config.get("severity").get(r.id, r.severity))
        for r in pack.rules
    )
    return attrs.evolve(pack, rules=rules)


@attrs.frozen(eq=False)
class DatedDocuments:
    """The articles read from the paths given, each dated, and a line for each one that could not be read."""

    documents: tuple[Document, ...]
    errors: tuple[str, ...]


def read_dated_documents(paths: tuple[str, ...], date: dt.date | None = None,
                         warn: Callable[[str], None] | None = None) -> DatedDocuments:
    """Read each article once and date it; a month-dated one takes the day of another on the same event."""
    from checker.text.ingest import read_document

    collected = collect_articles(list(paths))
    for line in collected.warnings:
        if warn:
            warn(line)
    documents: list[Document] = []
    errors = list(collected.errors)
    for path in collected.files:
        try:
            documents.append(read_document(path, date_override=date))
        except InputError as exc:
            errors.append(str(exc))
    texts = {d.path: d.reading for d in documents}
    refined = refine_dates(tuple(documents), texts.__getitem__)
    return DatedDocuments(documents=with_refined_dates(tuple(documents), refined), errors=tuple(errors))
