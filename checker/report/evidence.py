"""The evidence view as plain data: findings in review order, each with its sentences and figures.

Both the review server and the static HTML report render this one structure; nothing here is HTML,
so the page builds its DOM from it with textContent and never parses article text as markup.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from checker.model import Document, Finding
from checker.report.records import finding_record
from checker.report.text import _first_doc, line_col

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
TERMINATORS = "。！？!?；;\n"
CONTEXT_CHARS = 40  # context shown around the sentence of a figure
SENTENCE_CHARS = 160  # a "sentence" without punctuation (a table row) is cut this far from its figure


def build_payload(result, decisions: dict | None = None) -> dict[str, Any]:
    """The documents, the review queue (most severe first, then by article) and the decisions on it."""
    docs = {d.path: d for d in result.documents}
    index = {d.path: i for i, d in enumerate(result.documents)}
    findings = sorted(result.findings, key=_queue_order)
    items = [_build_item(n, f, docs, index) for n, f in enumerate(findings)]
    _link_same_fact(items)
    return {
        "documents": [{"index": i, "path": d.path, "title": d.title} for i, d in enumerate(result.documents)],
        "findings": items,
        **summarize_decisions(decisions or {}, {item["fingerprint"] for item in items}),
    }


def summarize_decisions(decisions: dict, fingerprints: set[str]) -> dict[str, Any]:
    """The decisions on current findings as JSON-ready entries, and how many match no finding (stale)."""
    current = {fp: d.to_mapping() for fp, d in decisions.items() if fp in fingerprints}
    return {"decisions": current, "stale": len(decisions) - len(current)}


def mark_statuses(decided: dict[str, dict], statuses: dict[str, str], reasons: dict[str, str]) -> dict[str, dict]:
    """Add check's statuses (suppressed inline, baseline …) to the decided findings the decisions file left out."""
    marked = dict(decided)
    for fp, status in statuses.items():
        if status == "new" or fp in marked:
            # Undecided, or already described in full (reviewer, time) by the decisions file.
            continue
        marked[fp] = {"decision": status, "reason": reasons.get(fp, "")}
    return marked


def dump_json(data: Any) -> str:
    """JSON with <, >, & and line separators escaped, safe to embed in a <script> block or serve."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _queue_order(finding: Finding) -> tuple:
    """Most severe first, then by article and position, then by rule."""
    home = _first_doc(finding)
    starts = [c.mention.span.start for c in finding.claims if c.doc == home]
    starts += [span.start for doc, span, _ in finding.spans if doc == home]
    return (SEVERITY_RANK.get(finding.severity, 3), home, min(starts, default=0), finding.rule)


def _build_item(number: int, finding: Finding, docs: dict[str, Document], index: dict[str, int]) -> dict[str, Any]:
    """One queue entry: the public finding record plus its home article, quotes and figure."""
    record = finding_record(finding)
    home = _first_doc(finding)
    locations = record.pop("claims")
    figure = finding.claims[-1].mention.text if finding.claims else (finding.spans[0][2] if finding.spans else "")
    record.update(
        id=number,
        doc=home,
        doc_index=index.get(home, -1),
        text=figure,
        quotes=build_quotes(locations, docs, index),
        same_fact=[],
    )
    return record


def build_quotes(locations: list[dict], docs: dict[str, Document], index: dict[str, int]) -> list[dict[str, Any]]:
    """Group a finding's figures by the sentence of their own article; each group is one quote."""
    groups: dict[tuple[str, int, int], list[dict]] = {}
    for loc in locations:
        doc = docs.get(loc["doc"])
        if doc is None:
            # A finding about an article outside this run has no text to quote.
            continue
        left, right = _sentence_bounds(doc.text, loc["start"], loc["end"])
        groups.setdefault((doc.path, left, right), []).append(loc)
    merged = _merge_overlapping(groups)
    return [_build_quote(docs[path], index[path], left, right, locs) for (path, left, right), locs in merged]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), cut at SENTENCE_CHARS on either side of the figure."""
    left = max(text.rfind(ch, 0, start) for ch in TERMINATORS) + 1
    ends = [i for i in (text.find(ch, end) for ch in TERMINATORS) if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    return max(left, start - SENTENCE_CHARS), min(right, end + SENTENCE_CHARS)


def _merge_overlapping(groups: dict[tuple[str, int, int], list[dict]]) -> list[tuple[tuple[str, int, int], list[dict]]]:
    """Merge sentence ranges of one article that overlap, keeping every figure."""
    merged: list[tuple[tuple[str, int, int], list[dict]]] = []
    for (path, left, right), locs in sorted(groups.items(), key=lambda item: item[0]):
        if merged and merged[-1][0][0] == path and left < merged[-1][0][2]:
            (_, prev_left, prev_right), prev_locs = merged[-1]
            merged[-1] = ((path, prev_left, max(prev_right, right)), prev_locs + locs)
        else:
            merged.append(((path, left, right), list(locs)))
    return merged


def _build_quote(doc: Document, doc_index: int, left: int, right: int, locs: list[dict]) -> dict[str, Any]:
    """A quote: context, the sentence split into plain and highlighted segments, context."""
    text = doc.text
    marks = sorted((loc["start"], loc["end"], loc.get("role", "")) for loc in locs)
    before = max(0, left - CONTEXT_CHARS)
    after = min(len(text), right + CONTEXT_CHARS)
    segments = [_segment(("…" if before else "") + text[before:left], context=True)]
    pos = left
    for start, end, role in marks:
        start = max(start, pos)
        if start >= end:
            # Nested in the figure just highlighted: already shown.
            continue
        segments.append(_segment(text[pos:start]))
        segments.append(_segment(text[start:end], mark=True, role=role))
        pos = end
    segments.append(_segment(text[pos:right]))
    segments.append(_segment(text[right:after] + ("…" if after < len(text) else ""), context=True))
    line, col = line_col(text, marks[0][0])
    return {
        "doc": doc.path,
        "doc_index": doc_index,
        "line": line,
        "col": col,
        "marks": [[start, end] for start, end, _ in marks],
        "segments": [s for s in segments if s["text"]],
    }


def _segment(text: str, mark: bool = False, role: str = "", context: bool = False) -> dict[str, Any]:
    """A run of quoted text; line breaks become spaces so a quote reads as one line."""
    return {"text": text.replace("\r", "").replace("\n", " "), "mark": mark, "role": role, "context": context}


def _link_same_fact(items: list[dict[str, Any]]) -> None:
    """Point every finding at the other findings on the same fact key."""
    by_fact: dict[str, list[int]] = defaultdict(list)
    for item in items:
        if item["fact"]:
            # An empty fact key means "no fact": such findings are not about the same thing.
            by_fact[item["fact"]].append(item["id"])
    for item in items:
        item["same_fact"] = [n for n in by_fact.get(item["fact"], []) if n != item["id"]]
