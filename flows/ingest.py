"""The ingest flow: files -> raw documents -> extraction -> bulk upserts, in batches.

One task run per batch and step (never per document: Prefect costs ~5 ms per task run and far more
per .submit/.map). Idempotency comes from upserts on natural keys, not from Prefect caches, so
every task has NO_CACHE and a re-run of anything is safe.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote
from sqlalchemy.exc import SQLAlchemyError

from extractors.documents import EXTRACTOR_VERSION
from extractors.records import Page
from flows.extraction_pool import Job, extract_jobs, extraction_workers
from flows.fetch import is_url
from flows.reporting import publish_run_artifact
from flows.resilience import database_step, is_transient, limits, one_line, retrying, transaction_groups
from flows.runners import batches_in_flight, configured_task_runner, dask_task_runner
from flows.sidecars import attach_sidecars
from flows.sources import Skipped, check_sources, iter_inputs, read_documents
from models.db import get_engine
from models.load import (
    LoadStats,
    RawInput,
    RejectionInput,
    clear_rejections,
    clear_stale_rejections,
    load_pages,
    mark_incomplete,
    prune_items,
    quarantine,
    safe_text,
    store_raw_documents,
)
from models.migrate import upgrade
from models.provenance import record_sources, to_extract
from models.runs import heartbeat, mark_crashed_runs, this_process
from models.settings import get_settings
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
    received_at: datetime | None = None


@dataclass
class ExtractedBatch:
    pages: list[tuple[int, Page]] = field(default_factory=list)
    rejections: list[RejectionInput] = field(default_factory=list)
    # (raw id, item index) -> the article's wire-copy signature, computed with extraction (models/clusters.py)
    signatures: dict[tuple[int, int], np.ndarray | None] = field(default_factory=dict)


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
    rejected_reasons: dict[str, int] = field(default_factory=dict)
    inputs_skipped: int = 0  # not read at all: a dangling link, a FIFO, another suffix (see skipped_reasons)
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    documents_extracted: int = 0  # documents that went through extraction in this run
    urls_fetched: int = 0  # pages, feeds and sitemaps fetched (flows/live.py)
    not_modified: int = 0  # fetches answered 304: nothing to extract

    def add_batch(self, documents: int, extracted: ExtractedBatch, stats: LoadStats,
                  unreadable: list[RejectionInput] = ()) -> None:
        self.documents_seen += documents
        self.articles_written += stats.articles_written
        self.articles_unchanged += stats.articles_unchanged
        self.quotes_written += stats.quotes_written
        self.documents_extracted += len(extracted.pages) + len(extracted.rejections)
        for r in [*unreadable, *extracted.rejections, *stats.rejections]:
            self.rejected += 1
            self.rejected_reasons[r.reason] = self.rejected_reasons.get(r.reason, 0) + 1

    def add_skipped(self, skipped: list[Skipped]) -> None:
        for s in skipped:
            self.inputs_skipped += 1
            self.skipped_reasons[s.reason] = self.skipped_reasons.get(s.reason, 0) + 1


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def chunk_paths(paths: Iterable[str], size: int, max_bytes: int) -> Iterator[list[str]]:
    """Batches of at most `size` files and, unless one file alone is larger, `max_bytes` bytes."""
    batch, total = [], 0
    for p in paths:
        try:
            n = os.stat(p).st_size
        except OSError:
            n = 0
        if batch and (len(batch) >= size or total + n > max_bytes):
            yield batch
            batch, total = [], 0
        batch.append(p)
        total += n
    if batch:
        yield batch


@task(cache_policy=NO_CACHE)
def start_run(flow_name: str, parameters: dict) -> int:
    """Bring the schema up to date, mark the rows of dead runs `crashed`, open an ingest_runs row."""
    engine = get_engine()
    with database_step("start the run"):
        upgrade(engine)
        with engine.begin() as conn:
            crashed = mark_crashed_runs(conn, get_settings().stale_run_seconds)
            run_id = conn.execute(RUNS.insert().values(
                flow_run_id=flow_run.get_id(), flow_name=flow_name, parameters=parameters, status="running",
                heartbeat_at=datetime.now(UTC), **this_process()).returning(RUNS.c.id)).scalar_one()
    if crashed:
        get_run_logger().warning("runs %s had stopped without closing: marked crashed", crashed)
    return run_id


@task(cache_policy=NO_CACHE)
def store_batch(paths: list[str], run_id: int) -> tuple[list[StoredDocument], list[RejectionInput]]:
    """Read a batch of files and store their exact bytes first, so nothing is ever lost."""
    read = read_documents([Path(p) for p in paths])
    attach_sidecars(read.documents)
    with database_step("store raw documents"), get_engine().begin() as conn:
        ids = store_raw_documents(conn, read.documents, run_id)
        record_sources(conn, read.documents, ids, run_id)
        quarantine(conn, read.rejections, run_id)
        raw_ids = [raw_id for raw_id, _ in ids.values()]
        clear_stale_rejections(conn, raw_ids)
        pending = to_extract(conn, read.documents, ids)
        heartbeat(conn, run_id)
    now = datetime.now(UTC)
    stored = [StoredDocument(*ids[d.sha256], d, ids[d.sha256][0] in pending, now) for d in read.documents]
    return stored, read.rejections


@task(cache_policy=NO_CACHE)
def extract_batch(stored: list[StoredDocument]) -> ExtractedBatch:
    """Pure extraction of every document of the batch (in worker processes when the run has them and the
    batch is big: flows/extraction_pool.py); a failure quarantines that document only."""
    batch = ExtractedBatch()
    seen: set[int] = set()
    size_limits = limits()
    jobs, documents = [], {}
    for s in stored:
        if s.raw_id in seen or not s.pending:  # the same bytes twice in one batch, or done before
            continue
        seen.add(s.raw_id)
        doc = documents[s.raw_id] = s.document
        jobs.append(Job(s.raw_id, doc.content, doc.media_type, doc.source_uri, s.received_at, size_limits,
                        doc.context))
    for outcome in extract_jobs(jobs):
        doc = documents[outcome.raw_id]
        if outcome.page is None:
            batch.rejections.append(RejectionInput(doc.source_uri, outcome.reason, outcome.error, doc.sha256,
                                                   outcome.raw_id))
            continue
        batch.pages.append((outcome.raw_id, outcome.page))
        batch.signatures.update(((outcome.raw_id, index), sig) for index, sig in outcome.signatures.items())
    return batch


@task(cache_policy=NO_CACHE)
def load_batch(batch: ExtractedBatch, run_id: int, prune: bool = True) -> LoadStats:
    """Upsert a batch in bounded transactions. A database that is down fails the task (it is retried,
    and `batch` is never changed, so a retry starts from the same input); rows the database refuses
    quarantine their document alone, with `load-error`.

    `prune=False`: keep stored stories the pages omit (a backfill loads only a window's stories).
    """
    engine = get_engine()
    per_transaction = get_settings().max_articles_per_transaction
    stats = LoadStats()
    with database_step("load articles"):
        for group in transaction_groups(batch.pages, per_transaction):
            if len(group) == 1 and len(group[0][1].items) > per_transaction:
                stats.add(_load_in_parts(group[0], run_id, per_transaction, prune, batch.signatures))
                continue
            try:
                with engine.begin() as conn:
                    stats.add(load_pages(conn, group, run_id, EXTRACTOR_VERSION, prune, batch.signatures))
                    clear_rejections(conn, [raw_id for raw_id, _ in group])
            except SQLAlchemyError as exc:
                if is_transient(exc):
                    raise
                get_run_logger().warning("a load transaction failed (%s); loading document by document",
                                         one_line(exc))
                stats.add(_load_one_by_one(group, run_id, prune, batch.signatures))
        with engine.begin() as conn:
            quarantine(conn, [*batch.rejections, *stats.rejections], run_id)
    return stats


def _load_one_by_one(pages: list[tuple[int, Page]], run_id: int, prune: bool, sigs: dict) -> LoadStats:
    stats = LoadStats()
    for raw_id, page in pages:
        try:
            with get_engine().begin() as conn:
                stats.add(load_pages(conn, [(raw_id, page)], run_id, EXTRACTOR_VERSION, prune, sigs))
                clear_rejections(conn, [raw_id])
        except SQLAlchemyError as exc:
            if is_transient(exc):
                raise
            stats.rejections.append(RejectionInput(page.source, "load-error", one_line(exc),
                                                   None, raw_id))
    return stats


def _load_in_parts(item: tuple[int, Page], run_id: int, per_transaction: int, prune: bool,
                   sigs: dict) -> LoadStats:
    """A page with more articles than one transaction takes (a huge feed or digest), in parts; it stays
    `incomplete-load` (tried again by the next run) until the last part is in."""
    raw_id, page = item
    stats = LoadStats()
    try:
        with get_engine().begin() as conn:
            mark_incomplete(conn, raw_id, page.source, run_id)
        for start in range(0, len(page.items), per_transaction):
            part = replace(page, items=page.items[start:start + per_transaction])
            with get_engine().begin() as conn:
                stats.add(load_pages(conn, [(raw_id, part)], run_id, EXTRACTOR_VERSION, False, sigs))
        with get_engine().begin() as conn:
            if prune:
                prune_items(conn, raw_id, len(page.items))
            clear_rejections(conn, [raw_id])
    except SQLAlchemyError as exc:
        if is_transient(exc):
            raise
        stats.rejections.append(RejectionInput(page.source, "load-error", one_line(exc), None, raw_id))
    return stats


@task(cache_policy=NO_CACHE)
def finish_run(summary: IngestSummary, status: str, error: str | None = None) -> None:
    with database_step("close the run"), get_engine().begin() as conn:
        conn.execute(RUNS.update().where(RUNS.c.id == summary.run_id).values(
            status=status, finished_at=datetime.now(UTC), heartbeat_at=datetime.now(UTC),
            documents_seen=summary.documents_seen, documents_new=summary.documents_new,
            articles_written=summary.articles_written, quotes_written=summary.quotes_written,
            rejected=summary.rejected, skipped=summary.inputs_skipped, skipped_reasons=summary.skipped_reasons,
            error=error))


@contextmanager
def recorded_run(flow_name: str, parameters: dict, summary_type: type[IngestSummary] = IngestSummary,
                 ) -> Iterator[IngestSummary]:
    """An ingest_runs row around a flow's work: counts, timing, status completed or failed, a Prefect artifact."""
    started = time.perf_counter()
    summary = summary_type(run_id=retrying(start_run)(flow_name, parameters))
    status, error = "failed", None
    try:
        yield summary
        status = "completed"
    except BaseException as exc:
        error = one_line(exc)
        raise
    finally:
        summary.seconds = round(time.perf_counter() - started, 3)
        try:
            retrying(finish_run)(summary, status, error)
            publish_run_artifact(flow_name, summary, status)
        except Exception as exc:  # the database is gone: the row stays running until marked crashed
            get_run_logger().error("could not close run %s: %s", summary.run_id, one_line(exc))
            if status == "completed":
                raise
    get_run_logger().info("%s done: %s", flow_name, summary)


@flow(name="ingest", log_prints=True, task_runner=configured_task_runner())
def ingest(sources: list[str], batch_size: int = 200, refetch: bool = False,
           outlet_feeds: list[str] | None = None) -> IngestSummary:
    """Ingest files, directories or globs of news pages (text, HTML, RSS/Atom) and URLs of pages, feeds
    and sitemaps into PostgreSQL. `refetch`: fetch pages a feed or sitemap lists even when stored;
    `outlet_feeds`: also poll the feeds the registry lists for these domains ([] = every outlet's)."""
    urls = [s for s in sources if is_url(s)]
    if outlet_feeds is not None:
        from flows.live import registry_feeds

        urls += registry_feeds(outlet_feeds)
    local = [s for s in sources if not is_url(s)]
    check_sources(local)
    store, extract, load = retrying(store_batch), extract_batch, retrying(load_batch)
    parameters = {"sources": [safe_text(s) for s in sources], "batch_size": batch_size, "refetch": refetch,
                  "outlet_feeds": outlet_feeds}
    settings = get_settings()
    on_dask = dask_task_runner(settings) is not None
    with recorded_run("ingest", parameters) as summary, \
            extraction_workers(1 if on_dask else settings.extraction_processes,
                               settings.extraction_pool_min_documents):
        if urls:
            from flows.live import ingest_urls  # fetching (httpx, feeds, sitemaps): loaded only for URLs

            ingest_urls(urls, summary, batch_size=batch_size, refetch=refetch)
        # a progress bar needs the total up front: one more walk that counts (it keeps nothing)
        total = sum(isinstance(i, Path) for i in iter_inputs(local)) if progress_callback else 0
        # Extraction is submitted to the task runner (Dask when configured, flows/runners.py) or, for big
        # batches, to worker processes (flows/extraction_pool.py); storing and loading stay here, in input
        # order, so the rows are the same whichever extracts. Loading batch k overlaps extracting k + 1.
        ahead = batches_in_flight(settings) if on_dask else 2
        in_flight: deque = deque()
        for paths_batch in chunk_paths(_files(iter_inputs(local), summary), max(1, batch_size),
                                       settings.max_document_bytes):
            stored, unreadable = store(paths_batch, summary.run_id)
            if not any(s.pending for s in stored):  # all stored and extracted before: no task to run
                in_flight.append((len(paths_batch), stored, unreadable, None))
            else:
                # quoted: Prefect does not walk every document of the batch (a tenth of the run's time); a Dask
                # runner takes the list as it is (it would read the quote, a tuple, as a task of its own)
                in_flight.append((len(paths_batch), stored, unreadable,
                                  extract.submit(stored if on_dask else quote(stored))))
            while len(in_flight) >= ahead or (in_flight and in_flight[0][3] is None):
                _load_extracted(in_flight.popleft(), summary, load, total)
        while in_flight:
            _load_extracted(in_flight.popleft(), summary, load, total)
        if not summary.documents_seen and not urls:
            get_run_logger().warning("no pages to read in %s", ", ".join(safe_text(s) for s in sources))
    return summary


def _files(found: Iterator[Path | Skipped], summary: IngestSummary) -> Iterator[str]:
    """The paths of discovered files; what discovery skipped is counted and logged as it comes."""
    for item in found:
        if isinstance(item, Path):
            yield str(item)
        else:
            summary.add_skipped([item])
            get_run_logger().warning("skipped %s: %s", item.path, item.reason)


def _load_extracted(submitted: tuple, summary: IngestSummary, load: Callable, total: int) -> None:
    documents, stored, unreadable, future = submitted
    if future is None:
        summary.add_batch(documents, ExtractedBatch(), LoadStats(), unreadable)
    else:
        extracted = future.result()
        summary.add_batch(documents, extracted, load(quote(extracted), summary.run_id), unreadable)
    summary.documents_new += sum(s.is_new for s in stored)
    summary.documents_skipped += sum(not s.pending for s in stored)
    if progress_callback:
        progress_callback(summary.documents_seen, max(total, summary.documents_seen))
