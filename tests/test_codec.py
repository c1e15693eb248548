"""The store's data-only form: every value comes back equal, and nothing but the known classes is built."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.model import Interval, Metric, Quantity, Span
from checker.run import codec

bounds = st.floats(allow_nan=False)  # infinities included: open interval ends
spans = st.builds(lambda start, width: Span(start, start + width), st.integers(0, 10**9), st.integers(0, 10**6))
intervals = st.builds(lambda a, b: Interval(min(a, b), max(a, b)), bounds, bounds)
quantities = st.builds(Quantity, bounds, intervals, st.text(max_size=4), st.sampled_from(["exact", "approx", "over"]),
                       st.booleans())
metrics = st.builds(Metric, st.text(max_size=6), st.text(max_size=6), st.lists(st.text(max_size=3)).map(tuple),
                    st.booleans(), st.booleans(), st.booleans())
scalars = st.none() | st.booleans() | st.integers() | bounds | st.text()
values = st.recursive(
    scalars | spans | intervals | quantities | metrics | st.dates(),
    lambda inner: st.lists(inner, max_size=20).map(tuple) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=40)
offset_maps = st.lists(st.integers(-5, 5), min_size=0, max_size=300).map(
    lambda steps: tuple(sum(steps[:i]) + i for i in range(len(steps))))


@given(values)
def test_every_value_comes_back_equal(value):
    """Values made of the known classes, tuples, dicts, dates and scalars survive a round trip."""
    back = codec.loads(codec.dumps(value))
    assert back == value and type(back) is type(value)
    assert codec.dumps(back) == codec.dumps(value)


@given(offset_maps)
def test_integer_runs_come_back_equal(numbers):
    """Long integer tuples are stored as runs and expanded to the same integers."""
    assert codec.loads(codec.dumps(numbers)) == numbers


@pytest.mark.parametrize("stored", [
    b'{"os.system":["echo"]}', b'{"Span":[1]}', b'{"Span":[1,2,3]}', b'{"Span":{"start":1}}', b'{"@f":"1","x":2}',
    b'{"Interval":[1,{"Nope":[]}]}'])
def test_unknown_or_malformed_forms_are_refused(stored):
    """An unknown tag, a wrong number of fields or an extra key is an error, never an import or a guess."""
    with pytest.raises((codec.CodecError, TypeError, ValueError)):
        codec.loads(stored)


def test_infinite_bounds_and_dates_are_tagged():
    """JSON has no infinity and no date: both are stored under their own tags."""
    assert codec.encode(Interval(-math.inf, 3.0)) == {"Interval": [{"@f": "-inf"}, 3.0]}
    assert codec.encode(dt.date(2024, 2, 29)) == {"@date": "2024-02-29"}
