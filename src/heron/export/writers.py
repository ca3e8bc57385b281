"""Write rows as JSONL, CSV or Parquet.

JSONL writes each record as it is. CSV and Parquet write the declared columns of the table
(:mod:`heron.export.schema`): Parquet with their Arrow types (lists, structs, dates), CSV with
nested values as JSON text.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from heron.export.schema import DAY, EXPORT_SCHEMAS, Column, Row, arrow_schema

FORMATS = ("jsonl", "csv", "parquet")
PARQUET_BATCH_ROWS = 10_000  # rows converted to Arrow at a time: memory stays bounded


def write_rows(rows: Iterable[Row], fmt: str, out: str | Path | None, table: str) -> int:
    """Write ``rows`` of export ``table`` to ``out`` (``None`` or ``-`` = stdout); returns the
    number written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if table not in EXPORT_SCHEMAS:
        raise KeyError(f"no export schema for table {table!r}")
    path = None if out is None or out == "-" else Path(out)
    if fmt == "parquet":
        if path is None:
            return _parquet(rows, table, sys.stdout.buffer)
        with path.open("wb") as fh:
            return _parquet(rows, table, fh)
    if path is None:
        return _text(rows, fmt, table, sys.stdout)
    with path.open("w", encoding="utf-8", newline="") as fh:
        return _text(rows, fmt, table, fh)


def _text(rows: Iterable[Row], fmt: str, table: str, fh: TextIO) -> int:
    count = 0
    columns = EXPORT_SCHEMAS[table]
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(fh, fieldnames=[c.name for c in columns])
        writer.writeheader()
    for row in rows:
        if writer is None:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer.writerow({c.name: _csv_value(_value(row, c)) for c in columns})
        count += 1
    return count


def _parquet(rows: Iterable[Row], table: str, fh: BinaryIO) -> int:
    columns, schema = EXPORT_SCHEMAS[table], arrow_schema(table)
    count = 0
    with pq.ParquetWriter(fh, schema) as writer:
        for batch in _batches(rows):
            records = [{c.name: _arrow_value(_value(row, c), c) for c in columns} for row in batch]
            writer.write_table(pa.Table.from_pylist(records, schema=schema))
            count += len(batch)
    return count


def _batches(rows: Iterable[Row]) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == PARQUET_BATCH_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


def _value(row: Row, column: Column) -> Any:
    value = column.derive(row) if column.derive else row.get(column.name)
    return json.dumps(value, ensure_ascii=False) if column.json and value is not None else value


def _csv_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value.isoformat() if isinstance(value, date) else value


def _arrow_value(value: Any, column: Column) -> Any:
    if column.type == DAY and isinstance(value, str):
        return _iso_day(value)
    return value


def _iso_day(value: str) -> date | None:
    """The day an ISO date names; None for anything else (the store holds ISO days here, but a
    database written by hand may not)."""
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None
