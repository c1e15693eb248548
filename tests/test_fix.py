"""`check --fix` and `--diff`: only rewrites with one right answer, idempotent, patch-compatible, bytes kept."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from checker.cli.main import main

# Two form mistakes with one right rewrite each, and a 倍 statement whose fix is the writer's choice.
FORM = "现场观众约3万人左右，票价上涨15～30%。\n"
CHOICE = "西安市光伏组件产量从2019年的3.2万千瓦增至2024年的57.9万千瓦，五年增长18.1倍。\n"
FORM_FIXED = "现场观众约3万人，票价上涨15%～30%。\n"


def run(capsysbinary, *argv: str) -> tuple[int, bytes, str]:
    """Run hedui in-process; return exit code, stdout bytes and stderr text."""
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out, err.decode("utf-8")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A working directory with an articles folder of three files, one of them already right."""
    monkeypatch.chdir(tmp_path)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text("---\ndate: 2025-03-01\n---\n" + FORM + CHOICE, encoding="utf-8")
    (articles / "b.txt").write_text("每小时时速达到350公里，系数为.46。\n", encoding="utf-8")
    (articles / "c.md").write_text(FORM_FIXED, encoding="utf-8")
    return tmp_path


def _snapshot(root) -> dict[str, bytes]:
    """Every file's bytes under root/articles."""
    return {p.name: p.read_bytes() for p in sorted((root / "articles").iterdir())}


def test_fix_changes_only_the_unambiguous_rewrites(capsysbinary, folder):
    """Form rewrites are written; the 增长X倍 statement with two possible rewrites is left to the writer."""
    code, _, err = run(capsysbinary, "check", "articles", "--no-cache", "--fix")
    a = (folder / "articles" / "a.md").read_text(encoding="utf-8")
    assert FORM_FIXED in a and CHOICE in a
    assert (folder / "articles" / "b.txt").read_text(encoding="utf-8") == "时速达到350公里，系数为0.46。\n"
    assert (folder / "articles" / "c.md").read_text(encoding="utf-8") == FORM_FIXED
    assert "已修复 4 处（2 个文件）" in err
    assert code == 1  # the 倍 error remains and is reported


def test_fix_twice_is_a_no_op(capsysbinary, folder):
    """A second --fix finds nothing to write and leaves every byte as the first one did."""
    run(capsysbinary, "check", "articles", "--no-cache", "--fix")
    after_first = _snapshot(folder)
    _, _, err = run(capsysbinary, "check", "articles", "--no-cache", "--fix")
    assert _snapshot(folder) == after_first
    assert "已修复" not in err


def test_diff_applies_with_patch_and_equals_fix(capsysbinary, folder, tmp_path_factory):
    """The --diff output, applied by `patch -p1` to a copy, gives the files --fix writes; it changes nothing itself."""
    if shutil.which("patch") is None:
        pytest.skip("GNU patch is not installed")
    before = _snapshot(folder)
    code, diff, _ = run(capsysbinary, "check", "articles", "--no-cache", "--diff")
    assert code == 1 and diff.startswith(b"--- a/articles/")
    assert _snapshot(folder) == before
    copy = tmp_path_factory.mktemp("copy")
    shutil.copytree(folder / "articles", copy / "articles")
    subprocess.run(["patch", "-p1", "--quiet"], input=diff, cwd=copy, check=True)
    run(capsysbinary, "check", "articles", "--no-cache", "--fix")
    assert {p.name: p.read_bytes() for p in sorted((copy / "articles").iterdir())} == _snapshot(folder)
    code, diff, _ = run(capsysbinary, "check", "articles", "--no-cache", "--diff")
    assert code == 0 and diff == b""


