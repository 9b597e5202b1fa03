"""A page's web identity: URL, canonical URL, outlet from the domain, carrier of a syndicated copy,
and the fields a feed entry or crawler sidecar gives as fallbacks. Pure: no I/O.

Outlet cascade for a page with a URL (the rule lands in page.rules["outlet"]):
  1. the text names the original outlet (a syndication credit, a masthead, an agency credit) and it
     differs from the domain's outlet -> outlet = that original, carrier = the domain's outlet
  2. the domain is in the registry (www. and subdomains folded)   -> "domain:<key>"
  3. the sidecar names an outlet the registry knows                 -> "sidecar:<key>"
  4. an unknown domain is an outlet of its own, named by the page's sitename (else the domain)
                                                                    -> "domain:unregistered"
A text page without URL keeps the text's outlet; a syndication wrapper's outlet is its carrier.

Field fallbacks (page first; the feed entry / sidecar fills only what the page lacks):
  title     text pipeline -> trafilatura title -> context title           rule "html:title" / "feed:title"
  published text pipeline -> trafilatura published -> context published   rule "html:published" / "feed:published"
  authors   text pipeline -> trafilatura authors -> context author        rule "html:author" / "feed:author"
  category  text pipeline -> trafilatura categories[0]                    rule "html:category"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from courlan import normalize_url

from extractors.layout.outlets import OutletSpec, find_outlet, load_registry
from extractors.records import Article, Outlet, Page

_ISO_MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class DocumentContext:
    """What is known of a document besides its bytes: where it was fetched and what its feed said."""

    url: str | None = None
    fetched_at: str | None = None  # ISO 8601
    title: str | None = None  # a feed entry's
    published: str | None = None  # a feed entry's, ISO 8601
    author: str | None = None
    outlet: str | None = None  # a sidecar's outlet name or domain
    via: str | None = None  # the feed or sitemap that listed it
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_hints(cls, url: str | None, fetched_at: str | None, hints: dict | None) -> DocumentContext:
        hints = hints or {}
        return cls(url=url, fetched_at=fetched_at, title=hints.get("title"), published=hints.get("published"),
                   author=hints.get("author"), outlet=hints.get("outlet"), via=hints.get("via"))


def canonical(url: str | None) -> str | None:
    """courlan's normalisation (scheme and host lower-cased, default port, fragment and tracking
    parameters dropped, query sorted); None for what is no http(s) URL."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return normalize_url(url.strip(), strict=True)
    except (ValueError, AttributeError):
        return None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.") or None


def registry_outlet(host: str | None) -> OutletSpec | None:
    """The registry outlet of a host: its domain or a subdomain of it ("en.trend.az" -> trend.az)."""
    if not host:
        return None
    hits = [s for s in load_registry() if s.domain and (host == s.domain or host.endswith("." + s.domain))]
    return max(hits, key=lambda s: len(s.domain), default=None)


def domain_outlet(url: str | None, sitename: str | None) -> Outlet | None:
    host = host_of(url)
    spec = registry_outlet(host)
    if spec is not None:
        return spec.outlet(f"domain:{spec.key}")
    if not host:
        return None
    name = (sitename or "").strip() or host
    return Outlet(name=name[:200], domain=host, rule="domain:unregistered")


def _carrier_from_rule(outlet: Outlet | None) -> Outlet | None:
    """"syndication:menafn:trend" -> the syndicator (MENAFN), whose page this copy is."""
    if outlet is None or not outlet.rule.startswith("syndication:"):
        return None
    key = outlet.rule.split(":")[1]
    spec = next((s for s in load_registry() if s.key == key), None)
    return spec.outlet(f"carrier:syndication:{key}") if spec else None


def apply_identity(page: Page, context: DocumentContext | None, meta: dict | None = None) -> Page:
    """Set url, canonical_url, outlet, carrier and fallback fields of an extracted page (in place)."""
    context = context or DocumentContext()
    meta = meta or {}
    page.url = context.url or page.url
    page.canonical_url = canonical(meta.get("url") if meta.get("url") and meta.get("url") != page.url
                                   else None) or canonical(page.url)
    text_outlet = page.outlet
    carrier = _carrier_from_rule(text_outlet)
    sidecar = find_outlet(context.outlet) if context.outlet else None
    site = domain_outlet(page.url, meta.get("sitename"))
    if site is not None:
        if text_outlet is not None and text_outlet.domain != site.domain and not text_outlet.rule.startswith("domain"):
            carrier = site  # 1. a copy: the text credits another outlet, the domain carried it
        elif site.rule == "domain:unregistered" and sidecar is not None:
            page.outlet = sidecar.outlet(f"sidecar:{sidecar.key}")  # 3.
        else:
            page.outlet = text_outlet if text_outlet is not None and text_outlet.domain == site.domain else site
    elif text_outlet is None and sidecar is not None:
        page.outlet = sidecar.outlet(f"sidecar:{sidecar.key}")
    if carrier is not None and page.outlet is not None and carrier.domain == page.outlet.domain:
        carrier = None
    page.carrier = carrier
    page.rules["outlet"] = page.outlet.rule if page.outlet else page.rules.get("outlet", "none:no-signature")
    if carrier is not None:
        page.rules["carrier"] = carrier.rule
    for article in page.items:
        article.rules["outlet"] = page.rules["outlet"]
        _fallbacks(article, meta, context)
    return page


def _published(value: str | None) -> tuple[str, str] | None:
    """An ISO value -> (value, precision), or None when it is neither a day nor a time with offset."""
    if not value:
        return None
    value = value.strip().replace("Z", "+00:00") if value.strip().endswith("Z") else value.strip()
    if _ISO_MINUTE.match(value):
        return value, "minute"
    if _ISO_DAY.match(value[:10]):
        return value[:10], "day"
    return None


def _fallbacks(article: Article, meta: dict, context: DocumentContext) -> None:
    if not article.title:
        if meta.get("title"):
            article.title, article.rules["title"] = meta["title"], "html:title"
        elif context.title:
            article.title, article.rules["title"] = context.title, "feed:title"
    if not article.published:
        for value, rule in ((meta.get("published"), "html:published"), (context.published, "feed:published")):
            got = _published(value)
            if got:
                article.published, article.published_precision = got
                article.rules["published"] = f"{rule}:{got[1]}"
                break
    elif article.published_precision == "day":  # the page's day, the machine-readable time of that day
        got = _published(meta.get("published"))
        if got and got[1] == "minute" and got[0][:10] == article.published[:10]:
            article.published, article.published_precision = got
            article.rules["published"] += "+html:time"
    if not article.authors:
        if meta.get("authors"):
            article.authors, article.rules["authors"] = list(meta["authors"]), "html:author"
        elif context.author:
            article.authors, article.rules["authors"] = [context.author], "feed:author"
    if not article.category and meta.get("categories"):
        article.category, article.rules["category"] = meta["categories"][0], "html:category"
