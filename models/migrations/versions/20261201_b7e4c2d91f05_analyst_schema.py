"""analyst schema: printed UTC offset, full-text search, reporting views, comments on everything

Revision ID: b7e4c2d91f05
Revises: a3136a62b94f
Create Date: 2026-12-01 16:00:00

- `articles.published_offset` keeps the UTC offset the page printed ("12:17 (UTC+04:00)").
- `articles.search_vector` / `quotes.search_vector`: generated tsvector columns with GIN indexes
  (the 'simple' configuration: language-neutral, no stemming, names stay as written).
- `unaccent` and `pg_trgm` (a trigram index on speaker names and aliases) only where the server has
  them: the embedded pgserver ships neither, so there the migration skips them.
- Views: `who_said_what` (now with URL, offset and local time), `articles_per_outlet_day`,
  `quotes_per_speaker_day`.
- COMMENT ON every table, view and column (tests/db/test_analyst_schema.py checks none is missing).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'b7e4c2d91f05'
down_revision: str | None = 'a3136a62b94f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_SEARCH = ("setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
                  "setweight(to_tsvector('simple'::regconfig, coalesce(subtitle, '')), 'B') || "
                  "setweight(to_tsvector('simple'::regconfig, body), 'C')")
QUOTE_SEARCH = "to_tsvector('simple'::regconfig, text)"

# The views, frozen here as of this revision.
WHO_SAID_WHAT_VIEW = """
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

ARTICLES_PER_OUTLET_DAY_VIEW = """
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

QUOTES_PER_SPEAKER_DAY_VIEW = """
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

VIEWS = {"who_said_what": WHO_SAID_WHAT_VIEW, "articles_per_outlet_day": ARTICLES_PER_OUTLET_DAY_VIEW,
         "quotes_per_speaker_day": QUOTES_PER_SPEAKER_DAY_VIEW}

