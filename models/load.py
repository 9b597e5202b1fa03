"""Bulk upserts on natural keys: loading the same input twice changes nothing.

A batch costs a fixed number of statements, whatever its size: one query for what is stored of its
articles, rows sent with COPY (models/bulk.py) into a staging table and upserted from there in one
INSERT ... SELECT ... ON CONFLICT, new quotes, speaker links and signatures copied straight in, and
set-based updates; never one ORM object or one statement per row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime
from functools import cached_property

import numpy as np
import sqlalchemy as sa
from psycopg.errors import UniqueViolation
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from extractors.records import Article as ArticleRecord
from extractors.records import Page
from extractors.speech.speakers import key as name_key
from extractors.web import DocumentContext
from models import speakers
from models.bulk import copy_rows, jsonb, staged
from models.clusters import assign_clusters, plan_clusters, store_clusters
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

    @cached_property
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


_RAW_IDS = sa.text("SELECT sha256, id FROM raw_documents WHERE sha256 = ANY(CAST(:shas AS text[]))")
_RAW_COLUMNS = ("sha256", "source_uri", "media_type", "content", "size_bytes", "run_id")


def store_raw_documents(conn: Connection, docs: list[RawInput], run_id: int | None) -> dict[str, tuple[int, bool]]:
    """Insert new raw documents; return {sha256: (id, is_new)} for every document given. One query finds the
    stored ones by content hash (a re-run of an unchanged corpus sends no content at all); the new ones go
    through a COPY staging table and one INSERT ... ON CONFLICT DO NOTHING."""
    if not docs:
        return {}
    by_sha = {d.sha256: d for d in docs}
    stored = {sha: (id_, False) for sha, id_ in conn.execute(_RAW_IDS, {"shas": list(by_sha)})}
    new = [d for sha, d in by_sha.items() if sha not in stored]
    if new:
        stage = staged(conn, "raw_documents", _RAW_COLUMNS)
        copy_rows(conn, stage, _RAW_COLUMNS, ((d.sha256, safe_text(d.source_uri), d.media_type, d.content,
                                               len(d.content), run_id) for d in new))
        columns = ", ".join(_RAW_COLUMNS)
        inserted = conn.exec_driver_sql(f"INSERT INTO raw_documents ({columns}) SELECT {columns} FROM {stage} "
                                        "ON CONFLICT (sha256) DO NOTHING RETURNING sha256, id").all()
        stored.update((sha, (id_, True)) for sha, id_ in inserted)
        if len(inserted) < len(new):  # another run stored some of them meanwhile
            late = [d.sha256 for d in new if d.sha256 not in stored]
            stored.update((sha, (id_, False)) for sha, id_ in conn.execute(_RAW_IDS, {"shas": late}))
    return stored


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
    _drop_articles(conn, sa.select(ARTICLES.c.id).where(ARTICLES.c.raw_document_id == raw_id,
                                                        ARTICLES.c.item_index >= count))


def _drop_articles(conn: Connection, ids: list[int] | sa.Select) -> None:
    """Delete articles (ids, or a query of them) and refresh the speakers they named: their role and aliases
    lose what the gone articles gave."""
    previously = speakers.linked_speakers(conn, ids)
    conn.execute(ARTICLES.delete().where(ARTICLES.c.id.in_(ids)))
    speakers.refresh_speakers(conn, previously)


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


def _fields(value: object) -> object:
    """json.dumps' fallback: a record as the dict of its fields (what dataclasses.asdict gives, without
    asdict's deep copy), anything else as text."""
    return value.__dict__ if is_dataclass(value) else str(value)


def content_hash(article: ArticleRecord, outlet_domain: str | None, identity: tuple = ()) -> str:
    """A hash of everything extracted for one article: unchanged output leaves its rows untouched.
    `identity`: the page's URL, canonical URL and carrier, when it has any."""
    payload = json.dumps([outlet_domain, article, *identity], sort_keys=True, default=_fields)
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


# The stored articles of a batch's documents: which rows are new, changed, unchanged or stale.
_STORED = sa.text("SELECT id, raw_document_id, item_index, content_hash, extractor_version FROM articles "
                  "WHERE raw_document_id = ANY(CAST(:raw_ids AS integer[]))")
_SET_VERSION = sa.text("UPDATE articles SET extractor_version = :version "
                       "WHERE id = ANY(CAST(:ids AS integer[])) AND extractor_version <> :version")
_NEW_IDS = sa.text("SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, :n)")
_ARTICLE_COLUMNS = ("id", "cluster_id", "raw_document_id", "item_index", "url", "canonical_url", "story_key",
                    "carrier_outlet_id", "outlet_id", "title", "subtitle", "published_at", "published_date",
                    "published_offset", "published_precision", "published_rule", "authors", "category", "body",
                    "language", "content_hash", "extractor_version", "rules", "run_id")
