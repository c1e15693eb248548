"""Timeline building: order, merging across articles, targets, events, findings, the seeds."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from checker.engine.runner import fingerprint
from timeline.build import build_timeline
from timeline.charts import find_series
from timeline.model import Entry, Source, Timeline

ROOT = Path(__file__).resolve().parent.parent

NEV_2025 = "重庆新能源汽车产量从2020年的4.3万辆飙升至2024年的95.3万辆，四年增长22.2倍。\n"
NEV_AGAIN = "2024年，重庆新能源汽车产量达到95.3万辆。\n"
TARGET_2023 = "力争到2027年，重庆先进材料产业产值突破一万亿元。\n"
TARGET_2025 = "力争2027年重庆先进材料产业产值突破8000亿元。\n"
EVENTS = (
    "2025年12月1日，重庆国际铁路港综合保税区正式封关运行。\n\n"
    "39年前，他在凤凰镇起步，一步步将造车的梦想变成现实。\n\n"
    "2024年，重庆电子信息制造业产值突破1.2万亿元。\n"
)


@pytest.fixture(scope="module")
def pack_and_lexicon():
    """The default rule pack and claim lexicon."""
    from checker.run.pipeline import load_pack_and_lexicon

    return load_pack_and_lexicon([])


@pytest.fixture(scope="module")
def timeline_of(resources, pack_and_lexicon):
    """Build the timeline of articles given as {path: (date, text)}."""
    from checker.run.pipeline import check_documents
    from checker.text.ingest import document_from_text

    pack, lexicon = pack_and_lexicon

    def build(articles: dict[str, tuple[str, str]]) -> tuple[Timeline, object]:
        docs = [document_from_text(p, text, date_override=dt.date.fromisoformat(d))
                for p, (d, text) in articles.items()]
        result = check_documents(docs, resources, pack, lexicon)
        return build_timeline(result), result

    return build


@pytest.fixture(scope="module")
def seeds(resources, pack_and_lexicon):
    """The timeline of the sample articles in seeds/ and the run it came from."""
    from checker.run.pipeline import check_documents
    from checker.text.ingest import read_document

    pack, lexicon = pack_and_lexicon
    docs = [read_document(str(p)) for p in sorted((ROOT / "seeds").iterdir()) if p.is_file()]
    result = check_documents(docs, resources, pack, lexicon)
    return build_timeline(result), result


def _entry(start: str, end: str, granularity: str, title: str = "t", doc: str = "a.md", offset: int = 0) -> Entry:
    """A bare entry for ordering tests."""
    source = Source(doc, offset, offset + 1, "x", 1, "", "x", "", None)
    return Entry("figure", dt.date.fromisoformat(start), dt.date.fromisoformat(end), granularity, "period", "",
                 title, "1", 1.0, "", "actual", None, (source,))


# ---------------------------------------------------------------- order


def test_year_sorts_before_its_months_and_after_previous_december():
    """A year comes after the previous December and before its own quarters, months and days."""
    expected = [
        _entry("2023-01-01", "2023-12-31", "year"),
        _entry("2023-12-01", "2023-12-31", "month"),
        _entry("2024-01-01", "2024-12-31", "year"),
        _entry("2024-01-01", "2024-09-30", "quarter"),
        _entry("2024-01-01", "2024-01-31", "month"),
        _entry("2024-01-01", "2024-01-01", "day"),
        _entry("2024-02-01", "2024-02-29", "month"),
    ]
    shuffled = expected[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=Entry.sort_key) == expected


def test_ties_sort_by_title_then_document_then_offset():
    """Entries at the same start and granularity keep one order whatever order they arrive in."""
    expected = [
        _entry("2024-01-01", "2024-12-31", "year", "A", "a.md", 5),
        _entry("2024-01-01", "2024-12-31", "year", "B", "a.md", 1),
        _entry("2024-01-01", "2024-12-31", "year", "B", "b.md", 0),
        _entry("2024-01-01", "2024-12-31", "year", "B", "b.md", 9),
    ]
    for seed in range(5):
        shuffled = expected[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=Entry.sort_key) == expected


# ---------------------------------------------------------------- figures and targets


def test_figures_merge_across_articles(timeline_of):
    """One fact stated by two articles is one entry listing both sources."""
    timeline, _ = timeline_of({"a.md": ("2025-11-25", NEV_2025), "b.md": ("2025-11-26", NEV_AGAIN)})
    nev = [e for e in timeline.entries if e.title == "重庆 新能源汽车产量" and e.start.year == 2024]
    assert len(nev) == 1
    assert nev[0].sort == "figure" and nev[0].text == "95.3万辆" and nev[0].value == 953000
    assert {s.doc for s in nev[0].sources} == {"a.md", "b.md"}


def test_targets_sit_at_their_year_with_announced_date_and_revision(timeline_of):
    """A target announced twice with different values sits at its year, marked as a revision."""
    timeline, _ = timeline_of({"old.md": ("2023-11-20", TARGET_2023), "new.md": ("2025-11-25", TARGET_2025)})
    [target] = [e for e in timeline.entries if e.sort == "target"]
    assert (target.start, target.end, target.modality) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31), "target")
    assert target.announced == dt.date(2025, 11, 25) and target.text == "突破8000亿元"
    assert target.revised
    assert [(a.announced, a.text) for a in target.announcements] == [
        (dt.date(2023, 11, 20), "突破一万亿元"), (dt.date(2025, 11, 25), "突破8000亿元"),
    ]
    assert any(flag.rule.startswith("revision.") for flag in target.flags)


def test_findings_touch_the_entries_of_their_claims(timeline_of):
    """The 22.2倍 finding's fingerprint is on the 2020 and 2024 figures it was computed from."""
    timeline, result = timeline_of({"a.md": ("2025-11-25", NEV_2025)})
    [finding] = [f for f in result.findings if any(c.mention.text == "22.2倍" for c in f.claims)]
    flagged = [e for e in timeline.entries if fingerprint(finding) in e.fingerprints]
    assert sorted(e.start.year for e in flagged) == [2020, 2024]
    assert all(e.severity == "error" for e in flagged)


