"""Regenerate docs/DATA_DICTIONARY.md from the export schema (src/heron/export/schema.py)."""

from __future__ import annotations

from pathlib import Path

from heron.export.schema import data_dictionary

OUT = Path(__file__).resolve().parents[1] / "docs" / "DATA_DICTIONARY.md"

if __name__ == "__main__":
    OUT.write_text(data_dictionary(), encoding="utf-8")
    print(f"wrote {OUT}")
