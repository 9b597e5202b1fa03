"""HTML pages and RSS/Atom feeds -> the crawler-text format the text pipeline reads.

Pure functions, no network I/O: the caller fetches bytes, decodes them and passes a string.

`html_to_text` renders a page the way the crawler text dumps look::

    <title>
    <date: "6 November 2020">
    By <author>[, <author> and <author>]

    <paragraph>

    <paragraph>

Lines that are unknown are left out (no empty date line). The metadata trafilatura found is
returned beside the text so the caller can keep the exact values (ISO date, hostname, ...).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import lxml.etree as etree
import lxml.html
import trafilatura
from dateutil import parser as dateutil_parser
from htmldate import find_date

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_META_KEYS = ("title", "date", "author", "sitename", "hostname", "categories", "tags", "url",
              "description", "language")


def _clean(s: str | None) -> str:
    return _SPACES.sub(" ", s or "").strip()


# Byline cleanup of trafilatura's author string, a cascade per name:
#   1. a lead-in that is no part of the name ("View all posts by X", "Posted by X", "Written by X") goes
#   2. a name that is only a credential or a widget word ("PhD", "Follow", "No author") is no author
#   3. initials and suffixes keep their dots as the page prints them ("T V Raman" -> "T. V. Raman" when the
#      page says so): trafilatura drops the dots
_BYLINE_LEAD = re.compile(r"^(?:view (?:all )?posts by|posted by|written by|story by|words by|by)\s+", re.I)
_NOT_A_NAME = re.compile(r"^(?:ph\.? ?d|m\.? ?d|mba|esq|follow|share|no author|unknown|anonymous|admin)\.?$", re.I)
_SHORT_TOKEN = re.compile(r"^(?:[A-Za-z]{1,2}|jr|sr|st|dr)$", re.I)


def _as_printed(name: str, html: str) -> str:
    """The name as the page spells it, when the page has it with dots after initials/suffixes."""
    tokens = name.split()
    if not any(_SHORT_TOKEN.match(t) for t in tokens) or "." in name:
        return name
    pattern = r"\s*".join(re.escape(t) + (r"\.?" if _SHORT_TOKEN.match(t) else "") for t in tokens)
    m = re.search(r"(?<![\w.])" + pattern + r"(?![\w])", html)
    return _clean(m.group(0)) if m else name


def _authors(author: str | None, html: str = "") -> list[str]:
    """trafilatura joins several authors with "; "."""
    names = (_BYLINE_LEAD.sub("", _clean(x)) for x in (author or "").split(";"))
    return [_as_printed(a, html) if html else a for a in names if a and not _NOT_A_NAME.match(a)]


def _byline(authors: list[str]) -> str:
    if not authors:
        return ""
    if len(authors) == 1:
        return f"By {authors[0]}"
    return "By " + ", ".join(authors[:-1]) + " and " + authors[-1]


def _date_line(iso: str | None) -> str:
    """"2020-11-06" -> "6 November 2020"; "2020-11-06T12:17:00+04:00" -> "6 November 2020 12:17
    (UTC+04:00)" (the forms the seed dumps use); other strings as given."""
    if not iso:
        return ""
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return _clean(iso)
    line = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    if len(iso) > 10:
        try:
            dt = datetime.fromisoformat(iso)
        except ValueError:
            return line
        line += f" {dt:%H:%M}"
        if dt.tzinfo is not None:
            off = dt.strftime("%z")  # "+0400"
            line += f" (UTC{off[:3]}:{off[3:]})"
    return line


# Machine-readable publication timestamps: <meta property="article:published_time" content=...>,
# <meta itemprop="datePublished" content=...>, JSON-LD "datePublished": "...".
_TIMESTAMP = r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))"
_PUBLISHED_TIME = [
    re.compile(r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|datePublished|"
               r"og:published_time|pubdate|publishdate)[\"'][^>]*content=[\"']\s*" + _TIMESTAMP, re.I),
    re.compile(r"<meta[^>]+content=[\"']\s*" + _TIMESTAMP + r"[^>]*(?:property|name|itemprop)=[\"']"
               r"(?:article:published_time|datePublished|og:published_time|pubdate|publishdate)[\"']", re.I),
    re.compile(r"[\"']datePublished[\"']\s*:\s*[\"']\s*" + _TIMESTAMP, re.I),
]


# htmldate's parameters in trafilatura's metadata pass: its date is only the fallback of our own extensive
# search on the raw page (`_publication_day`), so the fast search (trafilatura's default is a second
# extensive one, the costliest part of its metadata), for the original date, none after today.
DATE_PARAMS = {"original_date": True, "extensive_search": False}


