"""Collect article files from the paths given on the command line."""

from __future__ import annotations

from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def collect_paths(paths: list[str]) -> tuple[list[str], list[str]]:
    """Return (article files in a stable order, error lines for paths that do not exist)."""
    files: list[str] = []
    errors: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(_walk(path))
        elif path.is_file():
            files.append(given)
        else:
            errors.append(f"{given}: no such file or directory")
    return files, errors


def _walk(root: Path) -> list[str]:
    """List article files below a directory, skipping hidden directories, sorted by path."""
    import os

    found = []
    for folder, dirs, names in os.walk(root):
        # .git, .hedui-cache and other hidden folders hold no articles.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(folder, n) for n in names
                     if not n.startswith(".") and os.path.splitext(n)[1].lower() in ARTICLE_SUFFIXES)
    return sorted(path for path in found if not _made_by_hedui(path))


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
