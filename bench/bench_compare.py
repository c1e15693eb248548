"""Side by side: this tree against an earlier commit, same inputs, same run, alternating.

Usage: python bench/bench_compare.py [--ref d5053a3] [--articles 10000] [--rounds 2] [--warm-rounds 1]
       python bench/bench_compare.py --tree ref=/path/to/d5053a3 --tree before=/path/to/main --tree after=. ...

Checks out REF into a temporary git worktree, generates one corpus with this tree's
bench/gen_corpus.py, then times in both trees, alternating so machine load hits both alike:
  - extraction: `python -m checker.cli extract --format jsonl` over the real-article corpus
    (tests/corpus/articles: fresh, non-repeated text), chars/s, start-up included;
  - `check --format json` on the generated corpus, cold (empty cache), warm (second run) and warm again
    with one article edited (the usual warm run of a newsroom: an archive and one new change).
Prints the best of the rounds for each and the ratio this/ref (goal: within 10%); extraction also in
CPU seconds of the child and its workers (user + system), which a machine shared with other work
disturbs far less; cold and warm checks in CPU seconds too.

--tree NAME=PATH (repeated) compares checkouts already on disk instead (the first is the reference of the ratios),
each with its own store. --warm-rounds N repeats the warm and one-edit steps N times after each cold run, each
tree in turn (after an edit is undone, an untimed run brings the store back to the unedited files), so they are
the best of rounds x N.

--bytecode measures each tree as a wheel install runs it: a copy of the tree (its files but .git, the store and
__pycache__) with every module of its packages compiled (pip compiles the .pyc files at install time); without it,
a machine that sets PYTHONDONTWRITEBYTECODE compiles every module of the project from source on every run.
(PYTHONPYCACHEPREFIX would not do: Python then looks for every module's bytecode there, the standard library's too.)
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "tests" / "corpus" / "articles"


def compiled_copy(tree: Path, into: Path) -> Path:
    """A copy of TREE in INTO with its packages compiled, as a wheel install leaves them."""
    into.mkdir(parents=True)
    names = [p for p in tree.iterdir() if p.name not in (".git", ".hedui-cache", "__pycache__")]
    subprocess.run(["cp", "-a", *map(str, names), str(into)], check=True)
    packages = [str(into / name) for name in ("checker", "timeline") if (into / name).is_dir()]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return into


def timed(tree: Path, argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds one `python -m checker.cli ARGV` of TREE takes (exit 0 or 1 accepted)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "checker.cli", *argv], cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode not in (0, 1):
        raise SystemExit(f"{tree}: {' '.join(argv)} failed ({done.returncode}): {done.stderr[-400:]}")
    return elapsed, cpu


def _check(name: str, corpus: Path, work: Path) -> list[str]:
    """The check command of a tree (named name), with its own store in work."""
    config = work / f"{name}.toml"
    config.write_text(f'cache-dir = "{work / f"cache-{name}"}"\n', encoding="utf-8")
    return ["check", str(corpus), "--format", "json", "--quiet", "--config", str(config)]


def measure(name: str, tree: Path, corpus: Path, work: Path) -> dict[str, float]:
    """Extraction seconds on the real corpus, cold and warm check seconds on the generated corpus."""
    subprocess.run(["rm", "-rf", str(work / f"cache-{name}")], check=True)
    extract, extract_cpu = timed(tree, ["extract", "--format", "jsonl", str(REAL)], work)
    cold, cold_cpu = timed(tree, _check(name, corpus, work), work)
    return {"extract": extract, "extract_cpu": extract_cpu, "cold": cold, "cold_cpu": cold_cpu,
            **measure_warm(name, tree, corpus, work)}


def measure_warm(name: str, tree: Path, corpus: Path, work: Path, settle: bool = False) -> dict[str, float]:
    """Warm check seconds (the files of the last run), and with one article edited; settle: first an untimed run."""
    check = _check(name, corpus, work)
    if settle:
        # The last run saw an edited article, since undone: this run brings the store back to the files as they are.
        timed(tree, check, work)
    warm, warm_cpu = timed(tree, check, work)
    # A newsroom's usual warm run: the archive as it was, one article edited since (never a replayed output).
    edited = sorted(corpus.iterdir())[len(list(corpus.iterdir())) // 2]
    saved = edited.read_bytes()
    try:
        edited.write_bytes(saved + "\n2024年，该市新增一家企业，营业收入为12.5亿元。\n".encode())
        one, one_cpu = timed(tree, check, work)
    finally:
        edited.write_bytes(saved)
    return {"warm": warm, "warm_cpu": warm_cpu, "one": one, "one_cpu": one_cpu}


def main() -> int:
    """Measure both trees and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="d5053a3", help="the earlier commit (default: before the renovation)")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warm-rounds", type=int, default=1, help="warm and one-edit steps after each cold run")
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH",
                        help="a checkout to measure (repeat; the first is the reference) instead of --ref and this")
    parser.add_argument("--bytecode", action="store_true",
                        help="measure compiled copies of the trees, as a wheel install runs (see above)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "bench"))
    from gen_corpus import generate_corpus

    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in REAL.iterdir() if p.is_file())
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="hedui-compare-") as tmp:
        work = Path(tmp)
        if args.tree:
            trees = {name: Path(path).resolve() for name, _, path in (t.partition("=") for t in args.tree)}
        else:
            trees = {"ref": work / "ref", "this": REPO}
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(trees["ref"]), args.ref],
                           check=True)
        shown = dict(trees)
        try:
            if args.bytecode:
                trees = {name: compiled_copy(tree, work / "compiled" / name) for name, tree in trees.items()}
            corpus = work / "corpus" / "articles"
            generate_corpus(corpus.parent, args.articles, 0, force=True)
            best: dict[str, dict[str, float]] = {name: {} for name in trees}

            def keep(name: str, seconds: dict[str, float]) -> None:
                """Keep the best of each measure."""
                for key, value in seconds.items():
                    best[name][key] = min(best[name].get(key, value), value)
                loads.append(os.getloadavg()[0])

            for _ in range(args.rounds):
                for name, tree in trees.items():
                    keep(name, measure(name, tree, corpus, work))
                for _ in range(args.warm_rounds - 1):
                    for name, tree in trees.items():
                        keep(name, measure_warm(name, tree, corpus, work, settle=True))
        finally:
            if not args.tree:
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(shown["ref"])],
                               check=False)
    names = list(trees)
    print(f"{'; '.join(f'{n} = {shown[n]}' for n in names) if args.tree else f'ref = {args.ref}'};"
          f" {args.articles} generated articles; real corpus {chars:,} chars; best of {args.rounds} (warm:"
          f" {args.rounds * args.warm_rounds}){'; compiled copies' if args.bytecode else ''};"
          f" load average {min(loads):.1f}-{max(loads):.1f}")
    print(f"{'measure':<32}" + "".join(f"{n:>12}" for n in names) + "".join(f"{n + '/' + names[0]:>16}"
                                                                          for n in names[1:]))
    rows = (("extract real corpus (chars/s)", "extract", True), ("extract (chars/CPU-s)", "extract_cpu", True),
            (f"check {args.articles} cold (s)", "cold", False),
            (f"check {args.articles} cold (CPU s)", "cold_cpu", False),
            (f"check {args.articles} warm (s)", "warm", False),
            (f"check {args.articles} warm (CPU s)", "warm_cpu", False),
            ("warm, 1 article edited (s)", "one", False), ("warm, 1 article edited (CPU s)", "one_cpu", False))
    for label, key, rate in rows:
        shown = [chars / best[n][key] if rate else best[n][key] for n in names]
        print(f"{label:<32}" + "".join(f"{value:>12,.2f}" for value in shown)
              + "".join(f"{value / shown[0]:>16.2f}" for value in shown[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
