"""Timeline exports: the JSON contract, TimelineJS JSON and CSV, Markdown, HTML escaping, the command."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import jsonschema

from tests.test_timeline import (  # noqa: F401  (fixtures are found by name)
    EVENTS,
    NEV_2025,
    ROOT,
    TARGET_2023,
    pack_and_lexicon,
    seeds,
    timeline_of,
)
from timeline.export_html import render_html
from timeline.export_json import render_json
from timeline.export_md import render_markdown
from timeline.export_timelinejs import CSV_COLUMNS, render_csv, render_timelinejs

HOSTILE = (
    "2025年12月1日，<script>alert(1)</script>正式封关运行。\n\n"
    '2025年11月，"><img src=x onerror=alert(1)>登陆港交所。\n\n'
    "2025年10月21日，[详见](javascript:alert(1))计划正式启动。\n\n"
    "2024年，重庆新能源汽车产量达到95.3万辆。\n"
)


def test_json_contract(timeline_of):
    """Every entry carries the contract fields, in page order, with sources that point at their text."""
    articles = {"a.md": ("2025-11-25", NEV_2025 + "\n" + EVENTS), "b.md": ("2023-11-20", TARGET_2023)}
    timeline, _ = timeline_of(articles)
    data = json.loads(render_json(timeline))
    starts = [e["start_date"] for e in data["entries"]]
    assert starts == sorted(starts)
    for entry in data["entries"]:
        assert entry["sort"] in ("figure", "target", "event")
        dt.date.fromisoformat(entry["start_date"]), dt.date.fromisoformat(entry["end_date"])
        assert isinstance(entry["title"], str) and isinstance(entry["text"], str) and isinstance(entry["unit"], str)
        assert entry["value"] is None or isinstance(entry["value"], (int, float))
        assert entry["modality"] in ("actual", "target", "forecast", "plan", "event")
        assert entry["announced"] is None or dt.date.fromisoformat(entry["announced"])
        assert all(isinstance(f, str) for f in entry["findings"])
        for source in entry["sources"]:
            assert articles[source["doc"]][1][source["start"]:source["end"]] == source["text"]
    [nev] = [e for e in data["entries"] if e["title"] == "重庆 新能源汽车产量" and e["start_date"] == "2024-01-01"]
    assert (nev["end_date"], nev["text"], nev["value"], nev["unit"]) == ("2024-12-31", "95.3万辆", 953000, "辆")
    assert (nev["modality"], nev["announced"]) == ("actual", "2025-11-25")
    assert nev["sources"][0]["text"] == "95.3万辆" and len(nev["findings"]) == 1


TIMELINEJS_DATE = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer"}, "minute": {"type": "integer"}, "second": {"type": "integer"},
        "display_date": {"type": "string"},
    },
    "additionalProperties": False,
}
TIMELINEJS_TEXT = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
TIMELINEJS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": TIMELINEJS_TEXT, "media": {"type": "object"}}},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date"],
                "properties": {
                    "start_date": TIMELINEJS_DATE,
                    "end_date": TIMELINEJS_DATE,
                    "text": TIMELINEJS_TEXT,
                    "media": {"type": "object"},
                    "group": {"type": "string"},
                    "display_date": {"type": "string"},
                    "background": {"type": "object"},
                    "autolink": {"type": "boolean"},
                    "unique_id": {"type": "string"},
                },
                "additionalProperties": False,
            },
        },
        "eras": {"type": "array"},
        "scale": {"enum": ["human", "cosmological"]},
        "autolink": {"type": "boolean"},
    },
}


def test_timelinejs_matches_the_timelinejs3_schema(seeds):
    """The TimelineJS export validates, and coarse periods carry a display date."""
    data = json.loads(render_timelinejs(seeds[0]))
    jsonschema.Draft202012Validator(TIMELINEJS_SCHEMA).validate(data)
    assert data["autolink"] is False
    quarters = [e for e in data["events"] if "前三季度" in e.get("display_date", "")]
    assert quarters and all(e["end_date"]["month"] == 9 for e in quarters)


def test_csv_has_the_timelinejs_spreadsheet_columns(seeds):
    """The CSV header is TimelineJS's spreadsheet layout and every row has all its columns."""
    rows = list(csv.reader(io.StringIO(render_csv(seeds[0]))))
    assert tuple(rows[0]) == CSV_COLUMNS == (
        "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
        "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
    )
    assert rows[1][CSV_COLUMNS.index("Type")] == "title"
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    assert len(rows) == len(seeds[0].entries) + 2


def test_markdown_has_year_headings_and_flags(seeds):
    """The Markdown chronology has a heading per year and ⚠ on flagged entries."""
    text = render_markdown(seeds[0])
    assert "## 1986" in text and "## 2035" in text
    assert "⚠" in text and "22.2倍" in text


# ---------------------------------------------------------------- escaping


def test_article_markup_stays_text_in_every_export(timeline_of):
    """Script tags, attribute breakouts and javascript: links from an article never become markup."""
    timeline, _ = timeline_of({"evil.md": ("2025-12-23", HOSTILE)})
    assert any("<script>" in e.title for e in timeline.entries)
    page = render_html(timeline)
    assert page.count("<script") == 2  # the JSON data block and the page's own script
    assert "<img" not in page and "</script>alert" not in page
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", page, re.I)
    assert "alert(1)" in page  # still there, as text inside the escaped data
    markdown = render_markdown(timeline)
    assert "<script" not in markdown and "<img" not in markdown and "](javascript:" not in markdown
    tjs = json.loads(render_timelinejs(timeline))
    for event in tjs["events"]:
        assert "<script" not in event["text"]["headline"] + event["text"]["text"]
        assert "<img" not in event["text"]["headline"] + event["text"]["text"]
    assert "<script" not in render_csv(timeline) and "<img" not in render_csv(timeline)


def test_html_page_requests_nothing_from_the_network(seeds):
    """The page has no external script, style, font or image, and its CSP forbids any (year files too)."""
    page = render_html(seeds[0])
    assert "default-src 'none'" in page and "'self'" not in page
    assert not re.search(r"<(link|iframe|img|object|embed)\b", page, re.I)
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"\b(src|href)\s*=", markup, re.I)
    assert "@import" not in page and "url(" not in page
    assert re.findall(r"https?://[^\s\"'<]+", page) == ["http://www.w3.org/2000/svg"] * page.count("<svg")


def test_timeline_command_writes_each_format(tmp_path, monkeypatch):
    """`hedui timeline` writes every format atomically and exits 0; a missing path exits 2."""
    from checker.cli.main import main

    monkeypatch.chdir(tmp_path)
    seeds_dir = str(ROOT / "seeds")
    for form in ("html", "json", "md", "timelinejs", "csv"):
        out = tmp_path / f"timeline.{form}"
        assert main(["timeline", seeds_dir, "--format", form, "--output", str(out), "--no-cache", "--quiet"]) == 0
        assert out.stat().st_size > 1000
    assert json.loads((tmp_path / "timeline.json").read_text("utf-8"))["entries"]
    assert main(["timeline", str(tmp_path / "missing"), "--format", "json", "--no-cache", "--quiet"]) == 2


def test_page_script_never_parses_strings_as_markup():
    """The page's script builds the DOM with createElement and textContent only."""
    from timeline.html_script import SCRIPT

    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in SCRIPT
