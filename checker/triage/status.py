"""Decide each finding's status: new, baseline, dismissed, accepted or suppressed inline."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from checker.engine.runner import fingerprint
from checker.errors import HeduiError
from checker.model import Document, Finding
from checker.text.project import project_path

# <!-- hedui-disable[-file] rule-a, rule-b: reason -->, read in two linear steps: find the opening,
# then the first --> after it; the words in between are split by hand (no backtracking regex).
DISABLE_OPEN = re.compile(r"<!--\s*hedui-disable(?P<file>-file)?(?=\s)")
RULE_LIST = re.compile(r"[\w.,\s-]+")
# Statuses that count for the exit code and every report's main list; the others are set aside the same way
# in every format (listed apart in text, `dismissed: true` in JSON, suppressed or unchanged in SARIF, no JUnit
# failure, no GitHub error).
COUNTED = ("new", "accepted")
SET_ASIDE = ("baseline", "dismissed", "suppressed")


@attrs.frozen
class Suppression:
    """An inline <!-- hedui-disable … --> comment: the rules it silences and where."""

    doc: str
    rules: tuple[str, ...]
    start: int  # offsets into the document text silenced (the next paragraph, or the whole file)
    end: int
    reason: str
    line: int

    def covers(self, finding: Finding, offset: int) -> bool:
        """True when the comment silences this finding at this offset."""
        matches = any(r in ("all", finding.rule, finding.kind) for r in self.rules)
        return matches and self.start <= offset < self.end


@attrs.frozen
class Triage:
    """Statuses and reasons by fingerprint, plus what the editors and CI should be told.

    statuses holds the findings that are not new (a fingerprint absent from it is new).
    """

    statuses: dict[str, str]
    reasons: dict[str, str]
    stale_decisions: tuple[str, ...]
    unmatched_baseline: int
    warnings: tuple[str, ...]

    def counts(self, finding: Finding) -> bool:
        """True when a finding still counts for the exit code and the reports' main list."""
        if not self.statuses:
            # Every finding is new (its fingerprint need not be computed).
            return "new" in COUNTED
        return self.statuses.get(fingerprint(finding), "new") in COUNTED


def find_suppressions(doc: Document) -> list[Suppression]:
    """Inline suppressions of a Markdown or HTML document."""
    found = []
    for opening in DISABLE_OPEN.finditer(doc.text):
        close = doc.text.find("-->", opening.end())
        if close < 0:
            # An unclosed comment silences nothing (and no later comment can close it).
            break
        parsed = _parse_disable(doc.text[opening.end():close])
        if parsed is None:
            # Not a rule list: an ordinary comment that happens to mention hedui-disable.
            continue
        rules, reason = parsed
        line = doc.text.count("\n", 0, opening.start()) + 1
        if opening["file"]:
            start, end = 0, len(doc.text)
        else:
            start, end = close + 3, _next_paragraph_end(doc.text, close + 3)
        found.append(Suppression(doc.path, rules, start, end, reason, line))
    return found


def _parse_disable(body: str) -> tuple[tuple[str, ...], str] | None:
    """(rules, reason) of the words between hedui-disable and -->, or None when they name no rules."""
    listed, _, reason = body.partition(":")
    if not RULE_LIST.fullmatch(listed):
        return None
    rules = tuple(r for r in re.split(r"[,\s]+", listed) if r)
    return (rules, reason.strip()) if rules else None


def _next_paragraph_end(text: str, start: int) -> int:
    """The end of the paragraph after an offset (skipping blank lines before it)."""
    body = re.compile(r"\S").search(text, start)
    if body is None:
        return len(text)
    gap = re.compile(r"\n[ \t]*\n").search(text, body.start())
    return gap.start() if gap else len(text)


