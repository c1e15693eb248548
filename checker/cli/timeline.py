"""`hedui timeline`: a chronology of the articles' figures, targets and events, with flagged items."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.model import Timeline

FORMATS = ("html", "json", "md", "timelinejs", "csv")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the timeline sub-command."""
    from checker.cli.common import add_input_options, add_run_options

    timeline = sub.add_parser("timeline", help="lay out the articles' figures, targets and events chronologically")
    add_input_options(timeline)
    add_run_options(timeline)
    timeline.add_argument("--format", choices=FORMATS, default="html",
                          help="html (one self-contained page), json, md, timelinejs (TimelineJS 3 JSON), csv")
    timeline.add_argument("--output", metavar="FILE", help="write the timeline to FILE (atomically); default stdout")
    timeline.add_argument("--title", help="the page's title (default: 时间线)")
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
    write_output(render_timeline(timeline, args.format), args.output, protect=[d.path for d in result.documents])
    return 2 if failed else 0


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
