"""Links that open an article at a line in the editor's own URL scheme, from a template in the configuration.

The template names `{path}` (the absolute path, percent-encoded), `{line}` and `{col}`, e.g.
`vscode://file/{path}:{line}:{col}` or `idea://open?file={path}&line={line}`. A template whose scheme
could run script in the page (javascript:, data:, vbscript:) is refused when the configuration is read.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

from checker.errors import HeduiError

SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
REFUSED_SCHEMES = {"javascript", "data", "vbscript", "blob"}
PLACEHOLDERS = re.compile(r"\{(path|line|col)\}")


def check_editor_url(template: str, source: str) -> str:
    """Validate an editor URL template; return it, or raise HeduiError naming where it was set."""
    match = SCHEME.match(template)
    if match is None:
        raise HeduiError(f"{source}: editor-url must start with a URL scheme, e.g. vscode://file/{{path}}:{{line}}")
    if match.group(1).lower() in REFUSED_SCHEMES:
        raise HeduiError(f"{source}: editor-url: the {match.group(1)}: scheme is refused (it could run script)")
    if "{path}" not in template:
        raise HeduiError(f"{source}: editor-url must contain {{path}} (and usually {{line}})")
    leftover = PLACEHOLDERS.sub("", template)
    if "{" in leftover or "}" in leftover:
        raise HeduiError(f"{source}: editor-url: only {{path}}, {{line}} and {{col}} may stand in braces")
    return template


def editor_link(template: str, path: str, line: int, col: int) -> str:
    """Fill a checked template for one place of one article."""
    absolute = os.path.abspath(path).replace(os.sep, "/")
    values = {"path": quote(absolute, safe="/:"), "line": str(int(line)), "col": str(int(col))}
    return PLACEHOLDERS.sub(lambda m: values[m.group(1)], template)