def _published(html: str, day: str | None) -> str | None:
    """The page's publication timestamp with its UTC offset, when the page states one for the same
    day as the extracted date; otherwise the day alone (or None)."""
    if not day:
        return None
    for rx in _PUBLISHED_TIME:
        for m in rx.finditer(html):
            raw = m.group(1)
            if raw.endswith("Z"):
                raw = raw[:-1] + "+00:00"
            elif re.search(r"[+-]\d{4}$", raw):
                raw = raw[:-2] + ":" + raw[-2:]
            try:
                dt = datetime.fromisoformat(raw)
            except ValueError:
                continue
            if dt.date().isoformat() == day[:10]:
                return dt.replace(microsecond=0).isoformat()
    return day[:10]


def _copyright_year_only(html: str, day: str, url: str | None) -> bool:
    """htmldate's extensive search falls back to the copyright notice ("(c) 2021" -> 2021-01-01).
    A year of copyright is no publication date: True when that is the only source of `day`."""
    if not day.endswith("-01-01"):
        return False
    year = day[:4]
    if not re.search(r"(?:\u00a9|&copy;|&#169;|copyright)\D{0,40}" + year, html, re.I):
        return False
    return find_date(html, extensive_search=False, original_date=True, url=url) != day


def _publication_day(html: str, url: str | None, trafilatura_day: str | None) -> str | None:
    """The publication day, a cascade:
      1. htmldate's extensive search on the raw page (original date, the URL's date too): trafilatura runs
         htmldate on its own cleaned tree with the canonical URL, which loses dates the raw page states
      2. trafilatura's date
    either one dropped when it is only a copyright year (see `_copyright_year_only`)."""
    try:
        day = find_date(html, extensive_search=True, original_date=True, url=url)
    except Exception:  # htmldate on a page it cannot parse: fall back to trafilatura's answer
        day = None
    for candidate in (day, trafilatura_day):
        if candidate and not _copyright_year_only(html, candidate, url):
            return candidate
    return None


def _paragraphs(text: str | None) -> list[str]:
    """trafilatura's plain text has one block (paragraph, heading, list item, row) per line."""
    return [p for p in (_clean(line) for line in (text or "").splitlines()) if p]


def html_parts(html: str, url: str | None = None) -> tuple[dict, list[str]]:
    """Metadata dict and body paragraphs (no title/date/byline) of an HTML page.

    Metadata keys: title, date (ISO "YYYY-MM-DD" or None), published (ISO 8601 with the time
    and UTC offset when the page's machine-readable timestamp gives them for that same day, else
    the date), author (as trafilatura gives it),
    authors (list), sitename, hostname, categories (list), tags (list), url, description,
    language. Values are None / [] when not found.
    """
    meta: dict = {k: None for k in _META_KEYS}
    meta.update(categories=[], tags=[], authors=[], url=url, published=None)
    if not html or not html.strip():
        return meta, []
    date_params = {**DATE_PARAMS, "max_date": date.today().isoformat()}
    # One call: text and metadata.
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, output_format="python", date_extraction_params=date_params)
    if doc is None:
        # No main text found; metadata alone is still worth having (title, date).
        m = trafilatura.extract_metadata(html, default_url=url, date_config=date_params)
        if m is None:
            return meta, []
        doc, paragraphs = m, []
    else:
        paragraphs = _paragraphs(doc.text)
    for k in _META_KEYS:
        v = getattr(doc, k, None)
        if k in ("categories", "tags"):
            meta[k] = [c for c in (_clean(x) for x in (v or [])) if c]
        elif v is not None:
            meta[k] = _clean(str(v)) or None
    meta["url"] = meta["url"] or url
    meta["authors"] = _authors(meta["author"], html)
    meta["date"] = _publication_day(html, url, meta["date"])
    meta["published"] = _published(html, meta["date"])
    return meta, paragraphs


def html_to_text(html: str, url: str | None = None) -> tuple[str, dict]:
    """Render an HTML page as crawler text (title, date, byline, blank-line-separated paragraphs).

    Returns (text, metadata); see `html_parts` for the metadata keys. The text ends with a
    newline unless it is empty.
    """
    meta, paragraphs = html_parts(html, url)
    title = meta["title"] or ""
    # trafilatura sometimes keeps the headline as the first block: do not print it twice.
    if title and paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    header = [line for line in (title, _date_line(meta["published"]), _byline(meta["authors"])) if line]
    blocks = ["\n".join(header)] if header else []
    blocks += paragraphs
    text = "\n\n".join(blocks)
    return (text + "\n") if text else "", meta


