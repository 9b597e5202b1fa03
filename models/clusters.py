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
SHARED_BANDS = sa.text("SELECT b.band, b.hash, b.article_id FROM article_bands b "
                       "JOIN unnest(CAST(:bands AS integer[]), CAST(:hashes AS bigint[])) AS w(band, hash) "
                       "ON b.band = w.band AND b.hash = w.hash")


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
    """Give each article (id -> body) its cluster, in id order; returns {article id: cluster id}.

    A whole batch costs a fixed number of statements: one delete of the batch's old bands and signatures,
    one query for the stored bands the batch shares, one for those candidates' signatures and clusters, bulk
    inserts, and the updates. Articles of the same batch are matched against each other in memory, in id
    order, so the result is the same as assigning them one by one."""
    if not bodies:
        return {}
    ids = sorted(bodies)
    conn.execute(BANDS.delete().where(BANDS.c.article_id.in_(ids)))
    conn.execute(SIGNATURES.delete().where(SIGNATURES.c.article_id.in_(ids)))
    sigs = {a: signature(bodies[a]) for a in ids}
    bands = {a: band_hashes(s) for a, s in sigs.items() if s is not None}
    wanted = {bh for bs in bands.values() for bh in bs}
    stored: dict[tuple[int, int], list[int]] = {}  # (band, hash) -> stored articles that have it
    if wanted:  # two arrays, not an IN list: a big batch has tens of thousands of bands
        wanted_bands, wanted_hashes = zip(*wanted, strict=True)
        for band, digest, other in conn.execute(SHARED_BANDS, {"bands": list(wanted_bands),
                                                               "hashes": list(wanted_hashes)}):
            stored.setdefault((band, digest), []).append(other)
    known: dict[int, tuple[np.ndarray, int]] = {}  # stored candidate -> (signature, cluster id)
    stored_ids = sorted({o for others in stored.values() for o in others})
    if stored_ids:
        for other, sig, cluster in conn.execute(
                sa.select(SIGNATURES.c.article_id, SIGNATURES.c.signature, ARTICLES.c.cluster_id)
                .join(ARTICLES, ARTICLES.c.id == SIGNATURES.c.article_id)
                .where(SIGNATURES.c.article_id.in_(stored_ids))):
            known[other] = (np.array(sig, dtype=np.uint64), cluster or other)
    merged: dict[int, int] = {}  # a cluster merged into another in this batch -> where it went

    def resolve(cluster: int) -> int:
        while cluster in merged:
            cluster = merged[cluster]
        return cluster

    assigned: dict[int, int] = {}
    for article_id in ids:
        sig = sigs[article_id]
        if sig is None:
            assigned[article_id] = article_id
            continue
        # the candidates sharing the most bands first, at most MAX_CANDIDATES (a story carried a thousand
        # times costs the same per new copy as one carried twice)
        shared: dict[int, int] = {}
        for bh in bands[article_id]:
            for other in stored.get(bh, ()):
                if other != article_id:
                    shared[other] = shared.get(other, 0) + 1
        top = sorted(shared, key=lambda o: (-shared[o], o))[:MAX_CANDIDATES]
        clusters = {resolve(known[o][1]) for o in top
                    if o in known and similarity(sig, known[o][0]) >= THRESHOLD}
        target = min(clusters | {article_id})
        for c in clusters - {target}:  # this article bridges clusters: merge them into the earliest
            merged[c] = target
        assigned[article_id] = target
        known[article_id] = (sig, target)
        for bh in bands[article_id]:  # later articles of the batch see this one
            stored.setdefault(bh, []).append(article_id)
    if sigs_rows := [{"article_id": a, "signature": [int(v) for v in s]} for a, s in sigs.items() if s is not None]:
        conn.execute(SIGNATURES.insert(), sigs_rows)
        conn.execute(BANDS.insert(), [{"band": b, "hash": h, "article_id": a}
                                      for a, bs in bands.items() for b, h in bs])
    for source in merged:
        conn.execute(ARTICLES.update().where(ARTICLES.c.cluster_id == source).values(cluster_id=resolve(source)))
    assigned = {a: resolve(c) for a, c in assigned.items()}
    rows = [{"aid": a, "cid": c} for a, c in assigned.items()]
    conn.execute(ARTICLES.update().where(ARTICLES.c.id == sa.bindparam("aid"),
                                         ARTICLES.c.cluster_id.is_distinct_from(sa.bindparam("cid")))
                 .values(cluster_id=sa.bindparam("cid")), rows)
    return assigned
