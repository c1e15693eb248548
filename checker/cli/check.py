"""`hedui check`, `hedui claims`, `hedui baseline` and `hedui config`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from checker.cli.common import (
    add_common_options,
    add_input_options,
    add_run_options,
    as_path,
    check_output,
    choose_lang,
    document_paths,
    load_run,
    terminal_width,
    use_colour,
)
from checker.report.controls import escape_controls

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a fast start; pathlib waits too)

if TYPE_CHECKING:
    from pathlib import Path

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
FORMATS = ("text", "json", "sarif", "junit", "github", "html")


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    """Add the check, claims, baseline and config sub-commands (only `command`'s, when it is one of them)."""
    for name, add in (("check", _add_check), ("claims", _add_claims), ("baseline", _add_baseline),
                      ("config", _add_config)):
        if command in (None, name):
            add(sub)


def _add_check(sub: argparse._SubParsersAction) -> None:
    """Add `check`."""
    check = sub.add_parser("check", help="cross-check the figures of the articles with the rule pack")
    add_input_options(check)
    add_run_options(check)
    check.add_argument("--format", choices=FORMATS, default=None, help="report format (default: text, or the config's)")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default=None)
    check.add_argument("--output", metavar="FILE", help="write the report to FILE (atomically)")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not in this baseline")
    check.add_argument("--changed-since", metavar="REF",
                       help="report only findings that involve files changed since a git ref")
    check.add_argument("--against", action="append", default=[], metavar="DIR",
                       help="cross-check PATH against these articles, reporting only findings that involve PATH")
    fixing = check.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true",
                        help="apply the fixes that have exactly one right rewrite, then report what remains")
    fixing.add_argument("--diff", action="store_true",
                        help="print those fixes as a unified diff (apply with `patch -p1`) instead of a report; "
                             "exit 1 when there is something to fix")
    check.add_argument("--show-set-aside", action="store_true",
                       help="--format github: annotate findings set aside (baseline, dismissed, suppressed) "
                            "as ::notice")
    check.set_defaults(handler=run_check)


def _add_claims(sub: argparse._SubParsersAction) -> None:
    """Add `claims`."""
    claims = sub.add_parser("claims", help="print the claims understood from the articles")
    add_input_options(claims)
    add_run_options(claims)
    claims.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                        help="jsonl on stdout, or parquet: a folder (--output) partitioned by fact family")
    claims.add_argument("--output", metavar="DIR", help="with --format parquet: the folder to write")
    claims.set_defaults(handler=run_claims)


def _add_baseline(sub: argparse._SubParsersAction) -> None:
    """Add `baseline`."""
    baseline = sub.add_parser("baseline", help="write the current findings' fingerprints to a baseline file")
    add_input_options(baseline)
    add_run_options(baseline)
    baseline.add_argument("--output", metavar="FILE", required=True)
    baseline.set_defaults(handler=run_baseline)


def _add_config(sub: argparse._SubParsersAction) -> None:
    """Add `config`."""
    config = sub.add_parser("config", help="print the effective configuration and where each value came from")
    add_common_options(config)
    config.set_defaults(handler=run_config)


def run_check(args: argparse.Namespace) -> int:
    """Run the rules and report; exit 1 when a counted finding reaches --fail-on, 2 when an input failed.

    The output of a run that may be replayed is recorded (checker.cli.recording; `hedui` replays it before
    parsing the command line, from the words main keeps in args.argv).
    """
    from checker.cli import recording, replay

    argv = getattr(args, "argv", None)
    ticket = replay.make_ticket(argv) if argv and recording.recallable(vars(args)) else None
    if ticket is None:
        # Folders, standard input, --fix and the like: always a full run, never recorded.
        return _check(args)
    return _recorded_check(args, ticket)


