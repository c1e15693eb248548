"""The `check --format junit` report: one test case per checked document, failed by its errors and warnings.

A failing case holds one <failure> listing all its counted errors and warnings, so `failures` counts
failing files. Info findings, and findings set aside (in the baseline, dismissed by an editor or
suppressed inline), do not fail a test case; they are listed in its <system-out> instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from checker.report.records import finding_record
from checker.report.sarif import LABELS, position_span, split_locations
from checker.triage.status import COUNTED

# Characters XML 1.0 cannot hold at all, not even escaped: shown as \xNN instead (a file name may hold them).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
FAILING = ("error", "warning")


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
