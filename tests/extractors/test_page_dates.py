"""Publication dates on whole invented pages: stamps split over lines or glued to the title, crawl-day
stamps, and the zone of a page whose outlet the registry does not know (extractors/layout/zones.py)."""

import pytest

from extractors.layout.zones import context_zone
from extractors.pipeline import extract_page

BODY = ("The Norvik ferry line will double its winter sailings to the island of Darel from next month, "
        "harbour master Elin Varga told reporters at the quay on Monday.")


def published(text: str) -> tuple[str | None, str]:
    art = extract_page(text, "p.txt").items[0]
    return art.published, art.rules["published"]


@pytest.mark.parametrize("page, expected", [
    # a date line and its time on the next line
    (f"Ferry doubles sailings to Darel\n\n3 March 2021\n10:05 AMT\n\n{BODY}\n", "2021-03-03T10:05:00+04:00"),
    # the time above the date
    (f"Ferry doubles sailings to Darel\n\n10:05 (UTC+4)\n3 March 2021\n\n{BODY}\n", "2021-03-03T10:05:00+04:00"),
    # the stamp glued to a second copy of the headline
    (f"Ferry doubles sailings to Darel\n\nFerry doubles sailings to DarelMarch 3, 2021 | 10:05 MSK\n\n{BODY}\n",
     "2021-03-03T10:05:00+03:00"),
    # a crawl-day masthead stamp is never the publication date
    (f"Today: Friday, 16 April, 2024\n\nFerry doubles sailings to Darel\n\n{BODY}\n", None),
    (f"Today: Friday, 16 April, 2024\n\nFerry doubles sailings to Darel\n3 March 2021, 10:05 AMT\n\n{BODY}\n",
     "2021-03-03T10:05:00+04:00"),
    # a day-only marker, then a date line of the same day with its time
    (f" date 2021-03-03 Ferry doubles sailings to Darel\n03.03.2021 [10:05 GMT+4]\n\n{BODY}\n",
     "2021-03-03T10:05:00+04:00"),
])
def test_page_stamps(page, expected):
    assert published(page)[0] == expected


def test_glued_stamp_keeps_the_headline_as_title():
    page = f"Ferry doubles sailings to Darel\n\nFerry doubles sailings to DarelMarch 3, 2021 | 10:05\n\n{BODY}\n"
    assert extract_page(page, "p.txt").items[0].title == "Ferry doubles sailings to Darel"


@pytest.mark.parametrize("domain, lines, lede, country, zone", [
    ("norvik-news.am", [], "", None, "Asia/Yerevan"),
    (None, [], "BAKU, Azerbaijan, March 3 – The ferry", None, "Asia/Baku"),
    (None, [], "Tbilisi / 03.03.21 / Agency: The ferry", None, "Asia/Tbilisi"),
    (None, ["Ankara:  +8 °C", "Today: Friday"], "The ferry left.", None, "Europe/Istanbul"),
    (None, [], "The ferry left.", "Armenia", "Asia/Yerevan"),
    (None, [], "The ferry left.", "Russia", None),  # several zones: no guess
    (None, [], "Norvik, March 3 – The ferry", None, None),  # an unknown city
])
def test_context_zone(domain, lines, lede, country, zone):
    assert context_zone(domain, lines, lede, country)[0] == zone


def test_unknown_outlet_time_takes_the_dateline_city_zone():
    page = f"Ferry doubles sailings to Darel\n\n3 March 2021, 10:05\n\nYEREVAN. – {BODY}\n"
    value, rule = published(page)
    assert value == "2021-03-03T10:05:00+04:00" and "zone-from:dateline-city:YEREVAN" in rule
    page = f"Ferry doubles sailings to Darel\n\n3 March 2021, 10:05\n\n{BODY}\n"  # nothing tells: day only
    assert published(page)[0] == "2021-03-03"
