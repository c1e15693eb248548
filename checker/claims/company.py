"""The short name a company's report or a news report on it uses (公司简称:国联股份, 隆基绿能29日披露…年度报告)."""

from __future__ import annotations

import functools
import re

from checker.claims.lexicon import ClaimLexicon


def short_company_name(lead: str, lexicon: ClaimLexicon) -> str:
    """The company's short name stated in a title or lead: after a short-name mark, or opening a report's release.

    Words the lexicon knows as subjects (国家统计局's 全国) or references (公司) are no company's name.
    """
    for pattern in _patterns(lexicon):
        for found in pattern.finditer(lead):
            name = found.group("name")
            if lead[:found.end("name")].endswith(tuple(lexicon.grammar.get("company_suffixes", ()))):
                # 星河电机股份有限公司发布…: the tail of a full name, which names the company itself.
                continue
            if name not in lexicon.subjects and name not in lexicon.grammar.get("company_refs", ()):
                return name
    return ""


@functools.lru_cache(maxsize=8)
def _patterns(lexicon: ClaimLexicon) -> tuple[re.Pattern[str], ...]:
    """公司简称:X, and X(29日)披露《2024年年度报告》: the two ways a lead names a listed company by its short name.

    The name before the verb stands alone: the tail of a full name (…股份有限公司发布) is none.
    """
    grammar = lexicon.grammar
    name = rf"[^\W\d_{re.escape(''.join(grammar.get('non_name_chars', ())))}]"  # 在已发布: 在 and 已 open no name
    marks, verbs, reports = (grammar.get(key, ()) for key in ("company_short_marks", "company_report_verbs",
                                                               "company_reports"))
    patterns = []
    if marks:
        patterns.append(re.compile(rf"(?:{_any(marks)})\s*[:：]\s*(?P<name>{name}{{2,8}})"))
    if verbs and reports:
        patterns.append(re.compile(rf"(?<!{name})(?P<name>{name}{{2,6}})(?:\d{{1,2}}日)?(?:{_any(verbs)})了?《?(?:\d{{4}}年)?"
                                   rf"(?:{_any(reports)})"))
    return tuple(patterns)


def _any(words: tuple[str, ...]) -> str:
    """An alternation of words, longest first."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
