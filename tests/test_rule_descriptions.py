"""Every rule of the default pack is described in Chinese and in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.run.pipeline import load_pack_and_lexicon

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
RULES = load_pack_and_lexicon([])[0].rules


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.id)
def test_rule_has_a_chinese_description(spec):
    """The description is Chinese prose: Han characters and at most a few Latin words (kind names, GB/T)."""
    text = spec.describe("zh")
    assert len(HAN.findall(text)) >= 10, text
    assert len(LATIN_WORD.findall(text)) <= 3, text


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.id)
def test_rule_has_an_english_description(spec):
    """The English description is English prose: several Latin words, Chinese only in quoted surfaces."""
    text = spec.describe("en")
    assert len(LATIN_WORD.findall(text)) >= 6, text
    assert text != spec.describe("zh")


def test_describe_falls_back_to_the_other_language(tmp_path: Path):
    """A user's rule with only one description shows it in both languages."""
    import attrs

    spec = attrs.evolve(RULES[0], description="只有中文。", description_en="")
    assert spec.describe("en") == "只有中文。"
    assert attrs.evolve(spec, description="", description_en="English only.").describe("zh") == "English only."


def test_every_shipped_rule_file_passes_the_schema():
    """The shipped pack loads without jsonschema at start-up, so this test holds it to the schema."""
    import json

    import jsonschema

    from checker.text.rulesdir import find_rules_dir
    from checker.yamlio import load_yaml_mapping

    rules_dir = find_rules_dir()
    validator = jsonschema.Draft202012Validator(json.loads((rules_dir / "schema.json").read_text(encoding="utf-8")))
    files = [p for p in sorted(rules_dir.glob("*/*.yaml")) if p.parent.name != "lexicon"]
    assert len(files) == len(RULES)
    for path in files:
        raw, _ = load_yaml_mapping(path)
        assert not list(validator.iter_errors(raw)), path
