"""Bylines: "By X" lines and lede credits -> authors; a news-agency or outlet credit is not an author.

Cascade:
  1. byline-line    a whole line "By X", "By X and Y", "Author: X", "Written by X | Outlet"
  2. dateline-by    "Baku, Azerbaijan, July 26 By X - Trend:" at the start of the lede
  3. none
Names that are agencies or registered outlets ("By AFP", "By Trend") are credits: dropped, no author;
so is a photographer ("Photos by X").
"""

from __future__ import annotations

import re

from extractors.layout.outlets import find_outlet

BYLINE = re.compile(r"^(?:(?:interview|text|story|report|reporting|analysis|photos?|video|compiled|prepared|"
                    r"written|reported|posted|edited)\s+by|by|author|authors|reporter)\s*[:\-–]?\s+"
                    r"(?P<names>\S.{0,120})$", re.IGNORECASE)
PHOTO_BY = re.compile(r"^(?:photos?|photograph(?:s|y)?|images?|video)\s+by\b", re.IGNORECASE)
AFTER_NAMES = re.compile(r"(?<![A-Z])\.\s+.*$")  # "Interview by X. Exclusively to Y" -> "X"
LEDE_BY = re.compile(r"^[^.:]{0,60}?\bBy\s+(?P<names>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+){1,2})\s*[-–—/]\s*"
                     r"[A-Z][\w.]+\s*:")
SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
# Trailing affiliations: "X | Outlet", "X - Outlet", "X for Outlet", "X, staff writer"
TAIL = re.compile(r"\s*(?:\||[-–—]\s|\bfor\b|\bin\b|\(|@).*$", re.IGNORECASE)
NAME = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3})(?:\s+(?:[A-Z][\w'’.-]*|[a-z]{1,3})){0,4}$")
AGENCIES = {
    "afp", "ap", "aa", "reuters", "epa", "tass", "xinhua", "sputnik", "ria novosti", "efe", "dpa", "ani",
    "anadolu", "anadolu agency", "associated press", "agence france-presse", "agence france presse",
    "bloomberg", "upi", "ians", "pti", "getty images", "staff", "staff writer", "editorial", "newsroom",
    "agencies", "news desk", "web desk", "desk", "admin", "editor", "trt world", "trt world and agencies",
}


def is_agency(name: str) -> bool:
    n = " ".join(name.replace(".", " ").split()).casefold()
    return (n in AGENCIES or name.strip().casefold() in AGENCIES or find_outlet(name) is not None
            or bool(re.search(r"\b(?:agency|agencies|news|press|desk|staff|media|tv)\b", n)))


def split_names(raw: str) -> tuple[list[str], list[str]]:
    """(authors, credits) from the text after "By"."""
    authors, credits = [], []
    for part in SPLIT.split(raw.strip().rstrip(".")):
        part = TAIL.sub("", part).strip(" .")
        if not part:
            continue
        if is_agency(part):
            credits.append(part)
        elif NAME.match(part) and len(part.split()) >= 2 or NAME.match(part) and part[:1].isupper():
            authors.append(part)
        else:
            return [], []  # not a byline after all ("By the way, ...")
    return authors, credits


def parse_byline(line: str) -> tuple[list[str], list[str]] | None:
    """(authors, agency credits) when `line` is a byline line, else None."""
    s = line.strip()
    if len(s) > 120:
        return None
    m = BYLINE.match(s)
    if not m:
        return None
    names = AFTER_NAMES.sub("", m.group("names"))
    if names.endswith(("?", "!")) or names.endswith(".") and not re.search(r"\b[A-Z]\.$", names):
        return None
    authors, credits = split_names(names)
    if not authors and not credits:
        return None
    if PHOTO_BY.match(s):  # "Photos by X": a photographer is a credit, not an author
        return [], authors + credits
    return authors, credits


def lede_byline(paragraph: str) -> list[str]:
    """Authors named inside a dateline at the start of the lede ("..., July 26 By X - Trend:")."""
    m = LEDE_BY.match(paragraph.strip())
    if not m:
        return []
    authors, _ = split_names(m.group("names"))
    return authors
