"""The claims store as Parquet: every claim round-trips, partitioned by fact family."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.test_cli import SEEDS, run

pytest.importorskip("pyarrow")

CONFLICT = ("2024年，成都集成电路产业产值达到1200亿元。", "2024年，成都集成电路产业产值达到1500亿元。")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A copy of the seeds plus two articles stating one fact differently."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    for name, text in zip("ab", CONFLICT, strict=True):
        (tmp_path / "seeds" / f"{name}.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("cache", [True, False])
def test_every_claim_round_trips_through_parquet(capsys, workdir, cache):
    """The Parquet store holds exactly the claims `hedui claims` prints, each rebuilt equal to the original."""
    from checker.run.claims_parquet import read_claims

    options = () if cache else ("--no-cache",)
    code, out, _ = run(capsys, "claims", "seeds", *options)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and records
    assert run(capsys, "claims", "seeds", "--format", "parquet", "--output", "store", *options)[0] == 0
    stored = read_claims(workdir / "store")
    assert sorted((c.doc, c.mention.span.start, c.mention.span.end, c.role) for c in stored) == sorted(
        (r["doc"], r["start"], r["end"], r["role"]) for r in records)
    from checker.run import codec
    from checker.run.assemble import RunRequest, assemble_run

    full = assemble_run(RunRequest(paths=("seeds",), use_cache=False, progress=False)).result.claims
    assert sorted(codec.dumps(c) for c in stored) == sorted(codec.dumps(c) for c in full)


def test_a_familys_claims_are_in_one_partition(capsys, workdir):
    """Both claims of the conflicting fact are in one bucket folder, found by family alone."""
    import pyarrow.dataset as ds

    from checker.run.claims_parquet import family_bucket, read_claims

    assert run(capsys, "claims", "seeds", "--format", "parquet", "--output", "store", "--no-cache")[0] == 0
    table = ds.dataset(workdir / "store", format="parquet", partitioning="hive").to_table()
    rows = table.to_pylist()
    family = next(r["family"] for r in rows if r["doc"] == "seeds/a.md" and r["family"])
    mine = [r for r in rows if r["family"] == family]
    assert {r["doc"] for r in mine} == {"seeds/a.md", "seeds/b.md"}
    assert {r["bucket"] for r in mine} == {family_bucket(family)}
    assert (workdir / "store" / f"bucket={family_bucket(family)}").is_dir()
    assert {c.doc for c in read_claims(workdir / "store", family)} == {"seeds/a.md", "seeds/b.md"}
    assert all(r["bucket"] == -1 for r in rows if r["family"] is None)


def test_parquet_needs_an_output_folder(capsys, workdir):
    """--format parquet without --output, or onto a file, is a clear error (exit 2)."""
    code, _, err = run(capsys, "claims", "seeds", "--format", "parquet", "--no-cache")
    assert code == 2 and "--output" in err
    (workdir / "file").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "claims", "seeds", "--format", "parquet", "--output", "file", "--no-cache")
    assert code == 2 and "file" in err and "Traceback" not in err
    assert (workdir / "file").read_text(encoding="utf-8") == "x"


def test_a_damaged_parquet_file_is_a_clear_error_and_is_rebuilt(capsys, workdir):
    """A truncated Parquet file of the store is reported by folder with how to rebuild it; writing again rebuilds it."""
    from checker.errors import HeduiError
    from checker.run.claims_parquet import DamagedStore, read_claims

    assert run(capsys, "claims", "seeds", "--format", "parquet", "--output", "store", "--no-cache")[0] == 0
    before = sorted((c.doc, c.mention.span.start) for c in read_claims(workdir / "store"))
    victim = max((workdir / "store").rglob("*.parquet"), key=lambda path: path.stat().st_size)
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])
    with pytest.raises(DamagedStore) as caught:
        read_claims(workdir / "store")
    assert isinstance(caught.value, HeduiError)
    assert "store" in str(caught.value) and "重建" in str(caught.value) and "--format parquet" in str(caught.value)
    assert run(capsys, "claims", "seeds", "--format", "parquet", "--output", "store", "--no-cache")[0] == 0
    assert sorted((c.doc, c.mention.span.start) for c in read_claims(workdir / "store")) == before
