"""Weekday: a full date and the weekday written beside it must agree."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

from checker.engine.kinds._shared import expect_keys, require_keys, words_of
from checker.errors import RuleFileError
from checker.model import Finding


@attrs.frozen
class Params:
    """From the rule file: prefixes of a weekday (星期, 周, 礼拜), day_names Monday first (一 … 日),
    aliases of a day name (天 for 日), the prefix written in a suggestion (星期) and date_marks, the words after a
    full date's year, month and day (年, 月, 日)."""

    prefixes: tuple[str, ...]
    day_names: tuple[str, ...]
    aliases: tuple[tuple[str, str], ...]
    written_prefix: str
    date_marks: tuple[str, str, str]
    date_re: re.Pattern[str] = attrs.field(eq=False, repr=False, default=None)

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        keys = {"prefixes": list, "day_names": list, "aliases": dict, "written_prefix": str, "date_marks": list}
        raw = expect_keys(raw, keys, path, lines)
        require_keys(raw, tuple(keys), path, lines)
        days = tuple(raw["day_names"])
        if len(days) != 7 or not all(isinstance(d, str) and d for d in days):
            raise RuleFileError(path, lines.get("params.day_names"), "params.day_names",
                                "must name seven days, Monday first")
        aliases = tuple((str(k), str(v)) for k, v in raw["aliases"].items())
        for alias, day in aliases:
            if day not in days:
                raise RuleFileError(path, lines.get(f"params.aliases.{alias}"), f"params.aliases.{alias}",
                                    f"'{day}' is not one of day_names")
        prefixes = words_of(raw, "prefixes", path, lines)
        marks = tuple(raw["date_marks"])  # in order, as day_names: never sorted like a word list
        if len(marks) != 3 or not all(isinstance(mark, str) and mark for mark in marks):
            raise RuleFileError(path, lines.get("params.date_marks"), "params.date_marks",
                                "must name three marks: after the year, the month and the day")
        year, month, day = map(re.escape, marks)
        names = sorted(days + tuple(a for a, _ in aliases), key=len, reverse=True)
        # A full date, then its weekday in optional brackets: 2025年11月26日（星期三）.
        date_re = re.compile(
            rf"(?P<y>\d{{4}}){year}(?P<m>\d{{1,2}}){month}(?P<d>\d{{1,2}}){day}(?P<open>[（(]?)"
            "(?P<prefix>" + "|".join(map(re.escape, prefixes)) + ")"
            "(?P<w>" + "|".join(map(re.escape, names)) + r")[）)]?"
        )
        return cls(prefixes, days, aliases, raw["written_prefix"], (marks[0], marks[1], marks[2]), date_re)

    def day_index(self, name: str) -> int:
        """Monday = 0 … Sunday = 6 for a day name or its alias."""
        return self.day_names.index(dict(self.aliases).get(name, name))


def check(spec, context) -> list[Finding]:
    """Flag a date whose stated weekday is not the calendar's."""
    findings = []
    for doc in context.documents.values():
        for match in spec.params.date_re.finditer(doc.reading):
            try:
                day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                # 2月30日 is no date; the date grammar reports nothing for it either.
                continue
            if spec.params.day_index(match["w"]) == day.weekday():
                continue
            actual = f"{spec.params.written_prefix}{spec.params.day_names[day.weekday()]}"
            span = doc.span_of(match.start(), match.end())
            findings.append(Finding(
                rule=spec.id, kind=spec.kind, severity=spec.severity,
                message=spec.render(date=match.group()[:match.start("open") - match.start()],
                                    stated=f"{match['prefix']}{match['w']}", actual=actual),
                claims=(), arithmetic=f"{day.isoformat()} 是{actual}", suggestion=f"核对日期或改为“{actual}”",
                spans=((doc.path, span, doc.text[span.start:span.end]),),
            ))
    return findings
