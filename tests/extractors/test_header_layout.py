"""Header-zone layouts of unseen pages: menus, mastheads, breadcrumbs, captions, inline related links,
prompts. Every line here is invented; the rules are generic (no outlet registry involved unless said)."""

import pytest

from extractors.layout.furniture import generic_drop
from extractors.layout.lines import classify
from extractors.layout.outlets import find_outlet, identify


def page(text: str) -> list[str]:
    return text.split("\n")


def verdicts(lay) -> dict[str, tuple[str, str]]:
    return {d.text.strip(): (d.verdict, d.rule) for d in lay.decisions if d.text.strip()}


@pytest.mark.parametrize("line, rule", [
    ("Start › Region › Highlands", "breadcrumb"),
    ("Home > Business > Shipping", "breadcrumb"),
    ("Home / Sport", "breadcrumb"),
    ("Eng | Рус | Türk", "language-switcher"),
    ("EN | DE | FR | ქართ", "language-switcher"),
    ("Georgian-English-Russian", "language-switcher"),
    ("NORVIK POST NEWSLETTER", "newsletter"),
    ("Keep up to date with the latest from the valley and beyond.", "newsletter"),
    ("For daily briefings on the harbour, subscribe to our newsletter.", "newsletter"),
    ("You can unsubscribe at any time. By signing up you accept our terms.", "newsletter"),
    ("Support independent journalism in the valley. Become a member of Norvik Post.", "membership"),
    ("Become a member today", "membership"),
    ("Donate now", "membership"),
    ("valley-post.net is an independent media outlet covering the valley.", "about-outlet"),
    ("This article is also available in: Deutsch Français", "also-available"),
    ("Norvik Post is a project by the Valley Media Trust, publishing since 1999.", "about-outlet"),
    ("Lena Marsh. Photo: Family archive", "photo-credit"),
    ("Ola Berg / Photo: press service", "photo-credit"),
    ("Also Read:", "read-also-header"),
    ("Read also", "read-also-header"),
    ("See also:", "read-also-header"),
    ("This story was first published by Valley Times.", "syndication-credit"),
    ("This article originally appeared on Norvik Post", "syndication-credit"),
    ("Republished with permission from Norvik Post.", "syndication-credit"),
    ("Reprinted from Valley Wire", "syndication-credit"),
    ("Source: Valley Wire", "syndication-credit"),
    ("RSS", "site-link"),
    ("Mobile version", "site-link"),
    ("Twitter", "site-link"),
])
def test_generic_furniture(line, rule):
    assert generic_drop(line) == rule


@pytest.mark.parametrize("line", [
    "Support for the ferry plan grew after the vote, the council said.",
    "The mayor said she would keep up to date with the engineers every week.",
    "Norvik harbour reopens after storm",
    "Ola Berg said the photo was taken in 1998.",
    "Updated figures show a rise of 4 percent in exports.",
    "Read also the statement of the council, published on Monday, which lists every measure in detail.",
    "Armenia wants to become a member of the customs union, the minister said.",
    "The railway is a project of the two governments, financed by the development bank.",
    "Valley-Coast-Harbour Railway is a project of three countries, the minister said.",
    "He posted a photo by the river on Monday.",
    "Azerbaijan/Georgia/Turkey sign transit deal",
    "Donate blood campaign starts in Norvik",
    "Putin meets the head of the invented Norvik state news agency",
    "First published in 1998, the novel has been translated into 30 languages.",
    "Originally published in Norvik, the report was later banned; its author fled.",
    "Twitter users shared the video of the ferry widely.",
])
def test_generic_keep(line):
    assert generic_drop(line) is None


NAV_PAGE = """Norvik Post

Home
Harbour
Valley
Weather & Climate
Opinion

Harbour

Ferry operator doubles summer sailings to the outer islands

14 May 2024 09:10

The ferry operator serving the outer islands will run twice as many sailings this summer, its director said.

"Demand has never been higher, and the islanders asked for it," director Per Lund said.

The operator will lease two more vessels for the season."""


def test_nav_menu_and_category_repeating_an_item():
    lay = classify(page(NAV_PAGE), None)
    v = verdicts(lay)
    for item in ("Home", "Valley", "Weather & Climate", "Opinion"):
        assert v[item] == ("drop", "generic:nav-menu")
    assert lay.title == "Ferry operator doubles summer sailings to the outer islands"
    assert lay.category == "Harbour"
    assert lay.rules["category"] == "category:repeats-nav-item"
    assert lay.body[0].startswith("The ferry operator serving")


