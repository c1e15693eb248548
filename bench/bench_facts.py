"""Measure fact linking on the seeds against a hand-made gold (tests/corpus/seed_facts.yaml).

    python bench/bench_facts.py [--hedui "python -m checker.cli"]

Prints recall on the gold's true pairs (both claims carry the same fact key), precision over every pair
of seed claims that share a fact key (a linked pair the gold does not list as true is a false link), and
each trap that was linked. Standard library, PyYAML and the hedui command only.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "corpus" / "seed_facts.yaml"


def load_claims(command: list[str]) -> list[dict]:
    """The claims hedui reads from seeds/, as JSON records."""
    out = subprocess.run([*command, "claims", "seeds", "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f"hedui claims failed ({out.returncode}): {out.stderr[-2000:]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def find_claim(claims: list[dict], named: dict) -> int | None:
    """The index of the claim a gold entry names (file, figure text, words of its sentence), or None."""
    found = [index for index, claim in enumerate(claims)
             if claim["doc"].endswith(Path(named["file"]).name) and claim["text"] == named["text"]
             and named.get("near", "") in (claim.get("sentence") or "") and not claim.get("heading")
             and named.get("relation", claim["relation"]) == claim["relation"]]
    # One figure may give two claims (an enumeration's count and a level): the one with a fact key speaks.
    return next((index for index in found if claims[index].get("fact")), found[0] if found else None)


def measure(claims: list[dict], gold: list[dict]) -> dict:
    """Recall on true pairs, precision over linked pairs, and the traps linked."""
    same, traps, missing = set(), [], []
    for entry in gold:
        a, b = find_claim(claims, entry["a"]), find_claim(claims, entry["b"])
        if a is None or b is None:
            missing.append(entry["why"])
            continue
        pair = (min(a, b), max(a, b))
        if entry["same"]:
            same.add(pair)
        else:
            traps.append((pair, entry["why"]))
    by_fact: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        if claim.get("fact"):
            by_fact[claim["fact"]].append(index)
    linked = {pair for members in by_fact.values() for pair in combinations(sorted(members), 2)}
    found = same & linked
    return {"true_pairs": len(same), "found": len(found), "linked": len(linked),
            "recall": len(found) / max(1, len(same)), "precision": len(found) / max(1, len(linked)),
            "traps_linked": [why for pair, why in traps if pair in linked], "missing": missing,
            "false_links": [(claims[a]["text"], claims[b]["text"], claims[a]["fact"]) for a, b in linked - same]}


def main() -> None:
    """Run the measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hedui", default=f"{sys.executable} -m checker.cli", help="command that runs hedui")
    args = parser.parse_args()
    result = measure(load_claims(shlex.split(args.hedui)), yaml.safe_load(GOLD.read_text(encoding="utf-8")))
    print(f"fact links on seeds: recall {result['recall']:.2f} ({result['found']} of {result['true_pairs']} true "
          f"pairs), precision {result['precision']:.2f} ({result['found']} of {result['linked']} linked pairs)")
    for why in result["traps_linked"]:
        print(f"  trap linked: {why}")
    for a, b, fact in result["false_links"]:
        print(f"  false link: {a} ~ {b} ({fact})")
    for why in result["missing"]:
        print(f"  gold claim not found: {why}")


if __name__ == "__main__":
    main()
