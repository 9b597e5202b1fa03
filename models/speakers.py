"""Speaker rows: one per real person or organisation, matched on a folded key, described per article.

`speakers.name_key` (extractors.speech.speakers.key: ascii-folded, lower case) is the natural key, so
"Selim Karaagacli" and "Selim Karaağaçlı" are one speaker; `canonical_name` keeps the letters of the
fullest spelling seen. Two people who share a surname have different keys and stay apart; a name is
merged into another speaker by alias only when it is a full name (or an organisation's) that is an
alias of exactly one speaker of the same kind. `article_speakers` holds what one article says of its
speaker (role, names used, primary, quote count); `speakers.role` (the role in the latest article,
by publication date, that gives one) and `speakers.aliases` (every name used but the canonical one)
are derived from those rows after each load, so re-extraction corrects them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from extractors.records import Article as ArticleRecord
from extractors.speech.aliases import display_name, identifying_aliases
from extractors.speech.speakers import ascii_fold, key
from models.tables import ArticleSpeaker, Speaker

SPEAKERS = Speaker.__table__
ARTICLE_SPEAKERS = ArticleSpeaker.__table__


@dataclass
class ArticleSpeakerRow:
    """One speaker as one article gives it."""

    name: str
    kind: str = "person"
    role: str | None = None
    names: list[str] = field(default_factory=list)  # the identifying names the article used, its own first
    quote_count: int = 0
    is_primary: bool = False

    @property
    def key(self) -> str:
        return key(self.name)


def speaker_rows(article: ArticleRecord) -> list[ArticleSpeakerRow]:
    """The speakers of one extracted article, with their quote counts."""
    counts: dict[str, int] = {}
    for q in article.quotes:
        if q.speaker:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    rows = {s.name: ArticleSpeakerRow(display_name(s.name), s.kind, s.role,
                                      [display_name(s.name), *identifying_aliases(s.name, s.kind, s.aliases)])
            for s in article.speakers}  # the extractor's aliases, held to the same rule whoever made them
    for name in counts:  # a quote's speaker is always a speaker of the article
        rows.setdefault(name, ArticleSpeakerRow(display_name(name), names=[display_name(name)]))
    for name, row in rows.items():
        row.quote_count = counts.get(name, 0)
        row.is_primary = name == article.primary_speaker
    return list(rows.values())


def _fuller(a: str, b: str) -> str:
    """Of two spellings with one key, the one with more letters beyond ascii (diacritics kept)."""
    return b if len(b.encode()) - len(b) > len(a.encode()) - len(a) else a


def _identifying(row: ArticleSpeakerRow) -> bool:
    """A name that may be matched to another speaker's alias: a full name or an organisation's."""
    return row.kind != "person" or len(row.name.split()) >= 2


def _by_alias(conn: Connection, rows: list[ArticleSpeakerRow], known: set[str]) -> dict[str, int]:
    """name_key -> id of the one existing speaker whose aliases hold that (full) name."""
    wanted = {r.key: r for r in rows if r.key not in known and _identifying(r)}
    if not wanted:
        return {}
    forms = sorted({f for r in wanted.values() for f in (r.name, ascii_fold(r.name))})
    found = conn.execute(sa.select(SPEAKERS.c.id, SPEAKERS.c.kind, SPEAKERS.c.aliases)
                         .where(SPEAKERS.c.aliases.overlap(sa.cast(forms, SPEAKERS.c.aliases.type)))).all()
    matches: dict[str, set[int]] = {}
    for id_, kind, aliases in found:
        for alias in aliases:
            row = wanted.get(key(alias))
            if row is not None and row.kind == kind:
                matches.setdefault(row.key, set()).add(id_)
    return {k: ids.pop() for k, ids in matches.items() if len(ids) == 1}


def upsert_speakers(conn: Connection, rows: Iterable[ArticleSpeakerRow]) -> dict[str, int]:
    """Speakers of the rows, created or matched; returns name_key -> speaker id."""
    rows = list(rows)
    if not rows:
        return {}
    keys = sorted({r.key for r in rows})
    existing = dict(conn.execute(sa.select(SPEAKERS.c.name_key, SPEAKERS.c.id)
                                 .where(SPEAKERS.c.name_key.in_(keys))).all())
    aliased = _by_alias(conn, rows, set(existing))  # these get no row of their own
    new: dict[str, dict] = {}
    for r in rows:
        if r.key in aliased:
            continue
        row = new.setdefault(r.key, {"name_key": r.key, "canonical_name": r.name, "kind": r.kind,
                                     "role": None, "aliases": []})
        row["canonical_name"], row["kind"] = _fuller(row["canonical_name"], r.name), r.kind
    ids = {**existing, **aliased}
    if new:
        stmt = insert(SPEAKERS)
        richer = (sa.func.octet_length(stmt.excluded.canonical_name) - sa.func.char_length(stmt.excluded.canonical_name)
                  > sa.func.octet_length(SPEAKERS.c.canonical_name) - sa.func.char_length(SPEAKERS.c.canonical_name))
        canonical = sa.case((richer, stmt.excluded.canonical_name), else_=SPEAKERS.c.canonical_name)
        stmt = stmt.on_conflict_do_update(
            index_elements=["name_key"], set_={"canonical_name": canonical, "kind": stmt.excluded.kind},
            where=sa.or_(richer, SPEAKERS.c.kind != stmt.excluded.kind),
        )
        conn.execute(stmt, list(new.values()))
        ids.update(conn.execute(sa.select(SPEAKERS.c.name_key, SPEAKERS.c.id)
                                .where(SPEAKERS.c.name_key.in_(list(new)))).all())
    return ids


def link_rows(article_id: int, rows: list[ArticleSpeakerRow], ids: dict[str, int]) -> list[dict]:
    """article_speakers rows of one article; two names of one speaker make one row."""
    links: dict[int, dict] = {}
    for r in rows:
        sid = ids[r.key]
        link = links.setdefault(sid, {"article_id": article_id, "speaker_id": sid, "is_primary": False,
                                      "quote_count": 0, "role": None, "aliases": []})
        link["is_primary"] = link["is_primary"] or r.is_primary
        link["quote_count"] += r.quote_count
        link["role"] = link["role"] or r.role
        link["aliases"] += [n for n in r.names if n not in link["aliases"]]
    return list(links.values())


def linked_speakers(conn: Connection, article_ids: list[int] | sa.Select) -> set[int]:
    """Speakers linked to these articles now (before their speech is rewritten or they go)."""
    found = conn.execute(sa.select(ARTICLE_SPEAKERS.c.speaker_id)
                         .where(ARTICLE_SPEAKERS.c.article_id.in_(article_ids)))
    return set(found.scalars())


REFRESH_SQL = sa.text("""
WITH derived AS (
  SELECT s.id,
         coalesce((SELECT array_agg(DISTINCT a ORDER BY a)
                   FROM article_speakers l, unnest(l.aliases) AS a
                   WHERE l.speaker_id = s.id AND a <> s.canonical_name), '{}') AS aliases,
         (SELECT l.role FROM article_speakers l JOIN articles ar ON ar.id = l.article_id
          WHERE l.speaker_id = s.id AND l.role IS NOT NULL
          ORDER BY ar.published_date DESC NULLS LAST, ar.published_at DESC NULLS LAST, ar.id DESC
          LIMIT 1) AS role
  FROM speakers s WHERE s.id = ANY(:ids)
)
UPDATE speakers s SET aliases = d.aliases, role = d.role
FROM derived d
WHERE s.id = d.id AND (s.aliases IS DISTINCT FROM d.aliases OR s.role IS DISTINCT FROM d.role)
""")

ORPHANS_SQL = sa.text("""
DELETE FROM speakers s WHERE s.id = ANY(:ids)
  AND NOT EXISTS (SELECT 1 FROM article_speakers l WHERE l.speaker_id = s.id)
  AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = s.id)
""")


def refresh_speakers(conn: Connection, speaker_ids: set[int]) -> None:
    """Derive role and aliases of these speakers again; drop the ones no article names any more."""
    if speaker_ids:
        ids = {"ids": sorted(speaker_ids)}
        conn.execute(REFRESH_SQL, ids)
        conn.execute(ORPHANS_SQL, ids)
