"""The analysis store: per file, its analysis, its linkable claims and its findings, in SQLite.

An entry is keyed by the SHA-256 of the file's bytes (with the rule pack, program version and
document date), so a file whose content is unchanged is never analysed again, whatever its
modification time. The run writes each analysis as it is produced (the store is also the run's
working memory, in a temporary folder with --no-cache), compressed; nothing keeps it in memory. `check` never loads a
whole analysis back: it reads the documents' dates, the findings of the document-scope rules, and
only those linkable claims whose fact (or its target/actual twin) is stated more than once —
the only claims the corpus-scope rules can compare. Values are stored as data-only JSON (never
pickle: a cache planted in a repository must not run code), every row of files, findings and memo
carries a checksum of all its columns and a file's fact rows one checksum as a block (in its files
row): a damaged row or database is detected and the cache rebuilt, never trusted.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import sqlite3
import struct
import typing
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from checker.model import Modality
from checker.run import codec, packing, runmemo, selection, stamps
from checker.run.checksum import CacheCorrupt
from checker.run.checksum import checksum as _checksum
from checker.run.checksum import verified as _verified

LAYOUT = 7  # PRAGMA user_version of the current table layout; any other database is rebuilt
# A file's row: its own checksum covers every column but the analysis blob, which has its own (full_digest), so
# the run reads dates, counts and events without reading any analysis; facts_digest is the checksum of the
# file's fact rows (FACT_SUMS), so they are verified as one block per file, not row by row.
FILE_COLUMNS = ("id", "path", "version", "content", "dct", "dct_source", "dct_confidence", "encoding", "claim_count",
                "suppressions", "events", "weak", "mtime_ns", "size", "facts_digest", "full_digest")
SCHEMA = (
    """CREATE TABLE IF NOT EXISTS files (
        id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, version TEXT NOT NULL, content BLOB NOT NULL,
        dct TEXT, dct_source TEXT, dct_confidence REAL, encoding TEXT, claim_count INTEGER,
        suppressions TEXT NOT NULL, events TEXT NOT NULL, weak TEXT, mtime_ns INTEGER, size INTEGER,
        facts_digest INTEGER NOT NULL, full_digest INTEGER NOT NULL, digest INTEGER NOT NULL, full BLOB NOT NULL)""",
    # One row per linkable claim, in integers and bounds only: the family, its topic (subject, metric and scope
    # of time, which the rate-levels rule compares across periods) and the fact key are 64-bit hashes of their
    # text (a fact key is its family plus the modality).
    # id: the file's id shifted left by CLAIM_BITS, plus the claim's place in its analysis (a file's facts are one
    # range of the table, appended in order, so pages fill); relation: 1 a level, 2 a rate (RATES), 0 any other;
    # start and end: the period's days as YYYYMMDD; value: only for targets and forecasts (the only claims whose
    # stated values DIFFERS compares). No index: every run reads all of its files' facts once anyway (to verify
    # them), and the families that differ are found in that pass. No checksum per row: a file's rows are checked
    # as one block against its files row's facts_digest.
    """CREATE TABLE IF NOT EXISTS facts (
        id INTEGER PRIMARY KEY, family INTEGER NOT NULL, topic INTEGER NOT NULL,
        modality INTEGER NOT NULL, value REAL, low REAL, high REAL, sentence INTEGER NOT NULL,
        relation INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS findings (
        file INTEGER PRIMARY KEY, findings BLOB NOT NULL, digest INTEGER NOT NULL)""",
    # The corpus findings of one group of fact families (see claim_groups), keyed by a hash of all they are
    # computed from: each member claim's file (its id and its files row's checksum, which covers path, version,
    # content hash, date, encoding and analysis) and place. A
    # later run whose group hashes the same takes them from here without decoding a claim or running a rule.
    # Its findings compressed, b"" for none (most groups); keyed by the key alone (no rowid and second index of it).
    """CREATE TABLE IF NOT EXISTS memo (key BLOB PRIMARY KEY, findings BLOB NOT NULL, digest INTEGER NOT NULL)
       WITHOUT ROWID""",
    # The last whole run's groups, under a key of all its files (checker.run.runmemo).
    *runmemo.SCHEMA,
    # The last whole run's differing families and what changed since (checker.run.selection).
    *selection.SCHEMA,
    # Each file's stat stamp when it was last read (checker.run.stamps).
    *stamps.SCHEMA,
)
MODALITIES = typing.get_args(Modality)  # a fact row's modality is its place in this tuple
RATES = ("change_pct", "change_pct_down")  # relations whose sentence neighbours the rate-levels rule reads
PLANNED = ("target", "forecast")
PAGE_SIZE = 65536
CLAIM_BITS = 20  # a fact's id: its file's id << CLAIM_BITS | its claim's place (an article's first million claims link)
MASK = (1 << CLAIM_BITS) - 1
FILE_OF = f"(id >> {CLAIM_BITS})"  # SQL: the file of a fact row
TEMP_CACHE_KB = -2000  # the temporary tables' page cache, in KiB: bounded, whatever the archive's size
BUSY_ERRORS = ("SQLITE_BUSY", "SQLITE_LOCKED")  # SQLite's names for a store another connection holds
GROUP_CLAIMS = 1000  # claims handed to the corpus rules at a time (whole groups, at least one)
KEY_CHUNK = 1024  # a group's members written into its memo key's hash at a time (and groups' keys inserted)
_MEMBER = struct.Struct(">qqq")  # a member of a group in its memo key: file id, claim's place, file row's checksum


# The block checksum of one file's fact rows (f), computed by SQLite in the rows' id order when they are written and
# when they are verified: exact sums of every integer column (split in 32-bit halves where a sum could overflow),
# and the bounds and value written out in full (17 digits). A changed, added or removed row changes it; a file
# without facts (or, in a LEFT JOIN, its row of NULLs) gives a count of 0 and NULL for the rest.
FACT_SUMS = ", ".join((
    "count(f.id)", f"sum(f.id & {MASK})", "sum(f.family >> 32)", "sum(f.family & 4294967295)", "sum(f.topic >> 32)",
    "sum(f.topic & 4294967295)", "sum(f.modality)", "sum(f.sentence)", "sum(f.relation)", "sum(f.start)",
    "sum(f.end)", "group_concat(CASE WHEN f.id IS NOT NULL THEN iif(f.value IS NULL, 'n', printf('%.17g', f.value))"
    " || printf(' %.17g %.17g', f.low, f.high) END, ',')"))


# A family of facts (one key, any modality) can only yield a corpus finding when its claims differ:
# intervals that do not all meet (agreement), two modalities (forecast vs actual), or a planned
# value stated differently (revision). Families where every claim says the same are not loaded.
DIFFERS = (
    "MAX(low) > MIN(high) OR COUNT(DISTINCT modality) > 1"
    f" OR (MAX(modality IN ({', '.join(str(MODALITIES.index(m)) for m in PLANNED)})) = 1"
    " AND COUNT(DISTINCT value) > 1)"
)


GITIGNORE = "# hedui's analysis cache: rebuilt when missing, never committed.\n*\n"


def text_hash(text: str) -> int:
    """A 64-bit hash of a text (a fact family or topic), the same on every machine and run."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big", signed=True)


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
    file: tuple  # dct, dct_source, dct_confidence, encoding, claim_count, suppressions, events, weak
    full: bytes  # the whole analysis, compressed
    facts: tuple  # (claim's index, family, topic, modality, value, low, high, sentence, relation, start, end)
    findings: bytes | None  # the encoded findings, compressed, when the document has any
    stamp: bytes | None = None  # the file's stat stamp taken with `stat` (checker.run.stamps), when trustworthy


