"""Scale-out checks: PostgreSQL vs SQLite ingest speed, two concurrent ingesters on one
PostgreSQL database, a 2-worker Dask LocalCluster vs a local run, and web API p95 latency.

All on the same corpus (stitched VOA articles, as bench/ingest_speed.py builds it). The
PostgreSQL server is a throw-away one in a temp directory (tests/pgserver.py).

    python bench/scale.py [--docs 2000] [--voa ../shared/datasets/voa/stories.jsonl]
    python bench/scale.py --backends-only --docs 2000   # SQLite vs PostgreSQL ingest only
    python bench/scale.py --latency-only --db PATH      # API latency on an existing database
                                                        # (e.g. bench/stories.py --keep-db PATH)
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from _report import add_no_record_flag, record  # noqa: E402
from heron.api import Heron  # noqa: E402
from heron.config import Settings  # noqa: E402
from ingest_speed import DEFAULT_VOA, build_corpus  # noqa: E402
from pgserver import create_database, postgres_server  # noqa: E402

COMPARED = ("analyses", "mentions", "timexes", "places", "events", "quotes", "actors",
            "stories", "story_articles", "fused_events", "claims", "contradictions")


def load() -> str:
    """The 1-minute load average now (other jobs share the cores: timings depend on it)."""
    return f"load {os.getloadavg()[0]:.1f}"


def timed_ingest(db: str, corpus: Path, settings: Settings, **kwargs) -> tuple[float, str]:
    """Seconds of one `ingest` and the load average before and after it."""
    with Heron(db, settings) as h:
        before, start = load(), time.perf_counter()
        report = h.ingest([corpus], **kwargs)
        assert not report.failed, report.failed
        return time.perf_counter() - start, f"{before} → {load()}"


def snapshot(db: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db) as conn:
        return {t: sorted(json.dumps(list(r)) for r in conn.execute(f"SELECT * FROM {t}"))
                for t in COMPARED}


def concurrent_ingest(url: str, corpus: Path, tmp: Path,
                      workers: int) -> tuple[float, dict[str, int]]:
    """Two `heron ingest` processes at once, each on one half of the corpus."""
    lines = corpus.read_text().splitlines(keepends=True)
    halves = [tmp / "half-a.jsonl", tmp / "half-b.jsonl"]
    halves[0].write_text("".join(lines[::2]))
    halves[1].write_text("".join(lines[1::2]))
    env = {**os.environ, "HERON_WORKERS": str(workers)}
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "heron.cli", "ingest", str(h), "--db", url],
                              env=env, stderr=subprocess.DEVNULL) for h in halves]
    codes = [p.wait() for p in procs]
    seconds = time.perf_counter() - start
    assert codes == [0, 0], codes
    with Heron(url) as h:
        q = lambda sql: h.store.query(sql)[0][0]  # noqa: E731
        counts = {
            "articles": q("SELECT count(*) FROM articles"),
            "distinct ids": q("SELECT count(DISTINCT id) FROM articles"),
            "analyses": q("SELECT count(*) FROM analyses"),
            "pending or unfused": q("SELECT count(*) FROM articles WHERE analysed = 0 OR fused = 0"),
            "duplicate event rows": q("SELECT count(*) - count(DISTINCT id) FROM events"),
            "articles in stories": q("SELECT count(*) FROM story_articles"),
        }
    return seconds, counts


def api_p95(db: str, rounds: int = 40) -> dict[str, float]:
    """p95 latency (ms) of the story, event, actor and search endpoints over ``rounds`` calls."""
    from fastapi.testclient import TestClient

    from heron.web.app import create_app

    with Heron(db) as h:
        stories = [s["id"] for s in h.stories(limit=rounds)]
        fused = [f["id"] for s in stories[:5] for f in h.timeline(s)][:rounds]
        actors = [r[0] for r in h.store.query(
            "SELECT actor_id FROM mentions WHERE actor_id IS NOT NULL GROUP BY actor_id "
            "ORDER BY count(*) DESC LIMIT ?", (rounds,))]
    words = ["Ukraine", "sanctions", "election", "security guarantees", "ceasefire", "protest"]
    paths = {
        "story": [f"/api/story/{s}" for s in stories],
        "event": [f"/api/fused-events/{f}" for f in fused],
        "actor": [f"/api/actors/{a}" for a in actors],
        "search": [f"/api/search?q={w}" for w in words],
    }
    out = {}
    with TestClient(create_app(db), base_url="http://localhost") as client:
        for name, urls in paths.items():
            times = []
            for i in range(rounds):
                start = time.perf_counter()
                assert client.get(urls[i % len(urls)]).status_code == 200
                times.append((time.perf_counter() - start) * 1000)
            out[name] = statistics.quantiles(times, n=20)[-1]
    return out


def latency_line(db: str, label: str) -> str:
    api_load = load()
    latency = api_p95(db)
    return (f"- web API p95 latency (ms; {api_load} at its start), {label}: "
            + ", ".join(f"{k} {v:.0f}" for k, v in latency.items()))


def corpus_line(n: int, workers: int) -> str:
    return (f"- corpus: {n} distinct articles stitched from VOA stories; {os.cpu_count()} cores "
            f"shared with other jobs (1-minute load average before → after each timing); full "
            f"pipeline, {workers} analysis process(es) per ingester")


def backends(corpus: Path, tmp: Path, server: str, settings: Settings, n: int) -> list[str]:
    """SQLite then PostgreSQL ingest of ``corpus``; the SQLite database is left at
    ``tmp / "lite.db"``."""
    lite_s, lite_load = timed_ingest(str(tmp / "lite.db"), corpus, settings)
    pg_s, pg_load = timed_ingest(create_database(server, "single"), corpus, settings)
    return [f"- heron ingest into SQLite: {lite_s:.1f} s = {n / lite_s:.2f} docs/s ({lite_load}); "
            f"into PostgreSQL: {pg_s:.1f} s = {n / pg_s:.2f} docs/s ({pg_load}) "
            f"(**PostgreSQL/SQLite {lite_s / pg_s:.2f}**)"]


def concurrent_and_dask(corpus: Path, tmp: Path, server: str, settings: Settings,
                        n: int) -> list[str]:
    both_load = load()
    both_s, counts = concurrent_ingest(create_database(server, "shared"), corpus, tmp,
                                       settings.workers)
    both_load += f" → {load()}"
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=":0") as cluster:
        dask_s, dask_load = timed_ingest(str(tmp / "dask.db"), corpus, settings,
                                         dask=cluster.scheduler_address)
    same = snapshot(tmp / "dask.db") == snapshot(tmp / "lite.db")
    return [f"- two concurrent ingesters (half the corpus each) on one PostgreSQL database: "
            f"{both_s:.1f} s ({both_load}); {json.dumps(counts)}",
            f"- 2-worker Dask LocalCluster: {dask_s:.1f} s = {n / dask_s:.2f} docs/s "
            f"({dask_load}); documents and rows identical to the local SQLite run: **{same}**"]


def latency_only(db: Path, dry_run: bool) -> None:
    """API latency on an existing (large) database, e.g. the one bench/stories.py keeps."""
    with Heron(str(db)) as h:
        articles = h.store.query("SELECT count(*) FROM articles")[0][0]
        stories = h.store.query("SELECT count(*) FROM stories")[0][0]
    record("Scale-out: web API latency on an existing database (bench/scale.py)", [
        f"- database: {articles:,} articles, {stories:,} stories ({db.stat().st_size / 2**20:,.0f}"
        f" MB SQLite); {os.cpu_count()} cores shared with other jobs",
        latency_line(str(db), "SQLite"),
    ], dry_run=dry_run)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--voa", type=Path, default=DEFAULT_VOA)
    parser.add_argument("--workers", type=int, default=1,
                        help="analysis processes of the SQLite/PostgreSQL/concurrent runs")
    parser.add_argument("--backends-only", action="store_true",
                        help="only the SQLite vs PostgreSQL ingest (no concurrent/Dask/API)")
    parser.add_argument("--latency-only", action="store_true",
                        help="only the API latency, on the existing SQLite database --db")
    parser.add_argument("--db", type=Path, help="the database of --latency-only")
    add_no_record_flag(parser)
    args = parser.parse_args()
    if args.latency_only:
        if not args.db or not args.db.is_file():
            parser.error("--latency-only needs --db PATH of an existing SQLite database")
        latency_only(args.db, args.no_record)
        return
    settings = Settings(workers=args.workers)
    n = args.docs
    with tempfile.TemporaryDirectory() as tmp_name, postgres_server() as server:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        build_corpus(args.voa, n, corpus)
        lines = [corpus_line(n, args.workers), *backends(corpus, tmp, server, settings, n)]
        if not args.backends_only:
            lines += concurrent_and_dask(corpus, tmp, server, settings, n)
            lines += [latency_line(str(tmp / "lite.db"), "SQLite"),
                      latency_line(f"{server}/single", "PostgreSQL")]
    title = "Scale-out: PostgreSQL, concurrent ingesters, Dask, API latency (bench/scale.py)"
    record(title.replace("concurrent ingesters, Dask, API latency", "ingest speed")
           if args.backends_only else title, lines, dry_run=args.no_record)


if __name__ == "__main__":
    main()
