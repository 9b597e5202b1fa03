import pytest

from extractors.layout.lines import classify, generic_credit, generic_drop


@pytest.mark.parametrize("line, rule", [
    ("Loading...", "loading"),
    ("Loading…", "loading"),
    ("READ MORE: Farmers in the north expect a record harvest", "read-more"),
    ("Read also: Bridge over the river reopens", "read-more"),
    ("Related stories", "related-header"),
    ("Latest news", "related-header"),
    ("Follow us on Twitter @ExampleNews", "share"),
    ("Share on Facebook", "share"),
    ("The views expressed in this article do not necessarily reflect those of the editors.", "disclaimer"),
    ("All rights reserved.", "disclaimer"),
    ("Legal Disclaimer:", "disclaimer-header"),
    ("ID: 829341", "tracking-id"),
    ("AZ | RU | EN", "language-switcher"),
    ("--", "separator"),
    ("Slider Image 3", "slider-gallery"),
    ("Harbour cranes at dawn - Gallery Image", "slider-gallery"),
    ("AFP", "agency-credit"),
    ("Reuters", "agency-credit"),
    ("DAILY EXAMPLE WITH AFP", "agency-credit"),
    ("Photo: Tamar Gelashvili", "photo-credit"),
    ("+ ↺ − 16 px", "widget"),
])
def test_generic_drop(line, rule):
    assert generic_drop(line) == rule


@pytest.mark.parametrize("line", [
    "The minister said the harbour would reopen in May.",
    "Harbour traffic doubles",
    "29.07.2023 09:19",
    "Related to the talks, the envoy met local farmers on Monday and discussed irrigation.",
])
def test_generic_keep(line):
    assert generic_drop(line) is None


PAGE = """Friday March 1 2024

Harbour authority plans second ferry terminal

12 January 2023 08:30 (UTC+04:00)
Harbour authority plans second ferry terminal

By Lale Qasimova

The port authority of the invented city of Norvik plans to build a second ferry terminal by 2026, its director said.

New berths

"We need two more berths to handle the summer traffic," director Emil Rostov said at a briefing.

The terminal will cost about 40 million euros, according to the authority.

Loading...
READ MORE: Norvik airport adds night flights
Latest See more"""


def test_article_layout():
    lay = classify(PAGE.split("\n"), None)
    verdicts = {d.text: (d.verdict, d.rule) for d in lay.decisions if d.text}
    assert verdicts["Friday March 1 2024"] == ("drop", "generic:visit-date")
    assert lay.title == "Harbour authority plans second ferry terminal"
    assert lay.authors == ["Lale Qasimova"]
    assert lay.date is not None and lay.date.day.isoformat() == "2023-01-12"
    assert verdicts["New berths"][0] == "heading"
    assert lay.body[0].startswith("The port authority of the invented city")
    assert "New berths" in lay.body
    assert not any("Loading" in b or "READ MORE" in b or "See more" in b for b in lay.body)
    assert all(d.verdict for d in lay.decisions)  # every line decided


def test_caption_and_standfirst():
    page = ["River ferry resumes service after floods", "",
            "The crossing had been closed for three weeks after the river burst its banks.", "",
            "Passengers board the ferry at the northern pier on March 3, 2021.", "AFP", "",
            "Passengers board the ferry at the northern pier on March 3, 2021.", "",
            "The river ferry between the two towns resumed service on Thursday, the operator said in a "
            "statement that also promised extra sailings.", "",
            "Tickets will be free for the first week, the operator added."]
    lay = classify(page, None)
    assert lay.title == "River ferry resumes service after floods"
    assert lay.subtitle.startswith("The crossing had been closed")
    assert lay.body[0].startswith("The river ferry between")
    assert not any("Passengers board" in b for b in lay.body)


def test_teaser_and_category():
    page = ["Orchard growers form a cooperative",
            "Orchard growers form a cooperative Fruit growers in the invented valley of Selin have agreed to "
            "pool their storage and transport, the cooperative's founders sa",
            "Agriculture", "March 4, 2022 10:05", "Orchard growers form a cooperative", "",
            "Fruit growers in the invented valley of Selin have agreed to pool their storage and transport, "
            "the cooperative's founders said."]
    lay = classify(page, None)
    assert lay.title == "Orchard growers form a cooperative"
    assert lay.category == "Agriculture"
    assert lay.body == [page[-1]]
    assert lay.decisions[1].rule == "generic:teaser"


@pytest.mark.parametrize("line, credit", [("AFP", True), ("Photo: Tamar Gelashvili", True),
                                          ("Harbour traffic doubles", False)])
def test_generic_credit(line, credit):
    assert generic_credit(line) is credit


def test_header_fields_and_body_start():
    page = ["Economy", "Harbour fees rise for the first time in a decade", "12.03.2024 14:05",
            "", "NORVIK, March 12. The harbour authority of the invented city of Norvik raised its fees on "
            "Tuesday for the first time in ten years, its director said."]
    lay = classify(page, None)
    assert lay.category == "Economy"
    assert lay.title == page[1]
    assert lay.rules["published"] == "date-line:dd.mm.yyyy:time"
    assert lay.body_start == 4 and lay.body == [page[4]]
