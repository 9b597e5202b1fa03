"""`mediamon selftest`: the bad-input corpus and three fault drills, run through the real CLI against
real PostgreSQL, and one table of what became of every input.

    corpus      every class of flows/badinput.py, ingested once; each input must end as it should
    kill -9     a run killed mid-way, then a re-run: every input loaded exactly once, the killed run's
                row marked crashed, its Prefect temporary server gone
    concurrent  two runs of the same inputs at once: one copy of each record
    outage      a second PostgreSQL (pgserver, in a temporary directory) stopped and started mid-run:
                the run completes or fails with one line, a re-run completes with no false rejection

Each scratch database is created on the configured server (or the embedded one) and dropped after.
Counts: crashed = a CLI run with a traceback or an unexpected exit, or a run row left running/failed;
lost = an input with no outcome; duplicated = rows beyond one copy of each record; false rejections
= an input that should be extracted but was rejected, or a "not loaded" rejection left behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from flows.badinput import CLASSES, HEAVY, Case, good_pages, write_corpus
from flows.sources import display_path
from models.db import libpq_url

PEAK = re.compile(r"peak memory (\d+) MB")
RECORD_TABLES = ("raw_documents", "articles", "quotes", "speakers", "article_speakers", "rejections", "outlets")
NOT_LOADED = ("load-error", "incomplete-load")


@dataclass
class Tally:
    name: str
    inputs: int = 0
    extracted: int = 0
    rejected: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    crashed: int = 0
    lost: int = 0
    duplicated: int = 0
    false_rejections: int = 0
    peak_mb: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def problem(self, counter: str, note: str, n: int = 1) -> None:
        setattr(self, counter, getattr(self, counter) + n)
        self.notes.append(f"{counter}: {note}")


@dataclass
class Report:
    tallies: list[Tally] = field(default_factory=list)
    classes: int = 0

    @property
    def ok(self) -> bool:
        return all(t.crashed == t.lost == t.duplicated == t.false_rejections == 0 for t in self.tallies)


# --- databases ---------------------------------------------------------------------------------

@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A new database on the server behind `server_url`, dropped afterwards; yields its URL."""
    name = f"mediamon_selftest_{uuid.uuid4().hex[:8]}"
    admin = libpq_url(server_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _with_database(admin, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _with_database(url: str, name: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def second_server() -> Iterator[tuple[str, Path]]:
    """A PostgreSQL of the test's own (pgserver in a temporary directory); yields (URL, data dir)."""
    import warnings

    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver

    with tempfile.TemporaryDirectory(prefix="mediamon-outage-") as tmp:
        os.chmod(tmp, 0o755)  # as root, pgserver runs the server as its own user
        server = pgserver.get_server(Path(tmp) / "pgdata", cleanup_mode="stop")
        try:
            yield server.get_uri(), Path(tmp) / "pgdata"
        finally:
            server.cleanup()


def stop_server(pgdata: Path) -> None:
    import pgserver

    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    from pgserver._commands import pg_ctl

    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=server.system_user)


def start_server(pgdata: Path) -> None:
    import pgserver

    pgserver.get_server(pgdata, cleanup_mode="stop").ensure_postgres_running()


def _count(url: str, query: str, params: tuple = ()) -> int:
    with psycopg.connect(libpq_url(url), connect_timeout=5) as conn:
        return conn.execute(query, params).fetchone()[0]


def record_counts(url: str) -> dict[str, int]:
    with psycopg.connect(libpq_url(url)) as conn:
        return {t: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]
                for t in RECORD_TABLES}


# --- running the CLI ---------------------------------------------------------------------------

def mediamon() -> list[str]:
    return [sys.executable, "-c", "import sys; from flows.cli import app; sys.argv[0] = 'mediamon'; app()"]


def cli_env(database_url: str, api_url: str | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIAMON_")}
    env.update({"MEDIAMON_DATABASE_URL": database_url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "MEDIAMON_RETRY_DELAYS": "[1, 2, 3, 5, 8]", **extra})
    env.pop("PREFECT_API_URL", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def start_ingest(sources: list[Path], env: dict[str, str], batch_size: int = 10) -> subprocess.Popen:
    return subprocess.Popen([*mediamon(), "ingest", "--batch-size", str(batch_size), *map(str, sources)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str


def finish(proc: subprocess.Popen, timeout: float = 900) -> Finished:
    out, err = proc.communicate(timeout=timeout)
    return Finished(proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"))


def judge_run(tally: Tally, run: Finished, may_fail: bool = False) -> None:
    """A run that completed; or (`may_fail`) one that failed with one clean error line."""
    peak = PEAK.search(run.stdout)
    if peak:
        tally.peak_mb = max(tally.peak_mb, int(peak.group(1)))
    errors = [line for line in run.stderr.splitlines() if line.startswith(("error:", "database error:"))]
    if "Traceback" in run.stderr:
        tally.problem("crashed", "a traceback: " + run.stderr.strip().splitlines()[-1][:200])
    elif run.returncode != 0 and not (may_fail and run.returncode == 1 and len(errors) == 1):
        tally.problem("crashed", f"exit {run.returncode}: {run.stderr.strip()[-300:]}")
    elif run.returncode == 1:
        tally.notes.append(f"failed cleanly, one line: {errors[0][:160]}")


# --- outcomes ----------------------------------------------------------------------------------

def outcomes(url: str, root: Path, cases: list[Case]) -> dict[bytes, str]:
    """What became of each file input: extracted | rejected:<reason> | extracted+rejected:<r> | lost."""
    result = {}
    with psycopg.connect(libpq_url(url)) as conn:
        for case in cases:
            if case.expected.startswith("skipped"):
                continue
            path = os.path.join(os.fsencode(root), case.path)
            sha = hashlib.sha256(Path(os.fsdecode(path)).read_bytes()).hexdigest()
            raw = conn.execute("SELECT id FROM raw_documents WHERE sha256 = %s", (sha,)).fetchone()
            if raw is None:
                rows = conn.execute("SELECT reason FROM rejections WHERE source_uri = %s",
                                    (display_path(path),)).fetchall()
                result[case.path] = f"rejected:{rows[0][0]}" if rows else "lost"
                continue
            articles = conn.execute("SELECT count(*) FROM articles WHERE raw_document_id = %s", raw).fetchone()[0]
            reasons = [r[0] for r in conn.execute(
                "SELECT reason FROM rejections WHERE raw_document_id = %s ORDER BY reason", raw)]
            if articles and reasons:
                result[case.path] = f"extracted+rejected:{reasons[0]}"
            elif articles:
                result[case.path] = "extracted"
            else:
                result[case.path] = f"rejected:{reasons[0]}" if reasons else "lost"
    return result


def skipped_by_run(url: str) -> Counter:
    """Skips per reason as the runs reported them (each run of the same inputs reports them all)."""
    most = Counter()
    with psycopg.connect(libpq_url(url)) as conn:
        for (reasons,) in conn.execute("SELECT skipped_reasons FROM ingest_runs WHERE flow_name = 'ingest'"):
            for reason, n in (reasons or {}).items():
                most[reason] = max(most[reason], n)
    return most


def tally_outcomes(tally: Tally, url: str, root: Path, cases: list[Case]) -> None:
    """Each input's outcome against what it should be; skips against the runs' counts; leftovers."""
    tally.inputs = len(cases)
    found = outcomes(url, root, cases)
    for case in cases:
        if case.expected.startswith("skipped"):
            continue
        outcome = found[case.path]
        if outcome == "lost":
            tally.problem("lost", case.shown)
        elif outcome.startswith("extracted+rejected"):
            tally.problem("false_rejections", f"{case.shown}: extracted and {outcome}")
        elif outcome == "extracted":
            tally.extracted += 1
        else:
            tally.rejected[outcome.split(":", 1)[1]] += 1
            if case.expected == "extracted":
                tally.problem("false_rejections", f"{case.shown}: {outcome}")
        if not case.allows(outcome) and outcome != "lost" and not outcome.startswith("extracted+"):
            tally.notes.append(f"unexpected: {case.shown} ({case.kind}) {outcome}, expected {case.expected}")
    expected_skips = Counter(c.expected.split(":", 1)[1] for c in cases if c.expected.startswith("skipped"))
    per_run = tally.skipped = skipped_by_run(url)
    for reason, n in expected_skips.items():
        if per_run[reason] < n:
            tally.problem("lost", f"{n - per_run[reason]} input(s) skipped silently ({reason})", n - per_run[reason])
    left = _count(url, "SELECT count(*) FROM rejections WHERE reason = ANY(%s)", (list(NOT_LOADED),))
    if left:
        tally.problem("false_rejections", f"{left} 'not loaded' rejection(s) left", left)
    shas = {hashlib.sha256(Path(os.fsdecode(os.path.join(os.fsencode(root), c.path))).read_bytes()).hexdigest()
            for c in cases if not c.expected.startswith("skipped")}
    raw = _count(url, "SELECT count(*) FROM raw_documents")
    if raw > len(shas):
        tally.problem("duplicated", f"{raw} raw documents for {len(shas)} distinct inputs", raw - len(shas))
    unfinished = _count(url, "SELECT count(*) FROM ingest_runs WHERE status IN ('running', 'failed')")
    if unfinished:
        tally.notes.append(f"{unfinished} run row(s) not completed (crashed rows are expected after kill -9)")


def compare_counts(tally: Tally, url: str, reference: dict[str, int]) -> None:
    counts = record_counts(url)
    for table, n in counts.items():
        if n > reference[table]:
            tally.problem("duplicated", f"{table}: {n} rows, one copy is {reference[table]}", n - reference[table])
        elif n < reference[table]:
            tally.problem("lost", f"{table}: {n} rows, expected {reference[table]}", reference[table] - n)


# --- the sections ------------------------------------------------------------------------------

def drill_inputs(root: Path, pages: int) -> tuple[list[Case], list[Path]]:
    """Invented pages plus a few bad inputs of quick classes: the drills' input."""
    cases = good_pages(root / "pages", pages)
    cases += write_corpus(root, ["binary", "empty", "utf16-bom", "non-utf8-file-name", "furniture-only",
                                 "other-suffix", "fifo"])
    return cases, [root]


def run_corpus(server_url: str, api_url: str | None, work: Path, heavy: bool) -> Tally:
    tally = Tally("corpus")
    started = time.monotonic()
    root = work / "corpus"
    classes = [k for k in CLASSES if heavy or k not in HEAVY]
    cases = write_corpus(root, classes)
    with scratch_database(server_url) as url:
        # small enough that the big feed is loaded over several transactions
        env = cli_env(url, api_url, MEDIAMON_MAX_ARTICLES_PER_TRANSACTION="500")
        judge_run(tally, finish(start_ingest([root], env, batch_size=20)))
        tally_outcomes(tally, url, root, cases)
    tally.seconds = time.monotonic() - started
    tally.notes.insert(0, f"{len(classes)} classes")
    return tally


def reference_counts(server_url: str, api_url: str | None, root: Path, cases: list[Case]) -> tuple[dict, Tally]:
    tally = Tally("reference run")
    started = time.monotonic()
    with scratch_database(server_url) as url:
        judge_run(tally, finish(start_ingest([root], cli_env(url, api_url))))
        tally_outcomes(tally, url, root, cases)
        tally.seconds = time.monotonic() - started
        return record_counts(url), tally


def _wait_for_raw(url: str, at_least: int, proc: subprocess.Popen, timeout: float = 300) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if _count(url, "SELECT count(*) FROM raw_documents") >= at_least:
                return True
        except psycopg.Error:
            pass  # the schema is not there yet
        time.sleep(0.1)
    return False


def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def run_kill_drill(server_url: str, api_url: str | None, root: Path, cases: list[Case], reference: dict) -> Tally:
    import psutil

    tally = Tally("kill -9 + re-run")
    started = time.monotonic()
    with scratch_database(server_url) as url:
        proc = start_ingest([root], cli_env(url, None), batch_size=5)  # its own temporary Prefect server
        if not _wait_for_raw(url, 10, proc):
            tally.notes.append("the run ended before it could be killed: the drill did not test a kill")
        children = _descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        stored_when_killed = _count(url, "SELECT count(*) FROM raw_documents")
        gone, alive = psutil.wait_procs(children, timeout=20)
        for p in alive:
            tally.problem("crashed", f"process {p.pid} of the killed run left running: {' '.join(p.cmdline())[:120]}")
        judge_run(tally, finish(start_ingest([root], cli_env(url, api_url))))
        tally_outcomes(tally, url, root, cases)
        compare_counts(tally, url, reference)
        crashed_rows = _count(url, "SELECT count(*) FROM ingest_runs WHERE status = 'crashed'")
        running = _count(url, "SELECT count(*) FROM ingest_runs WHERE status = 'running'")
        if running or not crashed_rows:
            tally.problem("crashed", f"the killed run's row: {crashed_rows} crashed, {running} still running")
        tally.notes.append(f"killed with {stored_when_killed} of {len(cases)} inputs stored; "
                           f"{len(children)} child process(es) of the killed run, all gone")
    tally.seconds = time.monotonic() - started
    return tally


def run_concurrent_drill(server_url: str, api_url: str | None, root: Path, cases: list[Case],
                         reference: dict) -> Tally:
    tally = Tally("two runs at once")
    started = time.monotonic()
    with scratch_database(server_url) as url:
        env = cli_env(url, api_url)
        procs = [start_ingest([root], env), start_ingest([root], env)]
        for proc in procs:
            judge_run(tally, finish(proc))
        tally_outcomes(tally, url, root, cases)
        compare_counts(tally, url, reference)
    tally.seconds = time.monotonic() - started
    return tally


def run_outage_drill(api_url: str | None, root: Path, cases: list[Case], reference: dict,
                     down_seconds: float = 3.0, retry_delays: str = "[1, 2, 3, 5, 8]",
                     name: str = "database restart") -> Tally:
    """Stop the database mid-run for `down_seconds`; the run rides it out (or, when the retries are
    shorter than the outage, fails with one line); then a re-run must complete with no false rejection."""
    tally = Tally(name)
    started = time.monotonic()
    with second_server() as (server_url, pgdata), scratch_database(server_url) as url:
        env = cli_env(url, api_url, MEDIAMON_RETRY_DELAYS=retry_delays)
        proc = start_ingest([root], env, batch_size=5)
        if not _wait_for_raw(url, 10, proc):
            tally.notes.append("the run ended before the database could be stopped")
        stop_server(pgdata)
        time.sleep(down_seconds)
        start_server(pgdata)
        first = finish(proc)
        judge_run(tally, first, may_fail=True)
        if first.returncode == 0:
            tally.notes.append(f"the run rode out a {down_seconds:.0f} s stop (retries {retry_delays} s)")
        judge_run(tally, finish(start_ingest([root], cli_env(url, api_url))))
        tally_outcomes(tally, url, root, cases)
        compare_counts(tally, url, reference)
    tally.seconds = time.monotonic() - started
    return tally


def selftest(server_url: str, api_url: str | None, heavy: bool = True, pages: int = 150,
             drills: tuple[str, ...] = ("kill", "concurrent", "outage")) -> Report:
    """The corpus and the drills; `server_url`: where scratch databases are created."""
    report = Report(classes=len([k for k in CLASSES if heavy or k not in HEAVY]))
    with tempfile.TemporaryDirectory(prefix="mediamon-selftest-") as tmp:
        work = Path(tmp)
        report.tallies.append(run_corpus(server_url, api_url, work, heavy))
        if drills:
            cases, sources = drill_inputs(work / "drill", pages)
            reference, ref_tally = reference_counts(server_url, api_url, work / "drill", cases)
            report.tallies.append(ref_tally)
            if "kill" in drills:
                report.tallies.append(run_kill_drill(server_url, api_url, work / "drill", cases, reference))
            if "concurrent" in drills:
                report.tallies.append(run_concurrent_drill(server_url, api_url, work / "drill", cases, reference))
            if "outage" in drills:
                report.tallies.append(run_outage_drill(api_url, work / "drill", cases, reference))
                report.tallies.append(run_outage_drill(api_url, work / "drill", cases, reference, down_seconds=8,
                                                       retry_delays="[1, 1]", name="outage > retries"))
    return report


SHORT_NAMES = {"corpus": "corpus", "reference run": "ref", "kill -9 + re-run": "kill-9",
               "two runs at once": "2 runs", "database restart": "restart", "outage > retries": "outage"}


def render(report: Report):
    """The table: a row per figure, a column per section and the total (fits 80 columns)."""
    from rich import box
    from rich.table import Table

    total = Tally("total")
    for t in report.tallies:
        total.inputs += t.inputs
        total.extracted += t.extracted
        total.rejected.update(t.rejected)
        total.skipped.update(t.skipped)
        for name in ("crashed", "lost", "duplicated", "false_rejections"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
        total.peak_mb = max(total.peak_mb, t.peak_mb)
        total.seconds += t.seconds
    columns = [*report.tallies, total]
    table = Table(title=f"selftest: {report.classes} classes of bad input and "
                        f"{sum(t.name in SHORT_NAMES and t.name not in ('corpus', 'reference run') for t in columns)}"
                        " fault drills", title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column("", no_wrap=True)
    for t in columns:
        table.add_column(SHORT_NAMES.get(t.name, t.name), justify="right", no_wrap=True,
                         style="bold" if t is total else None)
    rows: list[tuple[str, str]] = [("inputs tried", "inputs"), ("extracted", "extracted")]
    rows += [(f"rejected {r}", f"rejected:{r}") for r in sorted(total.rejected)]
    rows += [(f"skipped {r}", f"skipped:{r}") for r in sorted(total.skipped)]
    rows += [("crashed", "crashed"), ("lost", "lost"), ("duplicated", "duplicated"),
             ("false rejections", "false_rejections"), ("peak memory MB", "peak_mb"), ("seconds", "seconds")]
    for label, key in rows:
        table.add_row(label, *(_figure(t, key) for t in columns))
    return table


def _figure(t: Tally, key: str) -> str:
    if ":" in key:
        kind, reason = key.split(":", 1)
        return str((t.rejected if kind == "rejected" else t.skipped).get(reason, 0))
    value = getattr(t, key)
    return f"{value:.0f}" if isinstance(value, float) else str(value)
