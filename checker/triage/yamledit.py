"""Edit a decisions file's YAML text so that hand-written comments, order and quoting survive.

Two ways, the first preferred: `splice_entries` replaces, removes or inserts only the changed entries'
lines (each changed entry is round-tripped alone with ruamel.yaml, so comments inside it survive too)
and leaves every other byte alone, which keeps a save fast in a file of thousands of entries;
`rewrite_document` round-trips the whole file, for new files and layouts the splice does not handle.
Either result is read back with the safe loader and must hold exactly the intended entries.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

Fields = dict[str, str]  # one entry's YAML fields, empty ones left out


def round_trip_yaml() -> Any:
    """A ruamel.yaml round-trip reader/writer set up for decisions files."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = 4096  # a long reason stays on its line
    yaml.preserve_quotes = True  # a quoted 'yes' stays a string for the safe loader that reads it back
    return yaml


def rewrite_document(text: str, entries: dict[str, Fields], header: str) -> str:
    """Round-trip the whole file to hold exactly these entries (new ones in sorted place, or last)."""
    from ruamel.yaml.comments import CommentedMap

    yaml = round_trip_yaml()
    document = yaml.load(text) if text.strip() else None
    if not isinstance(document, CommentedMap):
        # A new (or empty) file: the header explains what it is.
        document = CommentedMap()
    table = document.get("decisions")
    if not isinstance(table, CommentedMap):
        table = CommentedMap()
        document["decisions"] = table
    for fingerprint in [fp for fp in table if str(fp) not in entries]:
        del table[fingerprint]
    if not entries:
        # ruamel writes an emptied table that keeps its comment as a bare {} at column 0, which is no YAML:
        # a fresh table is written indented under its key, after the comment the key keeps.
        table = CommentedMap()
        document["decisions"] = table
    for fingerprint in sorted(entries):
        put_entry(table, fingerprint, entries[fingerprint])
    out = io.StringIO()
    yaml.dump(document, out)
    dumped = out.getvalue()
    return dumped if dumped.startswith("#") else header + dumped


def splice_entries(text: str, entries: dict[str, Fields], changed: set[str]) -> str | None:
    """Rewrite only the changed entries' lines; None when the file's layout is not one this can edit safely."""
    layout = _layout(text)
    if layout is None:
        # Flow style, odd keys or no entries yet: the whole-file round trip handles it.
        return None
    blocks, order, indent = layout
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    replaced: dict[int, tuple[int, list[str]]] = {}
    inserted: dict[int, list[tuple[str, list[str]]]] = defaultdict(list)
    for fingerprint in changed:
        if fingerprint in blocks:
            start, end = blocks[fingerprint]
            new = _rewrite_block(lines[start:end], indent, fingerprint, entries[fingerprint]) \
                if fingerprint in entries else []
            if new is None:
                # The entry's own text would not round-trip: let the whole-file path try.
                return None
            replaced[start] = (end, new)
        elif fingerprint in entries:
            inserted[_insertion_line(order, blocks, fingerprint)].append(
                (fingerprint, _new_block(fingerprint, entries[fingerprint], indent)))
    out: list[str] = []
    index = 0
    while True:
        for _, block in sorted(inserted.get(index, [])):
            out.extend(block)
        if index >= len(lines):
            break
        if index in replaced:
            end, new = replaced[index]
            out.extend(new)
            index = end
            continue
        out.append(lines[index])
        index += 1
    result = "".join(out)
    return result if _holds_exactly(result, entries) else None


def put_entry(table: Any, fingerprint: str, fields: Fields) -> None:
    """Update an entry in place (keeping its comments and key order), or insert it: in sorted place, or last."""
    from ruamel.yaml.comments import CommentedMap

    existing = table.get(fingerprint)
    if isinstance(existing, CommentedMap):
        for key in [k for k in existing if k not in fields]:
            del existing[key]
        for key, value in fields.items():
            if existing.get(key) != value:
                existing[key] = scalar(value)
        return
    entry = CommentedMap((key, scalar(value)) for key, value in fields.items())
    keys = [str(key) for key in table]
    if keys != sorted(keys):
        # An order chosen by hand: the new entry goes last rather than somewhere arbitrary.
        table.insert(len(table), fingerprint, entry)
        return
    later = [i for i, key in enumerate(keys) if key > fingerprint]
    table.insert(later[0] if later else len(table), fingerprint, entry)


