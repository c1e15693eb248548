"""A warm `check` answered from the recorded output of an earlier run on the same bytes.

A run of `check` over named files writes, to `<cache-dir>/recall/<key>.json`, what it printed (each
write to stdout and stderr, in order) and its exit code. The key holds all that is known before the
command line is parsed: its words, the working folder, the environment that shapes the output
(language, colour, width, encodings), the program's code and the discovered configuration's bytes,
so a replay needs neither argparse nor the configuration reader. The entry lists the files the run
depended on with a BLAKE2b hash of their bytes: the articles, every file of the rule folders (the
default pack's too), the lexicons, the decisions and baseline files, a configuration named with
--config, and the markers that place an article in its project (.git, hedui.toml, pyproject.toml
above it). A later run with the same key whose files all still hash the same replays the entry;
anything else is a full run. The fast path reads no YAML and imports neither the rule pack nor the
claim stage.

Only a run that analysed nothing (every article came from the analysis store) is recorded: a cold
run's messages (a progress bar, a rebuilt cache) are not what a warm run prints. Entries are
data-only JSON with a checksum, like the rest of the cache: a damaged entry is ignored.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable

from checker import __version__
from checker.text.project import find_config_path

try:
    # hashlib's own BLAKE2 (hashlib would load OpenSSL first: a tenth of a fast start).
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

FORMAT = 1  # the entries' layout: another value is never read
KEEP = 64  # entries kept per cache folder (the oldest go first)
RACY_S = 2.0  # a file changed this close to a recording is hashed on every replay, never trusted by its stamp
# The environment that changes what a check prints: language, colour and width.
ENVIRONMENT = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "LINES")
# Options that make a run more than a report on its inputs: they write files, ask git, read an archive
# or standard input, or print what the cache did.
UNRECALLED = ("fix", "diff", "output", "changed_since", "against", "no_cache", "verbose", "scheduler",
              "stdin_filename")
# What decides a file's project root, its repository and which files a walked folder yields.
MARKERS = (".git", "hedui.toml", "pyproject.toml", ".gitignore")
# The installed packages whose version changes what an analysis finds (import names).
ANALYSIS_PACKAGES = ("pint", "dateparser", "jieba", "yaml", "attrs")


class Ticket:
    """Where a run's recorded output would be kept and under which key (a plain class: importing attrs
    costs more than the whole replay)."""

    __slots__ = ("key", "folder")

    def __init__(self, key: str, folder: str):
        """Hold the key and the cache folder."""
        self.key, self.folder = key, folder

    @property
    def entry(self) -> str:
        """The entry file's path."""
        return os.path.join(self.folder, "recall", f"{self.key}.json")


def make_ticket(argv: list[str], cwd: str | None = None) -> Ticket | None:
    """The ticket of a `hedui check` command line (before it is parsed), or None when it reads standard input.

    Whether a run may be recorded at all is judged once its options are parsed (`recallable`): a ticket
    whose key no recordable run had finds no entry.
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
    key = [FORMAT, __version__, sys.version, sys.prefix, code_stamp(), package_stamp(), os.path.realpath(cwd),
           list(argv),
           [os.environ.get(name) for name in ENVIRONMENT], _terminal(), found[0] if found else None,
           _hash(config_bytes).hexdigest()]
    return Ticket(_hash(json.dumps(key).encode()).hexdigest()[:32], folder)


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


def code_stamp() -> str:
    """Name, size and modification time of every module of hedui (an edited install never replays old output)."""
    digest = _hash()
    for path, info in _modules(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))):
        digest.update(f"{path}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def package_stamp() -> str:
    """Where each analysing package is installed and its first module's size, time and inode: an upgraded pint
    or jieba changes it (found along sys.path without importing the package)."""
    parts = []
    for name in ANALYSIS_PACKAGES:
        for folder in sys.path:
            try:
                info = os.stat(os.path.join(folder or ".", name, "__init__.py"))
            except OSError:
                continue  # not installed in this folder of the path: look in the next one
            parts.append(f"{name}:{folder}:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}")
            break
        else:
            parts.append(f"{name}:absent")
    return "|".join(parts)


def _modules(folder: str) -> list[tuple[str, os.stat_result]]:
    """Every .py file below a folder with its stat, in a stable order."""
    found = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                found.extend(_modules(entry.path))
            elif entry.name.endswith(".py"):
                found.append((entry.path, entry.stat()))
    return found


def dependencies(articles: Iterable[str], trees: Iterable[os.PathLike | str], files: Iterable[os.PathLike | str],
                 folders: Iterable[str] = ()) -> list[list[str]]:
    """The files a check depends on: [kind, absolute path], kind "file", "tree" (every file below) or "listing"
    (the names in a folder).

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
    for tree in trees:
        deps[("tree", os.path.abspath(tree))] = None
    for path in files:
        deps[("file", os.path.abspath(path))] = None
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


