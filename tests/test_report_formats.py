"""Tests for the SARIF, JUnit XML and GitHub workflow-command reports."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import attrs
import jsonschema
import pytest

from checker import __version__
from checker.engine.runner import fingerprint
from checker.model import Finding, Span
from checker.report.github import escape_data, escape_property, render_github
from checker.report.junit import render_junit
from checker.report.records import finding_record
from checker.report.sarif import align_replacement, pick_replacement, render_sarif, split_locations
from checker.run.pipeline import check_documents, load_pack_and_lexicon
from checker.text.ingest import document_from_text, read_document

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
ASTRAL = "\U00020000\U0001F600"  # two characters outside the BMP: 4 UTF-16 code units, 2 code points
RANGE_TEXT = f"{ASTRAL}投资成本仅为沿海的60~70%。\n另有2～5万人、30~40%和1~2%。\n"
WORKFLOW_COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice)"
    r"(?: (?P<props>[A-Za-z]+=[^,:\r\n]*(?:,[A-Za-z]+=[^,:\r\n]*)*))?"
    r"::(?P<data>[^\r\n]*)$"
)
ESCAPES = re.compile(r"%(?!25|0D|0A|3A|2C)")


@pytest.fixture(scope="module")
def pack_and_lexicon():
    """The default rule pack and claim lexicon."""
    return load_pack_and_lexicon([])


@pytest.fixture(scope="module")
def seed_result(resources, pack_and_lexicon):
    """The check of the repository's seed articles."""
    docs = [read_document(str(p.relative_to(ROOT))) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return check_documents(docs, resources, *pack_and_lexicon)


@pytest.fixture(scope="module")
def range_result(resources, pack_and_lexicon):
    """A check with several range-unit warnings, astral characters before the first, and an awkward file name."""
    docs = [document_from_text("dir/a:b,c 文.txt", RANGE_TEXT.encode("utf-8"))]
    return check_documents(docs, resources, *pack_and_lexicon)


def findings_of(result, rule: str) -> list[Finding]:
    """The findings of one rule."""
    return [f for f in result.findings if f.rule == rule]


# --- SARIF -----------------------------------------------------------------------------------


def validate_sarif(log: dict) -> None:
    """Validate a SARIF log against the schema subset."""
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    jsonschema.Draft7Validator(SCHEMA).validate(log)


def assert_consumable(log: dict, result) -> None:
    """What a SARIF consumer relies on: rules resolve, regions point at their snippets, fingerprints exist."""
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    texts = {d.path: d.text for d in result.documents}
    artifact_paths = [unquote(a["location"]["uri"]) for a in run["artifacts"]]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len({r["id"] for r in rules}) == len(rules)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["partialFingerprints"]["heduiFingerprint/v1"]
        locations = res.get("locations", []) + res.get("relatedLocations", [])
        fix_regions = [
            (change["artifactLocation"], rep["deletedRegion"])
            for fix in res.get("fixes", []) for change in fix["artifactChanges"] for rep in change["replacements"]
        ]
        for artifact, region in [(loc["physicalLocation"]["artifactLocation"], loc["physicalLocation"]["region"])
                                 for loc in locations] + fix_regions:
            path = unquote(artifact["uri"])
            assert artifact_paths[artifact["index"]] == path
            assert_region(texts[path], region)
        ids = [loc["id"] for loc in res.get("relatedLocations", [])]
        assert len(ids) == len(set(ids))


def assert_region(text: str, region: dict) -> None:
    """A region's lines, columns (code points) and offsets all select its snippet."""
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
    start, length = region["charOffset"], region["charLength"]
    assert region["snippet"]["text"] == text[start:start + length]
    lines = text.split("\n")
    if region["startLine"] == region["endLine"]:
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
    line_start = sum(len(line) + 1 for line in lines[:region["startLine"] - 1])
    assert line_start + region["startColumn"] - 1 == start


def test_sarif_of_seeds_validates_and_is_consumable(seed_result):
    """The seeds' SARIF log validates against the schema and resolves for a consumer."""
    log = json.loads(render_sarif(seed_result))
    validate_sarif(log)
    assert_consumable(log, seed_result)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("hedui", __version__)
    assert [r["id"] for r in driver["rules"]] == [r.id for r in seed_result.pack.rules]
    assert len(run["results"]) == len(seed_result.findings)
    assert [a["location"]["uri"] for a in run["artifacts"]] == [d.path for d in seed_result.documents]
    assert all(a["location"]["uriBaseId"] == "%SRCROOT%" for a in run["artifacts"])


def test_sarif_rule_descriptors(seed_result):
    """Every rule carries descriptions, help with its examples, a mapped level, kind and references."""
    run = json.loads(render_sarif(seed_result))["runs"][0]
    specs = {r.id: r for r in seed_result.pack.rules}
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for rule in run["tool"]["driver"]["rules"]:
        spec = specs[rule["id"]]
        assert rule["shortDescription"]["text"] and "\n" not in rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] == spec.description.strip()
        assert rule["defaultConfiguration"]["level"] == levels[spec.severity]
        assert rule["properties"]["kind"] == spec.kind
        assert rule["properties"]["references"] == list(spec.references)
        for example in spec.examples:
            for text in example.values():
                assert text.strip() in rule["help"]["text"] and text.strip() in rule["help"]["markdown"]