def test_label_after_menu_that_is_no_menu_item_is_no_category():
    text = NAV_PAGE.replace("\nHarbour\n\nFerry", "\nFeature\n\nFerry")
    lay = classify(page(text), None)
    assert lay.category is None
    assert lay.title == "Ferry operator doubles summer sailings to the outer islands"


def test_short_lines_in_a_header_block_are_no_menu():
    # title, author and place in one block: no blank line around a run of menu-shaped lines
    lay = classify(page("Valley News\nHarbour Reopens Today\nPer Lund\n12 May 2024\n\n"
                        "The harbour of the invented town of Norvik reopened on Monday after repairs."), None)
    assert not any(d.rule == "generic:nav-menu" for d in lay.decisions)


@pytest.mark.parametrize("masthead", [
    "NORVIK Valley News Agency",
    "Valley Wire - Norvik Information Agency",
    "Norvik Financial Network",
])
def test_masthead_tagline_is_never_the_title(masthead):
    text = f"{masthead}\n\nFerry operator doubles summer sailings\n\n14 May 2024 09:10\n\n" \
           "The ferry operator serving the outer islands will run twice as many sailings this summer, it said."
    lay = classify(page(text), None)
    assert lay.title == "Ferry operator doubles summer sailings"
    assert verdicts(lay)[masthead] == ("drop", "generic:masthead")


def test_breadcrumb_and_switcher_are_no_title():
    text = "Home › Region › Valley\n\nEng | Рус | Türk\n\nValley dam passes safety inspection\n\n" \
           "3 June 2024 | 11:00 (GMT+2)\n\n" \
           "Inspectors found no cracks in the valley dam, the water agency said on Monday."
    lay = classify(page(text), None)
    assert lay.title == "Valley dam passes safety inspection"


def test_photo_caption_is_no_title_and_deck_is_subtitle():
    text = """Valley railway to open in 2027, minister says

The 80-kilometre line will link the valley with the coast two years ahead of the original plan

BY NORVIK POST WITH AFP

NORVIK

MAY 14, 2024 - 9:10 AM GMT+3

Workers lay sleepers near the village of Holm, May 12, 2024. (AFP Photo)

Workers lay sleepers near the village of Holm, May 12, 2024. (AFP Photo)

The railway linking the valley with the coast will open in 2027, Transport Minister Eva Holt said on Tuesday.

"We are ahead of schedule," Holt said."""
    lay = classify(page(text), None)
    assert lay.title == "Valley railway to open in 2027, minister says"
    assert lay.subtitle.startswith("The 80-kilometre line will link the valley")
    assert not any("Workers lay sleepers" in b for b in lay.body)


def test_updated_line_and_deck_after_title():
    text = """Valley News Agency

12 MAR 2021, 09:40

Updated: 12 MAR 2021, 10:05

Norvik ready to host river talks in June — envoy

According to the envoy, the draft on water quotas is "almost agreed"

NORVIK, March 12. The town of Norvik is ready to host talks of the river states in June, the envoy said on Friday.

"Three states have confirmed," he said."""
    lay = classify(page(text), None)
    assert lay.title == "Norvik ready to host river talks in June — envoy"
    assert lay.subtitle == 'According to the envoy, the draft on water quotas is "almost agreed"'
    assert lay.date.day.isoformat() == "2021-03-12" and (lay.date.clock.hour, lay.date.clock.minute) == (9, 40)
    assert verdicts(lay)["Updated: 12 MAR 2021, 10:05"] == ("drop", "generic:updated-date")


def test_updated_stamp_alone_is_the_date():
    text = "Valley dam passes safety inspection\n\nUpdated: 3 June 2024, 11:00\n\n" \
           "Inspectors found no cracks in the valley dam, the water agency said on Monday after a week of checks."
    lay = classify(page(text), None)
    assert lay.date is not None and lay.date.day.isoformat() == "2024-06-03"


READ_ALSO = """Valley dam passes safety inspection

3 June 2024

Inspectors found no cracks in the valley dam, the water agency said on Monday after a week of checks.

"The dam is safe for another decade," chief inspector Mira Dahl said at a briefing in Norvik.

{header}

{link}

The agency said the next inspection is planned for 2026.

The dam was built in 1964 and holds the town's drinking water."""


