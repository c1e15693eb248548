"""Shared helpers of the review and HTML-report tests: a corpus with a hostile article, and its check."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT_TAG = "<script>alert(1)</script>"
IMG_TAG = '"><img src=x onerror=alert(1)>'
# An article whose text and title try to inject markup; its two wording slips are real findings,
# so the hostile text is part of the evidence every page shows. Warnings only: the seeds' errors
# stay the only errors.
HOSTILE_ARTICLE = f"""---
title: 测试{SCRIPT_TAG}
date: 2025-11-20
---
# 标题{SCRIPT_TAG}

某地{IMG_TAG}的投资成本仅为15~30%，{SCRIPT_TAG}全市约10万人左右参加。
"""


def make_corpus(folder: Path) -> Path:
    """Copy the seeds into folder/seeds and add the hostile article; return the seeds folder."""
    seeds = folder / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "zz_hostile.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return seeds


def check_corpus(seeds: Path):
    """Run the checker over a folder as `hedui review` does; return the check result."""
    from checker.cli.common import load_run
    from checker.cli.main import _build_parser

    args = _build_parser().parse_args(["review", str(seeds), "--no-cache", "--quiet"])
    _, result, failed = load_run(args)
    assert not failed
    return result
