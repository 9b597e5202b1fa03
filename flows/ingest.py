"""The ingest flow: files -> raw documents -> extraction -> bulk upserts, in batches.

One task run per batch and step (never per document: Prefect costs ~5 ms per task run and far more
per .submit/.map). Idempotency comes from upserts on natural keys, not from Prefect caches, so
every task has NO_CACHE and a re-run of anything is safe.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from sqlalchemy.exc import SQLAlchemyError

from extractors.documents import EXTRACTOR_VERSION, ExtractionError, extract_document
from extractors.records import Page
from flows.fetch import is_url
from flows.reporting import publish_run_artifact
from flows.sidecars import attach_sidecars
from flows.sources import discover, read_documents
from models.db import get_engine
from models.load import (
    LoadStats,
    RawInput,
    RejectionInput,
    clear_rejections,
    load_pages,
    quarantine,
    store_raw_documents,
)
from models.migrate import upgrade
from models.provenance import record_sources, to_extract
from models.tables import IngestRun

RUNS = IngestRun.__table__
# The CLI may set this to draw a progress bar: called with (documents done, documents total).
progress_callback: Callable[[int, int], None] | None = None


@dataclass
class StoredDocument:
    raw_id: int
    is_new: bool
    document: RawInput
    pending: bool = True  # not extracted yet: `ingest` extracts only these, `reextract` all


@dataclass
class ExtractedBatch:
    pages: list[tuple[int, Page]] = field(default_factory=list)
    rejections: list[RejectionInput] = field(default_factory=list)


@dataclass
class IngestSummary:
    run_id: int
    documents_seen: int = 0
    documents_new: int = 0
    documents_skipped: int = 0  # stored and extracted by an earlier run
    articles_written: int = 0
    articles_unchanged: int = 0
    quotes_written: int = 0
    rejected: int = 0
    seconds: float = 0.0
    documents_extracted: int = 0  # documents that went through extraction in this run
    urls_fetched: int = 0  # pages, feeds and sitemaps fetched (flows/live.py)
    not_modified: int = 0  # fetches answered 304: nothing to extract

    def add_batch(self, documents: int, extracted: ExtractedBatch, stats: LoadStats, unreadable: int = 0) -> None:
        self.documents_seen += documents
        self.articles_written += stats.articles_written
        self.articles_unchanged += stats.articles_unchanged
        self.quotes_written += stats.quotes_written
        self.rejected += unreadable + len(extracted.rejections)
        self.documents_extracted += len(extracted.pages) + len(extracted.rejections)


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def start_run(flow_name: str, parameters: dict) -> int:
    """Bring the schema up to date and open an ingest_runs row."""
    engine = get_engine()
    upgrade(engine)
    with engine.begin() as conn:
        return conn.execute(RUNS.insert().values(flow_run_id=flow_run.get_id(), flow_name=flow_name,
                                                 parameters=parameters, status="running")
                            .returning(RUNS.c.id)).scalar_one()


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def store_batch(paths: list[str], run_id: int) -> tuple[list[StoredDocument], int]:
    """Read a batch of files and store their exact bytes first, so nothing is ever lost."""
    read = read_documents([Path(p) for p in paths])
    attach_sidecars(read.documents)
    with get_engine().begin() as conn:
        ids = store_raw_documents(conn, read.documents, run_id)
        record_sources(conn, read.documents, ids, run_id)
        quarantine(conn, read.rejections, run_id)
        pending = to_extract(conn, read.documents, ids)
    stored = [StoredDocument(*ids[d.sha256], d, ids[d.sha256][0] in pending) for d in read.documents]
    return stored, len(read.rejections)


@task(cache_policy=NO_CACHE)
def extract_batch(stored: list[StoredDocument]) -> ExtractedBatch:
    """Pure extraction of every document of the batch; a failure quarantines that document only."""
    batch = ExtractedBatch()
    seen: set[int] = set()
    for s in stored:
        if s.raw_id in seen or not s.pending:  # the same bytes twice in one batch, or done before
            continue
        seen.add(s.raw_id)
        doc = s.document
        try:
            batch.pages.append((s.raw_id, extract_document(doc.content, doc.media_type, doc.source_uri, doc.context)))
        except ExtractionError as exc:
            batch.rejections.append(RejectionInput(doc.source_uri, exc.reason, str(exc), doc.sha256, s.raw_id))
        except Exception as exc:  # an extractor bug must not stop the run: quarantine with the error
            batch.rejections.append(RejectionInput(doc.source_uri, "extract-error",
                                                   f"{type(exc).__name__}: {exc}", doc.sha256, s.raw_id))
    return batch


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def load_batch(batch: ExtractedBatch, run_id: int, prune: bool = True) -> LoadStats:
    """Upsert a batch in one transaction; if that fails, load document by document and quarantine the bad.

    `prune=False`: keep stored stories the pages omit (a backfill loads only a window's stories).
    """
    engine = get_engine()
    try:
        with engine.begin() as conn:
            stats = load_pages(conn, batch.pages, run_id, EXTRACTOR_VERSION, prune)
            clear_rejections(conn, [raw_id for raw_id, _ in batch.pages])
            quarantine(conn, batch.rejections, run_id)
        return stats
    except SQLAlchemyError as exc:
        get_run_logger().warning("batch load failed (%s); loading document by document", type(exc).__name__)
    stats = LoadStats()
    for raw_id, page in batch.pages:
        try:
            with engine.begin() as conn:
                stats.add(load_pages(conn, [(raw_id, page)], run_id, EXTRACTOR_VERSION, prune))
                clear_rejections(conn, [raw_id])
        except SQLAlchemyError as exc:
            batch.rejections.append(RejectionInput(page.source, "load-error", str(exc).splitlines()[0],
                                                   None, raw_id))
    with engine.begin() as conn:
        quarantine(conn, batch.rejections, run_id)
    return stats


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def finish_run(summary: IngestSummary, status: str) -> None:
    with get_engine().begin() as conn:
        conn.execute(RUNS.update().where(RUNS.c.id == summary.run_id).values(
            status=status, finished_at=datetime.now(UTC), documents_seen=summary.documents_seen,
            documents_new=summary.documents_new, articles_written=summary.articles_written,
            quotes_written=summary.quotes_written, rejected=summary.rejected))


@contextmanager
def recorded_run(flow_name: str, parameters: dict, summary_type: type[IngestSummary] = IngestSummary,
                 ) -> Iterator[IngestSummary]:
    """An ingest_runs row around a flow's work: counts, timing, status completed or failed, a Prefect artifact."""
    started = time.perf_counter()
    summary = summary_type(run_id=start_run(flow_name, parameters))
    status = "failed"
    try:
        yield summary
        status = "completed"
    finally:
        summary.seconds = round(time.perf_counter() - started, 3)
        finish_run(summary, status)
        publish_run_artifact(flow_name, summary, status)
    get_run_logger().info("%s done: %s", flow_name, summary)


@flow(name="ingest", log_prints=True)
def ingest(sources: list[str], batch_size: int = 200, refetch: bool = False,
           outlet_feeds: list[str] | None = None) -> IngestSummary:
    """Ingest files, directories or globs of news pages (text, HTML, RSS/Atom) and URLs of pages, feeds
    and sitemaps into PostgreSQL. `refetch`: fetch pages a feed or sitemap lists even when stored;
    `outlet_feeds`: also poll the feeds the registry lists for these domains ([] = every outlet's)."""
    from flows.live import ingest_urls, registry_feeds

    urls = [s for s in sources if is_url(s)] + registry_feeds(outlet_feeds)
    paths = [str(p) for p in discover([s for s in sources if not is_url(s)])]
    parameters = {"sources": sources, "batch_size": batch_size, "refetch": refetch, "outlet_feeds": outlet_feeds}
    with recorded_run("ingest", parameters) as summary:
        if urls:
            ingest_urls(urls, summary, batch_size=batch_size, refetch=refetch)
        for paths_batch in chunks(paths, max(1, batch_size)):
            stored, unreadable = store_batch(paths_batch, summary.run_id)
            extracted = extract_batch(stored)
            summary.add_batch(len(paths_batch), extracted, load_batch(extracted, summary.run_id), unreadable)
            summary.documents_new += sum(s.is_new for s in stored)
            summary.documents_skipped += sum(not s.pending for s in stored)
            if progress_callback:
                progress_callback(summary.documents_seen, len(paths))
    return summary