def _recorded_check(args: argparse.Namespace, ticket) -> int:
    """A full run whose output is recorded for the next one, when it analysed nothing and no input moved."""
    import os
    import time

    from checker.cli import recording
    from checker.run.config import load_config
    from checker.text.rulesdir import find_rules_dir

    config = load_config(explicit=args.config)
    if not config.get("cache") or str(config.path("cache-dir")) != ticket.folder:
        # The ticket's folder is not this configuration's cache (caching is off, or --config names another).
        return _check(args, config)
    trees = [find_rules_dir()] + [as_path(d) for d in args.rules] + [config.root / d for d in config.get("rules")]
    files = [config.root / p for p in config.get("lexicons")] + [_decisions_path(args, config)]
    baseline = _baseline_path(args, config)
    # The discovered configuration's bytes are in the key; one named with --config is a file depended on.
    read = [args.config] if args.config else []
    # Folders given (or, with no PATH, the configuration's) are walked: their listings are depended on too.
    folders = [p for p in args.paths if os.path.isdir(p)] if args.paths else [str(config.root)]
    articles = [p for p in args.paths if p not in folders]
    deps = recording.dependencies(articles, trees, files + ([baseline] if baseline else []) + read, folders)
    if len(deps) > recording.MAX_DEPENDENCIES:
        # An archive: its recording would hold every file's state and the whole report in memory, and so would its
        # replay; a run's memory must not grow with the number of articles (nor hold this list while it runs).
        del deps
        return _check(args, config)
    since = time.time()
    marks = recording.stamps(deps, since)
    before = recording.snapshot(deps)
    notes: list[str] = []
    with recording.Recorder() as recorder:
        code = _check(args, config, notes)
    if notes or recorder.tainted or recording.snapshot(deps) != before:
        # Something was analysed (a cold run prints what a warm one does not), or an input changed meanwhile.
        return code
    recording.record(ticket, deps, before, marks, recorder.writes, code)
    return code


def _decisions_path(args: argparse.Namespace, config) -> Path:
    """The decisions file: --decisions, else the configuration's."""
    return as_path(args.decisions) if args.decisions else config.path("decisions")


def _baseline_path(args: argparse.Namespace, config) -> Path | None:
    """The baseline file: --baseline, else the configuration's, else none."""
    chosen = args.baseline or (str(config.path("baseline")) if config.get("baseline") else None)
    return as_path(chosen) if chosen else None


def _check(args: argparse.Namespace, config=None, notes: list[str] | None = None) -> int:
    """The full run of `check` (notes: collects what the analysis store rebuilt)."""
    from checker.run.config import load_config
    from checker.triage.decisions import load_decisions
    from checker.triage.status import load_baseline, triage

    check_output(args.output)
    config = config or load_config(explicit=args.config)
    report_format = args.format or config.get("format")
    # Every format but JSON shows lines, columns or sentences in context, so it needs the texts.
    fixing = getattr(args, "fix", False) or getattr(args, "diff", False)
    config, result, failed = load_run(args, extra_paths=args.against, light=True,
                                      needs_text=report_format != "json" or fixing, config=config, notes=notes)
    result = _focus(result, args)
    decisions = load_decisions(_decisions_path(args, config))
    baseline_file = _baseline_path(args, config)
    baseline = load_baseline(baseline_file) if baseline_file else {}
    verdicts = triage(result.findings, list(result.suppressions), decisions, baseline,
                      checked=document_paths(result.documents))
    for warning in verdicts.warnings:
        print(f"hedui: warning: {escape_controls(warning)}", file=sys.stderr)
    if baseline and verdicts.unmatched_baseline:
        gone = verdicts.unmatched_baseline
        print(f"hedui: {gone} baseline {'entry no longer matches' if gone == 1 else 'entries no longer match'} any "
              "finding (fixed since, or written by an older hedui: run `hedui baseline` again)"
              if choose_lang(args) == "en" else
              f"hedui: 基线中有 {gone} 条不再对应任何发现（已改正，或基线由旧版 hedui 写出："
              "请重新运行 `hedui baseline`）",
              file=sys.stderr)
    if fixing:
        from checker.cli.fix import run_fixes

        changed = run_fixes(result, verdicts, diff=args.diff)
        if args.diff:
            return 2 if failed else int(changed)
        if changed:
            # The report shows the articles as they now are: check them again, without fixing.
            return run_check(argparse.Namespace(**{**vars(args), "fix": False}))
    _write_report(result, verdicts, report_format, args)
    if failed:
        return 2
    threshold = SEVERITY_RANK[args.fail_on or config.get("fail-on")]
    # One walk of the findings, none kept (a large run's findings are a log on disk).
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold and verdicts.counts(f) for f in result.findings) else 0


