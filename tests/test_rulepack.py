"""Rule files and lexicons: schema validation, errors that cite file, line and key, and safe loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.errors import RuleFileError
from checker.run.pipeline import load_pack_and_lexicon
from checker.extract.resources import RULES_DIR
from checker.extract.units import load_unit_system

GOOD = """kind: wording
severity: warning
message: "“{match}”：示例"
params:
  pattern: "示例"
"""


def _write_rule(tmp_path: Path, kind: str, name: str, text: str) -> Path:
    """Write one rule file into a user rule directory."""
    folder = tmp_path / "rules" / kind
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "rules"


def test_default_pack_loads_with_every_kind():
    """The default pack loads, and every rule names a kind that has a module."""
    pack, _ = load_pack_and_lexicon([])
    assert len(pack.rules) >= 20
    assert {r.kind for r in pack.rules} >= {"agreement", "growth", "share", "total", "count", "duration",
                                            "relative-date", "revision", "forecast-vs-actual", "headline-vs-body", "wording"}


def test_user_rule_directory_adds_a_rule(tmp_path):
    """A user rule directory adds rules whose id comes from the path."""
    pack, _ = load_pack_and_lexicon([_write_rule(tmp_path, "wording", "example-word", GOOD)])
    assert pack.by_id("wording.example-word") is not None


@pytest.mark.parametrize("text,line,key", [
    (GOOD + "colour: red\n", 6, "colour"),
    (GOOD.replace("severity: warning", "severity: fatal"), 2, "severity"),
    (GOOD.replace("kind: wording", "kind: nonsense"), 1, "kind"),
    (GOOD.replace('  pattern: "示例"', '  pattern: "示例("'), 5, "params.pattern"),
    (GOOD + "  extra: 1\n", 6, "params.extra"),
    (GOOD.replace('message: "“{match}”：示例"\n', ""), None, None),
    ("kind: [unclosed\n", 2, None),
])
def test_malformed_rule_file_names_file_line_and_key(tmp_path, text, line, key):
    """Unknown keys, bad values and broken YAML are errors naming the file, line and key."""
    rules = _write_rule(tmp_path, "wording", "broken", text)
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([rules])
    error = caught.value
    assert error.path.endswith("broken.yaml")
    if line is not None:
        assert error.line == line
    if key is not None:
        assert error.key == key
    assert "broken.yaml" in str(error)


def test_rule_files_are_data_not_code(tmp_path):
    """A YAML tag that would build a Python object is refused by the safe loader."""
    rules = _write_rule(tmp_path, "wording", "evil", "!!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(RuleFileError):
        load_pack_and_lexicon([rules])


def test_kind_must_match_folder(tmp_path):
    """A rule's kind must be the folder it lives in."""
    rules = _write_rule(tmp_path, "growth", "odd", GOOD)
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([rules])
    assert caught.value.key == "kind"


