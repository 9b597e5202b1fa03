"""Bad input and odd files through the ingest flow: every input extracted, rejected or skipped, with a reason."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import counts

pytestmark = pytest.mark.usefixtures("prefect_harness")

PAGE = ("Dam inspection finished in Shamkir\n\nMarch 3, 2022 11:40\n\n"
        "Engineers finished the inspection of the Shamkir dam on Thursday, the water agency said "
        "after a week of tests.\n\nThe report goes to parliament in April.\n")


def _outcomes(engine) -> tuple[dict[str, str], set[str]]:
    with engine.connect() as conn:
        rejected = dict(conn.execute(sa.text("SELECT source_uri, reason FROM rejections")).all())
        extracted = set(conn.execute(sa.text(
            "SELECT DISTINCT r.source_uri FROM raw_documents r JOIN articles a ON a.raw_document_id = r.id"))
            .scalars())
    return rejected, extracted


def test_odd_files_are_extracted_rejected_or_skipped_with_a_reason(clean_db, tmp_path):
    from flows.ingest import ingest

    (tmp_path / "plain.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path.joinpath(os.fsdecode(b"name-\xff\xfe.txt"))).write_text(PAGE.replace("Shamkir", "Gadabay"))
    (tmp_path / "utf16.txt").write_bytes(PAGE.replace("Shamkir", "Tovuz").encode("utf-16"))
    (tmp_path / "utf16-nobom.txt").write_bytes(PAGE.replace("Shamkir", "Qakh").encode("utf-16-le"))
    (tmp_path / "commented.txt").write_text(
        "<!-- saved by the crawler -->\n<html><body><article><h1>Dam inspection finished in Zaqatala</h1>"
        "<p>Engineers finished the inspection of the Zaqatala dam on Thursday, the water agency said.</p>"
        "<p>The report goes to parliament in April, officials added.</p></article></body></html>")
    (tmp_path / "ansi.txt").write_text(PAGE.replace("Engineers", "\x1b[1mEngineers\x1b[0m\x07")
                                       .replace("Shamkir", "Ismayilli"))
    (tmp_path / "cookies.txt").write_text("Accept all cookies\nManage preferences\nSubscribe\nLog in\n" * 3)
    (tmp_path / "readme.md").write_text("# notes\n")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inner.txt").write_text(PAGE.replace("Shamkir", "Balakan"))
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")

    summary = ingest(sources=[str(tmp_path)])

    rejected, extracted = _outcomes(clean_db)
    names = {os.path.basename(p) for p in extracted}
    assert names == {"plain.txt", "name-\\xff\\xfe.txt", "utf16.txt", "utf16-nobom.txt", "commented.txt",
                     "ansi.txt", "inner.txt"}
    assert {os.path.basename(k): v for k, v in rejected.items()} == {"cookies.txt": "no-article"}
    assert summary.skipped_reasons == {"dangling-link": 1, "directory": 1, "fifo": 1,
                                       "symlink-loop": 1, "unsupported-suffix": 1}
    assert summary.documents_seen == 8 and summary.rejected == 1 and summary.inputs_skipped == 5
    with clean_db.connect() as conn:
        run = conn.execute(sa.text("SELECT status, skipped, skipped_reasons, rejected FROM ingest_runs")).one()
        bodies = conn.execute(sa.text("SELECT body FROM articles")).scalars().all()
    assert run.status == "completed" and run.skipped == 5 and run.skipped_reasons == summary.skipped_reasons
    assert not any(("\x1b" in b or "\x07" in b or "<" in b) for b in bodies)
    before = counts(clean_db)
    again = ingest(sources=[str(tmp_path)])
    assert again.documents_new == 0 and again.articles_written == 0
    assert {k: v for k, v in counts(clean_db).items() if k != "ingest_runs"} == {
        k: v for k, v in before.items() if k != "ingest_runs"}


def test_too_large_documents_are_kept_and_rejected_and_huge_pages_load_in_parts(clean_db, tmp_path, monkeypatch):
    from flows.ingest import ingest
    from models.settings import get_settings

    monkeypatch.setenv("MEDIAMON_MAX_DOCUMENT_BYTES", "5000")
    monkeypatch.setenv("MEDIAMON_MAX_ARTICLES_PER_TRANSACTION", "7")
    get_settings.cache_clear()
    try:
        (tmp_path / "big.txt").write_text(PAGE * 40)
        items = "".join(f"<item><title>Council session {i} in Shaki</title><description>The council of Shaki met "
                        f"for session number {i} to discuss the water tariffs.</description></item>" for i in range(20))
        (tmp_path / "feed.xml").write_text(f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                                           f"{items}</channel></rss>")
        summary = ingest(sources=[str(tmp_path)])
    finally:
        get_settings.cache_clear()
    rejected, extracted = _outcomes(clean_db)
    assert {os.path.basename(k): v for k, v in rejected.items()} == {"big.txt": "too-large"}
    assert summary.rejected_reasons == {"too-large": 1}
    with clean_db.connect() as conn:
        raw = conn.execute(sa.text("SELECT source_uri, size_bytes FROM raw_documents ORDER BY 1")).all()
        items_loaded = conn.execute(sa.text("SELECT count(*) FROM articles")).scalar_one()
    assert [os.path.basename(r.source_uri) for r in raw] == ["big.txt", "feed.xml"]  # the raw bytes are kept
    assert items_loaded == 20


def test_a_killed_runs_row_is_marked_crashed_by_the_next_run(clean_db, tmp_path):
    from flows.ingest import ingest
    from models.tables import IngestRun

    dead = subprocess.Popen(["true"])
    dead.wait()
    runs = IngestRun.__table__
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    with clean_db.begin() as conn:
        conn.execute(runs.insert(), [
            {"status": "running", "parameters": {}, "host": os.uname().nodename, "pid": dead.pid,
             "heartbeat_at": None},
            {"status": "running", "parameters": {}, "host": "elsewhere", "pid": 1, "heartbeat_at": long_ago}])
    (tmp_path / "p.txt").write_text(PAGE)
    ingest(sources=[str(tmp_path)])
    with clean_db.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, status, error FROM ingest_runs ORDER BY id")).all()
    assert [r.status for r in rows] == ["crashed", "crashed", "completed"], rows
    assert all(r.error for r in rows[:2])
