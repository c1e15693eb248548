"""How an enumeration claim records its items: the listed items, then a closing mark when the list is open."""

from __future__ import annotations

from checker.model import Claim

# build.py tags an open list (A、B、C等三大…) with this grammar group and appends the article's own closing word (one of
# the lexicon's enumeration.open_marks) as its last item.
OPEN_LIST = "open_list"


def is_open_list(claim: Claim) -> bool:
    """True when an enumeration says its list may go on (A、B等N项): it may name fewer items than it counts."""
    return bool(claim.items) and OPEN_LIST in claim.grammar


def listed_items(claim: Claim) -> tuple[str, ...]:
    """The items an enumeration names, without its closing mark."""
    return claim.items[:-1] if is_open_list(claim) else claim.items
