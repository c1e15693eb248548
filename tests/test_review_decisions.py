"""The decisions file under faults: malformed files, failed and killed saves, concurrent writers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli.main import main
from checker.errors import HeduiError, RuleFileError
from checker.review.server import ReviewServer
from checker.triage.decisions import Decision, load_decisions, record_decision, save_decisions
from tests.test_review_support import make_corpus


def _never_serve(self):
    """Stand-in for serve_forever: a test that reaches it stops at once instead of hanging."""
    raise KeyboardInterrupt


@pytest.mark.parametrize("text, line", [
    ("decisions:\n  abc: {decision: dismissed\n", 3),
    ("decisions:\n  abc:\n    decision: maybe\n", 3),
    ("decisions:\n  abc:\n    decision: accepted\n    colour: red\n", 4),
    ("verdicts: {}\n", 1),
])
def test_a_malformed_file_stops_review_and_is_kept(tmp_path, monkeypatch, capsys, text, line):
    """`hedui review` exits 2 naming the file and line of a malformed decisions file, and never writes it."""
    monkeypatch.setattr(ReviewServer, "serve_forever", _never_serve)
    seeds = make_corpus(tmp_path)
    path = tmp_path / "decisions.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["review", str(seeds), "--decisions", str(path), "--no-browser", "--no-cache", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 2
    assert f"{path}:{line}:" in err and "Traceback" not in err and out == ""
    assert path.read_text(encoding="utf-8") == text


def test_a_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    """A save that dies after writing its temporary file leaves the previous file intact and no temp file."""
    path = tmp_path / "hedui-decisions.yaml"
    record_decision(path, Decision("a" * 20, "accepted", rule="r", reviewer="x", at="2026-01-01T00:00:00+00:00"))
    before = path.read_bytes()

    def crash(src, dst):
        """The rename fails, as if the machine died between writing and renaming."""
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(HeduiError, match="Input/output error"):
        record_decision(path, Decision("b" * 20, "dismissed", reason="误报"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hedui-decisions.yaml", "hedui-decisions.yaml.lock"]


def test_a_writer_killed_mid_save_leaves_a_parsable_file(tmp_path):
    """SIGKILL during a loop of saves never leaves a truncated or half-written decisions file."""
    path = tmp_path / "hedui-decisions.yaml"
    save_decisions(path, {})
    script = textwrap.dedent(f"""
        from pathlib import Path
        from checker.triage.decisions import Decision, record_decision
        path = Path({str(path)!r})
        n = 0
        while True:
            record_decision(path, Decision(f"{{n:020d}}", "dismissed", reason="理由" * 50))
            n += 1
            if n == 3:
                print("saving", flush=True)
    """)
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as writer:
        try:
            assert writer.stdout.readline() == "saving\n"
            time.sleep(0.3)
        finally:
            writer.send_signal(signal.SIGKILL)
    saved = load_decisions(path)
    assert len(saved) >= 3
    assert all(d.decision == "dismissed" for d in saved.values())


def test_concurrent_writers_lose_nothing(tmp_path):
    """Many threads recording different findings at once: every entry is in the file."""
    path = tmp_path / "hedui-decisions.yaml"
    fingerprints = [f"{n:020x}" for n in range(24)]
    threads = [threading.Thread(target=record_decision, args=(path, Decision(fp, "accepted"))) for fp in fingerprints]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(load_decisions(path)) == fingerprints


def test_saved_files_read_back_the_same(tmp_path):
    """What record_decision writes, load_decisions reads: all fields, sorted by fingerprint."""
    path = tmp_path / "hedui-decisions.yaml"
    first = Decision("f" * 20, "dismissed", rule="growth.increase-by-vs-to", text="22.2倍", reason="原文如此",
                     reviewer="王编辑", at="2026-11-24T19:50:00+00:00", doc="seeds/001.txt")
    second = Decision("0" * 20, "accepted", rule="wording.range-unit-omitted", text="60~70%")
    record_decision(path, first)
    assert record_decision(path, second) == {first.fingerprint: first, second.fingerprint: second}
    assert load_decisions(path) == {first.fingerprint: first, second.fingerprint: second}
    text = path.read_text(encoding="utf-8")
    assert text.index("0" * 20) < text.index("f" * 20) and "王编辑" in text


def test_malformed_entries_name_their_line(tmp_path):
    """load_decisions cites file and line of a bad entry."""
    path = tmp_path / "d.yaml"
    path.write_text("decisions:\n  abc:\n    decision: accepted\n  def: 5\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_decisions(path)
    assert caught.value.line == 4 and caught.value.path == str(path)


HAND_WRITTEN = """\
# 编辑部的决定：每周一复核
decisions:
  # 王编辑与作者确认过
  ffffffffffffffffffff:
    decision: dismissed   # 原文引用
    reason: 原文如此
    at: '2026-11-24T19:50:00+00:00'
  aaaaaaaaaaaaaaaaaaaa:
    decision: accepted
