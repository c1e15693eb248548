"""`hedui check --fix` / `--diff`: write or show the unambiguous rewrites of a run."""

from __future__ import annotations

import sys

from checker.cli.common import warn
from checker.report.controls import escape_controls

_LEFT_ALONE = ("dismissed", "suppressed")  # an editor decided the text stays as it is


def run_fixes(result, verdicts, *, diff: bool) -> bool:
    """Apply (or, with diff, print) the safe fixes of a run's findings; return whether there were any."""
    from checker.engine.runner import fingerprint
    from checker.report.fix import apply_plans, can_diff, plan_fixes, render_diff

    wanted = [f for f in result.findings if verdicts.statuses.get(fingerprint(f), "new") not in _LEFT_ALONE]
    plans = plan_fixes(result.documents, wanted, warn=warn)
    if diff:
        out = sys.stdout.buffer
        for plan in plans:
            if not can_diff(plan):
                warn(f"{plan.path}: UTF-16 文件无法以 patch 可用的差异显示，请用 --fix")
                continue
            out.write(render_diff(plan))
        out.flush()
        return bool(plans)
    written = apply_plans(plans, warn=warn)
    if written:
        count = sum(len(plan.fixed) for plan in written)
        print(f"hedui: 已修复 {count} 处（{len(written)} 个文件）", file=sys.stderr)
        for plan in written:
            print(f"hedui: fixed {escape_controls(plan.path)}: {len(plan.fixed)}", file=sys.stderr)
    return bool(written)
