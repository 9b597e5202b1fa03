#!/usr/bin/env python
"""Score our HTML path (extractors.html) on public benchmarks, beside bare trafilatura and htmldate run on
the same pages in the same run, and the published figures of other tools.

    .venv/bin/python scripts/eval_html_benchmark.py [--data ../shared/eval/external] [--jobs N]
                                                    [--only aeb,htmldate,trafilatura] [--json out.json]

Data: ../shared/eval/external/README.md (nothing here is tuned to it; it is only measured).

1. article-extraction-benchmark (181 news pages): body F1 on 4-token shingles, exactly as its
   evaluate.py computes it: per page tp/fp/fn over shingle counts normalised to sum 1, precision and
   recall averaged over pages, F1 = harmonic mean of those two averages. "ours (body)" is the body
   paragraphs of `html_parts` (what the text pipeline gets after the title/date/byline header);
   "ours (rendered)" is the whole `html_to_text` output including that header, which costs a little
   precision because the gold articleBody has no title. Pages are read as UTF-8, no URL is passed
   (as the benchmark's own trafilatura runner does).
2. htmldate-mediacloud (200 pages, many languages): date accuracy = (correct + correctly-none) /
   pages, as htmldate's comparison script counts it. The published htmldate figures are on its whole
   1,000-page set, so the same htmldate version is also run here on these 200 pages.
3. trafilatura-eval-en (134 pages), an extra: snippet-based body precision/recall/F1 as
   trafilatura's evaluation counts them ("with" snippets kept, "without" snippets dropped), plus
   date / author / title accuracy. Published figures are on its whole 990-page set.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.html import html_parts, html_to_text  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "external"

PUBLISHED_AEB = [("rs_trafilatura", 0.970), ("go_trafilatura", 0.960), ("trafilatura 2.0.0", 0.958),
                 ("newspaper4k", 0.949), ("news-please", 0.948), ("readability_js", 0.947),
                 ("readability-lxml", 0.922), ("goose3", 0.896), ("justext", 0.804),
                 ("whole-page text", 0.665)]
PUBLISHED_HTMLDATE = [("htmldate extensive", 0.903), ("htmldate fast", 0.861), ("newspaper4k", 0.680),
                      ("news-please", 0.680), ("goose3", 0.545)]
PUBLISHED_TRAF = [("trafilatura 2.2.0", 0.924), ("justext", 0.862), ("news-please", 0.836),
                  ("readability-lxml", 0.826), ("newspaper4k", 0.801)]


# ------------------------------------------------------------------ article-extraction-benchmark

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aeb_metrics(rows: list[tuple[float, float, float]]) -> dict:
    p = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(_recall(*r) for r in rows if r[0] + r[2] > 0)
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r, "pages": len(rows)}


def _aeb_page(args: tuple[str, str, str]) -> dict:
    import trafilatura

    path, gold_body, url = args
    with gzip.open(path, "rt", encoding="utf8") as f:
        html = f.read()
    t0 = time.perf_counter()
    meta, paragraphs = html_parts(html)
    body = "\n".join(paragraphs)
    rendered, _ = html_to_text(html)
    dt = (time.perf_counter() - t0) / 2  # html_to_text redoes html_parts: report one call
    plain = trafilatura.extract(html, include_comments=False) or ""
    return {"body": shingle_tp_fp_fn(gold_body, body), "rendered": shingle_tp_fp_fn(gold_body, rendered),
            "trafilatura": shingle_tp_fp_fn(gold_body, plain), "seconds": dt}


def run_aeb(data: Path, pool) -> dict:
    folder = data / "article-extraction-benchmark"
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf8"))
    jobs = [(str(folder / "html" / f"{key}.html.gz"), v.get("articleBody", ""), v.get("url"))
            for key, v in gold.items()]
    res = list(pool.map(_aeb_page, jobs, chunksize=4))
    out = {name: aeb_metrics([r[name] for r in res]) for name in ("body", "rendered", "trafilatura")}
    out["ms_per_page"] = 1000 * statistics.mean(r["seconds"] for r in res)
    return out


# --------------------------------------------------------------------------- htmldate-mediacloud

def _read_html(path: Path) -> str:
    from trafilatura.utils import decode_file

    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return decode_file(raw)


def _bare_date(html: str, url: str) -> str | None:
    import trafilatura

    meta = trafilatura.extract_metadata(html, default_url=url)
    return meta.date if meta is not None else None


def _date_page(args: tuple[str, str | None, str]) -> dict:
    from htmldate import find_date

    path, gold_date, url = args
    html = _read_html(Path(path))
    _, meta_url = html_to_text(html, url)
    _, meta_nourl = html_to_text(html)
    return {
        "gold": gold_date,
        "ours_url": meta_url["date"], "ours_nourl": meta_nourl["date"],
        "htmldate_ext": find_date(html, extensive_search=True, original_date=True),
        "trafilatura": _bare_date(html, url),
        "htmldate_fast": find_date(html, extensive_search=False, original_date=True),
    }


def date_accuracy(pairs: list[tuple[str | None, str | None]]) -> float:
    """htmldate's count: a page is right if the date matches, or if both are None."""
    return sum(1 for gold, pred in pairs if pred == gold) / len(pairs)


