"""`hedui timeline`: a chronology of the articles' figures, targets and events, with flagged items."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.model import Timeline

FORMATS = ("html", "json", "md", "timelinejs", "csv")


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    """Add the timeline sub-command."""
    from checker.cli.common import add_input_options, add_run_options

    timeline = sub.add_parser("timeline", help="lay out the articles' figures, targets and events chronologically")
    add_input_options(timeline)
    add_run_options(timeline)
    timeline.add_argument("--format", choices=FORMATS, default="html",
                          help="html (one self-contained page), json, md, timelinejs (TimelineJS 3 JSON), csv")
    timeline.add_argument("--output", metavar="FILE", help="write the timeline to FILE (atomically); default stdout")
    timeline.add_argument("--title", help="the page's title (default: 时间线)")
    timeline.add_argument("--max-page-mb", type=float, default=4.0, metavar="MB",
                          help="an html page larger than this (with --output) becomes a year index with one file "
                               "per year in NAME.years/ beside it, loaded when a year is opened; 0: always one file")
    timeline.set_defaults(handler=run_timeline)


def run_timeline(args: argparse.Namespace) -> int:
    """Build and write the timeline; exit 2 when an input could not be read, else 0."""
    import attrs

    from checker.cli.common import check_output, load_run
    from checker.writefile import write_output
    from timeline.build import build_timeline

    check_output(args.output)
    config, result, failed = load_run(args)
    result = _without_dismissed(result, args, config)
    timeline = build_timeline(result)
    if args.title and args.title.strip():
        timeline = attrs.evolve(timeline, title=args.title.strip())
    protect = [d.path for d in result.documents]
    if args.format == "html" and args.output:
        _write_pages(timeline, Path(args.output), int(args.max_page_mb * 1_000_000), protect)
    else:
        write_output(render_timeline(timeline, args.format), args.output, protect=protect)
    return 2 if failed else 0


def _write_pages(timeline: Timeline, output: Path, limit: int, protect: list[str]) -> None:
    """Write the html page, and its year files beside it when it is too large for one file."""
    from checker.errors import HeduiError
    from checker.writefile import write_atomic
    from timeline.export_years import render_pages

    files = render_pages(timeline, output.name, limit)
    for relative, text in sorted(files.items(), key=lambda item: item[0] == output.name):
        # The year files first: a page is never on disk before the files it loads.
        target = output.parent / relative
        if target.parent != output.parent:
            try:
                target.parent.mkdir(exist_ok=True)
            except OSError as exc:
                raise HeduiError(f"无法创建 {target.parent}：{exc.strerror or exc}") from None
        write_atomic(target, text.encode("utf-8"), protect)


def render_timeline(timeline: Timeline, form: str) -> str:
    """Render a timeline in one of FORMATS."""
    from timeline.export_html import render_html
    from timeline.export_json import render_json
    from timeline.export_md import render_markdown
    from timeline.export_timelinejs import render_csv, render_timelinejs

    renderers = {"html": render_html, "json": render_json, "md": render_markdown,
                 "timelinejs": render_timelinejs, "csv": render_csv}
    return renderers[form](timeline)


def _without_dismissed(result, args: argparse.Namespace, config):
    """Drop the findings editors dismissed or suppressed inline: the timeline flags only live ones."""
    import attrs

    from checker.engine.runner import fingerprint
    from checker.triage.decisions import load_decisions
    from checker.triage.status import triage

    path = Path(args.decisions) if getattr(args, "decisions", None) else config.path("decisions")
    verdicts = triage(result.findings, result.documents, load_decisions(path), {})
    live = tuple(f for f in result.findings if verdicts.statuses.get(fingerprint(f)) not in ("dismissed", "suppressed"))
    return attrs.evolve(result, findings=live)
