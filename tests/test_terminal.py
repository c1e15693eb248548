"""The text report in a real pseudo-terminal at 60, 80 and 120 columns: snippets fit, carets sit under the figure."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from wcwidth import wcswidth, wcwidth

from tests.test_cli import WRONG, run

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")
GUTTER = "      | "
# One long line of Chinese text and full-width punctuation around the wrong figure.
LONG = ("据市统计局发布的数据，今年以来全市工业经济运行总体平稳、稳中有进，高技术制造业增加值同比增长一成以上，"
        + WRONG.strip() + "全市规模以上工业企业实现营业收入一万二千亿元，同比增长百分之五点六，"
        "利润总额保持较快增长。\n")


@pytest.fixture
def article(tmp_path):
    """A project with a Chinese file name in a Chinese folder, holding one long line with a wrong figure."""
    (tmp_path / "hedui.toml").write_text("cache = false\n", encoding="utf-8")
    (tmp_path / "新闻稿件").mkdir()
    (tmp_path / "新闻稿件" / "第一篇报道.md").write_text(LONG, encoding="utf-8")
    return tmp_path


def _in_terminal(cwd: Path, columns: int, **env: str) -> str:
    """The raw output of `hedui check 新闻稿件` in a pseudo-terminal of the given width."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    environment.update(TERM="xterm", PYTHONPATH=str(ROOT), LANG="C.UTF-8", **env)
    child = pexpect.spawn(sys.executable, ["-m", "checker.cli.main", "check", "新闻稿件", "--quiet"], cwd=str(cwd),
                          env=environment, dimensions=(50, columns), encoding="utf-8", timeout=120)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1, child.before
    return child.before.replace("\r\n", "\n")


def _under_carets(snippet: str, carets: str) -> str:
    """The characters of the snippet whose columns the carets cover."""
    first, last = carets.index("^"), carets.rindex("^") + 1
    column, covered = 0, []
    for ch in snippet:
        if first <= column < last:
            covered.append(ch)
        column += max(wcwidth(ch), 0)
    return "".join(covered)


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_snippets_fit_and_carets_point_at_the_figure(capsys, article, monkeypatch, columns):
    """Every snippet line fits the terminal and its carets cover exactly one of the finding's figures."""
    monkeypatch.chdir(article)
    _, out, _ = run(capsys, "check", "新闻稿件", "--format", "json")
    figures = {c["text"] for f in json.loads(out)["findings"] for c in f["claims"]}
    lines = ANSI.sub("", _in_terminal(article, columns)).splitlines()
    quoted = [i for i, line in enumerate(lines) if line.startswith(GUTTER) and "^" not in line]
    assert len(quoted) >= 3
    for i in quoted:
        snippet, carets = lines[i], lines[i + 1]
        assert wcswidth(snippet) <= columns, snippet
        assert _under_carets(snippet[len(GUTTER):], carets[len(GUTTER):]) in figures, (snippet, carets)
    assert any(line.strip() == "新闻稿件/第一篇报道.md" for line in lines)


def test_no_color_gives_no_escape_codes(article):
    """NO_COLOR=1 in a terminal: no escape code at all; without it, a terminal gets colour."""
    assert "\x1b[" not in _in_terminal(article, 80, NO_COLOR="1")
    assert "\x1b[31m" in _in_terminal(article, 80)