def test_sarif_multi_claim_finding_has_related_locations(seed_result):
    """A growth finding points at its stated multiple and relates the two levels."""
    finding = findings_of(seed_result, "growth.increase-by-vs-to")[0]
    run = json.loads(render_sarif(seed_result))["runs"][0]
    res = next(r for r in run["results"]
               if r["partialFingerprints"]["heduiFingerprint/v1"] == fingerprint(finding))
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] == finding.claims[-1].mention.text
    related = [loc["physicalLocation"]["region"]["snippet"]["text"] for loc in res["relatedLocations"]]
    assert related == [c.mention.text for c in finding.claims[:-1]]
    assert all(loc["message"]["text"] for loc in res["relatedLocations"])
    assert res["message"]["text"].startswith(finding.message)
    assert finding.arithmetic in res["message"]["text"] and finding.suggestion in res["message"]["text"]


def test_sarif_columns_count_code_points(range_result):
    """Columns and offsets count a character outside the BMP once, as the run's columnKind says."""
    log = json.loads(render_sarif(range_result))
    validate_sarif(log)
    assert_consumable(log, range_result)
    first = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    region = first["region"]
    offset = RANGE_TEXT.index("60~70%")
    assert (region["startLine"], region["startColumn"], region["charOffset"]) == (1, offset + 1, offset)
    assert region["endColumn"] == offset + 1 + len("60~70%")
    assert first["artifactLocation"]["uri"] == "dir/a%3Ab%2Cc%20%E6%96%87.txt"


def test_sarif_fix_rewrites_the_region(range_result):
    """A quoted suggestion becomes a fix whose replacement, applied, gives the suggested text."""
    run = json.loads(render_sarif(range_result))["runs"][0]
    fix = run["results"][0]["fixes"][0]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    region = replacement["deletedRegion"]
    start, end = region["charOffset"], region["charOffset"] + region["charLength"]
    fixed = RANGE_TEXT[:start] + replacement["insertedContent"]["text"] + RANGE_TEXT[end:]
    assert "沿海的60%~70%。" in fixed


def test_fix_alignment_widens_over_repeated_words():
    """A suggestion repeating the words before the figure replaces them too, and drops a word it omits."""
    text = "四年增长22.2倍；"
    start = text.index("22.2倍")
    assert align_replacement(text, start, start + 5, "增长到22.2倍") == (2, start + 5)
    text = "四年增长到22.2倍；"
    start = text.index("22.2倍")
    assert align_replacement(text, start, start + 5, "增长22.2倍") == (2, start + 5)
    assert align_replacement("占比50%。", 2, 5, "40.0%") == (2, 5)


def test_pick_replacement_takes_the_first_quoted_alternative():
    """“A”或“B” gives A; advice that is not a quoted rewrite gives no fix."""
    assert pick_replacement("“增长到22.2倍”或“增长21.2倍”") == "增长到22.2倍"
    assert pick_replacement("“60%~70%”") == "60%~70%"
    assert pick_replacement("核对日期或改为“星期三”") is None
    assert pick_replacement("") is None


