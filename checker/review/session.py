"""One review session: the findings of a run, its token, and the decisions file it writes to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from checker.report.evidence import build_payload, mark_statuses, summarize_decisions
from checker.triage.decisions import DECISIONS, Decision, load_decisions, now_iso, record_decision
from checker.triage.status import triage

MAX_REASON = 500  # characters; a reason is a sentence, not an essay


class RequestError(Exception):
    """A request the session refuses, with the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@attrs.frozen(eq=False)
class ReviewSession:
    """What the server needs: the review queue, the article texts by index, and where decisions go."""

    token: str
    decisions_path: Path
    reviewer: str
    payload: dict[str, Any]  # documents and findings, without decisions
    texts: tuple[str, ...]  # article texts by document index: the only text the server ever serves
    by_fingerprint: dict[str, dict[str, Any]]  # fingerprint -> queue item
    suppressed: dict[str, str]  # fingerprint -> reason, for findings silenced by a comment in the article


def build_session(result, decisions_path: Path, token: str, reviewer: str) -> ReviewSession:
    """Prepare the queue of a check result for review."""
    full = build_payload(result)
    # Decisions are left out: every request re-reads the file, which other tabs and editors may change.
    payload = {"documents": full["documents"], "findings": full["findings"]}
    items = {item["fingerprint"]: item for item in payload["findings"]}
    verdicts = triage(result.findings, result.documents, {}, {})
    suppressed = {fp: verdicts.reasons.get(fp, "") for fp, status in verdicts.statuses.items()
                  if status == "suppressed"}
    texts = tuple(d.text for d in result.documents)
    return ReviewSession(token, decisions_path, reviewer, payload, texts, items, suppressed)


def read_queue(session: ReviewSession) -> dict[str, Any]:
    """The queue with the decisions currently in the file (a malformed file raises RuleFileError)."""
    return {**session.payload, **_summarize(session, load_decisions(session.decisions_path)),
            "reviewer": session.reviewer}


def read_document(session: ReviewSession, raw_index: str) -> dict[str, Any]:
    """One article's text, by its index in the run; never by path."""
    if not (raw_index.isascii() and raw_index.isdigit()) or int(raw_index) >= len(session.texts):
        raise RequestError(404, "no such document")
    index = int(raw_index)
    doc = session.payload["documents"][index]
    return {"index": index, "path": doc["path"], "title": doc["title"], "text": session.texts[index]}


def decide(session: ReviewSession, body: Any) -> dict[str, Any]:
    """Record one decision from a request body; return every decision on the queue."""
    if not isinstance(body, dict):
        raise RequestError(400, "expected a JSON object")
    fingerprint, verdict, reason = body.get("fingerprint"), body.get("decision"), body.get("reason") or ""
    if not isinstance(fingerprint, str) or fingerprint not in session.by_fingerprint:
        raise RequestError(404, "no finding with this fingerprint in this review")
    if verdict not in DECISIONS:
        raise RequestError(400, f"decision must be one of: {', '.join(DECISIONS)}")
    if not isinstance(reason, str) or len(reason) > MAX_REASON:
        raise RequestError(400, f"reason must be text of at most {MAX_REASON} characters")
    if verdict == "dismissed" and not reason.strip():
        raise RequestError(400, "a dismissal needs a reason")
    item = session.by_fingerprint[fingerprint]
    decision = Decision(fingerprint, verdict, rule=item["rule"], text=item["text"], reason=reason.strip(),
                        reviewer=session.reviewer, at=now_iso(), doc=item["doc"])
    return _summarize(session, record_decision(session.decisions_path, decision))


def _summarize(session: ReviewSession, decisions: dict[str, Decision]) -> dict[str, Any]:
    """The decisions on the queue, with findings suppressed in their article marked as such."""
    summary = summarize_decisions(decisions, set(session.by_fingerprint))
    statuses = dict.fromkeys(session.suppressed, "suppressed")
    summary["decisions"] = mark_statuses(summary["decisions"], statuses, session.suppressed)
    return summary
