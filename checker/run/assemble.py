"""Assemble one run: configuration, rule pack, articles, per-article analysis, cross-article rules."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs

from checker.engine.pack import RulePack
from checker.errors import InputError
from checker.model import Claim, Document
from checker.run.config import Config, ConfigError, load_config
from checker.run.corpus import RunStore, Setup, load_corpus, open_store
from checker.run.dates_across import find_events, refine_dates, with_refined_dates
from checker.run.files import Collected, collect_articles
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
    jobs: int | None = None  # worker processes (None: the configuration's, 0: one per core)
    engine: str | None = None  # local or dask (None: the configuration's)
    scheduler: str | None = None  # a Dask scheduler's address (None: the configuration's, else a LocalCluster)
    against: tuple[str, ...] = ()  # an archive (folders or files) the other paths are checked against
    claims_to: str | None = None  # a folder to write every claim to as Parquet (`hedui claims --format parquet`)
    collected: bool = False  # the paths are article files already found (checker.cli.inputs.select_articles)


@attrs.frozen(eq=False)
class RunOutcome:
    """A finished run with the messages it has for the user."""

    config: Config
    result: CheckResult
    failed: bool
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()


def assemble_run(request: RunRequest, config: Config | None = None,
                 warn: Callable[[str], None] | None = None, note: Callable[[str], None] | None = None) -> RunOutcome:
    """Read config, rule pack and articles, run the rules; input failures are collected, not raised.

    warn: called at once with each warning about the inputs (before the long analysis starts).
    note: called with each --verbose line (which store entries were rebuilt and why).
    """
    config = config or load_config()
    rule_dirs = [Path(d) for d in request.rules] + [config.root / d for d in config.get("rules")]
    lexicons = [config.root / p for p in config.get("lexicons")]
    cache_dir = config.path("cache-dir") if request.use_cache and config.get("cache") else None
    digest = rules_digest(rule_dirs, lexicons)
    pack, lexicon = load_pack_and_lexicon(rule_dirs, lexicons)
    pack = apply_rule_settings(pack, config)
    # Files a command has just found are not looked at again (a stat each: a tenth of a second per 10,000).
    collected = (Collected(_unique(request.paths), (), ()) if request.collected
                 else collect_articles(list(request.paths)))
    for line in collected.warnings:
        if warn:
            warn(line)
    if request.collected:
        # Every file was named or admitted by the command (no set of all the paths is built to say so), and the
        # run holds the command's own tuple of them, not a copy of every path.
        files: Sequence[str] = collected.files
    else:
        given = set(request.paths)
        files = [f for f in collected.files if f in given or config.included(f)]
    # The time budget counts too: an article stopped at one budget is analysed again under another.
    settings = repr([(r.id, r.enabled, r.severity) for r in pack.rules] + [config.get("time-budget")]).encode()
    version = f"{digest}-{hashlib.sha256(settings).hexdigest()[:8]}"
    jobs = config.get("jobs") if request.jobs is None else request.jobs
    setup = Setup(pack, lexicon, cache_dir, digest, budget=float(config.get("time-budget")), jobs=jobs)

    def configured(path: str) -> dt.date | None:
        """The date given on the command line, else the one the configuration sets for the path."""
        return request.date or config.date_for(path)

    with open_store(cache_dir, note) as store:
        engine = request.engine or config.get("engine")
        if engine == "dask" and request.light:
            from checker.run.dask_engine import load_corpus_dask

            corpus = load_corpus_dask(files, dates=configured, setup=setup,
                                      scheduler=request.scheduler or config.get("scheduler") or None)
        else:
            corpus = load_corpus(files, dates=configured, version=version, setup=setup, store=store,
                                 progress=request.progress, light=request.light,
                                 trusted=archive_files(files, request.against))
        if request.claims_to:
            from checker.run.claims_parquet import write_claims

            write_claims(all_claims(store, corpus), Path(request.claims_to))
        # An article hedui failed on is reported as its `internal` finding and fails the run like an unreadable one.
        from checker.run.spill import LAST, FindingLog

        # A log on disk picks them out by rule, without decoding the other findings.
        failures = (corpus.findings.of_rule(INTERNAL_RULE) if isinstance(corpus.findings, FindingLog)
                    else (f for f in corpus.findings if f.rule == INTERNAL_RULE))
        internal = sorted({d for f in failures for d, _, _ in f.spans})
        errors = (list(collected.errors) + list(corpus.errors)
                  + [f"{path}: 内部错误，已作为 internal 发现报告" for path in internal])
        # Findings on disk (a light run from the store) stay there: the last pass's are added, SQLite sorts them all.
        log = corpus.findings if isinstance(corpus.findings, FindingLog) else None
        result = cross_check(corpus.documents, corpus.claims, corpus.findings if log is None else (), pack,
                             claim_count=corpus.claim_count, fact_count=corpus.fact_count)
        if log is not None:
            log.extend(result.findings, LAST)
            result = attrs.evolve(result, findings=log.sorted())
        result = attrs.evolve(result, suppressions=corpus.suppressions, times=corpus.times, claimed=corpus.claimed)
        if request.light and request.needs_text:
            result = hydrate(result, store)
    return RunOutcome(config=config, result=result, failed=bool(errors), warnings=tuple(collected.warnings),
                      errors=tuple(errors))


def _unique(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The paths without repeats, in order: the same tuple when none repeats (an archive's paths are not copied)."""
    unique = tuple(dict.fromkeys(paths))
    return paths if len(unique) == len(paths) else unique


