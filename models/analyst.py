"""A read-only PostgreSQL role for analysts: SELECT on every table and view, now and later, and nothing else.

Role names are identifiers from the command line: they go through psycopg.sql.Identifier, never
string formatting. Run it as the role that owns the schema (the one that runs the migrations), so the
default privileges cover the tables and views future migrations create.
"""

from __future__ import annotations

from psycopg import sql
from sqlalchemy import Engine


def _execute(engine: Engine, statements: list[sql.Composable]) -> None:
    """Run composed statements in one transaction on a raw psycopg connection."""
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:
            for statement in statements:
                cur.execute(statement)
        raw.commit()
    except BaseException:
        raw.rollback()
        raise
    finally:
        raw.close()


def _query_one(engine: Engine, query: str, params: tuple = ()) -> tuple | None:
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:
            cur.execute(query, params)
            return cur.fetchone()
    finally:
        raw.close()


def role_exists(engine: Engine, name: str) -> bool:
    return _query_one(engine, "SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)) is not None


# Before PostgreSQL 15 every role (PUBLIC) may create objects in schema public.
PUBLIC_MAY_CREATE = """SELECT 1 FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
                       WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE'"""


def grant_analyst(engine: Engine, name: str, password: str | None = None) -> bool:
    """Create (or update) the login role `name`, able to read every table and view and write nothing.

    Returns True when the role was created, False when it existed and was brought up to date.
    """
    role = sql.Identifier(name)
    created = not role_exists(engine, name)
    (database,) = _query_one(engine, "SELECT current_database()")
    attributes = sql.SQL("LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS")
    if password is not None:
        attributes = sql.SQL("{} PASSWORD {}").format(attributes, sql.Literal(password))
    statements: list[sql.Composable] = [
        sql.SQL("CREATE ROLE {} WITH {}" if created else "ALTER ROLE {} WITH {}").format(role, attributes),
        # Belt and braces: every transaction of the role is read-only unless it says otherwise.
        sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(role),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), role),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role),
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(role),
        sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(role),  # tables and views
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {}").format(role),
    ]
    if _query_one(engine, PUBLIC_MAY_CREATE):  # take that back, or the role could create tables
        statements.append(sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    _execute(engine, statements)
    return created


def drop_analyst(engine: Engine, name: str) -> None:
    """Remove the role and its privileges in this database (roles are per server: other databases too)."""
    role = sql.Identifier(name)
    _execute(engine, [sql.SQL("DROP OWNED BY {}").format(role), sql.SQL("DROP ROLE {}").format(role)])

