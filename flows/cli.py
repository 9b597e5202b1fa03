"""`mediamon`: a thin command line over the flows, the extractors and the database."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy.exc import SQLAlchemyError

from models.db import DatabaseError

app = typer.Typer(help="Media monitoring: news pages -> who said what, where and when, in PostgreSQL.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
db_app = typer.Typer(help="The database: migrations and connection string.", no_args_is_help=True)
app.add_typer(db_app, name="db")
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

PathsArg = Annotated[list[str], typer.Argument(help="Files, directories or globs of pages.")]


def one_line_errors(command: Callable) -> Callable:
    """Expected failures print one clear line and exit non-zero, never a traceback."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        from flows.sources import SourceError

        try:
            return command(*args, **kwargs)
        except (DatabaseError, SourceError, OSError) as exc:
            err.print(f"[red]error:[/red] {exc}")
        except SQLAlchemyError as exc:
            err.print(f"[red]database error:[/red] {str(exc.orig or exc).splitlines()[0]}")
        raise typer.Exit(1)

    return wrapper


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


@app.command()
@one_line_errors
def ingest(paths: Annotated[list[str] | None, typer.Argument(
               help="Files, directories, globs, URLs of pages, RSS/Atom feeds or sitemaps; "
                    "with --outlet-feeds: outlet domains (none = every outlet).")] = None,
           batch_size: Annotated[int, typer.Option(help="Documents per task run and transaction.")] = 0,
           refetch: Annotated[bool, typer.Option(help="Fetch pages a feed or sitemap lists even when stored.")] = False,
           outlet_feeds: Annotated[bool, typer.Option(
               "--outlet-feeds", help="Poll the feeds the outlet registry lists (for the DOMAINs given).")] = False,
           ) -> None:
    """Ingest pages into the database (upgrading its schema first). Re-running is safe."""
    import flows.ingest as ingest_flow
    from flows.fetch import is_url
    from flows.sources import SourceError, discover
    from models.db import describe, get_engine
    from models.settings import get_settings

    paths = paths or []
    if not paths and not outlet_feeds:
        raise SourceError("give files, directories, globs or URLs (or --outlet-feeds)")
    sources, domains = ([], paths) if outlet_feeds else (paths, None)
    discover([p for p in sources if not is_url(p)])  # fail fast, before Prefect starts, on a path that names nothing
    err.print(f"database: {describe(get_engine().url)}")  # the tasks reuse this engine
    with _progress() as progress:
        bar = progress.add_task("ingesting", total=None)
        ingest_flow.progress_callback = lambda done, total: progress.update(bar, completed=done, total=total)
        summary = ingest_flow.ingest(sources=sources, batch_size=batch_size or get_settings().batch_size,
                                     refetch=refetch, outlet_feeds=domains)
    fetched = (f", {summary.urls_fetched} URLs fetched ({summary.not_modified} not modified)"
               if summary.urls_fetched else "")
    out.print(f"run {summary.run_id}: {summary.documents_seen} documents ({summary.documents_new} new, "
              f"{summary.documents_skipped} extracted before){fetched}, "
              f"{summary.articles_written} articles written, {summary.articles_unchanged} unchanged, "
              f"{summary.quotes_written} quotes, {summary.rejected} rejected, {summary.seconds:.1f} s")


@app.command()
@one_line_errors
def reextract(since: Annotated[datetime | None, typer.Option(help="Raw documents received from (inclusive).")] = None,
              until: Annotated[datetime | None, typer.Option(help="... up to (exclusive).")] = None,
              batch_size: Annotated[int, typer.Option(help="Documents per task run and transaction.")] = 0) -> None:
    """Extract stored raw documents again (after an extractor change) and upsert; a bounded, stateless backfill."""
    from flows.reextract import reextract as reextract_flow
    from models.settings import get_settings

    summary = reextract_flow(since=since, until=until, batch_size=batch_size or get_settings().batch_size)
    out.print(f"run {summary.run_id}: {summary.documents_seen} documents re-extracted, "
              f"{summary.articles_written} articles written, {summary.articles_unchanged} unchanged, "
              f"{summary.rejected} rejected, {summary.seconds:.1f} s")


@app.command()
@one_line_errors
def extract(paths: PathsArg,
            as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one object per document.")] = False,
            explain: Annotated[bool, typer.Option("--explain", help="Every line kept or dropped, and why.")] = False,
            ) -> None:
    """Extract pages without a database (pure extraction)."""
    from extractors.documents import ExtractionError, extract_document
    from flows.sidecars import attach_sidecars
    from flows.sources import discover, read_documents

    read = read_documents(discover(paths))
    attach_sidecars(read.documents)
    for r in read.rejections:
        err.print(f"[red]rejected[/red] {r.source_uri}: {r.reason}: {r.error}")
    with _progress() as progress:
        for doc in progress.track(read.documents, description="extracting"):
            try:
                page = extract_document(doc.content, doc.media_type, doc.source_uri, doc.context)
            except ExtractionError as exc:
                err.print(f"[red]rejected[/red] {doc.source_uri}: {exc.reason}: {exc}")
                if as_json:
                    print(json.dumps({"source": doc.source_uri, "outlet": None, "items": [],
                                      "error": {"reason": exc.reason, "message": str(exc)}}), flush=True)
                continue
            if as_json:
                print(json.dumps(page.to_json(), ensure_ascii=False), flush=True)
            elif explain:
                _print_explain(page)
            else:
                _print_summary(page)
    if read.rejections:
        raise typer.Exit(1)


