"""Expected failures of `mediamon` are one clear line and a non-zero exit, found before Prefect starts."""

from __future__ import annotations

import time

import pytest

from tests.test_cli import run

PAGE = "A title\n\nSome body text long enough to be an article body for the test, about a bridge.\n"


@pytest.mark.parametrize(("url", "says"), [
    ("not a url", "not a database URL"),
    ("postgresql://me@localhost:port/db", "not a database URL"),
    ("mysql://me@localhost:3306/db", "not a PostgreSQL URL"),
    ("postgresql://nobody@127.0.0.1:1/none", "cannot reach the database"),
])
def test_a_bad_or_unreachable_database_url_is_one_line_at_once(tmp_path, url: str, says: str):
    (tmp_path / "p.txt").write_text(PAGE)
    started = time.monotonic()
    proc = run("ingest", str(tmp_path), MEDIAMON_DATABASE_URL=url)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "Traceback" not in proc.stderr, proc.stderr
    assert "prefect" not in proc.stderr.lower() and elapsed < 30  # Prefect never started


def test_a_directory_without_pages_is_an_error_that_names_what_was_skipped(tmp_path):
    (tmp_path / "readme.md").write_text("# notes\n")
    proc = run("ingest", str(tmp_path), MEDIAMON_DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert "no pages to ingest" in line and "unsupported-suffix 1" in line
