"""The documents of a run read from the store, held compactly: a path and a few numbers each, built on demand.

A light run keeps no text; what it keeps of each article is what the report lists (path, date, how
the date was found, encoding). Held as Document objects that is about half a kilobyte an article;
here it is the path (the string the run already holds, in the run's own list where it can be shared) and
8 bytes in arrays (the day, and the place of the document's distinct date source, confidence and encoding), so a
million articles cost about a hundred megabytes, mostly their paths.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import overload

from checker.model import Document, DocumentDate

NO_DATE = 0  # the day number of a document without a date (date ordinals start at 1)


class DocumentStubs(Sequence[Document]):
    """A sequence of Documents without text, in run order; a few may be whole documents (with text)."""

    def __init__(self) -> None:
        """Start empty; `append` adds documents in order."""
        self.paths: Sequence[str] = []
        self._days = array("i")  # the date's ordinal, NO_DATE for none
        self._kinds = array("I")  # places in _kind_list
        self._kind_list: list[tuple[str, float, str]] = []  # each distinct (date source, confidence, encoding) once
        self._kind_places: dict[tuple[str, float, str], int] = {}
        self._whole: Mapping[int, Document] = {}

    def append(self, path: str, dct: DocumentDate | None, encoding: str) -> None:
        """Add a document without text."""
        assert isinstance(self.paths, list), "documents are appended before the run's paths are shared"
        self.paths.append(path)
        self._days.append(dct.date.toordinal() if dct is not None else NO_DATE)
        kind = (dct.source, dct.confidence, encoding) if dct is not None else ("", 0.0, encoding)
        place = self._kind_places.get(kind)
        if place is None:
            place = self._kind_places[kind] = len(self._kind_list)
            self._kind_list.append(kind)
        self._kinds.append(place)

    def share_paths(self, paths: Sequence[str]) -> None:
        """Hold the run's own sequence of paths instead of the list appended, when it is the same paths in order."""
        if len(paths) != len(self.paths) or any(a is not b and a != b
                                                for a, b in zip(paths, self.paths, strict=True)):
            # Some path has no document (the store lacked it): the list appended stays.
            return
        self.paths = paths

    def with_whole(self, whole: Mapping[int, Document]) -> DocumentStubs:
        """The same documents, those at the given places replaced by whole ones (the arrays are shared, not copied)."""
        other = DocumentStubs.__new__(DocumentStubs)
        other.__dict__.update(self.__dict__)
        # A mapping kept on disk (checker.run.spill) is taken as it is, not read whole into a dict.
        other._whole = {**self._whole, **whole} if self._whole else whole
        return other

    def whole_by_path(self) -> Mapping[str, Document]:
        """The whole documents (with text) given to `with_whole`, by path: those a report quotes."""
        by_path = getattr(self._whole, "by_path", None)
        if by_path is not None:
            # Kept on disk: looked up there, never all read.
            return by_path()
        return {document.path: document for document in self._whole.values()}

    def places_of(self, paths: Iterable[str]) -> list[int]:
        """The places of the documents with those paths, in run order."""
        # A set given is used as it is (hydrate's paths of every finding's documents: no second copy).
        wanted = paths if isinstance(paths, (set, frozenset)) else set(paths)
        return [place for place, path in enumerate(self.paths) if path in wanted]

    def guessed_encodings(self) -> dict[str, str]:
        """Path -> encoding of the documents whose encoding is no UTF (guessed), in run order, building none of them."""
        if self._whole:
            # Whole documents carry their own encodings: read each document.
            return {d.path: d.encoding for d in self if not d.encoding.startswith("utf-")}
        guessed = {place for place, kind in enumerate(self._kind_list) if not kind[2].startswith("utf-")}
        if guessed.isdisjoint(self._kinds):
            # The usual case: every article is UTF-8 (one look over the array, no step per document).
            return {}
        return {path: self._kind_list[kind][2] for path, kind in zip(self.paths, self._kinds, strict=True)
                if kind in guessed}

    def dates(self) -> Iterator[tuple[str, str | None, str, bool]] | None:
        """Per document in run order: path, date (ISO), how it was found ('unknown' without one) and whether it was
        inferred, as Document.dct gives them, without building a Document; None when some are whole documents."""
        if self._whole:
            return None
        days: dict[int, str | None] = {NO_DATE: None}

        def day(number: int) -> str | None:
            """A day's ISO text, each distinct day written once."""
            text = days.get(number, "")
            if text == "":
                text = days[number] = dt.date.fromordinal(number).isoformat()
            return text

        kinds = self._kind_list
        return ((path, day(number), kinds[kind][0] if number != NO_DATE else "unknown",
                 number != NO_DATE and kinds[kind][1] < 1.0)
                for path, number, kind in zip(self.paths, self._days, self._kinds, strict=True))

    def __len__(self) -> int:
        """How many documents."""
        return len(self.paths)

    @overload
    def __getitem__(self, place: int) -> Document: ...

    @overload
    def __getitem__(self, place: slice) -> Sequence[Document]: ...

    def __getitem__(self, place: int | slice) -> Document | Sequence[Document]:
        """The document at a place (a Document without text unless a whole one was given), or a slice as a tuple."""
        if isinstance(place, slice):
            return tuple(self._built(p) for p in range(len(self.paths))[place])
        if place < 0:
            place += len(self.paths)
        if not 0 <= place < len(self.paths):
            raise IndexError(place)
        return self._built(place)

    def __iter__(self) -> Iterator[Document]:
        """The documents in run order."""
        return (self._built(place) for place in range(len(self.paths)))

    def _built(self, place: int) -> Document:
        """The Document at a place."""
        whole = self._whole.get(place)
        if whole is not None:
            return whole
        day = self._days[place]
        source, confidence, encoding = self._kind_list[self._kinds[place]]
        dct = DocumentDate(dt.date.fromordinal(day), source, confidence) if day != NO_DATE else None
        return Document(self.paths[place], "", "", (), dct=dct, encoding=encoding)
