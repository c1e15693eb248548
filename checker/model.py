"""Frozen values that flow between hedui's stages: documents, mentions, quantities, periods."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Literal

import attrs

INF = math.inf

# What a claim's figure says of its metric, and whether it happened or is aimed at.
Relation = Literal[
    "level", "change_pct", "change_pct_down", "increment", "times_by", "times_to", "times_down", "points", "gap",
    "cagr", "share", "count", "rank", "span", "ratio",
]
Modality = Literal["actual", "forecast", "target", "plan"]
Severity = Literal["error", "warning", "info"]
# Where a part of a claim came from: a word of the lexicon or gazetteer, the segmenter's noun phrase, the
# unit alone (an amount with no verb is a level), the context (a heading, the article's city), or a guess.
# unnamed: the article's own place, which it never names (全省 in a province's release that never says which)
Source = Literal["lexicon", "segmenter", "unit", "context", "guessed", "none", "unnamed"]


@attrs.frozen
class Span:
    """A half-open range [start, end) of character offsets into a document's decoded text."""

    start: int
    end: int = attrs.field()

    @end.validator
    def _check_order(self, _attribute: Any, value: int) -> None:
        if value < self.start:
            raise ValueError(f"span end {value} before start {self.start}")


@attrs.frozen
class DocumentDate:
    """The document creation time (DCT) and how it was found."""

    date: dt.date
    source: str  # "front matter", "--date", "inferred: <phrase>", "file modification time"
    confidence: float = 1.0

    @property
    def inferred(self) -> bool:
        """True when the date was not stated by the user or the front matter."""
        return self.confidence < 1.0


