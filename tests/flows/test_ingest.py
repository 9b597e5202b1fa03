"""The ingest flow through Prefect (test harness) into a real PostgreSQL."""

from __future__ import annotations

import json
import unicodedata

import pytest
import sqlalchemy as sa

from tests.conftest import FIXTURES, SEEDS, counts

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        s = s.replace(a, b)
    return " ".join(s.split()).casefold()


def _gold_documents() -> tuple[object, list[dict]]:
    """The seeds and their gold when ../shared is there; our own fixture pages and gold otherwise."""
    folder = SEEDS if (SEEDS / "gold.json").exists() else FIXTURES
    return folder, json.loads((folder / "gold.json").read_text(encoding="utf-8"))["documents"]


def _articles(engine, file_name: str) -> list:
    query = sa.text("""SELECT a.item_index, a.title, a.published_date::text AS day, a.published_at, o.name AS outlet
                       FROM articles a JOIN raw_documents r ON r.id = a.raw_document_id
                       LEFT JOIN outlets o ON o.id = a.outlet_id
                       WHERE r.source_uri LIKE :name ORDER BY a.item_index""")
    with engine.connect() as conn:
        return conn.execute(query, {"name": f"%{file_name}"}).all()


def test_ingesting_the_gold_pages_yields_the_expected_rows_and_a_rerun_adds_none(clean_db):
    from flows.ingest import ingest

    folder, documents = _gold_documents()
    summary = ingest(sources=[str(folder)], batch_size=2)
    assert summary.documents_seen == len(documents) and summary.rejected == 0
    for doc in documents:
        rows = _articles(clean_db, doc["path"])
        gold_items = doc["item_titles"] if doc.get("digest") else doc["items"]
        assert len(rows) == len(gold_items), doc["path"]
        outlet = doc["outlet"]
        if outlet is None:
            assert all(r.outlet is None for r in rows), doc["path"]
        elif not outlet.get("inferred"):
            assert {r.outlet for r in rows} == {outlet["name"]}, doc["path"]
        if doc.get("digest"):
            assert [_norm(r.title) for r in rows] == [_norm(t) for t in doc["item_titles"]]
            assert {r.day for r in rows} == {doc["published"]}
            continue
        for row, item in zip(rows, doc["items"], strict=True):
            if "title" in item:
                assert _norm(row.title) == _norm(item["title"]), doc["path"]
            if item.get("published"):
                assert row.day == item["published"][:10], doc["path"]
                assert (row.published_at is not None) == ("T" in item["published"]), doc["path"]
    before = counts(clean_db)
    again = ingest(sources=[str(folder)], batch_size=3)
    after = counts(clean_db)
    assert again.documents_new == 0 and again.articles_written == 0
    assert again.documents_skipped == len(documents)
    assert {k: v for k, v in after.items() if k != "ingest_runs"} == {
        k: v for k, v in before.items() if k != "ingest_runs"}
    assert after["ingest_runs"] == before["ingest_runs"] + 1


def test_quotes_and_speakers_are_loaded_as_who_said_what_rows(clean_db):
    from flows.ingest import ingest

    folder, documents = _gold_documents()
    ingest(sources=[str(folder)])
    query = sa.text("SELECT speaker, quote, source_uri FROM who_said_what")
    with clean_db.connect() as conn:
        rows = conn.execute(query).all()
    checked = 0
    for doc in documents:
        for item in ([doc] if doc.get("digest") else doc["items"]):
            for gold in item.get("quotes", []):
                if gold["speaker"] is None:
                    continue
                speakers = {_norm(r.speaker) for r in rows
                            if r.source_uri.endswith(doc["path"]) and _norm(gold["contains"]) in _norm(r.quote)}
                assert speakers & {_norm(a) for a in gold["speaker"]}, (doc["path"], gold["contains"])
                checked += 1
    assert checked >= 3
    with clean_db.connect() as conn:
        primaries = conn.execute(sa.text("SELECT count(*) FROM article_speakers WHERE is_primary")).scalar_one()
    assert primaries >= 1


def test_bad_input_is_quarantined_with_a_reason_and_never_stops_the_run(clean_db, tmp_path):
    from flows.ingest import ingest

    good = tmp_path / "good.txt"
    good.write_text("Harbour expansion approved in Lankaran\n\nMarch 3, 2022 11:40\n\n"
                    "The city council of Lankaran approved the harbour expansion on Thursday, "
                    "officials said after a long session.\n\nWork starts in the summer.\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    (tmp_path / "tiny.txt").write_text("Loading...\n", encoding="utf-8")
    summary = ingest(sources=[str(tmp_path)])
    assert summary.documents_seen == 4 and summary.rejected == 3
    with clean_db.connect() as conn:
        reasons = dict(conn.execute(sa.text("SELECT source_uri, reason FROM rejections")).all())
        raw = conn.execute(sa.text("SELECT count(*) FROM raw_documents")).scalar_one()
        runs = conn.execute(sa.text("SELECT status, rejected FROM ingest_runs")).all()
    assert reasons == {str(tmp_path / "image.txt"): "binary", str(tmp_path / "empty.txt"): "empty",
                       str(tmp_path / "tiny.txt"): "no-text"}
    assert raw == 4  # every input is kept, rejected or not
    assert runs == [("completed", 3)]
    assert _articles(clean_db, "good.txt")[0].title == "Harbour expansion approved in Lankaran"
    ingest(sources=[str(tmp_path)])
    assert counts(clean_db)["rejections"] == 3


def test_reextract_over_a_window_rewrites_nothing_when_extraction_is_unchanged(clean_db):
    from datetime import UTC, datetime, timedelta

    from flows.ingest import ingest
    from flows.reextract import reextract

    folder, documents = _gold_documents()
    ingest(sources=[str(folder)])
    before = counts(clean_db)
    empty_window = reextract(until=datetime.now(UTC) - timedelta(days=1))
    everything = reextract(since=datetime.now(UTC) - timedelta(days=1), batch_size=2)
    assert empty_window.documents_seen == 0
    assert everything.documents_seen == len(documents) and everything.articles_written == 0
    assert everything.articles_unchanged == before["articles"]
    assert {k: v for k, v in counts(clean_db).items() if k != "ingest_runs"} == {
        k: v for k, v in before.items() if k != "ingest_runs"}
