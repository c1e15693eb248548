"""Which articles a command reads: its PATHs (or the configuration's include patterns), standard input, warnings."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from checker.errors import HeduiError

if TYPE_CHECKING:
    from checker.run.config import Config

STDIN = "-"
DEFAULT_STDIN_NAME = "stdin.md"
SNIFF = 65536  # bytes read to tell a file's text from its encoding
BLANK_LIMIT = 4096  # a file this small is read again to see whether it holds any text at all


class NothingToCheck(HeduiError):
    """No article was found where the command was told to look."""


@attrs.frozen
class Selection:
    """The article files a command will read and the lines to tell the user about the paths given."""

    files: tuple[str, ...]
    errors: tuple[str, ...]
    warnings: tuple[str, ...]


def select_articles(args: argparse.Namespace, config: Config, paths: Sequence[str] | None = None,
                    extra: Sequence[str] = ()) -> Selection:
    """Expand the PATHs (or, with none, the configuration's folder) into article files; raise when there are none.

    Folders are walked honouring .gitignore (unless --no-ignore) and the configuration's include and
    exclude patterns; files named explicitly are always read.
    """
    from checker.run.files import collect_articles

    given = list(args.paths if paths is None else paths)
    # No PATH: the configuration says what to check, below its own folder.
    roots = given or [os.path.relpath(config.root)]
    ignore = not getattr(args, "no_ignore", False)
    found = collect_articles(roots, ignore=ignore, admit=config.included)
    if not given:
        # Files found below the configuration's folder are named from it: a/x.md, not ./a/x.md.
        found = attrs.evolve(found, files=tuple(os.path.normpath(f) for f in found.files))
    others = collect_articles(list(extra), ignore=ignore)
    selection = Selection(found.files + others.files, found.errors + others.errors, found.warnings + others.warnings)
    if not found.files and not found.errors:
        where = ", ".join(roots)
        if not getattr(args, "allow_empty", False):
            raise NothingToCheck(f"没有找到要检查的文章（{where}）：检查路径、include/exclude 配置和 .gitignore；"
                                 "确实没有文章时可加 --allow-empty")
        print(f"hedui: 没有找到要检查的文章（{where}）；--allow-empty：按通过处理", file=sys.stderr)
    return selection


@contextlib.contextmanager
def stdin_article(args: argparse.Namespace) -> Iterator[dict[str, str]]:
    """When a PATH is '-', save standard input to a temporary file; yield {temporary path: name shown}."""
    if STDIN not in args.paths:
        # Nothing comes from standard input: no file to make.
        yield {}
        return
    import tempfile

    name = getattr(args, "stdin_filename", None) or DEFAULT_STDIN_NAME
    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="hedui-stdin-") as folder:
        path = os.path.join(folder, os.path.basename(name) or DEFAULT_STDIN_NAME)
        with open(path, "wb") as handle:
            handle.write(data)
        yield {path: name}


def replace_stdin(paths: Sequence[str], renamed: dict[str, str]) -> list[str]:
    """The PATHs with '-' replaced by the temporary file holding standard input."""
    return [next(iter(renamed)) if p == STDIN and renamed else p for p in paths]


def rename_line(line: str, renamed: dict[str, str]) -> str:
    """A message about a temporary file, naming standard input's shown name instead."""
    for path, name in renamed.items():
        line = line.replace(path, name)
    return line


def rename_documents(result: Any, renamed: dict[str, str]) -> Any:
    """The run's result with temporary paths replaced by the names shown (documents, claims, findings).

    The fact index keeps the temporary paths: no command that reads standard input looks into it.
    """
    if not renamed:
        # Nothing was read from standard input.
        return result

    def doc(path: str) -> str:
        """The name shown for a path."""
        return renamed.get(path, path)

    def claim(c: Any) -> Any:
        """A claim under its shown name."""
        return attrs.evolve(c, doc=doc(c.doc))

    findings = tuple(attrs.evolve(f, claims=tuple(claim(c) for c in f.claims),
                                  spans=tuple((doc(d), s, t) for d, s, t in f.spans)) for f in result.findings)
    return attrs.evolve(
        result, documents=tuple(attrs.evolve(d, path=doc(d.path)) for d in result.documents),
        claims=tuple(claim(c) for c in result.claims), findings=findings,
        suppressions=tuple(attrs.evolve(s, doc=doc(s.doc)) for s in result.suppressions),
    )


def describe_doubtful(paths: Iterable[str], encodings: dict[str, str], claimed: bytes | None = None) -> list[str]:
    """Warnings for files whose encoding was guessed (not UTF-8 or UTF-16 with its mark) or that hold no text.

    Only small files and guessed ones are read again (a warm run of thousands of articles stays a stat each).
    claimed: per path in order, 1 when its document states a claim (None: not known).
    """
    lines = []
    for place, path in enumerate(paths):
        encoding = encodings.get(path, "utf-8")
        guessed = not encoding.startswith("utf-")
        if claimed is not None and claimed[place] and not guessed:
            # It states a claim, so it holds text: not blank, and its encoding is not in doubt.
            continue
        try:
            small = os.stat(path).st_size <= BLANK_LIMIT
            head = _read_head(path) if small or guessed else b"-"
        except OSError:
            # Unreadable: reading the document has already reported it as an error.
            continue
        if not head.strip():
            lines.append(f"{path}: 文件没有文字内容，未检查出任何数字")
        elif guessed:
            hint = "，更像 Big5 繁体编码：请先转成 UTF-8" if _looks_big5(head) else ""
            lines.append(f"{path}: 不是 UTF-8，按 {encoding.upper()} 推测解码{hint}；结果可能不可信")
    return lines


def _read_head(path: str) -> bytes:
    """The first bytes of a file, enough to judge its text."""
    with open(path, "rb") as handle:
        return handle.read(SNIFF)


def _looks_big5(head: bytes) -> bool:
    """True when bytes read as Big5 give mostly common characters, and as GB18030 mostly rare ones."""
    try:
        big5 = head.decode("big5")
    except UnicodeDecodeError:
        # Not Big5 at all (the cut at SNIFF may split a character: then we do not say it is).
        return False
    gb = head.decode("gb18030", errors="replace")
    return _common_share(big5) > _common_share(gb) + 0.2


def _common_share(text: str) -> float:
    """The share of Han characters that are common in both scripts (encodable in Big5 and in GB2312)."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    common = sum(1 for ch in han if _encodable(ch, "gb2312") or _encodable(ch, "big5"))
    return common / len(han)


def _encodable(ch: str, codec: str) -> bool:
    """True when a character has a code in the codec."""
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True
