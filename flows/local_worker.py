"""A warm local worker for CLI flow runs, and the thin client the `mediamon` command is.

A fresh Python process that imports Prefect, SQLAlchemy and the extractors spends 3-5 s before a flow
starts and ~1 s after it ends. The worker (flows/worker_main.py) is a process started once in the
background and reused, like the local Prefect server (flows/local_prefect.py): it has the flows
imported and runs each command it is sent (`ingest`, `reextract`, `backfill`) through the same Typer
app in its own process, so the flow runs are ordinary Prefect flow runs on the same API (UI, logs,
artifacts), one job at a time. `main()` is the console script: for those commands it sends the argv,
the working directory and the stream encodings over the worker's UNIX socket and writes back the
stdout and stderr bytes the command produced, then exits with its exit code. It imports no Prefect,
no SQLAlchemy, no pydantic: anything it cannot hand over runs in this process as before.

Matching. A worker serves one configuration: its home is `<data dir>/worker/<fingerprint>`, where the
fingerprint covers the interpreter, the working directory, the MEDIAMON_*, PREFECT_*, PG*, PYTHON*,
XDG_*, HOME, TZ and locale variables, and the `.env`, `prefect.toml`, `pyproject.toml` and Prefect
profiles files that settings are read from. A client with other settings finds no worker there. The
worker checks the fingerprint again, and the code stamp (size and mtime of every source file of
flows/, models/, extractors/, the interpreter's site-packages): a worker older than the code declines
(`stale`) and exits; a busy one declines (`busy`).

Lifecycle. The worker holds an exclusive flock on `worker.lock` for its life (one per home; the kernel
frees it when the worker dies), writes `worker.json` (pid, fingerprint, code stamp) once it listens on
`worker.sock` (mode 0600, in a 0700 directory), logs to `worker.log`, and exits after
MEDIAMON_WORKER_IDLE_SECONDS idle or on SIGTERM. `mediamon prefect start` starts it (and waits until
it answers), `stop` stops it, `status` shows it. A command that finds none runs in this process and
then starts one in the background for the next command.

Fallback. No worker, a declined handshake, or a worker that dies before the job's exit code arrives:
the command runs in this process (a job cut short is run again whole: every flow is idempotent).
`--no-worker`, MEDIAMON_WORKER=off, MEDIAMON_PREFECT_SERVER=temporary: always in this process.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

WORKER_COMMANDS = frozenset({"ingest", "reextract", "backfill"})
NO_WORKER = "--no-worker"
RECORD, LOCK, SOCKET, LOG = "worker.json", "worker.lock", "worker.sock", "worker.log"
PROTOCOL = 1
HANDSHAKE_SECONDS = 10.0
READY_SECONDS = 180.0  # a first start imports everything (~5-15 s on a busy 2-core machine)
STOP_SECONDS = 15.0
MAX_SOCKET_PATH = 104  # bytes of a UNIX socket's path (sun_path: 108 on Linux, 104 on macOS); longer: no worker
# Frames: one kind byte, a 4-byte big-endian length, the payload.
HELLO, REPLY, OUT, ERR, EXIT, CANCEL = b"h", b"r", b"o", b"e", b"x", b"c"
_HEADER = struct.Struct(">cI")
ENV_PREFIXES = ("MEDIAMON_", "PREFECT_", "PG", "PYTHON", "XDG_", "LC_")
ENV_NAMES = frozenset({"HOME", "TZ", "LANG", "LANGUAGE", "USER"})
# Settings of the worker mechanism itself, not of the runs: left out of the fingerprint.
ENV_IGNORED = frozenset({"MEDIAMON_WORKER", "MEDIAMON_WORKER_IDLE_SECONDS"})
CONFIG_FILES = (".env", "prefect.toml", "pyproject.toml")
CODE_DIRS = ("flows", "models", "extractors")
ROOT = Path(__file__).resolve().parent.parent
OFF = frozenset({"off", "0", "false", "no"})


class WorkerUnavailable(Exception):
    """No worker took the job (the reason: absent, busy, stale, mismatch, died)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class WorkerRecord:
    pid: int
    fingerprint: str
    code: str
    python: str
    cwd: str
    started_at: float


# --- settings the client reads without pydantic -------------------------------------------------------------


def _dotenv(path: Path = Path(".env")) -> dict[str, str]:
    """KEY=VALUE lines of a .env file (upper-cased keys), enough for the few settings the client needs."""
    values: dict[str, str] = {}
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return values
    for line in text.splitlines():
        key, sep, value = line.strip().removeprefix("export ").partition("=")
        if sep and key.strip() and not key.lstrip().startswith("#"):
            values[key.strip().upper()] = value.strip().strip("'\"")
    return values


