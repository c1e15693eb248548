"""The cross-article step in bounded memory: the corpus rules run on a few groups of fact families at a time.

The store hands over the claims of the families whose claims differ, whole topic groups at a time
(see `AnalysisCache.claim_groups`); each batch is indexed, checked by the corpus-scope rules and
dropped, so only the findings stay. The findings come out in the order one pass over every claim
gives: by document and position, ties by the claims' places in the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from checker.model import Claim, Document, Finding

Place = tuple[int, int]  # (the file's place among the paths, the claim's place in its analysis)


def check_families(batches: Iterable[list[tuple[Place, Claim]]], documents: dict[str, Document],
                   pack: Any) -> list[Finding]:
    """The corpus-scope findings over every batch of claims, in report order."""
    from checker.claims.link import index_facts
    from checker.engine.runner import RunContext, run, sort_findings

    found: list[tuple[tuple[Place, ...], Finding]] = []
    for batch in batches:
        claims = tuple(claim for _, claim in batch)
        places = {id(claim): place for place, claim in batch}
        dates = {claim.doc: _date(documents, claim.doc) for claim in claims}
        context = RunContext(index_facts(claims, dates), documents, None)
        for finding in run(pack, context, scope="corpus"):
            found.append((tuple(places.get(id(c), (-1, -1)) for c in finding.claims), finding))
    found.sort(key=lambda item: item[0])
    return sort_findings(finding for _, finding in found)


def _date(documents: dict[str, Document], path: str) -> Any:
    """A document's date (None when the store has no document for the claim's path)."""
    document = documents.get(path)
    return document.dct if document is not None else None
