"""The per-article step of a run: read a file once, hash it, analyse it unless the store has it, encode it.

Runs in the main process for small runs and in a pool of worker processes for large ones; workers
return compact, already encoded rows (a few kilobytes), never whole analyses to unpickle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import attrs

from checker.model import DocumentDate
from checker.run import stamps

if TYPE_CHECKING:
    # Only for annotations: workers load the claim, engine and extract stages when they start.
    from checker.claims.lexicon import ClaimLexicon
    from checker.engine.pack import RulePack
    from checker.extract.resources import Resources
    from checker.run.pipeline import DocAnalysis

PARALLEL_FROM = 64  # below this many files, worker start-up costs more than it saves


@attrs.frozen(eq=False)
class Setup:
    """What a worker needs to analyse a file: the rule pack, the claim lexicon and the run's limits."""

    pack: RulePack
    lexicon: ClaimLexicon
    cache_dir: Path | None = None  # where resources (units, grammars) are kept between runs
    digest: str = ""
    prepare: bool = False  # workers return store rows instead of analyses (the writer only inserts)
    budget: float = 0.0  # seconds per article (0: no limit)
    jobs: int = 0  # worker processes (0: one per core)


@attrs.frozen
class Job:
    """One article to analyse: its path, the date to give it, and what the store already has of it."""

    path: str
    date: dt.date | None = None
    known: str | None = None  # the content hash of the store's current entry, if any
    text: str | None = None  # the article's text, when it was already read (a re-dated article)
    refined: DocumentDate | None = None  # a date taken from another article on the same event
    weak: DocumentDate | None = None  # the article's own weak date that `refined` replaces
    data: bytes | None = None  # the file's bytes, when the main process read them to compare with the store
    stat: tuple[int, int] | None = None  # (mtime_ns, size) taken before `data` was read
    stamp: bytes | None = None  # the file's stat stamp taken with `stat`, when trustworthy (checker.run.stamps)
    trusted: bytes | None = None  # the stamp kept with the store's current entry: while the file has it, it is unread


@attrs.frozen
class Fresh:
    """The store's entry for a file is current: the file's content hash is the one stored."""

    content: str
    stamp: bytes | None = None  # a new stat stamp to keep for the file (its bytes were read and hashed again)


@attrs.frozen(eq=False)
class Analysed:
    """A whole analysis kept in memory (a run whose store could not be written)."""

    analysis: DocAnalysis
    content: str
    events: tuple[str, ...]
    weak: DocumentDate | None


def worker_count(setup: Setup, files: int) -> int:
    """How many processes analyse: one for small runs, else --jobs (default: the number of cores)."""
    wanted = setup.jobs or os.cpu_count() or 1
    # Fewer files than PARALLEL_FROM: starting workers costs more than it saves.
    return 1 if files < PARALLEL_FROM else max(1, wanted)


