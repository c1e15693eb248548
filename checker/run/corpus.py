"""Analyse a set of articles: cached per file, in parallel for many files, with a progress bar."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import attrs

from checker.model import Claim, Document, Finding
from checker.triage.status import find_suppressions, suppressions_from, suppressions_json

if TYPE_CHECKING:
    # Only for annotations: workers load the claim, engine and extract stages when they start.
    from checker.claims.lexicon import ClaimLexicon
    from checker.engine.pack import RulePack
    from checker.extract.resources import Resources

# SQLite's words for a disk that is full or a folder it may not write (not for a damaged file).
_STORAGE_FAILURES = ("disk is full", "readonly database", "unable to open database")
PARALLEL_FROM = 64  # below this many files to extract, worker start-up costs more than it saves


@attrs.frozen(eq=False)
class Corpus:
    """What a run read: documents, claims and document-scope findings, plus unreadable files' errors.

    A light corpus (for `check`) holds documents without text and only the claims the corpus-scope
    rules can compare; a full one holds every document's text and claims.
    """

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    errors: tuple[str, ...]
    claim_count: int  # claims of all documents, even when only the linkable ones were loaded
    fact_count: int  # distinct facts stated, even when only the comparable claims were loaded
    suppressions: tuple = ()  # inline <!-- hedui-disable --> comments of every document


@attrs.frozen(eq=False)
class Setup:
    """What a worker needs to analyse a file: the rule pack and the claim lexicon."""

    pack: RulePack
    lexicon: ClaimLexicon
    cache_dir: Path | None = None  # where resources (units, grammars) are kept between runs
    digest: str = ""
    prepare: bool = False  # workers return cache rows instead of analyses (the writer only inserts)


def load_corpus(
    files: list[str], *, dates: Callable[[str], dt.date | None], version: str, setup: Setup,
    cache_dir: Path | None, progress: bool, light: bool = False,
) -> Corpus:
    """Analyse every file, reusing the cache for unchanged ones; a corrupted cache is rebuilt."""
    import sqlite3

    from checker.run.cache import CacheCorrupt

    cache = _open_cache(cache_dir)
    setup = attrs.evolve(setup, prepare=cache is not None)
    try:
        try:
            return _load(files, dates, version, setup, cache, progress, light)
        except (CacheCorrupt, sqlite3.DatabaseError, ValueError) as exc:
            if _is_storage_failure(exc):
                raise  # a full disk or a read-only folder, handled below: the cache is not damaged
            # A damaged row, page or text column (ValueError: undecodable text): throw the cache away
            # and analyse everything again.
            cache.reset()
            return _load(files, dates, version, setup, cache, progress, light)
    except (OSError, sqlite3.Error) as exc:
        if cache is None or not _is_storage_failure(exc):
            raise  # not the cache's storage failing: nothing to fall back on
        _warn_no_cache(cache_dir, exc)
        _abandon(cache)
        cache = None
        return _load(files, dates, version, attrs.evolve(setup, prepare=False), None, progress, light)
    finally:
        if cache:
            _close(cache, cache_dir)


def _load(files, dates, version, setup, cache, progress, light) -> Corpus:
    """One attempt at loading: analyse what is stale, then read everything back in file order."""
    from checker import __version__

    versions = {path: f"{__version__}/{version}/{dates(path)}" for path in files}
    stats = {path: _stat(path) for path in files}
    fresh: set[str] = set()
    if cache:
        for key in set(versions.values()):
            fresh |= {p for p in cache.fresh(key, stats) if versions.get(p) == key}
    todo = [(p, dates(p)) for p in files if p not in fresh]
    meter = _Progress(len(todo), enabled=progress)
    analysed, errors = {}, {}
    for (path, _), outcome in zip(todo, _analyze_all(todo, setup, meter), strict=True):
        if isinstance(outcome, str):
            errors[path] = outcome
        elif not cache:
            analysed[path] = outcome
        elif stats[path]:
            cache.store(versions[path], stats[path], outcome)
    meter.finish()
    if not cache:
        return _from_analyses(files, analysed, errors, light)
    if light:
        return _light_from_cache(files, versions, cache, errors)
    loaded = {}
    for key in set(versions.values()):
        loaded.update(cache.load_full(key, [p for p in files if versions[p] == key and p not in errors]))
    return _from_analyses(files, loaded, errors, light)


def _from_analyses(files, analyses: dict, errors: dict, light: bool) -> Corpus:
    """A corpus from whole analyses, in file order (light: only linkable claims)."""
    ordered = [analyses[p] for p in files if p in analyses]
    linkable = [item for a in ordered for item in a.linkable()]
    claims = [c for a in ordered for c in a.claims] if not light else [c for _, _, c in linkable]
    return Corpus(tuple(a.doc for a in ordered), tuple(claims), tuple(f for a in ordered for f in a.findings),
                  tuple(errors[p] for p in files if p in errors), sum(len(a.claims) for a in ordered),
                  len({key for key, _, _ in linkable}), tuple(s for a in ordered for s in find_suppressions(a.doc)))


def _light_from_cache(files, versions: dict, cache, errors: dict) -> Corpus:
    """A light corpus read back from the cache, in file order."""
    from checker.run.cache import document_stub

    rows, findings, claims, count, facts, suppressions = [], [], [], 0, 0, []
    for key in set(versions.values()):
        part = cache.load_light(key, [p for p in files if versions[p] == key and p not in errors])
        rows += part[0]
        findings += part[1]
        claims += part[2]
        count += part[3]
        facts += part[4]
        suppressions += suppressions_from(part[5])
    order = {p: i for i, p in enumerate(files)}
    rows.sort(key=lambda row: order[row[0]])
    return Corpus(tuple(document_stub(r) for r in rows), tuple(claims), tuple(findings),
                  tuple(errors[p] for p in files if p in errors), count, facts, tuple(suppressions))


def _open_cache(cache_dir: Path | None):
    """The analysis cache, or None when caching is off or the folder is not writable."""
    import sqlite3

    from checker.run.cache import AnalysisCache

    if cache_dir is None:
        return None
    try:
        return AnalysisCache(cache_dir)
    except (OSError, sqlite3.Error) as exc:
        # A read-only checkout or a full disk: run without a cache rather than fail.
        _warn_no_cache(cache_dir, exc)
        return None


def _close(cache, cache_dir: Path | None) -> None:
    """Commit and close the cache; a full disk at this point loses only the cache's last rows."""
    import sqlite3

    try:
        cache.close()
    except (OSError, sqlite3.Error) as exc:
        _warn_no_cache(cache_dir, exc)


