"""Scale benchmark for issue 14: peak memory, store size, workers and date refinement (not a timed test).

Usage (from the repository root):
    python bench/bench_scale.py scale --articles 1000 3000 10000 [--out bench/out/scale]
    python bench/bench_scale.py jobs --articles 2000
    python bench/bench_scale.py dates
    python bench/bench_scale.py engines --articles 2000

`scale`: for each size, a generated corpus checked cold (store written) and warm; peak RSS of the
largest hedui process (os.wait4), of the main process alone (the cross-article step's) and of all its processes
together (sampled), seconds,
store bytes per text byte; then a projection to 1M and 10M articles (time and store from the largest
size, the main process's memory along its slope between the smallest and largest size). `jobs`: the same cold check
without a cache with --jobs 1 and --jobs 2, wall and CPU seconds side by side. `dates`: 80 weakly
dated and 800 dated articles of one month on shared events; file reads per article (each article's
reads counted in process). `engines`: the default engine against --engine dask (LocalCluster).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"


# hedui's command line, then the main process's own peak RSS on stderr (its workers never return through here).
MAIN = ("import resource, sys\n"
        "from checker.cli.main import main\n"
        "try:\n"
        "    code = main(sys.argv[1:])\n"
        "finally:\n"
        "    sys.stderr.write(f'\\nmain-peak-rss-kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
        "sys.exit(code)\n")


def tree_rss_kb(root: int) -> int:
    """The resident memory (KB) of a process and all its descendants now, from /proc (0 where it cannot be read)."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue  # not a process
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        parents[int(entry.name)] = int(fields[1])
        resident[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    tree, grown = {root}, True
    while grown:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        grown = bool(found)
        tree |= found
    return sum(resident.get(pid, 0) for pid in tree)


def hedui(*args: str, cwd: Path) -> dict:
    """Run hedui once; wall and CPU seconds, peak RSS (MB) of its largest process, of its main process and of all its
    processes together (sampled every 0.2 s), exit."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", MAIN, *args], cwd=cwd, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    total = [0]
    done = threading.Event()

    def sample() -> None:
        """Keep the largest sum of the process tree's resident memory until the run ends."""
        while not done.wait(0.2):
            total[0] = max(total[0], tree_rss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert process.stderr is not None
    err = process.stderr.read().decode(errors="replace")
    done.set()
    sampler.join()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    main_kb = [int(line.split()[1]) for line in err.splitlines() if line.startswith("main-peak-rss-kb ")]
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1e3, 1),
            "main_rss_mb": round(main_kb[-1] / 1e3, 1) if main_kb else None,
            "total_rss_mb": round(total[0] / 1e3, 1), "exit": process.returncode,
            "stderr": err.replace(f"main-peak-rss-kb {main_kb[-1]}" if main_kb else "", "").strip()[-300:]}


def generate(folder: Path, articles: int, seed: int = 0) -> Path:
    """A generated corpus of that many articles (reused when present); its articles folder.

    Generated in a child process: Linux carries a process's peak RSS over fork and exec into its children's
    ru_maxrss, so a bench process grown by generating 50,000 articles itself would report its own peak as every
    hedui run's afterwards (431 MB for a warm run whose process tree held 70 MB).
    """
    articles_dir = folder / "articles"
    if not (articles_dir.is_dir() and len(list(articles_dir.iterdir())) == articles):
        subprocess.run([sys.executable, str(BENCH / "gen_corpus.py"), str(folder), "--articles", str(articles),
                        "--seed", str(seed), "--force"], check=True, stdout=subprocess.DEVNULL)
    return articles_dir


