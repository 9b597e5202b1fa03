"""Backfills over publication-date windows and filtered re-extraction, through Prefect into PostgreSQL.

Expected counts come from the fixture pages' gold.json (written by hand, independently of the code).
"""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
import sqlalchemy as sa

from tests.conftest import FIXTURES, counts

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _gold_stories() -> list[tuple[str, str | None, str | None]]:
    """(file, outlet domain, published date) of every story of the fixture pages, from gold.json."""
    stories = []
    for doc in json.loads((FIXTURES / "gold.json").read_text(encoding="utf-8"))["documents"]:
        domain = (doc.get("outlet") or {}).get("domain")
        if doc.get("digest"):
            stories += [(doc["path"], domain, doc["published"])] * len(doc["item_titles"])
        else:
            stories += [(doc["path"], domain, (item.get("published") or None)) for item in doc["items"]]
    return stories


def _expected(date_from: str, date_to: str, outlet: str | None = None) -> int:
    return sum(1 for _, domain, day in _gold_stories()
               if day and date_from <= day[:10] <= date_to and (outlet is None or domain == outlet))


def _article_days(engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.execute(sa.text("SELECT published_date::text FROM articles")).scalars())


def test_a_backfill_loads_only_its_window_and_a_rerun_changes_nothing(clean_db):
    from flows.backfill import backfill

    total = len(_gold_stories())
    window = backfill(sources=[str(FIXTURES)], date_from=date(2023, 1, 1), date_to=date(2023, 12, 31), batch_size=7)
    expected = _expected("2023-01-01", "2023-12-31")
    assert 0 < expected < total
    assert (window.stories_loaded, window.stories_skipped, window.rejected) == (expected, total - expected, 0)
    days = _article_days(clean_db)
    assert len(days) == expected and all("2023-01-01" <= d <= "2023-12-31" for d in days)
    assert counts(clean_db)["raw_documents"] == len(list(FIXTURES.glob("*.txt")))  # every input kept
    before = counts(clean_db)
    again = backfill(sources=[str(FIXTURES)], date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))
    assert (again.stories_loaded, again.articles_written, again.documents_new) == (expected, 0, 0)
    assert {k: v for k, v in counts(clean_db).items() if k != "ingest_runs"} == {
        k: v for k, v in before.items() if k != "ingest_runs"}


