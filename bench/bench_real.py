"""Measure hedui on the real-article corpus (tests/corpus/): loud findings, real errors, understanding, dates.

    python bench/bench_real.py [--split dev|holdout|holdout2..holdout16|all] [--hedui "python -m checker.cli"]

Prints, per split: loud findings (error/warning) per 10 articles, by rule; how many of the corpus's
verified real errors a loud finding points at; the share of claims with subject, metric and period
known; for the hand-checked figures, how often the claim found at the same place has the role, subject
and period of the gold; and how many text-dated articles get a document date within two days.
Loud findings on this corpus are false alarms unless the corpus lists them under `errors`.
Standard library, PyYAML, the hedui command, and hedui's claim lexicon (to read a gold subject written 松原市 as the
松原 hedui names it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
# Gold roles and the relations hedui gives the same role.
ROLE_RELATIONS = {
    "level": {"level"}, "rate": {"change_pct", "change_pct_down", "cagr"}, "increment": {"increment"},
    "points": {"points", "gap"}, "multiple": {"times_by", "times_to", "times_down"}, "share": {"share"},
    "rank": {"rank"}, "count": {"count", "level"},
}


def run_hedui(command: list[str], verb: str, files: list[Path]) -> str:
    """Run one hedui command over the files and return its standard output."""
    options = {"check": ["--no-cache", "--format", "json"], "claims": ["--no-cache"], "extract": ["--format", "jsonl"]}
    out = subprocess.run([*command, verb, *map(str, files), *options[verb]], capture_output=True, text=True, cwd=ROOT)
    if out.returncode not in (0, 1):
        sys.exit(f"hedui {verb} failed ({out.returncode}): {out.stderr[-2000:]}")
    return out.stdout


def load_entries(split: str) -> list[dict]:
    """The corpus entries of a split."""
    entries = yaml.safe_load((CORPUS / "corpus.yaml").read_text(encoding="utf-8"))
    return [e for e in entries if split == "all" or e["split"] == split]


def load_adjudication() -> list[dict]:
    """The reviewed verdicts on loud findings (tests/corpus/adjudication.yaml)."""
    path = CORPUS / "adjudication.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or [] if path.exists() else []


def finding_doc(finding: dict) -> str:
    """The file name of the article a finding points into."""
    docs = [c.get("doc", "") for c in finding.get("claims", [])]
    return Path(docs[0]).name if docs else ""


def verdict_of(finding: dict, verdicts: list[dict]) -> str:
    """The adjudicated verdict of a loud finding: true, false-alarm, debatable, or unadjudicated."""
    texts = [c.get("text", "") for c in finding.get("claims", [])]
    for entry in verdicts:
        if (Path(entry["file"]).name == finding_doc(finding) and entry["rule"] == finding["rule"]
                and entry["text"] in texts):
            return str(entry["verdict"])
    return "unadjudicated"


def measure_findings(report: dict, entries: list[dict]) -> dict:
    """Loud findings per 10 articles by rule and by verdict, and the verified errors a loud finding points at."""
    names = {Path(e["file"]).name for e in entries}
    loud = [f for f in report["findings"] if f["severity"] in ("error", "warning") and finding_doc(f) in names]
    verdicts = load_adjudication()
    by_verdict = Counter(verdict_of(f, verdicts) for f in loud)
    errors = [(e["file"], err) for e in entries for err in (e.get("errors") or [])]
    caught = 0
    for file, error in errors:
        wanted = list(error.get("sentences", []))
        hits = [f for f in loud if finding_doc(f) == Path(file).name
                and any(any(w[:20] in (c.get("sentence") or "") for w in wanted) for c in f.get("claims", []))]
        caught += bool(hits)
    # A loud finding nobody has judged counts as a false alarm until someone does.
    false_alarms = by_verdict["false-alarm"] + by_verdict["unadjudicated"]
    return {"articles": len(entries), "loud": len(loud), "per10": 10 * len(loud) / max(1, len(entries)),
            "by_rule": dict(Counter(f["rule"] for f in loud)), "by_verdict": dict(by_verdict),
            "false_per10": 10 * false_alarms / max(1, len(entries)), "real_errors": len(errors), "caught": caught}


def measure_generated(articles: int) -> dict:
    """Recall and precision on a generated corpus (bench/gen_corpus.py), from bench_check.py's scoring."""
    script = str(ROOT / "bench" / "bench_check.py")
    out = subprocess.run([sys.executable, script, "--generate", str(articles), "--json"],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f"bench_check.py failed ({out.returncode}): {out.stderr[-2000:]}")
    total = json.loads(out.stdout)["score"]["total"]
    return {"articles": articles, "recall": total["recall"], "precision": total["precision"],
            "injected": total["injected"], "found": total["found"]}


