"""`hedui rules list` and `hedui rules test DIR`: inspect a rule pack and run its cases."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the rules sub-command and its actions."""
    rules = sub.add_parser("rules", help="list rules or run rule test cases")
    actions = rules.add_subparsers(dest="action")
    listing = actions.add_parser("list", help="list the rules of the pack")
    listing.add_argument("--rules", action="append", default=[], metavar="DIR")
    listing.set_defaults(handler=run_list)
    test = actions.add_parser("test", help="run rule case files (<kind>/<problem>.yaml) against the pack")
    test.add_argument("case_dir", metavar="DIR", help="folder of case files mirroring the rule folders")
    test.add_argument("--rules", action="append", default=[], metavar="DIR", help="an extra rules directory")
    test.set_defaults(handler=run_test)
    rules.set_defaults(handler=lambda args: (rules.print_help(sys.stderr), 2)[1])


def run_list(args: argparse.Namespace) -> int:
    """Print one line per rule: id, severity, enabled, description."""
    from checker.run.pipeline import load_pack_and_lexicon

    pack, _ = load_pack_and_lexicon([Path(d) for d in args.rules])
    for spec in pack.rules:
        state = "on " if spec.enabled else "off"
        summary = spec.description.strip().splitlines()[0] if spec.description else ""
        print(f"{spec.id:<40} {spec.severity:<8} {state} {summary}")
    return 0


def run_test(args: argparse.Namespace) -> int:
    """Run every case file below DIR; exit 1 when a case fails, 2 for a bad case file."""
    from checker.errors import HeduiError
    from checker.extract.resources import load_resources
    from checker.run.pipeline import load_pack_and_lexicon
    from checker.testing import collect_case_files, load_cases, run_case

    case_dir = Path(args.case_dir)
    if not case_dir.is_dir():
        raise HeduiError(f"{case_dir}: no such directory")
    resources = load_resources()
    pack, lexicon = load_pack_and_lexicon([Path(d) for d in args.rules])
    passed = failed = todo = 0
    for rule, path in collect_case_files(case_dir).items():
        for case in load_cases(path, rule):
            result = run_case(case, pack, resources, lexicon)
            if case.todo:
                todo += 1
                if result.passed:
                    # A known miss that now works: say so, so its todo can go.
                    print(f"TODO PASSES {rule}::{case.name} (remove its todo)")
                continue
            if result.passed:
                passed += 1
                continue
            failed += 1
            print(f"FAIL {rule}::{case.name}")
            for item in result.missing:
                print(f"  missing:    {item}")
            for line in result.unexpected:
                print(f"  unexpected: {line}")
    print(f"{passed} passed, {failed} failed" + (f", {todo} skipped" if todo else ""))
    return 1 if failed else 0