@pytest.mark.parametrize("header, link", [
    ("Also Read:", "02/06/2024 - Valley reservoir reaches record level"),
    ("Read also", "Valley reservoir reaches record level"),
    ("Read more:", "Valley reservoir reaches record level after spring rains"),
])
def test_inline_read_also_drops_its_headline_only(header, link):
    lay = classify(page(READ_ALSO.format(header=header, link=link)), None)
    v = verdicts(lay)
    assert v[link] == ("drop", "generic:read-also-block")
    assert "The agency said the next inspection is planned for 2026." in lay.body
    assert not any(header.rstrip(":") in b for b in lay.body)


def test_photographer_is_no_author():
    text = """Valley dam passes safety inspection

3 June 2024

Inspectors found no cracks in the valley dam, the water agency said on Monday after a week of checks.

Photos by Jonas Berg

"The dam is safe for another decade," chief inspector Mira Dahl said at a briefing in Norvik."""
    lay = classify(page(text), None)
    assert lay.authors == []


def test_photo_label_then_name_is_a_photographer():
    text = "Valley dam passes safety inspection\n\n3 June 2024\n\nPhoto:\nJonas Berg\n\n" \
           "Inspectors found no cracks in the valley dam, the water agency said on Monday after a week of checks."
    lay = classify(page(text), None)
    assert lay.authors == []
    assert verdicts(lay)["Jonas Berg"] == ("drop", "generic:photographer")


def test_masthead_tagline_identifies_a_registry_outlet():
    outlet, spec = identify(["NEWS.am", "", "Armenia News - NEWS.am", "", "Some headline"])
    assert spec.key == "newsam"
    outlet, spec = identify(["Valley Post", "", "Armenia News - Valley Post", "", "Some headline"])
    assert spec is None


TAGLINE_PAGE = """{masthead}
{tagline}

Home » News » Valley

Ferry operator doubles summer sailings to the outer islands

By Mira Dahl
May 14, 2024

The ferry operator serving the outer islands will run twice as many sailings this summer, its director said.

"Demand has never been higher," director Per Lund said."""


@pytest.mark.parametrize("masthead, tagline", [
    ("Caucasus Ledger", "A Journal of Politics and Culture"),
    ("Valley Courier", "Independent news from the valley"),
    ("Norvik-Post.net", "Your window on the valley"),
    ("Valley Courier", "Since 1998"),
    ("Eurasia Review", "A Journal of Analysis and News"),  # a registry masthead
])
def test_tagline_under_a_masthead_is_furniture(masthead, tagline):
    lay = classify(page(TAGLINE_PAGE.format(masthead=masthead, tagline=tagline)), None)
    v = verdicts(lay)
    assert lay.title == "Ferry operator doubles summer sailings to the outer islands"
    assert v[masthead] == ("drop", "generic:masthead")
    assert v[tagline] == ("drop", "generic:masthead-tagline")


@pytest.mark.parametrize("first, second", [
    ("Harbour", "Ferry operator doubles summer sailings"),  # a category label over the title
    ("Valley Courier", "News from the harbour: ferries double sailings"),  # a colon: a headline
    ("Norvik ferry doubles sailings", "A voice of protest from the islands"),  # the first line is a headline
    ("Ferry strike", "News of the talks spreads to the islands"),
])
def test_no_tagline_without_its_shape(first, second):
    text = f"{first}\n{second}\n\n14 May 2024\n\n" \
           "The ferry operator serving the outer islands will run twice as many sailings this summer, it said."
    lay = classify(page(text), None)
    assert not any(d.rule in ("generic:masthead-tagline", "generic:masthead") for d in lay.decisions)
    assert lay.title in (first, second)


def test_domain_masthead_line_is_no_title():
    text = "Norvik-Post.net\n\nFerry operator doubles summer sailings\n\n14 May 2024 09:10\n\n" \
           "The ferry operator serving the outer islands will run twice as many sailings this summer, it said."
    lay = classify(page(text), None)
    assert lay.title == "Ferry operator doubles summer sailings"
    assert verdicts(lay)["Norvik-Post.net"] == ("drop", "generic:masthead")


def test_stamp_line_is_the_date_and_site_last_updated_is_not():
    text = """About Valley Courier
Last updated: 08:30 - 2 Jun.'21
RSS
Twitter
Questions to the harbour master
Valley Courier, Norvik / 3 Mar.'21 / 09:15

In an interview with the Valley Courier, harbour master Per Lund spoke about the ferry season and the new quay.

Q: Will the new quay be ready by summer?

A: Yes, the builders are ahead of schedule and the first ferries will moor there in June."""
    lay = classify(page(text), None)
    v = verdicts(lay)
    assert lay.title == "Questions to the harbour master"
    assert (lay.date.day.isoformat(), lay.date.clock.hour, lay.date.clock.minute) == ("2021-03-03", 9, 15)
    assert v["Last updated: 08:30 - 2 Jun.'21"] == ("drop", "generic:updated-date")
    assert lay.category is None and v["RSS"] == ("drop", "generic:site-link")
    assert lay.subtitle is None


