"""Direct quotations in an article body: quote marks, spans, masking and sentence starts.

`find_quotes` finds the spans in double marks (also over several paragraphs, nested) and in single
curly marks; `mask` blanks the quoted text (MASK) so that cue and name regexes never match inside a
quote; `sentence_starts` cuts the masked body into sentences. Who said a quote is found by
extractors.speech.attribution, the article-level decisions live in extractors.speech.analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.speech.speakers import UPPER

MASK = "░"  # stands in for quoted text, so cue and name regexes never match inside a quote
OPEN_MARKS = "“«„‟"
CLOSE_MARKS = "”»"
DQ_MARKS = OPEN_MARKS + CLOSE_MARKS + '"'
DQ_RE = re.compile(f"[{DQ_MARKS}]")
OPEN_CTX = set(" \t\n([{—–-/:;,") | {""}
CLOSE_NEXT = set(" \t\n.,;:!?)]}—–-…'’") | {""}
ABBREV_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Jr|Sr|No|vs|etc|Inc|Co|Corp|Prof|"
                       r"Capt|Sgt|Adm|Maj|Rev|Mt|Ft|U\.S|U\.K|U\.N|a\.m|p\.m|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z])\.$")
SENT_END_RE = re.compile(rf"[.!?…][”\"’)]*\s+(?=[“\"‘(]?[{UPPER}0-9{MASK}])")
WORD_RE = re.compile(r"\w+")


@dataclass
class Span:
    """A direct quotation: content offsets (marks excluded) and the marks' positions."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark, None when the quote ran to a paragraph's end
    para: int  # index of the paragraph it starts in
    last_para: int


