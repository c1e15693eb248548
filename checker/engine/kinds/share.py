"""Share: a part, its whole and the share stated between them (占全市的X%), the whole in the sentence or, when
the share names it (占社零总额比重25.2%), stated elsewhere in the article."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.claims.lexicon import ClaimLexicon
from checker.engine.kinds._shared import (
    display_metric,
    expect_keys,
    format_number,
    make_finding,
    require_keys,
    words_of,
)
from checker.errors import RuleFileError
from checker.model import Claim, Finding, Period

WORD_KEYS = ("part_words", "whole_before", "whole_after")
PROBLEMS = ("in-sentence", "named-whole", "unnamed-whole")
# Magnitude words a figure is mistyped with (4.35亿元 for 4.35万亿元): each factor tried on the part.
SLIPS = (1e4, 1e-4)
DECIMAL_SLIPS = (0.1, 10.0)  # a decimal point moved by one digit


@attrs.frozen
class Params:
    """From the rule file: part_words between a whole and its part say the part belongs to it (其中);
    whole_before/whole_after frame the whole a share names (占…的比重); problem: in-sentence (the whole is the
    sentence's own figure), named-whole (the share names a whole the sentence does not state: every figure of
    that name in the article is tried) or unnamed-whole (a bare 占比, bare_words, right before the share: the whole
    is the total of the part's own measure, the article's first and largest such figure); abbreviations expand short
    names of wholes (社零 → 社会消费品零售); total_words before a head noun name the total of that head (占总投资:
    the larger 投资 figure stated before the part); this_year_words before an undated period leave it the same."""

    part_words: tuple[str, ...]
    whole_before: tuple[str, ...]
    whole_after: tuple[str, ...]
    problem: str = "in-sentence"
    abbreviations: tuple[tuple[str, str], ...] = ()
    total_words: tuple[str, ...] = ()
    bare_words: tuple[str, ...] = ()
    this_year_words: tuple[str, ...] = ()
    time_words: tuple[str, ...] = ()
    place_words: tuple[str, ...] = ()
    total_suffixes: tuple[str, ...] = ()
    core_names: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {**dict.fromkeys(WORD_KEYS, list), "problem": str, "abbreviations": dict,
                                "total_words": list, "bare_words": list,
                                "this_year_words": list, "time_words": list, "place_words": list,
                                "total_suffixes": list, "core_names": dict}, path, lines)
        problem = raw.get("problem", PROBLEMS[0])
        if problem not in PROBLEMS:
            raise RuleFileError(path, lines.get("params.problem"), "params.problem",
                                f"must be one of: {', '.join(PROBLEMS)}")
        # A bare 占比 names no whole: its rule needs only the bare words.
        require_keys(raw, ("bare_words",) if problem == "unnamed-whole" else WORD_KEYS, path, lines)
        pairs = raw.get("abbreviations", {})
        for short, full in pairs.items():
            if not (isinstance(short, str) and isinstance(full, str) and short and full):
                raise RuleFileError(path, lines.get("params.abbreviations"), f"params.abbreviations.{short}",
                                    "must map a short name to its full name, both non-empty text")
        for short, full in raw.get("core_names", {}).items():
            if not (isinstance(short, str) and isinstance(full, str) and short and full):
                raise RuleFileError(path, lines.get("params.core_names"), f"params.core_names.{short}",
                                    "must map a name to the measure it stands for, both non-empty text")
        # Longest short names first: 社零总额 before 社零.
        abbreviations = tuple(sorted(pairs.items(), key=lambda pair: -len(pair[0])))
        return cls(**{key: words_of(raw, key, path, lines) for key in WORD_KEYS}, problem=problem,
                   abbreviations=abbreviations, total_words=words_of(raw, "total_words", path, lines),
                   bare_words=words_of(raw, "bare_words", path, lines),
                   this_year_words=words_of(raw, "this_year_words", path, lines),
                   **{key: words_of(raw, key, path, lines) for key in ("time_words", "place_words", "total_suffixes")},
                   core_names=tuple(raw.get("core_names", {}).items()))


def check(spec, context) -> list[Finding]:
    """In one sentence stating a part and its share, part ÷ whole must fit the share: the whole stated in the
    sentence (in-sentence) or, for a share that names a whole the sentence lacks, some figure of that name."""
    sentences: dict[tuple[str, int], list[Claim]] = {}
    for claim in context.index.claims:
        if claim.value is not None:
            sentences.setdefault((claim.doc, claim.sentence_start), []).append(claim)
    by_doc: dict[str, list[Claim]] = {}
    for claims in sentences.values():
        by_doc.setdefault(claims[0].doc, []).extend(c for c in claims if c.relation == "level")
    findings = []
    for claims in sentences.values():
        ordered = sorted(claims, key=lambda c: c.mention.reading_start)
        for k, share in enumerate(ordered):
            if share.relation != "share" or share.figure.unit not in ("%", "％"):
                continue
            levels = [c for c in ordered[:k] if c.relation == "level" and c.figure.unit not in ("", "%")]
            if spec.params.problem != "in-sentence" and sum(1 for c in ordered if c.relation == "share") > 1:
                # 第一产业…占4.1%；第二产业…占68.3%: a list of parts with shares is the shares kind's.
                continue
            if spec.params.problem == "named-whole":
                finding = _check_named_whole(spec, share, levels, by_doc.get(share.doc, []), context.lexicon)
            elif spec.params.problem == "unnamed-whole":
                finding = _check_unnamed_whole(spec, share, ordered, by_doc.get(share.doc, []))
            else:
                finding = _check_in_sentence(spec, share, levels)
            if finding is not None:
                findings.append(finding)
    return findings


def _check_in_sentence(spec, share: Claim, levels: list[Claim]) -> Finding | None:
    """全市…X，其中…Y，占Z%: the sentence's whole and part against the share."""
    if len(levels) < 2 or levels[-1].figure.unit != levels[-2].figure.unit:
        # A share needs its part and its whole stated in the same unit.
        return None
    whole, part = levels[-2], levels[-1]
    offset = share.sentence_start
    between = share.sentence[whole.mention.reading_end - offset:part.mention.reading_start - offset]
    if not any(word in between for word in spec.params.part_words) or part.figure.value > whole.figure.value:
        # Only 全市…X，其中…Y，占Z% states which figure is the whole: 广州3.10万亿、两市合计6.78万亿 does not.
        return None
    named = _named_whole(share, spec.params)
    if named and named not in _words_before(whole):
        # 占社会消费品零售总额的比重: the share is of a whole the sentence does not state.
        return None
    if not named and _whole_is_a_share(share, whole, part, spec.params):
        # 对东盟64.6亿元，占全市民营企业进出口总值的27.6%，其中对马来西亚29亿元，占比12.4%: the whole is itself stated
        # as a share of a larger whole, so a bare 占比 of the part may be of either whole.
        return None
    return _check(spec, whole, part, share)


