"""live sources: article url/canonical_url/versions/carrier/cluster, document_sources, fetched_urls,
MinHash bands and signatures; who_said_what, articles_per_outlet_day and quotes_per_speaker_day count
current versions only (who_said_what: url from articles.url, carrier, cluster); story and quote views;
COMMENT ON every new table, view and column.

Revision ID: b7d41c2e9a10
Revises: 5c1e7a0d2b91
Create Date: 2026-12-01 16:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "b7d41c2e9a10"
down_revision: str | None = "5c1e7a0d2b91"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The views, frozen here as of this revision.
WHO_SAID_WHAT_VIEW = """
CREATE VIEW who_said_what AS
SELECT q.id AS quote_id, q.ordinal, s.id AS speaker_id, s.canonical_name AS speaker, s.kind AS speaker_kind,
       s.role AS speaker_role, q.kind AS quote_kind, q.text AS quote, q.cue, q.mention,
       q.start_offset, q.end_offset, a.id AS article_id, a.title, o.name AS outlet, o.domain AS outlet_domain,
       coalesce(a.url, CASE WHEN r.source_uri ~* '^https?://' THEN r.source_uri END) AS url,
       a.published_at, a.published_date, a.published_offset,
       (a.published_at AT TIME ZONE a.published_offset) AS published_local,
       to_char(a.published_at AT TIME ZONE a.published_offset, 'YYYY-MM-DD HH24:MI')
         || ' (UTC' || CASE WHEN a.published_offset < interval '0' THEN '-' ELSE '+' END
         || to_char(make_interval(secs => abs(extract(epoch FROM a.published_offset))), 'HH24:MI') || ')'
         AS published_as_printed,
       a.language, r.source_uri,
       a.canonical_url, c.name AS carrier_outlet, a.cluster_id, a.version
FROM quotes q
JOIN articles a ON a.id = q.article_id AND a.is_current
JOIN raw_documents r ON r.id = a.raw_document_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN outlets c ON c.id = a.carrier_outlet_id
"""

ARTICLES_PER_OUTLET_DAY_VIEW = """
CREATE VIEW articles_per_outlet_day AS
SELECT o.id AS outlet_id, o.name AS outlet, o.domain AS outlet_domain, a.published_date AS day,
       count(*) AS articles,
       coalesce(sum(qc.quotes), 0)::bigint AS quotes,
       count(*) FILTER (WHERE qc.quotes > 0) AS articles_with_quotes
FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN LATERAL (SELECT count(*) AS quotes FROM quotes q WHERE q.article_id = a.id) qc ON true
WHERE a.is_current
GROUP BY o.id, o.name, o.domain, a.published_date
"""

QUOTES_PER_SPEAKER_DAY_VIEW = """
CREATE VIEW quotes_per_speaker_day AS
SELECT s.id AS speaker_id, s.canonical_name AS speaker, s.kind AS speaker_kind, a.published_date AS day,
       count(*) AS quotes,
       count(*) FILTER (WHERE q.kind = 'direct') AS direct_quotes,
       count(DISTINCT a.id) AS articles,
       count(DISTINCT a.outlet_id) AS outlets
FROM quotes q
JOIN speakers s ON s.id = q.speaker_id
JOIN articles a ON a.id = q.article_id AND a.is_current
GROUP BY s.id, s.canonical_name, s.kind, a.published_date
"""

CURRENT_ARTICLES_VIEW = """
CREATE VIEW current_articles AS
SELECT * FROM articles WHERE is_current
"""

STORY_OUTLETS_VIEW = """
CREATE VIEW story_outlets AS
SELECT coalesce(a.cluster_id, a.id) AS cluster_id, a.id AS article_id, a.title, o.name AS outlet,
       c.name AS carrier_outlet, coalesce(c.name, o.name) AS carried_by, a.url, a.published_at,
       a.published_date, a.id = coalesce(a.cluster_id, a.id) AS is_first
FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN outlets c ON c.id = a.carrier_outlet_id
WHERE a.is_current
"""

UNIQUE_QUOTES_VIEW = r"""
CREATE VIEW unique_quotes AS
SELECT min(w.quote_id) AS quote_id, w.speaker_id, w.speaker, min(w.quote) AS quote, w.quote_kind,
       coalesce(w.cluster_id, w.article_id) AS cluster_id,
       min(w.published_date) AS first_published_date, count(*) AS copies,
       array_agg(DISTINCT coalesce(w.carrier_outlet, w.outlet))
         FILTER (WHERE coalesce(w.carrier_outlet, w.outlet) IS NOT NULL) AS carried_by,
       array_agg(DISTINCT w.outlet) FILTER (WHERE w.outlet IS NOT NULL) AS credited_outlets,
       array_agg(DISTINCT w.article_id) AS article_ids
