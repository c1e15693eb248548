"""The package's shape: stage folders that import only the stages below them, and a real wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.importgraph import build_import_graph, build_stage_graph, find_cycle

ROOT = Path(__file__).resolve().parent.parent
# The data flow of DESIGN.md, lowest first: a stage may import only stages listed before it.
STAGES = ("checker.text", "checker.extract", "checker.claims", "checker.engine", "checker.triage",
          "checker.run", "checker.report", "checker.review", "checker.lsp",
          "checker.cli")


def _graph() -> dict[str, set[str]]:
    """The import graph of checker and timeline."""
    return build_import_graph(ROOT)


def test_no_import_cycle_between_modules():
    """No chain of imports leads from a module back to itself."""
    assert find_cycle(_graph()) is None


def test_no_import_cycle_between_stage_folders():
    """Collapsed to stage folders, the import graph is acyclic."""
    assert find_cycle(build_stage_graph(_graph())) is None


def test_stages_import_only_the_stages_below():
    """Each stage folder imports only stages earlier in the data flow."""
    stages = build_stage_graph(_graph())
    for rank, stage in enumerate(STAGES):
        above = set(STAGES[rank + 1:])
        assert not stages.get(stage, set()) & above, f"{stage} imports {stages[stage] & above}"


def test_nothing_imports_the_command_line_package():
    """Only checker.cli's own modules import checker.cli."""
    for module, targets in _graph().items():
        if not module.startswith("checker.cli"):
            assert not any(t.startswith("checker.cli") for t in targets), module


def test_few_loose_modules_in_checker():
    """At most eight modules remain directly in checker/ (the rest live in stage folders)."""
    loose = [p.name for p in (ROOT / "checker").glob("*.py")]
    assert len(loose) <= 8, loose


def test_every_package_folder_ships_in_the_wheel():
    """pyproject's package list names every package folder and maps rules/ into the package."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {".".join(p.parent.relative_to(ROOT).parts) for pkg in ("checker", "timeline")
               for p in (ROOT / pkg).rglob("__init__.py")}
    assert folders | {"checker.rules"} == set(config["packages"])
    assert config["package-dir"] == {"checker.rules": "rules"}


def test_command_modules_leave_the_run_to_the_run_stage():
    """Commands ask checker.run.assemble for a run; none assembles corpus, cache and rules itself."""
    assembly = {"checker.run.corpus", "checker.run.dates_across", "checker.run.cache"}
    for module, targets in _graph().items():
        if module.startswith("checker.cli"):
            assert not targets & assembly, f"{module} imports {targets & assembly}"
