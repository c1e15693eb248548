"""The analysis cache: per file, its analysis, its linkable claims and its findings, in SQLite.

A file whose size and modification time are unchanged is never re-read. `check` never loads a
whole analysis back: it reads the documents' dates, the findings of the document-scope rules, and
only those linkable claims whose fact (or its target/actual twin) is stated more than once —
the only claims the corpus-scope rules can compare. Values are stored as data-only JSON (never
pickle: a cache planted in a repository must not run code), and every row carries the SHA-256 of
all its columns: a damaged row or database is detected and the cache rebuilt, never trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import attrs

from checker.run import codec

LAYOUT = 2  # PRAGMA user_version of the current table layout; any other database is rebuilt
SCHEMA = (
    """CREATE TABLE IF NOT EXISTS files (
        path TEXT NOT NULL, version TEXT NOT NULL, mtime_ns INTEGER, size INTEGER,
        dct TEXT, dct_source TEXT, dct_confidence REAL, encoding TEXT, claim_count INTEGER,
        suppressions TEXT NOT NULL, full BLOB NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (path, version))""",
    """CREATE TABLE IF NOT EXISTS facts (
        path TEXT NOT NULL, version TEXT NOT NULL, key TEXT NOT NULL, family TEXT NOT NULL,
        modality TEXT NOT NULL, value REAL, low REAL, high REAL, claim BLOB NOT NULL, claim_sha TEXT NOT NULL,
        digest TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS facts_of_path ON facts (path, version)",
    "CREATE INDEX IF NOT EXISTS facts_by_family ON facts (version, family, path, modality, value, low, high)",
    "CREATE INDEX IF NOT EXISTS facts_by_key ON facts (version, key, path)",
    """CREATE TABLE IF NOT EXISTS findings (
        path TEXT NOT NULL, version TEXT NOT NULL, findings BLOB NOT NULL, digest TEXT NOT NULL,
        PRIMARY KEY (path, version))""",
)


# A family of facts (one key, any modality) can only yield a corpus finding when its claims differ:
# intervals that do not all meet (agreement), two modalities (forecast vs actual), or a planned
# value stated differently (revision). Families where every claim says the same are not loaded.
DIFFERS = (
    "MAX(low) > MIN(high) OR COUNT(DISTINCT modality) > 1"
    " OR (MAX(modality IN ('target', 'forecast')) = 1 AND COUNT(DISTINCT value) > 1)"
)


GITIGNORE = "# hedui's analysis cache: rebuilt when missing, never committed.\n*\n"


class CacheCorrupt(Exception):
    """A row whose checksum does not match its columns, or whose data does not decode."""


def _checksum(*columns: Any) -> str:
    """The SHA-256 of a row's columns, in order (None, numbers, text and bytes alike)."""
    digest = hashlib.sha256()
    for column in columns:
        data = column if isinstance(column, bytes) else repr(column).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _verified(row: tuple) -> tuple:
    """Return a row's columns without its trailing checksum, after checking it."""
    *columns, digest = row
    if _checksum(*columns) != digest:
        raise CacheCorrupt("checksum mismatch")
    return tuple(columns)


def _claim_blob(claim: bytes, claim_sha: str) -> bytes:
    """Return a stored claim after checking it against the SHA-256 its verified row names."""
    if hashlib.sha256(claim).hexdigest() != claim_sha:
        raise CacheCorrupt("claim checksum mismatch")
    return claim


def _decoded(blob: bytes) -> Any:
    """Decode one stored value; damage that slipped past the checksum still raises CacheCorrupt."""
    try:
        return codec.loads(blob)
    except (ValueError, TypeError, KeyError) as exc:
        raise CacheCorrupt(str(exc)) from exc


@attrs.frozen
class PreparedRows:
    """One file's cache rows, encoded where the analysis ran (a worker), so the writer only inserts."""

    path: str
    file: tuple  # dct, dct_source, dct_confidence, encoding, claim_count, suppressions, full
    facts: tuple  # (key, family, modality, value, low, high, claim) per linkable claim
    findings: bytes | None  # the encoded findings, when the document has any


