"""A listed company's short name: stated after a mark (公司简称:国联股份) or opening its title (隆基绿能2024年营收)."""

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


def titled_company_name(title: str, lexicon: ClaimLexicon) -> str:
    """The company a title opens with before a year and a word of a company's report (隆基绿能2024年营收…,
    药明康德2020年业绩…, 观典防务:2023年度业绩快报), or ''.

    A place, a reference or a name holding a scope, industry or measure word (规上工业企业2024年营收) is no company.
    """
    pattern = _title_pattern(lexicon)
    found = pattern.match(title.strip()) if pattern is not None else None
    if found is None:
        # The title opens with no name before a year and a report word.
        return ""
    name = found.group("name")
    if name in lexicon.subjects or any(pattern.search(name) for pattern in (
            lexicon.measure_re, lexicon.industry_re, lexicon.generic_re, lexicon.subject_re)) or any(
            scope in name for scope in lexicon.scopes):
        # 北京2024年…, 规上工业企业2024年营收: a place or a group of firms, no company.
        return ""
    return name


@functools.lru_cache(maxsize=8)
def _title_pattern(lexicon: ClaimLexicon) -> re.Pattern[str] | None:
    """A title's opening name (at least SHORT_NAME characters), an optional colon, a year and a report word; None
    without report words in the lexicon."""
    grammar = lexicon.grammar
    words = grammar.get("company_report_words", ())
    if not words:
        return None
    name = rf"[^\W\d_{re.escape(''.join(grammar.get('non_name_chars', ())))}]"
    years = "|".join(map(re.escape, grammar.get("year_marks", ())))
    return re.compile(rf"\W*(?P<name>{name}{{4,8}}?)\s*[:：]?\s*\d{{4}}(?:{years})?"
                      rf"(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})")


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
