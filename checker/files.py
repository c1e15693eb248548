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
    return sorted(found)