def archive_files(files: Sequence[str], against: tuple[str, ...]) -> frozenset[str]:
    """The files that lie in the archive given with --against."""
    if not against:
        # No archive: every file is read and checked as usual.
        return frozenset()
    roots = [Path(p).resolve() for p in against]
    return frozenset(f for f in files if any(r == Path(f).resolve() or r in Path(f).resolve().parents for r in roots))


def all_claims(store: RunStore, corpus) -> Iterator[Claim]:
    """Every claim of the corpus's documents, one stored analysis at a time (or the corpus's own claims)."""
    if store.cache is None:
        # Kept in memory (no writable store): the corpus holds them.
        yield from corpus.claims
        return
    for document in corpus.documents:
        yield from store.cache.load_full([document.path])[document.path].claims


def hydrate(result: CheckResult, store: RunStore | None = None) -> CheckResult:
    """Give text to the documents that findings point into (a light corpus keeps none), from the store.

    Compact stubs get them on disk (checker.run.spill.SpilledDocuments), read from the store HYDRATE_BATCH
    at a time: an archive's findings point into more texts than memory should hold.
    """
    from checker.run.spill import SpilledDocuments
    from checker.run.stubs import DocumentStubs

    involved = {c.doc for f in result.findings for c in f.claims} | {d for f in result.findings for d, _, _ in f.spans}
    documents = result.documents
    if not isinstance(documents, DocumentStubs):
        places = [place for place, d in enumerate(documents) if d.path in involved and not d.text]
        whole = _whole_documents(documents, places, store)
        return attrs.evolve(result, documents=tuple(whole.get(place, d) for place, d in enumerate(documents)))
    # Compact stubs: only the places of the documents findings point into are looked at (they have no text).
    places = [place for place in documents.places_of(involved) if not documents[place].text]
    spilled = SpilledDocuments()
    for start in range(0, len(places), HYDRATE_BATCH):
        for place, document in _whole_documents(documents, places[start:start + HYDRATE_BATCH], store).items():
            spilled.put(place, document)
    return attrs.evolve(result, documents=documents.with_whole(spilled))


HYDRATE_BATCH = 256  # documents read back from the store at a time


def _whole_documents(documents, places: list[int], store: RunStore | None) -> dict:
    """The documents at some places with their text (from the store's analyses, else the disk), dated as they are."""
    import sqlite3

    from checker.run.cache import CacheCorrupt

    wanted = [documents[place].path for place in places]
    stored: dict = {}
    if store is not None and store.cache is not None and wanted:
        try:
            stored = store.cache.load_full(wanted)
        except (CacheCorrupt, sqlite3.Error):
            stored = {}  # damaged since it was written: read those articles again instead
    return {place: attrs.evolve(_text_of(documents[place].path, stored), dct=documents[place].dct)
            for place in places}


def _text_of(path: str, stored: dict) -> Document:
    """A document with its text: from the store's analysis, else read again from disk."""
    from checker.text.ingest import read_document

    if path in stored:
        return stored[path].doc
    return read_document(path)


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
    events = {d.path: find_events(d.reading) for d in documents}
    refined = refine_dates(documents, events.__getitem__)
    return DatedDocuments(documents=with_refined_dates(tuple(documents), refined), errors=tuple(errors))
