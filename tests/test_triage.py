"""Triage gives each finding its status; with nothing to set one aside it reads no finding at all."""

from __future__ import annotations

from checker.engine.runner import fingerprint
from checker.model import Finding, Span
from checker.triage.status import triage


def _finding(doc: str, text: str) -> Finding:
    """A warning about one span of a document."""
    return Finding(rule="wording.double-approximator", kind="wording", severity="warning", message="m", claims=(),
                   spans=((doc, Span(0, len(text)), text),))


def test_without_suppressions_decisions_or_baseline_every_finding_counts_unread():
    """No suppression, decision or baseline entry: every finding is new and counts, and none is read for it."""
    read: list[Finding] = []
    findings = [_finding("a.md", "约近100亿元"), _finding("b.md", "近约5万辆")]

    def walked():
        """The findings, each noted as it is read."""
        for finding in findings:
            read.append(finding)
            yield finding

    verdicts = triage(walked(), [], {}, {})
    assert read == [] and verdicts.statuses == {} and verdicts.stale_decisions == ()
    assert verdicts.unmatched_baseline == 0 and all(verdicts.counts(f) for f in findings)


def test_a_baseline_entry_sets_its_finding_aside_and_the_others_still_count():
    """A baseline entry names one finding: it is set aside, the other counts, and an entry of no finding is left."""
    first, second = _finding("a.md", "约近100亿元"), _finding("b.md", "近约5万辆")
    verdicts = triage([first, second], [], {}, {fingerprint(first): {"docs": ["a.md"]}, "0" * 20: {"docs": []}})
    assert verdicts.statuses == {fingerprint(first): "baseline"}
    assert not verdicts.counts(first) and verdicts.counts(second) and verdicts.unmatched_baseline == 1
