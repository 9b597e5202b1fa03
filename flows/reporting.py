"""What a run did, as a Prefect table artifact (shown on the flow run's Artifacts tab in the UI)."""

from __future__ import annotations

import sqlalchemy as sa
from prefect import get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from models.db import get_engine

REJECTED_BY_REASON = sa.text("""
    SELECT reason, count(*) AS n, count(*) FILTER (WHERE raw_document_id IS NULL) AS never_stored
    FROM rejections WHERE run_id = :run GROUP BY reason ORDER BY n DESC, reason""")
TOP_SPEAKERS = sa.text("""
    SELECT s.canonical_name, count(*) AS quotes
    FROM quotes q JOIN articles a ON a.id = q.article_id JOIN speakers s ON s.id = q.speaker_id
    WHERE a.run_id = :run GROUP BY s.canonical_name ORDER BY quotes DESC, s.canonical_name LIMIT :n""")


def run_report(run_id: int, status: str, seen: int, new: int, articles: int, unchanged: int, quotes: int,
               top: int = 5) -> list[dict[str, str]]:
    """Rows of (metric, value): inputs, stored, duplicates, rejected by reason, articles, quotes, top speakers."""
    with get_engine().connect() as conn:
        reasons = conn.execute(REJECTED_BY_REASON, {"run": run_id}).all()
        speakers = conn.execute(TOP_SPEAKERS, {"run": run_id, "n": top}).all()
    never_stored = sum(r.never_stored for r in reasons)
    counts = {"inputs": seen, "stored (new raw documents)": new,
              "duplicates (already stored)": max(0, seen - new - never_stored),
              "rejected": sum(r.n for r in reasons), "articles written": articles,
              "articles unchanged": unchanged, "quotes written": quotes}
    rows = [{"metric": "ingest_runs.id", "value": str(run_id)}, {"metric": "status", "value": status}]
    rows += [{"metric": name, "value": str(value)} for name, value in counts.items()]
    rows += [{"metric": f"rejected: {r.reason}", "value": str(r.n)} for r in reasons]
    rows += [{"metric": f"top speaker {i}", "value": f"{name} ({n} quotes)"}
             for i, (name, n) in enumerate(speakers, 1)]
    return rows


@task(cache_policy=NO_CACHE)
def publish_run_artifact(flow_name: str, summary, status: str) -> list[dict[str, str]]:
    """A table artifact keyed by flow name, so the UI also shows its history across runs."""
    rows = run_report(summary.run_id, status, summary.documents_seen, summary.documents_new,
                      summary.articles_written, summary.articles_unchanged, summary.quotes_written)
    try:
        create_table_artifact(key=f"mediamon-{flow_name}", table=rows,
                              description=f"{flow_name} run {summary.run_id}: {status}")
    except Exception as exc:  # the run's rows are written: a Prefect API hiccup must not fail it
        get_run_logger().warning("could not publish the run artifact: %s", exc)
    return rows
