"""Write rows as JSONL, CSV or Parquet. Nested values become JSON strings in CSV/Parquet."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

FORMATS = ("jsonl", "csv", "parquet")


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: str | Path | None) -> int:
    """Write ``rows`` to ``out`` (``None`` or ``-`` = stdout); returns the number written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    to_stdout = out in (None, "-")
    if fmt == "parquet":
        if to_stdout:
            return _parquet(rows, sys.stdout.buffer)
        with Path(out).open("wb") as fh:
            return _parquet(rows, fh)
    if to_stdout:
        return _text(rows, fmt, sys.stdout)
    with Path(out).open("w", encoding="utf-8", newline="") as fh:
        return _text(rows, fmt, fh)


def _text(rows: Iterable[dict[str, Any]], fmt: str, fh: io.TextIOBase) -> int:
    count = 0
    writer: csv.DictWriter | None = None
    for row in rows:
        if fmt == "jsonl":
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            flat = _flatten(row)
            if writer is None:
                writer = csv.DictWriter(fh, fieldnames=list(flat), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(flat)
        count += 1
    return count


def _parquet(rows: Iterable[dict[str, Any]], fh: BinaryIO) -> int:
    flat = [_flatten(r) for r in rows]
    columns = list(flat[0]) if flat else ["id"]
    table = pa.table({c: pa.array([r.get(c) for r in flat]) for c in columns})
    pq.write_table(table, fh)
    return len(flat)


def _flatten(row: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
            for k, v in row.items()}
