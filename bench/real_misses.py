"""List the hand-checked figures of the real-article corpus whose claim has the wrong period or subject.

    python bench/real_misses.py [--split holdout11|all|…] [--what period|subject|both] [--claims FILE]
                                [--hedui "python -m checker.cli"]

For each figure of tests/corpus/corpus.yaml found as a claim (the same matching as bench_real.py), prints
the article, the figure, the gold and hedui's period (as first and last day, with hedui's period words) or
subject, and the start of the sentence; then a count by gold → hedui pair so that patterns show.
`--claims FILE` reads a saved `hedui claims` output (JSON lines) instead of running hedui.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_real  # noqa: E402


def find_misses(lines: str, entries: list[dict], what: str) -> list[dict]:
    """The found figures whose claim's period or subject differs from the gold, one record each."""
    import json

    claims = [json.loads(line) for line in lines.splitlines() if line.strip()]
    by_text: dict[tuple[str, str], list[dict]] = {}
    for claim in claims:
        by_text.setdefault((Path(claim.get("doc", "")).name, claim.get("text", "")), []).append(claim)
    subjects = bench_real._canonical_subjects()
    seasons = bench_real._holiday_calendar()
    misses = []
    for entry in entries:
        name = Path(entry["file"]).name
        for sentence in entry.get("sentences") or []:
            for figure in sentence.get("figures") or []:
                candidates = [c for c in by_text.get((name, figure["surface"]), [])
                              if figure["surface"] and sentence["text"][:12] in (c.get("sentence") or "")]
                if not candidates:
                    continue
                claim = candidates[0]
                base = {"file": name, "surface": figure["surface"], "sentence": sentence["text"],
                        "metric": figure.get("metric"), "hedui_metric": claim.get("metric")}
                period = str(figure.get("period", "?"))
                got = (claim.get("period_start"), claim.get("period_end"))
                if what in ("period", "both") and period != "?" and bench_real._gold_span(period, seasons) != got:
                    misses.append({**base, "kind": "period", "gold": period,
                                   "gold_span": bench_real._gold_span(period, seasons),
                                   "got": f"{got[0]}..{got[1]} ({claim.get('period')})"})
                subject = figure.get("subject")
                if (what in ("subject", "both") and subject != "?"
                        and subjects.get(subject, subject) != claim.get("subject")):
                    misses.append({**base, "kind": "subject", "gold": subject, "got": str(claim.get("subject"))})
    return misses


def main() -> None:
    """List the misses of one split and count them by gold and hedui value."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="holdout11")
    parser.add_argument("--what", choices=("period", "subject", "both"), default="both")
    parser.add_argument("--claims", help="saved `hedui claims` output (JSON lines) to read instead of running hedui")
    parser.add_argument("--hedui", default=f"{sys.executable} -m checker.cli", help="command that runs hedui")
    args = parser.parse_args()
    entries = bench_real.load_entries(args.split)
    if args.claims:
        lines = Path(args.claims).read_text(encoding="utf-8")
    else:
        lines = bench_real.run_hedui(shlex.split(args.hedui), "claims",
                                     [bench_real.CORPUS / e["file"] for e in entries])
    misses = find_misses(lines, entries, args.what)
    for miss in misses:
        print(f"{miss['kind']:7} {miss['file'][:28]:28} {miss['surface']:>12}  gold {miss['gold']}"
              f"  hedui {miss['got']}  [{miss['metric']} / {miss['hedui_metric']}]  {miss['sentence'][:60]}")
    print()
    for (kind, gold, got), count in Counter((m["kind"], m["gold"], m["got"]) for m in misses).most_common(40):
        print(f"{count:4} {kind:7} gold {gold}  hedui {got}")
    print(f"misses: {dict(Counter(m['kind'] for m in misses))}")


if __name__ == "__main__":
    main()
