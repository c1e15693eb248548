"""Structure: a ratio of shares (三次产业结构为6.9:40.1:53.0) against the parts it is computed from."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._shared import (
    decimals_of,
    expect_keys,
    forced_to_100,
    forcing_plausible,
    format_number,
    levels_by_sentence,
    make_finding,
    require_keys,
    within_forcing,
    words_of,
)
from checker.errors import RuleFileError
from checker.model import Claim, Finding, Interval

WORD_KEYS = ("structure_words", "part_labels")
PROBLEMS = ("terms-vs-parts", "terms-sum")
RATIO_MARKS = (":", "：", "∶")  # a ratio's terms are joined by one of these
# A ratio of two or more terms: 6.01:55.04:38.95, with ASCII, full-width or ratio colons.
RATIO = re.compile(r"(\d+(?:\.\d+)?)((?:\s*[:：∶]\s*\d+(?:\.\d+)?)+)")
TERM = re.compile(r"\d+(?:\.\d+)?")
# A ratio whose terms sum to within this of 100 is a structure in per cent.
PERCENT_SLACK = 5.0
# A structure word names a ratio when it stands within this many characters before it, in its clause.
WORD_REACH = 20
# A label names its part when the part's figure follows within this many characters, in its clause.
LABEL_REACH = 12


@attrs.frozen
class Params:
    """problem: terms-vs-parts (each term against its part ÷ the parts' sum) or terms-sum (the terms against
    100%); the vocabulary from the rule file: structure_words stand before a ratio of shares (结构, 比例),
    part_labels name the parts in the ratio's order (第一产业, 第二产业, 第三产业), earlier_words right after the
    structure word make the ratio the one before a change (结构由上年的…调整为…: 由, 从)."""

    problem: str
    structure_words: tuple[str, ...]
    part_labels: tuple[str, ...]
    earlier_words: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {**dict.fromkeys(WORD_KEYS, list), "earlier_words": list, "problem": str}, path, lines)
        require_keys(raw, ("problem", *WORD_KEYS), path, lines)
        if raw["problem"] not in PROBLEMS:
            raise RuleFileError(path, lines.get("params.problem"), "params.problem",
                                f"must be one of: {', '.join(PROBLEMS)}")
        # Labels keep the file's order: it is the order of the ratio's terms.
        labels = raw["part_labels"]
        words_of(raw, "part_labels", path, lines)
        earlier = words_of(raw, "earlier_words", path, lines) if "earlier_words" in raw else ()
        return cls(raw["problem"], words_of(raw, "structure_words", path, lines), tuple(labels), earlier)


@attrs.frozen
class Ratio:
    """A stated ratio: its text, its terms as written, and where it stands."""

    text: str
    terms: tuple[str, ...]
    start: int  # reading offset
    earlier: bool = False  # the structure before a change (由上年的4.0:46.3:49.7调整为…), not of the parts stated


def check(spec, context) -> list[Finding]:
    """Flag a ratio of shares that does not add up to 100% or does not fit its labelled parts."""
    findings = []
    by_doc: dict[str, list[Claim]] = {}
    for claims in levels_by_sentence(context.index.claims).values():
        by_doc.setdefault(claims[0].doc, []).extend(claims)
    for doc, document in context.documents.items():
        for ratio in _ratios(document.reading, spec.params):
            finding = _check_ratio(spec, ratio, document, by_doc.get(doc, []))
            if finding is not None:
                findings.append(finding)
    return findings


def _ratios(reading: str, params: Params) -> list[Ratio]:
    """Every ratio with as many terms as there are labels, right after a structure word in its clause."""
    found: list[Ratio] = []
    if not any(colon in reading for colon in RATIO_MARKS):
        # No ratio mark at all (two articles in three): no ratio, and no scan trying every digit for one.
        return found
    for match in RATIO.finditer(reading):
        terms = tuple(TERM.findall(match.group(0)))
        if len(terms) != len(params.part_labels):
            # 1:2 or a clock time: not a structure of these parts.
            continue
        clause = re.split(r"[，,。；;\n]", reading[max(0, match.start() - 3 * WORD_REACH):match.start()])[-1]
        # The structure word stands within WORD_REACH characters, not counting an earlier ratio in between
        # (比例由上年的5.4:41.2:53.4调整为5.0:40.0:55.0).
        if not any(word in RATIO.sub("", clause)[-WORD_REACH:] for word in params.structure_words):
            # No structure word right before it: a ratio of something else (a score, a mix).
            continue
        at = max(clause.rfind(word) + len(word) if word in clause else -1 for word in params.structure_words)
        # Only the first ratio after 由/从 is the earlier one: 由a:b:c调整为x:y:z ends with the new structure.
        between = clause[at:]
        earlier = bool(params.earlier_words) and between.lstrip().startswith(params.earlier_words) \
            and RATIO.search(between) is None
        found.append(Ratio(match.group(0), terms, match.start(), earlier))
    return found


def _check_ratio(spec, ratio: Ratio, document, levels: list[Claim]) -> Finding | None:
    """Compare a ratio's terms with 100% (terms-sum) or with each labelled part ÷ the sum of the parts."""
    values = [float(t) for t in ratio.terms]
    steps = [10.0 ** -decimals_of(t) for t in ratio.terms]
    total = sum(values)
    if abs(total - 100.0) > PERCENT_SLACK:
        # 1:2:3 is a ratio, not shares in per cent.
        return None
    if spec.params.problem == "terms-sum":
        slack = sum(steps) / 2
        if abs(total - 100.0) <= slack + 1e-9:
            return None
        low, high = format_number(100 - slack, 2), format_number(100 + slack, 2)
        return _finding(spec, document, ratio, (), f"{' + '.join(ratio.terms)} = {format_number(total, 2)}，"
                        f"各项按末位取整后之和应在 {low}–{high} 之间", sum=format_number(total, 2), low=low, high=high)
    if ratio.earlier:
        # 由上年的4.0:46.3:49.7调整为…: the parts stated beside it are this period's, not the earlier structure's.
        return None
    reading = document.reading
    paragraph_start = reading.rfind("\n", 0, ratio.start) + 1
    parts = [_labelled_part(label, levels, reading, paragraph_start, ratio.start) for label in spec.params.part_labels]
    known = [p for p in parts if p is not None]
    if len(known) != len(parts) or len({p.figure.unit for p in known}) != 1:
        # Not every term's part is stated (in one unit): the terms can only be checked against 100%.
        return None
    if _of_another_period(ratio, known, levels):
        # 最终计算2021年全县生产总值为972846万元，…结构为5.5:50.6∶43.9: the ratio's sentence is about another
        # period than the parts stated before it, so the ratio is that period's structure.
        return None
    whole = Interval(sum(p.figure.interval.low for p in known), sum(p.figure.interval.high for p in known))
    face = sum(p.figure.value for p in known)
    listed = " + ".join(p.mention.text for p in known)
    forced = bool(face) and forcing_plausible([(value, step, part.figure.value / face * 100.0)
                                               for value, step, part in zip(values, steps, known, strict=True)])
    for term, value, step, part in zip(ratio.terms, values, steps, known, strict=True):
        share = part.figure.interval.divide(whole).scale(100.0)
        if share.intersects(Interval(value - step / 2, value + step / 2)):
            continue
        # The suggestion keeps the term's written precision: 41.0 becomes 40.0, not 40.
        computed = f"{part.figure.value / face * 100:.{decimals_of(term)}f}"
        finding = _finding(spec, document, ratio, tuple(known), f"{part.mention.text} ÷ ({listed}) = {computed}%",
                           term=term, computed=computed, suggestion=f"“{computed}”")
        if forced and within_forcing(value, step, share):
            return forced_to_100(finding, f"{ratio.text}各项之和")
        return finding
    return None


