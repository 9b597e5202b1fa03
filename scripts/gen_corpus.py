#!/usr/bin/env python
"""Deterministic synthetic news pages for benchmarks and soak runs (invented people, places, events).

    .venv/bin/python scripts/gen_corpus.py OUT --count 10000 [--seed 1] [--kinds report,digest,html]

Page `i` of seed `s` is always the same bytes, so two runs, or two machines, measure the same corpus.
Files go to OUT/NNN/ (1,000 a folder) as `<index>_<kind>.txt|.xml|.html`; nothing is held in memory
but the page being written, so 100k pages cost what 10 do. Kinds follow the layouts the extractors meet:
the registry's outlets (masthead, visit date, date line, byline, credits, furniture), digests of several
stories, hard-wrapped text, interviews (Q:/A:, `Name:` turns, dash turns), RSS feeds and HTML renderings.
"""

from __future__ import annotations

import argparse
import calendar
import random
import textwrap
import zlib
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

PEOPLE = ("Arzu Veliyeva", "Kamran Rustamli", "Narmin Guliyeva", "Tamerlan Ismayilzade", "Sevil Hajiyeva",
          "Ruslan Abdullayev", "Lala Mammadli", "Farid Sultanli", "Aysel Karimova", "Orkhan Nabiyev", "Ani Sargsyan",
          "Levon Hakobyan", "Nino Beridze", "Giorgi Kapanadze", "Aigerim Seitkali", "Dauren Abenov")
ROLES = ("Deputy Minister of Energy", "head of the regional water agency", "Chairman of the Port Authority",
         "spokesperson for the Ministry of Transport", "director of the national library", "mayor of the city")
ORGS = ("Ministry of Ecology", "State Tourism Agency", "Central Bank", "Ministry of Agriculture",
        "State Statistics Committee", "Railway Administration")
TOWNS = ("Gabala", "Sheki", "Lankaran", "Ganja", "Gyumri", "Kutaisi", "Shymkent", "Samarkand", "Zugdidi")
THINGS = ("a new ferry line", "the spring harvest", "a solar power plant", "the tram network", "a wine festival",
          "the mountain road", "a cargo terminal", "the reservoir", "a children's hospital", "the border crossing")
VERBS = ("said", "noted", "stressed", "told reporters", "added", "emphasized")
OUTLETS = (  # (masthead, name, credit phrase, UTC offset in hours)
    ("Azernews.Az", "AzerNews", None, 4), ("Report.az", "Report", "Report informs", 4),
    ("Trend", "Trend", "Trend reports", 4), ("NEWS.am", "NEWS.am", None, 4), ("Civil.ge", "Civil Georgia", None, 4),
)
MONTHS = tuple(calendar.month_name[1:])