def test_an_outlet_window_and_two_windows_at_once_add_up_to_their_union(clean_db):
    from flows.backfill import backfill

    outlet = backfill(sources=[str(FIXTURES)], date_from=date(2000, 1, 1), date_to=date(2030, 1, 1),
                      outlet="azernews.az")
    assert outlet.stories_loaded == _expected("2000-01-01", "2030-01-01", "azernews.az") > 0
    results = {}

    def run(name: str, start: date, end: date) -> None:
        results[name] = backfill(sources=[str(FIXTURES)], date_from=start, date_to=end, batch_size=5)

    threads = [threading.Thread(target=run, args=("early", date(2000, 1, 1), date(2022, 12, 31))),
               threading.Thread(target=run, args=("late", date(2023, 1, 1), date(2030, 1, 1)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results["early"].stories_loaded == _expected("2000-01-01", "2022-12-31")
    assert results["late"].stories_loaded == _expected("2023-01-01", "2030-01-01")
    dated = sum(1 for _, _, day in _gold_stories() if day)
    assert len(_article_days(clean_db)) == dated  # the outlet's stories were loaded once, not twice


def test_a_reversed_window_is_refused():
    from flows.backfill import backfill

    with pytest.raises(ValueError, match="before"):
        backfill(sources=[str(FIXTURES)], date_from=date(2024, 1, 2), date_to=date(2024, 1, 1))


@pytest.mark.parametrize(("stored", "than", "older"), [
    (["2026.11.1", "2026.11.9", "2026.11.10"], "2026.11.10", ["2026.11.1", "2026.11.9"]),
    (["1.0", "1.0.0", "0.9"], "1.0", ["0.9"]),
    (["test", "2026.1"], "2026.1", ["test"]),
    ([], "1", []),
])
def test_older_versions_orders_by_release_not_by_text(stored, than, older):
    from flows.reextract import older_versions

    assert older_versions(stored, than) == older


def test_reextract_filters_by_publication_window_outlet_and_version(clean_db):
    from extractors.documents import EXTRACTOR_VERSION
    from flows.ingest import ingest
    from flows.reextract import reextract

    ingest(sources=[str(FIXTURES)])
    docs_2024 = len({path for path, _, day in _gold_stories() if day and day.startswith("2024")})
    window = reextract(published_from=date(2024, 1, 1), published_to=date(2024, 12, 31))
    assert window.documents_seen == docs_2024 > 0 and window.articles_written == 0
    trend = reextract(outlet="trend.az", published_from=date(2024, 1, 1))
    trend_2024 = {p for p, domain, day in _gold_stories() if domain == "trend.az" and (day or "") >= "2024"}
    assert trend.documents_seen == len(trend_2024)
    with clean_db.begin() as conn:
        conn.execute(sa.text("UPDATE articles SET extractor_version = '2000.1.1' WHERE id IN "
                             "(SELECT id FROM articles ORDER BY id LIMIT 3)"))
        stale_docs = conn.execute(sa.text("SELECT count(DISTINCT raw_document_id) FROM articles "
                                          "WHERE extractor_version = '2000.1.1'")).scalar_one()
    stale = reextract(older_than_version=EXTRACTOR_VERSION)
    assert stale.documents_seen == stale_docs
    with clean_db.connect() as conn:  # unchanged output, but the rows now record who extracted them last
        versions = conn.execute(sa.text("SELECT DISTINCT extractor_version FROM articles")).scalars().all()
    assert versions == [EXTRACTOR_VERSION]
    assert reextract(older_than_version=EXTRACTOR_VERSION).documents_seen == 0


def test_analysts_never_see_a_half_reextracted_article(clean_db):
    """While every article is rewritten (quotes deleted and inserted again), a reader sees all its quotes."""
    from flows.ingest import ingest
    from flows.reextract import reextract

    ingest(sources=[str(FIXTURES)])
    per_article = sa.text("SELECT article_id, count(*) FROM quotes GROUP BY article_id ORDER BY article_id")
    with clean_db.connect() as conn:
        baseline = conn.execute(per_article).all()
    with clean_db.begin() as conn:  # make every article look changed, so the loader rewrites it
        conn.execute(sa.text("UPDATE articles SET content_hash = 'stale'"))
    seen, done = [], threading.Event()

    def read() -> None:
        with clean_db.connect() as conn:
            while not done.is_set():
                seen.append(conn.execute(per_article).all())
                conn.commit()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        summary = reextract(batch_size=1)
    finally:
        done.set()
        reader.join()
    assert summary.articles_written == len(_gold_stories())
    assert len(seen) > 1 and all(snapshot == baseline for snapshot in seen)


def test_the_cli_reports_loaded_skipped_and_rejected_and_reextracts_a_window(clean_db):
    from typer.testing import CliRunner

    from flows.cli import app

    total, expected = len(_gold_stories()), _expected("2024-01-01", "2024-06-30")
    result = CliRunner().invoke(app, ["backfill", str(FIXTURES), "--from", "2024-01-01", "--to", "2024-06-30"])
    assert result.exit_code == 0, result.output
    assert f"{expected} stories loaded" in result.output and f"{total - expected} skipped" in result.output
    assert "0 rejected" in result.output
    docs = len({path for path, _, day in _gold_stories() if day and "2024-01-01" <= day[:10] <= "2024-06-30"})
    again = CliRunner().invoke(app, ["reextract", "--published-from", "2024-01-01", "--published-to", "2024-06-30"])
    assert again.exit_code == 0, again.output
    assert f"{docs} documents re-extracted" in again.output
    reversed_window = CliRunner().invoke(app, ["backfill", str(FIXTURES), "--from", "2024-02-01", "--to", "2024-01-01"])
    assert reversed_window.exit_code == 1 and "before" in reversed_window.output
