"""The project's own import graph, read from the source with ast (function-local imports included)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGES = ("checker", "timeline")


def module_name(path: Path, root: Path) -> str:
    """Return the dotted module name of a source file under root."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Return the line numbers inside `if TYPE_CHECKING:` blocks (imports there never run)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def _resolve(name: str, modules: set[str]) -> str | None:
    """Return the longest project module that an imported dotted name refers to."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def build_import_graph(root: Path) -> dict[str, set[str]]:
    """Map each project module to the project modules it imports."""
    files = {module_name(p, root): p for pkg in PACKAGES for p in (root / pkg).rglob("*.py")}
    modules = set(files)
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_lines(tree)
        targets: set[str] = set()
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for imported in names:
                found = _resolve(imported, modules)
                if found and found != name:
                    targets.add(found)
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one cycle of the graph as a list of nodes, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def stage_of(module: str) -> str:
    """Return the stage folder of a module: checker.<folder>, or the module itself when loose."""
    parts = module.split(".")
    return ".".join(parts[:2])


def build_stage_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Collapse the module graph to stage folders (an edge per import between two folders)."""
    stages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        edges = stages.setdefault(stage_of(module), set())
        edges.update(stage_of(t) for t in targets if stage_of(t) != stage_of(module))
    return stages
