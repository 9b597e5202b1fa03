"""speakers: a folded matching key, identifying aliases only, roles and names per article

Schema: a GIN index on `speakers.aliases`; `speakers.name_key` (the canonical name folded to ascii, lower case) becomes the natural key;
`article_speakers.role` and `article_speakers.aliases` say what each article calls its speaker;
`speakers.role` (latest article's role) and `speakers.aliases` are derived from them by the loader.

Existing rows are fixed in place, with rules frozen here (not the extractor's, which will change):
- aliases that do not identify the speaker are dropped: article-local references ("the minister",
  "the ministry", "the statement", "The company"), bare surnames and titles with a surname
  ("Beridze", "President Aliyev": two people may share them), a ministry's name without its country;
  a person's alias is kept only as its run of two or more of the person's own name words;
- a canonical name that lost its diacritics takes them back from an alias with the same key
  ("Selim Karaagacli" -> "Selim Karaağaçlı"); rows with one key are merged;
- an acronym ("MES") is an organisation, merged into the organisation with those initials when that
  one is a speaker of every article the acronym speaks in;
- article_speakers.aliases: the speaker's names that occur in that article's text;
  article_speakers.role: the speaker's stored role, on the articles whose text has the role's words
  (else on its earliest-loaded article, where the old loader took it from).
Nothing that cannot be split is split (one row per canonical name before, one per key after). To get
every article's own role and names from the extractor, run afterwards:
    mediamon reextract          (every stored document; --since/--until bound it)
"""
import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'c4a9e1f37d20'
down_revision: str | None = 'b7d41c2e9a10'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FOLD = str.maketrans({"ı": "i", "İ": "I", "ə": "e", "Ə": "E", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                       "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                       "’": "'", "‘": "'", "ʼ": "'"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{1,7}$")
PARTICLES = {"al", "el", "de", "da", "del", "van", "von", "der", "bin", "ibn", "la", "le", "du", "di", "dos",
             "oglu", "ogly", "qizi", "gizi", "kizi", "kyzy"}
GENERIC = {"ministry", "department", "agency", "office", "committee", "council", "commission", "service",
           "embassy", "government", "administration", "company", "corporation", "port", "bank",
           "association", "federation", "confederation", "union", "organisation", "organization", "group",
           "forum", "watchdog", "operator", "authority", "airline", "airport", "railway", "plant", "factory",
           "fund", "centre", "center", "institute", "foundation", "statement", "communique", "report",
           "press", "release", "spokesperson", "spokesman", "spokeswoman", "official", "officials", "side",
           "party", "minister", "foreign", "defence", "defense", "energy", "national", "state", "of", "the",
           "and", "s"}
DOCUMENTS = {"statement", "communique", "report", "release", "letter", "note", "declaration", "decree"}
SKIP_INITIAL = {"of", "the", "and", "for", "on", "in", "to", "&"}


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("-", " ")
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]+", "", s)).strip()


def _marks(s: str) -> int:
    return sum(1 for c in s if ord(c) > 127)


def _ministry_country(name: str) -> str | None:
    """"Ministry of Energy of Azerbaijan" -> "azerbaijan" (the loader's form of a country's ministry)."""
    parts = name.split(" of ")
    return _key(parts[-1]) if name.startswith("Ministry ") and len(parts) >= 3 else None


def _person_alias(tokens: set[str], alias: str) -> str | None:
    words = alias.split()
    run: list[str] = []
    for w in reversed(words):  # the longest tail of the person's own name words
        if not w or not set(_key(w).split()) <= tokens or not _key(w):
            break
        run.insert(0, w)
    if len([w for w in run if _key(w) not in PARTICLES]) < 2:
        return None
    return " ".join(run)


def _org_alias(name: str, alias: str) -> str | None:
    alias = re.sub(r"^the\s+", "", alias, flags=re.I).strip()
    words = _key(alias).split()
    if not words or all(w in GENERIC for w in words) or words[0] in DOCUMENTS:
        return None
    country = _ministry_country(name)
    if country and not any(w.startswith(country[:5]) for w in words):
        return None
    return alias


def _initials(name: str) -> str:
    country = _ministry_country(name)
    words = name.rsplit(" of ", 1)[0].split() if country else name.split()
    return "".join(w[0].upper() for w in words if w.lower() not in SKIP_INITIAL and w[:1].isalpha())


def _clean(row: dict) -> None:
    """Kind, canonical spelling and aliases of one speaker row, in place."""
    row["name"] = row["name"].translate(_APOSTROPHES)  # "Georgia’s" as the loader writes it now: "Georgia's"
    row["aliases"] = [a.translate(_APOSTROPHES) for a in row["aliases"]]
    if ACRONYM_RE.match(row["name"]):
        row["kind"] = "organisation"
    same = [a for a in row["aliases"] if _key(a) == _key(row["name"]) and _marks(a) > _marks(row["name"])]
    if same:
        old = row["name"]
        row["name"] = max(same, key=_marks)
        row["aliases"] = [*row["aliases"], old]
    tokens = set(_key(row["name"]).split())
    kept: list[str] = []
    for a in row["aliases"]:
        alias = _person_alias(tokens, a) if row["kind"] == "person" else _org_alias(row["name"], a)
        if alias and alias != row["name"] and alias not in kept:
            kept.append(alias)
    row["aliases"] = sorted(kept)


def _merge(conn, src: int, dst: int) -> None:
    """Speaker `src` is `dst`: its quotes and article links move, then it goes."""
    conn.execute(sa.text("UPDATE quotes SET speaker_id = :dst WHERE speaker_id = :src"), {"src": src, "dst": dst})
    conn.execute(sa.text("""
        INSERT INTO article_speakers (article_id, speaker_id, is_primary, quote_count)
        SELECT article_id, :dst, is_primary, quote_count FROM article_speakers WHERE speaker_id = :src
        ON CONFLICT (article_id, speaker_id) DO UPDATE
        SET is_primary = article_speakers.is_primary OR excluded.is_primary,
            quote_count = article_speakers.quote_count + excluded.quote_count"""), {"src": src, "dst": dst})
    conn.execute(sa.text("DELETE FROM article_speakers WHERE speaker_id = :src"), {"src": src})
    conn.execute(sa.text("DELETE FROM speakers WHERE id = :src"), {"src": src})


def _fix_speakers(conn) -> None:
    rows = {r.id: {"name": r.canonical_name, "kind": r.kind, "aliases": list(r.aliases)} for r in conn.execute(
        sa.text("SELECT id, canonical_name, kind, aliases FROM speakers ORDER BY id"))}
    for row in rows.values():
        _clean(row)
    links: dict[int, set[int]] = {}
    for sid, aid in conn.execute(sa.text("SELECT speaker_id, article_id FROM article_speakers")):
        links.setdefault(sid, set()).add(aid)
    merges: dict[int, int] = {}
    for sid, row in rows.items():  # "MES" speaks where the Ministry of Emergency Situations does
        if not ACRONYM_RE.match(row["name"]) or not links.get(sid):
            continue
        orgs = [o for o, r in rows.items() if o != sid and r["kind"] == "organisation"
                and _initials(r["name"]) == row["name"] and links[sid] <= links.get(o, set())]
        if len(orgs) == 1:
            merges[sid] = orgs[0]
    by_key: dict[str, int] = {}
    for sid, row in rows.items():  # one row per key: the first, with the fullest spelling
        if sid in merges:
            continue
        first = by_key.setdefault(_key(row["name"]), sid)
        if first != sid:
            merges[sid] = first
            if _marks(row["name"]) > _marks(rows[first]["name"]):
                rows[first]["name"] = row["name"]
    for src, dst in merges.items():
        rows[dst]["aliases"] = sorted(set(rows[dst]["aliases"]) | set(rows[src]["aliases"]) | {rows[src]["name"]}
                                      - {rows[dst]["name"]})
        _clean(rows[dst])
        _merge(conn, src, dst)
    fixed = [{"id": sid, "key": _key(r["name"]), "name": r["name"], "kind": r["kind"], "aliases": r["aliases"]}
             for sid, r in rows.items() if sid not in merges]
    if fixed:  # a free name for every row first, so that no canonical_name is briefly held twice
        conn.execute(sa.text("UPDATE speakers SET canonical_name = '#' || id"))
        conn.execute(sa.text("UPDATE speakers SET name_key = :key, canonical_name = :name, kind = :kind, "
                             "aliases = :aliases WHERE id = :id"), fixed)


ARTICLE_NAMES_SQL = """
UPDATE article_speakers l
SET aliases = ARRAY(SELECT n FROM unnest(ARRAY[s.canonical_name::text] || s.aliases) AS n
                    WHERE strpos(concat_ws(' ', ar.title, ar.subtitle, ar.body), n) > 0)
FROM speakers s, articles ar
WHERE s.id = l.speaker_id AND ar.id = l.article_id
"""
SPEAKER_ALIASES_SQL = """
UPDATE speakers s
SET aliases = coalesce((SELECT array_agg(DISTINCT a ORDER BY a) FROM article_speakers l, unnest(l.aliases) AS a
                        WHERE l.speaker_id = s.id AND a <> s.canonical_name), '{}')
"""


def _article_roles(conn) -> None:
    """The stored role onto the articles whose text holds its words, else the earliest-loaded one."""
    found = conn.execute(sa.text("""
        SELECT l.speaker_id, l.article_id, s.role, concat_ws(' ', ar.title, ar.subtitle, ar.body) AS text
        FROM article_speakers l JOIN speakers s ON s.id = l.speaker_id JOIN articles ar ON ar.id = l.article_id
        WHERE s.role IS NOT NULL ORDER BY l.speaker_id, l.article_id""")).all()
    chosen: dict[int, list[int]] = {}
    first: dict[int, int] = {}
    for sid, aid, role, text in found:
        first.setdefault(sid, aid)
        words = [w for w in _key(role).split() if w not in SKIP_INITIAL]
        text_words = set(_key(text).split())
        if words and all(w in text_words for w in words):
            chosen.setdefault(sid, []).append(aid)
    params = [{"sid": sid, "aid": aid} for sid, aid0 in first.items() for aid in chosen.get(sid, [aid0])]
    if params:
        conn.execute(sa.text("UPDATE article_speakers l SET role = s.role FROM speakers s "
                             "WHERE s.id = l.speaker_id AND l.speaker_id = :sid AND l.article_id = :aid"), params)


# What analysts read in psql (\\d+); keep docs/schema.md in step with these.
COMMENTS = {
    "TABLE speakers": "One real person or organisation that speaks or is quoted. Natural key: name_key. "
                      "role and aliases are derived from the speaker's article_speakers rows.",
    "COLUMN speakers.name_key": "The name folded to ascii, lower case, letters and digits (selim karaagacli): "
                                "the matching key. Natural key (unique).",
    "COLUMN speakers.canonical_name": "The name with its letters (Selim Karaağaçlı): the fullest spelling seen. "
                                      "Unique.",
    "COLUMN speakers.role": "The role in the latest article (by publication date) that gives one; NULL if none.",
    "COLUMN speakers.aliases": "Other names that identify the speaker, as articles wrote them: spellings, full "
                               "names, an organisation's proper names. Never a bare surname, a role noun or an "
                               "anaphor such as the minister or the company.",
    "TABLE article_speakers": "One speaker of one article, as that article gives it. Key: (article_id, speaker_id); "
                              "at most one row per article has is_primary.",
    "COLUMN article_speakers.role": "The speaker's role as this article gives it; NULL when it gives none.",
    "COLUMN article_speakers.aliases": "The identifying names this article used for the speaker.",
}


def _comment(target: str, text: str) -> None:
    literal = "'" + text.replace("'", "''") + "'"  # COMMENT takes no bind parameters
    op.get_bind().exec_driver_sql(f"COMMENT ON {target} IS {literal}")


def upgrade() -> None:
    op.add_column('speakers', sa.Column('name_key', sa.Text(), nullable=True))
    op.add_column('article_speakers', sa.Column('role', sa.Text(), nullable=True))
    op.add_column('article_speakers', sa.Column('aliases', postgresql.ARRAY(sa.Text()),
                                                server_default='{}', nullable=False))
    conn = op.get_bind()
    _fix_speakers(conn)
    conn.execute(sa.text(ARTICLE_NAMES_SQL))
    conn.execute(sa.text(SPEAKER_ALIASES_SQL))
    _article_roles(conn)
    op.alter_column('speakers', 'name_key', nullable=False)
    op.create_unique_constraint(op.f('uq_speakers_name_key'), 'speakers', ['name_key'])
    op.create_index('ix_speakers_aliases', 'speakers', ['aliases'], postgresql_using='gin')
    for target, text in COMMENTS.items():
        _comment(target, text)


def downgrade() -> None:
    # The data fixes stay (the old rows were wrong); only the schema goes back.
    op.drop_index('ix_speakers_aliases', table_name='speakers')
    op.drop_constraint(op.f('uq_speakers_name_key'), 'speakers', type_='unique')
    op.drop_column('article_speakers', 'aliases')
    op.drop_column('article_speakers', 'role')
    op.drop_column('speakers', 'name_key')
