"""Agreement: claims of one fact whose intervals do not intersect."""

from __future__ import annotations

import functools
import re
from typing import Any

import attrs

from checker.claims.enumeration import listed_items
from checker.engine.kinds._shared import (
    display_metric,
    expect_keys,
    format_range,
    make_finding,
    period_label,
    words_of,
)
from checker.model import Claim, Finding, Metric

SCOPE = "corpus"  # compares claims across documents


@attrs.frozen
class Params:
    """across_documents_only: compare only claims of different documents (default false); from_words and
    to_words (from the rule file): 从A提升到B in one sentence states the two ends of a change, not two values;
    revision_words: a figure whose sentence calls it preliminary or revised (初步核算, 修订为) is a revision;
    base_words: a change whose clause names its base after one of them (比2019年同期增长15.5%) is a change against
    that base, another fact than a change against another base or none (同比增长46.9%); part_words: the smaller
    figure's sentence naming a part before it (商品流通业务…实现营业收入X, 子公司) where the larger's does not states
    that part's figure, not a second value of the whole; base_period_words: a level right after a base word and
    these (较去年同期X, 比2012年度X, 比上年的X) is the base of a comparison, a figure of the period before;
    vague_measures: a metric that is one of them alone (增速较上半年提高0.6个百分点) names the figure before it, no fact
    of its own; elided_verbs: an item with a figure right after one (沿海主要港口完成77956万吨，同比增长17%) leaves its
    measure out, so its metric names the label, not what it measures."""

    across_documents_only: bool = False
    from_words: tuple[str, ...] = ()
    to_words: tuple[str, ...] = ()
    revision_words: tuple[str, ...] = ()
    base_words: tuple[str, ...] = ()
    part_words: tuple[str, ...] = ()
    base_period_words: tuple[str, ...] = ()
    vague_measures: tuple[str, ...] = ()
    elided_verbs: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        keys = ("from_words", "to_words", "revision_words", "base_words", "part_words", "base_period_words",
                "vague_measures", "elided_verbs")
        raw = expect_keys(raw, {"across_documents_only": bool, **dict.fromkeys(keys, list)}, path, lines)
        return cls(across_documents_only=raw.get("across_documents_only", False),
                   **{key: words_of(raw, key, path, lines) for key in keys if key in raw})


def check(spec, context) -> list[Finding]:
    """One finding per actual fact whose claims cannot all be true at once."""
    findings = []
    for key, fact in context.index.facts.items():
        if len(fact.claims) < 2 or fact.claims[0].modality != "actual":
            # Targets and forecasts that differ are revisions, not contradictions.
            continue
        if spec.params.across_documents_only and len(fact.docs) < 2:
            continue
        if _vague(key.metric, spec.params):
            # 收入…增长5.2%，增速较上半年提高0.6个百分点；支出…增速较上半年提高0.9个百分点: a bare 增速 is the rate of
            # the figure before it, so two of them are two figures' facts, not one.
            continue
        # 初步核算为X … 最终核实修订为Y: a preliminary or revised figure is a revision (revision kind), no conflict.
        claims = [c for c in fact.claims if not any(word in c.sentence for word in spec.params.revision_words)]
        # 实现净利润4,743.47万元,较去年同期2,573.64万元增长: the base of a comparison is the period before's figure.
        claims = [c for c in claims if not _stated_as_base(spec.params, c)]
        # 同比增长46.9%，比2019年同期增长15.5%: changes against two bases are two facts, each checked on its own.
        groups: dict[str, list[Claim]] = {}
        for claim in claims:
            groups.setdefault(_named_base(spec.params, claim), []).append(claim)
        for group in groups.values():
            finding = _conflict(spec, context, key, group)
            if finding is not None:
                findings.append(finding)
    return findings


