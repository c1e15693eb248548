"""Which files a command reads: .gitignore, include patterns without a PATH, empty runs, doubtful encodings, stdin."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.run.files import collect_articles
from tests.test_cli import RIGHT, WRONG, run


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    """Create files below root (text as UTF-8, bytes as they are)."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _checked(capsys, *argv: str) -> tuple[int, set[str], str]:
    """Exit code, the documents a JSON check read, and stderr."""
    code, out, err = run(capsys, "check", "--format", "json", "--no-cache", "--quiet", *argv)
    return code, {d["doc"] for d in json.loads(out)["documents"]} if out else set(), err


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git work tree with a .gitignore'd folder, an include configuration and files in and out of it."""
    (tmp_path / ".git").mkdir()
    _write(tmp_path, {
        ".gitignore": "drafts/\n*.bak.md\n",
        "hedui.toml": 'include = ["news/**/*.md"]\ncache = false\n',
        "news/a.md": WRONG, "news/sub/d.md": RIGHT, "news/drafts/b.md": WRONG, "news/old.bak.md": WRONG,
        "other/c.md": WRONG, "c.md": WRONG,
    })
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_no_path_checks_exactly_the_configured_files(capsys, repo):
    """Without a PATH: the include patterns below the configuration's folder, minus what .gitignore ignores."""
    code, docs, _ = _checked(capsys)
    assert code == 1 and docs == {"news/a.md", "news/sub/d.md"}


def test_no_ignore_reads_ignored_files_too(capsys, repo):
    """--no-ignore brings back the .gitignore'd folder and file."""
    _, docs, _ = _checked(capsys, "--no-ignore")
    assert docs == {"news/a.md", "news/sub/d.md", "news/drafts/b.md", "news/old.bak.md"}


def test_include_patterns_never_match_a_bare_file_name_elsewhere(capsys, repo):
    """news/**/*.md admits no other/c.md even when the folder is given: patterns are relative to the config."""
    _, docs, _ = _checked(capsys, ".")
    assert "other/c.md" not in {Path(d).as_posix().removeprefix("./") for d in docs}


def test_an_ignored_file_named_explicitly_is_checked(capsys, repo):
    """A file given by name is read even when .gitignore ignores it."""
    _, docs, _ = _checked(capsys, "news/drafts/b.md")
    assert docs == {"news/drafts/b.md"}


def test_nested_gitignore_applies_below_its_folder(capsys, repo):
    """A .gitignore inside news/sub ignores its own files only."""
    _write(repo, {"news/sub/.gitignore": "d.md\n", "news/x.md": RIGHT})
    _, docs, _ = _checked(capsys)
    assert docs == {"news/a.md", "news/x.md"}


def test_an_empty_folder_exits_2_with_a_message(capsys, tmp_path, monkeypatch):
    """Nothing to check is an error naming where hedui looked; --allow-empty makes it a clear pass."""
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "empty", "--no-cache")
    assert code == 2 and "没有找到要检查的文章" in err and "empty" in err and "Traceback" not in err
    code, out, err = run(capsys, "check", "empty", "--no-cache", "--allow-empty")
    assert code == 0 and "--allow-empty" in err


def test_doubtful_encodings_and_empty_files_are_warned_about(capsys, tmp_path, monkeypatch):
    """Big5 gets a warning naming Big5, UTF-16 without a mark an error, an empty file a warning; the rest is checked."""
    traditional = "某市新能源汽車產量從2020年的4.3萬輛增至2024年的95.3萬輛，四年增長到22.2倍。\n"
    _write(tmp_path, {
        "big5.txt": traditional.encode("big5"),
        "utf16.txt": WRONG.encode("utf-16-le"),
        "utf16bom.txt": WRONG.encode("utf-16"),
        "empty.md": "",
        "good.md": WRONG,
    })
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", ".", "--no-cache", "--quiet", "--format", "json")
    docs = {Path(d["doc"]).name for d in json.loads(out)["documents"]}
    assert code == 2 and {"good.md", "utf16bom.txt", "big5.txt"} <= docs
    lines = err.splitlines()
    assert any("big5.txt" in line and "Big5" in line and "warning" in line for line in lines)
    assert any("utf16.txt" in line and "error" in line for line in lines)
    assert any("empty.md" in line and "没有文字" in line for line in lines)
    assert not any("utf16bom.txt" in line or "good.md" in line for line in lines)


def test_an_unreadable_file_is_an_error_and_the_rest_is_checked(capsys, tmp_path, monkeypatch):
    """A file that cannot be opened gives one clear line and exit 2; the article beside it is still checked."""
    _write(tmp_path, {"news/secret.md": WRONG, "news/a.md": WRONG})
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        """Refuse secret.md as a file without read permission would (tests run as root, where chmod 000 reads)."""
        if str(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "news", "--no-cache", "--quiet", "--jobs", "1", "--format", "json")
    assert code == 2 and {Path(d["doc"]).name for d in json.loads(out)["documents"]} == {"a.md"}
    refused = [line for line in err.splitlines() if "secret.md" in line]
    assert refused == ["hedui: error: news/secret.md: permission denied"]
    assert "Traceback" not in err


