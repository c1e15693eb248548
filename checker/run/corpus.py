"""Analyse a set of articles into the store, one at a time, then read back only what the run needs.

Each article is read from disk at most once: a worker reads it, hashes it, and analyses it unless the
store's entry for that content is current (a file whose stat stamp is the one the store kept is not read at all:
checker.run.stamps); the analysis goes to the store as it is produced and is
dropped. Afterwards `check` reads only the documents' dates, the document-scope findings and the
claims of the fact families that differ. Without a cache the store lives in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from checker.model import Claim, Document, Finding, Mention
from checker.run.workers import Analysed, Fresh, Job, Setup, Workers, batches, worker_count
from checker.triage.status import find_suppressions, suppressions_from

__all__ = ["Corpus", "RunStore", "Setup", "load_corpus", "open_store"]

# SQLite's words for a disk that is full or a folder it may not write (not for a damaged file).
_STORAGE_FAILURES = ("disk is full", "readonly database", "unable to open database")
BATCH = 512  # files looked up in the store and handed to the workers at a time
Note = Callable[[str], None]


@attrs.frozen(eq=False)
class Corpus:
    """What a run read: documents, claims and document-scope findings, plus unreadable files' errors.

    A light corpus (for `check`) holds documents without text; read from a store, its findings already
    include the corpus-scope ones (found family group by family group) and it holds no claims; kept in
    memory (no store), it holds the claims the corpus-scope rules can compare. A full one holds every
    document's text and claims.
    """

    documents: Sequence[Document]  # a tuple, or compact stubs (checker.run.stubs) for a light corpus from a store
    claims: tuple[Claim, ...]
    findings: Sequence[Finding]  # a tuple, or a FindingLog on disk (checker.run.spill) for a light corpus from a store
    errors: tuple[str, ...]
    claim_count: int  # claims of all documents, even when only the linkable ones were loaded
    fact_count: int  # distinct facts stated, even when only the comparable claims were loaded
    suppressions: tuple = ()  # inline <!-- hedui-disable --> comments of every document
    times: tuple[Mention, ...] = ()  # every document's time expressions (a full corpus only)
    claimed: bytes | None = None  # per document in order, 1 when it states a claim (None: not known)


class RunStore:
    """The run's store: the cache folder's, or a temporary one; None inside once it could not be written."""

    def __init__(self, folder: Path | None, note: Note | None = None):
        """Open the cache in folder, or a temporary store when folder is None."""
        self.folder, self.note = folder, note
        self.temporary: tempfile.TemporaryDirectory[str] | None = None
        where = folder
        if folder is None:
            try:
                self.temporary = tempfile.TemporaryDirectory(prefix="hedui-store-")
                where = Path(self.temporary.name)
            except OSError:
                where = None  # no room for a temporary store: the run keeps its analyses in memory
        self.cache = _open_cache(where, folder)

    def abandon(self, exc: BaseException) -> None:
        """Stop using a store that failed to write (a warning for a cache; a temporary one goes quietly)."""
        import sqlite3

        if self.folder is not None:
            _warn_no_cache(self.folder, exc)
        try:
            if self.cache is not None:
                self.cache.close()
        except (OSError, sqlite3.Error):
            pass  # the disk is still full: the warning already said the store is not used
        self.cache = None

    def close(self) -> None:
        """Commit and close; a full disk at this point loses only the cache's last rows."""
        import sqlite3

        try:
            if self.cache is not None:
                self.cache.close()
        except (OSError, sqlite3.Error) as exc:
            if self.folder is not None:
                _warn_no_cache(self.folder, exc)
        finally:
            self.cache = None
            if self.temporary is not None:
                self.temporary.cleanup()


def open_store(cache_dir: Path | None, note: Note | None = None):
    """A context manager for the run's store (see RunStore)."""
    import contextlib

    @contextlib.contextmanager
    def opened():
        store = RunStore(cache_dir, note)
        try:
            yield store
        finally:
            store.close()

    return opened()


