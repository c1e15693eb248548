"""The `check --format sarif` report: SARIF 2.1.0 for code-scanning hosts and SARIF viewers.

Columns and character offsets are counted in Unicode code points, not in SARIF's default UTF-16
code units: the run says so with `columnKind: unicodeCodePoints`, and every `startColumn`,
`endColumn`, `charOffset` and `charLength` is an index into the decoded text (Python `str`
indices), so a character outside the BMP counts once.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.report.records import finding_record
from checker.report.stream import documents_by_path
from checker.report.text import line_col

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# The project's home page; a placeholder until the project publishes one.
INFORMATION_URI = "https://hedui.invalid/"
FINGERPRINT_KEY = "heduiFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SUPPRESSION_KINDS = {"dismissed": "external", "suppressed": "inSource"}
BASELINE_STATES = {"new": "new", "baseline": "unchanged"}
LABELS = {"arithmetic": "计算", "suggestion": "建议"}
QUOTED = re.compile(r"“([^“”]+)”")
CLAUSE_END = re.compile(r"[：；，。:;]")
SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s")


def render_sarif(result, statuses: dict[str, str] | None = None, reasons: dict[str, str] | None = None,
                 lang: str = "zh") -> str:
    """One SARIF 2.1.0 log with a single run: the pack's rules (described in `lang`), the documents, every finding."""
    return "".join(render_sarif_pieces(result, statuses, reasons, lang))