def test_twenty_thousand_tiny_files_are_checked_in_one_run(tmp_path):
    """`hedui check` over a folder of 20,000 tiny files ends with every one of them checked and no error."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(20_000):
        (folder / f"{i:05d}.md").write_bytes(b"x")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "LANG": "C.UTF-8"}
    done = subprocess.run([sys.executable, "-m", "checker.cli.main", "check", "many", "--no-cache", "--quiet",
                           "--format", "json"], cwd=tmp_path, capture_output=True, env=env, timeout=900, check=False)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert len(json.loads(done.stdout)["documents"]) == 20_000 and b"Traceback" not in done.stderr


def test_twenty_thousand_tiny_files_are_walked_with_gitignore(tmp_path):
    """A folder of 20,000 tiny files is listed in order, the ignored ones left out."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(20_000):
        (folder / f"{i:05d}.md").write_bytes(b"x")
    (folder / ".gitignore").write_text("0*.md\n", encoding="utf-8")
    found = collect_articles([str(folder)])
    assert len(found.files) == 10_000 and found.files == tuple(sorted(found.files))
    assert len(collect_articles([str(folder)], ignore=False).files) == 20_000


class _Stdin:
    """A stand-in for sys.stdin with a binary buffer."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_check_reads_standard_input_under_its_given_name(capsys, tmp_path, monkeypatch):
    """`hedui check -` names the article --stdin-filename, with the fingerprint of the file of that name."""
    (tmp_path / "hedui.toml").write_text("cache = false\n", encoding="utf-8")
    _write(tmp_path, {"稿件/x.md": WRONG})
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "check", "稿件/x.md", "--format", "json")
    from_file = json.loads(out)["findings"]
    monkeypatch.setattr(sys, "stdin", _Stdin(WRONG.encode("utf-8")))
    code, out, err = run(capsys, "check", "-", "--stdin-filename", "稿件/x.md", "--format", "json")
    report = json.loads(out)
    assert code == 1 and [d["doc"] for d in report["documents"]] == ["稿件/x.md"]
    assert [f["fingerprint"] for f in report["findings"]] == [f["fingerprint"] for f in from_file]
    assert all(c["doc"] == "稿件/x.md" for f in report["findings"] for c in f["claims"])
    monkeypatch.setattr(sys, "stdin", _Stdin(WRONG.encode("utf-8")))
    code, out, err = run(capsys, "check", "-", "--lang", "en")
    assert code == 1 and out.startswith("stdin.md\n") and "hedui-stdin" not in out + err


def test_extract_honours_the_configured_dates(capsys, tmp_path, monkeypatch):
    """`extract` dates an article by the configuration's `dates` patterns, as `check` does."""
    _write(tmp_path, {"hedui.toml": '[dates]\n"old/*.md" = 2019-05-01\n', "old/a.md": "今年产量增长5%。\n"})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "extract", "--format", "jsonl")
    documents = [json.loads(line) for line in out.splitlines() if json.loads(line)["type"] == "document"]
    assert code == 0 and [(d["doc"], d["dct"]) for d in documents] == [("old/a.md", "2019-05-01")]


def test_extract_warns_about_a_guessed_encoding_too(capsys, tmp_path, monkeypatch):
    """`extract` tells of a Big5 file as `check` does."""
    (tmp_path / "big5.txt").write_bytes("某市汽車產量增長到22.2倍，產值突破一萬億元。\n".encode("big5"))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "extract", "big5.txt")
    assert code == 0 and "big5.txt" in err and "Big5" in err


def test_a_warm_run_warns_about_blank_files_reading_only_those_that_state_no_claim(capsys, tmp_path, monkeypatch):
    """Cold and warm, an empty or blank file is warned about; a small file that states a claim is not read again."""
    from checker.cli import inputs

    _write(tmp_path, {"empty.md": "", "blank.md": " \n\n", "good.md": WRONG})
    monkeypatch.chdir(tmp_path)
    read: list[str] = []
    real = inputs._read_head

    def counted(path: str) -> bytes:
        """The real read, counted."""
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(inputs, "_read_head", counted)
    for _ in range(2):
        read.clear()
        code, _, err = run(capsys, "check", ".", "--quiet", "--format", "json")
        blank = {name for name in ("empty.md", "blank.md", "good.md") if any(name in line and "没有文字" in line
                                                                              for line in err.splitlines())}
        assert code == 1 and blank == {"empty.md", "blank.md"} and sorted(read) == ["blank.md", "empty.md"]
