"""A group of claims reduced before the corpus rules: of the claims stating one fact alike, those a rule can name.

The corpus kinds pick claims of a fact by their order and bounds: the first claim with the highest lower bound and the
first with the lowest upper bound (agreement, and rate against levels, which also reads the first of a fact), the
first of a fact (forecast vs actual), the first and the last of a date (revision). Claims of one fact read alike by
every corpus rule (`claim_view` of each kind: the words of its sentence it reads, the document date where it orders by
it) are one class; whatever a rule picks from a class, or from a union of classes, is a member that is first or last,
first with the highest lower bound or first with the lowest upper bound in its class, and whether a fact is stated by
two documents only needs a member of a second document. So a group keeps, of each class, those (at most five), in
their order, and the rules find the same findings naming the same claims. A claim a kind reads with its sentence
(`claim_view` is None: a 同比 rate, whose owner is the level before it) is kept with every claim of its sentence. A pack
with a corpus kind that does not say what it reads keeps every claim.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

from checker.claims.link import fact_key
from checker.engine.registry import kind_module, scope_of
from checker.model import Claim

Item = tuple[tuple[int, int], Claim, int]  # ((file's place, claim's place), claim, group), as claim_groups gives them
View = tuple[Any, Callable[[Any, Claim, Any], Hashable | None]]  # a corpus rule and its kind's claim_view


def build_reducer(pack: Any, date_at: Callable[[int], object]) -> Callable[[Iterable[Item]], Iterator[Item]] | None:
    """A function reducing each group of a stream of items (grouped by group, in place order), or None for a pack
    whose corpus kinds do not all say what they read of a claim.

    date_at: the document date (the rules' `index.dates` value) of the file at a place.
    """
    views: list[View] = []
    for spec in pack.enabled():
        if scope_of(spec.kind) != "corpus":
            continue
        view = getattr(kind_module(spec.kind), "claim_view", None)
        if view is None:
            # A kind that does not say what it reads of a claim may read anything: no claim can be left out.
            return None
        views.append((spec, view))

    def reduce(items: Iterable[Item]) -> Iterator[Item]:
        """The kept items of every group, group by group."""
        for _, members in itertools.groupby(items, key=lambda item: item[2]):
            yield from reduce_group(members, views, date_at)

    return reduce


def reduce_group(items: Iterable[Item], views: list[View], date_at: Callable[[int], object]) -> list[Item]:
    """The items of one group (in place order) a corpus rule can name, in place order; memory grows with the group's
    classes and pinned sentences, not with its claims."""
    classes: dict[Hashable, _Class] = {}
    kept: list[Item] = []
    for file, same_file in itertools.groupby(items, key=lambda item: item[0][0]):
        date = date_at(file)
        read = [(item, _class_of(item[1], views, date)) for item in same_file]
        pinned = {item[1].sentence_start for item, reading in read if reading is None}
        for item, reading in read:
            if reading is None or item[1].sentence_start in pinned:
                # A rule reads this claim with its sentence (a rate and its owner): kept as it is.
                kept.append(item)
                continue
            found = classes.get(reading)
            if found is None:
                classes[reading] = _Class(item)
            else:
                found.add(item)
    for found in classes.values():
        kept.extend({id(item): item for item in found.members()}.values())
    kept.sort(key=lambda item: item[0])
    return kept


class _Class:
    """What the rules can pick of a class: its first and last member, its first of another document, and its first
    members with the highest lower bound and with the lowest upper bound."""

    __slots__ = ("first", "other", "last", "highest_low", "lowest_high")

    def __init__(self, item: Item):
        self.first = self.last = self.highest_low = self.lowest_high = item
        self.other: Item | None = None

    def add(self, item: Item) -> None:
        """Take the next member (in place order)."""
        claim = item[1]
        if self.other is None and claim.doc != self.first[1].doc:
            self.other = item
        self.last = item
        interval = claim.interval()
        # Strictly higher or lower only: among equal bounds the rules pick the first.
        if interval.low > self.highest_low[1].interval().low:
            self.highest_low = item
        if interval.high < self.lowest_high[1].interval().high:
            self.lowest_high = item

    def members(self) -> list[Item]:
        """The members kept (one may fill several places)."""
        chosen = [self.first, self.other, self.last, self.highest_low, self.lowest_high]
        return [item for item in chosen if item is not None]


def _class_of(claim: Claim, views: list[View], date: object) -> Hashable | None:
    """The class of a claim: its fact key and every corpus rule's view (given its document date); None when a rule reads
    it with its sentence or it links no fact."""
    key = fact_key(claim)
    if key is None:
        # A claim that states no fact is read, if at all, as a claim of its sentence: kept.
        return None
    readings = []
    for spec, view in views:
        reading = view(spec, claim, date)
        if reading is None:
            return None
        readings.append(reading)
    return key, tuple(readings)
