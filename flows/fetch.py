"""Fetching URLs politely and safely (httpx): the only network I/O of the ingest path.

Every fetch ends as a `FetchResult`: content, a 304 (not modified), or a failure with a short reason
(the flow stores it as a rejection; the run goes on). What a fetch obeys (models/settings.py):

- http and https only; the address every host resolves to is checked when the connection is opened
  (so after DNS and after every redirect, before any byte is sent): private, loopback, link-local,
  multicast, reserved and unspecified addresses are refused unless `fetch_allow_private`, or the
  address is inside `fetch_allow_networks`;
- connect / read timeouts and a total deadline; a size cap (Content-Length first, then while reading);
- a user agent naming the project; robots.txt (urllib.robotparser, cached per host for a run);
- retries with exponential backoff on 429 / 5xx / dropped connections, Retry-After honoured;
- conditional requests: the caller hands in the ETag / Last-Modified stored from the last fetch;
- at most `fetch_per_domain` requests at once per host (a semaphore per host).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from models.settings import Settings, get_settings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class BlockedAddress(Exception):
    """A host resolving to an address we refuse to connect to (raised before connecting)."""


@dataclass
class FetchResult:
    url: str  # as requested
    final_url: str | None = None  # after redirects
    status: int | None = None
    content: bytes | None = None
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = None
    reason: str | None = None  # set when the fetch failed: the rejection's reason code
    error: str = ""
    attempts: int = 0
    retry_after: str | None = None  # the server's Retry-After header

    @property
    def ok(self) -> bool:
        return self.reason is None and self.status == 200 and self.content is not None

    @property
    def not_modified(self) -> bool:
        return self.reason is None and self.status == 304


def is_url(source: str) -> bool:
    """A source argument that names a URL (any scheme: the fetch refuses the unsupported ones) other than
    file://, which names a local file (flows.sources.json_safe_source writes odd file names so)."""
    head = source.split("://", 1)[0]
    return "://" in source and head.isascii() and head.isalpha() and head.lower() != "file"


