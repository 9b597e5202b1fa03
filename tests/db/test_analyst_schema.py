"""The schema as analysts see it: comments, docs/schema.md, its example queries, the read-only role."""

from __future__ import annotations

import re
import uuid

import psycopg
import pytest
import sqlalchemy as sa
from psycopg import errors

from tests.conftest import REPO, SAMPLES, SEEDS

SCHEMA_DOC = REPO / "docs" / "schema.md"
SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.S)
SECTION = re.compile(r"^### `(\w+)`", re.M)
MAY_BE_EMPTY = "-- may be empty"  # a query whose answer the seeds and samples need not contain

RELATIONS = """SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class') AS about
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p') ORDER BY 1"""
COLUMNS = """SELECT c.relname, a.attname, col_description(c.oid, a.attnum) AS about
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p') ORDER BY 1, a.attnum"""


@pytest.fixture(scope="module")
def loaded(engine, prefect_harness, tmp_path_factory) -> sa.Engine:
    """The seeds and samples ingested through the flow, plus two documents that must be rejected."""
    from flows.ingest import ingest
    from models.tables import TABLE_NAMES

    bad = tmp_path_factory.mktemp("bad")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 4)
    with engine.begin() as conn:
        conn.execute(sa.text(f"TRUNCATE {', '.join(TABLE_NAMES)} RESTART IDENTITY CASCADE"))
    sources = [str(p) for p in (SEEDS, SAMPLES) if p.exists()] + [str(bad)]
    summary = ingest(sources=sources)
    assert summary.articles_written > 0 and summary.rejected >= 2
    return engine


def _role_url(engine: sa.Engine, role: str) -> str:
    """A libpq URL for `role` on the test server (trust authentication, as in CI and the embedded server)."""
    url = engine.url.set(drivername="postgresql", username=role, password=None)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def analyst(engine, tmp_path) -> str:
    """A uniquely named read-only role, created through the CLI and dropped after the test."""
    from typer.testing import CliRunner

    from flows.cli import app
    from models.analyst import drop_analyst, role_exists

    name = f"analyst_test_{uuid.uuid4().hex[:8]}"
    password = tmp_path / "pw"
    password.write_text("not-a-real-password\n")
    result = CliRunner().invoke(app, ["db", "grant-analyst", name, "--password-file", str(password)])
    assert result.exit_code == 0, result.output
    assert f"created read-only role {name}" in result.output
    yield name
    if role_exists(engine, name):
        drop_analyst(engine, name)


def _doc_queries() -> list[str]:
    return SQL_BLOCK.findall(SCHEMA_DOC.read_text(encoding="utf-8"))


def test_every_table_view_and_column_has_a_comment(engine):
    with engine.connect() as conn:
        relations = conn.execute(sa.text(RELATIONS)).all()
        columns = conn.execute(sa.text(COLUMNS)).all()
    assert {"articles", "quotes", "who_said_what", "articles_per_outlet_day", "quotes_per_speaker_day"} <= {
        r.relname for r in relations}
    assert [r.relname for r in relations if not r.about] == []
    assert [f"{c.relname}.{c.attname}" for c in columns if not c.about] == []


def test_schema_doc_lists_every_table_view_and_column(engine):
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    heads = list(SECTION.finditer(text))
    sections = {m.group(1): text[m.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)]
                for i, m in enumerate(heads)}
    with engine.connect() as conn:
        columns = conn.execute(sa.text(COLUMNS)).all()
    missing = [f"{c.relname}.{c.attname}" for c in columns
               if c.relname not in sections or f"`{c.attname}`" not in sections[c.relname]]
    assert missing == []


def test_the_doc_has_ten_example_queries_and_each_runs_as_the_analyst(loaded, analyst):
    queries = _doc_queries()
    assert len(queries) >= 10
    with psycopg.connect(_role_url(loaded, analyst)) as conn:
        for query in queries:
            rows = conn.execute(query).fetchall()
            if MAY_BE_EMPTY not in query:
                assert rows, query


def test_the_printed_offset_is_kept_and_shown_as_printed(loaded):
    """Every article with a time keeps the offset its page printed; the view shows the local time."""
    printed = r"^\d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\)$"
    query = f"""SELECT count(*) FILTER (WHERE published_offset IS NULL), count(*),
                       count(*) FILTER (WHERE published_as_printed !~ '{printed}')
                FROM who_said_what WHERE published_at IS NOT NULL"""
    with loaded.connect() as conn:
        without_offset, with_time, malformed = conn.execute(sa.text(query)).one()
        # the local date as printed is the published_date, whatever the session's time zone
        mismatched = conn.execute(sa.text("SELECT count(*) FROM articles WHERE published_at IS NOT NULL "
                                          "AND (published_at AT TIME ZONE published_offset)::date "
                                          "<> published_date")).scalar_one()
    assert with_time > 0
    assert (without_offset, malformed, mismatched) == (0, 0, 0)


