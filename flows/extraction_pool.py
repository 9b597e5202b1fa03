"""Extraction of big batches in worker processes, while the flow's own process stores and loads.

A run opens `extraction_workers()`; the first batch with at least `extraction_pool_min_documents` documents to
extract starts a process pool (forkserver processes with the extractors preloaded: each worker costs a fork,
not an import), which the run's later batches share and which stops with the run. Smaller batches, and runs
whose batches are all small (a CLI run of a few files), extract in the flow's process: a pool costs seconds
to start. Extraction is pure, so a worker makes exactly the pages the flow's process would make. The
wire-copy signatures of the articles (models/clusters.py, CPU work that needs no database) are computed
with them, so the loader only writes them. A job is one document; a batch goes to the workers in a few
chunks, never one message per document.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from extractors.documents import ExtractionError, Limits, extract_document
from extractors.records import Page
from extractors.web import DocumentContext
from models.clusters import signatures

LOG = logging.getLogger(__name__)
PRELOAD = ["flows.extraction_warmup"]  # the extractors, signatures, numpy, datasketch, warmed up on one page
WATCH_SECONDS = 1.0  # how often a worker checks that its run is alive
CHUNKS_PER_WORKER = 2  # a batch is split in this many chunks per worker: balanced, few messages


@dataclass
class Job:
    """One document to extract (what a worker needs: bytes and context, no database)."""

    raw_id: int
    content: bytes
    media_type: str
    source_uri: str
    received_at: datetime | None
    limits: Limits
    context: DocumentContext | None


@dataclass
class Outcome:
    """A document's page and its articles' signatures (item index -> signature), or why it failed."""

    raw_id: int
    page: Page | None = None
    signatures: dict[int, np.ndarray | None] | None = None
    reason: str | None = None
    error: str = ""


def extract_one(job: Job) -> Outcome:
    """Extract one document; a failure is an outcome with its reason, never an exception."""
    try:
        page = extract_document(job.content, job.media_type, job.source_uri, job.received_at, job.limits,
                                job.context)
    except ExtractionError as exc:
        return Outcome(job.raw_id, reason=exc.reason, error=str(exc))
    except Exception as exc:  # an extractor bug must not stop the run: quarantined with the error
        return Outcome(job.raw_id, reason="extract-error", error=f"{type(exc).__name__}: {exc}")
    return Outcome(job.raw_id, page, signatures({a.index: a.body for a in page.items}))


def extract_chunk(jobs: list[Job]) -> list[Outcome]:
    """A worker's part of a batch. The pages' line decisions (what `mediamon explain` shows) stay behind:
    nothing after extraction reads them, and they are most of a page's size."""
    out = [extract_one(job) for job in jobs]
    for outcome in out:
        if outcome.page is not None:
            outcome.page.lines = []
    return out


def _watch_run(run_pid: int) -> None:
    """In each worker: exit as soon as the run's process is gone (a run killed with SIGKILL never shuts its
    pool down, and a worker waiting for work would wait forever)."""
    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            try:
                os.kill(run_pid, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # alive, someone else's: not ours to judge
                pass

    threading.Thread(target=watch, name="watch-run", daemon=True).start()


@dataclass
class _Workers:
    processes: int
    min_documents: int
    executor: Executor | None = None

    broken: bool = False

    def extract(self, jobs: list[Job]) -> list[Outcome]:
        if len(jobs) < self.min_documents or self.broken:
            return [extract_one(job) for job in jobs]
        try:
            if self.executor is None:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(PRELOAD)
                self.executor = ProcessPoolExecutor(self.processes, mp_context=context, initializer=_watch_run,
                                                    initargs=(os.getpid(),))
            size = -(-len(jobs) // (self.processes * CHUNKS_PER_WORKER))
            futures = [self.executor.submit(extract_chunk, jobs[i:i + size]) for i in range(0, len(jobs), size)]
            return [outcome for future in futures for outcome in future.result()]
        except Exception as exc:  # workers that cannot start or died (a script that runs the flow without
            # an `if __name__ == "__main__":` guard, memory exhausted), a job that cannot be sent: the run goes
            # on in its own process (extract_one itself never raises)
            self.broken = True
            LOG.warning("extraction workers failed (%s: %s); extracting in the run's process",
                        type(exc).__name__, exc)
            return [extract_one(job) for job in jobs]


_active: _Workers | None = None


@contextmanager
def extraction_workers(processes: int = 0, min_documents: int = 64) -> Iterator[None]:
    """Let this run's big batches extract in `processes` worker processes (0: one per core; 1: none)."""
    global _active
    processes = processes or os.cpu_count() or 1
    if processes <= 1 or _active is not None:  # one process, or a flow inside another's run: as it is
        yield
        return
    _active = _Workers(processes, max(1, min_documents))
    try:
        yield
    finally:
        workers, _active = _active, None
        if workers.executor is not None:
            workers.executor.shutdown(wait=True, cancel_futures=True)


def extract_jobs(jobs: list[Job]) -> list[Outcome]:
    """The outcomes of the jobs, in their order: in the workers when a run opened them and the batch is big."""
    workers = _active
    return workers.extract(jobs) if workers is not None else [extract_one(job) for job in jobs]
