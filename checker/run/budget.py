"""A per-article time budget: an analysis that runs past it is stopped and reported as too complex."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator

from checker.model import Finding, Span

TOO_COMPLEX_RULE = "too-complex"  # the rule id of a finding on an article whose analysis ran past its budget
DEFAULT_BUDGET = 60.0  # seconds per article; ordinary articles take milliseconds


class BudgetExceeded(BaseException):  # not an Exception: no rule code may swallow it
    """The analysis of one article ran past its time budget."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded inside the block once it has run for more than `seconds`.

    A real-time timer interrupts the analysis where signals can be used (the main thread of a
    process, as in the pool's workers); elsewhere (a Dask worker's thread) the time is checked when
    the block ends, so an overlong analysis is still reported, only not cut short.
    """
    if seconds <= 0:
        # A budget of 0 switches the limit off.
        yield
        return
    start = time.monotonic()
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        # No timer signal here: measure instead of interrupting.
        yield
        if time.monotonic() - start > seconds:
            raise BudgetExceeded
        return

    def expire(_signum, _frame) -> None:
        """Stop the analysis where it stands."""
        raise BudgetExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def too_complex_finding(path: str, seconds: float) -> Finding:
    """A warning on an article whose analysis was stopped at its time budget."""
    message = (f"文章 {path} 过于复杂：分析超过时间上限 {seconds:g} 秒后停止，本文未检查；其余文章照常检查"
               "（可在配置中用 time-budget 调整上限）")
    return Finding(rule=TOO_COMPLEX_RULE, kind=TOO_COMPLEX_RULE, severity="warning", message=message, claims=(),
                   spans=((path, Span(0, 0), ""),))
