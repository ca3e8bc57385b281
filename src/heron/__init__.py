"""Heron: news articles in, verified PLOVER event data out.

    import heron
    h = heron.open("news.db")
    h.ingest(["articles/"])
"""

from heron.api import Heron, IngestReport, open  # noqa: A004
from heron.store.base import EventFilter

__all__ = ["EventFilter", "Heron", "IngestReport", "open"]
__version__ = "0.1.0"
