"""The database schema: a public interface (analysts query it with SQL). Change it only by migration.

Every table has a natural key with a unique constraint, so every load is an upsert and
ingesting the same input twice changes nothing.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg
from sqlmodel import Column, Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Full-text search: 'simple' configuration (language-neutral, no stemming; names stay as written).
ARTICLE_SEARCH = ("setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
                  "setweight(to_tsvector('simple'::regconfig, coalesce(subtitle, '')), 'B') || "
                  "setweight(to_tsvector('simple'::regconfig, body), 'C')")
QUOTE_SEARCH = "to_tsvector('simple'::regconfig, text)"


def _now() -> sa.TextClause:
    return sa.text("now()")


class Outlet(SQLModel, table=True):
    """A news outlet from the registry (extractors/outlets.toml)."""

    __tablename__ = "outlets"
    id: int | None = Field(default=None, primary_key=True)
    domain: str = Field(unique=True, description="web domain without www., the natural key")
    name: str
    timezone: str


class IngestRun(SQLModel, table=True):
    """One run of the ingest flow: parameters, counts, timing."""

    __tablename__ = "ingest_runs"
    id: int | None = Field(default=None, primary_key=True)
    flow_run_id: uuid.UUID | None = Field(default=None, index=True)
    flow_name: str = "ingest"
    parameters: dict = Field(default_factory=dict, sa_column=Column(pg.JSONB, nullable=False))
    status: str = Field(default="running", index=True, description="running | completed | failed | crashed")
    started_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now()))
    finished_at: datetime | None = Field(default=None, sa_column=Column(sa.DateTime(timezone=True)))
    documents_seen: int = 0
    documents_new: int = 0
    articles_written: int = 0
    quotes_written: int = 0
    rejected: int = 0
    skipped: int = Field(default=0, sa_column=Column(sa.Integer, nullable=False, server_default="0"),
                         description="inputs not read: dangling links, FIFOs, other suffixes ...")
    skipped_reasons: dict = Field(default_factory=dict, sa_column=Column(
        pg.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")), description="reason -> count")
    host: str | None = Field(default=None, description="where the run's process runs")
    pid: int | None = None
    heartbeat_at: datetime | None = Field(default=None, sa_column=Column(sa.DateTime(timezone=True)),
                                          description="last sign of life; a stale running row is crashed")
    error: str | None = Field(default=None, description="one line: why the run failed or crashed")


class RawDocument(SQLModel, table=True):
    """The exact input, kept so nothing is lost and everything can be re-extracted."""

    __tablename__ = "raw_documents"
    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(unique=True, max_length=64, description="sha256 of content, the natural key")
    source_uri: str = Field(description="where it came from: a path or URL")
    media_type: str = Field(description="text/plain | text/html | application/rss+xml ...")
    content: bytes = Field(sa_column=Column(sa.LargeBinary, nullable=False))
    size_bytes: int
    received_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now()))
    run_id: int | None = Field(default=None, foreign_key="ingest_runs.id", ondelete="SET NULL")


class Article(SQLModel, table=True):
    """One story: (raw document, item index) is the natural key; a digest page gives several."""

    __tablename__ = "articles"
    __table_args__ = (sa.UniqueConstraint("raw_document_id", "item_index"),)
    id: int | None = Field(default=None, primary_key=True)
    raw_document_id: int = Field(foreign_key="raw_documents.id", ondelete="CASCADE")
    item_index: int = 0
    outlet_id: int | None = Field(default=None, foreign_key="outlets.id", index=True)
    title: str | None = None
    subtitle: str | None = None
    published_at: datetime | None = Field(
        default=None, sa_column=Column(sa.DateTime(timezone=True), index=True),
        description="the instant, when the page gives a time (precision minute); NULL otherwise")
    published_date: date | None = Field(default=None, index=True, description="the date as printed")
    published_precision: str | None = Field(default=None, description="minute | day | NULL")
    published_rule: str | None = None
    published_offset: timedelta | None = Field(
        default=None, sa_column=Column(sa.Interval),
        description="the UTC offset printed with the time: published_at AT TIME ZONE published_offset")
    authors: list[str] = Field(default_factory=list, sa_column=Column(pg.ARRAY(sa.Text), nullable=False))
    category: str | None = None
    body: str = ""
    language: str | None = None
    content_hash: str = Field(max_length=64, description="sha256 of the extracted record")
    extractor_version: str
    rules: dict = Field(default_factory=dict, sa_column=Column(pg.JSONB, nullable=False))
    run_id: int | None = Field(default=None, foreign_key="ingest_runs.id", ondelete="SET NULL")
    updated_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now()))
    search_vector: str | None = Field(default=None, sa_column=Column(
        pg.TSVECTOR, sa.Computed(ARTICLE_SEARCH, persisted=True)), description="full text, GIN-indexed")
    # Identity and versions (models/versions.py): a story is (story_key, item_index); each raw document
    # of it is a version; exactly one version of a story is current.
    url: str | None = Field(default=None, description="the URL the page was fetched from (or its sidecar's)")
    canonical_url: str | None = Field(default=None, description="the page's canonical URL, normalised (courlan)")
    story_key: str | None = Field(default=None, index=True,
                                  description="canonical_url or url: versions share it; NULL = a story of its own")
    fetched_at: datetime | None = Field(default=None, sa_column=Column(sa.DateTime(timezone=True)))
    version: int = Field(default=1, sa_column=Column(sa.Integer, nullable=False, server_default="1"))
    is_current: bool = Field(default=True, sa_column=Column(sa.Boolean, nullable=False, server_default="true",
                                                           index=True))
    # Wire copies (models/clusters.py): the outlet that carried a syndicated page, and its near-duplicate cluster.
    carrier_outlet_id: int | None = Field(default=None, foreign_key="outlets.id")
    cluster_id: int | None = Field(default=None, index=True, description="id of the cluster's first article")


class Speaker(SQLModel, table=True):
    """One real person or organisation. `name_key` (the name folded to ascii, lower case) is the natural
    key; `role` and `aliases` are derived from the speaker's article_speakers rows (models/speakers.py)."""

    __tablename__ = "speakers"
    # "aliases && ARRAY[...]", "aliases @> ARRAY['X']": the loader's alias match, analysts' look-ups
    __table_args__ = (sa.Index("ix_speakers_aliases", "aliases", postgresql_using="gin"),)
    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(unique=True, description="matching key: ascii-folded, lower case, the natural key")
    canonical_name: str = Field(unique=True, description="the fullest spelling seen, diacritics kept")
    kind: str = Field(default="person", description="person | organisation")
    role: str | None = Field(default=None, description="the role in the latest article that gives one")
    aliases: list[str] = Field(default_factory=list, sa_column=Column(pg.ARRAY(sa.Text), nullable=False),
                               description="other names that identify the speaker, as articles wrote them")


