"""Re-extract stored raw documents (after an extractor change): a stateless, bounded backfill.

A document is selected when it matches every filter given: received in [received_since, received_until),
carrying a story published in [published_from, published_to] (dates as printed), of an outlet, or
written by an extractor older than a version. Each batch is extracted, then loaded in one
transaction, so an analyst sees an article either as it was or as re-extracted, never half of each.
The same upserts as ingest make any window safe to re-run, and several windows safe to run at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import sqlalchemy as sa
from packaging.version import InvalidVersion, Version
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from extractors.documents import EXTRACTOR_VERSION
from flows.ingest import IngestSummary, StoredDocument, chunks, extract_batch, load_batch, recorded_run
from flows.resilience import retrying
from models.db import get_engine
from models.load import RawInput
from models.provenance import stored_contexts
from models.tables import Article, Outlet, RawDocument

RAW = RawDocument.__table__
ARTICLES = Article.__table__
OUTLETS = Outlet.__table__
# The CLI may set this to draw a progress bar: called with (documents done, documents total).
progress_callback: Callable[[int, int], None] | None = None


def older_versions(stored: list[str], than: str) -> list[str]:
    """The stored extractor versions strictly older than `than` (PEP 440 order: 2026.11.10 > 2026.11.9)."""
    limit = Version(than)
    older = []
    for v in stored:
        try:
            if Version(v) < limit:
                older.append(v)
        except InvalidVersion:  # a version string we cannot order (a test's "test"): older than any release
            older.append(v)
    return older


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def select_raw_ids(received_since: datetime | None = None, received_until: datetime | None = None,
                   published_from: date | None = None, published_to: date | None = None,
                   outlet: str | None = None, older_than_version: str | None = None) -> list[int]:
    """Ids of the raw documents matching every filter given, in id order."""
    query = sa.select(RAW.c.id).order_by(RAW.c.id)
    if received_since:
        query = query.where(RAW.c.received_at >= received_since)
    if received_until:
        query = query.where(RAW.c.received_at < received_until)
    story = []
    if published_from:
        story.append(ARTICLES.c.published_date >= published_from)
    if published_to:
        story.append(ARTICLES.c.published_date <= published_to)
    if outlet:
        story.append(ARTICLES.c.outlet_id.in_(sa.select(OUTLETS.c.id).where(OUTLETS.c.domain == outlet)))
    with get_engine().connect() as conn:
        if older_than_version:
            stored = conn.execute(sa.select(ARTICLES.c.extractor_version).distinct()).scalars().all()
            story.append(ARTICLES.c.extractor_version.in_(older_versions(list(stored), older_than_version)))
        if story:
            query = query.where(sa.exists().where(ARTICLES.c.raw_document_id == RAW.c.id, *story))
        return list(conn.execute(query).scalars())


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def fetch_raw_batch(ids: list[int]) -> list[StoredDocument]:
    query = (sa.select(RAW.c.id, RAW.c.source_uri, RAW.c.content, RAW.c.media_type, RAW.c.received_at)
             .where(RAW.c.id.in_(ids)).order_by(RAW.c.id))
    with get_engine().connect() as conn:
        contexts = stored_contexts(conn, ids)  # URL and feed/sidecar fields, as when first ingested
        return [StoredDocument(r.id, False, RawInput(r.source_uri, bytes(r.content), r.media_type, contexts.get(r.id)),
                               received_at=r.received_at) for r in conn.execute(query)]


@flow(name="reextract", log_prints=True)
def reextract(received_since: datetime | None = None, received_until: datetime | None = None,
              published_from: date | None = None, published_to: date | None = None,
              outlet: str | None = None, older_than_version: str | None = None,
              older_than_current: bool = False, batch_size: int = 200,
              since: datetime | None = None, until: datetime | None = None) -> IngestSummary:
    """Extract again every stored raw document matching the filters, and upsert the results.

    `older_than_current`: stories written by an extractor older than this one (the scheduled deployment).
    `since`/`until` are the older names of `received_since`/`received_until`.
    """
    received_since, received_until = received_since or since, received_until or until
    if older_than_current:
        older_than_version = EXTRACTOR_VERSION
    filters = {"received_since": received_since, "received_until": received_until,
               "published_from": published_from, "published_to": published_to,
               "outlet": outlet, "older_than_version": older_than_version}
    parameters = {**{k: None if v is None else str(v) for k, v in filters.items()}, "batch_size": batch_size}
    with recorded_run("reextract", parameters) as summary:
        ids = select_raw_ids(**filters)
        load = retrying(load_batch)
        for batch in chunks(ids, max(1, batch_size)):
            extracted = extract_batch(quote(fetch_raw_batch(batch)))
            summary.add_batch(len(batch), extracted, load(quote(extracted), summary.run_id))
            if progress_callback:
                progress_callback(summary.documents_seen, len(ids))
    return summary
