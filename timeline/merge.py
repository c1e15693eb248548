"""Merge the same happening told by several articles in different words into one entry with all its sources."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar

T = TypeVar("T")
SAME = 0.8  # Dice similarity of two titles' character pairs above which they tell the same happening
NOISE = re.compile(r"[\W_]+")


def merge_told(found: dict[tuple, list[T]], pointer: re.Pattern[str] | None = None) -> dict[tuple, list[T]]:
    """Merge keys (start, end, granularity, title) of one period whose titles tell the same thing; keep the longest.

    `pointer` finds an unresolved 该X in a title: 重庆首次承办该活动 tells the same as 重庆首次承办Y活动.
    """
    by_period: dict[tuple, list[tuple]] = {}
    for key in found:
        by_period.setdefault(key[:3], []).append(key)
    merged: dict[tuple, list[T]] = {}
    for keys in by_period.values():
        for group in _groups(keys, pointer):
            best = max(group, key=lambda k: (len(_plain(k[3])), k[3]))
            merged[best] = [told for key in group for told in found[key]]
    return merged


def same_title(one: str, other: str, pointer: re.Pattern[str] | None = None) -> bool:
    """True when one title contains the other, names what the other points at, or their character pairs overlap."""
    a, b = _plain(one), _plain(other)
    if not a or not b:
        # A title of punctuation only says nothing to compare.
        return False
    if a in b or b in a or _points_at(a, b, pointer) or _points_at(b, a, pointer):
        return True
    pairs_a, pairs_b = _pairs(a), _pairs(b)
    return 2 * len(pairs_a & pairs_b) / (len(pairs_a) + len(pairs_b)) >= SAME


def _points_at(pointing: str, named: str, pointer: re.Pattern[str] | None) -> bool:
    """True when a title with 该X reads as the other title with a name ending in X in its place."""
    match = pointer.search(pointing) if pointer is not None else None
    if match is None:
        # nothing in the title points back: nothing to fill in
        return False
    head = re.escape(match.group(1))
    shape = re.escape(pointing[:match.start()]) + f".{{1,24}}{head}" + re.escape(pointing[match.end():])
    return re.fullmatch(shape, named) is not None


def _groups(keys: list[tuple], pointer: re.Pattern[str] | None) -> list[list[tuple]]:
    """Partition keys into groups of the same happening (each key joins the first group it matches)."""
    groups: list[list[tuple]] = []
    for key in sorted(keys, key=lambda k: -len(k[3])):
        home = next((g for g in groups if any(same_title(key[3], other[3], pointer) for other in g)), None)
        if home is None:
            groups.append([key])
        else:
            home.append(key)
    return groups


def _plain(title: str) -> str:
    """A title without punctuation, brackets and width differences: （重庆） and (重庆) read the same."""
    return NOISE.sub("", unicodedata.normalize("NFKC", title))


def _pairs(text: str) -> set[str]:
    """The set of adjacent character pairs."""
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}
