"""Exports analysts load without parsing: Parquet files read back with pyarrow carry the declared
types (lists, structs, dates; never Arrow's null type) and the stored values; CSV carries the flat
convenience columns; the data dictionary lists every column."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import every_mention_takes_a_side
from heron import Heron
from heron.config import Settings
from heron.export.schema import DAY, EXPORT_SCHEMAS, arrow_schema, data_dictionary, days_covered
from heron.export.writers import write_rows
from heron.read.export import EXPORT_TABLES

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Heron:
    # Ungated, so that the seeds' contradictions (below the export threshold) fill that table too.
    h = Heron(tmp_path_factory.mktemp("export") / "seeds.db", every_mention_takes_a_side())
    h.ingest([seeds_dir], published="2025-08-20")
    return h


def rows_of(h: Heron, table: str) -> list[dict[str, Any]]:
    return list(h.rows(table, min_confidence=0.0))


def parquet_round_trip(rows: list[dict], table: str, path: Path) -> pa.Table:
    assert write_rows(rows, "parquet", path, table=table) == len(rows)
    return pq.read_table(path)


def stored_form(value: Any, column) -> Any:
    """What the store holds for a value read back from Parquet."""
    if column.json and value is not None:
        return json.loads(value)
    if column.type == DAY and value is not None:
        return value.isoformat()
    if isinstance(column.type, pa.MapType) and value is not None:
        return dict(value)
    return value


@pytest.mark.parametrize("table", list(EXPORT_TABLES))
def test_parquet_keeps_declared_types_and_stored_values(seeded: Heron, tmp_path: Path,
                                                        table: str) -> None:
    rows = rows_of(seeded, table)
    assert rows, f"the seeds produce no {table}"
    read = parquet_round_trip(rows, table, tmp_path / f"{table}.parquet")
    assert read.schema.equals(arrow_schema(table)), read.schema
    assert not any(pa.types.is_null(f.type) for f in read.schema)
    declared = {c.name for c in EXPORT_SCHEMAS[table]}
    for row, back in zip(rows, read.to_pylist(), strict=True):
        assert set(row) <= declared, set(row) - declared  # nothing the export would drop
        for column in EXPORT_SCHEMAS[table]:
            if column.derive is None:  # nested structs compare field by field: none dropped
                assert stored_form(back[column.name], column) == row.get(column.name), column.name


def test_events_parquet_lists_structs_dates_and_flat_codes(seeded: Heron, tmp_path: Path) -> None:
    read = parquet_round_trip(rows_of(seeded, "events"), "events", tmp_path / "events.parquet")
    schema = read.schema
    assert pa.types.is_list(schema.field("actor").type)
    assert pa.types.is_struct(schema.field("actor").type.value_type)
    assert pa.types.is_struct(schema.field("location").type)
    assert schema.field("first_day").type == pa.date32()
    events = read.to_pylist()
    two_sided = next(e for e in events if e["actor"] and e["recipient"])
    assert two_sided["actor_code"] == ";".join(a["code"] or "" for a in two_sided["actor"])
    assert two_sided["recipient_sector"] == ";".join(a["sector"] or "" for a in two_sided["recipient"])
    month = next(e for e in events if e["date_precision"] == "month")
    assert month["first_day"] == date.fromisoformat(month["date"] + "-01")
    assert month["last_day"].month == month["first_day"].month and month["last_day"].day >= 28
    placed = next(e for e in events if e["location"])
    assert placed["location_name"] == placed["location"]["name"]
    assert isinstance(placed["location_lat"], float)


def test_csv_has_every_declared_column_and_flat_codes(seeded: Heron, tmp_path: Path) -> None:
    rows = rows_of(seeded, "events")
    path = tmp_path / "events.csv"
    write_rows(rows, "csv", path, table="events")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == [c.name for c in EXPORT_SCHEMAS["events"]]
        written = list(reader)
    for row, line in zip(rows, written, strict=True):
        assert json.loads(line["actor"]) == row["actor"]
        assert line["actor_code"] == ";".join(a["code"] or "" for a in row["actor"])
        assert line["date"] == (row["date"] or "")
    assert any(line["first_day"] for line in written)


def test_csv_header_does_not_depend_on_the_first_row(tmp_path: Path) -> None:
    # Fused events gain plan_links only when linked: a CSV headed by the first row lost them.
    rows = [{"id": "fe-1"}, {"id": "fe-2", "plan_links": ["fe-1"]}]
    path = tmp_path / "fused.csv"
    write_rows(rows, "csv", path, table="fused_events")
    with path.open(encoding="utf-8", newline="") as fh:
        written = list(csv.DictReader(fh))
    assert json.loads(written[1]["plan_links"]) == ["fe-1"]


def test_empty_export_keeps_the_declared_schema(tmp_path: Path) -> None:
    for table in EXPORT_SCHEMAS:
        read = parquet_round_trip([], table, tmp_path / f"{table}.parquet")
        assert read.num_rows == 0 and read.schema.equals(arrow_schema(table))


def test_a_stored_date_that_is_no_day_is_left_empty_not_fatal(tmp_path: Path) -> None:
    rows = [{"id": "a", "published": "sometime"}, {"id": "b", "published": "2025-08-20"}]
    read = parquet_round_trip(rows, "articles", tmp_path / "a.parquet")
    assert read.column("published").to_pylist() == [None, date(2025, 8, 20)]


def test_coded_events_parquet(nlp, tmp_path: Path) -> None:
    from heron.nlp.events import code_texts
    from heron.nlp.pipeline import get_pipeline

    rows = list(code_texts([{"id": "s1", "published": "2025-08-20",
                             "text": "Russian forces shelled Kharkiv on Monday, killing three people."}],
                           get_pipeline(Settings())))
    assert rows
    read = parquet_round_trip(rows, "coded_events", tmp_path / "coded.parquet")
    back = read.to_pylist()[0]
    assert back["id"] == "s1" and back["event_type"] == rows[0]["event_type"]
    assert back["actors"] == rows[0]["actors"]
    assert back["first_day"] == date(2025, 8, 18)


@pytest.mark.parametrize("out", [None, "-"])
def test_no_file_or_a_dash_writes_to_stdout(out: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    assert write_rows([{"id": "e1"}], "jsonl", out, table="events") == 1
    assert json.loads(capsys.readouterr().out) == {"id": "e1"}
    assert not Path("-").exists()  # a dash is no file name


def test_unknown_format_and_table_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        write_rows([], "xlsx", tmp_path / "x", table="events")
    with pytest.raises(KeyError, match="no export schema"):
        write_rows([], "csv", tmp_path / "x", table="nonsense")


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2025-08-19", date(2025, 8, 19), date(2025, 8, 19)),
    ("2025-08-19T14:00", date(2025, 8, 19), date(2025, 8, 19)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("2025-W34", date(2025, 8, 18), date(2025, 8, 24)),
    ("2025-Q3", date(2025, 7, 1), date(2025, 9, 30)),
    ("2025-08-20/2025-09-03", date(2025, 8, 20), date(2025, 9, 3)),
    ("2025-SU", None, None), ("199", None, None), ("P3Y", None, None), ("", None, None),
    (None, None, None), ("2025-02-30", None, None), ("2025-13", None, None),
    ("2025-Q5", None, None), ("2025-W60", None, None), ("99999-01-01", None, None),
])
def test_days_covered(value: str | None, first: date | None, last: date | None) -> None:
    assert days_covered(value) == (first, last)


def test_data_dictionary_in_docs_is_current() -> None:
    written = (DOCS / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert written == data_dictionary(), "run scripts/write_data_dictionary.py"
    for table, columns in EXPORT_SCHEMAS.items():
        assert f"## {table}" in written
        assert all(f"| `{c.name}` |" in written and c.meaning for c in columns)


def test_analysed_records_stay_within_the_model_vocabularies(seeded: Heron) -> None:
    """The Literal types of heron.model name every value the pipeline writes (seen on the seeds)."""
    from typing import get_args

    from heron.model import (
        ActorKind,
        DatePrecision,
        EventStatus,
        PlaceKind,
        PublishedSource,
        QuoteRole,
        TimexPrecision,
        TimexType,
    )

    def values(table: str, key: str) -> set:
        return {row[key] for row in rows_of(seeded, table)} - {None}

    assert values("events", "status") <= set(get_args(EventStatus))
    assert values("events", "date_precision") <= set(get_args(DatePrecision))
    assert values("events", "quote_role") <= set(get_args(QuoteRole))
    assert values("timexes", "precision") <= set(get_args(TimexPrecision))
    assert values("timexes", "type") <= set(get_args(TimexType))
    assert values("places", "kind") <= set(get_args(PlaceKind))
    assert values("actors", "kind") <= set(get_args(ActorKind))
    assert values("articles", "published_source") <= set(get_args(PublishedSource))
    assert len(values("events", "status")) >= 3  # the seeds exercise more than one status
