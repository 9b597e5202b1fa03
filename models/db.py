"""The engine: any PostgreSQL from MEDIAMON_DATABASE_URL, or an embedded server (pgserver)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import warnings
from functools import lru_cache
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import URL, Engine, create_engine, make_url, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from models.errors import DatabaseError
from models.settings import get_settings
from models.tables import TABLE_NAMES

__all__ = ["DatabaseError", "check_database", "database_url", "describe", "embedded_url", "ensure_database",
           "get_engine", "libpq_url", "one_line", "row_counts", "sqlalchemy_url"]


def sqlalchemy_url(url: str) -> str:
    """Any postgres URL -> the psycopg 3 dialect SQLAlchemy needs; a URL that is not one -> DatabaseError."""
    try:
        parsed = make_url(url)
        port = parsed.port  # a non-numeric port raises here
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"not a database URL: {_mask(url)!r} ({exc})") from None
    if parsed.get_backend_name() not in ("postgres", "postgresql"):
        raise DatabaseError(f"not a PostgreSQL URL: {describe(parsed)} (expected postgresql://user@host:port/db)")
    if port is not None and not 0 < port < 65536:
        raise DatabaseError(f"port out of range in the database URL: {describe(parsed)}")
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)


def _mask(url: str) -> str:
    """A string that failed to parse as a URL, with anything like a password hidden."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def one_line(exc: BaseException) -> str:
    """A database error as one line, without SQLAlchemy's statement, parameters and help link."""
    orig = getattr(exc, "orig", None) or exc
    lines = [line for line in str(orig).splitlines() if line.strip()]
    return (lines[0] if lines else type(orig).__name__).strip()


def libpq_url(url: str) -> str:
    """A URL psql understands (no "+psycopg")."""
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


def stop_orphaned_server(data_dir: Path, wait: float = 30.0) -> bool:
    """Stop the embedded server running in `data_dir` when its binaries are gone (the virtualenv that started
    it was deleted or rebuilt): it answers connections but cannot load any library ("$libdir/plpgsql"), so it
    must be started again from this installation. True when one was stopped (Linux: reads /proc)."""
    from flows.local_prefect import terminate, wait_gone

    try:
        pid = int((data_dir / "postmaster.pid").read_text().split()[0])
        exe = os.readlink(f"/proc/{pid}/exe")
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError, IndexError):
        return False
    if b"postgres" not in command or (not exe.endswith(" (deleted)") and Path(exe).exists()):
        return False  # not a PostgreSQL (a reused pid), or one whose binaries are still there
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGINT)  # PostgreSQL's fast shutdown: sessions ended, its pid file removed
    if not wait_gone(pid, wait):
        terminate(pid, 5.0)
    return True


def embedded_url(data_dir: Path | None = None, database: str | None = None) -> str:
    """Start (or reuse) the embedded PostgreSQL under `data_dir` and return a URL to `database`."""
    settings = get_settings()
    data_dir = Path(data_dir or settings.data_dir) / "pgdata"
    database = database or settings.embedded_database
    # platformdirs (used by pgserver) warns when XDG_RUNTIME_DIR is unset, as under cron or sudo.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    try:
        import pgserver
    except ImportError as exc:  # no wheel for this platform / Python
        raise DatabaseError(
            "no MEDIAMON_DATABASE_URL is set and the embedded PostgreSQL (pgserver) is not installed "
            "for this platform; set MEDIAMON_DATABASE_URL to a PostgreSQL server") from exc
    try:
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        stop_orphaned_server(data_dir)
        # cleanup_mode=None: the server outlives this process and is reused by the next one.
        server = pgserver.get_server(data_dir, cleanup_mode=None)
    except Exception as exc:  # pgserver raises plain exceptions with the server log
        raise DatabaseError(f"could not start the embedded PostgreSQL in {data_dir}: {exc}") from exc
    ensure_database(server.get_uri(), database)
    return sqlalchemy_url(server.get_uri(database))


def ensure_database(admin_url: str, database: str) -> None:
    """Create `database` on the server behind `admin_url` if it does not exist."""
    try:
        with psycopg.connect(libpq_url(admin_url), autocommit=True,
                             connect_timeout=get_settings().connect_timeout) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone():
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    except psycopg.errors.DuplicateDatabase:  # created by a concurrent process meanwhile
        pass
    except psycopg.OperationalError as exc:
        raise DatabaseError(f"cannot reach the database server: {one_line(exc)}") from None


def database_url() -> str:
    """The configured URL (checked: a malformed one is a one-line DatabaseError), or the embedded server's."""
    configured = get_settings().database_url
    return sqlalchemy_url(configured) if configured else embedded_url()


@lru_cache
def get_engine(url: str | None = None) -> Engine:
    """One engine per URL for the process."""
    return create_engine(url or database_url(), pool_pre_ping=True,
                         connect_args={"connect_timeout": get_settings().connect_timeout})


def check_database(engine: Engine) -> None:
    """Connect once: an unreachable database is a one-line DatabaseError now, before any flow starts."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot reach the database {describe(engine.url)}: {one_line(exc)}") from None


def describe(url: str | URL) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table, for `mediamon status` and the tests."""
    with engine.connect() as conn:
        with conn.connection.dbapi_connection.cursor() as cursor:
            counts = {}
            for table in TABLE_NAMES:
                cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
                counts[table] = cursor.fetchone()[0]
        return counts
