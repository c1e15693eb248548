"""Time `hedui check` on one small article with a warm cache against `python -c pass`, and report the ratio.

Usage: python bench/bench_startup.py [--runs 15] [--json] [--imports]
       python bench/bench_startup.py --clean-venv [--runs 41] [--json] [--keep DIR]

The commands run as fresh processes, taking turns (a machine whose load changes slows them alike),
the article in a temporary project with its own cache (filled first), and each command's median
wall time and CPU time (user + system, which a shared machine disturbs less) are reported with
their ratio (the goal of issue 12 is under 2×) and the load average.

Default (dev) mode: hedui imported from the checkout this script belongs to, run as
`python -m checker.cli.main`, with the warm run that replays nothing (`--verbose` always runs in full)
and, with --imports, the heaviest modules `python -X importtime` sees in one warm check.

--clean-venv: as users run it. The checkout is built into a wheel (from a copy: a stale build/ folder
never leaks into it), installed non-editable into a fresh venv (dependencies from the configured
index or pip's cache), and `hedui` is pip's console script of that venv; `python -c pass` is the
venv's python. Also reports the console script's own `import re` (pip's template imports it: no
console script avoids it) as `python -c "import re"`, and checks that the measured command replays.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "某市新能源汽车产量从2020年的4.3万辆增至2024年的95.3万辆，四年增长到22.2倍。\n"
HEDUI = [sys.executable, "-m", "checker.cli.main", "check", "article.md", "--quiet"]
PYTHON = [sys.executable, "-c", "pass"]
FULL = [*HEDUI, "--verbose"]  # --verbose is never replayed: the warm run in full
# As installed from a wheel, modules load from bytecode: let the warm-up runs write it. The checkout's own
# hedui is measured (both commands get the same path).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPATH": str(ROOT)}
# The clean venv sees no PYTHONPATH: only what pip installed.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV")}
# What building the wheel needs from the checkout (pyproject's readme, packages and the default pack).
BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "checker", "rules", "timeline")
RACY_S = 2.0  # checker.cli.recording.RACY_S: files written this recently are hashed by every replay
def time_commands(commands: list[list[str]], cwd: Path, runs: int, env: dict[str, str] = ENV,
                  ) -> list[tuple[float, float]]:
    """The median (wall, CPU) seconds of each command over fresh processes, the commands taking turns."""
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for argv, wall, cpu in zip(commands, walls, cpus, strict=True):
            start = time.perf_counter()
            with open(os.devnull, "wb") as sink:
                process = subprocess.Popen(argv, cwd=cwd, stdout=sink, stderr=sink, env=env)
                _, _, usage = os.wait4(process.pid, 0)
            wall.append(time.perf_counter() - start)
            cpu.append(usage.ru_utime + usage.ru_stime)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


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


def make_project(folder: Path) -> Path:
    """A project holding one small article and an empty configuration."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hedui.toml").write_text("", encoding="utf-8")
    (folder / "article.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def measure_dev(args: argparse.Namespace) -> dict:
    """The checkout's hedui, run as `python -m checker.cli.main`."""
    with tempfile.TemporaryDirectory(prefix="hedui-bench-") as folder:
        cwd = make_project(Path(folder))
        for _ in range(2):
            # Fill the cache: the measured runs are warm.
            subprocess.run(HEDUI, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
        python, hedui, full = time_commands([PYTHON, HEDUI, FULL], cwd, args.runs)
        imports = heaviest_imports(cwd) if args.imports else []
    return {"mode": "dev", **_ratios(python, hedui), "hedui_check_warm_full_s": round(full[0], 4),
            "full_ratio": round(full[0] / python[0], 2), "imports_ms": dict(imports)}


def measure_clean_venv(args: argparse.Namespace) -> dict:
    """A wheel of the checkout installed non-editable into a fresh venv, run as pip's `hedui` console script."""
    with tempfile.TemporaryDirectory(prefix="hedui-clean-") as folder:
        base = Path(args.keep) if args.keep else Path(folder)
        venv = _install_wheel(base)
        python = str(venv / "bin" / "python")
        cwd = make_project(base / "project")
        hedui = [str(venv / "bin" / "hedui"), "check", "article.md", "--quiet"]
        replayed = _warm_up(hedui, cwd)
        python_t, hedui_t, re_t = time_commands([[python, "-c", "pass"], hedui, [python, "-c", "import re"]], cwd,
                                                args.runs, env=CLEAN_ENV)
    return {"mode": "clean-venv", **_ratios(python_t, hedui_t), "python_c_import_re_s": round(re_t[0], 4),
            "import_re_ratio": round(re_t[0] / python_t[0], 2), "replayed": replayed}


def _install_wheel(base: Path) -> Path:
    """Build the checkout's wheel from a copy and install it into a fresh venv under base; the venv."""
    source, wheels, venv = base / "source", base / "wheel", base / "venv"
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif path.is_file():
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    _quietly([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)])
    _quietly([sys.executable, "-m", "venv", str(venv)])
    wheel = next(wheels.glob("*.whl"))
    _quietly([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(wheel)])
    return venv


def _quietly(argv: list[str]) -> None:
    """Run a build step; its output is shown only when it fails."""
    done = subprocess.run(argv, capture_output=True, text=True, env=CLEAN_ENV, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stdout}{done.stderr}")


def _warm_up(hedui: list[str], cwd: Path) -> bool:
    """Run the check until it replays with stamps it trusts (the store filled, the output recorded, the
    installed files older than the racy window); True when it does.

    A replay never imports the parser's check module: `python -X importtime` (here through its
    environment variable, so the console script itself runs) tells.
    """
    time.sleep(RACY_S)
    for _ in range(4):
        done = subprocess.run(hedui, cwd=cwd, capture_output=True, text=True, check=False,
                              env={**CLEAN_ENV, "PYTHONPROFILEIMPORTTIME": "1"})
        if "checker.cli.main" in done.stderr and "checker.cli.check" not in done.stderr:
            # The first replay may have hashed files recorded too soon after they were written, and kept
            # fresh stamps: the next ones only stat.
            subprocess.run(hedui, cwd=cwd, capture_output=True, env=CLEAN_ENV, check=False)
            return True
        time.sleep(RACY_S)
    return False


def _ratios(python: tuple[float, float], hedui: tuple[float, float]) -> dict:
    """The medians and their ratios, wall and CPU."""
    return {"python_c_pass_s": round(python[0], 4), "hedui_check_warm_s": round(hedui[0], 4),
            "ratio": round(hedui[0] / python[0], 2), "python_c_pass_cpu_s": round(python[1], 4),
            "hedui_check_warm_cpu_s": round(hedui[1], 4), "cpu_ratio": round(hedui[1] / python[1], 2), "goal": 2.0,
            "load": [round(x, 2) for x in os.getloadavg()]}


def main() -> int:
    """Measure and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="runs per command (15; 41 with --clean-venv)")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    parser.add_argument("--imports", action="store_true", help="also list the heaviest imports (dev mode)")
    parser.add_argument("--clean-venv", action="store_true", help="measure a wheel installed into a fresh venv")
    parser.add_argument("--keep", metavar="DIR", help="with --clean-venv: build and install under DIR, kept")
    args = parser.parse_args()
    args.runs = args.runs or (41 if args.clean_venv else 15)
    report = {**(measure_clean_venv(args) if args.clean_venv else measure_dev(args)), "runs": args.runs}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    what = "hedui check (clean venv, warm)" if args.clean_venv else "hedui check (warm)"
    print(f"{'python -c pass':<32}{report['python_c_pass_s'] * 1000:8.1f} ms wall "
          f"{report['python_c_pass_cpu_s'] * 1000:8.1f} ms CPU (medians of {args.runs})")
    print(f"{what:<32}{report['hedui_check_warm_s'] * 1000:8.1f} ms wall {report['hedui_check_warm_cpu_s'] * 1000:8.1f}"
          " ms CPU")
    print(f"{'ratio':<32}{report['ratio']:8.2f}x wall {report['cpu_ratio']:7.2f}x CPU (goal: under 2x)")
    if args.clean_venv:
        label = 'python -c "import re"'
        print(f"{label:<32}{report['python_c_import_re_s'] * 1000:8.1f} ms wall "
              f"{report['import_re_ratio']:6.2f}x  (the console script's own import)")
        print(f"{'replayed':<32}{'yes' if report['replayed'] else 'NO: the runs were not replays'}")
    else:
        print(f"{'hedui check (full)':<32}{report['hedui_check_warm_full_s'] * 1000:8.1f} ms  "
              f"{report['full_ratio']:.1f}x  (warm, nothing replayed)")
        for name, ms in report["imports_ms"].items():
            print(f"  import {name:<40} {ms:8.1f} ms")
    print(f"{'load average':<32}{' '.join(map(str, report['load']))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