def run_htmldate(data: Path, pool) -> dict:
    folder = data / "htmldate-mediacloud"
    # gold.json holds bare NaN for the pages without a date: Python's json reads NaN as float nan.
    gold = json.loads((folder / "gold.json").read_text(encoding="utf8"))
    jobs = []
    for url, v in gold.items():
        d = v.get("date")
        d = None if d is None or (isinstance(d, float) and math.isnan(d)) else str(d)
        jobs.append((str(folder / "html" / f"{v['file']}.gz"), d, url))
    res = list(pool.map(_date_page, jobs, chunksize=4))
    out = {k: date_accuracy([(r["gold"], r[k]) for r in res])
           for k in ("ours_url", "ours_nourl", "htmldate_ext", "htmldate_fast", "trafilatura")}
    out["pages"] = len(res)
    out["gold_none"] = sum(1 for r in res if r["gold"] is None)
    return out


# --------------------------------------------------------------------------- trafilatura-eval-en

def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"\s+", " ", s).strip().casefold()


def _names(author: str | None) -> list[str]:
    return sorted(_norm(a) for a in (author or "").split(";") if a.strip())


def _traf_page(args: tuple[str, dict, str]) -> dict:
    import trafilatura
    from htmldate import find_date

    path, g, url = args
    html = _read_html(Path(path))
    text, meta = html_to_text(html, url)
    bare = trafilatura.bare_extraction(html, url=url, with_metadata=True)  # trafilatura's own metadata
    bare_author = getattr(bare, "author", None) if bare is not None else None
    bare_date = getattr(bare, "date", None) if bare is not None else None
    meta_b, paragraphs = html_parts(html, url)
    body = _norm(" ".join(paragraphs))
    tp = sum(1 for s in g.get("with", []) if _norm(s) in body)
    fn = len(g.get("with", [])) - tp
    fp = sum(1 for s in g.get("without", []) if _norm(s) in body)
    tn = len(g.get("without", [])) - fp
    raw = g.get("author") or ""
    names = raw if isinstance(raw, list) else re.split(r";|,| and ", raw)  # gold: a list or one string
    gold_authors = sorted(_norm(a) for a in names if a.strip())
    return {
        "counts": (tp, fp, tn, fn),
        "date": (g.get("date") or None, meta["date"]),
        "date_trafilatura": (g.get("date") or None, bare_date),
        "date_htmldate": (g.get("date") or None, find_date(html, extensive_search=True, original_date=True, url=url)),
        "author": (gold_authors, sorted(_norm(a) for a in meta["authors"])) if gold_authors else None,
        "author_trafilatura": (gold_authors, _names(bare_author)) if gold_authors else None,
        "title": (_norm(g.get("title")), _norm(meta["title"])) if g.get("title") else None,
        "has_time": bool(meta["published"] and "T" in meta["published"]),
    }


def run_traf(data: Path, pool) -> dict:
    folder = data / "trafilatura-eval-en"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf8"))
    jobs = [(str(folder / "html" / f"{v['file']}.gz"), v, url) for url, v in gold.items()]
    res = list(pool.map(_traf_page, jobs, chunksize=4))
    tp, fp, tn, fn = (sum(r["counts"][i] for r in res) for i in range(4))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    dates = [x["date"] for x in res if x["date"][0]]
    authors = [x["author"] for x in res if x["author"]]
    bare_dates = [x["date_trafilatura"] for x in res if x["date"][0]]
    htmldates = [x["date_htmldate"] for x in res if x["date"][0]]
    bare_authors = [x["author_trafilatura"] for x in res if x["author"]]
    titles = [x["title"] for x in res if x["title"]]
    return {
        "pages": len(res), "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "accuracy": (tp + tn) / (tp + fp + tn + fn),
        "date_acc": sum(g == d for g, d in dates) / len(dates), "date_n": len(dates),
        "author_acc": sum(g == a for g, a in authors) / len(authors), "author_n": len(authors),
        "date_acc_trafilatura": sum(g == d for g, d in bare_dates) / len(bare_dates),
        "date_acc_htmldate": sum(g == d for g, d in htmldates) / len(htmldates),
        "author_acc_trafilatura": sum(g == a for g, a in bare_authors) / len(bare_authors),
        "title_acc": sum(g == t for g, t in titles) / len(titles), "title_n": len(titles),
        "with_time": sum(x["has_time"] for x in res),
    }


