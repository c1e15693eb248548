"""What the streamed reports share: findings walked in another order, and the texts of the documents they quote.

A run over an archive hands its findings over as a log on disk (checker.run.spill.FindingLog) and its
documents as compact stubs (checker.run.stubs.DocumentStubs); a small run as tuples. The reports walk
either the same way, and hold neither whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from checker.model import Document, Finding


def in_order(findings: Iterable[Finding], key: Callable[[Finding], tuple | None]) -> Iterator[Finding]:
    """The findings whose key is not None, in the order of their keys (texts and numbers), ties in their order.

    A log on disk sorts them itself (only keys and places pass through memory, in SQLite's bounded sorter).
    """
    ordered_by = getattr(findings, "ordered_by", None)
    if ordered_by is not None:
        return ordered_by(key)
    keyed = [(k, n, f) for n, f in enumerate(findings) if (k := key(f)) is not None]
    keyed.sort(key=lambda item: (item[0], item[1]))
    return (f for _, _, f in keyed)


def documents_by_path(documents: Any) -> Mapping[str, Document]:
    """The run's documents a report quotes, by path: those with text of compact stubs, else every one."""
    whole = getattr(documents, "whole_by_path", None)
    if whole is not None:
        return whole()
    return {d.path: d for d in documents}