def _whole_is_a_share(share: Claim, whole: Claim, part: Claim, params: Params) -> bool:
    """True when the whole's own share (占…总值的27.6%, 占比27.6%) stands between the whole and its part."""
    offset = share.sentence_start
    between = share.sentence[whole.mention.reading_end - offset:part.mention.reading_start - offset]
    shares = "|".join(map(re.escape, params.whole_before))
    own_share = f"(?:{shares})" + r"[^，,；;。]*?[0-9０-９][0-9０-９.．]*\s*[%％]"
    return bool(shares) and re.search(own_share, between) is not None


def _check_named_whole(spec, share: Claim, levels: list[Claim], article: list[Claim],
                       lexicon: ClaimLexicon | None) -> Finding | None:
    """其中实物商品网上零售额4.35亿元，…，占社零总额比重25.2%: the part against every figure of the named whole
    stated in the article for the part's subject and period; a finding only when none of them fits."""
    named = _expand(_named_whole(share, spec.params), spec.params)
    if not named or not levels:
        # A share that names no whole (占比) or has no part before it.
        return None
    part = levels[-1]
    if len(levels) > 1 and _ends_a_list(share, levels[-2], part, lexicon):
        # 分别进出口3183.3亿元、…、2420.2亿元，合计占江苏进出口总值的53.9%: the figure before the share ends a list
        # of figures; the share is of their sum or of an item no word names, never of the last alone.
        return None
    if any(named in _words_before(c) for c in levels):
        # The whole is the sentence's own figure: the in-sentence problem's case.
        return None
    wholes = _wholes_named(named, part, article, spec.params, lexicon)
    if not wholes:
        # No figure of that name for the part's subject and period (占全省比重 names a place, not a figure's
        # metric): nothing to compute the share from.
        return None
    # 1-6月's whole before June's for a 1-6月 part, when the article states both; a whole of another known period
    # (March's total for a first quarter's share) is never the part's whole, however the two periods overlap.
    wholes = [c for c in wholes if _same_span(c.period, part.period)] or [
        c for c in wholes if not _known_and_different(c.period, part.period)]
    if not wholes:
        return None
    fits = [w for w in wholes
            if part.figure.interval.divide(w.figure.interval).scale(100.0).intersects(share.figure.interval)]
    if fits:
        # Some figure of that name fits the share: the article may mean that one.
        return None
    whole = wholes[0]
    finding = _check(spec, whole, part, share)
    slip = _magnitude_slip(whole, part, share)
    if finding is not None and not slip:
        # 财政收入20129万元 … 1852万元，占财政收入的92%: a decimal point moved by one digit in the whole or the part.
        return _with_decimal_slip(finding, whole, part, share)
    if finding is None or not slip:
        # No magnitude word would make it fit: the finding keeps the computed share as its suggestion.
        return finding
    return attrs.evolve(finding, suggestion=slip, arithmetic=f"{finding.arithmetic}；若为“{slip}”则占比相符")


