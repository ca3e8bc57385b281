"""Property test of ingest with hostile input (random unicode, HTML, JSON records, extreme
dates, raw bytes, odd encodings): no input makes a document fail or a database unusable. A
bounded, derandomized run for `make test`; bench/fuzz.py runs the same strategies longer."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_inputs import batches, check_healthy, ingest_batch

_counter = itertools.count()


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(batch=batches(), published=st.one_of(st.none(), st.sampled_from(["2025-08-20", "2999-12-31"])))
def test_no_input_fails_a_document_or_the_database(tmp_path_factory, batch, published) -> None:
    folder: Path = tmp_path_factory.getbasetemp() / f"fuzz{next(_counter)}"
    h, report = ingest_batch(folder, batch, published)
    try:
        check_healthy(h, report)
        again = h.ingest([folder])  # a later run over the same files adds nothing and works
        assert again.ingested == 0 and again.failed == []
    finally:
        h.close()
