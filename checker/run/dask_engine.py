"""The Dask engine: the per-article analysis as a Dask bag map, the fact families as a keyed reduction.

Each worker process loads its resources once (on its first article) and returns for each article
only what the cross-article step needs: the document without its text, its findings and its
linkable claims. Claims are keyed by fact family; a first reduction summarises each family (how
many claims, their intervals, modalities and planned values), and only the claims of families
whose claims differ are gathered: where every article says the same, nothing crosses the network.
The corpus-scope rules then run on those claims as with the default engine, so both engines give
the same findings with the same fingerprints. Dask is an optional extra (`hedui[dask]`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from checker.engine.registry import families_needed
from checker.errors import HeduiError
from checker.model import Claim, Document, Finding
from checker.run.corpus import Corpus
from checker.run.workers import Analysed, Job, Setup

PARTITION = 64  # articles per bag partition


class DaskUnavailable(HeduiError):
    """Dask is not installed, or its scheduler cannot be reached."""


@attrs.frozen(eq=False)
class LightRecord:
    """One article's share of a light corpus, as a Dask worker returns it."""

    doc: Document  # without text
    findings: tuple[Finding, ...]
    linkable: tuple[tuple[str, str, int, Claim], ...]  # fact key, family, place in the analysis, claim
    claim_count: int
    suppressions: tuple
    events: tuple[str, ...]
    weak: Any


def analyze_light(job: Job, setup: Setup) -> LightRecord | str:
    """Read and analyse one article on a worker (its resources loaded once per process)."""
    from checker.run import workers
    from checker.triage.status import find_suppressions

    if workers._WORKER.get("pack") is not setup.pack:
        # The first article this process sees for this run: take the run's pack and lexicon.
        workers.init_worker(attrs.evolve(setup, prepare=False))
    outcome = workers.analyze_one(job)
    if not isinstance(outcome, Analysed):
        assert isinstance(outcome, str), "without a store a worker returns an analysis or an error"
        return outcome
    analysis = outcome.analysis
    doc = analysis.doc
    position = {id(c): i for i, c in enumerate(analysis.claims)}
    linkable = tuple((key, family, position[id(claim)], claim) for key, family, claim in analysis.linkable())
    stub = attrs.evolve(doc, text="", reading="", offsets=())
    return LightRecord(stub, analysis.findings, linkable, len(analysis.claims), tuple(find_suppressions(doc)),
                       outcome.events, outcome.weak)


def connect(scheduler: str | None, workers: int) -> Any:
    """A client of the scheduler at the address given, else of a new LocalCluster; a clear error if neither."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskUnavailable("--engine dask 需要 Dask：pip install 'hedui[dask]'") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise DaskUnavailable(f"无法连接 Dask 调度器 {scheduler}：{exc}") from exc
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=50)
    return Client(cluster)


def load_corpus_dask(files: Sequence[str], *, dates: Callable[[str], dt.date | None], setup: Setup,
                     scheduler: str | None) -> Corpus:
    """A light corpus computed on a Dask cluster (the same corpus the default engine builds)."""
    import os

    import dask.bag as db

    client = connect(scheduler, setup.jobs or os.cpu_count() or 1)
    try:
        bag = _analyse(db, [Job(p, dates(p)) for p in files], setup).persist()
        meta = dict(bag.map(_meta).compute())
        redo = _redate(meta)
        if redo:
            again = frozenset(job.path for job in redo)
            redone = _analyse(db, redo, setup).persist()
            meta.update(redone.map(_meta).compute())
            bag = db.concat([bag.filter(functools.partial(_other_than, again)), redone])
        return _corpus(files, meta, bag)
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None and scheduler is None:
            cluster.close()


def _analyse(db, jobs: list[Job], setup: Setup):
    """A bag of (path, record or error line), one per job."""
    return db.from_sequence(jobs, partition_size=PARTITION).map(_pair, setup)


def _pair(job: Job, setup: Setup) -> tuple[str, LightRecord | str]:
    """A job's path and its record."""
    return job.path, analyze_light(job, setup)


def _other_than(paths: frozenset[str], pair: tuple[str, Any]) -> bool:
    """True for a record of a path not among paths."""
    return pair[0] not in paths


