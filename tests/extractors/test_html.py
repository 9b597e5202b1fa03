"""extractors.html: HTML pages -> crawler text + metadata; RSS/Atom feeds -> entries.

All pages and feeds below are invented for these tests.
"""

from __future__ import annotations

import pytest

from extractors.html import feed_entries, html_parts, html_to_text

BODY = [
    "The harbour of Vellmark reopened on Sunday after three weeks of repairs to the breakwater "
    "that the February storm had damaged beyond use.",
    "\u201cWe are back in business,\u201d said harbour master Tove Brandt, adding that the ferry "
    "timetable would resume on Monday morning with the first crossing at six.",
    "Fishermen had moved their boats to the neighbouring port of Sandvik during the works, which "
    "cost the municipality about two million crowns according to the council.",
]
BOILERPLATE = ["Subscribe to our newsletter", "Copyright 2021 The Coastal Ledger", "Most read today"]


def page(head: str = "", headline: str = "Harbour reopens after storm repairs", body=BODY,
         byline: str = "") -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{headline} | The Coastal Ledger</title>{head}</head>
<body><header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<div class="promo">{BOILERPLATE[0]}</div></header>
<main><article><h1>{headline}</h1>{byline}
{paras}
</article>
<aside><h3>{BOILERPLATE[2]}</h3><ul><li><a href="/a">Council budget vote delayed</a></li>
<li><a href="/b">New bakery opens on Main Street</a></li></ul></aside></main>
<footer><p>{BOILERPLATE[1]}. All rights reserved.</p></footer></body></html>"""


OG = """<meta property="og:title" content="Harbour reopens after storm repairs">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="article:section" content="Local">"""

# (case id, html, url, expected header lines, expected metadata subset)
CASES = [
    ("og-meta-with-time",
     page(OG + '<meta name="author" content="Mira Olsen">'
               '<meta property="article:published_time" content="2021-03-14T08:30:00+01:00">'),
     "https://www.coastal-ledger.example/local/harbour-reopens",
     ["Harbour reopens after storm repairs", "14 March 2021 08:30 (UTC+01:00)", "By Mira Olsen"],
     {"title": "Harbour reopens after storm repairs", "date": "2021-03-14",
      "published": "2021-03-14T08:30:00+01:00", "authors": ["Mira Olsen"],
      "sitename": "The Coastal Ledger", "categories": ["Local"], "hostname": "coastal-ledger.example"}),
    ("json-ld-utc-two-authors",
     page('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
          '"headline": "Harbour reopens after storm repairs", "datePublished": "2021-03-14T07:30:00Z",'
          '"author": [{"@type": "Person", "name": "Mira Olsen"}, {"@type": "Person", "name": "Jon Berg"}]}'
          '</script>'),
     None,
     ["Harbour reopens after storm repairs", "14 March 2021 07:30 (UTC+00:00)",
      "By Mira Olsen and Jon Berg"],
     {"date": "2021-03-14", "published": "2021-03-14T07:30:00+00:00",
      "authors": ["Mira Olsen", "Jon Berg"]}),
    ("date-only-no-author",
     page('<meta name="date" content="2019-11-02">'),
     None,
     ["Harbour reopens after storm repairs", "2 November 2019"],
     {"date": "2019-11-02", "published": "2019-11-02", "authors": [], "author": None}),
    # The footer's "Copyright 2021" is no publication date (htmldate alone would say 2021-01-01).
    ("no-date-no-author",
     page(),
     None,
     ["Harbour reopens after storm repairs"],
     {"date": None, "published": None, "authors": []}),
]


@pytest.mark.parametrize(("html", "url", "header", "meta_expected"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_html_to_text_renders_crawler_format(html, url, header, meta_expected):
    text, meta = html_to_text(html, url)
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0].split("\n") == header
    # The body follows as blank-line separated paragraphs, the headline is not repeated.
    assert blocks[1:] == BODY
    for key, value in meta_expected.items():
        assert meta[key] == value, key
    for line in BOILERPLATE:
        assert line.split()[0] not in text.replace("Harbour", ""), line
    assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.parametrize(("name", "html"), [("empty", ""), ("blank", "  \n "),
                                            ("no-body", "<html><body></body></html>")])
def test_html_without_content_gives_empty_text(name, html):
    text, meta = html_to_text(html)
    assert text == ""
    assert meta["title"] is None and meta["authors"] == [] and meta["categories"] == []


def test_html_parts_returns_body_without_header():
    meta, paragraphs = html_parts(page(OG), "https://coastal-ledger.example/x")
    assert paragraphs[-3:] == BODY
    assert "Harbour reopens after storm repairs" not in paragraphs[-3:]
    assert meta["url"] == "https://coastal-ledger.example/x"


def test_paragraph_whitespace_is_normalised():
    body = ["First   paragraph\u00a0with \t odd   spacing, long enough to be kept as article "
            "text by the extractor in question.", *BODY[1:]]
    text, _ = html_to_text(page(body=body))
    assert "First paragraph with odd spacing, long enough" in text


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Coastal Ledger</title><link>https://coastal-ledger.example/</link>
<item><title>Harbour reopens after storm repairs</title>
<link>https://coastal-ledger.example/local/harbour-reopens</link>
<pubDate>Sun, 14 Mar 2021 08:30:00 +0100</pubDate>
<description>&lt;p&gt;The harbour of &lt;b&gt;Vellmark&lt;/b&gt; reopened on Sunday.&lt;/p&gt;</description>
<dc:creator>Mira Olsen</dc:creator><category>Local</category>
<guid isPermaLink="false">ledger-1001</guid></item>
<item><title>Council budget vote delayed</title><link>/local/budget-vote</link>
<pubDate>Mon, 15 Mar 2021 17:05:00 GMT</pubDate>
<description><![CDATA[Councillors <i>postponed</i> the vote &amp; asked for new figures.]]>
</description></item>
<item><title>Undated note</title><guid>https://coastal-ledger.example/notes/7</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title>
<link href="https://valley-courier.example/"/>
<entry><title type="html">Bridge &lt;em&gt;closed&lt;/em&gt; for inspection</title>
<link rel="edit" href="https://valley-courier.example/api/entries/55"/>
<link rel="alternate" type="text/html" href="https://valley-courier.example/2022/bridge-closed"/>
<id>tag:valley-courier.example,2022:55</id>
<published>2022-06-01T06:15:00Z</published><updated>2022-06-01T09:00:00Z</updated>
<author><name>Ada Quill</name></author><category term="Transport"/>
<summary>Engineers found cracks in two pillars.</summary></entry>
<entry><title>Market day moves</title><link href="/2022/market-day"/>
<updated>2022-06-02</updated>
<content type="html">&lt;p&gt;The weekly market moves to Thursday.&lt;/p&gt;</content></entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://hill-gazette.example/"><title>Hill Gazette</title>
<link>https://hill-gazette.example/</link></channel>
<item rdf:about="https://hill-gazette.example/n/1"><title>Snow closes the pass</title>
<link>https://hill-gazette.example/n/1</link><dc:date>2020-01-09T18:00:00+02:00</dc:date>
<description>The pass stays closed until Friday.</description></item>
</rdf:RDF>"""