def load_baseline(path: Path) -> dict[str, dict]:
    """Read a baseline file written by `hedui baseline`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return dict(data["fingerprints"])
    except FileNotFoundError as exc:
        raise HeduiError(f"{path}: baseline file not found") from exc
    except RecursionError:
        # JSON nested thousands deep is no baseline; say so instead of a traceback.
        raise HeduiError(f"{path}: not a hedui baseline file (嵌套过深的 JSON)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise HeduiError(f"{path}: not a hedui baseline file ({exc})") from exc


def render_baseline(findings: Iterable[Finding]) -> str:
    """The baseline file: every current finding's fingerprint with its rule and figures."""
    entries = {}
    for finding in findings:
        texts = [c.mention.text for c in finding.claims] + [t for _, _, t in finding.spans]
        docs = sorted({c.doc for c in finding.claims} | {d for d, _, _ in finding.spans})
        entries[fingerprint(finding)] = {"rule": finding.rule, "docs": [project_path(d) for d in docs], "texts": texts}
    # Version 2: fingerprints and docs name files by their path from the project root.
    body = {"version": 2, "fingerprints": dict(sorted(entries.items()))}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def suppressions_json(doc: Document) -> str:
    """A document's inline suppressions as JSON, for the cache."""
    return json.dumps([attrs.asdict(s) for s in find_suppressions(doc)], ensure_ascii=False)


def suppressions_from(items: list[dict]) -> list[Suppression]:
    """Suppressions back from their cached JSON form."""
    return [Suppression(**{**item, "rules": tuple(item["rules"])}) for item in items]


def triage(findings: Iterable[Finding], sources, decisions: dict, baseline: dict,
           checked: Iterable[str] | None = None) -> Triage:
    """Give every finding a status; report stale decisions, unmatched baseline entries, unexplained suppressions.

    `sources` holds Suppressions, or Documents whose text is scanned for them. `checked` names the files
    the run read: a decision or baseline entry about other files is not stale, only out of this run's view.
    """
    suppressions = [x for x in sources if isinstance(x, Suppression)]
    suppressions += [s for doc in sources if isinstance(doc, Document) for s in find_suppressions(doc)]
    if not suppressions and not decisions and not baseline:
        # Nothing sets a finding aside: every one is new, with no reason, and nothing can be stale or unmatched.
        return Triage({}, {}, (), 0, ())
    by_doc: dict[str, list[Suppression]] = {}
    for s in suppressions:
        by_doc.setdefault(s.doc, []).append(s)
    statuses, reasons = {}, {}
    named: set[str] = set()  # the fingerprints of decisions and baseline entries that a finding of the run has
    for finding in findings:
        fp = fingerprint(finding)
        status, reason = _status(finding, fp, by_doc, decisions, baseline)
        if status != "new":
            # New is every reader's default: an archive's run keeps only what is set aside or decided.
            statuses[fp] = status
        if fp in decisions or fp in baseline:
            named.add(fp)
        if reason:
            reasons[fp] = reason
    hint = "write '<!-- hedui-disable rule-id: why -->'"
    warnings = tuple(f"{s.doc}:{s.line}: hedui-disable {','.join(s.rules)} has no reason ({hint})"
                     for s in suppressions if not s.reason)
    # Placing decisions and baseline entries reads every checked file's project path: only when there are some.
    in_view = _in_view(checked if decisions or baseline else None)
    stale = tuple(fp for fp, d in decisions.items() if fp not in named and in_view([getattr(d, "doc", "")]))
    unmatched = sum(1 for fp, entry in baseline.items()
                    if fp not in named and in_view(entry.get("docs", []) if isinstance(entry, dict) else []))
    return Triage(statuses, reasons, stale, unmatched, warnings)


def _in_view(checked: Iterable[str] | None) -> Callable[[list], bool]:
    """A test of whether an entry's files were checked by this run (every entry is, when the run is unknown)."""
    if checked is None:
        return lambda docs: True
    keys = {project_path(p) for p in checked}

    def in_view(docs: list) -> bool:
        """True when the entry names no file (it cannot be placed) or one of the checked files."""
        named = [str(d) for d in docs if d]
        return not named or any(d in keys or project_path(d) in keys for d in named)

    return in_view


def _status(finding: Finding, fp: str, by_doc: dict, decisions: dict, baseline: dict) -> tuple[str, str]:
    """One finding's status, in order of precedence: inline, decision, baseline, new."""
    for doc, offset in _locations(finding):
        for suppression in by_doc.get(doc, ()):
            if suppression.covers(finding, offset):
                return "suppressed", suppression.reason
    decision = decisions.get(fp)
    if decision is not None:
        return decision.decision, decision.reason
    if fp in baseline:
        return "baseline", ""
    return "new", ""


def _locations(finding: Finding) -> list[tuple[str, int]]:
    """Every (doc, offset) a finding points at."""
    return [(c.doc, c.mention.span.start) for c in finding.claims] + [(d, s.start) for d, s, _ in finding.spans]
