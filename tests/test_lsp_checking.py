"""The language server's checks in process: the archive by fact family, and findings an editor set aside."""

from __future__ import annotations

import pytest

from checker.engine.runner import fingerprint
from checker.lsp.checking import Checker, load_archive
from checker.run.config import load_config
from checker.triage.decisions import Decision

GROWTH = "growth.increase-by-vs-to"
WRONG = "西安市光伏组件产量从2019年的3.2万千瓦增至2024年的57.9万千瓦，五年增长18.1倍。\n"
HEAD = "---\ndate: 2025-03-02\n---\n"


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    """A checker with the default configuration of an empty folder."""
    return Checker.load(load_config(start=tmp_path_factory.mktemp("project")))


def test_inline_suppression_hides_the_finding(checker, tmp_path):
    """<!-- hedui-disable rule: reason --> before the paragraph hides its finding, as in `hedui check`."""
    path = str(tmp_path / "a.md")
    archive = load_archive(checker, [])
    assert [f.rule for f in checker.check(path, HEAD + WRONG, archive).findings] == [GROWTH]
    quiet = HEAD + f"<!-- hedui-disable {GROWTH}: 引用原文 -->\n" + WRONG
    assert checker.check(path, quiet, archive).findings == ()


def test_dismissed_finding_is_hidden_and_accepted_one_shown(checker, tmp_path):
    """A finding dismissed in the decisions file is not shown; an accepted one still is."""
    path = str(tmp_path / "a.md")
    archive = load_archive(checker, [])
    (finding,) = checker.check(path, HEAD + WRONG, archive).findings
    fp = fingerprint(finding)
    dismissed = {fp: Decision(fp, "dismissed", rule=GROWTH, reason="原文如此")}
    accepted = {fp: Decision(fp, "accepted", rule=GROWTH)}
    assert checker.check(path, HEAD + WRONG, archive, dismissed).findings == ()
    assert len(checker.check(path, HEAD + WRONG, archive, accepted).findings) == 1


def test_archive_claims_of_other_families_are_not_compared(checker, tmp_path):
    """Only archive claims of the article's own fact families take part; the article's own file is skipped."""
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "x.md").write_text(HEAD + "2024年，成都集成电路产业产值达到1320亿元。\n", encoding="utf-8")
    (folder / "y.md").write_text(HEAD + "2024年，重庆汽车产量为232万辆。\n", encoding="utf-8")
    archive = load_archive(checker, [str(folder)], use_cache=False)
    assert len(archive.families) == 2
    draft = HEAD + "2024年，成都集成电路产业产值为1450亿元。\n"
    found = checker.check(str(tmp_path / "draft.md"), draft, archive).findings
    assert [f.rule for f in found] == ["agreement.conflicting-values"]
    assert {c.doc for c in found[0].claims} == {str(tmp_path / "draft.md"), str(folder / "x.md")}
    # The same text checked as the archive's own x.md meets only itself: nothing to disagree with.
    assert checker.check(str(folder / "x.md"), draft, archive).findings == ()


def test_a_keystroke_does_not_read_the_archive_again(checker, tmp_path):
    """Once read, the archive answers from memory: its file may even be gone and the conflict is still found."""
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "x.md").write_text(HEAD + "2024年，成都集成电路产业产值达到1320亿元。\n", encoding="utf-8")
    archive = load_archive(checker, [str(folder)], use_cache=False)
    (folder / "x.md").unlink()
    draft = HEAD + "2024年，成都集成电路产业产值为1450亿元。\n"
    found = checker.check(str(tmp_path / "draft.md"), draft, archive).findings
    assert [f.rule for f in found] == ["agreement.conflicting-values"]