def measure_claims(lines: str, entries: list[dict]) -> dict:
    """Coverage of subject, metric and period, and agreement with the hand-checked figures."""
    claims = [json.loads(line) for line in lines.splitlines() if line.strip()]
    # A metric of no words prints as "|": it is no known metric.
    known = [c for c in claims if c.get("subject") and c.get("metric") not in (None, "", "|")
             and not str(c["metric"]).startswith("?") and c.get("period")]
    by_text: dict[tuple[str, str], list[dict]] = {}
    for claim in claims:
        by_text.setdefault((Path(claim.get("doc", "")).name, claim.get("text", "")), []).append(claim)
    subjects = _canonical_subjects()
    gold = found = role_ok = subject_ok = period_ok = 0
    seasons = _holiday_calendar()
    for entry in entries:
        name = Path(entry["file"]).name
        for sentence in entry.get("sentences") or []:
            for figure in sentence.get("figures") or []:
                gold += 1
                candidates = [c for c in by_text.get((name, figure["surface"]), [])
                              if figure["surface"] and sentence["text"][:12] in (c.get("sentence") or "")]
                if not candidates:
                    continue
                claim = candidates[0]
                found += 1
                role_ok += claim.get("relation") in ROLE_RELATIONS.get(figure.get("role", ""), set())
                subject = figure.get("subject")
                subject_ok += subject == "?" or subjects.get(subject, subject) == claim.get("subject")
                period = str(figure.get("period", "?"))
                period_ok += period == "?" or _gold_span(period, seasons) == (claim.get("period_start"),
                                                                              claim.get("period_end"))
    return {"claims": len(claims), "understood": len(known) / max(1, len(claims)), "gold_figures": gold,
            "found": found, "role_ok": role_ok, "subject_ok": subject_ok, "period_ok": period_ok}


def _holiday_calendar() -> dict[tuple[int, str], tuple[str, str]]:
    """The days of each holiday and travel season by year and name (2024, 春运), from hedui's holiday lexicon."""
    data = yaml.safe_load((ROOT / "rules" / "lexicon" / "holidays.yaml").read_text(encoding="utf-8"))
    return {(int(year), name): (str(days[0]), str(days[1]))
            for year, holidays in (data.get("calendar") or {}).items() for name, days in holidays.items()}


def _gold_span(period: str, seasons: dict[tuple[int, str], tuple[str, str]]) -> tuple[str, str] | None:
    """The first and last day (ISO) of a gold period: 2025, 2021..2025, 2022-Q1, 2022-H1, 2021-01..2021-07,
    2025-12-31, 2024春运, 2023五一假期 (the corpus README's forms), or None for a form it does not know."""
    first, _, last = period.partition("..")
    start, end = _gold_bounds(first, seasons), _gold_bounds(last or first, seasons)
    return (start[0], end[1]) if start and end else None


