"""`check --format html`: the review page's evidence view as one self-contained, read-only file.

No server and no network: the findings travel inside the page as JSON (with '<' escaped), the
page's own script renders them with textContent, and a Content-Security-Policy forbids any request.
"""

from __future__ import annotations

from checker.report.evidence import build_payload, mark_statuses
from checker.report.page import render_page


def render_html(result, decisions: dict | None = None, statuses: dict | None = None,
                reasons: dict | None = None) -> str:
    """The whole report as one HTML page; decided findings show their decision and reason."""
    payload = build_payload(result, decisions or {})
    payload["decisions"] = mark_statuses(payload["decisions"], statuses or {}, reasons or {})
    return render_page(payload)
