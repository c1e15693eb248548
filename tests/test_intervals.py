"""Interval arithmetic: every operation contains the results of the points it was built from."""

from __future__ import annotations

import math

from hypothesis import assume, given
from hypothesis import strategies as st

from checker.model import Interval, Quantity

positive = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def intervals(draw):
    """A positive interval and a point inside it."""
    a, b = sorted((draw(positive), draw(positive)))
    point = draw(st.floats(min_value=a, max_value=b))
    return Interval(a, b), point


@given(intervals(), intervals())
def test_division_contains_every_quotient(x, y):
    """x / y contains p / q for every p in x and q in y."""
    (ix, p), (iy, q) = x, y
    quotient = ix.divide(iy)
    assert quotient.low * (1 - 1e-12) <= p / q <= quotient.high * (1 + 1e-12)


@given(intervals(), intervals())
def test_relative_change_contains_every_change(a, b):
    """(B − A) / A over intervals contains the change between any two points."""
    (ia, p), (ib, q) = a, b
    change = ib.change_from(ia)
    value = (q - p) / p
    assert change.low - 1e-9 * abs(change.low) - 1e-12 <= value <= change.high + 1e-9 * abs(change.high) + 1e-12


@given(intervals(), intervals())
def test_intersection_is_symmetric_and_shared_points_intersect(a, b):
    """Intersection is symmetric, and an interval always meets itself."""
    (ia, _), (ib, _) = a, b
    assert ia.intersects(ib) == ib.intersects(ia)
    assert ia.intersects(ia)


@given(positive, st.floats(min_value=1e-6, max_value=1e6),
       st.sampled_from(["exact", "approx", "plus", "under", "below", "over"]))
def test_interval_of_a_quantity_contains_its_value(value, step, qualifier):
    """The interval of a stated figure contains the figure itself (or its bound)."""
    bounds = {
        "exact": (value - step / 2, value + step / 2), "approx": (value - step, value + step),
        "plus": (value, value + step), "under": (value - step, value), "below": (0.0, value), "over": (value, math.inf),
    }[qualifier]
    interval = Quantity(value, Interval(*bounds), "元", qualifier).interval
    assert interval.low <= value <= interval.high
    assert (qualifier == "over") == math.isinf(interval.high)


@given(intervals(), st.floats(min_value=1e-3, max_value=1e3))
def test_scale_and_shift_move_the_bounds(x, factor):
    """Scaling and shifting map the contained point along with the bounds."""
    ix, p = x
    scaled = ix.scale(factor)
    assume(math.isfinite(scaled.high))
    assert scaled.low <= p * factor * (1 + 1e-12) and p * factor <= scaled.high * (1 + 1e-12)
    shifted = ix.shift(-1.0)
    assert shifted.low <= p - 1.0 + 1e-9 and p - 1.0 <= shifted.high + 1e-9
