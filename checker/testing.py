"""The rule-case runner: small articles and the exact findings a rule must (and must not) produce.

A case file mirrors a rule file (tests/rule_cases/<kind>/<problem>.yaml for rules/<kind>/<problem>.yaml):

    cases:
      - name: by-read-as-to
        date: 2025-11-26            # optional document date for every article of the case
        article: 产量从2020年的4.3万辆增至2024年的95.3万辆，四年增长22.2倍。
        findings:
          - text: 22.2倍            # a claim or span of the finding has exactly this text
            suggestion: 增长到22.2倍  # optional: a substring of the suggestion (or message:)
      - name: cross-article
        articles:
          - {date: 2023-11-20, text: ...}
          - {date: 2025-11-26, text: ...}
        findings: []                # the rule must stay silent
        todo: "why it is a known miss"   # optional: the case is expected to fail for now

Matching is exhaustive: every finding of the rule must be listed, and every listed finding found.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from checker.errors import RuleFileError
from checker.yamlio import load_yaml_mapping

CASE_KEYS = {"name", "date", "article", "articles", "findings", "todo"}
EXPECT_KEYS = {"text", "rule", "message", "suggestion", "severity"}


@attrs.frozen
class RuleCase:
    """One named case: the articles, their dates and the findings expected of one rule."""

    rule: str
    name: str
    articles: tuple[tuple[str, str, dt.date | None], ...]  # (path, text, date)
    expected: tuple[dict[str, str], ...]
    todo: str = ""
    source: str = ""


@attrs.frozen
class CaseResult:
    """The outcome of one case: passed, and what was missing or unexpected."""

    case: RuleCase
    missing: tuple[dict[str, str], ...]
    unexpected: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """True when the findings matched exactly."""
        return not self.missing and not self.unexpected


def load_cases(path: Path, rule: str) -> list[RuleCase]:
    """Load the cases of one case file, checking keys and citing file, line and key."""
    raw, lines = load_yaml_mapping(path)
    cases = raw.get("cases")
    if not isinstance(cases, list):
        raise RuleFileError(str(path), lines.get("cases"), "cases", "must be a list of cases")
    return [_case(item, i, rule, path, lines) for i, item in enumerate(cases)]


def _case(item: Any, index: int, rule: str, path: Path, lines: dict[str, int]) -> RuleCase:
    """Build one RuleCase from its mapping."""
    where = f"cases.{index}"
    if not isinstance(item, dict):
        raise RuleFileError(str(path), lines.get(where), where, "a case must be a mapping")
    for key in item:
        if key not in CASE_KEYS:
            raise RuleFileError(str(path), lines.get(f"{where}.{key}"), f"{where}.{key}",
                                f"unknown key (allowed: {', '.join(sorted(CASE_KEYS))})")
    name = str(item.get("name") or f"case-{index}")
    date = _date(item.get("date"), path, lines, f"{where}.date")
    if "article" in item:
        articles = ((f"{name}.md", str(item["article"]), date),)
    elif isinstance(item.get("articles"), list):
        articles = tuple(_article(a, j, name, date, path, lines, where) for j, a in enumerate(item["articles"]))
    else:
        raise RuleFileError(str(path), lines.get(where), where, "a case needs 'article' or a list 'articles'")
    expected = item.get("findings", [])
    if not isinstance(expected, list) or not all(isinstance(e, dict) and set(e) <= EXPECT_KEYS for e in expected):
        raise RuleFileError(str(path), lines.get(f"{where}.findings"), f"{where}.findings",
                            f"must be a list of mappings with keys among: {', '.join(sorted(EXPECT_KEYS))}")
    return RuleCase(rule, name, articles, tuple({k: str(v) for k, v in e.items()} for e in expected),
                    str(item.get("todo", "")), str(path))


def _article(raw: Any, index: int, name: str, date: dt.date | None, path: Path, lines: dict[str, int], where: str):
    """One article of a multi-article case: text, optional date and path."""
    key = f"{where}.articles.{index}"
    if isinstance(raw, str):
        return (f"{name}-{index}.md", raw, date)
    if not isinstance(raw, dict) or "text" not in raw:
        raise RuleFileError(str(path), lines.get(key), key, "an article is a string or a mapping with 'text'")
    return (str(raw.get("path", f"{name}-{index}.md")), str(raw["text"]),
            _date(raw.get("date"), path, lines, f"{key}.date") or date)


def _date(value: Any, path: Path, lines: dict[str, int], key: str) -> dt.date | None:
    """A case date: a YAML date or an ISO string."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise RuleFileError(str(path), lines.get(key), key, f"not a date: {value!r}") from exc


def run_case(case: RuleCase, pack, resources, lexicon) -> CaseResult:
    """Check a case's articles with its rule alone and compare the findings exhaustively."""
    from checker.engine.pack import RulePack
    from checker.report.records import finding_record
    from checker.run.pipeline import check_documents
    from checker.text.ingest import document_from_text

    spec = pack.by_id(case.rule)
    if spec is None:
        raise RuleFileError(case.source, None, None, f"no rule '{case.rule}' in the rule pack")
    single = RulePack((attrs.evolve(spec, enabled=True),), pack.version)
    documents = [document_from_text(path, text, date_override=date) for path, text, date in case.articles]
    result = check_documents(documents, resources, single, lexicon)
    actual = [finding_record(f) for f in result.findings]
    missing = []
    for expected in case.expected:
        hit = next((a for a in actual if _matches(a, expected, case.rule)), None)
        if hit is None:
            missing.append(expected)
        else:
            actual.remove(hit)
    unexpected = tuple(f"{a['rule']}: {a['message']} ({', '.join(c['text'] for c in a['claims'])})" for a in actual)
    return CaseResult(case, tuple(missing), unexpected)


def _matches(actual: dict[str, Any], expected: dict[str, str], rule: str) -> bool:
    """True when a finding record meets every field an expectation names."""
    if actual["rule"] != expected.get("rule", rule):
        return False
    if "text" in expected and not any(c["text"].replace("\n", "") == expected["text"] for c in actual["claims"]):
        return False
    for key in ("message", "suggestion"):
        if key in expected and expected[key] not in actual[key]:
            return False
    return "severity" not in expected or actual["severity"] == expected["severity"]


def collect_case_files(case_dir: Path) -> dict[str, Path]:
    """Map rule id -> case file for every <kind>/<problem>.yaml below a folder."""
    return {f"{p.parent.name}.{p.stem}": p for p in sorted(case_dir.glob("*/*.yaml"))}
