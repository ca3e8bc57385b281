"""The `heron` command as users run it: real subprocesses, exit codes, stderr, exports, resume."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

HERON = [sys.executable, "-m", "heron.cli"]
# Parsing only: these tests check the command line and storage, not the NLP components.
PARSE_ONLY_ENV = {**os.environ, "HERON_COMPONENTS": ""}


def run(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*HERON, *args], input=stdin, capture_output=True, text=True,
                          env=env or PARSE_ONLY_ENV, timeout=300)


def synthetic_corpus(path: Path, n: int) -> None:
    """``n`` distinct articles (random word sequences never look like near-duplicates)."""
    rng = random.Random(7)
    vocab = ("minister talks border ceasefire troops summit sanctions aid protest city harbour "
             "parliament vote election court ruling drone strike village refugees convoy grain "
             "treaty envoy delegation capital region governor police rally strike port").split()
    with path.open("w") as fh:
        for i in range(n):
            words = " ".join(rng.choice(vocab) for _ in range(120))
            fh.write(json.dumps({"id": f"doc{i:03d}", "text": f"Report {i}. {words}.",
                                 "published": "2025-01-01"}) + "\n")


def test_help_for_every_command() -> None:
    for command in ("ingest", "export", "stats", "search", "demo"):
        result = run(command, "--help")
        assert result.returncode == 0 and "usage: heron" in result.stdout


def test_ingest_summary_and_exit_codes(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "h.db")
    (tmp_path / "empty.txt").write_text("")
    result = run("ingest", str(seeds_dir), str(tmp_path / "empty.txt"), "--db", db,
                 "--published", "2025-08-20")
    assert result.returncode == 0, result.stderr
    assert "ingested 4" in result.stderr and "skipped 1" in result.stderr
    assert "empty.txt: empty" in result.stderr
    nothing = run("ingest", str(tmp_path / "empty.txt"), "--db", db)
    assert nothing.returncode == 1 and "ingested 0" in nothing.stderr
    assert run("ingest", str(seeds_dir), "--db", db).stderr.count("already present 4") == 1


def test_unusable_database_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "not-a-db.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    result = run("stats", "--db", str(bogus))
    assert result.returncode == 2 and "error:" in result.stderr and result.stdout == ""


def test_stdin_jsonl_and_text(tmp_path: Path) -> None:
    db = str(tmp_path / "h.db")
    line = json.dumps({"id": "s1", "text": "Envoys met in Doha on Friday to discuss a truce plan."})
    assert "ingested 1" in run("ingest", "-", "--db", db, stdin=line + "\n{bad\n").stderr
    plain = run("ingest", "-", "--db", db, stdin="Farmers protested in Lyon on Monday over prices.")
    assert "ingested 1" in plain.stderr


def test_export_formats_and_search(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "h.db")
    run("ingest", str(seeds_dir), "--db", db, "--no-analyse")
    jsonl = run("export", "articles", "--db", db)
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(rows) == 4 and rows[3]["author"] == "Emma Walker"
    assert run("export", "articles", "--db", db, "--format", "csv", "-o",
               str(tmp_path / "a.csv")).returncode == 0
    with (tmp_path / "a.csv").open() as fh:
        assert len(list(csv.DictReader(fh))) == 4
    run("export", "articles", "--db", db, "--format", "parquet", "-o", str(tmp_path / "a.parquet"))
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 4
    assert run("export", "nonsense", "--db", db).returncode == 2
    hits = run("search", "Kremenchuk", "--db", db)
    assert hits.returncode == 0 and "001_" in hits.stdout
    assert run("search", "zzzqqq", "--db", db).returncode == 1


@pytest.mark.slow
def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "h.db"
    synthetic_corpus(corpus, 400)
    env = {**PARSE_ONLY_ENV, "HERON_BATCH_SIZE": "4"}
    proc = subprocess.Popen([*HERON, "ingest", str(corpus), "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    analysed = 0
    while time.time() < deadline and analysed < 20:  # kill once analysis is under way
        time.sleep(0.05)
        analysed = _count(db, "SELECT count(*) FROM analyses")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < _count(db, "SELECT count(*) FROM analyses") < 400, "kill came too late to test resume"
    result = run("ingest", str(corpus), "--db", str(db), env=env)
    assert result.returncode == 0, result.stderr
    assert _count(db, "SELECT count(*) FROM articles") == 400
    assert _count(db, "SELECT count(DISTINCT id) FROM articles") == 400
    assert _count(db, "SELECT count(*) FROM analyses") == 400
    assert _count(db, "SELECT count(*) FROM articles WHERE analysed = 0") == 0


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=10) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def test_code_command_carries_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "sentences.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "s1", "text": "Russian forces shelled the city of Kharkiv on Monday, "
                    "killing three civilians.", "published": "2025-03-05"}),
        "{not json",
        json.dumps({"id": "s2", "text": "The European Union imposed new sanctions on Iran."}),
        json.dumps({"id": "s3"}),
    ]) + "\n")
    out = tmp_path / "events.jsonl"
    result = run("code", str(source), "-o", str(out), "--min-confidence", "0",
                 env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert f"{source}:2: malformed JSON line" in result.stderr
    assert f"{source}:4: record has no 'text'" in result.stderr
    events = {e["id"]: e for e in map(json.loads, out.read_text().splitlines())}
    assert events["s1"]["event_type"] == "ASSAULT" and events["s1"]["killed"] == 3
    assert events["s1"]["date"] == "2025-03-03"
    assert events["s2"]["event_type"] == "SANCTION"
    assert [a["country"] for a in events["s2"]["recipients"]] == ["IRN"]
