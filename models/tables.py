"""The database schema: a public interface (analysts query it with SQL). Change it only by migration.

Every table has a natural key with a unique constraint, so every load is an upsert and
ingesting the same input twice changes nothing.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

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
    status: str = Field(default="running", description="running | completed | failed")
    started_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now()))
    finished_at: datetime | None = Field(default=None, sa_column=Column(sa.DateTime(timezone=True)))
    documents_seen: int = 0
    documents_new: int = 0
    articles_written: int = 0
    quotes_written: int = 0
    rejected: int = 0


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
    authors: list[str] = Field(default_factory=list, sa_column=Column(pg.ARRAY(sa.Text), nullable=False))
    category: str | None = None
    body: str = ""
    language: str | None = None
    content_hash: str = Field(max_length=64, description="sha256 of the extracted record")
    extractor_version: str
    rules: dict = Field(default_factory=dict, sa_column=Column(pg.JSONB, nullable=False))
    run_id: int | None = Field(default=None, foreign_key="ingest_runs.id", ondelete="SET NULL")
    updated_at: datetime = Field(sa_column=Column(sa.DateTime(timezone=True), server_default=_now()))
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
    """One real person or organisation: the canonical name is the natural key."""

    __tablename__ = "speakers"
    id: int | None = Field(default=None, primary_key=True)
    canonical_name: str = Field(unique=True)
    kind: str = Field(default="person", description="person | organisation")
    role: str | None = None
    aliases: list[str] = Field(default_factory=list, sa_column=Column(pg.ARRAY(sa.Text), nullable=False))


class ArticleSpeaker(SQLModel, table=True):
    """Who speaks in an article; exactly one row per article may be primary."""

    __tablename__ = "article_speakers"
    article_id: int = Field(foreign_key="articles.id", primary_key=True, ondelete="CASCADE")
    speaker_id: int = Field(foreign_key="speakers.id", primary_key=True, index=True)
    is_primary: bool = False
    quote_count: int = 0


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
    article_id: int = Field(foreign_key="articles.id", primary_key=True, ondelete="CASCADE", index=True)


class ArticleSignature(SQLModel, table=True):
    """The MinHash signature of an article body (to estimate Jaccard similarity with candidates)."""

    __tablename__ = "article_signatures"
    article_id: int = Field(foreign_key="articles.id", primary_key=True, ondelete="CASCADE")
    signature: list[int] = Field(sa_column=Column(pg.ARRAY(sa.BigInteger), nullable=False))


# Every table, parents before the tables that refer to them.
TABLE_NAMES = [t.name for t in SQLModel.metadata.sorted_tables]

# The analysts' views (models/migrations/versions/*_live_sources.py creates them). Older versions of a
# story stay in `articles`; the views count current versions only.
CURRENT_ARTICLES_VIEW = """
CREATE VIEW current_articles AS
SELECT * FROM articles WHERE is_current
"""

WHO_SAID_WHAT_VIEW = """
CREATE VIEW who_said_what AS
SELECT q.id AS quote_id, s.canonical_name AS speaker, s.kind AS speaker_kind, q.kind AS quote_kind,
       q.text AS quote, q.cue, a.title, o.name AS outlet, a.published_at, a.published_date,
       a.id AS article_id, r.source_uri, a.url, a.canonical_url, c.name AS carrier_outlet, a.cluster_id
FROM quotes q
JOIN articles a ON a.id = q.article_id AND a.is_current
JOIN raw_documents r ON r.id = a.raw_document_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN outlets c ON c.id = a.carrier_outlet_id
"""

# Which outlets carried each story (one row per current article of a near-duplicate cluster).
STORY_OUTLETS_VIEW = """
CREATE VIEW story_outlets AS
SELECT a.cluster_id, a.id AS article_id, a.title, o.name AS outlet, c.name AS carrier_outlet,
       coalesce(c.name, o.name) AS carried_by, a.url, a.published_at, a.published_date,
       a.id = a.cluster_id AS is_first
FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN outlets c ON c.id = a.carrier_outlet_id
WHERE a.is_current
"""

# One row per distinct quote of a cluster (speaker + text, case and spacing folded): a wire quote
# repeated by seven carriers is one row here, with the outlets that carried it.
UNIQUE_QUOTES_VIEW = """
CREATE VIEW unique_quotes AS
SELECT min(w.quote_id) AS quote_id, w.speaker, min(w.quote) AS quote, w.quote_kind,
       coalesce(w.cluster_id, w.article_id) AS cluster_id,
       min(w.published_date) AS first_published_date, count(*) AS copies,
       array_agg(DISTINCT coalesce(w.carrier_outlet, w.outlet)) FILTER (WHERE w.outlet IS NOT NULL) AS carried_by,
       array_agg(DISTINCT w.outlet) FILTER (WHERE w.outlet IS NOT NULL) AS credited_outlets,
       array_agg(DISTINCT w.article_id) AS article_ids
FROM who_said_what w
GROUP BY coalesce(w.cluster_id, w.article_id), w.speaker, w.quote_kind,
         lower(regexp_replace(w.quote, '\\s+', ' ', 'g'))
"""

# Which outlets carried each quote: one row per (quote of unique_quotes, carrying outlet).
QUOTE_OUTLETS_VIEW = """
CREATE VIEW quote_outlets AS
SELECT u.quote_id, u.speaker, u.quote, u.cluster_id, w.article_id, w.outlet, w.carrier_outlet,
       coalesce(w.carrier_outlet, w.outlet) AS carried_by, w.url, w.published_at, w.published_date
FROM unique_quotes u
JOIN who_said_what w ON w.article_id = ANY(u.article_ids) AND w.speaker IS NOT DISTINCT FROM u.speaker
     AND lower(regexp_replace(w.quote, '\\s+', ' ', 'g')) = lower(regexp_replace(u.quote, '\\s+', ' ', 'g'))
"""

VIEWS = {"current_articles": CURRENT_ARTICLES_VIEW, "who_said_what": WHO_SAID_WHAT_VIEW,
         "story_outlets": STORY_OUTLETS_VIEW, "unique_quotes": UNIQUE_QUOTES_VIEW,
         "quote_outlets": QUOTE_OUTLETS_VIEW}
