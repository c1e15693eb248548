"""`hedui rules list`, `hedui rules show RULE` and `hedui rules test DIR`: inspect a rule pack and run its cases."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker.cli.common import add_common_options, choose_lang


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    """Add the rules sub-command and its actions."""
    rules = sub.add_parser("rules", help="list, show or test the rules")
    actions = rules.add_subparsers(dest="action")
    listing = actions.add_parser("list", help="list the rules of the pack (with the configuration's settings)")
    add_common_options(listing)
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="print a rule's description, examples and parameters")
    show.add_argument("rule", metavar="RULE", help="a rule id, e.g. growth.increase-by-vs-to")
    add_common_options(show)
    show.set_defaults(handler=run_show)
    test = actions.add_parser("test", help="run rule case files (<kind>/<problem>.yaml) against the pack")
    test.add_argument("case_dir", metavar="DIR", help="folder of case files mirroring the rule folders")
    add_common_options(test)
    test.set_defaults(handler=run_test)
    rules.set_defaults(handler=lambda args: (rules.print_help(sys.stderr), 2)[1])


def load_configured_pack(args: argparse.Namespace):
    """The rule pack and lexicon of --rules and the configuration's rules, lexicons, disable and severity."""
    from checker.run.assemble import apply_rule_settings
    from checker.run.config import load_config
    from checker.run.pipeline import load_pack_and_lexicon

    config = load_config(explicit=args.config)
    rule_dirs = [Path(d) for d in args.rules] + [config.root / d for d in config.get("rules")]
    pack, lexicon = load_pack_and_lexicon(rule_dirs, [config.root / p for p in config.get("lexicons")])
    return apply_rule_settings(pack, config), lexicon


def run_list(args: argparse.Namespace) -> int:
    """Print one line per rule: id, severity, enabled, description."""
    from checker.report.words import severity_word

    pack, _ = load_configured_pack(args)
    lang = choose_lang(args)
    for spec in pack.rules:
        state = ("on " if spec.enabled else "off") if lang == "en" else ("启用" if spec.enabled else "关闭")
        summary = spec.describe(lang).splitlines()[0] if spec.describe(lang) else ""
        print(f"{spec.id:<40} {severity_word(spec.severity, lang):<8} {state} {summary}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print one rule: id, kind, severity, state, description, message, examples, parameters, references."""
    import attrs

    from checker.errors import HeduiError
    from checker.report.controls import escape_controls
    from checker.report.words import severity_word

    pack, _ = load_configured_pack(args)
    spec = pack.by_id(args.rule)
    if spec is None:
        raise HeduiError(f"unknown rule id '{args.rule}' (see `hedui rules list`)")
    lang = choose_lang(args)
    en = lang == "en"
    heads = ("kind", "severity", "enabled", "message", "examples", "parameters", "references", "file") if en else (
        "类型", "级别", "启用", "提示信息", "示例", "参数", "参考", "文件")
    lines = [spec.id, "", spec.describe(lang), "",
             f"{heads[0]}: {spec.kind}", f"{heads[1]}: {severity_word(spec.severity, lang)}",
             f"{heads[2]}: {('yes' if en else '是') if spec.enabled else ('no' if en else '否')}",
             f"{heads[3]}: {spec.message}"]
    if spec.examples:
        lines += ["", f"{heads[4]}:"]
        lines += [f"  {key}: {str(text).strip()}" for example in spec.examples for key, text in example.items()]
    params = attrs.asdict(spec.params) if attrs.has(type(spec.params)) else {}
    if params:
        lines += ["", f"{heads[5]}:"] + [f"  {key}: {value}" for key, value in params.items()]
    if spec.references:
        lines += ["", f"{heads[6]}:"] + [f"  - {ref}" for ref in spec.references]
    lines += ["", f"{heads[7]}: {spec.path}"]
    sys.stdout.write("".join(escape_controls(line) + "\n" for line in lines))
    return 0


def run_test(args: argparse.Namespace) -> int:
    """Run every case file below DIR; exit 1 when a case fails, 2 for a bad case file."""
    from checker.errors import HeduiError
    from checker.extract.resources import load_resources
    from checker.testing import collect_case_files, load_cases, run_case

    case_dir = Path(args.case_dir)
    if not case_dir.is_dir():
        raise HeduiError(f"{case_dir}: no such directory")
    resources = load_resources()
    pack, lexicon = load_configured_pack(args)
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