def _gold_bounds(part: str, seasons: dict[tuple[int, str], tuple[str, str]]) -> tuple[str, str] | None:
    """The first and last day (ISO) of one gold period without a range: a year, quarter, half, month, day, holiday."""
    year, rest = part[:4], part[4:]
    if not year.isdigit():
        # No year first: no form of the README.
        return None
    months = {"": (1, 12), "-Q1": (1, 3), "-Q2": (4, 6), "-Q3": (7, 9), "-Q4": (10, 12), "-H1": (1, 6), "-H2": (7, 12)}
    if rest in months:
        low, high = months[rest]
    elif len(rest) == 3 and rest[1:].isdigit():
        low = high = int(rest[1:])
    elif len(rest) == 6 and rest[1:3].isdigit() and rest[4:].isdigit():
        return f"{part}", f"{part}"
    else:
        # A holiday or travel season (2023五一假期, 2024春节假期, 2024春运): its days in hedui's calendar.
        name = rest.removesuffix("假期")
        return seasons.get((int(year), {"五一": "劳动节", "端午节": "端午"}.get(name, name)))
    last = (dt.date(int(year) + high // 12, high % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
    return f"{year}-{low:02d}-01", last


def _canonical_subjects() -> dict[str, str]:
    """Each name of a subject in hedui's default claim lexicon, mapped to the name claims give it (松原市 → 松原)."""
    sys.path.insert(0, str(ROOT))
    from checker.run.pipeline import load_pack_and_lexicon

    _, lexicon = load_pack_and_lexicon([])
    return dict(lexicon.subjects)


def measure_dates(lines: str, entries: list[dict]) -> dict:
    """Text-dated articles whose inferred document date is within two days of the real one."""
    records = [json.loads(line) for line in lines.splitlines() if line.strip()]
    dates = {Path(r["doc"]).name: r.get("dct") for r in records if r.get("type") == "document"}
    dated = [e for e in entries if e.get("date_in_text")]
    right = 0
    for entry in dated:
        inferred = dates.get(Path(entry["file"]).name)
        if inferred and abs((dt.date.fromisoformat(inferred) - dt.date.fromisoformat(str(entry["date"]))).days) <= 2:
            right += 1
    return {"text_dated": len(dated), "within_two_days": right}


def main() -> None:
    """Run the measurements for one split and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    splits = ("dev", "holdout", *(f"holdout{n}" for n in range(2, 17)), "all")
    parser.add_argument("--split", choices=splits, default="all")
    parser.add_argument("--hedui", default=f"{sys.executable} -m checker.cli", help="command that runs hedui")
    parser.add_argument("--generated", type=int, default=0, metavar="N",
                        help="also score N generated articles (bench/gen_corpus.py) for the side-by-side view")
    args = parser.parse_args()
    command = shlex.split(args.hedui)
    entries = load_entries(args.split)
    files = [CORPUS / e["file"] for e in entries]
    findings = measure_findings(json.loads(run_hedui(command, "check", files)), entries)
    claims = measure_claims(run_hedui(command, "claims", files), entries)
    dates = measure_dates(run_hedui(command, "extract", files), entries)
    print(f"split {args.split}: {findings['articles']} real articles")
    print(f"  loud findings: {findings['loud']} ({findings['per10']:.2f} per 10 articles) {findings['by_rule']}")
    print(f"  adjudicated: {findings['by_verdict']}; false alarms (incl. unadjudicated) "
          f"{findings['false_per10']:.2f} per 10 articles")
    print(f"  verified real errors caught at warning or above: {findings['caught']} of {findings['real_errors']}")
    print(f"  claims: {claims['claims']}, with subject, known metric and period: {claims['understood']:.1%}")
    print(f"  hand-checked figures: {claims['gold_figures']}, found as claims {claims['found']}, "
          f"role right {claims['role_ok']}, subject right {claims['subject_ok']}, period right {claims['period_ok']}")
    print(f"  document dates within two days: {dates['within_two_days']} of {dates['text_dated']} text-dated articles")
    if args.generated:
        gen = measure_generated(args.generated)
        recall = findings["caught"] / findings["real_errors"] if findings["real_errors"] else float("nan")
        print(f"side by side        real ({args.split})        generated ({gen['articles']} articles)")
        print(f"  false alarms / 10 {findings['false_per10']:<20.2f} "
              f"{10 * (1 - gen['precision']) * gen['found'] / gen['articles']:.2f}")
        print(f"  recall            {recall:<20.2f} {gen['recall']:.2f} ({gen['found']}/{gen['injected']})")


if __name__ == "__main__":
    main()
