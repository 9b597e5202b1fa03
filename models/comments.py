"""COMMENT ON for migrations: every table, view and column carries one (tests/db/test_analyst_schema.py)."""

from __future__ import annotations

from alembic import op


def comment_on(kind: str, target: str, text: str) -> None:
    """COMMENT takes no bind parameters: the text goes in as a standard SQL literal, quotes doubled."""
    literal = "'" + text.replace("'", "''") + "'"
    op.get_bind().exec_driver_sql(f"COMMENT ON {kind} {target} IS {literal}")


def apply_comments(comments: dict[str, tuple[str, dict[str, str]]], views: frozenset[str] = frozenset()) -> None:
    """{table or view: (what one row is, {column: meaning})} -> COMMENT ON each."""
    for table, (about, columns) in comments.items():
        comment_on("VIEW" if table in views else "TABLE", table, about)
        for column, text in columns.items():
            comment_on("COLUMN", f"{table}.{column}", text)