def test_tagline_under_a_registry_masthead_of_the_page_outlet():
    spec = find_outlet("Today.Az")
    text = TAGLINE_PAGE.format(masthead="Today.Az", tagline="Your source of news from the valley")
    lay = classify(page(text), spec)
    v = verdicts(lay)
    assert v["Today.Az"] == ("drop", "outlet:todayaz:masthead")
    assert v["Your source of news from the valley"] == ("drop", "generic:masthead-tagline")
    assert lay.title == "Ferry operator doubles summer sailings to the outer islands"


@pytest.mark.parametrize("line", [
    "Politics Economy Energy&Mining Business Society World",
    "Home Valley News Business Markets",
    "News Politics Analytics Interview Sport",
    "POLITICS ECONOMY SOCIETY CULTURE",
    "Home | Region | Business | Travel | Opinion",
    "Economy Oil & Gas Finance Lifestyle",
    "Home Caucasus Valley World Sport",
])
def test_nav_line_is_a_menu(line):
    from extractors.layout.navigation import nav_line_items
    assert nav_line_items(line)


@pytest.mark.parametrize("line", [
    "Norvik City Council Approves Third Tram Line Route Despite Opposition Walkout",
    'Ola Brennvik: "The Valley Corridor has stopped being a plan"',
    "Valley Business Leaders Gather In Norvik",
    "Norvik Economy Grows Fastest Since 2010",
    "Sport News Norvik Wins Gold",
    "Harbour Railway Tunnel Opening Ceremony",
    "Norvik Valley Harbour Authority",
    "Politics Economy World",  # too few words: a vertical menu's business, or a label
    "Politics, Economy, Society, World",
    "Azerbaijan Turkey Energy Partnership",
    "Valley Reports Record Trade Growth",
    "International Energy Security Conference",
])
def test_title_case_headline_is_no_nav_line(line):
    from extractors.layout.navigation import nav_line_items
    assert nav_line_items(line) is None


NAV_LINE_PAGE = """Norvik Post
Politics Economy Harbour&Ferries Business Culture World
Culture

Ferry operator doubles summer sailings to the outer islands

14 May 2024 09:10

The ferry operator serving the outer islands will run twice as many sailings this summer, its director said.

"Demand has never been higher, and the islanders asked for it," director Per Lund said."""


def test_nav_line_is_dropped_and_a_label_repeating_an_item_is_the_category():
    lay = classify(page(NAV_LINE_PAGE), None)
    v = verdicts(lay)
    assert v["Politics Economy Harbour&Ferries Business Culture World"] == ("drop", "generic:nav-line")
    assert lay.title == "Ferry operator doubles summer sailings to the outer islands"
    assert lay.category == "Culture"
    assert lay.rules["category"] == "category:repeats-nav-item"
    assert lay.body[0].startswith("The ferry operator serving")


def test_title_case_headline_under_masthead_stays_the_title():
    text = NAV_LINE_PAGE.replace("Politics Economy Harbour&Ferries Business Culture World\nCulture\n\n"
                                 "Ferry operator doubles summer sailings to the outer islands",
                                 "Norvik City Council Approves Third Tram Line Route Despite Opposition Walkout")
    lay = classify(page(text), None)
    assert lay.title == "Norvik City Council Approves Third Tram Line Route Despite Opposition Walkout"
    assert not any(d.rule == "generic:nav-line" for d in lay.decisions)


def test_nav_line_below_the_top_is_left_alone():
    filler = "\n".join(f"Valley note {n}" for n in range(8))
    text = f"{filler}\nPolitics Economy Business Culture World\n\n" + NAV_LINE_PAGE.split("\n", 3)[3]
    lay = classify(page(text), None)
    assert not any(d.rule == "generic:nav-line" for d in lay.decisions)


def test_lone_menu_shaped_line_without_a_headline_below_stays_a_title_candidate():
    text = "Norvik Post\nEnergy Security Policy Forum\n\n14 May 2024 09:10\n\n" + NAV_LINE_PAGE.split("\n\n", 3)[3]
    lay = classify(page(text), None)
    assert lay.title == "Energy Security Policy Forum"
