"""Digest pages: several stories on one dated page -> one Article per story.

Structure detected (generic, no text matching):
  - the first non-blank line is a date line (the dated header),
  - the page is cut into blocks by runs of 2+ blank lines,
  - at least MIN_HEADED_BLOCKS blocks begin with a headline-like line (a story's headline),
  - the first block holds the preamble: the date line, short labels, and optionally an epigraph
    (a paragraph ending with its speaker's name: "... We will do it. Jane Doe"), then the first story.
A block that begins with running text continues the previous story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.layout import titles as T
from extractors.layout.dates import DateHit, parse_date_line
from extractors.layout.lines import base_decisions
from extractors.layout.outlets import OutletSpec
from extractors.records import LineDecision

MIN_HEADED_BLOCKS = 3
EPIGRAPH = re.compile(r"^(?P<text>.*\S[.!?…][\"'”’»)]*)\s*[-–—]?\s*\(?(?P<name>[A-Z][\w'’.-]+"
                      r"(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|ibn)){1,3})\)?$")
LABEL_MAX_WORDS = 6


@dataclass
class DigestItem:
    title: str
    title_line: int
    lines: list[int] = field(default_factory=list)  # body line indices


@dataclass
class Digest:
    decisions: list[LineDecision]
    date: DateHit
    date_line: int
    items: list[DigestItem]
    epigraph: str | None = None
    epigraph_speaker: str | None = None


def epigraph_parts(s: str) -> tuple[str, str] | None:
    m = EPIGRAPH.match(s.strip())
    if not m or T.words(m.group("text")) < 4:
        return None
    return m.group("text").strip(), m.group("name").strip()


def _inner_headline(lines: list[str], i: int, nxt: int) -> bool:
    """A story headline inside a block (stories separated by a single blank line): a standalone
    statement-shaped headline of 5+ words, no question/dialogue, followed by running text."""
    s = lines[i].strip()
    return (T.is_headline_like(s) and T.words(s) >= 5 and not T.TERMINAL.search(s)
            and s[0] not in "-–—\"“'‘«" and not lines[i - 1].strip() and not lines[i + 1].strip()
            and T.is_paragraph(lines[nxt]))


def _blocks(lines: list[str]) -> list[list[int]]:
    blocks: list[list[int]] = [[]]
    blank = 0
    for i, s in enumerate(lines):
        if not s.strip():
            blank += 1
            continue
        if blank >= 2 and blocks[-1]:
            blocks.append([])
        blank = 0
        blocks[-1].append(i)
    return [b for b in blocks if b]


def detect_digest(lines: list[str], spec: OutletSpec | None, extra: tuple[OutletSpec, ...] = ()
                  ) -> Digest | None:
    first = next((i for i, s in enumerate(lines) if s.strip()), None)
    if first is None:
        return None
    hit = parse_date_line(lines[first])
    if hit is None:
        return None
    dec, soft = base_decisions(lines, spec, extra)
    for i, rule in soft.items():
        dec[i].verdict, dec[i].rule = "drop", rule
    blocks = [[i for i in b if not dec[i].verdict] for b in _blocks(lines)]
    blocks = [b for b in blocks if b]
    if len(blocks) < MIN_HEADED_BLOCKS:
        return None
    headed = [b for b in blocks[1:] if T.is_headline_like(lines[b[0]]) and not T.is_paragraph(lines[b[0]])]
    if len(headed) < MIN_HEADED_BLOCKS - 1:
        return None
    # preamble of the first block
    b0 = [i for i in blocks[0] if i != first]
    dec[first].verdict, dec[first].rule = "field:date", "digest:" + hit.rule
    epigraph = speaker = None
    k = 0
    ep_at = next((n for n, i in enumerate(b0[:4]) if epigraph_parts(lines[i])), None)
    if ep_at is not None:
        for i in b0[:ep_at]:
            dec[i].verdict, dec[i].rule = "drop", "digest:header-label"
        i = b0[ep_at]
        _text, speaker = epigraph_parts(lines[i])
        epigraph = lines[i].strip()  # kept whole: the speech step reads the name at its end
        dec[i].verdict, dec[i].rule = "drop", "digest:epigraph"
        k = ep_at + 1
    else:
        while k + 1 < len(b0) and T.words(lines[b0[k]]) <= LABEL_MAX_WORDS and T.is_headline_like(
                lines[b0[k]]) and T.is_headline_like(lines[b0[k + 1]]):
            dec[b0[k]].verdict, dec[b0[k]].rule = "drop", "digest:header-label"
            k += 1
    rest0 = b0[k:]
    items: list[DigestItem] = []
    groups = ([rest0] if rest0 else []) + blocks[1:]
    for g in groups:
        head = g[0]
        s = lines[head].strip()
        if T.is_headline_like(s) and not T.is_paragraph(s):
            items.append(DigestItem(title=s, title_line=head))
        elif items:
            items[-1].lines.append(head)
        else:
            dec[head].verdict, dec[head].rule = "drop", "digest:before-first-item"
        for k2, i in enumerate(g[1:], 1):
            nxt = g[k2 + 1] if k2 + 1 < len(g) else None
            if items and nxt is not None and _inner_headline(lines, i, nxt):
                items.append(DigestItem(title=lines[i].strip(), title_line=i))
            elif items:
                items[-1].lines.append(i)
            else:
                dec[i].verdict, dec[i].rule = "drop", "digest:before-first-item"
    if len(items) < MIN_HEADED_BLOCKS:
        return None
    for n, it in enumerate(items):
        d = dec[it.title_line]
        d.verdict, d.rule, d.item = "title", "digest:item-headline", n
        body = [i for i in it.lines if not dec[i].verdict]
        for k2, i in enumerate(body):
            s = lines[i].strip()
            nxt = body[k2 + 1] if k2 + 1 < len(body) else None
            if T.is_heading(s) and nxt is not None and T.is_paragraph(lines[nxt]):
                dec[i].verdict, dec[i].rule = "heading", "digest:subheading"
            else:
                dec[i].verdict, dec[i].rule = "body", "digest:body"
            dec[i].item = n
        it.lines = body
    return Digest(decisions=dec, date=hit, date_line=first, items=items, epigraph=epigraph,
                  epigraph_speaker=speaker)
