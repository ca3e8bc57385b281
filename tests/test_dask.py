"""`heron ingest --dask`: analysis on a real Dask LocalCluster (2 worker processes on
127.0.0.1) gives the same documents and rows as a local run, even when a worker is killed or
a document cannot be analysed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import failing_stage, news_corpus
from heron.api import Heron
from heron.config import Settings

distributed = pytest.importorskip("distributed", reason="the `dask` extra is not installed")

N_DOCS = 12
SETTINGS = Settings(batch_size=2, workers=1)
COMPARED = ("mentions", "timexes", "places", "events", "quotes", "actors", "analyses",
            "stories", "story_articles", "fused_events", "claims", "contradictions")


def snapshot(db: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db) as conn:
        return {t: sorted(json.dumps(list(r)) for r in conn.execute(f"SELECT * FROM {t}"))
                for t in COMPARED}


class FailingStagePlugin(distributed.WorkerPlugin):
    """On every worker (and any worker that joins later), the actors stage of the pipeline
    built for ``settings`` raises on texts carrying ``marker``, until the plugin is removed."""

    name = "test-failing-stage"

    def __init__(self, marker: str, settings: Settings):
        self.marker, self.settings = marker, settings

    def setup(self, worker) -> None:
        self.patch = failing_stage(self.marker, self.settings)
        self.patch.__enter__()

    def teardown(self, worker) -> None:
        self.patch.__exit__(None, None, None)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=":0",
                                  memory_limit="1.5GiB") as local:
        yield local


def test_cluster_run_matches_local_run_despite_a_killed_worker(tmp_path: Path, cluster) -> None:
    corpus = tmp_path / "corpus.jsonl"
    news_corpus(corpus, N_DOCS, seed=11)
    with Heron(tmp_path / "local.db", SETTINGS) as h:
        local = h.ingest([corpus])

    with distributed.Client(cluster.scheduler_address) as client:
        worker_pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one_worker(done: int, total: int) -> None:
        # Once results flow, SIGKILL a worker holding batches in flight: Dask must re-run them
        # elsewhere (the nanny restarts the worker), and the writer must neither lose nor
        # duplicate a document.
        if done == 2 and not killed:
            os.kill(worker_pids[0], signal.SIGKILL)
            killed.append(worker_pids[0])

    with Heron(tmp_path / "dask.db", SETTINGS) as h:
        remote = h.ingest([corpus], dask=cluster.scheduler_address, progress=kill_one_worker)

    assert killed
    assert (remote.ingested, remote.analysed, remote.fused) == (local.ingested, local.analysed,
                                                                local.fused)
    assert snapshot(tmp_path / "dask.db") == snapshot(tmp_path / "local.db")


def test_a_document_failing_on_a_worker_fails_alone(tmp_path: Path, cluster) -> None:
    """One document raises inside analysis on a Dask worker: the batch finishes, the failure
    is recorded with its reason, and every other document is stored exactly once, with the
    rows of a local run in which the same document fails."""
    corpus = tmp_path / "corpus.jsonl"
    news_corpus(corpus, N_DOCS, seed=5)
    bad = {"id": "bad", "text": "UNANALYSABLE: Gunmen attacked a convoy near Goma on Sunday.",
           "published": "2025-08-20", "outlet": "Outlet 9"}
    lines = corpus.read_text().splitlines(keepends=True)
    lines.insert(N_DOCS // 2, json.dumps(bad) + "\n")  # mid-corpus, inside a batch
    corpus.write_text("".join(lines))
    with failing_stage("UNANALYSABLE", SETTINGS), Heron(tmp_path / "local.db", SETTINGS) as h:
        local = h.ingest([corpus])

    with distributed.Client(cluster.scheduler_address) as client:
        client.register_plugin(FailingStagePlugin("UNANALYSABLE", SETTINGS))
        try:
            with Heron(tmp_path / "dask.db", SETTINGS) as h:
                remote = h.ingest([corpus], dask=cluster.scheduler_address)
                failures = h.failures()
        finally:
            client.unregister_worker_plugin(FailingStagePlugin.name)

    assert [(f.article_id, f.stage) for f in remote.failed] == [("bad", "analyse")]
    assert "RuntimeError: boom in a component" in remote.failed[0].reason
    assert [(f["id"], f["stage"]) for f in failures] == [("bad", "analyse")]
    assert failures[0]["reason"] == remote.failed[0].reason
    assert (remote.ingested, remote.analysed, remote.fused) == (N_DOCS + 1, N_DOCS, N_DOCS)
    with sqlite3.connect(tmp_path / "dask.db") as conn:
        analysed = [r[0] for r in conn.execute("SELECT article_id FROM analyses")]
        event_ids = [r[0] for r in conn.execute("SELECT id FROM events")]
    assert sorted(analysed) == sorted(f"mix-{i}" for i in range(N_DOCS))
    assert len(event_ids) == len(set(event_ids)) > N_DOCS
    assert snapshot(tmp_path / "dask.db") == snapshot(tmp_path / "local.db")
    assert local.failed[0].reason == remote.failed[0].reason


def test_cli_dask_option_and_environment(tmp_path: Path, cluster, seeds_dir: Path) -> None:
    """`heron ingest --dask ADDRESS` and HERON_DASK_SCHEDULER reach the cluster."""
    for n, (args, env) in enumerate([(["--dask", cluster.scheduler_address], {}),
                                     ([], {"HERON_DASK_SCHEDULER": cluster.scheduler_address})]):
        db = tmp_path / f"cli{n}.db"
        result = subprocess.run(
            [sys.executable, "-m", "heron.cli", "ingest", str(seeds_dir), "--db", str(db),
             "--published", "2025-08-20", *args], env={**os.environ, **env},
            capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        assert "analysed 4" in result.stderr
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 20
