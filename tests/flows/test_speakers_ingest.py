"""The speakers table after ingesting invented pages through the Prefect flow into PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

pytestmark = pytest.mark.usefixtures("prefect_harness")

PAGES = {
    "hazelnuts.txt": """Georgia plans new hazelnut subsidies

March 1, 2024 10:15

Economy Minister Nana Gelashvili said on Friday that the government would pay farmers a new subsidy.

"We start paying in June," Gelashvili said at a briefing in Zugdidi.

Farmer Levan Gelashvili disagreed. "Nobody asked the farmers," Levan Gelashvili said.
""",
    "museum_fire.txt": """Fire at Ordu museum store put out

March 5, 2024 09:40

A fire broke out in a store room of the Ordu museum, the Ministry of Emergency Situations of Moldova said.

"No one was hurt and the collection is safe," the MES said in a statement.

Minister of Culture Çağrı Yılmazoğlu visited the museum. "We will reopen the halls next week," Yılmazoğlu said.
""",
    "river_commission.txt": """Gelashvili to lead the new river commission

April 10, 2024 12:00

Deputy Prime Minister Nana Gelashvili will chair the new river commission, the government said on Wednesday.

"The Enguri needs one plan, not five," Gelashvili told reporters in Tbilisi.
""",
    "museum_director.txt": """Museum director named in Ordu

February 20, 2024 08:00

Cagri Yilmazoglu, a collector, was named director of the Ordu city museum on Tuesday.

"The halls are too small for the collection," Cagri Yilmazoglu said.
""",
}


def _speakers(engine) -> dict[str, tuple]:
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT canonical_name, name_key, kind, role, aliases FROM speakers")).all()
    return {r.canonical_name: (r.name_key, r.kind, r.role, r.aliases) for r in rows}


def _article_roles(engine, name: str) -> dict[str, str | None]:
    query = sa.text("""SELECT r.source_uri, l.role FROM article_speakers l
                       JOIN speakers s ON s.id = l.speaker_id JOIN articles a ON a.id = l.article_id
                       JOIN raw_documents r ON r.id = a.raw_document_id WHERE s.canonical_name = :name""")
    with engine.connect() as conn:
        return {uri.rsplit("/", 1)[-1]: role for uri, role in conn.execute(query, {"name": name})}


def test_speakers_rows_after_ingesting_invented_pages(clean_db, tmp_path):
    from flows.ingest import ingest

    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    summary = ingest(sources=[str(tmp_path)], batch_size=2)
    assert summary.rejected == 0 and summary.articles_written == len(PAGES)
    speakers = _speakers(clean_db)
    # two people who share a surname stay apart; the surname is nobody's alias
    assert speakers["Nana Gelashvili"][:3] == ("nana gelashvili", "person", "Deputy Prime Minister")
    assert speakers["Levan Gelashvili"] == ("levan gelashvili", "person", None, [])
    assert not any("Gelashvili" in aliases for _, _, _, aliases in speakers.values())
    # the person's role in each article, the latest one on the speaker
    assert _article_roles(clean_db, "Nana Gelashvili") == {
        "hazelnuts.txt": "Economy Minister", "river_commission.txt": "Deputy Prime Minister"}
    # one speaker for both spellings; the name keeps its letters, the folded spelling is an alias
    assert speakers["Çağrı Yılmazoğlu"] == ("cagri yilmazoglu", "person", "Minister of Culture", ["Cagri Yilmazoglu"])
    assert "Cagri Yilmazoglu" not in speakers
    # the acronym is the ministry, an organisation
    assert speakers["Ministry of Emergency Situations of Moldova"][1] == "organisation"
    assert "MES" not in speakers
    assert set(speakers) == {"Nana Gelashvili", "Levan Gelashvili", "Çağrı Yılmazoğlu",
                             "Ministry of Emergency Situations of Moldova"}
    query = sa.text("""SELECT q.mention, s.canonical_name FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id
                       WHERE q.mention IN ('the MES', 'Gelashvili', 'Levan Gelashvili', 'Yılmazoğlu')""")
    with clean_db.connect() as conn:
        by_mention = set(conn.execute(query).all())
    assert by_mention == {("the MES", "Ministry of Emergency Situations of Moldova"), ("Gelashvili", "Nana Gelashvili"),
                          ("Levan Gelashvili", "Levan Gelashvili"), ("Yılmazoğlu", "Çağrı Yılmazoğlu")}
