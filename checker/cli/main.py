"""The `hedui` command: extract, claims, check, rules test, timeline."""

import sys

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: a warm `check` imports no argparse

if TYPE_CHECKING:
    import argparse


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    from checker.configfile import forget_config_files

    forget_config_files()
    given = sys.argv[1:] if argv is None else list(argv)
    previous = None
    try:
        entry = _recorded(given)
        if entry is not None:
            # A replay only prints: SIGTERM may end it as it ends any process.
            return _replay(entry)
        previous = _exit_on_sigterm()
        return _run(given)
    except BrokenPipeError:
        # `hedui extract … | head`: the reader left; nothing more to say.
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a user's mistake in one clear line; an internal bug with its traceback, never exit 0
        # Imported here: a replay (which raises nothing of ours) does without the module.
        from checker.errors import HeduiError

        if isinstance(exc, HeduiError):
            from checker.report.controls import escape_controls

            print(f"hedui: error: {escape_controls(str(exc))}", file=sys.stderr)
            return EXIT_USAGE
        import traceback

        traceback.print_exc(file=sys.stderr)
        print("hedui: internal error (a bug in hedui, not in your input); please report it with the traceback above",
              file=sys.stderr)
        return EXIT_USAGE
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


def _recorded(given: list[str]) -> dict | None:
    """The recorded output of the same `check` over unchanged files, if there is one (checker.cli.replay)."""
    if given[:1] != ["check"]:
        # Only `check` is ever recorded.
        return None
    from checker.cli import replay

    ticket = replay.make_ticket(given)
    if ticket is None:
        # Standard input, or no cache: nothing was recorded.
        return None
    entry = replay.lookup(ticket)
    if entry is not None and entry["moved"]:
        # A file was touched since the recording: replayed only if its bytes are the same.
        from checker.cli.recording import confirm

        return confirm(ticket, entry)
    return entry


def _replay(entry: dict) -> int:
    """Print the recorded output of the same `check` and return its exit code."""
    from checker.cli import replay

    return replay.replay(entry)


def _run(given: list[str]) -> int:
    """Parse the command line and run its command."""
    from checker.text.project import forget_project_roots

    forget_project_roots()
    parser = _build_parser(given[0] if given else None)
    args = parser.parse_args(given)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    # The words as typed: `check` keys its recording by them (checker.cli.replay).
    args.argv = given
    return args.handler(args)


def _exit_on_sigterm():
    """Turn SIGTERM into SystemExit, so worker pools and temporary files are cleaned up; return the old handler."""
    import signal

    def terminate(signum, frame):
        """Unwind like Ctrl-C: every `with` block on the way out runs its cleanup."""
        raise SystemExit(128 + signum)

    try:
        return signal.signal(signal.SIGTERM, terminate)
    except ValueError:
        # Only the main thread may set signal handlers (an embedding application keeps its own).
        return None


def _build_parser(command: str | None = None) -> "argparse.ArgumentParser":
    """Declare the sub-commands and their options (only the named command's module, when it is a known one)."""
    import importlib

    from checker import __version__
    from checker.cli.common import Parser, add_input_options

    parser = Parser(prog="hedui", description="Fact-consistency checks and timelines for Chinese news.")
    parser.add_argument("--version", action="version", version=f"hedui {__version__}")
    sub = parser.add_subparsers(dest="command")
    extract = sub.add_parser("extract", help="print every figure and date found in the articles")
    add_input_options(extract)
    extract.add_argument("--format", choices=("table", "jsonl"), default="table")
    extract.set_defaults(handler=run_extract)
    # A start-up imports only the module of the command asked for; help and mistakes get them all.
    known = command if command in COMMAND_OWNERS else None
    modules = [COMMAND_OWNERS[known]] if known else list(COMMAND_MODULES)
    for name in modules:
        if name:
            importlib.import_module(name).register(sub, known)
    return parser


def run_extract(args: "argparse.Namespace") -> int:
    """`hedui extract`: print mentions as a table or as jsonl; exit 2 if any path failed."""
    import attrs

    from checker.cli.common import warn
    from checker.cli.inputs import describe_doubtful, rename_line, replace_stdin, select_articles, stdin_article
    from checker.extract.mentions import find_mentions
    from checker.extract.resources import load_resources
    from checker.report.controls import escape_controls
    from checker.report.mentions import render_jsonl, render_table
    from checker.run.assemble import read_dated_documents
    from checker.run.config import load_config

    config = load_config(explicit=args.config)
    resources = load_resources(check_units=False)  # extraction asks no dimension: pint stays unloaded
    render = render_jsonl if args.format == "jsonl" else render_table
    with stdin_article(args) as renamed:
        selection = select_articles(args, config, replace_stdin(args.paths, renamed))
        for line in selection.warnings:
            warn(line)
        # The configuration's `dates` apply per file, --date to all: one reading per date.
        groups: dict[object, list[str]] = {}
        for path in selection.files:
            groups.setdefault(args.date or config.date_for(path), []).append(path)
        documents: list = []
        errors = list(selection.errors)
        for day, files in groups.items():
            outcome = read_dated_documents(tuple(files), day, warn=warn)  # type: ignore[arg-type]
            documents.extend(outcome.documents)
            errors.extend(outcome.errors)
        for line in describe_doubtful([d.path for d in documents], {d.path: d.encoding for d in documents}):
            warn(rename_line(line, renamed))
    order = {path: i for i, path in enumerate(selection.files)}
    documents.sort(key=lambda d: order.get(d.path, len(order)))
    for line in errors:
        print(f"hedui: error: {escape_controls(line)}", file=sys.stderr)
    out = sys.stdout
    for document in documents:
        document = attrs.evolve(document, path=renamed.get(document.path, document.path))
        out.write(render(document, find_mentions(document, resources)))
    out.flush()
    return EXIT_USAGE if errors else EXIT_OK


# Sub-commands defined in their own light modules, each with register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "checker.cli.check", "checker.cli.rules", "checker.cli.review", "checker.cli.timeline", "checker.cli.lsp",
)
# Which module registers each sub-command ("" for the ones defined here); tests/test_command_options.py keeps
# it in step with what the modules register.
COMMAND_OWNERS: dict[str, str] = {
    "extract": "", "check": "checker.cli.check", "claims": "checker.cli.check", "baseline": "checker.cli.check",
    "config": "checker.cli.check", "rules": "checker.cli.rules", "review": "checker.cli.review",
    "timeline": "checker.cli.timeline", "lsp": "checker.cli.lsp",
}


if __name__ == "__main__":
    sys.exit(main())