def render_sarif_pieces(result, statuses: dict[str, str] | None = None, reasons: dict[str, str] | None = None,
                        lang: str = "zh") -> Iterator[str]:
    """render_sarif's text in pieces: the artifacts and results are written one at a time, never all held.

    A first walk of the findings finds the rules the pack lacks and the documents they name (an artifact's
    index is its document's place); the pieces join to exactly what `json.dumps(log, indent=2)` writes.
    """
    rules = [describe_rule(spec, lang) for spec in result.pack.rules]
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    named: dict[str, None] = {}  # the documents findings name, in the order first named
    for finding in result.findings:
        if finding.rule not in rule_index:
            # A finding from a rule the pack no longer has still needs a descriptor to point at.
            rule_index[finding.rule] = len(rules)
            rules.append({"id": finding.rule, "name": name_rule(finding.rule)})
        named.update(dict.fromkeys(loc["doc"] for loc in finding_record(finding)["claims"]))
    artifact_index: dict[str, int] = {}
    count = 0
    for place, document in enumerate(result.documents):
        if document.path in named:
            artifact_index[document.path] = place  # the last of a path given twice, as a mapping of all would hold
        count = place + 1
    outside = [doc for doc in named if doc not in artifact_index]
    artifact_index.update((doc, count + n) for n, doc in enumerate(outside))
    docs = documents_by_path(result.documents)
    run = {
        "tool": {"driver": {
            "name": "hedui", "informationUri": INFORMATION_URI, "version": __version__,
            "semanticVersion": __version__, "rules": rules,
        }},
        "artifacts": _ARTIFACTS,
        "columnKind": "unicodeCodePoints",
        "results": _RESULTS,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    head, rest = (json.dumps(log, ensure_ascii=False, indent=2) + "\n").split(json.dumps(_ARTIFACTS), 1)
    middle, tail = rest.split(json.dumps(_RESULTS), 1)
    yield head
    artifacts = (describe_artifact(d.path, d.encoding) for d in result.documents)
    yield from _listed(itertools.chain(artifacts, (describe_artifact(doc, None) for doc in outside)), LIST_LEVEL)
    yield middle
    statuses_given, statuses, reasons = statuses is not None, statuses or {}, reasons or {}
    results = (build_result(record, rule_index, artifact_index, docs, statuses.get(record["fingerprint"], "new"),
                            reasons.get(record["fingerprint"], ""), statuses_given)
               for record in map(finding_record, result.findings))
    yield from _listed(results, LIST_LEVEL)
    yield tail


_ARTIFACTS, _RESULTS = "\x00artifacts", "\x00results"  # placeholders of the lists written in pieces
LIST_LEVEL = 4  # the nesting of run.artifacts' and run.results' items: log, runs, run, list


def _listed(items: Iterable[dict[str, Any]], level: int) -> Iterator[str]:
    """A JSON list at a nesting level, an item at a time, as json.dumps with indent=2 writes it inside the log."""
    indent = "\n" + "  " * level
    opened = False
    for item in items:
        yield ("," if opened else "[") + indent + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", indent)
        opened = True
    yield "\n" + "  " * (level - 1) + "]" if opened else "[]"


def describe_rule(spec, lang: str = "zh") -> dict[str, Any]:
    """The reportingDescriptor of a rule: descriptions, help with examples, default level, kind."""
    descriptor: dict[str, Any] = {
        "id": spec.id,
        "name": name_rule(spec.id),
        "shortDescription": {"text": summarize_rule(spec, lang)},
        "fullDescription": {"text": spec.describe(lang) or spec.message},
        "help": {"text": write_help_text(spec, lang), "markdown": write_help_markdown(spec, lang)},
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": {"kind": spec.kind, "references": list(spec.references), "tags": [spec.kind]},
    }
    if not spec.enabled:
        descriptor["defaultConfiguration"]["enabled"] = False
    return descriptor


def name_rule(rule_id: str) -> str:
    """A readable identifier for a rule id: growth.increase-by-vs-to -> GrowthIncreaseByVsTo."""
    return "".join(part.capitalize() for part in re.split(r"[.\-_]", rule_id) if part)


def summarize_rule(spec, lang: str = "zh") -> str:
    """One line for a rule: the description's first sentence, else the message template's first clause."""
    description = spec.describe(lang)
    if description:
        first_line = description.splitlines()[0].strip()
        return SENTENCE_END.split(first_line, maxsplit=1)[0].strip()
    clause = CLAUSE_END.split(spec.message, maxsplit=1)[0]
    return re.sub(r"(\{\w+\})+", "…", clause).strip() or spec.id


def write_help_text(spec, lang: str = "zh") -> str:
    """Plain-text help: the description, the bad and good examples, the references."""
    lines = [spec.describe(lang) or spec.message]
    if spec.examples:
        lines.append("")
        lines.extend(f"{label}: {text}" for label, text in list_examples(spec))
    if spec.references:
        lines.append("")
        lines.extend(f"See: {ref}" for ref in spec.references)
    return "\n".join(lines)


def write_help_markdown(spec, lang: str = "zh") -> str:
    """Markdown help: the description, each example in a fenced block, the references as a list."""
    parts = [spec.describe(lang) or spec.message]
    for label, text in list_examples(spec):
        parts.append(f"**{label}:**\n\n```text\n{text}\n```")
    if spec.references:
        parts.append("**References:**\n\n" + "\n".join(f"- {ref}" for ref in spec.references))
    return "\n\n".join(parts)


def list_examples(spec) -> list[tuple[str, str]]:
    """The rule's examples as (Bad|Good, text) pairs, in file order."""
    return [(key.capitalize(), str(text).strip()) for example in spec.examples for key, text in example.items()]


def describe_artifact(path: str, encoding: str | None) -> dict[str, Any]:
    """The run.artifacts entry of a document."""
    artifact: dict[str, Any] = {"location": locate_artifact(path), "roles": ["analysisTarget"]}
    if encoding:
        artifact["encoding"] = encoding
    return artifact


def locate_artifact(path: str, index: int | None = None) -> dict[str, Any]:
    """An artifactLocation: the path as given, percent-encoded, relative to %SRCROOT% unless absolute."""
    windows = PureWindowsPath(path)
    if windows.drive:
        return _with_index({"uri": "file:///" + quote(windows.as_posix(), safe="/:")}, index)
    posix = PurePath(path).as_posix()
    if posix.startswith("/"):
        return _with_index({"uri": "file://" + quote(posix, safe="/")}, index)
    # Quoting ':' too keeps a relative path like "a:b.txt" from reading as a URI scheme.
    return _with_index({"uri": quote(posix, safe="/"), "uriBaseId": "%SRCROOT%"}, index)


def _with_index(location: dict[str, Any], index: int | None) -> dict[str, Any]:
    """Add the artifacts index to a location when there is one."""
    if index is not None:
        location["index"] = index
    return location


def split_locations(record: dict[str, Any]) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The primary location of a finding record (its last claim, else its first span) and the others."""
    locations = record["claims"]
    if not locations:
        return None, []
    claims = [i for i, loc in enumerate(locations) if "role" in loc]
    primary = claims[-1] if claims else 0
    return locations[primary], [loc for i, loc in enumerate(locations) if i != primary]


def position_span(text: str, start: int, end: int) -> tuple[int, int, int, int]:
    """1-based (startLine, startColumn, endLine, endColumn) of a span; endColumn is one past its last character."""
    line, col = line_col(text, start)
    if end > start and text[end - 1] == "\n":
        # A span ending in a newline ends on that line, not at column 1 of the next.
        end_line, end_col = line_col(text, end - 1)
        return line, col, end_line, end_col + 1
    end_line, end_col = line_col(text, end)
    return line, col, end_line, end_col


def describe_region(text: str | None, start: int, end: int) -> dict[str, Any]:
    """A SARIF region for a span, in code points; without the text, only the offsets are known."""
    region: dict[str, Any] = {}
    if text is not None:
        line, col, end_line, end_col = position_span(text, start, end)
        region.update(startLine=line, startColumn=col, endLine=end_line, endColumn=end_col)
    region.update(charOffset=start, charLength=end - start)
    if text is not None:
        region["snippet"] = {"text": text[start:end]}
    return region


def build_result(record: dict[str, Any], rule_index: dict[str, int], artifact_index: dict[str, int],
                 docs: Mapping, status: str, reason: str, with_baseline: bool) -> dict[str, Any]:
    """The SARIF result of one finding record."""
    primary, others = split_locations(record)
    result: dict[str, Any] = {
        "ruleId": record["rule"],
        "ruleIndex": rule_index[record["rule"]],
        "level": LEVELS[record["severity"]],
        "message": {"text": compose_message(record)},
    }
    if primary is not None:
        result["locations"] = [locate_claim(primary, artifact_index, docs)]
    if others:
        result["relatedLocations"] = [
            dict(locate_claim(loc, artifact_index, docs), id=i, message={"text": label_claim(loc)})
            for i, loc in enumerate(others, start=1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: record["fingerprint"]}
    fix = propose_fix(record, primary, artifact_index, docs)
    if fix:
        result["fixes"] = [fix]
    if status in SUPPRESSION_KINDS:
        suppression = {"kind": SUPPRESSION_KINDS[status], "status": "accepted"}
        if reason:
            suppression["justification"] = reason
        result["suppressions"] = [suppression]
    if with_baseline and status in BASELINE_STATES:
        result["baselineState"] = BASELINE_STATES[status]
    result["properties"] = {"kind": record["kind"], "status": status, "inferredDate": record["inferred_date"]}
    return result


def compose_message(record: dict[str, Any]) -> str:
    """The result message: the finding's message, then its arithmetic and suggestion on their own lines."""
    lines = [record["message"]]
    lines += [f"{LABELS[key]}: {record[key]}" for key in ("arithmetic", "suggestion") if record[key]]
    return "\n".join(lines)


def label_claim(loc: dict[str, Any]) -> str:
    """The message of a related location: the claim's role, if any, and its text."""
    return f"{loc['role']}: {loc['text']}" if loc.get("role") else loc["text"]


def locate_claim(loc: dict[str, Any], artifact_index: dict[str, int], docs: Mapping) -> dict[str, Any]:
    """A SARIF location for a claim or span of a finding record."""
    doc = docs.get(loc["doc"])
    return {"physicalLocation": {
        "artifactLocation": locate_artifact(loc["doc"], artifact_index[loc["doc"]]),
        "region": describe_region(doc.text if doc else None, loc["start"], loc["end"]),
    }}


def propose_fix(record: dict[str, Any], primary: dict[str, Any] | None, artifact_index: dict[str, int],
                docs: Mapping) -> dict[str, Any] | None:
    """A fix replacing the primary claim's phrase by the suggestion's first quoted alternative, if any."""
    replacement = pick_replacement(record["suggestion"])
    doc = docs.get(primary["doc"]) if primary else None
    if replacement is None or primary is None or doc is None:
        return None
    start, end = align_replacement(doc.text, primary["start"], primary["end"], replacement)
    if "\n" in doc.text[start:end] or doc.text[start:end] == replacement:
        # A span across lines is markup or a hard wrap: no safe textual rewrite.
        return None
    return {
        "description": {"text": f"{LABELS['suggestion']}: “{replacement}”"},
        "artifactChanges": [{
            "artifactLocation": locate_artifact(primary["doc"], artifact_index[primary["doc"]]),
            "replacements": [{"deletedRegion": describe_region(doc.text, start, end),
                              "insertedContent": {"text": replacement}}],
        }],
    }


def pick_replacement(suggestion: str) -> str | None:
    """The first alternative of a suggestion when it is a quoted rewrite (“…”或“…”); advice gives None."""
    match = QUOTED.match(suggestion.strip())
    return match.group(1) if match else None


ALIGN_REACH = 12  # at most this many characters of context on either side join the rewritten region
ALIGN_LIMIT = 64  # a longer figure or replacement is rewritten as it stands: no widening


def align_replacement(text: str, start: int, end: int, replacement: str) -> tuple[int, int]:
    """The span around [start, end) that the replacement rewrites: the nearest, most similar window.

    A suggestion often repeats the words around the figure (“增长到22.2倍” for the figure 22.2倍
    after 增长), so the region widens over neighbouring characters while that brings it closer
    to the replacement. The reach is bounded, and one edit-distance table per left edge gives the
    distances of every right edge, so the cost is at most ALIGN_REACH × ALIGN_LIMIT².
    """
    if end - start > ALIGN_LIMIT or len(replacement) > ALIGN_LIMIT:
        # A giant figure (an 80-digit number): widening it is never worth quadratic work.
        return start, end
    reach = min(len(replacement), ALIGN_REACH)
    best = (_distance_row(text[start:end], replacement)[-1][-1], 0, start, end)
    last = min(len(text), end + reach)
    for left in range(max(0, start - reach), start + 1):
        rows = _distance_row(text[left:last], replacement)
        for right in range(end, last + 1):
            candidate = (rows[right - left][-1], (start - left) + (right - end), left, right)
            best = min(best, candidate)
    return best[2], best[3]


def _distance_row(a: str, b: str) -> list[list[int]]:
    """Levenshtein table rows: row i holds the distances of a[:i] to every prefix of b."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, start=1):
        previous, current = rows[-1], [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        rows.append(current)
    return rows
