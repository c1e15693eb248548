"""Total: parts listed after a stated total (共X，其中A、B) must not exceed it; parts listed before their
sum (分别为A、B和C，合计D) must add up to it; parts whose labels cover a whole stated before them (0-17岁…60岁及以上
户籍人口分别为a、b、c和d after 户籍人口为N) must add up to it."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._named_parts import check_named_parts
from checker.engine.kinds._partition import covered_metric, split_labels, whole_of
from checker.engine.kinds._parts_after import check_parts_after
from checker.engine.kinds._rate_parts import check_rate_between_parts
from checker.engine.kinds._rate_weights import check_weighted_rate
from checker.engine.kinds._shared import (
    expect_keys,
    format_number,
    format_range,
    levels_by_sentence,
    make_finding,
    read_problem,
    words_of,
)
from checker.engine.kinds._summed_rates import check_summed_rates
from checker.errors import RuleFileError
from checker.model import Claim, Finding

WORD_KEYS = ("total_words", "part_words", "following_part_words", "overlapping", "list_words", "sum_words",
             "restart_words", "joiners", "band_starts", "open_ends", "links", "verbs", "per_words", "signed_words",
             "plain_words", "year_words", "period_words")
PARTS_AFTER = ("part-exceeds-whole", "partition-parts-sum", "partition-parts-rate")
PROBLEMS = ("parts-exceed-total", "listed-parts-sum", "partition-sum", "rate-between-parts", "weighted-rate",
            "summed-parts-rate", "named-part-exceeds-whole",
            *PARTS_AFTER)
# The words each problem needs from its rule file.
NEEDS = {"parts-exceed-total": WORD_KEYS[:3], "listed-parts-sum": (*WORD_KEYS[4:6], "links"),
         "partition-sum": ("list_words", "joiners", "links"), "rate-between-parts": ("sums",),
         "weighted-rate": ("sums", "price_factor"),
         "named-part-exceeds-whole": ("sums", "per_words", "min_ratio"),
         "summed-parts-rate": ("year_words", "period_words", "links", "per_words", "price_factor", "part_words"),
         "part-exceeds-whole": ("part_words", "restart_words", "links", "verbs", "per_words", "signed_words"),
         "partition-parts-sum": ("part_words", "restart_words", "links", "per_words", "partitions"),
         "partition-parts-rate": ("part_words", "restart_words", "links", "per_words", "partitions")}
# A whole stands at most this many characters before the first of its parts.
WHOLE_REACH = 400


@attrs.frozen
class Params:
    """The kind's vocabulary, all from the rule file: total_words open a total (共, 合计), part_words
    introduce its parts in the same sentence (其中, 包括), following_part_words open a next sentence of
    parts (其中，出口…), overlapping labels classes that may overlap (高新技术 and 专精特新 firms); for the problem
    listed-parts-sum, list_words open a list of parts (分别为) and sum_words name their sum (合计); restart_words
    open a clause that states a new item of the text, not a part (…其中稻谷产量X；全年棉花产量Y: 全年); for the
    problem partition-sum, joiners split the labels before 分别为 (、和), partitions are closed sets of labels
    (城镇, 乡村), band_starts and open_ends make bands that cover all (0-17岁 … 60岁及以上), links end the words
    before a whole's figure (户籍人口为; for listed-parts-sum, a sum's: 合计为); for the problems rate-between-parts
    and weighted-rate, sums are a whole's word and the parts that make it up (财政收入: 税收收入, 非税收入), and
    price_factor how far off (either way) a part's weight a year earlier may be when rates are at comparable prices
    and levels at current ones; for the
    problems after 其中 (part-exceeds-whole, partition-parts-sum, partition-parts-rate), verbs are those after which
    a part leaves out the whole's measure (沿海港口完成X), per_words make a figure an average (人均, 均价) and
    signed_words name measures some parts of which may be negative (利润, 净增), so that one part may exceed the sum;
    plain_words (partition-parts-sum and -rate) are words a part's measure may add to the whole's without narrowing
    it (财产险业务赔款和给付支出 under 赔款和给付: 业务, 支出); for the problem summed-parts-rate, year_words and
    period_words name what a rate compares with (同比, 环比), and part_words open parts that may be bare names
    (其中猪肉X吨 under 肉类总产量); for the problem named-part-exceeds-whole, min_ratio is how many times its whole
    (named in sums) a named part must be to be flagged."""

    total_words: tuple[str, ...] = ()
    part_words: tuple[str, ...] = ()
    following_part_words: tuple[str, ...] = ()
    overlapping: tuple[str, ...] = ()
    list_words: tuple[str, ...] = ()
    sum_words: tuple[str, ...] = ()
    restart_words: tuple[str, ...] = ()
    joiners: tuple[str, ...] = ()
    band_starts: tuple[str, ...] = ()
    open_ends: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    per_words: tuple[str, ...] = ()
    signed_words: tuple[str, ...] = ()
    plain_words: tuple[str, ...] = ()
    year_words: tuple[str, ...] = ()
    period_words: tuple[str, ...] = ()
    partitions: tuple[tuple[str, ...], ...] = ()
    sums: tuple[tuple[str, ...], ...] = ()
    price_factor: float = 1.0
    min_ratio: float = 1.0
    problem: str = "parts-exceed-total"
    total_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)
    part_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)
    sum_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {**dict.fromkeys(WORD_KEYS, list), "partitions": list, "sums": list, "problem": str,
                                "price_factor": float, "min_ratio": float}, path, lines)
        problem = read_problem(raw, {key: NEEDS[key] for key in PROBLEMS}, path, lines)
        words = {key: words_of(raw, key, path, lines) for key in WORD_KEYS}
        # A total word stands at most 14 characters before its figure, in the same clause (共签约项目50个).
        total_re = re.compile("(?:" + "|".join(map(re.escape, words["total_words"])) + r")[^，,。]{0,14}$")
        part_re = re.compile("|".join(map(re.escape, words["part_words"])))
        # A sum word stands right before its figure, or before a link (合计1633亿元, 合计为1633亿元).
        sum_re = re.compile("(?:" + "|".join(map(re.escape, words["sum_words"])) + ")(?:"
                            + "|".join(map(re.escape, words["links"])) + ")?$")
        partitions = raw.get("partitions", [])
        if not all(isinstance(labels, list) and len(labels) > 1 and all(isinstance(x, str) and x for x in labels)
                   for labels in partitions):
            raise RuleFileError(path, lines.get("params.partitions"), "params.partitions",
                                "must be a list of lists of two or more labels (城镇, 乡村)")
        sums = raw.get("sums", [])
        if not all(isinstance(labels, list) and len(labels) > 2 and all(isinstance(x, str) and x for x in labels)
                   for labels in sums):
            raise RuleFileError(path, lines.get("params.sums"), "params.sums",
                                "must be a list of lists: a whole's word and two or more parts (财政收入, 税收收入)")
        factor = raw.get("price_factor", 1.0)
        if factor < 1.0:
            raise RuleFileError(path, lines.get("params.price_factor"), "params.price_factor",
                                "must be 1.0 or more (how far off either way a part's earlier weight may be)")
        ratio = raw.get("min_ratio", 1.0)
        if ratio < 1.0:
            raise RuleFileError(path, lines.get("params.min_ratio"), "params.min_ratio",
                                "must be 1.0 or more (how many times its whole a named part must be)")
        return cls(**words, problem=problem, total_re=total_re, part_re=part_re, sum_re=sum_re,
                   partitions=tuple(tuple(labels) for labels in partitions), sums=tuple(tuple(x) for x in sums),
                   price_factor=factor, min_ratio=ratio)


def check(spec, context) -> list[Finding]:
    """Flag a total whose parts (after 其中/包括, in its sentence or the next one) add up to more than it, or
    (listed-parts-sum) a sum that the parts listed before it do not add up to."""
    if spec.params.problem == "listed-parts-sum":
        return _check_listed_sums(spec, context)
    if spec.params.problem == "partition-sum":
        return _check_partitions(spec, context)
    if spec.params.problem == "rate-between-parts":
        return check_rate_between_parts(spec, context)
    if spec.params.problem == "weighted-rate":
        return check_weighted_rate(spec, context)
    if spec.params.problem == "summed-parts-rate":
        return check_summed_rates(spec, context)
    if spec.params.problem == "named-part-exceeds-whole":
        return check_named_parts(spec, context)
    if spec.params.problem in PARTS_AFTER:
        return check_parts_after(spec, context)
    sentences: dict[str, dict[int, list[Claim]]] = {}
    for claim in context.index.claims:
        if claim.value is not None and claim.relation == "level":
            sentences.setdefault(claim.doc, {}).setdefault(claim.sentence_start, []).append(claim)
    findings = []
    for by_start in sentences.values():
        starts = sorted(by_start)
        for i, start in enumerate(starts):
            following = by_start[starts[i + 1]] if i + 1 < len(starts) else []
            finding = _check_sentence(spec, _ordered(by_start[start]), _ordered(following))
            if finding is not None:
                findings.append(finding)
    return findings


def _ordered(claims: list[Claim]) -> list[Claim]:
    """Claims in text order."""
    return sorted(claims, key=lambda c: c.mention.reading_start)


def _check_sentence(spec, claims: list[Claim], following: list[Claim]) -> Finding | None:
    """Find 'total … 其中 parts' in one sentence (or a next sentence opening with 其中) and compare the sums."""
    for k, total in enumerate(claims):
        before = total.sentence[: max(0, total.mention.reading_start - total.sentence_start)]
        if not spec.params.total_re.search(before):
            continue
        rest = total.sentence[total.mention.reading_end - total.sentence_start:]
        parts = [c for c in claims[k + 1:] if c.figure.unit == total.figure.unit]
        opens_parts = bool(following) and following[0].sentence.startswith(spec.params.following_part_words)
        if not spec.params.part_re.search(rest) and opens_parts:
            # 总值1.31万亿元，同比增长6.9%。其中，出口…、进口…: the parts follow in the next sentence.
            rest = following[0].sentence
            parts = [c for c in following if c.figure.unit == total.figure.unit]
        elif not spec.params.part_re.search(rest):
            # Without 其中/包括 the later figures need not be parts of this total.
            return None
        parts = _before_restart(spec.params, [p for p in parts if _stated_as_total(total, p)])
        if len(parts) < 2:
            return None
        if any(word in rest for word in spec.params.overlapping):
            # 其中高新技术企业80家、专精特新企业60家: such classes overlap, so their sum may exceed the total.
            return None
        low_sum = sum(p.figure.interval.low for p in parts)
        if low_sum <= total.figure.interval.high:
            return None
        listed = " + ".join(p.mention.text for p in parts)
        return make_finding(spec, (total, *parts), stated=total.mention.text, computed=format_number(low_sum),
                            arithmetic=f"{listed} ≥ {format_number(low_sum)} > {total.mention.text}")
    return None


def _stated_as_total(total: Claim, part: Claim) -> bool:
    """True when a figure after 其中 can be a part of the total: stated in the same modality (an actual total has
    no forecast or target among its parts) and of a period within the total's."""
    if part.modality != total.modality:
        # 共入榨4077万吨。其中…2400万吨；预计一季度入榨2821万吨: a forecast is another statement, no part of the actual.
        return False
    whole, own = total.period, part.period
    if whole is None or own is None or part.understood.period == "context" or part.period_text == total.period_text:
        # The part takes the total's period, or either is undated: nothing tells their periods apart.
        return True
    if own.cumulative or own.end is None or whole.end is None:
        # 1月以来 runs to a date the text does not state (the data's, not the article's): no end to compare.
        return True
    if own.end > whole.end:
        # 截至2月20日共X，其中…一季度Y: a period ending after the total's is not inside it.
        return False
    # An as-of total (截至2月20日) counts from an unstated start: any earlier start may be inside it.
    return whole.kind == "asof" or whole.start is None or own.start is None or own.start >= whole.start