def _meta(pair: tuple[str, LightRecord | str]) -> tuple[str, LightRecord | str]:
    """An article's record without its claims (what the client keeps of every article), or its error."""
    path, record = pair
    if isinstance(record, str):
        return pair
    return path, attrs.evolve(record, linkable=())


def _redate(meta: dict[str, LightRecord | str]) -> list[Job]:
    """Jobs for the articles another article on the same event dates (read again on a worker)."""
    from checker.run.dates_across import refine_dates

    light = {p: r for p, r in meta.items() if isinstance(r, LightRecord)}
    refined = refine_dates([r.doc for r in light.values()], lambda path: light[path].events)
    return [Job(p, new.date, refined=new, weak=light[p].doc.dct) for p, new in refined.items()]


def _linkable(pair: tuple[str, LightRecord | str]) -> tuple:
    """An article's linkable claims as (family, path, place, key, claim)."""
    path, record = pair
    if isinstance(record, str):
        return ()
    return tuple((family, path, place, key, claim) for key, family, place, claim in record.linkable)


def _corpus(files: Sequence[str], meta: dict[str, LightRecord | str], bag) -> Corpus:
    """The light corpus: documents, findings, and the claims of the fact families whose claims differ."""
    claims = bag.map(_linkable).flatten()
    folded = claims.map(_keyed_summary).foldby(_first, _add, None, _merge, None)
    differing = frozenset(family for family, summary in folded.compute() if summary is not None and _differs(summary))
    # The families corpus kinds combine although their claims need not differ (a rate against two levels).
    differing |= {family for group in families_needed(claims.filter(_actual).map(_row).compute()) for family in group}
    order = {p: i for i, p in enumerate(files)}
    chosen = sorted(claims.filter(functools.partial(_in_families, differing)).map(_located).compute(),
                    key=lambda item: (order[item[0]], item[1]))
    fact_count = claims.map(_key).distinct().count().compute()
    light = [r for p in files if isinstance(r := meta.get(p), LightRecord)]
    return Corpus(tuple(r.doc for r in light), tuple(item[3] for item in chosen),
                  tuple(f for r in light for f in r.findings),
                  tuple(r for p in files if isinstance(r := meta.get(p), str)),
                  sum(r.claim_count for r in light), fact_count, tuple(s for r in light for s in r.suppressions))


def _actual(item: tuple) -> bool:
    """True for a linkable claim of an actual fact."""
    return bool(item[4].modality == "actual")


def _row(item: tuple) -> tuple[str, str, str]:
    """A linkable claim as the store's (path, fact key, family) row."""
    return item[1], item[3], item[0]


def _keyed_summary(item: tuple) -> tuple[str, tuple]:
    """A linkable claim's family and summary."""
    return item[0], _summary(item[4])


def _first(pair: tuple) -> Any:
    """The key of a pair."""
    return pair[0]


def _add(summary: tuple | None, pair: tuple) -> tuple | None:
    """A family's summary with one more claim's."""
    return _merge(summary, pair[1])


def _in_families(families: frozenset[str], item: tuple) -> bool:
    """True for a linkable claim of one of the families."""
    return item[0] in families


def _located(item: tuple) -> tuple:
    """A linkable claim as (path, place, key, claim)."""
    return item[1:]


def _key(item: tuple) -> str:
    """A linkable claim's fact key."""
    return item[3]


def _summary(claim: Claim) -> tuple:
    """What decides whether a family's claims differ: count, bounds, modalities, planned values."""
    bounds = claim.interval()
    value = claim.value.value if claim.value is not None else None
    planned = frozenset([value]) if claim.modality in ("target", "forecast") and value is not None else frozenset()
    values = frozenset([value]) if value is not None else frozenset()
    return (1, max(bounds.low, -1e308), min(bounds.high, 1e308), frozenset([claim.modality]), bool(planned), values)


def _merge(a: tuple | None, b: tuple | None) -> tuple | None:
    """Two summaries of one family as one."""
    if a is None or b is None:
        return b if a is None else a
    return (a[0] + b[0], max(a[1], b[1]), min(a[2], b[2]), a[3] | b[3], a[4] or b[4], a[5] | b[5])


def _differs(summary: tuple) -> bool:
    """The store's DIFFERS test on a summary: intervals that do not all meet, two modalities, or a revised plan."""
    count, top_low, bottom_high, modalities, planned, values = summary
    return count > 1 and (top_low > bottom_high or len(modalities) > 1 or (planned and len(values) > 1))
