"""Display dates of timeline periods, written the way Chinese news writes them."""

from __future__ import annotations

import datetime as dt

QUARTER_NAMES = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}
LEADING_QUARTERS = {6: "上半年", 9: "前三季度", 12: ""}


def render_period(start: dt.date, end: dt.date, granularity: str, kind: str = "period") -> str:
    """Write a period as a display date: 2025年, 2025年11月, 2025年前三季度, 截至2025年11月25日."""
    if kind == "asof":
        return f"截至{_day(start)}"
    if granularity in ("year", "years"):
        return f"{start.year}年" if start.year == end.year else f"{start.year}—{end.year}年"
    if granularity in ("quarter", "half"):
        return _quarters(start, end)
    if granularity == "month":
        return _months(start, end)
    if start == end:
        return _day(start)
    if start.year == end.year:
        return f"{_day(start)}至{end.month}月{end.day}日"
    return f"{_day(start)}至{_day(end)}"


def _day(day: dt.date) -> str:
    """2025年11月25日."""
    return f"{day.year}年{day.month}月{day.day}日"


def _months(start: dt.date, end: dt.date) -> str:
    """2025年11月, 2025年1—10月, 2024年9月—2025年2月."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year}年{start.month}月"
    if start.year == end.year:
        return f"{start.year}年{start.month}—{end.month}月"
    return f"{start.year}年{start.month}月—{end.year}年{end.month}月"


def _quarters(start: dt.date, end: dt.date) -> str:
    """2025年一季度, 2025年上半年, 2025年前三季度, 2025年下半年."""
    if start.year != end.year:
        # a span across years is no quarter a reader knows by name: say its months
        return _months(start, end)
    if start.month == 1 and end.month in LEADING_QUARTERS:
        return f"{start.year}年{LEADING_QUARTERS[end.month]}"
    if start.month == 7 and end.month == 12:
        return f"{start.year}年下半年"
    if end.month - start.month == 2 and start.month % 3 == 1:
        return f"{start.year}年{QUARTER_NAMES[(start.month + 2) // 3]}"
    return _months(start, end)