def _ends_a_list(share: Claim, before: Claim, part: Claim, lexicon: ClaimLexicon | None) -> bool:
    """True when a part is the last of figures joined by 、 or a joiner (3116.4亿元、2420.2亿元) in its share's
    sentence."""
    if lexicon is None or before.sentence_start != share.sentence_start:
        # No joiners known, or the figure before is another sentence's: no list.
        return False
    offset = share.sentence_start
    between = share.sentence[before.mention.reading_end - offset:part.mention.reading_start - offset].strip()
    return between in {"、", *lexicon.grammar.get("joiners", ())}


def _wholes_named(named: str, part: Claim, article: list[Claim], params: Params,
                  lexicon: ClaimLexicon | None) -> list[Claim]:
    """The article's figures a named whole may be, by the first reading of its name that finds any: the metric
    named itself, the total of a head noun (总投资), an own place's total (全市外贸总值), a named place's total."""
    same = [c for c in article if c.figure.unit == part.figure.unit and _same_period(c, part, params)]
    place, core = _place_and_core(named, params)
    # 占全省地区生产总值: a whole stated with the same own place word (全省地区生产总值6.5万亿元) is that place's,
    # whatever the part's subject (成都's share of 全省, the province holding it).
    wholes = [c for c in same if (c.subject == part.subject or place) and named in _words_before(c)
              and display_metric(c.metric) in named]
    head = _total_head(named, params)
    if not wholes and head:
        # 占总投资的32.1%: the total of the head noun is a larger figure of that head stated before the part
        # (全市固定资产投资232.88亿元), never the part itself (工业投资).
        wholes = [c for c in same if c.subject == part.subject
                  and c.mention.reading_start < part.mention.reading_start and c.metric.measure == head
                  and head in _words_before(c) and c.figure.value > part.figure.value]
    if not wholes and core:
        # 占同期全市外贸总值的70.2%: the place's own total of the core measure (全市进出口总值520亿元), its place word
        # stated with it, so 占全省 never reads a city's own total; whatever the part's subject (成都's share of 全省,
        # the province holding it).
        wholes = [c for c in same if c.metric.measure == core
                  and place in _words_before(c) and core in _words_before(c) and c.figure.value > part.figure.value]
    subject, core = _named_place(named, params, lexicon)
    if not wholes and core:
        # 占同期福建省外贸进出口总值的75%: the named place's own total of the core measure (no industry, or one that is
        # another name of it: 外贸进出口), whichever place the part is (成都 of 四川), its sentence naming the place or
        # its words an own place word (我省外贸进出口总值2.13万亿元).
        totals = ("", *(name for name, measure in params.core_names if measure == core))
        wholes = [c for c in same if c.subject == subject and c.metric.measure == core and c.metric.industry in totals
                  and core in _words_before(c) and c.figure.value > part.figure.value
                  and (c.understood.subject == "lexicon" or _names_place(_words_before(c), subject, lexicon))]
    return wholes


def _check_unnamed_whole(spec, share: Claim, sentence: list[Claim], article: list[Claim]) -> Finding | None:
    """与加工贸易有关的贸易方式进出口占比近六成，进出口额1759.2亿元: a bare 占比 is of the total of the part's own
    measure; the part is the sentence's figure of that measure, the whole the article's first and largest one."""
    before = _words_before(share).rstrip()
    if not before.endswith(spec.params.bare_words):
        # Only a share whose own words end with a bare 占比 names no whole and no other figure: 占全省的 names one.
        return None
    if share.metric.measure:
        measure = share.metric.measure
        parts = [c for c in sentence if c.relation == "level" and c.metric.measure == measure
                 and c.figure.unit not in ("", "%", "％")]
    else:
        # 一日游客为0.808万人次，占总数的19.05%: a share naming no measure is of the figure right before it.
        parts = _level_right_before(share, sentence)
        measure = parts[0].metric.measure if parts else ""
    if len(parts) != 1 or not measure:
        # No figure of the share's measure in its sentence, or several: which one is the part is not said.
        return None
    part = parts[0]
    wholes = [c for c in article if c.sentence_start != share.sentence_start and c.metric.measure == measure
              and c.figure.unit == part.figure.unit and c.subject == part.subject
              and _same_period(c, part, spec.params)]
    if not wholes:
        # The article states no other figure of that measure for the part's subject and period.
        return None
    whole = min(wholes, key=lambda c: c.mention.reading_start)
    if whole.figure.value <= part.figure.value or any(c.figure.value > whole.figure.value for c in wholes):
        # The total is the article's first figure of the measure and its largest (今年1—2月苏州市外贸进出口4134.9亿元):
        # a first figure that is not the largest (第一产业增加值 before 第三产业's) names no total.
        return None
    return _check(spec, whole, part, share)