def test_full_text_search_finds_a_word_of_a_body_and_of_a_quote(loaded):
    with loaded.connect() as conn:
        article_id, body = conn.execute(sa.text(
            "SELECT id, body FROM articles WHERE length(body) > 200 ORDER BY id LIMIT 1")).one()
        word = max(re.findall(r"[A-Za-z]{7,}", body), key=len)
        found = conn.execute(sa.text("SELECT id FROM articles WHERE search_vector @@ plainto_tsquery('simple', :w)"),
                             {"w": word}).scalars().all()
        quote_id, quote = conn.execute(sa.text("SELECT id, text FROM quotes ORDER BY id LIMIT 1")).one()
        qword = max(re.findall(r"\w{4,}", quote), key=len)
        quotes = conn.execute(sa.text("SELECT id FROM quotes WHERE search_vector @@ plainto_tsquery('simple', :w)"),
                              {"w": qword}).scalars().all()
        conn.execute(sa.text("SET enable_seqscan = off"))  # a tiny table: make the planner show the index
        plans = ["\n".join(conn.execute(sa.text(
            f"EXPLAIN SELECT id FROM {t} WHERE search_vector @@ to_tsquery('simple', 'x')")).scalars())
            for t in ("articles", "quotes")]
    assert article_id in found and quote_id in quotes
    assert "ix_articles_search_vector" in plans[0] and "ix_quotes_search_vector" in plans[1]


def test_reporting_views_agree_with_the_tables(loaded):
    with loaded.connect() as conn:
        per_outlet = conn.execute(sa.text("SELECT sum(articles), sum(quotes) FROM articles_per_outlet_day")).one()
        tables = conn.execute(sa.text("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes)")).one()
        per_speaker = conn.execute(sa.text("SELECT sum(quotes) FROM quotes_per_speaker_day")).scalar_one()
        attributed = conn.execute(sa.text("SELECT count(*) FROM quotes WHERE speaker_id IS NOT NULL")).scalar_one()
        said = conn.execute(sa.text("SELECT count(*) FROM who_said_what")).scalar_one()
    assert tuple(per_outlet) == tuple(tables)
    assert per_speaker == attributed and said == tables[1]


WRITES = [
    "INSERT INTO outlets (domain, name, timezone) VALUES ('example.invalid', 'X', 'UTC')",
    "UPDATE articles SET title = 'changed'",
    "DELETE FROM quotes",
    "TRUNCATE rejections",
    "CREATE TABLE analyst_scratch (id int)",
    "ALTER TABLE articles ADD COLUMN analyst_note text",
    "DROP VIEW who_said_what",
    "CREATE VIEW analyst_view AS SELECT 1 AS one",
    "COMMENT ON TABLE articles IS 'mine'",
]


@pytest.mark.parametrize("statement", WRITES, ids=[w.split(" (")[0][:30] for w in WRITES])
def test_the_analyst_role_cannot_write_even_in_a_read_write_transaction(engine, analyst, statement):
    with psycopg.connect(_role_url(engine, analyst)) as conn:
        conn.execute("SET default_transaction_read_only = off")  # so the privileges are what stops it
        conn.commit()
        with pytest.raises((errors.InsufficientPrivilege, errors.ReadOnlySqlTransaction)) as caught:
            conn.execute(statement)
        assert isinstance(caught.value, errors.InsufficientPrivilege), caught.value


def test_the_analyst_reads_every_table_and_view_now_and_created_later(engine, analyst):
    from models.analyst import grant_analyst

    with engine.connect() as conn:
        relations = [r.relname for r in conn.execute(sa.text(RELATIONS))]
    with psycopg.connect(_role_url(engine, analyst)) as conn:
        for name in relations:
            conn.execute(f'SELECT * FROM "{name}" LIMIT 1').fetchall()
    later = f"later_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:  # as the owner, as a future migration would
        conn.execute(sa.text(f"CREATE TABLE {later} (id int)"))
    try:
        with psycopg.connect(_role_url(engine, analyst)) as conn:
            assert conn.execute(f"SELECT count(*) FROM {later}").fetchone() == (0,)
        assert grant_analyst(engine, analyst) is False  # re-running updates the existing role
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP TABLE {later}"))


def test_role_names_are_identifiers_not_sql(engine):
    """A name with quotes and a semicolon is a (strange) role name, never executed as SQL."""
    from models.analyst import drop_analyst, grant_analyst, role_exists

    name = f'odd"; DROP TABLE articles; --{uuid.uuid4().hex[:6]}'
    try:
        assert grant_analyst(engine, name) is True
        assert role_exists(engine, name)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT to_regclass('articles') IS NOT NULL")).scalar_one()
    finally:
        if role_exists(engine, name):
            drop_analyst(engine, name)


def test_grant_analyst_rejects_an_empty_password_file(engine, tmp_path):
    from typer.testing import CliRunner

    from flows.cli import app
    from models.analyst import role_exists

    empty = tmp_path / "empty"
    empty.write_text("\n")
    name = f"analyst_test_{uuid.uuid4().hex[:8]}"
    result = CliRunner().invoke(app, ["db", "grant-analyst", name, "--password-file", str(empty)])
    assert result.exit_code != 0 and "empty" in result.output
    assert not role_exists(engine, name)

