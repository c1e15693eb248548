"""What a reviewer does to the decisions file: decide one or many findings, comment, and undo the last change.

Every change is one locked save of the decisions file and one undo step: the entries it replaced
(None where there was none) are kept on the session, and `undo_last` writes them back.
"""

from __future__ import annotations

from typing import Any

import attrs

from checker.review.session import RequestError, ReviewSession, summarize
from checker.triage.decisions import DECISIONS, Decision, apply_changes, load_entries, now_iso

MAX_REASON = 500  # characters; a reason is a sentence, not an essay
MAX_COMMENT = 2000  # characters; a comment may say a little more
MAX_BULK = 100_000  # fingerprints in one bulk request; more than any queue the page can show
UNDO_STEPS = 200  # changes kept for undo


def decide(session: ReviewSession, body: Any) -> dict[str, Any]:
    """Record one decision from a request body; return every decision on the queue."""
    body = _object(body)
    return decide_many(session, {**body, "fingerprints": [body.get("fingerprint")]})


def decide_many(session: ReviewSession, body: Any) -> dict[str, Any]:
    """Record one verdict with one reason for several findings (a rule's or an article's), as one undo step."""
    body = _object(body)
    fingerprints, verdict = body.get("fingerprints"), body.get("decision")
    reason = _text(body.get("reason"), "reason", MAX_REASON)
    if not isinstance(fingerprints, list) or not fingerprints or len(fingerprints) > MAX_BULK:
        raise RequestError(400, f"fingerprints must be a list of 1 to {MAX_BULK} fingerprints")
    items = [_item(session, fp) for fp in fingerprints]
    if verdict not in DECISIONS:
        raise RequestError(400, f"decision must be one of: {', '.join(DECISIONS)}")
    if verdict == "dismissed" and not reason:
        raise RequestError(400, "a dismissal needs a reason")
    at = now_iso()
    with session.lock:
        current = load_entries(session.decisions_path)
        changes: dict[str, Decision | None] = {}
        for item in items:
            comment = current[item["fingerprint"]].comment if item["fingerprint"] in current else ""
            changes[item["fingerprint"]] = Decision(
                item["fingerprint"], verdict, rule=item["rule"], text=item["text"], reason=reason,
                reviewer=session.reviewer, at=at, doc=item["doc"], comment=comment)
        return _save(session, changes)


def comment(session: ReviewSession, body: Any) -> dict[str, Any]:
    """Set (or, when empty, remove) the comment on one finding, decided or not."""
    body = _object(body)
    item = _item(session, body.get("fingerprint"))
    text = _text(body.get("comment"), "comment", MAX_COMMENT)
    fingerprint = item["fingerprint"]
    with session.lock:
        entry = load_entries(session.decisions_path).get(fingerprint)
        if entry is None:
            entry = Decision(fingerprint, "", rule=item["rule"], text=item["text"], doc=item["doc"])
        updated: Decision | None = attrs.evolve(entry, comment=text)
        if not entry.decision and not text:
            # A note whose comment is cleared says nothing any more: drop the entry.
            updated = None
        return _save(session, {fingerprint: updated})


def undo_last(session: ReviewSession) -> dict[str, Any]:
    """Write back what the last change replaced; return the queue's decisions and the fingerprints restored."""
    with session.lock:
        if not session.undo:
            raise RequestError(409, "nothing to undo")
        step = session.undo.pop()
        _, entries = apply_changes(session.decisions_path, step)
    return {**summarize(session.view, entries), "undone": sorted(step), "undo": len(session.undo)}


def _save(session: ReviewSession, changes: dict[str, Decision | None]) -> dict[str, Any]:
    """Apply changes (the caller holds the session lock) and remember what they replaced."""
    previous, entries = apply_changes(session.decisions_path, changes)
    session.undo.append(previous)
    del session.undo[:-UNDO_STEPS]
    return {**summarize(session.view, entries), "undo": len(session.undo)}


def _object(body: Any) -> dict[str, Any]:
    """The request body, which must be a JSON object."""
    if not isinstance(body, dict):
        raise RequestError(400, "expected a JSON object")
    return body


def _item(session: ReviewSession, fingerprint: Any) -> dict[str, Any]:
    """The queue item of a fingerprint in the current queue."""
    if not isinstance(fingerprint, str) or fingerprint not in session.by_fingerprint:
        raise RequestError(404, "no finding with this fingerprint in this review")
    return session.by_fingerprint[fingerprint]


def _text(value: Any, name: str, limit: int) -> str:
    """A short free text from the page, stripped; missing is empty."""
    if value is None:
        # Not given: an acceptance needs no reason, and no comment means none.
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise RequestError(400, f"{name} must be text of at most {limit} characters")
    return value.strip()

