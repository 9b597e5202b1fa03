"""Small factories for extraction records (invented content)."""

from __future__ import annotations

import sqlalchemy as sa

from extractors.records import Article, Outlet, Page, Quote, Speaker


def make_article(index: int = 0, title: str = "Parliament debates the river bill", **fields) -> Article:
    fields.setdefault("body", "Lawmakers in Ganja debated the river bill on Tuesday.\nThe vote is due in May.")
    fields.setdefault("published", "2024-05-14T10:30:00+04:00")
    fields.setdefault("published_precision", "minute")
    fields.setdefault("rules", {"title": "test:factory"})
    return Article(index=index, title=title, **fields)


def make_speech(article: Article, speaker: str = "Leyla Karimova", *aliases: str,
                kind: str = "person", role: str | None = None, text: str = "The bill protects the river") -> Article:
    article.speakers.append(Speaker(name=speaker, kind=kind, role=role, aliases=list(aliases)))
    article.quotes.append(Quote(text=text, speaker=speaker, start=0, end=len(text), cue="said", rule="test"))
    article.primary_speaker = article.primary_speaker or speaker
    return article


def make_page(*articles: Article, source: str = "invented.txt", outlet: Outlet | None = None) -> Page:
    outlet = outlet or Outlet(name="Caspian Ledger", domain="caspianledger.example", timezone="Asia/Baku")
    return Page(source=source, outlet=outlet, items=list(articles) or [make_article()])


# Every quote by natural keys (document hash, item, ordinal), for comparing two loads of the same pages.
QUOTE_ROWS = """SELECT r.sha256, a.item_index, q.ordinal, s.canonical_name, q.text, q.kind, q.start_offset,
                       q.end_offset, q.cue, q.mention, q.rule
                FROM quotes q JOIN articles a ON a.id = q.article_id JOIN raw_documents r ON r.id = a.raw_document_id
                LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY 1, 2, 3"""


def snapshot(engine, queries: dict[str, str]) -> dict[str, list]:
    """{name: rows} of each query: what two loads are compared by."""
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(sa.text(query))] for name, query in queries.items()}
