"""Hostile and broken input (issue 15): alias bombs, unreadable paths, full disks, bad outputs, one bad article."""

from __future__ import annotations

import time

import pytest

from checker.cli.main import main

WRONG = "某市新能源汽车产量从2020年的4.3万辆增至2024年的95.3万辆，四年增长22.2倍。\n"
# Nine levels of nine aliases: billions of nodes once expanded, 350 bytes as written.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run hedui in-process; return exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty working directory without config or decisions."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- YAML aliases -------------------------------------------------------------------------------------


def test_alias_bomb_in_front_matter_is_ignored_with_a_warning(capsys, workdir):
    """Front matter with aliases is dropped with a warning naming the file; the article is still checked."""
    (workdir / "a.md").write_text(f"---\n{ALIAS_BOMB}---\n{WRONG}", encoding="utf-8")
    began = time.perf_counter()
    code, out, err = run(capsys, "check", "a.md", "--no-cache", "--quiet")
    assert time.perf_counter() - began < 10
    assert code == 1 and "growth.increase-by-vs-to" in out
    assert "hedui: warning: a.md:3:" in err and "别名" in err


def test_alias_in_a_decisions_file_is_refused(capsys, workdir):
    """A decisions file with an alias is an error naming the file and line, exit 2."""
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    (workdir / "hedui-decisions.yaml").write_text("decisions:\n" + "".join(
        "  " + line + "\n" for line in ALIAS_BOMB.splitlines()), encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md", "--no-cache", "--quiet")
    assert code == 2 and "hedui-decisions.yaml:3:" in err and "别名" in err


def test_alias_in_a_rule_file_is_refused(capsys, workdir):
    """A rule file with an alias is an error naming the file and line, exit 2."""
    rules = workdir / "myrules" / "wording"
    rules.mkdir(parents=True)
    (rules / "bomb.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md", "--rules", "myrules", "--no-cache", "--quiet")
    assert code == 2 and "bomb.yaml:2:" in err and "别名" in err


def test_anchors_without_aliases_still_load():
    """An anchor nobody refers to is harmless and loads as plain data."""
    from checker.yamlio import parse_yaml_mapping

    assert parse_yaml_mapping("a: &x 1\nb: 2\n", "t.yaml")[0] == {"a": 1, "b": 2}
