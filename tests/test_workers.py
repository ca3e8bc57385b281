"""`heron ingest --workers N`: analysis in N processes, one in-order writer; the same documents
and rows as one process, and a `kill -9` mid-run resumes with every document exactly once."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import news_corpus

HERON = [sys.executable, "-m", "heron.cli"]
N_DOCS = 20
# Small batches: several batches per worker, and a kill lands mid-run.
ENV = {**os.environ, "HERON_BATCH_SIZE": "4"}
COMPARED = ("mentions", "timexes", "places", "events", "quotes", "actors", "analyses",
            "stories", "story_articles", "fused_events", "claims", "contradictions")


def ingest(corpus: Path, db: Path, workers: int) -> None:
    result = subprocess.run([*HERON, "ingest", str(corpus), "--db", str(db), "--workers",
                             str(workers)], env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr


def snapshot(db: Path) -> dict[str, list[str]]:
    """Every row of the analysis and fusion tables, as sorted JSON (order-independent)."""
    with sqlite3.connect(db) as conn:
        return {t: sorted(json.dumps(list(r)) for r in conn.execute(f"SELECT * FROM {t}"))
                for t in COMPARED}


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().split()[3]) == pid:
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(db, timeout=10) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_two_workers_match_one_and_survive_kill_9(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    news_corpus(corpus, N_DOCS)
    reference = tmp_path / "one.db"
    ingest(corpus, reference, workers=1)

    db = tmp_path / "two.db"
    proc = subprocess.Popen([*HERON, "ingest", str(corpus), "--db", str(db), "--workers", "2"],
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.time() + 300
        while time.time() < deadline and count(db, "SELECT count(*) FROM analyses") < 6:
            time.sleep(0.05)
        workers = children(proc.pid)
        assert len(workers) >= 2, "expected spaCy worker processes"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # The orphaned workers notice their parent is gone and exit (no model left in memory).
        deadline = time.time() + 20
        while time.time() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.2)
        assert not [w for w in workers if Path(f"/proc/{w}/stat").exists()
                    and Path(f"/proc/{w}/stat").read_text().split()[2] != "Z"]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    done = count(db, "SELECT count(*) FROM analyses")
    assert 0 < done < count(reference, "SELECT count(*) FROM analyses"), "kill came too late"

    ingest(corpus, db, workers=2)  # the re-run completes what is pending
    assert count(db, "SELECT count(*) FROM articles WHERE analysed = 0") == 0
    assert count(db, "SELECT count(*) FROM articles") == N_DOCS
    assert snapshot(db) == snapshot(reference)
