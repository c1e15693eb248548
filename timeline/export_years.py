"""A timeline page for large archives: a year index, with each year's entries in a script file beside the page.

A page whose single file would pass `limit` bytes is written as `NAME.html` (filters, charts, the
list of years with their counts) and `NAME.years/<year>.js`, each of which hands one year's entries
to the page when the reader opens that year. Script files, not JSON: a page opened from disk may
not fetch files, but it may load its own scripts (the policy admits only the page's own place).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import PurePosixPath
from urllib.parse import quote

from timeline.export_html import embed_json, entries_payload, page_payload, render_html
from timeline.model import Entry, Timeline

LIMIT_BYTES = 4_000_000  # a page this large takes seconds to parse and render on a phone
CALLBACK = "heduiTimelineYear"


def render_pages(timeline: Timeline, name: str, limit: int = LIMIT_BYTES) -> dict[str, str]:
    """The files of the page named `name`: {relative path: text}; one file when it fits within limit bytes."""
    page = render_html(timeline)
    if limit <= 0 or len(page.encode("utf-8")) <= limit:
        # small enough to stay one self-contained file
        return {name: page}
    folder = f"{PurePosixPath(name).stem}.years"
    by_year: dict[int, list[Entry]] = defaultdict(list)
    for entry in timeline.entries:
        by_year[entry.start.year].append(entry)
    files: dict[str, str] = {}
    years = []
    for year, entries in sorted(by_year.items()):
        shown, sentences = entries_payload(timeline, tuple(entries))
        path = f"{folder}/{year}.js"
        files[path] = f"{CALLBACK}({json.dumps(str(year))},{embed_json({'entries': shown, 'sentences': sentences})});\n"
        years.append({"year": str(year), "count": len(entries), "file": quote(path),
                      "flagged": sum(1 for e in entries if e.flags)})
    payload = page_payload(timeline, entries=())
    payload["years"] = years
    files[name] = render_html(timeline, payload=payload, years_beside=True)
    return files
