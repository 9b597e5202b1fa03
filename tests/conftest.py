"""Shared fixtures: a real PostgreSQL scratch database per session, Prefect's test harness once.

The server is MEDIAMON_TEST_DATABASE_URL when set (CI: the machine's PostgreSQL service), the embedded
one otherwise. The suite creates a database of its own on it and drops it at the end. Database tests
never skip: with MEDIAMON_REQUIRE_DB_TESTS=1 (CI) a run in which none of them passed fails.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# The `mediamon` commands the tests run stay in their own process (no warm worker started in the background);
# tests/flows/test_local_worker.py runs its own worker.
os.environ.setdefault("MEDIAMON_WORKER", "off")

import pytest
import sqlalchemy as sa

from models import db as db_module
from models.settings import get_settings
from models.tables import TABLE_NAMES

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = REPO / "tests" / "fixtures" / "pages"
SAMPLES = REPO / "samples"

_db_outcomes = {"passed": 0, "failed": 0, "skipped": 0}


def _scratch_url() -> tuple[str, str]:
    """Create a scratch database; return (its URL, an admin URL to drop it with)."""
    name = f"mediamon_test_{uuid.uuid4().hex[:10]}"
    server = get_settings().test_database_url
    if server:
        admin = db_module.sqlalchemy_url(server)
        db_module.ensure_database(admin, name)
        return sa.make_url(admin).set(database=name).render_as_string(hide_password=False), admin
    url = db_module.embedded_url(database=name)
    return url, sa.make_url(url).set(database="postgres").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url() -> str:
    url, admin = _scratch_url()
    previous = os.environ.get("MEDIAMON_DATABASE_URL")
    os.environ["MEDIAMON_DATABASE_URL"] = url
    get_settings.cache_clear()
    db_module.get_engine.cache_clear()
    yield url
    db_module.get_engine.cache_clear()
    if previous is None:
        os.environ.pop("MEDIAMON_DATABASE_URL", None)
    else:
        os.environ["MEDIAMON_DATABASE_URL"] = previous
    get_settings.cache_clear()
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def engine(database_url: str) -> sa.Engine:
    from models.migrate import upgrade

    engine = db_module.get_engine(database_url)
    upgrade(engine)
    return engine


@pytest.fixture
def clean_db(engine: sa.Engine) -> sa.Engine:
    """An empty schema for one test."""
    with engine.begin() as conn:
        conn.execute(sa.text(f"TRUNCATE {', '.join(TABLE_NAMES)} RESTART IDENTITY CASCADE"))
    return engine


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's temporary API server, started once per session (~12 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


counts = db_module.row_counts


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "engine" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "db" in report.keywords and (report.when == "call" or report.outcome != "passed"):
        _db_outcomes[report.outcome] += 1


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    server = get_settings().test_database_url
    where = db_module.describe(db_module.sqlalchemy_url(server)) if server else "the embedded PostgreSQL"
    terminalreporter.write_line(
        f"database tests: {_db_outcomes['passed']} passed, {_db_outcomes['failed']} failed, "
        f"{_db_outcomes['skipped']} skipped, against {where}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("MEDIAMON_REQUIRE_DB_TESTS") == "1" and (
            _db_outcomes["passed"] == 0 or _db_outcomes["skipped"] > 0):
        session.exitstatus = 1
        print("\nMEDIAMON_REQUIRE_DB_TESTS=1 but the database tests did not all run: failing the run")
