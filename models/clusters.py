"""Wire copies: near-duplicate articles (a wire story carried by several outlets, a syndicated page,
a lightly edited rewrite) share a `cluster_id`, assigned incrementally as articles arrive.

MinHash signatures (datasketch) of each body's word shingles are kept in `article_signatures`; their
LSH bands in `article_bands`, so the candidates of a new article are found with one indexed query in
PostgreSQL (datasketch's own LSH index lives in memory or Redis/Cassandra, not in our database), then
confirmed by the estimated Jaccard similarity. SHINGLE, THRESHOLD and MIN_TOKENS were measured with
scripts/measure_wire_thresholds.py on invented copies, rewrites and distinct stories of one event.
A cluster's id is the id of its earliest article; a new article matching two clusters merges them.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import sqlalchemy as sa
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from sqlalchemy.engine import Connection

from models.tables import Article, ArticleBand, ArticleSignature

ARTICLES = Article.__table__
BANDS = ArticleBand.__table__
SIGNATURES = ArticleSignature.__table__

NUM_PERM = 128
SHINGLE = 3  # words per shingle
THRESHOLD = 0.3  # estimated Jaccard similarity of shingle sets at or above which two bodies are one story
MAX_CANDIDATES = 50  # candidates confirmed per new article
MIN_TOKENS = 25  # shorter bodies (briefs, captions) are not clustered: too few shingles to tell
BANDS_N, ROWS = _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)
_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(body: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(body or "")]


def shingles(words: list[str], size: int = SHINGLE) -> set[bytes]:
    return {" ".join(words[i:i + size]).encode() for i in range(max(1, len(words) - size + 1))}


def signature(body: str, size: int = SHINGLE) -> np.ndarray | None:
    """The MinHash signature of a body, or None when it is too short to cluster."""
    words = tokens(body)
    if len(words) < MIN_TOKENS:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(list(shingles(words, size)))
    return m.hashvalues


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity."""
    return float(np.count_nonzero(a == b)) / len(a)


def band_hashes(sig: np.ndarray) -> list[tuple[int, int]]:
    out = []
    for band in range(BANDS_N):
        chunk = sig[band * ROWS:(band + 1) * ROWS].astype("<u8").tobytes()
        digest = int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)
        out.append((band, digest))
    return out


def assign_clusters(conn: Connection, bodies: dict[int, str]) -> dict[int, int]:
    """Give each article (id -> body) its cluster, in id order; returns {article id: cluster id}."""
    assigned: dict[int, int] = {}
    for article_id in sorted(bodies):
        assigned[article_id] = _assign(conn, article_id, bodies[article_id])
    return assigned


def _assign(conn: Connection, article_id: int, body: str) -> int:
    conn.execute(BANDS.delete().where(BANDS.c.article_id == article_id))
    conn.execute(SIGNATURES.delete().where(SIGNATURES.c.article_id == article_id))
    sig = signature(body)
    if sig is None:
        return _set_cluster(conn, article_id, article_id)
    bands = band_hashes(sig)
    # the candidates sharing the most bands first, at most MAX_CANDIDATES (a story carried a thousand times
    # costs the same per new copy as one carried twice)
    shared = (sa.select(BANDS.c.article_id, sa.func.count().label("shared"))
              .where(sa.tuple_(BANDS.c.band, BANDS.c.hash).in_(bands))
              .group_by(BANDS.c.article_id).order_by(sa.desc("shared"), BANDS.c.article_id)
              .limit(MAX_CANDIDATES).subquery())
    candidates = conn.execute(
        sa.select(SIGNATURES.c.article_id, SIGNATURES.c.signature, ARTICLES.c.cluster_id)
        .join(shared, shared.c.article_id == SIGNATURES.c.article_id)
        .join(ARTICLES, ARTICLES.c.id == SIGNATURES.c.article_id)).all()
    conn.execute(SIGNATURES.insert().values(article_id=article_id, signature=[int(v) for v in sig]))
    conn.execute(BANDS.insert(), [{"band": b, "hash": h, "article_id": article_id} for b, h in bands])
    clusters = {c.cluster_id or c.article_id for c in candidates
                if similarity(sig, np.array(c.signature, dtype=np.uint64)) >= THRESHOLD}
    if not clusters:
        return _set_cluster(conn, article_id, article_id)
    target = min(clusters | {article_id})
    others = [c for c in clusters if c != target]
    if others:  # this article bridges clusters: merge them into the earliest
        conn.execute(ARTICLES.update().where(ARTICLES.c.cluster_id.in_(others)).values(cluster_id=target))
    return _set_cluster(conn, article_id, target)


def _set_cluster(conn: Connection, article_id: int, cluster_id: int) -> int:
    conn.execute(ARTICLES.update().values(cluster_id=cluster_id)
                 .where(ARTICLES.c.id == article_id, ARTICLES.c.cluster_id.is_distinct_from(cluster_id)))
    return cluster_id
