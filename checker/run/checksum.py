"""Row checksums of the analysis store: damage is noticed, never trusted."""

from __future__ import annotations

import hashlib
from typing import Any


class CacheCorrupt(Exception):
    """A row whose checksum does not match its columns, or whose data does not decode."""


def checksum(*columns: Any) -> int:
    """The first 64 bits of the SHA-256 of a row's columns, in order (None, numbers, text and bytes alike)."""
    digest = hashlib.sha256()
    for column in columns:
        data = column if isinstance(column, bytes) else repr(column).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    # 64 bits notice damage as surely as more would (this guards against bad disks, not forgers), in 8 bytes a row.
    return int.from_bytes(digest.digest()[:8], "big", signed=True)


def verified(row: tuple) -> tuple:
    """Return a row's columns without its trailing checksum, after checking it."""
    *columns, digest = row
    if checksum(*columns) != digest:
        raise CacheCorrupt("checksum mismatch")
    return tuple(columns)
