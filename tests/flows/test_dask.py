"""The ingest flow's extraction batches on a real local Dask cluster give exactly the default runner's rows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import FIXTURES
from tests.factories import QUOTE_ROWS, snapshot

pytestmark = pytest.mark.usefixtures("prefect_harness")

# Every stored row by natural keys (never surrogate ids, run ids or timestamps, which differ by run).
SNAPSHOT = {
    "raw_documents": "SELECT sha256, source_uri, media_type, size_bytes FROM raw_documents ORDER BY 1",
    "articles": """SELECT r.sha256, a.item_index, o.domain, a.title, a.subtitle, a.published_at, a.published_date,
                          a.published_offset, a.published_precision, a.authors, a.category, a.body, a.language,
                          a.content_hash, a.extractor_version, a.rules::text
                   FROM articles a JOIN raw_documents r ON r.id = a.raw_document_id
                   LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY 1, 2""",
    "quotes": QUOTE_ROWS,
    "speakers": "SELECT canonical_name, kind, role, aliases FROM speakers ORDER BY 1",
    "article_speakers": """SELECT r.sha256, a.item_index, s.canonical_name, x.is_primary, x.quote_count
                           FROM article_speakers x JOIN articles a ON a.id = x.article_id
                           JOIN raw_documents r ON r.id = a.raw_document_id JOIN speakers s ON s.id = x.speaker_id
                           ORDER BY 1, 2, 3""",
    "rejections": "SELECT source_uri, reason, sha256 FROM rejections ORDER BY 1, 2",
}


def _snapshot(engine) -> dict[str, list]:
    return snapshot(engine, SNAPSHOT)


def _empty(engine) -> None:
    from models.tables import TABLE_NAMES

    with engine.begin() as conn:
        conn.execute(sa.text(f"TRUNCATE {', '.join(TABLE_NAMES)} RESTART IDENTITY CASCADE"))


def test_ingest_on_a_dask_cluster_writes_exactly_the_rows_of_the_default_runner(clean_db, monkeypatch):
    from distributed import Client, LocalCluster, get_task_stream
    from prefect_dask import DaskTaskRunner

    from flows.ingest import ingest
    from flows.runners import batches_in_flight, dask_task_runner
    from models.settings import get_settings

    ingest(sources=[str(FIXTURES)], batch_size=6)
    expected = _snapshot(clean_db)
    assert expected["articles"] and expected["quotes"]
    _empty(clean_db)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        monkeypatch.setenv("MEDIAMON_DASK_ADDRESS", cluster.scheduler_address)
        monkeypatch.setenv("MEDIAMON_DASK_BATCHES_IN_FLIGHT", "3")
        get_settings.cache_clear()
        try:
            runner = dask_task_runner(get_settings())
            assert isinstance(runner, DaskTaskRunner) and batches_in_flight(get_settings()) == 3
            with get_task_stream(client) as stream:
                summary = ingest.with_options(task_runner=runner)(sources=[str(FIXTURES)], batch_size=6)
        finally:
            get_settings.cache_clear()
    batches = -(-len(list(FIXTURES.glob("*.txt"))) // 6)
    assert len(stream.data) >= batches  # the extraction batches ran on the cluster's workers
    assert summary.documents_new == len(expected["raw_documents"])
    assert _snapshot(clean_db) == expected


def test_no_dask_setting_means_the_default_runner_and_a_local_cluster_setting_means_dask():
    from prefect_dask import DaskTaskRunner

    from flows.runners import batches_in_flight, dask_task_runner
    from models.settings import Settings

    assert dask_task_runner(Settings(_env_file=None)) is None
    assert batches_in_flight(Settings(_env_file=None)) == 1
    local = Settings(_env_file=None, dask_local_workers=3)
    runner = dask_task_runner(local)
    assert isinstance(runner, DaskTaskRunner) and runner.cluster_kwargs["n_workers"] == 3
    assert batches_in_flight(local) == 3