def load_corpus(
    files: Sequence[str], *, dates: Callable[[str], dt.date | None], version: str, setup: Setup,
    store: RunStore, progress: bool, light: bool = False, trusted: frozenset[str] = frozenset(),
) -> Corpus:
    """Analyse every file whose stored entry is not current, then read the corpus back; damage is rebuilt.

    trusted: an archive's files (`check draft --against archive/`), whose stored entry is used without
    reading the file when its size and modification time are those stored; a light corpus then holds
    only the findings of the other files and the facts they state.
    """
    import sqlite3

    from checker.run.cache import CacheCorrupt

    try:
        try:
            return _load(files, dates, version, setup, store, progress, light, trusted)
        except (CacheCorrupt, sqlite3.DatabaseError, ValueError) as exc:
            if _is_storage_failure(exc):
                raise  # a full disk or a read-only folder, handled below: the store is not damaged
            # A damaged row, page or text column (ValueError: undecodable text): throw the store away
            # and analyse everything again.
            if store.note:
                store.note(f"缓存已损坏（{exc}），全部条目重建")
            assert store.cache is not None, "only a store in use can be found damaged"
            store.cache.reset()
            return _load(files, dates, version, setup, store, progress, light, trusted)
    except (OSError, sqlite3.Error) as exc:
        if store.cache is None or not _is_storage_failure(exc):
            raise  # not the store's storage failing: nothing to fall back on
        store.abandon(exc)
        return _load(files, dates, version, setup, store, progress, light, trusted)


def _load(files, dates, version, setup: Setup, store: RunStore, progress: bool, light: bool,
          trusted: frozenset[str]) -> Corpus:
    """One attempt: analyse what is stale into the store (or memory), re-date by shared events, read back."""
    from checker import __version__

    def version_of(path: str) -> str:
        """The store version an entry of this path must have: program, rules and the date given."""
        return f"{__version__}/{version}/{dates(path)}"

    cache = store.cache
    setup = attrs.evolve(setup, prepare=cache is not None)
    meter = _Progress(len(files), enabled=progress)
    errors: dict[str, str] = {}
    kept: dict[str, Analysed] = {}  # only when the run has no store
    trusted = trusted if cache is not None else frozenset()
    with Workers(setup, worker_count(setup, len(files))) as workers:
        for batch in batches(files, BATCH):
            entries = cache.entries(batch) if cache else {}
            jobs = [_job(p, dates(p), entries.get(p), version_of(p)) for p in batch
                    if not (p in trusted and _unchanged(entries.get(p), version_of(p), p))]
            for job, outcome in zip(jobs, workers.map(jobs), strict=True):
                _take(job, outcome, version_of(job.path), store, errors, kept, _reason(entries.get(job.path), job))
                meter.step()
        meter.finish()
        # The run's own list where no file failed: a copy of every path grows with the archive.
        ok = [p for p in files if p not in errors] if errors else files
        redo = _redate(ok, cache, kept, dates)
        for job, outcome in zip(redo, workers.map(redo), strict=True):
            _take(job, outcome, version_of(job.path), store, errors, kept, "日期按报道同一事件的另一篇文章修正")
    if cache is None:
        return _from_analyses(files, {p: a.analysis for p, a in kept.items()}, errors, light)
    if not light:
        return _from_analyses(files, cache.load_full(ok), errors, light)
    focus = [p for p in files if p not in trusted] if trusted else None
    return _light_from_store(files, ok, cache, errors, setup.pack, focus)


def _job(path: str, date: dt.date | None, entry: tuple | None, version: str) -> Job:
    """The job of a file: with the content hash and stat stamp of its store entry when that entry is current."""
    known = _known(entry, version)
    return Job(path, date, known, trusted=entry[3] if known is not None and entry is not None else None)


def _known(entry: tuple | None, version: str) -> str | None:
    """The content hash of a stored entry that is current for this version, else None."""
    return entry[1] if entry is not None and entry[0] == version else None


def _unchanged(entry: tuple | None, version: str, path: str) -> bool:
    """True when a stored entry is current and its file's size and modification time are those stored."""
    import os

    if entry is None or entry[0] != version:
        # No current entry: the file must be read and analysed.
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False  # let the read say why the file cannot be used
    return (info.st_mtime_ns, info.st_size) == tuple(entry[2])


def _reason(entry: tuple | None, job: Job) -> str:
    """Why a file's entry is (re)built, for --verbose."""
    if entry is None:
        return "新文件"
    return "文件内容已改变" if job.known is not None else "规则、程序或文档日期已改变"


