"""Time `hedui check` on one small article with a warm cache against `python -c pass`, and report the ratio.

Usage: python bench/bench_startup.py [--runs 15] [--json] [--imports]

The commands run as fresh processes of the same Python, taking turns (a machine whose load changes
slows them alike), the article in a temporary project with its own cache (filled by two runs
first), and hedui imported from the checkout this script belongs to. Reports each command's median
wall time, their ratio (the goal of issue 12 is under 2×), the warm run that replays nothing
(`--verbose` always runs in full), and with --imports the heaviest modules `python -X importtime`
sees in one warm check.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = "某市新能源汽车产量从2020年的4.3万辆增至2024年的95.3万辆，四年增长到22.2倍。\n"
HEDUI = [sys.executable, "-m", "checker.cli.main", "check", "article.md", "--quiet"]
PYTHON = [sys.executable, "-c", "pass"]
FULL = [*HEDUI, "--verbose"]  # --verbose is never replayed: the warm run in full
# As installed from a wheel, modules load from bytecode: let the warm-up runs write it. The checkout's own
# hedui is measured (both commands get the same path).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPATH": str(Path(__file__).resolve().parents[1])}


def time_commands(commands: list[list[str]], cwd: Path, runs: int) -> list[float]:
    """The median wall time of each command over fresh processes, the commands taking turns, in seconds."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for argv, kept in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                           env=ENV)
            kept.append(time.perf_counter() - start)
    return [statistics.median(kept) for kept in times]


def heaviest_imports(cwd: Path, count: int = 12) -> list[tuple[str, float]]:
    """The top-level imports of one warm check with their cumulative import time, in milliseconds."""
    done = subprocess.run([sys.executable, "-X", "importtime", *HEDUI[1:]], cwd=cwd, capture_output=True, text=True,
                          env=ENV)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if cumulative.strip().isdigit() and name.startswith(" ") and not name.startswith("  "):
            rows.append((name.strip(), int(cumulative) / 1000))
    return sorted(rows, key=lambda row: -row[1])[:count]


def main() -> int:
    """Measure and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    parser.add_argument("--imports", action="store_true", help="also list the heaviest imports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hedui-bench-") as folder:
        cwd = Path(folder)
        (cwd / "hedui.toml").write_text("", encoding="utf-8")
        (cwd / "article.md").write_text(ARTICLE, encoding="utf-8")
        for _ in range(2):
            # Fill the cache: the measured runs are warm.
            subprocess.run(HEDUI, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
        python, hedui, full = time_commands([PYTHON, HEDUI, FULL], cwd, args.runs)
        imports = heaviest_imports(cwd) if args.imports else []
    report = {"python_c_pass_s": round(python, 4), "hedui_check_warm_s": round(hedui, 4),
              "ratio": round(hedui / python, 2), "goal": 2.0, "runs": args.runs,
              "hedui_check_warm_full_s": round(full, 4), "full_ratio": round(full / python, 2)}
    if args.json:
        print(json.dumps({**report, "imports_ms": dict(imports)}, ensure_ascii=False))
        return 0
    print(f"python -c pass       {python * 1000:8.1f} ms (median of {args.runs})")
    print(f"hedui check (warm)   {hedui * 1000:8.1f} ms")
    print(f"ratio                {hedui / python:8.1f}x  (goal: under 2x)")
    print(f"hedui check (full)   {full * 1000:8.1f} ms  {full / python:.1f}x  (warm, nothing replayed)")
    for name, ms in imports:
        print(f"  import {name:<40} {ms:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