def claim_view(spec, claim: Claim, date: object) -> tuple[bool, bool, str, bool]:
    """What this rule reads of a claim besides its fact and interval to pick it (checker.run.reduce): whether its
    sentence calls it a revision, states it as a base, the base it names, and whether its item leaves its measure
    out; the date only of the claims it picks."""
    params = spec.params
    revised = any(word in claim.sentence for word in params.revision_words)
    return revised, _stated_as_base(params, claim), _named_base(params, claim), _measure_elided(params, claim)


def _conflict(spec, context, key, claims: list[Claim]) -> Finding | None:
    """A finding when the claims of one fact (and one base) cannot all be true at once, else None."""
    if len(claims) < 2:
        # One statement cannot conflict with itself.
        return None
    highest_low = max(claims, key=lambda c: c.interval().low)
    lowest_high = min(claims, key=lambda c: c.interval().high)
    if highest_low.relation == "count" and not _same_list(highest_low, lowest_high):
        # Two enumerations of 专项行动 with different items are two lists, not one list miscounted.
        return None
    a, b = lowest_high.interval(), highest_low.interval()
    if a.intersects(b):
        # The intervals meet: both statements can be true.
        return None
    if _one_sentence(lowest_high, highest_low):
        # 新增单项冠军企业45家、“小巨人”企业397家: figures of one sentence are parallel items, the two ends of
        # a change or a list, never one fact stated twice (that takes a second sentence).
        return None
    if _measure_elided(spec.params, lowest_high) or _measure_elided(spec.params, highest_low):
        # 其中沿海主要港口完成77956万吨，同比增长17%；…其中沿海主要港口完成1814.11万TEU，同比增长20.9%: the measure is
        # left out after 完成, so the metric names only the label: tonnes and containers are two facts.
        return None
    if lowest_high.understood.period == "context" and highest_low.understood.period == "context":
        # 总投资32.6亿元的…项目落户X。…总投资67.4亿元的…项目落户X: neither sentence names its time, both took the
        # paragraph's, so nothing says they state one period's fact rather than two things of that time.
        return None
    if _ends_of_a_change(spec.params, lowest_high, highest_low):
        # 比重从17.9%提升到35.5%: the start and the end of a change over the period, not two values of it.
        return None
    if _names_a_part(spec.params, lowest_high, highest_low):
        # 全年营业收入58.6亿元 … 商品流通业务…实现营业收入7.8亿元: the smaller figure is a part's (a business line,
        # a subsidiary), which the claims carry under the whole's metric; a part is smaller, never a conflict.
        return None
    arithmetic = (f"“{lowest_high.mention.text}”区间 {format_range(a.low, a.high)}，"
                  f"“{highest_low.mention.text}”区间 {format_range(b.low, b.high)}：两者不相交")
    inferred = any(context.index.dates.get(c.doc) is None or context.index.dates[c.doc].inferred
                   for c in (lowest_high, highest_low))
    return make_finding(spec, (lowest_high, highest_low), arithmetic=arithmetic, fact_key=key,
                        inferred_date=(inferred and lowest_high.period is not None and lowest_high.period.relative),
                        subject=lowest_high.subject, metric=display_metric(lowest_high.metric),
                        period=period_label(lowest_high), first=lowest_high.mention.text,
                        second=highest_low.mention.text)


def _vague(metric: Metric, params: Params) -> bool:
    """True for a metric that is a vague measure alone (增速), with no industry or scope naming whose it is."""
    return metric.measure in params.vague_measures and not metric.industry and not metric.scopes


def _names_a_part(params: Params, smaller: Claim, larger: Claim) -> bool:
    """True when the smaller figure's sentence names a part (业务, 子公司) before it and the larger's does not."""
    def named(claim: Claim) -> set[str]:
        before = claim.sentence[: max(0, claim.mention.reading_start - claim.sentence_start)]
        return {word for word in params.part_words if word in before}
    return bool(named(smaller) - named(larger))


def _measure_elided(params: Params, claim: Claim) -> bool:
    """True when a figure of the claim's item (its sentence back to a semicolon, up to the claim) stands right after
    an elided verb (沿海港口完成77956万吨，同比增长17%): the item leaves its measure out."""
    if not params.elided_verbs:
        return False
    before = claim.sentence[: max(0, claim.mention.reading_end - claim.sentence_start)]
    item = re.split(r"[；;。]", before)[-1]
    return _elided_pattern(params.elided_verbs).search(item) is not None


