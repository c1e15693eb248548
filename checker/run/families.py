"""The cross-article step in bounded memory: the corpus rules run on a few groups of fact families at a time.

The store hands over the claims of the families whose claims differ, whole groups at a time
(see `AnalysisCache.claim_groups`); each batch is indexed, checked by the corpus-scope rules and
dropped, so only the findings stay. The findings come out in the order one pass over every claim
gives: by document and position, ties by the claims' places in the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from checker.model import Claim, Document, Finding
from checker.run.spill import ACROSS

Place = tuple[int, int]  # (the file's place among the paths, the claim's place in its analysis)


def check_families(batches: Iterable[list[tuple[Place, Claim, int]]], document_at: Callable[[int], Document],
                   pack: Any, memo: Any = None, log: Any = None) -> list[Finding]:
    """The corpus-scope findings over every batch of claims, in report order.

    document_at: the document at a file's place (no mapping of every path is built: only each batch's documents).
    memo: the store, which keeps each group's findings (`remember`) and hands back those of the groups it
    left out of the batches (`remembered`).
    log: a FindingLog (checker.run.spill) that takes each finding as it is found, with its claims' places for
    the report order's ties; nothing is then kept here, and the list returned is empty.
    """
    from checker.engine.runner import sort_findings

    found: list[tuple[tuple[Place, ...], Finding]] = []
    for places, finding in _found(batches, document_at, pack, memo):
        if log is not None:
            log.append(finding, ACROSS, places)
        else:
            found.append((places, finding))
    found.sort(key=lambda item: item[0])
    return sort_findings(finding for _, finding in found)


def _found(batches: Iterable[list[tuple[Place, Claim, int]]], document_at: Callable[[int], Document], pack: Any,
           memo: Any) -> Iterator[tuple[tuple[Place, ...], Finding]]:
    """Each corpus-scope finding with its claims' places, batch by batch, then the memo's remembered ones."""
    from checker.claims.link import index_facts
    from checker.engine.runner import RunContext, run

    for batch in batches:
        claims = tuple(claim for _, claim, _ in batch)
        places: dict[int, tuple[Place, int | None]] = {id(claim): (place, group) for place, claim, group in batch}
        documents = {claim.doc: document_at(place[0]) for place, claim, _ in batch}
        dates: dict[str, object] = {path: document.dct for path, document in documents.items()}
        context = RunContext(index_facts(claims, dates), documents, None)
        by_group: dict[int, list[tuple[tuple[Place, ...], Finding]]] | None = {group: [] for _, _, group in batch}
        for finding in run(pack, context, scope="corpus"):
            located = [places.get(id(c), ((-1, -1), None)) for c in finding.claims]
            item = (tuple(place for place, _ in located), finding)
            yield item
            groups = {group for _, group in located}
            only = groups.pop() if len(groups) == 1 else None
            if by_group is not None and only is not None:
                by_group[only].append(item)
            else:
                # A finding that names no claim of the batch or spans groups: no group's findings can be kept.
                by_group = None
        if memo is not None and by_group is not None:
            for group, items in by_group.items():
                memo.remember(group, items)
    if memo is not None:
        yield from memo.remembered()

