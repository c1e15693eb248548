"""The `check --format github` report: GitHub Actions workflow commands that annotate the files.

A host shows only about ten annotations of each level per step, so the most severe come first,
at most `limit` of each level, and a last plain line counts the ones left out. Findings set aside
(in the baseline, dismissed, suppressed inline) never become `::error` or `::warning`: they are left
out, or shown as `::notice` with their status when `set_aside_notices` asks for them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from checker.report.records import finding_record
from checker.report.sarif import LABELS, position_span, split_locations
from checker.report.stream import documents_by_path
from checker.text.project import repository_path
from checker.triage.status import COUNTED

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
RANK = {"error": 0, "warning": 1, "info": 2}


def render_github(result, statuses: dict[str, str] | None = None, limit: int = 10,
                  set_aside_notices: bool = False) -> str:
    """One `::error|warning|notice` command per counted finding, most severe first, then a trailer if some were cut.

    The findings are walked once; of each (set aside, level) bucket only the first `limit` can be shown, so only
    those are kept.
    """
    docs = documents_by_path(result.documents)
    kept: dict[tuple[bool, int], list[dict]] = {}
    seen: Counter = Counter()
    for finding in result.findings:
        record = finding_record(finding)
        record["status"] = (statuses or {}).get(record["fingerprint"], "new")
        if not (record["status"] in COUNTED or set_aside_notices):
            # Set aside and not asked for: neither shown nor counted as left out.
            continue
        bucket = (record["status"] not in COUNTED, RANK[record["severity"]])
        seen[bucket] += 1
        if len(kept.setdefault(bucket, [])) < limit:
            kept[bucket].append(record)
    lines, per_level, left_out = [], {level: 0 for level in RANK}, 0
    for bucket in sorted(seen):
        for record in kept[bucket]:
            level = record["severity"] if record["status"] in COUNTED else "info"
            if per_level[level] >= limit:
                left_out += 1
                continue
            per_level[level] += 1
            lines.append(format_annotation(record, docs, level))
        left_out += seen[bucket] - len(kept[bucket])
    if left_out:
        noun = "finding" if left_out == 1 else "findings"
        lines.append(f"hedui: {left_out} more {noun} not shown as annotations (see the full report)")
    return "".join(line + "\n" for line in lines)


def format_annotation(record: dict, docs: Mapping, level: str | None = None) -> str:
    """The workflow command of one finding record, at its primary location (level: the record's severity)."""
    properties: list[tuple[str, object]] = []
    primary, _ = split_locations(record)
    if primary is not None:
        # GitHub places an annotation by the path from the repository's top, however hedui was given it.
        properties.append(("file", repository_path(primary["doc"])))
        doc = docs.get(primary["doc"])
        if doc is not None:
            line, col, end_line, end_col = position_span(doc.text, primary["start"], primary["end"])
            # Columns only mean something to the host on a single-line annotation.
            same_line = line == end_line
            properties += [("line", line)] + ([("col", col)] if same_line else [])
            properties += [("endLine", end_line)] + ([("endColumn", end_col)] if same_line else [])
    status = record.get("status", "new")
    properties.append(("title", record["rule"] if status in COUNTED else f"{record['rule']} ({status})"))
    message = "\n".join([record["message"]] + [
        f"{LABELS[key]}: {record[key]}" for key in ("arithmetic", "suggestion") if record[key]
    ])
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{COMMANDS[level or record['severity']]} {joined}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: %, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command's property value: as data, plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
