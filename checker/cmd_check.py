"""`hedui check` and `hedui claims`: claims, linking and rules over a set of articles."""

from __future__ import annotations

import argparse
import json
import sys

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the check and claims sub-commands."""
    from checker.cli import _add_input_options

    check = sub.add_parser("check", help="cross-check the figures of the articles with the rule pack")
    _add_input_options(check)
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default="error")
    check.add_argument("--output", metavar="FILE", help="write the report to FILE (atomically)")
    check.set_defaults(handler=run_check)
    claims = sub.add_parser("claims", help="print the claims understood from the articles")
    _add_input_options(claims)
    claims.add_argument("--format", choices=("jsonl",), default="jsonl")
    claims.set_defaults(handler=run_claims)


def load_run(args: argparse.Namespace):
    """Read the documents and load resources, pack and lexicon; return them with the read errors."""
    from pathlib import Path

    from checker.cli import read_documents
    from checker.pipeline import load_pack_and_lexicon
    from checker.resources import load_resources

    resources = load_resources()
    pack, lexicon = load_pack_and_lexicon([Path(d) for d in args.rules])
    documents, errors = [], []
    for _, doc in read_documents(args):
        (errors if isinstance(doc, str) else documents).append(doc)
    for line in errors:
        print(f"hedui: error: {line}", file=sys.stderr)
    return resources, pack, lexicon, documents, errors


def run_check(args: argparse.Namespace) -> int:
    """Run the rules; exit 1 when a finding reaches --fail-on, 2 when an input failed."""
    from checker.pipeline import check_documents
    from checker.report.json_report import render_json
    from checker.report.text import render_text
    from checker.writefile import write_output

    resources, pack, lexicon, documents, errors = load_run(args)
    result = check_documents(documents, resources, pack, lexicon)
    if args.format == "json":
        report = render_json(result)
    else:
        report = render_text(result, colour=sys.stdout.isatty() and not args.output)
    write_output(report, args.output)
    if errors:
        return 2
    threshold = SEVERITY_RANK[args.fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings) else 0


def run_claims(args: argparse.Namespace) -> int:
    """Print one JSON line per claim."""
    from checker.pipeline import claims_of
    from checker.report.records import claim_record

    resources, _, lexicon, documents, errors = load_run(args)
    for doc in documents:
        for claim in claims_of(doc, resources, lexicon):
            sys.stdout.write(json.dumps(claim_record(claim), ensure_ascii=False) + "\n")
    return 2 if errors else 0
