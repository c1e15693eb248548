"""The timeline as JSON: {"entries": [...], "documents": [...], "findings": [...]}."""

from __future__ import annotations

import json

from timeline.model import Timeline
from timeline.records import timeline_record


def render_json(timeline: Timeline) -> str:
    """Serialize a timeline as indented UTF-8 JSON, entries in page order."""
    return json.dumps(timeline_record(timeline), ensure_ascii=False, indent=2) + "\n"
