"""Time one review decision saved into a decisions file of N entries (the desk's keypress), splice vs whole file.

Usage: python bench/bench_decisions.py [--sizes 100 1000 3000] [--runs 5]

For each size, a decisions file of N entries (with a few hand-written comments) is made, then one
entry is changed N-runs times through `apply_changes` (the review server's path: validate, edit only
the changed entry's lines, read back) and through the whole-file ruamel round trip; medians in ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.triage.decisions import HEADER, Decision, apply_changes, load_entries  # noqa: E402
from checker.triage.yamledit import rewrite_document  # noqa: E402


def make_file(path: Path, size: int) -> None:
    """A decisions file of size entries, with a comment every hundred entries."""
    entries = {f"{n:08x}{'9f' * 6}": Decision(f"{n:08x}{'9f' * 6}", "dismissed", rule="growth.increase-by-vs-to",
                                             text="22.2倍", reason="原文如此，已与作者确认", reviewer="王编辑",
                                             at="2026-11-24T19:50:00+00:00", doc=f"articles/{n}.md")
               for n in range(size)}
    apply_changes(path, entries)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join((f"  # 第{i}条起由夜班编辑复核\n" if i % 900 == 5 else "") + line
                            for i, line in enumerate(lines)), encoding="utf-8")


def main() -> None:
    """Print a table of sizes and median save times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("entries  apply_changes_ms  whole_file_ms")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"d{size}.yaml"
            make_file(path, size)
            target = f"{size // 2:08x}{'9f' * 6}"
            spliced, whole = [], []
            for run in range(args.runs):
                start = time.perf_counter()
                apply_changes(path, {target: Decision(target, "accepted", comment=f"第{run}次")})
                spliced.append(time.perf_counter() - start)
                fields = {fp: e.to_mapping() for fp, e in load_entries(path).items()}
                start = time.perf_counter()
                rewrite_document(path.read_text(encoding="utf-8"), fields, HEADER)
                whole.append(time.perf_counter() - start)
            print(f"{size:7d}  {statistics.median(spliced) * 1000:16.0f}  {statistics.median(whole) * 1000:13.0f}")


if __name__ == "__main__":
    main()
