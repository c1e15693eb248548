"""Readable `check` output, grouped by file, with the sentence and a caret under the figure."""

from __future__ import annotations

from collections import Counter, defaultdict

from checker.engine.runner import fingerprint
from checker.model import Document, Finding
from checker.report.controls import escape_controls

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
RESET = "\033[0m"
def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def render_text(result, colour: bool = False, statuses: dict | None = None, stale: tuple = ()) -> str:
    """Findings grouped by the file of their first claim, then what was set aside, then a summary line."""
    statuses = statuses or {}
    docs = {d.path: d for d in result.documents}
    grouped: dict[str, list[Finding]] = defaultdict(list)
    set_aside: list[tuple[str, Finding]] = []
    for finding in result.findings:
        status = statuses.get(fingerprint(finding), "new")
        if status in ("new", "accepted"):
            grouped[_first_doc(finding)].append(finding)
        else:
            set_aside.append((status, finding))
    out: list[str] = []
    for path in sorted(grouped):
        out.append(escape_controls(path))
        for finding in grouped[path]:
            out.extend(_render_finding(finding, docs, colour))
        out.append("")
    for status, finding in set_aside:
        out.append(escape_controls(f"{status}: {finding.rule} {fingerprint(finding)} {finding.message}"))
    for fp in stale:
        # A fingerprint comes from the decisions file as written: it may hold anything.
        out.append(f"stale decision: {escape_controls(fp)} matches no current finding (the text changed?)")
    counts = Counter(f.severity for fs in grouped.values() for f in fs)
    out.append(f"{len(result.documents)} documents, {result.total_claims} claims, {result.total_facts} facts: "
               f"{counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, {counts.get('info', 0)} info")
    return "\n".join(out) + "\n"


def _first_doc(finding: Finding) -> str:
    """The document a finding is listed under."""
    if finding.claims:
        return finding.claims[-1].doc
    return finding.spans[0][0] if finding.spans else ""


def _render_finding(finding: Finding, docs: dict[str, Document], colour: bool) -> list[str]:
    """A finding: location, severity, message, arithmetic, suggestion, then each claim in context."""
    severity = f"{COLOURS[finding.severity]}{finding.severity}{RESET}" if colour else finding.severity
    locations = [(c.doc, c.mention.span.start, c.mention.span.end) for c in finding.claims]
    locations += [(doc, span.start, span.end) for doc, span, _ in finding.spans]
    doc, start, _ = locations[-1] if finding.claims else locations[0]
    line, col = line_col(docs[doc].text, start) if doc in docs else (0, 0)
    lines = [f"  {line}:{col}  {severity}  {escape_controls(finding.message)}  [{escape_controls(finding.rule)}]"]
    if finding.arithmetic:
        lines.append(f"      计算: {escape_controls(finding.arithmetic)}")
    if finding.suggestion:
        lines.append(f"      建议: {escape_controls(finding.suggestion)}")
    if finding.inferred_date:
        lines.append("      注意: 依赖推断的发布日期")
    for doc, start, end in locations:
        lines.extend(_quote(docs.get(doc), doc, start, end))
    lines.append(f"      fingerprint {fingerprint(finding)}")
    return lines


def _quote(doc: Document | None, path: str, start: int, end: int) -> list[str]:
    """The source line around a span with a caret underline."""
    if doc is None:
        # A finding about a document outside this run (a baseline) has no text to show.
        return []
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", end)
    line_end = len(doc.text) if line_end < 0 else line_end
    left = max(line_start, start - 30)
    right = min(line_end, end + 30)
    snippet = escape_controls(doc.text[left:right].replace("\n", " "))
    width = sum(2 if ord(ch) > 0x2E7F else 1 for ch in escape_controls(doc.text[left:start]))
    marks = sum(2 if ord(ch) > 0x2E7F else 1 for ch in escape_controls(doc.text[start:end].replace("\n", " ")))
    line, col = line_col(doc.text, start)
    prefix = f"      {escape_controls(path)}:{line}:{col}: "
    return [prefix + snippet, " " * len(prefix) + " " * width + "^" * max(marks, 1)]
