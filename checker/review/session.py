"""One review session: the findings of a run, its token, the decisions file it writes to, and its undo steps."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from checker.report.evidence import build_payload, mark_statuses, summarize_decisions
from checker.review.editor import editor_link
from checker.triage.decisions import Decision, load_entries
from checker.triage.status import triage

if TYPE_CHECKING:
    from checker.run.pipeline import CheckResult

Stamp = tuple[int, int]  # (mtime in ns, size) of a file; (0, -1) when it is missing


class RequestError(Exception):
    """A request the session refuses, with the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@attrs.frozen(eq=False)
class ReviewView:
    """One run's queue as the page sees it; replaced whole when the articles change on disk."""

    payload: dict[str, Any]  # documents and findings, without decisions
    texts: tuple[str, ...]  # article texts by document index: the only text the server ever serves
    by_fingerprint: dict[str, dict[str, Any]]  # fingerprint -> queue item
    suppressed: dict[str, str]  # fingerprint -> reason, for findings silenced by a comment in the article
    stamps: dict[str, Stamp]  # article path -> its file's stamp when the run read it
    version: int  # counts the runs of this session, so the page knows when to fetch the queue again


@attrs.define(eq=False)
class ReviewSession:
    """What the server needs: the current view, where decisions go, and how to check the articles again."""

    token: str
    decisions_path: Path
    reviewer: str
    view: ReviewView
    rerun: Callable[[], CheckResult] | None = None  # checks the articles again (None: the queue never changes)
    editor_url: str = ""  # template of the open-in-editor links, "" for none
    undo: list[dict[str, Decision | None]] = attrs.Factory(list)  # per change: the entries it replaced
    lock: threading.Lock = attrs.Factory(threading.Lock)  # one change or re-run at a time

    @property
    def payload(self) -> dict[str, Any]:
        """The current queue's documents and findings."""
        return self.view.payload

    @property
    def by_fingerprint(self) -> dict[str, dict[str, Any]]:
        """The current queue's findings by fingerprint."""
        return self.view.by_fingerprint


def build_session(result: CheckResult, decisions_path: Path, token: str, reviewer: str, *,
                  editor_url: str = "", rerun: Callable[[], CheckResult] | None = None) -> ReviewSession:
    """Prepare the queue of a check result for review."""
    return ReviewSession(token, decisions_path, reviewer, build_view(result, 1, editor_url), rerun, editor_url)


def build_view(result: CheckResult, version: int, editor_url: str = "") -> ReviewView:
    """The queue of one run, with an open-in-editor link on every quote when a template is configured."""
    full = build_payload(result)
    # Decisions are left out: every request re-reads the file, which other tabs and editors may change.
    payload = {"documents": full["documents"], "findings": full["findings"], "version": version}
    if editor_url:
        for item in payload["findings"]:
            for quote in item["quotes"]:
                quote["open"] = editor_link(editor_url, quote["doc"], quote["line"], quote["col"])
    items = {item["fingerprint"]: item for item in payload["findings"]}
    verdicts = triage(result.findings, result.documents, {}, {})
    suppressed = {fp: verdicts.reasons.get(fp, "") for fp, status in verdicts.statuses.items()
                  if status == "suppressed"}
    texts = tuple(d.text for d in result.documents)
    stamps = {d.path: stamp(Path(d.path)) for d in result.documents}
    return ReviewView(payload, texts, items, suppressed, stamps, version)


def stamp(path: Path) -> Stamp:
    """A file's modification time and size, which change when it is saved."""
    try:
        info = os.stat(path)
    except OSError:
        # A deleted or unreadable file is a change too.
        return (0, -1)
    return (info.st_mtime_ns, info.st_size)


def read_state(session: ReviewSession) -> dict[str, Any]:
    """What the page polls: the queue's version (a re-run when an article changed) and the decisions file's stamp."""
    view = session.view
    if session.rerun is not None and any(stamp(Path(p)) != s for p, s in view.stamps.items()):
        with session.lock:
            if session.view is view:
                # Only the first of several polls that saw the change runs the check again.
                _rerun(session, session.rerun)
    mtime, size = stamp(session.decisions_path)
    return {"version": session.view.version, "decisions": f"{mtime}:{size}", "undo": len(session.undo)}


def _rerun(session: ReviewSession, rerun: Callable[[], CheckResult]) -> None:
    """Check the articles again and swap in the new queue; a failed run keeps the old queue until the next save."""
    view = session.view
    try:
        session.view = build_view(rerun(), view.version + 1, session.editor_url)
    except BaseException:
        # Remember the files as they are now, so a broken article is not re-checked on every poll.
        session.view = attrs.evolve(view, stamps={path: stamp(Path(path)) for path in view.stamps})
        raise


def read_queue(session: ReviewSession) -> dict[str, Any]:
    """The queue with the decisions currently in the file (a malformed file raises RuleFileError)."""
    view = session.view
    return {**view.payload, **summarize(view, load_entries(session.decisions_path)),
            "reviewer": session.reviewer, "undo": len(session.undo)}


def read_document(session: ReviewSession, raw_index: str) -> dict[str, Any]:
    """One article's text, by its index in the run; never by path."""
    view = session.view
    if not (raw_index.isascii() and raw_index.isdigit()) or int(raw_index) >= len(view.texts):
        raise RequestError(404, "no such document")
    index = int(raw_index)
    doc = view.payload["documents"][index]
    return {"index": index, "path": doc["path"], "title": doc["title"], "text": view.texts[index]}


def summarize(view: ReviewView, entries: dict[str, Decision]) -> dict[str, Any]:
    """The decisions and comments on the queue, with findings suppressed in their article marked as such."""
    verdicts = {fp: entry for fp, entry in entries.items() if entry.decision}
    summary = summarize_decisions(verdicts, set(view.by_fingerprint))
    statuses = dict.fromkeys(view.suppressed, "suppressed")
    summary["decisions"] = mark_statuses(summary["decisions"], statuses, view.suppressed)
    summary["comments"] = {fp: entry.comment for fp, entry in entries.items()
                           if entry.comment and fp in view.by_fingerprint}
    return summary
