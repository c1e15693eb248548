"""`hedui check` (the light path: claims of the fact families that matter) finds what a full run finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.testing import load_cases

CASES = Path(__file__).parent / "rule_cases" / "rate-levels" / "rate-mismatch.yaml"


def _write_corpus(case, folder: Path) -> list[Path]:
    """Write a case's articles as files with their dates in front matter."""
    paths = []
    for name, text, date in case.articles:
        path = folder / Path(name).name
        front = f"---\ndate: {date.isoformat()}\n---\n" if date else ""
        path.write_text(front + text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _full(paths: list[Path], resources) -> list[tuple[str, str, tuple[str, ...]]]:
    """Findings of a full run (every claim of every document in the index), as (rule, severity, claim texts)."""
    from checker.run.pipeline import check_documents, load_pack_and_lexicon
    from checker.text.ingest import read_document

    pack, lexicon = load_pack_and_lexicon([])
    result = check_documents([read_document(str(p)) for p in paths], resources, pack, lexicon)
    return sorted((f.rule, f.severity, tuple(sorted(c.mention.text for c in f.claims))) for f in result.findings)


def _light(folder: Path, capsys) -> list[tuple[str, str, tuple[str, ...]]]:
    """Findings of `hedui check --format json` on the folder, as (rule, severity, claim texts)."""
    from checker.cli.main import main

    capsys.readouterr()
    assert main(["check", str(folder), "--no-cache", "--format", "json", "--quiet"]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    return sorted((f["rule"], f["severity"], tuple(sorted(c["text"] for c in f["claims"])))
                  for f in report["findings"])


@pytest.mark.parametrize("case", [c for c in load_cases(CASES, "rate-levels.rate-mismatch") if len(c.articles) > 1],
                         ids=lambda c: c.name)
def test_light_check_finds_what_a_full_run_finds(case, tmp_path, capsys, resources, monkeypatch):
    """A rate and its two levels, each stated once in its own article, are checked by `hedui check` too."""
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paths = _write_corpus(case, corpus)
    full = _full(paths, resources)
    assert _light(corpus, capsys) == full
    if case.expected:
        # The case where it matters: no family differs, yet the rate is flagged by both paths.
        assert any(rule == "rate-levels.rate-mismatch" for rule, _, _ in full)


def test_families_needed_names_a_rates_levels_by_its_series_and_its_articles_levels():
    """A rate's own series, or the series of a level its article states for its period, with both years' levels."""
    from checker.engine.kinds.rate_levels import families_needed

    def row(path: str, series: str, year: int, relation: str) -> tuple[str, str, str]:
        """A store row (path, fact key, family) of an actual full-year fact."""
        key = f"{series}/{year}-01-01..{year}-12-31/full/actual/{relation}/x"
        return path, key, key.replace("/actual/", "/*/")

    rows = [row("a.md", "成都/产值", 2023, "level"), row("b.md", "成都/产值", 2024, "level"),
            row("c.md", "成都/产值", 2024, "change_pct"),
            row("d.md", "成都/营收", 2024, "level"), row("d.md", "成都/?营收", 2024, "change_pct"),
            row("e.md", "成都/营收", 2023, "level"), row("f.md", "西安/产值", 2024, "change_pct")]
    groups = {frozenset(f.split("/")[1] + f.split("/")[2][:4] for f in g) for g in families_needed(rows)}
    assert groups == {frozenset({"产值2024", "产值2023"}), frozenset({"?营收2024", "营收2024", "营收2023"})}