def _take(job: Job, outcome: object, version: str, store: RunStore, errors: dict, kept: dict, reason: str) -> None:
    """File one outcome: an error line, nothing for a current entry, the store's rows, or a kept analysis."""
    from checker.run.cache import PreparedRows

    if isinstance(outcome, str):
        errors[job.path] = outcome
    elif isinstance(outcome, Analysed):
        kept[job.path] = outcome
    elif isinstance(outcome, PreparedRows) and store.cache is not None:
        store.cache.store(version, outcome)
        if store.note:
            store.note(f"缓存重建 {job.path}：{reason}")
    else:
        assert isinstance(outcome, Fresh), "a worker returns an error, rows, an analysis or Fresh"
        if outcome.stamp is not None and store.cache is not None:
            # Read and found unchanged, under a new stamp (or its first): the next run need not read it.
            store.cache.restamp(job.path, outcome.stamp)


def _redate(paths: list[str], cache, kept: dict[str, Analysed], dates) -> list[Job]:
    """Jobs for the articles whose date refinement changed: their text comes from the store, not the disk."""
    from checker.run.dates_across import refine_dates

    if cache is not None:
        own, events, weak = _dating(paths, cache)
    else:
        own = {p: attrs.evolve(a.analysis.doc, dct=a.weak or a.analysis.doc.dct) for p, a in kept.items()}
        events = {p: a.events for p, a in kept.items() if a.events}
        weak = {p: a.weak is not None for p, a in kept.items()}
    refined = refine_dates(own.values(), lambda path: events.get(path, ()))
    changed = [p for p in paths if p in own and (p in refined or weak[p])]
    if not changed:
        # The usual case: no article re-dated now or in an earlier run.
        return []
    current = cache.load_full(changed) if cache is not None else {p: kept[p].analysis for p in changed}
    jobs = []
    for path in changed:
        analysis = current[path]
        new = refined.get(path)
        if new is not None and analysis.doc.dct == new:
            # Re-dated the same way in an earlier run: the stored analysis stands.
            continue
        date = new.date if new is not None else dates(path)
        jobs.append(Job(path, date, _content(cache, kept, path), analysis.doc.text, new,
                        own[path].dct if new is not None else None))
    return jobs


def _dating(paths: list[str], cache) -> tuple[dict[str, Document], dict[str, tuple], dict[str, bool]]:
    """From the store, only what date refinement compares: weakly dated articles and the dated peers of their months.

    Returns their documents with their own dates, their event names, and whether each was re-dated before.
    """
    from checker.run.cache import document_stub
    from checker.run.dates_across import STRONG, WEAK

    rows = {row[0]: row for row in cache.load_documents(paths, "weak IS NOT NULL OR dct_confidence <= ?", WEAK)}
    if rows:
        own = {p: _own_date(document_stub(r), r[8]) for p, r in rows.items()}
        months = sorted({d.dct.date.isoformat()[:7] for d in own.values() if d.dct is not None})
        if months:
            marks = ", ".join("?" * len(months))
            rows.update((row[0], row) for row in cache.load_documents(
                paths, f"dct_confidence >= ? AND events != '[]' AND substr(dct, 1, 7) IN ({marks})", STRONG, *months))
    own = {p: _own_date(document_stub(r), r[8]) for p, r in rows.items()}
    events = {p: tuple(_json(r[7])) for p, r in rows.items() if r[7] != "[]"}
    return own, events, {p: r[8] is not None for p, r in rows.items()}


def _own_date(stub: Document, weak: str | None) -> Document:
    """A stored document with its own date (the weak one its refined date replaced, if any)."""
    from checker.model import DocumentDate

    if weak is None:
        # Never re-dated: the stored date is the article's own.
        return stub
    day, source, confidence = _json(weak)
    return attrs.evolve(stub, dct=DocumentDate(dt.date.fromisoformat(day), source, confidence))


def _content(cache, kept: dict[str, Analysed], path: str) -> str:
    """The content hash of a file the run has analysed."""
    if cache is None:
        return kept[path].content
    return cache.entries([path])[path][1]


def _json(text: str):
    """Decode a JSON column."""
    import json

    return json.loads(text)


