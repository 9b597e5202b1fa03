"""ingest_runs: liveness (host, pid, heartbeat) and skipped inputs

A run killed with SIGKILL cannot close its row; the next run (and `mediamon status`) marks a
`running` row whose process is gone, or whose heartbeat is stale, `crashed`. Inputs skipped
without being read (a dangling link, a FIFO, an unsupported suffix) are counted per reason.

Revision ID: 5c1e7a0d2b91
Revises: b7e4c2d91f05
Create Date: 2026-12-01 16:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '5c1e7a0d2b91'
down_revision: str | None = 'b7e4c2d91f05'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


COMMENTS = {
    "status": "running | completed | failed | crashed (its process ended without closing the run).",
    "host": "Host name of the machine whose process ran it.",
    "pid": "Process id of the run on that host (a dead pid marks a running row crashed).",
    "heartbeat_at": "Last sign of life (each batch); a running row silent for too long is crashed.",
    "skipped": "Inputs not read: dangling links, FIFOs, other suffixes, hidden files (see skipped_reasons).",
    "skipped_reasons": "JSON object: skip reason -> number of inputs.",
    "error": "One line: why the run failed or crashed; NULL otherwise.",
}


def _comment(column: str, text: str) -> None:
    # COMMENT takes no bind parameters: a standard SQL string literal, quotes doubled.
    op.get_bind().exec_driver_sql(f"COMMENT ON COLUMN ingest_runs.{column} IS '" + text.replace("'", "''") + "'")


def upgrade() -> None:
    op.add_column('ingest_runs', sa.Column('host', sa.Text(), nullable=True))
    op.add_column('ingest_runs', sa.Column('pid', sa.Integer(), nullable=True))
    op.add_column('ingest_runs', sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('ingest_runs', sa.Column('skipped', sa.Integer(), server_default='0', nullable=False))
    op.add_column('ingest_runs', sa.Column('skipped_reasons', postgresql.JSONB(astext_type=sa.Text()),
                                           server_default=sa.text("'{}'::jsonb"), nullable=False))
    op.add_column('ingest_runs', sa.Column('error', sa.Text(), nullable=True))
    op.create_index('ix_ingest_runs_status', 'ingest_runs', ['status'], unique=False)
    for column, text in COMMENTS.items():
        _comment(column, text)


def downgrade() -> None:
    op.drop_index('ix_ingest_runs_status', table_name='ingest_runs')
    for column in ('error', 'skipped_reasons', 'skipped', 'heartbeat_at', 'pid', 'host'):
        op.drop_column('ingest_runs', column)
