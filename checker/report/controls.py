"""Control characters made visible, so nothing read from an article, file name or decisions file drives a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls and DEL: an ESC from an article name or a decisions file could recolour or rewrite the terminal.
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """Show control characters as \\xNN, so nothing read from a file can drive a terminal or break a line."""
    return CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
