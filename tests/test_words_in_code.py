"""No word of the language hides in checker/'s code: every Chinese string literal is listed, with its reason, in
tests/words_in_code.yaml (text for users, ranges of the script, the numeral reader's digits, samples, or words still
to move to rules/), and the list holds nothing the code no longer has."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = ROOT / "tests" / "words_in_code.yaml"
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")  # ideographs, not marks
REASONS = ("messages", "script", "numerals", "samples", "to_move")


def chinese_literals(root: Path = ROOT) -> set[tuple[str, str]]:
    """(module path, literal) for every string literal of checker/ holding an ideograph, docstrings left out."""
    found = set()
    for path in sorted((root / "checker").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant) and isinstance(node.body[0].value.value, str)}
        name = path.relative_to(root).as_posix()
        found |= {(name, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                  and CHINESE.search(node.value)}
    return found


def allowed_literals() -> dict[tuple[str, str], str]:
    """(module path, literal) -> the reason it may stay in code, as tests/words_in_code.yaml lists them."""
    raw = yaml.safe_load(ALLOWED.read_text(encoding="utf-8"))
    assert set(raw) <= set(REASONS), f"unknown reasons: {set(raw) - set(REASONS)}"
    return {(path, literal): reason for reason, modules in raw.items() for path, literals in (modules or {}).items()
            for literal in literals}


def test_every_chinese_literal_in_code_is_listed_with_its_reason():
    """A Chinese literal not in the list fails: put words of the language in rules/ (lexicon or rule parameters)."""
    unlisted = sorted(chinese_literals() - set(allowed_literals()))
    assert not unlisted, (
        "Chinese in checker/ code: words of the language belong in rules/ (rules/lexicon/*.yaml or a rule's params, "
        "with defaults in the rule YAML). Only text for users (messages), ranges of the script and the numeral "
        "reader's digits may stay, listed in tests/words_in_code.yaml:\n"
        + "\n".join(f"  {path}: {literal!r}" for path, literal in unlisted))


def test_the_list_holds_only_literals_the_code_has():
    """A listed literal gone from its module (moved to rules/, or reworded) must leave the list, so it only shrinks."""
    stale = sorted(set(allowed_literals()) - chinese_literals())
    assert not stale, "no longer in checker/; delete from tests/words_in_code.yaml:\n" + "\n".join(
        f"  {reason}: {path}: {literal!r}" for (path, literal), reason in sorted(allowed_literals().items())
        if (path, literal) in stale)
