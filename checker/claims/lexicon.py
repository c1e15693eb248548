"""The claim lexicon (measures, industries, scopes, subjects, modality and change words) from YAML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs

from checker.errors import RuleFileError
from checker.yamlio import load_yaml_mapping

LIST_KEYS = ("industries", "scopes", "place_suffix", "plain_suffix")
MAP_KEYS = ("measures", "subjects")
GROUP_KEYS = ("modality", "change", "measure_units", "enumeration")
KNOWN_KEYS = LIST_KEYS + MAP_KEYS + GROUP_KEYS


@attrs.frozen(eq=False)
class ClaimLexicon:
    """Words that turn figures into claims; every list is longest first."""

    measures: dict[str, str]
    industries: tuple[str, ...]
    scopes: tuple[str, ...]
    subjects: dict[str, str]
    place_suffix: tuple[str, ...]
    plain_suffix: tuple[str, ...]
    modality: dict[str, tuple[str, ...]]
    change: dict[str, tuple[str, ...]]
    measure_units: dict[str, tuple[str, ...]]
    enumeration: dict[str, tuple[str, ...]]
    measure_re: re.Pattern[str]
    industry_re: re.Pattern[str]
    subject_re: re.Pattern[str]
    place_re: re.Pattern[str]  # a place name: two to four characters and a place suffix (沙坪坝区, 两江新区)
    fall_re: re.Pattern[str]  # a verb of falling ending a prefix, one list for % and 个百分点 (下降了, 收窄)

    def read_change_verb(self, prefix: str, figure: str) -> ChangeVerb | None:
        """The verb of change right before a figure and its reading, or None when the lexicon knows no such verb."""
        if figure.startswith(self.change.get("doubling", ())):
            # 翻两番 carries its own verb: B = 2ⁿ·A.
            return ChangeVerb(figure[:1], "to", self._rewrite_verb())
        tail = self._without_particles(prefix)
        for reading in ("to", "down", "by"):
            # The same order as claim building: 增长到 is a to-verb before 增长 is a by-verb.
            for word in self.change.get(reading, ()):
                if tail.endswith(word):
                    return ChangeVerb(word, reading, self._bare_verb(word))
        clause = re.split(r"[，,；;。]", tail)[-1]
        for frame in self.change.get("to_frames", ()):
            head, _, end = frame.partition("…")
            if clause.endswith(end) and head in clause[:len(clause) - len(end)]:
                return ChangeVerb(frame, "to", self._rewrite_verb())
        return None

    def _without_particles(self, prefix: str) -> str:
        """A prefix without the particles that may follow its verb (增长了约 → 增长)."""
        particles = self.change.get("particles", ())
        while True:
            found = next((p for p in particles if prefix.endswith(p)), None)
            if found is None:
                return prefix
            prefix = prefix[:-len(found)]

    def _bare_verb(self, word: str) -> str:
        """The by-verb a change word is built on (增长到 → 增长, 扩大了 → 扩大), for rewrites that add or drop 到."""
        by = self.change.get("by", ())
        shorter = [w for w in by if w != word and word.startswith(w)]
        if shorter:
            return max(shorter, key=len)
        return word if word in by else self._rewrite_verb()

    def _rewrite_verb(self) -> str:
        """The verb a rewrite uses when the article's own wording has none that takes 到."""
        return next(iter(self.change.get("rewrite", ())), "")


@attrs.frozen
class ChangeVerb:
    """A verb of change as written, its reading (by, to or down) and the by-verb a rewrite is built on."""

    word: str
    reading: str
    bare: str


def load_claim_lexicon(paths: list[Path]) -> ClaimLexicon:
    """Merge lexicon files in order (later files add to and override earlier ones)."""
    merged: dict[str, Any] = {key: ({} if key not in LIST_KEYS else []) for key in KNOWN_KEYS}
    for path in paths:
        raw, lines = load_yaml_mapping(path)
        for key, value in raw.items():
            _merge_key(merged, str(key), value, str(path), lines.get(str(key)))
    return _compile(merged)


def _merge_key(merged: dict[str, Any], key: str, value: Any, path: str, line: int | None) -> None:
    """Add one top-level key of a lexicon file to the merged lexicon, checking its shape."""
    if key not in KNOWN_KEYS:
        raise RuleFileError(path, line, key, f"unknown key (expected one of: {', '.join(KNOWN_KEYS)})")
    if key in LIST_KEYS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleFileError(path, line, key, "must be a list of words")
        merged[key] = list(dict.fromkeys(merged[key] + value))
    elif key in MAP_KEYS:
        if not isinstance(value, dict):
            raise RuleFileError(path, line, key, "must be a mapping of word -> canonical name")
        merged[key].update({str(k): str(v) for k, v in value.items()})
    else:
        if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
            raise RuleFileError(path, line, key, "must map each group to a list of words")
        for group, words in value.items():
            merged[key][str(group)] = list(dict.fromkeys(merged[key].get(str(group), []) + [str(w) for w in words]))


def _longest_first(words: Any) -> tuple[str, ...]:
    """Sort words longest first so that alternations prefer the longest match."""
    return tuple(sorted(words, key=len, reverse=True))


def _alternation(words: Any) -> re.Pattern[str]:
    """Compile an alternation of words, longest first; a pattern that never matches when empty."""
    ordered = _longest_first(words)
    if not ordered:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(re.escape(w) for w in ordered))


def _compile(merged: dict[str, Any]) -> ClaimLexicon:
    """Freeze the merged lexicon and compile its look-up patterns."""
    return ClaimLexicon(
        measures=merged["measures"],
        industries=_longest_first(merged["industries"]),
        scopes=_longest_first(merged["scopes"]),
        subjects=merged["subjects"],
        place_suffix=_longest_first(merged["place_suffix"]),
        plain_suffix=_longest_first(merged["plain_suffix"]),
        modality={k: _longest_first(v) for k, v in merged["modality"].items()},
        change={k: _longest_first(v) for k, v in merged["change"].items()},
        measure_units={k: tuple(v) for k, v in merged["measure_units"].items()},
        enumeration={k: _longest_first(v) for k, v in merged["enumeration"].items()},
        measure_re=_alternation(merged["measures"]),
        industry_re=_alternation(merged["industries"]),
        subject_re=_alternation(merged["subjects"]),
        place_re=_place_pattern(merged["place_suffix"]),
        # 下降了1.5个百分点, 回落0.3%: a fall word, then at most two characters before the figure.
        fall_re=re.compile("(?:" + _alternation(merged["change"].get("down", [])).pattern + r")[^，,。]{0,2}$"),
    )


def _place_pattern(suffixes: Any) -> re.Pattern[str]:
    """A place name: the shortest run of two to four characters before a place suffix (longest suffix first)."""
    return re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?P<suffix>" + _alternation(suffixes).pattern + ")")
