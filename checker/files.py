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
    found = []
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            # .git, .hedui-cache and other hidden folders hold no articles.
            continue
        if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
            found.append(str(path))
    return found
