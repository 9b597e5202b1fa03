import json

from extractors.pipeline import explain, extract_page

PAGE = """Azernews.Az

Monday June 3 2024

Farm exports to the invented Republic of Veld double

5 March 2022 11:40 (UTC+04:00)
Farm exports to the invented Republic of Veld double

By Rena Talibova

Farm exports to the invented Republic of Veld doubled in the first two months of the year, the customs office said.

"Veld buyers want more apples and hazelnuts," customs spokesman Ilkin Sadr said.

--

Follow us on Twitter @AzerNewsAz

Slider Image 1
Loading...
"""


def test_extract_article_page():
    page = extract_page(PAGE.replace("\n", "\r\n").replace("Farm exports to", "Farm\u00a0exports to", 1), "x.txt")
    assert page.outlet.name == "AzerNews"
    a = page.items[0]
    assert a.title == "Farm exports to the invented Republic of Veld double"
    assert a.published == "2022-03-05T11:40:00+04:00" and a.published_precision == "minute"
    assert a.authors == ["Rena Talibova"]
    assert a.body.startswith("Farm exports to the invented Republic")
    assert "Slider" not in a.body and "Twitter" not in a.body
    for k in ("title", "published", "authors", "body", "subtitle", "category"):
        assert k in a.rules
    assert len(explain(page)) == len(PAGE.rstrip("\n").split("\n"))
    json.dumps(page.to_json())


def test_no_title_no_date_no_outlet():
    text = ("The committee met for the third time and agreed to publish its findings next spring, "
            "its chair told reporters.\n\nNo other business was discussed at the meeting.")
    page = extract_page(text)
    a = page.items[0]
    assert page.outlet is None and a.title is None and a.published is None
    assert a.body.startswith("The committee met")


def test_credit_only_headline_is_not_title():
    text = ("EXAMPLE DAILY WITH AFP\nOCT 9, 2023 - 6:15 PM GMT+3\n\nA cargo ship carrying grain docked at "
            "the invented port of Selvan after a two-day delay caused by storms.\n\nThe crew is safe.")
    a = extract_page(text).items[0]
    assert a.title is None
    assert a.published == "2023-10-09T18:15:00+03:00"


def test_weekday_date_from_caption():
    text = ("Talks stall in the invented city of Orsk\n\nNegotiators failed to agree for a third day.\n\n"
            "Delegates arrive at the venue in Orsk on May 2, 2021.\nAFP\n\n"
            "Delegates arrive at the venue in Orsk on May 2, 2021.\n\n"
            "Talks between the two delegations stalled again, officials said, after they began on Saturday "
            "in the old town hall.\n\nThe chief negotiator said on Monday, the third day of talks, that "
            "progress was slow.")
    a = extract_page(text).items[0]
    assert a.published == "2021-05-03" and a.published_precision == "day"
    assert a.subtitle == "Negotiators failed to agree for a third day."


def test_digest_page():
    text = ("3 June 2021\n\nNotes of the day\n\nStrength is in unity. We stand together. Ada Morn\n\n"
            "Bridge reopens in the north\n\nThe bridge reopened on Thursday after repairs.\n\n\n"
            "Schools reopen in the valley\n\nClasses resumed in all schools of the valley.\n\n\n"
            "Governor meets the farmers\n\nThe governor met farmers and discussed the new canal.\n")
    page = extract_page(text)
    assert page.is_digest and len(page.items) == 3
    assert all(i.published == "2021-06-03" for i in page.items)
    assert page.rules["epigraph"].endswith("Ada Morn")


def _speech_country(monkeypatch, body: str, country: str | None) -> tuple[str | None, str]:
    import extractors.pipeline as P
    from extractors.records import Article
    seen = {}

    def fake(title, subtitle, body, epigraph=None, country=None):
        seen["country"] = country
        raise RuntimeError("stop")  # attach_speech keeps the text fields

    monkeypatch.setattr(P, "analyse_speech", fake)
    art = Article(index=0, title="Ferry sailings double", body=body)
    P.attach_speech(art, country=country)
    return seen["country"], art.rules["speech_country"]


def test_outlet_country_reaches_the_speech_step(monkeypatch):
    body = "The Ministry of Transport said sailings would double, its spokesman said."
    assert _speech_country(monkeypatch, body, "Azerbaijan") == ("Azerbaijan", "outlet:Azerbaijan")
    assert _speech_country(monkeypatch, body, None) == (None, "none:article-country")


def test_outlet_country_yields_to_the_country_the_article_is_about(monkeypatch):
    body = ("Georgia will double sailings, the Ministry of Transport said. Georgia's ports are ready, "
            "and Georgia expects more cargo.")
    assert _speech_country(monkeypatch, body, "Azerbaijan") == (None, "none:article-country")
    assert _speech_country(monkeypatch, body, "Georgia") == ("Georgia", "outlet:Georgia")
