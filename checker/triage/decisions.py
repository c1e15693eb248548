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

A dismissed finding no longer fails `check`; an accepted one stays until the text is fixed; a
decision whose fingerprint matches no current finding is reported as stale.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import attrs

from checker.errors import RuleFileError

DECISIONS = ("dismissed", "accepted")
ENTRY_KEYS = {"decision", "rule", "text", "reason", "reviewer", "at", "doc"}
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

    def to_mapping(self) -> dict[str, str]:
        """The YAML entry for this decision, without empty fields."""
        fields = attrs.asdict(self)
        fields.pop("fingerprint")
        return {k: v for k, v in fields.items() if v}


def load_decisions(path: Path) -> dict[str, Decision]:
    """Read a decisions file; a missing file is empty, a malformed one an error naming the line."""
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
    if entry.get("decision") not in DECISIONS:
        raise RuleFileError(str(path), lines.get(f"{key}.decision") or lines.get(key), f"{key}.decision",
                            f"must be one of: {', '.join(DECISIONS)}")
    return Decision(fingerprint, **{k: str(v) for k, v in entry.items()})


def save_decisions(path: Path, decisions: dict[str, Decision]) -> None:
    """Write the whole file atomically (temporary file, then rename), sorted by fingerprint."""
    import yaml

    from checker.writefile import write_atomic

    body = {"decisions": {fp: decisions[fp].to_mapping() for fp in sorted(decisions)}}
    text = HEADER + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, default_flow_style=False)
    write_atomic(path, text.encode("utf-8"))


def record_decision(path: Path, decision: Decision) -> dict[str, Decision]:
    """Add or replace one decision, re-reading the file under a lock so concurrent saves lose nothing."""
    import fcntl

    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            decisions = load_decisions(path)
            decisions[decision.fingerprint] = decision
            save_decisions(path, decisions)
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
    return decisions


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
