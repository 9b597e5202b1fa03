"""Bytes -> text, and what kind of document the bytes are. Pure: no I/O.

Decoding cascade (the first that applies wins):
  1. a byte-order mark (UTF-32, UTF-16, UTF-8) names the encoding
  2. UTF-16/UTF-32 without a BOM: NUL bytes in every other (or every fourth) position
  3. UTF-8
  4. NUL bytes left in a document that is none of the above: binary
  5. the encoding charset-normalizer finds (cp1251, latin-1, ...)
A decoded text that is mostly control characters is binary too.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# C0 controls other than tab, newline, vertical tab, form feed, carriage return; DEL; C1 controls.
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
MAX_CONTROL_SHARE = 0.05  # above this share of control characters, a "text" is binary data
SNIFF_CHARS = 4096
# What may come before the first tag of an HTML page: a BOM, space, comments, an XML declaration.
LEADING_NOISE = re.compile(r"\A(?:\ufeff|\s+|<!--.*?-->|<\?xml[^>]*\?>)*", re.S)
HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I)
FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b", re.I)


class ExtractionError(ValueError):
    """Input that yields no article; `reason` is a short code for the rejections table."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16/32 without a BOM: ASCII-range text has a NUL in every other (or every fourth) byte."""
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    head = head[:n]

    def nul_share(offset: int, step: int) -> float:
        column = head[offset::step]
        return column.count(0) / len(column)

    if all(nul_share(i, 4) > 0.9 for i in (1, 2, 3)):
        return "utf-32-le"
    if all(nul_share(i, 4) > 0.9 for i in (0, 1, 2)):
        return "utf-32-be"
    odd, even = nul_share(1, 2), nul_share(0, 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _encoding(content: bytes) -> tuple[str | None, int]:
    """(encoding, bytes to skip) from a BOM or the NUL pattern; (None, 0) when neither says."""
    for bom, name in BOMS:
        if content.startswith(bom):
            return name, len(bom)
    if b"\x00" in content[:8192]:
        return _wide_encoding(content[:8192]), 0
    return None, 0


def decode(content: bytes) -> str:
    """The text of a document, or ExtractionError with reason empty | binary | undecodable."""
    if not content.strip():
        raise ExtractionError("empty", "the document is empty")
    encoding, skip = _encoding(content)
    if encoding:
        try:
            text = content[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise ExtractionError("undecodable", f"the document is not valid {encoding}: {exc.reason}") from None
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            if b"\x00" in content[:8192]:
                raise ExtractionError("binary", "the document contains NUL bytes: not a text page") from None
            best = from_bytes(content).best()
            if best is None:
                raise ExtractionError("undecodable",
                                    "the document is neither UTF-8 nor any text encoding detected") from None
            text = str(best)
    if not text.strip():
        raise ExtractionError("empty", "the document is empty")
    sample = text[:8192]
    if len(CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise ExtractionError("binary", "the document is mostly control characters: not a text page")
    return text


def sniff_text(text: str) -> str | None:
    """The media type that the start of a decoded text shows (HTML, RSS/Atom), or None for plain text."""
    head = text[:SNIFF_CHARS]
    start = LEADING_NOISE.match(head).end()
    rest = head[start:]
    feed = FEED_ROOT.match(rest)
    if feed:
        return "application/atom+xml" if feed.group(1).lower() == "feed" else "application/rss+xml"
    if HTML_START.match(rest):
        return "text/html"
    return None


def sniff_bytes(content: bytes) -> str | None:
    """`sniff_text` on the first bytes, decoded leniently by their BOM or NUL pattern."""
    head = content[:SNIFF_CHARS]
    encoding, skip = _encoding(head)
    return sniff_text(head[skip:].decode(encoding or "utf-8", errors="ignore"))
