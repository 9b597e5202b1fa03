"""Backfill: load only the stories published in a bounded window (optionally of one outlet).

Stateless: the window is the flow's parameters, nothing else is remembered, so several windows can run
at once and any can be re-run (upserts on natural keys). Every document read is stored as raw bytes
(nothing is lost, `reextract` can pick it up later); only the stories in the window are written,
the others are counted as skipped. Documents already extracted are extracted again, because an
earlier window may have loaded only some stories of a digest page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows.ingest import (
    ExtractedBatch,
    IngestSummary,
    chunks,
    extract_batch,
    load_batch,
    recorded_run,
    store_batch,
)
from flows.resilience import retrying
from flows.sources import discover

# The CLI may set this to draw a progress bar: called with (documents done, documents total).
progress_callback: Callable[[int, int], None] | None = None


@dataclass
class BackfillSummary(IngestSummary):
    stories_loaded: int = 0  # stories in the window, written or already as stored
    stories_skipped: int = 0  # stories outside the window (or of another outlet): not written
    rejected_by_reason: dict[str, int] = field(default_factory=dict)


@dataclass
class WindowedBatch:
    extracted: ExtractedBatch
    loaded: int = 0
    skipped: int = 0


def in_window(published: str | None, date_from: date, date_to: date) -> bool:
    """The story's date as printed (ISO date or datetime) within [date_from, date_to]."""
    return bool(published) and date_from <= date.fromisoformat(published[:10]) <= date_to


@task(cache_policy=NO_CACHE)
def select_window(extracted: ExtractedBatch, date_from: date, date_to: date, outlet: str | None) -> WindowedBatch:
    """Keep only the stories of the window (and outlet); pages left with no story are dropped."""
    kept, loaded, skipped = [], 0, 0
    for raw_id, page in extracted.pages:
        same_outlet = outlet is None or (page.outlet is not None and page.outlet.domain == outlet)
        items = [a for a in page.items if same_outlet and in_window(a.published, date_from, date_to)]
        loaded += len(items)
        skipped += len(page.items) - len(items)
        if items:
            kept.append((raw_id, replace(page, items=items)))
    return WindowedBatch(ExtractedBatch(kept, extracted.rejections), loaded, skipped)


@flow(name="backfill", log_prints=True)
def backfill(sources: list[str], date_from: date, date_to: date, outlet: str | None = None,
             batch_size: int = 200) -> BackfillSummary:
    """Load the stories of `sources` published in [date_from, date_to] (of `outlet` only, if given)."""
    if date_to < date_from:
        raise ValueError(f"empty window: --to {date_to} is before --from {date_from}")
    paths = [str(p) for p in discover(sources)]
    parameters = {"sources": sources, "date_from": str(date_from), "date_to": str(date_to), "outlet": outlet,
                  "batch_size": batch_size}
    store, load = retrying(store_batch), retrying(load_batch)
    with recorded_run("backfill", parameters, BackfillSummary) as summary:
        for paths_batch in chunks(paths, max(1, batch_size)):
            stored, unreadable = store(paths_batch, summary.run_id)
            everything = [replace(s, pending=True) for s in stored]
            window = select_window(extract_batch(quote(everything)), date_from, date_to, outlet)
            stats = load(quote(window.extracted), summary.run_id, prune=False)
            summary.add_batch(len(paths_batch), window.extracted, stats, unreadable)
            summary.documents_new += sum(s.is_new for s in stored)
            summary.stories_loaded += window.loaded
            summary.stories_skipped += window.skipped
            for r in window.extracted.rejections:
                summary.rejected_by_reason[r.reason] = summary.rejected_by_reason.get(r.reason, 0) + 1
            for r in unreadable:
                summary.rejected_by_reason[r.reason] = summary.rejected_by_reason.get(r.reason, 0) + 1
            if progress_callback:
                progress_callback(summary.documents_seen, len(paths))
    return summary
