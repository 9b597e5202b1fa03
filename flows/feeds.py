"""What a fetched URL is (page, feed, sitemap, sitemap index) and the page URLs a feed or sitemap lists.

Pure parsing of bytes already fetched (flows/fetch.py fetches): feeds through extractors.html.feed_entries,
sitemaps (sitemaps.org 0.9, gzipped or not) through lxml with entities and network off.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.etree as etree

from extractors.html import feed_entries

_HEAD_TAG = re.compile(rb"<(?!\?|!)([A-Za-z_][\w.-]*:)?(rss|feed|RDF|urlset|sitemapindex|html)\b")


@dataclass
class ListedPage:
    """A page URL a feed or sitemap listed, with the fields it gave (fallbacks for the page's)."""

    url: str
    hints: dict = field(default_factory=dict)  # title, published, author, via


def ungzip(content: bytes, limit: int) -> bytes:
    """A gzipped sitemap (.xml.gz) -> its XML, refusing more than `limit` bytes (no zip bombs)."""
    if not content.startswith(b"\x1f\x8b"):
        return content
    out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(content, limit + 1)
    if len(out) > limit:
        raise ValueError(f"the gzipped document unpacks to more than {limit} bytes")
    return out


def kind_of(content: bytes, content_type: str = "") -> str:
    """"feed" | "sitemap" | "sitemapindex" | "html" | "text": by the root element first, then the header."""
    m = _HEAD_TAG.search(content[:4096])
    if m:
        root = m.group(2).decode()
        return {"rss": "feed", "feed": "feed", "RDF": "feed", "urlset": "sitemap",
                "sitemapindex": "sitemapindex", "html": "html"}[root]
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("application/rss+xml", "application/atom+xml"):
        return "feed"
    if ctype in ("text/html", "application/xhtml+xml") or content[:512].lstrip().lower().startswith(b"<!doctype html"):
        return "html"
    return "text"


def media_type(kind: str) -> str:
    return {"html": "text/html", "feed": "application/rss+xml"}.get(kind, "text/plain")


def sitemap_links(content: bytes) -> list[tuple[str, str | None]]:
    """(loc, lastmod) of each <url> or <sitemap> entry, in document order."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content.strip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    out = []
    for entry in root:
        if not isinstance(entry.tag, str) or etree.QName(entry).localname not in ("url", "sitemap"):
            continue
        loc = lastmod = None
        for child in entry:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip() or None
        if loc:
            out.append((loc, lastmod))
    return out


def feed_pages(content: bytes, feed_url: str) -> list[ListedPage]:
    """The entries of a feed that link to a page, with their title, date and author as hints."""
    pages = []
    for e in feed_entries(content):
        if not e.get("link"):
            continue
        hints = {k: e[k] for k in ("title", "published", "author") if e.get(k)}
        pages.append(ListedPage(urljoin(feed_url, e["link"]), {**hints, "via": feed_url}))
    return pages


def sitemap_pages(content: bytes, sitemap_url: str) -> list[ListedPage]:
    return [ListedPage(urljoin(sitemap_url, loc), {"via": sitemap_url, **({"lastmod": mod} if mod else {})})
            for loc, mod in sitemap_links(content)]

