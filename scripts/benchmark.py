#!/usr/bin/env python
"""One benchmark command, one table: every figure measured in the same run on the same generated pages.

    MEDIAMON_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test \\
        .venv/bin/python scripts/benchmark.py [--pages 10000] [--extract-pages 2000] [--base 5990141]

Rows (issue 11's targets beside them):
  extraction, 1 process and all cores, pages/s and M chars/s, this code and the `--base` commit's code on
  the same pages (a git worktree of that commit, run with the same interpreter): target >= 3x on one core
  loader rows/s against a bare COPY of the same rows into same-shaped tables: target >= 60%
  ingest through Prefect on --pages pages (first run, then the unchanged re-run), with Prefect's share of the
  flow run (flow run time minus the task runs' time): targets re-run >= 20x faster, Prefect <= 5%
  peak RSS of an ingest subprocess at --rss-pages page counts: target largest <= 1.2x smallest
  HTML path (extract_document on HTML) against bare trafilatura.extract on the same pages: target <= 1.3x
  CLI `mediamon ingest` of 5 files: wall time outside the flow's own work: target <= 2 s
It prints figures and asserts nothing (not a test). Pages come from scripts/gen_corpus.py (deterministic).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")  # a busy 2-core machine
PY = sys.executable
HTML_DIR = ROOT.parent / "shared" / "eval" / "external" / "article-extraction-benchmark" / "html"

# ------------------------------------------------------------------ extraction worker (run in a subprocess)

WORKER = r"""
import json, sys, time
from multiprocessing import Pool
sys.path.insert(0, sys.argv[1])
from extractors.documents import extract_document

def one(path):
    data = open(path, "rb").read()
    kind = "text/html" if path.endswith(".html") else "text/plain"
    t0 = time.perf_counter()
    try:
        extract_document(data, kind, path)
    except Exception:
        pass
    return len(data.decode("utf-8", "replace")), time.perf_counter() - t0

