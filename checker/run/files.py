"""Collect article files from the paths given on the command line."""

from __future__ import annotations

import os
import stat
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


def collect_articles(paths: list[str]) -> Collected:
    """Find the article files below the given paths; unreadable folders are errors, special files warnings."""
    files: list[str] = []
    errors: list[str] = []
    warnings: list[str] = []
    for given in paths:
        kind = _kind(given)
        if kind == "dir":
            files.extend(_walk(Path(given), errors, warnings))
        elif kind == "file":
            files.append(given)
        elif kind == "special":
            warnings.append(f"{given}: 不是普通文件（FIFO、设备或套接字），已跳过")
        else:
            errors.append(f"{given}: {kind}")
    return Collected(tuple(files), tuple(errors), tuple(warnings))


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


def _walk(root: Path, errors: list[str], warnings: list[str]) -> list[str]:
    """List article files below a directory, skipping hidden directories, sorted by path."""

    def unreadable(exc: OSError) -> None:
        """A folder that cannot be listed: never skipped in silence."""
        errors.append(f"{exc.filename}: cannot read folder: {exc.strerror or exc}")

    found: list[str] = []
    for folder, dirs, names in os.walk(root, onerror=unreadable):
        # .git, .hedui-cache and other hidden folders hold no articles.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(folder, n) for n in names
                     if not n.startswith(".") and os.path.splitext(n)[1].lower() in ARTICLE_SUFFIXES)
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
