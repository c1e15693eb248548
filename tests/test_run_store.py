"""The run's store: each article read at most once, entries keyed by content, a time budget per article."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from checker.run import stamps
from tests.test_cli import RIGHT, SEEDS, WRONG, run


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working directory with a copy of the seeds and no configuration."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def reads(monkeypatch):
    """Count every read of an article's bytes, per path."""
    from checker.text import ingest

    counts: dict[str, int] = {}
    real = ingest.read_bytes

    def read_bytes(path: str) -> bytes:
        """The real reader, counted."""
        counts[path] = counts.get(path, 0) + 1
        return real(path)

    monkeypatch.setattr(ingest, "read_bytes", read_bytes)
    return counts


@pytest.mark.parametrize("cache", [True, False])
def test_each_article_is_read_once_per_run(capsys, workdir, reads, cache):
    """A check reads each article once, re-dated ones and ones with findings included, cold and warm (where a file
    untouched since a run read it is not read at all)."""
    (workdir / "seeds" / "wrong.md").write_text(WRONG, encoding="utf-8")
    options = () if cache else ("--no-cache",)
    for warm in (False, True):
        reads.clear()
        code, out, _ = run(capsys, "check", "seeds", "--format", "json", *options)
        report = json.loads(out)
        assert code == 1 and report["findings"]
        assert any("same event" in d["dct_source"] for d in report["documents"])
        assert set(reads.values()) == {1} and (len(reads) == 6 or warm and cache), reads


def test_entries_are_keyed_by_content_not_time(capsys, workdir):
    """A touched file is not analysed again; new content of the same size and time is, and --verbose says why."""
    article = workdir / "a.md"
    article.write_text(WRONG, encoding="utf-8")
    first = run(capsys, "check", "a.md", "--verbose", "--format", "json")
    assert "a.md：新文件" in first[2]
    os.utime(article, ns=(time.time_ns(), time.time_ns() + 10**10))
    touched = run(capsys, "check", "a.md", "--verbose", "--format", "json")
    assert touched[:2] == first[:2] and "缓存重建" not in touched[2]
    stat = article.stat()
    article.write_text(WRONG.replace("增长22.2倍", "增长21.2倍"), encoding="utf-8")  # the right figure, same size
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert article.stat().st_size == stat.st_size
    changed = run(capsys, "check", "a.md", "--verbose", "--format", "json")
    assert "a.md：文件内容已改变" in changed[2]
    assert changed[0] == 0 and json.loads(changed[1])["findings"] == []


def test_an_article_past_its_time_budget_is_reported_and_the_rest_checked(capsys, workdir, monkeypatch):
    """An analysis that runs past time-budget is stopped: a too-complex warning names it, the rest is checked."""
    import checker.run.pipeline as pipeline

    real = pipeline.read_claims_and_times

    def read_claims_and_times(doc, resources, lexicon):
        """Take far longer than the budget on slow.md only."""
        if doc.path.endswith("slow.md"):
            time.sleep(60)
        return real(doc, resources, lexicon)

    monkeypatch.setattr(pipeline, "read_claims_and_times", read_claims_and_times)
    # A budget a loaded machine's first analysis (which loads the segmenter) stays well within.
    (workdir / "hedui.toml").write_text("time-budget = 4\n", encoding="utf-8")
    (workdir / "slow.md").write_text(RIGHT, encoding="utf-8")
    (workdir / "good.md").write_text(WRONG, encoding="utf-8")
    start = time.monotonic()
    code, out, _ = run(capsys, "check", "slow.md", "good.md", "--no-cache", "--format", "json")
    assert time.monotonic() - start < 40
    findings = json.loads(out)["findings"]
    slow = [f for f in findings if f["rule"] == "too-complex"]
    assert len(slow) == 1 and slow[0]["severity"] == "warning" and "4" in slow[0]["message"]
    assert "slow.md" in slow[0]["message"]
    assert {f["rule"] for f in findings} == {"too-complex", "growth.increase-by-vs-to"} and code == 1


