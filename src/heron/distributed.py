"""Analysis on a Dask distributed cluster (`heron ingest --dask tcp://HOST:8786`).

The machine running `heron ingest` keeps the store and is its only writer; the cluster only
analyses. Batches of articles go out as tasks, each worker process builds the Heron pipeline
once (:class:`HeronPipelinePlugin`, at registration, and reuses it for every batch), and the
results come back as plain data (the same dicts the store writes) in submission order.

A worker that dies mid-batch loses nothing: Dask reschedules its tasks on another worker (the
scheduler's ``allowed-failures``), and an exception inside a task is retried ``RETRIES`` times.
Results are written in order and each article's write replaces any earlier one, so a retried
batch never duplicates a document.

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
    """The task run on a worker: the batch's analyses as plain data, in order."""
    from heron.nlp.components import analysis_data

    with _lock:
        return [analysis_data(a) for a in _pipeline(settings).analyse(articles)]


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


def analyse_on_cluster(address: str, articles: Iterable[Article],
                       settings: Settings) -> Iterator[Analysis]:
    """Analyses of ``articles`` computed on the Dask cluster at ``address``, in input order."""
    distributed = _import_distributed()
    try:
        client = distributed.Client(address, set_as_default=False, timeout="30s")
    except OSError as exc:
        raise ValueError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield from analyse_with_client(client, articles, settings)


def analyse_with_client(client: Any, articles: Iterable[Article],
                        settings: Settings) -> Iterator[Analysis]:
    """Stream batches to ``client``'s cluster with a bounded window of futures; yield results
    in submission order so the single writer commits in ingest order."""
    from heron.nlp.components import analysis_from_data

    client.register_plugin(HeronPipelinePlugin(settings), name=PLUGIN_NAME)
    window = max(1, sum(client.nthreads().values()) * IN_FLIGHT_PER_THREAD)
    iterator = iter(articles)
    pending: deque = deque()
    while True:
        while len(pending) < window and (batch := list(islice(iterator, settings.batch_size))):
            # pure=False: a re-submitted identical batch (re-run) is computed afresh.
            pending.append(client.submit(analyse_batch, batch, settings, retries=RETRIES,
                                         pure=False))
        if not pending:
            return
        future = pending.popleft()
        for data in future.result():
            yield analysis_from_data(data)
        future.release()
