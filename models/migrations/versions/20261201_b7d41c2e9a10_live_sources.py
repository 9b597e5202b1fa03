"""live sources: article url/canonical_url/versions/carrier/cluster, document_sources, fetched_urls,
MinHash bands and signatures; who_said_what counts current versions only; story and quote views.

Revision ID: b7d41c2e9a10
Revises: a3136a62b94f
Create Date: 2026-12-01 16:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "b7d41c2e9a10"
down_revision: str | None = "a3136a62b94f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The analysts' views, frozen here as of this revision.
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

QUOTE_OUTLETS_VIEW = """
CREATE VIEW quote_outlets AS
SELECT u.quote_id, u.speaker, u.quote, u.cluster_id, w.article_id, w.outlet, w.carrier_outlet,
       coalesce(w.carrier_outlet, w.outlet) AS carried_by, w.url, w.published_at, w.published_date
FROM unique_quotes u
JOIN who_said_what w ON w.article_id = ANY(u.article_ids) AND w.speaker IS NOT DISTINCT FROM u.speaker
     AND lower(regexp_replace(w.quote, '\\s+', ' ', 'g')) = lower(regexp_replace(u.quote, '\\s+', ' ', 'g'))
"""

OLD_WHO_SAID_WHAT_VIEW = """
CREATE VIEW who_said_what AS
SELECT q.id AS quote_id, s.canonical_name AS speaker, s.kind AS speaker_kind, q.kind AS quote_kind,
       q.text AS quote, q.cue, a.title, o.name AS outlet, a.published_at, a.published_date,
       a.id AS article_id, r.source_uri
FROM quotes q
JOIN articles a ON a.id = q.article_id
JOIN raw_documents r ON r.id = a.raw_document_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN outlets o ON o.id = a.outlet_id
"""

NEW_VIEWS = [CURRENT_ARTICLES_VIEW, WHO_SAID_WHAT_VIEW, STORY_OUTLETS_VIEW, UNIQUE_QUOTES_VIEW, QUOTE_OUTLETS_VIEW]
VIEW_NAMES = ["quote_outlets", "unique_quotes", "story_outlets", "who_said_what", "current_articles"]


def upgrade() -> None:
    for name in VIEW_NAMES:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.add_column("articles", sa.Column("url", sa.String(), nullable=True))
    op.add_column("articles", sa.Column("canonical_url", sa.String(), nullable=True))
    op.add_column("articles", sa.Column("story_key", sa.String(), nullable=True))
    op.add_column("articles", sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("articles", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.add_column("articles", sa.Column("is_current", sa.Boolean(), server_default="true", nullable=False))
    op.add_column("articles", sa.Column("carrier_outlet_id", sa.Integer(), nullable=True))
    op.add_column("articles", sa.Column("cluster_id", sa.Integer(), nullable=True))
    op.create_foreign_key(op.f("fk_articles_carrier_outlet_id_outlets"), "articles", "outlets",
                          ["carrier_outlet_id"], ["id"])
    op.create_index(op.f("ix_articles_story_key"), "articles", ["story_key"], unique=False)
    op.create_index(op.f("ix_articles_is_current"), "articles", ["is_current"], unique=False)
    op.create_index(op.f("ix_articles_cluster_id"), "articles", ["cluster_id"], unique=False)
    op.create_index("ix_articles_url", "articles", ["url"], unique=False)
    op.create_table(
        "document_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("raw_document_id", sa.Integer(), nullable=False),
        sa.Column("source_uri", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hints", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["raw_document_id"], ["raw_documents.id"],
                                name=op.f("fk_document_sources_raw_document_id_raw_documents"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], name=op.f("fk_document_sources_run_id_ingest_runs"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_sources")),
        sa.UniqueConstraint("raw_document_id", "source_uri", name=op.f("uq_document_sources_raw_document_id")),
    )
    op.create_index(op.f("ix_document_sources_source_uri"), "document_sources", ["source_uri"], unique=False)
    op.create_index("ix_document_sources_url", "document_sources", ["url"], unique=False)
    # Every raw document stored so far came from its source_uri.
    op.execute("""INSERT INTO document_sources (raw_document_id, source_uri, kind, url, first_seen_at, last_seen_at,
                                                run_id)
                  SELECT id, source_uri, CASE WHEN source_uri ~ '^https?://' THEN 'url' ELSE 'file' END,
                         CASE WHEN source_uri ~ '^https?://' THEN source_uri END, received_at, received_at, run_id
                  FROM raw_documents""")
    op.create_table(
        "fetched_urls",
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("etag", sa.String(), nullable=True),
        sa.Column("last_modified", sa.String(), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("raw_document_id", sa.Integer(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),
        sa.ForeignKeyConstraint(["raw_document_id"], ["raw_documents.id"],
                                name=op.f("fk_fetched_urls_raw_document_id_raw_documents"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_fetched_urls")),
    )
    op.create_table(
        "article_bands",
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_article_bands_article_id_articles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band", "hash", "article_id", name=op.f("pk_article_bands")),
    )
    op.create_index(op.f("ix_article_bands_article_id"), "article_bands", ["article_id"], unique=False)
    op.create_table(
        "article_signatures",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("signature", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_article_signatures_article_id_articles"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_signatures")),
    )
    for view in NEW_VIEWS:
        op.execute(view)


def downgrade() -> None:
    for name in VIEW_NAMES:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_table("article_signatures")
    op.drop_index(op.f("ix_article_bands_article_id"), table_name="article_bands")
    op.drop_table("article_bands")
    op.drop_table("fetched_urls")
    op.drop_index("ix_document_sources_url", table_name="document_sources")
    op.drop_index(op.f("ix_document_sources_source_uri"), table_name="document_sources")
    op.drop_table("document_sources")
    op.drop_index("ix_articles_url", table_name="articles")
    op.drop_index(op.f("ix_articles_cluster_id"), table_name="articles")
    op.drop_index(op.f("ix_articles_is_current"), table_name="articles")
    op.drop_index(op.f("ix_articles_story_key"), table_name="articles")
    op.drop_constraint(op.f("fk_articles_carrier_outlet_id_outlets"), "articles", type_="foreignkey")
    for column in ("cluster_id", "carrier_outlet_id", "is_current", "version", "fetched_at", "story_key",
                   "canonical_url", "url"):
        op.drop_column("articles", column)
    op.execute(OLD_WHO_SAID_WHAT_VIEW)
