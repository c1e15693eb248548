"""The analysis cache: per file, its analysis, its linkable claims and its findings, in SQLite.

A file whose size and modification time are unchanged is never re-read. `check` never loads a
whole analysis back: it reads the documents' dates, the findings of the document-scope rules, and
only those linkable claims whose fact (or its target/actual twin) is stated more than once —
the only claims the corpus-scope rules can compare. Every blob carries its SHA-256: a damaged row
or database is detected and the cache rebuilt, never trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
import sqlite3
from pathlib import Path
from typing import Any

import attrs

from checker.model import Interval

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS files (
        path TEXT NOT NULL, version TEXT NOT NULL, mtime_ns INTEGER, size INTEGER,
        dct TEXT, dct_source TEXT, dct_confidence REAL, encoding TEXT, claim_count INTEGER,
        suppressions TEXT NOT NULL, digest TEXT NOT NULL, full BLOB NOT NULL, PRIMARY KEY (path, version))""",
    """CREATE TABLE IF NOT EXISTS facts (
        path TEXT NOT NULL, version TEXT NOT NULL, key TEXT NOT NULL, family TEXT NOT NULL,
        modality TEXT NOT NULL, value REAL, low REAL, high REAL, digest TEXT NOT NULL, claim BLOB NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS facts_of_path ON facts (path, version)",
    "CREATE INDEX IF NOT EXISTS facts_by_family ON facts (version, family, path, modality, value, low, high)",
    "CREATE INDEX IF NOT EXISTS facts_by_key ON facts (version, key, path)",
    """CREATE TABLE IF NOT EXISTS findings (
        path TEXT NOT NULL, version TEXT NOT NULL, digest TEXT NOT NULL, findings BLOB NOT NULL,
        PRIMARY KEY (path, version))""",
)


# A family of facts (one key, any modality) can only yield a corpus finding when its claims differ:
# intervals that do not all meet (agreement), two modalities (forecast vs actual), or a planned
# value stated differently (revision). Families where every claim says the same are not loaded.
DIFFERS = (
    "MAX(low) > MIN(high) OR COUNT(DISTINCT modality) > 1"
    " OR (MAX(modality IN ('target', 'forecast')) = 1 AND COUNT(DISTINCT value) > 1)"
)


class CacheCorrupt(Exception):
    """A row whose blob does not match its digest, or that does not unpickle."""


def _blob(value: Any) -> tuple[str, bytes]:
    """Pickle a value and return (digest, blob)."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(data).hexdigest(), data


def _unblob(digest: str, data: bytes) -> Any:
    """Verify and unpickle one of our own blobs."""
    if hashlib.sha256(data).hexdigest() != digest:
        raise CacheCorrupt("digest mismatch")
    try:
        return pickle.loads(data)  # our own rows, verified by their digest above
    except Exception as exc:
        raise CacheCorrupt(str(exc)) from exc


@attrs.frozen
class PreparedRows:
    """One file's cache rows, pickled where the analysis ran (a worker), so the writer only inserts."""

    path: str
    file: tuple  # dct, dct_source, dct_confidence, encoding, claim_count, suppressions, digest, full
    facts: tuple  # (key, family, modality, value, low, high, digest, claim) per linkable claim
    findings: tuple | None  # (digest, findings) when the document has findings


def prepare_rows(analysis: Any, suppressions: str) -> PreparedRows:
    """Pickle an analysis into the rows the cache stores."""
    doc = analysis.doc
    dct = doc.dct
    digest, full = _blob(analysis)
    file = (dct.date.isoformat() if dct else None, dct.source if dct else None, dct.confidence if dct else None,
            doc.encoding, len(analysis.claims), suppressions, digest, full)
    facts = []
    for key, family, claim in analysis.linkable():
        bounds = claim.interval()
        facts.append((key, family, claim.modality, claim.value.value, max(bounds.low, -1e308), min(bounds.high, 1e308),
                      *_blob(claim)))
    return PreparedRows(doc.path, file, tuple(facts), _blob(analysis.findings) if analysis.findings else None)