# ---------------------------------------------------------------- events


def test_events_come_from_explicit_dates(timeline_of):
    """Dated happenings become events at their date; a dated figure does not."""
    timeline, _ = timeline_of({"a.md": ("2025-12-23", EVENTS)})
    events = {(e.start, e.granularity): e for e in timeline.entries if e.sort == "event"}
    assert "封关运行" in events[(dt.date(2025, 12, 1), "day")].title
    assert "起步" in events[(dt.date(1986, 1, 1), "year")].title
    assert events[(dt.date(1986, 1, 1), "year")].period_text == "39年前"
    assert not any(e.start.year == 2024 for e in events.values())
    assert all(len(e.title) <= 40 for e in events.values())


def test_event_source_highlights_the_date(timeline_of):
    """An event's source is the date's span, with its sentence split around it."""
    timeline, _ = timeline_of({"a.md": ("2025-12-23", EVENTS)})
    [event] = [e for e in timeline.entries if e.start == dt.date(2025, 12, 1)]
    source = event.sources[0]
    assert source.text == "2025年12月1日" and source.mark == "2025年12月1日"
    assert source.after.startswith("，重庆国际铁路港")


# ---------------------------------------------------------------- the seeds


def test_seed_timeline_runs_from_1986_to_the_targets(seeds):
    """The seeds' chronology: 1986 first, figures of 2020, 2022 and 2024, the 2023-11 event, 2025 events, targets."""
    timeline, _ = seeds
    entries = timeline.entries
    assert list(entries) == sorted(entries, key=Entry.sort_key)
    assert (entries[0].start.year, entries[0].sort, entries[0].period_text) == (1986, "event", "39年前")
    years = {sort: {e.start.year for e in entries if e.sort == sort} for sort in ("figure", "target", "event")}
    assert {2020, 2022, 2024} <= years["figure"]
    assert any(e.sort == "event" and (e.start, e.granularity) == (dt.date(2023, 11, 1), "month") for e in entries)
    assert any(e.sort == "event" and e.start == dt.date(2025, 12, 1) for e in entries)
    assert any(e.sort == "event" and e.start == dt.date(2025, 11, 1) and "港交所" in e.title for e in entries)
    assert {2027, 2030, 2035} <= years["target"]


def test_seed_finding_stands_on_its_entry(seeds):
    """The 增长22.2倍 error is shown on the 2024 新能源汽车产量 entry."""
    timeline, result = seeds
    [finding] = [f for f in result.findings if any(c.mention.text == "22.2倍" for c in f.claims)]
    [entry] = [e for e in timeline.entries if fingerprint(finding) in e.fingerprints and e.start.year == 2024]
    assert entry.title.endswith("新能源汽车产量") and entry.text == "95.3万辆"
    assert any(flag.severity == "error" and "22.2倍" in flag.message for flag in entry.flags)


def test_seed_metric_with_three_values_gets_a_chart(seeds):
    """新能源汽车产量 has 2020 and 2024 actuals and 2023/2025/2027 forecasts: one chart of them all."""
    series = [s for s in find_series(seeds[0].entries) if s.title.endswith("新能源汽车产量")]
    assert len(series) == 1
    assert [(e.start.year, e.sort) for e in series[0].entries] == [
        (2020, "figure"), (2023, "target"), (2024, "figure"), (2025, "target"), (2027, "target")]


@pytest.mark.parametrize(
    ("start", "end", "granularity", "kind", "expected"),
    [
        ("2024-01-01", "2024-12-31", "year", "period", "2024年"),
        ("2021-01-01", "2025-12-31", "years", "period", "2021—2025年"),
        ("2025-01-01", "2025-09-30", "quarter", "period", "2025年前三季度"),
        ("2025-04-01", "2025-06-30", "quarter", "period", "2025年二季度"),
        ("2025-01-01", "2025-06-30", "half", "period", "2025年上半年"),
        ("2025-07-01", "2025-12-31", "half", "period", "2025年下半年"),
        ("2025-11-01", "2025-11-30", "month", "period", "2025年11月"),
        ("2025-01-01", "2025-10-31", "month", "period", "2025年1—10月"),
        ("2025-12-01", "2025-12-01", "day", "point", "2025年12月1日"),
        ("2025-11-25", "2025-11-25", "day", "asof", "截至2025年11月25日"),
        ("2025-01-01", "2025-11-25", "day", "period", "2025年1月1日至11月25日"),
    ],
)
def test_display_dates(start, end, granularity, kind, expected):
    """Periods are written as Chinese news writes them."""
    from timeline.dates import render_period

    assert render_period(dt.date.fromisoformat(start), dt.date.fromisoformat(end), granularity, kind) == expected