# name -> (what one row is, {column: meaning}). Keep docs/schema.md in step with this.
COMMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "outlets": ("One news outlet of the registry (extractors/outlets.toml). Natural key: domain.", {
        "id": "Surrogate key.",
        "domain": "Web domain without www., e.g. azernews.az. Natural key (unique).",
        "name": "Display name of the outlet, e.g. AzerNews.",
        "timezone": "IANA time zone the outlet prints its times in, e.g. Asia/Baku.",
    }),
    "ingest_runs": ("One run of a flow (ingest, backfill, reextract): parameters, counts, timing, status.", {
        "id": "Surrogate key; other tables refer to it as run_id.",
        "flow_run_id": "Prefect flow-run id: open it in the Prefect UI (flow-runs/flow-run/<id>).",
        "flow_name": "Which flow ran: ingest | backfill | reextract | ...",
        "parameters": "The flow's parameters as JSON (sources, windows, batch size).",
        "status": "running | completed | failed.",
        "started_at": "When the run started (UTC instant).",
        "finished_at": "When the run finished; NULL while it runs.",
        "documents_seen": "Input documents the run looked at.",
        "documents_new": "Documents stored for the first time by this run.",
        "articles_written": "Articles inserted or changed by this run.",
        "quotes_written": "Quotes written by this run (for the articles it changed).",
        "rejected": "Documents quarantined by this run (see rejections).",
    }),
    "raw_documents": ("One input document exactly as received (bytes kept, so it can be re-extracted). "
                      "Natural key: sha256.", {
        "id": "Surrogate key.",
        "sha256": "sha256 of content, hex. Natural key (unique): the same bytes are stored once.",
        "source_uri": "Where the document came from: a file path or a URL.",
        "media_type": "text/plain | text/html | application/rss+xml | application/atom+xml.",
        "content": "The exact input bytes.",
        "size_bytes": "Length of content in bytes.",
        "received_at": "When it was first stored (UTC instant).",
        "run_id": "The run that stored it first (ingest_runs.id).",
    }),
    "articles": ("One story. A digest page gives several, numbered by item_index. "
                 "Natural key: (raw_document_id, item_index).", {
        "id": "Surrogate key.",
        "raw_document_id": "The document the story was extracted from (raw_documents.id).",
        "item_index": "Position of the story within its document: 0 for a normal page, 0..n-1 in a digest.",
        "outlet_id": "The outlet (outlets.id); NULL when no outlet was recognised.",
        "title": "Headline as printed.",
        "subtitle": "Standfirst / sub-headline, when the page has one.",
        "published_at": "Publication instant (timestamptz) when the page prints a time; NULL for a date only.",
        "published_date": "Publication date as printed (the outlet's local date).",
        "published_precision": "minute (published_at is set) | day (date only) | NULL (no date found).",
        "published_rule": "The extraction rule that found the date.",
        "authors": "Bylines, as an array of names.",
        "category": "The outlet's section or category, when printed.",
        "body": "Clean article text, paragraphs separated by newlines.",
        "language": "ISO 639-1 code of the body's language.",
        "content_hash": "sha256 of everything extracted for the story: unchanged output leaves the row alone.",
        "extractor_version": "Version of the extractors that wrote this row (extractors/documents.py).",
        "rules": "Which rule produced each field, as JSON {field: rule}.",
        "run_id": "The run that last wrote this row (ingest_runs.id).",
        "updated_at": "When this row last changed.",
        "published_offset": "UTC offset printed with the time (e.g. +04:00); "
                            "published_at AT TIME ZONE published_offset gives the time as printed.",
        "search_vector": "Full-text index of title (weight A), subtitle (B) and body (C), 'simple' "
                         "configuration: search with search_vector @@ websearch_to_tsquery('simple', ...).",
    }),
    "speakers": ("One real person or organisation that speaks or is quoted. Natural key: canonical_name.", {
        "id": "Surrogate key.",
        "canonical_name": "Full canonical name, e.g. Ilham Aliyev. Natural key (unique).",
        "kind": "person | organisation.",
        "role": "Role or title as found in the text (e.g. President), when known.",
        "aliases": "Other names the speaker appears under (surnames, spellings), as an array.",
    }),
    "article_speakers": ("One speaker of one article. Key: (article_id, speaker_id); "
                         "at most one row per article has is_primary.", {
        "article_id": "The article (articles.id).",
        "speaker_id": "The speaker (speakers.id).",
        "is_primary": "True for the article's primary speaker (the one the story is mostly about).",
        "quote_count": "How many quotes of the article are attributed to this speaker.",
    }),
    "quotes": ("One statement in an article, direct or reported, with its speaker. "
               "Natural key: (article_id, ordinal).", {
        "id": "Surrogate key.",
        "article_id": "The article (articles.id).",
        "ordinal": "Position of the quote within the article, from 0.",
        "speaker_id": "Who said it (speakers.id); NULL when no speaker could be attributed.",
        "text": "The statement as printed (without its quote marks).",
        "kind": "direct (in quote marks) | reported (indirect speech).",
        "start_offset": "Character offset of the statement's start in articles.body.",
        "end_offset": "Character offset just past its end in articles.body.",
        "cue": "The speech verb or cue that attributes it (said, told, according to ...).",
        "mention": "How the speaker is named next to the quote (e.g. a surname or 'the minister').",
        "rule": "The attribution rule that linked the quote to its speaker.",
        "search_vector": "Full-text index of text ('simple' configuration).",
    }),
    "rejections": ("Quarantine: input that could not be stored or extracted, with a reason code. "
                   "Natural key: (source_uri, reason, sha256).", {
        "id": "Surrogate key.",
        "source_uri": "Where the rejected input came from.",
        "sha256": "sha256 of the input bytes, when they could be read.",
        "raw_document_id": "The stored raw document, when it was stored (raw_documents.id).",
        "reason": "Short code: unreadable | binary | empty | no-text | extract-error | load-error ...",
        "error": "The error message.",
        "run_id": "The run that rejected it (ingest_runs.id).",
        "created_at": "When it was quarantined.",
    }),
    "alembic_version": ("Bookkeeping of the migrations (alembic): the schema revision this database is at.", {
        "version_num": "The alembic revision id applied last (models/migrations/versions/).",
    }),
    "who_said_what": ("View: one row per quote, joined to its speaker, article, outlet and document.", {
        "quote_id": "quotes.id.",
        "ordinal": "Position of the quote within its article.",
        "speaker_id": "speakers.id; NULL when unattributed.",
        "speaker": "speakers.canonical_name; NULL when unattributed.",
        "speaker_kind": "person | organisation.",
        "speaker_role": "speakers.role.",
        "quote_kind": "direct | reported.",
        "quote": "The statement (quotes.text).",
        "cue": "The speech verb or cue.",
        "mention": "How the speaker is named next to the quote.",
        "start_offset": "Start of the quote in the article body.",
        "end_offset": "End of the quote in the article body.",
        "article_id": "articles.id.",
        "title": "The article's headline.",
        "outlet": "The outlet's name.",
        "outlet_domain": "The outlet's domain.",
        "url": "The page's URL when the document came from the web; NULL for a file.",
        "published_at": "Publication instant (timestamptz); NULL for a date only.",
        "published_date": "Publication date as printed.",
        "published_offset": "UTC offset printed with the time.",
        "published_local": "Publication time as printed (published_at at the printed offset).",
        "published_as_printed": "Date, time and offset as printed, e.g. 2020-11-06 12:17 (UTC+04:00).",
        "language": "Language of the article.",
        "source_uri": "Where the document came from (path or URL).",
    }),
    "articles_per_outlet_day": ("View: articles and quotes per outlet per publication day.", {
        "outlet_id": "outlets.id; NULL for articles of no recognised outlet.",
        "outlet": "The outlet's name.",
        "outlet_domain": "The outlet's domain.",
        "day": "Publication date as printed (NULL: no date found).",
        "articles": "Articles published that day.",
        "quotes": "Quotes in those articles.",
        "articles_with_quotes": "Articles with at least one quote.",
    }),
    "quotes_per_speaker_day": ("View: quotes per attributed speaker per publication day.", {
        "speaker_id": "speakers.id.",
        "speaker": "speakers.canonical_name.",
        "speaker_kind": "person | organisation.",
        "day": "Publication date of the articles.",
        "quotes": "Quotes attributed to the speaker that day.",
        "direct_quotes": "Of which direct quotes.",
        "articles": "Articles those quotes appear in.",
        "outlets": "Distinct outlets of those articles.",
    }),
}