# ---------------------------------------------------------------------------------------- feeds

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(el, *names: str):
    for c in el:
        if _local(c.tag) in names:
            return c
    return None


def _text(el) -> str:
    return _clean("".join(el.itertext())) if el is not None else ""


def _html_to_plain(fragment: str) -> str:
    """Feed summaries are often escaped HTML: keep the text only."""
    fragment = fragment.strip()
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _clean(fragment)
    try:
        return _clean(lxml.html.fragment_fromstring(fragment, create_parent="div").text_content())
    except (etree.ParserError, ValueError):
        return _clean(re.sub(r"<[^>]+>", " ", fragment))


def _iso(raw: str) -> str | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, dc:date) -> ISO 8601; None if unreadable."""
    raw = raw.strip()
    if not raw:
        return None
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(raw)
    except ValueError:
        try:
            dt = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            try:  # the rest: "Wed, 15 May 2024", "May 15, 2024 10:30 GMT" ...
                dt = dateutil_parser.parse(raw)
            except (ValueError, OverflowError):
                dt = None
    if dt is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) or not re.search(r"\d:\d\d", raw):
        return dt.date().isoformat()  # no time of day given: a date only
    return dt.isoformat()


def _atom_link(entry) -> str:
    links = [c for c in entry if _local(c.tag) == "link"]
    for c in links:
        if c.get("rel", "alternate") == "alternate" and c.get("href"):
            return c.get("href").strip()
    for c in links:
        if c.get("href"):
            return c.get("href").strip()
    return ""


def _entry(el, base: str, is_atom: bool) -> dict:
    title = _html_to_plain(_text(_child(el, "title")))
    if is_atom:
        link = _atom_link(el)
        published = _text(_child(el, "published")) or _text(_child(el, "updated"))
        summary_el = _child(el, "summary") if _child(el, "summary") is not None else _child(el, "content")
        author_el = _child(el, "author")
        author = _text(_child(author_el, "name")) if author_el is not None else ""
        ident = _text(_child(el, "id"))
        categories = [c.get("term", "").strip() for c in el if _local(c.tag) == "category"]
    else:  # RSS 2.0 <item>, RSS 1.0 / RDF <item>
        link = _text(_child(el, "link"))
        guid = _child(el, "guid")
        if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
            link = _text(guid)
        published = _text(_child(el, "pubDate")) or _text(_child(el, "date", "published", "updated"))
        summary_el = _child(el, "description")
        if summary_el is None:
            summary_el = _child(el, "encoded")
        author = _text(_child(el, "creator")) or _text(_child(el, "author"))
        ident = _text(guid) or (el.get(f"{{{_RDF}}}about") or "")
        categories = [_text(c) for c in el if _local(c.tag) in ("category", "subject")]
    if link and base:
        link = urljoin(base, link)
    summary = _html_to_plain("".join(summary_el.itertext())) if summary_el is not None else ""
    return {
        "title": title or None,
        "link": link or None,
        "published": _iso(published) if published else None,
        "published_raw": published or None,
        "summary": summary or None,
        "author": author or None,
        "id": ident or None,
        "categories": [c for c in categories if c],
    }


def feed_entries(xml: str | bytes) -> list[dict]:
    """Entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in document order.

    Each entry: title, link (absolute when the feed gives a base link), published (ISO 8601, or
    None), published_raw, summary (plain text, HTML removed), author, id, categories (list).
    Malformed-but-readable XML is recovered; no entity or DTD is fetched. Unreadable input -> [].
    """
    if isinstance(xml, str):
        # lxml refuses str with an encoding declaration: hand it bytes.
        xml = xml.encode("utf-8")
        xml = re.sub(rb"^\s*<\?xml[^>]*\?>", b'<?xml version="1.0" encoding="utf-8"?>', xml, count=1)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(xml.strip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    base = ""
    kind = _local(root.tag)
    if kind == "feed":  # Atom
        base = root.get("{http://www.w3.org/XML/1998/namespace}base") or _atom_link(root)
        items = [c for c in root if _local(c.tag) == "entry"]
    elif kind in ("rss", "RDF"):
        channel = root.find("channel") if kind == "rss" else _child(root, "channel")
        if channel is not None:
            base = _text(_child(channel, "link"))
        items = [el for el in root.iter() if _local(el.tag) == "item"]
    else:
        items = []
    return [_entry(el, base, kind == "feed") for el in items]
