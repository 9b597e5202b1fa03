"""The speakers migration upgrades a database holding the rows the old loader wrote, and fixes them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from models import db as db_module
from models.migrate import upgrade
from tests.conftest import _scratch_url

BEFORE = "a3136a62b94f"  # the initial schema, as the old loader filled it

BODIES = {
    1: "Economy Minister of Georgia Nino Beridze and her cousin Salome Beridze spoke. Deputy Prime Minister "
       "Irma Tsiklauri did not.",
    2: "Infrastructure Minister Selim Karaağaçlı opened the road. Irma Tsiklauri, Deputy Prime Minister, cut the "
       "ribbon.",
    3: "The Ministry of Emergency Situations of Azerbaijan said the fire was out. Azerbaijan's Emergency Situations "
       "Ministry sent 20 crews. The MES said no one was hurt.",
}
SPEAKERS = [  # id, canonical_name, kind, role, aliases: what the old loader stored
    (1, "Nino Beridze", "person", "Economy Minister of Georgia", ["Beridze", "Minister Beridze", "the minister"]),
    (2, "Salome Beridze", "person", "Party Chair", ["Beridze"]),
    (3, "Selim Karaagacli", "person", "Infrastructure Minister", ["Karaağaçlı", "Selim Karaağaçlı"]),
    (4, "MES", "person", None, ["The MES"]),
    (5, "Ministry of Emergency Situations of Azerbaijan", "organisation", None,
     ["Azerbaijan's Emergency Situations Ministry", "Ministry of Emergency Situations", "The statement",
      "the ministry"]),
    (6, "Irma Tsiklauri", "person", "Deputy Prime Minister", ["Tsiklauri", "the deputy prime minister"]),
    (7, "Georgia’s National Tea Agency", "organisation", None, ["Georgia's National Tea Agency"]),
]
LINKS = [(1, 1, True, 1), (1, 2, False, 1), (2, 2, False, 0), (1, 6, False, 0), (2, 3, True, 1), (2, 6, False, 0),
         (3, 4, False, 1), (3, 5, True, 1)]  # article, speaker, is_primary, quote_count


@pytest.fixture
def old_database():
    """A scratch database at the old revision, holding old rows; dropped afterwards."""
    url, admin = _scratch_url()
    engine = db_module.get_engine(url)
    upgrade(engine, BEFORE)
    with engine.begin() as conn:
        for n, body in BODIES.items():
            conn.execute(sa.text("INSERT INTO raw_documents (id, sha256, source_uri, media_type, content, size_bytes) "
                                 "VALUES (:n, :sha, :uri, 'text/plain', :body, 1)"),
                         {"n": n, "sha": f"{n:064d}", "uri": f"{n}.txt", "body": body.encode()})
            conn.execute(sa.text("INSERT INTO articles (id, raw_document_id, item_index, title, authors, body, "
                                 "content_hash, extractor_version, rules) "
                                 "VALUES (:n, :n, 0, 'A story', '{}', :body, 'h', 'old', '{}')"),
                         {"n": n, "body": body})
        conn.execute(sa.text("INSERT INTO speakers (id, canonical_name, kind, role, aliases) "
                             "VALUES (:id, :name, :kind, :role, :aliases)"),
                     [dict(zip(("id", "name", "kind", "role", "aliases"), s, strict=True)) for s in SPEAKERS])
        conn.execute(sa.text("INSERT INTO article_speakers (article_id, speaker_id, is_primary, quote_count) "
                             "VALUES (:a, :s, :p, :q)"),
                     [dict(zip("aspq", link, strict=True)) for link in LINKS])
        conn.execute(sa.text("INSERT INTO quotes (article_id, ordinal, speaker_id, text, kind) VALUES "
                             "(3, 0, 4, 'no one was hurt', 'reported'), (3, 1, 5, 'the fire was out', 'reported')"))
    yield engine
    engine.dispose()
    db_module.get_engine.cache_clear()
    admin_engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)'))
    admin_engine.dispose()


def test_the_migration_fixes_the_old_speaker_rows(old_database):
    upgrade(old_database)
    with old_database.connect() as conn:
        speakers = {r.canonical_name: (r.name_key, r.kind, r.role, r.aliases) for r in conn.execute(sa.text(
            "SELECT canonical_name, name_key, kind, role, aliases FROM speakers"))}
        links = {(r.article_id, r.canonical_name): (r.role, r.aliases, r.is_primary, r.quote_count)
                 for r in conn.execute(sa.text(
                     "SELECT l.*, s.canonical_name FROM article_speakers l JOIN speakers s ON s.id = l.speaker_id"))}
        quotes = conn.execute(sa.text("SELECT speaker FROM who_said_what ORDER BY quote_id")).scalars().all()
        shared = conn.execute(sa.text("SELECT count(*) FROM (SELECT a FROM speakers, unnest(aliases) a "
                                      "GROUP BY a HAVING count(*) > 1) d")).scalar_one()
    ministry = "Ministry of Emergency Situations of Azerbaijan"
    assert speakers == {
        # the surname and the role noun are gone: no alias is held by two people
        "Nino Beridze": ("nino beridze", "person", "Economy Minister of Georgia", []),
        "Salome Beridze": ("salome beridze", "person", "Party Chair", []),
        # the canonical name took its letters back from the alias
        "Selim Karaağaçlı": ("selim karaagacli", "person", "Infrastructure Minister", []),
        # "MES" was the ministry: merged into it; the ministry keeps only names that identify it
        ministry: ("ministry of emergency situations of azerbaijan", "organisation", None,
                   ["Azerbaijan's Emergency Situations Ministry"]),
        "Irma Tsiklauri": ("irma tsiklauri", "person", "Deputy Prime Minister", []),
        # straight apostrophes, as the loader writes names now
        "Georgia's National Tea Agency": ("georgias national tea agency", "organisation", None, []),
    }
    assert shared == 0 and quotes == [ministry, ministry]
    assert links[(3, ministry)] == (None, [ministry, "Azerbaijan's Emergency Situations Ministry"], True, 2)
    # the stored role goes onto the articles whose text gives it
    assert links[(2, "Irma Tsiklauri")][0] == "Deputy Prime Minister"
    assert links[(1, "Irma Tsiklauri")][0] == "Deputy Prime Minister"
    # ... else onto the earliest-loaded one, which the old loader took it from
    assert (links[(1, "Salome Beridze")][0], links[(2, "Salome Beridze")][0]) == ("Party Chair", None)
    assert links[(2, "Selim Karaağaçlı")][:2] == ("Infrastructure Minister", ["Selim Karaağaçlı"])
    with pytest.raises(sa.exc.IntegrityError), old_database.begin() as conn:  # the key is the natural key now
        conn.execute(sa.text("INSERT INTO speakers (name_key, canonical_name, kind, aliases) "
                             "VALUES ('nino beridze', 'NINO BERIDZE', 'person', '{}')"))
