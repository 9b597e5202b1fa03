"""models.clusters.assign_clusters: a batch gets the clusters that assigning its articles one by one gives."""

from __future__ import annotations

import sqlalchemy as sa

from models.clusters import assign_clusters
from models.load import RawInput, load_pages, store_raw_documents
from tests.factories import make_article, make_page

RIVER = ("The river council in Mingachevir approved a plan on Tuesday to build an embankment along eight "
         "kilometres of the Kura, protecting four villages that flooded last spring, and asked the ministry "
         "to fund the first stage before the autumn rains arrive in the district.")
MARKET = ("Shamakhi opened a covered market for farmers on Friday with two hundred stalls, a cold store for "
          "grapes and a car park, and the town administration said that rents would stay at last year's level "
          "for every trader who had sold at the old open-air bazaar near the bus station.")
BODIES = {  # in id order: two stories, an article that carries both (it bridges them), a copy of the first
    "river": RIVER, "market": MARKET, "both": f"{RIVER} {MARKET}", "river copy": RIVER.replace("Tuesday", "Monday"),
    "brief": "Too short to cluster.",
}


def _articles(engine) -> dict[str, int]:
    with engine.begin() as conn:
        ids = {}
        for n, (name, body) in enumerate(BODIES.items()):
            raw = RawInput(f"cluster-{n}.txt", f"{name}\n{body}".encode())
            raw_id = store_raw_documents(conn, [raw], None)[raw.sha256][0]
            load_pages(conn, [(raw_id, make_page(make_article(title=name, body=body), source=raw.source_uri))],
                       None, "test")
            ids[name] = conn.execute(sa.text("SELECT id FROM articles WHERE raw_document_id = :r"),
                                     {"r": raw_id}).scalar_one()
    return ids


def _reset(engine) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM article_bands; DELETE FROM article_signatures; "
                             "UPDATE articles SET cluster_id = NULL"))


def _stored_clusters(engine, ids: dict[str, int]) -> dict[str, int]:
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT id, cluster_id FROM articles")).all())
    return {name: rows[i] for name, i in ids.items()}


def test_batch_equals_one_by_one_and_a_bridge_merges_two_stories(clean_db) -> None:
    ids = _articles(clean_db)
    bodies = {ids[name]: body for name, body in BODIES.items()}
    _reset(clean_db)
    with clean_db.begin() as conn:
        batch = assign_clusters(conn, bodies)
    batch_stored = _stored_clusters(clean_db, ids)
    _reset(clean_db)
    for article_id in sorted(bodies):
        with clean_db.begin() as conn:
            assign_clusters(conn, {article_id: bodies[article_id]})
    assert _stored_clusters(clean_db, ids) == batch_stored
    assert batch == {ids[name]: batch_stored[name] for name in ids}
    story = batch_stored["river"]
    assert story == ids["river"]  # a cluster is named by its earliest article
    assert batch_stored["market"] == batch_stored["both"] == batch_stored["river copy"] == story
    assert batch_stored["brief"] == ids["brief"]


def test_reassigning_the_same_batch_changes_nothing(clean_db) -> None:
    ids = _articles(clean_db)
    before = _stored_clusters(clean_db, ids)
    with clean_db.begin() as conn:
        assign_clusters(conn, {ids[name]: body for name, body in BODIES.items()})
    assert _stored_clusters(clean_db, ids) == before


def test_deleting_articles_deletes_their_bands(clean_db) -> None:
    """article_bands has no foreign key (37 rows an article): a statement trigger deletes them with their article,
    and truncating articles empties it."""
    ids = _articles(clean_db)
    count = sa.text("SELECT count(*) FROM article_bands WHERE article_id = ANY(:ids)")
    with clean_db.begin() as conn:
        river = [ids["river"], ids["river copy"]]
        assert conn.execute(count, {"ids": river}).scalar_one() > 0
        conn.execute(sa.text("DELETE FROM articles WHERE id = ANY(:ids)"), {"ids": river})
        assert conn.execute(count, {"ids": river}).scalar_one() == 0
        assert conn.execute(count, {"ids": [ids["market"]]}).scalar_one() > 0
        conn.execute(sa.text("TRUNCATE articles CASCADE"))
        assert conn.execute(sa.text("SELECT count(*) FROM article_bands")).scalar_one() == 0