class Page:
    """One invented story: its people, place, time and sentences."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.speaker, self.other = rng.sample(PEOPLE, 2)
        self.role, self.org = rng.choice(ROLES), rng.choice(ORGS)
        self.town, self.thing = rng.choice(TOWNS), rng.choice(THINGS)
        self.outlet = rng.choice(OUTLETS)
        base = datetime(2016, 1, 1, tzinfo=timezone(timedelta(hours=self.outlet[3])))
        self.when = base + timedelta(minutes=rng.randrange(0, 9 * 365 * 24 * 60))
        self.title = f"{self.town} {rng.choice(('prepares', 'opens', 'plans', 'expands'))} {self.thing}"

    def surname(self, name: str | None = None) -> str:
        return (name or self.speaker).split()[-1]

    def quote(self) -> str:
        r = self.rng
        return r.choice((
            f"We expect {self.thing} to be ready before the end of the year",
            f"The work in {self.town} is going according to plan and on budget",
            f"Residents of {self.town} will see the first results in {r.randint(2, 11)} months",
            f"Our partners have confirmed their support for {self.thing}",
        ))

    def Role(self) -> str:  # noqa: N802 - the role at the start of a sentence
        return self.role[0].upper() + self.role[1:]

    def paragraphs(self, n: int) -> list[str]:
        r, out = self.rng, []
        out.append(f"{self.Role()} {self.speaker} said on {self.weekday()} that {self.thing} in "
                   f"{self.town} would cost {r.randint(3, 90)} million manats.")
        for k in range(n - 1):
            cue = r.choice(VERBS)
            if k % 3 == 0:
                out.append(f"“{self.quote()},” {self.surname()} {cue}.")
            elif k % 3 == 1:
                out.append(f"According to {self.other}, {self.thing} will employ {r.randint(20, 900)} people.")
            else:
                out.append(f"The {self.org} {cue} that the tender had drawn {r.randint(2, 14)} bids, "
                           f"and the winner would be named in {r.choice(MONTHS)}.")
        return out

    def weekday(self) -> str:
        return self.when.strftime("%A")

    def date_long(self) -> str:  # "6 November 2020 12:17 (UTC+04:00)"
        return f"{self.when.day} {self.when:%B %Y %H:%M} (UTC+{self.outlet[3]:02d}:00)"


def report_layout(p: Page) -> str:
    body = p.paragraphs(p.rng.randint(4, 9))
    credit = p.outlet[2]
    if credit:
        body[0] = body[0][:-1] + f", {credit}."
    return "\n\n".join([p.title, f"{p.title} {body[0][:80]}", "Economy", f"{p.when:%B} {p.when.day}, "
                        f"{p.when:%Y %H:%M}", p.title, *body, "Latest news", "Share on Facebook"]) + "\n"


def masthead_layout(p: Page) -> str:
    visit = p.when + timedelta(days=p.rng.randint(30, 900))
    return "\n\n".join([p.outlet[0], f"{visit:%A %B} {visit.day} {visit:%Y}", p.title, p.date_long(), p.title,
                        f"By {p.other}", *p.paragraphs(p.rng.randint(4, 10)), "--", "Loading..."]) + "\n"


def dateline_layout(p: Page) -> str:
    body = p.paragraphs(p.rng.randint(3, 8))
    body[0] = f"BAKU, Azerbaijan, {p.when:%B} {p.when.day}. " + body[0]
    return "\n\n".join([p.title, f"{p.when:%d.%m.%Y %H:%M}", *body, "READ MORE: " + p.rng.choice(THINGS)]) + "\n"


def marker_layout(p: Page) -> str:
    return f" date {p.when:%Y-%m-%d} " + "\n\n".join([p.title, *p.paragraphs(p.rng.randint(3, 8))]) + "\n"


def wrapped_layout(p: Page) -> str:
    text = "\n\n".join(textwrap.fill(x, width=p.rng.randint(60, 78)) for x in p.paragraphs(p.rng.randint(4, 9)))
    return f"{p.title}\n{p.when:%B} {p.when.day}, {p.when:%Y} | {p.when:%H:%M}\n\n{text}\n"


def brief_layout(p: Page) -> str:
    """A news brief: title, date, one sentence (soak and memory runs of 100k pages in minutes)."""
    return f"{p.title}\n\n{p.when:%B} {p.when.day}, {p.when:%Y %H:%M}\n\n{p.paragraphs(1)[0]}\n"


def digest_layout(p: Page) -> str:
    parts = [f"{p.when.day} {p.when:%B %Y}", "On this historical day"]
    for _ in range(p.rng.randint(5, 15)):
        story = Page(random.Random(p.rng.random()))
        parts += [story.title, *story.paragraphs(p.rng.randint(1, 3)), ""]
    return "\n\n".join(parts) + "\n"


def interview_layout(p: Page) -> str:
    style = p.rng.choice(("qa", "names", "dash"))
    intro = f"{p.Role()} {p.speaker} answered questions from {p.outlet[1]}'s correspondent {p.other}."
    turns = [f"{p.surname(p.other)}: " if style == "names" else "Q: " if style == "qa" else "- ",
             f"{p.surname()}: " if style == "names" else "A: " if style == "qa" else "- "]
    lines = [f"{p.speaker}: “{p.quote()}”", p.date_long(), intro]
    for k in range(p.rng.randint(3, 7)):
        lines.append(turns[0] + f"What comes next for {p.thing}?" if k % 2 == 0 else turns[0] + "And the cost?")
        lines.append(turns[1] + p.quote() + ". " + p.quote() + ".")
    return "\n\n".join(lines) + "\n"


def feed_layout(p: Page) -> str:
    items = []
    for _ in range(p.rng.randint(5, 20)):
        s = Page(random.Random(p.rng.random()))
        items.append(f"<item><title>{escape(s.title)}</title><link>https://example.invalid/{zlib.crc32(s.title.encode())}"
                     f"</link><pubDate>{s.when:%a, %d %b %Y %H:%M:%S %z}</pubDate><description>"
                     f"{escape(' '.join(s.paragraphs(2)))}</description></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Invented News</title>'
            f"<link>https://example.invalid/</link>{''.join(items)}</channel></rss>\n")


def html_layout(p: Page) -> str:
    paras = "".join(f"<p>{escape(x)}</p>" for x in p.paragraphs(p.rng.randint(4, 10)))
    nav = "".join(f'<li><a href="/{w}">{w}</a></li>' for w in ("Politics", "Economy", "Society", "Sport"))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(p.title)} | {p.outlet[1]}</title>"
            f'<meta property="article:published_time" content="{p.when.isoformat()}">'
            f'<meta name="author" content="{escape(p.other)}"></head><body><nav><ul>{nav}</ul></nav>'
            f"<article><h1>{escape(p.title)}</h1><time datetime='{p.when.isoformat()}'>{p.date_long()}</time>"
            f"{paras}</article><aside><h3>Latest</h3><ul><li>{escape(Page(random.Random(1)).title)}</li></ul>"
            "</aside><footer>© Invented News</footer></body></html>\n")


KINDS: dict[str, tuple[Callable[[Page], str], str]] = {
    "report": (report_layout, "txt"), "masthead": (masthead_layout, "txt"), "dateline": (dateline_layout, "txt"),
    "marker": (marker_layout, "txt"), "wrapped": (wrapped_layout, "txt"), "digest": (digest_layout, "txt"),
    "interview": (interview_layout, "txt"), "feed": (feed_layout, "xml"), "html": (html_layout, "html"),
    "brief": (brief_layout, "txt"),
}
WEIGHTS = {"report": 3, "masthead": 3, "dateline": 2, "marker": 2, "wrapped": 2, "digest": 1, "interview": 1,
           "feed": 0, "html": 0, "brief": 0}  # the default mix: text dumps only; ask for the others with --kinds


def pages(count: int, seed: int, kinds: list[str]) -> Iterator[tuple[int, str, str, str]]:
    """(index, kind, suffix, text) for each page, generated one at a time."""
    weights = [WEIGHTS.get(k, 1) or 1 for k in kinds]
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        kind = rng.choices(kinds, weights)[0]
        render, suffix = KINDS[kind]
        yield i, kind, suffix, render(Page(rng))


def write(out: Path, count: int, seed: int, kinds: list[str]) -> int:
    """Write the corpus; return the bytes written."""
    total = 0
    for i, kind, suffix, text in pages(count, seed, kinds):
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (folder / f"{i:06d}_{kind}.{suffix}").write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(k for k, w in WEIGHTS.items() if w),
                    help=f"comma-separated, of: {', '.join(KINDS)}")
    args = ap.parse_args()
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        ap.error(f"unknown kinds: {', '.join(unknown)}")
    total = write(args.out, args.count, args.seed, kinds)
    print(f"{args.count} pages, {total:,} bytes in {args.out}")


if __name__ == "__main__":
    main()