def prepare_rows(analysis: Any, suppressions: str, content: str, events: tuple[str, ...] = (),
                 weak: Any = None, stat: tuple[int, int] | None = None, stamp: bytes | None = None) -> PreparedRows:
    """Encode an analysis into the rows the store keeps (weak: the own date a refined date replaced)."""
    from checker.claims.link import fact_key

    doc = analysis.doc
    dct = doc.dct
    own = json.dumps([weak.date.isoformat(), weak.source, weak.confidence], ensure_ascii=False) if weak else None
    file = (dct.date.isoformat() if dct else None, dct.source if dct else None, dct.confidence if dct else None,
            doc.encoding, len(analysis.claims), suppressions, json.dumps(list(events), ensure_ascii=False), own)
    facts = []
    for index, claim in enumerate(analysis.claims):
        key = fact_key(claim)
        if key is None or index > MASK:
            # Links to no fact (no corpus rule compares it), or past the millionth claim of one article.
            continue
        bounds = claim.interval()
        topic = text_hash(f"{key.subject}/{key.metric}/{key.cumulative}")
        planned = claim.value.value if claim.modality in PLANNED else None
        relation = 1 if claim.relation == "level" else 2 if claim.relation in RATES else 0
        start, end = (int(day.replace("-", "")) for day in key.period.split(".."))
        facts.append((index, text_hash(str(key.family)), topic, MODALITIES.index(claim.modality), planned,
                      max(bounds.low, -1e308), min(bounds.high, 1e308), claim.sentence_start, relation, start, end))
    full = _compressed(codec.write(packing.pack(codec.encode(analysis))))
    return PreparedRows(doc.path, content, stat, file, full, tuple(facts),
                        _compressed(codec.dumps(analysis.findings)) if analysis.findings else None, stamp)


def _full(blob: bytes, digest: int) -> Any:
    """The JSON form of a whole analysis from its compressed stored form, checked against its checksum."""
    try:
        return packing.unpack(_packed(blob, digest))
    except ValueError as exc:
        raise CacheCorrupt(str(exc)) from exc


def _packed(blob: bytes, digest: int) -> Any:
    """An analysis's stored form as packed (checker.run.packing), checked against its checksum."""
    if _checksum(blob) != digest:
        raise CacheCorrupt("checksum mismatch")
    try:
        return codec.parse(_inflated(blob))
    except ValueError as exc:
        raise CacheCorrupt(str(exc)) from exc


def _inflated(blob: bytes) -> bytes:
    """The JSON bytes of a compressed stored value (an analysis, a file's findings); damage raises CacheCorrupt."""
    try:
        inflate = zlib.decompressobj(zdict=_dictionary())
        return inflate.decompress(blob) + inflate.flush()
    except zlib.error as exc:
        raise CacheCorrupt(str(exc)) from exc


def _compressed(data: bytes) -> bytes:
    """An analysis's JSON form compressed (zlib, primed with the form's usual words)."""
    deflate = zlib.compressobj(6, zdict=_dictionary())  # 9 writes 1% less in a third more time
    return deflate.compress(data) + deflate.flush()


@functools.cache
def _dictionary() -> bytes:
    """zlib's preset dictionary: the stored form of a typical claim and the words every analysis repeats.

    An analysis is a few kilobytes, too short for zlib to learn its structure: primed with it, the
    first claim of each analysis compresses like the later ones (a tenth smaller). Data only.
    """
    from checker.model import Claim, Interval, Mention, Metric, Period, Quantity, Relation, Source, Span, Understanding

    words = [*typing.get_args(Relation), *MODALITIES, *typing.get_args(Source), "exact", "approx", "over", "under",
             "day", "month", "quarter", "year", "point", "period", "change", "from", "to", "against_last_year"]
    quantity = Quantity(1.0, Interval(0.5, 1.5), "亿元", "exact")
    period = Period("period", dt.date(2024, 1, 1), dt.date(2024, 12, 31), granularity="year", relative=True)
    claim = Claim(doc="a.md", mention=Mention("a.md", Span(0, 1), "", 0, 1, quantity), subject="",
                  metric=Metric("产值"), period=period, period_text="", modality="actual", relation="level",
                  sentence="", sentence_start=0, dimension="[currency_cny]",
                  understood=Understanding("unit", "lexicon", "context", "lexicon"))
    tags = "".join(f'{{"{tag}":[' for tag in codec.CLASSES) + '{"@date":"{"@f":"{"@runs":[[{"@dict":[['
    return (tags + json.dumps(words, ensure_ascii=False)).encode("utf-8") + codec.dumps(claim) * 2


def is_busy(exc: BaseException) -> bool:
    """True when SQLite failed because another connection holds the store locked (a second hedui on one cache)."""
    return isinstance(exc, sqlite3.OperationalError) and getattr(exc, "sqlite_errorname", "") in BUSY_ERRORS