def _of_another_period(ratio: Ratio, parts: list[Claim], levels: list[Claim]) -> bool:
    """True when a level stated in the ratio's own sentence (not one of the parts) has a period none of the parts'
    periods overlaps."""
    spans = [(p.period.start, p.period.end) for p in parts if p.period is not None and p.period.start and p.period.end]
    for claim in levels:
        inside = claim.sentence_start <= ratio.start < claim.sentence_start + len(claim.sentence)
        period = claim.period
        if not inside or claim in parts or period is None or period.start is None or period.end is None:
            # Only a dated level of the ratio's own sentence tells which period the ratio is of.
            continue
        if spans and not any(period.start <= end and start <= period.end for start, end in spans):
            return True
    return False


def _labelled_part(label: str, levels: list[Claim], reading: str, start: int, end: int) -> Claim | None:
    """The first level of the paragraph before the ratio whose clause names the label right before it."""
    for claim in sorted(levels, key=lambda c: c.mention.reading_start):
        at = claim.mention.reading_start
        if not start <= at < end or claim.figure.unit in ("", "%", "％"):
            continue
        before = re.split(r"[，,。；;:：]", reading[max(start, at - LABEL_REACH):at])[-1]
        if label in before:
            return claim
    return None


def _finding(spec, document, ratio: Ratio, parts: tuple[Claim, ...], arithmetic: str, suggestion: str = "",
             **values: Any) -> Finding:
    """A finding on the ratio's text, with the parts it was computed from."""
    span = document.span_of(ratio.start, ratio.start + len(ratio.text))
    finding = make_finding(spec, parts, arithmetic=arithmetic, stated=ratio.text, suggestion=suggestion, **values)
    return attrs.evolve(finding, spans=((document.path, span, document.text[span.start:span.end]),))
