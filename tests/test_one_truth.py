"""Every report format tells the same truth as the exit code, and fingerprints do not depend on how paths are typed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.test_cli import RIGHT, WRONG, run

WRONG_TOO = "某省新能源汽车销量从2019年的2.1万辆增至2023年的44.1万辆，四年增长21倍。\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a configuration, two wrong articles and a right one under a/."""
    (tmp_path / "hedui.toml").write_text("cache = false\n", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text(WRONG, encoding="utf-8")
    (tmp_path / "a" / "y.md").write_text(WRONG_TOO, encoding="utf-8")
    (tmp_path / "a" / "z.md").write_text(RIGHT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_without_baseline_the_formats_fail_alike(capsys, project):
    """Two failing files of three: exit 1, two JUnit failures in three cases, two error or warning annotations."""
    code, out, _ = run(capsys, "check", "a", "--format", "junit")
    suite = ET.fromstring(out).find("testsuite")
    assert code == 1 and (suite.get("tests"), suite.get("failures")) == ("3", "2")
    assert len(suite.findall("testcase/failure")) == 2
    _, out, _ = run(capsys, "check", "a", "--format", "github")
    assert sum(line.startswith(("::error ", "::warning ")) for line in out.splitlines()) == 2


def test_with_a_baseline_every_format_agrees_with_exit_0(capsys, project):
    """Baselined findings: no ::error, no JUnit failure, SARIF unchanged, JSON set aside, text set aside."""
    assert run(capsys, "baseline", "a", "--output", "base.json")[0] == 0
    reports = {}
    for fmt in ("text", "json", "sarif", "junit", "github"):
        code, out, _ = run(capsys, "check", "a", "--baseline", "base.json", "--format", fmt, "--lang", "zh")
        assert code == 0, fmt
        reports[fmt] = out
    assert "::error" not in reports["github"] and "::warning" not in reports["github"]
    suite = ET.fromstring(reports["junit"]).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("3", "0") and "(baseline)" in reports["junit"]
    results = json.loads(reports["sarif"])["runs"][0]["results"]
    assert len(results) == 2 and all(r["baselineState"] == "unchanged" for r in results)
    findings = json.loads(reports["json"])["findings"]
    assert len(findings) == 2 and all(f["status"] == "baseline" and f["dismissed"] for f in findings)
    assert reports["text"].count("基线: growth.increase-by-vs-to") == 2
    assert "0 个错误" in reports["text"] and "另有 2 条已搁置（基线 2）" in reports["text"]


def test_set_aside_findings_are_notices_only_when_asked(capsys, project):
    """--show-set-aside turns baselined findings into ::notice annotations naming their status."""
    run(capsys, "baseline", "a", "--output", "base.json")
    code, out, _ = run(capsys, "check", "a", "--baseline", "base.json", "--format", "github", "--show-set-aside")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert all(line.startswith("::notice ") and "(baseline)" in line for line in lines)


@pytest.mark.parametrize("spelling", ["a", "./a", "ABS", "a/../a", "CD"])
def test_the_baseline_matches_however_the_path_is_typed(capsys, project, monkeypatch, spelling):
    """A baseline made with `hedui baseline a` matches ./a, an absolute path and `cd a && hedui check .`."""
    run(capsys, "baseline", "a", "--output", "base.json")
    base = str(project / "base.json")
    if spelling == "CD":
        monkeypatch.chdir(project / "a")
        spelling = "."
    elif spelling == "ABS":
        spelling = str(project / "a")
    code, _, err = run(capsys, "check", spelling, "--baseline", base, "--lang", "zh")
    assert code == 0, err
    assert "不再对应" not in err


def test_fingerprints_follow_the_git_root_without_a_configuration(capsys, tmp_path, monkeypatch):
    """Without a configuration the git work tree is the root: a check from a subfolder matches the baseline."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text(WRONG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run(capsys, "baseline", "a", "--output", "base.json", "--no-cache")
    monkeypatch.chdir(tmp_path / "a")
    assert run(capsys, "check", "x.md", "--baseline", str(tmp_path / "base.json"), "--no-cache")[0] == 0


def _dismiss_all(capsys, path: Path) -> None:
    """Write a decisions file dismissing every current finding under a/."""
    _, out, _ = run(capsys, "check", "a", "--format", "json")
    entries = "".join(f"  {f['fingerprint']}:\n    decision: dismissed\n    reason: ok\n"
                      f"    doc: {f['claims'][0]['doc']}\n" for f in json.loads(out)["findings"])
    path.write_text("decisions:\n" + entries, encoding="utf-8")


def test_a_subset_run_reports_stale_decisions_only_for_its_files(capsys, project):
    """Checking one file never calls the decisions about the other files stale; its own changed one is."""
    _dismiss_all(capsys, project / "hedui-decisions.yaml")
    code, out, _ = run(capsys, "check", "a/x.md", "--format", "json")
    assert code == 0 and json.loads(out)["stale_decisions"] == []
    (project / "a" / "x.md").write_text(RIGHT, encoding="utf-8")
    _, out, _ = run(capsys, "check", "a/x.md", "--format", "json")
    assert len(json.loads(out)["stale_decisions"]) == 1
    _, out, _ = run(capsys, "check", "./a", "--format", "json")
    assert len(json.loads(out)["stale_decisions"]) == 1


def test_baseline_file_names_files_from_the_project_root(capsys, project, monkeypatch):
    """The baseline records project paths, not the paths as typed."""
    monkeypatch.chdir(project / "a")
    run(capsys, "baseline", ".", "--output", "../base.json")
    entries = json.loads((project / "base.json").read_text(encoding="utf-8"))
    assert entries["version"] == 2
    assert sorted(d for e in entries["fingerprints"].values() for d in e["docs"]) == ["a/x.md", "a/y.md"]


def test_unmatched_baseline_entries_are_counted_in_the_chosen_language(capsys, project):
    """A fixed file's baseline entry is reported as no longer matching, with the right English number."""
    run(capsys, "baseline", "a", "--output", "base.json")
    (project / "a" / "x.md").write_text(RIGHT, encoding="utf-8")
    code, _, err = run(capsys, "check", "a", "--baseline", "base.json", "--lang", "en")
    assert code == 0 and "1 baseline entry no longer matches any finding" in err
    _, _, err = run(capsys, "check", "a", "--baseline", "base.json", "--lang", "zh")
    assert "基线中有 1 条不再对应任何发现" in err
    _, _, err = run(capsys, "baseline", "a", "--output", "base.json", "--lang", "en")
    assert "baseline of 1 finding written" in err


def test_github_annotations_name_files_from_the_repository_top(capsys, tmp_path, monkeypatch):
    """Run from a subfolder of a git work tree, annotations still name a/x.md as GitHub needs."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text(WRONG, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a")
    for spelling in ("x.md", str(tmp_path / "a" / "x.md")):
        _, out, _ = run(capsys, "check", spelling, "--format", "github", "--no-cache")
        assert out.startswith("::error file=a/x.md,"), out
