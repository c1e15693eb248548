"""What a full `check` keeps for the next one to replay (checker.cli.replay): its output and what it read.

Only a run that analysed nothing (every article came from the analysis store) is recorded: a cold
run's messages (a progress bar, a rebuilt cache) are not what a warm run prints. Entries are data
with a checksum, like the rest of the cache: a damaged entry is ignored. Their layout
(`encode_entry`) is NUL-separated text that the replay reads with plain string operations: importing
json would cost a replay more than all it reads.
"""

from __future__ import annotations

import os
import stat
import sys
import time

from checker.cli.replay import FORMAT, MAGIC, Ticket, checksum_of_pieces, file_stamp
from checker.run.recall import package_files

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from typing import Any

try:
    # hashlib's own BLAKE2 (hashlib would load OpenSSL first).
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

KEEP = 64  # entries kept per cache folder (the oldest go first)
MAX_DEPENDENCIES = 20_000  # files and folders a recorded run may depend on (an archive larger is never recorded)
RACY_S = 2.0  # a file changed this close to a recording is hashed on every replay, never trusted by its stamp
# Options that make a run more than a report on its inputs: they write files, ask git, read an archive
# or standard input, or print what the cache did.
UNRECALLED = ("fix", "diff", "output", "changed_since", "against", "no_cache", "verbose", "scheduler",
              "stdin_filename")
# What decides a file's project root, its repository and which files a walked folder yields.
MARKERS = (".git", "hedui.toml", "pyproject.toml", ".gitignore")


def recallable(options: dict[str, object], cwd: str | None = None) -> bool:
    """True when a parsed `check` may be recorded: files and folders (or none: the configuration's include),
    no --fix, --output, --against …"""
    cwd = cwd or os.getcwd()
    if any(options.get(name) for name in UNRECALLED) or options.get("engine") == "dask":
        # Not a plain report on its inputs (a cluster's run is left to the cluster): always run in full.
        return False
    paths = options.get("paths") or []
    # A missing path or a FIFO is reported anew by every run.
    return isinstance(paths, list) and all(_is_file_or_folder(os.path.join(cwd, p)) for p in paths)


def _is_file_or_folder(path: str) -> bool:
    """True for a regular file or a folder (a FIFO is never opened here: reading it would block)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)


def dependencies(articles: Iterable[str], trees: Iterable[os.PathLike | str], files: Iterable[os.PathLike | str],
                 folders: Iterable[str] = ()) -> list[list[str]]:
    """The files a check depends on: [kind, absolute path], kind "file", "tree" (every file below) or "listing"
    (the names in a folder); hedui's own files and the analysing packages are always depended on.

    articles: files named on the command line; folders: folders walked for articles (each folder
    below them with its listing, its .gitignore and configuration files and every article-named file).
    """
    deps: dict[tuple[str, str], None] = {}
    above: set[str] = set()
    for article in articles:
        absolute = os.path.abspath(article)
        deps[("file", absolute)] = None
        above.add(os.path.dirname(absolute))
    for folder in folders:
        absolute = os.path.abspath(folder)
        above.add(os.path.dirname(absolute))
        _add_walk(absolute, deps)
    for folder in sorted(above):
        # The project root, git work tree and .gitignore files above: the markers of every folder up to /.
        while True:
            for marker in MARKERS:
                deps[("file", os.path.join(folder, marker))] = None
            parent = os.path.dirname(folder)
            if parent == folder:
                break  # the file system's root
            folder = parent
    # hedui's own modules (an edited or reinstalled hedui never replays old output), then the rule folders;
    # a folder inside one already listed (the default pack inside an installed package) is covered by it.
    folders_walked: list[str] = []
    for tree in [program_folder(), *trees]:
        absolute = os.path.abspath(tree)
        if not any(absolute == done or absolute.startswith(done + os.sep) for done in folders_walked):
            folders_walked.append(absolute)
            deps[("tree", absolute)] = None
    # The analysing packages an import finds (an upgraded pint is another program), and the names beside them.
    modules, sites = package_files()
    for path in [*files, *modules]:
        deps[("file", os.path.abspath(path))] = None
    for site in sites:
        deps[("listing", site)] = None
    return [[kind, path] for kind, path in deps]


def _add_walk(root: str, deps: dict[tuple[str, str], None]) -> None:
    """The dependencies of walking a folder for articles as checker.run.files does (hidden folders left out).

    Folders a .gitignore leaves out are walked here too: a superset, so an edit that un-ignores one is seen.
    """
    from checker.run.files import ARTICLE_SUFFIXES

    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        deps[("listing", folder)] = None
        for marker in MARKERS:
            deps[("file", os.path.join(folder, marker))] = None
        for name in sorted(names):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES:
                deps[("file", os.path.join(folder, name))] = None


def program_folder() -> str:
    """The folder of hedui's own modules (the installed package, or checker/ in a checkout)."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def snapshot(deps: list[list[str]]) -> list[str]:
    """The state of each dependency now: the hash of its bytes (or names), or what it is instead."""
    return [_STATES[kind](path) for kind, path in deps]


