"""A large run's findings live on disk (checker.run.spill): the same order and the same reports as held in memory."""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine.runner import sort_findings
from checker.model import Finding, Span
from checker.report.github import render_github
from checker.report.json_report import render_json
from checker.report.junit import render_junit
from checker.report.sarif import render_sarif
from checker.report.stream import in_order
from checker.report.text import render_text
from checker.run.spill import ACROSS, LAST, OWN, FindingLog
from checker.run.stubs import DocumentStubs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ("a.md", "b.md", "新闻/甲.md", "新闻/甲.md\x00x", "z\udcff.md", "")  # an escaped byte and a NUL sort too


def _finding(number: int, doc: str, start: int, rule: str) -> Finding:
    """A text-level finding at a place, told apart from the others by its message."""
    return Finding(rule=rule, kind="wording", severity="warning", message=f"m{number}", claims=(),
                   spans=((doc, Span(start, start + 1), "x"),))


ITEMS = st.lists(st.tuples(st.sampled_from(DOCS), st.integers(0, 3), st.sampled_from(("r.a", "r.b")),
                           st.sampled_from((OWN, ACROSS, LAST)),
                           st.lists(st.tuples(st.integers(-1, 2), st.integers(-1, 2)), max_size=2)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(ITEMS)
def test_a_sorted_log_is_the_order_the_stable_sorts_of_a_run_gave(items):
    """Own findings, then cross-article ones by their claims' places, then the last pass's: sorted as in memory."""
    # Only cross-article findings have claims' places.
    made = [(_finding(n, doc, start, rule), phase, tuple(places) if phase == ACROSS else ())
            for n, (doc, start, rule, phase, places) in enumerate(items)]
    own = [f for f, phase, _ in made if phase == OWN]
    across = sort_findings(f for f, _ in sorted(((f, p) for f, phase, p in made if phase == ACROSS),
                                                key=lambda item: item[1]))
    last = [f for f, phase, _ in made if phase == LAST]
    log = FindingLog()
    for finding, phase, places in made:
        log.append(finding, phase, places)
    assert list(log.sorted()) == sort_findings(own + across + last)


def test_a_log_is_a_sequence_of_the_findings_appended():
    """Length, places from either end, slices, iteration and one rule's findings read back the findings as appended."""
    findings = [_finding(n, DOCS[n % len(DOCS)], n, "r.a") for n in range(7)]
    log = FindingLog()
    log.extend(findings)
    assert len(log) == 7 and list(log) == findings
    assert log[0] == findings[0] and log[-1] == findings[-1] and log[2:5] == tuple(findings[2:5])
    odd = [attrs.evolve(f, rule="r.odd") for f in findings[1::2]]
    log.extend(odd)
    assert list(log.of_rule("r.odd")) == odd and len(list(log.of_rule("r.a"))) == 7
    with pytest.raises(IndexError):
        log[10]


def test_a_log_walks_findings_in_another_order_as_sorted_does():
    """in_order over a log (SQLite's sort) equals a stable sort in memory, keys of texts and numbers, None left out."""
    findings = [_finding(n, DOCS[n % len(DOCS)], n % 3, "r.b" if n % 4 else "r.a") for n in range(40)]
    log = FindingLog()
    log.extend(findings)

    def key(finding: Finding) -> tuple | None:
        """By the rule, then the document; the third finding of each ten left out."""
        return None if finding.message.endswith("3") else (finding.rule, finding.spans[0][0], finding.spans[0][1].start)

    assert list(in_order(log, key)) == list(in_order(tuple(findings), key))
    assert [f.message for f in in_order(tuple(findings), key)][:2] == ["m0", "m12"]


@pytest.fixture(scope="module")
def seeds(resources):
    """The seeds' check held in memory, and the same with its findings in a log and its documents as stubs."""
    from checker.run.pipeline import check_documents, load_pack_and_lexicon
    from checker.text.ingest import read_document

    docs = [read_document(str(p.relative_to(ROOT))) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    held = check_documents(docs, resources, *load_pack_and_lexicon([]))
    log = FindingLog()
    log.extend(held.findings)
    stubs = DocumentStubs()
    for d in held.documents:
        stubs.append(d.path, d.dct, d.encoding)
    quoted = {c.doc for f in held.findings for c in f.claims} | {d for f in held.findings for d, _, _ in f.spans}
    stubs = stubs.with_whole({place: held.documents[place] for place in stubs.places_of(quoted)})
    return held, attrs.evolve(held, findings=log.sorted(), documents=stubs)


def test_every_report_of_a_log_is_the_report_of_the_findings_held(seeds):
    """Text, JSON, SARIF, JUnit and GitHub reports of findings on disk are byte for byte those of findings held."""
    held, spilled = seeds
    fingerprints = [render_json(held).split('"fingerprint": "')[n].split('"')[0] for n in (1, 2, 3)]
    statuses = {fingerprints[0]: "dismissed", fingerprints[1]: "baseline"}
    assert len(held.findings) > 5
    for render in (render_text, render_json, render_sarif, render_junit, render_github):
        assert render(spilled, statuses=statuses) == render(held, statuses=statuses), render.__name__
    assert render_text(spilled, lang="en", width=40) == render_text(held, lang="en", width=40)
    assert render_github(spilled, limit=1, set_aside_notices=True) == render_github(held, limit=1,
                                                                                   set_aside_notices=True)


def _live_findings() -> int:
    """How many Finding objects the interpreter holds now."""
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, Finding))


def _live_texts() -> int:
    """How many Documents with text the interpreter holds now."""
    from checker.model import Document

    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, Document) and thing.text)