def folder_bytes(folder: Path) -> int:
    """Bytes of the files below a folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run_scale(sizes: list[int], out: Path) -> list[dict]:
    """Cold and warm checks with the store at each size."""
    rows = []
    for size in sizes:
        corpus = generate(out / f"c{size}", size)
        shutil.rmtree(corpus.parent / ".hedui-cache", ignore_errors=True)
        cold = hedui("check", "articles", "--quiet", "--format", "json", cwd=corpus.parent)
        warm = hedui("check", "articles", "--quiet", "--format", "json", cwd=corpus.parent)
        text, store = folder_bytes(corpus), folder_bytes(corpus.parent / ".hedui-cache")
        rows.append({"articles": size, "cold": cold, "warm": warm, "text_bytes": text, "store_bytes": store,
                     "store_per_text_byte": round(store / text, 2)})
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    return rows


def project(rows: list[dict]) -> list[dict]:
    """Time, memory and store size at 1M and 10M articles: time and store linear from the largest size, the main
    process's memory extended along its measured slope between the smallest and the largest size."""
    first, row = rows[0], rows[-1]
    per_article_s = row["cold"]["cpu_s"] / row["articles"]
    warm_s = row["warm"]["cpu_s"] / row["articles"]
    store_per_article = row["store_bytes"] / row["articles"]
    span = row["articles"] - first["articles"]
    slopes = {run: (row[run]["main_rss_mb"] - first[run]["main_rss_mb"]) / span if span else 0.0
              for run in ("cold", "warm")}
    return [{"articles": n, "cold_cpu_hours": round(per_article_s * n / 3600, 1),
             "warm_cpu_hours": round(warm_s * n / 3600, 2), "store_gb": round(store_per_article * n / 1e9, 1),
             "workers_peak_rss_mb": row["cold"]["peak_rss_mb"],
             "main_cold_rss_mb": round(row["cold"]["main_rss_mb"] + slopes["cold"] * (n - row["articles"])),
             "main_warm_rss_mb": round(row["warm"]["main_rss_mb"] + slopes["warm"] * (n - row["articles"]))}
            for n in (1_000_000, 10_000_000)]


def run_jobs(size: int, out: Path) -> dict:
    """A cold check without cache with --jobs 1 and --jobs 2."""
    corpus = generate(out / f"c{size}", size)
    result = {"articles": size}
    for jobs in ("1", "2"):
        result[f"jobs{jobs}"] = hedui("check", "articles", "--quiet", "--format", "json", "--no-cache", "--jobs", jobs,
                                      cwd=corpus.parent)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def run_engines(size: int, out: Path) -> dict:
    """A cold check without cache on the default engine and on --engine dask (LocalCluster, 2 workers)."""
    corpus = generate(out / f"c{size}", size)
    result = {"articles": size}
    for engine in ("local", "dask"):
        result[engine] = hedui("check", "articles", "--quiet", "--format", "json", "--no-cache", "--jobs", "2",
                               "--engine", engine, cwd=corpus.parent)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


EVENTS = ("成渝地区双城经济圈产业合作推介会", "中国西部国际投资贸易洽谈会", "全国智能制造创新发展大会",
          "长江经济带绿色发展论坛")


def write_dates_corpus(folder: Path, weak: int = 80, dated: int = 800) -> None:
    """Weakly dated articles (this month's event, no day) and dated ones (front matter) on shared events."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for index in range(dated):
        event = EVENTS[index % len(EVENTS)]
        day = 1 + index % 28
        text = f"---\ndate: 2025-11-{day:02d}\n---\n2025{event}在重庆举行，签约项目{index % 40 + 3}个。\n"
        (folder / f"d{index:04d}.md").write_text(text, encoding="utf-8")
    for index in range(weak):
        event = EVENTS[index % len(EVENTS)]
        text = f"从2023年11月我市首次承办{event}以来，这两年成效明显，今年又签约项目{index % 9 + 2}个。\n"
        (folder / f"w{index:04d}.md").write_text(text, encoding="utf-8")


def run_dates(out: Path) -> dict:
    """File reads per article when 80 weakly dated articles are dated from 800 others (counted in process)."""
    sys.path.insert(0, str(REPO))
    from checker.run.assemble import RunRequest, assemble_run
    from checker.text import ingest

    folder = out / "dates"
    write_dates_corpus(folder)
    reads: dict[str, int] = {}
    real = ingest.read_bytes

    def counted(path: str) -> bytes:
        reads[path] = reads.get(path, 0) + 1
        return real(path)

    ingest.read_bytes = counted
    start = time.perf_counter()
    outcome = assemble_run(RunRequest(paths=(str(folder),), use_cache=False, progress=False, light=True, jobs=1))
    seconds = time.perf_counter() - start
    refined = sum("same event" in (d.dct.source if d.dct else "") for d in outcome.result.documents)
    return {"articles": len(reads), "refined": refined, "reads": sum(reads.values()),
            "reads_per_article": round(sum(reads.values()) / len(reads), 3), "max_reads_of_one": max(reads.values()),
            "seconds": round(seconds, 1)}


def main() -> None:
    """Run the chosen benchmark and print its rows as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("scale", "jobs", "dates", "engines"))
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--out", type=Path, default=BENCH / "out" / "scale")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.what == "scale":
        rows = run_scale(args.articles, args.out)
        for row in project(rows):
            print(json.dumps({"projection": row}), flush=True)
    elif args.what == "jobs":
        run_jobs(args.articles[0], args.out)
    elif args.what == "engines":
        run_engines(args.articles[0], args.out)
    else:
        print(json.dumps(run_dates(args.out), ensure_ascii=False))


if __name__ == "__main__":
    main()
