"""`check --fix` and `--diff`: the unambiguous rewrites of a run, applied to the files or shown as a patch.

A file is rewritten only from the very text the findings point into (re-read and compared first),
encoded back with the codec it was read with (a UTF-8 byte-order mark or UTF-16's byte order kept),
and only inside single lines, so its line endings never change. Writes are atomic.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from checker.model import Document, Finding
from checker.report.rewrites import Rewrite, safe_fix
from checker.text.textmap import decode_text

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")  # a line with its \n (and any \r before it), or the unterminated last one


@attrs.frozen(eq=False)
class FilePlan:
    """The fixes of one file: its bytes as read, the text before and after, and the findings fixed."""

    path: str
    raw: bytes
    encoding: str
    before: str
    after: str
    fixed: tuple[Finding, ...]


def plan_fixes(documents: Iterable[Document], findings: Iterable[Finding],
               warn: Callable[[str], None] | None = None) -> list[FilePlan]:
    """The files that have safe fixes, each with its new text; a file changed since it was read is skipped."""
    by_doc: dict[str, list[tuple[Finding, Rewrite]]] = {}
    docs = {d.path: d for d in documents}
    for finding in findings:
        for path in dict.fromkeys(p for p, _, _ in finding.spans):
            doc = docs.get(path)
            rewrite = safe_fix(finding, doc) if doc is not None and doc.text else None
            if rewrite is not None:
                by_doc.setdefault(path, []).append((finding, rewrite))
    plans = []
    for path, pairs in by_doc.items():
        plan = _plan_file(docs[path], pairs, warn)
        if plan is not None:
            plans.append(plan)
    return plans


def _plan_file(doc: Document, pairs: list[tuple[Finding, Rewrite]], warn) -> FilePlan | None:
    """One file's new text, with non-overlapping rewrites applied from the end."""
    try:
        raw = Path(doc.path).read_bytes()
        text, encoding = decode_text(doc.path, raw)
    except (OSError, ValueError) as exc:
        if warn:
            warn(f"{doc.path}: 无法重新读取，未修复（{exc}）")
        return None
    if text != doc.text:
        # The file changed after the run read it: its findings no longer point at the right characters.
        if warn:
            warn(f"{doc.path}: 文件在检查后被改动，未修复")
        return None
    after, fixed, limit = text, [], len(text) + 1
    for finding, rewrite in sorted(pairs, key=lambda pair: pair[1].span.start, reverse=True):
        if rewrite.span.end > limit:
            # Overlaps a rewrite already applied: the next run fixes it if it still applies.
            continue
        after = after[:rewrite.span.start] + rewrite.text + after[rewrite.span.end:]
        limit = rewrite.span.start
        fixed.append(finding)
    if after == text:
        return None
    return FilePlan(doc.path, raw, encoding, text, after, tuple(reversed(fixed)))


def encode_like(plan: FilePlan, text: str) -> bytes:
    """Encode text as the original file was: same codec, same byte-order mark."""
    if plan.encoding == "utf-16":
        big = plan.raw.startswith(codecs.BOM_UTF16_BE)
        bom, codec = (codecs.BOM_UTF16_BE, "utf-16-be") if big else (codecs.BOM_UTF16_LE, "utf-16-le")
        return bom + text.encode(codec)
    if plan.encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(plan.encoding)


def apply_plans(plans: Iterable[FilePlan], warn: Callable[[str], None] | None = None) -> list[FilePlan]:
    """Write every planned file atomically; return the plans written (a file that cannot be written is skipped)."""
    from checker.errors import HeduiError
    from checker.writefile import write_atomic

    written = []
    for plan in plans:
        try:
            write_atomic(Path(plan.path), encode_like(plan, plan.after))
        except HeduiError as exc:
            # A symbolic link, a read-only file or a full disk: this file stays as it was, the others are fixed.
            if warn:
                warn(f"{exc}，未修复")
            continue
        written.append(plan)
    return written


def render_diff(plan: FilePlan) -> bytes:
    """A unified diff of one file that `patch -p1` applies, its lines in the file's own encoding."""
    name = _diff_name(plan.path)
    bom = "\ufeff" if plan.encoding == "utf-8-sig" else ""
    before, after = _LINE.findall(bom + plan.before), _LINE.findall(bom + plan.after)
    codec = "utf-8" if plan.encoding == "utf-8-sig" else plan.encoding
    out = []
    for number, line in enumerate(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}")):
        if number < 2 or line.startswith("@@"):
            # File and hunk headers hold the path as the file system spells it (UTF-8), not article text.
            out.append(line.encode("utf-8"))
            continue
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line.encode(codec))
    return b"".join(out)


def can_diff(plan: FilePlan) -> bool:
    """True when `patch` can apply a diff of the file (it works on bytes in lines: not UTF-16)."""
    return plan.encoding != "utf-16"


def _diff_name(path: str) -> str:
    """The file's name in a diff: relative to the working directory when inside it, in posix form."""
    relative = os.path.relpath(os.path.abspath(path))
    return Path(path if relative.startswith("..") else relative).as_posix()
