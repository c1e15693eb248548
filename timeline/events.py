"""Event entries: dated happenings read from sentences that carry an explicit date or period."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict

from checker.claims.sentences import CLOSE_QUOTES, OPEN_QUOTES, quoted_alone
from checker.model import Claim, Mention, Period
from timeline.context import DocumentView, flatten, make_source
from timeline.merge import merge_told
from timeline.model import Announcement, Entry, Source
from timeline.who import EventWords, main_subject, name_doers

EVENT_KINDS = {"point", "period"}
EVENT_GRANULARITIES = {"day", "month", "year"}
HAN = re.compile(r"[\u3400-\u9fff]")  # a Chinese character: a happening is told in words
SENTENCE_END = re.compile(r"[。！？!?]")
ENDED = re.compile(r"[。！？!?；;…][”’」』\"]?\s*$")  # a sentence closed by its own punctuation, not by a line end
CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
CLOCK = re.compile(r"[ \t\u3000]*\d{1,2}[:：]\d{2}")  # 2023-02-27 21:57:35: a page's time stamp
FIGURE = re.compile(r"[%％‰∶]|\d[ \t]*:|\d+\.\d+")  # 25.72:26.84:47.44, 上涨1·8%, 单位:% 据…
QUOTED_REACH = 8  # characters of a quoted name on each side of a date inside it
EDGE_PUNCTUATION = "　 \t、，,；;：:。！？!?…—-"
BYLINE_END = ("）", ")")
MAX_TITLE = 40
HEAD_KEPT = 14  # a shortened title keeps its start (who) and its end (what happened)
MIN_TITLE = 4  # fewer characters than this say nothing: no event
FULL_TITLE = 12  # a bare date's summary reads on clause by clause until it says this much


def build_events(views: dict[str, DocumentView], claims: tuple[Claim, ...], times: tuple[Mention, ...],
                 words: EventWords) -> list[Entry]:
    """Find each document's dated happenings, each naming who did what, and merge the same happening told twice.

    `times` are the run's time mentions (CheckResult.times): the timeline reads no text for dates of its own.
    """
    figures = _figure_offsets(claims)
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_doc[claim.doc].append(claim)
    times_of: dict[str, list[Mention]] = defaultdict(list)
    for mention in times:
        times_of[mention.doc].append(mention)
    found: dict[tuple, list[tuple[Source, str]]] = defaultdict(list)
    for path, view in views.items():
        doc = view.doc
        dated = sorted(times_of.get(path, []), key=lambda m: m.reading_start)
        busy = sorted(figures.get(path, []) + [m.reading_start for m in dated])
        home = main_subject(by_doc.get(path, []), words)
        for mention in dated:
            if mention.comparison or mention.period is None:
                # 比2020年还大, 2019年同期: the date is the yardstick of a comparison, not when something happened
                continue
            start, end, period = mention.reading_start, mention.reading_end, mention.period
            if quoted_alone(doc.reading, start, end) and period.kind in EVENT_KINDS:
                # 新余“1·24”火灾事故整改通过评估: the quoted day names an earlier incident; the happening took place
                # in the time its paragraph's figures are stated for
                told_for = _paragraph_time(doc.reading, start, by_doc.get(path, []))
                if told_for is None:
                    # no figure of the paragraph says when: the happening has no date the text gives
                    continue
                period = told_for
            event = _event(view, start, end, period, busy, words, home)
            if event is not None:
                title, source = event
                found[(period.start, period.end, period.granularity, title)].append((source, doc.reading[start:end]))
    return [_entry(key, told) for key, told in merge_told(found, words.pointer).items()]


def _paragraph_time(reading: str, offset: int, claims: list[Claim]) -> Period | None:
    """The period most figures of the paragraph around an offset are stated for, or None when none is dated."""
    low = reading.rfind("\n", 0, offset) + 1
    high = reading.find("\n", offset)
    high = len(reading) if high < 0 else high
    counts: Counter[Period] = Counter(
        claim.period for claim in claims
        if claim.period is not None and low <= claim.mention.reading_start < high
        and claim.period.kind in EVENT_KINDS and not claim.period.cumulative
        and claim.period.granularity in EVENT_GRANULARITIES
    )
    return counts.most_common(1)[0][0] if counts else None


def _figure_offsets(claims: tuple[Claim, ...]) -> dict[str, list[int]]:
    """The reading offsets of every figure per document, to tell events from figure sentences."""
    offsets: dict[str, list[int]] = defaultdict(list)
    for claim in claims:
        if claim.value is not None:
            offsets[claim.doc].append(claim.mention.reading_start)
    return offsets


def _event(
    view: DocumentView, start: int, end: int, period: Period, busy: list[int], words: EventWords, home: str,
) -> tuple[str, Source] | None:
    """Read the happening a time expression dates, or None when it dates a figure or nothing."""
    if period.kind not in EVENT_KINDS or period.start is None or period.end is None:
        # durations (50天) and as-of words (目前) date no happening of their own
        return None
    if period.cumulative or period.granularity not in EVENT_GRANULARITIES:
        # 1—11月, 今年以来, 前三季度, 十四五 are windows that figures are counted over
        return None
    sentence = view.sentences.containing(start)
    if sentence is None:
        # a time expression outside every sentence is layout noise (a dateline, a caption)
        return None
    reading = view.doc.reading
    if _on_heading(view, start) or not ENDED.search(reading, sentence.start, sentence.end):
        # 2026年上海市政府工作报告, 表1 2019年人口数及其构成, ——2026年1月25日在…会议上: a title, heading, caption
        # or subtitle names the article or a table, not a happening; prose closes its sentences
        return None
    low, high = _clause(reading, sentence.start, sentence.end, start, end)
    if _holds(busy, low, high, skip=start) or not _dates_a_happening(reading, end, high, words):
        # 2024年的95.3万辆: the clause states a figure, and the figure entry tells it with its value; or the date
        # is a dateline, a time stamp, part of a name or a yardstick
        return None
    head = flatten(reading[low:start]).strip()
    if words.caption.fullmatch(head):
        # 表1 2019年人口数及其构成: a caption inside running text (a PDF's flattened table) names a table
        return None
    if head.endswith(BYLINE_END) or words.attributive.fullmatch(head[-1:]):
        # 本报讯（记者 唐琴）11月25日: the words before the date are the byline, not the happening; 改革之初的1978年:
        # they describe the date, and the happening follows it
        head = ""
    # “8·20”灾后, “1·24”火灾事故: a quoted date names the incident and stays in the title
    mark = reading[start:end] if quoted_alone(reading, start, end) else ""
    if not mark and _inside_quoted_name(reading, start, end):
        # 打造“雅江1号”品牌: the date is a piece of a quoted name, not a day
        return None
    told = mark + flatten(reading[end:high])
    clause = words.dangling.sub("", head) + told
    scene = (head + told).strip(EDGE_PUNCTUATION)
    # 2020年，面对复杂多变的外部环境; 从2021年全年的情况来看: a clause that sets the scene is no happening; the
    # happening follows it
    title = "" if words.frame.fullmatch(scene) else _tidy(clause, words)
    if len(title) < MIN_TITLE:
        # 39年前，他在凤凰镇起步: the clause is only the date; the happening follows it
        title = _tidy(_following(reading, high, sentence.end, busy, words.frame), words)
    if words.statement.search(title) or words.comment.match(title):
        # 主要预期目标是：…, 这说明外部需求不旺: the clause introduces or comments on what is said, no happening
        return None
    if len(HAN.findall(title)) < MIN_TITLE or FIGURE.search(title):
        # a bare date followed by a figure or by nothing, or by a clock time or page codes (07时41分, sp2024…); or
        # a figure the claims did not read (三次产业结构比为25.72:26.84:47.44) that no event title should carry
        return None
    return name_doers(title, reading, sentence.start, low, words, home), make_source(view, start, end)


def _inside_quoted_name(reading: str, start: int, end: int) -> bool:
    """True when a date sits with other characters inside one short pair of quotation marks (“雅江1号”)."""
    opening = max(reading.rfind(q, max(0, start - QUOTED_REACH), start) for q in OPEN_QUOTES)
    if opening < 0 or any(q in reading[opening + 1:start] for q in CLOSE_QUOTES if q not in OPEN_QUOTES):
        # no quotation mark opens shortly before the date, or it is closed before it
        return False
    window = reading[end:end + QUOTED_REACH]
    return any(q in window for q in CLOSE_QUOTES)


def _dates_a_happening(reading: str, end: int, high: int, words: EventWords) -> bool:
    """False when the words after a date make it a dateline, a time stamp, a name's part, a modifier or a yardstick."""
    after = reading[end:high]
    if words.marks_after.match(after) or CLOCK.match(after):
        # 中新网6月12日电, （5月14日摄）, 2022年06月16日08:33: the page's own date, not a happening's
        return False
    if words.names_after.match(after) or words.attributive.match(after):
        # 以公司2023年年度报告为准, 2018年的5.7:49.3, 今天的西藏: the date belongs to a name or a noun phrase
        return False
    # 与2020年相比, 为保证本年数据与上年可比: the date is what something is compared with
    return words.comparison_after.search(after) is None