def _before_restart(params: Params, parts: list[Claim]) -> list[Claim]:
    """The parts up to the first one whose clause opens with a restart word (；全年棉花产量4436吨 starts a new item)."""
    kept: list[Claim] = []
    for part in parts:
        before = part.sentence[: max(0, part.mention.reading_start - part.sentence_start)]
        semicolon = max(before.rfind("；"), before.rfind(";"))
        after_parts = bool(kept) and semicolon > kept[0].mention.reading_start - part.sentence_start
        clause = before[semicolon + 1:].lstrip("，,、 ")
        if after_parts and params.restart_words and clause.startswith(params.restart_words):
            # 其中,稻谷产量55.32万吨;全年棉花产量4436吨: the list of the total's parts has ended.
            break
        kept.append(part)
    return kept


def _check_listed_sums(spec, context) -> list[Finding]:
    """In 分别为A、B和C，合计D (one sentence, one unit), A + B + C must fit D."""
    findings = []
    for claims in levels_by_sentence(context.index.claims).values():
        ordered = _ordered(claims)
        for k, total in enumerate(ordered):
            finding = _check_listed_sum(spec, total, ordered[:k])
            if finding is not None:
                findings.append(finding)
    return findings


def _check_listed_sum(spec, total: Claim, before: list[Claim]) -> Finding | None:
    """Check one figure after a sum word against the list of parts that the list word opens before it."""
    offset = total.sentence_start
    head = total.sentence[:total.mention.reading_start - offset]
    if not spec.params.sum_re.search(head):
        return None
    opened = max((head.rfind(word) for word in spec.params.list_words), default=-1)
    if opened < 0:
        # 资产总计X；负债合计Y: a sum word without a list of parts before it sums nothing stated here.
        return None
    parts = [c for c in before if c.mention.reading_start - offset > opened]
    stretch = head[opened:]
    if len(parts) < 2 or any(mark in stretch for mark in "；;。"):
        # One part, or a list broken by another clause: no list of parts that this sum adds up.
        return None
    if any(p.figure.unit != total.figure.unit or p.figure.qualifier != "exact" for p in parts):
        # 超1200亿元 or parts in another unit: no sum to compute at the total's precision.
        return None
    bounds = _sum_off(parts, total)
    if bounds is None:
        # The parts' sum can be the total within their rounding.
        return None
    low, high = bounds
    listed = " + ".join(p.mention.text for p in parts)
    face = sum(p.figure.value for p in parts)
    return make_finding(spec, (*parts, total), stated=total.mention.text, computed=format_number(face),
                        arithmetic=f"{listed} = {format_number(face)}（区间 {format_range(low, high)}），"
                                   f"与“{total.mention.text}”不符",
                        suggestion=f"“{format_number(face)}{total.figure.unit}”")


