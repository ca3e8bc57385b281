"""`heron actor NAME`: a real database built from the seed articles, looked up as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from heron.config import data_dir

HERON = [sys.executable, "-m", "heron.cli"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*HERON, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("actor-cli") / "seeds.db"
    done = run("ingest", str(data_dir() / "seeds"), "--published", "2025-08-20", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


def test_garbled_surface_form_finds_the_canonical_actor(seeds_db: Path) -> None:
    done = run("actor", "Zelinski", "--db", str(seeds_db))
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("volodymyr-zelenskyy") and "UKR" in first and "GOV" in first
    assert "Zelinski" in done.stdout  # the garbled form is listed among the surface forms
    assert "events as actor" in done.stdout and "quotes" in done.stdout


def test_kb_only_name_is_found_in_the_kb(seeds_db: Path) -> None:
    done = run("actor", "Emmanuel Macron", "--db", str(seeds_db))
    assert done.returncode == 0, done.stderr
    assert "KB person emmanuel-macron" in done.stdout and "FRA GOV" in done.stdout


def test_unknown_name_exits_1(seeds_db: Path) -> None:
    done = run("actor", "Qwxyz Blorpington", "--db", str(seeds_db))
    assert done.returncode == 1
    assert "no actor matches" in done.stderr


def test_quotes_of_a_speaker_by_name(seeds_db: Path) -> None:
    done = run("quotes", "--speaker", "Zelensky", "--db", str(seeds_db))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(line.startswith("Volodymyr Zelenskyy") for line in lines)
    assert any("Telegram" in line and "We need strong security guarantees" in line
               for line in lines)


def test_quotes_as_jsonl_carry_negation_and_unknown_speaker_exits_1(seeds_db: Path) -> None:
    import json

    done = run("quotes", "--speaker", "Kremlin", "--format", "jsonl", "--db", str(seeds_db))
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert {r["speaker"]["actor_id"] for r in rows} == {"RUS:GOV"}
    # "the Kremlin hasn't publicly confirmed such a possibility": kept, marked as not said
    assert any(r["negated"] and r["content"]["text"] == "such a possibility" for r in rows)
    missing = run("quotes", "--speaker", "Nobodyatall", "--db", str(seeds_db))
    assert missing.returncode == 1 and "no quotes" in missing.stderr
