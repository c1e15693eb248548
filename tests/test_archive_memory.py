"""What a large run keeps per article is compact: document stubs, the JSON report in pieces, no archive recorded."""

from __future__ import annotations

import datetime as dt
import json
import types
from collections import Counter

import attrs
import pytest

from checker.cli import recording
from checker.model import Document, DocumentDate
from checker.report.json_report import PIECE, PIECE_CHARS, render_json, render_json_pieces
from checker.run.stubs import DocumentStubs
from tests import test_cache
from tests.test_cli import run

DATES = (None, DocumentDate(dt.date(2024, 3, 1), "front matter"),
         DocumentDate(dt.date(1999, 12, 31), "inferred: 去年", 0.6),
         DocumentDate(dt.date(2024, 3, 1), "file modification time", 0.3))


def _stub(index: int) -> Document:
    """A Document without text as a light run keeps it: path, date, encoding."""
    return Document(f"新闻/{index:05d}.md", "", "", (), dct=DATES[index % len(DATES)],
                    encoding=("utf-8", "gb18030")[index % 3 == 0])


def test_document_stubs_give_back_the_documents_they_were_given():
    """Stubs built document by document read back equal Documents, by index, slice, from the end and in order."""
    documents = [_stub(i) for i in range(10)]
    stubs = DocumentStubs()
    for d in documents:
        stubs.append(d.path, d.dct, d.encoding)
    assert list(stubs) == documents and len(stubs) == 10
    assert stubs[-1] == documents[-1] and stubs[2:5] == tuple(documents[2:5])
    assert stubs.places_of({"新闻/00003.md", "新闻/00007.md", "other.md"}) == [3, 7]
    with pytest.raises(IndexError):
        stubs[10]


def test_document_stubs_take_whole_documents_without_changing_the_others():
    """with_whole puts whole documents at some places; the original stubs are unchanged."""
    stubs = DocumentStubs()
    for i in range(4):
        d = _stub(i)
        stubs.append(d.path, d.dct, d.encoding)
    whole = Document("新闻/00002.md", "正文", "正文", (0, 1), dct=DATES[2])
    hydrated = stubs.with_whole({2: whole})
    assert hydrated[2] is whole and hydrated[1] == stubs[1] and stubs[2].text == ""


@pytest.mark.parametrize("encodings", [("utf-8", "gb18030"), ("utf-8", "utf-8-sig")])
def test_document_stubs_give_dates_and_guessed_encodings_as_their_documents_do(encodings):
    """dates() and guessed_encodings() read the arrays as the Documents built from them read (none whole: else None
    and the documents' own)."""
    from checker.cli.common import _guessed_encodings
    from checker.report.json_report import _document_record, _document_records

    documents = [attrs.evolve(_stub(i), encoding=encodings[i % 3 == 0]) for i in range(12)]
    stubs = DocumentStubs()
    for d in documents:
        stubs.append(d.path, d.dct, d.encoding)
    records = [_document_record(d) for d in documents]
    guessed = {d.path: d.encoding for d in documents if not d.encoding.startswith("utf-")}
    assert list(_document_records(stubs)) == records and stubs.dates() is not None
    assert _guessed_encodings(stubs) == stubs.guessed_encodings() == guessed
    whole = Document("新闻/00002.md", "正文", "正文", (0, 1), dct=DATES[1], encoding="big5")
    hydrated = stubs.with_whole({2: whole})
    assert hydrated.dates() is None
    assert list(_document_records(hydrated)) == [_document_record(d) for d in hydrated]
    assert hydrated.guessed_encodings() == {d.path: d.encoding for d in hydrated if not d.encoding.startswith("utf-")}
    assert "新闻/00002.md" in hydrated.guessed_encodings()