def _focus(result, args: argparse.Namespace):
    """Keep only findings that involve the files of interest (--against, --changed-since)."""
    from pathlib import Path

    import attrs

    from checker.run.files import collect_paths

    keep: set[str] | None = None
    if args.against:
        # The files of interest: every document read but the archive's (PATHs may be left to `include`).
        archive = {str(Path(p).resolve()) for p in collect_paths(list(args.against))[0]}
        keep = {d.path for d in result.documents if str(Path(d.path).resolve()) not in archive}
    if args.changed_since:
        changed = _changed_files(args.changed_since)
        keep = changed if keep is None else keep & changed
    if keep is None:
        return result
    wanted = {str(Path(p).resolve()) for p in keep}

    def involves(finding) -> bool:
        docs = {c.doc for c in finding.claims} | {d for d, _, _ in finding.spans}
        return any(str(Path(d).resolve()) in wanted for d in docs)

    return attrs.evolve(result, findings=tuple(f for f in result.findings if involves(f)))


def _changed_files(ref: str) -> set[str]:
    """Files changed since a git ref (committed or not), as paths from the working directory."""
    import subprocess
    from pathlib import Path

    from checker.errors import HeduiError

    try:
        top = _git("rev-parse", "--show-toplevel").strip()
        names = _git("diff", "--name-only", ref)
        untracked = _git("ls-files", "--others", "--exclude-standard")
    except (OSError, subprocess.CalledProcessError) as exc:
        raise HeduiError(f"--changed-since {ref}: git failed: {getattr(exc, 'stderr', '') or exc}".strip()) from exc
    return {str(Path(top) / name) for name in (names + untracked).split("\n") if name}


def _git(*argv: str) -> str:
    """The output of a git command; raises CalledProcessError when it fails."""
    import subprocess

    return subprocess.run(["git", *argv], capture_output=True, text=True, check=True).stdout


def _write_report(result, verdicts, report_format: str, args: argparse.Namespace) -> None:
    """Render the report in the chosen format and write it (atomically to --output)."""
    from checker.writefile import write_output

    statuses, reasons = verdicts.statuses, verdicts.reasons
    report: str | Iterable[str]
    if report_format == "json":
        from checker.report.json_report import render_json_pieces

        # Written piece by piece: the list of documents is never held whole.
        report = render_json_pieces(result, statuses=statuses, reasons=reasons, stale=verdicts.stale_decisions)
    elif report_format == "sarif":
        from checker.report.sarif import render_sarif_pieces

        report = render_sarif_pieces(result, statuses=statuses, reasons=reasons, lang=choose_lang(args))
    elif report_format == "junit":
        from checker.report.junit import render_junit_pieces

        report = render_junit_pieces(result, statuses=statuses)
    elif report_format == "github":
        from checker.report.github import render_github

        report = render_github(result, statuses=statuses, set_aside_notices=args.show_set_aside)
    elif report_format == "html":
        from checker.report.html import render_html

        report = render_html(result, statuses=statuses)
    else:
        from checker.report.text import render_text_pieces

        report = render_text_pieces(result, colour=use_colour(args, args.output), statuses=statuses,
                             stale=verdicts.stale_decisions, lang=choose_lang(args),
                             width=None if args.output else terminal_width())
    write_output(report, args.output, protect=document_paths(result.documents))


def run_claims(args: argparse.Namespace) -> int:
    """Print one JSON line per claim."""
    import json

    from checker.report.records import claim_record

    if args.format == "parquet":
        if not args.output:
            print("hedui: error: --format parquet 需要 --output DIR", file=sys.stderr)
            return 2
        _, _, failed = load_run(args, light=True, needs_text=False, claims_to=args.output)
        print(f"hedui: claims written to {escape_controls(args.output)}", file=sys.stderr)
        return 2 if failed else 0
    _, result, failed = load_run(args)
    for claim in result.claims:
        sys.stdout.write(json.dumps(claim_record(claim), ensure_ascii=False) + "\n")
    return 2 if failed else 0


def run_baseline(args: argparse.Namespace) -> int:
    """Write every current finding's fingerprint to the baseline file."""
    from checker.report.words import count
    from checker.triage.status import render_baseline
    from checker.writefile import write_output

    check_output(args.output)
    _, result, failed = load_run(args, light=True, needs_text=False)
    write_output(render_baseline(result.findings), args.output, protect=[d.path for d in result.documents])
    written = count(len(result.findings), "finding", choose_lang(args))
    print(f"hedui: baseline of {written} written to {args.output}" if choose_lang(args) == "en"
          else f"hedui: 已将 {written}写入基线 {args.output}", file=sys.stderr)
    return 2 if failed else 0


def run_config(args: argparse.Namespace) -> int:
    """Print the effective configuration."""
    from checker.run.config import load_config, render_config

    sys.stdout.write(render_config(load_config(explicit=args.config)))
    return 0
