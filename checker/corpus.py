"""Read a set of articles into documents and claims: cached, in parallel for many files, with progress."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Callable

import attrs

from checker.model import Claim, Document

PARALLEL_FROM = 64  # below this many files to extract, worker start-up costs more than it saves


@attrs.frozen(eq=False)
class Corpus:
    """Documents and their claims, plus the lines for files that could not be read."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    errors: tuple[str, ...]
    extracted: int  # files extracted in this run (not from the cache)


def load_corpus(
    files: list[str], *, dates: Callable[[str], dt.date | None], pack_version: str, rule_dirs: list[Path],
    lexicons: list[Path], cache_dir: Path | None, progress: bool,
) -> Corpus:
    """Documents and claims for every file, from the cache where the file is unchanged."""
    from checker import __version__

    cache = _open_cache(cache_dir)
    version_base = f"{__version__}/{pack_version}"
    results: dict[str, tuple[Document, tuple[Claim, ...]] | str] = {}
    todo: list[tuple[str, dt.date | None, tuple[int, int]]] = []
    for path in files:
        date = dates(path)
        stat = _stat(path)
        version = f"{version_base}/{date}"
        cached = cache.get(path, version, stat) if cache and stat else None
        if cached is not None:
            results[path] = cached
        else:
            todo.append((path, date, stat))
    meter = _Progress(len(todo), enabled=progress)
    for path, outcome in _extract_all(todo, (rule_dirs, lexicons), meter):
        results[path] = outcome
        if cache and not isinstance(outcome, str):
            date, stat = next((d, s) for p, d, s in todo if p == path)
            sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            cache.put(path, f"{version_base}/{date}", stat, sha, outcome)
    meter.finish()
    if cache:
        cache.close()
    documents, claims, errors = [], [], []
    for path in files:
        outcome = results[path]
        if isinstance(outcome, str):
            errors.append(outcome)
        else:
            documents.append(outcome[0])
            claims.extend(outcome[1])
    return Corpus(tuple(documents), tuple(claims), tuple(errors), len(todo))


def _open_cache(cache_dir: Path | None):
    """The claims cache, or None when caching is off or the folder is not writable."""
    from checker.cache import ClaimCache

    if cache_dir is None:
        return None
    try:
        return ClaimCache(cache_dir)
    except OSError:
        # A read-only checkout: run without a cache rather than fail.
        return None


def _stat(path: str) -> tuple[int, int] | None:
    """(mtime_ns, size) of a file, or None when it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _extract_all(todo, sources: tuple[list[Path], list[Path]], meter) -> list[tuple[str, object]]:
    """Extract documents and claims, on all cores when there are many files."""
    if not todo:
        # Everything came from the cache: no resources to load at all.
        return []
    if len(todo) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        _init_worker(sources)
        out = []
        for path, date, _ in todo:
            out.append(_extract_one((path, date)))
            meter.step()
        return out
    from concurrent.futures import ProcessPoolExecutor

    jobs = [(path, date) for path, date, _ in todo]
    out = []
    with ProcessPoolExecutor(max_workers=os.cpu_count(), initializer=_init_worker, initargs=(sources,)) as pool:
        for result in pool.map(_extract_one, jobs, chunksize=32):
            out.append(result)
            meter.step()
    return out


_WORKER: dict[str, object] = {}  # per-process resources, set once by _init_worker (worker-local state)


def _init_worker(sources: tuple[list[Path], list[Path]]) -> None:
    """Load resources and the claim lexicon (from rule dirs and lexicon files) once per process."""
    from checker.pipeline import load_pack_and_lexicon
    from checker.resources import load_resources

    if "resources" not in _WORKER:
        _WORKER["resources"] = load_resources()
        _WORKER["lexicon"] = load_pack_and_lexicon(*sources)[1]


def _extract_one(job: tuple[str, dt.date | None]) -> tuple[str, object]:
    """Read one file and build its claims; a read error becomes its one-line message."""
    from checker.errors import InputError
    from checker.ingest import read_document
    from checker.pipeline import claims_of

    path, date = job
    try:
        doc = read_document(path, date_override=date)
    except InputError as exc:
        return path, str(exc)
    return path, (doc, claims_of(doc, _WORKER["resources"], _WORKER["lexicon"]))


class _Progress:
    """A progress bar on stderr, shown only on a terminal and only after a second."""

    def __init__(self, total: int, enabled: bool):
        """Start counting."""
        self.total, self.done, self.start = total, 0, time.monotonic()
        self.enabled = enabled and total > 0 and sys.stderr.isatty()
        self.shown = False

    def step(self) -> None:
        """Count one file, redrawing at most ten times a second."""
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
