"""The analysis store: per file, its analysis, its linkable claims and its findings, in SQLite.

An entry is keyed by the SHA-256 of the file's bytes (with the rule pack, program version and
document date), so a file whose content is unchanged is never analysed again, whatever its
modification time. The run writes each analysis as it is produced (the store is also the run's
working memory, in a temporary folder with --no-cache), compressed; nothing keeps it in memory. `check` never loads a
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
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from checker.run import codec

LAYOUT = 4  # PRAGMA user_version of the current table layout; any other database is rebuilt
SCHEMA = (
    """CREATE TABLE IF NOT EXISTS files (
        path TEXT NOT NULL, version TEXT NOT NULL, content TEXT NOT NULL,
        dct TEXT, dct_source TEXT, dct_confidence REAL, encoding TEXT, claim_count INTEGER,
        suppressions TEXT NOT NULL, events TEXT NOT NULL, weak TEXT, full BLOB NOT NULL, mtime_ns INTEGER, size INTEGER,
        digest TEXT NOT NULL,
        PRIMARY KEY (path, version))""",
    """CREATE TABLE IF NOT EXISTS facts (
        path TEXT NOT NULL, version TEXT NOT NULL, key TEXT NOT NULL, family TEXT NOT NULL,
        modality TEXT NOT NULL, value REAL, low REAL, high REAL, claim INTEGER NOT NULL, digest TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS facts_of_path ON facts (path, version)",
    "CREATE INDEX IF NOT EXISTS facts_by_family ON facts (family, path, modality, value, low, high)",
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
    return digest.hexdigest()[:32]  # 128 bits: ample to notice damage, half the bytes per row


def _verified(row: tuple) -> tuple:
    """Return a row's columns without its trailing checksum, after checking it."""
    *columns, digest = row
    if _checksum(*columns) != digest:
        raise CacheCorrupt("checksum mismatch")
    return tuple(columns)


def _decoded(blob: bytes) -> Any:
    """Decode one stored value; damage that slipped past the checksum still raises CacheCorrupt."""
    try:
        return codec.loads(blob)
    except (ValueError, TypeError, KeyError) as exc:
        raise CacheCorrupt(str(exc)) from exc


@attrs.frozen
class PreparedRows:
    """One file's store rows, encoded where the analysis ran (a worker), so the writer only inserts."""

    path: str
    content: str  # the SHA-256 of the file's bytes
    stat: tuple[int, int] | None  # (mtime_ns, size) taken before the bytes were read; None for re-dated text
    file: tuple  # dct, dct_source, dct_confidence, encoding, claim_count, suppressions, events, weak, full
    facts: tuple  # (key, family, modality, value, low, high, claim's index in the analysis) per linkable claim
    findings: bytes | None  # the encoded findings, when the document has any


def prepare_rows(analysis: Any, suppressions: str, content: str, events: tuple[str, ...] = (),
                 weak: Any = None, stat: tuple[int, int] | None = None) -> PreparedRows:
    """Encode an analysis into the rows the store keeps (weak: the own date a refined date replaced)."""
    doc = analysis.doc
    dct = doc.dct
    own = json.dumps([weak.date.isoformat(), weak.source, weak.confidence], ensure_ascii=False) if weak else None
    file = (dct.date.isoformat() if dct else None, dct.source if dct else None, dct.confidence if dct else None,
            doc.encoding, len(analysis.claims), suppressions, json.dumps(list(events), ensure_ascii=False), own,
            zlib.compress(codec.dumps(analysis), 6))
    facts = []
    position = {id(claim): index for index, claim in enumerate(analysis.claims)}
    for key, family, claim in analysis.linkable():
        bounds = claim.interval()
        facts.append((key, family, claim.modality, claim.value.value, max(bounds.low, -1e308), min(bounds.high, 1e308),
                      position[id(claim)]))
    return PreparedRows(doc.path, content, stat, file, tuple(facts),
                        codec.dumps(analysis.findings) if analysis.findings else None)


def _full(blob: bytes) -> Any:
    """A whole analysis from its compressed stored form."""
    try:
        data = zlib.decompress(blob)
    except zlib.error as exc:
        raise CacheCorrupt(str(exc)) from exc
    return _decoded(data)


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
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            # Rows are chosen through indexes, which no row checksum covers: a damaged index would silently
            # hide documents or claims from the run. Start over.
            raise sqlite3.DatabaseError("damaged index")
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

    def entries(self, paths: list[str]) -> dict[str, tuple[str, str, tuple[int, int]]]:
        """(version, content hash, (mtime_ns, size)) of the entry each of the given paths has, if any."""
        self._want(paths)
        rows = self.db.execute(
            "SELECT path, version, content, mtime_ns, size FROM files WHERE path IN (SELECT path FROM wanted)")
        # The row's checksum is verified when it is read back; a mismatch then rebuilds the store.
        return {path: (version, content, (mtime, size)) for path, version, content, mtime, size in rows}

    def store(self, version: str, rows: PreparedRows) -> None:
        """Write one file's prepared rows, replacing what the store held for it."""
        if rows.stat is None:
            # Re-dated from text read earlier in the run: the file's stat is the one already stored.
            known = self.db.execute("SELECT mtime_ns, size FROM files WHERE path = ?", (rows.path,)).fetchone()
            stat = tuple(known) if known else (None, None)
        else:
            stat = rows.stat
        for table in ("files", "facts", "findings"):
            # One version per file: rows of older rule packs or code are of no further use.
            self.db.execute(f"DELETE FROM {table} WHERE path = ?", (rows.path,))
        file = (rows.path, version, rows.content, *rows.file, *stat)
        self.db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*file, _checksum(*file)))
        facts = [(rows.path, version, *columns, _checksum(rows.path, version, *columns)) for columns in rows.facts]
        self.db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)
        if rows.findings is not None:
            findings = (rows.path, version, rows.findings)
            self.db.execute("INSERT INTO findings VALUES (?, ?, ?, ?)", (*findings, _checksum(*findings)))

    def load_full(self, paths: list[str]) -> dict[str, Any]:
        """Whole analyses of the given paths (whatever version each has: the run just wrote them)."""
        out = {}
        for path in paths:
            row = self.db.execute("SELECT * FROM files WHERE path = ?", (path,)).fetchone()
            if row is not None:
                out[path] = _full(_verified(row)[11])
        return out

    def load_documents(self, paths: list[str]) -> list[tuple]:
        """Per path: path, dct, source, confidence, encoding, claim count, suppressions, events, weak date."""
        self._want(paths)
        rows = [_verified(row) for row in self.db.execute(
            "SELECT * FROM files WHERE path IN (SELECT path FROM wanted)")]
        return [(row[0], *row[3:11]) for row in rows]

    def load_light(self, paths: list[str], focus: list[str] | None = None) -> tuple:
        """For `check`: findings, claims of families that differ, and the count of distinct facts.

        focus: only findings of these paths, and only the families their claims belong to (a draft
        checked against an archive looks up the draft's facts, not the whole archive's).
        """
        self._want(paths)
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS focus (path TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM focus")
        chosen = paths if focus is None else focus
        self.db.executemany("INSERT OR IGNORE INTO focus VALUES (?)", ((p,) for p in chosen))
        findings = [f for row in self.db.execute(
            "SELECT * FROM findings WHERE path IN (SELECT path FROM focus)")
            for f in _decoded(_verified(row)[2])]
        # Every fact row is verified before it chooses which claims to load; the rows of dated actual facts
        # are kept for the corpus kinds that combine facts whose claims need not differ (rate against levels).
        dated = []
        for row in self.db.execute("SELECT * FROM facts WHERE path IN (SELECT path FROM wanted)"):
            _verified(row)
            if row[4] == "actual":
                dated.append((row[0], row[2], row[3]))
        # Two steps, each on an index: the families that differ, then where their claims are.
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS differing (family TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM differing")
        if focus is None:
            self.db.execute(
                "INSERT INTO differing SELECT family FROM facts WHERE path IN (SELECT path FROM wanted)"
                " GROUP BY family HAVING COUNT(*) > 1 AND (" + DIFFERS + ")")
        else:
            # Only the families the focus files state: each looked up on the family index.
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS stated (family TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM stated")
            self.db.execute("INSERT OR IGNORE INTO stated SELECT family FROM facts"
                            " WHERE path IN (SELECT path FROM focus)")
            self.db.execute(
                "INSERT INTO differing SELECT f.family FROM stated s JOIN facts f ON f.family = s.family"
                " WHERE f.path IN (SELECT path FROM wanted)"
                " GROUP BY f.family HAVING COUNT(*) > 1 AND (" + DIFFERS + ")")
        self._add_needed(dated, focus)
        where: dict[str, list[int]] = {}
        for path, index in self.db.execute(
                "SELECT f.path, f.claim FROM differing d JOIN facts f ON f.family = d.family"
                " WHERE f.path IN (SELECT path FROM wanted)"):
            where.setdefault(path, []).append(index)
        # In the order of the paths given, and of each analysis: the order a run without a store has.
        claims = [claim for path in paths if path in where for claim in self._claims_of(path, where[path])]
        facts = self.db.execute("SELECT COUNT(DISTINCT key) FROM facts"
                                " WHERE path IN (SELECT path FROM wanted)").fetchone()[0]
        return findings, claims, facts

    def _add_needed(self, rows: list[tuple[str, str, str]], focus: list[str] | None) -> None:
        """Add to the differing families those the corpus kinds combine although they need not differ
        (with a focus, only groups that hold a family the focus files state)."""
        from checker.engine.registry import families_needed

        groups = families_needed(rows)
        if focus is not None:
            stated = {family for (family,) in self.db.execute("SELECT family FROM stated")}
            groups = [group for group in groups if group & stated]
        self.db.executemany("INSERT OR IGNORE INTO differing VALUES (?)",
                            ((family,) for group in groups for family in group))

    def _claims_of(self, path: str, indexes: list[int]) -> list[Any]:
        """Some claims of one stored analysis, by their place in it."""
        claims = self.load_full([path])[path].claims
        try:
            return [claims[i] for i in sorted(indexes)]
        except IndexError as exc:
            raise CacheCorrupt("a fact names a claim its analysis does not have") from exc

    def iter_claims(self, paths: list[str]) -> Iterator[tuple[str, str, Any]]:
        """Every stored linkable claim of the given paths, file by file: (fact key, family, claim)."""
        for path in paths:
            rows = [_verified(row) for row in self.db.execute("SELECT * FROM facts WHERE path = ?", (path,))]
            if rows:
                claims = self._claims_of(path, [row[8] for row in rows])
                for row, claim in zip(sorted(rows, key=lambda r: r[8]), claims, strict=True):
                    yield row[2], row[3], claim

    def _want(self, paths: list[str]) -> None:
        """Fill the temporary table of the paths the next query is about."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (path TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((p,) for p in paths))

    def close(self) -> None:
        """Commit and close."""
        try:
            self.db.commit()
        finally:
            self.db.close()


def document_stub(row: tuple) -> Any:
    """A Document without text, from a files row (its text is re-read only when a finding needs it)."""
    from checker.model import Document, DocumentDate

    path, dct, source, confidence, encoding = row[:5]
    date = DocumentDate(dt.date.fromisoformat(dct), source, confidence) if dct else None
    return Document(path, "", "", (), dct=date, encoding=encoding or "utf-8")