def _file_state(path: str) -> str:
    """A file's content hash, or absent / dir / special / unreadable."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "absent"
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    if stat.S_ISDIR(mode):
        return "dir"
    if not stat.S_ISREG(mode):
        # Never opened: a FIFO would block.
        return "special"
    try:
        with open(path, "rb") as handle:
            return new_hash(handle.read()).hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def _tree_state(folder: str) -> str:
    """One hash over every file below a folder: relative names and bytes (absent when it is no folder)."""
    listed = walk_tree(folder)
    if listed is None:
        return "absent"
    digest = new_hash()
    for name, relative, what in listed:
        if what == "dir":
            continue  # a folder counts by the files in it
        state = _file_state(os.path.join(folder, relative)) if what == "file" else "special"
        digest.update(f"{name}\0{state}\n".encode("utf-8", "surrogateescape"))
    return "tree:" + digest.hexdigest()


def _listing_state(folder: str) -> str:
    """One hash over the names in a folder and what each is (a link: what it points to).

    Hidden names are left out: the walk skips them, and the markers among them are files depended on
    (an editor's swap file does not cost a replay).
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except FileNotFoundError:
        return "absent"
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    digest = new_hash()
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden: never walked into nor read as an article
        kind = "d" if entry.is_dir() else "f" if entry.is_file() else "o"
        digest.update(f"{entry.name}\0{'l' if entry.is_symlink() else ''}{kind}\n".encode("utf-8", "surrogateescape"))
    return "listing:" + digest.hexdigest()


def walk_tree(folder: str) -> list[tuple[str, str, str]] | None:
    """(name, relative path, what) of every folder and file below a folder in a stable order (the folder
    itself first, as ""), or None when it is no folder.

    what is "dir", "file" or "other": a FIFO or device (never opened: it would block), a folder met
    twice (a symbolic link loop, named <loop>) or one that cannot be listed (<unreadable:errno>).
    Folders are known by device and inode (a stat each, no realpath).
    """
    try:
        info = os.stat(folder)
    except OSError:
        return None  # no folder at all: absent
    if not stat.S_ISDIR(info.st_mode):
        return None  # a file where a folder was named: absent as a folder
    found: list[tuple[str, str, str]] = []
    _add_tree(folder, (info.st_dev, info.st_ino), "", set(), found)
    return found


def _add_tree(folder: str, identity: tuple[int, int], prefix: str, seen: set[tuple[int, int]],
              found: list[tuple[str, str, str]]) -> None:
    """Add one folder and everything below it."""
    if identity in seen:
        # A link back to a folder already walked: walking it again would never end.
        found.append((prefix + "<loop>", prefix, "other"))
        return
    seen.add(identity)
    found.append((prefix, prefix, "dir"))
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_name_of)
    except OSError as exc:
        found.append((f"{prefix}<unreadable:{exc.errno}>", prefix, "other"))
        return
    for entry in entries:
        name = prefix + entry.name
        if not entry.is_dir():
            found.append((name, name, "file" if entry.is_file() else "other"))
        elif entry.name != "__pycache__":
            try:
                info = entry.stat()
            except OSError as exc:
                found.append((f"{name}/<unreadable:{exc.errno}>", name, "other"))
                continue  # gone since it was listed: its name and error count
            _add_tree(entry.path, (info.st_dev, info.st_ino), name + "/", seen, found)