class AddressPolicy:
    """Which resolved addresses may be connected to."""

    def __init__(self, allow_private: bool, allow_networks: list[str]) -> None:
        self.allow_private = allow_private
        self.networks = [ipaddress.ip_network(n, strict=False) for n in allow_networks]

    def refusal(self, address: str) -> str | None:
        """Why `address` is refused, or None when it may be used."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if self.allow_private or any(ip in n for n in self.networks):
            return None
        for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
            if getattr(ip, f"is_{kind}"):
                return f"{kind.replace('_', '-')} address {ip}"
        if not ip.is_global:
            return f"non-global address {ip}"
        return None


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, resolving the host itself and refusing forbidden addresses
    before opening the socket; it connects to the very address it checked (no DNS rebinding)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        for address in addresses:  # one forbidden address refuses the host: no fallback games
            why = self.policy.refusal(address)
            if why:
                raise BlockedAddress(f"{host} resolves to a {why}")
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


class HostLimiter:
    """At most `per_host` requests at once to one host."""

    def __init__(self, per_host: int) -> None:
        self.per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.BoundedSemaphore] = {}

    def __call__(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._semaphores.setdefault(host, threading.BoundedSemaphore(self.per_host))


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Fetcher:
    """One HTTP client for a run: `with Fetcher() as f: f.fetch(url)` (thread-safe)."""

    def __init__(self, settings: Settings | None = None, sleep=time.sleep) -> None:
        self.settings = s = settings or get_settings()
        self.sleep = sleep
        transport = httpx.HTTPTransport(retries=0)
        # httpx builds its httpcore pool without a backend argument: give it ours (the address guard).
        transport._pool._network_backend = GuardedBackend(AddressPolicy(s.fetch_allow_private, s.fetch_allow_networks))
        self.client = httpx.Client(
            transport=transport, follow_redirects=True, max_redirects=s.fetch_max_redirects, trust_env=False,
            headers={"User-Agent": s.fetch_user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(connect=s.fetch_connect_timeout, read=s.fetch_read_timeout,
                                  write=s.fetch_read_timeout, pool=s.fetch_total_timeout),
            limits=httpx.Limits(max_connections=max(1, s.fetch_concurrency)))
        self.limit = HostLimiter(s.fetch_per_domain)
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()

    # ------------------------------------------------------------------------------------ robots

    def robots_refusal(self, url: str) -> FetchResult | None:
        """None when robots.txt lets us fetch `url` (or robots are turned off); else the refusal."""
        if not self.settings.fetch_respect_robots:
            return None
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            known = origin in self._robots
            rules = self._robots.get(origin)
        if not known:
            rules = self._load_robots(origin)
            with self._robots_lock:
                self._robots[origin] = rules
        if isinstance(rules, FetchResult):  # robots.txt could not be read
            reason = rules.reason if rules.reason in ("blocked-address", "unsupported-scheme") else "robots-unavailable"
            return FetchResult(url, reason=reason, error=f"robots.txt: {rules.error}")
        if rules is not None and not rules.can_fetch(self.settings.fetch_user_agent, url):
            return FetchResult(url, reason="robots-disallowed", error=f"robots.txt disallows {url}")
        return None

    def _load_robots(self, origin: str) -> RobotFileParser | FetchResult | None:
        """RFC 9309: 4xx = no rules (None); 5xx or unreachable = nothing may be fetched (the failed
        FetchResult, until the next run)."""
        result = self._get(f"{origin}/robots.txt", {}, robots=True)
        if result.status and 400 <= result.status < 500:
            return None
        if not result.ok:
            return result
        parser = RobotFileParser()
        parser.parse(result.content.decode("utf-8", "replace").splitlines())
        return parser

    # ------------------------------------------------------------------------------------- fetch

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET `url` (conditionally when validators are given); never raises for a failed fetch."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            return FetchResult(url, reason="unsupported-scheme", error=f"only http and https are fetched: {url}")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            refusal = self.robots_refusal(url)
        except Exception as exc:  # a robots failure is the page's failure, not the run's
            return FetchResult(url, reason="fetch-error", error=f"robots.txt: {type(exc).__name__}: {exc}")
        return refusal or self._get(url, headers)

    def _get(self, url: str, headers: dict, robots: bool = False) -> FetchResult:
        s = self.settings
        attempts = 0
        while True:
            attempts += 1
            result = self._attempt(url, headers)
            result.attempts = attempts
            retryable = result.reason in ("connect-error", "dropped") or result.status in RETRY_STATUSES
            if not retryable or attempts > s.fetch_retries or robots and attempts > 1:
                return result
            wait = s.fetch_backoff_seconds * 2 ** (attempts - 1)
            after = retry_after_seconds(result.retry_after)
            if after is not None:
                if after > s.fetch_max_retry_after:
                    result.error += f"; Retry-After {after:.0f} s is longer than fetch_max_retry_after"
                    return result
                wait = max(wait, after)
            self.sleep(wait)

    def _attempt(self, url: str, headers: dict) -> FetchResult:
        s = self.settings
        host = (urlsplit(url).hostname or "").lower()
        result = FetchResult(url)
        started = time.monotonic()
        with self.limit(host):
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    result.final_url = str(response.url)
                    result.status = response.status_code
                    result.fetched_at = datetime.now(UTC)
                    result.content_type = response.headers.get("content-type", "")
                    result.etag = response.headers.get("etag")
                    result.last_modified = response.headers.get("last-modified")
                    result.retry_after = response.headers.get("retry-after")
                    if response.status_code == 304:
                        return result
                    if response.status_code != 200:
                        result.reason = f"http-{response.status_code}"
                        result.error = f"HTTP {response.status_code} {response.reason_phrase} from {result.final_url}"
                        return result
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > s.fetch_max_bytes:
                        return _too_large(result, f"Content-Length {declared} > {s.fetch_max_bytes} bytes")
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > s.fetch_max_bytes:
                            return _too_large(result, f"more than {s.fetch_max_bytes} bytes")
                        if time.monotonic() - started > s.fetch_total_timeout:
                            result.reason, result.error = "timeout", f"slower than {s.fetch_total_timeout} s in all"
                            return result
                        chunks.append(chunk)
                    result.content = b"".join(chunks)
                    return result
            except BlockedAddress as exc:
                result.reason, result.error = "blocked-address", str(exc)
            except httpx.TooManyRedirects as exc:
                result.reason, result.error = "too-many-redirects", str(exc)
            except httpx.UnsupportedProtocol as exc:
                result.reason, result.error = "unsupported-scheme", f"redirected to an unsupported scheme: {exc}"
            except httpx.TimeoutException as exc:
                result.reason = "timeout"
                result.error = f"{type(exc).__name__}: {exc or 'no answer in time'}"
            except (httpx.ConnectError, httpx.RemoteProtocolError) as exc:
                result.reason = "connect-error" if isinstance(exc, httpx.ConnectError) else "dropped"
                result.error = f"{type(exc).__name__}: {exc}"
            except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
                result.reason, result.error = "fetch-error", f"{type(exc).__name__}: {exc}"
        return result


def _too_large(result: FetchResult, why: str) -> FetchResult:
    result.reason, result.error, result.content = "too-large", why, None
    return result
