"""Bytes of any kind -> Page, or a clear ExtractionError reason (table-driven, invented content)."""

from __future__ import annotations

import pytest

from extractors.documents import ExtractionError, decode, extract_document

PAGE = ("Ferry line to Turkmenbashi resumes\n\nMay 14, 2024 10:30\n\n"
        "The ferry line between Alat and Turkmenbashi resumed on Tuesday after a two-week break, "
        "the port authority said.\n\nTickets are sold at the terminal.\n")

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Caspian Ledger</title><link>https://caspianledger.example/</link>
<item><title>Port of Alat doubles ferry capacity</title><link>https://caspianledger.example/a1</link>
<pubDate>Tue, 14 May 2024 10:30:00 +0400</pubDate>
<description>"We will carry twice as many trucks by June," port director Samira Qasimova said on Tuesday.</description>
</item>
<item><title>Shaki council meets again</title><link>https://caspianledger.example/a2</link>
<pubDate>Wed, 15 May 2024</pubDate>
<description>The regional council of Shaki met for the second time this week to discuss water tariffs.</description>
</item></channel></rss>"""

HTML = """<!doctype html><html><head><title>Vineyard harvest starts early | Caspian Ledger</title>
<meta property="og:title" content="Vineyard harvest starts early">
<meta property="article:published_time" content="2023-08-21T09:15:00+04:00"></head>
<body><nav>Home | World | Sport</nav><article><h1>Vineyard harvest starts early</h1>
<p>Growers in Shamakhi began picking grapes two weeks earlier than usual this year, the local
farmers' union said on Monday.</p><p>A dry July sped up ripening across the region, according to
agronomist Tural Bagirzade, who expects a smaller but sweeter crop.</p></article>
<footer>Copyright 2023 Caspian Ledger</footer></body></html>"""


@pytest.mark.parametrize(("content", "expected"), [
    ("Ünvan: Bakı".encode(), "Ünvan: Bakı"),
    ("\ufeffWith a byte-order mark".encode(), "With a byte-order mark"),
    ("Привет, это текст на русском языке о погоде в Баку сегодня и завтра".encode("cp1251"),
     "Привет, это текст на русском языке о погоде в Баку сегодня и завтра"),
])
def test_decode(content: bytes, expected: str):
    assert decode(content) == expected


@pytest.mark.parametrize(("content", "media_type", "reason"), [
    (b"", "text/plain", "empty"),
    (b" \n\t\n", "text/plain", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/plain", "binary"),
    (b"Loading...\n", "text/plain", "no-text"),
    (b"<rss version='2.0'><channel><title>x</title></channel></rss>", "application/rss+xml", "no-article"),
])
def test_bad_input_has_a_reason(content: bytes, media_type: str, reason: str):
    with pytest.raises(ExtractionError) as caught:
        extract_document(content, media_type, "bad-input")
    assert caught.value.reason == reason and str(caught.value)


def test_a_text_page_goes_through_the_text_pipeline():
    page = extract_document(PAGE.encode(), "text/plain", "ferry.txt")
    (item,) = page.items
    assert item.title == "Ferry line to Turkmenbashi resumes"
    assert item.published and item.published.startswith("2024-05-14")
    assert item.body.startswith("The ferry line between Alat and Turkmenbashi")


def test_feed_entries_become_items_with_their_own_dates_and_speech():
    page = extract_document(FEED.encode(), "application/rss+xml", "feed.xml")
    assert [(i.title, i.published) for i in page.items] == [
        ("Port of Alat doubles ferry capacity", "2024-05-14T10:30:00+04:00"),
        ("Shaki council meets again", "2024-05-15"),
    ]
    first = page.items[0]
    assert first.body.startswith('"We will carry twice')
    assert [(q.speaker, q.kind) for q in first.quotes] == [("Samira Qasimova", "direct")]


def test_html_goes_through_trafilatura_then_the_text_pipeline():
    page = extract_document(HTML.encode(), "text/html", "vineyard.html")
    (item,) = page.items
    assert item.title == "Vineyard harvest starts early"
    assert item.published.startswith("2023-08-21")
    assert "Growers in Shamakhi began picking grapes" in item.body
    assert "Home | World | Sport" not in item.body and "Copyright" not in item.body