class Workers:
    """The processes that analyse articles; a context manager that ends them however the run ends."""

    def __init__(self, setup: Setup, count: int):
        """Remember the setup; processes start on entry."""
        self.setup, self.count = setup, count
        self.pool: Any = None

    def __enter__(self) -> Workers:
        """Prepare the main process when one worker is asked for (a pool starts when there is work for it)."""
        if self.count <= 1:
            init_worker(self.setup)
        return self

    def __exit__(self, *exc: object) -> None:
        """Terminate the workers: none outlives the run (done, an error, Ctrl-C, SIGTERM as SystemExit)."""
        if self.pool is not None:
            self.pool.terminate()  # as multiprocessing.Pool's own `with` does: no join that could wait

    def map(self, jobs: list[Job]) -> Iterator[object]:
        """Each job's outcome, in order, as soon as it is ready.

        A file the store already has is read and hashed here, unless its stat stamp is the one kept with its entry
        (then it is not read at all): an unchanged one (a warm run's usual case) costs no trip to a worker, a changed
        one travels with its bytes (so it is still read once).
        """
        screened = [_screen(job) for job in jobs]
        outcomes = self._analyse([item for item in screened if isinstance(item, Job)])
        for item in screened:
            yield next(outcomes) if isinstance(item, Job) else item

    def _analyse(self, jobs: list[Job]) -> Iterator[object]:
        """The outcomes of jobs that need a worker, in order."""
        if not jobs:
            # Nothing to analyse: no pool is started for it.
            return
        if self.count <= 1:
            yield from (analyze_one(job) for job in jobs)
            return
        if self.pool is None:
            import multiprocessing

            self.pool = multiprocessing.Pool(self.count, initializer=init_worker, initargs=(self.setup, os.getpid()))
        chunk = max(1, min(16, len(jobs) // (4 * self.count)))
        yield from self.pool.imap(analyze_one, jobs, chunksize=chunk)


def _screen(job: Job) -> Job | Fresh | str:
    """Fresh when a file the store has is unchanged, its read error, or the job (with the bytes read, if any)."""
    from checker.errors import InputError
    from checker.text import ingest

    if job.known is None or job.text is not None:
        # Nothing stored to compare with (or the text is already in hand): the worker reads it.
        return job
    if job.trusted is not None and stamps.current(job.path) == job.trusted:
        # Untouched since its bytes were hashed for the store's entry (checker.run.stamps): not read again.
        return Fresh(job.known)
    stat, stamp = stamps.taken(job.path)
    try:
        raw = ingest.read_bytes(job.path)
    except InputError as exc:
        return str(exc)
    if hashlib.sha256(raw).hexdigest() == job.known:
        return Fresh(job.known, stamp)
    return attrs.evolve(job, data=raw, stat=stat, stamp=stamp)


class _WorkerState(TypedDict, total=False):
    """A worker's resources (loaded on first use), rule pack, lexicon and settings."""

    resources: Resources
    lexicon: ClaimLexicon
    pack: RulePack
    prepare: bool
    budget: float


_WORKER: _WorkerState = {}  # per-process state, set once by init_worker (worker-local state)


def init_worker(setup: Setup, parent: int | None = None) -> None:
    """Take the rule pack and lexicon the run already loaded; resources load on the first analysis.

    In a worker process (parent given), tie its life to the run: Ctrl-C is left to the main process
    (which terminates the pool), SIGTERM kills at once, and on Linux the worker dies with its parent.
    """
    if parent is not None:
        _bind_to_parent(parent)
        _collect_less_often()
    _WORKER["lexicon"] = setup.lexicon
    _WORKER["pack"] = setup.pack
    _WORKER["prepare"] = setup.prepare
    _WORKER["budget"] = setup.budget


GC_YOUNG = 20_000  # allocations between collections of the youngest generation in a worker (CPython's default: 700)


def _collect_less_often() -> None:
    """Let a worker's cyclic garbage collector run less often, and never walk what the run had loaded before it.

    An analysis allocates many short-lived values that reference counting frees at once: a young collection every
    700 allocations walked them for nothing (4% of an analysis). What the main process had loaded (rule pack,
    lexicon, modules) is frozen out of the collector's generations; memory is unchanged (the objects stay shared).
    """
    import gc

    gc.freeze()
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])


def _resources() -> Resources:
    """The process's resources, loaded once (a warm run that analyses nothing never loads them)."""
    if "resources" not in _WORKER:
        from checker.extract.resources import load_resources

        _WORKER["resources"] = load_resources()
    return _WORKER["resources"]


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


def analyze_one(job: Job) -> object:
    """Read one file (once), and analyse it unless the store's entry is current; a read error is its message."""
    from checker.errors import InputError
    from checker.text import ingest

    stat, stamp = None, None
    try:
        if job.text is not None:
            # Re-dated from another article: the text was read earlier in the run.
            content, doc = job.known or "", ingest.document_from_text(job.path, job.text, date_override=job.date)
        else:
            stat, stamp = (job.stat, job.stamp) if job.data is not None else stamps.taken(job.path)
            raw = job.data if job.data is not None else ingest.read_bytes(job.path)
            content = hashlib.sha256(raw).hexdigest()
            if content == job.known:
                # Unchanged since the store's entry was written: nothing to analyse.
                return Fresh(content, stamp)
            doc = ingest.document_from_text(job.path, raw, date_override=job.date)
    except InputError as exc:
        return str(exc)
    return encode_analysis(analyze(doc, job), content, job, stat, stamp)


def analyze(doc: Any, job: Job) -> DocAnalysis:
    """Analyse one document within the budget; a refined date replaces the one it was analysed with."""
    from checker.run.pipeline import analyze_contained

    analysis = analyze_contained(doc, _resources(), _WORKER["lexicon"], _WORKER["pack"], _WORKER["budget"])
    if job.refined is not None:
        analysis = attrs.evolve(analysis, doc=attrs.evolve(analysis.doc, dct=job.refined))
    return analysis


def encode_analysis(analysis: DocAnalysis, content: str, job: Job, stat: tuple[int, int] | None = None,
                    stamp: bytes | None = None) -> object:
    """The store's rows for an analysis (or the analysis itself when the run keeps it in memory)."""
    from checker.run.dates_across import find_events, needs_events
    from checker.triage.status import suppressions_json

    own = job.weak or analysis.doc.dct
    events = find_events(analysis.doc.reading) if needs_events(own) else ()
    if not _WORKER["prepare"]:
        return Analysed(analysis, content, events, job.weak)
    from checker.run.cache import prepare_rows

    return prepare_rows(analysis, suppressions_json(analysis.doc), content, events, job.weak, stat, stamp)


def batches(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    """The items in consecutive lists of at most size."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
