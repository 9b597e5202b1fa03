"""Text normalisation for crawled text pages: one string in, numbered lines out.

Line numbers are 1-based positions in the *normalised* text, so `LineDecision.number` can be
looked up in the output of `normalise()`; normalisation never joins or splits lines.
"""

from __future__ import annotations

import re

# U+00A0 no-break space, U+2007 figure space, U+202F narrow no-break space, U+3000 ideographic.
SPACES = re.compile("[\u00a0\u2007\u202f\u3000\t\u2000-\u200a]")
# zero-width space/joiners, word joiner, BOM, soft hyphen, LTR/RTL marks
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Terminal escape sequences (ANSI CSI "ESC [ ... m", OSC "ESC ] ... BEL", two-byte ESC x), then every
# other control character: C0 but tab and newline, DEL, C1. None of them is text.
ANSI_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """CRLF/CR/Unicode separators -> "\\n", no-break spaces -> " ", zero-width chars, terminal escapes
    and control characters removed, trailing spaces stripped per line."""
    text = NEWLINES.sub("\n", text)
    text = CONTROLS.sub("", ANSI_ESCAPES.sub("", text))
    text = ZERO_WIDTH.sub("", text)
    text = SPACES.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def normalise(text: str) -> list[str]:
    """The normalised lines; index i is line number i + 1."""
    lines = normalise_text(text).split("\n")
    while lines and not lines[-1].strip():  # a trailing newline is not a line
        lines.pop()
    return lines


# The four non-ASCII letters re.IGNORECASE equates with ASCII ones ("ı" = "i", "ſ" = "s", Kelvin "K" = "k",
# "İ" = "i"): text folded by `ic_fold` contains a lower-case ASCII word wherever an IGNORECASE regex
# could match it, so a substring test on it is a safe pre-check before a costly regex.
_IC_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def ic_fold(s: str) -> str:
    """`s` for substring pre-checks of IGNORECASE patterns spelling lower-case ASCII words."""
    return s.translate(_IC_ASCII).lower()


def squash(s: str) -> str:
    """A comparison key: case-folded, inner whitespace collapsed, typographic quotes unified."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = s.replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(s.split()).casefold()
