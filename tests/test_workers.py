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


def test_long_texts_are_chunked_in_worker_processes_as_in_one(tmp_path: Path) -> None:
    """A text over CHUNK_CHARS travels through the worker processes as chunks, joined again in
    order with whole-text offsets: the same analysis as in one process."""
    from heron.api import Heron
    from heron.config import Settings
    from heron.nlp.chunks import CHUNK_CHARS

    records = news_corpus(tmp_path / "short.jsonl", 5, seed=3)
    long_text = "\n\n".join(r["text"] for r in records) * 8
    assert len(long_text) > 2 * CHUNK_CHARS
    records.insert(2, {"id": "long", "text": long_text, "published": "2025-08-20"})
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    analyses = {}
    for workers in (1, 2):
        settings = Settings(batch_size=2, workers=workers, components=("actors", "events"))
        with Heron(tmp_path / f"w{workers}.db", settings) as h:
            report = h.ingest([corpus])
            assert report.analysed == 6 and not report.failed
            analyses[workers] = h.analysis("long")
            text = h.article("long").text  # as cleaned and stored
    assert analyses[2].to_dict() == analyses[1].to_dict()
    events = analyses[2].events
    assert max(e.trigger.start for e in events) > CHUNK_CHARS  # later chunks were analysed
    assert len(text) > CHUNK_CHARS  # cleanup drops repeated lines: still two chunks
    assert all(text[e.trigger.start:e.trigger.end] == e.trigger.text for e in events)


def test_workers_must_be_a_positive_number(tmp_path: Path) -> None:
    for bad in ("0", "-2", "two"):
        result = subprocess.run([*HERON, "ingest", str(tmp_path), "--db", str(tmp_path / "h.db"),
                                 "--workers", bad], capture_output=True, text=True, timeout=120)
        assert result.returncode == 2 and "positive whole number" in result.stderr, bad