def test_a_bad_time_budget_is_a_clear_error(capsys, workdir):
    """A negative or non-numeric time-budget names the file and key."""
    (workdir / "hedui.toml").write_text('time-budget = "soon"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "seeds", "--no-cache")
    assert code == 2 and "time-budget" in err and "Traceback" not in err


def test_a_draft_against_a_warm_archive_reads_only_the_draft(capsys, workdir, reads):
    """With the store warm, check draft --against archive reads the draft alone and finds what a full check finds."""
    conflict = "2025年11月，成都集成电路产业产值达到1500亿元。\n"
    (workdir / "seeds" / "archived.md").write_text(conflict.replace("1500", "1200"), encoding="utf-8")
    (workdir / "draft.md").write_text(conflict + WRONG, encoding="utf-8")
    full = json.loads(run(capsys, "check", "draft.md", "seeds", "--format", "json", "--no-cache")[1])
    expected = sorted(f["fingerprint"] for f in full["findings"]
                      if any(c["doc"] == "draft.md" for c in f["claims"]))
    assert len(expected) == 2
    run(capsys, "check", "seeds", "--format", "json")  # the archive's store, warm
    reads.clear()
    code, out, _ = run(capsys, "check", "draft.md", "--against", "seeds", "--format", "json")
    assert reads == {"draft.md": 1} and code == 1
    assert sorted(f["fingerprint"] for f in json.loads(out)["findings"]) == expected
    (workdir / "seeds" / "archived.md").write_text(conflict, encoding="utf-8")  # the archive changes
    reads.clear()
    code, out, _ = run(capsys, "check", "draft.md", "--against", "seeds", "--format", "json")
    # The draft is read again unless its stamp from the last run is trusted (it was written long enough before it).
    assert reads in ({"draft.md": 1, "seeds/archived.md": 1}, {"seeds/archived.md": 1})
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["growth.increase-by-vs-to"]


def test_an_article_untouched_since_it_was_read_is_not_read_again(capsys, workdir, reads, monkeypatch):
    """A warm check trusts each file's stat stamp: none is read; one rewritten with its old size and time is."""
    article = workdir / "seeds" / "wrong.md"
    article.write_text(WRONG, encoding="utf-8")
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # every file changed before the run that stamps it
    first = run(capsys, "check", "seeds", "--format", "json")
    assert first[0] == 1 and len(reads) == 6
    reads.clear()
    assert run(capsys, "check", "seeds", "--format", "json")[:2] == first[:2]
    assert reads == {}
    stat = article.stat()
    article.write_text(WRONG.replace("增长22.2倍", "增长21.2倍"), encoding="utf-8")  # the right figure, same size
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # its change time alone says it was written
    out = run(capsys, "check", "seeds", "--format", "json")[1]
    assert reads == {"seeds/wrong.md": 1}
    assert _docs_of(first[1]) - _docs_of(out) == {"seeds/wrong.md"}



def _docs_of(report: str) -> set[str]:
    """The documents a JSON report's findings point into."""
    return {c["doc"] for f in json.loads(report)["findings"] for c in f["claims"]}


CHECK = ("check", "seeds", "--format", "json", "--verbose")


def test_an_article_changed_just_before_a_run_is_read_until_a_later_run_stamps_it(capsys, workdir, reads,
                                                                                 monkeypatch):
    """A file changed within RACY_NS of its read gets no stamp (a change in the same clock tick would not show)."""
    # --verbose: a full run every time, never the recorded output of the last one (checker.cli.recording).
    (workdir / "seeds" / "wrong.md").write_text(WRONG, encoding="utf-8")
    monkeypatch.setattr(stamps, "RACY_NS", 3600 * 10**9)  # every file changed just before each run
    first = run(capsys, *CHECK)
    reads.clear()
    assert run(capsys, *CHECK)[:2] == first[:2]
    assert sorted(reads.values()) == [1] * 6  # all still racy: read and hashed again
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # now long unchanged
    reads.clear()
    assert run(capsys, *CHECK)[:2] == first[:2]
    assert sorted(reads.values()) == [1] * 6  # read once more, now stamped
    reads.clear()
    assert run(capsys, *CHECK)[:2] == first[:2]
    assert reads == {}
