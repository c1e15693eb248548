"""One source line cut to a terminal width around a figure, with carets under it, in display columns.

Widths are East-Asian aware (Unicode's East_Asian_Width, as wcwidth counts them): a Chinese
character, a full-width digit or an emoji takes two columns, a combining mark or a format
character none, so the carets stand under the figure in any terminal.
"""

from __future__ import annotations

from checker.report.controls import escape_controls

CONTEXT = 30  # characters of context on either side of the figure at most
MORE = "..."  # marks a cut; plain ASCII, one column a dot in every terminal


def display_width(text: str) -> int:
    """The columns a text takes in a terminal (control characters shown as \\xNN)."""
    return sum(_cell(ch) for ch in escape_controls(text))


def _cell(ch: str) -> int:
    """Columns of one character: 0 for combining marks and format characters, 2 for wide ones, else 1."""
    import unicodedata

    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf") or ch == "\u200b":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _units(text: str) -> list[tuple[str, int]]:
    """The characters of a text as shown (controls escaped, tabs as a space) with their widths."""
    units = []
    for ch in text:
        shown = " " if ch == "\t" else escape_controls(ch)
        units.append((shown, sum(_cell(c) for c in shown)))
    return units


def cut_snippet(line: str, start: int, end: int, width: int | None) -> tuple[str, str]:
    """(the line cut around line[start:end], the caret line under it), both at most `width` columns wide."""
    units = _units(line)
    end = max(min(end, len(units)), start + 1) if start < len(units) else start
    left, right = max(0, start - CONTEXT), min(len(units), end + CONTEXT)
    budget = None if width is None else max(width, 8)

    def fits(a: int, b: int) -> bool:
        """True when units[a:b] and its cut marks fit the budget."""
        if budget is None:
            return True
        marks = (len(MORE) if a > 0 else 0) + (len(MORE) if b < len(units) else 0)
        return sum(w for _, w in units[a:b]) + marks <= budget

    a, b = start, min(end, len(units))
    while b > a + 1 and not fits(a, b):
        # A figure wider than the terminal: keep its start.
        b -= 1
    grew = True
    while grew:
        grew = False
        if a > left and fits(a - 1, b):
            a, grew = a - 1, True
        if b < right and fits(a, b + 1):
            b, grew = b + 1, True
    head = MORE if a > 0 else ""
    tail = MORE if b < len(units) else ""
    if budget is not None and sum(w for _, w in units[a:b]) + len(head) + len(tail) > budget:
        # Only the figure's first character fits (a \xNN escape in a narrow terminal): no room for cut marks.
        head = tail = ""
    shown = head + "".join(s for s, _ in units[a:b]) + tail
    offset = len(head) + sum(w for _, w in units[a:start])
    marks = max(sum(w for _, w in units[start:min(end, b)]), 1)
    if budget is not None and offset + marks > budget:
        # A figure of zero width (a lone combining mark) at the very edge: its caret stays inside the width.
        offset = max(0, budget - marks)
    return shown, " " * offset + "^" * marks
