"""The store remembers each group's corpus findings: a warm run reuses them only while every input is the same."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.test_cli import run

ARTICLES = {
    "one.md": ("2025-01-20", "2024年，重庆市新能源汽车产量为95.3万辆，同比增长50.1%。"),
    "two.md": ("2025-01-22", "2024年，重庆市新能源汽车产量为80万辆。"),
    "three.md": ("2025-01-23", "2023年，重庆市新能源汽车产量为50万辆。"),
}


def write(folder, name: str, date: str, body: str) -> None:
    """Write one article with front matter."""
    (folder / name).write_text(f"---\ntitle: {name}\ndate: {date}\n---\n{body}\n", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """Three articles, two of which state the same fact with values that do not meet."""
    folder = tmp_path / "a"
    folder.mkdir()
    for name, (date, body) in ARTICLES.items():
        write(folder, name, date, body)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture
def corpus_runs(monkeypatch):
    """Count the runs of the corpus-scope rules over claims (a light run's final pass has none)."""
    from checker.engine import runner

    calls: list[str] = []
    real = runner.run

    def counted(pack, context, scope=None):
        """The real runner, counted per scope."""
        if context.index.claims:
            calls.append(str(scope))
        return real(pack, context, scope=scope)

    monkeypatch.setattr(runner, "run", counted)
    return calls


def memo_rows(folder) -> int:
    """How many groups the store remembers."""
    with sqlite3.connect(folder.parent / ".hedui-cache" / "analysis.sqlite") as db:
        return db.execute("SELECT COUNT(*) FROM memo").fetchone()[0]


def findings(capsys, *options: str) -> tuple[int, list]:
    """Exit code and findings of a full check of the folder (--verbose: never a replayed output)."""
    code, out, _ = run(capsys, "check", "a", "--format", "json", "--verbose", *options)
    return code, json.loads(out)["findings"]


def test_a_warm_run_reuses_remembered_findings_without_running_the_corpus_rules(capsys, corpus, corpus_runs):
    """The second run gives the same findings as the first, and as a run without store, with no corpus rule run."""
    cold = findings(capsys)
    assert [f["rule"] for f in cold[1]] == ["agreement.conflicting-values"]
    assert "corpus" in corpus_runs and memo_rows(corpus) >= 1
    corpus_runs.clear()
    assert findings(capsys) == cold
    assert "corpus" not in corpus_runs
    assert findings(capsys, "--no-cache") == cold


def test_a_changed_article_is_checked_again(capsys, corpus, corpus_runs):
    """New content in one member of a group runs the rules for that group again; the old entry is dropped."""
    findings(capsys)
    remembered = memo_rows(corpus)
    write(corpus, "two.md", "2025-01-22", "2024年，重庆市新能源汽车产量为95.3万辆。")
    corpus_runs.clear()
    now = findings(capsys)
    assert now == findings(capsys, "--no-cache")
    assert "agreement.conflicting-values" not in [f["rule"] for f in now[1]] and corpus_runs
    assert memo_rows(corpus) <= remembered
    write(corpus, "two.md", "2025-01-22", ARTICLES["two.md"][1])
    assert "agreement.conflicting-values" in [f["rule"] for f in findings(capsys)[1]]


def test_a_changed_document_date_is_checked_again(capsys, corpus):
    """The same text under another date is another input: the remembered findings are not reused for it."""
    findings(capsys)
    write(corpus, "two.md", "2026-03-01", ARTICLES["two.md"][1])
    assert findings(capsys) == findings(capsys, "--no-cache")


def test_a_damaged_memo_row_is_detected_and_the_findings_computed_again(capsys, corpus):
    """A memo row whose bytes no longer match its checksum is never trusted."""
    cold = findings(capsys)
    with sqlite3.connect(corpus.parent / ".hedui-cache" / "analysis.sqlite") as db:
        db.execute("UPDATE memo SET findings = CAST('[]' AS BLOB)")
    assert findings(capsys) == cold


@pytest.fixture
def selections(monkeypatch):
    """Count the store's selections of the fact families that differ (a read of every fact row)."""
    from checker.run.cache import AnalysisCache

    calls: list[bool] = []
    real = AnalysisCache._select_differing

    def counted(self, focused):
        """The real selection, counted."""
        calls.append(focused)
        return real(self, focused)

    monkeypatch.setattr(AnalysisCache, "_select_differing", counted)
    return calls


def test_a_warm_run_over_the_same_files_reads_no_fact_row(capsys, corpus, selections):
    """The last whole run's step over the same files is remembered whole; a new article runs it again."""
    cold = findings(capsys)
    assert selections == [False]
    assert findings(capsys) == cold and selections == [False]
    write(corpus, "four.md", "2025-01-24", "2024年，重庆市新能源汽车产量为96万辆。")
    now = findings(capsys)
    assert selections == [False, False] and now == findings(capsys, "--no-cache")
    assert findings(capsys) == now and len(selections) == 3  # the --no-cache run's own store


@pytest.mark.parametrize("statement", [
    "UPDATE run_groups SET key = X'00' WHERE grp = (SELECT MIN(grp) FROM run_groups)",
    "DELETE FROM run_groups WHERE grp = (SELECT MIN(grp) FROM run_groups)",
    "UPDATE runs SET facts = facts + 1",
])
def test_a_damaged_remembered_run_is_detected(capsys, corpus, statement):
    """A remembered run whose groups or counts no longer match its row's checksum is never trusted."""
    cold = findings(capsys)
    with sqlite3.connect(corpus.parent / ".hedui-cache" / "analysis.sqlite") as db:
        db.execute(statement)
    code, out, err = run(capsys, "check", "a", "--format", "json", "--verbose")
    assert (code, json.loads(out)["findings"]) == cold and "缓存已损坏" in err


def test_a_remembered_run_without_its_groups_findings_runs_the_step(capsys, corpus, selections):
    """A remembered run whose groups' findings are gone from the memo runs the step again."""
    cold = findings(capsys)
    with sqlite3.connect(corpus.parent / ".hedui-cache" / "analysis.sqlite") as db:
        db.execute("DELETE FROM memo")
    assert findings(capsys) == cold and selections == [False, False]
