"""Options and steps shared by the sub-commands: input and run options, the run itself, output checks."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from checker.report.controls import escape_controls

if TYPE_CHECKING:
    from checker.run.config import Config
    from checker.run.pipeline import CheckResult


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by every command that reads articles."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories")
    parser.add_argument("--date", type=parse_date, help="document date for every article (YYYY-MM-DD)")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="an extra rules directory")


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Options of every command that runs the pipeline."""
    parser.add_argument("--config", metavar="FILE", type=Path, help="configuration file (default: discovered)")
    parser.add_argument("--decisions", metavar="FILE", help="editors' decisions file (default: hedui-decisions.yaml)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write .hedui-cache/")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def parse_date(text: str) -> dt.date:
    """Parse --date, with argparse's own error on a bad value."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def load_run(args: argparse.Namespace, extra_paths: Sequence[str] = (), light: bool = False, needs_text: bool = True,
             config: Config | None = None) -> tuple[Config, CheckResult, bool]:
    """Run the pipeline for a command's options, telling the user of inputs that failed; (config, result, failed)."""
    from checker.run.assemble import RunRequest, assemble_run
    from checker.run.config import load_config

    request = RunRequest(paths=tuple(args.paths) + tuple(extra_paths), rules=tuple(args.rules), date=args.date,
                         use_cache=not args.no_cache, progress=not args.quiet, light=light, needs_text=needs_text)
    outcome = assemble_run(request, config or load_config(explicit=args.config), warn=warn)
    for line in outcome.errors:
        print(f"hedui: error: {escape_controls(line)}", file=sys.stderr)
    return outcome.config, outcome.result, outcome.failed


def warn(line: str) -> None:
    """Print a warning about the inputs."""
    print(f"hedui: warning: {escape_controls(line)}", file=sys.stderr)


def check_output(output: str | None) -> None:
    """Refuse an --output that is a directory, symlink, FIFO or device before any work is done."""
    from checker.writefile import check_target

    if output:
        check_target(Path(output))
