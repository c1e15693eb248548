"""Give each figure of a 分别 statement the item of the list it belongs to (原煤、原油产量分别增长5%、3%)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import attrs

from checker.claims.lexicon import ClaimLexicon
from checker.model import Claim, Mention, Metric, Source

CJK_WORDS = re.compile(r"[\u4e00-\u9fff]")
CLAUSE_START = re.compile(r"[，,：:；;（）()。！？!?\n]")
REACH = 200  # characters before the first figure read for its list (a bounded look-back)
MetricReader = Callable[[str, str], tuple[Metric, Source]]  # (head words, unit) -> the metric they name, and how


def distribute_items(
    reading: str, claims: list[Claim], lexicon: ClaimLexicon, read_metric: MetricReader, times: list[Mention]
) -> list[Claim]:
    """Figures listed after 分别 (a、b和c) take, in order, the items listed before it, when the counts agree.

    A list of items before a shared measure (原煤、原油、天然气产量) gives each item that measure; a list of whole
    metrics (事故起数、死亡人数) gives each its own; a list of places (襄阳、宜昌地区生产总值) gives each figure its
    place as subject. A figure after the first with no verb of its own takes the first one's relation. `times` are
    the document's time mentions: a list of times (第一季度、第二季度…分别为) is distributed over no metric.
    """
    out = list(claims)
    index = 0
    while index < len(out):
        run = _joined_run(reading, out, index, lexicon)
        if len(run) > 1:
            out[index:index + len(run)] = _distributed(reading, run, lexicon, read_metric, times, out[:index])
        index += len(run)
    return out


def _joined_run(reading: str, claims: list[Claim], index: int, lexicon: ClaimLexicon) -> list[Claim]:
    """The figures from `index` on joined by nothing but 、 or a joiner (8.6%、7.2%和5%), in one sentence."""
    joiners = {"、", *lexicon.grammar.get("joiners", ())}
    run = [claims[index]]
    for later in range(index + 1, len(claims)):
        claim, previous = claims[later], run[-1]
        between = reading[previous.mention.reading_end:claim.mention.reading_start].strip()
        if claim.sentence_start != previous.sentence_start or between not in joiners:
            break
        run.append(claim)
    return run


def _distributed(
    reading: str, run: list[Claim], lexicon: ClaimLexicon, read_metric: MetricReader, times: list[Mention],
    claims_before: list[Claim],
) -> list[Claim]:
    """The run's claims with their items' metrics (or subjects), or the run unchanged when no list fits it."""
    first = run[0]
    if "distributed" not in first.grammar:
        # The sentence says no 分别 (claim building marks those that do): nothing to distribute.
        return run
    start = first.mention.reading_start
    clause_start = max(first.sentence_start, start - REACH)
    clause_start += max((m.end() for m in CLAUSE_START.finditer(reading, clause_start, start)), default=clause_start) \
        - clause_start
    clause = reading[clause_start:start]
    word = next((w for w in lexicon.grammar.get("distributed", ()) if w in clause), "")
    # Without 分别, figures joined by 和 (加工贸易和保税物流进出口10293亿元和3544.9亿元) are still one per item when
    # the clause right before them lists as many.
    listed = clause[:clause.rfind(word)] if word else clause
    head = lexicon.trailing_filler_re.sub("", _base_re(lexicon).sub("", listed))
    items = next((found for found in _item_readings(head, lexicon) if len(found) == len(run)), [])
    if not items:
        # 福州、厦门港分别完成110.64万、442.56万标箱，分别增长9.1%、15.3%: no list before the figures, the figures of
        # the run before (as many, in the same order) are the items; else which goes with which is unknown.
        return _paired(reading, claims_before, run, lexicon) if not CJK_WORDS.search(_verbs_cut(head, lexicon)) else run
    named_times = {time.text for time in times if clause_start <= time.reading_start < start and time.text}
    if any(item.endswith(tuple(named_times)) for item in items[:-1]):
        # 第一季度、第二季度、第三季度进出口规模分别为…: the figures are listed by time, over one metric.
        return run
    places = [_place_of(item, lexicon) for item in items]
    if all(places) and items[:-1] == _names(items, lexicon)[:-1]:
        # 襄阳、宜昌地区生产总值分别为…: the items are places, the words after the list the metric.
        tail = _after_place(items[-1], lexicon)
        return [_with_item(claim, read_metric(tail, claim.figure.unit) if tail else _kept(claim), run[0], place)
                for claim, place in zip(run, places, strict=True)]
    tail = _shared_tail(items[-1], lexicon) or _segmented_tail(items, lexicon)
    whole = tail == "" or any(lexicon.measure_re.search(item) for item in items[:-1])
    # 原煤、原油、天然气产量: every item but the last takes the last one's measure; 起数、死亡人数 are whole metrics.
    heads = items if whole else [item + tail for item in items[:-1]] + [items[-1]]
    metrics = [read_metric(item_head, claim.figure.unit) for claim, item_head in zip(run, heads, strict=True)]
    metrics = metrics[:1] + [(_whole_item(metric, item, lexicon), source)
                             for (metric, source), item in zip(metrics[1:], heads[1:], strict=True)]
    return [_with_item(claim, metric, run[0], "") for claim, metric in zip(run, metrics, strict=True)]


@functools.lru_cache(maxsize=8)
def _base_re(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """The base of a comparison standing between a list and 分别 (比2020年…), which names no item."""
    words = "|".join(re.escape(w) for w in sorted(lexicon.change.get("base_before", ()), key=len, reverse=True))
    # What may open the time of a comparison's base after its word: a digit or a word of the lexicon (比2020年,
    # 较“十三五”末, 比上年, 与同期).
    starts = "|".join(["\\d", *map(re.escape, lexicon.grammar.get("base_time_starts", ()))])
    return re.compile(f"(?:{words})(?={starts})[^、]*$") if words else re.compile(r"(?!x)x")


def _whole_item(metric: Metric, item: str, lexicon: ClaimLexicon) -> Metric:
    """An item between two list marks is one noun phrase: a verb the segmenter cut from its start (死亡|人数) stays."""
    words = lexicon.trailing_filler_re.sub("", item)
    if not metric.segmented or not words.endswith(metric.measure) or words == metric.measure or len(words) > 8:
        # A lexicon metric, or the segmenter kept the whole item (or the item is too long to be one phrase).
        return metric
    if (not re.fullmatch(r"[\u4e00-\u9fff]+", words) or words.startswith(tuple(lexicon.metric_filler))
            or any(scope in words for scope in lexicon.scopes)):
        # Marks, digits, a filler verb (完成, 实现) or a scope kept apart (农村): the segmenter's cut stands.
        return metric
    return attrs.evolve(metric, measure=words)


def _item_readings(head: str, lexicon: ClaimLexicon) -> list[list[str]]:
    """The ways to read the list ending a head as items, most likely first: A、B和C as three items, then as two
    (软件和信息服务业 is one name); A和B without 、 as two; [] readings are left out."""
    parts = head.split("、")
    joiners = sorted(lexicon.grammar.get("joiners", ()), key=len, reverse=True)
    last = [p for p in re.split("|".join(map(re.escape, joiners)), parts[-1], maxsplit=1) if p] if joiners else []
    readings = [parts[:-1] + last, parts] if len(parts) > 1 else [last]
    # One item, or an empty one (、、): no list to distribute over.
    return [_without_etc(items, lexicon) for items in readings if len(items) > 1 and all(items)]


def _without_etc(items: list[str], lexicon: ClaimLexicon) -> list[str]:
    """A list whose last item closes it with 等 and a category (信息等重点产业增加值): the category's words left out,
    the measure after them kept (信息增加值)."""
    last = items[-1]
    mark = next((mark for mark in lexicon.enumeration.get("open_marks", ()) if mark in last), "")
    if not mark:
        return items
    at = last.index(mark)
    found = lexicon.measure_re.search(last, at)
    return items[:-1] + [last[:at] + (last[found.start():] if found else "")]


def _verbs_cut(head: str, lexicon: ClaimLexicon) -> str:
    """A head without its verbs of change and share words (同增, 分别占): what is left names items, if anything."""
    words = sorted({*(w for group in ("to", "down", "by") for w in lexicon.change.get(group, ())),
                    *lexicon.grammar.get("share", ())}, key=len, reverse=True)
    for word in words:
        head = head.replace(word, " ")
    return lexicon.trailing_filler_re.sub("", head.strip())


def _paired(reading: str, before: list[Claim], run: list[Claim], lexicon: ClaimLexicon) -> list[Claim]:
    """A 分别 run with no list of its own takes, figure by figure, the metric and subject of the run of as many
    figures right before it in its sentence (福州、厦门港分别完成110.64万、442.56万标箱，分别增长9.1%、15.3%)."""
    earlier = before[-len(run):]
    first = len(before) - len(run)
    # The run before is longer when the figure before it is joined to its first.
    longer = first > 0 and len(_joined_run(reading, before, first - 1, lexicon)) > 1
    if (len(earlier) < len(run) or longer or any(c.sentence_start != run[0].sentence_start for c in earlier)
            or _joined_run(reading, earlier, 0, lexicon) != earlier or not all(c.metric for c in earlier)):
        # No run of as many figures right before, each of a known metric: which goes with which is unknown.
        return run
    paired = []
    for claim, item in zip(run, earlier, strict=True):
        understood = attrs.evolve(claim.understood, metric=item.understood.metric, subject=item.understood.subject)
        relation = claim.relation
        if (claim is not run[0] and claim.understood.role in ("guessed", "unit")
                and claim.figure.unit == run[0].figure.unit):
            # 同增1.9%和38.4%: the later figures share the first one's verb.
            relation = run[0].relation
            understood = attrs.evolve(understood, role=run[0].understood.role)
        paired.append(attrs.evolve(claim, metric=item.metric, subject=item.subject, relation=relation,
                                   understood=understood))
    return paired


def _shared_tail(last: str, lexicon: ClaimLexicon) -> str:
    """The measure the last item shares with the items before it (产量 of 天然气产量), or '' when it names none."""
    found = lexicon.measure_re.search(last)
    if found is None or found.start() == 0:
        # No measure, or the item is the measure alone: nothing shared to add to the others.
        return ""
    return last[found.start():]


def _names(items: list[str], lexicon: ClaimLexicon) -> list[str]:
    """The place name each item opens with as written (襄阳 of 襄阳, 宜昌 of 宜昌地区生产总值), or ''."""
    found = [lexicon.subject_re.search(item) for item in items]
    return [m.group() if m is not None and m.start() == 0 else "" for m in found]


def _segmented_tail(items: list[str], lexicon: ClaimLexicon) -> str:
    """The words the last item shares with the others when the lexicon knows no measure in it, or ''.

    城镇居民、农村居民人均可支配收入: every earlier item has as many words as the last one's opening (农村居民), so
    the rest (人均可支配收入) is shared. An earlier item with a measure of its own, or a last item opening with a
    verb (接待游客、实现旅游总花费), shares nothing.
    """
    from checker.claims.segment import NOT_OPENING, tag_words

    if any(lexicon.measure_re.search(item) for item in items[:-1]):
        # 生产总值、人均生产总值: the earlier items name their own measures.
        return ""
    counts = {len(tag_words(item)) for item in items[:-1]}
    last = tag_words(items[-1])
    if len(counts) != 1 or not last or last[0][1] in NOT_OPENING:
        return ""
    opening = counts.pop()
    return "".join(word for word, _ in last[opening:]) if len(last) > opening else ""


def _place_of(item: str, lexicon: ClaimLexicon) -> str:
    """The subject a list item opens with when it is a place (襄阳, 宜昌地区生产总值), else ''."""
    found = lexicon.subject_re.search(item)
    if found is None or found.start() != 0:
        return ""
    subject = lexicon.subjects[found.group()]
    return "" if subject.startswith("@") else subject


def _after_place(item: str, lexicon: ClaimLexicon) -> str:
    """The words after the place opening an item (地区生产总值 of 宜昌地区生产总值)."""
    found = lexicon.subject_re.search(item)
    return item[found.end():] if found is not None else item


def _kept(claim: Claim) -> tuple[Metric, Source]:
    """A claim's own metric and where it came from."""
    return claim.metric, claim.understood.metric


def _with_item(claim: Claim, read: tuple[Metric, Source], first: Claim, place: str) -> Claim:
    """A claim with its item's metric (and place), and the first figure's relation when it states none itself."""
    metric, source = read if read[0] else _kept(claim)  # words that name no metric leave the figure what it had
    understood = attrs.evolve(claim.understood, metric=source)
    subject = claim.subject
    if place:
        subject = place
        subject_source: Source = "lexicon"
        understood = attrs.evolve(understood, subject=subject_source)
    relation = claim.relation
    if claim is not first and claim.understood.role in ("guessed", "unit") and claim.figure.unit == first.figure.unit:
        # 分别增长6%、5.2%: the later figures share the first one's verb.
        relation = first.relation
        understood = attrs.evolve(understood, role=first.understood.role)
    return attrs.evolve(claim, metric=metric, subject=subject, relation=relation, understood=understood)