def _print_summary(page) -> None:
    outlet = page.outlet.name if page.outlet else "-"
    table = Table(title=f"{page.source}  [dim]outlet: {outlet}[/dim]", show_lines=False)
    for column in ("#", "title", "published", "authors", "primary speaker", "quotes"):
        table.add_column(column)
    for a in page.items:
        table.add_row(str(a.index), a.title or "-", a.published or "-", ", ".join(a.authors) or "-",
                      a.primary_speaker or "-", str(len(a.quotes)))
    out.print(table)


def _print_explain(page) -> None:
    out.print(f"[bold]{page.source}[/bold]  outlet: {page.outlet.name if page.outlet else None} "
              f"({page.outlet.rule if page.outlet else page.rules.get('outlet', 'no signature')})")
    for line in page.lines:
        colour = "green" if line.verdict in ("body", "heading") else "yellow" if line.verdict != "drop" else "red"
        item = "" if line.item is None else f"[{line.item}]"
        out.print(f"{line.number:4d} [{colour}]{line.verdict:<14}[/{colour}] {item:<4} {line.rule:<28} "
                  f"{line.text[:90]}", markup=True, highlight=False, soft_wrap=True)
    for a in page.items:
        out.print(f"item {a.index}: " + ", ".join(f"{k}={v}" for k, v in sorted(a.rules.items())))


@app.command()
@one_line_errors
def status(runs: Annotated[int, typer.Option(help="How many recent runs to show.")] = 10) -> None:
    """The last ingest runs and the row count of every table."""
    import sqlalchemy as sa

    from models.db import describe, get_engine, row_counts
    from models.migrate import upgrade

    engine = get_engine()
    upgrade(engine)
    out.print(f"database: {describe(engine.url)}")
    counts = Table(title="rows")
    counts.add_column("table")
    counts.add_column("rows", justify="right")
    for name, n in row_counts(engine).items():
        counts.add_row(name, str(n))
    out.print(counts)
    recent = Table(title=f"last {runs} runs")
    for column in ("id", "started", "status", "seen", "new", "articles", "quotes", "rejected", "seconds"):
        recent.add_column(column)
    query = sa.text("SELECT id, started_at, status, documents_seen, documents_new, articles_written, quotes_written,"
                    " rejected, extract(epoch FROM finished_at - started_at) AS seconds"
                    " FROM ingest_runs ORDER BY id DESC LIMIT :n")
    with engine.connect() as conn:
        for r in conn.execute(query, {"n": runs}):
            recent.add_row(*(str(v) for v in (r.id, f"{r.started_at:%Y-%m-%d %H:%M:%S}", r.status,
                             r.documents_seen, r.documents_new, r.articles_written, r.quotes_written,
                             r.rejected, f"{r.seconds or 0:.1f}")))
    out.print(recent)


@app.command()
def outlets() -> None:
    """The outlet registry (extractors/outlets.toml)."""
    from extractors.layout.outlets import list_outlets

    table = Table(title="outlets")
    for column in ("name", "domain", "timezone"):
        table.add_column(column)
    for o in list_outlets():
        table.add_row(o.name, o.domain, o.timezone)
    out.print(table)


@app.command()
@one_line_errors
def serve(inbox: Annotated[Path | None, typer.Option(help="Directory polled for new pages.")] = None,
          every: Annotated[int, typer.Option(help="Seconds between scheduled runs.")] = 900,
          cron: Annotated[str | None, typer.Option(help="A cron schedule instead of --every.")] = None) -> None:
    """Serve the ingest flow as a scheduled Prefect deployment over an inbox directory."""
    from datetime import timedelta

    from prefect.settings import PREFECT_API_URL

    from flows.ingest import ingest as ingest_flow
    from models.settings import get_settings

    settings = get_settings()
    inbox = inbox or settings.inbox
    if not PREFECT_API_URL.value():
        err.print("[yellow]warning:[/yellow] no PREFECT_API_URL: Prefect's temporary server cannot run schedules; "
                  "start one with `prefect server start` and set PREFECT_API_URL (docker-compose.yml does)")
    schedule = {"cron": cron} if cron else {"interval": timedelta(seconds=every)}
    ingest_flow.serve(name="ingest-inbox", parameters={"sources": [str(inbox)], "batch_size": settings.batch_size},
                      **schedule)


@db_app.command("upgrade")
@one_line_errors
def db_upgrade() -> None:
    """Apply the migrations (every run does this too)."""
    from models.db import describe, get_engine
    from models.migrate import upgrade

    engine = get_engine()
    upgrade(engine)
    out.print(f"schema is up to date on {describe(engine.url)}")


@db_app.command("url")
@one_line_errors
def db_url() -> None:
    """Print the connection string (for psql), starting the embedded server if that is the one used."""
    from models.db import database_url, libpq_url

    print(libpq_url(database_url()))


def main() -> None:  # pragma: no cover
    sys.exit(app())