def test_unknown_unit_in_lexicon_names_file_line_and_key(tmp_path):
    """A surface unit mapped to a pint name that units.txt does not define is an error with its line."""
    lexicon = tmp_path / "units.yaml"
    lexicon.write_text("元: yuan\n辆: vehicle\n艘: ship\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_unit_system(RULES_DIR / "units.txt", lexicon)
    assert (caught.value.line, caught.value.key) == (3, "艘") and "ship" in str(caught.value)


def test_bad_unit_definitions_are_an_error(tmp_path):
    """A broken pint definitions file is a RuleFileError naming the file."""
    shutil.copy(RULES_DIR / "units.txt", tmp_path / "units.txt")
    with open(tmp_path / "units.txt", "a", encoding="utf-8") as out:
        out.write("@context unfinished\n")
    with pytest.raises(RuleFileError) as caught:
        load_unit_system(tmp_path / "units.txt", RULES_DIR / "lexicon" / "units.yaml")
    assert "units.txt" in str(caught.value)


def test_units_keep_dimensions_apart(resources):
    """元 never compares with 辆, 家 never with 辆; 美元 converts to 元 only with a rate."""
    units = resources.units
    assert units.comparable("元", "元") and not units.comparable("元", "辆")
    assert not units.comparable("家", "辆") and not units.comparable("元", "美元")
    assert units.convert(2.0, "美元", "元", usd_cny=7.0) == pytest.approx(14.0)
    assert units.convert(1.0, "公里", "米") == pytest.approx(1000.0)
    with pytest.raises(Exception):
        units.convert(1.0, "美元", "元")


def test_malformed_lexicon_names_the_key(tmp_path):
    """A claim lexicon with an unknown section is an error naming it."""
    bad = tmp_path / "claims.yaml"
    bad.write_text("measures:\n  产值: 产值\nmetrix: []\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([], [bad])
    assert (caught.value.line, caught.value.key) == (3, "metrix")


def test_hedge_lexicon_rejects_an_unknown_qualifier(tmp_path):
    """A hedge mapped to a qualifier that does not exist is an error naming its line and key."""
    from checker.extract.quantities import load_hedges

    bad = tmp_path / "hedges.yaml"
    bad.write_text("before:\n  约: approx\n  至多: at-most\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_hedges(bad)
    assert (caught.value.line, caught.value.key) == (3, "before.至多")


def test_units_give_a_dimension_and_a_base_factor(resources):
    """Surface units map to pint dimensions with a factor to the base unit; unknown surfaces stand alone."""
    units = resources.units
    km_dimension, km = units.base_of("公里")
    m_dimension, m = units.base_of("米")
    assert km_dimension == m_dimension and m == pytest.approx(km / 1000)
    assert units.base_of("元")[0] != units.base_of("美元")[0] != units.base_of("辆")[0]
    assert units.base_of("") == ("", 1.0) and units.base_of("艘") == ("艘", 1.0)


def test_schema_kinds_are_the_registry_kinds():
    """The schema's enum of kinds, its per-kind parameter definitions and the registry name the same kinds."""
    import json

    from checker.engine.registry import KINDS

    schema = json.loads((RULES_DIR / "schema.json").read_text(encoding="utf-8"))
    assert sorted(schema["properties"]["kind"]["enum"]) == sorted(KINDS)
    assert sorted(schema["$defs"]) == sorted(f"params-{kind}" for kind in KINDS)


def test_schema_documents_each_kind_parameter():
    """Each kind's typed parameter value has exactly the keys its schema definition allows."""
    import json

    import attrs

    from checker.engine.registry import KINDS

    schema = json.loads((RULES_DIR / "schema.json").read_text(encoding="utf-8"))
    for kind, module in KINDS.items():
        documented = set(schema["$defs"][f"params-{kind}"]["properties"])
        fields = {f.name for f in attrs.fields(module.Params) if not f.name.endswith("_re")}
        assert documented == fields, kind
        assert all(schema["$defs"][f"params-{kind}"]["properties"][k].get("description") for k in documented), kind


def test_unknown_kind_names_the_valid_kinds(tmp_path):
    """A rule of a kind the registry does not list is rejected with file, line, key and the valid kinds."""
    from checker.engine.registry import KINDS

    rules = _write_rule(tmp_path, "nonsense", "odd", GOOD.replace("kind: wording", "kind: nonsense"))
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([rules])
    assert (caught.value.line, caught.value.key) == (1, "kind")
    assert all(kind in str(caught.value) for kind in KINDS)


@pytest.mark.parametrize("kind,name", [
    ("total", "parts-exceed-total"), ("growth", "change-mismatch"), ("count", "enumeration-mismatch"),
    ("weekday", "date-weekday-mismatch"), ("relative-date", "years-ago-mismatch"), ("duration", "span-mismatch"),
    ("share", "part-of-whole"), ("agreement", "conflicting-values"),
])
def test_unknown_parameter_key_names_file_line_and_key(tmp_path, kind, name):
    """A parameter key a kind does not know is rejected, naming the file, its line and the key."""
    text = (RULES_DIR / kind / f"{name}.yaml").read_text(encoding="utf-8")
    if "\nparams:\n" not in text:
        text += "params:\n"
    text = text.replace("\nparams:\n", "\nparams:\n  colour: red\n")
    line = text.splitlines().index("  colour: red") + 1
    rules = _write_rule(tmp_path, kind, name, text)
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([rules])
    assert (caught.value.line, caught.value.key) == (line, "params.colour")
    assert f"{name}.yaml:{line}" in str(caught.value)


def test_missing_vocabulary_parameter_is_an_error(tmp_path):
    """A kind's vocabulary lives in its rule file: leaving it out is an error naming the key."""
    text = (RULES_DIR / "share" / "part-of-whole.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("  part_words")) + "\n"
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([_write_rule(tmp_path, "share", "part-of-whole", text)])
    assert caught.value.key in ("params", "params.part_words") and "part-of-whole.yaml" in str(caught.value)


def test_duration_count_words_are_read_by_the_numeral_reader(tmp_path):
    """A count word that the one numeral reader does not read as its position is rejected with its line."""
    text = (RULES_DIR / "duration" / "span-mismatch.yaml").read_text(encoding="utf-8")
    text = text.replace("[一, 两, 三,", "[一, 两, 五,")
    with pytest.raises(RuleFileError) as caught:
        load_pack_and_lexicon([_write_rule(tmp_path, "duration", "span-mismatch", text)])
    assert caught.value.key == "params.count_words.2"
