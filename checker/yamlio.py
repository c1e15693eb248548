"""Safe YAML loading that remembers the line of every key, so errors can cite file:line:key.

Aliases (`*name`) are refused before anything is built: a few hundred bytes of nested aliases (a
"billion laughs") would otherwise expand into gigabytes when the data is walked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.errors import RuleFileError

ALIAS_PROBLEM = "不允许使用 YAML 别名（*name）：请把值完整写出"


def load_yaml_mapping(path: Path | str) -> tuple[dict[str, Any], dict[str, int]]:
    """Load a YAML file whose top level is a mapping; return it and a map of dotted key -> line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(str(path), None, None, f"cannot read: {exc}") from exc
    return parse_yaml_mapping(text, str(path))


def parse_yaml_mapping(text: str, source: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML text with the safe loader; return the mapping and its key lines."""
    import yaml

    lines: dict[str, int] = {}
    try:
        # An alias is written with a *: text without one needs no pass over the parser's events to find it.
        alias = find_alias(text) if "*" in text else None
        if alias is not None:
            raise RuleFileError(source, alias, None, ALIAS_PROBLEM)
        # One parse: the values are built from the nodes whose lines are read (yaml.load would parse again).
        loader = safe_loader()(text)
        try:
            node = loader.get_single_node()
            # Lines first: building a mapping may rewrite its node (a merge key's pairs).
            _collect_lines(node, "", lines)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise RuleFileError(source, line, None, f"invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    if data is None:
        # An empty file is an empty mapping: nothing to load, nothing wrong.
        return {}, {}
    if not isinstance(data, dict):
        raise RuleFileError(source, 1, None, "the file must be a mapping of keys to values")
    return data, lines


def safe_loader() -> type:
    """The C safe loader when PyYAML has it, else the pure-Python one (both build plain data only)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def find_alias(text: str) -> int | None:
    """The 1-based line of the first YAML alias in text, or None; one pass over the parser's events."""
    import yaml

    for event in yaml.parse(text, Loader=safe_loader()):
        if isinstance(event, yaml.AliasEvent):
            # the C and Python parsers both mark every event; the stubs allow None
            return event.start_mark.line + 1 if event.start_mark is not None else 1
    return None


def _collect_lines(node: Any, prefix: str, lines: dict[str, int]) -> None:
    """Record the line of every mapping key below node, as dotted paths (lists use indexes)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            lines[key] = key_node.start_mark.line + 1
            _collect_lines(value_node, key + ".", lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{prefix}{index}"
            lines[key] = item.start_mark.line + 1
            _collect_lines(item, key + ".", lines)
