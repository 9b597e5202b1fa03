"""The `mediamon` command as a user runs it: the JSON contract, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from tests.conftest import FIXTURES, SAMPLES

MEDIAMON = str(Path(sys.executable).parent / "mediamon")
ITEM_KEYS = {"title", "subtitle", "published", "authors", "category", "body", "primary_speaker", "speakers", "quotes"}


def run(*args: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([MEDIAMON, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


def test_extract_json_follows_the_contract():
    pages = sorted(SAMPLES.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    assert pages, "the repository ships sample and fixture pages"
    proc = run("extract", "--json", *map(str, pages))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert [r["source"] for r in records] == [str(p) for p in pages]
    for r in records:
        assert r["outlet"] is None or {"name", "domain"} <= set(r["outlet"])
        assert r["items"], r["source"]
        for item in r["items"]:
            assert set(item) >= ITEM_KEYS, r["source"]
            assert isinstance(item["body"], str) and item["body"].strip()
            assert isinstance(item["authors"], list) and isinstance(item["speakers"], list)
            if item["published"]:
                when = item["published"]
                parsed = date.fromisoformat(when) if len(when) == 10 else datetime.fromisoformat(when)
                assert len(when) == 10 or parsed.utcoffset() is not None, when
            for q in item["quotes"]:
                assert q["text"] and (q["speaker"] is None or isinstance(q["speaker"], str))


def test_a_missing_path_is_one_clear_line_and_a_non_zero_exit(tmp_path):
    proc = run("extract", "--json", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "nope.txt" in proc.stderr


def test_an_unreachable_database_is_one_clear_line(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("A title\n\nSome body text long enough to be an article body for the test.\n")
    proc = run("db", "upgrade", MEDIAMON_DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "error" in proc.stderr.lower()


def test_explain_shows_every_line_with_its_rule():
    page = sorted(FIXTURES.glob("*.txt"))[0]
    proc = run("extract", "--explain", str(page))
    assert proc.returncode == 0, proc.stderr
    n_lines = len(page.read_text(encoding="utf-8").splitlines())
    explained = [line for line in proc.stdout.splitlines() if line[:5].strip().isdigit()]
    assert len(explained) >= n_lines * 0.9
    assert any(" drop " in line for line in explained) and any(" body " in line for line in explained)
