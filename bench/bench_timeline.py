"""Benchmark the timeline: build time, HTML size and time to first render in chromium.

Usage: python bench/bench_timeline.py [--articles N] [--seed S] [--out DIR] [--no-browser]

Generates N articles with bench/gen_corpus.py (or, when it is missing, simple synthetic documents),
checks them, builds the timeline and exports the HTML page. The target is a build of at most 10 s
for 10,000 articles; the default N is 1000 to keep a run short (raise it with --articles).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import inspect
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

BUILD_TARGET_S = 10.0
TARGET_ARTICLES = 10_000
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one JSON line of measurements; exit 1 when the build target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "timeline")
    parser.add_argument("--no-browser", action="store_true", help="skip the chromium time-to-first-render")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")

    from checker.extract.resources import load_resources
    from checker.run.pipeline import check_documents, load_pack_and_lexicon
    from timeline.build import build_timeline
    from timeline.export_html import render_html

    report: dict[str, object] = {"articles": args.articles}
    resources = load_resources()
    pack, lexicon = load_pack_and_lexicon([])
    started = time.perf_counter()
    documents, report["corpus"] = read_corpus(args.out, args.articles, args.seed)
    report["read_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    result = check_documents(documents, resources, pack, lexicon)
    report["check_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    timeline = build_timeline(result)
    build_s = time.perf_counter() - started
    report.update(build_s=round(build_s, 2), entries=len(timeline.entries), findings=len(timeline.flags))
    started = time.perf_counter()
    page = render_html(timeline)
    report["render_html_s"] = round(time.perf_counter() - started, 2)
    html_path = args.out / "timeline.html"
    html_path.write_text(page, encoding="utf-8")
    report["html_bytes"] = html_path.stat().st_size
    report["first_render_s"] = None if args.no_browser else time_first_render(html_path)
    scaled = build_s * TARGET_ARTICLES / args.articles
    report["build_s_scaled_to_10000"] = round(scaled, 2)
    report["build_target_met"] = scaled <= BUILD_TARGET_S
    print(json.dumps(report, ensure_ascii=False))
    return 0 if report["build_target_met"] else 1


def read_corpus(out: Path, articles: int, seed: int) -> tuple[list, str]:
    """Generate and read the articles; name the generator used."""
    from checker.text.ingest import read_document

    generator = HERE / "gen_corpus.py"
    if not generator.exists():
        # another helper writes the realistic generator; without it, simple articles still measure the build
        return synthetic_documents(articles), "synthetic"
    spec = importlib.util.spec_from_file_location("gen_corpus", generator)
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    corpus = out / "corpus"
    options = {"force": True} if "force" in inspect.signature(module.generate_corpus).parameters else {}
    # the corpus folder belongs to this benchmark: replace what an earlier run left there
    module.generate_corpus(corpus, articles, seed, **options)
    paths = sorted((corpus / "articles").glob("*.md"))[:articles]
    return [read_document(str(p)) for p in paths], "bench/gen_corpus.py"


def synthetic_documents(articles: int) -> list:
    """Simple articles with figures, targets and dated events, for when gen_corpus.py is absent."""
    from checker.text.ingest import document_from_text

    documents = []
    for n in range(articles):
        year = 2019 + n % 6
        value = 40 + n % 50
        text = (
            f"{year}年，重庆新能源汽车产量达到{value}.3万辆。\n\n"
            f"{year}年{1 + n % 12}月{1 + n % 28}日，第{n}个项目在两江新区正式开工。\n\n"
            f"力争到2027年，重庆先进材料产业产值突破{8000 + 100 * (n % 5)}亿元。\n"
        )
        documents.append(document_from_text(f"synthetic/{n:05d}.md", text, date_override=dt.date(year, 12, 31)))
    return documents


def time_first_render(html_path: Path) -> float | None:
    """Seconds from navigation to the first entry on screen in headless chromium, or None without a browser."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        # playwright is a test-only tool; the build numbers still stand without it
        return None
    if not CHROMIUM.exists():
        # no browser on this machine: report the build alone
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(html_path.resolve().as_uri(), timeout=300_000)
        page.wait_for_selector("li.entry", timeout=300_000)
        elapsed = time.perf_counter() - started
        browser.close()
    return round(elapsed, 2)


if __name__ == "__main__":
    sys.exit(main())
