"""The scheduled deployments, served in one process by `mediamon serve` (prefect.yaml declares the same
ones for a work pool and `prefect worker start`; tests/flows/test_deployments.py keeps the two in step).

    mediamon-inbox      import-inbox: new or changed files of the inbox   cron MEDIAMON_INBOX_CRON
    mediamon-feeds      ingest: poll the feeds of the outlet registry      every MEDIAMON_FEEDS_EVERY_MINUTES
    mediamon-reextract  reextract: what an older extractor wrote           cron MEDIAMON_REEXTRACT_CRON

Cron schedules are read in MEDIAMON_SCHEDULE_TIMEZONE. Each deployment runs at most once at a time:
a run that comes due while the previous one still runs is cancelled (CANCEL_NEW), not queued, so a
long run never piles up a backlog.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from datetime import timedelta

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.schedules import Cron, Interval, Schedule

from models.settings import Settings

ONE_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)


@dataclass
class DeploymentSpec:
    name: str
    entrypoint: str  # module.py:flow, as in prefect.yaml
    parameters: dict
    schedule: Schedule
    description: str
    tags: list[str] = field(default_factory=lambda: ["mediamon"])


def feeds_supported() -> bool:
    """The ingest flow polls the registry's feeds (issue 9's `outlet_feeds` parameter) in this version."""
    from flows.ingest import ingest

    return "outlet_feeds" in inspect.signature(ingest.fn).parameters


def deployment_specs(settings: Settings, inbox: str | None = None, every: int | None = None,
                     cron: str | None = None) -> list[DeploymentSpec]:
    """The deployments for these settings; `every` (seconds) or `cron` override the inbox schedule."""
    tz = settings.schedule_timezone
    if every:
        inbox_schedule = Interval(timedelta(seconds=every), timezone=tz)
    else:
        inbox_schedule = Cron(cron or settings.inbox_cron, timezone=tz)
    archive = str(settings.inbox_archive) if settings.inbox_archive else None
    specs = [
        DeploymentSpec("mediamon-inbox", "flows/inbox.py:import_inbox",
                       {"inbox": str(inbox or settings.inbox), "archive_dir": archive,
                        "batch_size": settings.batch_size},
                       inbox_schedule, "Ingest the new and changed files of the inbox directory."),
        DeploymentSpec("mediamon-reextract", "flows/reextract.py:reextract",
                       {"older_than_current": True, "batch_size": settings.batch_size},
                       Cron(settings.reextract_cron, timezone=tz),
                       "Re-extract the stories an older extractor version wrote."),
    ]
    if feeds_supported():
        specs.insert(1, DeploymentSpec(
            "mediamon-feeds", "flows/ingest.py:ingest",
            {"sources": [], "outlet_feeds": [], "batch_size": settings.batch_size},
            Cron(f"*/{settings.feeds_every_minutes} * * * *", timezone=tz),
            "Poll the RSS/Atom feeds and sitemaps the outlet registry lists."))
    return specs


def load_flow(entrypoint: str):
    """`flows/inbox.py:import_inbox` -> the flow object (imported as a module of this package)."""
    import importlib

    path, name = entrypoint.split(":")
    return getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), name)


def runner_deployments(specs: list[DeploymentSpec]) -> list:
    return [load_flow(s.entrypoint).to_deployment(
        name=s.name, schedules=[s.schedule], parameters=s.parameters, concurrency_limit=ONE_AT_A_TIME,
        description=s.description, tags=s.tags) for s in specs]


def serve_all(specs: list[DeploymentSpec]) -> None:
    """Serve every deployment in this process (a single box); blocks until interrupted."""
    from prefect import serve

    serve(*runner_deployments(specs))
