"""Finding and reading input documents (the only file I/O of the ingest path)."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from models.load import RawInput, RejectionInput

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xml", ".rss", ".atom"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}


class SourceError(ValueError):
    """A source argument that names nothing: the CLI prints it as one line."""


def discover(sources: list[str]) -> list[Path]:
    """Files, directories (recursively, known suffixes only) and globs -> sorted unique files."""
    found: dict[Path, None] = {}
    for source in sources:
        path = Path(source).expanduser()
        if path.is_dir():
            matches = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                       and not p.name.startswith(".")]
        elif path.is_file():
            matches = [path]
        else:
            matches = [Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file()]
            if not matches:
                raise SourceError(f"no such file, directory or matching glob: {source}")
        for p in sorted(matches):
            found[p] = None
    return list(found)


@dataclass
class ReadResult:
    documents: list[RawInput]
    rejections: list[RejectionInput]


def sniff_media_type(path: Path, content: bytes) -> str:
    """By suffix first, then by the first bytes."""
    suffix = path.suffix.lower()
    head = content[:512].lstrip().lower()
    if suffix in FEED_SUFFIXES or (head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)):
        return "application/rss+xml" if b"<rss" in content[:2048].lower() else "application/atom+xml"
    if suffix in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    return "text/plain"


def read_documents(paths: list[Path]) -> ReadResult:
    """Read each file's exact bytes; a file that cannot be read is a rejection, not a crash."""
    documents, rejections = [], []
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError as exc:
            rejections.append(RejectionInput(str(path), "unreadable", f"{type(exc).__name__}: {exc}"))
            continue
        documents.append(RawInput(str(path), content, sniff_media_type(path, content)))
    return ReadResult(documents, rejections)