def paragraphs(body: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in body.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _classify(body: str, i: int) -> str | None:
    """'open' / 'close' / None for the double quote mark at i, from its neighbours."""
    c = body[i]
    prev = body[i - 1] if i > 0 else ""
    nxt = body[i + 1] if i + 1 < len(body) else ""
    can_open = prev in OPEN_CTX and nxt not in (" ", "\t", "\n", "")
    can_close = prev not in (" ", "\t", "\n", "") and nxt in CLOSE_NEXT
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if c in OPEN_MARKS:
        return "open"
    if c in CLOSE_MARKS:
        return "close"
    return None


def find_direct(body: str, paras: list[tuple[int, int]], skip: set[int],
                max_paras: int = 40) -> list[Span]:
    """Direct quotations, including ones that run over several paragraphs.

    An opening mark left open at a paragraph's end continues into the following paragraphs (which
    may re-open with a mark, English style, or not) until a closing mark brings the depth to zero;
    nested marks inside are counted, and a nesting left open at a paragraph's end is dropped. With
    no closing mark within reach the quote ends at its paragraph's end (or at the end of the run of
    following paragraphs that each open with a mark)."""
    marks: list[tuple[int, str, int]] = []
    for pi, (a, b) in enumerate(paras):
        if pi in skip:
            continue
        for m in DQ_RE.finditer(body, a, b):
            kind = _classify(body, m.start())
            if kind:
                marks.append((m.start(), kind, pi))

    def opens_para(j: int) -> bool:
        idx, kind, pi = marks[j]
        return kind == "open" and body[paras[pi][0]:idx].strip() == ""

    spans: list[Span] = []
    i = 0
    while i < len(marks):
        open_at, kind, pi = marks[i]
        if kind != "open":
            i += 1
            continue
        depth, j, cur, closed = 1, i + 1, pi, None
        while j < len(marks):
            idx, k2, pj = marks[j]
            if pj != cur:
                if pj - pi > max_paras or any(x in skip for x in range(cur + 1, pj)):
                    break
                depth, cur = 1, pj
                if opens_para(j):  # English style: each continued paragraph re-opens with a mark
                    j += 1
                    continue
            if k2 == "open":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    closed = j
                    break
            j += 1
        if closed is not None:
            idx, _, pj = marks[closed]
            spans.append(Span(open_at + 1, idx, open_at, idx, pi, pj))
            i = closed + 1
            continue
        end_pi = pi
        j = i + 1
        while j < len(marks) and marks[j][2] == end_pi:
            j += 1
        while j < len(marks) and marks[j][2] == end_pi + 1 and opens_para(j) and \
                not any(m[1] == "close" for m in marks[j:] if m[2] == end_pi + 1):
            end_pi += 1
            while j < len(marks) and marks[j][2] == end_pi:
                j += 1
        spans.append(Span(open_at + 1, paras[end_pi][1], open_at, None, pi, end_pi))
        i = j
    out = []
    for s in spans:  # trim whitespace
        a, b = s.start, s.end
        while a < b and body[a].isspace():
            a += 1
        while b > a and body[b - 1].isspace():
            b -= 1
        if b > a:
            s.start, s.end = a, b
            out.append(s)
    return out


SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"


def find_single(body: str, paras: list[tuple[int, int]], skip: set[int], spans: list[Span]) -> list[Span]:
    """Quotations in single curly marks (‘…’), the house style of some outlets, with any nested “…”.

    An opening ‘ must follow a space, a paragraph start or an opening punctuation; its closing ’ is
    the first one in the same paragraph that is followed by a space, punctuation or the paragraph's
    end and is not an apostrophe: not inside a word (don’t), not a plural possessive (workers’ money:
    an "s" before it and a lower-case word after it). Single-quoted text inside a double-quoted span
    stays part of that span; double-quoted spans inside a single-quoted one are dropped by the caller."""
    out: list[Span] = []
    for pi, (a, b) in enumerate(paras):
        if pi in skip:
            continue
        i = body.find(SINGLE_OPEN, a, b)
        while i != -1:
            prev = body[i - 1] if i > a else ""
            nxt = body[i + 1] if i + 1 < b else ""
            if (prev in OPEN_CTX or prev in DQ_MARKS) and nxt not in (" ", "\t", "") and \
                    not any(s.start <= i < s.end for s in spans):
                close = None
                j = body.find(SINGLE_CLOSE, i + 1, b)
                while j != -1:
                    after = body[j + 1] if j + 1 < b else ""
                    before = body[j - 1]
                    possessive = before in "sS" and after == " " and body[j + 2:j + 3].islower()
                    if not before.isspace() and (after in CLOSE_NEXT or after in DQ_MARKS) \
                            and not after.isalnum() and not possessive:
                        close = j
                        break
                    j = body.find(SINGLE_CLOSE, j + 1, b)
                if close is not None and close > i + 1:
                    out.append(Span(i + 1, close, i, close, pi, pi))
                    i = body.find(SINGLE_OPEN, close + 1, b)
                    continue
            i = body.find(SINGLE_OPEN, i + 1, b)
    return out


# 'We will sign it.' Jane Roe said: a sentence in straight single marks, opened at a sentence start by a
# capital and closed by its own end punctuation (an apostrophe never follows . , ! or ?)
STRAIGHT_SINGLE_RE = re.compile(rf"(?:(?<=^)|(?<=[\s(:—–]))'(?=[{UPPER}])"
                                rf"(?P<q>(?:[^'\n]|(?<=\w)'(?=\w))*?[.,!?])'(?=\s|$)")


def find_straight_single(body: str, paras: list[tuple[int, int]], skip: set[int], spans: list[Span]) -> list[Span]:
    """Sentences quoted in straight single marks ('...,' Jane Roe said), outside other quotes."""
    out: list[Span] = []
    for pi, (a, b) in enumerate(paras):
        if pi in skip or "'" not in body[a:b]:
            continue
        for m in STRAIGHT_SINGLE_RE.finditer(body, a, b):
            o, c = m.start(), m.end() - 1
            if words(m.group("q")) >= 3 and not any(s.open_at <= o < s.end + 1 for s in spans):
                out.append(Span(o + 1, c, o, c, pi, pi))
    return out


def find_quotes(body: str, paras: list[tuple[int, int]], skip: set[int]) -> list[Span]:
    """Double-quoted spans (find_direct) and single-quoted ones (find_single, find_straight_single),
    nesting resolved."""
    doubles = find_direct(body, paras, skip)
    singles = find_single(body, paras, skip, doubles)
    singles += find_straight_single(body, paras, skip, doubles + singles)
    if not singles:
        return doubles
    doubles = [d for d in doubles if not any(s.open_at < d.open_at and d.end <= s.end for s in singles)]
    return sorted(doubles + singles, key=lambda s: s.open_at)


def mask(body: str, spans: list[Span]) -> str:
    chars = list(body)
    for s in spans:
        for i in range(s.start, s.end):
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)


def sentence_starts(masked: str, paras: list[tuple[int, int]], spans: list[Span], body: str) -> list[int]:
    """Sorted offsets where sentences start (paragraph starts included)."""
    starts = set()
    for a, b in paras:
        starts.add(a)
        for m in SENT_END_RE.finditer(masked, a, b):
            if ABBREV_RE.search(masked[max(a, m.start() - 6): m.start() + 1]):
                continue
            starts.add(m.end())
    for s in spans:  # “... .” Next sentence
        if s.close_at is not None and body[s.end - 1:s.end] in ".!?…":
            j = s.close_at + 1
            if j < len(body) and body[j] == " ":
                k = j + 1
                if k < len(body) and (body[k] in UPPER or body[k] in OPEN_MARKS or body[k] == '"'):
                    starts.add(k)
    return sorted(starts)


def words(s: str) -> int:
    return len(WORD_RE.findall(s))


def title_case(s: str) -> bool:
    """A quoted name or title ("New Media in the Era of ..."): most words capitalised, no sentence end."""
    ws = WORD_RE.findall(s)
    if not ws or len(ws) > 12 or s.rstrip()[-1:] in ".!?":
        return False
    caps = sum(1 for w in ws if w[0] in UPPER or w[0].isdigit())
    return caps * 10 >= len(ws) * 6
