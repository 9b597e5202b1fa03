"""Speaker rows in a real PostgreSQL: matching keys, roles per article, derived role and aliases."""

from __future__ import annotations

import sqlalchemy as sa

from extractors.records import Quote, Speaker
from models.load import RawInput, load_pages, store_raw_documents
from tests.factories import make_article, make_page, make_speech


def _load(engine, *pages):
    """Store one raw document per page (named by its source) and load the pages."""
    with engine.begin() as conn:
        ids = store_raw_documents(conn, [RawInput(p.source, p.source.encode()) for p in pages], None)
        by_sha = {RawInput(p.source, p.source.encode()).sha256: p for p in pages}
        return load_pages(conn, [(ids[sha][0], page) for sha, page in by_sha.items()], None, "test")


def _page(source: str, published: str, *speakers: tuple) -> object:
    article = make_article(published=published, published_precision="day", body=f"Body of {source}.")
    for name, aliases, kind, role in speakers:
        make_speech(article, name, *aliases, kind=kind, role=role, text=f"{name} speaks in {source}")
    return make_page(article, source=source)


def _speakers(engine) -> dict[str, tuple]:
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT canonical_name, kind, role, aliases FROM speakers")).all()
    return {r.canonical_name: (r.kind, r.role, r.aliases) for r in rows}


def _roles(engine, name: str) -> dict[str, str | None]:
    query = sa.text("""SELECT r.source_uri, l.role FROM article_speakers l JOIN speakers s ON s.id = l.speaker_id
                       JOIN articles a ON a.id = l.article_id JOIN raw_documents r ON r.id = a.raw_document_id
                       WHERE s.canonical_name = :name""")
    with engine.connect() as conn:
        return dict(conn.execute(query, {"name": name}).all())


def test_the_latest_article_gives_the_role_whatever_the_load_order(clean_db):
    later = _page("june.txt", "2024-06-02", ("Irma Tsiklauri", [], "person", "Deputy Prime Minister"))
    earlier = _page("may.txt", "2024-05-02", ("Irma Tsiklauri", [], "person", "Minister of Economy"))
    undated = _page("undated.txt", None, ("Irma Tsiklauri", [], "person", "Party Chair"))
    nothing = _page("july.txt", "2024-07-09", ("Irma Tsiklauri", [], "person", None))
    for page in (later, earlier, undated, nothing):
        _load(clean_db, page)
    assert _roles(clean_db, "Irma Tsiklauri") == {"june.txt": "Deputy Prime Minister", "may.txt": "Minister of Economy",
                                                  "undated.txt": "Party Chair", "july.txt": None}
    assert _speakers(clean_db)["Irma Tsiklauri"][1] == "Deputy Prime Minister"
    query = sa.text("SELECT source_uri, speaker_role, speaker_latest_role FROM who_said_what")
    with clean_db.connect() as conn:
        said = {r.source_uri: (r.speaker_role, r.speaker_latest_role) for r in conn.execute(query)}
    latest = "Deputy Prime Minister"  # the view shows the article's role; where it gives none, the latest
    assert said == {"june.txt": (latest, latest), "may.txt": ("Minister of Economy", latest),
                    "undated.txt": ("Party Chair", latest), "july.txt": (latest, latest)}


def test_shared_surnames_stay_apart_and_full_names_match_by_key_or_alias(clean_db):
    _load(clean_db, _page("a.txt", "2024-01-01", ("Nana Tsiklauri", ["Tsiklauri"], "person", None),
                          ("Gocha Tsiklauri", ["Tsiklauri", "Mr Tsiklauri"], "person", None),
                          ("Ana Maria Rusu", ["Ana Rusu"], "person", None)))
    _load(clean_db, _page("b.txt", "2024-01-02", ("Tsiklauri", [], "person", None),  # only the surname: its own row
                          ("Ana Rusu", [], "person", None),  # the alias of exactly one speaker: that speaker
                          ("NANA TSIKLAURI", [], "person", None)))  # the same key: the same speaker
    speakers = _speakers(clean_db)
    assert set(speakers) == {"Nana Tsiklauri", "Gocha Tsiklauri", "Ana Maria Rusu", "Tsiklauri"}
    assert speakers["Nana Tsiklauri"][2] == ["NANA TSIKLAURI"] and speakers["Gocha Tsiklauri"][2] == []
    assert speakers["Ana Maria Rusu"][2] == ["Ana Rusu"]
    with clean_db.connect() as conn:
        said = conn.execute(sa.text("SELECT speaker, count(*) FROM who_said_what GROUP BY speaker")).all()
    assert dict(said) == {"Nana Tsiklauri": 2, "Gocha Tsiklauri": 1, "Ana Maria Rusu": 2, "Tsiklauri": 1}


def test_an_alias_held_by_two_speakers_merges_nobody(clean_db):
    _load(clean_db, _page("a.txt", "2024-01-01", ("Ion Petru Ceban", ["Ion Ceban"], "person", None)))
    _load(clean_db, _page("b.txt", "2024-01-02", ("Ion Mihai Ceban", ["Ion Ceban"], "person", None)))
    _load(clean_db, _page("c.txt", "2024-01-03", ("Ion Ceban", [], "person", None)))
    assert set(_speakers(clean_db)) == {"Ion Petru Ceban", "Ion Mihai Ceban", "Ion Ceban"}


def test_names_keep_their_letters_and_the_folded_spelling_is_an_alias(clean_db):
    _load(clean_db, _page("a.txt", "2024-01-01", ("Selim Karaagacli", [], "person", None)))
    _load(clean_db, _page("b.txt", "2024-01-02", ("Selim Karaağaçlı", [], "person", None)))
    _load(clean_db, _page("c.txt", "2024-01-03", ("Selim Karaagacli", [], "person", None)))
    assert _speakers(clean_db) == {"Selim Karaağaçlı": ("person", None, ["Selim Karaagacli"])}


def test_re_extraction_corrects_kind_aliases_and_drops_speakers_no_article_names(clean_db):
    first = _page("a.txt", "2024-01-01", ("SOCAR", ["the company", "The statement"], "person", "Director"),
                  ("Oqtay Rzali", [], "person", None))
    _load(clean_db, first)
    article = make_article(published="2024-01-01", published_precision="day", body="A corrected body.")
    article.speakers.append(Speaker("SOCAR", "organisation", None, ["the company", "State Oil Company of Azerbaijan"]))
    article.quotes.append(Quote("We drill", "SOCAR", cue="said", rule="test"))
    _load(clean_db, make_page(article, source="a.txt"))
    assert _speakers(clean_db) == {"SOCAR": ("organisation", None, ["State Oil Company of Azerbaijan"])}


def test_a_digest_item_that_goes_takes_its_speakers_role_and_names_with_it(clean_db):
    def item(index: int, role: str, *aliases: str):
        article = make_article(index, published=f"2024-03-0{index + 1}", published_precision="day")
        return make_speech(article, "Oqtay Rza Rzali", *aliases, role=role)

    _load(clean_db, make_page(item(0, "Mayor"), item(1, "Governor", "Oqtay Rzali"),
                              make_speech(make_article(2), "Lala Rzali"), source="digest.txt"))
    assert _speakers(clean_db)["Oqtay Rza Rzali"][1:] == ("Governor", ["Oqtay Rzali"])
    _load(clean_db, make_page(item(0, "Mayor"), source="digest.txt"))
    assert _speakers(clean_db) == {"Oqtay Rza Rzali": ("person", "Mayor", [])}
