"""A whole's rate against the rates of the parts that add up to it (3月份全县规上工业完成产值17.16亿元，环比增长13%；
海螺公司3月份实现产值2.38亿元，环比增长43%；…): the parts are tied to the whole by their sum and their words, not by a
closed set of names."""

from __future__ import annotations

import attrs

from checker.engine.kinds._part_whole import CLAUSE_MARKS, ITEM_MARKS, OPENING
from checker.engine.kinds._parts_after import known_measures
from checker.engine.kinds._rate_parts import RATES, change_verb, signed_rate
from checker.engine.kinds._rate_weights import figures_by_doc, weighted_rate
from checker.engine.kinds._shared import format_number, format_range, make_finding
from checker.model import Claim, Finding, Interval

# The parts stand at most this many characters after their whole.
PART_REACH = 600
# The fewest characters a part's words and the whole's must end with alike (产值 in 实现产值 and 工业总产值).
SHARED_ENDING = 2


@attrs.frozen
class RatedLevel:
    """A level in a unit of amount, the words of its clause before it, and its rates by basis (同比, 环比, none)."""

    level: Claim
    words: str
    rates: tuple[tuple[str, Claim], ...]


def check_summed_rates(spec, context) -> list[Finding]:
    """Flag a whole's rate that the parts adding up to it cannot give, for each basis they all state a rate on."""
    findings = []
    for figures in figures_by_doc(context.index.claims).values():
        rated = _rated_levels(figures, spec.params)
        for k, whole in enumerate(rated):
            parts = _parts_of(whole, rated[k + 1:], context, spec.params)
            if not parts:
                continue
            for basis, rate in whole.rates:
                finding = _weigh(spec, whole, rate, parts, basis)
                if finding is not None:
                    findings.append(finding)
    return findings


def _rated_levels(figures: list[Claim], params) -> list[RatedLevel]:
    """The levels in a unit of amount that rates follow in their item (2.38亿元，同比增长45%，环比增长43%)."""
    rated = []
    for k, level in enumerate(figures):
        if level.relation != "level" or level.figure.unit in ("", "%", "％", "‰") or "/" in level.dimension:
            # A rate, a bare number or a figure per unit is no amount that parts add up to.
            continue
        rates: list[tuple[str, Claim]] = []
        previous = level
        for later in figures[k + 1:]:
            between = _text_between(previous, later)
            ended = later.sentence_start != level.sentence_start or bool(ITEM_MARKS.search(between))
            if later.relation not in RATES or ended:
                # The item's rates end at another figure, another sentence or a semicolon.
                break
            rates.append((_basis(between, params), later))
            previous = later
        bases = [basis for basis, _ in rates]
        if rates and len(set(bases)) == len(bases):
            rated.append(RatedLevel(level, _words_of(level, params.links), tuple(rates)))
    return rated


def _text_between(earlier: Claim, later: Claim) -> str:
    """The words between two figures of one sentence."""
    return later.sentence[earlier.mention.reading_end - later.sentence_start:
                          later.mention.reading_start - later.sentence_start]


def _basis(words: str, params) -> str:
    """What a rate compares with, from the words before it: year (同比), period (环比) or '' when unsaid."""
    year = any(word in words for word in params.year_words)
    period = any(word in words for word in params.period_words)
    if year and period:
        # Both bases named before one rate: no telling which it is.
        return "?"
    return "year" if year else "period" if period else ""


def _words_of(level: Claim, links: tuple[str, ...]) -> str:
    """The words of a level's clause before it, without the link that ends them (工业总产值为 → 工业总产值)."""
    before = level.sentence[:max(0, level.mention.reading_start - level.sentence_start)]
    words = CLAUSE_MARKS.split(before)[-1].lstrip(OPENING)
    for link in sorted(links, key=len, reverse=True):
        if words.endswith(link):
            return words[: -len(link)]
    return words


