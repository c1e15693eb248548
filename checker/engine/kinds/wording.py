"""Wording: editorial usage (GB/T 15835-2011) as a pattern with an optional rewrite template."""

from __future__ import annotations

import re
from typing import Any

import attrs

from checker.engine.kinds._shared import expect_keys
from checker.errors import RuleFileError
from checker.model import Finding

GROUP = re.compile(r"\{(\w+)\}")


@attrs.frozen
class Params:
    """pattern (regex, required), suggest (template over its groups), unless (regex near the match),
    and requires (a regex that must also occur somewhere in the document, for one-style-per-document rules)."""

    pattern: re.Pattern[str]
    suggest: str = ""
    unless: re.Pattern[str] | None = None
    requires: re.Pattern[str] | None = None

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> Params:
        """Build the parameters from a rule file's params mapping, citing file, line and key of any problem."""
        raw = expect_keys(raw, {"pattern": str, "suggest": str, "unless": str, "requires": str}, path, lines)
        compiled = {}
        for key in ("pattern", "unless", "requires"):
            if key not in raw:
                continue
            try:
                compiled[key] = re.compile(raw[key])
            except re.error as exc:
                raise RuleFileError(path, lines.get(f"params.{key}"), f"params.{key}",
                                    f"invalid regular expression: {exc}") from exc
        if "pattern" not in compiled:
            raise RuleFileError(path, lines.get("params"), "params.pattern", "a wording rule needs a pattern")
        names = set(compiled["pattern"].groupindex) | {"match"}
        for name in GROUP.findall(raw.get("suggest", "")):
            if name not in names:
                raise RuleFileError(path, lines.get("params.suggest"), "params.suggest",
                                    f"names unknown group '{name}'")
        return cls(compiled["pattern"], raw.get("suggest", ""), compiled.get("unless"), compiled.get("requires"))


def check(spec, context) -> list[Finding]:
    """Flag every match of the pattern in every document's reading text."""
    findings = []
    for doc in context.documents.values():
        if spec.params.requires is not None and not spec.params.requires.search(doc.reading):
            # A one-style-per-document rule: the other style never occurs here.
            continue
        for match in spec.params.pattern.finditer(doc.reading):
            window = doc.reading[max(0, match.start() - 10):match.end() + 10]
            if spec.params.unless is not None and spec.params.unless.search(window):
                # The exception pattern marks a legitimate use around this match.
                continue
            findings.append(_finding(spec, doc, match))
    return findings


def _finding(spec, doc, match: re.Match[str]) -> Finding:
    """A text-level finding at the match, with the rewrite filled in."""
    groups = {k: (v or "") for k, v in match.groupdict().items()}
    groups["match"] = match.group()
    suggestion = GROUP.sub(lambda m: groups.get(m.group(1), ""), spec.params.suggest)
    span = doc.span_of(match.start(), match.end())
    text = doc.text[span.start:span.end]
    return Finding(
        rule=spec.id, kind=spec.kind, severity=spec.severity,
        message=spec.render(suggestion=suggestion, **groups),
        claims=(), suggestion=f"“{suggestion}”" if suggestion else "", spans=((doc.path, span, text),),
    )
