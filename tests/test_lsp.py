"""`hedui lsp` with a real client over stdio: diagnostics on UTF-16 ranges, quick fixes, edits, the archive."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types
from pygls.lsp.client import LanguageClient

import checker
from checker.lsp.positions import LineIndex

WAIT_S = 90  # the server loads its rule pack and resources first; CI machines are slow
GROWTH = "growth.increase-by-vs-to"
# A 增长X倍 statement whose X fits only 增长到 (B/A = 57.9/3.2 = 18.09), after an astral character on its line.
LINE = "“𠀀”牌该市新能源汽车产量从2019年的3.2万辆增至2024年的57.9万辆，五年增长18.1倍。"
ARTICLE = "---\ndate: 2025-03-02\n---\n# 产业观察\n\n" + LINE + "\n"


def _utf16_range(text: str, needle: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The LSP (line, UTF-16 column) range of needle's last occurrence in text, computed by encoding each line."""
    lines = text.split("\n")
    number = max(i for i, line in enumerate(lines) if needle in line)
    column = len(lines[number][:lines[number].rindex(needle)].encode("utf-16-le")) // 2
    return (number, column), (number, column + len(needle.encode("utf-16-le")) // 2)


def _as_pair(rng: types.Range) -> tuple[tuple[int, int], tuple[int, int]]:
    """A range as ((line, column), (line, column))."""
    return (rng.start.line, rng.start.character), (rng.end.line, rng.end.character)


class Session:
    """A language client talking to `python -m checker.cli lsp` over stdio, collecting published diagnostics."""

    def __init__(self, root: Path, *args: str):
        """Prepare a client for a server started in root with extra arguments."""
        self.root, self.args = root, args
        self.client = LanguageClient("hedui-test", "1")
        self.published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

        def collect(params: types.PublishDiagnosticsParams) -> None:
            """Keep a published set of diagnostics for the test to read."""
            self.published.put_nowait(params)

        self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(collect)

    async def start(self) -> None:
        """Start the server, initialize it and say initialized."""
        # The server imports the same checker package as the tests (a work tree's, or the installed wheel's).
        home = str(Path(checker.__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [home, os.environ.get("PYTHONPATH")]))}
        await self.client.start_io(sys.executable, "-m", "checker.cli", "lsp", "--no-cache", "--debounce", "50",
                                   *self.args, cwd=str(self.root), env=env)
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=self.root.as_uri()))
        self.client.initialized(types.InitializedParams())

    def open(self, uri: str, text: str) -> None:
        """Open an article in the editor at version 1."""
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))

    async def diagnostics(self, uri: str, version: int) -> list[types.Diagnostic]:
        """The first diagnostics published for uri at version (a later version also answers)."""
        while True:
            params = await asyncio.wait_for(self.published.get(), WAIT_S)
            if params.uri == uri and (params.version or 0) >= version:
                return list(params.diagnostics)

    async def stop(self) -> None:
        """Shut the server down politely."""
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def _run(root: Path, steps, *args: str) -> None:
    """Start a server in root (with extra arguments), run the async steps with its session, and shut it down."""
    async def scenario():
        session = Session(root, *args)
        await session.start()
        try:
            await steps(session)
        finally:
            await session.stop()

    asyncio.run(scenario())


def test_diagnostic_code_actions_and_edit(tmp_path):
    """The 增长X倍 error is shown on its exact UTF-16 range, offers both rewrites, and goes away once fixed."""
    uri = (tmp_path / "draft.md").as_uri()

    async def steps(session: Session) -> None:
        session.open(uri, ARTICLE)
        found = [d for d in await session.diagnostics(uri, 1) if d.code == GROWTH]
        assert len(found) == 1
        diagnostic = found[0]
        assert _as_pair(diagnostic.range) == _utf16_range(ARTICLE, "18.1倍")
        assert diagnostic.severity == types.DiagnosticSeverity.Error and diagnostic.source == "hedui"
        assert "57.9万 ÷ 3.2万" in diagnostic.message  # the arithmetic travels with the message
        actions = await session.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic])))
        edits = {a.edit.changes[uri][0].new_text: a.edit.changes[uri][0] for a in actions if a.edit}
        assert {"增长到18.1倍", "增长17.1倍"} <= set(edits)
        target = _utf16_range(ARTICLE, "增长18.1倍")
        assert all(_as_pair(edits[t].range) == target for t in ("增长到18.1倍", "增长17.1倍"))
        # The writer picks 增长17.1倍: an incremental change on the same UTF-16 range.
        session.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=edits["增长17.1倍"].range,
                                                                    text="增长17.1倍")]))
        assert not [d for d in await session.diagnostics(uri, 2) if d.code == GROWTH]

    _run(tmp_path, steps)


