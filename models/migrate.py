"""Apply the alembic migrations (what `mediamon db upgrade` and every run do first)."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

# Any constant: serialises concurrent upgrades (two CLI runs starting at once).
MIGRATION_LOCK_ID = 7_201_339


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("models") / "migrations"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind `engine` to `revision`, in one transaction."""
    config = alembic_config()
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
