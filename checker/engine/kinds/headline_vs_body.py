"""Headline vs body: a figure in a heading must agree with the body's figure for the same metric."""

from __future__ import annotations

import bisect

from checker.engine.kinds._shared import NoParams, format_range, make_finding
from checker.model import Claim, Finding, Period

Params = NoParams


def check(spec, context) -> list[Finding]:
    """Flag a heading figure when body figures of its metric exist and none agrees with it."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in context.index.claims:
        if claim.value is not None and claim.relation not in ("count", "span"):
            by_doc.setdefault(claim.doc, []).append(claim)
    findings = []
    for claims in by_doc.values():
        claims.sort(key=lambda c: c.mention.reading_start)
        body: dict[tuple, list[Claim]] = {}
        for claim in claims:
            if not claim.heading:
                body.setdefault(_measure_key(claim), []).append(claim)
        starts = {key: [c.mention.reading_start for c in members] for key, members in body.items()}
        heads = [c for c in claims if c.heading]
        for k, head in enumerate(heads):
            if not head.metric.known:
                continue
            key = _measure_key(head)
            low, high = _section(head, heads, k)
            members = body.get(key, [])
            window = members[bisect.bisect_left(starts.get(key, []), low):bisect.bisect_left(starts.get(key, []), high)]
            peers = [c for c in window if _same_statement(head, c)]
            if not peers or (len(peers) > 1 and head.metric not in {p.metric for p in peers}):
                # The body never states this metric, or a vague headline matches several: nothing sure to compare.
                continue
            if any(head.figure.interval.intersects(p.figure.interval) for p in peers):
                continue
            peer = peers[0]
            h, p = head.figure.interval, peer.figure.interval
            findings.append(make_finding(
                spec, (head, peer), stated=head.mention.text, body=peer.mention.text,
                arithmetic=(f"标题“{head.mention.text}”区间 {format_range(h.low, h.high)}；"
                            f"正文“{peer.mention.text}”区间 {format_range(p.low, p.high)}"),
            ))
    return findings


def _section(head: Claim, heads: list[Claim], k: int) -> tuple[int, float]:
    """The stretch of text a heading speaks for: the whole article for its title, else up to the next heading."""
    if k == 0:
        # The first heading is the article's title: the whole body stands under it.
        return 0, float("inf")
    later = [h.mention.reading_start for h in heads[k + 1:] if h.sentence_start != head.sentence_start]
    return head.mention.reading_start, later[0] if later else float("inf")


def _measure_key(claim: Claim) -> tuple:
    """Index key of a claim: its measure, relation and unit (headlines are compared only within one key)."""
    metric = claim.metric
    return metric.measure, metric.measure_known, metric.enumeration, claim.relation, claim.figure.unit


def _same_statement(head: Claim, body: Claim) -> bool:
    """True when a body claim states the heading's metric (or, for a headline naming no known industry, its measure)."""
    if (head.relation, head.figure.unit) != (body.relation, body.figure.unit):
        return False
    if head.period is not None and body.period is not None and _placed(head.period) and _placed(body.period):
        if (head.period.start, head.period.end) != (body.period.start, body.period.end):
            return False
    elif head.period_text and body.period_text and head.period_text != body.period_text:
        # 11月 vs 1—11月 in an undated article: periods not placed in time are the same only when worded alike.
        return False
    if head.metric == body.metric:
        return True
    # 芯屏汽合 上半年产值同比增长28%: a headline's own nickname for the industry still names the measure.
    vague = not head.metric.industry_named
    same_measure = _measure_key(head) == _measure_key(body)
    return vague and same_measure and (not head.subject or head.subject == body.subject)


def _placed(period: Period) -> bool:
    """True when a period is placed in time (11月 of an undated article is not)."""
    return period.start is not None
