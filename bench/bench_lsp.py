"""Latency of `hedui lsp`: one keystroke's check of a 5,000-character article against a warm archive.

Usage: python bench/bench_lsp.py [--articles 1000] [--chars 5000] [--runs 30] [--seed 0] [--json]

Generates an archive with bench/gen_corpus.py in the temporary folder (reused when it exists; not in
bench/out/, which .gitignore hides from hedui's walk),
warms the analysis cache, then measures
  - in process: Checker.check on the edited article (the work a keystroke triggers after the debounce),
    each run on a text changed by one character, as median, p95 and max;
  - over stdio: a real client (pygls) sends didChange to `python -m checker.cli lsp --debounce 0` and waits
    for the publishDiagnostics of that version, as median and p95 (protocol and JSON included).
The target is a median under 200 ms for both.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
TARGET_MS = 200.0
# A 增长X倍 statement whose X fits only 增长到 (57.9 / 3.2 = 18.09), so every check has a finding to publish.
ERROR_LINE = "西安市光伏组件产量从2019年的3.2万千瓦增至2024年的57.9万千瓦，五年增长18.1倍。\n"


def prepare_archive(articles: int, seed: int) -> Path:
    """The generated archive folder (generated once per size and seed)."""
    sys.path.insert(0, str(BENCH))
    from gen_corpus import generate_corpus

    folder = Path(tempfile.gettempdir()) / f"hedui-bench-lsp-{articles}-{seed}"
    if not (folder / "articles").is_dir():
        generate_corpus(folder, articles, seed, force=True)
    return folder


def build_article(archive: Path, chars: int) -> str:
    """An article of about chars characters: paragraphs of archive articles' bodies and one 倍 error."""
    body: list[str] = ["---\ndate: 2025-06-01\n---\n", ERROR_LINE]
    for path in sorted((archive / "articles").iterdir()):
        text = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        for paragraph in text.split("\n\n"):
            if sum(map(len, body)) + len(paragraph) > chars:
                return "".join(body)
            body.append(paragraph.strip() + "\n\n")
    return "".join(body)


def measure_in_process(archive: Path, text: str, runs: int) -> dict[str, Any]:
    """Time the archive load (warm cache) and each keystroke's check in this process."""
    sys.path.insert(0, str(REPO))
    from checker.lsp.checking import Checker, load_archive, settle_memory
    from checker.run.config import load_config

    config = load_config(start=archive)
    checker = Checker.load(config)
    load_archive(checker, [str(archive / "articles")])  # warms the cache (a cold analysis on the first run)
    started = time.perf_counter()
    index = load_archive(checker, [str(archive / "articles")])
    warm_load = time.perf_counter() - started
    settle_memory()  # as the server does after each archive load
    path = str(archive / "draft.md")
    times, findings = [], 0
    for run in range(runs + 1):
        edited = text + ("。" if run % 2 else "")
        started = time.perf_counter()
        checked = checker.check(path, edited, index)
        elapsed = time.perf_counter() - started
        if run:  # the first check pays for lazy imports and compiled patterns
            times.append(elapsed * 1000)
        findings = len(checked.findings)
    claims = sum(len(members) for members in index.families.values())
    return {"archive_claims": claims, "archive_load_warm_s": round(warm_load, 2), "findings": findings,
            **_summary(times)}


def measure_stdio(archive: Path, text: str, runs: int, settle_s: float) -> dict[str, Any]:
    """Time didChange → publishDiagnostics over stdio with a real client."""
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    async def scenario() -> list[float]:
        client = LanguageClient("bench", "1")
        published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

        def collect(params: types.PublishDiagnosticsParams) -> None:
            """Keep each publication."""
            published.put_nowait(params)

        client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(collect)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
        await client.start_io(sys.executable, "-m", "checker.cli", "lsp", "--debounce", "0", "--archive",
                              str(archive / "articles"), cwd=str(archive), env=env)
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                             root_uri=archive.as_uri()))
        client.initialized(types.InitializedParams())
        uri = (archive / "draft.md").as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
        await asyncio.sleep(settle_s)  # let the archive load and the first checks pass
        while not published.empty():
            published.get_nowait()
        times = []
        for version in range(2, runs + 2):
            change = types.TextDocumentContentChangeWholeDocument(text=text + ("。" if version % 2 else ""))
            started = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))
            while (await asyncio.wait_for(published.get(), 60)).version != version:
                pass
            times.append((time.perf_counter() - started) * 1000)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return times

    return _summary(asyncio.run(scenario()))


def _summary(times: list[float]) -> dict[str, Any]:
    """Median, p95 and max of millisecond timings, and whether the median meets the target."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    median = statistics.median(ordered)
    return {"runs": len(ordered), "median_ms": round(median, 1), "p95_ms": round(p95, 1),
            "max_ms": round(ordered[-1], 1), "meets_target": median < TARGET_MS}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="archive size (default 1000)")
    parser.add_argument("--chars", type=int, default=5000, help="edited article size in characters (default 5000)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    archive = prepare_archive(args.articles, args.seed)
    text = build_article(archive, args.chars)
    result = {"articles": args.articles, "chars": len(text),
              "in_process": measure_in_process(archive, text, args.runs),
              }
    # The server loads its resources and the archive before the timed edits: wait well past both.
    result["stdio"] = measure_stdio(archive, text, args.runs, 5 + 2 * result["in_process"]["archive_load_warm_s"])
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"archive {args.articles} articles, edited article {len(text)} characters, "
          f"target median < {TARGET_MS:.0f} ms")
    process = result["in_process"]
    print(f"archive load (warm cache): {process['archive_load_warm_s']} s, "
          f"{process['archive_claims']} comparable claims; findings in the article: {process['findings']}")
    for name in ("in_process", "stdio"):
        row = result[name]
        verdict = "ok" if row["meets_target"] else "SLOW"
        print(f"{name:>10}: median {row['median_ms']} ms, p95 {row['p95_ms']} ms, max {row['max_ms']} ms "
              f"over {row['runs']} runs  [{verdict}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
