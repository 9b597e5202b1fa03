"""A local Prefect server for CLI runs: started once in the background and reused by every later run,
the way the embedded PostgreSQL is (models/db.py), so a run does not pay for a temporary server.

Its home (PREFECT_HOME: the server's SQLite database and its log) is `<data dir>/prefect/<prefect
version>` (a venv with another Prefect version gets a server of its own); `server.json` there records
its pid, port and API URL. `local_api_url()`:
  1. the record names a live `prefect server start` whose /api/health answers: reuse it;
  2. otherwise, holding an exclusive lock (flock on `server.lock`: the kernel releases it when the holder
     dies, so a killed run never leaves it taken), read the record again (a concurrent run may have just
     started one), stop a recorded server that does not answer, start `prefect server start` on a free
     127.0.0.1 port in a session of its own (through a launcher process that exits at once, so the server
     is no child of the run and outlives it), record it, and wait for /api/health.
Only PREFECT_API_URL unset uses it (flows/cli.py); `mediamon prefect status|stop` shows and stops it.
No Prefect import here: the CLI decides on the API URL before Prefect's settings are loaded.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

R = TypeVar("R")
RECORD = "server.json"
LOCK = "server.lock"
LOG = "server.log"
STARTUP_SECONDS = 180  # a first start creates the SQLite database (~25-50 s on a busy 2-core machine)
HEALTH_TIMEOUT = 3.0
STOP_SECONDS = 15
# Starts the server in its own session and exits, printing its pid: the server is reparented, not our child.
LAUNCHER = ("import subprocess, sys\n"
            "log = open(sys.argv[1], 'ab')\n"
            "p = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,"
            " start_new_session=True)\n"
            "print(p.pid)\n")


class LocalServerError(RuntimeError):
    """The local Prefect server could not be started (the message names its log)."""


@dataclass(frozen=True)
class ServerRecord:
    pid: int
    port: int
    api_url: str
    prefect_version: str
    python: str
    started_at: float

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")


def server_home(data_dir: Path | None = None) -> Path:
    """<data dir>/prefect/<prefect version>: one server per Prefect version."""
    if data_dir is None:
        from models.settings import get_settings

        data_dir = get_settings().data_dir
    return Path(data_dir) / "prefect" / version("prefect")


def read_json_record(path: Path, kind: type[R]) -> R | None:
    """The dataclass record a JSON file holds; None when it is absent, unreadable or of another shape."""
    try:
        return kind(**json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return None


def write_json_record(path: Path, record: object) -> None:
    """Write a dataclass record whole or not at all (a temporary file, then a rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(json.dumps(asdict(record)))
    tmp.replace(path)


def read_record(home: Path) -> ServerRecord | None:
    return read_json_record(home / RECORD, ServerRecord)


def _write_record(home: Path, record: ServerRecord) -> None:
    write_json_record(home / RECORD, record)


def process_alive(pid: int) -> bool:
    """The process exists and is no zombie (an orphan waits for init to reap it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def wait_gone(pid: int, seconds: float, step: float = 0.1) -> bool:
    """Wait up to `seconds` for the process to end; True when it has."""
    deadline = time.monotonic() + seconds
    while process_alive(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(step)
    return True


def terminate(pid: int, wait: float, kill: Callable[[int, int], None] = os.kill) -> None:
    """SIGTERM to the process (`os.killpg`: to its group), SIGKILL when it is still there after `wait` s."""
    for sig, seconds in ((signal.SIGTERM, wait), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(pid, sig)
        if wait_gone(pid, seconds):
            return


def is_server_process(record: ServerRecord) -> bool:
    """The recorded pid is still that `prefect server start` (not a pid reused by another program)."""
    try:
        args = Path(f"/proc/{record.pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return process_alive(record.pid) and not Path("/proc").is_dir()
    return b"prefect" in args and b"start" in args and str(record.port).encode() in args


def healthy(api_url: str, timeout: float = HEALTH_TIMEOUT) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError, ValueError):
        return False


def live_record(home: Path) -> ServerRecord | None:
    """The recorded server when it runs, answers and its interpreter still exists; else None."""
    record = read_record(home)
    if record is None or not Path(record.python).exists() or not is_server_process(record):
        return None
    return record if healthy(record.api_url) else None


@contextlib.contextmanager
def _locked(home: Path):
    home.mkdir(parents=True, exist_ok=True)
    with open(home / LOCK, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_HOME", "PREFECT_PROFILE")}
    env["PREFECT_HOME"] = str(home)
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    return env


def _log_tail(home: Path, lines: int = 5) -> str:
    try:
        return " | ".join((home / LOG).read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


def _start(home: Path, startup_seconds: float) -> ServerRecord:
    port = _free_port()
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    launched = subprocess.run([sys.executable, "-c", LAUNCHER, str(home / LOG), *command], env=_server_env(home),
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, check=True)
    record = ServerRecord(pid=int(launched.stdout.strip()), port=port, api_url=f"http://127.0.0.1:{port}/api",
                          prefect_version=version("prefect"), python=sys.executable, started_at=time.time())
    _write_record(home, record)
    deadline = time.monotonic() + startup_seconds
    while time.monotonic() < deadline:
        if healthy(record.api_url, timeout=1.0):
            return record
        if not process_alive(record.pid):
            raise LocalServerError(f"the local Prefect server exited at start (log {home / LOG}: {_log_tail(home)})")
        time.sleep(0.25)
    stop_server(record)
    raise LocalServerError(f"the local Prefect server did not answer within {startup_seconds:.0f} s "
                           f"(log {home / LOG}: {_log_tail(home)})")


def ensure_server(home: Path, startup_seconds: float = STARTUP_SECONDS) -> tuple[ServerRecord, bool]:
    """(the running server's record, whether this call started it); see the module docstring."""
    record = live_record(home)
    if record is not None:
        return record, False
    with _locked(home):
        record = live_record(home)
        if record is not None:
            return record, False
        stale = read_record(home)
        if stale is not None:
            stop_server(stale)
        return _start(home, startup_seconds), True


def stop_server(record: ServerRecord, wait: float = STOP_SECONDS) -> bool:
    """SIGTERM to the server's process group (SIGKILL after `wait` s); False when it was not running."""
    if not is_server_process(record):
        return False
    terminate(record.pid, wait, os.killpg)
    return True


def stop(home: Path) -> ServerRecord | None:
    """Stop the recorded server (under the lock, so no run starts one meanwhile); its record, or None."""
    with _locked(home):
        record = read_record(home)
        if record is None:
            return None
        stopped = stop_server(record)
        (home / RECORD).unlink(missing_ok=True)
        return record if stopped else None