def _level_right_before(share: Claim, sentence: list[Claim]) -> list[Claim]:
    """The level in a unit of amount right before a share in its sentence, with only a comma between them, as a
    one-item list; else an empty list."""
    before = [c for c in sentence if c.mention.reading_end <= share.mention.reading_start]
    if not before or before[-1].relation != "level" or before[-1].figure.unit in ("", "%", "％", "‰"):
        # Another kind of figure (a rate, a count without unit) or none stands before the share.
        return []
    level = before[-1]
    between = share.sentence[level.mention.reading_end - share.sentence_start:
                             share.mention.reading_start - share.sentence_start]
    return [] if re.search(r"[；;。]", between) else [level]


def _named_whole(share: Claim, params: Params) -> str:
    """The whole a share names (占全国人口的15.4% names 全国人口), or '' when it names none (占比40%)."""
    before = share.sentence[:share.mention.reading_start - share.sentence_start]
    starts = [before.rfind(word) + len(word) for word in params.whole_before if word in before]
    if not starts:
        return ""
    named = before[max(starts):]
    ends = [named.find(word) for word in params.whole_after if word in named]
    if not ends and named.endswith(params.total_suffixes):
        # 占同期我省外贸总值34.5%: a total suffix closes the name right before the figure.
        return named
    return named[:min(ends)] if ends else ""


def _place_and_core(named: str, params: Params) -> tuple[str, str]:
    """The own place and the measure a named whole states (同期全市外贸总值 → 全市, 进出口), or ('', '') when it
    starts with no place word."""
    rest = _without_time_words(named, params)
    place = next((word for word in params.place_words if rest.startswith(word)), "")
    core = _core_measure(rest[len(place):], params)
    return (place, core) if place and core else ("", "")


def _without_time_words(named: str, params: Params) -> str:
    """A named whole without its time words (同期全市外贸总值 → 全市外贸总值)."""
    for word in params.time_words:
        named = named.replace(word, "")
    return named


def _core_measure(words: str, params: Params) -> str:
    """The measure named after a whole's place, without its total suffix, by its other name (外贸总值: 进出口)."""
    core = words
    for suffix in params.total_suffixes:
        if core.endswith(suffix) and len(core) > len(suffix):
            core = core[: -len(suffix)]
            break
    return dict(params.core_names).get(core, core)


def _named_place(named: str, params: Params, lexicon: ClaimLexicon | None) -> tuple[str, str]:
    """The place a named whole opens with by its own name and the measure it states (同期福建省外贸进出口总值 →
    福建, 进出口), or ('', '') when it opens with no place name of the lexicon."""
    rest = _without_time_words(named, params)
    found = lexicon.subject_re.search(rest) if lexicon is not None else None
    if found is None or found.start() != 0 or lexicon is None:
        # 占全市…, 占外贸总值…: no place named by its own name (place words are the own-place rule's).
        return "", ""
    subject = lexicon.subjects.get(found.group(), "")
    core = _core_measure(rest[found.end():], params)
    return (subject, core) if subject and not subject.startswith("@") and core else ("", "")


def _names_place(words: str, subject: str, lexicon: ClaimLexicon | None) -> bool:
    """True when a figure's words name the place: by a name of that subject, or by an own place word (全省, 我省)."""
    if lexicon is None:
        # Without the lexicon no place name is known.
        return False
    named = (lexicon.subjects.get(name, "") for name in lexicon.subject_re.findall(words))
    return any(each == subject or each.startswith("@") for each in named)


def _total_head(named: str, params: Params) -> str:
    """The head noun a named whole totals (总投资 → 投资), or '' when it starts with no total word."""
    for word in params.total_words:
        if named.startswith(word) and len(named) > len(word):
            return named[len(word):]
    return ""


