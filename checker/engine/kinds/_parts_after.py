"""Checks of a whole against the parts 其中 states after it: no part larger than the whole (part-exceeds-whole);
parts whose labels cover the whole (城镇, 乡村) add up to it (partition-parts-sum) and its rate lies between
theirs (partition-parts-rate)."""

from __future__ import annotations

from checker.engine.kinds._part_whole import Part, Statement, clause_words, find_statements
from checker.engine.kinds._rate_parts import compare_rates
from checker.engine.kinds._shared import format_number, make_finding
from checker.extract.numerals import MAGNITUDES
from checker.model import Claim, Finding

# The magnitude words a whole may be written with (1441.20万TEU), longest first.
MAGNITUDES_LONGEST = sorted(MAGNITUDES, key=len, reverse=True)


def check_parts_after(spec, context) -> list[Finding]:
    """The findings of the rule's problem over every whole 其中 states parts of."""
    params = spec.params
    statements = find_statements(context.index.claims, params.part_words, params.restart_words)
    spans = tuple(context.lexicon.grammar.get("over_span", ())) if context.lexicon is not None else ()
    findings = []
    for statement in statements:
        wholes = _wholes(statement)
        if any(_per_unit(words, params) for _, words in wholes) or any(_per_unit(p.words, params)
                                                                       for p in statement.parts):
            # 人均, 平均, 均价: averages are no sums, and a part's average may exceed the whole's.
            continue
        parts = [p for p in statement.parts if all(_same_period(p, whole, words, spans) for whole, words in wholes)]
        if params.problem == "part-exceeds-whole":
            if any(word in words for _, words in wholes for word in params.signed_words):
                # 利润总额10亿元，其中主营业务利润15亿元: other parts may be losses, so one part may exceed the sum.
                continue
            finding = _part_exceeding(spec, statement, parts, known_measures(context), context)
        elif statement.alternatives:
            # Several figures before 其中 and no one known to be the whole: no labels can cover it.
            continue
        else:
            covering = _covering(statement, parts, params)
            if not covering:
                continue
            finding = (_sum_off(spec, statement, covering) if params.problem == "partition-parts-sum"
                       else _rate_outside(spec, statement, covering))
        if finding is not None:
            findings.append(finding)
    return findings


def known_measures(context) -> tuple[str, ...]:
    """The measure words the lexicon knows (产值, 投资, 企业): a part naming one the whole does not is another."""
    if context.lexicon is None:
        return ()
    return (*context.lexicon.measures, *context.lexicon.grammar.get("money_measures", ()))


def _per_unit(words: str, params) -> bool:
    """True when a figure's words make it an average or a figure per unit (人均, 平均, 均价)."""
    return any(word in words for word in params.per_words)


def _wholes(statement: Statement) -> list[tuple[Claim, str]]:
    """The statement's whole, or each of the figures it may be one of or the sum of, with its words."""
    return [*((c, clause_words(c, "")) for c in statement.alternatives), (statement.whole, statement.words)]


def _same_period(part: Part, whole: Claim, words: str, spans: tuple[str, ...]) -> bool:
    """True when the part states the whole's period, or takes it from the text before it (其中，…完成X), and both
    are running totals or neither is (7月份…其中，民间投资累计完成X is the year's so far: the lexicon's over_span)."""
    level = part.level
    running = any(word in part.words for word in spans) or level.cumulative
    if running != (any(word in words for word in spans) or whole.cumulative):
        return False
    return level.period_text == whole.period_text or level.understood.period == "context"


def _unlinked(words: str, links: tuple[str, ...]) -> str:
    """The words without the link that ends them (城镇居民用电量为 → 城镇居民用电量)."""
    for link in sorted(links, key=len, reverse=True):
        if words.endswith(link):
            return words[: -len(link)]
    return words