def test_gb18030_and_crlf_are_kept(capsysbinary, folder):
    """A GB18030 file with CRLF line endings is fixed in GB18030 with every CRLF in place."""
    path = folder / "articles" / "gb.txt"
    text = "标题\r\n" + FORM.replace("\n", "\r\n") + "第三行没有换行"
    path.write_bytes(text.encode("gb18030"))
    run(capsysbinary, "check", "articles", "--no-cache", "--fix")
    raw = path.read_bytes()
    assert raw == ("标题\r\n" + FORM_FIXED.replace("\n", "\r\n") + "第三行没有换行").encode("gb18030")
    assert raw.count(b"\r\n") == 2 and raw.count(b"\n") == 2


def test_gb18030_diff_applies_in_its_own_encoding(capsysbinary, folder, tmp_path_factory):
    """The diff of a GB18030 CRLF file carries GB18030 CRLF lines, so patch applies it to the file's bytes."""
    if shutil.which("patch") is None:
        pytest.skip("GNU patch is not installed")
    for other in (folder / "articles").iterdir():
        other.unlink()
    path = folder / "articles" / "gb.txt"
    path.write_bytes(("导语\r\n" + FORM.replace("\n", "\r\n")).encode("gb18030"))
    _, diff, _ = run(capsysbinary, "check", "articles", "--no-cache", "--diff")
    copy = tmp_path_factory.mktemp("copy")
    shutil.copytree(folder / "articles", copy / "articles")
    subprocess.run(["patch", "-p1", "--quiet"], input=diff, cwd=copy, check=True)
    assert (copy / "articles" / "gb.txt").read_bytes() == ("导语\r\n" + FORM_FIXED.replace("\n", "\r\n")).encode(
        "gb18030")


def test_utf8_byte_order_mark_is_kept(capsysbinary, folder):
    """A file that starts with a UTF-8 byte-order mark keeps it."""
    path = folder / "articles" / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + FORM.encode("utf-8"))
    run(capsysbinary, "check", "articles", "--no-cache", "--fix")
    assert path.read_bytes() == b"\xef\xbb\xbf" + FORM_FIXED.encode("utf-8")


def test_suppressed_finding_is_not_fixed(capsysbinary, folder):
    """A paragraph under an inline hedui-disable comment for the rule stays as written."""
    path = folder / "articles" / "kept.md"
    text = "<!-- hedui-disable wording.double-approximator: 引用原话 -->\n现场观众约3万人左右。\n"
    path.write_text(text, encoding="utf-8")
    run(capsysbinary, "check", "articles", "--no-cache", "--fix")
    assert path.read_text(encoding="utf-8") == text


def test_fix_and_diff_exclude_each_other(capsysbinary, folder):
    """--fix with --diff is a usage error."""
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "articles", "--fix", "--diff"])
    assert exit_info.value.code == 2


def test_html_fix_only_where_the_words_are_plain_text(capsysbinary, folder):
    """In HTML a match inside one text run is fixed; one split by a tag is left alone."""
    path = folder / "articles" / "page.html"
    page = "<html><body><p>现场观众约3万人左右。</p><p>另有约2万<b>人</b>左右到场。</p></body></html>\n"
    path.write_text(page, encoding="utf-8")
    run(capsysbinary, "check", "articles", "--no-cache", "--fix")
    assert path.read_text(encoding="utf-8") == page.replace("约3万人左右", "约3万人")


def test_a_symlinked_article_is_left_and_the_others_fixed(capsysbinary, folder):
    """A file that may not be replaced (a symbolic link) is reported and skipped; the other files are fixed."""
    target = folder / "outside.md"
    target.write_text(FORM, encoding="utf-8")
    (folder / "articles" / "link.md").symlink_to(target)
    _, _, err = run(capsysbinary, "check", "articles", "articles/link.md", "--no-cache", "--fix")
    assert target.read_text(encoding="utf-8") == FORM
    assert "符号链接" in err and "未修复" in err
    assert (folder / "articles" / "b.txt").read_text(encoding="utf-8") == "时速达到350公里，系数为0.46。\n"
