"""Hostile and broken input (issue 15): alias bombs, unreadable paths, full disks, bad outputs, one bad article."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.test_cli import WRONG, run

# Nine levels of nine aliases: billions of nodes once expanded, 350 bytes as written.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


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


# --- unreadable paths, special files, workers -----------------------------------------------------------


def test_unreadable_folder_is_an_error_and_the_rest_is_checked(capsys, workdir, monkeypatch):
    """A folder that cannot be listed gives a message and exit 2; the articles beside it are still checked."""
    import os

    (workdir / "news" / "locked").mkdir(parents=True)
    (workdir / "news" / "a.md").write_text(WRONG, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        """Refuse the locked folder as a permission-less folder would (tests run as root, where chmod 000 reads)."""
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(capsys, "check", "news", "--no-cache", "--quiet")
    assert code == 2
    assert "news/locked: cannot read folder: Permission denied" in err
    assert "growth.increase-by-vs-to" in out


def test_fifo_named_md_is_skipped_with_a_warning(capsys, workdir):
    """A FIFO named *.md in a folder or on the command line is skipped with a warning, never read (never blocks)."""
    import os

    (workdir / "news").mkdir()
    (workdir / "news" / "a.md").write_text(WRONG, encoding="utf-8")
    os.mkfifo(workdir / "news" / "pipe.md")
    code, out, err = run(capsys, "check", "news", "news/pipe.md", "--no-cache", "--quiet")
    assert code == 1 and "growth.increase-by-vs-to" in out
    assert err.count("pipe.md: 不是普通文件") == 2


def test_reading_a_fifo_directly_does_not_block(workdir):
    """read_document refuses a FIFO at once instead of waiting for a writer."""
    import os

    from checker.errors import InputError
    from checker.text.ingest import read_document

    os.mkfifo(workdir / "pipe.md")
    with pytest.raises(InputError, match="不是普通文件"):
        read_document(str(workdir / "pipe.md"))


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_workers_die_with_the_main_process(workdir, signum):
    """SIGTERM, SIGINT or SIGKILL to a parallel `hedui check` leaves no worker process behind."""
    import os
    import signal
    import subprocess
    import sys

    for index in range(80):
        (workdir / f"{index:03d}.md").write_text(WRONG * 400, encoding="utf-8")
    script = ("import sys; import checker.run.workers as workers; workers.PARALLEL_FROM = 2; "
              "from checker.cli.main import main; "
              "sys.exit(main(['check', '.', '--no-cache', '--quiet', '--jobs', '2']))")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = _wait_for_children(process.pid)
    if not workers:
        process.kill()
        pytest.skip("the run ended before its workers could be seen (a very fast machine or one core)")
    process.send_signal(getattr(signal, signum))
    process.wait(timeout=20)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if _alive(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)  # clean up before failing
    assert alive == []


def _wait_for_children(pid: int) -> list[int]:
    """The child processes of pid, waiting up to 20 s for them to appear."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        children = []
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            children += [int(c) for c in task.read_text().split()]
        if children:
            return children
        time.sleep(0.05)
    return []


