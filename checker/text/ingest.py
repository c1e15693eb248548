"""Read an article into a Document: decoding, front matter, reading text and document date."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from typing import Any

import yaml

from checker.errors import InputError
from checker.model import Document, DocumentDate
from checker.text.datewords import load_date_words
from checker.text.docdate import infer_date
from checker.text.textmap import decode_text, map_html, map_plain, split_front_matter

MAX_BYTES = 200 * 1024 * 1024  # larger files are not articles
_HTML_SUFFIXES = (".html", ".htm")

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def read_document(path: str, *, date_override: dt.date | None = None) -> Document:
    """Read and decode the file at path into a Document."""
    return document_from_text(path, read_bytes(path), date_override=date_override)


def document_from_text(
    path: str, raw: bytes | str, *, date_override: dt.date | None = None
) -> Document:
    """Build a Document from the contents (bytes, or text already decoded) of the file at path."""
    text, encoding = decode_text(path, raw)
    yaml_source, body_start = split_front_matter(text)
    fields = parse_front_matter(path, yaml_source) if yaml_source is not None else {}
    meta = {str(key): _to_meta_string(value) for key, value in fields.items()}
    stated = None
    if fields.get("date") not in (None, ""):  # `date:` left empty states no date
        stated = _to_date(path, fields["date"], yaml_source or "")
        meta["date"] = stated.isoformat()
    if path.lower().endswith(_HTML_SUFFIXES):
        textmap, title = map_html(text, body_start)
        if title and not meta.get("title"):
            meta["title"] = title  # front matter states the title; <title> is the fallback
    else:
        textmap = map_plain(text, body_start)
    if date_override is not None:
        dct: DocumentDate | None = DocumentDate(date_override, "--date", 1.0)
    elif stated is not None:
        dct = DocumentDate(stated, "front matter", 1.0)
    else:
        # The publisher's page address (url), else the stored page's (source), may hold the day it was filed.
        dct = infer_date(textmap.reading, address=meta.get("url") or meta.get("source") or "")
    return Document(path, text, textmap.reading, textmap.offsets, dct, meta, encoding)


def read_bytes(path: str) -> bytes:
    """Return the bytes of the regular file at path, or raise InputError saying why it cannot be read.

    The file is opened without blocking and checked on the open descriptor, so a FIFO or device
    named *.md is refused at once instead of waiting forever for a writer.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    info = os.fstat(descriptor)
    problem = None
    if stat.S_ISDIR(info.st_mode):
        problem = "is a directory, not an article"
    elif not stat.S_ISREG(info.st_mode):
        problem = "不是普通文件（FIFO、设备或套接字），不能作为文章读取"
    elif info.st_size > MAX_BYTES:
        problem = f"file too large ({info.st_size} bytes; limit 200 MB)"
    if problem is not None:
        os.close(descriptor)
        raise InputError(f"{path}: {problem}")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            # Sized by the stat: a read of MAX_BYTES + 1 at once allocates that much first (200 MB for a few KB).
            raw = handle.read(info.st_size + 1)
            if len(raw) > info.st_size:
                # The file grew since the stat (or the stat tells no size, as in /proc): read on, up to the limit.
                raw += handle.read(MAX_BYTES + 1 - len(raw))
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{path}: file too large (limit 200 MB)")
    return raw


def parse_front_matter(path: str, source: str) -> dict[Any, Any]:
    """Load front matter with a safe loader; raise InputError naming the line when malformed.

    Front matter with a YAML alias is ignored with a warning on stderr (the article is still checked):
    a few hundred bytes of nested aliases would expand into gigabytes.
    """
    from checker.yamlio import find_alias, safe_loader

    try:
        # An alias is written *name: front matter without a * has none, and needs no second pass of the parser.
        alias = find_alias(source) if "*" in source else None
        if alias is not None:
            # An alias bomb must never be built; the body is still worth checking without the metadata.
            problem = "文件头（front matter）使用了 YAML 别名（*name），已忽略整个文件头"
            print(f"hedui: warning: {path}:{alias + 1}: {problem}", file=sys.stderr)
            return {}
        data = yaml.load(source, Loader=safe_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 2  # +1 for the `---` line, +1 as lines count from 1
        raise InputError(f"{path}:{line}: malformed front matter: {error.problem}") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}:2: malformed front matter: {error}") from None
    except ValueError as error:  # YAML reads 2025-13-01 as a timestamp, then fails to build it
        line = _find_bad_date_line(source)
        raise InputError(f"{path}:{line}: malformed front matter: {error}") from None
    if data is None:
        return {}  # an empty front matter block states nothing
    if not isinstance(data, dict):
        raise InputError(f"{path}:2: front matter is not a mapping of keys to values")
    return data


def _find_bad_date_line(source: str) -> int:
    """Return the file line of the first impossible YYYY-MM-DD date in the front matter."""
    for number, line in enumerate(source.splitlines(), start=2):
        for match in _ISO_DATE.finditer(line):
            try:
                dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return number
    return 2  # not found: point at the first line of the front matter


def _to_meta_string(value: Any) -> str:
    """Write a front matter value as a string for Document.meta."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _to_date(path: str, value: Any, source: str) -> dt.date:
    """Convert the front matter `date` value to a date, or raise InputError naming the key."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = load_date_words().full_date.fullmatch(str(value).strip())  # 2024年11月18日, 2024/11/18
    if match:
        numbers = [int(g) for g in match.groups() if g and g.isdigit()]
        try:
            return dt.date(*numbers)
        except ValueError:
            pass  # a well-formed but impossible date is reported below
    line = next((i + 2 for i, ln in enumerate(source.splitlines()) if ln.startswith("date")), 2)
    raise InputError(f"{path}:{line}: front matter key 'date' is not a date: {value!r}")
