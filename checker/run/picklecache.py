"""Keep a computed value in the cache folder, pickled and verified, until its inputs change."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any, Callable


def cached(cache_dir: Path | None, name: str, digest: str, build: Callable[[], Any]) -> Any:
    """The value stored as <name>-<digest>.pickle, or build() (and store it) when absent or damaged."""
    if cache_dir is None:
        # Caching is off: build every time.
        return build()
    path = cache_dir / f"{name}-{digest}.pickle"
    try:
        blob = path.read_bytes()
        if hashlib.sha256(blob[64:]).hexdigest() == blob[:64].decode():
            return pickle.loads(blob[64:])  # our own file, verified by its digest
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # missing or damaged: build it again and rewrite it
    value = build()
    try:
        from checker.writefile import write_atomic

        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"{name}-*.pickle"):
            old.unlink(missing_ok=True)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(path, hashlib.sha256(data).hexdigest().encode() + data)
    except OSError:
        pass  # a read-only folder: the next run builds it again
    return value
