"""Time each adversarial input of issue 15 at two sizes and print the growth exponent.

Usage: python bench/bench_adversarial.py [--small CHARS] [--large CHARS] [--only NAME]

Each row builds one input at --small and at --large characters (default 10,000 and 100,000), times
the step it attacks (best of a few runs), and prints log(t_large / t_small) / log(large / small): 1.0
is linear growth; the target is at most 1.2. A benchmark, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run from a checkout without installing

TARGET_EXPONENT = 1.2
NOISE_S = 1e-3


def make_unclosed_disable(size: int) -> str:
    """An unclosed <!-- hedui-disable followed by spaces (once cubic in the suppression regex)."""
    head = "产值12亿元。\n\n<!-- hedui-disable "
    return head + " " * (size - len(head))


def make_run_on_sentence(size: int) -> str:
    """One figure per line, every line wrapped into the next: one sentence of many figures."""
    line = "产值增长到12亿元\n"
    return line * (size // len(line))


def make_comma_sentence(size: int) -> str:
    """One sentence of many clauses, each with a figure and a change."""
    clause = "某区产值从3亿元增长到12亿元，增长了3倍，"
    return clause * (size // len(clause)) + "。"


def make_whitespace_run(size: int) -> str:
    """A sentence with a long run of spaces between its words and its figure."""
    head, tail = "今年全市规上工业产值", "增长到12亿元。\n"
    return head + " " * (size - len(head) - len(tail)) + "x" + tail


def make_fifty_figure_sentences(size: int) -> str:
    """Sentences of fifty figures each (levels and rates), one after another."""
    sentence = "，".join(f"产值{i + 1}.5亿元，增长{i % 9 + 1}.2%" for i in range(25)) + "。\n"
    return sentence * max(1, size // len(sentence))


def make_unpunctuated_sentence(size: int) -> str:
    """One sentence of words and figures without any punctuation, as long as the input."""
    words = "全市规上工业产值增长到12亿元同比增长5.3%其中汽车产量3万辆比上年增加2000辆"
    return words * (size // len(words)) + "。"


def make_nested_brackets(size: int) -> str:
    """Brackets nested deeply around figures: （据（某（局）统计）产值（12亿元）…）."""
    depth = 50
    sentence = "（" * depth + "产值12亿元，增长5%" + "）" * depth + "。\n"
    return sentence * max(1, size // len(sentence))


def make_mixed_scripts(size: int) -> str:
    """Chinese mixed with Latin, Cyrillic, Arabic, emoji, full-width digits and combining marks."""
    piece = "产值１２亿元 GDP增长5% Рост 3,5% نمو ٥٪ 📈 e\u0301 Ω≈ 增长到１２．５亿元 ｜ 𠀀字"
    return (piece + "\n") * max(1, size // (len(piece) + 1))


def time_best(step: Callable[[], object], runs: int = 3) -> float:
    """The best wall time of a few runs of step."""
    best = math.inf
    for _ in range(runs):
        began = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - began)
    return best


def build_steps() -> dict[str, Callable[[int], Callable[[], object]]]:
    """For each adversarial input, a function from size to the step to time."""
    from checker.extract.resources import load_resources
    from checker.report.sarif import align_replacement
    from checker.run.pipeline import analyze_document, load_pack_and_lexicon
    from checker.text.ingest import document_from_text
    from checker.triage.status import find_suppressions

    resources = load_resources()
    pack, lexicon = load_pack_and_lexicon([])

    def analyse(make: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
        """Read and analyse a whole article built by make."""
        return lambda size: lambda: analyze_document(
            document_from_text("bench.md", make(size)), resources, lexicon, pack)

    def suppressions(size: int) -> Callable[[], object]:
        """Find the inline suppressions of the unclosed comment."""
        doc = document_from_text("bench.md", make_unclosed_disable(size))
        return lambda: find_suppressions(doc)

    def sarif_alignment(size: int) -> Callable[[], object]:
        """Align a replacement as long as a range with a size-digit number."""
        number = "9" * size
        text = f"产值从{number}亿元增长到{number}亿元。"
        start = text.index("增长")
        return lambda: align_replacement(text, start, start + 2 + len(number) + 2, f"增长了{number}亿元")

    return {
        "sarif replacement alignment": sarif_alignment,
        "unclosed hedui-disable + spaces": suppressions,
        "unclosed hedui-disable (whole run)": analyse(make_unclosed_disable),
        "run-on sentence, a figure per line": analyse(make_run_on_sentence),
        "one sentence of many clauses": analyse(make_comma_sentence),
        "whitespace run inside a sentence": analyse(make_whitespace_run),
        "sentences of fifty figures": analyse(make_fifty_figure_sentences),
        "one sentence without punctuation": analyse(make_unpunctuated_sentence),
        "brackets nested fifty deep": analyse(make_nested_brackets),
        "mixed scripts": analyse(make_mixed_scripts),
    }


def main(argv: list[str] | None = None) -> int:
    """Print one row per adversarial input: the times at both sizes and the growth exponent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--only", help="run only the rows whose name contains this")
    args = parser.parse_args(argv)
    print(f"{'input':40} {args.small:>9,}  {args.large:>9,}  exponent")
    worst = 0.0
    for name, prepare in build_steps().items():
        if args.only and args.only not in name:
            continue  # a row the caller did not ask for
        small = time_best(prepare(args.small))
        large = time_best(prepare(args.large), runs=1)
        # Below a millisecond a time is noise: both sizes at the floor read as no growth at all.
        exponent = math.log(max(large, NOISE_S) / max(small, NOISE_S)) / math.log(args.large / args.small)
        worst = max(worst, exponent)
        flag = "" if exponent <= TARGET_EXPONENT else "  <- above target"
        print(f"{name:40} {small:8.3f}s  {large:8.3f}s  {exponent:8.2f}{flag}", flush=True)
    print(f"worst exponent {worst:.2f} (target ≤ {TARGET_EXPONENT})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