def snapshot(deps: list[list[str]]) -> list[str]:
    """The state of each dependency now: the hash of its bytes (or names), or what it is instead."""
    return [_STATES[kind](path) for kind, path in deps]


def stamps(deps: list[list[str]], since: float) -> list[str | None]:
    """Each dependency's stat stamp (size, times, inode), or None when it changed at `since` or later.

    A stamp that still matches spares a replay reading the bytes again. A file changed in the last
    seconds before the recording may change again within the same tick of the file system's clock
    without its stamp changing (git's "racy" files): such a dependency is always hashed instead.
    """
    limit = int((since - RACY_S) * 1e9)
    out: list[str | None] = []
    for kind, path in deps:
        stamp, newest = _STAMPS[kind](path)
        out.append(stamp if newest < limit else None)
    return out


def _file_stamp(path: str) -> tuple[str, int]:
    """A file's stat stamp and the newest of its modification and change times, in nanoseconds."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "absent", 0
    except OSError as exc:
        return f"unreadable:{exc.errno}", 0
    stamp = f"{stat.S_IFMT(info.st_mode)}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"
    return stamp, max(info.st_mtime_ns, info.st_ctime_ns)


def _tree_stamp(folder: str) -> tuple[str, int]:
    """One stamp over the stat stamps of every file below a folder, and the newest time among them."""
    if not os.path.isdir(folder):
        return "absent", 0
    digest, newest = _hash(), 0
    for name, path in _tree_files(folder):
        stamp, changed = _file_stamp(path) if path else ("special", 0)
        newest = max(newest, changed)
        digest.update(f"{name}\0{stamp}\n".encode("utf-8", "surrogateescape"))
    return "stamp:" + digest.hexdigest(), newest


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
            return _hash(handle.read()).hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def _tree_state(folder: str) -> str:
    """One hash over every file below a folder: relative names and bytes (absent when it is no folder)."""
    if not os.path.isdir(folder):
        return "absent"
    digest = _hash()
    for name, path in _tree_files(folder):
        digest.update(f"{name}\0{_file_state(path) if path else 'special'}\n".encode("utf-8", "surrogateescape"))
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
    digest = _hash()
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden: never walked into nor read as an article
        kind = "d" if entry.is_dir() else "f" if entry.is_file() else "o"
        digest.update(f"{entry.name}\0{'l' if entry.is_symlink() else ''}{kind}\n".encode("utf-8", "surrogateescape"))
    return "listing:" + digest.hexdigest()


def _hash(data: bytes = b""):
    """A new BLAKE2b digest (256 bits) fed with data."""
    return blake2b(data, digest_size=32)


def _tree_files(folder: str, prefix: str = "", seen: set[str] | None = None) -> list[tuple[str, str]]:
    """(relative name, path) of every entry below a folder in a stable order; path is "" for a FIFO or a
    folder met twice (a symbolic link loop), whose presence is all that counts."""
    seen = set() if seen is None else seen
    real = os.path.realpath(folder)
    if real in seen:
        # A link back to a folder already walked: walking it again would never end.
        return [(prefix + "<loop>", "")]
    seen.add(real)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        return [(f"{prefix}<unreadable:{exc.errno}>", "")]
    found: list[tuple[str, str]] = []
    for entry in entries:
        if entry.is_dir():
            if entry.name != "__pycache__":
                found.extend(_tree_files(entry.path, f"{prefix}{entry.name}/", seen))
        else:
            # A FIFO or device is never opened (it would block).
            found.append((prefix + entry.name, entry.path if entry.is_file() else ""))
    return found


def lookup(ticket: Ticket) -> dict | None:
    """The recorded output for a ticket when every file it depended on is unchanged, else None."""
    try:
        with open(ticket.entry, "rb") as handle:
            entry = json.loads(handle.read())
    except (OSError, ValueError):
        # No entry yet (or an unreadable one): the full run records one.
        return None
    if not _sound(entry, ticket.key):
        # Damaged, foreign or of another layout: never trusted.
        return None
    for dep, stamp, state in zip(entry["deps"], entry["stamps"], entry["states"], strict=True):
        if stamp is not None and _STAMPS[dep[0]](dep[1])[0] == stamp:
            # Not touched since the recording: the bytes are the ones hashed then.
            continue
        if snapshot([dep]) != [state]:
            # An article, rule, lexicon or decision changed since: the run must be done again.
            return None
    return entry


def _sound(entry: object, key: str) -> bool:
    """True for an entry of this layout, for this key, whose checksum matches its content."""
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
        return False
    body = {name: value for name, value in entry.items() if name != "checksum"}
    if entry.get("checksum") != _checksum(body):
        return False
    writes, deps, states, marks = entry.get("writes"), entry.get("deps"), entry.get("states"), entry.get("stamps")
    return (isinstance(entry.get("code"), int) and isinstance(writes, list) and isinstance(deps, list)
            and isinstance(states, list) and isinstance(marks, list) and len(deps) == len(states) == len(marks)
            and all(isinstance(state, str) for state in states)
            and all(mark is None or isinstance(mark, str) for mark in marks)
            and all(isinstance(w, list) and len(w) == 2 and w[0] in ("out", "err") and isinstance(w[1], str)
                    for w in writes)
            and all(isinstance(d, list) and len(d) == 2 and d[0] in _STATES and isinstance(d[1], str)
                    for d in deps))


# Per kind of dependency: its state (what its bytes hash to) and its stamp (its stat; a folder's changes when
# a name in it is added, removed or renamed).
_STATES = {"file": _file_state, "tree": _tree_state, "listing": _listing_state}
_STAMPS = {"file": _file_stamp, "tree": _tree_stamp, "listing": _file_stamp}


def _checksum(body: dict) -> str:
    """The hash of an entry's canonical JSON."""
    return _hash(json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def replay(entry: dict) -> int:
    """Write the recorded output, in its order, and return the recorded exit code."""
    for stream, text in entry["writes"]:
        (sys.stdout if stream == "out" else sys.stderr).write(text)
    sys.stdout.flush()
    sys.stderr.flush()
    return int(entry["code"])


def record(ticket: Ticket, deps: list[list[str]], states: list[str], marks: list[str | None],
           writes: list[list[str]], code: int) -> None:
    """Keep a run's output under its ticket; a cache folder that cannot be written keeps nothing."""
    body = {"format": FORMAT, "key": ticket.key, "deps": deps, "states": states, "stamps": marks, "writes": writes,
            "code": code}
    data = json.dumps({**body, "checksum": _checksum(body)}, ensure_ascii=False).encode("utf-8")
    folder = os.path.dirname(ticket.entry)
    temp = f"{ticket.entry}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, ticket.entry)
        _prune(folder)
    except OSError:
        # A read-only or full cache folder: the next run is a full one, nothing more.
        try:
            os.unlink(temp)
        except OSError:
            pass  # never written, or already gone


def _prune(folder: str) -> None:
    """Remove the oldest entries beyond KEEP."""
    entries = [os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".json")]
    if len(entries) <= KEEP:
        # Room for more: nothing to remove.
        return
    for path in sorted(entries, key=os.path.getmtime)[:len(entries) - KEEP]:
        os.unlink(path)


class Recorder:
    """Standard output and error copied, write by write, while a run prints (a context manager)."""

    def __init__(self) -> None:
        """Start with nothing written."""
        self.writes: list[list[str]] = []
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
            writes[-1][1] += text
        else:
            writes.append([self._name, text])
        return self._real.write(text)

    def __getattr__(self, name: str):
        """Everything else is the real stream's; its raw buffer or descriptor would bypass the copy."""
        if name in ("buffer", "fileno"):
            self._recorder.tainted = True
        return getattr(self._real, name)
