"""Measure in-process extraction throughput (with a bare regex scan beside it) and CLI start-up time.

Usage: python bench/bench_extract.py [--size CHARS] [--runs N] [--json] [--check-targets]

Reads seeds/*.txt, repeats them to about --size characters, builds Documents with
checker.text.ingest.document_from_text and runs checker.extract.mentions.find_mentions on each one (resources
loaded once, outside the timing).  Reports the median of --runs runs, the tracemalloc peak of one
extra untimed run, ru_maxrss, and the median start-up time of `hedui --version`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run from a checkout without installing

TARGET_CHARS_PER_S = 300_000
TARGET_STARTUP_S = 0.3
BARE_NUMBER = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]+")


def load_checker() -> tuple[dict[str, Any] | None, str | None]:
    """Import the extraction API; return (functions, None) or (None, a message saying what is missing)."""
    try:
        from checker.extract.mentions import find_mentions
        from checker.extract.resources import load_resources
        from checker.text.ingest import document_from_text
    except ImportError as exc:
        return None, (f"cannot import the extraction API ({exc}); checker.text.ingest, checker.extract.mentions and "
                      "checker.extract.resources must provide document_from_text, find_mentions and load_resources")
    try:
        resources = load_resources()
    except Exception as exc:  # a rules file or a module under construction: say so, keep the baseline
        return None, f"load_resources() failed: {type(exc).__name__}: {exc}"
    return {"ingest": document_from_text, "extract": find_mentions, "resources": resources}, None


def read_seeds(seeds_dir: Path) -> list[tuple[str, str]]:
    """Return (path, text) for every seeds/*.txt file."""
    paths = sorted(seeds_dir.glob("*.txt"))
    return [(str(p), p.read_text(encoding="utf-8-sig", errors="replace")) for p in paths]


def repeat_to_size(seeds: list[tuple[str, str]], size: int) -> list[tuple[str, str]]:
    """Cycle through the seeds until the total length reaches size characters."""
    texts, total, index = [], 0, 0
    while total < size:
        path, text = seeds[index % len(seeds)]
        texts.append((path, text))
        total += len(text)
        index += 1
    return texts


def time_median(action: Callable[[], int], runs: int) -> tuple[float, int]:
    """Run action `runs` times; return the median wall time and its (last) count."""
    times, count = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        count = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), count


def scan_bare(texts: list[tuple[str, str]]) -> int:
    """Count the bare numeral runs in the texts."""
    return sum(1 for _, text in texts for _ in BARE_NUMBER.finditer(text))


def ingest_all(api: dict[str, Any], texts: list[tuple[str, str]]) -> list[Any]:
    """Build one Document per text."""
    return [api["ingest"](path, text) for path, text in texts]


def extract_all(api: dict[str, Any], docs: list[Any]) -> int:
    """Find the mentions of every document; return how many were found."""
    find, resources = api["extract"], api["resources"]
    return sum(len(find(doc, resources)) for doc in docs)


def measure_extraction(api: dict[str, Any], seeds: list[tuple[str, str]], texts: list[tuple[str, str]],
                       runs: int) -> dict[str, Any]:
    """Time one cold pass over the seeds, then ingest, extract and both over the repeated text."""
    cold_s, cold_mentions = time_median(lambda: extract_all(api, ingest_all(api, seeds)), 1)
    chars = sum(len(t) for _, t in texts)
    ingest_s, _ = time_median(lambda: len(ingest_all(api, texts)), runs)
    docs = ingest_all(api, texts)
    extract_s, mentions = time_median(lambda: extract_all(api, docs), runs)
    both_s, _ = time_median(lambda: extract_all(api, ingest_all(api, texts)), runs)
    return {
        "cold": rates(cold_s, sum(len(t) for _, t in seeds), cold_mentions),
        "ingest": rates(ingest_s, chars, None),
        "extract": rates(extract_s, chars, mentions),
        "ingest+extract": rates(both_s, chars, mentions),
    }


def measure_real(corpus: Path) -> dict[str, Any]:
    """One pass over the real-article corpus (fresh text, each article once, run before anything else warms a cache).

    Times ingest, extraction (find_mentions) and claims (build_claims) per article in CPU seconds of this
    process (a shared machine disturbs them far less than wall time), the segmenter's share of the claims
    stage (jieba's tagging calls) and its one-off dictionary load, beside a bare regex scan.
    """
    from checker.claims import segment
    from checker.claims.build import build_claims
    from checker.extract.mentions import find_mentions
    from checker.extract.resources import load_resources
    from checker.run.pipeline import load_pack_and_lexicon
    from checker.text.ingest import document_from_text

    texts = [(str(p), p.read_text(encoding="utf-8-sig", errors="replace"))
             for p in sorted(corpus.iterdir()) if p.is_file()]
    chars = sum(len(t) for _, t in texts)
    resources = load_resources()
    _, lexicon = load_pack_and_lexicon([])
    started = time.process_time()
    segment.load_dictionary()  # jieba's dictionary, loaded once per process
    load_s = time.process_time() - started
    tagged = [0.0]
    cut_words = segment.cut_words

    def timed_cut(*args: Any, **kwargs: Any) -> Any:
        begun = time.process_time()
        try:
            return cut_words(*args, **kwargs)
        finally:
            tagged[0] += time.process_time() - begun

    segment.cut_words = timed_cut  # type: ignore[assignment]  # tag_words calls it by its module name
    spent = {"ingest": 0.0, "extract": 0.0, "claims": 0.0}
    mentions = claims = 0
    try:
        for path, text in texts:
            begun = time.process_time()
            doc = document_from_text(path, text)
            ingested = time.process_time()
            found = find_mentions(doc, resources)
            extracted = time.process_time()
            claims += len(build_claims(doc, found, lexicon, resources.units))
            spent["ingest"] += ingested - begun
            spent["extract"] += extracted - ingested
            spent["claims"] += time.process_time() - extracted
            mentions += len(found)
    finally:
        segment.cut_words = cut_words  # type: ignore[assignment]
    bare_s, bare_count = time_median(lambda: scan_bare(texts), 3)
    return {
        "articles": len(texts), "chars": chars, "segmenter_load_s": load_s,
        "bare_regex": rates(bare_s, chars, bare_count),
        "ingest": rates(spent["ingest"], chars, None),
        "extract": rates(spent["extract"], chars, mentions),
        "claims": rates(spent["claims"], chars, claims),
        "segmenter": rates(tagged[0], chars, None),
        "claims_without_segmenter": rates(spent["claims"] - tagged[0], chars, claims),
        "extract+claims": rates(spent["extract"] + spent["claims"], chars, claims),
    }


def rates(seconds: float, chars: int, count: int | None) -> dict[str, Any]:
    """Express a timing as seconds, characters/s and items/s."""
    def per_s(n: int) -> float:
        return n / seconds if seconds > 0 else float("inf")

    return {"seconds": seconds, "chars_per_s": per_s(chars), "count": count,
            "count_per_s": per_s(count) if count is not None else None}


def measure_memory(api: dict[str, Any] | None, texts: list[tuple[str, str]]) -> dict[str, float | None]:
    """Return the tracemalloc peak of one untimed ingest+extract run and the process ru_maxrss, in MB."""
    peak = None
    if api is not None:
        tracemalloc.start()
        extract_all(api, ingest_all(api, texts))
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return {"tracemalloc_peak_mb": peak, "ru_maxrss_mb": maxrss_mb(resource.RUSAGE_SELF)}


def maxrss_mb(who: int) -> float:
    """Return ru_maxrss in MB (kilobytes on Linux, bytes on macOS)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / 1e6 if sys.platform == "darwin" else rss / 1e3


def hedui_command() -> tuple[list[str], dict[str, str]]:
    """Return the command that runs hedui (the one on PATH, else python -m checker.cli) and its environment."""
    env = dict(os.environ)
    exe = shutil.which("hedui")
    if exe:
        return [exe], env
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "checker.cli"], env


def measure_startup(runs: int) -> dict[str, Any]:
    """Time `hedui --version` in a fresh process; return the median and the command used."""
    command, env = hedui_command()
    times, error = [], None
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command + ["--version"], capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            error = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            break
    return {"command": " ".join(command + ["--version"]), "median_s": statistics.median(times),
            "runs": len(times), "error": error[0] if error else None}


def run_benchmark(args: argparse.Namespace) -> dict[str, Any]:
    """Run every measurement and collect the results."""
    seeds = read_seeds(args.seeds)
    if not seeds:
        raise SystemExit(f"bench_extract: no .txt files in {args.seeds}")
    texts = repeat_to_size(seeds, args.size)
    chars = sum(len(t) for _, t in texts)
    api, problem = load_checker()
    # First, while every cache of the process is cold: the real corpus is fresh text.
    real = measure_real(args.real) if api and args.real.is_dir() else None
    bare_s, bare_count = time_median(lambda: scan_bare(texts), args.runs)
    result: dict[str, Any] = {
        "corpus": {"seed_files": len(seeds), "documents": len(texts), "chars": chars},
        "runs": args.runs,
        "bare_regex": rates(bare_s, chars, bare_count),
        "extraction": measure_extraction(api, seeds, texts, args.runs) if api else None,
        "extraction_error": problem,
        "memory": measure_memory(api, texts),
        "startup": measure_startup(args.startup_runs) if args.startup_runs > 0 else None,
        "targets": {"extract_chars_per_s": TARGET_CHARS_PER_S, "startup_s": TARGET_STARTUP_S},
        "real": real,
        "devset": score_devset() if api and args.devset else None,
    }
    result["pass"] = judge(result)
    return result


def judge(result: dict[str, Any]) -> dict[str, bool | None]:
    """Compare the results with the targets (None when not measured)."""
    extraction, startup, real = result["extraction"], result["startup"], result["real"]
    fast = extraction["extract"]["chars_per_s"] >= TARGET_CHARS_PER_S if extraction else None
    quick = (startup["median_s"] <= TARGET_STARTUP_S and not startup["error"]) if startup else None
    fresh = real["extract+claims"]["chars_per_s"] >= TARGET_CHARS_PER_S if real else None
    return {"extract": fast, "startup": quick, "real extract+claims": fresh}


def score_devset() -> dict[str, tuple[int, int]]:
    """Pass counts of the development set of numerals, units and dates (tests/devset), per section."""
    from checker.extract.resources import load_resources
    from tests.devset.score import score_all

    return score_all(load_resources())


def format_table(result: dict[str, Any]) -> str:
    """Lay the results out as a small text table."""
    corpus = result["corpus"]
    lines = [f"corpus: {corpus['seed_files']} seed files repeated to {corpus['chars']:,} chars "
             f"({corpus['documents']} documents); median of {result['runs']} runs", ""]
    lines.append(f"{'stage':<36}{'seconds':>9}{'chars/s':>14}{'items':>9}{'items/s':>12}")
    rows = [("bare regex scan (numeral runs)", result["bare_regex"])]
    if result["extraction"]:
        rows += [(f"{name} ({label})", result["extraction"][name]) for name, label in (
            ("cold", "first pass, seeds once"), ("ingest", "document_from_text"),
            ("extract", "find_mentions"), ("ingest+extract", "mentions"))]
    for name, row in rows:
        count = "-" if row["count"] is None else f"{row['count']:,}"
        per_s = "-" if row["count_per_s"] is None else f"{row['count_per_s']:,.0f}"
        lines.append(f"{name:<36}{row['seconds']:>9.3f}{row['chars_per_s']:>14,.0f}{count:>9}{per_s:>12}")
    if result["extraction_error"]:
        lines.append(f"extraction not measured: {result['extraction_error']}")
    lines += format_real(result["real"]) + format_devset(result["devset"])
    memory = result["memory"]
    peak = "-" if memory["tracemalloc_peak_mb"] is None else f"{memory['tracemalloc_peak_mb']:.1f} MB"
    lines += ["", f"memory: tracemalloc peak {peak} (ingest+extract), ru_maxrss {memory['ru_maxrss_mb']:.1f} MB"]
    if result["startup"]:
        s = result["startup"]
        note = f" (failed: {s['error']})" if s["error"] else ""
        lines.append(f"start-up: `{s['command']}` median {s['median_s']:.3f} s over {s['runs']} runs{note}")
    lines.append(f"targets: extract >= {TARGET_CHARS_PER_S:,} chars/s: {verdict(result['pass']['extract'])}; "
                 f"real extract+claims >= {TARGET_CHARS_PER_S:,} chars/s: "
                 f"{verdict(result['pass']['real extract+claims'])}; "
                 f"start-up <= {TARGET_STARTUP_S} s: {verdict(result['pass']['startup'])}")
    return "\n".join(lines)


def format_real(real: dict[str, Any] | None) -> list[str]:
    """Rows of the one pass over the real-article corpus."""
    if not real:
        return []
    lines = ["", f"real corpus: {real['articles']} articles, {real['chars']:,} chars, each once (fresh text, CPU s); "
             f"segmenter dictionary load {real['segmenter_load_s']:.2f} s (once per process, not below)"]
    for name in ("bare_regex", "ingest", "extract", "claims", "segmenter", "claims_without_segmenter",
                 "extract+claims"):
        row = real[name]
        count = "-" if row["count"] is None else f"{row['count']:,}"
        lines.append(f"  {name:<34}{row['seconds']:>9.3f}{row['chars_per_s']:>14,.0f}{count:>9}")
    return lines


def format_devset(devset: dict[str, tuple[int, int]] | None) -> list[str]:
    """The development set's pass rate per section."""
    if not devset:
        return []
    passed, total = devset["all"]
    parts = ", ".join(f"{name} {p}/{t}" for name, (p, t) in devset.items() if name != "all")
    return ["", f"dev set (tests/devset): {passed}/{total} pass ({passed / total:.1%}): {parts}"]


def verdict(ok: bool | None) -> str:
    """Write a pass flag as PASS, FAIL or n/a."""
    return "n/a" if ok is None else "PASS" if ok else "FAIL"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Declare and parse the command-line options."""
    parser = argparse.ArgumentParser(description="Extraction throughput and CLI start-up benchmark.")
    parser.add_argument("--seeds", type=Path, default=REPO / "seeds", help="directory of seed .txt files")
    parser.add_argument("--size", type=int, default=2_000_000, help="characters to extract (default 2,000,000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per stage; the median is reported")
    parser.add_argument("--startup-runs", type=int, default=5, help="runs of `hedui --version` (0 to skip)")
    parser.add_argument("--real", type=Path, default=REPO / "tests" / "corpus" / "articles",
                        help="directory of real articles, read once each for the fresh-text rows")
    parser.add_argument("--devset", action="store_true", help="also score the development set (tests/devset)")
    parser.add_argument("--json", action="store_true", help="print a JSON object instead of a table")
    parser.add_argument("--check-targets", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table or JSON; exit 2 if extraction could not be measured."""
    args = parse_args(argv)
    result = run_benchmark(args)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_table(result))
    if result["extraction_error"]:
        print(f"bench_extract: {result['extraction_error']}", file=sys.stderr)
        return 2
    if args.check_targets and not all(v for v in result["pass"].values() if v is not None):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