FEED_CASES = [
    ("rss2", RSS, [
        {"title": "Harbour reopens after storm repairs",
         "link": "https://coastal-ledger.example/local/harbour-reopens",
         "published": "2021-03-14T08:30:00+01:00",
         "summary": "The harbour of Vellmark reopened on Sunday.",
         "author": "Mira Olsen", "id": "ledger-1001", "categories": ["Local"]},
        {"title": "Council budget vote delayed",
         "link": "https://coastal-ledger.example/local/budget-vote",  # made absolute
         "published": "2021-03-15T17:05:00+00:00",
         "summary": "Councillors postponed the vote & asked for new figures.", "author": None},
        {"title": "Undated note", "link": "https://coastal-ledger.example/notes/7",  # permalink guid
         "published": None, "summary": None},
    ]),
    ("atom", ATOM, [
        {"title": "Bridge closed for inspection",
         "link": "https://valley-courier.example/2022/bridge-closed",  # rel=alternate wins
         "published": "2022-06-01T06:15:00+00:00",
         "summary": "Engineers found cracks in two pillars.", "author": "Ada Quill",
         "id": "tag:valley-courier.example,2022:55", "categories": ["Transport"]},
        {"title": "Market day moves", "link": "https://valley-courier.example/2022/market-day",
         "published": "2022-06-02",  # falls back to <updated>
         "summary": "The weekly market moves to Thursday."},
    ]),
    ("rss1-rdf", RDF, [
        {"title": "Snow closes the pass", "link": "https://hill-gazette.example/n/1",
         "published": "2020-01-09T18:00:00+02:00", "summary": "The pass stays closed until Friday.",
         "id": "https://hill-gazette.example/n/1"},
    ]),
]


@pytest.mark.parametrize(("xml", "expected"), [c[1:] for c in FEED_CASES], ids=[c[0] for c in FEED_CASES])
def test_feed_entries(xml, expected):
    entries = feed_entries(xml)
    assert len(entries) == len(expected)
    for got, want in zip(entries, expected, strict=True):
        for key, value in want.items():
            assert got[key] == value, (key, got)


def test_feed_entries_accepts_bytes_and_recovers_from_bad_entities():
    broken = RSS.replace("Council budget vote delayed", "Council&nbsp;budget vote delayed")
    entries = feed_entries(broken.encode("utf-8"))
    assert [e["link"] for e in entries][:1] == ["https://coastal-ledger.example/local/harbour-reopens"]
    assert len(entries) == 3


@pytest.mark.parametrize("xml", ["", "not xml at all", "<html><body><p>page</p></body></html>",
                                 '<?xml version="1.0"?><rss><channel></channel></rss>'])
def test_feed_entries_non_feeds_give_nothing(xml):
    assert feed_entries(xml) == []


def test_feed_entries_do_not_expand_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xml = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
           "<rss><channel><item><title>&x;</title><link>https://a.example/1</link></item></channel></rss>")
    entries = feed_entries(xml)
    assert entries and "TOPSECRET" not in str(entries)