def _is_storage_failure(exc: BaseException) -> bool:
    """True when writing failed for want of space or permission, as opposed to damaged content."""
    import sqlite3

    if isinstance(exc, OSError):
        return True
    return isinstance(exc, sqlite3.OperationalError) and any(word in str(exc) for word in _STORAGE_FAILURES)


def _abandon(cache) -> None:
    """Close a cache that failed to write, ignoring a second failure (the run was already warned)."""
    import sqlite3

    try:
        cache.close()
    except (OSError, sqlite3.Error):
        pass  # the disk is still full: the warning already said the cache is not used


def _warn_no_cache(cache_dir: Path | None, exc: BaseException) -> None:
    """Say on stderr that the run goes on without its cache, and why."""
    reason = getattr(exc, "strerror", None) or str(exc)
    print(f"hedui: warning: 缓存目录 {cache_dir} 无法写入（{reason}），本次不使用缓存", file=sys.stderr)


def _stat(path: str) -> tuple[int, int] | None:
    """(mtime_ns, size) of a file, or None when it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _analyze_all(todo, setup: Setup, meter) -> list[object]:
    """Analyse files in order, on all cores when there are many."""
    if not todo:
        # Everything came from the cache: no resources to load at all.
        return []
    jobs = list(todo)
    if len(todo) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        _init_worker(setup)
        out = []
        for job in jobs:
            out.append(_analyze_one(job))
            meter.step()
        return out
    import multiprocessing

    out = []
    # Leaving the block in any way (done, an error, Ctrl-C, SIGTERM turned into SystemExit) terminates
    # the workers: none outlives the run.
    with multiprocessing.Pool(os.cpu_count(), initializer=_init_worker, initargs=(setup, os.getpid())) as pool:
        for result in pool.imap(_analyze_one, jobs, chunksize=32):
            out.append(result)
            meter.step()
    return out


class _WorkerState(TypedDict, total=False):
    """A worker's resources, rule pack and lexicon, and whether it returns cache rows."""

    resources: Resources
    lexicon: ClaimLexicon
    pack: RulePack
    prepare: bool


_WORKER: _WorkerState = {}  # per-process resources, set once by _init_worker (worker-local state)


def _init_worker(setup: Setup, parent: int | None = None) -> None:
    """Load resources once per process; take the rule pack and lexicon the run already loaded.

    In a worker process (parent given), tie its life to the run: Ctrl-C is left to the main process
    (which terminates the pool), SIGTERM kills at once, and on Linux the worker dies with its parent.
    """
    from checker.extract.resources import load_resources

    if parent is not None:
        _bind_to_parent(parent)
    if "resources" not in _WORKER:
        _WORKER["resources"] = load_resources()
    _WORKER["lexicon"] = setup.lexicon
    _WORKER["pack"] = setup.pack
    _WORKER["prepare"] = setup.prepare


def _bind_to_parent(parent: int) -> None:
    """Make a worker process die with the main one, whatever signal ends it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        # PR_SET_PDEATHSIG (1): the kernel sends SIGTERM when the parent dies, even by SIGKILL.
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the pool's terminate on exit still covers every catchable end
    if os.getppid() != parent:
        # The parent died before the request above took effect: nobody waits for this worker.
        os._exit(1)


def _analyze_one(job: tuple[str, dt.date | None]) -> object:
    """Read one file and analyse it; a read error becomes its one-line message."""
    from checker.errors import InputError
    from checker.run.pipeline import analyze_contained
    from checker.text.ingest import read_document

    path, date = job
    try:
        doc = read_document(path, date_override=date)
    except InputError as exc:
        return str(exc)
    analysis = analyze_contained(doc, _WORKER["resources"], _WORKER["lexicon"], _WORKER["pack"])
    if _WORKER["prepare"]:
        from checker.run.cache import prepare_rows

        return prepare_rows(analysis, suppressions_json(doc))
    return analysis


class _Progress:
    """A progress bar on stderr, shown only on a terminal and only after a second."""

    def __init__(self, total: int, enabled: bool):
        """Start counting."""
        self.total, self.done, self.start = total, 0, time.monotonic()
        self.enabled = enabled and total > 0 and sys.stderr.isatty()
        self.shown = False

    def step(self) -> None:
        """Count one file, redrawing about a hundred times over the run."""
        self.done += 1
        if not self.enabled or time.monotonic() - self.start < 1.0:
            return
        if self.done % max(1, self.total // 100) and self.done != self.total:
            return
        width = 30
        filled = width * self.done // self.total
        sys.stderr.write(f"\rhedui [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        """End the bar's line."""
        if self.shown:
            sys.stderr.write("\n")
