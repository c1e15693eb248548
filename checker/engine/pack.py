"""Load rule files (rules/<kind>/<problem>.yaml) into RuleSpecs, validated against rules/schema.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs

from checker.engine.registry import kind_module, unknown_kind_problem
from checker.errors import RuleFileError
from checker.model import Severity
from checker.text.rulesdir import find_rules_dir
from checker.yamlio import load_yaml_mapping

SEVERITIES = ("error", "warning", "info")
# How a rule ties the figures it combines (rule-file key `linked-by`), read by the engine's certainty gate.
LINKS = ("meaning", "grammar", "grammar-in-one-sentence", "arithmetic")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@attrs.frozen
class RuleSpec:
    """One rule: a kind implemented in code, with the data that configures it."""

    id: str
    kind: str
    severity: Severity
    message: str
    description: str
    params: Any  # the kind's frozen Params value (checker.engine.kinds.<kind>.Params)
    examples: tuple[dict[str, str], ...] = ()
    references: tuple[str, ...] = ()
    enabled: bool = True
    path: str = ""
    description_en: str = ""  # the description in English, for --lang en
    linked_by: str = "meaning"  # one of LINKS: what ties the figures a finding combines (the gate's input)

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: Path, lines: dict[str, int]) -> RuleSpec:
        """Build a spec from a validated rule file; the id comes from its path."""
        rule_id = f"{path.parent.name}.{path.stem}"
        if raw.get("id", rule_id) != rule_id:
            raise RuleFileError(str(path), lines.get("id"), "id", f"must be '{rule_id}' (the id comes from the path)")
        if raw["kind"] != path.parent.name:
            raise RuleFileError(str(path), lines.get("kind"), "kind",
                                f"'{raw['kind']}' does not match its folder '{path.parent.name}'")
        params = kind_module(raw["kind"]).Params.from_mapping(raw.get("params", {}) or {}, str(path), lines)
        return cls(
            id=rule_id, kind=raw["kind"], severity=raw["severity"], message=raw["message"],
            description=raw.get("description", ""), params=params,
            examples=tuple(raw.get("examples", ())), references=tuple(raw.get("references", ())),
            enabled=raw.get("enabled", True), path=str(path), description_en=raw.get("description-en", ""),
            linked_by=_linked_by(raw, str(path), lines),
        )

    def describe(self, lang: str = "zh") -> str:
        """The rule's description in a language (zh or en), falling back to the other when one is missing."""
        first, second = (self.description_en, self.description) if lang == "en" else (self.description,
                                                                                     self.description_en)
        return (first or second).strip()

    def render(self, **values: Any) -> str:
        """Fill the message template's named placeholders; unknown names stay as written."""
        return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), self.message)


def _linked_by(raw: dict[str, Any], path: str, lines: dict[str, int]) -> str:
    """The rule's `linked-by` declaration (default: meaning), checked even when the schema was not applied."""
    linked_by = raw.get("linked-by", LINKS[0])
    if linked_by not in LINKS:
        raise RuleFileError(path, lines.get("linked-by"), "linked-by", f"must be one of: {', '.join(LINKS)}")
    return str(linked_by)


@attrs.frozen
class RulePack:
    """The rules of a run, in a stable order."""

    rules: tuple[RuleSpec, ...]
    version: str  # a digest of the rule files, for caches

    def enabled(self) -> tuple[RuleSpec, ...]:
        """The rules switched on."""
        return tuple(r for r in self.rules if r.enabled)

    def by_id(self, rule_id: str) -> RuleSpec | None:
        """Look a rule up by id."""
        return next((r for r in self.rules if r.id == rule_id), None)


def load_pack(directories: list[Path], schema_path: Path) -> RulePack:
    """Load every rule file below the given directories; later directories override by id."""
    import hashlib

    validator: Any = None
    shipped = find_rules_dir().resolve()
    rules: dict[str, RuleSpec] = {}
    digest = hashlib.sha256()
    for directory in directories:
        if not directory.is_dir():
            raise RuleFileError(str(directory), None, None, "rule directory does not exist")
        # The shipped pack is validated against the schema by the project's tests (tests/test_rule_descriptions.py):
        # a start-up need not import jsonschema for it. Every user rule folder is validated here.
        trusted = directory.resolve() == shipped and schema_path.resolve() == shipped / "schema.json"
        if validator is None and not trusted:
            import jsonschema

            validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
        for path in sorted(directory.glob("*/*.yaml")):
            if path.parent.name == "lexicon":
                # Lexicons live beside rules but are not rules.
                continue
            spec = _load_rule(path, None if trusted else validator)
            rules[spec.id] = spec
            digest.update(path.read_bytes())
    return RulePack(tuple(rules[k] for k in sorted(rules)), digest.hexdigest()[:16])


def _load_rule(path: Path, validator: Any) -> RuleSpec:
    """Load and validate one rule file (against the schema when a validator is given), citing file, line and key."""
    raw, lines = load_yaml_mapping(path)
    if "kind" in raw:
        try:
            kind_module(raw["kind"])
        except (KeyError, TypeError):
            # Name the valid kinds from the registry, not only the schema's complaint.
            raise RuleFileError(str(path), lines.get("kind"), "kind", unknown_kind_problem(raw["kind"])) from None
    errors = sorted(validator.iter_errors(raw), key=lambda e: list(e.absolute_path)) if validator else []
    if errors:
        error = errors[0]
        key = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            key = ".".join([key, extra[0]]).strip(".") if extra else key
        raise RuleFileError(str(path), lines.get(key) or lines.get(key.split(".")[0]), key or None, error.message)
    return RuleSpec.from_mapping(raw, path, lines)