def test_sarif_suppressions_for_dismissed_and_suppressed(range_result):
    """Dismissed findings carry an external suppression with its reason, suppressed ones an inSource one."""
    first, second, *_ = [fingerprint(f) for f in range_result.findings]
    statuses = {first: "dismissed", second: "suppressed"}
    log = json.loads(render_sarif(range_result, statuses, reasons={first: "作者确认原文如此"}))
    validate_sarif(log)
    results = {r["partialFingerprints"]["heduiFingerprint/v1"]: r for r in log["runs"][0]["results"]}
    external = {"kind": "external", "status": "accepted", "justification": "作者确认原文如此"}
    assert results[first]["suppressions"] == [external]
    assert results[second]["suppressions"] == [{"kind": "inSource", "status": "accepted"}]
    others = [r for fp, r in results.items() if fp not in statuses]
    assert others and all("suppressions" not in r and r["baselineState"] == "new" for r in others)
    assert len(results) == len(range_result.findings)


def test_schema_subset_rejects_what_the_official_schema_rejects(seed_result):
    """The subset keeps the official constraints: version, level enum, startLine minimum, suppression kind."""
    validator = jsonschema.Draft7Validator(SCHEMA)
    text = render_sarif(seed_result)
    breakages = [
        lambda log, res: log.update(version="2.0.0"),
        lambda log, res: res.update(level="info"),
        lambda log, res: res["locations"][0]["physicalLocation"]["region"].update(startLine=0),
        lambda log, res: res["locations"][0]["physicalLocation"]["region"].update(charLength=-1),
        lambda log, res: res.update(suppressions=[{"kind": "dismissed"}]),
        lambda log, res: res.update(message={}),
        lambda log, res: log["runs"][0]["tool"]["driver"]["rules"][0].pop("id"),
        lambda log, res: log["runs"][0].update(columnKind="bytes"),
        lambda log, res: res.update(unknownProperty=1),
    ]
    assert validator.is_valid(json.loads(text))
    for breaking in breakages:
        log = json.loads(text)
        breaking(log, log["runs"][0]["results"][0])
        assert not validator.is_valid(log)


# --- JUnit -----------------------------------------------------------------------------------


def failing_findings(result, statuses=None) -> list:
    """The findings that should fail a test case: counted errors and warnings."""
    hidden = ("baseline", "dismissed", "suppressed")
    return [f for f in result.findings
            if f.severity in ("error", "warning") and (statuses or {}).get(fingerprint(f), "new") not in hidden]


def failing_count(result, statuses=None) -> int:
    """How many test cases (files) should fail: those holding a counted error or warning."""
    return len({split_locations(finding_record(f))[0]["doc"] for f in failing_findings(result, statuses)})


def test_junit_structure_and_counts(seed_result):
    """One suite, one case per document, one failure per failing document listing its problems, info in system-out."""
    root = ET.fromstring(render_junit(seed_result))
    suites = root.findall("testsuite")
    assert root.tag == "testsuites" and len(suites) == 1 and suites[0].get("name") == "hedui"
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == [d.path for d in seed_result.documents]
    assert all(c.get("classname") == "hedui" for c in cases)
    failures = [f for c in cases for f in c.findall("failure")]
    assert len(failures) == failing_count(seed_result)
    assert suites[0].get("tests") == str(len(cases)) and suites[0].get("failures") == str(len(failures))
    assert root.get("tests") == str(len(cases)) and root.get("failures") == str(len(failures))
    rules = {f.rule for f in seed_result.findings}
    assert all(f.get("type") in rules and f.get("message") and re.search(r":\d+:\d+: ", f.text) for f in failures)
    bodies = "\n".join(f.text for f in failures)
    assert all(fingerprint(f) in bodies for f in failing_findings(seed_result))
    infos = [f for f in seed_result.findings if f.severity == "info"]
    outs = "\n".join(c.findtext("system-out", "") for c in cases)
    assert all(f.message in outs for f in infos)


def test_junit_reads_with_junitparser(seed_result):
    """A JUnit reader sees the same tests and failures as the counts written in the file."""
    junitparser = pytest.importorskip("junitparser")
    xml = junitparser.JUnitXml.fromstring(render_junit(seed_result))
    suite = next(iter(xml))
    stated = (suite.tests, suite.failures, suite.errors)
    suite.update_statistics()
    assert stated == (suite.tests, suite.failures, suite.errors) == (
        len(seed_result.documents), failing_count(seed_result), 0)
    case = next(c for c in suite if any(isinstance(r, junitparser.Failure) for r in c.result))
    assert all(r.type and r.message for r in case.result if isinstance(r, junitparser.Failure))


