"""Bytes of any supported kind -> a Page. Pure: decoding, sniffing and dispatch, no I/O.

Failures raise `ExtractionError` with a short reason code, which the flow stores in quarantine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from extractors.decoding import ExtractionError, decode, sniff_text
from extractors.layout.page import normalise_text
from extractors.records import Article, Page
from extractors.web import DocumentContext, apply_identity

__all__ = ["EXTRACTOR_VERSION", "ExtractionError", "Limits", "decode", "extract_document"]

# Bump when extraction output changes: stored with every article row.
EXTRACTOR_VERSION = "2026.11.1"
MIN_TEXT_CHARS = 40
# A page dated only by day can be "tomorrow" where its outlet is (UTC+14 at most) and still be in the past.
LATEST_ZONE = timedelta(hours=14)
WORD = re.compile(r"\w")
FEED_ENTRY_TAG = re.compile(r"<(?:item|entry)[\s>/]")


@dataclass(frozen=True)
class Limits:
    """Size limits that keep the memory and time per document bounded (models/settings.py sets them)."""

    max_document_bytes: int = 20_000_000
    max_text_chars: int = 1_500_000
    max_items: int = 20_000


def extract_document(content: bytes, media_type: str, source: str, received: datetime | None = None,
                     limits: Limits = Limits(), context: DocumentContext | None = None) -> Page:
    """Dispatch on media type (a plain text that is HTML or a feed is read as one); text pages go
    straight to the text pipeline. A date after `received` (when given) is not a publication date.
    `context`: the page's URL and what its feed entry or sidecar said (extractors/web.py), when known."""
    from extractors.pipeline import extract_page

    _check_size("document", len(content), limits.max_document_bytes, "bytes")
    text = decode(content)
    url = context.url if context and context.url else (source if "://" in source else None)
    metadata: dict = {}
    if media_type == "text/plain":
        media_type = sniff_text(text) or media_type
    if media_type == "text/html":
        from extractors.html import html_to_text

        _check_size("HTML", len(text), limits.max_document_bytes, "characters")
        text, metadata = html_to_text(text, url=url)
    if media_type in ("application/rss+xml", "application/atom+xml"):
        page = _extract_feed(text, source, limits)
    else:
        if len(text.strip()) < MIN_TEXT_CHARS:
            raise ExtractionError("no-text", f"only {len(text.strip())} characters of text")
        _check_size("text", len(text), limits.max_text_chars, "characters")
        page = extract_page(text, source)
    # An article is its body (text has a letter or digit: a line of quote marks is none): a page
    # none of whose items has body text is rejected; in a digest
    # that has one, a headline-only item is kept, an item with neither headline nor body is not.
    if not any(WORD.search(a.body) for a in page.items):
        raise ExtractionError("no-article", "no article body was found in the page")
    page.items = [a for a in page.items if WORD.search(a.body) or WORD.search(a.title or "")]
    for index, article in enumerate(page.items):
        article.index = index
        if received is not None:
            _drop_date_after(article, received)
    if len(page.items) > limits.max_items:
        raise ExtractionError("too-large", f"{len(page.items)} items, more than the limit of {limits.max_items}")
    if media_type in ("application/rss+xml", "application/atom+xml"):
        return page
    page.url = url
    page = apply_identity(page, context or DocumentContext(url=url), metadata)
    if received is not None:  # a feed or sidecar date backs up the page's: check it too
        for article in page.items:
            _drop_date_after(article, received)
    return page


def _check_size(what: str, size: int, limit: int, unit: str) -> None:
    if size > limit:
        raise ExtractionError("too-large", f"the {what} is {size:,} {unit}, more than the limit of {limit:,}")


def _drop_date_after(article: Article, received: datetime) -> None:
    """A publication date later than the receipt of the document is a misread (a visit date, an event)."""
    if not article.published:
        return
    received = received if received.tzinfo else received.replace(tzinfo=UTC)
    if len(article.published) == 10:
        late = date.fromisoformat(article.published) > (received.astimezone(UTC) + LATEST_ZONE).date()
    else:
        moment = datetime.fromisoformat(article.published)
        late = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)) > received
    if late:
        rule = article.rules.get("published", "")
        article.published, article.published_precision = None, None
        article.rules["published"] = f"none:after-received:{rule}"


def _extract_feed(xml: str, source: str, limits: Limits) -> Page:
    """A feed: each entry with text becomes one item (title, date and summary as the feed gives them)."""
    from extractors.html import feed_entries
    from extractors.pipeline import attach_language, attach_speech

    page = Page(source=source, rules={"document": "feed"})
    tags = sum(1 for _ in FEED_ENTRY_TAG.finditer(xml))  # counted before parsing: parsing is the cost
    if tags > limits.max_items:
        raise ExtractionError("too-large", f"{tags} feed entries, more than the limit of {limits.max_items}")
    entries = feed_entries(xml)
    for entry in entries:
        body = normalise_text(entry.get("summary") or "").strip()
        entry["title"] = normalise_text(entry.get("title") or "").strip()
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
