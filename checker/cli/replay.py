"""A warm `check` answered from the recorded output of an earlier run on the same bytes: the replay.

A run of `check` over named files writes, to `<cache-dir>/recall/<key>.rec`, what it printed (each
write to stdout and stderr, in order) and its exit code (checker.cli.recording). The key holds all
that is known before the command line is parsed: its words, the working folder, the environment that
shapes the output (language, colour, width, encodings), the Python and its import path, and the
discovered configuration's bytes, so a replay needs neither argparse nor the configuration reader.
The entry holds the whole key and lists the files the run depended on with a BLAKE2b hash of their bytes: the articles,
every file of the rule folders (the default pack's too), hedui's own files, the installed analysing
packages (and the names beside them: any distribution installed, upgraded or removed there), the
lexicons, the decisions and baseline files, a configuration named with --config, and the markers
that place an article in its project (.git, hedui.toml, pyproject.toml above it). A later run with
the same key whose files all still hash the same replays the entry; anything else is a full run.

A replay loads five small modules (checker, checker.cli, its main, this one and checker.configfile)
and no other: no YAML, argparse, json, hash module, rule pack nor claim stage. It lists no folder: each dependency
carries the stat stamp it had when recorded (for a folder tree, the stamp of every folder and file
in it) and one stat per stamp says it is untouched. Only a dependency whose stamp moved is hashed
again (checker.cli.recording.confirm).
"""

import os
import sys

from checker import __version__
from checker.configfile import find_config_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a replay imports nothing it does not use)
if TYPE_CHECKING:
    from collections.abc import Iterable

FORMAT = 3  # the entries' layout: another value is never read (1 was JSON, 2 had a BLAKE2b checksum and key)
MAGIC = "hedui-recall"  # an entry's first word
KINDS = ("file", "tree", "listing")  # what a dependency is: one file, every file below a folder, a folder's names
# The environment that changes what a check prints: language, colour and width.
ENVIRONMENT = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "LINES")


class Ticket:
    """Where a run's recorded output would be kept and under which key (a plain class: importing attrs
    costs more than the whole replay)."""

    __slots__ = ("key", "folder")

    def __init__(self, key: str, folder: str):
        """Hold the key (its whole text) and the cache folder."""
        self.key, self.folder = key, folder

    @property
    def entry(self) -> str:
        """The entry file's path, named by the key's checksum (the entry holds the whole key)."""
        return os.path.join(self.folder, "recall", f"{checksum(self.key.encode('utf-8', 'surrogatepass'))}.rec")


def make_ticket(argv: list[str], cwd: str | None = None) -> Ticket | None:
    """The ticket of a `hedui check` command line (before it is parsed), or None when it reads standard input.

    Whether a run may be recorded at all is judged once its options are parsed
    (checker.cli.recording.recallable): a ticket whose key no recordable run had finds no entry.
    """
    cwd = cwd or os.getcwd()
    if argv[:1] != ["check"] or "-" in argv:
        # Another command, or an article from standard input (its bytes are in no file): always run in full.
        return None
    found = find_config_path(cwd)
    config_bytes = b""
    if found is not None:
        try:
            with open(found[0], "rb") as handle:
                config_bytes = handle.read()
        except OSError:
            # The full run reports the unreadable configuration.
            return None
    root = os.path.dirname(found[0]) if found else cwd
    folder = _cache_folder(config_bytes, root, found[1] if found else "")
    if folder is None:
        # No cache (or a configuration only the full run can judge): nothing to recall from.
        return None
    # The import path as folders ("" is the working folder): where the analysing packages are looked for.
    path = [os.path.abspath(place) for place in sys.path]
    key = [FORMAT, __version__, sys.version, sys.prefix, path, os.path.realpath(cwd),
           list(argv), [os.environ.get(name) for name in ENVIRONMENT], _terminal(), found[0] if found else None,
           config_bytes]
    # The repr of a list of strings, bytes, numbers, None and lists: one text per key, the same in every run.
    return Ticket(repr(key), folder)


def _terminal() -> list[object]:
    """What the output streams are: terminals or not, their width, their encodings."""
    out, err = sys.stdout, sys.stderr
    tty = bool(getattr(out, "isatty", lambda: False)())
    width = None
    if tty:
        import shutil

        width = shutil.get_terminal_size().columns
    return [tty, bool(getattr(err, "isatty", lambda: False)()), width, getattr(out, "encoding", None),
            getattr(out, "errors", None), getattr(err, "encoding", None), getattr(err, "errors", None)]


