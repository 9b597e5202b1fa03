"""The warm local worker (flows/local_worker.py, flows/worker_main.py): which settings a worker serves, when
a command goes to it, and real `mediamon` commands through a real worker process against the scratch
PostgreSQL and Prefect's test server, with the fallback to the command's own process."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from flows.local_prefect import wait_gone
from flows.local_worker import (
    EXIT,
    HELLO,
    REPLY,
    SOCKET,
    WorkerUnavailable,
    code_stamp,
    fingerprint,
    handshake,
    live_record,
    locked,
    read_frame,
    run_in_worker,
    send_frame,
    setting,
    stop_worker,
    wanted,
    worker_home,
)
from tests.conftest import FIXTURES

MEDIAMON = str(Path(sys.executable).parent / "mediamon")
PAGES = sorted(FIXTURES.glob("*.txt"))[:3]
LAST_RUN = sa.text("SELECT pid, flow_run_id, status FROM ingest_runs ORDER BY id DESC LIMIT 1")
# What differs between two runs of the same command: timings, memory, ids, Prefect's run names and times.
VOLATILE = re.compile(r"\d+(\.\d+)? s\b|\d+ MB|run \d+|run_id=\d+|\d\d:\d\d:\d\d\.\d+|'[a-z]+-[a-z]+'|"
                      r"flow-run/[0-9a-f-]+|-[0-9a-f]{3}'|seconds=[\d.]+")


def _same(output: str) -> list[str]:
    """The output without what differs from run to run, nor what only a process's exit prints (Prefect's
    "EventsWorker - Still processing items" while it sends its last events)."""
    return [VOLATILE.sub("", line) for line in output.splitlines() if "Still processing items" not in line]


def test_the_fingerprint_follows_what_a_run_reads_its_settings_from(tmp_path):
    env = {"HOME": str(tmp_path), "MEDIAMON_BATCH_SIZE": "50", "TERM": "xterm"}
    base = fingerprint(env, str(tmp_path))
    assert fingerprint(env, str(tmp_path)) == base
    assert fingerprint({**env, "TERM": "dumb", "MEDIAMON_WORKER": "auto", "COLUMNS": "99"}, str(tmp_path)) == base
    assert fingerprint({**env, "MEDIAMON_BATCH_SIZE": "51"}, str(tmp_path)) != base
    assert fingerprint({**env, "PREFECT_API_URL": "http://127.0.0.1:1/api"}, str(tmp_path)) != base
    assert fingerprint({**env, "PGPASSWORD": "x"}, str(tmp_path)) != base
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert fingerprint(env, str(other)) != base
    (tmp_path / ".env").write_text("MEDIAMON_BATCH_SIZE=7\n")
    with_dotenv = fingerprint(env, str(tmp_path))
    assert with_dotenv != base
    (tmp_path / ".prefect").mkdir()
    (tmp_path / ".prefect" / "profiles.toml").write_text('active = "x"\n')
    assert fingerprint(env, str(tmp_path)) != with_dotenv


def test_the_code_stamp_changes_with_any_source_file(tmp_path):
    (tmp_path / "flows").mkdir()
    source = tmp_path / "flows" / "x.py"
    source.write_text("A = 1\n")
    before = code_stamp(tmp_path)
    assert code_stamp(tmp_path) == before
    source.write_text("A = 22\n")
    assert code_stamp(tmp_path) != before


@pytest.mark.parametrize(("argv", "env", "dotenv", "expected"), [
    (["ingest", "a.txt"], {}, "", True),
    (["reextract"], {}, "", True),
    (["backfill", "a", "--from", "2024-01-01", "--to", "2024-01-02"], {}, "", True),
    (["status"], {}, "", False),
    (["extract", "a.txt"], {}, "", False),
    (["--help"], {}, "", False),
    ([], {}, "", False),
    (["ingest", "a.txt", "--no-worker"], {}, "", False),
    (["ingest", "--", "--no-worker"], {}, "", True),  # a file named --no-worker
    (["ingest", "--help"], {}, "", False),
    (["ingest", "a.txt"], {"MEDIAMON_WORKER": "off"}, "", False),
    (["ingest", "a.txt"], {"mediamon_worker": "OFF"}, "", False),
    (["ingest", "a.txt"], {}, "MEDIAMON_WORKER=off\n", False),
    (["ingest", "a.txt"], {"MEDIAMON_WORKER": "auto"}, "MEDIAMON_WORKER=off\n", True),  # environment first
    (["ingest", "a.txt"], {"MEDIAMON_PREFECT_SERVER": "temporary"}, "", False),
    (["ingest", "a.txt"], {"MEDIAMON_PREFECT_SERVER": "temporary", "PREFECT_API_URL": "http://h/api"}, "", True),
])
def test_which_commands_go_to_a_worker(argv, env, dotenv, expected, tmp_path, monkeypatch):
    for key in [k for k in os.environ if k.upper() in ("MEDIAMON_WORKER", "MEDIAMON_PREFECT_SERVER",
                                                        "PREFECT_API_URL")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    if dotenv:
        (tmp_path / ".env").write_text(dotenv)
    assert wanted(argv) is expected


def test_the_client_reads_its_few_settings_from_dotenv_as_pydantic_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MEDIAMON_DATA_DIR", raising=False)
    (tmp_path / ".env").write_text("# comment\nexport MEDIAMON_DATA_DIR='/srv/mm'\nOTHER=1\n")
    assert setting("MEDIAMON_DATA_DIR") == "/srv/mm"
    monkeypatch.setenv("MEDIAMON_DATA_DIR", "/elsewhere")
    assert setting("MEDIAMON_DATA_DIR") == "/elsewhere"


# --- a real worker ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory, engine, prefect_harness):
    """A working directory with pages, and the environment of the commands run there: the scratch database,
    Prefect's test server, a data dir of its own (so the worker is this test's, never the user's)."""
    from prefect.settings import PREFECT_API_URL

    root = tmp_path_factory.mktemp("worker-site")
    for page in PAGES:
        shutil.copy(page, root / page.name)
    env = {k: v for k, v in os.environ.items() if k.upper() not in ("MEDIAMON_WORKER", "PREFECT_API_URL")}
    env.update(MEDIAMON_DATA_DIR=str(root / "data"), PREFECT_API_URL=PREFECT_API_URL.value(),
               MEDIAMON_DATABASE_URL=engine.url.render_as_string(hide_password=False))
    yield root, env
    home = _home(root, env)
    deadline = time.monotonic() + 120  # a worker a fallback started in the background may still be starting
    while locked(home) and time.monotonic() < deadline:
        stop_worker(home)
        time.sleep(0.5)