FROM who_said_what w
GROUP BY coalesce(w.cluster_id, w.article_id), w.speaker_id, w.speaker, w.quote_kind,
         lower(regexp_replace(w.quote, '\s+', ' ', 'g'))
"""

QUOTE_OUTLETS_VIEW = r"""
CREATE VIEW quote_outlets AS
SELECT u.quote_id, u.speaker, u.quote, u.cluster_id, w.quote_id AS copy_quote_id, w.article_id, w.outlet,
       w.carrier_outlet, coalesce(w.carrier_outlet, w.outlet) AS carried_by, w.url, w.published_at,
       w.published_date
FROM unique_quotes u
JOIN who_said_what w ON w.article_id = ANY(u.article_ids) AND w.speaker_id IS NOT DISTINCT FROM u.speaker_id
     AND w.quote_kind = u.quote_kind
     AND lower(regexp_replace(w.quote, '\s+', ' ', 'g')) = lower(regexp_replace(u.quote, '\s+', ' ', 'g'))
"""

# Views this revision (re)creates, in dependency order; dropped in reverse.
VIEWS = {"who_said_what": WHO_SAID_WHAT_VIEW, "articles_per_outlet_day": ARTICLES_PER_OUTLET_DAY_VIEW,
         "quotes_per_speaker_day": QUOTES_PER_SPEAKER_DAY_VIEW, "current_articles": CURRENT_ARTICLES_VIEW,
         "story_outlets": STORY_OUTLETS_VIEW, "unique_quotes": UNIQUE_QUOTES_VIEW,
         "quote_outlets": QUOTE_OUTLETS_VIEW}
# The views as revision b7e4c2d91f05 left them (for downgrade).
PREVIOUS_WHO_SAID_WHAT_VIEW = """
CREATE VIEW who_said_what AS
SELECT q.id AS quote_id, q.ordinal, s.id AS speaker_id, s.canonical_name AS speaker, s.kind AS speaker_kind,
       s.role AS speaker_role, q.kind AS quote_kind, q.text AS quote, q.cue, q.mention,
       q.start_offset, q.end_offset, a.id AS article_id, a.title, o.name AS outlet, o.domain AS outlet_domain,
       CASE WHEN r.source_uri ~* '^https?://' THEN r.source_uri END AS url,
       a.published_at, a.published_date, a.published_offset,
       (a.published_at AT TIME ZONE a.published_offset) AS published_local,
       to_char(a.published_at AT TIME ZONE a.published_offset, 'YYYY-MM-DD HH24:MI')
         || ' (UTC' || CASE WHEN a.published_offset < interval '0' THEN '-' ELSE '+' END
         || to_char(make_interval(secs => abs(extract(epoch FROM a.published_offset))), 'HH24:MI') || ')'
         AS published_as_printed,
       a.language, r.source_uri
FROM quotes q
JOIN articles a ON a.id = q.article_id
JOIN raw_documents r ON r.id = a.raw_document_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN outlets o ON o.id = a.outlet_id
"""

PREVIOUS_ARTICLES_PER_OUTLET_DAY_VIEW = """
CREATE VIEW articles_per_outlet_day AS
SELECT o.id AS outlet_id, o.name AS outlet, o.domain AS outlet_domain, a.published_date AS day,
       count(*) AS articles,
       coalesce(sum(qc.quotes), 0)::bigint AS quotes,
       count(*) FILTER (WHERE qc.quotes > 0) AS articles_with_quotes
FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN LATERAL (SELECT count(*) AS quotes FROM quotes q WHERE q.article_id = a.id) qc ON true
GROUP BY o.id, o.name, o.domain, a.published_date
"""

PREVIOUS_QUOTES_PER_SPEAKER_DAY_VIEW = """
CREATE VIEW quotes_per_speaker_day AS
SELECT s.id AS speaker_id, s.canonical_name AS speaker, s.kind AS speaker_kind, a.published_date AS day,
       count(*) AS quotes,
       count(*) FILTER (WHERE q.kind = 'direct') AS direct_quotes,
       count(DISTINCT a.id) AS articles,
       count(DISTINCT a.outlet_id) AS outlets