def prepare_rows(analysis: Any, suppressions: str) -> PreparedRows:
    """Encode an analysis into the rows the cache stores."""
    doc = analysis.doc
    dct = doc.dct
    file = (dct.date.isoformat() if dct else None, dct.source if dct else None, dct.confidence if dct else None,
            doc.encoding, len(analysis.claims), suppressions, codec.dumps(analysis))
    facts = []
    for key, family, claim in analysis.linkable():
        bounds = claim.interval()
        facts.append((key, family, claim.modality, claim.value.value, max(bounds.low, -1e308), min(bounds.high, 1e308),
                      codec.dumps(claim)))
    return PreparedRows(doc.path, file, tuple(facts), codec.dumps(analysis.findings) if analysis.findings else None)


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
        except (sqlite3.DatabaseError, ValueError):
            # Not a database, a damaged one, or an older layout: start over rather than trust it.
            self._remove_files()
            return self._connect()

    def _remove_files(self) -> None:
        """Delete the database and its journal, so no stale journal is replayed into the new one."""
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _connect(self) -> sqlite3.Connection:
        """Connect and create the tables; a file that is no database fails here, damaged pages later."""
        self.path.parent.joinpath(".gitignore").write_text(GITIGNORE, encoding="utf-8")
        db = sqlite3.connect(self.path)
        layout = db.execute("PRAGMA user_version").fetchone()[0]
        if layout not in (0, LAYOUT):
            # Another layout (an older hedui): its rows cannot be read, so start over.
            db.close()
            self._remove_files()
            db = sqlite3.connect(self.path)
        for statement in SCHEMA:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {LAYOUT}")
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
        # The row's checksum is verified when it is read back; a mismatch then rebuilds the cache.
        return {path for path, mtime_ns, size in rows if stats.get(path) == (mtime_ns, size)}

    def store(self, version: str, stat: tuple[int, int], rows: PreparedRows) -> None:
        """Write one file's prepared rows, replacing what the cache held for it."""
        for table in ("files", "facts", "findings"):
            # One version per file: rows of older rule packs or code are of no further use.
            self.db.execute(f"DELETE FROM {table} WHERE path = ?", (rows.path,))
        file = (rows.path, version, stat[0], stat[1], *rows.file)
        self.db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*file, _checksum(*file)))
        facts = []
        for *columns, claim in rows.facts:
            # The checksum covers the claim through its own SHA-256, so the index columns verify alone.
            index = (rows.path, version, *columns)
            claim_sha = hashlib.sha256(claim).hexdigest()
            facts.append((*index, claim, claim_sha, _checksum(*index, claim_sha)))
        self.db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)
        if rows.findings is not None:
            findings = (rows.path, version, rows.findings)
            self.db.execute("INSERT INTO findings VALUES (?, ?, ?, ?)", (*findings, _checksum(*findings)))

    def load_full(self, version: str, paths: list[str]) -> dict[str, Any]:
        """Whole analyses of the given paths."""
        out = {}
        for path in paths:
            row = self.db.execute("SELECT * FROM files WHERE path = ? AND version = ?", (path, version)).fetchone()
            if row is not None:
                out[path] = _decoded(_verified(row)[10])
        return out

    def load_light(self, version: str, paths: list[str]) -> tuple:
        """For `check`: document rows, findings, claims of families that differ, claim and fact counts, suppressions."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (path TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((p,) for p in paths))
        files = [_verified(row) for row in self.db.execute(
            "SELECT * FROM files WHERE version = ? AND path IN (SELECT path FROM wanted)", (version,))]
        documents = [(row[0], *row[4:10]) for row in files]
        findings = [f for row in self.db.execute(
            "SELECT * FROM findings WHERE version = ? AND path IN (SELECT path FROM wanted)", (version,))
            for f in _decoded(_verified(row)[2])]
        # Every fact row's index columns are verified before they choose which claims to load.
        for row in self.db.execute(
                "SELECT path, version, key, family, modality, value, low, high, claim_sha, digest FROM facts"
                " WHERE version = ? AND path IN (SELECT path FROM wanted)", (version,)):
            _verified(row)
        # Two steps, each on an index: the families that differ, then their claims.
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS differing (family TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM differing")
        self.db.execute(
            "INSERT INTO differing SELECT family FROM facts WHERE version = ? AND path IN (SELECT path FROM wanted)"
            " GROUP BY family HAVING COUNT(*) > 1 AND (" + DIFFERS + ")", (version,))
        claims = [_decoded(_claim_blob(claim, sha)) for claim, sha in self.db.execute(
            "SELECT f.claim, f.claim_sha FROM differing d JOIN facts f ON f.version = ? AND f.family = d.family"
            " WHERE f.path IN (SELECT path FROM wanted)", (version,))]
        count = sum(row[5] or 0 for row in documents)
        suppressions = [item for row in documents for item in json.loads(row[6])]
        facts = self.db.execute("SELECT COUNT(DISTINCT key) FROM facts"
                                " WHERE version = ? AND path IN (SELECT path FROM wanted)", (version,)).fetchone()[0]
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
