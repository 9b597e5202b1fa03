"""URLs, feeds and sitemaps through the ingest flow (Prefect test harness) into a real PostgreSQL, served
by a real HTTP server on 127.0.0.1. Every page is invented (invented people, invented events)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from models.settings import get_settings
from tests.local_http import LocalServer, Route, article_html

pytestmark = pytest.mark.usefixtures("prefect_harness")

EMBANKMENT = [
    "The Kura river council approved a new embankment plan for four villages near Sabirabad on Tuesday.",
    '"The embankment will protect four villages from the spring floods," said Rashad Mammadli, '
    "the head of the river council.",
    "Work on the first section is due to start in March and to last two years, the council said.",
    "Farmers in the area have asked for flood protection since the high water of last April.",
]
MARKET = [
    "A new covered market opened in the centre of Shamakhi on Wednesday, with ninety stalls for local growers.",
    '"Growers will no longer sell from the roadside in the rain," said Aysel Guliyeva, who runs the market.',
    "The market is open every day except Monday, and stall rents are fixed for the first year.",
]
BRIDGE = [
    "The footbridge over the Alazani near Qakh reopened on Thursday after a month of repairs.",
    '"The bridge is safe again for schoolchildren," said Elnur Hasanov, the district engineer.',
    "The repairs replaced the wooden deck and two of the steel cables, the district office said.",
]


@pytest.fixture
def server(monkeypatch):
    for key, value in {"FETCH_ALLOW_PRIVATE": "true", "FETCH_READ_TIMEOUT": "0.5", "FETCH_CONNECT_TIMEOUT": "0.5",
                       "FETCH_TOTAL_TIMEOUT": "3", "FETCH_RETRIES": "1", "FETCH_BACKOFF_SECONDS": "0.01",
                       "FETCH_MAX_BYTES": "40000"}.items():
        monkeypatch.setenv(f"MEDIAMON_{key}", value)
    get_settings.cache_clear()
    with LocalServer() as s:
        yield s
    monkeypatch.undo()
    get_settings.cache_clear()


def _rows(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


def _rss(server, items: list[tuple[str, str, str | None]]) -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{server.url(p)}</link>"
                      + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>" for p, t, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Courier</title>'
            f"<link>{server.base}/</link>{entries}</channel></rss>").encode()


def test_a_url_a_feed_and_a_sitemap_give_the_same_rows_as_files(clean_db, server, tmp_path):
    from flows.ingest import ingest

    page = article_html("River council approves the Kura embankment plan", EMBANKMENT,
                        published="2026-11-24T10:15:00+04:00", author="Nigar Valiyeva")
    (tmp_path / "embankment.html").write_bytes(page)
    server.routes["/news/embankment.html"] = Route(page)
    # the feed's page has no date of its own: the feed's pubDate backs it up
    server.routes["/news/market.html"] = Route(article_html("Shamakhi opens a covered market", MARKET))
    server.routes["/feed.xml"] = Route(_rss(server, [("/news/market.html", "Shamakhi opens a covered market",
                                                      "Wed, 25 Nov 2026 08:00:00 +0400")]),
                                       content_type="application/rss+xml")
    server.routes["/news/bridge.html"] = Route(article_html("Qakh footbridge reopens", BRIDGE,
                                                            published="2026-11-26"))
    server.routes["/sitemap.xml"] = Route(
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        f"<loc>{server.url('/news/bridge.html')}</loc></url></urlset>".encode(), content_type="application/xml")
    server.routes["/sitemap_index.xml"] = Route(
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        f"<loc>{server.url('/sitemap.xml')}</loc></sitemap></sitemapindex>".encode(), content_type="application/xml")

    ingest(sources=[str(tmp_path / "embankment.html")])
    from_file = _rows(clean_db, "SELECT title, body, published_at, authors, url FROM articles")
    summary = ingest(sources=[server.url("/news/embankment.html"), server.url("/feed.xml"),
                              server.url("/sitemap_index.xml")])
    assert summary.rejected == 0
    rows = _rows(clean_db, """SELECT a.title, a.body, a.published_at, a.published_precision, a.authors, a.url,
                                     a.rules->>'published' AS date_rule, o.name AS outlet,
                                     (SELECT array_agg(q.text ORDER BY q.ordinal) FROM quotes q
                                      WHERE q.article_id = a.id) AS quotes
                              FROM current_articles a LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.title""")
    by_title = {r.title: r for r in rows}
    assert set(by_title) == {"River council approves the Kura embankment plan", "Shamakhi opens a covered market",
                             "Qakh footbridge reopens"}
    # the same bytes from a file and from a URL are one raw document, one article, now with its URL
    embankment = by_title["River council approves the Kura embankment plan"]
    assert from_file[0].url is None
    assert (embankment.title, embankment.body, embankment.published_at, embankment.authors) == tuple(from_file[0][:4])
    assert embankment.url == server.url("/news/embankment.html")
    assert embankment.authors == ["Nigar Valiyeva"]
    assert embankment.published_at.isoformat() == "2026-11-24T06:15:00+00:00"
    assert any("protect four villages" in q for q in embankment.quotes)
    assert {r.outlet for r in rows} == {"Kura Valley Courier"}  # unknown domain: an outlet of its own, its sitename
    market = by_title["Shamakhi opens a covered market"]
    assert market.url == server.url("/news/market.html") and market.date_rule.startswith("feed:published")
    assert market.published_at.isoformat() == "2026-11-25T04:00:00+00:00"
    assert by_title["Qakh footbridge reopens"].url == server.url("/news/bridge.html")
    sources = _rows(clean_db, "SELECT source_uri, kind, url FROM document_sources ORDER BY kind")
    assert [s.kind for s in sources] == ["file", "url", "url", "url"]
    assert _rows(clean_db, "SELECT count(*) FROM raw_documents")[0][0] == 3


def test_a_feed_fetches_only_new_pages_unless_refetch(clean_db, server):
    from flows.ingest import ingest

    server.routes["/news/market.html"] = Route(article_html("Shamakhi opens a covered market", MARKET))
    server.routes["/feed.xml"] = Route(_rss(server, [("/news/market.html", "Shamakhi opens a covered market", None)]),
                                       content_type="application/rss+xml")
    ingest(sources=[server.url("/feed.xml")])
    server.routes["/news/bridge.html"] = Route(article_html("Qakh footbridge reopens", BRIDGE))
    server.routes["/feed.xml"].body = _rss(server, [("/news/market.html", "Shamakhi opens a covered market", None),
                                                    ("/news/bridge.html", "Qakh footbridge reopens", None)])
    ingest(sources=[server.url("/feed.xml")])
    assert server.hits["/news/market.html"] == 1 and server.hits["/news/bridge.html"] == 1
    ingest(sources=[server.url("/feed.xml")], refetch=True)
    assert server.hits["/news/market.html"] == 2
    assert _rows(clean_db, "SELECT count(*) FROM current_articles")[0][0] == 2


def test_a_changed_page_is_a_new_version_of_the_same_story(clean_db, server):
    from flows.ingest import ingest

    url = server.url("/news/embankment.html")
    server.routes["/news/embankment.html"] = Route(article_html(
        "River council approves the Kura embankment plan", EMBANKMENT, published="2026-11-24T10:15:00+04:00"))
    ingest(sources=[url])
    server.routes["/news/embankment.html"].body = article_html(
        "River council approves the Kura embankment plan",
        [*EMBANKMENT, '"We will publish the tender in January," said Rashad Mammadli.'],
        published="2026-11-24T10:15:00+04:00")
    ingest(sources=[url])
    versions = _rows(clean_db, "SELECT version, is_current, url FROM articles ORDER BY version")
    assert [(v.version, v.is_current) for v in versions] == [(1, False), (2, True)]
    assert {v.url for v in versions} == {url}
    assert _rows(clean_db, "SELECT count(*) FROM current_articles")[0][0] == 1
    quotes = _rows(clean_db, "SELECT quote FROM who_said_what WHERE speaker = 'Rashad Mammadli'")
    assert len(quotes) == 2  # the current version's two quotes, not 1 + 2 across versions
    assert _rows(clean_db, "SELECT count(*) FROM quotes")[0][0] == 3  # the old version stays queryable


def test_a_304_and_an_unchanged_page_cost_no_extraction(clean_db, server):
    from flows.ingest import ingest

    server.routes["/etag.html"] = Route(article_html("Shamakhi opens a covered market", MARKET), etag='"m1"')
    server.routes["/plain.html"] = Route(article_html("Qakh footbridge reopens", BRIDGE))
    first = ingest(sources=[server.url("/etag.html"), server.url("/plain.html")])
    assert first.documents_extracted == 2
    again = ingest(sources=[server.url("/etag.html"), server.url("/plain.html")])
    assert again.not_modified == 1 and again.documents_skipped == 1 and again.documents_extracted == 0
    assert again.articles_written == 0
    etag_request = [h for path, h in server.requests if path == "/etag.html"][-1]
    assert etag_request.get("If-None-Match") == '"m1"'


def test_failed_fetches_are_rejections_with_reasons_and_the_run_goes_on(clean_db, server, monkeypatch):
    from flows.ingest import ingest

    monkeypatch.setenv("MEDIAMON_FETCH_ALLOW_PRIVATE", "false")
    monkeypatch.setenv("MEDIAMON_FETCH_ALLOW_NETWORKS", '["127.0.0.1/32"]')  # the test server only
    get_settings.cache_clear()
    server.routes["/slow.html"] = Route(article_html("Slow", MARKET), delay=2.0)
    server.routes["/big.html"] = Route(article_html("Big", MARKET * 200))
    server.routes["/error.html"] = Route(b"", status=500)
    server.routes["/moved.html"] = Route(b"", status=302, headers={"Location": "http://10.0.0.1/internal"})
    server.routes["/metadata.html"] = Route(b"", status=301, headers={"Location": "http://169.254.169.254/"})
    server.routes["/good.html"] = Route(article_html("Qakh footbridge reopens", BRIDGE))
    paths = ["/slow.html", "/big.html", "/error.html", "/moved.html", "/metadata.html", "/good.html"]
    summary = ingest(sources=[server.url(p) for p in paths])
    reasons = dict(_rows(clean_db, "SELECT source_uri, reason FROM rejections"))
    assert reasons == {server.url("/slow.html"): "timeout", server.url("/big.html"): "too-large",
                       server.url("/error.html"): "http-500", server.url("/moved.html"): "blocked-address",
                       server.url("/metadata.html"): "blocked-address"}
    assert summary.rejected == 5
    assert [r.title for r in _rows(clean_db, "SELECT title FROM current_articles")] == ["Qakh footbridge reopens"]
    errors = dict(_rows(clean_db, "SELECT reason, error FROM rejections WHERE reason = 'blocked-address'"))
    assert "private address 10.0.0.1" in errors["blocked-address"] or "169.254" in errors["blocked-address"]


def test_a_sidecar_brings_the_url_of_a_text_dump(clean_db, tmp_path):
    from flows.ingest import ingest

    text = "Qakh footbridge reopens\n\n" + "\n\n".join(BRIDGE) + "\n"
    (tmp_path / "bridge.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bridge.meta.json").write_text(json.dumps(
        {"url": "https://www.alazani-post.example/news/bridge?utm_source=feed", "fetched_at": "2026-11-26T09:00:00Z",
         "outlet": "alazani-post.example"}), encoding="utf-8")
    ingest(sources=[str(tmp_path)])
    row = _rows(clean_db, """SELECT a.url, a.canonical_url, a.fetched_at, o.domain FROM articles a
                             JOIN outlets o ON o.id = a.outlet_id""")[0]
    assert row.url == "https://www.alazani-post.example/news/bridge?utm_source=feed"
    assert row.canonical_url == "https://www.alazani-post.example/news/bridge"
    assert row.fetched_at.isoformat() == "2026-11-26T09:00:00+00:00" and row.domain == "alazani-post.example"


def test_three_copies_of_one_story_from_three_outlets_form_one_cluster(clean_db, tmp_path):
    from flows.ingest import ingest

    copies = {
        "kura-times.example": ["KURA TIMES", "River council approves the Kura embankment plan", *EMBANKMENT],
        "ganja-herald.example": ["Ganja Herald | Regions", "Kura embankment plan approved", *EMBANKMENT[:3],
                                 "Farmers in the district have asked for flood protection since the high water."],
        "caspian-ledger.example": ["Caspian Ledger", "Council backs embankment for four villages",
                                   EMBANKMENT[0].replace("on Tuesday", "this week"), *EMBANKMENT[1:],
                                   "Source: Kura Times"],
        "shamakhi-daily.example": ["Shamakhi Daily", "Shamakhi opens a covered market", *MARKET],
    }
    for n, (domain, lines) in enumerate(copies.items()):
        (tmp_path / f"copy{n}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / f"copy{n}.meta.json").write_text(json.dumps({"url": f"https://{domain}/story/{n}"}))
    ingest(sources=[str(tmp_path)])
    clusters = dict(_rows(clean_db, """SELECT o.domain, a.cluster_id FROM articles a
                                       JOIN outlets o ON o.id = coalesce(a.carrier_outlet_id, a.outlet_id)"""))
    embankment = {clusters[d] for d in ("kura-times.example", "ganja-herald.example", "caspian-ledger.example")}
    assert len(embankment) == 1 and clusters["shamakhi-daily.example"] not in embankment
    carried = _rows(clean_db, "SELECT carried_by FROM story_outlets WHERE cluster_id = :c", c=embankment.pop())
    assert len(carried) == 3
    unique = _rows(clean_db, """SELECT copies, cardinality(carried_by) AS outlets FROM unique_quotes
                                WHERE quote LIKE '%protect four villages%'""")
    assert [(u.copies, u.outlets) for u in unique] == [(3, 3)]
