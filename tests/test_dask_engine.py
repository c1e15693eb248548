"""The Dask engine: the same findings with the same fingerprints as the default engine."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import threading
import time

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


def test_a_worker_killed_mid_run_gives_the_same_report(capsys, corpus):
    """A Dask worker killed (SIGKILL) while it analyses: Dask runs its tasks again elsewhere, the report is the same."""
    from dask.distributed import Client, LocalCluster

    local = run(capsys, "check", "corpus", "--format", "json", "--no-cache", "--jobs", "2")
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50)
    client = Client(cluster)
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        """Wait until a worker has tasks, then kill its process."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            busy = [worker for worker, tasks in client.processing().items() if tasks]
            if busy:
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    try:
        dask = run(capsys, "check", "corpus", "--format", "json", "--no-cache", "--engine", "dask",
                   "--scheduler", cluster.scheduler_address)
    finally:
        killer.join()
        client.close()
        cluster.close()
    assert killed, "no worker was busy to kill"
    assert dask[0] == local[0] == 1
    assert json.loads(dask[1]) == json.loads(local[1])


def test_dask_reads_the_parquet_claims_store(capsys, corpus):
    """A Dask bag reads `hedui claims --format parquet`'s layout, one partition per family bucket, and the Dask
    engine's keyed reduction over its rows picks out the families the default engine finds in disagreement."""
    from pathlib import Path

    import dask.bag as db
    import pyarrow.parquet as pq

    from checker.run import codec, dask_engine
    from checker.run.claims_parquet import family_bucket

    def rows_of(part: Path) -> list[dict]:
        """The rows of one bucket's file, with the bucket its folder names."""
        bucket = int(part.parent.name.split("=")[1])
        return [dict(row, bucket=bucket) for row in pq.read_table(part).to_pylist()]

    def located(row: dict) -> tuple:
        """A row as the Dask engine keys a linkable claim: (family, path, place, fact key, claim)."""
        return row["family"], row["doc"], row["start"], row["fact"], codec.loads(row["claim"].encode("utf-8"))

    assert run(capsys, "claims", "corpus", "--format", "parquet", "--output", "store", "--no-cache")[0] == 0
    parts = sorted(Path("store").glob("bucket=*/*.parquet"))
    rows = db.from_sequence(parts, npartitions=len(parts)).map(rows_of).flatten()
    linked = rows.filter(lambda row: row["family"] is not None)
    assert all(row["bucket"] == family_bucket(row["family"]) for row in linked.compute(scheduler="sync"))
    folded = linked.map(located).map(dask_engine._keyed_summary).foldby(
        dask_engine._first, dask_engine._add, None, dask_engine._merge, None)
    differing = {family for family, summary in folded.compute(scheduler="sync") if dask_engine._differs(summary)}
    report = json.loads(run(capsys, "check", "corpus", "--format", "json", "--no-cache")[1])
    conflicts = {f["fact"] for f in report["findings"] if f["rule"] == "agreement.conflicting-values"}
    assert conflicts and len(differing) >= len(conflicts)
    families = {"/".join(key.split("/")[:4] + ["*"] + key.split("/")[5:]) for key in conflicts}
    assert families <= differing
