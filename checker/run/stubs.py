"""The documents of a run read from the store, held compactly: a path and a few numbers each, built on demand.

A light run keeps no text; what it keeps of each article is what the report lists (path, date, how
the date was found, encoding). Held as Document objects that is about half a kilobyte an article;
here it is the path (the string the run already holds) and 18 bytes in arrays, so a million
articles cost about a hundred megabytes, mostly their paths.
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
        self.paths: list[str] = []
        self._days = array("i")  # the date's ordinal, NO_DATE for none
        self._confidences = array("d")
        self._sources = array("I")  # places in _words
        self._encodings = array("I")
        self._words: list[str] = []  # each distinct source and encoding once
        self._word_places: dict[str, int] = {}
        self._whole: Mapping[int, Document] = {}

    def append(self, path: str, dct: DocumentDate | None, encoding: str) -> None:
        """Add a document without text."""
        self.paths.append(path)
        self._days.append(dct.date.toordinal() if dct is not None else NO_DATE)
        self._confidences.append(dct.confidence if dct is not None else 0.0)
        self._sources.append(self._word(dct.source if dct is not None else ""))
        self._encodings.append(self._word(encoding))

    def _word(self, text: str) -> int:
        """The place of a source or encoding among the distinct ones."""
        place = self._word_places.get(text)
        if place is None:
            place = self._word_places[text] = len(self._words)
            self._words.append(text)
        return place

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
        wanted = set(paths)
        return [place for place, path in enumerate(self.paths) if path in wanted]

    def guessed_encodings(self) -> dict[str, str]:
        """Path -> encoding of the documents whose encoding is no UTF (guessed), in run order, building none of them."""
        if self._whole:
            # Whole documents carry their own encodings: read each document.
            return {d.path: d.encoding for d in self if not d.encoding.startswith("utf-")}
        guessed = {place for place, word in enumerate(self._words) if not word.startswith("utf-")}
        if guessed.isdisjoint(self._encodings):
            # The usual case: every article is UTF-8 (one look over the array, no step per document).
            return {}
        return {path: self._words[word] for path, word in zip(self.paths, self._encodings, strict=True)
                if word in guessed}

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

        words = self._words
        return ((path, day(number), words[source] if number != NO_DATE else "unknown",
                 number != NO_DATE and confidence < 1.0)
                for path, number, source, confidence in zip(self.paths, self._days, self._sources, self._confidences,
                                                            strict=True))

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
        dct = (DocumentDate(dt.date.fromordinal(day), self._words[self._sources[place]], self._confidences[place])
               if day != NO_DATE else None)
        return Document(self.paths[place], "", "", (), dct=dct, encoding=self._words[self._encodings[place]])
