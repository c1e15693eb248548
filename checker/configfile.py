"""Where hedui's configuration is: the nearest hedui.toml, or pyproject.toml with a [tool.hedui] table.

A leaf with no import of its own but functools and os: a warm `check` (checker.cli.replay) finds the
configuration before anything else is loaded, and checker.text.project builds project roots on it.
"""

import functools
import os

HEDUI_TABLES = ("[tool.hedui]", "[tool.hedui.")  # a line opening hedui's table in pyproject.toml


def find_config_path(start: str) -> tuple[str, str] | None:
    """The nearest configuration file at or above a folder and its style ("hedui.toml" or "pyproject")."""
    folder = os.path.abspath(start)
    while True:
        found = _config_in(folder)
        if found is not None:
            return found
        parent = os.path.dirname(folder)
        if parent == folder:
            # The file system's root: no configuration above start.
            return None
        folder = parent


@functools.lru_cache(maxsize=4096)
def _config_in(folder: str) -> tuple[str, str] | None:
    """The hedui configuration file of one folder and its style, if it has one (memoized per folder)."""
    candidate = os.path.join(folder, "hedui.toml")
    if os.path.isfile(candidate):
        return candidate, "hedui.toml"
    pyproject = os.path.join(folder, "pyproject.toml")
    if not os.path.isfile(pyproject):
        # No pyproject either: this folder configures nothing.
        return None
    try:
        with open(pyproject, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        # An unreadable pyproject.toml configures nothing we can see.
        return None
    return (pyproject, "pyproject") if any(line.startswith(HEDUI_TABLES) for line in text.split("\n")) else None


def forget_config_files() -> None:
    """Drop the memoized answers, so a command run sees configuration files created since the last one."""
    _config_in.cache_clear()
