"""One `Settings` object, read from MEDIAMON_* environment variables (and a .env file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

from models.paths import default_data_dir

__all__ = ["Settings", "default_data_dir", "get_settings", "size_limits"]


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
    # The Prefect API of CLI runs when PREFECT_API_URL is not set: "local", a `prefect server start` under
    # data_dir/prefect started once in the background and reused (flows/local_prefect.py; `mediamon prefect
    # stop` stops it); "temporary", Prefect's temporary server, started and stopped by each run.
    prefect_server: Literal["local", "temporary"] = "local"
    # CLI flow runs (ingest, reextract, backfill) go to a warm local worker process that has the flows
    # imported and runs them as ordinary Prefect flow runs (flows/local_worker.py); "off": in the CLI's own
    # process, as `--no-worker` does for one command. The thin client reads this from the environment or
    # ./.env. A worker idle this long exits (the next run starts another).
    worker: Literal["auto", "off"] = "auto"
    worker_idle_seconds: int = 1800
    # Seconds to wait before each retry of a task that met a database error (a restart takes seconds
    # to a minute): MEDIAMON_RETRY_DELAYS='[1, 2, 5, 10, 20, 30]'. The number of retries is its length.
    retry_delays: list[float] = [1, 2, 5, 10, 20, 30]
    # Seconds to wait for a connection before the database counts as unreachable.
    connect_timeout: int = 5
    # Size limits per document (larger: the raw bytes are kept, with a `too-large` rejection).
    max_document_bytes: int = 20_000_000
    max_text_chars: int = 1_500_000
    max_items: int = 20_000
    # Articles per load transaction: a huge feed or digest is loaded in several bounded transactions.
    max_articles_per_transaction: int = 2_000
    # A `running` ingest_runs row whose heartbeat is older than this is a crashed run.
    stale_run_seconds: int = 900
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
    # Extraction batches submitted ahead of loading (0: one per local worker, 4 on a cluster).
    dask_batches_in_flight: int = 0
    # Without Dask: worker processes that extract batches of at least `extraction_pool_min_documents`
    # documents while the run loads (0: one per core; 1: extract in the run's own process).
    extraction_processes: int = 0
    extraction_pool_min_documents: int = 64

    # Fetching URLs, feeds and sitemaps (flows/fetch.py).
    fetch_user_agent: str = "mediamon/0.1 (media-monitoring ETL; +https://github.com/mediamon/mediamon)"
    fetch_connect_timeout: float = 10.0  # seconds to open a connection
    fetch_read_timeout: float = 20.0  # seconds of silence while reading
    fetch_total_timeout: float = 60.0  # seconds for one response, however it trickles
    fetch_max_bytes: int = 5_000_000  # a larger response is refused (too-large)
    fetch_max_redirects: int = 5
    fetch_retries: int = 3  # more attempts after a 429/5xx or a dropped connection
    fetch_backoff_seconds: float = 1.0  # first wait; doubled per retry (Retry-After wins when given)
    fetch_max_retry_after: float = 120.0  # a longer Retry-After is not waited for: the fetch fails
    fetch_per_domain: int = 2  # requests at once to one host
    fetch_concurrency: int = 8  # requests at once in all
    fetch_respect_robots: bool = True  # obey robots.txt (our user agent's rules)
    # Private, loopback, link-local, multicast and reserved addresses are refused (after DNS, after every
    # redirect) unless this is true, or the address is inside one of fetch_allow_networks (CIDRs).
    fetch_allow_private: bool = False
    fetch_allow_networks: list[str] = []
    fetch_sitemap_depth: int = 2  # sitemap index -> sitemap -> pages
    fetch_max_items: int = 1000  # pages taken from one feed or sitemap per run


@lru_cache
def get_settings() -> Settings:
    return Settings()


def size_limits():
    """The extraction size limits (extractors.documents.Limits) from the settings."""
    from extractors.documents import Limits

    settings = get_settings()
    return Limits(max_document_bytes=settings.max_document_bytes, max_text_chars=settings.max_text_chars,
                  max_items=settings.max_items)
