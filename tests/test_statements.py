"""Change statements: built once from grouped claims, read by the kinds instead of role tags."""

from __future__ import annotations

import ast
from pathlib import Path

from checker.engine.statements import build_statements
from checker.extract.resources import load_resources
from checker.run.pipeline import claims_of, load_pack_and_lexicon
from checker.text.ingest import document_from_text

KINDS = Path(__file__).resolve().parent.parent / "checker" / "engine" / "kinds"


def _claims(text: str):
    """The claims of one article."""
    _, lexicon = load_pack_and_lexicon([])
    return claims_of(document_from_text("a.md", text.encode("utf-8")), load_resources(), lexicon)


def test_a_from_to_change_makes_one_statement_with_its_span():
    """从A到B，N年增长X倍 gives one statement: base A, later B, the change and the span."""
    claims = _claims("全市产量从2020年的2.1万吨增加到2024年的8.4万吨，四年增长3倍。\n")
    (statement,) = build_statements(claims)
    assert statement.base.mention.text == "2.1万吨" and statement.later.mention.text == "8.4万吨"
    assert statement.change.mention.text == "3倍"
    assert statement.span is not None and statement.span.mention.text == "四年"


def test_a_change_with_one_level_makes_no_statement():
    """比上年增长X% states one level only: nothing to compute the change from."""
    assert build_statements(_claims("2024年全市产量8.4万吨，比上年增长12.5%。\n")) == ()


def test_one_sentence_states_two_changes_each_with_its_own_levels():
    """营业收入A，较2023年的B增长x%；净利润C，较2023年的D增长y%: two statements, each with its own levels."""
    claims = _claims("公司2024年营业收入12亿元，较2023年的10亿元增长20%；净利润3亿元，较2023年的2亿元增长50%。\n")
    first, second = build_statements(claims)
    texts = [(s.base.mention.text, s.later.mention.text, s.change.mention.text) for s in (first, second)]
    assert texts == [("10亿元", "12亿元", "20%"), ("2亿元", "3亿元", "50%")]


def test_a_change_after_another_level_is_not_the_statements():
    """产量A，比上年B增长x%；销量C，增长y%: y speaks of 销量, so the 产量 statement keeps x alone."""
    claims = _claims("全市产量从2023年的2.1万吨增加到2024年的2.4万吨，增长14.3%；销量1.9万吨，增长9%。\n")
    (statement,) = build_statements(claims)
    assert statement.change.mention.text == "14.3%"
    late = next(c for c in claims if c.mention.text == "9%")
    assert late.group != statement.later.group


def test_a_figure_after_a_comparisons_base_is_the_bases():
    """较上年10亿元 is last year's figure: dated so, it is the base of the change stated with it."""
    claims = _claims("---\ndate: 2025-01-20\n---\n公司2024年营业收入12亿元，较上年10亿元增长20%。\n")
    base = next(c for c in claims if c.mention.text == "10亿元")
    assert base.period is not None and base.period.start is not None and base.period.start.year == 2023
    (statement,) = build_statements(claims)
    assert statement.base is base


def test_a_ratio_or_change_after_a_base_keeps_its_own_period():
    """恢复至2019年同期的73.9%, 比2019年同期增长5%: the figure is this year's, measured against the base."""
    claims = _claims("2024年全市接待游客恢复至2019年同期的73.9%，收入比2019年同期增长5%。\n")
    for text in ("73.9%", "5%"):
        figure = next(c for c in claims if c.mention.text == text)
        assert figure.period is not None and figure.period.start is not None and figure.period.start.year == 2024


def test_kinds_never_read_role_tags():
    """No kind takes claims' group or role apart: they read the statements the engine built once."""
    for path in KINDS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        reads = [node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr in ("role",)]
        assert not reads, f"{path.name} reads {reads}"
