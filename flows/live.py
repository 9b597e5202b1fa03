"""URLs in the ingest flow: pages, RSS/Atom feeds, sitemaps and sitemap indexes.

    listing  fetch the URLs given; a page is a document, a feed or sitemap lists pages (a sitemap index
             lists sitemaps, followed `fetch_sitemap_depth` deep); listed pages already stored are left
             out unless `refetch`
    fetch    the pages, concurrently (flows/fetch.py: limits, robots.txt, conditional requests)
    store    raw bytes, `document_sources`, `fetched_urls`; failures become rejections with their reason
    then the same extract and load tasks as files (flows/ingest.py).

A 304 or a page whose bytes are already stored costs no extraction. One task run per step and batch.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from extractors.layout.outlets import OutletSpec, load_registry
from extractors.web import DocumentContext
from flows.feeds import ListedPage, feed_pages, kind_of, media_type, sitemap_pages, ungzip
from flows.fetch import Fetcher, FetchResult
from flows.resilience import database_step, retrying
from models.db import get_engine
from models.load import RawInput, RejectionInput, quarantine, store_raw_documents
from models.provenance import known_urls, record_fetches, record_sources, to_extract, touch_not_modified, validators
from models.runs import heartbeat
from models.settings import get_settings


@dataclass
class PageJob:
    url: str
    hints: dict = field(default_factory=dict)
    result: FetchResult | None = None  # already fetched (a page given directly)


@dataclass
class FetchedBatch:
    documents: list[RawInput] = field(default_factory=list)
    fetch_rows: list[dict] = field(default_factory=list)  # for fetched_urls
    rejections: list[RejectionInput] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    fetched: int = 0


def registry_feeds(domains: list[str] | None, registry: tuple[OutletSpec, ...] | None = None) -> list[str]:
    """The feeds the registry lists for these domains (www. folded); [] = every outlet's; None = none."""
    if domains is None:
        return []
    wanted = {d.lower().removeprefix("www.") for d in domains}
    return [f for spec in registry or load_registry() if not wanted or spec.domain in wanted for f in spec.feeds]


def _fetch_all(fetcher: Fetcher, urls: list[str], known: dict[str, tuple[str | None, str | None]]) -> list[FetchResult]:
    with ThreadPoolExecutor(max_workers=max(1, fetcher.settings.fetch_concurrency)) as pool:
        return list(pool.map(lambda u: fetcher.fetch(u, *known.get(u, (None, None))), urls))


def _fetch_row(result: FetchResult, kind: str) -> dict:
    return {"url": result.url, "kind": kind, "etag": result.etag, "last_modified": result.last_modified,
            "status": result.status, "raw_document_id": None, "fetched_at": result.fetched_at}


def _rejection(result: FetchResult) -> RejectionInput:
    return RejectionInput(result.url, result.reason or "fetch-error", result.error)



def _settled(batch: FetchedBatch, result: FetchResult, url: str) -> bool:
    """Record a fetch that ends here (a 304, or a failure as a rejection); True when it did."""
    if result.not_modified:
        batch.not_modified.append(url)
        batch.fetch_rows.append(_fetch_row(result, "page"))
        return True
    if not result.ok:
        batch.rejections.append(_rejection(result))
        return True
    return False