def _check_partitions(spec, context) -> list[Finding]:
    """0-17岁、18-34岁、35-59岁、60岁及以上户籍人口分别为a、b、c和d after 户籍人口为N: a + b + c + d must fit N."""
    levels = [c for c in context.index.claims if c.value is not None and c.relation == "level"]
    findings = []
    for claims in levels_by_sentence(context.index.claims).values():
        finding = _check_partition(spec, _ordered(claims), levels)
        if finding is not None:
            findings.append(finding)
    return findings


def _check_partition(spec, claims: list[Claim], levels: list[Claim]) -> Finding | None:
    """Check the list of one sentence whose labels cover a whole stated before it."""
    sentence, offset = claims[0].sentence, claims[0].sentence_start
    opened = min((sentence.find(word) for word in spec.params.list_words if word in sentence), default=-1)
    if opened < 0:
        # No 分别为: no figures matched to labels one by one.
        return None
    after = sentence[opened:]
    closing = re.search(r"[；;。]", after)
    end = opened + (closing.start() if closing else len(after))
    parts = [c for c in claims if opened < c.mention.reading_start - offset < end]
    items = split_labels(sentence[:opened], spec.params.joiners)
    if len(parts) < 2 or len(parts) != len(items) or len({p.figure.unit for p in parts}) != 1:
        # The labels and the figures must pair one to one, in one unit.
        return None
    if any(p.figure.qualifier != "exact" for p in parts):
        # 超1200人: no sum at the whole's precision.
        return None
    metric = covered_metric(items, spec.params.partitions, spec.params.band_starts, spec.params.open_ends)
    if not metric:
        # The labels need not cover the whole (城镇、工矿区人口分别为…): no sum to check.
        return None
    whole = whole_of(metric, parts, levels, spec.params.links, WHOLE_REACH)
    if whole is None:
        # No whole stated under the labels' words just before them: nothing to add up to.
        return None
    bounds = _sum_off(parts, whole)
    if bounds is None:
        # The parts' sum can be the whole within their rounding.
        return None
    low, high = bounds
    listed = " + ".join(p.mention.text for p in parts)
    face = sum(p.figure.value for p in parts)
    # Written as the whole is: 112535 beside 112635人, 290.5万 beside 300.5万人.
    plain = whole.figure.value.is_integer() and str(int(whole.figure.value)) in whole.mention.text
    computed = str(round(face)) if plain else format_number(face)
    return make_finding(spec, (whole, *parts), stated=whole.mention.text, computed=computed,
                        arithmetic=f"{listed} = {computed}（区间 {format_range(low, high)}），"
                                   f"与“{whole.mention.text}”不符")


def _sum_off(parts: list[Claim], whole: Claim) -> tuple[float, float] | None:
    """The bounds of the parts' sum when no value within them is the whole's, else None."""
    low = sum(p.figure.interval.low for p in parts)
    high = sum(p.figure.interval.high for p in parts)
    if low <= whole.figure.interval.high and high >= whole.figure.interval.low:
        return None
    return low, high
