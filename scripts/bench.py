#!/usr/bin/env python
"""Throughput benchmark: prints figures, asserts nothing (it is not a test).

    .venv/bin/python scripts/bench.py                       # text pages: ../shared/seeds or samples/
    .venv/bin/python scripts/bench.py --pages DIR --repeat 20
    .venv/bin/python scripts/bench.py --sections extract,html --html-pages DIR

Sections (run in order, each prints one block):
  extract   extractors.pipeline.extract_page over the text pages (*.txt), each page --repeat times
  html      extractors.html.html_to_text over HTML pages (*.html, *.htm, *.html.gz), if a directory
            of them is given or found (default: ../shared/eval/external/article-extraction-benchmark)
  db        the ingest flow over --db-copies copies of the text pages into a scratch database on
            MEDIAMON_TEST_DATABASE_URL's server (or the embedded one), then the same files again

Adding a section: write `def bench_db(args) -> Result`, register it in
SECTIONS, add its options in `add_arguments`. Each section gets the parsed args and returns a
Result; `report` prints it the same way for all.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_SAMPLES = ROOT / "samples"
DEFAULT_HTML = ROOT.parent / "shared" / "eval" / "external" / "article-extraction-benchmark" / "html"


@dataclass
class Result:
    name: str
    unit: str = "page"
    times: list[float] = field(default_factory=list)  # seconds per unit of work
    chars: int = 0
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None  # reason, when the section could not run


def report(r: Result) -> None:
    print(f"== {r.name}")
    if r.skipped:
        print(f"   skipped: {r.skipped}")
        return
    if not r.times:
        print("   nothing to measure")
        return
    total = sum(r.times)
    ms = sorted(t * 1000 for t in r.times)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, round(p * (len(ms) - 1)))]

    print(f"   {len(ms)} {r.unit}s in {total:.2f} s: {len(ms) / total:,.1f} {r.unit}s/s, "
          f"{statistics.mean(ms):.2f} ms/{r.unit} mean")
    print(f"   ms/{r.unit}: p50 {pct(0.5):.2f}  p95 {pct(0.95):.2f}  max {ms[-1]:.2f}")
    if r.chars:
        print(f"   {r.chars / total / 1e6:.2f} M chars/s ({r.chars:,} chars)")
    for note in r.notes:
        print(f"   {note}")


def _timed(fn: Callable[[str], object], docs: list[tuple[str, str]], repeat: int) -> tuple[list[float], list]:
    for _, text in docs[:1]:  # warm-up: imports, compiled patterns, registry loading
        fn(text)
    times, outputs = [], []
    for _ in range(repeat):
        for _, text in docs:
            t0 = time.perf_counter()
            out = fn(text)
            times.append(time.perf_counter() - t0)
            outputs.append(out)
    return times, outputs


# ---------------------------------------------------------------------------- section: extract

def text_pages(directory: Path) -> list[tuple[str, str]]:
    return [(str(p), p.read_text(encoding="utf-8", errors="replace"))
            for p in sorted(directory.glob("*.txt")) if p.is_file()]


def bench_extract(args: argparse.Namespace) -> Result:
    r = Result("extract: extractors.pipeline.extract_page (text pages)")
    directory = args.pages or (DEFAULT_SEEDS if DEFAULT_SEEDS.is_dir() else DEFAULT_SAMPLES)
    docs = text_pages(directory) if directory.is_dir() else []
    if not docs:
        r.skipped = f"no *.txt pages in {directory}"
        return r
    try:
        from extractors.pipeline import extract_page
    except ImportError as exc:
        r.skipped = f"extractors.pipeline.extract_page not importable ({exc})"
        return r
    sources = {text: src for src, text in docs}
    r.times, pages = _timed(lambda text: extract_page(text, sources[text]), docs, args.repeat)
    r.chars = sum(len(t) for _, t in docs) * args.repeat
    items = sum(len(p.items) for p in pages[:len(docs)])
    quotes = sum(len(a.quotes) for p in pages[:len(docs)] for a in p.items)
    r.notes.append(f"{len(docs)} distinct pages from {directory} x {args.repeat}; "
                   f"per pass {items} articles, {quotes} quotes")
    return r


# ------------------------------------------------------------------------------- section: html

def html_pages(directory: Path, limit: int) -> list[tuple[str, str]]:
    paths = sorted(p for p in directory.iterdir()
                   if p.name.endswith((".html", ".htm", ".html.gz", ".htm.gz")))[:limit]
    out = []
    for p in paths:
        raw = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
        out.append((str(p), raw.decode("utf-8", errors="replace")))
    return out


def bench_html(args: argparse.Namespace) -> Result:
    r = Result("html: extractors.html.html_to_text (HTML pages -> crawler text)")
    directory = args.html_pages or DEFAULT_HTML
    docs = html_pages(directory, args.html_limit) if directory.is_dir() else []
    if not docs:
        r.skipped = f"no HTML pages in {directory}"
        return r
    from extractors.html import html_to_text

    r.times, outs = _timed(html_to_text, docs, args.html_repeat)
    r.chars = sum(len(t) for _, t in docs) * args.html_repeat
    produced = sum(len(text) for text, _ in outs[:len(docs)])
    r.notes.append(f"{len(docs)} pages from {directory} x {args.html_repeat}; "
                   f"{produced / max(1, r.chars / args.html_repeat):.1%} of the HTML survives as text")
    return r


# --------------------------------------------------------------------------------- section: db

def bench_db(args: argparse.Namespace) -> Result:
    """The ingest flow (Prefect, batched tasks, bulk upserts) into a scratch database, then a no-op re-run."""
    import os
    import tempfile
    import uuid

    import sqlalchemy as sa

    r = Result("db: ingest flow into a scratch database (documents)", unit="document")
    directory = args.pages or (DEFAULT_SEEDS if DEFAULT_SEEDS.is_dir() else DEFAULT_SAMPLES)
    docs = text_pages(directory) if directory.is_dir() else []
    if not docs:
        r.skipped = f"no *.txt pages in {directory}"
        return r
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from models import db
    from models.settings import get_settings

    name = f"mediamon_bench_{uuid.uuid4().hex[:8]}"
    server = get_settings().test_database_url
    if server:
        db.ensure_database(db.sqlalchemy_url(server), name)
        url = sa.make_url(db.sqlalchemy_url(server)).set(database=name).render_as_string(hide_password=False)
    else:
        url = db.embedded_url(database=name)
    os.environ["MEDIAMON_DATABASE_URL"] = url
    get_settings.cache_clear()
    from flows.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        n = 0
        for copy in range(args.db_copies):  # distinct bytes per copy: every document is new
            for src, text in docs:
                Path(tmp, f"{copy:05d}_{Path(src).name}").write_text(f"{text}\n\n<!-- copy {copy} -->\n")
                n += 1
        ingest(sources=[str(docs[0][0])], batch_size=args.db_batch)  # warm-up: Prefect's server, migrations
        t0 = time.perf_counter()
        first = ingest(sources=[tmp], batch_size=args.db_batch)
        first_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = ingest(sources=[tmp], batch_size=args.db_batch)
        again_s = time.perf_counter() - t0
    r.times = [first_s / n] * n
    r.notes.append(f"{n} documents ({args.db_copies} copies of {len(docs)} pages), batch {args.db_batch}: "
                   f"{first.articles_written} articles, {first.quotes_written} quotes, {first.rejected} rejected")
    r.notes.append(f"re-ingest of the same files: {again_s:.2f} s ({n / again_s:,.1f} documents/s), "
                   f"{again.articles_written} articles written, {again.documents_new} new documents")
    engine = sa.create_engine(db.sqlalchemy_url(server) if server else
                              sa.make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    db.get_engine.cache_clear()
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return r


SECTIONS: dict[str, Callable[[argparse.Namespace], Result]] = {
    "extract": bench_extract,
    "html": bench_html,
    "db": bench_db,
}


def add_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--sections", default="extract,html",
                    help=f"comma-separated, from: {', '.join(SECTIONS)} (default: extract,html)")
    ap.add_argument("--pages", type=Path, default=None,
                    help=f"directory of *.txt pages (default: {DEFAULT_SEEDS} if present, else samples/)")
    ap.add_argument("--repeat", type=int, default=10, help="passes over the text pages (default 10)")
    ap.add_argument("--html-pages", type=Path, default=None, help=f"HTML directory (default: {DEFAULT_HTML})")
    ap.add_argument("--html-limit", type=int, default=50, help="at most this many HTML pages (default 50)")
    ap.add_argument("--html-repeat", type=int, default=1, help="passes over the HTML pages (default 1)")
    ap.add_argument("--db-copies", type=int, default=200,
                    help="db: copies of each text page to ingest (default 200)")
    ap.add_argument("--db-batch", type=int, default=200, help="db: documents per batch (default 200)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="mediamon throughput benchmark (prints figures only)")
    add_arguments(ap)
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.html_repeat < 1:
        ap.error("--repeat and --html-repeat must be at least 1")
    wanted = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s): {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    print(f"python {sys.version.split()[0]}")
    for name in wanted:
        report(SECTIONS[name](args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