@functools.lru_cache(maxsize=8)
def _elided_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """An elided verb right before a figure (完成77956万吨), compiled once per rule's words."""
    return re.compile("(?:" + "|".join(map(re.escape, verbs)) + r")\s*[0-9０-９]")


def _stated_as_base(params: Params, claim: Claim) -> bool:
    """True when a level stands right after a base word and period words (较去年同期X, 比2012年度X, 比上年的X)."""
    if claim.relation != "level" or not params.base_words or not params.base_period_words:
        # Only a level is the base of a comparison; without the rule file's words nothing is read.
        return False
    before = claim.sentence[: max(0, claim.mention.reading_start - claim.sentence_start)].rstrip()
    return _base_pattern(params.base_words, params.base_period_words).search(before) is not None


@functools.lru_cache(maxsize=8)
def _base_pattern(base_words: tuple[str, ...], period_words: tuple[str, ...]) -> re.Pattern[str]:
    """A base word and period words ending a text (较去年同期, 比2012年度), compiled once per rule's words."""
    bases = "|".join(map(re.escape, base_words))
    periods = "|".join(map(re.escape, period_words))
    return re.compile(f"(?:{bases})\\s*(?:\\d{{4}})?(?:{periods})*$")


def _one_sentence(first: Claim, second: Claim) -> bool:
    """True when two claims stand in the same sentence of the same document."""
    return first.doc == second.doc and first.sentence_start == second.sentence_start


def _named_base(params: Params, claim: Claim) -> str:
    """The base a change's clause names with its digits (比2019年同期 → "2019"), "" for a level or no named base."""
    if claim.relation == "level" or not params.base_words:
        # A level has no base; without base words in the rule file nothing is read.
        return ""
    before = claim.sentence[: max(0, claim.mention.reading_start - claim.sentence_start)]
    clause = re.split(r"[，,；;：:]", before)[-1]
    words = "|".join(map(re.escape, params.base_words))
    found = re.search(f"(?:{words})\\s*(\\d+)", clause)
    return found.group(1) if found else ""


def _ends_of_a_change(params: Params, first: Claim, second: Claim) -> bool:
    """True when one sentence reads 从A … 提升到B with A and B the two claims (in either order)."""
    if first.doc != second.doc or first.sentence_start != second.sentence_start:
        # Claims of two sentences are two statements.
        return False
    earlier, later = sorted((first, second), key=lambda c: c.mention.reading_start)
    offset = earlier.sentence_start
    first_at = earlier.mention.reading_start - offset
    before = earlier.sentence[max(0, first_at - 12): first_at]
    between = earlier.sentence[earlier.mention.reading_end - offset: later.mention.reading_start - offset]
    if "，" in between or "," in between:
        # Another clause lies between the figures: they are not the two ends of one change.
        return False
    return any(word in before for word in params.from_words) and any(word in between for word in params.to_words)


def _same_list(first, second) -> bool:
    """True when two enumerations share most of their items (the shorter list's majority)."""
    a, b = listed_items(first), listed_items(second)
    shared = sum(1 for x in a if any(_same_item(x, y) for y in b))
    return shared * 2 > min(len(a), len(b))


def _same_item(x: str, y: str) -> bool:
    """先进材料产业 and 先进材料 name one item: one contains the other, or they share most of the shorter one."""
    if x in y or y in x:
        return True
    return _longest_common_run(x, y) * 5 >= min(len(x), len(y)) * 3


def _longest_common_run(x: str, y: str) -> int:
    """The length of the longest run of characters that x and y share (items are short: plain DP)."""
    best, previous = 0, [0] * (len(y) + 1)
    for a in x:
        current = [0] * (len(y) + 1)
        for j, b in enumerate(y, 1):
            if a == b:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best
