"""Re-extract stored raw documents (after an extractor change): a stateless, bounded backfill.

The window is over `raw_documents.received_at`; the same upserts as ingest make it safe to re-run.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.ingest import IngestSummary, StoredDocument, chunks, extract_batch, load_batch, recorded_run
from models.db import get_engine
from models.load import RawInput
from models.provenance import stored_contexts
from models.tables import RawDocument

RAW = RawDocument.__table__


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def select_raw_ids(since: datetime | None, until: datetime | None) -> list[int]:
    query = sa.select(RAW.c.id).order_by(RAW.c.id)
    if since:
        query = query.where(RAW.c.received_at >= since)
    if until:
        query = query.where(RAW.c.received_at < until)
    with get_engine().connect() as conn:
        return list(conn.execute(query).scalars())


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def fetch_raw_batch(ids: list[int]) -> list[StoredDocument]:
    query = sa.select(RAW.c.id, RAW.c.source_uri, RAW.c.content, RAW.c.media_type).where(RAW.c.id.in_(ids))
    with get_engine().connect() as conn:
        contexts = stored_contexts(conn, ids)  # URL and feed/sidecar fields, as when first ingested
        return [StoredDocument(r.id, False, RawInput(r.source_uri, bytes(r.content), r.media_type, contexts.get(r.id)))
                for r in conn.execute(query)]


@flow(name="reextract", log_prints=True)
def reextract(since: datetime | None = None, until: datetime | None = None, batch_size: int = 200) -> IngestSummary:
    """Extract again every raw document received in [since, until) and upsert the results."""
    parameters = {"since": str(since), "until": str(until), "batch_size": batch_size}
    with recorded_run("reextract", parameters) as summary:
        for ids in chunks(select_raw_ids(since, until), max(1, batch_size)):
            extracted = extract_batch(fetch_raw_batch(ids))
            summary.add_batch(len(ids), extracted, load_batch(extracted, summary.run_id))
    return summary
