"""Extraction in worker processes gives exactly the rows of extraction in the flow's own process."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.flows.test_dask import _empty, _snapshot

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_ingest_with_extraction_workers_writes_the_rows_of_one_process(clean_db, monkeypatch):
    from flows import extraction_pool
    from flows.ingest import ingest
    from models.settings import get_settings

    monkeypatch.setenv("MEDIAMON_EXTRACTION_PROCESSES", "1")
    get_settings.cache_clear()
    ingest(sources=[str(FIXTURES)], batch_size=10)
    expected = _snapshot(clean_db)
    assert expected["articles"] and expected["quotes"]
    _empty(clean_db)
    monkeypatch.setenv("MEDIAMON_EXTRACTION_PROCESSES", "2")
    monkeypatch.setenv("MEDIAMON_EXTRACTION_POOL_MIN_DOCUMENTS", "2")
    get_settings.cache_clear()
    here = []  # documents extracted in this process (the workers run the module's own extract_one)
    real = extraction_pool.extract_one

    def counted(job):
        here.append(job.source_uri)
        return real(job)

    monkeypatch.setattr(extraction_pool, "extract_one", counted)
    try:
        summary = ingest(sources=[str(FIXTURES)], batch_size=10)
    finally:
        get_settings.cache_clear()
    assert summary.documents_new == len(expected["raw_documents"])
    assert _snapshot(clean_db) == expected
    assert here == []  # every batch went to the workers
    again = ingest(sources=[str(FIXTURES)], batch_size=10)
    assert again.documents_skipped == len(expected["raw_documents"]) and again.documents_extracted == 0
