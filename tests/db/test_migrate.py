"""`upgrade` on a database already at the head: one query, alembic not run (every run calls it)."""

from __future__ import annotations

import sqlalchemy as sa

from models import migrate


def test_a_database_at_the_head_is_left_as_it_is_without_running_alembic(engine, monkeypatch):
    with engine.connect() as conn:
        assert {r[0] for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))} == migrate.heads()
    calls = []
    monkeypatch.setattr(migrate.command, "upgrade", lambda *args: calls.append(args))
    migrate.upgrade(engine)
    assert calls == []
    migrate.upgrade(engine, "head+0")  # any other target goes through alembic
    assert len(calls) == 1
