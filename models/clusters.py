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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import chain

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from models.bulk import copy_text
from models.tables import Article, ArticleBand, ArticleSignature

ARTICLES = Article.__table__
BANDS = ArticleBand.__table__
SIGNATURES = ArticleSignature.__table__

NUM_PERM = 128
SHINGLE = 3  # words per shingle
THRESHOLD = 0.3  # estimated Jaccard similarity of shingle sets at or above which two bodies are one story
MAX_CANDIDATES = 50  # candidates confirmed per new article
MIN_TOKENS = 25  # shorter bodies (briefs, captions) are not clustered: too few shingles to tell
_WORD = re.compile(r"\w+", re.UNICODE)
SET_CLUSTERS = sa.text("UPDATE articles a SET cluster_id = v.cluster FROM unnest(CAST(:ids AS integer[]), "
                       "CAST(:clusters AS integer[])) AS v(id, cluster) "
                       "WHERE a.id = v.id AND a.cluster_id IS DISTINCT FROM v.cluster")
MERGE_CLUSTERS = sa.text("UPDATE articles a SET cluster_id = v.cluster FROM unnest(CAST(:ids AS integer[]), "
                         "CAST(:clusters AS integer[])) AS v(id, cluster) WHERE a.cluster_id = v.id")
# The earliest `limit` stored articles of each wanted band, in article order (the primary key's order), but
# the batch's own (their stored bands are about to be replaced).
# (Run on the driver's cursor: its rows are plain tuples, a batch reads thousands.)
SHARED_BANDS = ("SELECT w.band, w.hash, b.article_id "
                "FROM unnest(CAST(%(bands)s AS integer[]), CAST(%(hashes)s AS bigint[])) AS w(band, hash) "
                "CROSS JOIN LATERAL (SELECT article_id FROM article_bands b WHERE b.band = w.band "
                "AND b.hash = w.hash AND b.article_id <> ALL(CAST(%(batch)s AS integer[])) "
                "ORDER BY article_id LIMIT %(limit)s) b")

CANDIDATE_SIGNATURES = ("SELECT s.article_id, s.signature, a.cluster_id FROM article_signatures s "
                        "JOIN articles a ON a.id = s.article_id WHERE s.article_id = ANY(CAST(%(ids)s AS integer[]))")


def array_literal(numbers: Iterable[int]) -> str:
    """A PostgreSQL array literal of integers ('{1,2,3}', for a CAST): psycopg's list adapter checks every element
    of a Python list, which for the tens of thousands of band hashes of a batch costs more than the query."""
    return "{" + ",".join(map(str, numbers)) + "}"


def tokens(body: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(body or "")]


def shingles(words: list[str], size: int = SHINGLE) -> set[bytes]:
    return {" ".join(words[i:i + size]).encode() for i in range(max(1, len(words) - size + 1))}


@cache
def band_layout() -> tuple[int, int]:
    """(bands, rows per band) of the LSH index, from datasketch's optimiser for THRESHOLD. datasketch is
    imported when first needed, not with this module: it loads scipy (1-4 s of CPU here), which a run that
    signs and clusters nothing (an unchanged re-run, `mediamon status`) never needs."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)


def signatures(bodies: dict[int, str], size: int = SHINGLE) -> dict[int, np.ndarray | None]:
    """The signatures of many bodies at once (datasketch's MinHash.bulk sets up the permutations once:
    the same values as one MinHash per body)."""
    words = {a: tokens(body) for a, body in bodies.items()}
    long = [a for a, w in words.items() if len(w) >= MIN_TOKENS]
    if not long:
        return dict.fromkeys(bodies)
    from datasketch import MinHash

    hashed = MinHash.bulk((list(shingles(words[a], size)) for a in long), num_perm=NUM_PERM, seed=1)
    out: dict[int, np.ndarray | None] = dict.fromkeys(bodies)
    out.update((a, m.hashvalues) for a, m in zip(long, hashed, strict=True))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity."""
    return float(np.count_nonzero(a == b)) / len(a)


