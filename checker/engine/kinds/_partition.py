"""Partitions: the parts of a whole listed with 分别为 whose labels cover it all (0-17岁…60岁及以上, 城镇和乡村)."""

from __future__ import annotations

import re

from checker.model import Claim

# Marks that end the clause a list of labels stands in.
CLAUSE_MARKS = r"[，,；;：:。]"


def split_labels(head: str, joiners: tuple[str, ...]) -> list[str]:
    """The labels of a list as written before 分别为: 0-17岁、18-34岁和60岁及以上户籍人口 → three items."""
    clause = re.split(CLAUSE_MARKS, head)[-1]
    pattern = "|".join(map(re.escape, joiners))
    return [item for item in re.split(pattern, clause) if item] if pattern else [clause]


def covered_metric(items: list[str], partitions: tuple[tuple[str, ...], ...], band_starts: tuple[str, ...],
                   open_ends: tuple[str, ...]) -> str:
    """The metric after the last label when the labels cover the whole ('' when they may not): a closed set of
    the rule file (城镇, 乡村) or age bands from a start (0-17岁) to an open end (60岁及以上)."""
    if len(items) < 2:
        # One label covers nothing but itself.
        return ""
    *first, last = items
    for labels in partitions:
        for label in labels:
            if last.startswith(label) and sorted([*first, label]) == sorted(labels):
                return last[len(label):]
    if items[0].startswith(band_starts):
        ends = [last.find(word) + len(word) for word in open_ends if word in last]
        if ends:
            return last[max(ends):]
    return ""


def whole_of(metric: str, parts: list[Claim], levels: list[Claim], links: tuple[str, ...],
             reach: int) -> Claim | None:
    """The nearest level before the parts, within `reach` characters, stated as the metric itself
    (年末全县户籍人口为112635人 for 户籍人口), in the parts' unit."""
    first = parts[0]
    candidates = []
    for claim in levels:
        if claim.doc != first.doc or claim.figure.unit != first.figure.unit or claim in parts:
            # A whole of another article or unit, or one of the parts themselves, is not their whole.
            continue
        if not 0 < first.mention.reading_start - claim.mention.reading_start <= reach:
            # Only a whole stated shortly before its parts is theirs.
            continue
        before = claim.sentence[: max(0, claim.mention.reading_start - claim.sentence_start)]
        clause = re.split(CLAUSE_MARKS, before)[-1]
        for link in sorted(links, key=len, reverse=True):
            if clause.endswith(link):
                clause = clause[: -len(link)]
                break
        if clause.endswith(metric):
            candidates.append(claim)
    return max(candidates, key=lambda c: c.mention.reading_start) if candidates else None
