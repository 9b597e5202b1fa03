"""The loader against a real PostgreSQL: upserts on natural keys, nothing changes on a re-load."""

from __future__ import annotations

import sqlalchemy as sa

from models.load import RawInput, RejectionInput, load_pages, quarantine, store_raw_documents
from tests.conftest import counts
from tests.factories import make_article, make_page, make_speech


def _store(engine, *docs: RawInput) -> dict:
    with engine.begin() as conn:
        return store_raw_documents(conn, list(docs), None)


def _load(engine, pages):
    with engine.begin() as conn:
        return load_pages(conn, pages, None, "test")


def test_raw_documents_are_kept_byte_for_byte_and_stored_once(clean_db):
    content = "Caspian Ledger\n\nA page with a BOM-less \u00e9 and\r\nCRLF.".encode()
    first = _store(clean_db, RawInput("a.txt", content))
    second = _store(clean_db, RawInput("copy-of-a.txt", content))
    (sha, (raw_id, is_new)), = first.items()
    assert is_new and second[sha] == (raw_id, False)
    with clean_db.connect() as conn:
        stored = conn.execute(sa.text("SELECT content, source_uri FROM raw_documents")).one()
    assert bytes(stored.content) == content and stored.source_uri == "a.txt"


def test_loading_the_same_pages_twice_changes_nothing(clean_db):
    ids = _store(clean_db, RawInput("p.txt", b"page"))
    raw_id = next(iter(ids.values()))[0]
    page = make_page(make_speech(make_article(), "Leyla Karimova", "Karimova", role="Minister of Ecology"))
    first = _load(clean_db, [(raw_id, page)])
    before = counts(clean_db)
    with clean_db.connect() as conn:
        stamp = conn.execute(sa.text("SELECT updated_at FROM articles")).scalar_one()
    second = _load(clean_db, [(raw_id, page)])
    assert (first.articles_written, second.articles_written, second.articles_unchanged) == (1, 0, 1)
    assert counts(clean_db) == before
    assert before["quotes"] == 1 and before["speakers"] == 1 and before["outlets"] == 1
    with clean_db.connect() as conn:
        assert conn.execute(sa.text("SELECT updated_at FROM articles")).scalar_one() == stamp


def test_a_changed_extraction_updates_the_article_and_replaces_its_quotes(clean_db):
    raw_id = next(iter(_store(clean_db, RawInput("p.txt", b"page")).values()))[0]
    _load(clean_db, [(raw_id, make_page(make_speech(make_article(), "Leyla Karimova")))])
    changed = make_speech(make_article(body="A corrected body."), "Rauf Hasanli", text="We object")
    stats = _load(clean_db, [(raw_id, make_page(changed))])
    assert stats.articles_written == 1
    with clean_db.connect() as conn:
        rows = conn.execute(sa.text("SELECT speaker, quote FROM who_said_what")).all()
        body = conn.execute(sa.text("SELECT body FROM articles")).scalar_one()
    assert rows == [("Rauf Hasanli", "We object")] and body == "A corrected body."


def test_speaker_aliases_merge_across_articles_and_primary_is_flagged(clean_db):
    ids = _store(clean_db, RawInput("a.txt", b"a"), RawInput("b.txt", b"b"))
    (a_id, _), (b_id, _) = ids.values()
    page_a = make_page(make_speech(make_article(), "Leyla Aydin Karimova", "Leyla Karimova"), source="a.txt")
    page_b = make_page(make_speech(make_article(), "Leyla Aydin Karimova", "Minister Karimova",
                                   role="Minister of Ecology"), source="b.txt")
    _load(clean_db, [(a_id, page_a), (b_id, page_b)])
    _load(clean_db, [(b_id, page_b)])
    with clean_db.connect() as conn:
        speaker = conn.execute(sa.text("SELECT canonical_name, aliases, role FROM speakers")).one()
        primaries = conn.execute(sa.text("SELECT count(*) FROM article_speakers WHERE is_primary")).scalar_one()
    assert speaker.canonical_name == "Leyla Aydin Karimova"
    assert speaker.aliases == ["Leyla Karimova"]  # "Minister Karimova" does not identify her
    assert speaker.role == "Minister of Ecology" and primaries == 2


def test_a_digest_that_now_yields_fewer_items_loses_the_stale_ones(clean_db):
    raw_id = next(iter(_store(clean_db, RawInput("d.txt", b"digest")).values()))[0]
    _load(clean_db, [(raw_id, make_page(make_article(0, "One"), make_article(1, "Two"), make_article(2, "Three")))])
    _load(clean_db, [(raw_id, make_page(make_article(0, "One"), make_article(1, "Two")))])
    with clean_db.connect() as conn:
        titles = conn.execute(sa.text("SELECT title FROM articles ORDER BY item_index")).scalars().all()
    assert titles == ["One", "Two"]


def test_day_precision_dates_have_no_instant(clean_db):
    raw_id = next(iter(_store(clean_db, RawInput("p.txt", b"page")).values()))[0]
    _load(clean_db, [(raw_id, make_page(make_article(published="2021-03-02", published_precision="day")))])
    with clean_db.connect() as conn:
        query = sa.text("SELECT published_at, published_date::text, published_precision FROM articles")
        row = conn.execute(query).one()
    assert tuple(row) == (None, "2021-03-02", "day")


def test_the_same_rejection_twice_is_one_row(clean_db):
    rejection = RejectionInput("bad.bin", "binary", "NUL bytes", "ab" * 32)
    with clean_db.begin() as conn:
        assert quarantine(conn, [rejection], None) == 1
        assert quarantine(conn, [rejection], None) == 0
        no_sha = RejectionInput("gone.txt", "unreadable", "PermissionError")
        assert quarantine(conn, [no_sha, no_sha], None) == 1


def test_a_concurrent_load_of_the_same_new_page_writes_it_once(clean_db, monkeypatch):
    """New articles are copied straight into `articles`; when another transaction stored them first (it commits
    while the COPY waits on the unique key), the batch goes back to the staged upsert and writes nothing twice."""
    import threading
    import time

    from extractors.records import Page
    from models import load

    copied, direct = [], load._insert_new_articles

    def spy(conn, rows):
        copied.append(direct(conn, rows))
        return copied[-1]

    monkeypatch.setattr(load, "_insert_new_articles", spy)
    raw_id = next(iter(_store(clean_db, RawInput("p.txt", b"page")).values()))[0]
    page = Page(source="p.txt", outlet=None, items=[make_speech(make_article(), "Leyla Karimova")])
    first = clean_db.connect()
    transaction = first.begin()
    load_pages(first, [(raw_id, page)], None, "test")  # not committed yet
    result = {}

    def other() -> None:
        with clean_db.begin() as conn:
            result["stats"] = load_pages(conn, [(raw_id, page)], None, "test")

    thread = threading.Thread(target=other)
    thread.start()
    time.sleep(1.0)  # the other load reads no stored article and waits on the unique key
    transaction.commit()
    first.close()
    thread.join(60)
    assert not thread.is_alive()
    assert copied[0] is not None and copied[1] is None  # the second COPY was refused: upserted instead
    assert (result["stats"].articles_written, result["stats"].articles_unchanged) == (0, 1)
    totals = counts(clean_db)
    assert (totals["articles"], totals["quotes"], totals["speakers"]) == (1, 1, 1)