def setting(name: str, default: str | None = None) -> str | None:
    """A MEDIAMON_* setting as pydantic-settings reads it: the environment (any case), then ./.env."""
    for key, value in os.environ.items():
        if key.upper() == name:
            return value
    return _dotenv().get(name, default)


def data_dir() -> Path:
    from models.paths import default_data_dir

    configured = setting("MEDIAMON_DATA_DIR")
    return Path(configured) if configured else default_data_dir()


def wanted(argv: list[str]) -> bool:
    """Whether this command line goes to a worker: a flow command, not opted out, a Prefect API a worker can
    keep (a temporary server per run cannot be)."""
    if not argv or argv[0] not in WORKER_COMMANDS:
        return False
    options = argv[:argv.index("--")] if "--" in argv else argv
    if NO_WORKER in options or "--help" in options:
        return False
    if (setting("MEDIAMON_WORKER") or "auto").lower() in OFF:
        return False
    return not ((setting("MEDIAMON_PREFECT_SERVER") or "local").lower() == "temporary"
                and "PREFECT_API_URL" not in os.environ)


def fingerprint(env: dict[str, str] | None = None, cwd: str | None = None) -> str:
    """What a run's settings are made of, hashed (see the module docstring)."""
    env = dict(os.environ if env is None else env)
    cwd = cwd or os.getcwd()
    chosen = {k: v for k, v in env.items() if (k.upper().startswith(ENV_PREFIXES) or k.upper() in ENV_NAMES)
              and k.upper() not in ENV_IGNORED}
    files = {name: _file_hash(Path(cwd, name)) for name in CONFIG_FILES}
    home = env.get("PREFECT_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".prefect")
    files["profiles"] = _file_hash(Path(env.get("PREFECT_PROFILES_PATH") or Path(home, "profiles.toml")))
    blob = json.dumps({"python": [sys.prefix, sys.version], "cwd": cwd, "env": sorted(chosen.items()), "files": files},
                      sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def code_stamp(root: Path = ROOT) -> str:
    """Size and mtime of every source file of the packages, and of the interpreter's site-packages (a package
    installed or upgraded changes it): a worker older than this is stale."""
    parts: list[str] = [sys.prefix, sys.version]
    for top in CODE_DIRS:
        for folder, dirs, files in os.walk(root / top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                with contextlib.suppress(OSError):
                    st = os.stat(os.path.join(folder, name))
                    parts.append(f"{os.path.relpath(os.path.join(folder, name), root)} {st.st_size} {st.st_mtime_ns}")
    for entry in sys.path:
        if entry.endswith("site-packages"):
            with contextlib.suppress(OSError):
                parts.append(f"{entry} {os.stat(entry).st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def worker_home(base: Path | None = None, print_: str | None = None) -> Path:
    return (base or data_dir()) / "worker" / (print_ or fingerprint())[:16]


# --- records and processes ----------------------------------------------------------------------------------


def read_record(home: Path) -> WorkerRecord | None:
    from flows.local_prefect import read_json_record

    return read_json_record(home / RECORD, WorkerRecord)


def write_record(home: Path, record: WorkerRecord) -> None:
    from flows.local_prefect import write_json_record

    write_json_record(home / RECORD, record)


def locked(home: Path) -> bool:
    """A worker holds this home's lock (it is running or starting)."""
    try:
        with open(home / LOCK, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False
    except OSError:
        return False


def _alive(pid: int) -> bool:
    from flows.local_prefect import process_alive

    return process_alive(pid)


def live_record(home: Path) -> WorkerRecord | None:
    """The worker of this home when its process runs and holds the lock; else None."""
    record = read_record(home)
    return record if record is not None and _alive(record.pid) and locked(home) else None


def all_homes(base: Path | None = None) -> list[Path]:
    root = (base or data_dir()) / "worker"
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def spawn(home: Path, env: dict[str, str] | None = None) -> bool:
    """Start a worker for this home in the background (a session of its own, no inherited stream, so a caller
    that captures our output never waits for it); False when one already holds the home."""
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    if locked(home):
        return False
    with open(home / LOG, "ab") as log:
        subprocess.Popen([sys.executable, "-m", "flows.worker_main", str(home)], stdin=subprocess.DEVNULL,
                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True, close_fds=True,
                         env=dict(os.environ if env is None else env), cwd=os.getcwd())
    return True


def ensure_worker(home: Path, wait: float = READY_SECONDS) -> tuple[WorkerRecord, bool]:
    """(the ready worker's record, whether this call started it); a stale one is stopped and replaced."""
    record = live_record(home)
    if record is not None and record.code != code_stamp():
        stop_worker(home)
        record = None
    if record is not None and _answers(home):
        return record, False
    started = spawn(home)
    t0 = time.monotonic()
    while time.monotonic() - t0 < wait:
        record = read_record(home)
        if record is not None and record.code == code_stamp() and _alive(record.pid) and _answers(home):
            return record, started
        if time.monotonic() - t0 > 5 and not locked(home):
            break  # it exited (its log says why)
        time.sleep(0.2)
    raise WorkerUnavailable("absent", f"the worker did not start (log {home / LOG}: {_log_tail(home)})")


def _answers(home: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(2.0)
            s.connect(str(home / SOCKET))
        return True
    except OSError:
        return False


def _log_tail(home: Path, lines: int = 5) -> str:
    try:
        return " | ".join((home / LOG).read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


def stop_worker(home: Path, wait: float = STOP_SECONDS) -> WorkerRecord | None:
    """SIGTERM to the worker (SIGKILL after `wait` s); its record, or None when none ran."""
    record = read_record(home)
    if record is None or not _alive(record.pid) or not locked(home):
        return None
    from flows.local_prefect import terminate

    terminate(record.pid, wait)
    return record


# --- the wire -----------------------------------------------------------------------------------------------


def send_frame(sock: socket.socket, kind: bytes, payload: bytes = b"") -> None:
    sock.sendall(_HEADER.pack(kind, len(payload)) + payload)


def _read_exactly(sock: socket.socket, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("connection closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_frame(sock: socket.socket) -> tuple[bytes, bytes]:
    kind, length = _HEADER.unpack(_read_exactly(sock, _HEADER.size))
    return kind, _read_exactly(sock, length) if length else b""


def handshake(argv: list[str], print_: str | None = None, code: str | None = None) -> dict:
    return {"protocol": PROTOCOL, "fingerprint": print_ or fingerprint(), "code": code or code_stamp(),
            "argv": argv, "cwd": os.getcwd(), "pid": os.getpid(),
            "stdout": _encoding(sys.stdout, "strict"), "stderr": _encoding(sys.stderr, "backslashreplace")}


def _encoding(stream, errors: str) -> list[str]:
    return [getattr(stream, "encoding", None) or "utf-8", getattr(stream, "errors", None) or errors]


def run_in_worker(home: Path, hello: dict, stdout=None, stderr=None) -> int:
    """Send the job, write its output back as it comes; its exit code. WorkerUnavailable when no worker takes
    it or the worker is gone before the exit code."""
    stdout = stdout or sys.stdout.buffer
    stderr = stderr or sys.stderr.buffer
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            sock.settimeout(HANDSHAKE_SECONDS)
            sock.connect(str(home / SOCKET))
            send_frame(sock, HELLO, json.dumps(hello).encode())
            kind, payload = read_frame(sock)
        except (OSError, EOFError) as exc:
            raise WorkerUnavailable("absent", str(exc)) from None
        reply = json.loads(payload) if kind == REPLY else {"ok": False, "reason": "protocol"}
        if not reply.get("ok"):
            raise WorkerUnavailable(reply.get("reason", "declined"))
        sock.settimeout(None)
        return _stream(sock, stdout, stderr)
    finally:
        sock.close()


def _stream(sock: socket.socket, stdout, stderr) -> int:
    interrupts = 0
    while True:
        try:
            try:
                kind, payload = read_frame(sock)
            except (OSError, EOFError):
                raise WorkerUnavailable("died", "the worker's connection closed before the exit code") from None
            if kind == EXIT:
                return int(payload or b"1")
            stream = stdout if kind == OUT else stderr
            stream.write(payload)
            stream.flush()
        except KeyboardInterrupt:  # Ctrl-C: the worker's run gets it as the in-process run would
            interrupts += 1
            if interrupts > 1:
                raise SystemExit(130) from None
            with contextlib.suppress(OSError):
                send_frame(sock, CANCEL)


# --- the console script -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None, run_here: Callable[[], int | None] | None = None) -> None:
    """`mediamon`: a flow command goes to the warm worker; anything else, or a command no worker takes, runs
    here (then, when no worker was there, one is started in the background for the next command)."""
    argv = sys.argv[1:] if argv is None else argv
    env = dict(os.environ)  # before the run sets PREFECT_API_URL: the worker must have the caller's settings
    start_one = False
    print_ = fingerprint() if wanted(argv) else None
    home = worker_home(print_=print_) if print_ else None
    if home is not None and len(os.fsencode(home / SOCKET)) < MAX_SOCKET_PATH:
        try:
            sys.exit(run_in_worker(home, handshake(argv, print_)))
        except WorkerUnavailable as exc:
            if exc.reason == "died":
                sys.stderr.write(f"warning: the worker ({home}) stopped before the command ended; "
                                 "running it in this process\n")
                sys.stderr.flush()
            start_one = exc.reason in ("absent", "stale", "died")
    try:
        code = (run_here or _run_here)()
    finally:
        if start_one:
            with contextlib.suppress(OSError):
                spawn(home, env)
    sys.exit(code)


def _run_here() -> int | None:
    from flows.cli import app

    return app()
