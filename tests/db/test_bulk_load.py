"""The COPY loader on our fixture pages: one batch writes exactly the rows that loading page by page
writes (clusters, bands and signatures too), and loading the batch again changes nothing."""

from __future__ import annotations

import sqlalchemy as sa

from extractors.documents import ExtractionError, extract_document
from models.load import RawInput, load_pages, store_raw_documents
from models.tables import TABLE_NAMES
from tests.conftest import FIXTURES
from tests.factories import QUOTE_ROWS, snapshot

# Every row by natural keys (never surrogate ids or timestamps, which differ between loads); a cluster by
# the natural key of the article it is named after.
SNAPSHOT = {
    "articles": """SELECT r.sha256, a.item_index, o.domain, a.title, a.subtitle, a.published_at, a.published_date,
                          a.published_offset, a.authors, a.body, a.content_hash, a.rules::text, a.version,
                          a.is_current, a.fetched_at IS NOT NULL, c.item_index, rc.sha256
                   FROM articles a JOIN raw_documents r ON r.id = a.raw_document_id
                   LEFT JOIN outlets o ON o.id = a.outlet_id LEFT JOIN articles c ON c.id = a.cluster_id
                   LEFT JOIN raw_documents rc ON rc.id = c.raw_document_id ORDER BY 1, 2""",
    "quotes": QUOTE_ROWS,
    "speakers": "SELECT name_key, canonical_name, kind, role, aliases FROM speakers ORDER BY 1",
    "article_speakers": """SELECT r.sha256, a.item_index, s.name_key, x.is_primary, x.quote_count, x.role, x.aliases
                           FROM article_speakers x JOIN articles a ON a.id = x.article_id
                           JOIN raw_documents r ON r.id = a.raw_document_id JOIN speakers s ON s.id = x.speaker_id
                           ORDER BY 1, 2, 3""",
    "signatures": """SELECT r.sha256, a.item_index, g.signature FROM article_signatures g
                     JOIN articles a ON a.id = g.article_id JOIN raw_documents r ON r.id = a.raw_document_id
                     ORDER BY 1, 2""",
    "bands": """SELECT r.sha256, a.item_index, b.band, b.hash FROM article_bands b
                JOIN articles a ON a.id = b.article_id JOIN raw_documents r ON r.id = a.raw_document_id
                ORDER BY 1, 2, 3""",
    "outlets": "SELECT domain, name, timezone FROM outlets ORDER BY 1",
}


def _snapshot(engine) -> dict[str, list]:
    return snapshot(engine, SNAPSHOT)


def _pages(engine) -> list:
    docs = [RawInput(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.txt"))]
    with engine.begin() as conn:
        ids = store_raw_documents(conn, docs, None)
    pages = []
    for d in docs:
        try:
            pages.append((ids[d.sha256][0], extract_document(d.content, d.media_type, d.source_uri)))
        except ExtractionError:
            continue
    return pages


def _empty(engine) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text(f"TRUNCATE {', '.join(TABLE_NAMES)} RESTART IDENTITY CASCADE"))


def test_one_batch_writes_the_rows_of_page_by_page_and_a_second_load_changes_nothing(clean_db):
    pages = _pages(clean_db)
    for page in pages:
        with clean_db.begin() as conn:
            load_pages(conn, [page], None, "test")
    one_by_one = _snapshot(clean_db)
    assert one_by_one["articles"] and one_by_one["quotes"] and one_by_one["bands"]
    _empty(clean_db)
    pages = _pages(clean_db)
    with clean_db.begin() as conn:
        first = load_pages(conn, pages, None, "test")
    assert _snapshot(clean_db) == one_by_one
    assert first.articles_written == len(one_by_one["articles"]) and first.quotes_written == len(one_by_one["quotes"])
    with clean_db.connect() as conn:
        stamps = conn.execute(sa.text("SELECT id, updated_at FROM articles ORDER BY id")).all()
    with clean_db.begin() as conn:
        again = load_pages(conn, pages, None, "test")
    assert (again.articles_written, again.articles_unchanged) == (0, len(one_by_one["articles"]))
    assert _snapshot(clean_db) == one_by_one
    with clean_db.connect() as conn:
        assert conn.execute(sa.text("SELECT id, updated_at FROM articles ORDER BY id")).all() == stamps


def test_two_loads_in_one_transaction_and_a_newer_extractor_version(clean_db):
    pages = _pages(clean_db)
    half = len(pages) // 2
    with clean_db.begin() as conn:  # the staging table of the first load must not leak into the second
        load_pages(conn, pages[:half], None, "v1")
        load_pages(conn, pages[half:], None, "v1")
    once = _snapshot(clean_db)
    with clean_db.begin() as conn:
        stats = load_pages(conn, pages, None, "v2")
    assert stats.articles_written == 0 and _snapshot(clean_db) == once
    with clean_db.connect() as conn:
        assert conn.execute(sa.text("SELECT DISTINCT extractor_version FROM articles")).scalars().all() == ["v2"]
