"""Versions of a story: the same story (story_key = canonical URL, else URL; and item index) fetched
again with changed content is a new raw document, hence a new `articles` row: a new version.

Versions are numbered in fetch order (the earliest `document_sources.fetched_at` of the document,
else when it was received); the latest is `is_current`. A story without URL is a story of its own.
Re-extracting an old version never makes it current again: the order depends on fetch times only.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_RENUMBER = sa.text("""
WITH touched AS (
    SELECT DISTINCT story_key FROM articles WHERE raw_document_id = ANY(:raw_ids) AND story_key IS NOT NULL
), ordered AS (
    SELECT a.id, t.fetched,
           row_number() OVER (PARTITION BY a.story_key, a.item_index
                              ORDER BY t.fetched, a.raw_document_id) AS version,
           row_number() OVER (PARTITION BY a.story_key, a.item_index
                              ORDER BY t.fetched DESC, a.raw_document_id DESC) = 1 AS is_current
    FROM articles a
    JOIN raw_documents r ON r.id = a.raw_document_id
    CROSS JOIN LATERAL (SELECT coalesce((SELECT min(s.fetched_at) FROM document_sources s
                                         WHERE s.raw_document_id = a.raw_document_id), r.received_at) AS fetched) t
    WHERE a.story_key IN (SELECT story_key FROM touched)
)
UPDATE articles a SET version = o.version, is_current = o.is_current, fetched_at = o.fetched
FROM ordered o
WHERE a.id = o.id AND (a.version, a.is_current, a.fetched_at) IS DISTINCT FROM (o.version, o.is_current, o.fetched)
""")

_STANDALONE = sa.text("""
UPDATE articles a SET version = 1, is_current = true,
       fetched_at = coalesce((SELECT min(s.fetched_at) FROM document_sources s
                              WHERE s.raw_document_id = a.raw_document_id),
                             (SELECT r.received_at FROM raw_documents r WHERE r.id = a.raw_document_id))
WHERE a.raw_document_id = ANY(:raw_ids) AND a.story_key IS NULL
  AND (a.version <> 1 OR NOT a.is_current OR a.fetched_at IS NULL)
""")


def refresh_versions(conn: Connection, raw_ids: list[int]) -> None:
    """Renumber the versions of every story the given raw documents belong to (in the caller's transaction)."""
    if raw_ids:
        conn.execute(_RENUMBER, {"raw_ids": list(raw_ids)})
        conn.execute(_STANDALONE, {"raw_ids": list(raw_ids)})


def story_key(canonical_url: str | None, url: str | None) -> str | None:
    return canonical_url or url or None
