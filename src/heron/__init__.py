"""Heron: news articles in, verified PLOVER event data out.

    import heron
    h = heron.open("news.db")
    h.ingest(["articles/"])
"""

from heron.api import Heron, IngestReport, open  # noqa: A004

__all__ = ["Heron", "IngestReport", "open"]
__version__ = "0.1.0"
