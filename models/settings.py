"""One `Settings` object, read from MEDIAMON_* environment variables (and a .env file)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """Where the embedded PostgreSQL keeps its data.

    pgserver, run as root, creates an OS user and opens permissions on the data dir's parents,
    so as root the data never goes under /root: it goes to /var/lib/mediamon instead.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/var/lib/mediamon")
    return Path(user_data_dir("mediamon", appauthor=False))


class Settings(BaseSettings):
    """Service configuration. Every field is `MEDIAMON_<FIELD>` in the environment."""

    model_config = SettingsConfigDict(env_prefix="MEDIAMON_", env_file=".env", extra="ignore")

    # Any PostgreSQL server (postgresql+psycopg://user:pw@host:5432/db). Unset: the embedded one.
    database_url: str | None = None
    # Tests only: a server on which the suite creates (and drops) a scratch database.
    test_database_url: str | None = None
    data_dir: Path = default_data_dir()
    embedded_database: str = "mediamon"
    batch_size: int = 200
    # Where `mediamon serve` looks for new pages on each scheduled run.
    inbox: Path = Path("inbox")
    # Set: imported inbox files are moved here. Unset: they stay, and are skipped while their
    # path, size and modification time are unchanged (table inbox_files).
    inbox_archive: Path | None = None
    # Schedules of the deployments (flows/deployments.py, prefect.yaml): cron in this IANA time zone.
    schedule_timezone: str = "UTC"
    inbox_cron: str = "*/5 * * * *"
    feeds_every_minutes: int = 15
    reextract_cron: str = "30 3 * * *"
    # Run the ingest flow's batches on Dask (prefect-dask): a scheduler address (tcp://host:8786),
    # or a number of workers for a local cluster on this machine. Neither: Prefect's default runner.
    dask_address: str | None = None
    dask_local_workers: int = 0


@lru_cache
def get_settings() -> Settings:
    return Settings()
