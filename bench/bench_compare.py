"""Side by side: this tree against an earlier commit, same inputs, same run, alternating.

Usage: python bench/bench_compare.py [--ref d5053a3] [--articles 10000] [--rounds 2]

Checks out REF into a temporary git worktree, generates one corpus with this tree's
bench/gen_corpus.py, then times in both trees, alternating so machine load hits both alike:
  - extraction: `python -m checker.cli extract --format jsonl` over the real-article corpus
    (tests/corpus/articles: fresh, non-repeated text), chars/s, start-up included;
  - `check --format json` on the generated corpus, cold (empty cache), warm (second run) and warm again
    with one article edited (the usual warm run of a newsroom: an archive and one new change).
Prints the best of the rounds for each and the ratio this/ref (goal: within 10%); extraction also in
CPU seconds of the child and its workers (user + system), which a machine shared with other work
disturbs far less; cold and warm checks in CPU seconds too.
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


def measure(tree: Path, corpus: Path, work: Path) -> dict[str, float]:
    """Extraction seconds on the real corpus, cold and warm check seconds on the generated corpus."""
    cache = work / f"cache-{tree.name}"
    config = work / f"{tree.name}.toml"
    config.write_text(f'cache-dir = "{cache}"\n', encoding="utf-8")
    subprocess.run(["rm", "-rf", str(cache)], check=True)
    extract, extract_cpu = timed(tree, ["extract", "--format", "jsonl", str(REAL)], work)
    check = ["check", str(corpus), "--format", "json", "--quiet", "--config", str(config)]
    cold, cold_cpu = timed(tree, check, work)
    warm, warm_cpu = timed(tree, check, work)
    # A newsroom's usual warm run: the archive as it was, one article edited since (never a replayed output).
    edited = sorted(corpus.iterdir())[len(list(corpus.iterdir())) // 2]
    saved = edited.read_bytes()
    try:
        edited.write_bytes(saved + "\n2024年，该市新增一家企业，营业收入为12.5亿元。\n".encode())
        one, one_cpu = timed(tree, check, work)
    finally:
        edited.write_bytes(saved)
    return {"extract": extract, "extract_cpu": extract_cpu, "cold": cold, "cold_cpu": cold_cpu,
            "warm": warm, "warm_cpu": warm_cpu, "one": one, "one_cpu": one_cpu}


def main() -> int:
    """Measure both trees and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="d5053a3", help="the earlier commit (default: before the renovation)")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "bench"))
    from gen_corpus import generate_corpus

    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in REAL.iterdir() if p.is_file())
    with tempfile.TemporaryDirectory(prefix="hedui-compare-") as tmp:
        work = Path(tmp)
        ref_tree = work / "ref"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(ref_tree), args.ref],
                       check=True)
        try:
            corpus = work / "corpus"
            generate_corpus(corpus, args.articles, 0, force=True)
            best: dict[str, dict[str, float]] = {"this": {}, "ref": {}}
            for _ in range(args.rounds):
                for name, tree in (("ref", ref_tree), ("this", REPO)):
                    for key, seconds in measure(tree, corpus / "articles", work).items():
                        best[name][key] = min(best[name].get(key, seconds), seconds)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(ref_tree)], check=False)
    print(f"ref = {args.ref}; {args.articles} generated articles; real corpus {chars:,} chars; best of {args.rounds}")
    print(f"{'measure':<28}{'ref':>12}{'this':>12}{'this/ref':>10}")
    rows = (("extract real corpus (chars/s)", "extract", True), ("extract (chars/CPU-s)", "extract_cpu", True),
            (f"check {args.articles} cold (s)", "cold", False),
            (f"check {args.articles} cold (CPU s)", "cold_cpu", False),
            (f"check {args.articles} warm (s)", "warm", False),
            (f"check {args.articles} warm (CPU s)", "warm_cpu", False),
            ("warm, 1 article edited (s)", "one", False), ("warm, 1 article edited (CPU s)", "one_cpu", False))
    for label, key, rate in rows:
        ref, this = best["ref"][key], best["this"][key]
        shown = (chars / ref, chars / this) if rate else (ref, this)
        print(f"{label:<28}{shown[0]:>12,.1f}{shown[1]:>12,.1f}{shown[1] / shown[0]:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