def _on_heading(view: DocumentView, offset: int) -> bool:
    """True when an offset of the reading text lies on a Markdown heading or on the article's title line."""
    reading = view.doc.reading
    left = reading.rfind("\n", 0, offset) + 1
    right = reading.find("\n", offset)
    line = reading[left:right if right >= 0 else len(reading)].strip()
    title = view.doc.title.strip()
    # A first line that ends its sentences is prose, however the title was guessed from it.
    headline = bool(title) and flatten(line) == flatten(title) and not SENTENCE_END.search(line)
    return line.startswith("#") or headline


def _clause(reading: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """The [low, high) reading range of the clause around a date, within its sentence."""
    low = left
    for match in CLAUSE_END.finditer(reading, left, start):
        low = match.end()
    stop = CLAUSE_END.search(reading, end, right)
    return low, stop.start() if stop else right


def _following(reading: str, high: int, right: int, busy: list[int], frame: re.Pattern[str]) -> str:
    """The clauses after a bare date until they say enough, past those that set the scene, before a figure or date."""
    text = ""
    while high < right and len(text) < FULL_TITLE:
        stop = CLAUSE_END.search(reading, high + 1, right)
        following = stop.start() if stop else right
        if _holds(busy, high + 1, following):
            # the next clause starts a dated figure of its own: the happening ends before it
            break
        clause = flatten(reading[high + 1:following]).strip()
        high = following
        if not text and frame.fullmatch(clause):
            # 面对严峻复杂的外部环境, 在县委、县政府的坚强领导下: the scene, not the happening; read on
            continue
        text = f"{text}，{clause}" if text else clause
    return text


def _holds(offsets: list[int], low: int, high: int, skip: int = -1) -> bool:
    """True when a figure or time expression other than `skip` starts within [low, high)."""
    index = bisect.bisect_left(offsets, low)
    while index < len(offsets) and offsets[index] < high:
        if offsets[index] != skip:
            return True
        index += 1
    return False


def _tidy(text: str, words: EventWords) -> str:
    """Strip edge punctuation, leading connectives (并于, 从) and trailing 以来 from a title."""
    text = text.strip(EDGE_PUNCTUATION)
    text = words.leading.sub("", text)
    text = words.trailing.sub("", text)
    return text.strip(EDGE_PUNCTUATION)


def _shorten(title: str) -> str:
    """Keep a title within MAX_TITLE characters, cutting its middle: Chinese puts the happening last."""
    if len(title) <= MAX_TITLE:
        # short enough to read whole
        return title
    return title[:HEAD_KEPT] + "…" + title[len(title) - (MAX_TITLE - HEAD_KEPT - 1):]


def _entry(key: tuple, told: list[tuple[Source, str]]) -> Entry:
    """Build one event entry from the sources that tell it, earliest publication first."""
    start, end, granularity, full = key
    title = _shorten(full)
    told.sort(key=lambda pair: (pair[0].announced is None, pair[0].announced or start, pair[0].doc, pair[0].start))
    sources = tuple(source for source, _ in told)
    first = sources[0]
    # 到2035年基本建成…, 1月26日春运将启动 in a paper of January 10th: every article tells it before it happens
    planned = all(s.announced is not None and s.announced < start for s in sources)
    return Entry(
        sort="event",
        start=start,
        end=end,
        granularity=granularity,
        period_kind="point" if start == end else "period",
        period_text=flatten(told[0][1]),
        title=title,
        text="",
        value=None,
        unit="",
        modality="plan" if planned else "event",
        announced=first.announced,
        sources=sources,
        announcements=(Announcement(first.announced, title, first.doc),),
    )
