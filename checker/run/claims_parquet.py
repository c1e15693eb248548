"""The claims store as Parquet: one row per claim with its fact key, span and document, by fact family.

Rows are partitioned into buckets by a stable hash of the fact family (`bucket=NN/`), so every
claim of one family is in one partition: DuckDB or pandas can read one family's claims from one
folder, and the Dask engine groups claims the same way. Claims that link to no fact go to
`bucket=-1`. Each row also holds the whole claim in the cache's data-only JSON form (`claim`), so
the store round-trips every claim exactly. pyarrow is an optional extra (`hedui[parquet]`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.errors import HeduiError
from checker.model import Claim

BUCKETS = 64  # partitions of the fact families; a family is always in one
BATCH = 50_000  # rows per record batch written
COLUMNS = (
    ("doc", "string"), ("fact", "string"), ("family", "string"), ("start", "int64"), ("end", "int64"),
    ("text", "string"), ("subject", "string"), ("metric", "string"), ("period", "string"),
    ("modality", "string"), ("relation", "string"), ("role", "string"), ("value", "float64"),
    ("low", "float64"), ("high", "float64"), ("unit", "string"), ("sentence_start", "int64"), ("claim", "string"),
)


class ParquetUnavailable(HeduiError):
    """pyarrow is not installed."""


class DamagedStore(HeduiError):
    """A Parquet claims store that cannot be read back (a damaged file, or rows that are no claims)."""


def family_bucket(family: str | None) -> int:
    """The partition of a fact family: a stable hash (the same on every machine and run); -1 for none."""
    if family is None:
        return -1
    return int.from_bytes(hashlib.sha256(family.encode("utf-8")).digest()[:4], "big") % BUCKETS


def claim_row(claim: Claim) -> dict[str, Any]:
    """One claim as a flat row (fact key and family as text, None when the claim links to nothing)."""
    from checker.claims.link import fact_key
    from checker.run import codec

    key = fact_key(claim)
    quantity = claim.value
    return {
        "doc": claim.doc, "fact": str(key) if key else None, "family": str(key.family) if key else None,
        "start": claim.mention.span.start, "end": claim.mention.span.end, "text": claim.mention.text,
        "subject": claim.subject, "metric": str(claim.metric), "period": claim.period_text or None,
        "modality": claim.modality, "relation": claim.relation, "role": claim.role,
        "value": quantity.value if quantity else None,
        "low": _finite(quantity.low) if quantity else None, "high": _finite(quantity.high) if quantity else None,
        "unit": quantity.unit if quantity else None, "sentence_start": claim.sentence_start,
        "claim": codec.dumps(claim).decode("utf-8"),
    }


def _finite(number: float | None) -> float | None:
    """A bound, or None for an open end (Parquet readers choke less on nulls than on infinities)."""
    return number if number is not None and abs(number) != float("inf") else None


def write_claims(claims: Iterable[Claim], folder: Path) -> int:
    """Write every claim under folder (replaced as a whole, never left half-written); return the row count."""
    pa, _ = _pyarrow()
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS])
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise HeduiError(f"{folder}: 不是目录，不能写入 Parquet 声明库")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    writers: dict[int, Any] = {}
    count = 0

    def flush(rows: list[dict[str, Any]]) -> None:
        """Write a batch of rows, each to its family's partition (one file per partition, appended to)."""
        by_bucket: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            by_bucket.setdefault(row.pop("bucket"), []).append(row)
        for bucket, part in by_bucket.items():
            if bucket not in writers:
                (staging / f"bucket={bucket}").mkdir()
                writers[bucket] = pq.ParquetWriter(staging / f"bucket={bucket}" / "part-0.parquet", schema)
            writers[bucket].write_batch(pa.RecordBatch.from_pylist(part, schema=schema))

    try:
        rows: list[dict[str, Any]] = []
        for claim in claims:
            row = claim_row(claim)
            row["bucket"] = family_bucket(row["family"])
            rows.append(row)
            if len(rows) >= BATCH:
                count += len(rows)
                flush(rows)
                rows = []
        count += len(rows)
        flush(rows)
        for writer in writers.values():
            writer.close()
        _swap(staging, folder)
    except BaseException:
        for writer in writers.values():
            writer.close()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _swap(staging: Path, folder: Path) -> None:
    """Put the finished folder in place of the old one (the old one is removed only once the new one is there)."""
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}-old-{os.getpid()}")
        folder.rename(old)
    staging.rename(folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_claims(folder: Path, family: str | None = None) -> list[Claim]:
    """The claims stored under folder (of one fact family, reading only its partition)."""
    from checker.run import codec

    pa, ds = _pyarrow()
    try:
        dataset = ds.dataset(Path(folder), format="parquet", partitioning="hive")
        if family is not None:
            table = dataset.to_table(
                filter=(ds.field("bucket") == family_bucket(family)) & (ds.field("family") == family))
        else:
            table = dataset.to_table()
        return [codec.loads(text.encode("utf-8")) for text in table.column("claim").to_pylist()]
    except (pa.ArrowException, OSError, ValueError, KeyError) as exc:
        # A truncated or overwritten file, or rows that are no claims: say which store, and how to rebuild it.
        raise DamagedStore(f"{folder}: Parquet 声明库已损坏（{exc}）；请用 hedui claims PATH --format parquet "
                           f"--output {folder} 重建") from exc


def _pyarrow() -> tuple[Any, Any]:
    """pyarrow and its dataset module, or a clear error naming the extra to install."""
    try:
        import pyarrow as pa
        import pyarrow.dataset as ds
    except ImportError as exc:
        raise ParquetUnavailable("写 Parquet 需要 pyarrow：pip install 'hedui[parquet]'") from exc
    return pa, ds
