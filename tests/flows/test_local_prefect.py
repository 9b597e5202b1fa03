"""The local Prefect server CLI runs reuse (flows/local_prefect.py): real `prefect server start` processes
under a scratch home, started at once by two processes, found again, replaced when stale, stopped; and a
`mediamon ingest` whose flow run that server records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from flows.local_prefect import (
    RECORD,
    ServerRecord,
    ensure_server,
    healthy,
    is_server_process,
    live_record,
    read_record,
    server_home,
    stop,
    wait_gone,
)
from tests.conftest import SAMPLES

ENSURE = ("import sys; from pathlib import Path; from flows.local_prefect import ensure_server; "
          "r, started = ensure_server(Path(sys.argv[1])); print(r.pid, r.port, started)")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A data dir of its own (never the user's): its server is stopped at the end."""
    path = tmp_path_factory.mktemp("mediamon-data")
    yield path
    stop(server_home(path))


@pytest.fixture(scope="module")
def home(data_dir) -> Path:
    return server_home(data_dir)




def test_two_runs_starting_at_once_share_one_server_that_later_runs_reuse(home):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [subprocess.Popen([sys.executable, "-c", ENSURE, str(home)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    answers = [out.split() for out, _ in results]
    assert answers[0][:2] == answers[1][:2]  # one pid, one port
    assert sorted(a[2] for a in answers) == ["False", "True"]  # one of them started it, the other waited
    record = read_record(home)
    assert [str(record.pid), str(record.port)] == answers[0][:2]
    assert healthy(record.api_url) and is_server_process(record)
    assert not any(p.pid == record.pid for p in procs)  # the server is no child of the run that started it

    again, started = ensure_server(home)
    assert again == record and not started


def test_a_stale_record_is_replaced_without_touching_the_process_that_reuses_its_pid(home):
    old = read_record(home) or ensure_server(home)[0]
    assert stop(home) == old and wait_gone(old.pid, 20)
    assert live_record(home) is None and not healthy(old.api_url, timeout=1)
    assert stop(home) is None  # nothing left to stop

    bystander = subprocess.Popen(["sleep", "300"])  # the stale record's pid now names another program
    try:
        stale = ServerRecord(pid=bystander.pid, port=old.port, api_url=old.api_url,
                             prefect_version=old.prefect_version, python=old.python, started_at=old.started_at)
        (home / RECORD).write_text(json.dumps(stale.__dict__))
        assert live_record(home) is None
        record, started = ensure_server(home)
        assert started and record.pid != bystander.pid and healthy(record.api_url)
        assert bystander.poll() is None  # not killed: it is no Prefect server
    finally:
        bystander.kill()
        bystander.wait()


def test_a_cli_ingest_reports_its_flow_run_to_the_local_server(data_dir, home, engine):
    record = live_record(home) or ensure_server(home)[0]
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(MEDIAMON_DATA_DIR=str(data_dir), MEDIAMON_DATABASE_URL=engine.url.render_as_string(hide_password=False))
    mediamon = str(Path(sys.executable).parent / "mediamon")
    proc = subprocess.run([mediamon, "ingest", str(SAMPLES)], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert f"prefect: {record.ui_url} (reused the local server" in proc.stderr
    status = subprocess.run([mediamon, "status", "--runs", "1"], capture_output=True, text=True, env=env,
                            timeout=300)
    assert status.returncode == 0, status.stderr
    assert f"prefect: {record.ui_url} (local server)" in status.stdout
    shown = [w for line in status.stdout.splitlines() for w in line.split() if len(w) == 36 and w.count("-") == 4]
    assert len(shown) == 1, status.stdout  # the last run's Prefect flow-run id
    run = httpx.get(f"{record.api_url}/flow_runs/{shown[0]}", timeout=30).json()
    assert run["state"]["type"] == "COMPLETED" and run["name"]
    assert live_record(home) == record  # the run left the server running, for the next one
