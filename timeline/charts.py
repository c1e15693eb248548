"""Small inline SVG charts for metrics stated with three or more values over time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from html import escape

import attrs

from timeline.model import Entry
from timeline.records import MODALITY_LABELS, display_date

MIN_POINTS = 3
WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 12, 12, 22, 26
MAX_LABELS = 6  # beyond this many points only the first, last and highest carry value labels


@attrs.frozen
class Series:
    """The values of one metric over time: actuals and the targets or forecasts around them."""

    title: str
    unit: str
    entries: tuple[Entry, ...]  # in time order


def find_series(entries: tuple[Entry, ...] | list[Entry]) -> list[Series]:
    """Group figures and targets by subject, metric, relation, unit and granularity; keep those with three periods."""
    groups: dict[tuple, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.sort == "event" or entry.value is None or not entry.metric:
            # events have no value; a figure without a known metric belongs to no series
            continue
        groups[(entry.subject, entry.metric, entry.relation, entry.unit, entry.granularity)].append(entry)
    found = []
    for members in groups.values():
        if len({m.start for m in members}) < MIN_POINTS:
            # two values are a comparison, not a trend
            continue
        members.sort(key=lambda m: (m.start, m.sort))
        found.append(Series(members[0].title, members[0].unit, tuple(members)))
    return sorted(found, key=lambda s: s.title)


def render_chart(series: Series) -> str:
    """Draw a series as SVG: solid line and filled dots for actuals, dashed reaches and hollow dots for targets."""
    xs = [_middle(e) for e in series.entries]
    values = [e.value for e in series.entries if e.value is not None]
    assert len(values) == len(series.entries), "find_series keeps only entries with values"
    x_low, x_high = min(xs), max(xs)
    top = max(max(values), 0.0) or 1.0
    bottom = min(min(values), 0.0)

    def place(x: float, y: float) -> tuple[float, float]:
        """Map a (fractional year, value) to SVG coordinates."""
        span = (x_high - x_low) or 1.0
        px = LEFT + (x - x_low) / span * (WIDTH - LEFT - RIGHT)
        py = TOP + (top - y) / ((top - bottom) or 1.0) * (HEIGHT - TOP - BOTTOM)
        return round(px, 1), round(py, 1)

    points = [place(x, v) for x, v in zip(xs, values, strict=True)]
    actual = [p for p, e in zip(points, series.entries, strict=True) if e.sort == "figure"]
    parts = [
        f'<svg class="chart-svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(series.title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(series.title)}</title>",
        f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"/>',
    ]
    for before, after, entry in zip(points, points[1:], series.entries[1:], strict=False):
        if entry.sort != "figure":
            # a target or forecast is drawn as a dashed reach from the value before it
            parts.append(f'<polyline class="line-aimed" points="{_points([before, after])}"/>')
    if len(actual) > 1:
        parts.append(f'<polyline class="line-actual" points="{_points(actual)}"/>')
    labelled = _labelled(values)
    for index, ((px, py), entry) in enumerate(zip(points, series.entries, strict=True)):
        kind = "actual" if entry.sort == "figure" else "aimed"
        parts.append(
            f'<circle class="pt {kind}" cx="{px}" cy="{py}" r="4"><title>{escape(_tooltip(entry))}</title></circle>'
        )
        if index in labelled:
            # The first and last labels hang inwards so they are never cut off at the chart's edges.
            anchor = "start" if index == 0 else "end" if index == len(points) - 1 else "middle"
            parts.append(f'<text class="val" x="{px}" y="{py - 8}" text-anchor="{anchor}">{escape(entry.text)}</text>')
            parts.append(f'<text class="year" x="{px}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
                         f'{escape(_year_label(entry))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _middle(entry: Entry) -> float:
    """The middle of an entry's period as a fractional year."""
    middle = entry.start + (entry.end - entry.start) / 2
    first = dt.date(middle.year, 1, 1)
    return middle.year + (middle - first).days / 366.0


def _points(points: list[tuple[float, float]]) -> str:
    """SVG polyline points."""
    return " ".join(f"{x},{y}" for x, y in points)


def _labelled(values: list[float]) -> set[int]:
    """The indexes of the points that carry labels."""
    if len(values) <= MAX_LABELS:
        return set(range(len(values)))
    return {0, len(values) - 1, values.index(max(values))}


def _year_label(entry: Entry) -> str:
    """A short axis label: the year, or year-month for periods within a year."""
    if entry.granularity in ("year", "years"):
        return str(entry.start.year)
    return f"{entry.start.year}-{entry.start.month:02d}"


def _tooltip(entry: Entry) -> str:
    """The hover text of a point: period, value and modality."""
    return f"{display_date(entry)} {entry.text}（{MODALITY_LABELS.get(entry.modality, entry.modality)}）"
