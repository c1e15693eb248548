"""Collect article files from the paths given on the command line (or the configuration's include patterns).

Folders are walked in a stable order; hidden folders, hedui's own reports and files a `.gitignore`
ignores are left out (`ignore=False` keeps the ignored ones). A file named explicitly is always
taken, ignored or not, as with git and ruff.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import attrs

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@attrs.frozen
class Collected:
    """The article files found, in a stable order, and what went wrong on the way."""

    files: tuple[str, ...]
    errors: tuple[str, ...]  # paths that could not be read: the run must exit 2
    warnings: tuple[str, ...]  # paths skipped on purpose (a FIFO or device named *.md)


def collect_paths(paths: list[str]) -> tuple[list[str], list[str]]:
    """Return (article files in a stable order, error lines for paths that do not exist or cannot be read)."""
    found = collect_articles(paths)
    return list(found.files), list(found.errors)


def collect_articles(paths: list[str], ignore: bool = True,
                     admit: Callable[[str], bool] | None = None) -> Collected:
    """Find the article files below the given paths; unreadable folders are errors, special files warnings.

    ignore: leave out what `.gitignore` files ignore; admit: a filter for files found in folders
    (the configuration's include and exclude patterns); files named explicitly are always taken.
    """
    files: list[str] = []
    errors: list[str] = []
    warnings: list[str] = []
    for given in paths:
        kind = _kind(given)
        if kind == "dir":
            found = _walk(Path(given), errors, warnings, _Ignored(Path(given)) if ignore else None)
            files.extend(f for f in found if admit is None or admit(f))
        elif kind == "file":
            files.append(given)
        elif kind == "special":
            warnings.append(f"{given}: 不是普通文件（FIFO、设备或套接字），已跳过")
        else:
            errors.append(f"{given}: {kind}")
    return Collected(tuple(dict.fromkeys(files)), tuple(errors), tuple(warnings))


def _kind(path: str) -> str:
    """'dir', 'file' or 'special' for a path, else the reason it cannot be read."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file or directory"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "special"


class _Ignored:
    """The `.gitignore` files that apply below a walked folder: its ancestors' up to the git root, and its own."""

    def __init__(self, root: Path) -> None:
        """Read the .gitignore files above root, up to the folder holding .git (none above it without git)."""
        self.specs: list[tuple[str, object]] = []
        absolute = root.resolve()
        chain = [absolute]
        for parent in absolute.parents:
            if (chain[-1] / ".git").exists():
                # The work tree's top: no .gitignore above it applies.
                break
            chain.append(parent)
        else:
            # Not inside a git work tree: only the walked folder's own .gitignore files count.
            chain = [absolute]
        for folder in reversed(chain[1:]):
            self.read(str(folder))

    def read(self, folder: str) -> None:
        """Add the .gitignore of a folder, if it has one."""
        path = os.path.join(folder, ".gitignore")
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
        except OSError:
            # No .gitignore here (the usual case), or one we cannot read: nothing is ignored by it.
            return
        import pathspec  # only once there is a .gitignore to apply (a fast start otherwise)

        self.specs.append((os.path.abspath(folder), pathspec.GitIgnoreSpec.from_lines(lines)))

    def matches(self, path: str, is_dir: bool = False) -> bool:
        """True when some applicable .gitignore ignores the path (a folder is tested with its trailing slash)."""
        absolute = os.path.abspath(path)
        for base, spec in self.specs:
            if absolute.startswith(base + os.sep):
                relative = os.path.relpath(absolute, base).replace(os.sep, "/") + ("/" if is_dir else "")
                if spec.match_file(relative):  # type: ignore[attr-defined]
                    return True
        return False


def _walk(root: Path, errors: list[str], warnings: list[str], ignored: _Ignored | None = None) -> list[str]:
    """List article files below a directory, skipping hidden and ignored folders, sorted by path."""

    def unreadable(exc: OSError) -> None:
        """A folder that cannot be listed: never skipped in silence."""
        errors.append(f"{exc.filename}: cannot read folder: {exc.strerror or exc}")

    found: list[str] = []
    for folder, dirs, names in os.walk(root, onerror=unreadable):
        if ignored is not None:
            ignored.read(folder)
        # .git, .hedui-cache and other hidden folders hold no articles.
        dirs[:] = [d for d in dirs if not d.startswith(".")
                   and not (ignored and ignored.matches(os.path.join(folder, d), is_dir=True))]
        found.extend(os.path.join(folder, n) for n in names
                     if not n.startswith(".") and os.path.splitext(n)[1].lower() in ARTICLE_SUFFIXES
                     and not (ignored and ignored.matches(os.path.join(folder, n))))
    articles = []
    for path in sorted(found):
        kind = _kind(path)
        if kind == "special":
            # Reading a FIFO would block forever; a device is no article.
            warnings.append(f"{path}: 不是普通文件（FIFO、设备或套接字），已跳过")
        elif kind != "file":
            errors.append(f"{path}: {kind}")
        elif not _made_by_hedui(path):
            articles.append(path)
    return articles


def _made_by_hedui(path: str) -> bool:
    """True for a report or timeline page hedui wrote itself (a report is no article to check)."""
    if not path.lower().endswith((".html", ".htm")):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        # Unreadable here: let reading the document report the problem.
        return False
    return b'<meta name="generator" content="hedui">' in head