@task(cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
def list_pages(urls: list[str], refetch: bool) -> tuple[list[PageJob], FetchedBatch]:
    """Fetch the URLs given; pages become jobs as they are, feeds and sitemaps the pages they list."""
    settings = get_settings()
    batch = FetchedBatch()
    jobs: dict[str, PageJob] = {}
    listed: list[ListedPage] = []
    with get_engine().connect() as conn:
        stored = validators(conn, urls)
    frontier, depth = list(dict.fromkeys(urls)), 0
    with Fetcher(settings) as fetcher:
        while frontier:
            nested: list[str] = []
            for result in _fetch_all(fetcher, frontier, stored if depth == 0 else {}):
                batch.fetched += 1
                if _settled(batch, result, result.url):
                    continue
                try:
                    content = ungzip(result.content, settings.fetch_max_bytes)
                except (ValueError, OSError) as exc:
                    batch.rejections.append(RejectionInput(result.url, "too-large", str(exc)))
                    continue
                kind = kind_of(content, result.content_type)
                if kind in ("html", "text"):
                    result.content = content
                    jobs.setdefault(result.url, PageJob(result.url, {}, result))
                    continue
                batch.fetch_rows.append(_fetch_row(result, "feed" if kind == "feed" else "sitemap"))
                if kind == "feed":
                    listed += feed_pages(content, result.final_url or result.url)[:settings.fetch_max_items]
                elif kind == "sitemap":
                    listed += sitemap_pages(content, result.final_url or result.url)[:settings.fetch_max_items]
                elif depth < settings.fetch_sitemap_depth:  # a sitemap index
                    nested += [p.url for p in sitemap_pages(content, result.url)]
            frontier, depth = list(dict.fromkeys(nested)), depth + 1
    fresh = {p.url: p for p in listed if p.url not in jobs}
    if fresh and not refetch:
        with get_engine().connect() as conn:
            for url in known_urls(conn, list(fresh)):
                fresh.pop(url, None)
    return list(jobs.values()) + [PageJob(p.url, p.hints) for p in fresh.values()], batch


@task(cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
def fetch_pages(jobs: list[PageJob]) -> FetchedBatch:
    """Fetch the pages not fetched yet (conditionally when they were before)."""
    settings = get_settings()
    batch = FetchedBatch()
    todo = [j.url for j in jobs if j.result is None]
    with get_engine().connect() as conn:
        stored = validators(conn, todo)
    with Fetcher(settings) as fetcher:
        results = dict(zip(todo, _fetch_all(fetcher, todo, stored), strict=True))
    batch.fetched = len(todo)
    for job in jobs:
        result = job.result or results[job.url]
        if _settled(batch, result, job.url):
            continue
        kind = kind_of(result.content, result.content_type)
        if kind not in ("html", "text"):
            batch.rejections.append(RejectionInput(job.url, "not-a-page", f"a listed URL is a {kind}, not a page"))
            continue
        fetched_at = result.fetched_at.isoformat() if result.fetched_at else None
        context = DocumentContext.from_hints(result.final_url or job.url, fetched_at, job.hints)
        batch.documents.append(RawInput(job.url, result.content, media_type(kind), context))
        batch.fetch_rows.append(_fetch_row(result, "page"))
    return batch


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def store_fetched(batch: FetchedBatch, run_id: int) -> list:
    """Store fetched pages' bytes and sources, fetch state and failures; return StoredDocuments."""
    from flows.ingest import StoredDocument

    with database_step("store fetched pages"), get_engine().begin() as conn:
        ids = store_raw_documents(conn, batch.documents, run_id)
        record_sources(conn, batch.documents, ids, run_id)
        quarantine(conn, batch.rejections, run_id)
        by_url = {d.source_uri: ids[d.sha256][0] for d in batch.documents}
        record_fetches(conn, [{**row, "raw_document_id": by_url.get(row["url"])} for row in batch.fetch_rows])
        touch_not_modified(conn, batch.not_modified)
        pending = to_extract(conn, batch.documents, ids)
        heartbeat(conn, run_id)
    fetched_at = {d.sha256: d.context.fetched_at for d in batch.documents if d.context and d.context.fetched_at}
    now = datetime.now(UTC)
    return [StoredDocument(*ids[d.sha256], d, ids[d.sha256][0] in pending,
                           datetime.fromisoformat(fetched_at[d.sha256]) if d.sha256 in fetched_at else now)
            for d in batch.documents]


def ingest_urls(urls: list[str], summary, batch_size: int, refetch: bool = False) -> None:
    """The URL part of the ingest flow (called inside it): list, fetch, store, extract, load."""
    from flows.ingest import ExtractedBatch, chunks, extract_batch, load_batch
    from models.load import LoadStats

    store, load = retrying(store_fetched), retrying(load_batch)
    jobs, listing = list_pages(urls, refetch)
    store(quote(listing), summary.run_id)
    _count(summary, listing, [])
    summary.add_batch(0, ExtractedBatch(), LoadStats(), listing.rejections)  # a page, feed or sitemap that failed
    for jobs_batch in chunks(jobs, max(1, batch_size)):
        fetched = fetch_pages(jobs_batch)
        stored = store(quote(fetched), summary.run_id)
        extracted = extract_batch(quote(stored))
        summary.add_batch(len(jobs_batch), extracted, load(quote(extracted), summary.run_id), fetched.rejections)
        _count(summary, fetched, stored)


def _count(summary, batch: FetchedBatch, stored: list) -> None:
    summary.urls_fetched += batch.fetched
    summary.not_modified += len(batch.not_modified)
    summary.documents_new += sum(s.is_new for s in stored)
    summary.documents_skipped += sum(not s.pending for s in stored)
