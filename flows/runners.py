"""Which Prefect task runner the ingest flow's extraction batches go to: Dask when configured.

MEDIAMON_DASK_ADDRESS (tcp://scheduler:8786): an existing Dask cluster, whose workers must have this
version of mediamon installed. MEDIAMON_DASK_LOCAL_WORKERS=N: a local cluster of N single-threaded
worker processes, started for the run and stopped after it. Neither: Prefect's default runner.
"""

from __future__ import annotations

from models.settings import Settings, get_settings


def dask_task_runner(settings: Settings):
    """A prefect-dask DaskTaskRunner for the settings, or None for Prefect's default runner."""
    if not settings.dask_address and settings.dask_local_workers <= 0:
        return None
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": settings.dask_local_workers, "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})


def batches_in_flight(settings: Settings) -> int:
    """How many extraction batches may be submitted before the oldest is loaded (memory: that many batches)."""
    if settings.dask_batches_in_flight > 0:
        return settings.dask_batches_in_flight
    if settings.dask_address:
        return 4
    return max(1, settings.dask_local_workers)


def configured_task_runner():
    """The ingest flow's task runner, read when the flow is defined (each CLI or deployment run is a process)."""
    return dask_task_runner(get_settings())
