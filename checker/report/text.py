"""Readable `check` output, grouped by file, with the sentence and a caret under the figure.

The words are Chinese or English (`lang`); snippets are cut to the terminal's width (`width`,
None for no limit) in display columns; colour only when asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from checker.engine.runner import fingerprint
from checker.model import Document, Finding
from checker.report.controls import escape_controls
from checker.report.snippet import cut_snippet
from checker.report.stream import documents_by_path, in_order
from checker.report.words import count, label, severity_word, status_word
from checker.triage.status import COUNTED

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"
INDENT = "      "
GUTTER = INDENT + "| "


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def render_text(result, colour: bool = False, statuses: dict | None = None, stale: tuple = (), lang: str = "zh",
                width: int | None = None) -> str:
    """Findings grouped by the file of their first claim, then what was set aside, then a summary line."""
    return "".join(render_text_pieces(result, colour, statuses, stale, lang, width))


def render_text_pieces(result, colour: bool = False, statuses: dict | None = None, stale: tuple = (),
                       lang: str = "zh", width: int | None = None) -> Iterator[str]:
    """render_text's text line by line, the findings walked twice (counted by file, then set aside), never all held."""
    statuses = statuses or {}
    docs = documents_by_path(result.documents)
    paint = _painter(colour)
    counts: Counter = Counter()

    def listed(finding: Finding) -> tuple[str] | None:
        """The file a counted finding is listed under (None for one set aside)."""
        return (_first_doc(finding),) if statuses.get(fingerprint(finding), "new") in COUNTED else None

    path = None
    for finding in in_order(result.findings, listed):
        if _first_doc(finding) != path:
            if path is not None:
                yield "\n"
            path = _first_doc(finding)
            yield paint(BOLD, escape_controls(path)) + "\n"
        counts[finding.severity] += 1
        yield from (line + "\n" for line in _render_finding(finding, docs, paint, lang, width))
    if path is not None:
        yield "\n"
    kinds: Counter = Counter()
    for finding in result.findings:
        status = statuses.get(fingerprint(finding), "new")
        if status not in COUNTED:
            kinds[status] += 1
            yield escape_controls(f"{status_word(status, lang)}: {finding.rule} {fingerprint(finding)} "
                                  f"{finding.message}") + "\n"
    for fp in stale:
        # A fingerprint comes from the decisions file as written: it may hold anything.
        yield label("stale", lang).format(fp=escape_controls(fp)) + "\n"
    yield _summary_line(result, counts, kinds, lang) + "\n"


def summarize(result, grouped: dict[str, list[Finding]], set_aside: list[tuple[str, Finding]], lang: str) -> str:
    """The summary line: documents, claims, facts, counted findings by severity, and what was set aside."""
    counts = Counter(f.severity for fs in grouped.values() for f in fs)
    return _summary_line(result, counts, Counter(status for status, _ in set_aside), lang)


def _summary_line(result, counts: Counter, kinds: Counter, lang: str) -> str:
    """The summary line from the counted findings by severity and those set aside by status."""
    totals = ((len(result.documents), "document"), (result.total_claims, "claim"), (result.total_facts, "fact"))
    head = ", ".join(count(n, noun, lang) for n, noun in totals)
    tail = ", ".join(count(counts.get(s, 0), s, lang) for s in ("error", "warning", "info"))
    line = f"{head}: {tail}" if lang == "en" else f"{head}：{tail}".replace(", ", "，")
    set_aside = sum(kinds.values())
    if set_aside:
        detail = ", ".join(f"{status_word(s, lang)} {n}" for s, n in sorted(kinds.items()))
        line += (f"; {set_aside} set aside ({detail})" if lang == "en"
                 else f"；另有 {set_aside} 条{label('set_aside', lang)}（{detail.replace(', ', '，')}）")
    return line


def _painter(colour: bool):
    """A function wrapping text in an escape code when colour is on."""
    def paint(code: str, text: str) -> str:
        """The text in the colour, or as it is."""
        return f"{code}{text}{RESET}" if colour else text

    return paint


def _first_doc(finding: Finding) -> str:
    """The document a finding is listed under."""
    if finding.claims:
        return finding.claims[-1].doc
    return finding.spans[0][0] if finding.spans else ""


def _render_finding(finding: Finding, docs: Mapping[str, Document], paint, lang: str, width: int | None) -> list[str]:
    """A finding: location, severity, message, arithmetic, suggestion, then each claim in context."""
    severity = paint(COLOURS[finding.severity], severity_word(finding.severity, lang))
    locations = [(c.doc, c.mention.span.start, c.mention.span.end) for c in finding.claims]
    locations += [(doc, span.start, span.end) for doc, span, _ in finding.spans]
    doc, start, _ = locations[-1] if finding.claims else locations[0]
    line, col = line_col(docs[doc].text, start) if doc in docs else (0, 0)
    lines = [f"  {line}:{col}  {severity}  {escape_controls(finding.message)}  [{escape_controls(finding.rule)}]"]
    if finding.arithmetic:
        lines.append(f"{INDENT}{label('arithmetic', lang)}: {escape_controls(finding.arithmetic)}")
    if finding.suggestion:
        lines.append(f"{INDENT}{label('suggestion', lang)}: {escape_controls(finding.suggestion)}")
    if finding.inferred_date:
        lines.append(f"{INDENT}{label('inferred', lang)}")
    for doc, start, end in locations:
        lines.extend(_quote(docs.get(doc), doc, start, end, paint, COLOURS[finding.severity], width))
    lines.append(paint(DIM, f"{INDENT}fingerprint {fingerprint(finding)}"))
    return lines


def _quote(doc: Document | None, path: str, start: int, end: int, paint, colour: str,
           width: int | None) -> list[str]:
    """Where a span is, then its source line cut to the width, with a caret underline."""
    if doc is None:
        # A finding about a document outside this run (a baseline) has no text to show.
        return []
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", start)
    line_end = len(doc.text) if line_end < 0 else line_end
    text = doc.text[line_start:line_end]
    snippet, carets = cut_snippet(text, start - line_start, min(end, line_end) - line_start,
                                  None if width is None else width - len(GUTTER))
    line, col = line_col(doc.text, start)
    return [f"{INDENT}{escape_controls(path)}:{line}:{col}", GUTTER + snippet, GUTTER + paint(colour, carets)]