class ArticleSpeaker(SQLModel, table=True):
    """Who speaks in an article, as that article gives them; exactly one row per article may be primary."""

    __tablename__ = "article_speakers"
    article_id: int = Field(foreign_key="articles.id", primary_key=True, ondelete="CASCADE")
    speaker_id: int = Field(foreign_key="speakers.id", primary_key=True, index=True)
    is_primary: bool = False
    quote_count: int = 0
    role: str | None = Field(default=None, description="the speaker's role in this article")
    aliases: list[str] = Field(default_factory=list,
                               sa_column=Column(pg.ARRAY(sa.Text), nullable=False, server_default="{}"),
                               description="the identifying names this article used for the speaker")


class Quote(SQLModel, table=True):
    """One statement: (article, ordinal) is the natural key."""

    __tablename__ = "quotes"
    __table_args__ = (sa.UniqueConstraint("article_id", "ordinal"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", ondelete="CASCADE")
    ordinal: int
    speaker_id: int | None = Field(default=None, foreign_key="speakers.id", index=True)
    text: str
    kind: str = Field(description="direct | reported")
    start_offset: int | None = None
    end_offset: int | None = None
    cue: str | None = None
    mention: str | None = None
    rule: str | None = None
    search_vector: str | None = Field(default=None, sa_column=Column(
        pg.TSVECTOR, sa.Computed(QUOTE_SEARCH, persisted=True)), description="full text, GIN-indexed")


class Rejection(SQLModel, table=True):
    """Quarantine: input that could not be stored or extracted, with the reason."""

    __tablename__ = "rejections"
    __table_args__ = (
        sa.UniqueConstraint("source_uri", "reason", "sha256", postgresql_nulls_not_distinct=True),
    )
    id: int | None = Field(default=None, primary_key=True)
    source_uri: str
    sha256: str | None = Field(default=None, max_length=64)
    raw_document_id: int | None = Field(default=None, foreign_key="raw_documents.id", ondelete="CASCADE")
    reason: str = Field(description="short code: unreadable | binary | empty | no-text | extract-error ...")
    error: str = ""
    run_id: int | None = Field(default=None, foreign_key="ingest_runs.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now()))


class InboxFile(SQLModel, table=True):
    """A file the inbox import has read: read again only when its size or mtime changes."""

    __tablename__ = "inbox_files"
    path: str = Field(sa_column=Column(sa.Text, primary_key=True))
    size_bytes: int = Field(sa_column=Column(sa.BigInteger, nullable=False))
    mtime_ns: int = Field(sa_column=Column(sa.BigInteger, nullable=False))
    imported_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now(),
                                                   nullable=False))
    run_id: int | None = Field(default=None, foreign_key="ingest_runs.id", ondelete="SET NULL")


class DocumentSource(SQLModel, table=True):
    """Every source (path or URL) a raw document came from: a second path to the same bytes is known."""

    __tablename__ = "document_sources"
    __table_args__ = (sa.UniqueConstraint("raw_document_id", "source_uri"),)
    id: int | None = Field(default=None, primary_key=True)
    raw_document_id: int = Field(foreign_key="raw_documents.id", ondelete="CASCADE")
    source_uri: str = Field(index=True, description="a path or URL")
    kind: str = Field(description="file | url")
    url: str | None = Field(default=None, description="the page's URL: the fetched one, or a sidecar's")
    fetched_at: datetime | None = Field(default=None, sa_column=Column(sa.DateTime(timezone=True)))
    hints: dict = Field(default_factory=dict, sa_column=Column(pg.JSONB, nullable=False, server_default="{}"),
                        description="fields a feed entry or sidecar gave (title, published, author, outlet, via)")
    first_seen_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now()))
    last_seen_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now()))
    run_id: int | None = Field(default=None, foreign_key="ingest_runs.id", ondelete="SET NULL")


