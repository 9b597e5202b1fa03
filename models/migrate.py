"""Apply the alembic migrations (what `mediamon db upgrade` and every run do first)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

# Any constant: serialises concurrent upgrades (two CLI runs starting at once).
MIGRATION_LOCK_ID = 7_201_339
VERSION_TABLE = text("SELECT to_regclass('alembic_version') IS NOT NULL")
CURRENT = text("SELECT version_num FROM alembic_version")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("models") / "migrations"))
    return config


@cache
def heads() -> frozenset[str]:
    """The head revisions of the migration scripts (read once a process)."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind `engine` to `revision`, in one transaction. A database already at the head
    is left as it is after one query (every run calls this: alembic's own check takes 40-110 ms)."""
    if revision == "head":
        with engine.connect() as conn:
            current = {row[0] for row in conn.execute(CURRENT)} if conn.execute(VERSION_TABLE).scalar() else set()
        if current and current == heads():
            return
    config = alembic_config()
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