_QUOTE_COLUMNS = ("article_id", "ordinal", "speaker_id", "text", "kind", "start_offset", "end_offset", "cue",
                  "mention", "rule")
_LINK_COLUMNS = ("article_id", "speaker_id", "is_primary", "quote_count", "role", "aliases")


# When a story without URL was fetched (the first fetch of its document, else its arrival): written with the
# row, so models/versions.py has nothing left to update for it.
_FETCHED = ("coalesce((SELECT min(s.fetched_at) FROM document_sources s WHERE s.raw_document_id = t.raw_document_id), "
            "(SELECT r.received_at FROM raw_documents r WHERE r.id = t.raw_document_id))")


_FETCHED_AT = sa.text("SELECT r.id, coalesce(min(s.fetched_at), r.received_at) FROM raw_documents r "
                      "LEFT JOIN document_sources s ON s.raw_document_id = r.id "
                      "WHERE r.id = ANY(CAST(:ids AS integer[])) GROUP BY r.id")


def _insert_new_articles(conn: Connection, rows: list[dict]) -> dict[tuple[int, int], int] | None:
    """COPY rows of which none was stored straight into `articles` (the usual batch of new pages: no staging
    table, no second pass), with the fetch time _FETCHED gives a story without URL. None, with nothing written,
    when a concurrent load stored some of them first (the unique key refuses the COPY): upsert them instead."""
    unkeyed = sorted({r["raw_document_id"] for r in rows if r["story_key"] is None})
    fetched = dict(conn.execute(_FETCHED_AT, {"ids": unkeyed}).all()) if unkeyed else {}
    columns = (*_ARTICLE_COLUMNS, "fetched_at")
    try:
        with conn.begin_nested():
            copy_rows(conn, "articles", columns, (
                (*(jsonb(r[c]) if c == "rules" else r[c] for c in _ARTICLE_COLUMNS),
                 fetched.get(r["raw_document_id"]) if r["story_key"] is None else None)
                for r in sorted(rows, key=lambda r: r["id"])))
    except UniqueViolation:
        return None
    return {(r["raw_document_id"], r["item_index"]): r["id"] for r in rows}


def _upsert_articles(conn: Connection, rows: list[dict], new: bool = False) -> dict[tuple[int, int], int]:
    """COPY the rows into staging, upsert them on (raw_document_id, item_index) where the content hash
    differs; returns {(raw_document_id, item_index): id} of the rows written. `new`: none of them was stored
    when the batch was read, so they are copied straight in (unless a concurrent load came first)."""
    if new and (written := _insert_new_articles(conn, rows)) is not None:
        return written
    stage = staged(conn, "articles", _ARTICLE_COLUMNS)
    copy_rows(conn, stage, _ARTICLE_COLUMNS,
              (tuple(jsonb(r[c]) if c == "rules" else r[c] for c in _ARTICLE_COLUMNS) for r in rows))
    columns = ", ".join(_ARTICLE_COLUMNS)
    keep = ("id", "raw_document_id", "item_index")
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in _ARTICLE_COLUMNS if c not in keep)
    written = conn.exec_driver_sql(
        f"INSERT INTO articles ({columns}, fetched_at) SELECT {', '.join(f't.{c}' for c in _ARTICLE_COLUMNS)}, "
        f"CASE WHEN t.story_key IS NULL THEN {_FETCHED} END FROM {stage} t ORDER BY t.id "
        f"ON CONFLICT (raw_document_id, item_index) DO UPDATE SET {updates}, updated_at = now(), "
        "fetched_at = coalesce(articles.fetched_at, EXCLUDED.fetched_at) "
        "WHERE articles.content_hash IS DISTINCT FROM EXCLUDED.content_hash "
        "RETURNING id, raw_document_id, item_index")
    return {(r.raw_document_id, r.item_index): r.id for r in written}