class AnalysisCache:
    """The SQLite store below .hedui-cache/."""

    def __init__(self, folder: Path):
        """Open (or create, or rebuild when corrupted) the cache in a folder."""
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "analysis.sqlite"
        self.db = self._open()
        # Set by load_light for claim_groups: a whole run's key (checker.run.runmemo), its count of distinct facts,
        # and that count when the run was remembered (its groups then all known).
        self.run_key: bytes | None = None
        self.run_facts = 0
        self.recalled: int | None = None
        # Files re-written by this process while a selection is kept (checker.run.selection); -1: none is kept.
        self.tracked: int | None = None

    def _open(self) -> sqlite3.Connection:
        """Connect and check the database; a damaged or foreign file is replaced."""
        try:
            return self._connect()
        except (sqlite3.DatabaseError, ValueError) as exc:
            if is_busy(exc):
                raise  # another hedui holds the store: it is in use, not damaged, so it is kept
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
        # Large pages (for a new database): an analysis of a few kilobytes fills a 4 KB page alone, wasting a
        # third of it; 64 KB pages hold twenty and waste a few percent.
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        for statement in SCHEMA:
            db.execute(statement)
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            # Rows are chosen through indexes, which no row checksum covers: a damaged index would silently
            # hide documents or claims from the run. Start over.
            raise sqlite3.DatabaseError("damaged index")
        db.execute(f"PRAGMA user_version = {LAYOUT}")
        # The run's grouping and sorting tables go to a temporary file, never to memory: they grow with the archive.
        db.execute("PRAGMA temp_store = FILE")
        # And their page cache is bounded too (the temporary database's default, 0, let it grow with the tables).
        db.execute(f"PRAGMA temp.cache_size = {TEMP_CACHE_KB}")
        return db

    def reset(self) -> None:
        """Forget everything (after corruption was found)."""
        self.run_key, self.recalled, self.tracked = None, None, None
        try:
            self.db.rollback()
        except sqlite3.Error:
            pass  # a damaged connection may refuse even this; the files go next anyway
        self.db.close()
        self._remove_files()
        self.db = self._connect()

    def entries(self, paths: list[str]) -> dict[str, tuple[str, str, tuple[int, int], bytes | None]]:
        """(version, content hash, (mtime_ns, size), stat stamp or None) of the entry each given path has, if any."""
        self._want(paths)
        rows = self.db.execute(
            "SELECT f.path, f.version, f.content, f.mtime_ns, f.size, s.stamp FROM files f"
            " LEFT JOIN stamps s ON s.file = f.id WHERE f.path IN (SELECT path FROM wanted)")
        # The files row's checksum is verified when it is read back (a mismatch then rebuilds the store); a damaged
        # stamp matches no file (checker.run.stamps).
        return {path: (version, _hex(content), (mtime, size), stamp)
                for path, version, content, mtime, size, stamp in rows}

    def restamp(self, path: str, stamp: bytes) -> None:
        """Keep a new stat stamp for a file whose bytes were found unchanged (its entry is current)."""
        known = self.db.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
        if known is not None:
            stamps.put(self.db, known[0], stamp)

    def store(self, version: str, rows: PreparedRows) -> None:
        """Write one file's prepared rows, replacing what the store held for it."""
        known = self.db.execute("SELECT f.id, f.mtime_ns, f.size, s.stamp FROM files f"
                                " LEFT JOIN stamps s ON s.file = f.id WHERE f.path = ?", (rows.path,)).fetchone()
        if rows.stat is None:
            # Re-dated from text read earlier in the run: the file's stat and stamp are the ones already stored.
            stat = tuple(known[1:3]) if known else (None, None)
            stamp = known[3] if known else None
        else:
            stat, stamp = rows.stat, rows.stamp
        if known is not None and self._tracking():
            # What the replaced and the new fact rows are about: the kept selection is re-selected for those.
            selection.track(self.db, known[0] << CLAIM_BITS, known[0] << CLAIM_BITS | MASK,
                            {row[2] for row in rows.facts})
        if known is not None:
            # One version per file: rows of older rule packs or code are of no further use.
            for table, column in (("files", "id"), ("findings", "file"), ("stamps", "file")):
                self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (known[0],))
            self.db.execute("DELETE FROM facts WHERE id BETWEEN ? AND ?", (known[0] << CLAIM_BITS,
                                                                           known[0] << CLAIM_BITS | MASK))
            number = known[0]
        else:
            number = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM files").fetchone()[0]
        facts = [(number << CLAIM_BITS | index, *columns) for index, *columns in rows.facts]
        self.db.executemany(f"INSERT INTO facts VALUES ({', '.join('?' * 11)})", facts)
        sums = self.db.execute(f"SELECT {FACT_SUMS} FROM facts f WHERE f.id BETWEEN ? AND ?",
                               (number << CLAIM_BITS, number << CLAIM_BITS | MASK)).fetchone()
        file = (number, rows.path, version, bytes.fromhex(rows.content), *rows.file, *stat, _checksum(*sums),
                _checksum(rows.full))
        self.db.execute(f"INSERT INTO files VALUES ({', '.join('?' * (len(file) + 2))})",
                        (*file, _checksum(*file), rows.full))
        if stamp is not None:
            stamps.put(self.db, number, stamp)
        if rows.findings is not None:
            findings = (number, rows.findings)
            self.db.execute("INSERT INTO findings VALUES (?, ?, ?)", (*findings, _checksum(*findings)))

    def _tracking(self) -> bool:
        """True when a file's replaced rows must be recorded for the kept selection (dropped after too many)."""
        if self.tracked is None:
            self.tracked = 0 if selection.kept(self.db) else -1
        if self.tracked < 0:
            return False
        self.tracked += 1
        if self.tracked > selection.TRACK_AT_MOST:
            # So many files changed that selecting every family costs less than tracking them.
            selection.drop(self.db)
            self.tracked = -1
            return False
        return True

    def load_full(self, paths: list[str]) -> dict[str, Any]:
        """Whole analyses of the given paths (whatever version each has: the run just wrote them)."""
        out = {}
        for path in paths:
            row = self.db.execute(f"SELECT {', '.join(FILE_COLUMNS)}, digest, full FROM files WHERE path = ?",
                                  (path,)).fetchone()
            if row is not None:
                columns = _verified(row[:-1])
                out[path] = _built(_full(row[-1], columns[-1]))
        return out

    def load_documents(self, paths: list[str], where: str = "", *arguments: Any) -> list[tuple]:
        """Per path: path, dct, source, confidence, encoding, claim count, suppressions, events, weak date.

        where: an extra SQL condition on the files' columns (with its arguments), to read only some rows.
        """
        return list(self.iter_documents(paths, where, *arguments))

    def iter_documents(self, paths: list[str], where: str = "", *arguments: Any) -> Iterator[tuple]:
        """The rows of load_documents one at a time, in the order of the paths given (each row checked)."""
        self._want(paths)
        columns = ", ".join(f"f.{name}" for name in FILE_COLUMNS)
        # Walked on the index of the places (a sort of every row would hold up to SQLite's sorter limit, 250 of the
        # store's 64 KB pages, in memory: 16 MB by 50,000 articles).
        for row in self.db.execute(
                f"SELECT {columns}, f.digest FROM wanted w INDEXED BY wanted_by_ord CROSS JOIN files f"
                " ON f.path = w.path" + (f" WHERE ({where})" if where else "") + " ORDER BY w.ord", arguments):
            row = _verified(row)
            yield (row[1], *row[4:12])

    def load_light(self, paths: list[str], focus: list[str] | None = None, into: Any = None) -> tuple[Any, int]:
        """For `check`: the findings (of focus only, when given) and the count of distinct facts.

        into: where the findings go, one file's at a time (a FindingLog, given each finding's stored form; a new list
        when None).
        Every fact row of the paths is verified here, a file's rows as one block (FACT_SUMS against the file's
        facts_digest, whose own row the run has verified), before any of them chooses which claims to load.
        """
        self._choose(paths, focus)
        findings = [] if into is None else into
        for row in self.db.execute("SELECT * FROM findings WHERE file IN (SELECT file FROM focus)"):
            forms = _json(_inflated(_verified(row)[1]))
            if type(forms) is not list:
                raise CacheCorrupt("a file's findings are not a list")
            for form in forms:
                if into is None:
                    findings.append(_built(form))
                else:
                    # The log keeps the stored form as it is: the finding is neither built nor encoded again (the
                    # report builds it once, from the log).
                    into.append_form(form)
        # A whole run over files whose rows are all as the last whole run's: its cross-article step is remembered.
        self.run_key = runmemo.run_key(self.db) if focus is None else None
        self.recalled = runmemo.recall_run(self.db, self.run_key) if self.run_key is not None else None
        if self.recalled is not None:
            # The facts are not read at all (the remembered step used them), so there is nothing to verify.
            return findings, self.recalled
        # chosen is walked in file order and each file's facts as one id range: the rows are summed in id order.
        for expected, *sums in self.db.execute(
                f"SELECT fl.facts_digest, {FACT_SUMS} FROM chosen c JOIN files fl ON fl.id = c.file"
                f" LEFT JOIN facts f ON f.id BETWEEN c.file << {CLAIM_BITS} AND (c.file << {CLAIM_BITS}) | {MASK}"
                " GROUP BY c.file"):
            if _checksum(*sums) != expected:
                raise CacheCorrupt("checksum mismatch in a file's facts")
        facts = self.db.execute("SELECT COUNT(*) FROM (SELECT DISTINCT family, modality FROM facts"
                                f" WHERE {FILE_OF} IN (SELECT file FROM chosen))").fetchone()[0]
        self.run_facts = facts
        return findings, facts

    def claim_groups(self, paths: list[str], focus: list[str] | None = None, size: int = GROUP_CLAIMS,
                     reduce: Any = None) -> Iterator[list[tuple[tuple[int, int], Any, int]]]:
        """The claims of the differing fact families, some groups at a time: ((file's, claim's place), claim, group).

        The corpus rules compare claims of one family (agreement, revision, forecast vs actual), and a rate
        reads the claims of its own sentence and the levels of its owner's series for the owner's period and the
        year before (rate against levels): so a group is a family, joined with those (see `_join_families`), never
        a whole series, whose facts of every day grow with the archive. Each group's claims come together; a stored
        analysis is decoded once; what waits to be grouped lies in a temporary table, never in memory. Groups whose
        findings are remembered (see `remembered`) are left out.
        focus: only the families the focus files state (a draft checked against an archive).
        reduce: a function from the stream of items, group by group, to the items the corpus rules need
        (checker.run.reduce), so that a group's claims are never all held at once; None hands over every claim.
        """
        if self.recalled is not None and focus is None:
            # The last whole run's step over the same files: its groups are keyed, all known (see load_light).
            return
        self._choose(paths, focus)
        self._select_differing(focus is not None)
        db = self.db
        db.execute("DROP TABLE IF EXISTS temp.loaded")
        # One pass over the fact rows (CROSS JOIN keeps them the outer loop: there is no index on family).
        db.execute("CREATE TEMP TABLE loaded (file INTEGER, ord INTEGER, claim INTEGER, family INTEGER, topic INTEGER,"
                   " sentence INTEGER, relation INTEGER, modality INTEGER, start INTEGER, end INTEGER)")
        # Indexed as the rows come (in file order), not after: building an index sorts, and SQLite's sorter holds
        # up to 250 of the store's 64 KB pages (16 MB) in memory.
        db.execute("CREATE INDEX temp.loaded_by_sentence ON loaded (file, sentence)")
        db.execute("CREATE INDEX temp.loaded_in_order ON loaded (ord, claim)")
        db.execute(f"INSERT INTO loaded SELECT c.file, c.ord, f.id & {MASK}, f.family, f.topic,"
                   f" f.sentence, f.relation, f.modality, f.start, f.end FROM facts f CROSS JOIN chosen c"
                   f" ON c.file = f.id >> {CLAIM_BITS} WHERE f.family IN (SELECT family FROM differing)")
        self._join_families()
        self._key_groups()
        db.execute("DROP TABLE IF EXISTS temp.pending")
        db.execute("CREATE TEMP TABLE pending (grp INTEGER, ord INTEGER, claim INTEGER, data TEXT)")
        db.execute("CREATE INDEX temp.pending_in_order ON pending (grp, ord, claim)")
        # Walked on an index in file order (a sort of every loaded claim would hold its buffer in memory).
        self._spread(db.execute("SELECT l.file, l.ord, l.claim, g.grp FROM loaded l INDEXED BY loaded_in_order"
                                " LEFT JOIN merged m ON m.family = l.family"
                                " JOIN keyed g ON g.grp = COALESCE(m.grp, l.family)"
                                " WHERE g.known = 0 ORDER BY l.ord, l.claim"))
        batch: list[tuple[tuple[int, int], Any, int]] = []
        group = None
        # Walk an index of the keys rather than sort the rows: a sort would hold the claims' text in memory.
        items = (((place, claim), _built(_json(data)), grp) for grp, place, claim, data in db.execute(
            "SELECT grp, ord, claim, data FROM pending INDEXED BY pending_in_order ORDER BY grp, ord, claim"))
        for item in items if reduce is None else reduce(items):
            if item[2] != group and len(batch) >= size:
                # A whole group is in: hand the batch over before the next group starts.
                yield batch
                batch = []
            group = item[2]
            batch.append(item)
        if batch:
            yield batch
        if focus is None:
            # A whole run has seen every group of its files: findings of groups it no longer has are of no use.
            db.execute("DELETE FROM memo WHERE key NOT IN (SELECT key FROM keyed)")
            if self.run_key is not None:
                runmemo.keep_run(db, self.run_key, self.run_facts)

    def _join_families(self) -> None:
        """Fill the temporary table of the loaded families joined to others (merged: family, its group's smallest
        family), in SQL: the groups are as many as the families, and none is held in memory.

        A rate (relation 2) is joined with the families of every loaded claim of its sentence (it finds its owner
        among them) and, for each of those claims and itself as the owner, with the families of the actual levels
        of the owner's series (topic) for the owner's period and the same period a year before: all that rate
        against levels reads of a batch. The other corpus rules read the claims of one family.
        """
        db = self.db
        for table in ("joins", "owners", "series_levels", "links", "merged"):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")
        db.execute("CREATE TEMP TABLE joins AS SELECT DISTINCT r.family AS one, o.family AS other FROM loaded r"
                   " JOIN loaded o ON o.file = r.file AND o.sentence = r.sentence AND o.family != r.family"
                   " WHERE r.relation = 2")
        db.execute(f"CREATE TEMP TABLE owners AS SELECT DISTINCT r.family AS rate, o.topic, o.start, o.end,"
                   f" {_year_before('o.start')} AS before_start, {_year_before('o.end')} AS before_end FROM loaded r"
                   f" JOIN loaded o ON o.file = r.file AND o.sentence = r.sentence WHERE r.relation = 2")
        actual = MODALITIES.index("actual")
        # Each level family once (a level stated by thousands of articles would make the join quadratic).
        # Indexed before the rows come, as every table below: an index built afterwards sorts (see _indexed).
        _indexed(db, "series_levels (topic INTEGER, start INTEGER, end INTEGER, family INTEGER)",
                 "series_levels_of_period ON series_levels (topic, start, end)",
                 f"SELECT DISTINCT topic, start, end, family FROM loaded WHERE relation = 1 AND modality = {actual}")
        for start, end in (("start", "end"), ("before_start", "before_end")):
            db.execute(f"INSERT INTO joins SELECT DISTINCT w.rate, l.family FROM owners w JOIN series_levels l"
                       f" ON l.topic = w.topic AND l.start = w.{start} AND l.end = w.{end} WHERE l.family != w.rate")
        _indexed(db, "links (one INTEGER, other INTEGER)", "links_from ON links (one, other)",
                 "SELECT one, other FROM joins UNION SELECT other, one FROM joins")
        db.execute("CREATE TEMP TABLE merged (family INTEGER PRIMARY KEY, grp INTEGER NOT NULL)")
        db.execute("INSERT INTO merged SELECT one, min(one, MIN(other)) FROM links GROUP BY one")
        # Each family takes the smallest group of its neighbours, then of its group's family (a jump along the
        # chain), until nothing changes: every family of a connected set ends with its smallest family.
        while True:
            changed = db.execute("UPDATE merged SET grp = n.low FROM (SELECT l.one AS family, MIN(m.grp) AS low"
                                 " FROM links l JOIN merged m ON m.family = l.other GROUP BY l.one) n"
                                 " WHERE n.family = merged.family AND n.low < merged.grp").rowcount
            changed += db.execute("UPDATE merged SET grp = j.grp FROM merged j"
                                  " WHERE j.family = merged.grp AND j.grp < merged.grp").rowcount
            if not changed:
                break
        for table in ("joins", "owners", "series_levels", "links"):
            db.execute(f"DROP TABLE temp.{table}")

    def _key_groups(self) -> None:
        """Fill the temporary table of the loaded groups, each with its memo key and whether the memo knows it."""
        db = self.db
        db.execute("DROP TABLE IF EXISTS temp.keyed")
        db.execute(runmemo.KEYED)
        # A member's part of its group's key: its file's id, its claim's place, and the checksum of its file's row
        # (verified by the run), which covers the file's path, version, content hash, date, encoding and analysis.
        db.execute("DROP TABLE IF EXISTS temp.members")
        db.execute("CREATE TEMP TABLE members (grp INTEGER, file INTEGER, claim INTEGER,"
                   " PRIMARY KEY (grp, file, claim)) WITHOUT ROWID")
        db.execute("INSERT INTO members SELECT COALESCE(m.grp, l.family), l.file, l.claim FROM loaded l"
                   " LEFT JOIN merged m ON m.family = l.family")
        # Each file's checksum read once into a small table: looked up in files for every member, it was read from the
        # store's 64 KB pages each time (the pages of 10,000 files do not stay in the page cache), 0.6 CPU s a run.
        db.execute("DROP TABLE IF EXISTS temp.member_files")
        db.execute("CREATE TEMP TABLE member_files (file INTEGER PRIMARY KEY, digest INTEGER NOT NULL)")
        db.execute("INSERT INTO member_files SELECT f.id, f.digest FROM files f"
                   " WHERE f.id IN (SELECT file FROM chosen)")
        rows = db.execute("SELECT s.grp, s.file, s.claim, f.digest FROM members s"
                          " JOIN member_files f ON f.file = s.file ORDER BY s.grp, s.file, s.claim")
        keys = []
        for grp, members in itertools.groupby(rows, key=lambda row: row[0]):
            digest = hashlib.blake2b(digest_size=16)
            # Fed a chunk of members at a time (the largest group grows with the archive).
            while chunk := list(itertools.islice(members, KEY_CHUNK)):
                digest.update(b"".join(_MEMBER.pack(file, claim, row) for _, file, claim, row in chunk))
            keys.append((grp, digest.digest()))
            if len(keys) >= KEY_CHUNK:
                db.executemany("INSERT INTO keyed VALUES (?, ?, 0)", keys)
                keys.clear()
        db.executemany("INSERT INTO keyed VALUES (?, ?, 0)", keys)
        db.execute("UPDATE keyed SET known = 1 WHERE key IN (SELECT key FROM memo)")

    def remembered(self) -> Iterator[tuple[tuple[tuple[int, int], ...], Any]]:
        """The remembered findings of the groups claim_groups left out, each with its claims' places."""
        rows = self.db.execute("SELECT m.key, m.findings, m.digest FROM keyed k JOIN memo m ON m.key = k.key"
                               " WHERE k.known = 1")
        # Walked row by row (a group's findings at a time), never fetched all at once.
        while chunk := rows.fetchmany(64):
            yield from self._located(chunk)

    def _located(self, rows: list[tuple]) -> Iterator[tuple[tuple[tuple[int, int], ...], Any]]:
        """The findings of some memo rows, each with its claims' places among the run's paths."""
        for row in rows:
            stored = _verified(row)[1]
            for located, finding in _decoded(_inflated(stored)) if stored else ():
                places = tuple((self._place_of(file), claim) for file, claim in located)
                yield places, finding

    def _place_of(self, file: int) -> int:
        """A file's place among the run's paths (-1 for a file the run does not have)."""
        row = self.db.execute("SELECT ord FROM chosen WHERE file = ?", (file,)).fetchone()
        return row[0] if row is not None else -1

    def remember(self, grp: int, found: list[tuple[tuple[tuple[int, int], ...], Any]]) -> None:
        """Keep a group's corpus findings, each with its claims' (file id, claim) places, for later runs."""
        row = self.db.execute("SELECT key FROM keyed WHERE grp = ?", (grp,)).fetchone()
        if row is None:
            # Not a group of this run's claim_groups: nothing to key it by.
            return
        findings = _compressed(codec.dumps([[[[self._file_at(place), claim] for place, claim in located], finding]
                                            for located, finding in found])) if found else b""
        self.db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?, ?)", (row[0], findings, _checksum(row[0], findings)))

    def _file_at(self, place: int) -> int:
        """The file id at a place among the run's paths."""
        return self.db.execute("SELECT file FROM chosen WHERE ord = ?", (place,)).fetchone()[0]

    def _spread(self, rows: Iterator[tuple[int, int, int, int]]) -> None:
        """Copy each loaded claim's stored form into the pending table, decoding each analysis once."""
        for file, located in itertools.groupby(rows, key=lambda row: row[0]):
            row = self.db.execute(f"SELECT {', '.join(FILE_COLUMNS)}, digest, full FROM files WHERE id = ?",
                                  (file,)).fetchone()
            if row is None:
                raise CacheCorrupt("a fact names a file the store does not have")
            wanted = list(located)
            try:
                # Only the claims the groups need are unpacked (a fifth of an analysis's, on generated articles).
                claims = packing.claims_at(_packed(row[-1], _verified(row[:-1])[-1]), [item[2] for item in wanted])
            except ValueError as exc:
                raise CacheCorrupt("a fact names a claim its analysis does not have") from exc
            pending = [(grp, place, index, codec.write(claim))
                       for (_, place, index, grp), claim in zip(wanted, claims, strict=True)]
            self.db.executemany("INSERT INTO pending VALUES (?, ?, ?, ?)", pending)

    def _choose(self, paths: list[str], focus: list[str] | None) -> None:
        """Fill the temporary tables of the files the next queries are about (chosen) and of the focus files."""
        self._want(paths)
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (file INTEGER PRIMARY KEY, ord INTEGER)")
        # Indexed before the rows come (see _indexed).
        db.execute("CREATE INDEX IF NOT EXISTS temp.chosen_by_ord ON chosen (ord)")
        db.execute("DELETE FROM chosen")
        db.execute("INSERT INTO chosen SELECT f.id, w.ord FROM wanted w JOIN files f ON f.path = w.path")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS focus (file INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM focus")
        if focus is None:
            db.execute("INSERT INTO focus SELECT file FROM chosen")
        else:
            self._want(focus)
            db.execute("INSERT INTO focus SELECT f.id FROM wanted w JOIN files f ON f.path = w.path")

    def _select_differing(self, focused: bool) -> None:
        """Fill the temporary table of the families whose claims differ (of the focus files' families, if focused)."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS differing (family INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM differing")
        if not focused:
            key = selection.files_key(db)
            if selection.recall(db, key):
                # The last whole run's selection over the same files: only what the changed files touch is selected.
                self._reselect_differing()
            else:
                # Every fact row of the run, summed family by family into a table (DIFFERS' terms, kept as they come)
                # rather than sorted by family: a sort holds up to 16 MB in memory (SQLite's sorter, 250 of the store's
                # pages), where the table's pages stay within the temporary database's bounded cache.
                db.execute("DROP TABLE IF EXISTS temp.spread")
                db.execute("CREATE TEMP TABLE spread (family INTEGER PRIMARY KEY, rows INTEGER, low REAL, high REAL,"
                           " modalities INTEGER, planned INTEGER, least REAL, most REAL)")
                planned = ", ".join(str(MODALITIES.index(m)) for m in PLANNED)
                db.execute(f"INSERT INTO spread SELECT family, 1, low, high, 1 << modality, modality IN ({planned}),"
                           f" value, value FROM facts WHERE {FILE_OF} IN (SELECT file FROM chosen)"
                           " ON CONFLICT (family) DO UPDATE SET rows = rows + 1, low = max(low, excluded.low),"
                           " high = min(high, excluded.high),"
                           " modalities = modalities | excluded.modalities, planned = max(planned, excluded.planned),"
                           " least = iif(least IS NULL OR excluded.least < least, excluded.least, least),"
                           " most = iif(most IS NULL OR excluded.most > most, excluded.most, most)")
                # As DIFFERS: bounds that do not all meet, two modalities, or a planned value stated two ways (values
                # are stored for planned claims only).
                db.execute("INSERT INTO differing SELECT family FROM spread WHERE rows > 1 AND (low > high"
                           " OR modalities & (modalities - 1) != 0 OR (planned = 1 AND least < most))")
                db.execute("DROP TABLE temp.spread")
                self._add_rate_levels(focused)
            selection.keep(db, key)
            self.tracked = 0
            return
        # Only the families the focus files state: each looked up on the family index.
        db.execute("CREATE TEMP TABLE IF NOT EXISTS stated (family INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM stated")
        db.execute(f"INSERT OR IGNORE INTO stated SELECT family FROM facts WHERE {FILE_OF} IN (SELECT file FROM focus)")
        db.execute("INSERT INTO differing SELECT f.family FROM facts f WHERE f.family IN (SELECT family FROM stated)"
                   f" AND f.id >> {CLAIM_BITS} IN (SELECT file FROM chosen)"
                   " GROUP BY f.family HAVING COUNT(*) > 1 AND (" + DIFFERS + ")")
        self._add_rate_levels(focused)

    def _reselect_differing(self) -> None:
        """Fill temp.differing from the kept selection: the families the changes since can affect are selected anew.

        Affected: the families of the changed topics' rows and the old families of the replaced rows, and the family
        of each rate whose article states a level of a changed topic for the rate's period (its own topic is a
        changed one when its row changed). For those, the same tests as `_select_differing` and `_add_rate_levels`,
        on every rate that can make one of them needed: of an affected family, of the topic of an affected level
        family, or in an article stating a level of such a topic for the rate's period.
        """
        db = self.db
        actual = MODALITIES.index("actual")
        chosen = "IN (SELECT file FROM chosen)"
        for table in ("affected", "level_topics", "rates", "levels", "candidates", "complete", "needed"):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")
        db.execute("CREATE TEMP TABLE affected (family INTEGER PRIMARY KEY)")
        db.execute("INSERT INTO affected SELECT family FROM changed_families")
        db.execute(f"INSERT OR IGNORE INTO affected SELECT family FROM facts WHERE {FILE_OF} {chosen}"
                   " AND topic IN (SELECT topic FROM changed_topics)")
        # The rates of an article with an actual level of topics (a temp table's) for the rate's period.
        same_article = (f"SELECT r.family, r.topic, r.start, r.end, r.id FROM facts l CROSS JOIN facts r"
                        f" ON r.id >= (l.id >> {CLAIM_BITS}) << {CLAIM_BITS}"
                        f" AND r.id <= ((l.id >> {CLAIM_BITS}) << {CLAIM_BITS}) + {MASK}"
                        f" AND +r.start = l.start AND +r.end = l.end AND +r.relation = 2 AND +r.modality = {actual}"
                        f" WHERE (l.id >> {CLAIM_BITS}) {chosen} AND l.relation = 1 AND l.modality = {actual}"
                        " AND l.topic IN (SELECT topic FROM {topics})")
        db.execute(f"INSERT OR IGNORE INTO affected SELECT family"
                   f" FROM ({same_article.format(topics='changed_topics')})")
        db.execute("INSERT INTO differing SELECT family FROM selection"
                   " WHERE family NOT IN (SELECT family FROM affected)")
        db.execute(f"INSERT OR IGNORE INTO differing SELECT family FROM facts WHERE {FILE_OF} {chosen}"
                   " AND family IN (SELECT family FROM affected) GROUP BY family HAVING COUNT(*) > 1 AND (" + DIFFERS
                   + ")")
        db.execute("CREATE TEMP TABLE level_topics (topic INTEGER PRIMARY KEY)")
        db.execute(f"INSERT OR IGNORE INTO level_topics SELECT topic FROM facts WHERE {FILE_OF} {chosen}"
                   f" AND relation = 1 AND modality = {actual} AND family IN (SELECT family FROM affected)")
        rate = (f"{FILE_OF} << {CLAIM_BITS} AS first, ({FILE_OF} << {CLAIM_BITS}) + {MASK} AS last, topic, start, end,"
                f" family, {_year_before('start')} AS before_start, {_year_before('end')} AS before_end")
        db.execute(f"CREATE TEMP TABLE rates AS SELECT {rate} FROM facts WHERE {FILE_OF} {chosen} AND relation = 2"
                   f" AND modality = {actual} AND (family IN (SELECT family FROM affected)"
                   " OR topic IN (SELECT topic FROM level_topics))")
        db.execute(f"INSERT INTO rates SELECT {rate} FROM facts WHERE id IN"
                   f" (SELECT id FROM ({same_article.format(topics='level_topics')}))")
        db.execute(_CANDIDATES)
        _indexed(db, "levels (topic INTEGER, start INTEGER, end INTEGER, family INTEGER)",
                 "levels_of_period ON levels (topic, start, end)",
                 f"SELECT DISTINCT topic, start, end, family FROM facts WHERE {FILE_OF} {chosen} AND relation = 1"
                 f" AND modality = {actual} AND topic IN (SELECT topic FROM candidates)")
        db.execute(_COMPLETE)
        db.execute("INSERT OR IGNORE INTO differing SELECT family FROM complete"
                   " WHERE family IN (SELECT family FROM affected)")
        for columns, period in (("start, end", _LATER), ("before_start, before_end", _EARLIER)):
            db.execute(f"INSERT OR IGNORE INTO differing SELECT l.family FROM (SELECT DISTINCT topic, {columns}"
                       f" FROM complete) c JOIN levels l ON {period} WHERE l.family IN (SELECT family FROM affected)")

    def _add_rate_levels(self, focused: bool) -> None:
        """Add the families a 同比 rate is checked against, which need not differ (rate_levels.families_needed).

        For each actual rate of a dated period: its own series (topic) and each series with an actual level of
        that period in the rate's article; where such a series has levels of the period and of the year before,
        the rate's family and those levels' families are loaded (focused: only groups holding a stated family).
        Done in SQL on temporary tables, so it needs no memory per article.
        """
        db = self.db
        actual = MODALITIES.index("actual")
        for table in ("rates", "levels", "candidates", "complete", "needed"):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")
        # A fact stated by many articles is one family: joins read each family once, not once per statement
        # (thousands of articles repeating one level made the joins below quadratic). Every level family of the run:
        # indexed before the rows come (see _indexed).
        _indexed(db, "levels (topic INTEGER, start INTEGER, end INTEGER, family INTEGER)",
                 "levels_of_period ON levels (topic, start, end)",
                 f"SELECT DISTINCT topic, start, end, family FROM facts"
                 f" WHERE {FILE_OF} IN (SELECT file FROM chosen) AND relation = 1 AND modality = {actual}")
        db.execute(f"CREATE TEMP TABLE rates AS SELECT {FILE_OF} << {CLAIM_BITS} AS first,"
                   f" ({FILE_OF} << {CLAIM_BITS}) + {MASK} AS last, topic, start, end, family,"
                   f" {_year_before('start')} AS before_start, {_year_before('end')} AS before_end FROM facts"
                   f" WHERE {FILE_OF} IN (SELECT file FROM chosen) AND relation = 2 AND modality = {actual}")
        db.execute(_CANDIDATES)
        later, earlier = _LATER, _EARLIER
        # The candidates with levels of both periods, tested once (not once per level family joined to them).
        db.execute(_COMPLETE)
        if not focused:
            # Every group is loaded: only the families count, so each series' levels are joined once, not per rate.
            db.execute("INSERT OR IGNORE INTO differing SELECT family FROM complete")
            for columns, period in (("start, end", later), ("before_start, before_end", earlier)):
                db.execute(f"INSERT OR IGNORE INTO differing SELECT l.family FROM (SELECT DISTINCT topic, {columns}"
                           f" FROM complete) c JOIN levels l ON {period}")
            return
        db.execute(f"CREATE TEMP TABLE needed AS SELECT grp, family FROM complete UNION"
                   f" SELECT c.grp, l.family FROM complete c JOIN levels l ON {later} UNION"
                   f" SELECT c.grp, l.family FROM complete c JOIN levels l ON {earlier}")
        db.execute("INSERT OR IGNORE INTO differing SELECT family FROM needed"
                   " WHERE grp IN (SELECT n.grp FROM needed n JOIN stated s ON s.family = n.family)")

    def _want(self, paths: list[str]) -> None:
        """Fill the temporary table of the paths the next query is about, with their places in the list."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (path TEXT PRIMARY KEY, ord INTEGER)")
        self.db.execute("CREATE INDEX IF NOT EXISTS temp.wanted_by_ord ON wanted (ord)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?, ?)", ((p, i) for i, p in enumerate(paths)))

    def close(self) -> None:
        """Commit and close."""
        try:
            self.db.commit()
        finally:
            self.db.close()