@attrs.frozen
class Document:
    """One decoded article: its original text, the reading text and the map between them."""

    path: str
    text: str  # the decoded file, exactly; every span points into this
    reading: str  # the text extraction reads: markup removed, hard wraps joined
    offsets: tuple[int, ...]  # offsets[i] = index in `text` of reading[i]
    dct: DocumentDate | None = None
    meta: dict[str, str] = attrs.field(factory=dict, eq=False)
    encoding: str = "utf-8"

    @property
    def title(self) -> str:
        """The title from front matter, else the first non-empty reading line."""
        if self.meta.get("title"):
            return self.meta["title"]
        for line in self.reading.splitlines():
            if line.strip():
                return line.strip().lstrip("#").strip()
        return ""

    def span_of(self, start: int, end: int) -> Span:
        """Map a [start, end) range of the reading text to a span of the original text."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.text)
            return Span(pos, pos)
        return Span(self.offsets[start], self.offsets[end - 1] + 1)


@attrs.frozen
class Interval:
    """A closed interval of reals; infinite ends stand for open bounds (超X, 不到X)."""

    low: float
    high: float

    def intersects(self, other: Interval) -> bool:
        """True when the two intervals share at least one value."""
        return self.low <= other.high and other.low <= self.high

    def divide(self, other: Interval) -> Interval:
        """self / other for positive intervals (B/A of two levels)."""
        if other.low <= 0:
            # Division by an interval that reaches zero has no finite bounds.
            return Interval(-INF, INF)
        return Interval(self.low / other.high, self.high / other.low if self.high != INF else INF)

    def shift(self, amount: float) -> Interval:
        """self + amount."""
        return Interval(self.low + amount, self.high + amount)

    def scale(self, factor: float) -> Interval:
        """self × factor for factor > 0."""
        return Interval(self.low * factor, self.high * factor)

    def negate(self) -> Interval:
        """−self."""
        return Interval(-self.high, -self.low)

    def change_from(self, base: Interval) -> Interval:
        """(self − base) / base as an interval, for a positive base: the relative change from base to self."""
        return self.divide(base).shift(-1.0)

    @property
    def mid(self) -> float:
        """The midpoint (or the finite end when one end is open)."""
        if math.isinf(self.high):
            return self.low
        if math.isinf(self.low):
            return self.high
        return (self.low + self.high) / 2


@attrs.frozen
class Quantity:
    """A stated figure as the interval of true values it honestly describes."""

    value: float  # the stated number X in base units (万/亿 multiplied out; % stays percent)
    interval: Interval  # the true values the figure allows; open ends are infinite
    unit: str  # canonical unit or classifier ("元", "辆", "%", "倍", "个百分点", "")
    qualifier: str  # exact approx over under plus below order range
    high_open: bool = False  # True when the upper bound itself is excluded ([X, X+step))

    @classmethod
    def point(cls, value: float, unit: str, qualifier: str = "exact") -> Quantity:
        """A figure that states no precision of its own (fractions, 翻番): the single value it names."""
        return cls(value, Interval(value, value), unit, qualifier)

    def contains(self, x: float) -> bool:
        """True when x lies within the interval."""
        return self.interval.low <= x <= self.interval.high

    @property
    def low(self) -> float | None:
        """The lower bound, None when the figure sets none."""
        return None if self.interval.low == -INF else self.interval.low

    @property
    def high(self) -> float | None:
        """The upper bound, None when the figure sets none (超X)."""
        return None if self.interval.high == INF else self.interval.high


@attrs.frozen
class Period:
    """A time expression: a point, a span of days, an as-of date, or an unanchored duration."""

    kind: str  # point | period | duration | asof
    start: dt.date | None = None
    end: dt.date | None = None
    length: str | None = None  # ISO 8601 duration for kind == "duration": P4Y, P50D, P11M
    granularity: str = "day"  # day | month | quarter | half | year | years
    relative: bool = False  # anchored on the document date (今年, 去年, N年前, 1至10月 …)
    cumulative: bool = False  # year-to-date or running total (1—11月, 今年以来)
    approximate: bool = False  # stated with 多, 余, 来 or a vague number (十多天, 20余年, 多年来)


@attrs.frozen
class Mention:
    """One figure or time expression found in a document, with its span in the original text."""

    doc: str
    span: Span
    text: str  # == document.text[span.start:span.end]
    reading_start: int  # offsets into the reading text, for sentence context
    reading_end: int
    quantity: Quantity | None = None
    period: Period | None = None
    comparison: bool = False  # a time expression naming the base of a comparison (比2020年, 2019年同期)

    @property
    def type(self) -> str:
        """Return "quantity" or "time"."""
        return "quantity" if self.quantity is not None else "time"


@attrs.frozen
class Metric:
    """What a figure measures: scope words, the industry or product, and the measure itself."""

    measure: str = ""  # 产量, 营业收入, 增加值 …; "" when unknown
    industry: str = ""  # 新能源汽车, 电子信息制造业 …
    scopes: tuple[str, ...] = ()  # 规上, 全市 …: scope words make metrics different
    measure_known: bool = True  # False: the words before the figure, not a measure of the lexicon
    industry_known: bool = True  # False: words named before the measure, not an industry of the lexicon
    enumeration: bool = False  # the head noun of an enumeration (A、B等三大集群 counts 集群)
    segmented: bool = False  # True: an open-vocabulary noun phrase found by the segmenter (may link)
    industry_segmented: bool = False  # True: an unknown industry whose words the segmenter read as a noun phrase

    def __bool__(self) -> bool:
        """True when anything is known of what the figure measures."""
        return bool(self.measure or self.industry)

    def __str__(self) -> str:
        """The public text form: [scope|]industry|measure, ? before raw words neither lexicon nor segmenter read."""
        if self.enumeration:
            return f"enum:{self.measure}"
        if self.segmented:
            return "|".join(sorted(self.scopes) + [self.measure])
        if not self.measure_known:
            return f"?{self.measure}"
        sure = self.industry_known or self.industry_segmented or not self.industry
        industry = ("" if sure else "?") + self.industry
        return "|".join(sorted(self.scopes) + [industry, self.measure])

    @property
    def known(self) -> bool:
        """True when the measure comes from the lexicon (or an enumeration's head), so the metric may link."""
        return bool(self.measure) and self.measure_known

    @property
    def linkable(self) -> bool:
        """True when the metric may link claims: a lexicon measure, or a segmented noun phrase (same words)."""
        return self.known or (self.segmented and bool(self.measure))

    @property
    def industry_named(self) -> bool:
        """True when the industry comes from the lexicon (not words guessed before the measure)."""
        return bool(self.industry) and self.industry_known

    @property
    def label(self) -> str:
        """The metric as a reader's noun phrase: 规上先进材料产值, 专题对接活动数量."""
        if self.enumeration:
            return self.measure + "数量"
        parts = [part for part in (*sorted(self.scopes), self.industry, self.measure) if part]
        # 工业|工业总产值 reads 工业总产值: a part the next one starts with says nothing new
        pairs = zip(parts, parts[1:] + [""], strict=True)
        return "".join(part for part, following in pairs if not following.startswith(part))


@attrs.frozen
class FactKey:
    """What makes claims one fact: subject, metric, period, scope of time, modality, relation and unit."""

    subject: str
    metric: Metric
    period: str  # "YYYY-MM-DD..YYYY-MM-DD", or "*" when the period is left out
    cumulative: bool
    modality: str
    relation: str
    unit: str  # the pint dimension, or the unit when it has none; "" for counts

    def __str__(self) -> str:
        """The public text form, as reports and fingerprints have always shown it."""
        return "/".join((self.subject, str(self.metric), self.period, "ytd" if self.cumulative else "full",
                         self.modality, self.relation, self.unit))

    @property
    def family(self) -> FactKey:
        """The key with its modality left out: a target and the actual later reported share a family."""
        return attrs.evolve(self, modality="*")


@attrs.frozen
class Understanding:
    """How a claim was understood: where its role (relation), metric and subject came from."""

    role: Source = "guessed"  # lexicon: a verb/marker word decided it; unit: the unit alone; guessed: a default
    metric: Source = "none"  # lexicon: a known measure; segmenter: an open-vocabulary noun phrase; guessed: raw words
    subject: Source = "none"  # lexicon: a lexicon or gazetteer name; context: heading/paragraph/city; none
    period: Source = "lexicon"  # lexicon: a time named in the sentence (or none at all); context: the paragraph's

    @property
    def certain(self) -> bool:
        """True when role and metric were read from words and the period, if any, from the figure's own sentence."""
        return (self.role in ("lexicon", "unit") and self.metric in ("lexicon", "segmenter")
                and self.period != "context")


@attrs.frozen
class Claim:
    """One statement: a figure with its subject, metric, period, modality and relation."""

    doc: str
    mention: Mention
    subject: str  # canonical entity, "" when unknown
    metric: Metric
    period: Period | None
    period_text: str
    modality: Modality
    relation: Relation
    sentence: str  # the sentence as read, for evidence
    sentence_start: int  # reading offset of the sentence
    group: str = ""  # claims stated together (A, B and the change between them) share a group id
    role: str = ""  # from | to | change | span | total | part | items
    items: tuple[str, ...] = ()  # the items an enumeration lists (count claims)
    heading: bool = False  # stated in a headline or heading
    dimension: str = ""  # pint dimensionality of the unit ([currency_cny], [vehicle] …); "" when none
    base_factor: float = 1.0  # multiply the figure by this to express it in its dimension's base unit
    understood: Understanding = Understanding()  # where role, metric and subject came from
    grammar: tuple[str, ...] = ()  # the lexicon's grammar groups its sentence uses (distributed, against_last_year)

    def interval(self) -> Interval:
        """The figure's interval in the base unit of its dimension (米 and 公里 compare)."""
        assert self.value is not None, "a span claim has no figure"
        return self.value.interval.scale(self.base_factor)

    @property
    def value(self) -> Quantity | None:
        """The claim's figure (None for the span claim of a change, which is a duration)."""
        return self.mention.quantity

    @property
    def figure(self) -> Quantity:
        """The claim's figure, for a claim known to have one (every claim but the span claim of a change)."""
        assert self.value is not None, "a span claim has no figure"
        return self.value

    @property
    def cumulative(self) -> bool:
        """True for year-to-date or running totals, which never link with full-year figures."""
        return bool(self.period and self.period.cumulative) or "累计" in str(self.metric)


@attrs.frozen
class ChangeStatement:
    """A stated change between two levels: 从A到B(，span，)增长X — the claims grouping tied together."""

    base: Claim  # the earlier level A
    later: Claim  # the later level B
    change: Claim  # the stated change X (a rate, a multiple, points, an annual average)
    span: Claim | None = None  # the stated duration (四年), when the sentence gives one


@attrs.frozen
class Finding:
    """A rule's verdict on one or more claims, with the arithmetic that decided it."""

    rule: str
    kind: str
    severity: Severity
    message: str
    claims: tuple[Claim, ...]
    arithmetic: str = ""
    suggestion: str = ""
    fact_key: str = ""
    inferred_date: bool = False  # the verdict depends on an inferred document date
    spans: tuple[tuple[str, Span, str], ...] = ()  # (doc, span, text) for text-level findings
