"""Where a file belongs: its project root and the path by which fingerprints name it.

The project root of a file is the nearest folder above it holding a hedui configuration (hedui.toml,
or pyproject.toml with a [tool.hedui] table), else the nearest git work tree, else the working
folder. A file's project path is its path relative to that root, in posix form, so `a/x.md`,
`./a/x.md`, `/abs/a/x.md` and `cd a && … x.md` all name the same file.
"""

import functools
import os

from checker.configfile import find_config_path, forget_config_files

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; pathlib too is left to the full run

if TYPE_CHECKING:
    from pathlib import Path


def find_config_file(start: "Path") -> "tuple[Path, str] | None":
    """The nearest hedui.toml, or pyproject.toml with a [tool.hedui] table, at or above start."""
    from pathlib import Path

    found = find_config_path(str(start))
    return (Path(found[0]), found[1]) if found else None


def project_root(path: str) -> str:
    """The project root of a file: its configuration's folder, else its git work tree, else the working folder."""
    folder = os.path.dirname(os.path.abspath(path))
    return _root_of(folder, os.getcwd())


@functools.lru_cache(maxsize=4096)
def _root_of(folder: str, cwd: str) -> str:
    """The project root for files in one folder (memoized: a run holds thousands of files in few folders)."""
    found = find_config_path(folder)
    if found is not None:
        return os.path.dirname(found[0])
    return _git_top(folder) or cwd


def project_path(path: str) -> str:
    """A file's path relative to its project root, in posix form: the same however the path was typed."""
    if path == "" or path == "-":
        # No file behind it (a finding about no document, standard input without a name): keep it as given.
        return path
    return _project_path(path, os.getcwd())


@functools.lru_cache(maxsize=65536)
def _project_path(path: str, cwd: str) -> str:
    """project_path for a path typed in a working folder (memoized: each finding and file asks again)."""
    from pathlib import Path

    absolute = os.path.abspath(os.path.join(cwd, path))
    relative = os.path.relpath(absolute, project_root(absolute))
    return Path(relative).as_posix()


def repository_path(path: str) -> str:
    """A file's path from the top of its git work tree (as GitHub annotations want it), else as given."""
    from pathlib import Path

    absolute = os.path.abspath(path)
    top = _git_top(os.path.dirname(absolute))
    return Path(os.path.relpath(absolute, top)).as_posix() if top else path


@functools.lru_cache(maxsize=4096)
def _git_top(folder: str) -> str | None:
    """The nearest folder at or above this one holding .git (memoized per folder)."""
    from pathlib import Path

    here = Path(folder)
    for candidate in (here, *here.parents):
        if os.path.exists(os.path.join(candidate, ".git")):
            return str(candidate)
    return None


def forget_project_roots() -> None:
    """Drop the memoized roots, so a command run sees configuration files created since the last one."""
    forget_config_files()
    _root_of.cache_clear()
    _project_path.cache_clear()
    _git_top.cache_clear()
