"""A data-only JSON form of the run's frozen values, for the cache: nothing in it can run code.

A value is stored positionally, `{"Claim": [field, field, …]}` in the order of its class's fields
(no field names repeated per value: a third smaller before compression). Every value is built back
through an explicit list of classes; an unknown tag or a wrong number of fields is an error, never
an import. Long runs of consecutive integers (a document's offset map) are stored as runs.

The JSON text is written and parsed by orjson (a store's rows are written by the workers and read back by the main
process: the standard library's json took a third of that time). orjson has no integers beyond 64 bits: a value
holding one (a long number in a front matter) is written by json instead, marked by one leading space, and read back
by json; both are plain JSON.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import operator
from typing import Any

import attrs
import orjson

from checker.model import (
    Claim,
    Document,
    DocumentDate,
    Finding,
    Interval,
    Mention,
    Metric,
    Period,
    Quantity,
    Span,
    Understanding,
)
from checker.run.pipeline import DocAnalysis


def _one_field(name: str) -> Any:
    """A reader of one field that returns it in a tuple, as attrgetter of several names does."""
    def read(value: Any) -> tuple[Any]:
        """The field, alone in a tuple."""
        return (getattr(value, name),)

    return read


# The only classes a stored form may name.
CLASSES: dict[str, type] = {cls.__name__: cls for cls in (
    Span, DocumentDate, Document, Interval, Quantity, Period, Mention, Metric, Understanding, Claim, Finding,
    DocAnalysis)}
_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(a.name for a in attrs.fields(cls) if a.init) for cls in CLASSES.values()}
RUNS_FROM = 16  # shorter integer tuples are stored as they are
_AS_IS = frozenset({str, int, bool, type(None)})  # stored as they are (floats need a look: infinities are tagged)
_SCALARS = frozenset({str, int, float, bool, type(None)})  # what JSON gives back as the value itself
# Per class: its tag and a reader of all its fields at once (as a tuple, one field or many).
_GETTERS: dict[type, tuple[str, Any]] = {
    cls: (cls.__name__, operator.attrgetter(*names) if len(names) > 1 else _one_field(names[0]))
    for cls, names in _FIELDS.items()}


class CodecError(ValueError):
    """A stored form that does not describe one of the known values."""


def encode(value: Any) -> Any:
    """Return the JSON-ready form of a value made of attrs instances, tuples, dicts and scalars."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    known = _GETTERS.get(kind)
    if known is not None:
        # Fields are read in one call and scalars taken as they are: most fields are scalars.
        return {known[0]: [item if type(item) in _AS_IS else encode(item) for item in known[1](value)]}
    if isinstance(value, float):
        # JSON has no infinity: open interval ends are tagged.
        return value if math.isfinite(value) else {"@f": repr(value)}
    if isinstance(value, (tuple, list)):
        if len(value) >= RUNS_FROM and all(type(item) is int for item in value):
            return {"@runs": _runs_of(value)}
        return [item if type(item) in _AS_IS else encode(item) for item in value]
    if isinstance(value, dt.date):
        return {"@date": value.isoformat()}
    if isinstance(value, dict):
        return {"@dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (bool, int, str)):
        # A subclass of a scalar is stored as its plain value.
        return value
    raise CodecError(f"cannot store a {kind.__name__}")


def decode(data: Any) -> Any:
    """Build a value back from its stored form (lists become tuples)."""
    kind = type(data)
    if kind in _SCALARS:
        return data
    if kind is list:
        return tuple([item if type(item) in _SCALARS else decode(item) for item in data])
    if kind is not dict or len(data) != 1:
        raise CodecError(f"unexpected {kind.__name__}")
    tag = next(iter(data))
    if tag in CLASSES:
        return _build(tag, data[tag])
    if "@f" in data:
        return float(data["@f"])
    if "@date" in data:
        return dt.date.fromisoformat(data["@date"])
    if "@runs" in data:
        return _expand_runs(data["@runs"])
    if "@dict" in data:
        return {decode(k): decode(v) for k, v in data["@dict"]}
    raise CodecError(f"unknown tags {sorted(data)[:3]}")


WIDE = b" "  # opens the JSON text of a value that orjson cannot write (an integer beyond 64 bits)


def dumps(value: Any) -> bytes:
    """Encode a value to compact JSON bytes."""
    return write(encode(value))


def write(data: Any) -> bytes:
    """The compact JSON bytes of a value already in stored form (one read by parse, say)."""
    try:
        return orjson.dumps(data)
    except orjson.JSONEncodeError:
        # An integer beyond 64 bits (or text that is no Unicode, which json refuses too): json writes it exactly.
        return WIDE + json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def loads(blob: bytes) -> Any:
    """Decode JSON bytes written by dumps."""
    return decode(parse(blob))


def parse(blob: bytes | str) -> Any:
    """The JSON value of bytes written by dumps, still in stored form (orjson would read a wide integer as a float)."""
    if blob[:1] in (WIDE, " "):
        # Written by json: it may hold integers beyond 64 bits.
        return json.loads(blob)
    return orjson.loads(blob)


def field(data: Any, tag: str, name: str) -> Any:
    """One field of a value's stored form, still in that form (a stored analysis's claims, without decoding them)."""
    names = _FIELDS[CLASSES[tag]]
    if not isinstance(data, dict) or not isinstance(data.get(tag), list) or len(data[tag]) != len(names):
        raise CodecError(f"not a stored {tag}")
    return data[tag][names.index(name)]


def _build(tag: str, fields: Any) -> Any:
    """Build one frozen value of a known class from its stored fields, in their order (its __init__'s order)."""
    cls = CLASSES[tag]
    if type(fields) is not list or len(fields) != len(_FIELDS[cls]):
        raise CodecError(f"fields of {tag} do not match")
    return cls(*[field if type(field) in _SCALARS else decode(field) for field in fields])


def _runs_of(numbers: tuple[int, ...] | list[int]) -> list[list[int]]:
    """Compress integers into [first, count] runs of consecutive values.

    The places where a run breaks (a number not one more than the one before) are found by C-level iterators,
    not a Python step per number: an offset map has as many numbers as its text has characters, and few runs.
    """
    breaks = itertools.compress(range(1, len(numbers)), map((1).__ne__, map(operator.sub, numbers[1:], numbers)))
    starts = [0, *breaks, len(numbers)] if numbers else [0]
    return [[numbers[start], end - start] for start, end in itertools.pairwise(starts)]


def _expand_runs(runs: list[list[int]]) -> tuple[int, ...]:
    """Expand [first, count] runs back into the integers."""
    out: list[int] = []
    for first, count in runs:
        out.extend(range(first, first + count))
    return tuple(out)