def _name_of(entry: os.DirEntry) -> str:
    """A listed entry's name (the sort key)."""
    return entry.name


# Per kind of dependency: its state (what its bytes, or a folder's names, hash to).
_STATES = {"file": _file_state, "tree": _tree_state, "listing": _listing_state}


def stamps(deps: list[list[str]], since: float) -> list[str | None]:
    """Each dependency's stat stamp (size, times, inode; for a tree, of every folder and file in it), or None
    when it changed at `since` or later.

    A stamp that still matches spares a replay reading the bytes again. A file changed in the last
    seconds before the recording may change again within the same tick of the file system's clock
    without its stamp changing (git's "racy" files): such a dependency is always hashed instead.
    """
    limit = int((since - RACY_S) * 1e9)
    out: list[str | None] = []
    for kind, path in deps:
        stamp, newest = _tree_stamp(path) if kind == "tree" else file_stamp(path)
        out.append(stamp if stamp is not None and newest < limit else None)
    return out


def _tree_stamp(folder: str) -> tuple[str | None, int]:
    """The stamps of a folder and of every folder and file below it, one line each (relative path, tab,
    stamp), and the newest time among them; no stamp when a name holds a line break."""
    listed = walk_tree(folder)
    if listed is None:
        return "absent", 0
    lines, newest = [], 0
    for _, relative, _ in listed:
        if "\n" in relative:
            return None, 0  # a name the stamp's lines cannot hold: hashed on every replay
        stamp, changed = file_stamp(os.path.join(folder, relative))
        newest = max(newest, changed)
        lines.append(f"{relative}\t{stamp}")
    return "stat:" + "\n".join(lines), newest


def confirm(ticket: Ticket, entry: dict) -> dict | None:
    """The entry of checker.cli.replay.lookup when every dependency whose stamp moved still hashes as
    recorded, else None; the entry is recorded again with fresh stamps, so the next replay hashes nothing
    (a touched file, or one recorded too soon after its change to trust its stamp)."""
    for index in entry["moved"]:
        if snapshot([entry["deps"][index]]) != [entry["states"][index]]:
            # An article, rule, lexicon, decision or module changed since: the run must be done again.
            return None
    marks = stamps(entry["deps"], time.time())
    # The stamps are taken before the bytes are hashed again: a change in between moves the stamp.
    if marks != entry["stamps"] and snapshot(entry["deps"]) == entry["states"]:
        record(ticket, entry["deps"], entry["states"], marks, entry["writes"], entry["code"])
    return entry


