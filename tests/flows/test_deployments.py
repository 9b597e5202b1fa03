"""The deployments: prefect.yaml says what flows/deployments.py serves, and `mediamon serve` runs them
against a real `prefect server start` on 127.0.0.1 (its own PREFECT_HOME, stopped at the end)."""

from __future__ import annotations

import inspect
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
import yaml

from tests.conftest import REPO, SAMPLES

BIN = Path(sys.executable).parent


def _yaml_deployments() -> dict[str, dict]:
    return {d["name"]: d for d in yaml.safe_load((REPO / "prefect.yaml").read_text())["deployments"]}


def test_prefect_yaml_declares_what_mediamon_serve_serves():
    from flows.deployments import deployment_specs, load_flow
    from models.settings import Settings

    specs = {s.name: s for s in deployment_specs(Settings(_env_file=None))}
    declared = _yaml_deployments()
    assert set(declared) == set(specs)
    for name, spec in specs.items():
        d = declared[name]
        assert d["entrypoint"] == spec.entrypoint and (REPO / spec.entrypoint.split(":")[0]).is_file()
        assert d["parameters"] == spec.parameters, name
        (schedule,) = d["schedules"]
        assert (schedule["cron"], schedule["timezone"]) == (spec.schedule.cron, spec.schedule.timezone)
        assert d["concurrency_limit"] == {"limit": 1, "collision_strategy": "CANCEL_NEW"}
        assert d["work_pool"]["name"] == "mediamon"
        inspect.signature(load_flow(spec.entrypoint).fn).bind(**spec.parameters)  # the flow takes these


def test_every_n_minutes_and_the_time_zone_come_from_the_settings():
    from flows.deployments import deployment_specs
    from models.settings import Settings

    settings = Settings(_env_file=None, schedule_timezone="Asia/Baku", feeds_every_minutes=10,
                        inbox_cron="0 * * * *")
    specs = {s.name: s for s in deployment_specs(settings)}
    assert {s.schedule.timezone for s in specs.values()} == {"Asia/Baku"}
    assert specs["mediamon-inbox"].schedule.cron == "0 * * * *"
    if "mediamon-feeds" in specs:
        assert specs["mediamon-feeds"].schedule.cron == "*/10 * * * *"
    every = {s.name: s for s in deployment_specs(settings, every=120)}["mediamon-inbox"].schedule
    assert every.interval.total_seconds() == 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(what: str, check, timeout: float, procs: list[subprocess.Popen]):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in procs:
            assert p.poll() is None, f"{p.args[:3]} exited with {p.returncode} while waiting for {what}"
        try:
            result = check()
            if result:
                return result
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@pytest.fixture
def prefect_server(tmp_path):
    """`prefect server start` on a free 127.0.0.1 port with its own PREFECT_HOME; yields (api url, env)."""
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_API_URL=api,
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false")
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait("the Prefect server", lambda: httpx.get(f"{api}/health", timeout=5).status_code == 200, 180, [server])
        yield api, env
    finally:
        _stop(server)
        log.close()


def _run_deployment(api: str, deployment_id: str, procs: list) -> dict:
    for _ in range(5):  # a busy machine: the server's SQLite may answer "database is locked" once
        response = httpx.post(f"{api}/deployments/{deployment_id}/create_flow_run", json={}, timeout=30)
        if response.status_code == 201:
            break
        time.sleep(2)
    assert response.status_code == 201, response.text
    run = response.json()

    def finished():
        state = httpx.get(f"{api}/flow_runs/{run['id']}", timeout=10).json()["state"]
        return state if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

    state = _wait(f"flow run {run['id']}", finished, 300, procs)
    assert state["type"] == "COMPLETED", state
    return run


def test_mediamon_serve_runs_the_inbox_deployment_against_a_real_prefect_server(engine, prefect_server, tmp_path):
    api, env = prefect_server
    with engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE inbox_files, raw_documents, articles, quotes, article_speakers, speakers, "
                             "outlets, rejections, ingest_runs RESTART IDENTITY CASCADE"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pages = sorted(SAMPLES.glob("*.txt"))
    for page in pages:
        (inbox / page.name).write_bytes(page.read_bytes())
    env = {**env, "MEDIAMON_DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    env.pop("MEDIAMON_INBOX_ARCHIVE", None)
    log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen([str(BIN / "mediamon"), "serve", "--inbox", str(inbox), "--cron", "0 0 1 1 *",
                              "--timezone", "Asia/Baku"],
                             cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        def deployment():
            r = httpx.get(f"{api}/deployments/name/import-inbox/mediamon-inbox", timeout=10)
            return r.json() if r.status_code == 200 else None

        dep = _wait("the served deployment", deployment, 120, [serve])
        assert dep["schedules"][0]["schedule"]["timezone"] == "Asia/Baku"
        limit = dep.get("global_concurrency_limit") or {}
        assert dep.get("concurrency_limit") == 1 or limit.get("limit") == 1, dep
        assert (dep.get("concurrency_options") or {}).get("collision_strategy") == "CANCEL_NEW", dep

        first = _run_deployment(api, dep["id"], [serve])
        with engine.connect() as conn:
            runs = conn.execute(sa.text("SELECT documents_seen, documents_new, articles_written, status "
                                        "FROM ingest_runs ORDER BY id")).all()
            recorded = conn.execute(sa.text("SELECT count(*) FROM inbox_files")).scalar_one()
            sources = set(conn.execute(sa.text("SELECT source_uri FROM raw_documents")).scalars())
        assert runs == [(len(pages), len(pages), runs[0].articles_written, "completed")]
        assert runs[0].articles_written >= len(pages) and recorded == len(pages)
        assert sources == {str(inbox / p.name) for p in pages}
        assert first["deployment_id"] == dep["id"]

        _run_deployment(api, dep["id"], [serve])  # nothing new: not a single file is read again
        changed = inbox / pages[0].name
        changed.write_bytes(changed.read_bytes() + b"\nA correction was added to this story on Friday.\n")
        _run_deployment(api, dep["id"], [serve])  # changed in place: imported again
        with engine.connect() as conn:
            later = conn.execute(sa.text("SELECT documents_seen, documents_new FROM ingest_runs "
                                         "WHERE id > 1 ORDER BY id")).all()
        assert later == [(0, 0), (1, 1)]
    finally:
        _stop(serve)
        log.close()
