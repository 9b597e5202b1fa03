"""Crawler sidecars: `page.txt` may come with `page.meta.json` ({"url", "fetched_at", "outlet"}), since
crawlers know where a text dump came from. The sidecar becomes the document's context (its URL, fetch
time and outlet); an unreadable sidecar is ignored (the page is still ingested, without a URL)."""

from __future__ import annotations

import json
from pathlib import Path

from extractors.web import DocumentContext

SIDECAR_SUFFIX = ".meta.json"


def sidecar_path(page: Path) -> Path:
    return page.with_name(page.stem + SIDECAR_SUFFIX)


def read_sidecar(page: Path) -> DocumentContext | None:
    path = sidecar_path(page)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    text = {k: v.strip() for k, v in data.items() if isinstance(v, str) and v.strip()}
    url = text.get("url") if text.get("url", "").lower().startswith(("http://", "https://")) else None
    return DocumentContext(url=url, fetched_at=text.get("fetched_at"), outlet=text.get("outlet"),
                           title=text.get("title"), published=text.get("published"), author=text.get("author"))


def attach_sidecars(documents: list) -> None:
    """Give each file document (models.load.RawInput) its sidecar's context, when it has one."""
    for doc in documents:
        if doc.context is None and "://" not in doc.source_uri:
            doc.context = read_sidecar(Path(doc.source_uri))
