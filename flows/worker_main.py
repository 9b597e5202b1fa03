"""The warm local worker process (flows/local_worker.py says what it is for and how clients find it).

    python -m flows.worker_main HOME

It takes HOME's lock (or exits: another worker has it), imports the flows and warms the extractors, the
database engine and the local Prefect server, listens on HOME/worker.sock and serves one job at a time in
its main thread: the job's argv goes through the same Typer app as in the CLI's own process, in the
client's working directory, with stdout and stderr sent to the client as they are written. Between jobs
the environment, the working directory and the Prefect settings the run entered are put back as they
were, so every job starts as a fresh CLI process would (flow runs on the Prefect API, logs, artifacts).
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import queue
import signal
import socket
import sys
import threading
import time
import traceback
from pathlib import Path

from flows.local_worker import (
    CANCEL,
    ERR,
    EXIT,
    HELLO,
    LOCK,
    MAX_SOCKET_PATH,
    OUT,
    PROTOCOL,
    RECORD,
    REPLY,
    SOCKET,
    WorkerRecord,
    code_stamp,
    fingerprint,
    read_frame,
    read_record,
    send_frame,
    write_record,
)


class _Channel(io.RawIOBase):
    """stdout or stderr of this process: to the current job's client, else to the worker's log."""

    def __init__(self, kind: bytes, fallback_fd: int) -> None:
        super().__init__()
        self.kind, self.fallback_fd = kind, fallback_fd

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, data) -> int:
        data = bytes(data)
        with _lock:
            conn = _current
            if conn is not None:
                with contextlib.suppress(OSError):  # the client is gone; the job is being interrupted
                    send_frame(conn, self.kind, data)
                return len(data)
        os.write(self.fallback_fd, data)
        return len(data)


_lock = threading.Lock()
_current: socket.socket | None = None  # the running job's connection
_running = False  # a job's command is running (SIGINT interrupts it; otherwise ignored)
_terminating = False  # SIGTERM came: the worker ends (a job it cut short gets no exit code: its client reruns it)


def _install_streams() -> None:
    """Our own sys.stdout/sys.stderr before anything (Prefect's console log handler) holds them."""
    for name, kind, fd in (("stdout", OUT, 1), ("stderr", ERR, 2)):
        stream = io.TextIOWrapper(_Channel(kind, os.dup(fd)), encoding="utf-8", errors="backslashreplace",
                                  line_buffering=True, write_through=True)
        setattr(sys, name, stream)


def _on_sigint(signum, frame) -> None:
    if _running:
        raise KeyboardInterrupt


def _on_sigterm(signum, frame) -> None:
    global _terminating
    _terminating = True
    raise SystemExit(128 + signum)


def warm_up() -> None:
    """Import what a run needs and run the one-time work of a first run (lazy extractor tables, the engine,
    the Prefect server), so the first job costs what later ones do. Failures are left to the jobs."""
    import flows.cli as cli

    cli.IN_WORKER = True
    import fastapi.encoders  # noqa: F401  (Prefect serialises flow parameters with it)
    import prefect.flow_engine  # noqa: F401
    import prefect.task_engine  # noqa: F401

    import flows.backfill  # noqa: F401
    import flows.ingest  # noqa: F401
    import flows.reextract  # noqa: F401
    import flows.sources  # noqa: F401
    import models.migrate  # noqa: F401
    from models.clusters import band_layout

    with contextlib.suppress(Exception):  # the extractors' lazy tables, datasketch + scipy (1-4 s of CPU), the
        import flows.extraction_warmup  # noqa: F401  (MinHash permutations: one invented page extracted, signed)

        band_layout()
    with contextlib.suppress(Exception):
        from models.db import check_database, get_engine

        check_database(get_engine())
    environ = dict(os.environ)
    with contextlib.suppress(Exception):  # the local Prefect server, and the settings that point to it
        from flows.local_prefect import ensure_server, server_home
        from models.settings import get_settings

        settings = get_settings()
        if settings.prefect_server == "local" and not os.environ.get("PREFECT_API_URL"):
            ensure_server(server_home(settings.data_dir))  # raises rather than fall back to a temporary one
            cli.use_prefect_api()
    os.environ.clear()
    os.environ.update(environ)
    cli.prefect_mode = None


class Worker:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.print_ = fingerprint()
        self.code = code_stamp()
        self.jobs: queue.Queue = queue.Queue()
        self.busy = threading.Lock()  # held by the acceptor from an accepted handshake to the job's end
        self.retire = False
        self.environ = dict(os.environ)
        self.cwd = os.getcwd()
        self.command = None  # the CLI's click command, built once (Typer builds it on every call: ~0.05-0.1 s)

    def accept_forever(self, server: socket.socket) -> None:
        while True:
            conn, _ = server.accept()
            try:
                conn.settimeout(5.0)
                kind, payload = read_frame(conn)
                hello = json.loads(payload) if kind == HELLO else {}
            except (OSError, EOFError, ValueError):
                conn.close()
                continue
            reason = None
            if hello.get("protocol") != PROTOCOL or hello.get("fingerprint") != self.print_:
                reason = "mismatch"
            elif hello.get("code") != self.code:
                reason, self.retire = "stale", True
            elif self.retire or not self.busy.acquire(blocking=False):
                reason = "busy"
            if reason is not None:
                with contextlib.suppress(OSError):
                    send_frame(conn, REPLY, json.dumps({"ok": False, "reason": reason}).encode())
                conn.close()
                if reason == "stale":
                    self.jobs.put(None)  # exit: a newer worker will take this home
                continue
            self.jobs.put((conn, hello))

    def serve(self, idle_seconds: float) -> None:
        while True:
            try:
                job = self.jobs.get(timeout=idle_seconds)
            except queue.Empty:
                print(f"{time.strftime('%H:%M:%S')} idle for {idle_seconds:.0f} s: exiting", flush=True)
                return
            except KeyboardInterrupt:
                continue
            if job is None:
                print(f"{time.strftime('%H:%M:%S')} the code changed: exiting", flush=True)
                return
            try:
                self.run_job(*job)
            except KeyboardInterrupt:  # a Ctrl-C that came as the job ended
                pass
            finally:
                self.busy.release()
            if self.retire:
                return

    def run_job(self, conn: socket.socket, hello: dict) -> None:
        global _current, _running
        import flows.cli as cli

        started = time.monotonic()
        try:
            send_frame(conn, REPLY, json.dumps({"ok": True, "pid": os.getpid()}).encode())
        except OSError:
            conn.close()
            return
        conn.settimeout(None)
        for stream, (encoding, errors) in ((sys.stdout, hello["stdout"]), (sys.stderr, hello["stderr"])):
            stream.flush()
            stream.reconfigure(encoding=encoding, errors=errors)
        with contextlib.suppress(OSError):  # this job's peak memory, not the worker's (Linux: VmHWM)
            Path("/proc/self/clear_refs").write_text("5")
        done = threading.Event()
        threading.Thread(target=self._watch_cancel, args=(conn, done), daemon=True).start()
        code = 1
        with _lock:
            _current, _running = conn, True
        try:
            os.chdir(hello["cwd"])
            code = _exit_code(lambda: self.command(args=hello["argv"], prog_name="mediamon"))
        finally:
            self.retire = self.retire or _terminating
            with _lock:
                _running = False
            done.set()
            sys.stdout.flush()
            sys.stderr.flush()
            with _lock:
                _current = None
            if not self.retire:
                with contextlib.suppress(OSError):
                    send_frame(conn, EXIT, str(code).encode())
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
            self._reset(cli)
            print(f"{time.strftime('%H:%M:%S')} {' '.join(hello['argv'])[:200]} (cwd {hello['cwd']}, client pid "
                  f"{hello.get('pid')}): exit {code}, {time.monotonic() - started:.2f} s", flush=True)

    def _reset(self, cli) -> None:
        """What a job changed in this process, put back: the environment (PREFECT_API_URL), the working
        directory. The Prefect settings a job entered for the local server stay entered (use_prefect_api
        checks the server again for every job, and knows its own settings from a PREFECT_API_URL set
        outside). A job on a temporary Prefect server ends the worker (that server lives as long as this
        process)."""
        if cli.prefect_mode == "temporary":
            self.retire = True
        cli.prefect_mode = None
        os.environ.clear()
        os.environ.update(self.environ)
        os.chdir(self.cwd)

    def _watch_cancel(self, conn: socket.socket, done: threading.Event) -> None:
        """Ctrl-C on the client (a CANCEL frame) or the client gone: interrupt the job as Ctrl-C would."""
        with contextlib.suppress(OSError, EOFError, ValueError):
            while not done.is_set():
                kind, _ = read_frame(conn)
                if kind == CANCEL:
                    break
        if not done.is_set():
            with _lock:
                if _running:
                    os.kill(os.getpid(), signal.SIGINT)


def _exit_code(run) -> int:
    """The exit code of a Typer app call, as the console script would exit with it (a traceback and 1 for an
    exception that escapes)."""
    try:
        run()
    except SystemExit as exc:
        if exc.code is None:
            return 0
        if isinstance(exc.code, int):
            return exc.code
        print(exc.code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception:
        traceback.print_exc()
        return 1
    return 0


def main(home: Path) -> None:
    _install_streams()
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = open(home / LOCK, "a+")  # noqa: SIM115 - held (and the flock with it) for the worker's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # another worker has this home
    worker = Worker(home)
    if home.name != worker.print_[:16]:
        print(f"this environment's fingerprint is {worker.print_[:16]}, not {home.name}: exiting", flush=True)
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    signal.signal(signal.SIGINT, _on_sigint)
    t0 = time.monotonic()
    from models.settings import get_settings

    idle = float(get_settings().worker_idle_seconds)
    warm_up()
    import typer.main

    import flows.cli

    worker.command = typer.main.get_command(flows.cli.app)
    path = home / SOCKET
    if len(os.fsencode(path)) >= MAX_SOCKET_PATH:
        print(f"the socket path {path} is too long for a UNIX socket: exiting", flush=True)
        return
    path.unlink(missing_ok=True)  # we hold the lock: a socket file left here is a dead worker's
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        server.bind(str(path))
    finally:
        os.umask(old)
    server.listen(16)
    write_record(home, WorkerRecord(pid=os.getpid(), fingerprint=worker.print_, code=worker.code,
                                    python=sys.executable, cwd=os.getcwd(), started_at=time.time()))
    print(f"{time.strftime('%H:%M:%S')} worker {os.getpid()} ready in {time.monotonic() - t0:.1f} s "
          f"(cwd {os.getcwd()}; exits after {idle:.0f} s idle)", flush=True)
    threading.Thread(target=worker.accept_forever, args=(server,), name="accept", daemon=True).start()
    try:
        worker.serve(idle)
    finally:
        record = read_record(home)
        if record is not None and record.pid == os.getpid():
            (home / RECORD).unlink(missing_ok=True)
            path.unlink(missing_ok=True)
        server.close()


if __name__ == "__main__":  # pragma: no cover - run as the worker process
    main(Path(sys.argv[1]))