@pytest.mark.parametrize("count", [0, 1, PIECE, 2 * PIECE + 5])
def test_json_report_pieces_join_to_the_whole_object_as_json_writes_it(count):
    """The streamed report is byte for byte json.dumps of the whole object, at and across piece boundaries."""
    documents = [_stub(i) for i in range(count)]
    result = types.SimpleNamespace(documents=documents, findings=(), total_claims=7, total_facts=3)
    payload = {
        "documents": [{"doc": d.path, "dct": d.dct.date.isoformat() if d.dct else None,
                       "dct_source": d.dct.source if d.dct else "unknown",
                       "dct_inferred": bool(d.dct and d.dct.inferred)} for d in documents],
        "findings": [],
        "summary": {"documents": count, "claims": 7, "facts": 3, "findings": {"error": 0, "warning": 0, "info": 0},
                    "set_aside": {}},
        "stale_decisions": ["abc"],
    }
    expected = json.dumps(payload, ensure_ascii=False) + "\n"
    assert render_json(result, stale=("abc",)) == expected
    pieces = list(render_json_pieces(result, stale=("abc",)))
    assert "".join(pieces) == expected and len(pieces) == 3 + -(-count // PIECE)


def test_json_report_pieces_of_long_records_hold_about_piece_chars_of_text():
    """Long records go a few at a time: a piece passes PIECE_CHARS by less than one record; they join to the whole."""
    documents = [attrs.evolve(_stub(i), path=f"新闻/{'长' * 5000}{i:05d}.md") for i in range(300)]
    result = types.SimpleNamespace(documents=documents, findings=(), total_claims=0, total_facts=0)
    pieces = list(render_json_pieces(result))
    assert "".join(pieces) == render_json(result)
    listed = pieces[1:-2]  # the pieces of the documents' list, between its opening and the findings'
    assert len(listed) > 2 and all(PIECE_CHARS <= len(piece) < PIECE_CHARS + 5200 for piece in listed[:-1])


corpus = test_cache.corpus  # the fixture: a folder of a few articles with a cross-article conflict


def test_json_report_pieces_with_findings_match_one_dumps_and_count_statuses():
    """Findings across piece boundaries, some set aside with reasons, give json.dumps of the whole object."""
    from checker.model import Span
    from checker.report.records import finding_record
    from checker.run.pipeline import internal_finding

    findings = [attrs.evolve(internal_finding(f"新闻/{i:05d}.md", ValueError(str(i))),
                             severity=("error", "warning", "info")[i % 3],
                             spans=((f"新闻/{i:05d}.md", Span(i, i + 1), ""),)) for i in range(PIECE + 7)]
    prints = [finding_record(f)["fingerprint"] for f in findings]
    statuses = {prints[1]: "dismissed", prints[5]: "baseline", prints[PIECE + 2]: "suppressed", prints[4]: "open"}
    reasons = {prints[1]: "已核实"}
    result = types.SimpleNamespace(documents=[_stub(0)], findings=findings, total_claims=1, total_facts=1)
    records = []
    for finding in findings:
        record = finding_record(finding)
        record["status"] = statuses.get(record["fingerprint"], "new")
        record["dismissed"] = record["status"] in ("dismissed", "suppressed", "baseline")
        if record["fingerprint"] in reasons:
            record["reason"] = reasons[record["fingerprint"]]
        records.append(record)
    counts = Counter(r["severity"] for r in records if not r["dismissed"])
    payload = {"documents": [{"doc": "新闻/00000.md", "dct": None, "dct_source": "unknown", "dct_inferred": False}],
               "findings": records,
               "summary": {"documents": 1, "claims": 1, "facts": 1,
                           "findings": {s: counts.get(s, 0) for s in ("error", "warning", "info")},
                           "set_aside": dict(Counter(r["status"] for r in records if r["dismissed"]))},
               "stale_decisions": []}
    assert render_json(result, statuses=statuses, reasons=reasons) == json.dumps(payload, ensure_ascii=False) + "\n"
    assert payload["summary"]["set_aside"] == {"dismissed": 1, "baseline": 1, "suppressed": 1}


def _recordings(folder) -> list:
    """The recorded outputs in a folder's cache."""
    return sorted((folder / ".hedui-cache" / "recall").glob("*.rec"))


def test_a_warm_run_within_the_limit_is_recorded(capsys, corpus):
    """The control: a second, warm run over a few files leaves a recording."""
    first = run(capsys, "check", ".", "--format", "json")
    assert run(capsys, "check", ".", "--format", "json") == first
    assert len(_recordings(corpus)) == 1


def test_a_run_over_more_files_than_the_limit_is_never_recorded(capsys, corpus, monkeypatch):
    """A run depending on more files than MAX_DEPENDENCIES gives the same report and keeps no recording."""
    monkeypatch.setattr(recording, "MAX_DEPENDENCIES", 3)
    first = run(capsys, "check", ".", "--format", "json")
    assert run(capsys, "check", ".", "--format", "json") == first
    assert _recordings(corpus) == [] and first[0] == 1


def test_document_stubs_hold_the_runs_own_paths_and_one_array_place_per_date_source_and_encoding():
    """share_paths keeps the run's sequence itself (no second list of every path) only when it holds the same paths;
    the day and one place among the distinct (source, confidence, encoding) take 8 bytes per document."""
    documents = [_stub(i) for i in range(9)]
    paths = tuple(d.path for d in documents)
    stubs = DocumentStubs()
    for d in documents:
        stubs.append(d.path, d.dct, d.encoding)
    arrays = [value for value in vars(stubs).values() if hasattr(value, "itemsize")]
    assert sum(a.itemsize * len(a) for a in arrays) == 8 * len(documents)
    stubs.share_paths(paths[:-1] + ("新闻/other.md",))
    assert stubs.paths is not paths and list(stubs.paths) == list(paths)
    stubs.share_paths(paths)
    assert stubs.paths is paths and list(stubs) == documents


def test_spilled_documents_keep_their_places_in_eight_bytes_each_in_order():
    """The places of the documents a report quotes are an ordered array (a set of ints takes ~60 bytes each), put
    in any order, each once."""
    from checker.run.spill import SpilledDocuments

    spilled = SpilledDocuments()
    for place in (3, 9, 5, 9, 0):
        spilled.put(place, _stub(place))
    assert list(spilled) == [0, 3, 5, 9] and len(spilled) == 4
    assert 5 in spilled and 4 not in spilled and "5" not in spilled and spilled.get(4) is None
    assert spilled[9] == _stub(9)
    assert spilled._places.itemsize * len(spilled._places) == 8 * 4


def test_the_runs_tuple_of_paths_is_not_copied_unless_a_path_repeats():
    """A command's files (already found, each once) are the run's own tuple; repeats are still dropped."""
    from checker.run.assemble import _unique

    paths = tuple(f"新闻/{i:05d}.md" for i in range(5))
    assert _unique(paths) is paths
    assert _unique(paths + paths[:2]) == paths


def _filled_before_indexed(statements: list[str]) -> list[str]:
    """The temporary indexes created over a table that already had rows (an index built afterwards sorts)."""
    import re

    filled: set[str] = set()
    indexes: dict[str, str] = {}  # each index made (IF NOT EXISTS makes no second one) -> its table
    late = []
    for sql in (" ".join(s.split()) for s in statements):
        if match := re.match(r"CREATE TEMP TABLE (?:IF NOT EXISTS )?(\w+)( AS)?", sql):
            if match[2]:
                filled.add(match[1])
        elif match := re.match(r"(?:INSERT (?:OR \w+ )?INTO|UPDATE) (?:temp\.)?(\w+)", sql):
            filled.add(match[1])
        elif match := re.match(r"(DROP TABLE (?:IF EXISTS )?|DELETE FROM )(?:temp\.)?(\w+)$", sql):
            filled.discard(match[2])
            if match[1].startswith("DROP"):
                indexes = {name: table for name, table in indexes.items() if table != match[2]}
        elif match := re.match(r"ALTER TABLE (\w+) RENAME TO (\w+)", sql):
            if match[1] in filled:
                filled.add(match[2])
        elif (match := re.match(r"CREATE INDEX (?:IF NOT EXISTS )?temp\.(\w+) ON (\w+)", sql)) \
                and match[1] not in indexes:
            indexes[match[1]] = match[2]
            if match[2] in filled:
                late.append(match[1])
    return late


def test_the_cross_article_step_indexes_its_temporary_tables_before_filling_them(tmp_path, capsys, monkeypatch):
    """No temporary index of the step is built over rows already there: SQLite's sorter would hold up to 250 of the
    store's 64 KB pages (16 MB) in memory, reached as the archive grows; filled through the index, the pages stay in
    the temporary database's bounded cache. A rate with the levels of its series makes every table of the step."""
    from checker.cli.main import main
    from checker.run.cache import AnalysisCache
    from tests.test_light_path import write_series

    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_series(corpus, range(2021, 2024))
    assert main(["check", str(corpus), "--format", "json", "--quiet"]) in (0, 1)
    capsys.readouterr()
    cache = AnalysisCache(tmp_path / ".hedui-cache")
    stored = [row[0] for row in cache.db.execute("SELECT path FROM files ORDER BY path")]
    for table in ("runs", "memo", "selection", "selection_run"):
        # Nothing remembered: the step selects, joins and groups from scratch.
        cache.db.execute(f"DELETE FROM {table}")
    statements: list[str] = []
    cache.db.set_trace_callback(statements.append)
    cache.load_light(stored)
    groups = list(cache.claim_groups(stored))
    cache.close()
    assert groups and any("CREATE INDEX" in s and "levels_of_period" in s for s in statements)
    assert _filled_before_indexed(statements) == []