def _home(root: Path, env: dict) -> Path:
    return worker_home(Path(env["MEDIAMON_DATA_DIR"]), fingerprint(env, str(root)))


def _mediamon(root: Path, env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([MEDIAMON, *args], capture_output=True, text=True, env=env, cwd=root, timeout=timeout)


def _started_worker(root: Path, env: dict) -> int:
    proc = _mediamon(root, env, "prefect", "start")
    assert proc.returncode == 0, proc.stderr
    found = re.search(r"worker (?:started|already running): pid (\d+)", proc.stdout)
    assert found, proc.stdout + proc.stderr
    return int(found.group(1))


def _last_run(engine: sa.Engine):
    with engine.connect() as conn:
        return conn.execute(LAST_RUN).one()




def test_an_ingest_runs_in_the_worker_as_a_prefect_flow_run_with_the_commands_own_output(site, engine):
    root, env = site
    pid = _started_worker(root, env)
    assert _started_worker(root, env) == pid  # found again, not started twice
    names = [p.name for p in PAGES]  # relative to the command's working directory
    via_worker = _mediamon(root, env, "ingest", *names)
    assert via_worker.returncode == 0, via_worker.stderr
    row = _last_run(engine)
    assert row.pid == pid and row.status == "completed"
    from prefect.settings import PREFECT_API_URL

    run = httpx.get(f"{PREFECT_API_URL.value()}/flow_runs/{row.flow_run_id}", timeout=30).json()
    assert run["state"]["type"] == "COMPLETED"
    here = _mediamon(root, env, "ingest", *names, "--no-worker")
    assert here.returncode == 0, here.stderr
    assert _last_run(engine).pid not in (pid, None)
    again = _mediamon(root, env, "ingest", *names)
    assert _last_run(engine).pid == pid
    assert _same(again.stdout) == _same(here.stdout)
    assert _same(again.stderr) == _same(here.stderr)
    assert re.search(r"\d+ documents \(0 new, \d+ extracted before\)", again.stdout), again.stdout


@pytest.mark.parametrize("args", [["ingest", "missing.txt"], ["ingest", "--bogus", "x"], ["ingest"],
                                  ["backfill", "x", "--from", "2024-02-01", "--to", "2024-01-01"]])
def test_bad_input_is_reported_by_the_worker_exactly_as_in_the_commands_process(site, args):
    root, env = site
    _started_worker(root, env)
    via_worker = _mediamon(root, env, *args)
    here = _mediamon(root, {**env, "MEDIAMON_WORKER": "off"}, *args)
    assert via_worker.returncode == here.returncode != 0
    assert (via_worker.stdout, via_worker.stderr) == (here.stdout, here.stderr)


def test_a_worker_declines_other_settings_other_code_and_a_second_job(site):
    root, env = site
    pid = _started_worker(root, env)
    home = _home(root, env)
    hello = {**handshake(["ingest", PAGES[0].name]), "cwd": str(root), "fingerprint": fingerprint(env, str(root))}
    with pytest.raises(WorkerUnavailable, match="mismatch"):
        run_in_worker(home, {**hello, "fingerprint": "0" * 64})
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as first:  # a job running ...
        first.connect(str(home / SOCKET))
        send_frame(first, HELLO, json.dumps(hello).encode())
        kind, payload = read_frame(first)
        assert kind == REPLY and json.loads(payload)["ok"]
        with pytest.raises(WorkerUnavailable, match="busy"):  # ... and a second command at the same time
            run_in_worker(home, hello)
        while (frame := read_frame(first))[0] != EXIT:
            pass
        assert frame[1] == b"0"
    with pytest.raises(WorkerUnavailable, match="stale"):  # the code changed since it started: it retires
        run_in_worker(home, {**hello, "code": "0" * 64})
    assert wait_gone(pid, 30)
    assert live_record(home) is None


def test_without_a_live_worker_the_command_runs_in_its_own_process_and_starts_one(site, engine):
    root, env = site
    pid = _started_worker(root, env)
    os.kill(pid, signal.SIGKILL)
    assert wait_gone(pid, 30)
    proc = _mediamon(root, env, "ingest", PAGES[0].name)
    assert proc.returncode == 0, proc.stderr
    assert _last_run(engine).pid not in (pid, None)  # ran in the command's process
    deadline = time.monotonic() + 180
    while (record := live_record(_home(root, env))) is None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert record is not None and record.pid != pid  # started in the background for the next command
    deadline = time.monotonic() + 180
    while not (_home(root, env) / SOCKET).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    proc = _mediamon(root, env, "ingest", PAGES[0].name)
    assert proc.returncode == 0, proc.stderr
    assert _last_run(engine).pid == record.pid


def test_a_worker_that_dies_during_the_job_leaves_it_to_the_commands_process(site, engine):
    root, env = site
    pid = _started_worker(root, env)
    client = subprocess.Popen([MEDIAMON, "ingest", *[p.name for p in PAGES]], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env, cwd=root)
    seen = []
    for line in client.stderr:  # the worker's flow run has begun: the worker dies in the middle of it
        seen.append(line)
        if "Beginning flow run" in line:
            break
    os.kill(pid, signal.SIGKILL)
    out, err = client.communicate(timeout=600)
    err = "".join(seen) + err
    assert client.returncode == 0, err
    assert "stopped before the command ended; running it in this process" in err
    row = _last_run(engine)
    assert row.pid not in (pid, None) and row.status == "completed"
    assert re.search(r"run \d+: 3 documents", out), out


def test_a_short_run_goes_without_flow_run_heartbeats_unless_they_are_configured(monkeypatch):
    from prefect.settings import get_current_settings

    from flows.cli import without_heartbeats

    for key in ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY"):
        monkeypatch.delenv(key, raising=False)
    before = get_current_settings().flows.heartbeat_frequency
    with without_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency is None
    with without_heartbeats():  # the second time from the settings made the first
        assert get_current_settings().flows.heartbeat_frequency is None
    assert get_current_settings().flows.heartbeat_frequency == before
    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "60")
    with without_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency == before
