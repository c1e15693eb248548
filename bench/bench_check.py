"""Time `hedui check CORPUS --format json` and score its findings against the corpus manifest.

Usage: python bench/bench_check.py CORPUS_DIR [--warm] [--json]
       python bench/bench_check.py --generate 1000 [--seed 0] [CORPUS_DIR]

Reports wall time, articles/s, peak memory of the child (RUSAGE_CHILDREN ru_maxrss), and per rule
id the recall of the injected inconsistencies listed in CORPUS_DIR/manifest.json and the precision
of the findings (a finding that matches no injected item of its rule is a false positive).
An injected item is found when a finding with its rule id has a claim in its document whose span
(or, without spans, whose text) overlaps the injected surface.  For the cross-article rules the
manifest lists both documents of a pair, each with the surface of its own figure; --loose-cross
accepts any claim in the document instead (lenient: a finding about another fact of that document
then counts too).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CROSS_ARTICLE_RULES = {"agreement.conflicting-values", "revision.target-changed", "revision.preliminary-revised"}
ARTICLE_SUFFIXES = (".md", ".txt", ".html", ".htm")
TARGET_COLD_S_10K = 60.0
TARGET_WARM_S = 1.0


def hedui_command(override: str | None) -> tuple[list[str], dict[str, str]]:
    """Return the hedui command (--hedui, the one on PATH, else python -m checker.cli) and its environment."""
    env = dict(os.environ)
    if override:
        return shlex.split(override), env
    exe = shutil.which("hedui")
    if exe:
        return [exe], env
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "checker.cli"], env


def generate(outdir: Path, articles: int, seed: int) -> float:
    """Generate a corpus with bench/gen_corpus.py in-process; return the seconds it took."""
    sys.path.insert(0, str(BENCH))
    from gen_corpus import generate_corpus

    started = time.perf_counter()
    generate_corpus(outdir, articles, seed, force=True)
    return time.perf_counter() - started


def touch_one_article(corpus: Path) -> Path | None:
    """Append a sentence to one article, so the warm run re-checks exactly one changed file."""
    for path in sorted(corpus.rglob("*.md")):
        with open(path, "a", encoding="utf-8") as out:
            out.write("\n记者手记：本文数据由有关部门提供。\n")
        return path
    return None


def count_articles(corpus: Path) -> int:
    """Count the article files hedui will read under the corpus directory."""
    return sum(1 for p in corpus.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())


def load_manifest(corpus: Path) -> list[dict[str, Any]] | None:
    """Return the injected items of CORPUS/manifest.json, or None when there is no manifest."""
    path = corpus / "manifest.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["injected"]


def run_check(command: list[str], env: dict[str, str], corpus: Path, workdir: Path,
              timeout: float | None) -> dict[str, Any]:
    """Run `hedui check CORPUS --format json` once in workdir; return its time, exit code and parsed report."""
    argv = command + ["check", str(corpus.resolve()), "--format", "json"]
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout, cwd=workdir)
    seconds = time.perf_counter() - started
    report, problem = None, None
    if done.returncode not in (0, 1):
        problem = f"exit {done.returncode}"
    else:
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError as exc:
            problem = f"exit {done.returncode}, stdout is not JSON ({exc})"
    if problem:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        problem = f"{' '.join(argv)}: {problem}" + (f"\n{tail}" if tail else "")
    return {"seconds": seconds, "exit": done.returncode, "report": report, "error": problem}


def relative_doc(doc: str, corpus: Path, base: Path, cache: dict[str, str]) -> str:
    """Express a finding's doc path (relative ones are taken from base) relative to the corpus, as the manifest does."""
    if doc not in cache:
        path = Path(doc)
        if not path.is_absolute():
            path = base / path
        try:
            cache[doc] = path.resolve().relative_to(corpus.resolve()).as_posix()
        except ValueError:
            cache[doc] = Path(doc).as_posix()
    return cache[doc]


def overlaps(claim: dict[str, Any], item: dict[str, Any]) -> bool:
    """True when a claim covers the injected surface: by span when both have one, else by text."""
    if all(isinstance(x.get(k), int) for x in (claim, item) for k in ("start", "end")):
        return claim["start"] < item["end"] and item["start"] < claim["end"]
    text, surface = claim.get("text") or "", item.get("text") or ""
    return bool(text and surface) and (surface in text or text in surface)


