"""The hedui language server (pygls): diagnostics while an article is edited, quick fixes for its rewrites.

Checks run one at a time on a worker thread, so the server keeps reading messages; an edit
starts a check only after the writer pauses (debounce), and a check whose text has been edited
since is thrown away rather than published.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from checker import __version__
from checker.errors import HeduiError
from checker.lsp.checking import (
    Archive,
    Checked,
    Checker,
    archive_paths,
    load_archive,
    load_editor_decisions,
    settle_memory,
)
from checker.lsp.diagnostics import SOURCE, Placer, build_actions, build_diagnostics
from checker.lsp.positions import LineIndex

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
_ERROR_LINE = re.compile(r":(\d+): ")  # "path:12: problem" in an input error


@attrs.frozen
class Settings:
    """The `hedui lsp` options: configuration, archive, extra rules, date, cache and debounce delay."""

    config: Path | None = None
    archive: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    date: dt.date | None = None
    use_cache: bool = True
    debounce: float = 0.15  # seconds of quiet after an edit before the article is checked again


class HeduiServer(LanguageServer):
    """A language server that checks open articles with hedui's rule pack and archive."""

    def __init__(self, settings: Settings):
        """Set up an idle server; the rule pack and archive load after the client's `initialized`."""
        super().__init__("hedui", __version__)
        self.settings = settings
        self.checker: Checker | None = None
        self.archive = Archive.empty()
        self.results: dict[str, tuple[str, Checked]] = {}  # uri -> (text checked, its check)
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hedui-check")
        # The archive loads on its own thread: articles are checked (on their own) while a cold archive is analysed.
        self.loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hedui-archive")
        self.loaded: asyncio.Future[None] | None = None
        self.archive_lines: dict[str, LineIndex | None] = {}  # archive files' line indexes, read once per archive
        self.decisions: dict = {}  # the decisions file: dismissed findings are not shown

    def is_article(self, uri: str) -> bool:
        """True for a file URI of an article hedui reads (Markdown, text, HTML)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return path is not None and path.lower().endswith(ARTICLE_SUFFIXES)

    async def load(self) -> None:
        """Load configuration, rule pack and resources, then the archive; check the open articles after each."""
        loop = asyncio.get_running_loop()
        self.loaded = loop.create_future()
        try:
            self.checker = await loop.run_in_executor(self.worker, self._load_checker)
        except HeduiError as exc:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"hedui: {exc}"))
            self.loaded.set_result(None)
            return
        self.loaded.set_result(None)
        self.recheck_all()
        await self.reload_archive()

    def _load_checker(self) -> Checker:
        """The checker for the workspace's configuration (run on the worker thread)."""
        from checker.run.config import load_config

        root = Path(self.workspace.root_path) if self.workspace.root_path else None
        config = load_config(start=root, explicit=self.settings.config)
        return Checker.load(config, self.settings.rules, self.settings.date)

    async def reload_archive(self) -> None:
        """Read the decisions file and the archive (through the cache) again, and re-check the open articles."""
        from checker.run.config import find_config_file

        checker = self.checker
        if checker is None:
            return  # the configuration failed to load: there is nothing to check with
        found = self.settings.config is not None or find_config_file(checker.config.root) is not None
        paths = archive_paths(checker.config, self.settings.archive, found)
        loop = asyncio.get_running_loop()
        try:
            self.decisions = await loop.run_in_executor(self.loader, load_editor_decisions, checker.config)
            self.archive = await loop.run_in_executor(
                self.loader, lambda: load_archive(checker, paths, self.settings.use_cache, warn=self._log))
        except HeduiError as exc:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, f"hedui: {exc}"))
            return
        self.archive_lines = {}  # files of the archive may have changed: read them again when a finding needs one
        settle_memory()
        self.recheck_all()

    def recheck_all(self) -> None:
        """Check every open article again, at once."""
        for uri in list(self.workspace.text_documents):
            if self.is_article(uri):
                self.schedule(uri, 0.0)

    def schedule(self, uri: str, delay: float) -> None:
        """Check an article after delay seconds, replacing any check of it still waiting."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        """Wait, check the article's current text on the worker, publish when the text is still the same."""
        await asyncio.sleep(delay)
        if self.loaded is None:
            return  # not initialized yet: load() checks every open article once it is ready
        await self.loaded
        if self.checker is None:
            return  # the configuration failed to load: the user was told
        document = self.workspace.get_text_document(uri)
        text, path, version = document.source, to_fs_path(uri) or uri, document.version
        checker, archive = self.checker, self.archive
        loop = asyncio.get_running_loop()
        checked: Checked | None = None
        try:
            checked = await loop.run_in_executor(self.worker, checker.check, path, text, archive, self.decisions)
            diagnostics = build_diagnostics(Placer(checked, text, uri, self.archive_lines))
        except HeduiError as exc:
            diagnostics = [_input_error(exc)]
        if self.workspace.get_text_document(uri).source != text:
            return  # edited while it was checked: the check already scheduled for the new text publishes
        if checked is not None:
            self.results[uri] = (text, checked)
        else:
            self.results.pop(uri, None)
        self._publish(uri, diagnostics, version)

    def _publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        """Send an article's diagnostics."""
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def forget(self, uri: str) -> None:
        """Drop a closed article's pending check, results and diagnostics."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.results.pop(uri, None)
        self._publish(uri, [], None)

    def actions(self, uri: str, wanted: types.Range) -> list[types.CodeAction]:
        """Quick fixes at a range, from the check of the article's current text (none while it is re-checked)."""
        stored = self.results.get(uri)
        if stored is None or stored[0] != self.workspace.get_text_document(uri).source:
            return []  # the check of this text is not done yet: its ranges would be wrong
        return build_actions(Placer(stored[1], stored[0], uri, self.archive_lines), wanted)

    def _log(self, line: str) -> None:
        """A warning about the archive, in the client's log."""
        self.window_log_message(types.LogMessageParams(types.MessageType.Warning, f"hedui: {line}"))


def _input_error(exc: HeduiError) -> types.Diagnostic:
    """A diagnostic for an article hedui cannot read as it stands (malformed front matter …)."""
    found = _ERROR_LINE.search(str(exc))
    line = max(0, int(found.group(1)) - 1) if found else 0
    return types.Diagnostic(range=types.Range(types.Position(line, 0), types.Position(line + 1, 0)),
                            message=str(exc), severity=types.DiagnosticSeverity.Error, code="input", source=SOURCE)


def build_server(settings: Settings) -> HeduiServer:
    """A server with hedui's features registered."""
    server = HeduiServer(settings)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: HeduiServer, params: types.InitializedParams) -> None:
        """Start loading the rule pack and the archive."""
        await ls.load()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: HeduiServer, params: types.DidOpenTextDocumentParams) -> None:
        """Check an article as soon as it is opened."""
        if ls.is_article(params.text_document.uri):
            ls.schedule(params.text_document.uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: HeduiServer, params: types.DidChangeTextDocumentParams) -> None:
        """Check an edited article once the writer pauses."""
        if ls.is_article(params.text_document.uri):
            ls.schedule(params.text_document.uri, ls.settings.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: HeduiServer, params: types.DidSaveTextDocumentParams) -> None:
        """A saved article may be in the archive, a saved decisions file changes what is shown: read both again.

        The cache re-analyses only the files that changed.
        """
        await ls.reload_archive()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: HeduiServer, params: types.DidCloseTextDocumentParams) -> None:
        """Forget a closed article."""
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: HeduiServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        """The suggested rewrites of the findings at the range."""
        return ls.actions(params.text_document.uri, params.range)

    return server
