"""Configuration: [tool.hedui] in pyproject.toml or hedui.toml, found upward from the working directory."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

import attrs

from checker.errors import HeduiError
from checker.text.project import find_config_file

SEVERITIES = ("error", "warning", "info")
ENGINES = ("local", "dask")
FORMATS = ("text", "json", "sarif", "junit", "github", "html")
# key -> (type, default); paths are relative to the configuration file.
KEYS: dict[str, tuple[type[Any] | tuple[type[Any], ...], Any]] = {
    "include": (list, ["**/*.md", "**/*.txt", "**/*.html", "**/*.htm", "**/*.markdown"]),
    "exclude": (list, []),
    "rules": (list, []),
    "lexicons": (list, []),
    "disable": (list, []),
    "severity": (dict, {}),
    "fail-on": (str, "error"),
    "format": (str, "text"),
    "dates": (dict, {}),
    "decisions": (str, "hedui-decisions.yaml"),
    "editor-url": (str, ""),  # review's open-at-line links, e.g. vscode://file/{path}:{line}
    "baseline": (str, ""),
    "cache": (bool, True),
    "cache-dir": (str, ".hedui-cache"),
    "archive": (list, []),  # folders of articles an edited article is cross-checked with (`hedui lsp`)
    "jobs": (int, 0),
    "time-budget": ((int, float), 60),
    "engine": (str, "local"),  # local (processes on this machine) or dask
    "scheduler": (str, ""),  # with engine = "dask": the address of an existing cluster's scheduler
}


class ConfigError(HeduiError):
    """A configuration file with an unknown key or a bad value."""


@attrs.frozen
class Config:
    """The effective configuration and where each value came from."""

    values: dict[str, Any]
    sources: dict[str, str]  # key -> "default" | "<file>"
    root: Path  # the folder of the configuration file (or the working directory)

    def get(self, key: str) -> Any:
        """A configuration value."""
        return self.values[key]

    def path(self, key: str) -> Path:
        """A path value, resolved against the configuration's folder."""
        return (self.root / self.values[key]).resolve()

    def date_for(self, path: str) -> dt.date | None:
        """The document-date override for a path, from the first matching gitignore-style pattern of `dates`."""
        if not self.values["dates"]:
            # No overrides configured: nothing to match.
            return None
        relative = _relative(path, self.root)
        for pattern, value in self.values["dates"].items():
            if match_patterns([pattern], relative):
                return value
        return None

    def included(self, path: str) -> bool:
        """True when a path (relative to the configuration's folder) matches an include and no exclude pattern."""
        if self.sources["include"] == "default" and not self.values["exclude"]:
            # The default patterns admit every article file that collect_articles already chose.
            return True
        relative = _relative(path, self.root)
        return match_patterns(self.values["include"], relative) and not match_patterns(self.values["exclude"],
                                                                                        relative)


def match_patterns(patterns: list[str], relative: str) -> bool:
    """True when a posix path matches one of the gitignore-style patterns (`*.md` at any depth, `a/*.md` in a/)."""
    return bool(patterns) and _compile(tuple(patterns)).match_file(relative)


@functools.lru_cache(maxsize=64)
def _compile(patterns: tuple[str, ...]) -> Any:
    """The compiled pattern set (memoized: a run tests thousands of paths against the same few patterns)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: str, root: Path) -> str:
    """A path relative to the configuration folder, in posix form, when it lies inside it."""
    import os

    relative = os.path.relpath(os.path.abspath(path), root)
    return Path(path).as_posix() if relative.startswith("..") else Path(relative).as_posix()


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """Discover and validate the configuration; defaults where nothing is set."""
    import tomllib

    values = {key: default for key, (_, default) in KEYS.items()}
    sources = {key: "default" for key in KEYS}
    if explicit:
        found: tuple[Path, str] | None = (explicit, "hedui.toml" if explicit.name != "pyproject.toml" else "pyproject")
    else:
        found = find_config_file(start or Path.cwd())
    if found is None:
        # No configuration file: the defaults, relative to the working directory.
        return Config(values, sources, (start or Path.cwd()).resolve())
    path, style = found
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    table = data.get("tool", {}).get("hedui", {}) if style == "pyproject" else data
    for key, value in table.items():
        values[key] = _validate(key, value, path, text)
        sources[key] = str(path)
    return Config(values, sources, path.parent.resolve())


def _validate(key: str, value: Any, path: Path, text: str) -> Any:
    """Check one key's name and type; cite file, line and key on a problem."""
    where = f"{path}:{_line_of(text, key)}"
    if key not in KEYS:
        raise ConfigError(f"{where}: key '{key}': unknown key (known: {', '.join(KEYS)})")
    kind = KEYS[key][0]
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: key '{key}': must be a {getattr(kind, '__name__', kind)}")
    if key == "fail-on" and value not in SEVERITIES:
        raise ConfigError(f"{where}: key '{key}': must be one of {', '.join(SEVERITIES)}")
    if key == "format" and value not in FORMATS:
        raise ConfigError(f"{where}: key '{key}': must be one of {', '.join(FORMATS)}")
    if key == "jobs" and (isinstance(value, bool) or value < 0):
        raise ConfigError(f"{where}: key '{key}': must be a number of processes (0: one per core)")
    if key == "time-budget" and (isinstance(value, bool) or not value >= 0):
        raise ConfigError(f"{where}: key '{key}': must be a number of seconds (0: no limit)")
    if key == "engine" and value not in ENGINES:
        raise ConfigError(f"{where}: key '{key}': must be one of {', '.join(ENGINES)}")
    if key == "severity":
        bad = [k for k, v in value.items() if v not in SEVERITIES]
        if bad:
            raise ConfigError(f"{where}: key 'severity.{bad[0]}': must be one of {', '.join(SEVERITIES)}")
    if key == "dates":
        return {glob: _date(glob, day, where) for glob, day in value.items()}
    if kind is list and not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: key '{key}': must be a list of strings")
    if key in ("rules", "lexicons", "archive"):
        for entry in value:
            if not (path.parent / entry).exists():
                raise ConfigError(f"{where}: key '{key}': '{entry}' does not exist (relative to {path.parent})")
    return value


def _date(glob: str, value: Any, where: str) -> dt.date:
    """A document-date override: a TOML date or an ISO string."""
    if isinstance(value, dt.datetime):
        # A TOML date-time (2025-01-01T08:00:00) is no document date: ask for the day alone.
        raise ConfigError(f"{where}: key 'dates.{glob}': 应为日期（YYYY-MM-DD），不能带时间：{value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: key 'dates.{glob}': not a date: {value!r}") from exc


def _line_of(text: str, key: str) -> int:
    """The line where a key is set, for error messages (1 when not found)."""
    match = re.search(rf"^\s*\"?{re.escape(key)}\"?\s*=", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def render_config(config: Config) -> str:
    """The effective configuration as TOML-like lines, each with where it came from."""
    import json

    lines = [f"# configuration root: {config.root}"]
    for key in KEYS:
        value = config.values[key]
        shown = json.dumps({k: str(v) for k, v in value.items()} if key == "dates" else value, ensure_ascii=False)
        lines.append(f"{key} = {shown}    # {config.sources[key]}")
    return "\n".join(lines) + "\n"