def encode_entry(key: str, deps: list[list[str]], states: list[str], marks: list[str | None],
                 writes: Sequence[Sequence[Any]], code: int) -> Iterator[bytes]:
    """An entry's bytes, in pieces: a first line `hedui-recall FORMAT checksum`, then fields each ended by NUL (the
    key's text, the exit code, the number of dependencies, then kind, path, state and stamp of each, "" for no
    stamp), then each write as its stream, NUL, its length in characters, NUL and its text (which may hold NUL).

    A write's text is a string or a list of the strings written one after another (as the Recorder keeps them).
    No field but a write's text holds NUL: paths cannot, the key is a repr (control characters escaped) and the
    rest are names, numbers and hashes.
    The text is UTF-8 with surrogates passed, so every path and every written string comes back the same.
    The body is encoded twice, a piece at a time (for its checksum, then to be written), never held whole: a
    recorded run's output and dependencies are megabytes.
    """
    def body() -> Iterator[bytes]:
        """The pieces after the first line."""
        yield "".join(f"{field}\0" for field in (key, str(code), str(len(deps)))).encode("utf-8", "surrogatepass")
        rows = list(zip(deps, states, marks, strict=True))
        for start in range(0, len(rows), _ROWS_AT_ONCE):
            yield "".join(f"{kind}\0{path}\0{state}\0{mark or ''}\0" for (kind, path), state, mark
                          in rows[start:start + _ROWS_AT_ONCE]).encode("utf-8", "surrogatepass")
        for stream, written in writes:
            pieces = [written] if isinstance(written, str) else written
            yield f"{stream}\0{sum(map(len, pieces))}\0".encode("utf-8", "surrogatepass")
            # Each piece alone: UTF-8 (surrogates passed) encodes a code point at a time, so the pieces join to the
            # encoding of the whole text.
            yield from (piece.encode("utf-8", "surrogatepass") for piece in pieces)

    yield f"{MAGIC} {FORMAT} {checksum_of_pieces(body())}\n".encode()
    yield from body()


_ROWS_AT_ONCE = 1024  # dependencies encoded into one piece of an entry


def record(ticket: Ticket, deps: list[list[str]], states: list[str], marks: list[str | None],
           writes: Sequence[Sequence[Any]], code: int) -> None:
    """Keep a run's output under its ticket; a cache folder that cannot be written keeps nothing."""
    folder = os.path.dirname(ticket.entry)
    temp = f"{ticket.entry}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temp, "wb") as handle:
            for piece in encode_entry(ticket.key, deps, states, marks, writes, code):
                handle.write(piece)
        os.replace(temp, ticket.entry)
        _prune(folder)
    except OSError:
        # A read-only or full cache folder: the next run is a full one, nothing more.
        try:
            os.unlink(temp)
        except OSError:
            pass  # never written, or already gone


def new_hash(data: bytes = b""):
    """A new BLAKE2b digest (256 bits) fed with data."""
    return blake2b(data, digest_size=32)


def _prune(folder: str) -> None:
    """Remove the oldest entries beyond KEEP (those of an older layout too; files being written are left)."""
    entries = [os.path.join(folder, name) for name in os.listdir(folder) if not name.endswith(".tmp")]
    if len(entries) <= KEEP:
        # Room for more: nothing to remove.
        return
    for path in sorted(entries, key=os.path.getmtime)[:len(entries) - KEEP]:
        os.unlink(path)


class Recorder:
    """Standard output and error copied, write by write, while a run prints (a context manager)."""

    def __init__(self) -> None:
        """Start with nothing written."""
        self.writes: list[list[Any]] = []  # [stream, [each string written to it in a row]]
        self.tainted = False  # a write went past the copy (to the raw buffer or file descriptor)
        self._saved: tuple = ()

    def __enter__(self) -> Recorder:
        """Put the copying streams in place."""
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout, sys.stderr = _Tee(sys.stdout, "out", self), _Tee(sys.stderr, "err", self)  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        """Put the real streams back."""
        sys.stdout, sys.stderr = self._saved


class _Tee:
    """A text stream that writes through to the real one and tells its recorder what was written."""

    def __init__(self, real, name: str, recorder: Recorder):
        """Wrap a stream."""
        self._real, self._name, self._recorder = real, name, recorder

    def write(self, text: str) -> int:
        """Write through and keep a copy."""
        writes = self._recorder.writes
        if writes and writes[-1][0] == self._name:
            # Kept as written, not joined: joining each write to the last copied the whole output every time.
            writes[-1][1].append(text)
        else:
            writes.append([self._name, [text]])
        return self._real.write(text)

    def __getattr__(self, name: str):
        """Everything else is the real stream's; its raw buffer or descriptor would bypass the copy."""
        if name in ("buffer", "fileno"):
            self._recorder.tainted = True
        return getattr(self._real, name)
