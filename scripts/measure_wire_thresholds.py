#!/usr/bin/env python
# ruff: noqa: E501  (the invented stories are prose, one sentence a line)
"""Measure the near-duplicate thresholds of models/clusters.py on invented copies and rewrites.

    .venv/bin/python scripts/measure_wire_thresholds.py [--seed 7] [--trials 20]

Every story below is invented. For each story it builds:
  positives (must cluster)   a wire copy with a dateline/credit and a "read more" tail; a syndicated copy
                             with the last paragraph cut; light edits (words swapped for synonyms, a
                             sentence dropped or added, two sentences swapped: ~10-25% of the text touched)
  negatives (must not)       the other stories; an independent report of the SAME event (same names and
                             numbers, other sentences), written separately below
and prints, per shingle size, the exact Jaccard similarity of the shingle sets (lowest positive, highest
negative), then per threshold the recall/false-positive rate of MinHash at NUM_PERM with the LSH bands
datasketch's optimiser picks, as models/clusters.py runs it.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datasketch import MinHash  # noqa: E402
from datasketch.lsh import _optimal_param  # noqa: E402

from models import clusters  # noqa: E402

STORIES = {
    "embankment": """The Kura river council approved a new embankment plan for four villages near Sabirabad on Tuesday.
"The embankment will protect four villages from the spring floods," said Rashad Mammadli, the head of the river council.
Work on the first section is due to start in March and to last two years, the council said.
Farmers in the area have asked for flood protection since the high water of last April, when two hundred houses were flooded.
The plan costs 14 million manats, two thirds of it from the state budget and the rest from a regional fund.""",
    "market": """A new covered market opened in the centre of Shamakhi on Wednesday, with ninety stalls for local growers.
"Growers will no longer sell from the roadside in the rain," said Aysel Guliyeva, who runs the market.
The market is open every day except Monday, and stall rents are fixed for the first year.
The district administration built the hall on the site of the old bus station, which moved to the ring road last year.
Traders said the first day brought more buyers than a normal week on the roadside.""",
    "bridge": """The footbridge over the Alazani near Qakh reopened on Thursday after a month of repairs.
"The bridge is safe again for schoolchildren," said Elnur Hasanov, the district engineer.
The repairs replaced the wooden deck and two of the steel cables, the district office said.
About three hundred people cross the bridge every day to reach the school and the clinic on the other bank.
During the repairs a ferry boat carried pupils across the river twice a day.""",
    "orchestra": """The Ganja chamber orchestra will tour five cities in Georgia and Turkey next spring, its director announced on Friday.
"We have rehearsed this programme for a year and we are ready to share it," said Kamran Aliyev, the orchestra's director.
The tour opens in Tbilisi on April 3 and ends in Izmir on April 19, with a programme of works by Azerbaijani composers.
The orchestra was founded in 1998 and has thirty-two musicians, most of them graduates of the Ganja music college.
Tickets for the Tbilisi concert go on sale in January.""",
    "harbour": """The port of Alat handled a record 1.2 million tonnes of cargo in October, the port authority said on Monday.
"The new grain terminal doubled our capacity for bulk goods," said Leyla Karimova, the port's commercial director.
Most of the cargo came by rail from Central Asia and left by ferry for Georgia and the Black Sea ports.
The authority expects to pass 12 million tonnes for the whole year, a third more than last year.
A second ferry berth is due to open in the spring.""",
    "library": """The city library of Lankaran reopened on Saturday after a two-year renovation, with a new children's wing and a reading garden.
"Children asked us for a place to read outside, and now they have one," said Sevda Rzayeva, the head librarian.
The renovation restored the building's 1930s facade and added a lift and a ramp for wheelchair users.
The library holds about sixty thousand books, ten thousand of them in the new children's wing.
It is open from nine in the morning to seven in the evening every day except Sunday.""",
}

# Independent reports of the same events: the same facts, other sentences (they must NOT cluster).
SAME_EVENT = {
    "embankment": """Four villages near Sabirabad will get a flood embankment, after the Kura river council backed the plan this week.
Council head Rashad Mammadli told reporters the embankment would keep the spring floods away from the villages.
The 14 million manat project is to be paid mostly from the state budget; construction starts in March.
Residents recall last April's high water, which flooded some two hundred homes.""",
    "bridge": """Pupils in Qakh can walk to school again: the Alazani footbridge is open after four weeks of work.
District engineer Elnur Hasanov said children could use the bridge safely again.
Workers fitted a new wooden deck and replaced two steel cables.
While the bridge was shut, a ferry boat took pupils over the river in the morning and in the afternoon.""",
    "harbour": """October was the busiest month in the history of the port of Alat, with 1.2 million tonnes of cargo.
Commercial director Leyla Karimova credited the new grain terminal, which doubled bulk capacity.
Rail cargo from Central Asia made up most of the volume, shipped on by ferry to Georgia.
The port expects 12 million tonnes this year and will open a second ferry berth in spring.""",
}

