"""Weekday: a full date and the weekday written beside it must agree."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from checker.engine.kinds._shared import expect_keys
from checker.model import Finding

DATE_WEEKDAY = re.compile(
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日[（(]?(?:星期|周|礼拜)(?P<w>[一二三四五六日天])[）)]?"
)
WEEKDAYS = "一二三四五六日"


def parse_params(raw: dict[str, Any], path: str, lines: dict[str, int]) -> dict[str, Any]:
    """No parameters."""
    return expect_keys(raw, {}, path, lines)


def check(spec, context) -> list[Finding]:
    """Flag a date whose stated weekday is not the calendar's."""
    findings = []
    for doc in context.documents.values():
        for match in DATE_WEEKDAY.finditer(doc.reading):
            try:
                day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                # 2月30日 is no date; the date grammar reports nothing for it either.
                continue
            stated = WEEKDAYS.index("日" if match["w"] == "天" else match["w"])
            if stated == day.weekday():
                continue
            actual = f"星期{WEEKDAYS[day.weekday()]}"
            span = doc.span_of(match.start(), match.end())
            findings.append(Finding(
                rule=spec.id, kind=spec.kind, severity=spec.severity,
                message=spec.render(date=match.group()[:match.start("w") - match.start()].rstrip("（(星期周礼拜"),
                                    stated=f"星期{match['w']}", actual=actual),
                claims=(), arithmetic=f"{day.isoformat()} 是{actual}", suggestion=f"核对日期或改为“{actual}”",
                spans=((doc.path, span, doc.text[span.start:span.end]),),
            ))
    return findings
