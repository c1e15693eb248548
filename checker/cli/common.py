"""Options and steps shared by the sub-commands: input and run options, the run itself, output checks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from checker.report.controls import escape_controls

LANGS = ("zh", "en")
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a fast start; pathlib waits too)

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from checker.run.config import Config
    from checker.run.pipeline import CheckResult


class Parser(argparse.ArgumentParser):
    """argparse's parser, measuring the terminal with os alone (argparse's formatter imports shutil and its
    archive modules for every option declared: a fifth of a warm start)."""

    def _get_formatter(self) -> argparse.HelpFormatter:
        """A help formatter as wide as the terminal, as shutil.get_terminal_size would say."""
        return self.formatter_class(prog=self.prog, width=_columns() - 2)  # type: ignore[call-arg]


def _columns() -> int:
    """The terminal's columns: COLUMNS when set, else the terminal's own size, else 80."""
    import os

    text = os.environ.get("COLUMNS", "")
    if text.isdigit() and int(text) > 0:
        return int(text)
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        # Not a terminal (or no standard output at all): argparse's own fallback.
        return 80


def add_common_options(parser: argparse.ArgumentParser, rules: bool = True) -> None:
    """Options every sub-command takes: configuration, rule folders, language, colour, quiet."""
    parser.add_argument("--config", metavar="FILE", type=as_path, help="configuration file (default: discovered)")
    if rules:
        parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="an extra rules directory")
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help="language of severities, summaries and rule descriptions (default: from the locale)")
    parser.add_argument("--color", "--colour", dest="color", choices=("auto", "always", "never"), default="auto",
                        help="colour the terminal output (NO_COLOR and FORCE_COLOR are honoured in auto)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by every command that reads articles."""
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files or directories; '-' reads standard input "
                             "(default: the configuration's include patterns below its folder)")
    parser.add_argument("--date", type=parse_date, help="document date for every article (YYYY-MM-DD)")
    parser.add_argument("--no-ignore", action="store_true", help="also read files that .gitignore ignores")
    parser.add_argument("--allow-empty", action="store_true", help="finding no article is no error (exit 0)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name of the article read from '-'")
    add_common_options(parser)


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Options of every command that runs the pipeline."""
    parser.add_argument("--decisions", metavar="FILE", help="editors' decisions file (default: hedui-decisions.yaml)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write .hedui-cache/")
    parser.add_argument("--verbose", action="store_true", help="say which cache entries were rebuilt and why")
    parser.add_argument("--jobs", type=_jobs, metavar="N", help="worker processes (default: one per core)")
    parser.add_argument("--engine", choices=("local", "dask"), help="where articles are analysed (default: local)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: an existing cluster's scheduler")


def _jobs(text: str) -> int:
    """Parse --jobs, with argparse's own error on a bad value."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes (1 or more): {text!r}")
    return int(text)


def as_path(text: str) -> Path:
    """An option's path as a Path (pathlib imported only when the option is given)."""
    from pathlib import Path

    return Path(text)


def parse_date(text: str) -> dt.date:
    """Parse --date, with argparse's own error on a bad value."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def load_run(args: argparse.Namespace, extra_paths: Sequence[str] = (), light: bool = False, needs_text: bool = True,
             config: Config | None = None, claims_to: str | None = None,
             notes: list[str] | None = None) -> tuple[Config, CheckResult, bool]:
    """Run the pipeline for a command's options, telling the user of inputs that failed; (config, result, failed).

    notes: collects each line about what the analysis store rebuilt (printed with --verbose).
    """
    from checker.cli.inputs import (
        describe_doubtful,
        rename_documents,
        rename_line,
        replace_stdin,
        select_articles,
        stdin_article,
    )
    from checker.run.assemble import RunRequest, assemble_run
    from checker.run.config import load_config

    config = config or load_config(explicit=args.config)
    with stdin_article(args) as renamed:
        selection = select_articles(args, config, replace_stdin(args.paths, renamed), extra_paths)
        for line in selection.warnings:
            warn(line)
        # A temporary file has nothing worth caching.
        request = RunRequest(paths=selection.files, collected=True, rules=tuple(args.rules), date=args.date,
                             use_cache=not args.no_cache and not renamed, progress=not args.quiet, light=light,
                             needs_text=needs_text, jobs=getattr(args, "jobs", None), claims_to=claims_to,
                             against=tuple(getattr(args, "against", None) or ()),
                             engine=getattr(args, "engine", None), scheduler=getattr(args, "scheduler", None))
        note = _noter(getattr(args, "verbose", False), notes)
        outcome = assemble_run(request, config, warn=warn, note=note)
        # Walked once, the encodings of the guessed ones only (a list and a mapping of every path grow with an archive).
        guessed = _guessed_encodings(outcome.result.documents)
        for line in describe_doubtful(document_paths(outcome.result.documents), guessed, outcome.result.claimed):
            warn(rename_line(line, renamed))
        result = rename_documents(outcome.result, renamed)
        errors = [rename_line(line, renamed) for line in selection.errors + outcome.errors]
    for line in errors:
        print(f"hedui: error: {escape_controls(line)}", file=sys.stderr)
    return outcome.config, result, outcome.failed or bool(selection.errors)


def _guessed_encodings(documents: Sequence) -> dict[str, str]:
    """Path -> encoding of the documents whose encoding is no UTF (compact stubs build no Document for it)."""
    from checker.run.stubs import DocumentStubs

    if isinstance(documents, DocumentStubs):
        return documents.guessed_encodings()
    return {d.path: d.encoding for d in documents if not d.encoding.startswith("utf-")}


def document_paths(documents: Sequence) -> Sequence[str]:
    """The documents' paths, in order (compact stubs give theirs without building a Document each)."""
    from checker.run.stubs import DocumentStubs

    return documents.paths if isinstance(documents, DocumentStubs) else [d.path for d in documents]


def _noter(verbose: bool, notes: list[str] | None):
    """The store's note callback: print with --verbose, and collect when asked (None when neither)."""
    if notes is None:
        return warn_verbose if verbose else None

    def note(line: str) -> None:
        """Collect a line, and print it with --verbose."""
        notes.append(line)
        if verbose:
            warn_verbose(line)

    return note


def choose_lang(args: argparse.Namespace) -> str:
    """--lang, else the locale's language (LC_ALL, LC_MESSAGES, LANG): English only when it says so, else Chinese."""
    import os

    if getattr(args, "lang", None):
        return str(args.lang)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    # No locale at all: Chinese, the articles' language.
    return "zh"


def terminal_width() -> int | None:
    """The terminal's columns when standard output is one, else COLUMNS when set, else None (no limit)."""
    import os
    import shutil

    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    # A pipe or a file: only an explicit COLUMNS limits the width.
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def use_colour(args: argparse.Namespace, output: str | None = None, stream=None) -> bool:
    """Whether to colour: --color always/never, else NO_COLOR or FORCE_COLOR, else a terminal that is no dumb one."""
    import os

    choice = getattr(args, "color", "auto") or "auto"
    if choice != "auto":
        return choice == "always"
    if output:
        # A report written to a file never holds escape codes in auto mode.
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"


def warn(line: str) -> None:
    """Print a warning about the inputs."""
    print(f"hedui: warning: {escape_controls(line)}", file=sys.stderr)


def warn_verbose(line: str) -> None:
    """Print a --verbose line."""
    print(f"hedui: {escape_controls(line)}", file=sys.stderr)


def check_output(output: str | None) -> None:
    """Refuse an --output that is a directory, symlink, FIFO or device before any work is done."""
    from checker.writefile import check_target

    if output:
        check_target(as_path(output))