SYNONYMS = {"said": "stated", "new": "fresh", "opened": "was opened", "plan": "scheme", "will": "is to",
            "about": "around", "every": "each", "day": "day", "most": "the bulk", "year": "twelve months",
            "district": "local", "city": "town", "first": "initial", "second": "another", "spring": "springtime",
            "announced": "said", "reopened": "opened again", "after": "following", "since": "ever since"}


def sentences(text: str) -> list[str]:
    return [s for s in text.splitlines() if s.strip()]


def light_edit(text: str, rng: random.Random) -> str:
    """Swap ~15% of the words that have a synonym, then one of: drop a sentence, add one, swap two."""
    out = []
    for s in sentences(text):
        words = s.split()
        words = [SYNONYMS.get(w, w) if w in SYNONYMS and rng.random() < 0.5 else w for w in words]
        out.append(" ".join(words))
    move = rng.choice(["drop", "add", "swap"])
    if move == "drop" and len(out) > 3:
        out.pop(rng.randrange(2, len(out)))
    elif move == "add":
        out.insert(rng.randrange(1, len(out)), "The announcement was welcomed by residents of the area.")
    else:
        i = rng.randrange(1, len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return "\n".join(out)


def wire_copy(text: str, outlet: str) -> str:
    return f"BAKU, Nov. 24 ({outlet}) - {text}\nRead more news on {outlet.lower().replace(' ', '')}.example"


def syndicated(text: str) -> str:
    return "\n".join(sentences(text)[:-1])


def pairs(rng: random.Random, trials: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    pos, neg = [], []
    for key, text in STORIES.items():
        pos.append((text, wire_copy(text, "Kura Times")))
        pos.append((text, syndicated(text)))
        pos.append((wire_copy(text, "Kura Times"), syndicated(text)))
        pos += [(text, light_edit(text, rng)) for _ in range(trials)]
        neg += [(text, other) for k, other in STORIES.items() if k > key]
        if key in SAME_EVENT:
            neg.append((text, SAME_EVENT[key]))
            neg.append((wire_copy(text, "Caspian Ledger"), SAME_EVENT[key]))
    return pos, neg


def jaccard(a: str, b: str, k: int) -> float:
    sa, sb = clusters.shingles(clusters.tokens(a), k), clusters.shingles(clusters.tokens(b), k)
    return len(sa & sb) / len(sa | sb)


def minhash(text: str, k: int) -> np.ndarray:
    m = MinHash(num_perm=clusters.NUM_PERM, seed=1)
    m.update_batch(list(clusters.shingles(clusters.tokens(text), k)))
    return m.hashvalues


def lsh_candidate(a: np.ndarray, b: np.ndarray, bands: int, rows: int) -> bool:
    return any(np.array_equal(a[i * rows:(i + 1) * rows], b[i * rows:(i + 1) * rows]) for i in range(bands))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--trials", type=int, default=20, help="light edits per story")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pos, neg = pairs(rng, args.trials)
    print(f"{len(pos)} positive pairs (copies, syndicated cuts, light edits), {len(neg)} negative pairs "
          f"({sum(1 for a, b in neg if any(b == v for v in SAME_EVENT.values()))} independent reports of the same event)")
    print("\nexact Jaccard of word-shingle sets")
    print(f"  {'k':>2}  {'lowest positive':>16}  {'5th pct positive':>17}  {'highest negative':>17}  gap")
    for k in (1, 2, 3, 4, 5):
        p = sorted(jaccard(a, b, k) for a, b in pos)
        n = sorted(jaccard(a, b, k) for a, b in neg)
        print(f"  {k:>2}  {p[0]:>16.3f}  {p[len(p) // 20]:>17.3f}  {n[-1]:>17.3f}  {p[0] - n[-1]:+.3f}")
    k = clusters.SHINGLE
    print(f"\nMinHash ({clusters.NUM_PERM} permutations), k = {k}, LSH bands from datasketch's optimiser")
    print(f"  {'threshold':>9}  {'bands x rows':>12}  {'recall':>7}  {'false pos':>9}  {'LSH recall':>10}  {'LSH cand. neg':>13}")
    sig_pos = [(minhash(a, k), minhash(b, k)) for a, b in pos]
    sig_neg = [(minhash(a, k), minhash(b, k)) for a, b in neg]
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        bands, rows = _optimal_param(threshold, clusters.NUM_PERM, 0.5, 0.5)

        def found(a, b, t=threshold, bands=bands, rows=rows):
            return lsh_candidate(a, b, bands, rows) and clusters.similarity(a, b) >= t

        recall = sum(found(a, b) for a, b in sig_pos) / len(sig_pos)
        fpr = sum(found(a, b) for a, b in sig_neg) / len(sig_neg)
        lsh_recall = sum(lsh_candidate(a, b, bands, rows) for a, b in sig_pos) / len(sig_pos)
        lsh_neg = sum(lsh_candidate(a, b, bands, rows) for a, b in sig_neg) / len(sig_neg)
        mark = "  <- models/clusters.py" if threshold == clusters.THRESHOLD else ""
        print(f"  {threshold:>9.1f}  {f'{bands} x {rows}':>12}  {recall:>7.3f}  {fpr:>9.3f}  {lsh_recall:>10.3f}  "
              f"{lsh_neg:>13.3f}{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