def _parts_of(whole: RatedLevel, later: list[RatedLevel], context, params) -> list[RatedLevel]:
    """The levels after the whole, in its paragraph and period and stating its measure, when there are two or more and
    they add up to it within their rounding; else []."""
    if any(word in whole.words for word in params.per_words):
        # 人均, 平均: an average is no sum of parts.
        return []
    document = context.documents.get(whole.level.doc)
    # 肉类总产量8568吨，…，其中猪肉3755吨…。牛肉1160吨…: after 其中 the parts may be bare names, the measure left out.
    opened = bool(later) and later[0].words.startswith(params.part_words)
    measures = known_measures(context)
    parts = []
    for other in later:
        start = other.level.mention.reading_start
        if start - whole.level.mention.reading_end > PART_REACH:
            break
        if document is not None and "\n" in document.reading[whole.level.mention.reading_end:start]:
            # Another paragraph states another thing.
            break
        if _is_part(whole, other, params, opened and _bare_name(other.words, params.part_words, measures)):
            parts.append(other)
    if len(parts) < 2:
        return []
    total = Interval(sum(p.level.interval().low for p in parts), sum(p.level.interval().high for p in parts))
    if not total.intersects(whole.level.interval()):
        # Levels that do not add up to the whole are not known to be its parts.
        return []
    return parts


def _bare_name(words: str, part_words: tuple[str, ...], measures: tuple[str, ...]) -> bool:
    """True when a level's words are a name alone (猪肉, 其中猪肉), naming no measure of the lexicon (产量, 产值)."""
    name = next((words[len(w):] for w in part_words if words.startswith(w)), words).lstrip(OPENING)
    return bool(name) and not any(measure in name for measure in measures)


def _is_part(whole: RatedLevel, other: RatedLevel, params, elided: bool = False) -> bool:
    """True when a level may be one of the whole's parts: its unit, its period (3月份 in 今年3月份) and its measure (its
    words end as the whole's do, or, `elided`, are a bare name after 其中 that leaves the measure out), smaller than
    the whole, and no average."""
    level, total = other.level, whole.level
    if level.figure.unit != total.figure.unit or level.cumulative != total.cumulative:
        return False
    if not level.period_text or not total.period_text.endswith(level.period_text):
        # 1-3月 or 一季度 beside 3月份: another period.
        return False
    if any(word in other.words for word in params.per_words) or other.words == whole.words:
        return False
    if level.interval().high >= total.interval().low:
        return False
    ending = 0
    while (ending < min(len(other.words), len(whole.words))
           and other.words[-1 - ending] == whole.words[-1 - ending]):
        ending += 1
    return ending >= SHARED_ENDING or elided


def _weigh(spec, whole: RatedLevel, rate: Claim, parts: list[RatedLevel], basis: str) -> Finding | None:
    """A finding when the whole's rate on one basis lies outside what its parts' levels and rates on it give."""
    if basis == "?":
        return None
    part_rates = [next((r for b, r in p.rates if b == basis), None) for p in parts]
    if any(r is None for r in part_rates):
        # A part without a rate on this basis: nothing to weigh.
        return None
    rated = [r for r in part_rates if r is not None]
    rates = [signed_rate(r) for r in rated]
    if any(r.low <= -100.0 for r in rates):
        # A part that fell by all of it or more gives no earlier level.
        return None
    levels = [p.level for p in parts]
    computed = weighted_rate(levels, rates, spec.params.price_factor)
    stated = signed_rate(rate)
    if computed.intersects(stated):
        return None
    earlier = [level.figure.value / (1 + r.mid / 100) for level, r in zip(levels, rates, strict=True)]
    now = sum(level.figure.value for level in levels)
    point = 100 * (now / sum(earlier) - 1)
    terms = " + ".join(f"{level.mention.text}÷(1{'−' if r.mid < 0 else '+'}{format_number(abs(r.mid), 2)}%)"
                       for level, r in zip(levels, rates, strict=True))
    listed = " + ".join(level.mention.text for level in levels)
    arithmetic = (f"{listed} = {format_number(now)}，即“{whole.level.mention.text}”；上期 = {terms} = "
                  f"{format_number(sum(earlier))}；{format_number(now)} ÷ {format_number(sum(earlier))} − 1 = "
                  f"{format_number(point, 1)}%（各部分上期比重按 {spec.params.price_factor:g} 倍放宽后 "
                  f"{format_range(computed.low, computed.high, 1)}%）")
    shown = "、".join(f"{p.words}{p.level.mention.text}{change_verb(r)}{r.mention.text}"
                      for p, r in zip(parts, rated, strict=True))
    given = f"{'下降' if point < 0 else '增长'}{format_number(abs(point), 1)}%"
    return make_finding(spec, (whole.level, rate, *levels, *rated), arithmetic=arithmetic, suggestion=f"“{given}”",
                        stated=f"{change_verb(rate)}{rate.mention.text}", computed=given, parts=shown)