def _has_extension(name: str) -> bool:
    query = sa.text("SELECT 1 FROM pg_available_extensions WHERE name = :n")
    return op.get_bind().execute(query, {"n": name}).first() is not None


def _comment(kind: str, target: str, text: str) -> None:
    # COMMENT takes no bind parameters: a standard SQL string literal, quotes doubled.
    literal = "'" + text.replace("'", "''") + "'"
    op.get_bind().exec_driver_sql(f"COMMENT ON {kind} {target} IS {literal}")


def apply_comments(comments: dict[str, tuple[str, dict[str, str]]]) -> None:
    """COMMENT ON each table or view and each of its columns."""
    views = set(VIEWS)
    for table, (about, columns) in comments.items():
        _comment("VIEW" if table in views else "TABLE", table, about)
        for column, text in columns.items():
            _comment("COLUMN", f"{table}.{column}", text)


def upgrade() -> None:
    op.execute("DROP VIEW IF EXISTS who_said_what")
    op.add_column('articles', sa.Column('published_offset', sa.Interval(), nullable=True))
    # Rows written before this revision have no offset: make the next `mediamon reextract` rewrite them.
    op.execute("UPDATE articles SET content_hash = 'before-published-offset' WHERE published_at IS NOT NULL")
    op.add_column('articles', sa.Column('search_vector', postgresql.TSVECTOR(),
                                        sa.Computed(ARTICLE_SEARCH, persisted=True), nullable=True))
    op.add_column('quotes', sa.Column('search_vector', postgresql.TSVECTOR(),
                                      sa.Computed(QUOTE_SEARCH, persisted=True), nullable=True))
    op.create_index('ix_articles_search_vector', 'articles', ['search_vector'], postgresql_using='gin')
    op.create_index('ix_quotes_search_vector', 'quotes', ['search_vector'], postgresql_using='gin')
    op.create_index('ix_articles_extractor_version', 'articles', ['extractor_version'])
    op.create_index('ix_raw_documents_received_at', 'raw_documents', ['received_at'])
    op.create_index('ix_rejections_reason', 'rejections', ['reason'])
    for extension in ("unaccent", "pg_trgm"):
        if _has_extension(extension):
            op.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
    if _has_extension("pg_trgm"):  # ILIKE '%name%' and similarity() on speaker names use it
        op.execute("CREATE INDEX ix_speakers_canonical_name_trgm ON speakers USING gin (canonical_name gin_trgm_ops)")
    for view in VIEWS.values():
        op.execute(view)
    apply_comments(COMMENTS)


def downgrade() -> None:
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")
    op.execute("DROP INDEX IF EXISTS ix_speakers_canonical_name_trgm")
    op.drop_index('ix_rejections_reason', table_name='rejections')
    op.drop_index('ix_raw_documents_received_at', table_name='raw_documents')
    op.drop_index('ix_articles_extractor_version', table_name='articles')
    op.drop_index('ix_quotes_search_vector', table_name='quotes')
    op.drop_index('ix_articles_search_vector', table_name='articles')
    op.drop_column('quotes', 'search_vector')
    op.drop_column('articles', 'search_vector')
    op.drop_column('articles', 'published_offset')
    op.execute("""
CREATE OR REPLACE VIEW who_said_what AS
SELECT q.id AS quote_id, s.canonical_name AS speaker, s.kind AS speaker_kind, q.kind AS quote_kind,
       q.text AS quote, q.cue, a.title, o.name AS outlet, a.published_at, a.published_date,
       a.id AS article_id, r.source_uri
FROM quotes q
JOIN articles a ON a.id = q.article_id
JOIN raw_documents r ON r.id = a.raw_document_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN outlets o ON o.id = a.outlet_id
""")
