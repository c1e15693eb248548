"""Build a timeline from a check run: figures, targets and events in order, with their findings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from checker.engine.runner import fingerprint
from checker.model import Finding
from timeline.context import DocumentView
from timeline.events import build_events
from timeline.figures import build_figures
from timeline.model import DocumentInfo, Entry, Flag, Timeline
from timeline.who import EventWords, load_event_words

if TYPE_CHECKING:
    # Only for annotations: the run stage builds timelines' inputs.
    from checker.run.pipeline import CheckResult


def build_timeline(result: CheckResult, words: EventWords | None = None) -> Timeline:
    """Lay out a CheckResult's figures, targets and events chronologically, each with its flags.

    Everything dated comes from the run: figures, their periods and fact keys from its claims and fact
    index, events from its time mentions (`result.times`); only the timeline's own event words are read.
    """
    from checker.extract.resources import RULES_DIR

    if words is None:
        words = load_event_words(RULES_DIR)
    views = {doc.path: DocumentView.of(doc) for doc in result.documents}
    entries = build_figures(result.claims, result.index, views)
    entries += build_events(views, result.claims, result.times, words)
    flags, touching = _index_findings(result.findings)
    entries = [_flagged(entry, touching) for entry in entries]
    entries.sort(key=Entry.sort_key)
    documents = tuple(_document_info(view) for view in views.values())
    return Timeline(tuple(entries), documents, tuple(flags))


def flag_of(finding: Finding) -> Flag:
    """The timeline's view of a finding."""
    return Flag(fingerprint(finding), finding.rule, finding.severity, finding.message, finding.suggestion)


def _index_findings(findings: Iterable[Finding]) -> tuple[list[Flag], dict[tuple, list[Flag]]]:
    """Every finding as a flag, and the flags each claim location is touched by."""
    flags: list[Flag] = []
    touching: dict[tuple, list[Flag]] = defaultdict(list)
    for finding in findings:
        flag = flag_of(finding)
        flags.append(flag)
        for claim in finding.claims:
            touching[(claim.doc, claim.mention.span.start, claim.mention.span.end)].append(flag)
    return flags, touching


def _flagged(entry: Entry, touching: dict[tuple, list[Flag]]) -> Entry:
    """Attach the findings one of whose claims is one of the entry's sources."""
    found: dict[str, Flag] = {}
    for source in entry.sources:
        for flag in touching.get((source.doc, source.start, source.end), ()):
            found.setdefault(flag.fingerprint, flag)
    if not found:
        # most entries are consistent; keep the value untouched
        return entry
    return attrs.evolve(entry, flags=tuple(found.values()))


def _document_info(view: DocumentView) -> DocumentInfo:
    """Describe one article for the page's list of sources."""
    doc = view.doc
    dct = doc.dct
    return DocumentInfo(doc.path, doc.title, dct.date if dct else None, bool(dct and dct.inferred))
