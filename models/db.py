"""The engine: any PostgreSQL from MEDIAMON_DATABASE_URL, or an embedded server (pgserver)."""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, make_url, text

from models.settings import get_settings
from models.tables import TABLE_NAMES


class DatabaseError(RuntimeError):
    """A database that cannot be reached or started: the CLI prints it as one line."""


def sqlalchemy_url(url: str) -> str:
    """Any postgres URL -> the psycopg 3 dialect SQLAlchemy needs."""
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)


def libpq_url(url: str) -> str:
    """A URL psql understands (no "+psycopg")."""
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


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
        # cleanup_mode=None: the server outlives this process and is reused by the next one.
        server = pgserver.get_server(data_dir, cleanup_mode=None)
    except Exception as exc:  # pgserver raises plain exceptions with the server log
        raise DatabaseError(f"could not start the embedded PostgreSQL in {data_dir}: {exc}") from exc
    ensure_database(server.get_uri(), database)
    return sqlalchemy_url(server.get_uri(database))


def ensure_database(admin_url: str, database: str) -> None:
    """Create `database` on the server behind `admin_url` if it does not exist."""
    engine = create_engine(sqlalchemy_url(admin_url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            query = text("SELECT 1 FROM pg_database WHERE datname = :d")
            exists = conn.execute(query, {"d": database}).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{database}"'))
    finally:
        engine.dispose()


def database_url() -> str:
    """The configured URL, or the embedded server's."""
    configured = get_settings().database_url
    return sqlalchemy_url(configured) if configured else embedded_url()


@lru_cache
def get_engine(url: str | None = None) -> Engine:
    """One engine per URL for the process."""
    return create_engine(url or database_url(), pool_pre_ping=True)


def describe(url: str | URL) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table, for `mediamon status` and the tests."""
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLE_NAMES}