def _part_exceeding(spec, statement: Statement, parts: list[Part], measures: tuple[str, ...],
                    context) -> Finding | None:
    """The first part, stated as the whole's measure, that is larger than the whole (larger than the sum of all the
    figures the whole may be, when several stand before 其中)."""
    if statement.alternatives:
        return _part_exceeding_all(spec, statement, parts, measures, context)
    params = spec.params
    # 地方财政收入完成10859万元: the whole's measure is the words before its verb.
    whole_words = _measure_words(statement.words, params)
    for part in parts:
        if not _states_the_measure(_unlinked(part.words, params.links), whole_words, params.verbs, measures):
            # 其中，工业实现产值150亿元 under 增加值100亿元: another measure, which may be larger.
            continue
        whole = statement.whole.interval()
        if part.level.interval().low <= whole.high:
            continue
        return make_finding(spec, (statement.whole, part.level), stated=statement.whole.mention.text,
                            part=part.level.mention.text,
                            arithmetic=f"“{part.words}{part.level.mention.text}”是“{statement.whole.mention.text}”的一部分"
                                       f"（其中），却是它的{format_number(part.level.interval().mid / whole.mid)}倍")
    return None


def _measure_words(words: str, params) -> str:
    """A whole's measure: its words without the link and the verb that end them (地方财政收入完成 → 地方财政收入)."""
    return _unlinked(_unlinked(words, params.links), params.verbs)


def _part_exceeding_all(spec, statement: Statement, parts: list[Part], measures: tuple[str, ...],
                        context) -> Finding | None:
    """The first part larger than the sum of every figure the whole may be (职业技能培训1000人，创业能力培训270人。
    其中，精准脱贫培训3170人), stating the measure of one of them, when no larger figure of that measure stands
    earlier in the paragraph (a whole the part may belong to instead)."""
    params = spec.params
    wholes = _wholes(statement)
    high = sum(whole.interval().high for whole, _ in wholes)
    for part in parts:
        words = _unlinked(part.words, params.links)
        if part.level.interval().low <= high:
            continue
        if not any(_states_the_measure(words, _measure_words(w, params), params.verbs, measures) for _, w in wholes):
            # 其中，工业实现产值150亿元 under 增加值100亿元: another measure, which may be larger.
            continue
        if _larger_before(part, wholes[0][0], words, params, measures, context):
            # 全年接待游客500万人次。一日游200万人次，过夜游180万人次。其中，国内游客480万人次: 其中 may go back to
            # the larger figure of its measure before them.
            continue
        listed = " + ".join(whole.mention.text for whole, _ in wholes)
        total = _written_as(sum(whole.interval().mid for whole, _ in wholes), statement.whole)
        return make_finding(spec, (*(whole for whole, _ in wholes), part.level), stated=f"{listed} = {total}",
                            part=part.level.mention.text,
                            arithmetic=f"“{part.words}{part.level.mention.text}”是前面的{listed}（其中之一或其和{total}）"
                                       "的一部分（其中），却比它们之和还大")
    return None


def _larger_before(part: Part, first: Claim, words: str, params, measures: tuple[str, ...], context) -> bool:
    """True when a level of the part's dimension, at least as large as the part and of a measure the part states,
    stands in the paragraph before the figures the whole may be."""
    document = context.documents.get(first.doc)
    for claim in context.index.claims:
        if (claim.doc != first.doc or claim.value is None or claim.relation != "level"
                or claim.dimension != part.level.dimension
                or claim.mention.reading_start >= first.mention.reading_start):
            continue
        if document is not None and "\n" in document.reading[claim.mention.reading_end:first.mention.reading_start]:
            # Another paragraph states another thing.
            continue
        if claim.interval().high >= part.level.interval().low and _states_the_measure(
                words, _measure_words(clause_words(claim, ""), params), params.verbs, measures):
            return True
    return False


def _states_the_measure(words: str, whole_words: str, verbs: tuple[str, ...], measures: tuple[str, ...]) -> bool:
    """True when a part's words state the whole's measure: they leave it out after a verb (沿海港口完成) and name no
    other measure, or they end as the whole's words do (…出口总值 under 进出口总值)."""
    verb = next((v for v in sorted(verbs, key=len, reverse=True) if words.endswith(v)), "")
    if verb:
        head = words[: -len(verb)]
        return not any(measure in head and measure not in whole_words for measure in measures)
    shared = 0
    while shared < min(len(words), len(whole_words)) and words[-1 - shared] == whole_words[-1 - shared]:
        shared += 1
    return shared >= 2


