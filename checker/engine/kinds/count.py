"""Count: an enumeration 'A、B、C等N大X' (or a ranked list 'A、B、C分列前N位') against the number of items it lists."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.claims.enumeration import is_open_list, listed_items
from checker.engine.kinds._shared import expect_keys, make_finding, require_keys, words_of
from checker.errors import RuleFileError
from checker.model import Claim, Finding

PROBLEMS = ("enumeration", "rank-list")
RANK_KEYS = ("rank_verbs", "rank_units", "item_joiners", "open_words", "first_words")
# Marks that end the clause a ranked list stands in.
CLAUSE_MARKS = re.compile(r"[，,；;：:。！？]")


@attrs.frozen
class Params:
    """problem: enumeration (A、B、C等N大X, the claims stage's count claims) or rank-list (A、B、C分列…前N位);
    closed_units: classifiers of a closed set of categories (N大, N类), required for enumeration;
    max_gap: how many items an open list (等) of such a set may miss before it is flagged (default 1);
    rank_verbs, rank_units, item_joiners, open_words, first_words (rank-list, required): the verb between a list and
    its ranks (分列), the units of the ranks (位, 名), the words joining the last items (和, 及), the words that leave a
    list open (等) and the words right before the number of the first places a list takes (前)."""

    closed_units: tuple[str, ...] = ()
    max_gap: int = 1
    problem: str = "enumeration"
    rank_verbs: tuple[str, ...] = ()
    rank_units: tuple[str, ...] = ()
    item_joiners: tuple[str, ...] = ()
    open_words: tuple[str, ...] = ()
    first_words: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {"closed_units": list, "max_gap": int, "problem": str,
                                **dict.fromkeys(RANK_KEYS, list)}, path, lines)
        problem = raw.get("problem", PROBLEMS[0])
        if problem not in PROBLEMS:
            raise RuleFileError(path, lines.get("params.problem"), "params.problem",
                                f"must be one of: {', '.join(PROBLEMS)}")
        if problem == "rank-list":
            require_keys(raw, RANK_KEYS, path, lines)
            verbs, units, joiners, opens, firsts = (words_of(raw, key, path, lines) for key in RANK_KEYS)
            return cls(problem=problem, rank_verbs=verbs, rank_units=units, item_joiners=joiners, open_words=opens,
                       first_words=firsts)
        require_keys(raw, ("closed_units",), path, lines)
        return cls(closed_units=words_of(raw, "closed_units", path, lines), max_gap=raw.get("max_gap", 1))


def check(spec, context) -> list[Finding]:
    """Flag enumerations that list more items than stated, or fewer without 等."""
    if spec.params.problem == "rank-list":
        return _check_rank_lists(spec, context.index.claims)
    findings = []
    for claim in context.index.claims:
        if claim.relation != "count" or not claim.items:
            continue
        stated = int(claim.value.value)
        open_ended = is_open_list(claim)
        listed = len(listed_items(claim))
        if listed == stated:
            continue
        if listed < stated and open_ended and not _short_by_few(claim, stated - listed, spec.params):
            # 重庆大学、长安汽车、赛力斯等14家: 等 before a large count introduces a sample.
            continue
        items = "、".join(listed_items(claim))
        arithmetic = f"列举{listed}项（{items}），文中称“{claim.mention.text}”"
        findings.append(make_finding(spec, (claim,), arithmetic=arithmetic, stated=claim.mention.text,
                                     listed=listed, items=items))
    return findings


def _short_by_few(claim, gap: int, params: Params) -> bool:
    """True when a closed category count (六大) lists just one or two items fewer than it says."""
    return claim.value.unit in params.closed_units and gap <= params.max_gap and len(claim.items) >= 3


def _check_rank_lists(spec, claims) -> list[Finding]:
    """A、B、C、D分列进口值前5位: a closed list that takes the first N places must name N items."""
    findings = []
    for claim in claims:
        if claim.value is None or claim.figure.unit not in spec.params.rank_units:
            continue
        items = _ranked_items(spec.params, claim)
        if items is None or len(items) == int(claim.figure.value):
            # No ranked list before the figure, or as many items as places.
            continue
        listed = "、".join(items)
        arithmetic = f"列举{len(items)}项（{listed}），文中称“前{claim.mention.text}”"
        findings.append(make_finding(spec, (claim,), arithmetic=arithmetic, stated=f"前{claim.mention.text}",
                                     listed=len(items), items=listed))
    return findings


def _ranked_items(params: Params, claim: Claim) -> tuple[str, ...] | None:
    """The items of 'A、B和C分列…前N位' before the figure, or None when its clause is no closed ranked list."""
    before = claim.sentence[: max(0, claim.mention.reading_start - claim.sentence_start)]
    clause = CLAUSE_MARKS.split(before)[-1]
    if not clause.endswith(params.first_words):
        # 第5位, 居全省第3位: one rank, not the first N places a list shares.
        return None
    at = max(clause.rfind(verb) for verb in params.rank_verbs)
    if at <= 0 or "、" not in clause[:at]:
        # No verb sharing out the places, or no list of at least three written with 、 before it.
        return None
    head = clause[:at]
    if any(head.endswith(word) for word in params.open_words):
        # 等分列前五位: an open list names a sample of the places' holders.
        return None
    joined = re.split("|".join(map(re.escape, params.item_joiners)), head.split("、")[-1]) if params.item_joiners \
        else [head.split("、")[-1]]
    items = tuple(item for item in (*head.split("、")[:-1], *joined) if item)
    return items if len(items) >= 2 else None
