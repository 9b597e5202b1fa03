"""Discovery: every path ends as a file to read or a skip with its reason; odd names survive the trip."""

from __future__ import annotations

import json
import os

from flows.sources import discover_all, display_path, json_safe_source


def test_a_file_name_that_is_not_utf8_survives_json_and_is_shown_with_escapes(tmp_path):
    odd = os.path.join(os.fsencode(tmp_path), b"note-\xff\xfe.txt")
    with open(odd, "wb") as handle:
        handle.write(b"x")
    source = os.fsdecode(odd)
    safe = json_safe_source(source)
    assert json.loads(json.dumps(safe)) == safe and safe.startswith("file://")
    (found,) = discover_all([safe]).files
    assert os.fsencode(found) == odd
    assert display_path(found).endswith("note-\\xff\\xfe.txt")
    assert json_safe_source(str(tmp_path)) == str(tmp_path)  # a plain name is left alone


def test_a_named_fifo_is_skipped_with_its_reason_not_missing(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    found = discover_all([str(tmp_path / "pipe.txt")])
    assert found.files == [] and [(os.path.basename(s.path), s.reason) for s in found.skipped] == [
        ("pipe.txt", "fifo")]


def test_discovery_streams_files_in_sorted_path_order_and_gives_a_file_named_twice_once(tmp_path):
    from flows.sources import iter_inputs

    for name in ("z.txt", "b.txt", "c/d.txt", "c/a.html", "b/e.txt", "c/.hidden/x.txt", "c/notes.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    streamed = iter_inputs([str(tmp_path)])
    first = next(streamed)  # an iterator: nothing is listed before the first file is given
    files = [first, *streamed]
    assert [p for p in files if not hasattr(p, "reason")] == sorted(
        tmp_path / n for n in ("z.txt", "b.txt", "c/d.txt", "c/a.html", "b/e.txt"))
    assert sorted((os.path.basename(s.path), s.reason) for s in files if hasattr(s, "reason")) == [
        (".hidden", "hidden"), ("notes.pdf", "unsupported-suffix")]
    twice = discover_all([str(tmp_path / "b.txt"), str(tmp_path), str(tmp_path / "z.txt")])
    assert twice.files.count(tmp_path / "b.txt") == 1 and len(twice.files) == 5
