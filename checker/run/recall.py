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
    """The files that say which analysing packages an import finds, and the folders holding them.

    Files: each package's first module, and the same name in every folder of sys.path before its own
    (absent now: one appearing there would be imported instead). Folders: the names in them move
    whenever a distribution is installed, upgraded or removed (each version has its own
    NAME-VERSION.dist-info), so the analysing packages' own dependencies are covered where they live.
    """
    files: dict[str, None] = {}
    folders: dict[str, None] = {}
    for name, folder, _ in _find_packages():
        for earlier in sys.path:
            files[os.path.abspath(os.path.join(earlier or ".", name, "__init__.py"))] = None
            if earlier == folder:
                folders[os.path.abspath(folder or ".")] = None
                break  # found here: the folders after this one are never looked at
    return list(files), list(folders)


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
