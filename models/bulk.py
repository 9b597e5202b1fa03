"""COPY for bulk loads: rows go to PostgreSQL with psycopg 3's `cursor.copy`, in the caller's transaction.

Rows whose natural key may already be stored go to a temporary staging table first (`staged`), from which
one set-based INSERT ... SELECT ... ON CONFLICT upserts them; rows that cannot conflict (the quotes and
speaker links of articles whose old ones were just deleted, new signatures) are copied straight in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from psycopg import sql
from psycopg.types.json import Jsonb
from sqlalchemy.engine import Connection


def _copy_query(table: str, columns: Sequence[str]) -> sql.Composed:
    return sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))


def copy_rows(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """COPY rows (tuples in `columns` order) into `table`; returns how many were sent."""
    count = 0
    with conn.connection.driver_connection.cursor() as cur, cur.copy(_copy_query(table, columns)) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def copy_text(conn: Connection, table: str, columns: Sequence[str], lines: Iterable[str]) -> None:
    """COPY rows already in COPY's text format (tab-separated, one per line): for rows of numbers,
    formatting them at once costs a fraction of `write_row` per row."""
    with conn.connection.driver_connection.cursor() as cur, cur.copy(_copy_query(table, columns)) as copy:
        copy.write("".join(lines))


def staged(conn: Connection, table: str, columns: Sequence[str]) -> str:
    """An empty temporary table with `table`'s `columns` (made once per connection, emptied at each commit);
    returns its name."""
    name = f"stage_{table}"
    conn.exec_driver_sql(
        sql.SQL("CREATE TEMPORARY TABLE IF NOT EXISTS {} ON COMMIT DELETE ROWS AS SELECT {} FROM {} WITH NO DATA")
        .format(sql.Identifier(name), sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table))
        .as_string(conn.connection.driver_connection))
    conn.exec_driver_sql(f'DELETE FROM "{name}"')  # rows an earlier load of this same transaction left
    return name


def jsonb(value: object) -> Jsonb | None:
    """A value for a jsonb column of a COPY row."""
    return None if value is None else Jsonb(value)
