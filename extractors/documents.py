"""Bytes of any supported kind -> a Page. Pure: decoding, sniffing and dispatch, no I/O.

Failures raise `ExtractionError` with a short reason code, which the flow stores in quarantine.
"""

from __future__ import annotations

from charset_normalizer import from_bytes

from extractors.records import Article, Page
from extractors.web import DocumentContext, apply_identity

# Bump when extraction output changes: stored with every article row.
EXTRACTOR_VERSION = "2026.11.1"
MIN_TEXT_CHARS = 40


class ExtractionError(ValueError):
    """Input that yields no article; `reason` is a short code for the rejections table."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM) first; otherwise the encoding charset-normalizer finds."""
    if not content.strip():
        raise ExtractionError("empty", "the document is empty")
    if b"\x00" in content[:8192]:
        raise ExtractionError("binary", "the document contains NUL bytes: not a text page")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(content).best()
    if best is None:
        raise ExtractionError("undecodable", "the document is neither UTF-8 nor any text encoding detected")
    return str(best)


def extract_document(content: bytes, media_type: str, source: str, context: DocumentContext | None = None) -> Page:
    """Dispatch on media type; text pages go straight to the text pipeline. `context`: the page's URL
    and what its feed entry or sidecar said (extractors/web.py), when known."""
    from extractors.pipeline import extract_page

    text = decode(content)
    url = context.url if context and context.url else (source if "://" in source else None)
    metadata: dict = {}
    if media_type == "text/html":
        from extractors.html import html_to_text

        text, metadata = html_to_text(text, url=url)
    elif media_type in ("application/rss+xml", "application/atom+xml"):
        return _extract_feed(text, source)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise ExtractionError("no-text", f"only {len(text.strip())} characters of text")
    page = extract_page(text, source)
    if not page.items:
        raise ExtractionError("no-article", "no article body was found in the page")
    page.url = url
    return apply_identity(page, context or DocumentContext(url=url), metadata)


def _extract_feed(xml: str, source: str) -> Page:
    """A feed: each entry with text becomes one item (title, date and summary as the feed gives them)."""
    from extractors.html import feed_entries
    from extractors.pipeline import attach_language, attach_speech

    page = Page(source=source, rules={"document": "feed"})
    for entry in feed_entries(xml):
        body = (entry.get("summary") or "").strip()
        if len(body) + len(entry.get("title") or "") < MIN_TEXT_CHARS:
            continue
        article = Article(index=len(page.items), title=entry.get("title") or None, body=body,
                          authors=[entry["author"]] if entry.get("author") else [],
                          category=(entry.get("categories") or [None])[0],
                          rules={"title": "feed:title", "body": "feed:summary", "authors": "feed:author"})
        published = entry.get("published")
        if published:
            # A feed time without an offset says nothing of its zone: keep the date only.
            precision = "minute" if "T" in published and published[-6] in "+-" or published.endswith("Z") else "day"
            article.published = published if precision == "minute" else published[:10]
            article.published_precision = precision
            article.rules["published"] = f"feed:published:{precision}"
        attach_language(article)
        attach_speech(article)
        page.items.append(article)
    if not page.items:
        raise ExtractionError("no-article", "the feed has no entries with text")
    return page
