"""`mediamon`: a thin command line over the flows, the extractors and the database."""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from models.errors import DatabaseError

# Heavy modules (SQLAlchemy, psycopg, Prefect, trafilatura) are imported inside the commands that use
# them: `mediamon extract` never loads the database layer, and nothing loads Prefect before it is needed.
app = typer.Typer(help="Media monitoring: news pages -> who said what, where and when, in PostgreSQL.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
db_app = typer.Typer(help="The database: migrations and connection string.", no_args_is_help=True)
app.add_typer(db_app, name="db")
prefect_app = typer.Typer(help="The local Prefect server CLI runs use when PREFECT_API_URL is not set.",
                          no_args_is_help=True)
app.add_typer(prefect_app, name="prefect")
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)
# Registered first, so it runs last at exit, after Prefect's own exit handlers have sent the last logs and
# events: the interpreter's final garbage collections then skip the heap (Prefect, pydantic, SQLAlchemy
# objects) that the process's end frees anyway, which took ~3 s after every run on a busy machine.
atexit.register(gc.freeze)
# Prefect settings this process's runs use (the local server's API URL), entered once, kept to the exit.
_prefect_settings = contextlib.ExitStack()
# The local server's API URL the settings above point to (entered by use_prefect_api).
_local_api_url: str | None = None
# Which Prefect API the last run used ("configured", "local", "temporary"; use_prefect_api).
prefect_mode: str | None = None
# An ingest of at most this many local files runs without flow-run heartbeats (without_heartbeats).
SHORT_RUN_FILES = 50
# (Prefect settings, the same without flow-run heartbeats), made once (without_heartbeats).
_no_heartbeats: tuple | None = None
# Set in the warm local worker (flows/worker_main.py): the heavy modules are imported already.
IN_WORKER = False

PathsArg = Annotated[list[str], typer.Argument(help="Files, directories or globs of pages.")]
# Read by the console script (flows/local_worker.py) before this app parses anything.
NoWorker = Annotated[bool, typer.Option("--no-worker", help="Run in this process, not in the warm local worker "
                                                            "(also MEDIAMON_WORKER=off).")]


