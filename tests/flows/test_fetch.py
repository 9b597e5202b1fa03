"""The fetcher against a real HTTP server on 127.0.0.1 (no other network is ever contacted)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest

from flows.feeds import kind_of, sitemap_links, ungzip
from flows.fetch import AddressPolicy, Fetcher, GuardedBackend, is_url, retry_after_seconds
from models.settings import Settings
from tests.local_http import LocalServer, Route, article_html

PAGE = article_html("Ferry timetable changes on the Caspian coast",
                    ["The harbour office in Lankaran published a new ferry timetable on Monday."] * 3)


def settings(**overrides) -> Settings:
    base = {"fetch_allow_private": True, "fetch_read_timeout": 0.5, "fetch_connect_timeout": 0.5,
            "fetch_total_timeout": 3.0, "fetch_retries": 2, "fetch_backoff_seconds": 0.01,
            "fetch_max_bytes": 50_000, "fetch_respect_robots": True}
    return Settings(**{**base, **overrides})


@pytest.fixture
def server():
    with LocalServer() as s:
        yield s


@pytest.mark.parametrize(("address", "refused"), [
    ("127.0.0.1", "loopback"), ("10.0.0.1", "private"), ("192.168.1.20", "private"), ("172.16.5.4", "private"),
    ("169.254.169.254", "link-local"), ("224.0.0.251", "multicast"), ("0.0.0.0", "unspecified"),
    ("::1", "loopback"), ("fe80::1", "link-local"), ("::ffff:10.1.2.3", "private"), ("fc00::5", "private"),
    ("93.184.216.34", None), ("2606:4700::1111", None),
])
def test_address_policy_refuses_every_non_public_address(address, refused):
    why = AddressPolicy(False, []).refusal(address)
    assert (why is None) if refused is None else (why is not None and why.startswith(refused))
    assert AddressPolicy(True, []).refusal(address) is None


def test_an_allowed_network_lets_one_private_range_through_and_no_other():
    policy = AddressPolicy(False, ["127.0.0.1/32"])
    assert policy.refusal("127.0.0.1") is None
    assert policy.refusal("10.0.0.1") is not None


@pytest.mark.parametrize(("address", "host"), [("10.0.0.1", "10.0.0.1"), ("169.254.169.254", "169.254.169.254")])
def test_the_guard_refuses_before_any_socket_is_opened(monkeypatch, address, host):
    opened = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: opened.append(a))
    with pytest.raises(Exception, match="resolves to a"):
        GuardedBackend(AddressPolicy(False, [])).connect_tcp(host, 80, timeout=0.1)
    assert opened == []


@pytest.mark.parametrize(("value", "seconds"), [("7", 7.0), ("0", 0.0), (None, None), ("soon", None),
                                                ("Tue, 01 Dec 2026 12:00:30 GMT", 30.0)])
def test_retry_after_reads_seconds_and_http_dates(value, seconds):
    assert retry_after_seconds(value, now=datetime(2026, 12, 1, 12, 0, tzinfo=UTC)) == seconds


@pytest.mark.parametrize(("source", "url"), [("https://a.example/x", True), ("ftp://a.example/f", True),
                                             ("pages/today.txt", False), ("C:/pages/x.txt", False)])
def test_is_url(source, url):
    assert is_url(source) is url


@pytest.mark.parametrize(("content", "kind"), [
    (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
    (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', "sitemap"),
    (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>', "sitemapindex"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    (b"Ferry timetable changes\n\nThe harbour office ...", "text"),
])
def test_kind_of_reads_the_root_element(content, kind):
    assert kind_of(content) == kind


def test_sitemap_links_and_gzip_limits():
    import gzip

    xml = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://a.example/1 </loc>'
           b"<lastmod>2026-11-30</lastmod></url><url><loc>https://a.example/2</loc></url></urlset>")
    assert sitemap_links(ungzip(gzip.compress(xml), 10_000)) == [("https://a.example/1", "2026-11-30"),
                                                                 ("https://a.example/2", None)]
    with pytest.raises(ValueError):
        ungzip(gzip.compress(b" " * 20_000), 10_000)


def test_a_page_is_fetched_with_our_user_agent(server):
    server.routes["/story.html"] = Route(PAGE)
    with Fetcher(settings()) as f:
        result = f.fetch(server.url("/story.html"))
    assert result.ok and result.content == PAGE
    agent = dict(server.requests)["/story.html"]["User-Agent"]
    assert agent.startswith("mediamon/")


@pytest.mark.parametrize(("route", "reason"), [
    (Route(PAGE, delay=2.0), "timeout"),
    (Route(b"x" * 60_000), "too-large"),
    (Route(PAGE, status=500), "http-500"),
    (Route(PAGE, status=404), "http-404"),
])
def test_failed_fetches_end_with_a_reason(server, route, reason):
    server.routes["/p"] = route
    with Fetcher(settings()) as f:
        result = f.fetch(server.url("/p"))
    assert result.reason == reason and not result.ok and result.error


def test_a_size_cap_holds_without_content_length_too(server):
    server.routes["/chunked"] = Route(b"y" * 60_000)
    with Fetcher(settings(fetch_max_bytes=1_000)) as f:
        assert f.fetch(server.url("/chunked")).reason == "too-large"


def test_5xx_and_429_are_retried_with_backoff_and_retry_after(server):
    waits = []
    server.routes["/busy"] = Route(PAGE, failures=2, failure_status=429, failure_headers={"Retry-After": "1"})
    with Fetcher(settings(), sleep=waits.append) as f:
        result = f.fetch(server.url("/busy"))
    assert result.ok and result.attempts == 3
    assert waits == [1.0, 1.0]  # Retry-After (1 s) beats the 0.01/0.02 s backoff
    server.routes["/flaky"] = Route(PAGE, failures=1, failure_status=503)
    with Fetcher(settings(), sleep=waits.append) as f:
        assert f.fetch(server.url("/flaky")).ok
    assert waits[-1] == 0.01
    server.routes["/down"] = Route(PAGE, status=500)
    with Fetcher(settings(), sleep=waits.append) as f:
        result = f.fetch(server.url("/down"))
    assert result.reason == "http-500" and result.attempts == 3  # 1 + fetch_retries


def test_a_retry_after_longer_than_the_limit_is_not_waited_for(server):
    waits = []
    server.routes["/later"] = Route(PAGE, failures=5, failure_status=503, failure_headers={"Retry-After": "3600"})
    with Fetcher(settings(), sleep=waits.append) as f:
        result = f.fetch(server.url("/later"))
    assert result.reason == "http-503" and waits == [] and "Retry-After" in result.error


def test_conditional_requests_send_the_validators(server):
    server.routes["/etag.html"] = Route(PAGE, etag='"v1"')
    with Fetcher(settings()) as f:
        first = f.fetch(server.url("/etag.html"))
        again = f.fetch(server.url("/etag.html"), etag=first.etag)
    assert first.ok and first.etag == '"v1"'
    assert again.not_modified and again.content is None


def test_robots_txt_is_obeyed_unless_turned_off(server):
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.routes["/private/memo.html"] = Route(PAGE)
    with Fetcher(settings()) as f:
        assert f.fetch(server.url("/private/memo.html")).reason == "robots-disallowed"
    assert server.hits["/private/memo.html"] == 0
    with Fetcher(settings(fetch_respect_robots=False)) as f:
        assert f.fetch(server.url("/private/memo.html")).ok


def test_redirects_are_checked_at_every_hop(server):
    """127.0.0.1 is allowed for the test server only; a redirect to 10.0.0.1 or the cloud metadata address
    is refused before connecting, and a redirect to another scheme is refused."""
    cases = {"/to-private": "http://10.0.0.1/admin", "/to-metadata": "http://169.254.169.254/latest/meta-data/",
             "/to-file": "file:///etc/passwd"}
    for path, target in cases.items():
        server.routes[path] = Route(b"", status=302, headers={"Location": target})
    with Fetcher(settings(fetch_allow_private=False, fetch_allow_networks=["127.0.0.1/32"])) as f:
        reasons = {path: f.fetch(server.url(path)).reason for path in cases}
        direct = f.fetch("http://10.0.0.1/")
    assert reasons == {"/to-private": "blocked-address", "/to-metadata": "blocked-address",
                       "/to-file": "unsupported-scheme"}
    assert direct.reason == "blocked-address"
    hits = sum(server.hits.values())
    with Fetcher(settings(fetch_allow_private=False)) as f:  # no allowed network: loopback is refused too
        by_ip = f.fetch(server.url("/to-private"))
        by_name = f.fetch(server.url("/to-private").replace("127.0.0.1", "localhost"))
    assert by_ip.reason == by_name.reason == "blocked-address" and sum(server.hits.values()) == hits
    with Fetcher(settings()) as f:
        assert f.fetch("ftp://127.0.0.1/x").reason == "unsupported-scheme"


def test_at_most_n_requests_at_once_per_host(server):
    from concurrent.futures import ThreadPoolExecutor

    server.routes["/robots.txt"] = Route(b"", content_type="text/plain")
    server.routes["/slow"] = Route(PAGE, delay=0.3)
    with Fetcher(settings(fetch_per_domain=2, fetch_read_timeout=5, fetch_total_timeout=10)) as f:
        f.fetch(server.url("/robots.txt"))
        server.peak = 0
        with ThreadPoolExecutor(6) as pool:
            results = list(pool.map(lambda _: f.fetch(server.url("/slow")), range(6)))
    assert all(r.ok for r in results) and server.peak == 2


def test_outlet_feeds_come_from_the_registry_by_domain():
    from extractors.layout.outlets import parse_registry
    from flows.live import registry_feeds

    registry = parse_registry({"outlet": [
        {"key": "kura", "name": "Kura Times", "domain": "kura-times.example",
         "feeds": ["https://kura-times.example/rss.xml", "https://kura-times.example/sitemap.xml"]},
        {"key": "ledger", "name": "Caspian Ledger", "domain": "caspian-ledger.example",
         "feeds": ["https://caspian-ledger.example/feed"]},
        {"key": "quiet", "name": "Quiet Post", "domain": "quiet-post.example"},
    ]})
    assert registry_feeds(None, registry) == []
    assert registry_feeds(["www.caspian-ledger.example"], registry) == ["https://caspian-ledger.example/feed"]
    assert registry_feeds([], registry) == ["https://kura-times.example/rss.xml", "https://kura-times.example/sitemap.xml",
                                            "https://caspian-ledger.example/feed"]
