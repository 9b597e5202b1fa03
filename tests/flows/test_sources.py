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
