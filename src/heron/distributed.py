"""Analysis on a Dask distributed cluster (`heron ingest --dask tcp://HOST:8786`).

The machine running `heron ingest` keeps the store and is its only writer; the cluster only
analyses. Batches of articles go out as tasks, each worker process builds the Heron pipeline
once (:class:`HeronPipelinePlugin`, at registration, and reuses it for every batch), and the
results come back as plain data (the same dicts the store writes) in submission order.

A worker that dies mid-batch loses nothing: Dask reschedules its tasks on another worker (the
scheduler's ``allowed-failures``), and an exception inside a task is retried ``RETRIES`` times.
Results are written in order and each article's write replaces any earlier one, so a retried
batch never duplicates a document. Each document is its own unit of failure on the workers too:
one that cannot be analysed comes back with its reason and is marked failed by the writer; a
batch that still fails after its retries (every worker lost) marks its documents failed, to be
tried again by a later run.

Start a cluster (on every machine the same Heron version and spaCy model must be installed)::

    dask scheduler                                   # on HOST, listens on tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 2 --nthreads 1 --memory-limit 1GiB   # per machine
    heron ingest articles/ --dask tcp://HOST:8786   # or HERON_DASK_SCHEDULER=tcp://HOST:8786
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from heron.config import Settings
from heron.errors import RemoteFailure, describe
from heron.model import Analysis, Article

try:
    from distributed import WorkerPlugin
except ImportError:  # the `dask` extra is not installed: --dask reports it when used
    WorkerPlugin = object  # type: ignore[misc,assignment]

RETRIES = 3
# Batches in flight per worker thread: enough that no worker idles while the writer catches up,
# few enough that a lost worker costs little re-analysis and the client holds little memory.
IN_FLIGHT_PER_THREAD = 2
PLUGIN_NAME = "heron-pipeline"

_lock = threading.Lock()  # one analysis at a time per worker process: spaCy pipes share state


class DaskNotInstalled(ValueError):  # a usage error: the CLI reports it and exits 2
    pass


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise DaskNotInstalled("`--dask` needs Dask distributed: pip install 'heron[dask]'") from exc
    return distributed


def _pipeline(settings: Settings) -> Any:
    """The worker process's pipeline (built once; ``get_pipeline`` caches it)."""
    from heron.nlp.pipeline import get_pipeline

    return get_pipeline(settings)


def analyse_batch(articles: list[Article], settings: Settings) -> list[dict[str, Any]]:
    """The task run on a worker: per article, in order, ``{"analysis": data}`` or
    ``{"error": reason}`` (plain data: nothing a client could fail to unpickle)."""
    from heron.nlp.components import analysis_data

    with _lock:
        return [{"error": describe(result)} if isinstance(result, Exception)
                else {"analysis": analysis_data(result)}
                for _, result in _pipeline(settings).analyse_each(articles)]


class HeronPipelinePlugin(WorkerPlugin):
    """Worker plugin: load the spaCy model and Heron's stages when a worker starts (or joins),
    so the first batch does not pay for it and each worker process loads it exactly once."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker: Any) -> None:
        _pipeline(self.settings)

    def teardown(self, worker: Any) -> None:
        pass


Result = tuple[Article, Analysis | Exception]


def analyse_on_cluster(address: str, articles: Iterable[Article],
                       settings: Settings) -> Iterator[Result]:
    """Analyses of ``articles`` computed on the Dask cluster at ``address``, in input order."""
    distributed = _import_distributed()
    try:
        client = distributed.Client(address, set_as_default=False, timeout="30s")
    except OSError as exc:
        raise ValueError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield from analyse_with_client(client, articles, settings)


def analyse_with_client(client: Any, articles: Iterable[Article],
                        settings: Settings) -> Iterator[Result]:
    """Stream batches to ``client``'s cluster with a bounded window of futures; yield results
    in submission order so the single writer commits in ingest order."""

    client.register_plugin(HeronPipelinePlugin(settings), name=PLUGIN_NAME)
    window = max(1, sum(client.nthreads().values()) * IN_FLIGHT_PER_THREAD)
    iterator = iter(articles)
    pending: deque = deque()
    while True:
        while len(pending) < window and (batch := list(islice(iterator, settings.batch_size))):
            # pure=False: a re-submitted identical batch (re-run) is computed afresh.
            future = client.submit(analyse_batch, batch, settings, retries=RETRIES, pure=False)
            pending.append((batch, future))
        if not pending:
            return
        batch, future = pending.popleft()
        yield from zip(batch, _results(future, len(batch)), strict=True)
        future.release()


def _results(future: Any, size: int) -> list[Analysis | Exception]:
    """A finished batch's results; when the batch failed for good, its reason for each article."""
    from heron.nlp.components import analysis_from_data

    try:
        items = future.result()
    except OSError:  # the scheduler went away: no document's fault, the run stops
        raise
    except Exception as exc:  # the task failed after its retries: its documents fail, not the run
        return [RemoteFailure(f"analysis on the Dask cluster failed: {describe(exc)}")] * size
    return [analysis_from_data(item["analysis"]) if "analysis" in item
            else RemoteFailure(item["error"]) for item in items]