def _cache_folder(config: bytes, root: str, style: str) -> str | None:
    """The configured cache folder, reading the TOML only when it may set `cache` or `cache-dir`.

    A TOML key is spelled with its letters or with \\u escapes, so a file holding neither "cache"
    nor a \\u or \\U escape leaves both keys at their defaults.
    """
    lowered = config.lower()
    if b"cache" not in lowered and b"\\u" not in lowered:
        return os.path.realpath(os.path.join(root, ".hedui-cache"))
    import tomllib

    try:
        data = tomllib.loads(config.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        # A broken configuration is the full run's to report.
        return None
    table = data.get("tool", {}).get("hedui", {}) if style == "pyproject" else data
    enabled, folder = table.get("cache", True), table.get("cache-dir", ".hedui-cache")
    if enabled is not True or not isinstance(folder, str):
        # Caching switched off (or a bad value the full run reports): nothing is recorded.
        return None
    return os.path.realpath(os.path.join(root, folder))


def lookup(ticket: Ticket) -> dict | None:
    """The recorded entry for a ticket, or None when there is none; its "moved" lists the dependencies
    whose stamp moved since the recording (by index), which checker.cli.recording.confirm hashes again.

    An entry with nothing moved may be replayed as it is: every file it read is untouched.
    """
    entry = read_entry(ticket.entry)
    if entry is None or entry["key"] != ticket.key:
        # No entry yet, or a damaged, foreign or older one: the full run records one.
        return None
    entry["moved"] = [index for index, ((kind, path), stamp) in enumerate(zip(entry["deps"], entry["stamps"],
                                                                               strict=True))
                      if stamp is None or not unchanged(kind, path, stamp)]
    return entry


def read_entry(path: str) -> dict | None:
    """A recorded entry (key, deps, states, stamps, writes, code), or None when it is missing, damaged or of
    another layout (checker.cli.recording.encode_entry writes it)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        # No entry yet (or an unreadable one).
        return None
    head, _, body = data.partition(b"\n")
    if head != f"{MAGIC} {FORMAT} {checksum(body)}".encode():
        # Another layout, or bytes that are not the ones written: never trusted.
        return None
    try:
        return _decode(body.decode("utf-8", "surrogatepass"))
    except (ValueError, IndexError):
        # Written by something else under a matching checksum: never trusted.
        return None


def _decode(text: str) -> dict:
    """An entry from the text after its first line; ValueError or IndexError when it is not one."""
    key, code, count, rest = text.split("\0", 3)
    size = 4 * int(count)
    fields = rest.split("\0", size) if size >= 0 else []
    if len(fields) != size + 1 or any(kind not in KINDS for kind in fields[0:size:4]):
        raise ValueError("not an entry's dependencies")
    tail = fields.pop()
    writes: list[list[str]] = []
    at = 0
    while at < len(tail):
        gap = tail.index("\0", at)
        start = tail.index("\0", gap + 1) + 1
        stream, end = tail[at:gap], start + int(tail[gap + 1:start - 1])
        if stream not in ("out", "err") or not start <= end <= len(tail):
            raise ValueError("not an entry's writes")
        writes.append([stream, tail[start:end]])
        at = end
    return {"key": key, "code": int(code), "deps": [[fields[i], fields[i + 1]] for i in range(0, size, 4)],
            "states": fields[2:size:4], "stamps": [mark or None for mark in fields[3:size:4]], "writes": writes}


def unchanged(kind: str, path: str, stamp: str) -> bool:
    """True when a dependency still has the stamp it was recorded with."""
    if kind != "tree":
        return file_stamp(path)[0] == stamp
    if not stamp.startswith("stat:"):
        # Recorded as no folder: still none?
        return stamp == "absent" and not os.path.isdir(path)
    # One line per folder and file below (relative path, tab, stamp; the folder itself first, as ""): a
    # folder's stamp moves when a name in it is added, removed or renamed, a file's when its bytes change,
    # so equal stamps mean the same names and bytes throughout, and no folder needs listing.
    top = os.path.join(path, "")
    for line in stamp[5:].split("\n"):
        relative, _, recorded = line.rpartition("\t")
        try:
            now = _stamp_of(os.stat(top + relative))
        except OSError:
            now = file_stamp(top + relative)[0]  # recorded as absent or unreadable too?
        if now != recorded:
            return False
    return True


def file_stamp(path: str) -> tuple[str, int]:
    """A file's (or folder's) stat stamp, and the newest of its modification and change times in nanoseconds.

    The change time is in it: an edit that keeps the size and puts the modification time back still
    moves it.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "absent", 0
    except OSError as exc:
        return f"unreadable:{exc.errno}", 0
    return _stamp_of(info), max(info.st_mtime_ns, info.st_ctime_ns)


def _stamp_of(info: os.stat_result) -> str:
    """Mode, size, modification and change times and inode, as text."""
    return f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"


def checksum(data: bytes) -> str:
    """The length of some bytes and their remainder, read as one number, modulo the largest prime below 2**64.

    Any change of one byte changes it, and a random change goes unseen once in 2**64: enough to name
    an entry by its key (the whole key is compared) and to find a damaged one. No hash module is
    loaded for it (loading _blake2 alone cost a replay a tenth of its own time); the files' contents
    are still hashed with BLAKE2b (checker.cli.recording).
    """
    return f"{len(data)}-{int.from_bytes(data, 'little') % _PRIME:016x}"


_PRIME = 2**64 - 59


def checksum_of_pieces(pieces: "Iterable[bytes]") -> str:
    """The checksum of the bytes the pieces join to, without joining them (each piece's number shifted past the
    ones before it, modulo the prime)."""
    total, value, scale = 0, 0, 1
    for piece in pieces:
        value = (value + int.from_bytes(piece, "little") * scale) % _PRIME
        scale = scale * pow(256, len(piece), _PRIME) % _PRIME
        total += len(piece)
    return f"{total}-{value:016x}"


def replay(entry: dict) -> int:
    """Write the recorded output, in its order, and return the recorded exit code."""
    for stream, text in entry["writes"]:
        (sys.stdout if stream == "out" else sys.stderr).write(text)
    sys.stdout.flush()
    sys.stderr.flush()
    return int(entry["code"])
