"""Snippets cut to a width in display columns, carets under the figure; project paths however a path is typed."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth, wcwidth

from checker.report.snippet import cut_snippet, display_width
from checker.text.project import project_path

# Latin, Han, full-width digits, emoji outside the BMP, a combining accent, tabs and control characters.
CHARS = st.sampled_from(list("ab1.%") + list("增长亿万元年") + ["２", "０", "😀", "𠀀", "e\u0301", "\t", "\x1b", "，"])
LINES = st.lists(CHARS, min_size=1, max_size=120).map("".join)


def _columns(text: str) -> int:
    """Display columns of text as a terminal shows it (what the test trusts: wcwidth per character)."""
    return sum(max(wcwidth(ch), 0) for ch in text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.data(), st.integers(min_value=8, max_value=130))
def test_snippet_fits_and_carets_cover_the_figure(line, data, width):
    """The cut line fits the width, and the carets cover exactly the figure's shown characters (or its start)."""
    start = data.draw(st.integers(min_value=0, max_value=len(line) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=min(len(line), start + 12)))
    shown, carets = cut_snippet(line, start, end, width)
    assert display_width(shown) <= width
    assert _columns(shown) == display_width(shown)
    assert set(carets.strip()) == {"^"} and len(carets) <= width
    assert carets.index("^") <= display_width(shown)


@pytest.mark.parametrize("line,start,end,width,expected", [
    ("产量增长22.2倍。", 4, 9, None, ("产量增长22.2倍。", "        ^^^^^^")),
    ("ａ增长22.2倍", 3, 8, None, ("ａ增长22.2倍", "      ^^^^^^")),
    ("x\x1by 22%", 4, 7, None, ("x\\x1by 22%", "       ^^^")),
    ("一二三四五六七八九十增长22.2倍一二三四五六七八九十", 12, 17, 20, ("...增长22.2倍一二...", "       ^^^^^^")),
])
def test_snippet_table(line, start, end, width, expected):
    """Wide characters count two columns, escapes their shown length, and cuts are marked with '...'."""
    assert cut_snippet(line, start, end, width) == expected
    assert wcswidth(expected[0]) == display_width(expected[0])


def test_project_path_is_the_same_however_typed(tmp_path, monkeypatch):
    """a/x.md, ./a/x.md, the absolute path and x.md from inside a/ name one file from the configuration's folder."""
    (tmp_path / "hedui.toml").write_text("", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    spellings = ["a/x.md", "./a/x.md", str(tmp_path / "a" / "x.md"), "a/../a/x.md"]
    assert {project_path(p) for p in spellings} == {"a/x.md"}
    monkeypatch.chdir(tmp_path / "a")
    assert project_path("x.md") == project_path(os.path.join("..", "a", "x.md")) == "a/x.md"
    assert project_path("-") == "-"
