"""A run's findings on disk, not in memory: appended as they are found, sorted by SQLite, read back one at a time.

An archive of a million articles has hundreds of thousands of findings, each with its claims and
sentences; held as objects they were the main process's largest cost. A `FindingLog` keeps each
finding's data-only form (checker.run.codec) in a private temporary SQLite database (deleted when
the log is dropped) with the columns of the report order, so the sort is SQLite's (bounded, spilled
to disk) and readers walk the findings in order, decoding one at a time. `SpilledDocuments` does the
same for the texts of the documents the findings point into, which the reports quote.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
import struct
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

import orjson

from checker.model import Document, Finding
from checker.run import codec
from checker.run.codec import WIDE

CACHE_KB = -2000  # the database's page cache, in KiB: bounded, whatever the number of findings
READ_AHEAD = 256  # rows fetched at a time while walking the log
RECENT = 32  # documents kept decoded: a report quotes one document's findings together
# Ties of the report order (document, position, rule) are broken as a stable sort of the run's findings did: the
# documents' own findings first (in the order they were read), then the cross-article ones by their claims' places,
# then any the last pass of the corpus rules adds.
OWN, ACROSS, LAST = 0, 1, 2


def order_key(finding: Finding) -> tuple[str, int, str]:
    """The report order of a finding: its first place (document, position), then its rule."""
    if finding.claims:
        claim = finding.claims[0]
        return claim.doc, claim.mention.span.start, finding.rule
    if finding.spans:
        return finding.spans[0][0], finding.spans[0][1].start, finding.rule
    return "", 0, finding.rule


def form_order_key(form: Any) -> tuple[str, int, str]:
    """order_key of a finding still in its stored form (checker.run.codec), read without building the finding."""
    rule, claims, spans = (codec.field(form, "Finding", name) for name in ("rule", "claims", "spans"))
    if claims:
        mention = codec.field(claims[0], "Claim", "mention")
        return (codec.field(claims[0], "Claim", "doc"),
                codec.field(codec.field(mention, "Mention", "span"), "Span", "start"), rule)
    if spans:
        return spans[0][0], codec.field(spans[0][1], "Span", "start"), rule
    return "", 0, rule


def text_key(text: str) -> bytes:
    """A text as bytes that SQLite compares in the order Python compares the texts (code points; lone surrogates)."""
    return text.encode("utf-8", "surrogatepass")


def places_key(places: Iterable[tuple[int, int]]) -> bytes:
    """Claims' places as bytes that compare as the tuples do (each number from -1 up, 8 bytes big-endian)."""
    return b"".join(struct.pack(">QQ", file + 1, claim + 1) for file, claim in places)


