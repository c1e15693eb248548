"""The words of a figure's forms (rules/lexicon/figures.yaml): 余/多/来 after a number, 成, 折, 翻番, 级, 数十, 上万."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import attrs

from checker.errors import RuleFileError
from checker.text.rulesdir import find_rules_dir
from checker.yamlio import load_yaml_mapping

_LISTS = ("plus", "round_plus", "times_plus", "fraction_hedges", "fraction_approx", "tenths", "tenths_half",
          "tenths_plus", "discount", "doubling_verbs", "verb_particles", "doubling_marks", "doubling_count_marks",
          "order_marks", "vague_digits", "teens_vague", "reaching", "range_joiners", "numeral_not_after")
_STRINGS = ("times_unit", "tenths_not_before", "discount_not_before")
_KEYS = (*_LISTS, *_STRINGS, "per_parts")


@attrs.frozen
class FigureWords:
    """The figure grammar's words, each section of rules/lexicon/figures.yaml as it is written there (in order)."""

    plus: tuple[str, ...]
    round_plus: tuple[str, ...]
    times_plus: tuple[str, ...]
    fraction_hedges: tuple[str, ...]
    fraction_approx: tuple[str, ...]
    tenths: tuple[str, ...]
    tenths_half: tuple[str, ...]
    tenths_plus: tuple[str, ...]
    discount: tuple[str, ...]
    doubling_verbs: tuple[str, ...]
    verb_particles: tuple[str, ...]
    doubling_marks: tuple[str, ...]
    doubling_count_marks: tuple[str, ...]
    order_marks: tuple[str, ...]
    vague_digits: tuple[str, ...]
    teens_vague: tuple[str, ...]
    reaching: tuple[str, ...]
    range_joiners: tuple[str, ...]
    numeral_not_after: tuple[str, ...]
    times_unit: str
    tenths_not_before: str
    discount_not_before: str
    per_parts: dict[str, str]

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str, lines: dict[str, int]) -> FigureWords:
        """Build the words from the lexicon's mapping, naming file, line and key of an unknown, missing or bad one."""
        for key in raw:
            if key not in _KEYS:
                raise RuleFileError(path, lines.get(str(key)), str(key), f"unknown section; known: {', '.join(_KEYS)}")
        missing = [key for key in _KEYS if key not in raw]
        if missing:
            raise RuleFileError(path, None, missing[0], "missing section")
        for key in _LISTS:
            if not isinstance(raw[key], list) or not all(isinstance(w, str) and w for w in raw[key]):
                raise RuleFileError(path, lines.get(key), key, "expected a list of non-empty words")
        for key in _STRINGS:
            if not isinstance(raw[key], str) or not raw[key]:
                raise RuleFileError(path, lines.get(key), key, "expected a non-empty string")
        parts = raw["per_parts"]
        if not isinstance(parts, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in parts.items()):
            raise RuleFileError(path, lines.get("per_parts"), "per_parts", "expected a mapping of word -> unit")
        values: dict[str, Any] = {key: tuple(raw[key]) for key in _LISTS}
        return cls(**values, **{key: raw[key] for key in _STRINGS}, per_parts=dict(parts))


def alternation(words: tuple[str, ...]) -> str:
    """The words as a regular-expression alternation, in their written order."""
    return "|".join(map(re.escape, words))


def load_figure_words(path: Path | None = None) -> FigureWords:
    """Load the figure words at path (default: the shipped rules/lexicon/figures.yaml)."""
    return _load(str(path) if path else _default_path())


@functools.cache
def _default_path() -> str:
    """The shipped lexicon's path, found once."""
    return str(find_rules_dir() / "lexicon" / "figures.yaml")


@functools.cache
def _load(path: str) -> FigureWords:
    """Read one lexicon file; cached because every grammar built from the shipped rules reads the same one."""
    raw, lines = load_yaml_mapping(path)
    return FigureWords.from_mapping(raw, path, lines)
