"""Small inline SVG charts for metrics stated with three or more values over time."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from html import escape

import attrs

from timeline.model import Entry
from timeline.records import MODALITY_LABELS, display_date

MIN_POINTS = 3
WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 46, 14, 30, 26
MAX_LABELS = 6  # beyond this many points only the first, last and highest carry value labels
TICKS = 4  # intervals on the y-axis
# The magnitude a reader sees on the axis: 95.3万辆 is drawn on an axis in 万辆, 2.7万亿元 in 亿元.
MAGNITUDES = ((1e8, "亿"), (1e4, "万"))
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
UNSCALED = {"%", "‰", "倍", "个百分点"}  # rates are read as written, never in 万


@attrs.frozen
class Series:
    """The values of one metric over time: actuals and the targets or forecasts around them."""

    title: str
    unit: str
    entries: tuple[Entry, ...]  # in time order

    @property
    def scale(self) -> tuple[float, str]:
        """The divisor and magnitude word of the y-axis (1e4, 万), chosen by the largest value."""
        if self.unit in UNSCALED:
            return 1.0, ""
        largest = max((abs(e.value) for e in self.entries if e.value is not None), default=0.0)
        return next(((size, word) for size, word in MAGNITUDES if largest >= size), (1.0, ""))

    @property
    def axis_unit(self) -> str:
        """The unit the y-axis is read in: 万辆, 亿元, %; 数值 for a figure without a unit."""
        return (self.scale[1] + self.unit) or "数值"


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
    divisor = series.scale[0]
    high, low = max(max(values), 0.0) / divisor, min(min(values), 0.0) / divisor
    step = _nice_step(high, low)
    # The axis runs from zero (or whole steps below it) to the first whole step above the largest value.
    top = max(math.ceil(high / step - 1e-9), 1) * step * divisor
    bottom = -math.ceil(-low / step - 1e-9) * step * divisor if low < 0 else 0.0

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
        *_y_axis(series, bottom, top, step * divisor, place),
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
            parts.append(f'<text class="val" x="{px}" y="{round(py - 8, 1)}" text-anchor="{anchor}">'
                         f"{escape(entry.text)}</text>")
            parts.append(f'<text class="year" x="{px}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
                         f'{escape(_year_label(entry))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _y_axis(series: Series, bottom: float, top: float, step: float, place) -> list[str]:
    """The y-axis: its line, a tick and a number at every step, and the unit it is read in above it."""
    _, y_top = place(0.0, top)
    _, y_bottom = place(0.0, bottom)
    parts = [f'<line class="axis y-axis" x1="{LEFT}" y1="{y_top}" x2="{LEFT}" y2="{y_bottom}"/>',
             f'<text class="y-unit" x="4" y="{TOP - 14}" text-anchor="start">单位：{escape(series.axis_unit)}</text>']
    value = bottom
    while value <= top + step / 1000:
        _, y = place(0.0, value)
        parts.append(f'<line class="tick" x1="{LEFT - 4}" y1="{y}" x2="{LEFT}" y2="{y}"/>')
        parts.append(f'<text class="y-tick" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">'
                     f"{_tick_label(value / series.scale[0])}</text>")
        value += step
    return parts


def _nice_step(high: float, low: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that covers [low, high] in TICKS steps."""
    span = max(high - low, abs(high), 1e-9) / TICKS
    power = 10 ** math.floor(math.log10(span))
    return next(power * m for m in NICE_STEPS if power * m >= span * (1 - 1e-9))


def _tick_label(value: float) -> str:
    """A tick's number without needless decimals: 0, 25, 2.5, 0.25."""
    rounded = round(value, 6)
    return f"{rounded:g}" if abs(rounded) < 1e6 else f"{rounded:.0f}"


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
