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


def write_series(corpus: Path, years: range) -> None:
    """Write two outlets' levels of one series for each year and, for 2024, a level with its 同比 rate."""
    texts = {f"{year}{side}.md": f"{year}年，成都市集成电路产业产值{value}亿元。"
             for year in years for side, value in (("a", 1000 + year), ("b", 900 + year))}
    texts["2024a.md"] = "2024年，成都市集成电路产业产值1120.4亿元，同比增长6.7%。"
    for name, text in texts.items():
        (corpus / name).write_text(f"---\ndate: 2025-02-01\n---\n{text}\n", encoding="utf-8")


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


def test_a_series_is_handed_to_the_rules_fact_by_fact_with_a_rate_beside_its_levels(tmp_path, capsys, resources,
                                                                                   monkeypatch):
    """A series stated for many periods is no group of its own (it grows with the archive): each differing fact is
    a group, and a 同比 rate's group holds its sentence's level and the level of the year before. The light path
    still finds what a full run finds."""
    from pathlib import Path

    from checker.run.cache import AnalysisCache

    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_series(corpus, range(2018, 2024))
    (corpus / "2024b.md").write_text("---\ndate: 2025-02-01\n---\n2024年，成都市集成电路产业产值1200亿元。\n",
                                     encoding="utf-8")
    paths = sorted(corpus.iterdir())
    assert _light(corpus, capsys) == _full(paths, resources)
    capsys.readouterr()
    from checker.cli.main import main

    assert main(["check", str(corpus), "--format", "json", "--quiet"]) in (0, 1)
    cache = AnalysisCache(tmp_path / ".hedui-cache")
    stored = [row[0] for row in cache.db.execute("SELECT path FROM files ORDER BY path")]
    for table in ("runs", "memo"):
        # Nothing remembered: every group is formed and handed over again.
        cache.db.execute(f"DELETE FROM {table}")
    cache.load_light(stored)
    groups = [{(Path(claim.doc).stem[:4], claim.relation) for _, claim, _ in batch}
              for batch in cache.claim_groups(stored, size=1)]
    cache.close()
    years = sorted(sorted(year for year, _ in group) for group in groups)
    # Each year's two differing levels alone; 2024's levels, its rate and 2023's levels together.
    assert [sorted(set(group)) for group in years] == [["2018"], ["2019"], ["2020"], ["2021"], ["2022"],
                                                       ["2023", "2024"]]
    assert any(("2024", "change_pct") in group for group in groups)
