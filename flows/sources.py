"""Finding and reading input documents (the only file I/O of the ingest path).

Every path that discovery meets ends as an input (a regular file with a page suffix) or as a
`Skipped` entry with its reason, which the run reports and counts: nothing is skipped silently.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlparse

from extractors.decoding import sniff_bytes
from models.load import RawInput, RejectionInput

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xml", ".rss", ".atom"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}


class SourceError(ValueError):
    """A source argument that names nothing: the CLI prints it as one line."""


@dataclass(frozen=True)
class Skipped:
    path: str  # printable (see `display_path`)
    reason: str  # symlink-loop | dangling-link | fifo | socket | directory | unsupported-suffix | hidden ...


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def skipped_by_reason(self) -> dict[str, int]:
        return dict(sorted(Counter(s.reason for s in self.skipped).items()))


def display_path(path: Path | str) -> str:
    """A file name as text that any database or terminal takes: bytes that are not UTF-8 (a name
    with b"\\xff" in it) are written as escapes, never as the lone surrogates Python decodes them to."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


_FILE_KINDS = ((stat.S_ISFIFO, "fifo"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character-device"),
               (stat.S_ISBLK, "block-device"))


def classify(path: Path, named: bool = False) -> str | None:
    """None for a page to read, else why it is skipped. `named`: given on the command line (any suffix)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink():
            return "symlink-loop" if exc.errno == errno.ELOOP else "dangling-link"
        return f"unreadable:{exc.strerror or type(exc).__name__}"
    if stat.S_ISDIR(mode):
        return "directory"
    if not stat.S_ISREG(mode):
        return next((k for test, k in _FILE_KINDS if test(mode)), "not-a-regular-file")
    if named:
        return None
    if path.name.startswith("."):
        return "hidden"
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return "unsupported-suffix"
    return None


def _walk(folder: Path) -> Iterator[Path | Skipped]:
    """Every entry under a directory, in sorted path order (what sorting the whole listing gives), one
    directory's listing in memory at a time. Symbolic links to directories are not followed: no loops."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:  # an unreadable directory, as os.walk has it: nothing under it
        return
    for entry in entries:
        path, name = folder / entry.name, entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            reason = classify(path)
            yield path if reason is None else Skipped(display_path(path), reason)
        elif entry.is_symlink() or name.startswith("."):
            yield Skipped(display_path(path), "hidden" if name.startswith(".") else "symlink-to-directory")
        else:
            if Path(name).suffix.lower() in TEXT_SUFFIXES:  # a directory named like a page: say so
                yield Skipped(display_path(path), "directory")
            yield from _walk(path)


def json_safe_source(source: str) -> str:
    """A source as text that JSON (Prefect's flow parameters) takes: a name that is not UTF-8 becomes a
    file:// URI with %XX escapes, which `discover_all` reads back to the exact bytes."""
    try:
        source.encode("utf-8")
        return source
    except UnicodeEncodeError:
        return Path(source).expanduser().absolute().as_uri()


def _local_path(source: str) -> str:
    if source.startswith("file://"):
        return os.fsdecode(unquote_to_bytes(urlparse(source).path))
    return source


def check_sources(sources: list[str]) -> None:
    """SourceError for a source that names nothing (no file, directory or glob match), before any is read."""
    for source in map(_local_path, sources):
        path = Path(source).expanduser()
        if not path.is_dir() and not os.path.lexists(path) and next(glob.iglob(source, recursive=True), None) is None:
            raise SourceError(f"no such file, directory or matching glob: {display_path(source)}")


def iter_inputs(sources: list[str]) -> Iterator[Path | Skipped]:
    """Files to read and what was skipped, streamed: files, directories (recursively, page suffixes only, in
    sorted order), globs and file:// URIs; a file named twice comes once. Only a directory's listing (and,
    with several sources, the set of files already given) is held in memory, never the whole corpus."""
    seen: set[Path] | None = set() if len(sources) > 1 else None
    for source in map(_local_path, sources):
        path = Path(source).expanduser()
        if path.is_dir():
            found: Iterator[Path | Skipped] = _walk(path)
        elif os.path.lexists(path):
            found = iter([path])
        else:
            matches = sorted(Path(p) for p in glob.glob(source, recursive=True))
            if not matches:
                raise SourceError(f"no such file, directory or matching glob: {display_path(source)}")
            found = iter(matches)
        named = not path.is_dir()
        for item in found:
            if isinstance(item, Path) and named:
                reason = classify(item, named=True)
                item = item if reason is None else Skipped(display_path(item), reason)
            if isinstance(item, Path) and seen is not None:
                if item in seen:
                    continue
                seen.add(item)
            yield item


def discover_all(sources: list[str]) -> Discovery:
    """Files, directories (recursively, page suffixes only), globs and file:// URIs -> unique files + what was
    skipped (`iter_inputs`, as lists)."""
    found = Discovery()
    for item in iter_inputs(sources):
        (found.files if isinstance(item, Path) else found.skipped).append(item)
    return found


def discover(sources: list[str]) -> list[Path]:
    """The files to read (see `discover_all` for what was skipped)."""
    return discover_all(sources).files


@dataclass
class ReadResult:
    documents: list[RawInput]
    rejections: list[RejectionInput]
    skipped: list[Skipped] = field(default_factory=list)


def sniff_media_type(path: Path, content: bytes) -> str:
    """By suffix for HTML and feeds; otherwise by the first bytes (past comments and a BOM)."""
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        sniffed = sniff_bytes(content)
        return sniffed if sniffed and sniffed != "text/html" else "application/rss+xml"
    if suffix in HTML_SUFFIXES:
        return "text/html"
    return sniff_bytes(content) or "text/plain"


def read_file(path: Path) -> bytes:
    """The exact bytes of a regular file; never blocks on a FIFO that replaced a file since discovery."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {display_path(path)}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def read_documents(paths: list[Path]) -> ReadResult:
    """Read each file's exact bytes; a file that cannot be read is a rejection, not a crash."""
    documents, rejections = [], []
    for path in paths:
        uri = display_path(path)
        try:
            content = read_file(path)
        except OSError as exc:
            message = display_path(f"{type(exc).__name__}: {exc.strerror or exc}")
            rejections.append(RejectionInput(uri, "unreadable", message))
            continue
        documents.append(RawInput(uri, content, sniff_media_type(path, content)))
    return ReadResult(documents, rejections)