class AnalysisCache:
    """The SQLite store below .hedui-cache/."""

    def __init__(self, folder: Path):
        """Open (or create, or rebuild when corrupted) the cache in a folder."""
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "analysis.sqlite"
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        """Connect and check the database; a damaged or foreign file is replaced."""
        try:
            return self._connect()
        except sqlite3.DatabaseError:
            # Not a database, a damaged one, or an older layout: start over rather than trust it.
            self._remove_files()
            return self._connect()

    def _remove_files(self) -> None:
        """Delete the database and its journal, so no stale journal is replayed into the new one."""
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _connect(self) -> sqlite3.Connection:
        """Connect and create the tables; a file that is no database fails here, damaged pages later."""
        db = sqlite3.connect(self.path)
        for statement in SCHEMA:
            db.execute(statement)
        return db

    def reset(self) -> None:
        """Forget everything (after corruption was found)."""
        try:
            self.db.rollback()
        except sqlite3.Error:
            pass  # a damaged connection may refuse even this; the files go next anyway
        self.db.close()
        self._remove_files()
        self.db = self._connect()

    def fresh(self, version: str, stats: dict[str, tuple[int, int]]) -> set[str]:
        """The paths whose cached rows are current for this version, size and modification time."""
        rows = self.db.execute("SELECT path, mtime_ns, size FROM files WHERE version = ?", (version,))
        return {path for path, mtime_ns, size in rows if stats.get(path) == (mtime_ns, size)}

    def store(self, version: str, stat: tuple[int, int], rows: "PreparedRows") -> None:
        """Write one file's prepared rows, replacing what the cache held for it."""
        for table in ("files", "facts", "findings"):
            # One version per file: rows of older rule packs or code are of no further use.
            self.db.execute(f"DELETE FROM {table} WHERE path = ?", (rows.path,))
        self.db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (rows.path, version, stat[0], stat[1], *rows.file))
        self.db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            ((rows.path, version, *fact) for fact in rows.facts))
        if rows.findings is not None:
            self.db.execute("INSERT INTO findings VALUES (?, ?, ?, ?)", (rows.path, version, *rows.findings))

    def load_full(self, version: str, paths: list[str]) -> dict[str, Any]:
        """Whole analyses of the given paths."""
        out = {}
        for path in paths:
            row = self.db.execute("SELECT digest, full FROM files WHERE path = ? AND version = ?", (path, version)).fetchone()
            if row is not None:
                out[path] = _unblob(*row)
        return out

    def load_light(self, version: str, paths: list[str]) -> tuple:
        """For `check`: document rows, findings, claims of families that differ, claim and fact counts, suppressions."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (path TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((p,) for p in paths))
        documents = self.db.execute(
            "SELECT path, dct, dct_source, dct_confidence, encoding, claim_count, suppressions FROM files "
            "WHERE version = ? AND path IN (SELECT path FROM wanted)", (version,)).fetchall()
        findings = [f for digest, blob in self.db.execute(
            "SELECT digest, findings FROM findings WHERE version = ? AND path IN (SELECT path FROM wanted)", (version,))
            for f in _unblob(digest, blob)]
        # Two steps, each on an index: the families that differ, then their claims.
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS differing (family TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM differing")
        self.db.execute(
            "INSERT INTO differing SELECT family FROM facts WHERE version = ? AND path IN (SELECT path FROM wanted)"
            " GROUP BY family HAVING COUNT(*) > 1 AND (" + DIFFERS + ")", (version,))
        claims = [_unblob(digest, blob) for digest, blob in self.db.execute(
            "SELECT f.digest, f.claim FROM differing d JOIN facts f ON f.version = ? AND f.family = d.family"
            " WHERE f.path IN (SELECT path FROM wanted)", (version,))]
        count = sum(row[5] or 0 for row in documents)
        suppressions = [item for row in documents for item in json.loads(row[6])]
        facts = self.db.execute("SELECT COUNT(DISTINCT key) FROM facts WHERE version = ? AND path IN (SELECT path FROM wanted)",
                                (version,)).fetchone()[0]
        return documents, findings, claims, count, facts, suppressions

    def close(self) -> None:
        """Commit and close."""
        try:
            self.db.commit()
        finally:
            self.db.close()


def document_stub(row: tuple) -> Any:
    """A Document without text, from a files row (its text is re-read only when a finding needs it)."""
    from checker.model import Document, DocumentDate

    path, dct, source, confidence, encoding, _, _ = row
    date = DocumentDate(dt.date.fromisoformat(dct), source, confidence) if dct else None
    return Document(path, "", "", (), dct=date, encoding=encoding or "utf-8")
