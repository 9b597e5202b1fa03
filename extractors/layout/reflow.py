"""Hard-wrapped text -> paragraphs, before lines are judged (crawler dumps and e-mailed copy break lines
every 60-80 characters, mid-sentence and inside quotes).

`reflow(lines)` joins the physical lines of a wrapped paragraph into one logical line and says which
physical lines each logical line spans, so every verdict still points into the normalised text
(`LineDecision.number` .. `LineDecision.last`). Pages without wrap evidence come back unchanged.

Cascade:
  1. evidence: WRAP_EVIDENCE+ breaks where a line of WRAP_MIN..WRAP_MAX characters is followed directly
     by a line that starts in lower case (a sentence cut mid-way); fewer -> no reflow ("none:no-wrap")
  2. the wrap width W: the longest such line; WRAP_CLUSTER+ of them within WRAP_BAND of it (a wrapped
     text fills its lines to about the same width), else no reflow ("none:ragged")
  3. join line i to line i+1 (both non-blank, neither longer than W) when line i is full -- at least
     WRAP_BAND of W long (wrappers measure pixels, not characters), or the next line's first word would
     not have fitted on it -- and the break is inside a sentence:
       a. a quote is open in the paragraph so far (any break inside a quote joins), or
       b. the next line starts in lower case, or
       c. line i ends with a comma, dash or opening bracket, or with a lower-case word, or
       d. line i continues a joined paragraph and ends with a capitalised word ("...Ministry of
          Foreign" / "Affairs, ..."): a headline on its own line is never the first of a join here
     never after a sentence end or a colon outside quotes, never into a turn or list line ("- ", "• ",
     "Q:")
  4. a word broken at its hyphen ("well-" / "known") joins without a space
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WRAP_MIN, WRAP_MAX = 35, 130  # the line lengths a hard wrap produces
WRAP_EVIDENCE = 3  # mid-sentence breaks (next line in lower case) that make a page hard-wrapped
WRAP_CLUSTER = 3  # evidence lines within WRAP_BAND of the width
WRAP_BAND = 0.75  # ... i.e. at least this share of the width

SENTENCE_END = re.compile(r"[.!?…:][\"'”’»)\]]*$")
OPEN_END = re.compile(r"(?:[,;(\[–—-]|\b[a-z][\w'’]*)$")  # a comma, a dash, a lower-case word
CAP_END = re.compile(r"\b[A-Z][\w'’.-]*$")
HYPHEN_BREAK = re.compile(r"[^\W\d_]-$")
TURN_START = re.compile(r"^(?:[-–—•*·]\s|(?:Q|A|Question|Answer)\s*:)")
QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"))


@dataclass
class Reflowed:
    """Logical lines and, for each, the first and last physical line index it spans."""

    lines: list[str]
    spans: list[tuple[int, int]] = field(default_factory=list)
    rule: str = "none:no-wrap"

    @property
    def joined(self) -> int:
        return sum(b - a for a, b in self.spans)


def _first_word(s: str) -> str:
    return s.split(maxsplit=1)[0] if s.split() else ""


def wrap_width(lines: list[str]) -> tuple[int | None, str]:
    """(W, rule): the wrap width of a hard-wrapped page, or (None, why not)."""
    evidence = []
    for i in range(len(lines) - 1):
        a, b = lines[i].strip(), lines[i + 1].lstrip()
        if a and b and b[0].islower() and WRAP_MIN <= len(a) <= WRAP_MAX:
            evidence.append(len(a))
    if len(evidence) < WRAP_EVIDENCE:
        return None, "none:no-wrap"
    width = max(evidence)
    if sum(n >= WRAP_BAND * width for n in evidence) < WRAP_CLUSTER:
        return None, "none:ragged"
    return width, f"reflow:width={width}"


def _open_quote(text: str) -> bool:
    """A quote opened in `text` and not closed yet (curly, guillemet, low-high or straight marks)."""
    if any(text.count(o) > text.count(c) for o, c in QUOTE_PAIRS if o != "„"):
        return True
    if text.count("„") > text.count("“") - text.count("”"):
        return text.rfind("„") > max(text.rfind("“"), text.rfind("”"))
    return text.count('"') % 2 == 1


def _joins(cur: str, continued: bool, nxt: str, width: int) -> bool:
    """Step 3: does physical line `nxt` continue the logical line `cur` (whose last physical line
    is `cur`'s tail)?"""
    tail_len = len(cur) - max(cur.rfind("\x00"), cur.rfind("\x01")) - 1
    if not nxt or len(nxt) > width or tail_len > width:
        return False
    if tail_len < WRAP_BAND * width and tail_len + 1 + len(_first_word(nxt)) <= width:
        return False  # a short line the next word would have fitted on: a real break
    if TURN_START.match(nxt):
        return False
    text = cur.replace("\x00", " ").replace("\x01", "")
    if _open_quote(text):
        return True
    if SENTENCE_END.search(text):
        return False
    if nxt[0].islower() or OPEN_END.search(text):
        return True
    return continued and bool(CAP_END.search(text))


def reflow(lines: list[str]) -> Reflowed:
    """Join hard-wrapped lines into paragraphs (see the module cascade); unchanged without evidence."""
    width, rule = wrap_width(lines)
    if width is None:
        return Reflowed(lines=list(lines), spans=[(i, i) for i in range(len(lines))], rule=rule)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        cur, start = lines[i].rstrip(), i
        if not cur.strip():
            out.append(lines[i])
            spans.append((i, i))
            i += 1
            continue
        # "\x00" / "\x01" mark the physical breaks (with / without a space) while the paragraph grows,
        # so that the length of its last physical line can be measured
        while i + 1 < len(lines) and _joins(cur.strip(), i > start, lines[i + 1].strip(), width):
            nxt = lines[i + 1].strip()
            glue = "\x01" if HYPHEN_BREAK.search(cur) and nxt[0].islower() else "\x00"
            cur = cur + glue + nxt
            i += 1
        out.append(cur.replace("\x00", " ").replace("\x01", ""))
        spans.append((start, i))
        i += 1
    joined = sum(b - a for a, b in spans)
    return Reflowed(lines=out, spans=spans, rule=f"{rule}:joined={joined}" if joined else "none:no-join")
