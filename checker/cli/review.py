"""`hedui review`: a local web page to accept or dismiss findings, saved to the decisions file."""

from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    """Add the review sub-command."""
    from checker.cli.common import add_input_options, add_run_options

    review = sub.add_parser("review", help="review findings in the browser; decisions go to the decisions file")
    add_input_options(review)
    add_run_options(review)
    review.add_argument("--port", type=_parse_port, default=0, help="port to listen on (default: a free one)")
    review.add_argument("--host", type=_parse_host, default="127.0.0.1",
                        help="loopback address to listen on: 127.0.0.1 (default), localhost or ::1")
    review.add_argument("--no-browser", action="store_true", help="print the address but do not open a browser")
    review.add_argument("--editor-url", metavar="TEMPLATE",
                        help="link each quote to an editor, e.g. 'vscode://file/{path}:{line}:{col}' "
                             "(default: editor-url in the configuration; none when unset)")
    review.set_defaults(handler=run_review)


def _parse_port(text: str) -> int:
    """Parse --port, with argparse's own error on a bad value."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {text!r}")
    return int(text)


def _parse_host(text: str) -> str:
    """Accept only loopback addresses: the review page must never be reachable from the network."""
    from checker.review.server import LOOPBACK

    if text.lower() not in LOOPBACK:
        raise argparse.ArgumentTypeError(f"refusing to serve on {text!r}: only 127.0.0.1, localhost or ::1")
    return text.lower()


def run_review(args: argparse.Namespace) -> int:
    """Check the articles, serve the review page until Ctrl-C, and exit 0."""
    import secrets
    from pathlib import Path

    from checker.cli.common import load_run
    from checker.errors import HeduiError
    from checker.review.editor import check_editor_url
    from checker.review.server import start_server
    from checker.review.session import build_session
    from checker.triage.decisions import load_decisions, reviewer_name

    config, result, _ = load_run(args)
    editor_url = args.editor_url if args.editor_url is not None else config.get("editor-url")
    if editor_url:
        check_editor_url(editor_url, "--editor-url" if args.editor_url is not None else config.sources["editor-url"])
    decisions_path = Path(args.decisions) if args.decisions else config.path("decisions")
    if not decisions_path.parent.is_dir():
        raise HeduiError(f"{decisions_path}: the folder for the decisions file does not exist")
    load_decisions(decisions_path)  # a malformed file stops here, naming its line, and is never written
    if not result.documents:
        # Nothing readable to review; the read errors were already printed.
        raise HeduiError("no article to review")
    session = build_session(result, decisions_path, secrets.token_urlsafe(32), reviewer_name(),
                            editor_url=editor_url, rerun=lambda: load_run(args, config=config)[1])
    server = start_server(session, args.host, args.port)
    try:
        print(server.url(), flush=True)
        print(f"hedui: {len(result.findings)} findings to review; decisions go to {decisions_path}; Ctrl-C stops",
              file=sys.stderr, flush=True)
        if not args.no_browser:
            _open_browser(server.url())
        server.serve_forever()
    except KeyboardInterrupt:
        # Ctrl-C is how a review ends: every decision is already on disk.
        pass
    finally:
        server.server_close()
    print("hedui: review stopped", file=sys.stderr)
    return 0


def _open_browser(url: str) -> None:
    """Open the page in a graphical browser when there is one; never block on a terminal browser."""
    import webbrowser

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        # No display: webbrowser would fall back to a text browser that takes over this terminal.
        return
    try:
        webbrowser.open(url)
    except webbrowser.Error:
        # No browser found: the address is printed above.
        pass