def band_hashes(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, 64-bit hash of the band's rows of the signature) for each LSH band."""
    bands, rows = band_layout()
    raw, size = sig[:bands * rows].astype("<u8").tobytes(), rows * 8
    return [(band, int.from_bytes(hashlib.blake2b(raw[band * size:(band + 1) * size], digest_size=8).digest(),
                                  "big", signed=True)) for band in range(bands)]


@dataclass
class ClusterPlan:
    """The clusters of a batch of articles, worked out before anything of them is written."""

    assigned: dict[int, int] = field(default_factory=dict)  # article id -> its (final) cluster id
    merged: dict[int, int] = field(default_factory=dict)  # stored cluster merged into another -> the final one
    sigs: dict[int, np.ndarray | None] = field(default_factory=dict)
    bands: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def plan_clusters(conn: Connection, bodies: dict[int, str],
                  sigs: dict[int, np.ndarray | None] | None = None) -> ClusterPlan:
    """The clusters of articles (id -> body; `sigs`: their signatures when already computed), in id order.

    Two queries whatever the batch's size: the stored articles sharing a band with the batch (at most
    MAX_CANDIDATES a band, the earliest: a story carried a thousand times costs what one carried twice
    costs; stored rows of the batch's own articles are ignored, they are about to be replaced), then the
    signatures and clusters of each article's best candidates. Articles of the same batch are matched
    against each other in memory, in id order, so the result is the same as assigning them one by one."""
    ids = sorted(bodies)
    missing = [a for a in ids if sigs is None or a not in sigs]
    sigs = {**(sigs or {}), **signatures({a: bodies[a] for a in missing})}
    plan = ClusterPlan(sigs={a: sigs[a] for a in ids})
    bands = plan.bands = {a: band_hashes(s) for a, s in plan.sigs.items() if s is not None}
    wanted = {bh for bs in bands.values() for bh in bs}
    batch = set(ids)
    stored: dict[tuple[int, int], list[int]] = {}  # (band, hash) -> stored articles that have it
    if wanted:  # two arrays, not an IN list: a big batch has tens of thousands of bands
        wanted_bands, wanted_hashes = zip(*wanted, strict=True)
        with conn.connection.driver_connection.cursor() as cur:
            cur.execute(SHARED_BANDS, {"bands": array_literal(wanted_bands), "hashes": array_literal(wanted_hashes),
                                       "batch": array_literal(ids), "limit": MAX_CANDIDATES})
            for band, digest, other in cur:
                stored.setdefault((band, digest), []).append(other)
    top: dict[int, list[int]] = {}  # article -> its candidates, those sharing the most bands first
    nothing: list[int] = []
    for article_id in ids:
        if article_id not in bands:
            continue
        shared = Counter(chain.from_iterable(stored.get(bh, nothing)[:MAX_CANDIDATES] for bh in bands[article_id]))
        top[article_id] = [o for o, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]
        for bh in bands[article_id]:  # later articles of the batch see this one
            stored.setdefault(bh, []).append(article_id)
    known: dict[int, tuple[np.ndarray, int]] = {}  # stored candidate -> (signature, cluster id)
    stored_ids = sorted({o for others in top.values() for o in others} - batch)
    if stored_ids:
        with conn.connection.driver_connection.cursor() as cur:
            cur.execute(CANDIDATE_SIGNATURES, {"ids": array_literal(stored_ids)})
            for other, sig, cluster in cur:
                known[other] = (np.array(sig, dtype=np.uint64), cluster or other)
    merged = plan.merged  # a cluster merged into another in this batch -> where it went

    def resolve(cluster: int) -> int:
        while cluster in merged:
            cluster = merged[cluster]
        return cluster

    assigned: dict[int, int] = {}
    for article_id in ids:
        sig = plan.sigs[article_id]
        if sig is None:
            assigned[article_id] = article_id
            continue
        candidates = [o for o in top[article_id] if o in known]
        clusters = set()
        if candidates:  # the similarity of all candidates at once (what `similarity` gives one by one)
            same = np.count_nonzero(np.stack([known[o][0] for o in candidates]) == sig, axis=1) / len(sig)
            clusters = {resolve(known[o][1]) for o, sim in zip(candidates, same, strict=True) if sim >= THRESHOLD}
        target = min(clusters | {article_id})
        for c in clusters - {target}:  # this article bridges clusters: merge them into the earliest
            merged[c] = target
        assigned[article_id] = target
        known[article_id] = (sig, target)
    plan.assigned = {a: resolve(c) for a, c in assigned.items()}
    plan.merged = {c: resolve(c) for c in merged}
    return plan


def store_clusters(conn: Connection, plan: ClusterPlan, replacing: list[int]) -> None:
    """Write a plan's signatures and bands (after deleting those of the `replacing` articles) and merge the
    stored clusters it joins; the batch's own articles carry their cluster_id already."""
    if replacing:
        conn.execute(BANDS.delete().where(BANDS.c.article_id.in_(replacing)))
        conn.execute(SIGNATURES.delete().where(SIGNATURES.c.article_id.in_(replacing)))
    copy_text(conn, "article_signatures", ("article_id", "signature"),
              (f"{a}\t{{{','.join(map(str, s.tolist()))}}}\n" for a, s in plan.sigs.items() if s is not None))
    copy_text(conn, "article_bands", ("band", "hash", "article_id"),
              (f"{b}\t{h}\t{a}\n" for a, bs in plan.bands.items() for b, h in bs))
    if plan.merged:
        sources = sorted(plan.merged)
        conn.execute(MERGE_CLUSTERS, {"ids": sources, "clusters": [plan.merged[c] for c in sources]})


def assign_clusters(conn: Connection, bodies: dict[int, str]) -> dict[int, int]:
    """Give stored articles (id -> body) their clusters, in id order; returns {article id: cluster id}."""
    if not bodies:
        return {}
    plan = plan_clusters(conn, bodies)
    store_clusters(conn, plan, sorted(bodies))
    conn.execute(SET_CLUSTERS, {"ids": list(plan.assigned), "clusters": list(plan.assigned.values())})
    return plan.assigned
