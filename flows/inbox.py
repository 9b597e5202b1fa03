"""The scheduled inbox import: only new or changed files are read.

Two modes (a setting, MEDIAMON_INBOX_ARCHIVE): files stay in the inbox and are skipped while their path,
size and modification time are those recorded in `inbox_files` (a file changed in place is imported
again); or imported files are moved to an archive directory, so the inbox holds only what is new.
The ingest itself is the `ingest` flow (a subflow with its own ingest_runs row), so upserts on natural
keys keep every re-run safe whichever mode is used.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from sqlalchemy.dialects.postgresql import insert

from flows.ingest import IngestSummary, chunks, ingest
from flows.sources import discover
from models.db import get_engine
from models.migrate import upgrade
from models.tables import InboxFile

INBOX_FILES = InboxFile.__table__


@dataclass(frozen=True)
class FileStamp:
    path: str  # as discovered (what ingest stores as source_uri)
    key: str  # absolute path: the natural key of inbox_files
    size_bytes: int
    mtime_ns: int


def stamp(path: str) -> FileStamp | None:
    try:
        st = os.stat(path)
    except OSError:  # gone between listing and now: the next run sees it, or not
        return None
    return FileStamp(path, os.path.abspath(path), st.st_size, st.st_mtime_ns)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def new_or_changed(paths: list[str]) -> list[FileStamp]:
    """The files whose (size, mtime) differ from the ones recorded when they were last imported."""
    stamps = [s for s in map(stamp, paths) if s is not None]
    engine = get_engine()
    upgrade(engine)
    known: dict[str, tuple[int, int]] = {}
    with engine.connect() as conn:
        for keys in chunks([s.key for s in stamps], 5000):
            query = sa.select(INBOX_FILES.c.path, INBOX_FILES.c.size_bytes, INBOX_FILES.c.mtime_ns).where(
                INBOX_FILES.c.path.in_(keys))
            known.update({r.path: (r.size_bytes, r.mtime_ns) for r in conn.execute(query)})
    return [s for s in stamps if known.get(s.key) != (s.size_bytes, s.mtime_ns)]


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def record_imported(stamps: list[FileStamp], run_id: int) -> None:
    if not stamps:
        return
    stmt = insert(INBOX_FILES)
    stmt = stmt.on_conflict_do_update(index_elements=["path"], set_={
        "size_bytes": stmt.excluded.size_bytes, "mtime_ns": stmt.excluded.mtime_ns,
        "imported_at": sa.func.now(), "run_id": stmt.excluded.run_id})
    with get_engine().begin() as conn:
        conn.execute(stmt, [{"path": s.key, "size_bytes": s.size_bytes, "mtime_ns": s.mtime_ns, "run_id": run_id}
                            for s in stamps])


@task(cache_policy=NO_CACHE)
def archive(stamps: list[FileStamp], inbox: str, archive_dir: str) -> int:
    """Move imported files to the archive, keeping their path under the inbox; a same-named file is replaced."""
    root, moved = Path(inbox).resolve(), 0
    for s in stamps:
        source = Path(s.key)
        try:
            target = Path(archive_dir) / source.relative_to(root)
        except ValueError:  # not under the inbox (a symlink out of it): keep its name only
            target = Path(archive_dir) / source.name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
            moved += 1
        except OSError as exc:  # stays in the inbox: imported again next time, which is safe
            get_run_logger().warning("could not archive %s: %s", source, exc)
    return moved


@flow(name="import-inbox", log_prints=True)
def import_inbox(inbox: str, archive_dir: str | None = None, batch_size: int = 200) -> IngestSummary:
    """Ingest the inbox's new and changed files; then record them, or move them to `archive_dir`."""
    files = new_or_changed([str(p) for p in discover([inbox])])
    get_run_logger().info("inbox %s: %d new or changed files", inbox, len(files))
    summary = ingest(sources=[f.path for f in files], batch_size=batch_size)
    if archive_dir:
        archive(files, inbox, archive_dir)
    else:
        record_imported(files, summary.run_id)
    return summary