_ACTUAL = MODALITIES.index("actual")
# Each rate (temp.rates) with its own series, and with each series of an actual level of its period in its article:
# one rowid range of facts per rate (the unary + keeps SQLite off the other columns).
_CANDIDATES = ("CREATE TEMP TABLE candidates AS"
               " SELECT r.rowid AS rate, r.family, r.topic, r.start, r.end, r.before_start, r.before_end FROM rates r"
               " UNION SELECT r.rowid, r.family, l.topic, r.start, r.end, r.before_start, r.before_end"
               " FROM rates r CROSS JOIN facts l ON l.id >= r.first AND l.id <= r.last"
               f" AND +l.start = r.start AND +l.end = r.end AND +l.relation = 1 AND +l.modality = {_ACTUAL}")
_LATER = "l.topic = c.topic AND l.start = c.start AND l.end = c.end"  # a level of a candidate's period
_EARLIER = "l.topic = c.topic AND l.start = c.before_start AND l.end = c.before_end"  # of the year before
# The candidates whose series has levels (temp.levels) of both periods.
_COMPLETE = ("CREATE TEMP TABLE complete AS SELECT c.rowid AS grp, c.family, c.topic, c.start, c.end,"
             f" c.before_start, c.before_end FROM candidates c WHERE EXISTS (SELECT 1 FROM levels l WHERE {_LATER})"
             f" AND EXISTS (SELECT 1 FROM levels l WHERE {_EARLIER})")


