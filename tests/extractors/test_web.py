"""A page's web identity (extractors/web.py) and the HTML byline cleanup, on invented pages and names."""

from __future__ import annotations

import pytest

from extractors.documents import extract_document
from extractors.html import _authors
from extractors.web import DocumentContext, canonical, domain_outlet, registry_outlet
from tests.local_http import article_html

PARAGRAPHS = [
    "The Kura river council approved a new embankment plan for four villages near Sabirabad on Tuesday.",
    '"The embankment will protect four villages from the spring floods," said Rashad Mammadli, '
    "the head of the river council.",
    "Work on the first section is due to start in March and to last two years, the council said.",
]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.Kura-Times.example:443/news/story?utm_source=rss&id=7#comments",
     "https://www.kura-times.example/news/story?id=7"),
    ("http://kura-times.example/a/b/", "http://kura-times.example/a/b/"),
    ("ftp://kura-times.example/file", None),
    ("", None),
    (None, None),
])
def test_canonical_urls_are_normalised(url, expected):
    assert canonical(url) == expected


@pytest.mark.parametrize(("url", "key"), [
    ("https://www.azernews.az/business/123.html", "azernews"),
    ("https://azernews.az/x", "azernews"),
    ("https://en.trend.az/azerbaijan/1.html", "trend"),
    ("https://notazernews.az/x", None),
    ("https://kura-times.example/x", None),
])
def test_the_registry_outlet_of_a_host_folds_www_and_subdomains(url, key):
    from extractors.web import host_of

    spec = registry_outlet(host_of(url))
    assert (spec.key if spec else None) == key


@pytest.mark.parametrize(("url", "sitename", "name", "rule"), [
    ("https://www.kura-times.example/x", "Kura Times", "Kura Times", "domain:unregistered"),
    ("https://www.kura-times.example/x", None, "kura-times.example", "domain:unregistered"),
    ("https://www.azernews.az/x", "whatever the page says", "AzerNews", "domain:azernews"),
])
def test_an_unknown_domain_is_an_outlet_of_its_own_named_by_its_sitename(url, sitename, name, rule):
    outlet = domain_outlet(url, sitename)
    assert (outlet.name, outlet.rule) == (name, rule)


def test_an_html_page_gets_url_canonical_url_outlet_and_fallbacks():
    html = article_html("River council approves the Kura embankment plan", PARAGRAPHS,
                        sitename="Kura Times", canonical="https://kura-times.example/news/embankment")
    ctx = DocumentContext(url="https://kura-times.example/news/embankment?utm_medium=feed",
                          published="2026-11-24T10:15:00+04:00", author="Nigar Valiyeva")
    page = extract_document(html, "text/html", "https://kura-times.example/news/embankment?utm_medium=feed",
                            context=ctx)
    article = page.items[0]
    assert page.url == ctx.url and page.canonical_url == "https://kura-times.example/news/embankment"
    assert (page.outlet.name, page.outlet.domain) == ("Kura Times", "kura-times.example")
    assert (article.published, article.rules["published"]) == ("2026-11-24T10:15:00+04:00", "feed:published:minute")
    assert (article.authors, article.rules["authors"]) == (["Nigar Valiyeva"], "feed:author")


def test_a_syndicated_text_page_keeps_the_credited_outlet_and_its_carrier():
    text = ("River council approves the Kura embankment plan\n\n" + "\n\n".join(PARAGRAPHS)
            + "\n\nSource: Kura Times\n")
    page = extract_document(text.encode(), "text/plain", "copy.txt",
                            context=DocumentContext(url="https://www.caspian-ledger.example/story/9"))
    assert page.outlet.name == "Kura Times"
    assert page.carrier.domain == "caspian-ledger.example" and page.rules["carrier"] == "domain:unregistered"


def test_a_sidecar_outlet_names_the_outlet_of_a_text_dump_without_a_signature():
    text = "River council approves the Kura embankment plan\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    page = extract_document(text.encode(), "text/plain", "dump.txt", context=DocumentContext(outlet="azernews.az"))
    assert (page.outlet.name, page.rules["outlet"]) == ("AzerNews", "sidecar:azernews")
    assert page.url is None and page.carrier is None


@pytest.mark.parametrize(("author", "html", "expected"), [
    ("View all posts by Farid Jafarov", "", ["Farid Jafarov"]),
    ("Posted by Gunel Safarova; Follow", "", ["Gunel Safarova"]),
    ("Leyla Karimova; PhD", "", ["Leyla Karimova"]),
    ("No author", "", []),
    ("T R Huseynov", "<span class='byline'>By T. R. Huseynov</span>", ["T. R. Huseynov"]),
    ("Orkhan Babayev Jr", "<p>Orkhan Babayev Jr. reports from Ganja</p>", ["Orkhan Babayev Jr."]),
    ("Orkhan Babayev Jr", "<p>no such spelling here</p>", ["Orkhan Babayev Jr"]),
    ("Aysel Guliyeva; Elnur Hasanov", "", ["Aysel Guliyeva", "Elnur Hasanov"]),
])
def test_bylines_drop_lead_ins_and_widget_words_and_keep_printed_initials(author, html, expected):
    assert _authors(author, html) == expected