def _expand(named: str, params: Params) -> str:
    """The full name of a named whole: 社零总额 → 社会消费品零售总额 (the rule file's abbreviations)."""
    for short, full in params.abbreviations:
        if short in named:
            return named.replace(short, full, 1)
    return named


def _same_period(first: Claim, second: Claim, params: Params) -> bool:
    """True when both periods are known and overlap, or neither is dated, or both are the same undated words."""
    a, b = first.period, second.period
    if a is not None and b is not None and None in (a.start, b.start) and a.start == b.start:
        # Two figures of an undated document (1至6月 with no year known): the same period when its words are, but
        # for a word of this year before them (今年1—2月 and 1—2月).
        words = [_without_this_year(claim.period_text, params) for claim in (first, second)]
        return bool(words[0]) and words[0] == words[1]
    if a is None or b is None or None in (a.start, a.end, b.start, b.end):
        return a is None and b is None
    assert a.start and a.end and b.start and b.end
    return a.start <= b.end and b.start <= a.end


def _same_span(first: Period | None, second: Period | None) -> bool:
    """True when two periods are the same days (一季度 and 1-3月 alike), or both are unknown."""
    if first is None or second is None:
        return first is second
    return (first.start, first.end) == (second.start, second.end)


def _known_and_different(first: Period | None, second: Period | None) -> bool:
    """True when both periods are dated and cover different days (3月 against 一季度)."""
    if first is None or second is None or None in (first.start, first.end, second.start, second.end):
        return False
    return not _same_span(first, second)


def _without_this_year(text: str, params: Params) -> str:
    """A period's words without a leading word of this year (今年1—2月 → 1—2月)."""
    for word in params.this_year_words:
        if text.startswith(word):
            return text[len(word):]
    return text


def _magnitude_slip(whole: Claim, part: Claim, share: Claim) -> str:
    """The part as it would fit the share with another magnitude word (4.35亿元 → 4.35万亿元), or ''."""
    for factor in SLIPS:
        ratio = part.figure.interval.scale(factor).divide(whole.figure.interval).scale(100.0)
        if ratio.intersects(share.figure.interval):
            unit = part.figure.unit
            return f"{format_number(part.figure.value * factor)}{unit}"
    return ""


def _with_decimal_slip(finding: Finding, whole: Claim, part: Claim, share: Claim) -> Finding:
    """The finding with the figures that fit the share when the whole's or the part's decimal point moves by one
    digit (20129万元 for 2012.9万元), the known slip a share ten times off points at; unchanged when none fits."""
    fixes = []
    for claim in (whole, part):
        for factor in DECIMAL_SLIPS:
            moved = claim.figure.interval.scale(factor)
            ratio = (part.figure.interval.divide(moved) if claim is whole else moved.divide(whole.figure.interval))
            if ratio.scale(100.0).intersects(share.figure.interval):
                fixes.append(f"“{claim.mention.text}”为“{format_number(claim.figure.value * factor, 4)}"
                             f"{claim.figure.unit}”")
    if not fixes:
        # Ten times off or not, no moved decimal point gives the share: the computed share stays the suggestion.
        return finding
    note = f"若{'或'.join(fixes)}，则占比相符（疑为小数点错位）"
    return attrs.evolve(finding, suggestion="或".join(fixes), arithmetic=f"{finding.arithmetic}；{note}")


def _words_before(claim: Claim) -> str:
    """The text of a figure's clause up to the figure: where its own metric is named."""
    before = claim.sentence[:claim.mention.reading_start - claim.sentence_start]
    return re.split(r"[，,；;]", before)[-1]


def _check(spec, whole: Claim, part: Claim, share: Claim) -> Finding | None:
    """Compare part ÷ whole with the stated share."""
    ratio = part.figure.interval.divide(whole.figure.interval).scale(100.0)
    if ratio.intersects(share.figure.interval):
        return None
    computed = _percent(ratio.mid)
    return make_finding(
        spec, (whole, part, share), stated=share.mention.text, computed=f"{computed}%",
        arithmetic=(f"{format_number(part.figure.value)} ÷ {format_number(whole.figure.value)}"
                    f" = {computed}% (区间 {_percent(ratio.low)}–{_percent(ratio.high)}%)"),
        suggestion=f"“{computed}%”",
    )


def _percent(value: float) -> str:
    """A share in per cent to one decimal, or to two significant digits when smaller (4.35亿 ÷ 17.23万亿 = 0.0025)."""
    return format_number(value, 1) if value >= 0.1 else f"{value:.2g}"
