"""The differing families of the last whole run, kept: a run over the same files after a few of them changed
re-selects only the families those changes can affect (`AnalysisCache._reselect_differing`), not every family.

Which families a whole run loads (`AnalysisCache._select_differing`) depends on the fact rows alone: a family whose
claims differ, and the families of the rate-levels check (a 同比 rate whose series, or a series with a level of the
rate's period in the rate's article, has levels of that period and of the year before, and those levels). While a
selection is kept, every file whose fact rows are replaced records the topics of its old and new rows and the
families of its old rows (`track`). A family none of whose rows changed keeps its status unless its topic is one of
those, or it is a rate's family and the rate's series or a series with a level in the rate's article is one of
those: every input of its status is otherwise as it was. The kept selection is used only by a whole run over the
same files, in the same order (its key: each file's place and id), and rows of every table here carry a checksum.
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct

from checker.run.checksum import CacheCorrupt, checksum, verified
from checker.run.runmemo import counted_hash

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS selection (family INTEGER PRIMARY KEY)",
    """CREATE TABLE IF NOT EXISTS selection_run (files BLOB NOT NULL, families INTEGER NOT NULL, listed BLOB NOT NULL,
        digest INTEGER NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS changed_topics (topic INTEGER PRIMARY KEY, digest INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS changed_families (family INTEGER PRIMARY KEY, digest INTEGER NOT NULL)",
)
# Files re-written while a selection is kept, beyond which it is dropped (re-selecting every family is then cheaper).
TRACK_AT_MOST = 256
ROWS_AT_ONCE = 4096


def kept(db: sqlite3.Connection) -> bool:
    """True when a selection is kept (file changes must then be tracked)."""
    return db.execute("SELECT 1 FROM selection_run").fetchone() is not None


def track(db: sqlite3.Connection, first: int, last: int, topics: set[int]) -> None:
    """Record the topics and families of the fact rows with ids first..last (to be replaced), and the new topics."""
    old = db.execute("SELECT topic, family FROM facts WHERE id BETWEEN ? AND ?", (first, last)).fetchall()
    db.executemany("INSERT OR IGNORE INTO changed_topics VALUES (?, ?)",
                   [(topic, checksum(topic)) for topic in {row[0] for row in old} | topics])
    db.executemany("INSERT OR IGNORE INTO changed_families VALUES (?, ?)",
                   [(family, checksum(family)) for family in {row[1] for row in old}])


def drop(db: sqlite3.Connection) -> None:
    """Forget the kept selection and what changed since (the next whole run selects every family)."""
    for table in ("selection", "selection_run", "changed_topics", "changed_families"):
        db.execute(f"DELETE FROM {table}")


def files_key(db: sqlite3.Connection) -> bytes:
    """The key of the run's files (temp.chosen): each one's place and id, in order."""
    digest = hashlib.blake2b(b"files", digest_size=16)
    rows = db.execute("SELECT ord, file FROM chosen INDEXED BY chosen_by_ord ORDER BY ord")
    while chunk := rows.fetchmany(ROWS_AT_ONCE):
        digest.update(b"".join(struct.pack(">qq", *row) for row in chunk))
    return digest.digest()


def recall(db: sqlite3.Connection, key: bytes) -> bool:
    """True when a selection is kept for these files (key), its rows and the changes since all verified."""
    row = db.execute("SELECT files, families, listed, digest FROM selection_run").fetchone()
    if row is None or verified(row)[0] != key:
        # No selection kept, or one of other files: every family is selected.
        return False
    if _listed(db) != tuple(row[1:3]):
        raise CacheCorrupt("the kept selection does not match its row")
    for table in ("changed_topics", "changed_families"):
        rows = db.execute(f"SELECT * FROM {table}")
        while chunk := rows.fetchmany(ROWS_AT_ONCE):
            for item in chunk:
                verified(item)
    return True


def keep(db: sqlite3.Connection, key: bytes) -> None:
    """Keep the run's selection (temp.differing) for its files (key); nothing has changed since."""
    drop(db)
    db.execute("INSERT INTO selection SELECT family FROM differing")
    families, listed = _listed(db)
    db.execute("INSERT INTO selection_run VALUES (?, ?, ?, ?)",
               (key, families, listed, checksum(key, families, listed)))


def _listed(db: sqlite3.Connection) -> tuple[int, bytes]:
    """How many families the kept selection lists and a hash of them, in order."""
    return counted_hash(db, "SELECT family FROM selection ORDER BY family", b"selection",
                        lambda row: struct.pack(">q", row[0]))
