"""Files' stat stamps in the analysis store: a file untouched since its entry was written is not read again.

A warm run over an archive read and hashed every file to learn that none changed. A stamp is what `os.stat`
says of a file when it was last read (modification and change times in nanoseconds, size, inode): while a file's
stamp is the one kept, its bytes are those hashed then, as git trusts its index. The change time cannot be set
back by any program, so a file rewritten with its old size and modification time (`cp -p`, `touch -r`) gets a new
stamp. A file changed in the RACY_NS before its stat may change again within the same tick of the file system's
clock without its stamp changing (git's "racy" files): it gets no stamp and is hashed until a later read stamps it.
Stamps live in a table of their own, beside the files rows: restamping a file (a checkout, a `touch`) leaves the
keys of the run's remembered steps, which cover the files rows, as they were. A stamp row carries no checksum: a
damaged one is a stamp no file has (it holds the inode of its own file and nanosecond times), so the file is read
and hashed as without a stamp, never trusted wrongly.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import time

SCHEMA = ("CREATE TABLE IF NOT EXISTS stamps (file INTEGER PRIMARY KEY, stamp BLOB NOT NULL)",)
RACY_NS = 2_000_000_000  # a file changed this close before its stat is never trusted by its stamp
_STAMP = struct.Struct(">qqqq")  # modification time, change time, size, inode


def stamp_of(info: os.stat_result) -> bytes:
    """A file's stamp from its stat."""
    return _STAMP.pack(info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def trustworthy(info: os.stat_result, now_ns: int) -> bytes | None:
    """The stamp of a stat taken at now_ns, or None when the file changed too shortly before to be trusted by it."""
    if max(info.st_mtime_ns, info.st_ctime_ns) > now_ns - RACY_NS:
        # Racy: a change in the same clock tick after this stat would leave the stamp as it is.
        return None
    return stamp_of(info)


def current(path: str) -> bytes | None:
    """The stamp a file has now (None when it cannot be stat'ed: the read that follows says why)."""
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def taken(path: str) -> tuple[tuple[int, int] | None, bytes | None]:
    """A file's (mtime_ns, size) and its trustworthy stamp, taken before it is read (a later change shows as newer)."""
    try:
        info = os.stat(path)
    except OSError:
        return None, None  # the read that follows says why the file cannot be used
    return (info.st_mtime_ns, info.st_size), trustworthy(info, time.time_ns())


def put(db: sqlite3.Connection, file: int, stamp: bytes) -> None:
    """Keep a file's stamp (a files row's id), replacing its earlier one."""
    db.execute("INSERT OR REPLACE INTO stamps VALUES (?, ?)", (file, stamp))