def test_archive_finding_points_into_the_other_article(tmp_path):
    """A figure that contradicts the configured archive is flagged, with the archive's figure as related location."""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "old.md").write_text("---\ndate: 2025-01-15\n---\n2024年，成都集成电路产业产值达到1320亿元。\n",
                                    encoding="utf-8")
    (tmp_path / "hedui.toml").write_text('archive = ["archive"]\n', encoding="utf-8")
    text = "---\ndate: 2025-03-02\n---\n2024年，成都集成电路产业产值为1450亿元。\n"
    uri = (tmp_path / "draft.md").as_uri()

    async def steps(session: Session) -> None:
        session.open(uri, text)
        for _ in range(5):  # the archive may load after the first check: wait for its finding
            found = [d for d in await session.diagnostics(uri, 1) if d.code == "agreement.conflicting-values"]
            if found:
                break
        assert found and _as_pair(found[0].range) == _utf16_range(text, "1450亿元")
        related = found[0].related_information or []
        assert [r.location.uri for r in related] == [(archive / "old.md").resolve().as_uri()]
        old = (archive / "old.md").read_text(encoding="utf-8")
        assert _as_pair(related[0].location.range) == _utf16_range(old, "1320亿元")

    _run(tmp_path, steps)


def test_unreadable_front_matter_is_one_diagnostic(tmp_path):
    """Malformed front matter is reported on its line, not as a crash of the server."""
    uri = (tmp_path / "bad.md").as_uri()
    text = "---\ndate: [2025\n---\n正文。\n"

    async def steps(session: Session) -> None:
        session.open(uri, text)
        diagnostics = await session.diagnostics(uri, 1)
        assert [d.code for d in diagnostics] == ["input"] and "front matter" in diagnostics[0].message

    _run(tmp_path, steps)


@given(st.text(alphabet=st.sampled_from("a中𠀀𝄞\r\n "), max_size=40))
def test_positions_round_trip(text):
    """Every offset maps to a UTF-16 position and back, columns counting astral characters twice."""
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        if offset and text[offset - 1] == "\r" and text[offset:offset + 1] == "\n":
            continue  # between \r and \n is no position of its own
        line, column = index.position(offset)
        assert index.offset(line, column) == offset
        start = index.starts[line]
        assert column == len(text[start:offset].encode("utf-16-le")) // 2
        assert "\n" not in text[start:offset] and "\r" not in text[start:offset]


def test_html_article_ranges_point_into_the_markup(tmp_path):
    """In an HTML article the range is in the page's own text, past tags and entities on the same line."""
    uri = (tmp_path / "page.html").as_uri()
    page = ("<html><head><title>产业</title></head><body>\n<p>&ldquo;𠀀&rdquo;<b>快讯</b>" + LINE.split("牌", 1)[1]
            + "</p>\n</body></html>\n")

    async def steps(session: Session) -> None:
        session.open(uri, page)
        found = [d for d in await session.diagnostics(uri, 1) if d.code == GROWTH]
        assert len(found) == 1 and _as_pair(found[0].range) == _utf16_range(page, "18.1倍")

    _run(tmp_path, steps)


def test_quick_edits_are_checked_once_after_the_pause(tmp_path):
    """Edits sent faster than the debounce delay give one publication, for the last version, after the pause."""
    uri = (tmp_path / "draft.md").as_uri()

    async def steps(session: Session) -> None:
        session.open(uri, ARTICLE)
        await session.diagnostics(uri, 1)
        for version in range(2, 7):
            session.client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=ARTICLE + "。" * version)]))
        sent = time.monotonic()
        versions = []
        while not versions or versions[-1] != 6:
            version = (await asyncio.wait_for(session.published.get(), WAIT_S)).version
            if version != 1:  # the first text may be published again once the archive has loaded
                versions.append(version)
        assert versions == [6] and time.monotonic() - sent >= 0.4

    _run(tmp_path, steps, "--debounce", "400")