def test_a_check_from_the_store_holds_no_findings_in_memory(tmp_path, monkeypatch):
    """However many articles and findings, a light run from the store keeps its findings and quoted texts on disk."""
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_corpus import generate_corpus

    from checker.run import spill
    from checker.run.assemble import RunRequest, assemble_run

    monkeypatch.setattr(spill, "RECENT", 4)  # texts kept decoded: fewer than the documents quoted
    found = []
    before = _live_findings(), _live_texts()  # other tests' (a module fixture's)
    for size in (60, 180):
        folder = tmp_path / f"c{size}"
        generate_corpus(folder, size, 0, force=True)
        outcome = assemble_run(RunRequest(paths=(str(folder / "articles"),), use_cache=False, progress=False,
                                          light=True, needs_text=True, jobs=1))
        result = outcome.result
        assert isinstance(result.findings, FindingLog)
        report = render_text(result)
        found.append((len(result.findings), _live_findings() - before[0], _live_texts() - before[1]))
        if size == 60:
            # The same report as a run that holds every finding and text (a full run, no log, no stubs).
            held = assemble_run(RunRequest(paths=(str(folder / "articles"),), use_cache=False, progress=False,
                                           jobs=1)).result
            assert not isinstance(held.findings, FindingLog) and render_text(held) == report
            del held
        del outcome, result
        shutil.rmtree(folder)
    (few, live_few, texts_few), (many, live_many, texts_many) = found
    assert many > few > 0 and live_few == live_many == 0
    assert texts_few <= 4 and texts_many <= 4 and many > 4


def test_junit_cases_follow_the_documents_with_paths_given_twice_and_findings_outside():
    """A case per document in run order (a path given twice fails twice), then findings' other files by path."""
    import types
    import xml.etree.ElementTree as ET

    from checker.model import Document

    documents = [Document(p, "一二三\n", "一二三\n", (0, 1, 2, 3)) for p in ("b.md", "a.md", "b.md", "c.md")]
    findings = [attrs.evolve(_finding(0, "z.md", 0, "r.a"), severity="error"), _finding(1, "b.md", 1, "r.b"),
                attrs.evolve(_finding(2, "a.md", 2, "r.a"), severity="info"), _finding(3, "y.md", 0, "r.a")]
    log = FindingLog()
    log.extend(sort_findings(findings))
    stubs = DocumentStubs()
    for d in documents:
        stubs.append(d.path, d.dct, d.encoding)
    stubs = stubs.with_whole({0: documents[0], 1: documents[1], 2: documents[2]})
    held = types.SimpleNamespace(documents=documents, findings=tuple(sort_findings(findings)))
    text = render_junit(types.SimpleNamespace(documents=stubs, findings=log))
    assert text == render_junit(held)
    suite = ET.fromstring(text.split("\n", 1)[1])[0]
    assert [case.get("name") for case in suite] == ["b.md", "a.md", "b.md", "c.md", "y.md", "z.md"]
    assert [case.find("failure") is not None for case in suite] == [True, False, True, False, True, True]
    assert (suite.get("tests"), suite.get("failures")) == ("6", "4") and "b.md:1:2" in suite[2].find("failure").text
    empty = types.SimpleNamespace(documents=(), findings=())
    assert render_junit(empty).endswith('<testsuite name="hedui" tests="0" failures="0" errors="0" skipped="0" />\n'
                                        "</testsuites>\n")


def test_findings_appended_in_their_stored_form_are_the_findings_appended(seeds):
    """A log given the stored forms of findings (claims, spans or neither) orders and reads them back as built ones."""
    from checker.run import codec

    held, _ = seeds
    findings = [*held.findings, _finding(0, "", 0, "r.a"), attrs.evolve(_finding(1, "b.md", 0, "r.a"), spans=())]
    assert any(f.claims for f in findings) and any(f.spans and not f.claims for f in findings)
    built, stored = FindingLog(), FindingLog()
    for finding in findings:
        built.append(finding)
        stored.append_form(codec.encode(finding))
    assert list(stored) == findings
    assert list(stored.sorted()) == list(built.sorted())
