"""Decoding and sniffing bad or unusual bytes (table-driven, invented content)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.decoding import decode, sniff_bytes
from extractors.documents import ExtractionError, Limits, extract_document
from extractors.layout.page import normalise_text

TEXT = ("Bridge over the Kura reopens in Mingachevir\n\nMay 14, 2024 10:30\n\n"
        "The bridge over the Kura river in Mingachevir reopened on Tuesday after repairs, "
        "the city administration said.\n\nTraffic will be limited to cars until June.\n")


@pytest.mark.parametrize(("content", "expected"), [
    (TEXT.encode("utf-16"), TEXT),  # with a BOM
    (TEXT.encode("utf-16-le"), TEXT),  # without
    (TEXT.encode("utf-16-be"), TEXT),
    (TEXT.encode("utf-32"), TEXT),
    (TEXT.encode("utf-32-le"), TEXT),
    ("Süd-Ost Zeitung: Bürgermeister eröffnet die neue Brücke über den Fluss".encode("latin-1"),
     "Süd-Ost Zeitung: Bürgermeister eröffnet die neue Brücke über den Fluss"),
])
def test_decodable_text_is_decoded(content: bytes, expected: str):
    assert decode(content) == expected


@pytest.mark.parametrize(("content", "reason"), [
    (b"\x00\x01\x02\x03" * 64, "binary"),
    (bytes(range(256)) * 4, "binary"),
    (b"\xff\xfe", "empty"),  # a UTF-16 BOM and nothing else
    (b"\x01\x02\x03\x04\x05\x06 x" * 20, "binary"),  # valid UTF-8, but control characters
])
def test_what_is_not_text_has_a_reason(content: bytes, reason: str):
    with pytest.raises(ExtractionError) as caught:
        decode(content)
    assert caught.value.reason == reason


@pytest.mark.parametrize(("head", "media_type"), [
    (b"<!-- saved by a crawler -->\n<html><body><p>x</p></body></html>", "text/html"),
    (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "text/html"),
    (b"<?xml version='1.0'?>\n<!-- feed -->\n<rss version='2.0'>", "application/rss+xml"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "application/atom+xml"),
    ("<!-- c -->\n<html>".encode("utf-16"), "text/html"),
    (b"Mayor opens the <b>new</b> bridge", None),
    (b"<3 the new bridge, says a reader", None),
])
def test_sniffing_looks_past_comments_and_byte_order_marks(head: bytes, media_type: str | None):
    assert sniff_bytes(head) == media_type


@pytest.mark.parametrize(("raw", "clean"), [
    ("\x1b[31mRed alert\x1b[0m in the port", "Red alert in the port"),
    ("Tabs\tstay; bells\x07 and NULs\x00 go", "Tabs stay; bells and NULs go"),
    ("C1\x9b controls\x85and DEL\x7f", "C1 controls\nand DEL"),
    ("\x1b]0;window title\x07Text after an OSC", "Text after an OSC"),
])
def test_control_characters_and_terminal_escapes_are_removed(raw: str, clean: str):
    assert normalise_text(raw) == clean


def test_html_in_a_text_file_is_read_as_html():
    html = ("<!-- saved 2024-05-15 -->\n<html><head><title>Ferry returns to Alat</title></head><body>"
            "<article><h1>Ferry returns to Alat</h1><p>The ferry between Alat and Aktau returned to service "
            "on Tuesday, the port authority said in a statement.</p><p>Tickets are sold at the terminal "
            "from Monday to Saturday.</p></article></body></html>")
    (item,) = extract_document(html.encode(), "text/plain", "ferry.txt").items
    assert "<" not in item.body and item.body.startswith("The ferry between Alat")


@pytest.mark.parametrize("content", [
    "Accept all cookies\nManage preferences\nSubscribe\nShare\nLog in\n",
    "\u201c" * 2000,
    '"' * 2000 + "\n" + "\u00ab" * 500,
])
def test_a_page_without_body_text_is_rejected_not_stored_empty(content: str):
    with pytest.raises(ExtractionError) as caught:
        extract_document(content.encode(), "text/plain", "furniture.txt")
    assert caught.value.reason in ("no-article", "no-text")


@pytest.mark.parametrize(("content", "limits"), [
    (TEXT.encode() * 10, Limits(max_document_bytes=1000)),
    (TEXT.encode() * 10, Limits(max_text_chars=1000)),
])
def test_a_document_over_a_size_limit_is_too_large(content: bytes, limits: Limits):
    with pytest.raises(ExtractionError) as caught:
        extract_document(content, "text/plain", "big.txt", limits=limits)
    assert caught.value.reason == "too-large" and "limit" in str(caught.value)


def test_a_feed_with_more_items_than_the_limit_is_too_large():
    items = "".join(f"<item><title>Council meeting number {i} in Shaki</title><description>The council of Shaki "
                    f"met for session {i} to discuss water tariffs.</description></item>" for i in range(30))
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{items}</channel></rss>"
    assert len(extract_document(feed.encode(), "application/rss+xml", "f.xml").items) == 30
    with pytest.raises(ExtractionError) as caught:
        extract_document(feed.encode(), "application/rss+xml", "f.xml", limits=Limits(max_items=10))
    assert caught.value.reason == "too-large"


FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Caspian Ledger</title><item>"
        "<title>Port of Alat doubles ferry capacity</title><pubDate>Tue, 14 May 2024 10:30:00 +0400</pubDate>"
        "<description>The port of Alat will carry twice as many trucks by June, its director said on Tuesday."
        "</description></item></channel></rss>")


@pytest.mark.parametrize(("content", "media_type", "received", "published"), [
    (TEXT, "text/plain", datetime(2024, 5, 20, tzinfo=UTC), "2024-05-14"),  # received later: kept
    (TEXT, "text/plain", datetime(2024, 5, 13, 23, tzinfo=UTC), "2024-05-14"),  # already the 14th at UTC+14
    (TEXT, "text/plain", datetime(2024, 5, 12, tzinfo=UTC), None),
    (FEED, "application/rss+xml", datetime(2024, 5, 14, 6, 30, tzinfo=UTC), "2024-05-14T10:30:00+04:00"),
    (FEED, "application/rss+xml", datetime(2024, 5, 14, 6, 29, tzinfo=UTC), None),  # a minute before
])
def test_a_publication_date_after_receipt_is_dropped(content: str, media_type: str, received: datetime,
                                                     published: str | None):
    (item,) = extract_document(content.encode(), media_type, "bridge", received=received).items
    assert item.published == published
    if published is None:
        assert item.rules["published"].startswith("none:after-received:") and item.published_precision is None