"""


def test_hand_written_comments_and_order_survive_a_save(tmp_path):
    """A save keeps every comment, the hand-chosen order of entries and their fields, and adds the new entry."""
    path = tmp_path / "hedui-decisions.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    record_decision(path, Decision("c" * 20, "dismissed", reason="yes", reviewer="李编辑"))
    record_decision(path, Decision("f" * 20, "dismissed", reason="新理由", at="2026-11-24T19:50:00+00:00"))
    text = path.read_text(encoding="utf-8")
    for comment in ("# 编辑部的决定：每周一复核", "# 王编辑与作者确认过", "# 原文引用"):
        assert comment in text
    assert text.index("f" * 20) < text.index("a" * 20), "the hand-chosen order is kept"
    assert "原文如此" not in text and "新理由" in text
    saved = load_decisions(path)
    assert saved["c" * 20].reason == "yes", "a word YAML 1.1 reads as a boolean is quoted"
    assert saved["f" * 20].at == "2026-11-24T19:50:00+00:00"
    assert list(saved) == ["f" * 20, "a" * 20, "c" * 20], "a new entry goes last in a file ordered by hand"


def test_comment_only_entries_are_notes_not_verdicts(tmp_path):
    """An entry with a comment and no decision is read as a note and never counts as a verdict."""
    from checker.triage.decisions import apply_changes, load_entries

    path = tmp_path / "hedui-decisions.yaml"
    previous, _ = apply_changes(path, {"b" * 20: Decision("b" * 20, "", comment="问一下作者")})
    assert previous == {"b" * 20: None}
    assert load_decisions(path) == {}
    assert load_entries(path)["b" * 20].comment == "问一下作者"
    previous, entries = apply_changes(path, {"b" * 20: None})
    assert previous["b" * 20].comment == "问一下作者" and entries == {}
    path.write_text("decisions:\n  abc:\n    reason: 无\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_decisions(path)
    assert caught.value.line == 2


def test_saving_needs_no_posix_only_module():
    """The decisions module never imports fcntl (Windows has none); the lock is filelock's."""
    import checker.triage.decisions as module

    source = open(module.__file__, encoding="utf-8").read()
    assert "fcntl" not in source and "filelock" in source


def test_a_save_in_a_large_file_edits_only_the_changed_entries(tmp_path):
    """Changing one entry of many leaves every other line of the file byte for byte as it was."""
    from checker.triage.decisions import apply_changes

    path = tmp_path / "hedui-decisions.yaml"
    many = {f"{n:04d}{'ab' * 8}": Decision(f"{n:04d}{'ab' * 8}", "accepted", rule="r") for n in range(300)}
    apply_changes(path, many)
    path.write_text(path.read_text(encoding="utf-8").replace("  0150", "  # 第150条之前的手写说明\n  0150"),
                    encoding="utf-8")
    before = path.read_text(encoding="utf-8").splitlines()
    target = f"0150{'ab' * 8}"
    apply_changes(path, {target: Decision(target, "dismissed", reason="是", comment="复核"), f"0299{'ab' * 8}": None})
    after = path.read_text(encoding="utf-8").splitlines()
    assert "  # 第150条之前的手写说明" in after
    changed = [line for line in after if line not in before]
    assert sorted(changed) == sorted(["    decision: dismissed", "    reason: 是", "    comment: 复核"])
    saved = load_decisions(path)
    assert len(saved) == 299 and saved[target].reason == "是" and saved[target].comment == "复核"


@given(st.lists(st.tuples(st.sampled_from(["a" * 20, "f" * 20, "c" * 20, "0" * 20, "d" * 20]),
                          st.sampled_from(["accepted", "dismissed", "", None]),
                          st.sampled_from(["", "yes", "原文如此", "a: b", "#不是注释", "'引号'"])),
                min_size=1, max_size=6))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_sequence_of_changes_reads_back_exactly_and_keeps_comments(tmp_path, changes):
    """Whatever is set or removed, the file reads back as exactly the intended entries; comments stay."""
    from checker.triage.decisions import apply_changes, load_entries

    path = tmp_path / "hedui-decisions.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    model = load_entries(path)
    for fingerprint, verdict, text in changes:
        entry = None if verdict is None or (not verdict and not text) else \
            Decision(fingerprint, verdict, reason=text if verdict == "dismissed" else "", comment=text)
        apply_changes(path, {fingerprint: entry})
        if entry is None:
            model.pop(fingerprint, None)
        else:
            model[fingerprint] = entry
        assert load_entries(path) == model
    assert "# 编辑部的决定：每周一复核" in path.read_text(encoding="utf-8")


def test_removing_every_entry_leaves_a_valid_file_with_its_comments(tmp_path):
    """Undoing the last decisions of a hand-commented file leaves an empty table, not broken YAML."""
    from checker.triage.decisions import apply_changes, load_entries

    path = tmp_path / "hedui-decisions.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    apply_changes(path, {fingerprint: None for fingerprint in load_entries(path)})
    assert load_entries(path) == {}
    assert "# 编辑部的决定：每周一复核" in path.read_text(encoding="utf-8")
