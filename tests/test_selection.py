"""A warm run after a few articles changed re-selects only the families they touch (checker.run.selection), and
selects exactly what selecting every family selects: its report is a whole run's."""

from __future__ import annotations

import json
import random
import sqlite3
import sys
from pathlib import Path

import pytest

from checker.cli.main import main
from checker.run import selection
from checker.run.cache import DIFFERS, FILE_OF, AnalysisCache

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    """120 generated articles, a config with the store in tmp_path, and the shadow check of every re-selection."""
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_corpus import generate_corpus

    monkeypatch.chdir(tmp_path)
    generate_corpus(tmp_path / "c", 120, 3, force=True)
    (tmp_path / "hedui.toml").write_text(f'cache-dir = "{tmp_path / "store"}"\n', encoding="utf-8")
    reselected: list[int] = []
    original = AnalysisCache._reselect_differing

    def shadowed(self: AnalysisCache) -> None:
        """Re-select, then select every family as a run without a kept selection does: the same families."""
        original(self)
        chosen = set(self.db.execute("SELECT family FROM differing"))
        self.db.execute("DELETE FROM differing")
        self.db.execute(f"INSERT INTO differing SELECT family FROM facts WHERE {FILE_OF} IN (SELECT file FROM chosen)"
                        " GROUP BY family HAVING COUNT(*) > 1 AND (" + DIFFERS + ")")
        self._add_rate_levels(False)
        assert chosen == set(self.db.execute("SELECT family FROM differing"))
        reselected.append(len(chosen))

    monkeypatch.setattr(AnalysisCache, "_reselect_differing", shadowed)
    return tmp_path / "c" / "articles", reselected


def _report(folder: Path, capsys, *options: str) -> dict:
    """The JSON report of `hedui check` on the folder (in this process: one worker)."""
    capsys.readouterr()
    assert main(["check", str(folder), "--format", "json", "--quiet", "--jobs", "1", *options]) in (0, 1)
    return json.loads(capsys.readouterr().out)


def _edit(articles: list[Path], rnd: random.Random) -> None:
    """Change one article: drop a line, take a line of another article, or change a digit of a line."""
    path = rnd.choice(articles)
    lines = path.read_text(encoding="utf-8").split("\n")
    place = rnd.randrange(5, len(lines)) if len(lines) > 5 else len(lines) - 1
    choice = rnd.randrange(3)
    if choice == 0:
        del lines[place]
    elif choice == 1:
        other = rnd.choice(articles).read_text(encoding="utf-8").split("\n")
        lines.insert(place, rnd.choice(other[5:] or other))
    else:
        digits = [i for i, char in enumerate(lines[place]) if char.isdigit()]
        if digits:
            at = rnd.choice(digits)
            lines[place] = lines[place][:at] + str((int(lines[place][at]) + rnd.randrange(1, 9)) % 10) \
                + lines[place][at + 1:]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_run_after_edits_selects_what_selecting_every_family_selects(corpus, capsys):
    """Rounds of random edits (lines dropped, moved between articles, digits changed), each run re-selecting: the
    families are those of a full selection, and the report is a run's without a store."""
    folder, reselected = corpus
    articles = sorted(folder.iterdir())
    _report(folder, capsys)
    _report(folder, capsys)  # the remembered run: nothing re-selected
    assert reselected == []
    rnd = random.Random(7)
    for round_ in range(6):
        for _ in range(1 + round_ % 3):
            _edit(articles, rnd)
        warm = _report(folder, capsys)
        assert len(reselected) == round_ + 1
        if round_ % 2:
            assert warm == _report(folder, capsys, "--no-cache")


def test_a_kept_selection_is_dropped_after_many_changes_and_used_only_for_the_same_files(corpus, capsys, monkeypatch):
    """Past TRACK_AT_MOST changed files, or over other files, every family is selected (nothing re-selected)."""
    folder, reselected = corpus
    articles = sorted(folder.iterdir())
    _report(folder, capsys)
    monkeypatch.setattr(selection, "TRACK_AT_MOST", 2)
    rnd = random.Random(1)
    for path in articles[:3]:
        path.write_text(path.read_text(encoding="utf-8") + "\n2024年，该市新增一家企业，营业收入为12.5亿元。\n",
                        encoding="utf-8")
    assert _report(folder, capsys) == _report(folder, capsys, "--no-cache")
    assert reselected == []
    _edit(articles, rnd)
    _report(folder, capsys)
    assert len(reselected) == 1
    # Another set of files: the kept selection is of the old set.
    articles[0].unlink()
    _edit(articles[1:], rnd)
    assert _report(folder, capsys) == _report(folder, capsys, "--no-cache")
    assert len(reselected) == 1


@pytest.mark.parametrize("statement", [
    "UPDATE selection SET family = family + 1 WHERE family = (SELECT MIN(family) FROM selection)",
    "INSERT INTO changed_topics VALUES (1, 2)",
    "UPDATE selection_run SET families = families + 1",
])
def test_a_damaged_kept_selection_is_detected(corpus, capsys, statement):
    """A changed or planted row of the kept selection or of what changed since is found: the store is rebuilt and the
    report is right."""
    folder, _ = corpus
    articles = sorted(folder.iterdir())
    _report(folder, capsys)
    articles[5].write_text(articles[5].read_text(encoding="utf-8") + "\n2024年，该市营业收入为12.5亿元。\n",
                           encoding="utf-8")
    expected = _report(folder, capsys, "--no-cache")
    db = sqlite3.connect(folder.parent.parent / "store" / "analysis.sqlite")
    db.execute(statement)
    db.commit()
    db.close()
    capsys.readouterr()
    assert main(["check", str(folder), "--format", "json", "--quiet", "--jobs", "1", "--verbose"]) in (0, 1)
    out, err = capsys.readouterr()
    assert "缓存已损坏" in err, err[-300:]
    assert json.loads(out) == expected


def test_a_level_written_elsewhere_makes_an_unchanged_articles_rate_checked(tmp_path, capsys, monkeypatch):
    """A rate whose article did not change is re-selected when another article gives it the level it lacked (and when
    that level is taken away again): the rate-levels finding comes and goes as in a run without a store."""
    from checker.testing import load_cases

    monkeypatch.chdir(tmp_path)
    (tmp_path / "hedui.toml").write_text(f'cache-dir = "{tmp_path / "store"}"\n', encoding="utf-8")
    cases = ROOT / "tests" / "rule_cases" / "rate-levels" / "rate-mismatch.yaml"
    (case,) = [c for c in load_cases(cases, "rate-levels.rate-mismatch")
               if c.name == "rate-in-one-article-levels-in-two-others"]
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = {}
    for name, text, date in case.articles:
        texts[name] = f"---\ndate: {date.isoformat()}\n---\n{text}\n"
        (folder / name).write_text(texts[name], encoding="utf-8")
    level = folder / case.articles[0][0]
    level.write_text(texts[level.name].replace("1050.2亿元", "的情况另文介绍"), encoding="utf-8")
    _report(folder, capsys)
    reselected = []
    monkeypatch.setattr(AnalysisCache, "_reselect_differing",
                        lambda self, original=AnalysisCache._reselect_differing: (reselected.append(1), original(self)))
    for text, flagged in ((texts[level.name], True), (level.read_text(encoding="utf-8"), False)):
        level.write_text(text, encoding="utf-8")
        warm = _report(folder, capsys)
        assert warm == _report(folder, capsys, "--no-cache")
        assert any(f["rule"] == "rate-levels.rate-mismatch" for f in warm["findings"]) == flagged
    assert len(reselected) == 2
