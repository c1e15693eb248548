"""The hedui command line: extract contract, exit codes, bad input, check, baseline, config, cache."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WRONG = "某市新能源汽车产量从2020年的4.3万辆增至2024年的95.3万辆，四年增长22.2倍。\n"
RIGHT = "某市新能源汽车产量从2020年的4.3万辆增至2024年的95.3万辆，四年增长到22.2倍。\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run hedui in-process; return exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A clean working directory (no config, no decisions) with a copy of the seeds."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_extract_jsonl_contract(capsys, workdir):
    """Every jsonl mention carries the contract's fields and slices the decoded text exactly."""
    code, out, _ = run(capsys, "extract", "seeds", "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    texts = {}
    mentions = [r for r in records if r["type"] != "document"]
    assert len(mentions) > 200
    for record in mentions:
        path = record["doc"]
        texts.setdefault(path, Path(path).read_text(encoding="utf-8"))
        assert texts[path][record["start"]:record["end"]] == record["text"]
        if record["type"] == "quantity":
            assert {"value", "low", "high", "unit", "qualifier"} <= record.keys()
        else:
            assert record["kind"] in ("point", "period", "duration", "asof")
    figure = next(r for r in mentions if r["text"] == "95.3万辆")
    assert (figure["value"], figure["low"], figure["high"], figure["unit"]) == (953000, 952500, 953500, "辆")
    documents = {r["doc"]: r for r in records if r["type"] == "document"}
    assert len(documents) == 5 and all(d["dct"] and d["dct_source"] for d in documents.values())
    dated = documents["seeds/003_e71fbb87e14b711f.txt"]
    assert dated["dct"] == "2025-11-25" and "same event" in dated["dct_source"]


def test_extract_table_is_readable(capsys, workdir):
    """The default table names each document with its date and lists figures with their readings."""
    code, out, _ = run(capsys, "extract", "seeds/001_d50660e1f1101acb.txt")
    assert code == 0
    assert "DCT 2025-11-25" in out and "95.3万辆" in out and "[952,500, 953,500]" in out


def test_missing_path_exits_2_and_others_go_on(capsys, workdir):
    """A missing path is a one-line error, exit 2, and the other files are still processed."""
    code, out, err = run(capsys, "extract", "nope.md", "seeds/000_ad931e7ed8f77a5c.txt", "--format", "jsonl")
    assert code == 2
    assert "nope.md" in err and "Traceback" not in err
    assert "000_ad931e7ed8f77a5c.txt" in out


@pytest.mark.parametrize("name,content,needle", [
    ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary"),
    ("bad.txt", "正文".encode() + b"\x80\xff\x80\xff" * 3, "UTF-8"),
    ("frontmatter.md", "---\ntitle: [unclosed\n---\n正文".encode(), "front matter"),
])
def test_bad_input_is_a_clear_error(capsys, workdir, name, content, needle):
    """Binary, undecodable and malformed files give a clear message, no traceback, exit 2."""
    (workdir / name).write_bytes(content)
    (workdir / "ok.md").write_text("2024年产值1.2万亿元。", encoding="utf-8")
    code, out, err = run(capsys, "extract", name, "ok.md", "--format", "jsonl")
    assert code == 2
    assert needle in err and "Traceback" not in err
    assert "1.2万亿元" in out


def test_empty_and_gbk_files_are_read(capsys, workdir):
    """An empty file yields no mentions; a GB18030 file is decoded."""
    (workdir / "empty.txt").write_bytes(b"")
    (workdir / "gbk.txt").write_bytes("2024年，全市产值突破1.2万亿元。".encode("gb18030"))
    code, out, _ = run(capsys, "extract", "empty.txt", "gbk.txt", "--format", "jsonl")
    assert code == 0
    assert "1.2万亿元" in out


def test_check_seeds_finds_the_increase_by_vs_to_error(capsys, workdir):
    """On the seeds, 四年增长22.2倍 is an error with its arithmetic and rewrites; exit 1."""
    code, out, _ = run(capsys, "check", "seeds", "--format", "json", "--no-cache")
    assert code == 1
    report = json.loads(out)
    growth = [f for f in report["findings"] if f["rule"] == "growth.increase-by-vs-to"]
    assert sorted(f["claims"][-1]["text"] for f in growth) == ["22.2倍", "22倍"]  # body and its headline
    growth = [f for f in growth if f["claims"][-1]["text"] == "22.2倍"]
    assert "22.16 (区间 21.90–22.44)" in growth[0]["arithmetic"]
    assert "21.16 (区间 20.90–21.44)" in growth[0]["arithmetic"]
    assert "增长到22.2倍" in growth[0]["suggestion"] and "增长21.2倍" in growth[0]["suggestion"]
    revision = [f for f in report["findings"] if f["rule"] == "revision.target-changed"]
    assert len(revision) == 1 and revision[0]["severity"] == "info"
    assert "2023-11" in revision[0]["arithmetic"] and "2025-11" in revision[0]["arithmetic"]
    assert report["summary"]["documents"] == 5


def test_baseline_round_trip(capsys, workdir):
    """Baseline then check exits 0; a new inconsistent article fails alone; unrelated edits keep fingerprints."""
    assert run(capsys, "baseline", "seeds", "--output", "base.json", "--no-cache")[0] == 0
    assert run(capsys, "check", "seeds", "--baseline", "base.json", "--no-cache")[0] == 0
    (workdir / "seeds" / "new.md").write_text(WRONG, encoding="utf-8")
    code, out, _ = run(capsys, "check", "seeds", "--baseline", "base.json", "--format", "json", "--no-cache")
    report = json.loads(out)
    new = [f for f in report["findings"] if f["status"] == "new"]
    assert code == 1 and [f["rule"] for f in new if f["severity"] == "error"] == ["growth.increase-by-vs-to"]
    assert all(c["doc"].endswith("new.md") for f in new if f["severity"] == "error" for c in f["claims"])
    (workdir / "seeds" / "new.md").unlink()
    seed = workdir / "seeds" / "001_d50660e1f1101acb.txt"
    seed.write_text("编者按：本文有删节。\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(capsys, "check", "seeds", "--baseline", "base.json", "--no-cache")[0] == 0


def test_decisions_dismiss_an_error(capsys, workdir):
    """A dismissed finding no longer fails check and is listed as dismissed; a stale one is reported."""
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    code, out, _ = run(capsys, "check", "a.md", "--format", "json", "--no-cache")
    fp = json.loads(out)["findings"][0]["fingerprint"]
    assert code == 1
    (workdir / "hedui-decisions.yaml").write_text(
        f"decisions:\n  {fp}:\n    decision: dismissed\n    reason: 作者确认\n  deadbeef:\n    decision: accepted\n",
        encoding="utf-8")
    code, out, _ = run(capsys, "check", "a.md", "--format", "json", "--no-cache")
    report = json.loads(out)
    assert code == 0
    assert report["findings"][0]["status"] == "dismissed" and report["findings"][0]["reason"] == "作者确认"
    assert report["stale_decisions"] == ["deadbeef"]


def test_inline_suppression_needs_a_reason(capsys, workdir):
    """<!-- hedui-disable rule: reason --> silences the next paragraph; without a reason it warns."""
    (workdir / "a.md").write_text("<!-- hedui-disable growth.increase-by-vs-to: 引用原文 -->\n" + WRONG,
                                  encoding="utf-8")
    assert run(capsys, "check", "a.md", "--no-cache")[0] == 0
    (workdir / "a.md").write_text("<!-- hedui-disable growth -->\n" + WRONG, encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md", "--no-cache")
    assert code == 0 and "has no reason" in err
    (workdir / "a.md").write_text("<!-- hedui-disable growth: 引用 -->\n\n别的段落。\n\n" + WRONG, encoding="utf-8")
    assert run(capsys, "check", "a.md", "--no-cache")[0] == 1


@pytest.mark.parametrize("config,needle", [
    ("[tool.hedui]\nfail_on = 'error'\n", "fail_on"),
    ("[tool.hedui]\nfail-on = 3\n", "fail-on"),
    ("[tool.hedui]\nrules = ['missing-dir']\n", "missing-dir"),
    ("[tool.hedui]\ndisable = ['no.such-rule']\n", "no.such-rule"),
])
def test_bad_config_exits_2_naming_the_key(capsys, workdir, config, needle):
    """Unknown keys, wrong types, missing rule directories and unknown rule ids are usage errors."""
    (workdir / "pyproject.toml").write_text(config, encoding="utf-8")
    (workdir / "a.md").write_text(RIGHT, encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md", "--no-cache")
    assert code == 2
    assert needle in err and "pyproject.toml" in err and "Traceback" not in err


def test_config_switches_rules_and_prints_sources(capsys, workdir):
    """A hedui.toml re-levels a rule; `hedui config` shows the value and where it came from."""
    (workdir / "hedui.toml").write_text("fail-on = 'warning'\n[severity]\n'growth.increase-by-vs-to' = 'info'\n",
                                        encoding="utf-8")
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    code, out, _ = run(capsys, "check", "a.md", "--format", "json", "--no-cache")
    assert code == 0 and json.loads(out)["findings"][0]["severity"] == "info"
    code, out, _ = run(capsys, "config")
    assert code == 0 and 'fail-on = "warning"' in out and "hedui.toml" in out


def test_cache_is_used_and_a_corrupted_cache_is_rebuilt(capsys, workdir):
    """A warm run gives the same findings; garbage in the cache file is detected and replaced."""
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    first = run(capsys, "check", "a.md", "--format", "json")
    assert (workdir / ".hedui-cache" / "analysis.sqlite").exists()
    second = run(capsys, "check", "a.md", "--format", "json")
    assert first == second
    (workdir / ".hedui-cache" / "analysis.sqlite").write_bytes(b"this is not a database" * 100)
    third = run(capsys, "check", "a.md", "--format", "json")
    assert third == first


def test_against_reports_only_the_draft(capsys, workdir):
    """check draft --against archive reports findings involving the draft only."""
    (workdir / "draft.md").write_text(RIGHT, encoding="utf-8")
    code, out, _ = run(capsys, "check", "draft.md", "--against", "seeds", "--format", "json", "--no-cache")
    report = json.loads(out)
    assert code == 0 and report["findings"] == [] and report["summary"]["documents"] == 6


def test_version_starts_fast():
    """`hedui --version` answers without importing the heavy modules."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "checker.cli", "--version"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "hedui" in out.stdout
    for heavy in ("pint", "dateparser", "yaml", "jsonschema"):
        assert f" {heavy}\n" not in out.stderr and f"| {heavy}\n" not in out.stderr


def test_inline_suppression_survives_a_warm_cache(capsys, workdir):
    """A suppressed finding stays suppressed when the second run reads everything from the cache."""
    (workdir / "a.md").write_text("<!-- hedui-disable growth: 引用原文 -->\n" + WRONG, encoding="utf-8")
    assert run(capsys, "check", "a.md")[0] == 0
    code, out, _ = run(capsys, "check", "a.md", "--format", "json")
    assert code == 0 and json.loads(out)["findings"][0]["status"] == "suppressed"


def test_changed_since_reports_only_changed_files(capsys, workdir):
    """--changed-since REF reports findings involving files changed since REF, checked against all."""
    git = lambda *a: subprocess.run(["git", *a], cwd=workdir, check=True, capture_output=True)  # noqa: E731
    (workdir / "old.md").write_text(WRONG, encoding="utf-8")
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    (workdir / "new.md").write_text("2024年，成都集成电路产业产值达到1500亿元。", encoding="utf-8")
    (workdir / "archive.md").write_text("2024年，成都集成电路产业产值达到1200亿元。", encoding="utf-8")
    code, out, _ = run(capsys, "check", "old.md", "new.md", "archive.md", "--changed-since", "HEAD",
                       "--format", "json", "--no-cache")
    rules = sorted(f["rule"] for f in json.loads(out)["findings"])
    assert rules == ["agreement.conflicting-values"] and code == 0


def test_an_internal_crash_exits_2_even_with_output(capsys, workdir, monkeypatch):
    """A bug inside hedui is reported as an internal error with exit 2, never 0, and writes no report."""
    import checker.run.assemble

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(checker.run.assemble, "cross_check", explode)
    (workdir / "a.md").write_text(RIGHT, encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md", "--output", "report.json", "--format", "json", "--no-cache")
    assert code == 2 and "internal error" in err
    assert not (workdir / "report.json").exists()


def test_parallel_extraction_gives_the_same_report(capsys, workdir, monkeypatch):
    """Analysing files on all cores gives exactly the report of the sequential run."""
    import checker.run.workers

    sequential = run(capsys, "check", "seeds", "--format", "json", "--no-cache")
    monkeypatch.setattr(checker.run.workers, "PARALLEL_FROM", 2)
    parallel = run(capsys, "check", "seeds", "--format", "json", "--jobs", "2")
    assert parallel == sequential


def test_hedui_pages_in_a_checked_folder_are_not_articles(capsys, workdir):
    """A report or timeline written into the checked folder is skipped on the next run."""
    assert run(capsys, "timeline", "seeds", "--format", "html", "--output", "seeds/timeline.html")[0] == 0
    run(capsys, "check", "seeds", "--format", "html", "--output", "seeds/report.html", "--no-cache")
    code, out, _ = run(capsys, "check", "seeds", "--format", "json", "--no-cache")
    assert len(json.loads(out)["documents"]) == 5


def test_timeline_leaves_out_dismissed_findings(capsys, workdir):
    """A finding an editor dismissed no longer flags its timeline entry."""
    (workdir / "a.md").write_text("---\ndate: 2025-01-10\n---\n" + WRONG, encoding="utf-8")
    code, out, _ = run(capsys, "timeline", "a.md", "--format", "json", "--no-cache")
    flagged = [f for e in json.loads(out)["entries"] for f in e["findings"]]
    assert code == 0 and flagged
    (workdir / "hedui-decisions.yaml").write_text(
        f"decisions:\n  {flagged[0]}:\n    decision: dismissed\n    reason: 引用原话\n", encoding="utf-8")
    code, out, _ = run(capsys, "timeline", "a.md", "--format", "json", "--no-cache")
    assert code == 0 and flagged[0] not in {f for e in json.loads(out)["entries"] for f in e["findings"]}


def test_claims_expose_their_fact_key(capsys, workdir):
    """Each claims record carries a `fact` field: the key it links under, or null when it does not link."""
    code, out, _ = run(capsys, "claims", "seeds", "--no-cache")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and all("fact" in r for r in records)
    keyed = [r for r in records if r["fact"]]
    assert keyed and all(r["fact"].startswith(r["subject"] + "/") for r in keyed)
