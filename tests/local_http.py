"""A real HTTP server on 127.0.0.1 (http.server in a thread) serving routes a test sets up."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    etag: str | None = None  # answers 304 to a matching If-None-Match
    delay: float = 0.0  # seconds before the body is sent
    failures: int = 0  # the first N requests get `failure_status` (then the route's own answer)
    failure_status: int = 500
    failure_headers: dict = field(default_factory=dict)


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter = Counter()
        self.requests: list[tuple[str, dict]] = []
        self.peak = 0  # most delayed requests in progress at once
        self._active = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                self._answer()

            def _answer(self) -> None:
                server.hits[self.path] += 1
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.failures > 0:
                    route.failures -= 1
                    self.send_response(route.failure_status)
                    for k, v in route.failure_headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                if route.delay:  # requests in progress are counted while they wait, before any byte is sent:
                    # counted to the end of the reply, the client (done once it has the body) could start its
                    # next request before this thread's count went down, and the peak would read one too high
                    with server._lock:
                        server._active += 1
                        server.peak = max(server.peak, server._active)
                    time.sleep(route.delay)
                    with server._lock:
                        server._active -= 1
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def article_html(title: str, paragraphs: list[str], published: str | None = None, author: str | None = None,
                 sitename: str = "Kura Valley Courier", canonical: str | None = None) -> bytes:
    """An invented news page the way CMSs write them (meta tags, article element, furniture)."""
    meta = [f'<meta property="og:title" content="{title}">', f'<meta property="og:site_name" content="{sitename}">']
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if author:
        meta.append(f'<meta name="author" content="{author}">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{canonical}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title} | {sitename}</title>{''.join(meta)}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/politics'>Politics</a> <a href='/sport'>Sport</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright {sitename}. All rights reserved. Subscribe to our newsletter.</footer>"
            f"</body></html>").encode()
