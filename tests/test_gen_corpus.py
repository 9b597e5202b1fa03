"""scripts/gen_corpus.py: the benchmark corpus is deterministic, and every kind is a page the extractors read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import gen_corpus  # noqa: E402

from extractors.documents import extract_document  # noqa: E402

MEDIA = {"txt": "text/plain", "html": "text/html", "xml": "application/rss+xml"}


def test_same_seed_same_pages_other_seed_other_pages() -> None:
    kinds = list(gen_corpus.KINDS)
    first = list(gen_corpus.pages(30, 5, kinds))
    assert first == list(gen_corpus.pages(30, 5, kinds))
    assert first != list(gen_corpus.pages(30, 6, kinds))


@pytest.mark.parametrize("kind", sorted(gen_corpus.KINDS))
def test_each_kind_extracts_to_at_least_one_story_with_a_body(kind: str) -> None:
    for i, _, suffix, text in gen_corpus.pages(3, 11, [kind]):
        page = extract_document(text.encode("utf-8"), MEDIA[suffix], f"gen/{i}.{suffix}")
        assert page.items, (kind, i)
        assert all(a.body.strip() for a in page.items), (kind, i)


def test_write_lays_out_folders_of_a_thousand(tmp_path: Path) -> None:
    written = gen_corpus.write(tmp_path, 12, 1, ["report", "digest"])
    files = sorted(tmp_path.rglob("*.txt"))
    assert len(files) == 12 and written == sum(f.stat().st_size for f in files)
    assert {f.parent.name for f in files} == {"000"}