FROM quotes q
JOIN speakers s ON s.id = q.speaker_id
JOIN articles a ON a.id = q.article_id
GROUP BY s.id, s.canonical_name, s.kind, a.published_date
"""


ARTICLE_COLUMNS = {
    "url": "The URL the page was fetched from, or its crawler sidecar's; NULL for a file without one.",
    "canonical_url": "The page's canonical URL (its link rel=canonical, else url), normalised with courlan.",
    "story_key": "Identity of the story across versions: canonical_url, else url; NULL = a story of its own.",
    "fetched_at": "When this version was fetched (the earliest fetch of its document; else when received).",
    "version": "1, 2, ... in fetch order among the versions of the same story (story_key, item_index).",
    "is_current": "True for the latest version of its story; the views count current versions only.",
    "carrier_outlet_id": "The outlet that carried a syndicated copy (outlets.id); outlet_id is the credited "
                         "original. NULL when the outlet published it itself.",
    "cluster_id": "Near-duplicate cluster (wire copies, syndicated pages, light rewrites): the id of the "
                  "cluster's first article.",
}
COMMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "document_sources": ("Every source (file path or URL) a raw document came from: the same bytes under a second "
                         "path are known. Natural key: (raw_document_id, source_uri).", {
        "id": "Surrogate key.",
        "raw_document_id": "The document (raw_documents.id).",
        "source_uri": "A file path or the URL asked for.",
        "kind": "file | url.",
        "url": "The page's URL: where a fetch ended (after redirects), or a sidecar's url.",
        "fetched_at": "When it was fetched (a sidecar's fetched_at for a file).",
        "hints": "Fields a feed entry or sidecar gave (title, published, author, outlet, via = the feed).",
        "first_seen_at": "When this source first gave this document.",
        "last_seen_at": "When this source last gave it (a 304 counts).",
        "run_id": "The run that saw it last (ingest_runs.id).",
    }),
    "fetched_urls": ("HTTP state of each fetched URL (validators for conditional requests). Natural key: url.", {
        "url": "The URL asked for. Natural key.",
        "kind": "page | feed | sitemap.",
        "etag": "The ETag of its last 200 answer (sent as If-None-Match).",
        "last_modified": "The Last-Modified of its last 200 answer (sent as If-Modified-Since).",
        "status": "HTTP status of the last fetch (304 = not modified).",
        "raw_document_id": "The document a page's last 200 answer stored (raw_documents.id).",
        "fetched_at": "When it was last fetched.",
    }),
    "article_bands": ("MinHash LSH bands of article bodies: articles sharing a (band, hash) are near-duplicate "
                      "candidates.", {
        "band": "Band number (0..bands-1).",
        "hash": "64-bit hash of the band's rows of the signature.",
        "article_id": "The article (articles.id).",
    }),
    "article_signatures": ("MinHash signature of each article body (word 3-shingles, 128 permutations).", {
        "article_id": "The article (articles.id).",
        "signature": "The 128 MinHash values.",
    }),
    "articles": ("", ARTICLE_COLUMNS),
    "current_articles": ("View: the current version of every story (articles WHERE is_current); same columns as "
                         "articles.", {}),
    "story_outlets": ("View: which outlets carried each story: one row per current article, by near-duplicate "
                      "cluster.", {
        "cluster_id": "The story's cluster (articles.cluster_id; the article itself when unclustered).",
        "article_id": "articles.id.",
        "title": "The article's headline.",
        "outlet": "The credited outlet.",
        "carrier_outlet": "The outlet that carried a syndicated copy; NULL when the outlet published it itself.",
        "carried_by": "Who carried it: carrier_outlet, else outlet.",
        "url": "The page URL.",
        "published_at": "Publication instant.",
        "published_date": "Publication date as printed.",
        "is_first": "True for the cluster's first article.",
    }),
    "unique_quotes": ("View: one row per distinct quote of a story cluster (speaker, kind and text with case and "
                      "spacing folded): a wire quote carried seven times counts once.", {
        "quote_id": "The first copy's quotes.id.",
        "speaker_id": "speakers.id; NULL when unattributed.",
        "speaker": "speakers.canonical_name.",
        "quote": "The statement.",
        "quote_kind": "direct | reported.",
        "cluster_id": "The story cluster.",
        "first_published_date": "Earliest publication date of a copy.",
        "copies": "How many current articles carry it.",
        "carried_by": "The outlets that carried it.",
        "credited_outlets": "The outlets credited as its source.",
        "article_ids": "The articles that carry it.",
    }),
    "quote_outlets": ("View: which outlets carried each quote: one row per copy of a unique quote.", {
        "quote_id": "unique_quotes.quote_id.",
        "speaker": "speakers.canonical_name.",
        "quote": "The statement (first copy's text).",
        "cluster_id": "The story cluster.",
        "copy_quote_id": "This copy's quotes.id.",
        "article_id": "The article of this copy.",
        "outlet": "Its credited outlet.",
        "carrier_outlet": "Its carrier, for a syndicated copy.",
        "carried_by": "carrier_outlet, else outlet.",
        "url": "The page URL.",
        "published_at": "Publication instant.",
        "published_date": "Publication date as printed.",
    }),
    "who_said_what": ("View: one row per quote of a current article version, joined to its speaker, article, "
                      "outlet and document.", {
        "url": "The page's URL (articles.url, else a URL source_uri); NULL for a file without one.",
        "canonical_url": "The page's canonical URL.",
        "carrier_outlet": "The outlet that carried a syndicated copy.",
        "cluster_id": "Near-duplicate cluster of the article (unique_quotes counts a quote once per cluster).",
        "version": "The article's version (always its story's current one here).",
    }),
}
# The COMMENTs of the columns of the views this revision re-creates (a new view loses them).
OLD_VIEW_COMMENTS = ("who_said_what", "articles_per_outlet_day", "quotes_per_speaker_day")


def _comment(kind: str, target: str, text: str) -> None:
    literal = "'" + text.replace("'", "''") + "'"
    op.get_bind().exec_driver_sql(f"COMMENT ON {kind} {target} IS {literal}")


def _saved_comments(names: tuple[str, ...]) -> list[tuple[str, str | None, str]]:
    """(relation, column or None, comment) of existing views, to put back once they are re-created."""
    rows = op.get_bind().execute(sa.text("""
        SELECT c.relname, NULL AS attname, obj_description(c.oid, 'pg_class') AS about FROM pg_class c
        WHERE c.relname = ANY(:names) AND c.relkind = 'v'
        UNION ALL
        SELECT c.relname, a.attname, col_description(c.oid, a.attnum) FROM pg_class c
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
        WHERE c.relname = ANY(:names) AND c.relkind = 'v'"""), {"names": list(names)}).all()
    return [(r[0], r[1], r[2]) for r in rows if r[2]]


def _apply_comments() -> None:
    for name, (about, columns) in COMMENTS.items():
        if about:
            _comment("VIEW" if name in VIEWS else "TABLE", name, about)
        for column, text in columns.items():
            _comment("COLUMN", f"{name}.{column}", text)
    # current_articles has the columns of articles: the same comments
    op.execute(sa.text("""
        DO $$ DECLARE r record; BEGIN
          FOR r IN SELECT a.attname, col_description('articles'::regclass, a.attnum) AS about
                   FROM pg_attribute a WHERE a.attrelid = 'articles'::regclass AND a.attnum > 0
                   AND NOT a.attisdropped AND col_description('articles'::regclass, a.attnum) IS NOT NULL LOOP
            EXECUTE format('COMMENT ON COLUMN current_articles.%I IS %L', r.attname, r.about);
          END LOOP; END $$"""))


def upgrade() -> None:
    saved = _saved_comments(OLD_VIEW_COMMENTS)
    for name in reversed(list(VIEWS)):
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
    for view in VIEWS.values():
        op.execute(view)
    for relation, column, about in saved:
        if column is None:
            _comment("VIEW", relation, about)
        else:
            _comment("COLUMN", f"{relation}.{column}", about)
    _apply_comments()


def downgrade() -> None:
    saved = _saved_comments(OLD_VIEW_COMMENTS)
    for name in reversed(list(VIEWS)):
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
    for view in (PREVIOUS_WHO_SAID_WHAT_VIEW, PREVIOUS_ARTICLES_PER_OUTLET_DAY_VIEW, PREVIOUS_QUOTES_PER_SPEAKER_DAY_VIEW):
        op.execute(view)
    for relation, column, about in saved:
        if column is not None and column in ("canonical_url", "carrier_outlet", "cluster_id", "version"):
            continue
        _comment("VIEW" if column is None else "COLUMN", relation if column is None else f"{relation}.{column}", about)
    _comment("VIEW", "who_said_what", "View: one row per quote, joined to its speaker, article, outlet and document.")
    _comment("COLUMN", "who_said_what.url", "The page's URL when the document came from the web; NULL for a file.")