def one_line_errors(command: Callable) -> Callable:
    """Expected failures print one clear line and exit non-zero, never a traceback."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        from flows.sources import SourceError

        try:
            return command(*args, **kwargs)
        except (DatabaseError, SourceError, OSError) as exc:
            err.print(f"[red]error:[/red] {exc}")
        except Exception as exc:
            sa_exc = sys.modules.get("sqlalchemy.exc")  # loaded by any command that reached the database
            if sa_exc is None or not isinstance(exc, sa_exc.SQLAlchemyError):
                raise
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
           no_worker: NoWorker = False,
           ) -> None:
    """Ingest pages into the database (upgrading its schema first). Re-running is safe."""
    with _imports_without_gc():
        from flows.fetch import is_url
        from flows.sources import SourceError, discover_all, json_safe_source
        from models.db import check_database, describe, get_engine
        from models.settings import get_settings

    paths = paths or []
    if not paths and not outlet_feeds:
        raise SourceError("give files, directories, globs or URLs (or --outlet-feeds)")
    sources, domains = ([], paths) if outlet_feeds else (paths, None)
    local = [p for p in sources if not is_url(p)]
    found = discover_all(local)  # fail fast, before Prefect starts, on a path that names nothing
    if local and not found.files and len(local) == len(sources):
        raise SourceError(f"no pages to ingest in {' '.join(paths)}" + _skipped_note(found.skipped_by_reason()))
    engine = get_engine()  # a malformed URL fails here, an unreachable database just below: one line each
    check_database(engine)
    err.print(f"database: {describe(engine.url)}")  # the tasks reuse this engine
    with _imports_without_gc():
        import flows.ingest as ingest_flow  # Prefect: imported once the database is known to answer

    short = not outlet_feeds and len(local) == len(sources) and len(found.files) <= SHORT_RUN_FILES
    summary = _run_with_progress(ingest_flow, "ingesting", lambda: ingest_flow.ingest(
        sources=[json_safe_source(p) for p in sources], batch_size=batch_size or get_settings().batch_size,
        refetch=refetch, outlet_feeds=domains), short=short)
    rejected = ", ".join(f"{k} {v}" for k, v in sorted(summary.rejected_reasons.items()))
    fetched = (f", {summary.urls_fetched} URLs fetched ({summary.not_modified} not modified)"
               if summary.urls_fetched else "")
    out.print(f"run {summary.run_id}: {summary.documents_seen} documents ({summary.documents_new} new, "
              f"{summary.documents_skipped} extracted before){fetched}, "
              f"{summary.articles_written} articles written, {summary.articles_unchanged} unchanged, "
              f"{summary.quotes_written} quotes, {summary.rejected} rejected" + (f" ({rejected})" if rejected else "")
              + f", {summary.inputs_skipped} skipped" + _skipped_note(summary.skipped_reasons, prefix=" (")
              + f", {summary.seconds:.1f} s, peak memory {peak_memory_mb():.0f} MB", highlight=False)


@contextlib.contextmanager
def _imports_without_gc():
    """Heavy imports with the garbage collector off (~10% less CPU: they allocate much and free little), their
    objects then frozen, so the run's own collections do not walk them again. In the worker they are imported
    already: nothing to do (freezing each job's objects would keep them for the worker's life)."""
    if IN_WORKER:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def peak_memory_mb() -> float:
    """This process's peak resident memory (Linux reports KiB, macOS bytes); Linux's VmHWM, which the worker
    resets for each job, when it can be read."""
    import resource

    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _skipped_note(reasons: dict[str, int], prefix: str = "; skipped: ") -> str:
    if not reasons:
        return ""
    text = ", ".join(f"{reason} {n}" for reason, n in reasons.items())
    return f"{prefix}{text})" if prefix.endswith("(") else f"{prefix}{text}"


def _start_prefect() -> None:
    """Point this run's flows at a Prefect API (`use_prefect_api`); database errors in Prefect's log are
    one line each, not a traceback."""
    import logging

    class OneLineDatabaseErrors(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            if record.exc_info and isinstance(record.exc_info[1], DatabaseError):
                record.exc_info, record.exc_text = None, None
            return True

    use_prefect_api()
    for name in ("prefect", "prefect.task_runs", "prefect.flow_runs", ""):
        for handler in logging.getLogger(name).handlers:
            handler.addFilter(OneLineDatabaseErrors())


def use_prefect_api() -> tuple[str | None, str]:
    """(the Prefect API URL this process's flows report to, which one: "configured", "local" or "temporary"),
    a cascade:
      1. PREFECT_API_URL, when set (environment, Prefect profile or prefect.toml): as given;
      2. MEDIAMON_PREFECT_SERVER=local (the default): the local server (flows/local_prefect.py), started
         once in the background and reused by later runs;
      3. =temporary, or the local server failed to start: Prefect's temporary server for this run only
         (flows/prefect_server.py: watched, so a killed run does not leave it behind)."""
    import subprocess

    from prefect.settings import PREFECT_API_URL, temporary_settings

    global prefect_mode, _local_api_url
    from flows.local_prefect import LocalServerError, ensure_server, server_home
    from flows.prefect_server import temporary_server
    from models.settings import get_settings

    if PREFECT_API_URL.value() and PREFECT_API_URL.value() != _local_api_url:
        prefect_mode = "configured"
        return PREFECT_API_URL.value(), "configured"
    settings = get_settings()
    if settings.prefect_server == "local":
        try:
            record, started = ensure_server(server_home(settings.data_dir))
        except (LocalServerError, OSError, ValueError, subprocess.CalledProcessError) as exc:
            err.print(f"[yellow]warning:[/yellow] {exc}; this run uses Prefect's temporary server", highlight=False)
        else:
            err.print(f"prefect: {record.ui_url} ({'started' if started else 'reused'} the local server; "
                      "`mediamon prefect stop` stops it)", highlight=False)
            os.environ["PREFECT_API_URL"] = record.api_url  # child processes (Dask workers) too
            if record.api_url != _local_api_url:  # (the worker's next job finds the settings entered: ~0.1 s)
                _prefect_settings.close()
                _prefect_settings.enter_context(temporary_settings(updates={PREFECT_API_URL: record.api_url}))
                _local_api_url = record.api_url
            prefect_mode = "local"
            return record.api_url, "local"
    _prefect_settings.close()
    _local_api_url = None
    prefect_mode = "temporary"
    return temporary_server(), "temporary"


@contextlib.contextmanager
def without_heartbeats():
    """Prefect settings without flow-run heartbeats, unless PREFECT_FLOWS_HEARTBEAT_FREQUENCY is set. Prefect
    sends one when a flow run starts, then every 180 s, so that an automation can mark a run crashed when they
    stop; its thread sleeps in 1 s steps and the engine waits for it when the run ends: 0-1 s at the end of
    every run. A run of a few local files ends long before a second heartbeat would be due. The settings are
    made once per Prefect settings they derive from (~0.1 s), so the warm worker pays for them once."""
    global _no_heartbeats
    if {"PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY"} & {k.upper() for k in os.environ}:
        yield
        return
    from prefect.context import SettingsContext, get_settings_context
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    context = get_settings_context()
    if _no_heartbeats is None or _no_heartbeats[0] is not context.settings:
        _no_heartbeats = (context.settings, context.settings.copy_with_update(
            updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}))
    with SettingsContext(profile=context.profile, settings=_no_heartbeats[1]):
        yield


def _run_with_progress(module, description: str, run: Callable, short: bool = False):
    """Run a flow with the module's progress_callback drawing a rich progress bar on stderr; `short` (a few local
    files): without flow-run heartbeats (`without_heartbeats`)."""
    from models.db import check_database, get_engine

    check_database(get_engine())  # an unreachable database is one line before the flow (and Prefect) starts
    _start_prefect()
    with _progress() as progress, without_heartbeats() if short else contextlib.nullcontext():
        bar = progress.add_task(description, total=None)
        module.progress_callback = lambda done, total: progress.update(bar, completed=done, total=total)
        try:
            return run()
        finally:
            module.progress_callback = None


@app.command()
@one_line_errors
def reextract(
        published_from: Annotated[datetime | None, typer.Option(
            formats=["%Y-%m-%d"], help="Stories published on or after this date (as printed).")] = None,
        published_to: Annotated[datetime | None, typer.Option(
            formats=["%Y-%m-%d"], help="... on or before this date.")] = None,
        received_since: Annotated[datetime | None, typer.Option(
            "--received-since", "--since", help="Raw documents received from (inclusive).")] = None,
        received_until: Annotated[datetime | None, typer.Option(
            "--received-until", "--until", help="... up to (exclusive).")] = None,
        outlet: Annotated[str | None, typer.Option(help="Only stories of this outlet domain.")] = None,
        older_than_version: Annotated[str | None, typer.Option(
            help="Only stories written by an extractor older than this version.")] = None,
        batch_size: Annotated[int, typer.Option(help="Documents per task run and transaction.")] = 0,
        no_worker: NoWorker = False) -> None:
    """Extract stored raw documents again (after an extractor change) and upsert; a bounded, stateless backfill."""
    import flows.reextract as module
    from models.settings import get_settings

    summary = _run_with_progress(module, "re-extracting", lambda: module.reextract(
        received_since=received_since, received_until=received_until,
        published_from=published_from.date() if published_from else None,
        published_to=published_to.date() if published_to else None,
        outlet=outlet, older_than_version=older_than_version,
        batch_size=batch_size or get_settings().batch_size))
    out.print(f"run {summary.run_id}: {summary.documents_seen} documents re-extracted, "
              f"{summary.articles_written} articles written, {summary.articles_unchanged} unchanged, "
              f"{summary.rejected} rejected, {summary.seconds:.1f} s")


@app.command()
@one_line_errors
def backfill(
        paths: PathsArg,
        date_from: Annotated[datetime, typer.Option("--from", formats=["%Y-%m-%d"],
                                                    help="First publication date of the window.")],
        date_to: Annotated[datetime, typer.Option("--to", formats=["%Y-%m-%d"],
                                                  help="Last publication date of the window (inclusive).")],
        outlet: Annotated[str | None, typer.Option(help="Only stories of this outlet domain.")] = None,
        batch_size: Annotated[int, typer.Option(help="Documents per task run and transaction.")] = 0,
        no_worker: NoWorker = False) -> None:
    """Load only the stories published in [--from, --to]: stateless, bounded, safe to re-run or run in parallel."""
    import flows.backfill as module
    from flows.sources import discover
    from models.settings import get_settings

    if date_to < date_from:
        err.print(f"[red]error:[/red] --to {date_to:%Y-%m-%d} is before --from {date_from:%Y-%m-%d}")
        raise typer.Exit(1)
    discover(paths)  # fail fast on a path that names nothing
    summary = _run_with_progress(module, "backfilling", lambda: module.backfill(
        sources=paths, date_from=date_from.date(), date_to=date_to.date(), outlet=outlet,
        batch_size=batch_size or get_settings().batch_size))
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(summary.rejected_by_reason.items())) or "none"
    out.print(f"run {summary.run_id}: {summary.documents_seen} documents, {summary.stories_loaded} stories loaded "
              f"({summary.articles_written} written, {summary.articles_unchanged} unchanged), "
              f"{summary.stories_skipped} skipped (outside the window), {summary.rejected} rejected ({reasons}), "
              f"{summary.seconds:.1f} s")


@app.command()
@one_line_errors
def extract(paths: PathsArg,
            as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one object per document.")] = False,
            explain: Annotated[bool, typer.Option("--explain", help="Every line kept or dropped, and why.")] = False,
            ) -> None:
    """Extract pages without a database (pure extraction)."""
    from datetime import UTC

    from extractors.documents import ExtractionError, extract_document
    from flows.sidecars import attach_sidecars
    from flows.sources import discover_all, read_documents
    from models.settings import size_limits

    found = discover_all(paths)
    for skipped in found.skipped:
        err.print(f"[yellow]skipped[/yellow] {skipped.path}: {skipped.reason}", highlight=False)
    read = read_documents(found.files)
    attach_sidecars(read.documents)
    received, limits = datetime.now(UTC), size_limits()
    for r in read.rejections:
        err.print(f"[red]rejected[/red] {r.source_uri}: {r.reason}: {r.error}")
    with _progress() as progress:
        for doc in progress.track(read.documents, description="extracting"):
            try:
                page = extract_document(doc.content, doc.media_type, doc.source_uri, received, limits, doc.context)
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
        number = f"{line.number}" + (f"-{line.last}" if line.last else "")
        out.print(f"{number:>4} [{colour}]{line.verdict:<14}[/{colour}] {item:<4} {line.rule:<28} "
                  f"{line.text[:90]}", markup=True, highlight=False, soft_wrap=True)
    for a in page.items:
        out.print(f"item {a.index}: " + ", ".join(f"{k}={v}" for k, v in sorted(a.rules.items())))


RECENT_RUNS = """SELECT id, flow_name, started_at, status, documents_seen, documents_new, articles_written,
                        quotes_written, rejected, skipped, extract(epoch FROM finished_at - started_at) AS seconds,
                        flow_run_id
                 FROM ingest_runs ORDER BY id DESC LIMIT :n"""
REJECTIONS_BY_REASON = """SELECT reason, count(*) AS n, max(created_at) AS last FROM rejections
                          GROUP BY reason ORDER BY n DESC, reason"""


@app.command()
@one_line_errors
def status(runs: Annotated[int, typer.Option(help="How many recent runs to show.")] = 10) -> None:
    """Row counts, the recent runs (with their Prefect flow-run ids) and rejections by reason; 80 columns wide."""
    import sqlalchemy as sa

    from models.db import check_database, describe, get_engine, row_counts
    from models.migrate import upgrade
    from models.runs import mark_crashed_runs
    from models.settings import get_settings

    engine = get_engine()
    check_database(engine)
    upgrade(engine)
    with engine.begin() as conn:
        crashed = mark_crashed_runs(conn, get_settings().stale_run_seconds)
    narrow = Console(width=min(out.width, 80), soft_wrap=False)
    narrow.print(f"database: {describe(engine.url)}", overflow="ellipsis", no_wrap=True)
    narrow.print(f"prefect: {_prefect_where()}", overflow="ellipsis", no_wrap=True, highlight=False)
    if crashed:
        narrow.print(f"runs {', '.join(map(str, crashed))} had stopped without closing: marked crashed")
    counts = row_counts(engine)
    narrow.print("rows: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    recent = Table(title=f"last {runs} runs", box=None, pad_edge=False, padding=(0, 1))
    for column, justify in (("id", "right"), ("flow", "left"), ("started UTC", "left"), ("status", "left"),
                            ("seen", "right"), ("new", "right"), ("art.", "right"), ("quotes", "right"),
                            ("rej.", "right"), ("skip", "right"), ("s", "right")):
        recent.add_column(column, justify=justify, no_wrap=True)
    prefect_ids = Table(title="Prefect flow runs (prefect flow-run inspect ID)", box=None, pad_edge=False,
                        padding=(0, 1))
    prefect_ids.add_column("id", justify="right")
    prefect_ids.add_column("Prefect flow-run id", no_wrap=True)
    with engine.connect() as conn:
        for r in conn.execute(sa.text(RECENT_RUNS), {"n": runs}):
            recent.add_row(str(r.id), r.flow_name[:9], f"{r.started_at.astimezone(UTC):%m-%d %H:%M}", r.status[:9],
                           str(r.documents_seen), str(r.documents_new), str(r.articles_written),
                           str(r.quotes_written), str(r.rejected), str(r.skipped), f"{r.seconds or 0:.0f}")
            prefect_ids.add_row(str(r.id), str(r.flow_run_id or "-"))
        reasons = conn.execute(sa.text(REJECTIONS_BY_REASON)).all()
    narrow.print(recent)
    narrow.print(prefect_ids)
    if reasons:
        by_reason = Table(title="rejections by reason", box=None, pad_edge=False, padding=(0, 1))
        for column in ("reason", "documents", "last UTC"):
            by_reason.add_column(column, no_wrap=True)
        for r in reasons:
            by_reason.add_row(r.reason, str(r.n), f"{r.last.astimezone(UTC):%Y-%m-%d %H:%M}")
        narrow.print(by_reason)


def _prefect_where() -> str:
    """Where the runs' flow runs are: PREFECT_API_URL from the environment, else the local server's UI."""
    from flows.local_prefect import live_record, server_home

    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    record = live_record(server_home())
    return f"{record.ui_url} (local server)" if record else "no local server running (`mediamon prefect start`)"


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
          every: Annotated[int | None, typer.Option(help="Seconds between inbox runs (instead of the cron).")] = None,
          cron: Annotated[str | None, typer.Option(help="Cron schedule of the inbox import.")] = None,
          timezone: Annotated[str | None, typer.Option(help="IANA time zone of the cron schedules.")] = None,
          ) -> None:
    """Serve every scheduled deployment (inbox import, feed polling, re-extraction) in this process."""
    from flows.deployments import deployment_specs, serve_all
    from models.settings import get_settings

    settings = get_settings()
    if timezone:
        settings = settings.model_copy(update={"schedule_timezone": timezone})
    if use_prefect_api()[1] == "temporary":
        err.print("[yellow]warning:[/yellow] no PREFECT_API_URL: Prefect's temporary server cannot run schedules; "
                  "start one with `prefect server start` and set PREFECT_API_URL (docker-compose.yml does)")
    specs = deployment_specs(settings, inbox=str(inbox) if inbox else None, every=every, cron=cron)
    for s in specs:
        err.print(f"serving {s.name}: {s.entrypoint} {s.parameters}")
    serve_all(specs)


@app.command()
@one_line_errors
def selftest(quick: Annotated[bool, typer.Option(help="Leave out the slow, big classes (huge feed, 10,000-item "
                                                      "digest, 75 MB text...).")] = False,
             pages: Annotated[int, typer.Option(help="Invented pages in the drills' input.")] = 150,
             drills: Annotated[bool, typer.Option(help="Run the kill -9, concurrent-run and restart drills.")] = True,
             ) -> None:
    """Run the bad-input corpus and the fault drills through this CLI against scratch databases; print the table."""
    from flows.selftest import render
    from flows.selftest import selftest as run_selftest
    from models.db import check_database, database_url, get_engine

    server = database_url()  # scratch databases are created (and dropped) on this server
    check_database(get_engine())
    api_url, _ = use_prefect_api()  # one Prefect server for all the runs (the kill drill's run finds its own)
    report = run_selftest(server, api_url, heavy=not quick, pages=pages,
                          drills=("kill", "concurrent", "outage") if drills else ())
    wide = Console(width=max(out.width, 100), soft_wrap=True)
    wide.print(render(report))
    for tally in report.tallies:
        for note in tally.notes:
            wide.print(f"  {tally.name}: {note}", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


@db_app.command("upgrade")
@one_line_errors
def db_upgrade() -> None:
    """Apply the migrations (every run does this too)."""
    from models.db import describe, get_engine
    from models.migrate import upgrade

    engine = get_engine()
    upgrade(engine)
    out.print(f"schema is up to date on {describe(engine.url)}")


@db_app.command("grant-analyst")
@one_line_errors
def db_grant_analyst(
        name: Annotated[str, typer.Argument(help="Role name (created, or updated when it exists).")],
        password_file: Annotated[Path | None, typer.Option(help="File whose first line is the password.")] = None,
) -> None:
    """Create or update a read-only login role: SELECT on every table and view, now and future."""
    from models.analyst import grant_analyst
    from models.db import describe, get_engine
    from models.migrate import upgrade

    password = None
    if password_file:
        password = next(iter(password_file.read_text().splitlines()), "").strip()
        if not password:
            err.print(f"[red]error:[/red] the password file {password_file} is empty")
            raise typer.Exit(1)
    engine = get_engine()
    upgrade(engine)
    created = grant_analyst(engine, name, password)
    out.print(f"{'created' if created else 'updated'} read-only role {name} on {describe(engine.url)}")


@db_app.command("url")
@one_line_errors
def db_url() -> None:
    """Print the connection string (for psql), starting the embedded server if that is the one used."""
    from models.db import database_url, libpq_url

    print(libpq_url(database_url()))


def main() -> None:  # pragma: no cover
    """The console script (flows/local_worker.py: flow commands go to the warm worker when one runs)."""
    from flows.local_worker import main as client_main

    client_main()


@prefect_app.command("status")
def prefect_status() -> None:
    """The local Prefect server (its UI and API URLs, pid, home and log) and the warm workers, or that none runs."""
    from flows.local_prefect import LOG, live_record, read_record, server_home

    home = server_home()
    record = live_record(home)
    _print_workers()
    if record is None:
        stale = read_record(home)
        out.print(f"no local Prefect server is running (home {home}"
                  + (f"; pid {stale.pid} of the last one does not answer)" if stale else ")"), highlight=False)
        raise typer.Exit(1)
    out.print(f"local Prefect server: UI {record.ui_url}, API {record.api_url}, pid {record.pid}, "
              f"Prefect {record.prefect_version}\nhome {home}, log {home / LOG}", highlight=False)


def _print_workers() -> None:
    from flows.local_worker import LOG, all_homes, code_stamp, fingerprint, live_record

    mine, code = fingerprint()[:16], code_stamp()
    for home in all_homes():
        record = live_record(home)
        if record is not None:
            notes = [n for n, on in (("this environment's", home.name == mine), ("stale code", record.code != code))
                     if on]
            out.print(f"worker: pid {record.pid}, cwd {record.cwd}, started "
                      f"{datetime.fromtimestamp(record.started_at, UTC):%Y-%m-%d %H:%M} UTC"
                      + (f" ({', '.join(notes)})" if notes else "") + f", log {home / LOG}", highlight=False)


@prefect_app.command("start")
@one_line_errors
def prefect_start() -> None:
    """Start the local Prefect server now (unless PREFECT_API_URL is set) and this environment's warm worker
    (unless MEDIAMON_WORKER=off); every CLI run starts them when needed."""
    from flows.local_prefect import LocalServerError, ensure_server, server_home
    from flows.local_worker import WorkerUnavailable, ensure_worker, setting, worker_home

    if os.environ.get("PREFECT_API_URL"):
        out.print(f"PREFECT_API_URL is set ({os.environ['PREFECT_API_URL']}): no local Prefect server needed",
                  highlight=False)
    else:
        try:
            record, started = ensure_server(server_home())
        except LocalServerError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(1) from None
        out.print(f"{'started' if started else 'already running'}: UI {record.ui_url}, API {record.api_url}, "
                  f"pid {record.pid}", highlight=False)
    if (setting("MEDIAMON_WORKER") or "auto").lower() in ("off", "0", "false", "no"):
        return
    try:
        worker, started = ensure_worker(worker_home())
    except WorkerUnavailable as exc:
        err.print(f"[yellow]warning:[/yellow] {exc}; CLI runs go on in their own process", highlight=False)
        return
    out.print(f"worker {'started' if started else 'already running'}: pid {worker.pid}, cwd {worker.cwd}",
              highlight=False)


@prefect_app.command("stop")
def prefect_stop(worker_only: Annotated[bool, typer.Option(
        "--worker", help="Stop only this environment's warm worker, not the server nor other workers.")] = False,
                 ) -> None:
    """Stop the local Prefect server and the warm workers (the next CLI run starts them again; flow runs are kept)."""
    from flows.local_prefect import server_home, stop
    from flows.local_worker import all_homes, stop_worker, worker_home

    for home in [worker_home()] if worker_only else all_homes():
        worker = stop_worker(home)
        if worker is not None:
            out.print(f"stopped the worker pid {worker.pid} (cwd {worker.cwd})", highlight=False)
        elif worker_only:
            out.print(f"no worker was running for this environment ({home})", highlight=False)
    if worker_only:
        return
    home = server_home()
    record = stop(home)
    out.print(f"stopped the local Prefect server (pid {record.pid}, {record.ui_url})" if record
              else f"no local Prefect server was running (home {home})", highlight=False)
