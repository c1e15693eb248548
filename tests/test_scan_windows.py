"""Scans narrowed for speed find what the whole-text scan finds (the claims stage's enumerations)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.claims.build import _enumeration_matches, enumeration_scan
from checker.claims.lexicon import load_claim_lexicon
from checker.extract.resources import RULES_DIR

SCAN = enumeration_scan(load_claim_lexicon([RULES_DIR / "lexicon" / "claims.yaml"]))

# Pieces of list-like text: items (up to past the 14-character limit), marks, counts and clause marks.
_ITEM = st.text(alphabet="甲乙丙丁戊己庚辛AB“”\"", min_size=1, max_size=17)
_COUNTS = st.sampled_from(["等三大", "两项", " 5项", "等12个", "十二项", "三十二项", "\n3大", "等十种", "2大", "一项"])
_MARKS = st.sampled_from(["、", "、", "，", "。", "；", "\n", "：", " ", "　", "5"])
_LISTS = st.lists(st.one_of(_ITEM, _COUNTS, _MARKS), max_size=40).map("".join)


def _found(matches) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    """Each match's span and groups, for comparing two scans."""
    return [(match.span(), match.groups()) for match in matches]


@settings(max_examples=400, deadline=None)
@given(_LISTS)
def test_enumerations_found_near_counts_are_those_of_the_whole_text(text):
    """Looking only around counts finds the same enumerations, with the same groups, as scanning every character."""
    assert _found(_enumeration_matches(text, SCAN)) == _found(SCAN.pattern.finditer(text))


def test_the_longest_list_before_its_count_is_found():
    """A list as long as the pattern reads (twelve items of 14 characters, then the last) is found from its start."""
    text = "前言：" + "、".join(["甲乙丙丁戊己庚辛甲乙丙丁戊己"] * 13) + "等十三项工作。"
    assert _found(_enumeration_matches(text, SCAN)) == _found(SCAN.pattern.finditer(text)) != []
