"""Write reports atomically: a temporary file in the same folder, then a rename.

Only a regular file may be replaced: a directory, FIFO, device or socket at the path is refused,
a symbolic link is refused rather than followed, and so is any of the articles being checked.
Every failure (a full disk, a missing folder, no permission) is one clear HeduiError, never a
traceback; the temporary file is removed, and temporary files that a killed writer left behind
are cleaned up by the next write.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from checker.errors import HeduiError

STALE_TEMP_S = 600  # a temporary file this old belongs to a writer that was killed, not to one at work


def write_output(text: str | Iterable[str], path: str | None, protect: Iterable[str] = ()) -> None:
    """Write text (or its pieces, in order) to a file atomically, or to standard output when no path is given;
    never over a file in protect."""
    pieces = [text] if isinstance(text, str) else text
    if not path:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
        return
    write_atomic(Path(path), (piece.encode("utf-8") for piece in pieces), protect)


def write_atomic(path: Path, data: bytes | Iterable[bytes], protect: Iterable[str] = ()) -> None:
    """Replace a file's content (bytes, or its pieces in order) in one step, so readers never see half a file."""
    check_target(path, protect)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise HeduiError(f"无法写入 {path}：{exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in [data] if isinstance(data, bytes) else data:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise HeduiError(f"无法写入 {path}：{exc.strerror or exc}（原文件未改动）") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _remove_stale_temps(folder, path.name)


def check_target(path: Path, protect: Iterable[str] = ()) -> None:
    """Raise HeduiError unless path is absent or a regular file that is not one of the protected files."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if not path.parent.is_dir() and str(path.parent):
            raise HeduiError(f"无法写入 {path}：所在目录 {path.parent} 不存在") from None
        return  # a new file: nothing to protect
    except OSError as exc:
        raise HeduiError(f"无法写入 {path}：{exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise HeduiError(f"拒绝写入 {path}：它是符号链接（不跟随链接写入，请给出真实路径）")
    if stat.S_ISDIR(info.st_mode):
        raise HeduiError(f"拒绝写入 {path}：它是目录，请给出文件名")
    if not stat.S_ISREG(info.st_mode):
        raise HeduiError(f"拒绝写入 {path}：它不是普通文件（FIFO、设备或套接字）")
    for other in protect:
        if _same_file(info, other):
            raise HeduiError(f"拒绝写入 {path}：它是被检查的文章 {other}，报告不能覆盖输入")


def _same_file(info: os.stat_result, other: str) -> bool:
    """True when other names the file described by info."""
    try:
        theirs = os.stat(other)
    except OSError:
        return False  # gone or unreadable: it cannot be the file about to be replaced
    return (theirs.st_dev, theirs.st_ino) == (info.st_dev, info.st_ino)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the umask's usual 0666 & ~umask."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Delete temporary files of earlier writes of name that a killed writer left behind."""
    now = time.time()
    for temp in folder.glob(f".{glob.escape(name)}.*.tmp"):
        try:
            if now - temp.lstat().st_mtime > STALE_TEMP_S:
                temp.unlink()
        except OSError:
            continue  # already gone, or not ours to delete: leave it
