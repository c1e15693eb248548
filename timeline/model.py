"""Frozen values of a timeline: entries with their period, sources, announcements and flags."""

from __future__ import annotations

import datetime as dt

import attrs

SORTS = ("figure", "target", "event")
DEFAULT_TITLE = "时间线"

# Coarse periods sort before the finer ones that start on the same day: a year before its January.
GRANULARITY_RANK = {"years": 0, "year": 1, "half": 2, "quarter": 3, "month": 4, "day": 5}


@attrs.frozen
class Flag:
    """A finding as a timeline shows it: fingerprint, rule, severity and message."""

    fingerprint: str
    rule: str
    severity: str  # error | warning | info
    message: str
    suggestion: str = ""


@attrs.frozen
class Source:
    """Where an entry is stated: a span of one document and the sentence around it."""

    doc: str
    start: int  # offsets into the document's original text, like every span
    end: int
    text: str  # == document.text[start:end]
    line: int  # 1-based line of `start`, for readers and Markdown
    before: str  # the sentence up to the highlighted surface (reading text)
    mark: str  # the highlighted surface as read
    after: str  # the rest of the sentence
    announced: dt.date | None  # the document's date (DCT)
    doc_title: str = ""


@attrs.frozen
class Announcement:
    """One value of an entry as published on one date (a target's revisions are several)."""

    announced: dt.date | None
    text: str
    doc: str


@attrs.frozen
class Entry:
    """One line of the chronology: a figure, a target or forecast, or an event."""

    sort: str  # figure | target | event
    start: dt.date
    end: dt.date
    granularity: str  # years | year | half | quarter | month | day
    period_kind: str  # point | period | asof
    period_text: str  # the period as first stated (今年前三季度, 39年前)
    title: str  # 重庆 新能源汽车产量, or the event's summary
    text: str  # the value as stated (95.3万辆); "" for events
    value: float | None
    unit: str
    modality: str  # actual | target | forecast | plan | event
    announced: dt.date | None  # when the shown value was published
    sources: tuple[Source, ...]
    subject: str = ""
    metric: str = ""
    relation: str = ""
    key: str = ""  # the fact key for linked figures, "" otherwise
    announcements: tuple[Announcement, ...] = ()
    revised: bool = False  # a target or forecast announced with two different values
    flags: tuple[Flag, ...] = ()
    measure: str = ""  # what the figure measures, as a reader says it: 新能源汽车产量（增速）

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """The fingerprints of the findings that touch this entry."""
        return tuple(flag.fingerprint for flag in self.flags)

    @property
    def severity(self) -> str:
        """The most severe flag's severity, or "" when unflagged."""
        ranks = {"info": 1, "warning": 2, "error": 3}
        worst = max((flag.severity for flag in self.flags), key=lambda s: ranks.get(s, 0), default="")
        return worst

    def sort_key(self) -> tuple:
        """Chronological order: start, coarse before fine, then title, document and offset."""
        first = self.sources[0] if self.sources else None
        return (
            self.start,
            GRANULARITY_RANK.get(self.granularity, len(GRANULARITY_RANK)),
            self.title,
            first.doc if first else "",
            first.start if first else 0,
            self.sort,
            self.text,
        )


@attrs.frozen
class DocumentInfo:
    """An article the timeline was built from."""

    path: str
    title: str
    announced: dt.date | None
    inferred: bool  # the date was inferred from the text, not stated


@attrs.frozen
class Timeline:
    """Entries in chronological order, the articles they come from and every finding of the run."""

    entries: tuple[Entry, ...]
    documents: tuple[DocumentInfo, ...]
    flags: tuple[Flag, ...]  # all findings, including those that touch no entry
    title: str = DEFAULT_TITLE  # the page's title, as given with --title

    @property
    def placed(self) -> frozenset[str]:
        """Fingerprints of the findings shown on some entry."""
        return frozenset(fp for entry in self.entries for fp in entry.fingerprints)