if __name__ == "__main__":
    paths = open(sys.argv[2]).read().split("\n")
    procs = int(sys.argv[3])
    one(paths[0])  # warm-up: imports, registries, compiled patterns
    t0 = time.perf_counter()
    if procs == 1:
        out = [one(p) for p in paths]
    else:
        with Pool(procs) as pool:
            out = pool.map(one, paths, chunksize=max(1, len(paths) // (procs * 8)))
    wall = time.perf_counter() - t0
    print(json.dumps({"pages": len(out), "chars": sum(c for c, _ in out), "seconds": wall}))
"""


def run_worker(code_root: Path, listing: Path, procs: int) -> dict:
    out = subprocess.run([PY, "-c", WORKER, str(code_root), str(listing), str(procs)], capture_output=True,
                         text=True, check=True, cwd=code_root)
    return json.loads(out.stdout.strip().splitlines()[-1])


def base_worktree(commit: str) -> Path:
    """A detached worktree of the base commit (made once, reused)."""
    path = Path(tempfile.gettempdir()) / f"mediamon-base-{commit}"
    if not (path / "extractors").is_dir():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(path), commit],
                       check=True, capture_output=True)
    return path


# ------------------------------------------------------------------ database helpers

def scratch_database() -> tuple[str, str]:
    """(URL of a new scratch database, its name) on the test server or the embedded one."""
    import sqlalchemy as sa

    from models import db
    from models.settings import get_settings

    name = f"mediamon_bench_{uuid.uuid4().hex[:8]}"
    server = get_settings().test_database_url
    if server:
        db.ensure_database(db.sqlalchemy_url(server), name)
        return sa.make_url(db.sqlalchemy_url(server)).set(database=name).render_as_string(hide_password=False), name
    return db.embedded_url(database=name), name


def drop_database(url: str) -> None:
    import sqlalchemy as sa

    admin = sa.make_url(url).set(database="postgres")
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


def use_database(url: str) -> None:
    from models import db
    from models.settings import get_settings

    os.environ["MEDIAMON_DATABASE_URL"] = url
    get_settings.cache_clear()
    db.get_engine.cache_clear()


# ------------------------------------------------------------------ sections


def bench_extraction(rows: list, corpus: Path, n: int, base: str) -> None:
    paths = sorted(str(p) for p in corpus.rglob("*.txt"))[:n]
    listing = corpus / "_extract_listing.txt"
    listing.write_text("\n".join(paths))
    cores = os.cpu_count() or 1
    ours1, oursn = run_worker(ROOT, listing, 1), run_worker(ROOT, listing, cores)
    try:
        old = base_worktree(base)
        base1 = run_worker(old, listing, 1)
    except (subprocess.CalledProcessError, OSError) as exc:
        base1 = None
        rows.append(("extraction, base commit", f"not measured: {exc}", "", ""))
    for label, r in ((f"extraction, 1 process, this code ({len(paths)} pages)", ours1),
                     (f"extraction, {cores} processes, this code", oursn)):
        rows.append((label, f"{r['pages'] / r['seconds']:,.1f} pages/s", f"{r['chars'] / r['seconds'] / 1e6:.2f} M "
                     "chars/s", ""))
    if base1:
        ratio = (ours1["chars"] / ours1["seconds"]) / (base1["chars"] / base1["seconds"])
        rows.append((f"extraction, 1 process, commit {base}", f"{base1['pages'] / base1['seconds']:,.1f} pages/s",
                     f"{base1['chars'] / base1['seconds'] / 1e6:.2f} M chars/s", f"this/base {ratio:.2f}x (>= 3x)"))


def server_cpu(database: str) -> float | None:
    """CPU seconds used so far by the PostgreSQL backends connected to `database`, when the server runs on this
    machine (read from /proc; None elsewhere): wall time on a shared machine measures the neighbours too."""
    total, found = 0.0, False
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else ():
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            if pid.isdigit() and cmd.startswith("postgres:") and f" {database} " in cmd.replace("\0", " "):
                fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
                found = True
        except OSError:
            continue
    return total if found else None


def _cpu_now(database: str) -> tuple[float, float | None]:
    return time.process_time(), server_cpu(database)


def _cpu_since(start: tuple[float, float | None], database: str) -> float | None:
    """Client + server CPU seconds since `start` (None when the server's CPU cannot be read)."""
    client, server = _cpu_now(database)
    return None if server is None or start[1] is None else client - start[0] + server - start[1]


def bench_load(rows: list, corpus: Path, n: int) -> None:
    """Our loader into a scratch database, then a bare COPY of the rows it wrote into same-shaped tables."""
    import sqlalchemy as sa
    from psycopg.types.json import Jsonb

    from extractors.documents import Limits
    from flows.extraction_pool import Job, extract_one
    from models import db
    from models.load import RawInput, load_pages, store_raw_documents
    from models.migrate import upgrade

    url, name = scratch_database()
    try:
        engine = db.get_engine(url)
        upgrade(engine)
        docs = [RawInput(str(p), p.read_bytes()) for p in sorted(corpus.rglob("*.txt"))[:n]]
        with engine.begin() as conn:
            ids = store_raw_documents(conn, docs, None)
        pages, sigs = [], {}
        for d in docs:  # as the flow extracts them (with the articles' wire-copy signatures); rejected pages
            # (quarantined by the flow) have no rows to load
            out = extract_one(Job(ids[d.sha256][0], d.content, d.media_type, d.source_uri, None, Limits(), None))
            if out.page is not None:
                pages.append((out.raw_id, out.page))
                sigs.update(((out.raw_id, index), sig) for index, sig in out.signatures.items())
        # every table the loader writes (wire-copy signatures and bands too: the loader's rows, not Prefect's)
        tables = ("outlets", "articles", "quotes", "speakers", "article_speakers", "article_signatures",
                  "article_bands")
        with engine.begin() as conn:  # the pool's connection is open, so its backend's CPU can be read
            conn.execute(sa.text("SELECT 1"))
        cpu0 = _cpu_now(name)
        t0 = time.perf_counter()
        for i in range(0, len(pages), 200):
            with engine.begin() as conn:
                load_pages(conn, pages[i:i + 200], None, "bench", True, sigs)
        ours = time.perf_counter() - t0
        ours_cpu = _cpu_since(cpu0, name)
        with engine.begin() as conn:
            written = {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            data, columns = {}, {}
            for t in tables:  # the rows as Python values, jsonb columns wrapped the way a loader must
                cur.execute(f"CREATE TABLE bench_{t} (LIKE {t} INCLUDING ALL)")
                cur.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                            "AND is_generated = 'NEVER' ORDER BY ordinal_position", (t,))
                columns[t] = ", ".join(c for (c,) in cur.fetchall())  # generated columns are computed
                cur.execute(f"SELECT {columns[t]} FROM {t}")
                json_cols = [i for i, d in enumerate(cur.description) if d.type_code in (114, 3802)]
                data[t] = [tuple(Jsonb(v) if i in json_cols and v is not None else v for i, v in enumerate(r))
                           for r in cur.fetchall()]
            raw.commit()
            cpu0 = _cpu_now(name)
            t0 = time.perf_counter()
            for t in tables:
                with cur.copy(f"COPY bench_{t} ({columns[t]}) FROM STDIN") as copy:
                    for row in data[t]:
                        copy.write_row(row)
            raw.commit()
            bare = time.perf_counter() - t0
            bare_cpu = _cpu_since(cpu0, name)
        finally:
            raw.close()
        total = sum(written.values())
        rows.append((f"load, our loader ({len(pages)} pages, {total:,} rows)", f"{total / ours:,.0f} rows/s", "",
                     f"{bare / ours:.0%} of COPY (>= 60%)"))
        rows.append(("load, bare COPY of the same rows", f"{total / bare:,.0f} rows/s", "", ""))
        if ours_cpu and bare_cpu:  # the same ratio in CPU seconds (this process + its PostgreSQL backends)
            rows.append(("  load CPU, client + server: ours / bare COPY", f"{ours_cpu:.2f} s / {bare_cpu:.2f} s", "",
                         f"{bare_cpu / ours_cpu:.0%} of COPY in CPU time"))
    finally:
        db.get_engine.cache_clear()
        drop_database(url)


def _flow_share(flow_run_id) -> float | None:
    """Prefect's share of a flow run: the part of the flow run's time in which no task run was running (task
    runs overlap: extraction of one batch runs while the flow loads the one before), read from Prefect's API."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        run = client.read_flow_run(flow_run_id)
        tasks, page = [], None
        while page is None or len(page) == 200:  # the API serves at most 200 a call
            page = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
                                         limit=200, offset=len(tasks))
            tasks += page
    total = run.total_run_time.total_seconds()
    busy, end = 0.0, None
    for t in sorted((t for t in tasks if t.start_time and t.end_time), key=lambda t: t.start_time):
        start = t.start_time if end is None or t.start_time > end else end
        if t.end_time > start:
            busy += (t.end_time - start).total_seconds()
            end = t.end_time
    return max(0.0, 1 - busy / total) if total else None


def bench_ingest(rows: list, corpus: Path, n: int) -> None:
    """`ingest` through Prefect on n new pages (process pool for extraction, loading meanwhile), then again on
    the unchanged pages; against one process's extraction-only pages/s on (the first 1,000 of) the same pages."""
    from flows.ingest import ingest

    url, _ = scratch_database()
    use_database(url)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i, p in enumerate(sorted(corpus.rglob("*.txt"))[:n]):
                Path(tmp, f"{i // 1000:03d}", f"{i:06d}.txt").parent.mkdir(exist_ok=True)
                Path(tmp, f"{i // 1000:03d}", f"{i:06d}.txt").write_bytes(p.read_bytes())
            listing = Path(tmp).with_suffix(".listing")
            listing.write_text("\n".join(sorted(str(p) for p in Path(tmp).rglob("*.txt"))[:1000]))
            alone = run_worker(ROOT, listing, 1)
            listing.unlink()
            ingest(sources=[str(ROOT / "samples")])  # warm-up: Prefect's server, migrations, imports
            timings = []
            for _ in range(2):
                t0 = time.perf_counter()
                state = ingest(sources=[tmp], return_state=True)
                timings.append((time.perf_counter() - t0, state))
        (first, s1), (second, _) = timings
        share = _flow_share(s1.state_details.flow_run_id)
        single = alone["pages"] / alone["seconds"]
        rows.append((f"extraction only, 1 process, {alone['pages']:,} of the ingest pages", f"{single:,.1f} pages/s",
                     "", ""))
        rows.append((f"ingest through Prefect, {n} new pages", f"{n / first:,.1f} pages/s", f"{first:.1f} s",
                     f"{n / first / single:.2f}x one process's extraction (>= 1.6x)"))
        rows.append(("ingest: Prefect's share of that flow run", f"{share:.1%}" if share is not None else "n/a", "",
                     "time no task ran (<= 5%)"))
        rows.append(("ingest, same pages again (unchanged)", f"{n / second:,.1f} pages/s", f"{second:.1f} s",
                     f"{first / second:.1f}x faster (>= 20x)"))
    finally:
        from models import db

        db.get_engine.cache_clear()
        drop_database(url)


# The flow's process's peak RSS in KiB: VmHWM (ru_maxrss survives exec, so it would report the benchmark's own
# peak whenever that is higher); the extraction workers are processes of their own, not counted.
RSS_CHILD = r"""
import re, resource, sys
sys.path.insert(0, sys.argv[1])
from flows.ingest import ingest
if __name__ == "__main__":
    ingest(sources=[sys.argv[2]])
    try:
        print(re.search(r"VmHWM:\s*(\d+)", open("/proc/self/status").read()).group(1))
    except (OSError, AttributeError):
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_rss(rows: list, counts: list[int], copies: int = 10) -> None:
    """Peak RSS of a child process that ingests `count` files: count / copies distinct short pages (scripts/
    gen_corpus.py's briefs), each in `copies` folders (the same bytes under other paths: stored once,
    recorded as one more source each), so that 100k inputs fit in the benchmark's minutes."""
    from scripts.gen_corpus import write

    peaks = []
    for count in counts:
        url, _ = scratch_database()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                first = Path(tmp, "copy-00")
                write(first, max(1, count // copies), 7, ["brief"])
                for k in range(1, copies):
                    for page in first.rglob("*.txt"):
                        target = Path(tmp, f"copy-{k:02d}", page.relative_to(first))
                        target.parent.mkdir(parents=True, exist_ok=True)
                        os.link(page, target)
                env = dict(os.environ, MEDIAMON_DATABASE_URL=url)
                out = subprocess.run([PY, "-c", RSS_CHILD, str(ROOT), tmp], capture_output=True, text=True,
                                     check=True, env=env, cwd=ROOT)
                peaks.append((count, int(out.stdout.strip().splitlines()[-1]) / 1024))
        finally:
            drop_database(url)
    for count, mib in peaks:
        rows.append((f"peak RSS, ingest of {count:,} files ({count // copies:,} short pages x {copies})",
                     f"{mib:,.0f} MiB", "", ""))
    rows[-1] = rows[-1][:3] + (f"{peaks[-1][1] / peaks[0][1]:.2f}x of {peaks[0][0]:,} (<= 1.2x)",)


def bench_html(rows: list, limit: int) -> None:
    """extract_document on HTML pages against bare trafilatura.extract, page by page in turn (the same load for
    both), and html_to_text (the HTML step: trafilatura, metadata, date) alone."""
    import gzip

    import trafilatura

    from extractors.documents import extract_document
    from extractors.html import html_to_text

    files = sorted(HTML_DIR.glob("*.html*"))[:limit] if HTML_DIR.is_dir() else []
    if not files:
        rows.append(("HTML path", f"not measured: no pages in {HTML_DIR}", "", ""))
        return
    pages = [gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in files]
    extract_document(pages[0], "text/html", "warm-up")
    trafilatura.extract(pages[0].decode("utf-8", "replace"))
    ours = step = bare = 0.0
    for i, page in enumerate(pages):
        t0 = time.perf_counter()
        with contextlib.suppress(Exception):
            extract_document(page, "text/html", f"p{i}.html")
        t1 = time.perf_counter()
        html_to_text(page.decode("utf-8", "replace"))
        t2 = time.perf_counter()
        trafilatura.extract(page.decode("utf-8", "replace"))
        t3 = time.perf_counter()
        ours, step, bare = ours + t1 - t0, step + t2 - t1, bare + t3 - t2
    rows.append((f"HTML path (extract_document), {len(pages)} pages", f"{len(pages) / ours:,.1f} pages/s", "",
                 f"{ours / bare:.2f}x bare trafilatura (<= 1.3x)"))
    rows.append(("  its HTML step alone (html_to_text)", f"{len(pages) / step:,.1f} pages/s", "",
                 f"{step / bare:.2f}x bare trafilatura"))
    rows.append(("bare trafilatura.extract, same pages", f"{len(pages) / bare:,.1f} pages/s", "", ""))


LAST_RUN = "SELECT extract(epoch FROM finished_at - started_at) FROM ingest_runs ORDER BY id DESC LIMIT 1"


def _process_cpu(pid: int | None) -> float:
    """CPU seconds (user + system) of a process that is not our child (the warm worker), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return 0.0


def _cli_ingest(files: list[str], env: dict, database_url: str, worker: int | None = None,
                ) -> tuple[float, float, float]:
    """(wall s, CPU s of the command, its children and the worker, the flow's own work s) of one `mediamon
    ingest`."""
    import sqlalchemy as sa

    before, worker_before = resource.getrusage(resource.RUSAGE_CHILDREN), _process_cpu(worker)
    t0 = time.perf_counter()
    subprocess.run([str(Path(PY).parent / "mediamon"), "ingest", *files], check=True, capture_output=True,
                   env=env, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime + _process_cpu(worker) - worker_before
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        work = float(conn.execute(sa.text(LAST_RUN)).scalar_one())
    engine.dispose()
    return wall, cpu, work


WORKER_PID = re.compile(r"worker (?:started|already running): pid (\d+)")


def bench_cli(rows: list, corpus: Path) -> None:
    """`mediamon ingest` of 5 files on the embedded default (a scratch database on the embedded server, its schema
    in place), each a real command timed from its start to its exit: through the warm local worker with the
    local Prefect server (both started first by `mediamon prefect start`: once per machine and environment),
    the same files again, then, as before the worker, 5 other files in the command's own process
    (`--no-worker`) and 5 more with a temporary Prefect server per run (MEDIAMON_PREFECT_SERVER=temporary)."""
    from models import db

    name = f"mediamon_bench_{uuid.uuid4().hex[:8]}"
    try:
        url = db.embedded_url(database=name)
    except db.DatabaseError as exc:
        rows.append(("CLI `mediamon ingest` of 5 files", f"not measured: {exc}", "", ""))
        return
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIAMON_DATABASE_URL", "PREFECT_API_URL")}
    env["MEDIAMON_EMBEDDED_DATABASE"] = name
    try:
        paths = [str(p) for p in sorted(corpus.rglob("*.txt"))[:20]]
        started = subprocess.run([str(Path(PY).parent / "mediamon"), "prefect", "start"], check=True,
                                 capture_output=True, text=True, env=env, cwd=ROOT)
        found = WORKER_PID.search(started.stdout)
        # the schema, as on the embedded database every run after the first finds it (a new database's
        # migrations, ~0.5-1.5 s once, ran before each run's ingest_runs row, so they counted as outside the flow)
        subprocess.run([str(Path(PY).parent / "mediamon"), "db", "upgrade"], check=True, capture_output=True,
                       env=env, cwd=ROOT)
        worker = int(found.group(1)) if found else None
        runs = [("CLI `mediamon ingest` of 5 files (warm worker, local Prefect)", paths[:5], env, worker),
                ("  the same 5 files again (unchanged)", paths[:5], env, worker),
                ("  5 other files in the command's process (--no-worker; before)",
                 [*paths[5:10], "--no-worker"], env, None),
                ("  5 more, temporary Prefect server (before that)", paths[10:15],
                 {**env, "MEDIAMON_PREFECT_SERVER": "temporary"}, None)]
        for label, files, run_env, pid in runs:
            wall, cpu, work = _cli_ingest(files, run_env, url, pid)
            target = "" if label.startswith(" ") else " (<= 2 s)"
            rows.append((label, f"{wall:.1f} s wall", f"{work:.2f} s flow work",
                         f"{wall - work:.1f} s outside the flow{target}, {cpu:.1f} s CPU in all"))
        if worker is None:
            rows.append(("  (no warm worker started: the rows above ran in the command's process)", "", "", ""))
    finally:  # this environment's warm worker (flows/local_worker.py) goes with its scratch database
        subprocess.run([str(Path(PY).parent / "mediamon"), "prefect", "stop", "--worker"], capture_output=True,
                       env=env, cwd=ROOT)
        db.get_engine.cache_clear()
        drop_database(url)


def print_table(rows: list) -> None:
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    head = ("measure", "figure", "", "against the target")
    for r in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10_000, help="pages for the ingest rows")
    ap.add_argument("--extract-pages", type=int, default=2_000)
    ap.add_argument("--load-pages", type=int, default=2_000)
    ap.add_argument("--rss-pages", default="10000,100000", help="file counts for peak RSS (the issue's sizes)")
    ap.add_argument("--html-pages", type=int, default=100)
    ap.add_argument("--base", default="5990141", help="the commit to compare extraction with")
    ap.add_argument("--sections", default="extract,load,ingest,rss,html,cli")
    args = ap.parse_args()
    sections = set(args.sections.split(","))
    from scripts.gen_corpus import write

    rows: list = []
    started = time.perf_counter()
    needed = {"extract": args.extract_pages, "load": args.load_pages, "ingest": args.pages, "cli": 20}
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        write(corpus, max([needed[s] for s in sections if s in needed] or [1]), 1,
              ["report", "masthead", "dateline", "marker", "wrapped", "digest", "interview"])
        timings.append(("corpus", time.perf_counter() - started))
        steps = {"extract": lambda: bench_extraction(rows, corpus, args.extract_pages, args.base),
                 "load": lambda: bench_load(rows, corpus, args.load_pages),
                 "ingest": lambda: bench_ingest(rows, corpus, args.pages),
                 "rss": lambda: bench_rss(rows, [int(c) for c in args.rss_pages.split(",")]),
                 "html": lambda: bench_html(rows, args.html_pages),
                 "cli": lambda: bench_cli(rows, corpus)}
        try:
            for name, step in steps.items():
                if name in sections:
                    t0 = time.perf_counter()
                    step()
                    timings.append((name, time.perf_counter() - t0))
                    print(f"[{time.perf_counter() - started:5.0f} s] {name} done", file=sys.stderr, flush=True)
        finally:  # the rows measured so far are printed even when a later section fails
            here = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            total = time.perf_counter() - started
            rows.append(("benchmark wall time", f"{total:.0f} s", "", f"{'' if total < 600 else 'OVER: '}< 600 s, "
                         f"{os.cpu_count()} cores, peak RSS of this process {here} MiB"))
            rows.append(("  per section", ", ".join(f"{n} {t:.0f} s" for n, t in timings), "", ""))
            print_table(rows)


if __name__ == "__main__":
    main()