def _from_analyses(files, analyses: dict, errors: dict, light: bool) -> Corpus:
    """A corpus from whole analyses, in file order (light: only linkable claims)."""
    ordered = [analyses[p] for p in files if p in analyses]
    linkable = [item for a in ordered for item in a.linkable()]
    claims = [c for a in ordered for c in a.claims] if not light else [c for _, _, c in linkable]
    return Corpus(tuple(a.doc for a in ordered), tuple(claims), tuple(f for a in ordered for f in a.findings),
                  tuple(errors[p] for p in files if p in errors), sum(len(a.claims) for a in ordered),
                  len({key for key, _, _ in linkable}), tuple(s for a in ordered for s in find_suppressions(a.doc)),
                  () if light else tuple(t for a in ordered for t in a.times))


def _light_from_store(files, ok, cache, errors: dict, pack, focus: list[str] | None = None) -> Corpus:
    """A light corpus read back from the store, in file order, its corpus findings already found family by family.

    ok: the files without an error, in order (the stubs hold this sequence itself when the store has each of them).
    Only the documents' dates and findings stay in memory (the documents compactly: checker.run.stubs): the claims
    of the families that differ come a few groups at a time, are checked by the corpus rules and dropped (focus:
    findings and families of those only).
    """
    from checker.model import DocumentDate
    from checker.run.families import check_families
    from checker.run.reduce import build_reducer
    from checker.run.spill import FindingLog
    from checker.run.stubs import DocumentStubs

    documents = DocumentStubs()
    shifted: dict[int, int] = {}  # a place in ok -> its document's, where they differ (a path the store lacks)
    marks: list[dict] = []
    claim_count = 0
    claimed = bytearray()
    given = iter(enumerate(ok))
    for path, dct, source, confidence, encoding, claims, suppressions, _, _ in cache.iter_documents(ok):
        # The rows come in the order of ok: keep ok's own string for the path rather than a second copy.
        place, known = next(given)
        while known != path:
            place, known = next(given)
        if place != len(documents):
            shifted[place] = len(documents)
        date = DocumentDate(dt.date.fromisoformat(dct), source, confidence) if dct else None
        documents.append(known, date, encoding or "utf-8")
        claim_count += claims or 0
        claimed.append(1 if claims else 0)
        if suppressions != "[]":
            marks.extend(_json(suppressions))
    # Every path has its document (the usual case): the stubs hold ok itself, not a second list of every path.
    documents.share_paths(ok)
    # Findings go to a log on disk as they are read or found: their number grows with the archive.
    log = FindingLog()
    _, facts = cache.load_light(ok, focus, into=log)
    suppressions_found = suppressions_from(marks)

    def document_at(place: int) -> Document:
        """The document at a place among ok."""
        return documents[shifted.get(place, place)]

    # Claims that state a fact alike are reduced to those a rule can name before a group is held whole.
    reduce = build_reducer(pack, lambda place: document_at(place).dct)
    check_families(cache.claim_groups(ok, focus, reduce=reduce), document_at, pack, cache, log)
    return Corpus(documents, (), log, tuple(errors[p] for p in files if p in errors), claim_count, facts,
                  tuple(suppressions_found), claimed=bytes(claimed))


def _open_cache(where: Path | None, folder: Path | None):
    """The store in a folder, or None when the folder is not writable (said for a cache folder)."""
    import sqlite3

    from checker.run.cache import AnalysisCache

    if where is None:
        return None
    try:
        return AnalysisCache(where)
    except (OSError, sqlite3.Error) as exc:
        # A read-only checkout or a full disk: run without a store rather than fail.
        if folder is not None:
            _warn_no_cache(folder, exc)
        return None


def _is_storage_failure(exc: BaseException) -> bool:
    """True when the store failed for want of space or permission, or is locked by another run, not damaged."""
    import sqlite3

    from checker.run.cache import is_busy

    if isinstance(exc, OSError) or is_busy(exc):
        # A store another hedui holds is in use, not damaged: like a full disk, the run goes on without it.
        return True
    return isinstance(exc, sqlite3.OperationalError) and any(word in str(exc) for word in _STORAGE_FAILURES)


def _warn_no_cache(cache_dir: Path | None, exc: BaseException) -> None:
    """Say on stderr that the run goes on without its cache, and why."""
    reason = getattr(exc, "strerror", None) or str(exc)
    print(f"hedui: warning: 缓存目录 {cache_dir} 无法写入（{reason}），本次不使用缓存", file=sys.stderr)


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