def scalar(value: str) -> Any:
    """A string that PyYAML's safe loader reads back as the same string: quoted when plain would not be."""
    import yaml
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    try:
        plain = yaml.safe_load(value) == value
    except yaml.YAMLError:
        plain = False
    return value if plain and "\n" not in value else SingleQuotedScalarString(value)


def _layout(text: str) -> tuple[dict[str, tuple[int, int]], list[str], int] | None:
    """Each entry's [first, end) lines, the entries in file order, and their indentation; None when unusual."""
    import yaml

    from checker.yamlio import safe_loader

    try:
        root = yaml.compose(text, Loader=safe_loader())
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    table = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "decisions"), None)
    if not isinstance(table, yaml.MappingNode) or table.flow_style or not table.value:
        return None
    blocks: dict[str, tuple[int, int]] = {}
    order: list[str] = []
    columns = set()
    for key, value in table.value:
        if not isinstance(key, yaml.ScalarNode) or key.style not in (None, "", "'", "\"") \
                or not isinstance(value, yaml.MappingNode) \
                or value.flow_style or key.value in blocks:
            return None
        blocks[key.value] = (key.start_mark.line, _last_line(value) + 1)
        order.append(key.value)
        columns.add(key.start_mark.column)
    return (blocks, order, columns.pop()) if len(columns) == 1 else None


def _last_line(node: Any) -> int:
    """The last line holding any of a node's own text (not the comments or blank lines after it)."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        mark = node.end_mark
        return mark.line if mark.column > 0 else max(mark.line - 1, node.start_mark.line)
    children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else node.value
    return max([_last_line(child) for child in children] + [node.start_mark.line])


def _insertion_line(order: list[str], blocks: dict[str, tuple[int, int]], fingerprint: str) -> int:
    """Where a new entry goes: after the entry sorting just before it, or after the last in a hand-ordered file."""
    if order != sorted(order):
        # An order chosen by hand: the new entry goes last.
        return blocks[order[-1]][1]
    before = [fp for fp in order if fp < fingerprint]
    return blocks[before[-1]][1] if before else blocks[order[0]][0]


def _rewrite_block(lines: list[str], indent: int, fingerprint: str, fields: Fields) -> list[str] | None:
    """One entry's lines with its fields set, round-tripped alone so its own comments survive."""
    from ruamel.yaml.comments import CommentedMap

    yaml = round_trip_yaml()
    text = "".join(line[indent:] if line[:indent].strip() == "" else line.lstrip() for line in lines)
    try:
        document = yaml.load(text)
    except Exception:  # noqa: BLE001 (ruamel raises several error families; any of them means "not this way")
        return None
    if not isinstance(document, CommentedMap) or list(document) != [fingerprint]:
        return None
    put_entry(document, fingerprint, fields)
    return _indented(yaml, document, indent)


def _new_block(fingerprint: str, fields: Fields, indent: int) -> list[str]:
    """The lines of a new entry at the table's indentation."""
    from ruamel.yaml.comments import CommentedMap

    document = CommentedMap([(fingerprint, CommentedMap((k, scalar(v)) for k, v in fields.items()))])
    return _indented(round_trip_yaml(), document, indent)


def _indented(yaml: Any, document: Any, indent: int) -> list[str]:
    """Dump a one-entry document and indent its lines to the table's column."""
    out = io.StringIO()
    yaml.dump(document, out)
    return [(" " * indent + line if line.strip() else line) for line in out.getvalue().splitlines(keepends=True)]


def _holds_exactly(text: str, entries: dict[str, Fields]) -> bool:
    """True when the safe loader reads text as exactly these entries (keys and string fields)."""
    import yaml

    from checker.yamlio import safe_loader

    try:
        data = yaml.load(text, Loader=safe_loader())
    except yaml.YAMLError:
        return False
    table = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return False
    read = {str(fp): {str(k): str(v) for k, v in (entry or {}).items() if v not in (None, "")}
            for fp, entry in table.items()}
    return read == entries
