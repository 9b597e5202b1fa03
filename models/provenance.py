"""Where raw documents came from: every source (path or URL) in `document_sources`, the HTTP state of
fetched URLs in `fetched_urls` (validators for conditional requests), and the context extraction needs
back (URL, feed/sidecar hints) when a stored document is extracted again."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from extractors.web import DocumentContext
from models.tables import DocumentSource, FetchedUrl

SOURCES = DocumentSource.__table__
FETCHED = FetchedUrl.__table__


def _when(value: str | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def record_sources(conn: Connection, docs: list, ids: dict[str, tuple[int, bool]], run_id: int | None) -> None:
    """One row per (raw document, source); a source seen again only moves `last_seen_at` (and takes
    newer hints). `docs` are RawInput (models.load) with an optional `context`."""
    rows = {}
    for d in docs:
        if d.sha256 not in ids:
            continue
        ctx: DocumentContext | None = getattr(d, "context", None)
        hints = {k: v for k, v in (("title", ctx.title), ("published", ctx.published), ("author", ctx.author),
                                   ("outlet", ctx.outlet), ("via", ctx.via)) if v} if ctx else {}
        rows[(ids[d.sha256][0], d.source_uri)] = {
            "raw_document_id": ids[d.sha256][0], "source_uri": d.source_uri,
            "kind": "url" if "://" in d.source_uri else "file",
            "url": ctx.url if ctx and ctx.url else (d.source_uri if "://" in d.source_uri else None),
            "fetched_at": _when(ctx.fetched_at) if ctx else None, "hints": hints, "run_id": run_id}
    if not rows:
        return
    stmt = insert(SOURCES)
    stmt = stmt.on_conflict_do_update(
        index_elements=["raw_document_id", "source_uri"],
        set_={"last_seen_at": sa.func.now(), "run_id": stmt.excluded.run_id,
              "url": sa.func.coalesce(stmt.excluded.url, SOURCES.c.url),
              "fetched_at": sa.func.coalesce(SOURCES.c.fetched_at, stmt.excluded.fetched_at),
              "hints": SOURCES.c.hints.op("||")(stmt.excluded.hints)})
    conn.execute(stmt, list(rows.values()))


def stored_contexts(conn: Connection, raw_ids: list[int]) -> dict[int, DocumentContext]:
    """The context of stored documents (their URL and hints), for extracting them again."""
    if not raw_ids:
        return {}
    query = (sa.select(SOURCES.c.raw_document_id, SOURCES.c.url, SOURCES.c.fetched_at, SOURCES.c.hints)
             .where(SOURCES.c.raw_document_id.in_(raw_ids)).order_by(SOURCES.c.id))
    out: dict[int, DocumentContext] = {}
    for r in conn.execute(query):
        if r.raw_document_id not in out and (r.url or r.hints):  # the first source with a URL tells
            out[r.raw_document_id] = DocumentContext.from_hints(
                r.url, r.fetched_at.isoformat() if r.fetched_at else None, r.hints)
    return out


def known_urls(conn: Connection, urls: list[str]) -> set[str]:
    """URLs already stored as a document (a feed or sitemap does not fetch them again)."""
    if not urls:
        return set()
    query = sa.select(SOURCES.c.url).where(SOURCES.c.url.in_(urls)).union(
        sa.select(FETCHED.c.url).where(FETCHED.c.url.in_(urls), FETCHED.c.raw_document_id.is_not(None)))
    return set(conn.execute(query).scalars())


def validators(conn: Connection, urls: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """{url: (etag, last_modified)} from the last successful fetch of each URL."""
    if not urls:
        return {}
    query = sa.select(FETCHED.c.url, FETCHED.c.etag, FETCHED.c.last_modified).where(FETCHED.c.url.in_(urls))
    return {r.url: (r.etag, r.last_modified) for r in conn.execute(query) if r.etag or r.last_modified}


def record_fetches(conn: Connection, rows: list[dict]) -> None:
    """Upsert fetched_urls rows {url, kind, etag, last_modified, status, raw_document_id, fetched_at}.
    A 304 keeps the stored validators and document."""
    if not rows:
        return
    stmt = insert(FETCHED)
    keep = sa.case((stmt.excluded.status == 304, FETCHED.c.etag), else_=stmt.excluded.etag)
    stmt = stmt.on_conflict_do_update(index_elements=["url"], set_={
        "kind": sa.case((stmt.excluded.status == 304, FETCHED.c.kind), else_=stmt.excluded.kind),
        "status": stmt.excluded.status, "fetched_at": stmt.excluded.fetched_at,
        "etag": keep,
        "last_modified": sa.case((stmt.excluded.status == 304, FETCHED.c.last_modified),
                                 else_=stmt.excluded.last_modified),
        "raw_document_id": sa.func.coalesce(stmt.excluded.raw_document_id, FETCHED.c.raw_document_id)})
    conn.execute(stmt, list({r["url"]: r for r in rows}.values()))


def touch_not_modified(conn: Connection, urls: list[str]) -> None:
    """A 304: the stored document was seen again at its URL."""
    if urls:
        conn.execute(SOURCES.update().where(SOURCES.c.url.in_(urls)).values(last_seen_at=sa.func.now()))


def to_extract(conn: Connection, docs: list, ids: dict[str, tuple[int, bool]]) -> set[int]:
    """Raw documents to extract: never extracted ones, and stored ones that now come with a URL their
    articles lack (the same bytes first ingested as a file, then fetched or given a sidecar)."""
    from models.load import ARTICLES, never_extracted

    pending = never_extracted(conn, [raw_id for raw_id, _ in ids.values()])
    with_url = [ids[d.sha256][0] for d in docs if d.sha256 in ids and d.context is not None and d.context.url]
    if with_url:
        pending |= set(conn.execute(sa.select(ARTICLES.c.raw_document_id).distinct().where(
            ARTICLES.c.raw_document_id.in_(with_url), ARTICLES.c.url.is_(None))).scalars())
    return pending
