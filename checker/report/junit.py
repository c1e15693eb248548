"""The `check --format junit` report: one test case per checked document, failed by its errors and warnings.

A failing case holds one <failure> listing all its counted errors and warnings, so `failures` counts
failing files. Info findings, and findings set aside (in the baseline, dismissed by an editor or
suppressed inline), do not fail a test case; they are listed in its <system-out> instead.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping

from checker.model import Finding
from checker.report.records import finding_record
from checker.report.sarif import LABELS, position_span, split_locations
from checker.report.stream import documents_by_path, in_order
from checker.triage.status import COUNTED

# Characters XML 1.0 cannot hold at all, not even escaped: shown as \xNN instead (a file name may hold them).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
FAILING = ("error", "warning")


def render_junit(result, statuses: dict[str, str] | None = None) -> str:
    """A JUnit XML document: <testsuites> holding one <testsuite name="hedui">."""
    return "".join(render_junit_pieces(result, statuses))


def render_junit_pieces(result, statuses: dict[str, str] | None = None) -> Iterator[str]:
    """render_junit's text in pieces, a test case at a time (its findings walked in the documents' order).

    A first walk finds the documents findings name and which of them fail (the counts come first); the
    findings are then sorted by their document's place, so each case takes its own as the documents go by.
    """
    statuses = statuses or {}
    primaries: dict[str, bool] = {}  # the document each finding is listed under: does it fail?
    for finding in result.findings:
        record = finding_record(finding)
        path = _primary_doc(record)
        failing = record["severity"] in FAILING and statuses.get(record["fingerprint"], "new") in COUNTED
        primaries[path] = primaries.get(path, False) or failing
    places: dict[str, list[int]] = {}
    tests = 0
    for place, document in enumerate(result.documents):
        if document.path in primaries:
            places.setdefault(document.path, []).append(place)
        tests = place + 1
    outside = sorted(path for path in primaries if path not in places)
    tests += len(outside)
    if not tests:
        # No case at all: the suite is written as one empty element, as ElementTree writes it.
        yield _whole_junit([], 0)
        return
    failures = sum(len(places.get(path, (0,))) for path, failing in primaries.items() if failing)
    yield (f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hedui" tests="{tests}" failures="{failures}"'
           f' errors="0">\n  <testsuite name="hedui" tests="{tests}" failures="{failures}" errors="0" skipped="0">')
    docs = documents_by_path(result.documents)
    ranks = {path: n for n, path in enumerate(outside)}

    def listed(finding: Finding) -> tuple[int, int, str]:
        """Where a finding's case comes: its document's first place, else after the documents by path."""
        path = _primary_doc(finding_record(finding))
        return (0, places[path][0], "") if path in places else (1, ranks[path], "")

    records = (finding_record(f) for f in in_order(result.findings, listed))
    pending = next(records, None)
    again: dict[str, list[dict]] = {}  # the records of a path given more than once, for its later cases
    paths = itertools.chain((d.path for d in result.documents), outside)
    for path in paths:
        if path in again:
            mine = again[path]
        else:
            mine = []
            while pending is not None and _primary_doc(pending) == path:
                mine.append(pending)
                pending = next(records, None)
            if len(places.get(path, ())) > 1:
                again[path] = mine
        case, _ = build_case(path, mine, docs, statuses)
        _clean_tree(case)
        ET.indent(case, level=2)
        yield "\n    " + ET.tostring(case, encoding="unicode")
    yield "\n  </testsuite>\n</testsuites>\n"


def _primary_doc(record: dict) -> str:
    """The document a finding record's test case is: its primary location's, else none."""
    primary, _ = split_locations(record)
    return primary["doc"] if primary else ""


def _whole_junit(cases: list[ET.Element], failures: int) -> str:
    """The JUnit document of some test cases, built as one tree."""
    suite = ET.Element("testsuite", name="hedui")
    suite.extend(cases)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", {"name": "hedui", **{k: counts[k] for k in ("tests", "failures", "errors")}})
    root.append(suite)
    _clean_tree(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def xml_safe(text: str) -> str:
    """Text with every character XML 1.0 forbids written as \\xNN (\\uNNNN for lone surrogates)."""
    return NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                       text)


def _clean_tree(root: ET.Element) -> None:
    """Make every attribute and text below root valid XML."""
    for element in root.iter():
        element.attrib.update({key: xml_safe(value) for key, value in element.attrib.items()})
        if element.text:
            element.text = xml_safe(element.text)


def build_case(path: str, records: list[dict], docs: Mapping, statuses: dict[str, str]) -> tuple[ET.Element, int]:
    """The <testcase> of one document and 1 when it fails (one <failure> holding every counted problem), else 0."""
    case = ET.Element("testcase", classname="hedui", name=path)
    problems, notes = [], []
    for record in records:
        status = statuses.get(record["fingerprint"], "new")
        body = describe_finding(record, docs)
        if record["severity"] in FAILING and status in COUNTED:
            problems.append((record, body))
        else:
            prefix = record["severity"] if status == "new" else f"{record['severity']} ({status})"
            notes.append(f"{prefix}: {body}")
    if problems:
        first = problems[0][0]
        summary = first["message"] if len(problems) == 1 else f"{len(problems)} problems; first: {first['message']}"
        failure = ET.SubElement(case, "failure", type=first["rule"], message=summary)
        failure.text = "\n\n".join(f"{record['severity']}: {body}" for record, body in problems)
    if notes:
        ET.SubElement(case, "system-out").text = "\n".join(notes)
    return case, 1 if problems else 0


def describe_finding(record: dict, docs: Mapping) -> str:
    """Location, message, arithmetic, suggestion and fingerprint of a finding, one per line."""
    primary, _ = split_locations(record)
    where = primary["doc"] if primary else ""
    doc = docs.get(where)
    if primary is not None and doc is not None:
        line, col, _, _ = position_span(doc.text, primary["start"], primary["end"])
        where = f"{where}:{line}:{col}"
    lines = [f"{where}: {record['message']} [{record['rule']}]"]
    lines += [f"{LABELS[key]}: {record[key]}" for key in ("arithmetic", "suggestion") if record[key]]
    lines.append(f"fingerprint {record['fingerprint']}")
    return "\n".join(lines)
