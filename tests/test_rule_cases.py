"""Rule cases: every case file under tests/rule_cases runs against the default pack, exhaustively."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.testing import collect_case_files, load_cases, run_case

CASE_DIR = Path(__file__).parent / "rule_cases"
RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


def _all_cases():
    """Every (rule, case) pair, with ids '<rule-id>::<case>'."""
    for rule, path in collect_case_files(CASE_DIR).items():
        for case in load_cases(path, rule):
            marks = [pytest.mark.xfail(reason=case.todo, strict=False)] if case.todo else []
            yield pytest.param(case, id=f"{rule}::{case.name}", marks=marks)


@pytest.fixture(scope="module")
def pack_and_lexicon():
    """The default rule pack and claim lexicon."""
    from checker.run.pipeline import load_pack_and_lexicon

    return load_pack_and_lexicon([])


@pytest.mark.parametrize("case", list(_all_cases()))
def test_rule_case(case, pack_and_lexicon, resources):
    """The rule produces exactly the listed findings on the case's articles."""
    pack, lexicon = pack_and_lexicon
    result = run_case(case, pack, resources, lexicon)
    assert result.passed, f"missing {list(result.missing)}; unexpected {list(result.unexpected)}"


def test_every_rule_has_failing_and_passing_cases(pack_and_lexicon):
    """Each rule has a case file with at least one failing case and one silent twin."""
    pack, _ = pack_and_lexicon
    files = collect_case_files(CASE_DIR)
    problems = []
    for spec in pack.rules:
        if spec.id not in files:
            problems.append(f"{spec.id}: no case file")
            continue
        cases = [c for c in load_cases(files[spec.id], spec.id) if not c.todo]
        if not any(c.expected for c in cases):
            problems.append(f"{spec.id}: no failing case")
        if not any(not c.expected for c in cases):
            problems.append(f"{spec.id}: no passing case")
    assert problems == []


def test_no_orphan_case_files(pack_and_lexicon):
    """Every case file mirrors a rule file one-to-one."""
    pack, _ = pack_and_lexicon
    ids = {spec.id for spec in pack.rules}
    assert sorted(set(collect_case_files(CASE_DIR)) - ids) == []


def test_documented_examples_behave(pack_and_lexicon, resources):
    """A rule's 'bad' examples produce a finding of that rule and its 'good' examples none."""
    from checker.testing import RuleCase

    pack, lexicon = pack_and_lexicon
    wrong = []
    for spec in pack.rules:
        if spec.kind in ("revision",):
            # A revision needs two publications with different dates: its examples only document.
            continue
        for index, example in enumerate(spec.examples):
            for verdict, text in example.items():
                case = RuleCase(spec.id, f"example-{index}", (("example.md", text, None),), ())
                result = run_case(case, pack, resources, lexicon)
                fired = bool(result.unexpected)
                if fired != (verdict == "bad"):
                    wrong.append(f"{spec.id} {verdict}: {text}")
    assert wrong == []
