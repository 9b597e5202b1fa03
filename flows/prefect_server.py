"""Prefect's temporary API server for a CLI run, which never outlives the run (MEDIAMON_PREFECT_SERVER=temporary,
or when the local server of flows/local_prefect.py cannot start).

Without PREFECT_API_URL, Prefect starts a temporary server in a child process and stops it at exit;
a run killed with SIGKILL never reaches exit, and the server was left running. `temporary_server()`
starts that same server up front and a watchdog process beside it, which stops the server as soon
as the run's process is gone (the watchdog exits with the server).

    python -m flows.prefect_server WATCHED_PID SERVER_PID   # the watchdog itself
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from flows.local_prefect import process_alive, terminate

POLL_SECONDS = 0.5
SERVER_MODULE = "prefect.server.api.server"
STARTUP_SECONDS = 90  # Prefect's default (20 s) is too short on a busy machine


def _is_prefect_server(pid: int) -> bool:
    """The pid is still the server we were told about (not a pid reused by something else)."""
    try:
        return SERVER_MODULE.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return process_alive(pid) and not Path("/proc").is_dir()


def watch(watched: int, server: int) -> None:
    """Wait until `watched` ends, then stop `server` (SIGTERM, SIGKILL after 5 s)."""
    while process_alive(server):
        if not process_alive(watched) or os.getppid() != watched:
            if _is_prefect_server(server):
                terminate(server, 5.0)
            return
        time.sleep(POLL_SECONDS)


def temporary_server() -> str | None:
    """Start Prefect's temporary server now (when no PREFECT_API_URL is set) with its watchdog; its API URL."""
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_SERVER_EPHEMERAL_ENABLED,
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    )

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return PREFECT_API_URL.value()
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the instance Prefect's client uses when no API URL is set
    server.start(timeout=max(STARTUP_SECONDS, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()))
    if server.server_process is not None:
        subprocess.Popen([sys.executable, "-m", "flows.prefect_server", str(os.getpid()),
                          str(server.server_process.pid)], stdin=subprocess.DEVNULL, start_new_session=True)
    return server.api_url


if __name__ == "__main__":  # pragma: no cover - run as the watchdog process
    watch(int(sys.argv[1]), int(sys.argv[2]))