class FetchedUrl(SQLModel, table=True):
    """HTTP state per fetched URL: validators for conditional requests, last status."""

    __tablename__ = "fetched_urls"
    url: str = Field(primary_key=True)
    kind: str = Field(description="page | feed | sitemap")
    etag: str | None = None
    last_modified: str | None = None
    status: int | None = Field(default=None, description="last HTTP status (304 = not modified)")
    raw_document_id: int | None = Field(default=None, foreign_key="raw_documents.id", ondelete="SET NULL")
    fetched_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now()))


class ArticleBand(SQLModel, table=True):
    """MinHash LSH band hashes of an article body: articles sharing a band are near-duplicate candidates."""

    __tablename__ = "article_bands"
    band: int = Field(primary_key=True)
    hash: int = Field(sa_column=Column(sa.BigInteger, primary_key=True))
    # no foreign key: 37 rows an article, deleted with it by the trigger articles_delete_bands (migration e7c3a9d52b14)
    article_id: int = Field(primary_key=True, index=True)


class ArticleSignature(SQLModel, table=True):
    """The MinHash signature of an article body (to estimate Jaccard similarity with candidates)."""

    __tablename__ = "article_signatures"
    article_id: int = Field(foreign_key="articles.id", primary_key=True, ondelete="CASCADE")
    signature: list[int] = Field(sa_column=Column(pg.ARRAY(sa.BigInteger), nullable=False))


# Every table, parents before the tables that refer to them.
TABLE_NAMES = [t.name for t in SQLModel.metadata.sorted_tables]

# The views (who_said_what, articles_per_outlet_day, quotes_per_speaker_day, current_articles, story_outlets,
# unique_quotes, quote_outlets) are defined by the
# migrations (models/migrations/versions/) and documented with the tables in docs/schema.md.
