"""`hedui lsp`: the language server over standard input and output, for any editor's LSP client."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    """Add the lsp sub-command."""
    from checker.cli.common import parse_date

    lsp = sub.add_parser("lsp", help="language server over stdio: findings while articles are edited, quick fixes")
    lsp.add_argument("--stdio", action="store_true", help="talk over standard input/output (the default and only way)")
    lsp.add_argument("--archive", action="append", default=[], metavar="DIR",
                     help="cross-check edited articles with these (default: the configuration's `archive`, "
                          "else the folder of the configuration file)")
    lsp.add_argument("--config", metavar="FILE", type=Path, help="configuration file (default: discovered)")
    lsp.add_argument("--rules", action="append", default=[], metavar="DIR", help="an extra rules directory")
    lsp.add_argument("--date", type=parse_date, help="document date for every article (YYYY-MM-DD)")
    lsp.add_argument("--no-cache", action="store_true", help="read the archive without .hedui-cache/")
    lsp.add_argument("--debounce", type=_parse_ms, default=150, metavar="MS",
                     help="quiet milliseconds after an edit before the article is checked (default 150)")
    lsp.set_defaults(handler=run_lsp)


def _parse_ms(text: str) -> int:
    """Parse --debounce, with argparse's own error on a bad value."""
    if not text.isdigit() or int(text) > 60_000:
        raise argparse.ArgumentTypeError(f"not a delay in milliseconds (0-60000): {text!r}")
    return int(text)


def run_lsp(args: argparse.Namespace) -> int:
    """Serve until the client says exit; standard output carries only the protocol."""
    try:
        from checker.lsp.server import Settings, build_server
    except ImportError as exc:  # pygls is a declared dependency; a broken install gets one clear line
        print(f"hedui: error: the language server needs pygls and lsprotocol ({exc})", file=sys.stderr)
        return 2
    settings = Settings(config=args.config, archive=tuple(args.archive), rules=tuple(args.rules), date=args.date,
                        use_cache=not args.no_cache, debounce=args.debounce / 1000)
    server = build_server(settings)
    protocol_out = sys.stdout.buffer
    # Anything printed by mistake must not corrupt the protocol stream: ordinary prints go to stderr.
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, protocol_out)
    return 0
