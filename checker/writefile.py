"""Write reports atomically: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def write_output(text: str, path: str | None) -> None:
    """Write text to a file atomically, or to standard output when no path is given."""
    if not path:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(Path(path), text.encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file's content in one step, so readers never see half a file."""
    from checker.errors import HeduiError

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise HeduiError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the umask's usual 0666 & ~umask."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
