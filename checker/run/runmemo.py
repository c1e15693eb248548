"""The cross-article step of the last whole run, remembered: a warm run over the same files takes its findings from
the groups' memo without selecting, grouping or keying a single claim, or re-reading a fact row.

The key is a hash of the run's files in their order: each file's place, id and the checksum of its files row, which
covers its version (program, rule pack, settings), content hash, date, encoding and the checksums of its analysis and
of its fact rows, so every input of the cross-article step. The row keeps the count of distinct facts, and the number
and a hash of the groups' memo keys, listed in `run_groups`; only a run whose every group has its findings in the memo
is kept. Data only, each row checked, like the rest of the store.
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct

from checker.run.checksum import CacheCorrupt, checksum, verified

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS runs (key BLOB PRIMARY KEY, facts INTEGER NOT NULL, groups INTEGER NOT NULL,
        listed BLOB NOT NULL, digest INTEGER NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS run_groups (grp INTEGER PRIMARY KEY, key BLOB NOT NULL)",
)
KEYED = "CREATE TEMP TABLE keyed (grp INTEGER PRIMARY KEY, key BLOB NOT NULL, known INTEGER NOT NULL)"
ROWS_AT_ONCE = 4096  # rows hashed at a time (the run's files and groups grow with the archive)


def run_key(db: sqlite3.Connection) -> bytes:
    """The key of a whole run over the files of temp.chosen, in their order."""
    digest = hashlib.blake2b(b"run", digest_size=16)
    rows = db.execute("SELECT c.ord, c.file, f.digest FROM chosen c INDEXED BY chosen_by_ord"
                      " JOIN files f ON f.id = c.file ORDER BY c.ord")
    while chunk := rows.fetchmany(ROWS_AT_ONCE):
        digest.update(b"".join(struct.pack(">qqq", *row) for row in chunk))
    return digest.digest()


def recall_run(db: sqlite3.Connection, key: bytes) -> int | None:
    """The count of distinct facts of the run kept under key, with temp.keyed filled from its groups, all known;
    None when no run over these files is kept (temp.keyed is then left for the step to fill)."""
    row = db.execute("SELECT key, facts, groups, listed, digest FROM runs WHERE key = ?", (key,)).fetchone()
    if row is None:
        # Another set of files, another version or date of one of them, or no run kept: the step runs.
        return None
    _, facts, groups, listed = verified(row)
    if _listed(db) != (groups, listed):
        raise CacheCorrupt("the groups of the remembered run do not match its row")
    db.execute("DROP TABLE IF EXISTS temp.keyed")
    db.execute(KEYED)
    db.execute("INSERT INTO keyed SELECT grp, key, 1 FROM run_groups")
    if db.execute("SELECT COUNT(*) FROM keyed k JOIN memo m ON m.key = k.key").fetchone()[0] != groups:
        # A group's findings are no longer kept (a run stopped half-way): the step runs.
        db.execute("DROP TABLE temp.keyed")
        return None
    return facts


def keep_run(db: sqlite3.Connection, key: bytes, facts: int) -> None:
    """Keep a whole run's groups (temp.keyed) under its key, replacing the run kept before, when every group's
    findings are in the memo."""
    db.execute("DELETE FROM runs")
    db.execute("DELETE FROM run_groups")
    if db.execute("SELECT 1 FROM keyed k WHERE NOT EXISTS (SELECT 1 FROM memo m WHERE m.key = k.key)").fetchone():
        # A finding spanned groups, so a group's findings were not kept: the next run must run the step.
        return
    db.execute("INSERT INTO run_groups SELECT grp, key FROM keyed")
    groups, listed = _listed(db)
    db.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?)", (key, facts, groups, listed, checksum(key, facts, groups,
                                                                                              listed)))


def _listed(db: sqlite3.Connection) -> tuple[int, bytes]:
    """How many groups run_groups lists and a hash of them, in order."""
    return counted_hash(db, "SELECT grp, key FROM run_groups ORDER BY grp", b"groups",
                        lambda row: struct.pack(">q", row[0]) + row[1])


def counted_hash(db: sqlite3.Connection, query: str, tag: bytes, packed) -> tuple[int, bytes]:
    """How many rows a query gives and a hash of them in its order (packed: a row's bytes), a chunk at a time."""
    digest = hashlib.blake2b(tag, digest_size=16)
    count = 0
    rows = db.execute(query)
    while chunk := rows.fetchmany(ROWS_AT_ONCE):
        count += len(chunk)
        digest.update(b"".join(map(packed, chunk)))
    return count, digest.digest()