def load_pages(conn: Connection, pages: list[tuple[int, Page]], run_id: int | None, version: str,
               prune: bool = True, sigs: dict[tuple[int, int], np.ndarray | None] | None = None) -> LoadStats:
    """Upsert the articles of extracted pages with their speakers and quotes, in the caller's transaction.

    `prune=False` keeps stored items the pages omit: a backfill that loads only some stories of a page,
    or a huge page loaded in parts (the caller prunes after the last part). `sigs`: the articles' wire-copy
    signatures by (raw id, item index), when extraction computed them (the others are computed here).
    """
    stats = LoadStats()
    if not pages:
        return stats
    outlet_ids = _upsert_outlets(conn, [p for _, p in pages])
    stored = conn.execute(_STORED, {"raw_ids": sorted({raw_id for raw_id, _ in pages})}).all()
    hashes = {(r.raw_document_id, r.item_index): r for r in stored}
    counts = {raw_id: len(page.items) for raw_id, page in pages}
    stale = [r.id for r in stored if prune and r.item_index >= counts[r.raw_document_id]]
    if stale:  # items a re-extraction no longer yields (a digest that split differently) go
        _drop_articles(conn, stale)
    rows, records, same = [], {}, []
    for raw_id, page in pages:
        for article in page.items:
            row = _article_row(raw_id, page, article, outlet_ids, run_id, version)
            old = hashes.get((raw_id, article.index))
            if old is not None and old.content_hash == row["content_hash"]:
                same.append(old.id)
                continue
            rows.append(row)
            records[(raw_id, article.index)] = article
    plan = None
    if rows:  # new rows get their ids now, so that their clusters are written with them
        new = iter(sorted(conn.execute(_NEW_IDS, {"n": sum(key not in hashes for key in records)}).scalars()))
        for row in rows:
            old = hashes.get((row["raw_document_id"], row["item_index"]))
            row["id"] = old.id if old is not None else next(new)
        sigs = sigs or {}
        known = {row["id"]: sigs[key] for row in rows if (key := (row["raw_document_id"], row["item_index"])) in sigs}
        plan = plan_clusters(conn, {row["id"]: row["body"] for row in rows}, known)
        for row in rows:
            row["cluster_id"] = plan.assigned[row["id"]]
    changed = _upsert_articles(conn, rows, new=not any((r["raw_document_id"], r["item_index"]) in hashes
                                                      for r in rows)) if rows else {}
    unchanged = same + [hashes[key].id for key in records if key not in changed and key in hashes]
    stats.articles_written = len(changed)
    stats.articles_unchanged = len(same) + len(records) - len(changed)
    if unchanged:  # same output from a newer extractor: the row records the version that last extracted it
        conn.execute(_SET_VERSION, {"ids": unchanged, "version": version})
    if changed:
        rewritten = {changed[key] for key in changed if key in hashes}  # not new: their old speech goes
        stats.add(_replace_speech(conn, {changed[key]: records[key] for key in changed}, rewritten))
        # new rows without story key are written as their final version (see _FETCHED): only stories and
        # rewritten rows are renumbered
        keyed = {row["raw_document_id"] for row in rows if row["story_key"] is not None}
        refresh_versions(conn, sorted({raw_id for raw_id, _ in changed if raw_id in keyed}
                                      | {hashes[key].raw_document_id for key in changed if key in hashes}))
        if len(changed) == len(rows):
            store_clusters(conn, plan, sorted(rewritten))
        else:  # a concurrent load wrote some rows first, so the plan's ids are not all there: plan again
            assign_clusters(conn, {changed[key]: records[key].body for key in changed})
    return stats


def _replace_speech(conn: Connection, articles: dict[int, ArticleRecord], rewritten: set[int]) -> LoadStats:
    """Write the speakers, article-speaker links and quotes of new articles, and rewrite those of
    `rewritten` ones (models/speakers.py: matching, per-article roles and names, derived speaker columns)."""
    stats = LoadStats()
    old = sorted(rewritten)
    previously = speakers.linked_speakers(conn, old) if old else set()
    if old:
        conn.execute(QUOTES.delete().where(QUOTES.c.article_id.in_(old)))
        conn.execute(ARTICLE_SPEAKERS.delete().where(ARTICLE_SPEAKERS.c.article_id.in_(old)))
    rows = {article_id: speakers.speaker_rows(article) for article_id, article in articles.items()}
    speaker_ids = speakers.upsert_speakers(conn, [r for rs in rows.values() for r in rs])
    stats.speakers_seen = {r.name for rs in rows.values() for r in rs}
    links, quotes = [], []
    for article_id, article in articles.items():
        links += speakers.link_rows(article_id, rows[article_id], speaker_ids)
        quotes += [(article_id, i, speaker_ids.get(name_key(q.speaker)) if q.speaker else None, q.text, q.kind,
                    q.start, q.end, q.cue, q.mention, q.rule) for i, q in enumerate(article.quotes)]
    copy_rows(conn, "article_speakers", _LINK_COLUMNS, (tuple(link[c] for c in _LINK_COLUMNS) for link in links))
    copy_rows(conn, "quotes", _QUOTE_COLUMNS, quotes)
    speakers.refresh_speakers(conn, {link["speaker_id"] for link in links} | previously)
    stats.quotes_written = len(quotes)
    return stats
