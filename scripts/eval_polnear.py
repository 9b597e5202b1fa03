#!/usr/bin/env python3
"""Score extractors.speech.analysis on a PolNeAR split (text/ + attributions/ in brat standoff).

Usage:
    python scripts/eval_polnear.py SPLIT_DIR [--json] [--show N]

SPLIT_DIR holds text/<name>.txt and attributions/<name>_<annotator>.ann. Where several annotators
labelled one text, the first annotator file in sorted order is used. Each text is passed whole as the
body (no title), so gold and predicted offsets agree.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.speech.analysis import Analysis  # noqa: E402
from extractors.speech.names import _gender, parse_mention  # noqa: E402
from extractors.speech.speakers import key  # noqa: E402

RULE = """matching rule:
  quote match   a predicted quote (body offsets) matches a gold attribution when the word tokens they share
                are >= 30% of the gold Content's tokens AND >= 30% of the predicted quote's tokens;
                one-to-one, greedy by shared tokens.
  direct subset gold attributions whose Content span has a double quote mark inside or right next to it;
                predicted quotes of kind "direct" (transcript questions included).
  all subset    every gold attribution with a Content span; every predicted quote with offsets.
  speaker match the gold Source span is resolved to a name from the GOLD annotations alone (non-circular):
                a span holding a proper name is resolved like a speaker phrase (a surname goes to the full
                name met earlier in the article); a pronoun or role noun ("he", "the candidate", "the
                ministry") takes the name of the nearest preceding gold Source span of the same article that
                holds a proper name and agrees with it (a person for he/she/role nouns, an organisation for
                "the ministry"; he/she not against a known given name's gender), at most 3 paragraphs
                back; otherwise it is unresolvable. The predicted
                speaker matches when its last name token equals the gold name's last token (organisations:
                whole name, or an acronym of the other's capitalised words: IMF). Matched pairs whose gold
                attribution has no Source span, or whose Source cannot
                be resolved, are left out of speaker accuracy and counted separately. An unattributed
                prediction (speaker None) counts as a speaker miss.
  headline      direct-quote speaker-match accuracy under this rule.
  named subset  speaker accuracy restricted to gold Sources that themselves contain a proper name."""

TOKEN_RE = re.compile(r"\w+")
DQ = "\"“”«»„"


def parse_ann(text: str) -> list[dict]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    rels = []
    for line in text.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, locs = parts[1].partition(" ")
            segs = []
            for loc in locs.split(";"):
                a, b = loc.split()
                segs.append((int(a), int(b)))
            spans[parts[0]] = (label, segs)
        elif line.startswith("E"):
            parts = line.split("\t")
            roles = dict(x.split(":", 1) for x in parts[1].split())
            rels.append(roles)
    out = []
    for r in rels:
        content = spans.get(r.get("Content", ""))
        if not content:
            continue
        source = spans.get(r.get("Source", ""))
        out.append({"content": content[1], "source": source[1] if source else None})
    return out


def tokens_in(tok_starts: list[int], segs: list[tuple[int, int]]) -> set[int]:
    import bisect
    out: set[int] = set()
    for a, b in segs:
        i = bisect.bisect_left(tok_starts, a)
        while i < len(tok_starts) and tok_starts[i] < b:
            out.add(i)
            i += 1
    return out


def is_direct(text: str, segs: list[tuple[int, int]]) -> bool:
    for a, b in segs:
        lo, hi = max(0, a - 2), min(len(text), b + 2)
        if any(c in DQ for c in text[lo:hi]):
            return True
    return False


def acronym(name: str) -> str | None:
    """"imf" for "International Monetary Fund" (capitalised words' initials), None for one word."""
    caps = [w for w in re.findall(r"[\w'’\-]+", name) if w[0].isupper()]
    return "".join(w[0] for w in caps).lower() if len(caps) >= 2 else None


def head(name: str | None) -> str | None:
    if not name:
        return None
    k = key(name)
    if not k:
        return None
    if any(w in k.split() for w in ("ministry", "department", "office", "committee", "campaign", "party")):
        return k
    return k.split()[-1]


def source_mention(text: str, segs: list[tuple[int, int]]):
    """The Mention a gold Source span holds (its first name-like part for a long span), or None."""
    a, b = segs[0][0], segs[-1][1]
    phrase = re.sub(r"\s+", " ", text[a:b]).strip()
    phrase = re.sub(r"\([^)]*\)", "", re.sub(r"['’]s$", "", phrase)).strip()
    men = parse_mention(phrase)
    if men is None:
        # a longer source ("Rep. Jane Roe (D-N.Y.), head of the caucus"): its first name-like part
        for part in re.split(r"[,;]", phrase):
            men = parse_mention(part.strip())
            if men is not None:
                break
    return men


ANAPHOR_KINDS = ("pronoun", "role", "org-anaphor")
MAX_PARAS_BACK = 3


def gold_sources(an: Analysis, text: str, gold: list[dict]) -> dict[tuple, tuple[str | None, bool]]:
    """Source segments -> (resolved gold name, whether the span itself holds a proper name).

    Resolution uses the gold annotations only: a named span is resolved like a speaker phrase; a
    pronoun / role-noun span takes the nearest preceding named gold Source of the article, at most
    MAX_PARAS_BACK non-empty paragraphs back; anything else is unresolvable (None)."""
    para_starts = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            para_starts.append(pos)
        pos += len(line) + 1

    def para(off: int) -> int:
        import bisect
        return bisect.bisect_right(para_starts, off) - 1

    spans = sorted({tuple(x["source"]) for x in gold if x["source"]}, key=lambda s: s[0][0])
    out: dict[tuple, tuple[str | None, bool]] = {}
    named_seen: list[tuple[int, str, str, str | None]] = []  # (offset, name, kind, gender) of named Sources
    pending = []
    for segs in spans:
        men = source_mention(text, list(segs))
        if men is not None and men.kind in ("name", "org"):
            name = an.resolve_phrase(men.surface, segs[0][0])
            out[segs] = (name, True)
            if name:
                first = name.split()[0] if men.kind == "name" and len(name.split()) > 1 else None
                named_seen.append((segs[0][0], name, men.kind, men.gender or _gender(first, men.surface)))
        else:
            out[segs] = (None, False)
            if men is not None and men.kind in ANAPHOR_KINDS:
                pending.append((segs, men))
    for segs, men in pending:
        at = segs[0][0]
        want = "org" if men.kind == "org-anaphor" else "name"  # agreement in type and gender
        prior = [(o, n) for o, n, k, g in named_seen if o < at and k == want
                 and (men.gender is None or g is None or g == men.gender)]
        if prior and para(at) - para(prior[-1][0]) <= MAX_PARAS_BACK:
            out[segs] = (prior[-1][1], False)
    return out


def score(split: Path, show: int = 0) -> dict:
    texts = sorted((split / "text").glob("*.txt"))
    anns = sorted((split / "attributions").glob("*.ann"))
    by_text: dict[str, Path] = {}
    for p in anns:
        stem = p.stem.rsplit("_", 1)[0]
        by_text.setdefault(stem, p)
    subsets = {s: {"gold": 0, "pred": 0, "matched": 0, "spk_scored": 0, "spk_ok": 0, "spk_attr": 0,
                   "spk_attr_ok": 0, "named_scored": 0, "named_ok": 0, "no_source": 0, "unresolved": 0}
               for s in ("direct", "all")}
    examples: list[str] = []
    for tp in texts:
        ann = by_text.get(tp.stem)
        if ann is None:
            continue
        text = tp.read_text(encoding="utf-8")
        gold = parse_ann(ann.read_text(encoding="utf-8"))
        an = Analysis(None, None, text, None)
        res = an.run()
        sources = gold_sources(an, text, gold)
        tok_starts = [m.start() for m in TOKEN_RE.finditer(text)]
        preds = [x for x in res.quotes if x.start is not None and x.end is not None]
        for sub in ("direct", "all"):
            st = subsets[sub]
            g = [x for x in gold if sub == "all" or is_direct(text, x["content"])]
            p = [x for x in preds if sub == "all" or x.kind == "direct"]
            st["gold"] += len(g)
            st["pred"] += len(p)
            gt = [tokens_in(tok_starts, x["content"]) for x in g]
            pt = [tokens_in(tok_starts, [(x.start, x.end)]) for x in p]
            cands = []
            for i, gs in enumerate(gt):
                for j, ps in enumerate(pt):
                    inter = len(gs & ps)
                    if inter and inter >= 0.3 * len(gs) and inter >= 0.3 * len(ps):
                        cands.append((inter, i, j))
            cands.sort(reverse=True)
            used_g: set[int] = set()
            used_p: set[int] = set()
            for _, i, j in cands:
                if i in used_g or j in used_p:
                    continue
                used_g.add(i)
                used_p.add(j)
                st["matched"] += 1
                if g[i]["source"] is None:
                    st["no_source"] += 1
                    continue
                name, named = sources[tuple(g[i]["source"])]
                if name is None:
                    st["unresolved"] += 1
                    continue
                pk = p[j].speaker
                ok = pk is not None and (head(pk) == head(name) or acronym(pk) == key(name)
                                         or acronym(name) == key(pk))
                st["spk_scored"] += 1
                st["spk_ok"] += ok
                if p[j].speaker is not None:
                    st["spk_attr"] += 1
                    st["spk_attr_ok"] += ok
                if named:
                    st["named_scored"] += 1
                    st["named_ok"] += ok
                if not ok and sub == "direct" and len(examples) < show:
                    src = g[i]["source"]
                    examples.append(f"{tp.stem}: gold {text[src[0][0]:src[-1][1]]!r} -> {name!r}; "
                                    f"pred {p[j].speaker!r} ({p[j].rule}) :: {p[j].text[:70]!r}")
    out = {}
    for sub, st in subsets.items():
        prec = st["matched"] / st["pred"] if st["pred"] else 0.0
        rec = st["matched"] / st["gold"] if st["gold"] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[sub] = {**st, "precision": prec, "recall": rec, "f1": f1,
                    "speaker_accuracy": st["spk_ok"] / st["spk_scored"] if st["spk_scored"] else 0.0,
                    "speaker_accuracy_attributed": st["spk_attr_ok"] / st["spk_attr"] if st["spk_attr"] else 0.0,
                    "speaker_accuracy_named": st["named_ok"] / st["named_scored"] if st["named_scored"] else 0.0}
    out["texts"] = sum(1 for tp in texts if tp.stem in by_text)
    out["examples"] = examples
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--show", type=int, default=0, help="print N direct-quote speaker mismatches")
    args = ap.parse_args(argv)
    res = score(args.split, args.show)
    if args.json:
        print(json.dumps(res))
        return 0
    print(RULE)
    print(f"\ntexts scored: {res['texts']}")
    d = res["direct"]
    print(f"\nHEADLINE direct-quote speaker-match accuracy (gold-resolved sources, non-circular): "
          f"{d['speaker_accuracy']:.1%} ({d['spk_ok']}/{d['spk_scored']})")
    for sub in ("direct", "all"):
        r = res[sub]
        print(f"\n[{sub}] gold {r['gold']}  predicted {r['pred']}  matched {r['matched']}")
        print(f"  attribution precision {r['precision']:.1%}  recall {r['recall']:.1%}  F1 {r['f1']:.1%}")
        print(f"  speaker-match accuracy (gold-resolved) {r['speaker_accuracy']:.1%} "
              f"({r['spk_ok']}/{r['spk_scored']}; unattributed predictions count as wrong)")
        print(f"  speaker-match accuracy, attributed predictions only {r['speaker_accuracy_attributed']:.1%} "
              f"({r['spk_attr_ok']}/{r['spk_attr']})")
        print(f"  speaker-match accuracy, named gold sources only {r['speaker_accuracy_named']:.1%} "
              f"({r['named_ok']}/{r['named_scored']})")
        print(f"  matched pairs left out: no gold source {r['no_source']}, "
              f"gold source not resolvable {r['unresolved']}")
    for e in res["examples"]:
        print("MISMATCH", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