def _alive(pid: int) -> bool:
    """True while a process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


# --- one article's internal error ---------------------------------------------------------------------


@pytest.mark.parametrize("report_format", ["text", "json", "sarif", "junit", "github", "html"])
def test_internal_error_on_one_article_is_contained(capsys, workdir, monkeypatch, report_format):
    """A bug met on one article becomes its `internal` error finding; the others are reported; exit 2."""
    import checker.run.pipeline as pipeline

    real = pipeline.read_claims_and_times

    def read_claims_and_times(doc, resources, lexicon):
        """Fail on bad.md only, as a rule kind once did on a real article."""
        if doc.path.endswith("bad.md"):
            raise AttributeError("'NoneType' object has no attribute 'year'")
        return real(doc, resources, lexicon)

    monkeypatch.setattr(pipeline, "read_claims_and_times", read_claims_and_times)
    (workdir / "bad.md").write_text(WRONG, encoding="utf-8")
    (workdir / "good.md").write_text(WRONG, encoding="utf-8")
    code, out, err = run(capsys, "check", "bad.md", "good.md", "--no-cache", "--quiet", "--format", report_format)
    assert code == 2
    assert "bad.md: 内部错误" in err and "Traceback" not in err
    assert "internal" in out and "AttributeError" in out and "test_hardening.py" in out
    assert "growth.increase-by-vs-to" in out


def test_duration_between_a_year_and_a_whole_year_of_unknown_date_is_no_error(capsys, workdir):
    """一年 between 2022年 and 全年 in an undated article is left unchecked (once an AttributeError)."""
    (workdir / "a.md").write_text("营业收入从2022年的10亿元增至全年的12亿元，一年增长20%。\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "a.md", "--no-cache", "--quiet")
    assert code == 0 and "internal" not in out and err == ""


# --- full disks, unwritable caches, --output ----------------------------------------------------------


def test_unwritable_cache_folder_runs_without_cache(capsys, workdir):
    """A cache folder that cannot be created (a file is in the way) gives a warning; the check still runs."""
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    (workdir / "hedui.toml").write_text('cache-dir = "blocked/cache"\n', encoding="utf-8")
    (workdir / "blocked").write_text("not a folder", encoding="utf-8")
    code, out, err = run(capsys, "check", "a.md", "--quiet")
    assert code == 1 and "growth.increase-by-vs-to" in out
    assert "hedui: warning:" in err and "不使用缓存" in err


def test_disk_full_while_caching_runs_without_cache(capsys, workdir, monkeypatch):
    """A full disk while the cache stores a row gives a warning; the report is complete."""
    import sqlite3

    from checker.run.cache import AnalysisCache

    def full(*_args, **_kwargs):
        """Fail as SQLite does on a full disk."""
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(AnalysisCache, "store", full)
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    code, out, err = run(capsys, "check", "a.md", "--quiet")
    assert code == 1 and "growth.increase-by-vs-to" in out
    assert "disk is full" in err and "不使用缓存" in err and "Traceback" not in err


def test_output_on_a_full_disk_is_a_clear_error(capsys, workdir, monkeypatch):
    """--output on a full disk: one message, exit 2, no traceback, no temporary file left."""
    import errno
    import os

    import checker.writefile as writefile

    def full(_fd):
        """Fail as fsync does on a full disk."""
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writefile.os, "fsync", full)
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md", "--no-cache", "--quiet", "--output", "report.txt")
    assert code == 2 and "report.txt" in err and "No space left on device" in err and "Traceback" not in err
    assert sorted(p.name for p in workdir.iterdir()) == ["a.md"]


def test_output_on_a_real_full_tmpfs(capsys, workdir, tmp_path_factory):
    """On a 16 KB tmpfs (when the machine lets tests mount one) a large report fails cleanly with exit 2."""
    import subprocess

    mount = tmp_path_factory.mktemp("tmpfs")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs privileges this machine does not give")
    try:
        (workdir / "a.md").write_text(WRONG * 400, encoding="utf-8")
        code, _, err = run(capsys, "check", "a.md", "--no-cache", "--quiet", "--output", str(mount / "r.txt"))
        assert code == 2 and "No space left on device" in err and "Traceback" not in err
        assert list(mount.iterdir()) == []
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.parametrize("target", ["folder", "fifo", "symlink", "article", "device"])
def test_output_refuses_what_is_no_replaceable_file(capsys, workdir, target):
    """--output refuses a directory, FIFO, symlink, device or an input article: message, exit 2, nothing changed."""
    import os

    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    (workdir / "other.txt").write_text("keep", encoding="utf-8")
    paths = {"folder": "out", "fifo": "pipe", "symlink": "link.txt", "article": "a.md", "device": "/dev/null"}
    if target == "folder":
        (workdir / "out").mkdir()
    elif target == "fifo":
        os.mkfifo(workdir / "pipe")
    elif target == "symlink":
        (workdir / "link.txt").symlink_to(workdir / "other.txt")
    code, _, err = run(capsys, "check", "a.md", "--no-cache", "--quiet", "--output", paths[target])
    assert code == 2 and "hedui: error: 拒绝写入" in err and "Traceback" not in err
    assert (workdir / "a.md").read_text(encoding="utf-8") == WRONG
    assert (workdir / "other.txt").read_text(encoding="utf-8") == "keep"


def test_output_replaces_a_regular_file_atomically(capsys, workdir):
    """--output still replaces an existing report, keeping its mode, and cleans stale temporary files."""
    import os

    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    (workdir / "report.txt").write_text("old", encoding="utf-8")
    os.chmod(workdir / "report.txt", 0o640)
    stale = workdir / ".report.txt.abc123.tmp"
    stale.write_text("left by a killed save", encoding="utf-8")
    os.utime(stale, (0, 0))
    code, _, _ = run(capsys, "check", "a.md", "--no-cache", "--quiet", "--output", "report.txt")
    assert code == 1 and "growth.increase-by-vs-to" in (workdir / "report.txt").read_text(encoding="utf-8")
    assert (workdir / "report.txt").stat().st_mode & 0o777 == 0o640
    assert not stale.exists()


# --- control characters, user mistakes -----------------------------------------------------------------


def test_junit_with_control_characters_in_a_file_name_is_valid_xml(capsys, workdir):
    """A file name holding ESC and a form feed still gives well-formed JUnit, the characters shown as \\xNN."""
    import xml.etree.ElementTree as ET

    name = "bad\x1b[31m\x0cname.md"
    (workdir / name).write_text(WRONG, encoding="utf-8")
    code, out, _ = run(capsys, "check", name, "--no-cache", "--quiet", "--format", "junit")
    assert code == 1
    case = ET.fromstring(out).find("testsuite/testcase")
    assert case.get("name") == "bad\\x1b[31m\\x0cname.md"


def test_text_report_never_prints_escape_codes_from_the_decisions_file(capsys, workdir):
    """A stale decision whose fingerprint holds an ESC sequence is printed with the ESC made visible."""
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    (workdir / "hedui-decisions.yaml").write_text(
        'decisions:\n  "\\e]0;pwned\\a\\e[2J":\n    decision: dismissed\n', encoding="utf-8")
    code, out, err = run(capsys, "check", "a.md", "--no-cache", "--quiet", "--lang", "en")
    assert code == 1
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "stale decision: \\x1b]0;pwned\\x07\\x1b[2J" in out


def test_text_report_escapes_control_characters_in_file_names(capsys, workdir):
    """A file name with an ESC sequence is listed with the ESC made visible, in the report and on stderr."""
    name = "evil\x1b[2J.md"
    (workdir / name).write_text(WRONG, encoding="utf-8")
    code, out, err = run(capsys, "check", name, "missing\x1b[31m.md", "--no-cache", "--quiet")
    assert code == 2
    assert "\x1b" not in out + err
    assert "evil\\x1b[2J.md" in out and "missing\\x1b[31m.md" in err


def test_toml_datetime_in_dates_is_a_clear_error(capsys, workdir):
    """A TOML date-time in `dates` is a message naming the key, exit 2, no traceback."""
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    (workdir / "hedui.toml").write_text('[dates]\n"*.md" = 2025-01-01T08:00:00\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md", "--no-cache", "--quiet")
    assert code == 2 and "dates.*.md" in err and "不能带时间" in err and "Traceback" not in err


def test_baseline_nested_100k_deep_is_a_clear_error(capsys, workdir):
    """A baseline of JSON nested 100,000 deep is a message naming the file, exit 2, no traceback."""
    (workdir / "a.md").write_text(WRONG, encoding="utf-8")
    (workdir / "base.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md", "--no-cache", "--quiet", "--baseline", "base.json")
    assert code == 2 and "base.json: not a hedui baseline file" in err and "Traceback" not in err


def test_output_pointing_at_a_directory_fails_before_the_run(capsys, workdir, monkeypatch):
    """--output naming a directory is refused at once, before any article is read."""
    import checker.cli.check as check

    (workdir / "out").mkdir()
    monkeypatch.setattr(check, "load_run", lambda *a, **k: pytest.fail("the run should not start"))
    code, _, err = run(capsys, "check", "a.md", "--output", "out")
    assert code == 2 and "它是目录" in err


def test_a_rule_file_error_crosses_to_the_main_process_intact():
    """Raised in a worker, the error is pickled back: it must rebuild (a failed rebuild hangs the pool)."""
    import pickle

    from checker.errors import RuleFileError

    error = RuleFileError("rules/x.yaml", 7, "params.words", "must be a list")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is RuleFileError and str(again) == str(error)
    assert (again.path, again.line, again.key, again.problem) == ("rules/x.yaml", 7, "params.words", "must be a list")
