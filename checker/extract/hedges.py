"""The words around a figure (rules/lexicon/hedges.yaml) and the variant characters read as simplified ones."""

from __future__ import annotations

from pathlib import Path

import attrs

QUALIFIERS = ("approx", "over", "under", "below")


@attrs.frozen
class Hedges:
    """Words before and after a figure, each with the qualifier it gives (rules/lexicon/hedges.yaml)."""

    before: dict[str, str]
    after: dict[str, str]
    not_after: dict[str, str] = attrs.field(factory=dict)  # word -> characters it never follows
    negative: tuple[str, ...] = ()  # signs that make the number after them negative


def load_hedges(path: Path) -> Hedges:
    """Read the hedge lexicon; an unknown section or qualifier names file, line and key."""
    from checker.errors import RuleFileError
    from checker.yamlio import load_yaml_mapping

    raw, lines = load_yaml_mapping(path)
    sections: dict[str, dict[str, str]] = {"before": {}, "after": {}}
    not_after: dict[str, str] = {}
    negative = raw.pop("negative", [])
    if not isinstance(negative, list) or not all(isinstance(sign, str) and sign for sign in negative):
        raise RuleFileError(str(path), lines.get("negative"), "negative", "expected a list of signs")
    for section, words in raw.items():
        if section not in sections or not isinstance(words, dict):
            raise RuleFileError(str(path), lines.get(str(section)), str(section),
                                "expected 'before', 'after' (a mapping of word -> qualifier) or 'negative'")
        for word, entry in words.items():
            key = f"{section}.{word}"
            fields = entry if isinstance(entry, dict) else {"qualifier": entry}
            if fields.get("qualifier") not in QUALIFIERS or set(fields) - {"qualifier", "not_after"}:
                raise RuleFileError(str(path), lines.get(key), key,
                                    f"qualifier must be one of: {', '.join(QUALIFIERS)} (optionally with not_after)")
            sections[section][str(word)] = fields["qualifier"]
            if fields.get("not_after"):
                not_after[str(word)] = str(fields["not_after"])
    return Hedges(sections["before"], sections["after"], not_after, tuple(negative))


def load_variants(path: Path) -> dict[str, str]:
    """Read the variant characters (萬: 万); an entry that is not one character for one names file, line and key."""
    from checker.errors import RuleFileError
    from checker.yamlio import load_yaml_mapping

    raw, lines = load_yaml_mapping(path)
    for variant, simplified in raw.items():
        if not (isinstance(variant, str) and isinstance(simplified, str) and len(variant) == len(simplified) == 1):
            raise RuleFileError(str(path), lines.get(str(variant)), str(variant),
                                "expected one variant character mapped to one simplified character")
    return dict(raw)
