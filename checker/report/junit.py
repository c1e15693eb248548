"""The `check --format junit` report: one test case per document, one failure per error or warning.

Info findings, and findings an editor dismissed or an inline comment suppressed, do not fail a
test case; they are listed in its <system-out> instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from checker.report.records import finding_record
from checker.report.sarif import LABELS, position_span, split_locations

# Characters XML 1.0 cannot hold at all, not even escaped: shown as \xNN instead (a file name may hold them).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
FAILING = ("error", "warning")
PASSING_STATUSES = ("dismissed", "suppressed")


def render_junit(result, statuses: dict[str, str] | None = None) -> str:
    """A JUnit XML document: <testsuites> holding one <testsuite name="hedui">."""
    docs = {d.path: d for d in result.documents}
    grouped: dict[str, list[dict]] = defaultdict(list)
    for finding in result.findings:
        record = finding_record(finding)
        primary, _ = split_locations(record)
        grouped[primary["doc"] if primary else ""].append(record)
    paths = [d.path for d in result.documents] + sorted(p for p in grouped if p not in docs)
    suite = ET.Element("testsuite", name="hedui")
    failures = 0
    for path in paths:
        case, failed = build_case(path, grouped.get(path, []), docs, statuses or {})
        suite.append(case)
        failures += failed
    counts = {"tests": str(len(paths)), "failures": str(failures), "errors": "0", "skipped": "0"}
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


def build_case(path: str, records: list[dict], docs: dict, statuses: dict[str, str]) -> tuple[ET.Element, int]:
    """The <testcase> of one document and how many <failure> elements it holds."""
    case = ET.Element("testcase", classname="hedui", name=path)
    notes, failed = [], 0
    for record in records:
        status = statuses.get(record["fingerprint"], "new")
        body = describe_finding(record, docs)
        if record["severity"] in FAILING and status not in PASSING_STATUSES:
            failure = ET.SubElement(case, "failure", type=record["rule"], message=record["message"])
            failure.text = body
            failed += 1
        else:
            prefix = record["severity"] if status == "new" else f"{record['severity']} ({status})"
            notes.append(f"{prefix}: {body}")
    if notes:
        ET.SubElement(case, "system-out").text = "\n".join(notes)
    return case, failed


def describe_finding(record: dict, docs: dict) -> str:
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