def _indexed(db: sqlite3.Connection, table: str, index: str, rows: str) -> None:
    """Create a temporary table and its index, then fill it with the rows of a query.

    An index built over rows already there sorts them, and SQLite's sorter keeps up to 250 pages of the main
    database in memory before it spills: 16 MB with the store's 64 KB pages, reached as the archive grows (the
    run's level families: ~50,000 at 10,000 generated articles). Filled through its index, the table's pages stay in
    the temporary database's bounded cache (TEMP_CACHE_KB).
    """
    db.execute(f"CREATE TEMP TABLE {table}")
    db.execute(f"CREATE INDEX temp.{index}")
    db.execute(f"INSERT INTO {table.split()[0]} {rows}")


def _year_before(column: str) -> str:
    """SQL for the same day a year earlier of a YYYYMMDD column (a day of February past the 28th becomes the 28th)."""
    return (f"(({column} / 10000 - 1) * 10000 + CASE WHEN {column} / 100 % 100 = 2 AND {column} % 100 > 28"
            f" THEN 228 ELSE {column} % 10000 END)")


def _json(text: str | bytes) -> Any:
    """A JSON column's value; undecodable text is damage."""
    try:
        return codec.parse(text)
    except ValueError as exc:
        raise CacheCorrupt(str(exc)) from exc


def _hex(content: Any) -> str:
    """A stored content hash as the hexadecimal text the run compares (anything else never matches)."""
    return content.hex() if isinstance(content, bytes) else ""


def _built(data: Any) -> Any:
    """A value from its JSON form; damage that slipped past the checksum still raises CacheCorrupt."""
    try:
        return codec.decode(data)
    except (ValueError, TypeError, KeyError) as exc:
        raise CacheCorrupt(str(exc)) from exc


def document_stub(row: tuple) -> Any:
    """A Document without text, from a files row (its text is re-read only when a finding needs it)."""
    from checker.model import Document, DocumentDate

    path, dct, source, confidence, encoding = row[:5]
    date = DocumentDate(dt.date.fromisoformat(dct), source, confidence) if dct else None
    return Document(path, "", "", (), dct=date, encoding=encoding or "utf-8")