# ---------------------------------------------------------------------------------------- main

def table(title: str, rows: list[tuple[str, str, str]]) -> str:
    w = max(len(r[0]) for r in rows) + 2
    lines = [title, f"  {'system':<{w}}{'score':>8}  note", f"  {'-' * (w + 8)}  {'-' * 30}"]
    lines += [f"  {name:<{w}}{score:>8}  {note}" for name, score, note in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
    ap.add_argument("--only", default="aeb,htmldate,trafilatura")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        ap.error(f"no benchmark data at {args.data}")
    only = set(args.only.split(","))
    tv, hv = version("trafilatura"), version("htmldate")
    results: dict = {"trafilatura": tv, "htmldate": hv}
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        if "aeb" in only:
            a = results["aeb"] = run_aeb(args.data, pool)
            rows = [("ours (body)", f"{a['body']['f1']:.3f}",
                     f"P {a['body']['precision']:.3f} R {a['body']['recall']:.3f}, "
                     f"{a['ms_per_page']:.0f} ms/page, measured"),
                    ("ours (rendered, with header)", f"{a['rendered']['f1']:.3f}",
                     f"P {a['rendered']['precision']:.3f} R {a['rendered']['recall']:.3f}, measured"),
                    (f"trafilatura {tv} extract()", f"{a['trafilatura']['f1']:.3f}",
                     "measured here, benchmark's own call")]
            rows += [(n, f"{s:.3f}", "published") for n, s in PUBLISHED_AEB]
            print(table(f"article-extraction-benchmark: body F1, 4-token shingles "
                        f"({a['body']['pages']} pages)", rows), "\n")
        if "htmldate" in only:
            h = results["htmldate"] = run_htmldate(args.data, pool)
            rows = [("ours, with page URL", f"{h['ours_url']:.3f}", "measured, how the service runs"),
                    (f"trafilatura {tv} metadata date", f"{h['trafilatura']:.3f}", "measured on these pages"),
                    ("ours, without URL", f"{h['ours_nourl']:.3f}", "measured"),
                    (f"htmldate {hv} extensive", f"{h['htmldate_ext']:.3f}", "measured on these pages"),
                    (f"htmldate {hv} fast", f"{h['htmldate_fast']:.3f}", "measured on these pages")]
            rows += [(n, f"{s:.3f}", "published, 1,000-page set") for n, s in PUBLISHED_HTMLDATE]
            print(table(f"htmldate-mediacloud: date accuracy ({h['pages']} pages, "
                        f"{h['gold_none']} without a date)", rows), "\n")
        if "trafilatura" in only:
            t = results["trafilatura_eval"] = run_traf(args.data, pool)
            rows = [("ours (body)", f"{t['f1']:.3f}",
                     f"P {t['precision']:.3f} R {t['recall']:.3f} acc {t['accuracy']:.3f}, measured")]
            rows += [(n, f"{s:.3f}", "published, 990-page set") for n, s in PUBLISHED_TRAF]
            rows += [("ours: date accuracy", f"{t['date_acc']:.3f}", f"{t['date_n']} pages with a gold date"),
                     (f"trafilatura {tv}: date accuracy", f"{t['date_acc_trafilatura']:.3f}", "measured here"),
                     (f"htmldate {hv} extensive: date", f"{t['date_acc_htmldate']:.3f}", "measured here"),
                     ("ours: author accuracy", f"{t['author_acc']:.3f}",
                      f"{t['author_n']} pages with a gold author (exact set of names)"),
                     (f"trafilatura {tv}: author accuracy", f"{t['author_acc_trafilatura']:.3f}",
                      "measured here, bare_extraction metadata"),
                     ("ours: title accuracy", f"{t['title_acc']:.3f}", f"{t['title_n']} pages, exact"),
                     ("ours: pages with a time", str(t["with_time"]), "published carries hh:mm+offset")]
            print(table(f"trafilatura-eval-en: snippet body F1 ({t['pages']} pages)", rows), "\n")
    print(f"{time.perf_counter() - t0:.0f} s; trafilatura {tv}, htmldate {hv}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
