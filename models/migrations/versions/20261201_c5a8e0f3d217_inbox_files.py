"""inbox files: what the inbox import has already read (path, size, mtime)

Revision ID: c5a8e0f3d217
Revises: c4a9e1f37d20
Create Date: 2026-12-01 16:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.comments import apply_comments

revision: str = 'c5a8e0f3d217'
down_revision: str | None = 'c4a9e1f37d20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMMENTS = {
    "inbox_files": ("One file the inbox import has read: a file is read again only when its size or "
                    "modification time changes. Natural key: path.", {
        "path": "Absolute path of the file in the inbox. Natural key.",
        "size_bytes": "Its size when it was imported.",
        "mtime_ns": "Its modification time (nanoseconds since the epoch) when it was imported.",
        "imported_at": "When it was last imported.",
        "run_id": "The ingest run that imported it (ingest_runs.id).",
    }),
}


def upgrade() -> None:
    op.create_table(
        'inbox_files',
        sa.Column('path', sa.Text(), nullable=False),
        sa.Column('size_bytes', sa.BigInteger(), nullable=False),
        sa.Column('mtime_ns', sa.BigInteger(), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['run_id'], ['ingest_runs.id'], name=op.f('fk_inbox_files_run_id_ingest_runs'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('path', name=op.f('pk_inbox_files')),
    )
    apply_comments(COMMENTS)


def downgrade() -> None:
    op.drop_table('inbox_files')
