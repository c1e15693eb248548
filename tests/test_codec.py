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


@given(offset_maps)
def test_runs_are_the_maximal_runs(numbers):
    """Each run is as long as consecutive values go, as one step per number would find them (the stored bytes)."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][0] + runs[-1][1] == number:
            runs[-1][1] += 1
        else:
            runs.append([number, 1])
    assert codec._runs_of(numbers) == runs


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


@given(st.integers(min_value=2**63, max_value=2**200) | st.integers(min_value=-2**200, max_value=-2**63 - 1))
def test_integers_beyond_64_bits_come_back_exact(number):
    """An integer orjson cannot write is written by json and read back exactly, never as a float."""
    stored = codec.dumps({"id": number, "span": Span(1, 2)})
    back = codec.loads(stored)
    assert back == {"id": number, "span": Span(1, 2)} and type(back["id"]) is int


@given(values)
def test_values_within_64_bits_are_written_by_orjson(value):
    """Only a value with a wide integer takes the slower json path: everything else is plain orjson output."""
    wide = any(isinstance(n, int) and not -2**63 <= n < 2**64 for n in _leaves(value))
    assert codec.dumps(value).startswith(codec.WIDE) == wide


def _leaves(value):
    """Every scalar inside a value made of tuples, dicts and the known classes."""
    if isinstance(value, (tuple, list)):
        return [leaf for item in value for leaf in _leaves(item)]
    if isinstance(value, dict):
        return [leaf for pair in value.items() for item in pair for leaf in _leaves(item)]
    if type(value) in codec._GETTERS:
        return [leaf for item in codec._GETTERS[type(value)][1](value) for leaf in _leaves(item)]
    return [value]


def test_stored_fields_are_the_positional_arguments():
    """Values are built back positionally: every stored class takes its fields in order, none keyword-only."""
    import attrs

    for cls in codec.CLASSES.values():
        init = [a for a in attrs.fields(cls) if a.init]
        assert not any(a.kw_only for a in init), cls
        assert codec._FIELDS[cls] == tuple(a.name for a in init)