def test_junit_escapes_and_omits_dismissed(range_result):
    """Odd characters round-trip through XML, and a dismissed finding is no failure."""
    dismissed = fingerprint(range_result.findings[0])
    root = ET.fromstring(render_junit(range_result, {dismissed: "dismissed"}))
    case = root.find("testsuite/testcase")
    assert case.get("name") == "dir/a:b,c 文.txt"
    assert len(case.findall("failure")) == failing_count(range_result, {dismissed: "dismissed"}) == 1
    assert all(dismissed not in (f.text or "") for f in case.findall("failure"))
    assert "(dismissed)" in case.findtext("system-out") and dismissed in case.findtext("system-out")


# --- GitHub ----------------------------------------------------------------------------------


def parse_command(line: str) -> dict:
    """The command, unescaped properties and unescaped data of one workflow-command line."""
    match = WORKFLOW_COMMAND.match(line)
    assert match, line
    assert not ESCAPES.search(line), line
    props = dict(p.split("=", 1) for p in match["props"].split(",")) if match["props"] else {}
    return {"command": match["command"], **{k: unescape(v) for k, v in props.items()}, "data": unescape(match["data"])}


def unescape(text: str) -> str:
    """Undo workflow-command escaping, %25 last."""
    for code, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_commands_follow_the_grammar(seed_result):
    """Every line is a workflow command, most severe first, with location and rule title."""
    lines = render_github(seed_result).splitlines()
    commands = [parse_command(line) for line in lines]
    assert len(commands) == len(seed_result.findings)
    order = {"error": 0, "warning": 1, "notice": 2}
    assert [order[c["command"]] for c in commands] == sorted(order[c["command"]] for c in commands)
    paths = {d.path for d in seed_result.documents}
    assert all(c["file"] in paths and int(c["line"]) >= 1 and c["title"] for c in commands)


def test_github_escapes_file_names_and_messages(range_result):
    """':' and ',' in a file name and newline and '%' in a message are escaped, and unescape back."""
    doc = range_result.documents[0]
    start = doc.text.index("60~70%")
    finding = Finding(rule="wording.range-unit-omitted", kind="wording", severity="warning",
                      message="第一行 50%\r\n第二行: a,b", claims=(),
                      spans=((doc.path, Span(start, start + 6), "60~70%"),))
    result = attrs.evolve(range_result, findings=(finding,))
    (line,) = render_github(result).splitlines()
    command = parse_command(line)
    assert command["file"] == "dir/a:b,c 文.txt" and command["data"] == finding.message
    assert "file=dir/a%3Ab%2Cc 文.txt," in line and "::第一行 50%25%0D%0A第二行: a,b" in line
    assert (command["line"], command["col"], command["endColumn"]) == ("1", str(start + 1), str(start + 7))
    assert escape_data("100%\n") == "100%25%0A" and escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_limit_and_trailer(range_result):
    """With limit=1 one annotation per level is printed and a last plain line counts the rest."""
    lines = render_github(range_result, limit=1).splitlines()
    *commands, trailer = lines
    levels = [parse_command(line)["command"] for line in commands]
    assert len(levels) == len(set(levels))
    hidden = len(range_result.findings) - len(commands)
    assert hidden > 1
    assert trailer == f"hedui: {hidden} more findings not shown as annotations (see the full report)"
    assert not trailer.startswith("::")
    assert "not shown" not in render_github(range_result, limit=100)


def test_github_omits_dismissed_and_suppressed(range_result):
    """Dismissed and suppressed findings are not annotated; accepted and baseline ones are."""
    fps = [fingerprint(f) for f in range_result.findings]
    statuses = {fps[0]: "dismissed", fps[1]: "suppressed", fps[2]: "accepted"}
    lines = render_github(range_result, statuses, limit=100).splitlines()
    assert len(lines) == len(fps) - 2
    shown = {parse_command(line)["data"] for line in lines}
    assert {f.message for f in range_result.findings[2:]} <= {data.split("\n")[0] for data in shown}
    assert not {f.message for f in range_result.findings[:2]} & {data.split("\n")[0] for data in shown}
