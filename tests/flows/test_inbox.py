"""The inbox import reads only new or changed files: skipped by path, size and mtime, or archived."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from tests.conftest import SAMPLES

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _fill(inbox):
    pages = sorted(SAMPLES.glob("*.txt"))
    (inbox / "sub").mkdir(parents=True)
    for i, page in enumerate(pages):
        (inbox / ("sub" if i % 2 else "") / page.name).write_bytes(page.read_bytes())
    return pages


def test_unchanged_files_are_not_read_again_and_a_file_changed_in_place_is(clean_db, tmp_path):
    from flows.inbox import import_inbox

    inbox = tmp_path / "inbox"
    pages = _fill(inbox)
    first = import_inbox(inbox=str(inbox))
    assert (first.documents_seen, first.documents_new) == (len(pages), len(pages))
    assert import_inbox(inbox=str(inbox)).documents_seen == 0
    touched = inbox / pages[0].name
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    again = import_inbox(inbox=str(inbox))
    assert (again.documents_seen, again.documents_new, again.documents_skipped) == (1, 0, 1)  # same bytes
    edited = inbox / "sub" / pages[1].name
    edited.write_bytes(edited.read_bytes() + b"\nThe ministry later confirmed the figures.\n")
    changed = import_inbox(inbox=str(inbox))
    assert (changed.documents_seen, changed.documents_new) == (1, 1)
    with clean_db.connect() as conn:
        stamps = conn.execute(sa.text("SELECT path, size_bytes FROM inbox_files")).all()
    assert dict(stamps)[str(edited.resolve())] == edited.stat().st_size and len(stamps) == len(pages)


def test_with_an_archive_imported_files_move_there_keeping_their_folders(clean_db, tmp_path):
    from flows.inbox import import_inbox

    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    pages = _fill(inbox)
    first = import_inbox(inbox=str(inbox), archive_dir=str(archive))
    assert first.documents_new == len(pages)
    assert [p for p in inbox.rglob("*") if p.is_file()] == []
    archived = sorted(str(p.relative_to(archive)) for p in archive.rglob("*") if p.is_file())
    assert archived == sorted(("sub/" if i % 2 else "") + p.name for i, p in enumerate(pages))
    assert import_inbox(inbox=str(inbox), archive_dir=str(archive)).documents_seen == 0
    with clean_db.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM inbox_files")).scalar_one() == 0
