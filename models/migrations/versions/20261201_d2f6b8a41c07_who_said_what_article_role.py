"""who_said_what.speaker_role: the role the article gives the speaker; speaker_latest_role beside it

Revision ID: d2f6b8a41c07
Revises: c5a8e0f3d217
Create Date: 2026-12-01 20:00:00

Before, who_said_what.speaker_role was speakers.role, the latest role seen anywhere, so an old quote showed
the speaker's current title. Now it is article_speakers.role (the role this article gives them), falling back
to the latest role when the article gives none; the latest is kept as a new last column, speaker_latest_role.
CREATE OR REPLACE keeps the view's oid, so the views built on it and every column comment stay.
"""
import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.comments import comment_on

revision: str = "d2f6b8a41c07"
down_revision: str | None = "c5a8e0f3d217"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = """
SELECT q.id AS quote_id, q.ordinal, s.id AS speaker_id, s.canonical_name AS speaker, s.kind AS speaker_kind,
       {role} AS speaker_role, q.kind AS quote_kind, q.text AS quote, q.cue, q.mention,
       q.start_offset, q.end_offset, a.id AS article_id, a.title, o.name AS outlet, o.domain AS outlet_domain,
       coalesce(a.url, CASE WHEN r.source_uri ~* '^https?://' THEN r.source_uri END) AS url,
       a.published_at, a.published_date, a.published_offset,
       (a.published_at AT TIME ZONE a.published_offset) AS published_local,
       to_char(a.published_at AT TIME ZONE a.published_offset, 'YYYY-MM-DD HH24:MI')
         || ' (UTC' || CASE WHEN a.published_offset < interval '0' THEN '-' ELSE '+' END
         || to_char(make_interval(secs => abs(extract(epoch FROM a.published_offset))), 'HH24:MI') || ')'
         AS published_as_printed,
       a.language, r.source_uri,
       a.canonical_url, c.name AS carrier_outlet, a.cluster_id, a.version{extra}
FROM quotes q
JOIN articles a ON a.id = q.article_id AND a.is_current
JOIN raw_documents r ON r.id = a.raw_document_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN outlets c ON c.id = a.carrier_outlet_id{join}
"""

WHO_SAID_WHAT_VIEW = "CREATE OR REPLACE VIEW who_said_what AS" + _COLUMNS.format(
    role="coalesce(asp.role, s.role)::varchar", extra=",\n       s.role AS speaker_latest_role",
    join="\nLEFT JOIN article_speakers asp ON asp.article_id = q.article_id AND asp.speaker_id = q.speaker_id")
PREVIOUS_WHO_SAID_WHAT_VIEW = "CREATE VIEW who_said_what AS" + _COLUMNS.format(role="s.role", extra="", join="")


def upgrade() -> None:
    op.execute(WHO_SAID_WHAT_VIEW)
    comment_on("COLUMN", "who_said_what.speaker_role",
               "The speaker's role in this article (article_speakers.role), else their latest role.")
    comment_on("COLUMN", "who_said_what.speaker_latest_role", "The speaker's latest role seen (speakers.role).")


def _saved_comments(names: list[str]) -> list[tuple[str, str | None, str]]:
    """(view, column or None, comment) of these views, to put back once they are re-created."""
    rows = op.get_bind().execute(sa.text("""
        SELECT c.relname, a.attname, col_description(c.oid, a.attnum)
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
        WHERE c.relname = ANY(:names) AND c.relkind = 'v'
        UNION SELECT c.relname, NULL, obj_description(c.oid, 'pg_class') FROM pg_class c
        WHERE c.relname = ANY(:names) AND c.relkind = 'v'"""), {"names": names}).all()
    return [(r[0], r[1], r[2]) for r in rows if r[2]]


def downgrade() -> None:
    # CREATE OR REPLACE cannot drop a view's column: rebuild it and the two views that read it.
    live = importlib.import_module("models.migrations.versions.20261201_b7d41c2e9a10_live_sources")
    readers = ["who_said_what", "unique_quotes", "quote_outlets"]
    saved = _saved_comments(readers)
    for name in reversed(readers):
        op.execute(f"DROP VIEW {name}")
    for view in (PREVIOUS_WHO_SAID_WHAT_VIEW, live.UNIQUE_QUOTES_VIEW, live.QUOTE_OUTLETS_VIEW):
        op.execute(view)
    for relation, column, about in saved:
        if column == "speaker_latest_role":
            continue
        if column == "speaker_role":
            about = "speakers.role."
        comment_on("VIEW" if column is None else "COLUMN", relation if column is None else f"{relation}.{column}",
                   about)
