"""The claims cache: each file's document and claims in SQLite, keyed by content hash and versions.

An unchanged file (same size and modification time, or else same content hash) is never
re-extracted. Every payload carries its own SHA-256: a corrupted row or database is detected,
discarded and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    path TEXT NOT NULL, version TEXT NOT NULL, mtime_ns INTEGER, size INTEGER, sha TEXT,
    digest TEXT NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (path, version)
)
"""


class ClaimCache:
    """A SQLite store of (Document, claims) per file and version string."""

    def __init__(self, folder: Path):
        """Open (or create, or rebuild when corrupted) the cache in a folder."""
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "claims.sqlite"
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        """Connect and check the database; a corrupted file is removed and recreated."""
        try:
            db = sqlite3.connect(self.path)
            db.execute(SCHEMA)
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            return db
        except sqlite3.DatabaseError:
            # Not a database, or a damaged one: start over rather than trust it.
            self.path.unlink(missing_ok=True)
            db = sqlite3.connect(self.path)
            db.execute(SCHEMA)
            return db

    def get(self, path: str, version: str, stat: tuple[int, int], content: bytes | None = None) -> Any | None:
        """The cached payload when the file is unchanged; None otherwise."""
        row = self.db.execute(
            "SELECT mtime_ns, size, sha, digest, payload FROM docs WHERE path = ? AND version = ?", (path, version)
        ).fetchone()
        if row is None:
            return None
        mtime_ns, size, sha, digest, payload = row
        if (mtime_ns, size) != stat:
            if content is None or hashlib.sha256(content).hexdigest() != sha:
                # The file changed (or we may not read it here to compare): extract again.
                return None
        if hashlib.sha256(payload).hexdigest() != digest:
            # A damaged row: drop it and extract again.
            self.db.execute("DELETE FROM docs WHERE path = ? AND version = ?", (path, version))
            return None
        try:
            return pickle.loads(payload)  # our own rows, verified by their digest above
        except Exception:
            self.db.execute("DELETE FROM docs WHERE path = ? AND version = ?", (path, version))
            return None

    def put(self, path: str, version: str, stat: tuple[int, int], sha: str, value: Any) -> None:
        """Store a payload for a file."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute(
            "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
            (path, version, stat[0], stat[1], sha, hashlib.sha256(payload).hexdigest(), payload),
        )

    def close(self) -> None:
        """Commit and close."""
        try:
            self.db.commit()
        finally:
            self.db.close()