def index_items(items: list[dict[str, Any]]) -> dict[tuple[str, str], list[int]]:
    """Index injected items by (rule, doc)."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, item in enumerate(items):
        index[(item["rule"], item["doc"])].append(number)
    return index


def label_of(item: dict[str, Any]) -> str:
    """The row an injected item is reported in: its rule, and its variant when it has one (rule [face-value])."""
    return f"{item['rule']} [{item['variant']}]" if item.get("variant") else item["rule"]


def score(report: dict[str, Any], items: list[dict[str, Any]], corpus: Path, base: Path,
          loose: bool = False) -> dict[str, Any]:
    """Match findings to injected items; return per-rule (and per-variant) recall and precision."""
    index = index_items(items)
    found: set[int] = set()
    stats: dict[str, dict[str, int]] = defaultdict(lambda: {"injected": 0, "found": 0, "findings": 0, "true": 0})
    for item in items:
        stats[label_of(item)]["injected"] += 1
    docs: dict[str, str] = {}
    loud = {"findings": 0, "true": 0}
    for finding in report.get("findings", []):
        rule = finding.get("rule", "?")
        hits = match_finding(finding, rule, items, index, (corpus, base), docs, loose)
        found.update(hits)
        if finding.get("severity") != "info":
            loud["findings"] += 1
            loud["true"] += bool(hits)
        # A finding on a variant's item counts in the variant's row.
        label = label_of(items[min(hits)]) if hits else rule
        stats[label]["findings"] += 1
        stats[label]["true"] += bool(hits)
    for number in found:
        stats[label_of(items[number])]["found"] += 1
    injected_rules = {label_of(item) for item in items}
    rows = {rule: with_ratios(row) for rule, row in sorted(stats.items()) if rule in injected_rules}
    others = {rule: row["findings"] for rule, row in sorted(stats.items()) if rule not in injected_rules}
    return {"rules": rows, "total": with_ratios(total_of(rows.values())), "other_rules": others,
            "loud": {**loud, "false": loud["findings"] - loud["true"],
                     "precision": loud["true"] / loud["findings"] if loud["findings"] else None}}


def match_finding(finding: dict[str, Any], rule: str, items: list[dict[str, Any]],
                  index: dict[tuple[str, str], list[int]], dirs: tuple[Path, Path], docs: dict[str, str],
                  loose: bool) -> set[int]:
    """Return the injected items of the finding's rule that one of its claims matches."""
    hits: set[int] = set()
    for claim in finding.get("claims", []):
        doc = relative_doc(str(claim.get("doc", "")), dirs[0], dirs[1], docs)
        for number in index.get((rule, doc), ()):
            if (loose and rule in CROSS_ARTICLE_RULES) or overlaps(claim, items[number]):
                hits.add(number)
    return hits


def total_of(rows: Any) -> dict[str, int]:
    """Sum the counts of several rule rows."""
    total = {"injected": 0, "found": 0, "findings": 0, "true": 0}
    for row in rows:
        for key in total:
            total[key] += row[key]
    return total


def with_ratios(row: dict[str, int]) -> dict[str, Any]:
    """Add recall, precision and false positives to a row of counts."""
    recall = row["found"] / row["injected"] if row["injected"] else None
    precision = row["true"] / row["findings"] if row["findings"] else None
    return {**row, "false": row["findings"] - row["true"], "recall": recall, "precision": precision}


def run_benchmark(args: argparse.Namespace) -> dict[str, Any]:
    """Generate if asked, run hedui check (twice with --warm) and score it."""
    result: dict[str, Any] = {}
    corpus = args.corpus
    if args.generate:
        corpus = corpus or Path(tempfile.mkdtemp(prefix="hedui-bench-"))
        result["generate_s"] = generate(corpus, args.generate, args.seed)
    if corpus is None or not corpus.is_dir():
        raise SystemExit(f"bench_check: not a directory: {corpus} (give CORPUS_DIR or --generate N)")
    command, env = hedui_command(args.hedui)
    articles = count_articles(corpus)
    result.update(corpus=str(corpus), articles=articles, command=" ".join(command))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hedui-bench-cwd-"))
    result["workdir"] = str(workdir)
    cold = run_check(command, env, corpus, workdir, args.timeout)
    result["cold"] = summarize_run(cold, articles)
    result["peak_rss_mb"] = children_maxrss_mb()
    if args.warm:
        touched = touch_one_article(corpus)
        result["warm_changed_file"] = str(touched) if touched else None
        result["warm"] = summarize_run(run_check(command, env, corpus, workdir, args.timeout), articles)
        cold_s, warm_s = result["cold"].get("seconds"), result["warm"].get("seconds")
        result["warm_speedup"] = round(cold_s / warm_s, 1) if cold_s and warm_s else None
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    items = load_manifest(corpus)
    result["injected"] = None if items is None else len(items)
    if cold["report"] is not None and items is not None:
        result["score"] = score(cold["report"], items, corpus, workdir, args.loose_cross)
    result["targets"] = judge(result)
    if args.generate and not args.corpus and not args.keep:
        shutil.rmtree(corpus, ignore_errors=True)
    return result