def _covering(statement: Statement, parts: list[Part], params) -> list[tuple[str, Part]]:
    """The parts with their labels when the labels are one closed set of the rule file (城镇, 乡村), each once, with
    the same words after them, and those words (or the labels) written in the whole's words; else []."""
    if len(parts) < 2 or len(parts) != len(statement.parts):
        # One part covers nothing; a part of another period leaves the set incomplete.
        return []
    whole_words = _unlinked(statement.words, params.links)
    for labels in params.partitions:
        named = [next((label for label in sorted(labels, key=len, reverse=True) if p.words.startswith(label)), "")
                 for p in parts]
        if sorted(named) != sorted(labels):
            continue
        rests = {_unlinked(p.words[len(label):], params.links) for label, p in zip(named, parts, strict=True)}
        if len(rests) != 1:
            # 城镇居民用电量 beside 乡村工业用电量: not one measure split by the labels.
            return []
        rest = _plain(rests.pop(), whole_words, params.plain_words)
        written = [rest] if rest else list(labels)
        if all(_within(words, whole_words) for words in written):
            return list(zip(named, parts, strict=True))
        return []
    return []


def _plain(rest: str, whole_words: str, plain_words: tuple[str, ...]) -> str:
    """The parts' words without the plain words the whole's words lack (业务赔款和给付支出 → 赔款和给付), when what
    remains ends as the whole's words do; else the words as they stand."""
    stripped = rest
    for word in plain_words:
        if word not in whole_words:
            stripped = stripped.replace(word, "")
    if stripped == rest or len(stripped) < 2 or not whole_words.endswith(stripped[-2:]):
        # Nothing plain was added, or what remains is not the whole's measure (财政支出 → 财政): the words stand.
        return rest
    return stripped


def _within(words: str, text: str) -> bool:
    """True when the characters of words appear in text in their order (居民用电量 in 城乡居民生活用电量)."""
    rest = iter(text)
    return all(ch in rest for ch in words)


def _sum_off(spec, statement: Statement, covering: list[tuple[str, Part]]) -> Finding | None:
    """A finding when the covering parts cannot add up to the whole within their rounding."""
    whole = statement.whole.interval()
    if any(p.level.interval().low > whole.high for _, p in covering):
        # 其中，沿海港口完成12939.90万TEU under 1441.20万TEU: one part alone is larger than the whole, which
        # total.part-exceeds-whole reports with the figure that is wrong; their sum says nothing more.
        return None
    low = sum(p.level.interval().low for _, p in covering)
    high = sum(p.level.interval().high for _, p in covering)
    if low <= whole.high and high >= whole.low:
        return None
    listed = " + ".join(p.level.mention.text for _, p in covering)
    face = sum(p.level.interval().mid for _, p in covering)
    computed = _written_as(face, statement.whole)
    return make_finding(spec, (statement.whole, *(p.level for _, p in covering)), stated=statement.whole.mention.text,
                        computed=computed,
                        arithmetic=f"{listed} = {computed}（区间 {_written_as(low, statement.whole)}–"
                                   f"{_written_as(high, statement.whole)}），与“{statement.whole.mention.text}”不符")


def _written_as(value: float, whole: Claim) -> str:
    """A value in the base unit written as the whole is (13087.2万TEU beside 1441.20万TEU)."""
    text = whole.mention.text
    rest = text.lstrip("0123456789.,")
    unit = whole.figure.unit
    if rest.endswith(unit):
        # 1.34亿千瓦时: the unit as the lexicon names it ends the text, the magnitude stands before it.
        magnitude, unit = rest[: len(rest) - len(unit)], unit
    else:
        # 1441.20万TEU: the unit is written in another form than its name (标箱); the magnitude opens the rest.
        magnitude = next((word for word in MAGNITUDES_LONGEST if rest.startswith(word)), "")
        unit = rest[len(magnitude):]
    if magnitude not in MAGNITUDES:
        return f"{format_number(value / whole.base_factor)}{whole.figure.unit}"
    shown = f"{value / whole.base_factor / MAGNITUDES[magnitude]:.2f}".rstrip("0").rstrip(".")
    return f"{shown}{magnitude}{unit}"


def _rate_outside(spec, statement: Statement, covering: list[tuple[str, Part]]) -> Finding | None:
    """A finding when the whole's rate cannot lie between the rates of the parts that cover it."""
    rates = [(label, p.rate) for label, p in covering if p.rate is not None]
    if statement.rate is None or len(rates) != len(covering):
        # A whole or a part without its rate: nothing to compare.
        return None
    return compare_rates(spec, statement.rate, rates)
