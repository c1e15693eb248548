"""The Dask engine: the same findings with the same fingerprints as the default engine."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from tests.test_cli import ROOT, SEEDS, WRONG, run

pytest.importorskip("dask.distributed")


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The seeds, a generated corpus with injected inconsistencies, and one wrong article."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from gen_corpus import generate_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    shutil.copytree(SEEDS, tmp_path / "corpus" / "seeds")
    generate_corpus(tmp_path / "generated", 80, 3)
    shutil.copytree(tmp_path / "generated" / "articles", tmp_path / "corpus" / "generated")
    (tmp_path / "corpus" / "wrong.md").write_text(WRONG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "corpus"


def test_dask_gives_the_default_engines_findings(capsys, corpus):
    """On a LocalCluster of 2 workers, the report (findings, fingerprints, summary) equals the default engine's."""
    local = run(capsys, "check", "corpus", "--format", "json", "--no-cache", "--jobs", "2")
    dask = run(capsys, "check", "corpus", "--format", "json", "--no-cache", "--engine", "dask", "--jobs", "2")
    assert dask[0] == local[0] == 1
    expected, got = json.loads(local[1]), json.loads(dask[1])
    assert len(expected["findings"]) > 10
    assert {f["rule"] for f in expected["findings"]} >= {"agreement.conflicting-values", "growth.increase-by-vs-to"}
    assert sorted(f["fingerprint"] for f in got["findings"]) == sorted(f["fingerprint"] for f in expected["findings"])
    assert got == expected


def test_an_unreachable_scheduler_is_exit_2_with_a_message(capsys, tmp_path, monkeypatch):
    """--scheduler naming an address nobody listens on ends with exit 2 and a clear message, no traceback."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    code, out, err = run(capsys, "check", "a.md", "--no-cache", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and out == ""
    assert "Dask" in err and "tcp://127.0.0.1:9" in err and "Traceback" not in err


def test_engine_dask_in_the_configuration(capsys, tmp_path, monkeypatch):
    """engine = "dask" in the configuration selects the engine; an unknown engine is a clear error."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    (tmp_path / "hedui.toml").write_text('engine = "dask"\nscheduler = "tcp://127.0.0.1:9"\n', encoding="utf-8")
    assert "127.0.0.1:9" in run(capsys, "check", "a.md", "--no-cache")[2]
    (tmp_path / "hedui.toml").write_text('engine = "spark"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md", "--no-cache")
    assert code == 2 and "engine" in err and "dask" in err