class FindingLog(Sequence[Finding]):
    """Findings kept in a temporary database, in the order appended (or the report order, once `sorted`).

    A row's pos is its place in the sequence plus one (SQLite's rowids count from 1).
    """

    def __init__(self, db: sqlite3.Connection | None = None, table: str = "found") -> None:
        """A new empty log (in a new temporary database unless one is given)."""
        if db is None:
            # "" opens a private temporary database on disk, deleted when the connection closes.
            db = sqlite3.connect("", check_same_thread=False)
            db.execute(f"PRAGMA cache_size = {CACHE_KB}")
        self.db, self.table = db, table
        db.execute(f"CREATE TABLE {table} (pos INTEGER PRIMARY KEY, doc BLOB NOT NULL, start INTEGER NOT NULL,"
                   " rule BLOB NOT NULL, tie BLOB NOT NULL, data BLOB NOT NULL)")
        self._count = 0

    def append(self, finding: Finding, phase: int = OWN, places: Iterable[tuple[int, int]] = ()) -> None:
        """Add a finding at the end (phase and places: how it ranks among findings of the same order key)."""
        self._insert(order_key(finding), phase, places, codec.encode(finding))

    def append_form(self, form: Any) -> None:
        """Add a document's own finding given in its stored form (checker.run.codec): not built, nor encoded again."""
        self._insert(form_order_key(form), OWN, (), form)

    def _insert(self, key: tuple[str, int, str], phase: int, places: Iterable[tuple[int, int]], form: Any) -> None:
        """Add a finding's row: its order key, rank among equal keys and stored form (uncompressed: see _packed)."""
        doc, start, rule = key
        self.db.execute(f"INSERT INTO {self.table} VALUES (?, ?, ?, ?, ?, ?)",
                        (self._count + 1, text_key(doc), start, text_key(rule), bytes([phase]) + places_key(places),
                         _packed(form, compress=False)))
        self._count += 1

    def extend(self, findings: Iterable[Finding], phase: int = OWN) -> None:
        """Add findings at the end, in their order."""
        for finding in findings:
            self.append(finding, phase)

    def sorted(self) -> FindingLog:
        """The findings in report order (document, position, rule; ties as a stable sort of the run's gave them)."""
        other = FindingLog(self.db, f"{self.table}_sorted")
        self.db.execute(f"INSERT INTO {other.table} SELECT NULL, doc, start, rule, tie, data FROM {self.table}"
                        " ORDER BY doc, start, rule, tie, pos")
        other._count = self._count
        self.db.execute(f"DROP TABLE {self.table}")
        self._count = 0
        return other

    def ordered_by(self, key: Callable[[Finding], tuple | None]) -> Iterator[Finding]:
        """The findings whose key is not None in the order of key (texts and integers), ties in the log's order.

        Only the keys pass through memory, into a scratch table: SQLite sorts them.
        """
        scratch = f"{self.table}_by"
        self.db.execute(f"DROP TABLE IF EXISTS {scratch}")
        self.db.execute(f"CREATE TABLE {scratch} (key BLOB NOT NULL, pos INTEGER NOT NULL)")
        keyed = ((key(finding), pos) for pos, finding in enumerate(self, 1))
        self.db.executemany(f"INSERT INTO {scratch} VALUES (?, ?)",
                            ((_sortable(k), pos) for k, pos in keyed if k is not None))
        rows = self.db.execute(f"SELECT f.data FROM {scratch} s JOIN {self.table} f ON f.pos = s.pos"
                               " ORDER BY s.key, s.pos")
        yield from _unpacked(rows)

    def of_rule(self, rule: str) -> Iterator[Finding]:
        """The findings of one rule, in order (the others are not decoded)."""
        return _unpacked(self.db.execute(f"SELECT data FROM {self.table} WHERE rule = ? ORDER BY pos",
                                         (text_key(rule),)))

    def __len__(self) -> int:
        """How many findings."""
        return self._count

    @overload
    def __getitem__(self, place: int) -> Finding: ...

    @overload
    def __getitem__(self, place: slice) -> Sequence[Finding]: ...

    def __getitem__(self, place: int | slice) -> Finding | Sequence[Finding]:
        """The finding at a place, or a slice of them as a tuple."""
        if isinstance(place, slice):
            return tuple(self[p] for p in range(self._count)[place])
        if place < 0:
            place += self._count
        if not 0 <= place < self._count:
            raise IndexError(place)
        row = self.db.execute(f"SELECT data FROM {self.table} WHERE pos = ?", (place + 1,)).fetchone()
        return _unpacked_one(row[0])

    def __iter__(self) -> Iterator[Finding]:
        """The findings in order, decoded one at a time."""
        return _unpacked(self.db.execute(f"SELECT data FROM {self.table} ORDER BY pos"))


class SpilledDocuments(Mapping[int, Document]):
    """Whole documents (with text) by their place in a run, kept in a temporary database; a few recent ones decoded.

    The reports quote the documents their findings point into: for an archive, too many texts to hold at once.
    """

    def __init__(self) -> None:
        """An empty mapping in a new temporary database."""
        self.db = sqlite3.connect("", check_same_thread=False)  # a private temporary database on disk
        self.db.execute(f"PRAGMA cache_size = {CACHE_KB}")
        self.db.execute("CREATE TABLE documents (place INTEGER PRIMARY KEY, path BLOB NOT NULL, data BLOB NOT NULL)")
        self.db.execute("CREATE INDEX documents_by_path ON documents (path)")
        # The places put, in order: 8 bytes each (a set of ints takes about 60), for a report's many documents.
        self._places = array("q")
        self._recent: OrderedDict[int, Document] = OrderedDict()

    def put(self, place: int, document: Document) -> None:
        """Keep a document at a place."""
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)",
                        (place, text_key(document.path), _packed(codec.encode(document))))
        self._add_place(place)
        self._recent.pop(place, None)

    def _add_place(self, place: int) -> None:
        """Note a place as put, keeping the places in order (they usually come in order: appended)."""
        if not self._places or place > self._places[-1]:
            self._places.append(place)
        elif place not in self:
            bisect.insort(self._places, place)

    def __getitem__(self, place: int) -> Document:
        """The document at a place (decoded again unless it is among the recent ones)."""
        if place not in self:
            raise KeyError(place)
        document = self._recent.pop(place, None)
        if document is None:
            row = self.db.execute("SELECT data FROM documents WHERE place = ?", (place,)).fetchone()
            document = _unpacked_one(row[0])
        self._recent[place] = document
        while len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return document

    def get(self, place: int, default: Any = None) -> Any:
        """The document at a place, or default (no lookup for a place never put)."""
        return self[place] if place in self else default

    def __contains__(self, place: object) -> bool:
        """True for a place put."""
        if not isinstance(place, int):
            # Places are whole numbers: nothing else was put.
            return False
        at = bisect.bisect_left(self._places, place)
        return at < len(self._places) and self._places[at] == place

    def __iter__(self) -> Iterator[int]:
        """The places, in order."""
        return iter(self._places)

    def __len__(self) -> int:
        """How many documents."""
        return len(self._places)

    def by_path(self) -> Mapping[str, Document]:
        """The same documents by path (the last place of a path given twice)."""
        return _ByPath(self)