def children_maxrss_mb() -> float:
    """Return the peak RSS of the waited-for children in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return rss / 1e6 if sys.platform == "darwin" else rss / 1e3


def summarize_run(run: dict[str, Any], articles: int) -> dict[str, Any]:
    """Keep the timing, exit code, error and finding count of one run."""
    report = run["report"] or {}
    return {
        "seconds": run["seconds"], "articles_per_s": articles / run["seconds"] if run["seconds"] else None,
        "exit": run["exit"], "error": run["error"],
        "findings": len(report.get("findings", [])) if run["report"] is not None else None,
        "summary": report.get("summary"),
    }


def judge(result: dict[str, Any]) -> dict[str, Any]:
    """Project the cold time to 10,000 articles and compare it (and the warm time) with the targets."""
    cold = result["cold"]
    projected = cold["seconds"] / result["articles"] * 10_000 if result["articles"] and not cold["error"] else None
    warm = result.get("warm")
    return {
        "cold_10k_s_projected": projected,
        "cold_10k_ok": None if projected is None else projected <= TARGET_COLD_S_10K,
        "warm_ok": None if not warm or warm["error"] else warm["seconds"] <= TARGET_WARM_S,
    }


def ratio(x: float | None) -> str:
    """Write a ratio with two decimals, or '-' when undefined."""
    return "-" if x is None else f"{x:.2f}"


def format_table(result: dict[str, Any]) -> str:
    """Lay the results out as text."""
    lines = [f"corpus: {result['corpus']} ({result['articles']:,} articles, "
             f"{result['injected'] if result['injected'] is not None else 'no manifest, no'} injected items)",
             f"command: {result['command']} check CORPUS --format json"]
    if "generate_s" in result:
        lines.append(f"generated in {result['generate_s']:.1f} s")
    for name in ("cold", "warm"):
        run = result.get(name)
        if run:
            lines.append(f"{name}: {run['seconds']:.2f} s, {run['articles_per_s']:,.1f} articles/s, "
                         f"exit {run['exit']}, "
                         f"findings {run['findings'] if run['findings'] is not None else '-'}")
            if run["error"]:
                lines.append(f"  error: {run['error']}")
    if result.get("warm_speedup"):
        lines.append(f"warm run after changing {result['warm_changed_file']}: "
                     f"{result['warm_speedup']}x faster than cold (target >= 20x)")
    lines.append(f"peak memory (children ru_maxrss): {result['peak_rss_mb']:.1f} MB")
    if result.get("score"):
        lines += [""] + format_score(result["score"])
    targets = result["targets"]
    if targets["cold_10k_s_projected"] is not None:
        lines.append(f"\ntargets: 10,000 articles cold <= {TARGET_COLD_S_10K:.0f} s: projected "
                     f"{targets['cold_10k_s_projected']:.1f} s ({'PASS' if targets['cold_10k_ok'] else 'FAIL'})"
                     + ("" if targets["warm_ok"] is None else
                        f"; warm <= {TARGET_WARM_S:.0f} s: {'PASS' if targets['warm_ok'] else 'FAIL'}"))
    return "\n".join(lines)


def format_score(scored: dict[str, Any]) -> list[str]:
    """Lay out the per-rule recall and precision table."""
    head = (f"{'rule':<46}{'injected':>9}{'found':>7}{'recall':>8}"
            f"{'findings':>10}{'true':>6}{'false':>7}{'precision':>11}")
    lines = [head]
    for rule, row in list(scored["rules"].items()) + [("total", scored["total"])]:
        lines.append(f"{rule:<46}{row['injected']:>9}{row['found']:>7}{ratio(row['recall']):>8}"
                     f"{row['findings']:>10}{row['true']:>6}{row['false']:>7}{ratio(row['precision']):>11}")
    loud = scored.get("loud")
    if loud:
        lines.append(f"loud only (error/warning): {loud['findings']} findings, {loud['false']} false, "
                     f"precision {ratio(loud['precision'])} (the total row counts info too)")
    if scored["other_rules"]:
        lines.append("findings of rules with nothing injected (false positives on this corpus):")
        lines += [f"  {rule:<44}{count:>9}" for rule, count in scored["other_rules"].items()]
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Declare and parse the command-line options."""
    parser = argparse.ArgumentParser(description="Time hedui check on a corpus and score it against manifest.json.")
    parser.add_argument("corpus", nargs="?", type=Path, help="corpus directory (with manifest.json for scoring)")
    parser.add_argument("--generate", type=int, metavar="N",
                        help="generate N articles first (into a temp dir, or into CORPUS_DIR, replacing its articles/)")
    parser.add_argument("--seed", type=int, default=0, help="seed for --generate (default 0)")
    parser.add_argument("--keep", action="store_true", help="keep the generated temp corpus")
    parser.add_argument("--warm", action="store_true", help="time a second run as well (warm caches)")
    parser.add_argument("--hedui", metavar="CMD",
                        help="command that runs hedui (default: hedui on PATH, else python -m checker.cli)")
    parser.add_argument("--workdir", type=Path, metavar="DIR",
                        help="working directory of hedui (its config and .hedui-cache/ live there); "
                             "default: a fresh temp dir, so the first run is cold")
    parser.add_argument("--timeout", type=float, default=None, help="seconds before a run is abandoned")
    parser.add_argument("--loose-cross", action="store_true",
                        help="for cross-article rules, count any claim in the injected doc as a match "
                             "(default: its span must overlap)")
    parser.add_argument("--json", action="store_true", help="print a JSON object instead of tables")
    args = parser.parse_args(argv)
    if args.corpus is None and not args.generate:
        parser.error("give CORPUS_DIR or --generate N")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report; exit 2 when hedui check failed."""
    args = parse_args(argv)
    result = run_benchmark(args)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_table(result))
    failed = result["cold"]["error"] or (result.get("warm") or {}).get("error")
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
