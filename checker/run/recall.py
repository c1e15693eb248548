"""The installed packages whose version changes what an analysis finds, found without importing them.

The analysis store's digest holds their stamp (checker.run.pipeline); a recorded `check` depends on
their files and on the names beside them (checker.cli.recording).
"""

import os
import sys

# The installed packages whose version changes what an analysis finds (import names).
ANALYSIS_PACKAGES = ("pint", "dateparser", "jieba", "yaml", "attrs")


def package_stamp() -> str:
    """Where each analysing package is installed and its first module's size, time and inode: an upgraded pint
    or jieba changes it (found along sys.path without importing the package)."""
    parts = []
    for name, folder, info in _find_packages():
        parts.append(f"{name}:{folder}:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}" if info else f"{name}:absent")
    return "|".join(parts)


def package_files() -> tuple[list[str], list[str]]:
    """The files and folders that decide which analysing packages an import finds: each one's first module,
    and every folder of sys.path up to the last one holding one (by the names in it).

    A pint/ or pint.py appearing in an earlier folder would be imported instead, and the names in a
    folder holding one move whenever a distribution is installed, upgraded or removed there (each
    version has its own NAME-VERSION.dist-info): the analysing packages' own dependencies are covered
    where they live. A path entry that is no folder (a zip) is a file.
    """
    places = [os.path.abspath(place or ".") for place in sys.path]
    files, holders = [], []
    for name, folder, info in _find_packages():
        if info is not None:
            holders.append(os.path.abspath(folder or "."))
            files.append(os.path.join(holders[-1], name, "__init__.py"))
    # Every folder matters while a package is missing: any of them may be given one.
    last = max(map(places.index, holders)) if len(holders) == len(ANALYSIS_PACKAGES) else len(places) - 1
    folders: list[str] = []
    for place in dict.fromkeys(places[:last + 1]):
        (folders if os.path.isdir(place) else files).append(place)
    return files, folders


def _find_packages() -> list[tuple[str, str, os.stat_result | None]]:
    """Each analysing package with the sys.path folder it is found in and its first module's stat."""
    found: list[tuple[str, str, os.stat_result | None]] = []
    for name in ANALYSIS_PACKAGES:
        for folder in sys.path:
            try:
                found.append((name, folder, os.stat(os.path.join(folder or ".", name, "__init__.py"))))
                break
            except OSError:
                continue  # not installed in this folder of the path: look in the next one
        else:
            found.append((name, "", None))
    return found
