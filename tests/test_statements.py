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


def test_kinds_never_read_role_tags():
    """No kind takes claims' group or role apart: they read the statements the engine built once."""
    for path in KINDS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        reads = [node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr in ("role",)]
        assert not reads, f"{path.name} reads {reads}"
