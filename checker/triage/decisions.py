"""Editors' decisions on findings, kept in the repository as YAML: fingerprint -> decision.

The file (default `hedui-decisions.yaml`) is human-diffable:

    # hedui decisions: one entry per finding fingerprint.
    decisions:
      38ff7ec83398d43651f9:
        decision: dismissed          # dismissed | accepted
        rule: growth.increase-by-vs-to
        text: 22.2倍                  # the figure the decision was about, for stale reports
        reason: 标题党，已与作者确认
        reviewer: 王编辑
        at: '2026-11-24T19:50:00+00:00'
        comment: 下周复核                # optional: an editor's note, with or without a decision

A dismissed finding no longer fails `check`; an accepted one stays until the text is fixed; a
decision whose fingerprint matches no current finding is reported as stale. An entry with only a
comment (no `decision`) is a note on an undecided finding: `load_decisions` leaves it out.

Saves edit the file as a round-trip YAML document (ruamel.yaml): comments written by hand, the order
of entries and their quoting survive; new entries go where sorted order puts them. Saves hold a
cross-platform lock file (filelock) and replace the file atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from checker.errors import HeduiError, RuleFileError

DECISIONS = ("dismissed", "accepted")
ENTRY_KEYS = {"decision", "rule", "text", "reason", "reviewer", "at", "doc", "comment"}
LOCK_TIMEOUT_S = 30  # a save takes milliseconds; a lock held this long belongs to a hung writer
HEADER = "# hedui decisions: one entry per finding fingerprint (written by `hedui review`; safe to edit).\n"


@attrs.frozen
class Decision:
    """One editor's verdict on one finding."""

    fingerprint: str
    decision: str
    rule: str = ""
    text: str = ""
    reason: str = ""
    reviewer: str = ""
    at: str = ""
    doc: str = ""
    comment: str = ""

    def to_mapping(self) -> dict[str, str]:
        """The YAML entry for this decision, without empty fields."""
        fields = attrs.asdict(self)
        fields.pop("fingerprint")
        return {k: v for k, v in fields.items() if v}


def load_decisions(path: Path) -> dict[str, Decision]:
    """Read a decisions file's verdicts; a missing file is empty, a malformed one an error naming the line."""
    return {fp: entry for fp, entry in load_entries(path).items() if entry.decision}


def load_entries(path: Path) -> dict[str, Decision]:
    """Read every entry, comment-only notes included (their `decision` is "")."""
    from checker.yamlio import load_yaml_mapping

    if not path.exists():
        # No decisions yet: every finding is undecided.
        return {}
    raw, lines = load_yaml_mapping(path)
    entries = raw.get("decisions") or {}
    if set(raw) - {"decisions"}:
        key = sorted(set(raw) - {"decisions"})[0]
        raise RuleFileError(str(path), lines.get(key), key, "unknown key (expected 'decisions')")
    if not isinstance(entries, dict):
        raise RuleFileError(str(path), lines.get("decisions"), "decisions", "must map fingerprints to entries")
    return {str(fp): _decision(str(fp), entry, path, lines) for fp, entry in entries.items()}


def _decision(fingerprint: str, entry: Any, path: Path, lines: dict[str, int]) -> Decision:
    """Validate one entry."""
    key = f"decisions.{fingerprint}"
    if not isinstance(entry, dict):
        raise RuleFileError(str(path), lines.get(key), key, "an entry must be a mapping")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        name = sorted(unknown)[0]
        raise RuleFileError(str(path), lines.get(f"{key}.{name}"), f"{key}.{name}",
                            f"unknown key (allowed: {', '.join(sorted(ENTRY_KEYS))})")
    noted = "decision" not in entry and bool(entry.get("comment"))
    if entry.get("decision") not in DECISIONS and not noted:
        raise RuleFileError(str(path), lines.get(f"{key}.decision") or lines.get(key), f"{key}.decision",
                            f"must be one of: {', '.join(DECISIONS)} (or leave it out in an entry with a comment)")
    fields = {k: "" if v is None else str(v) for k, v in entry.items()}
    return Decision(fingerprint, fields.pop("decision", ""), **fields)


def save_decisions(path: Path, decisions: dict[str, Decision]) -> None:
    """Write exactly these entries, keeping the file's comments and order for the ones it already has."""
    with _locked(path):
        _write(path, decisions)


def record_decision(path: Path, decision: Decision) -> dict[str, Decision]:
    """Add or replace one decision under the lock, so concurrent saves lose nothing; return the verdicts."""
    _, entries = apply_changes(path, {decision.fingerprint: decision})
    return {fp: d for fp, d in entries.items() if d.decision}


def apply_changes(path: Path, changes: dict[str, Decision | None]
                  ) -> tuple[dict[str, Decision | None], dict[str, Decision]]:
    """Set (or, for None, remove) entries by fingerprint in one locked save.

    Returns what the changed entries were before (None: absent), for undo, and every entry now in the file.
    """
    with _locked(path):
        entries = load_entries(path)
        previous = {fp: entries.get(fp) for fp in changes}
        for fingerprint, entry in changes.items():
            if entry is None:
                entries.pop(fingerprint, None)
            else:
                entries[fingerprint] = entry
        _write(path, entries, set(changes))
    return previous, entries


def _write(path: Path, entries: dict[str, Decision], changed: set[str] | None = None) -> None:
    """Make the file hold exactly these entries, editing only the changed ones' lines when it can; atomically."""
    from checker.triage.yamledit import rewrite_document, splice_entries
    from checker.writefile import write_atomic

    text = path.read_text(encoding="utf-8") if path.exists() else ""
    fields = {fp: entry.to_mapping() for fp, entry in entries.items()}
    edited = splice_entries(text, fields, changed) if changed is not None and text else None
    if edited is None:
        # A new file, a whole-file save, or a layout the splice leaves alone: round-trip the whole file.
        edited = rewrite_document(text, fields, HEADER)
    write_atomic(path, edited.encode("utf-8"))


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold the decisions file's lock (a `.lock` file beside it) on every platform."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(path.with_name(path.name + ".lock")), timeout=LOCK_TIMEOUT_S)
    try:
        with lock:
            yield
    except Timeout:
        message = f"{path}: another save has held its lock for {LOCK_TIMEOUT_S} s; nothing was written"
        raise HeduiError(message) from None


def now_iso() -> str:
    """The current time, UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def reviewer_name() -> str:
    """The reviewer: HEDUI_REVIEWER, else git's user.name, else the login name."""
    import subprocess

    if os.environ.get("HEDUI_REVIEWER"):
        return os.environ["HEDUI_REVIEWER"]
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=2).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    return name or os.environ.get("USER", "editor")
