"""Liveness of ingest runs: which process a `running` row belongs to, and the rows of dead runs.

A run killed with SIGKILL cannot close its own row. Each row names its host and pid and carries a
heartbeat; `mark_crashed_runs` (called when a run starts and by `mediamon status`) sets `crashed`
on a running row whose process is gone from this host, or whose heartbeat is older than the limit.
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from models.tables import IngestRun

RUNS = IngestRun.__table__


def this_process() -> dict:
    return {"host": socket.gethostname(), "pid": os.getpid()}


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, another user's
        return True
    return True


def mark_crashed_runs(conn: Connection, stale_seconds: int) -> list[int]:
    """Mark `crashed` every running row whose process is dead (same host) or whose heartbeat is stale."""
    me = this_process()
    running = conn.execute(sa.select(RUNS.c.id, RUNS.c.host, RUNS.c.pid).where(RUNS.c.status == "running")).all()
    dead = [r.id for r in running if r.host == me["host"] and r.pid and r.pid != me["pid"]
            and not process_alive(r.pid)]
    last_sign = sa.func.coalesce(RUNS.c.heartbeat_at, RUNS.c.started_at)
    stale = sa.and_(RUNS.c.status == "running", last_sign < sa.func.now() - timedelta(seconds=stale_seconds))
    crashed = conn.execute(
        RUNS.update().where(sa.or_(RUNS.c.id.in_(dead), stale)).values(
            status="crashed", finished_at=last_sign,
            error=sa.case((RUNS.c.id.in_(dead), "the run's process ended without closing the run (killed?)"),
                          else_=f"no heartbeat for more than {int(stale_seconds)} s"))
        .returning(RUNS.c.id)).scalars().all()
    return sorted(crashed)


def heartbeat(conn: Connection, run_id: int) -> None:
    conn.execute(RUNS.update().where(RUNS.c.id == run_id).values(heartbeat_at=sa.func.now()))
