"""The short name a listed company's report states for it (公司简称:国联股份)."""

from __future__ import annotations

import functools
import re

from checker.claims.lexicon import ClaimLexicon


def short_company_name(lead: str, lexicon: ClaimLexicon) -> str:
    """The company's short name stated in a title or lead after a short-name mark (公司简称:国联股份), or ''.

    Words the lexicon knows as subjects or references (公司) are no company's name.
    """
    pattern = _pattern(lexicon)
    for found in pattern.finditer(lead) if pattern is not None else ():
        name = found.group("name")
        if name not in lexicon.subjects and name not in lexicon.grammar.get("company_refs", ()):
            return name
    return ""


@functools.lru_cache(maxsize=8)
def _pattern(lexicon: ClaimLexicon) -> re.Pattern[str] | None:
    """公司简称:X, 证券简称：X: a mark, a colon and the short name; None without marks in the lexicon."""
    grammar = lexicon.grammar
    marks = grammar.get("company_short_marks", ())
    if not marks:
        return None
    name = rf"[^\W\d_{re.escape(''.join(grammar.get('non_name_chars', ())))}]"
    return re.compile(rf"(?:{'|'.join(map(re.escape, sorted(marks, key=len, reverse=True)))})\s*[:：]\s*"
                      rf"(?P<name>{name}{{2,8}})")
