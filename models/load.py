"""Bulk upserts on natural keys: loading the same input twice changes nothing.

Statements are executed with lists of parameter sets (psycopg executemany / SQLAlchemy
insertmanyvalues), never one ORM object at a time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from extractors.records import Article as ArticleRecord
from extractors.records import Page
from extractors.speech.speakers import key as name_key
from extractors.web import DocumentContext
from models import speakers
from models.clusters import assign_clusters
from models.tables import Article, ArticleSpeaker, Outlet, Quote, RawDocument, Rejection
from models.versions import refresh_versions, story_key

RAW = RawDocument.__table__
ARTICLES = Article.__table__
OUTLETS = Outlet.__table__
ARTICLE_SPEAKERS = ArticleSpeaker.__table__
QUOTES = Quote.__table__
REJECTIONS = Rejection.__table__


@dataclass
class RawInput:
    """One input document as read: the exact bytes and where they came from."""

    source_uri: str
    content: bytes
    media_type: str = "text/plain"
    context: DocumentContext | None = None  # URL, fetch time, feed/sidecar fields (extractors/web.py)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass
class RejectionInput:
    source_uri: str
    reason: str
    error: str = ""
    sha256: str | None = None
    raw_document_id: int | None = None


@dataclass
class LoadStats:
    articles_written: int = 0  # inserted or changed
    articles_unchanged: int = 0
    quotes_written: int = 0
    speakers_seen: set[str] = field(default_factory=set)
    rejections: list[RejectionInput] = field(default_factory=list)  # documents whose rows were refused

    def add(self, other: LoadStats) -> None:
        self.articles_written += other.articles_written
        self.articles_unchanged += other.articles_unchanged
        self.quotes_written += other.quotes_written
        self.speakers_seen |= other.speakers_seen
        self.rejections += other.rejections


def store_raw_documents(conn: Connection, docs: list[RawInput], run_id: int | None) -> dict[str, tuple[int, bool]]:
    """Insert new raw documents; return {sha256: (id, is_new)} for every document given."""
    if not docs:
        return {}
    rows = {d.sha256: {"sha256": d.sha256, "source_uri": safe_text(d.source_uri), "media_type": d.media_type,
                       "content": d.content, "size_bytes": len(d.content), "run_id": run_id} for d in docs}
    inserted = conn.execute(
        insert(RAW).on_conflict_do_nothing(index_elements=["sha256"]).returning(RAW.c.sha256, RAW.c.id),
        list(rows.values()),
    ).all()
    new = {sha: id_ for sha, id_ in inserted}
    found = conn.execute(sa.select(RAW.c.sha256, RAW.c.id).where(RAW.c.sha256.in_(list(rows)))).all()
    return {sha: (id_, sha in new) for sha, id_ in found}


# Rejections that say "not loaded yet", not "bad input": the next run tries the document again.
RETRYABLE_REASONS = ("load-error", "incomplete-load")


def never_extracted(conn: Connection, raw_ids: list[int]) -> set[int]:
    """Raw documents with no articles and no final rejection (new, a run stopped before loading
    them, or a load that failed or stopped half way)."""
    if not raw_ids:
        return set()
    final = sa.exists().where(REJECTIONS.c.raw_document_id == RAW.c.id,
                              REJECTIONS.c.reason.not_in(RETRYABLE_REASONS))
    retry = sa.exists().where(REJECTIONS.c.raw_document_id == RAW.c.id, REJECTIONS.c.reason.in_(RETRYABLE_REASONS))
    query = sa.select(RAW.c.id).where(
        RAW.c.id.in_(raw_ids), ~final,
        sa.or_(retry, ~sa.exists().where(ARTICLES.c.raw_document_id == RAW.c.id)))
    return set(conn.execute(query).scalars())


def mark_incomplete(conn: Connection, raw_id: int, source_uri: str, run_id: int | None) -> None:
    """A document loaded over several transactions is `incomplete-load` until its last one clears it."""
    quarantine(conn, [RejectionInput(source_uri, "incomplete-load", "loading over several transactions",
                                     None, raw_id)], run_id)


def safe_text(value: str) -> str:
    """Text PostgreSQL stores: no NUL character, no lone surrogate (an undecodable file name)."""
    return value.replace("\x00", "").encode("utf-8", errors="backslashreplace").decode("utf-8")


def quarantine(conn: Connection, rejections: list[RejectionInput], run_id: int | None) -> int:
    """Record rejected input with its reason; the same rejection twice is one row."""
    if not rejections:
        return 0
    rows = [{**asdict(r), "source_uri": safe_text(r.source_uri), "error": safe_text(r.error[:4000]),
             "run_id": run_id} for r in rejections]
    stmt = insert(REJECTIONS).on_conflict_do_nothing(
        index_elements=["source_uri", "reason", "sha256"]).returning(REJECTIONS.c.id)
    return len(conn.execute(stmt, rows).all())


def clear_rejections(conn: Connection, raw_document_ids: list[int]) -> None:
    """A document that now extracts cleanly leaves quarantine."""
    if raw_document_ids:
        conn.execute(REJECTIONS.delete().where(REJECTIONS.c.raw_document_id.in_(raw_document_ids)))


def clear_stale_rejections(conn: Connection, raw_document_ids: list[int]) -> None:
    """A "not loaded" rejection of a document whose articles are in fact stored is false: it goes."""
    if raw_document_ids:
        conn.execute(REJECTIONS.delete().where(
            REJECTIONS.c.raw_document_id.in_(raw_document_ids), REJECTIONS.c.reason == "load-error",
            sa.exists().where(ARTICLES.c.raw_document_id == REJECTIONS.c.raw_document_id)))


def prune_items(conn: Connection, raw_id: int, count: int) -> None:
    """Items a re-extraction no longer yields (a digest that split differently) go."""
    stale = ARTICLES.c.raw_document_id == raw_id, ARTICLES.c.item_index >= count
    previously = speakers.linked_speakers(conn, sa.select(ARTICLES.c.id).where(*stale))
    conn.execute(ARTICLES.delete().where(*stale))
    speakers.refresh_speakers(conn, previously)  # their role and aliases lose what the gone items gave


def _upsert_outlets(conn: Connection, pages: list[Page]) -> dict[str, int]:
    outlets = {o.domain: o for p in pages for o in (p.outlet, p.carrier) if o is not None}
    if not outlets:
        return {}
    stmt = insert(OUTLETS)
    stmt = stmt.on_conflict_do_update(
        index_elements=["domain"],
        set_={"name": stmt.excluded.name, "timezone": stmt.excluded.timezone},
        where=sa.or_(OUTLETS.c.name != stmt.excluded.name, OUTLETS.c.timezone != stmt.excluded.timezone),
    )
    conn.execute(stmt, [{"domain": o.domain, "name": o.name, "timezone": o.timezone} for o in outlets.values()])
    found = conn.execute(sa.select(OUTLETS.c.domain, OUTLETS.c.id).where(OUTLETS.c.domain.in_(list(outlets))))
    return dict(found.all())


def _published_columns(published: str | None) -> dict:
    """ISO date or datetime -> (published_at, published_date, published_offset: the offset as printed)."""
    if not published:
        return {"published_at": None, "published_date": None, "published_offset": None}
    if len(published) == 10:
        return {"published_at": None, "published_date": date.fromisoformat(published), "published_offset": None}
    moment = datetime.fromisoformat(published)
    return {"published_at": moment, "published_date": moment.date(), "published_offset": moment.utcoffset()}


def content_hash(article: ArticleRecord, outlet_domain: str | None, identity: tuple = ()) -> str:
    """A hash of everything extracted for one article: unchanged output leaves its rows untouched.
    `identity`: the page's URL, canonical URL and carrier, when it has any."""
    payload = json.dumps([outlet_domain, asdict(article), *identity], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _article_row(raw_id: int, page: Page, article: ArticleRecord, outlet_ids: dict[str, int],
                 run_id: int | None, version: str) -> dict:
    outlet_id = outlet_ids.get(page.outlet.domain) if page.outlet else None
    carrier = page.carrier.domain if page.carrier else None
    identity = (page.url, page.canonical_url, carrier) if page.url or carrier else ()
    return {
        "url": page.url, "canonical_url": page.canonical_url, "story_key": story_key(page.canonical_url, page.url),
        "carrier_outlet_id": outlet_ids.get(carrier) if carrier else None,
        "raw_document_id": raw_id, "item_index": article.index, "outlet_id": outlet_id,
        "title": article.title, "subtitle": article.subtitle,
        **_published_columns(article.published),
        "published_precision": article.published_precision,
        "published_rule": article.rules.get("published"),
        "authors": list(article.authors), "category": article.category, "body": article.body,
        "language": article.language,
        "content_hash": content_hash(article, page.outlet.domain if page.outlet else None, identity),
        "extractor_version": version, "rules": {**page.rules, **article.rules}, "run_id": run_id,
    }


def load_pages(conn: Connection, pages: list[tuple[int, Page]], run_id: int | None, version: str,
               prune: bool = True) -> LoadStats:
    """Upsert the articles of extracted pages with their speakers and quotes, in the caller's transaction.

    `prune=False` keeps stored items the pages omit: a backfill that loads only some stories of a page,
    or a huge page loaded in parts (the caller prunes after the last part).
    """
    stats = LoadStats()
    if not pages:
        return stats
    outlet_ids = _upsert_outlets(conn, [p for _, p in pages])
    rows, records = [], {}
    for raw_id, page in pages:
        for article in page.items:
            rows.append(_article_row(raw_id, page, article, outlet_ids, run_id, version))
            records[(raw_id, article.index)] = article
    for raw_id, page in (pages if prune else []):
        prune_items(conn, raw_id, len(page.items))
    if not rows:
        return stats
    stmt = insert(ARTICLES)
    changing = {c: stmt.excluded[c] for c in rows[0] if c not in ("raw_document_id", "item_index")}
    stmt = stmt.on_conflict_do_update(
        index_elements=["raw_document_id", "item_index"],
        set_={**changing, "updated_at": sa.func.now()},
        where=ARTICLES.c.content_hash != stmt.excluded.content_hash,
    ).returning(ARTICLES.c.id, ARTICLES.c.raw_document_id, ARTICLES.c.item_index)
    changed = {(r.raw_document_id, r.item_index): r.id for r in conn.execute(stmt, rows)}
    stats.articles_written = len(changed)
    stats.articles_unchanged = len(rows) - len(changed)
    unchanged = [key for key in records if key not in changed]
    if unchanged:  # same output from a newer extractor: the row records the version that last extracted it
        conn.execute(ARTICLES.update().values(extractor_version=version).where(
            sa.tuple_(ARTICLES.c.raw_document_id, ARTICLES.c.item_index).in_(unchanged),
            ARTICLES.c.extractor_version != version))
    if changed:
        stats.add(_replace_speech(conn, {changed[key]: records[key] for key in changed}))
        refresh_versions(conn, sorted({raw_id for raw_id, _ in changed}))
        assign_clusters(conn, {changed[key]: records[key].body for key in changed})
    return stats


def _replace_speech(conn: Connection, articles: dict[int, ArticleRecord]) -> LoadStats:
    """Rewrite the speakers, article-speaker links and quotes of articles whose extraction changed
    (models/speakers.py: matching, per-article roles and names, derived speaker columns)."""
    stats = LoadStats()
    ids = list(articles)
    previously = speakers.linked_speakers(conn, ids)
    conn.execute(QUOTES.delete().where(QUOTES.c.article_id.in_(ids)))
    conn.execute(ARTICLE_SPEAKERS.delete().where(ARTICLE_SPEAKERS.c.article_id.in_(ids)))
    rows = {article_id: speakers.speaker_rows(article) for article_id, article in articles.items()}
    speaker_ids = speakers.upsert_speakers(conn, [r for rs in rows.values() for r in rs])
    stats.speakers_seen = {r.name for rs in rows.values() for r in rs}
    links, quotes = [], []
    for article_id, article in articles.items():
        links += speakers.link_rows(article_id, rows[article_id], speaker_ids)
        quotes += [{"article_id": article_id, "ordinal": i,
                    "speaker_id": speaker_ids.get(name_key(q.speaker)) if q.speaker else None,
                    "text": q.text, "kind": q.kind, "start_offset": q.start, "end_offset": q.end,
                    "cue": q.cue, "mention": q.mention, "rule": q.rule} for i, q in enumerate(article.quotes)]
    if links:
        conn.execute(insert(ARTICLE_SPEAKERS), links)
    if quotes:
        conn.execute(insert(QUOTES), quotes)
    speakers.refresh_speakers(conn, {link["speaker_id"] for link in links} | previously)
    stats.quotes_written = len(quotes)
    return stats
