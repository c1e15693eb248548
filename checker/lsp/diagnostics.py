"""Findings as LSP diagnostics and their rewrites as code actions, on UTF-16 ranges of the editor's text."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from checker.lsp.checking import Checked, same_path
from checker.lsp.positions import LineIndex
from checker.model import Claim, Finding, Span
from checker.report.rewrites import anchor_claim, rewrites_of

SOURCE = "hedui"
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}


class Placer:
    """Turns spans of one check's document (and of archive files, read once each) into LSP locations."""

    def __init__(self, checked: Checked, text: str, uri: str, others: dict[str, LineIndex | None] | None = None):
        """Index the editor's text; a leading byte-order mark is in the editor's text but not in the document's.

        others: line indexes of archive files already read, kept by the caller so no keystroke reads them again.
        """
        self.checked, self.uri = checked, uri
        self.index = LineIndex(text)
        self.shift = 1 if text.startswith("\ufeff") and not checked.doc.text.startswith("\ufeff") else 0
        self._others: dict[str, LineIndex | None] = {} if others is None else others

    def range(self, span: Span) -> types.Range:
        """The LSP range of a span of the edited document."""
        return types.Range(self._position(self.index, span.start + self.shift),
                           self._position(self.index, span.end + self.shift))

    def location(self, doc: str, span: Span) -> types.Location | None:
        """The location of a span in the edited document or in an archive file (None when it cannot be read)."""
        if same_path(doc, self.checked.doc.path):
            return types.Location(self.uri, self.range(span))
        index = self._other(doc)
        if index is None:
            return None
        return types.Location(Path(doc).resolve().as_uri(),
                              types.Range(self._position(index, span.start), self._position(index, span.end)))

    def _other(self, path: str) -> LineIndex | None:
        """The line index of an archive file, read the first time a finding points into it."""
        if path not in self._others:
            from checker.errors import InputError
            from checker.text.ingest import read_document

            try:
                self._others[path] = LineIndex(read_document(path).text)
            except InputError:
                self._others[path] = None  # gone or unreadable since the archive was read: no location
        return self._others[path]

    @staticmethod
    def _position(index: LineIndex, offset: int) -> types.Position:
        """An LSP position from a code-point offset."""
        line, column = index.position(offset)
        return types.Position(line=line, character=column)


def build_diagnostics(placer: Placer) -> list[types.Diagnostic]:
    """One diagnostic per finding, on the figure or words of the edited article it is about."""
    return [_diagnostic(placer, finding) for finding in placer.checked.findings]


def anchor_span(finding: Finding, path: str) -> Span:
    """Where in the article at path a finding is shown: its text span, or its main figure there."""
    for doc, span, _ in finding.spans:
        if same_path(doc, path):
            return span
    claim = anchor_claim(finding, path)
    return claim.mention.span if claim is not None else Span(0, 0)


def _diagnostic(placer: Placer, finding: Finding) -> types.Diagnostic:
    """The diagnostic of one finding: rule id, severity, message with its arithmetic and suggestion."""
    lines = [finding.message]
    if finding.arithmetic:
        lines.append(f"计算：{finding.arithmetic}")
    if finding.suggestion:
        lines.append(f"建议：{finding.suggestion}")
    if finding.inferred_date:
        lines.append("（此结论依赖推断的文章日期）")
    anchor = anchor_span(finding, placer.checked.doc.path)
    return types.Diagnostic(
        range=placer.range(anchor), message="\n".join(lines), severity=_SEVERITY[finding.severity],
        code=finding.rule, source=SOURCE, related_information=_related(placer, finding, anchor) or None,
    )


def _related(placer: Placer, finding: Finding, anchor: Span) -> list[types.DiagnosticRelatedInformation]:
    """The finding's other figures, in this article or in the archive, as related locations."""
    related = []
    for claim in finding.claims:
        if same_path(claim.doc, placer.checked.doc.path) and claim.mention.span == anchor:
            continue  # the diagnostic itself stands on this figure
        location = placer.location(claim.doc, claim.mention.span)
        if location is not None:
            related.append(types.DiagnosticRelatedInformation(location, _label(claim, placer)))
    return related


def _label(claim: Claim, placer: Placer) -> str:
    """How a related figure is named: its text, and the other article's title when it is elsewhere."""
    if same_path(claim.doc, placer.checked.doc.path):
        return f"“{claim.mention.text}”"
    doc = placer.checked.archive.documents.get(claim.doc)
    where = (doc.meta.get("title") if doc is not None else "") or Path(claim.doc).name
    return f"“{claim.mention.text}”（{where}）"


def build_actions(placer: Placer, wanted: types.Range) -> list[types.CodeAction]:
    """A quick fix for each suggested rewrite of each finding whose range meets the requested one."""
    actions = []
    for finding in placer.checked.findings:
        anchor = placer.range(anchor_span(finding, placer.checked.doc.path))
        if not _meets(anchor, wanted):
            continue
        diagnostic = _diagnostic(placer, finding)
        rewrites = rewrites_of(finding, placer.checked.doc)
        for rewrite in rewrites:
            edit = types.TextEdit(range=placer.range(rewrite.span), new_text=rewrite.text)
            actions.append(types.CodeAction(
                title=f"{rewrite.label}（{finding.rule}）", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], is_preferred=len(rewrites) == 1,
                edit=types.WorkspaceEdit(changes={placer.uri: [edit]}),
            ))
    return actions


def _meets(a: types.Range, b: types.Range) -> bool:
    """True when two ranges overlap or touch."""
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)