class _ByPath(Mapping[str, Document]):
    """A SpilledDocuments mapping looked up by path."""

    def __init__(self, spilled: SpilledDocuments) -> None:
        """Look up in spilled."""
        self.spilled = spilled

    def _place(self, path: object) -> int | None:
        """The last place of a path, or None."""
        if not isinstance(path, str):
            # Only texts are paths.
            return None
        row = self.spilled.db.execute("SELECT max(place) FROM documents WHERE path = ?", (text_key(path),)).fetchone()
        return row[0]

    def __getitem__(self, path: str) -> Document:
        """The document of a path."""
        place = self._place(path)
        if place is None:
            raise KeyError(path)
        return self.spilled[place]

    def __contains__(self, path: object) -> bool:
        """True for a path of a document put."""
        return self._place(path) is not None

    def __iter__(self) -> Iterator[str]:
        """The paths, once each."""
        rows = self.spilled.db.execute("SELECT DISTINCT path FROM documents ORDER BY path")
        return (path.decode("utf-8", "surrogatepass") for (path,) in rows)

    def __len__(self) -> int:
        """How many distinct paths."""
        return self.spilled.db.execute("SELECT COUNT(DISTINCT path) FROM documents").fetchone()[0]


def _packed(data: Any, compress: bool = True) -> bytes:
    """A value's data-only form, written by orjson, or by json after WIDE where orjson cannot (a path's escaped
    bytes, lone surrogates, kept as they are; integers beyond 64 bits); compressed after PACKED.

    A document (its whole text) is compressed; a finding (a kilobyte or two, written once and read once) is not:
    zlib took most of the time a finding spent going through the log.
    """
    try:
        text = orjson.dumps(data)
    except orjson.JSONEncodeError:
        text = WIDE + json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
            "utf-8", "surrogatepass")
    return PACKED + zlib.compress(text, 1) if compress else text


PACKED = b"z"  # opens a compressed form (a JSON text opens with "{", "[" or WIDE)


def _unpacked_one(blob: bytes) -> Any:
    """A value back from its stored form."""
    text = zlib.decompress(blob[1:]) if blob[:1] == PACKED else blob
    if text[:1] == WIDE:
        return codec.decode(json.loads(text.decode("utf-8", "surrogatepass")))
    return codec.decode(orjson.loads(text))


def _unpacked(rows: sqlite3.Cursor) -> Iterator[Finding]:
    """The findings of a query's rows (one column: the data), a few hundred rows fetched at a time."""
    while chunk := rows.fetchmany(READ_AHEAD):
        for (blob,) in chunk:
            yield _unpacked_one(blob)


def _sortable(key: tuple) -> bytes:
    """A key of texts and non-negative integers as bytes that compare as the tuple does (texts end with a 0 byte)."""
    parts: list[bytes] = []
    for item in key:
        if isinstance(item, str):
            # NUL ends a text, so that a prefix sorts first; a NUL inside a text is escaped to keep that order.
            parts.append(text_key(item).replace(b"\x00", b"\x00\xff") + b"\x00\x00")
        else:
            parts.append(struct.pack(">Q", item))
    return b"".join(parts)

