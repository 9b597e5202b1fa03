"""Page-layout failure kinds seen on unseen real pages, as general rules on invented text (invented
people and outlets): the outlet from an agency's dateline credit or the site's chrome, the title
beside site chrome, the primary speaker of a story without quotes or of a transcript the headline
attributes."""

import pytest

from extractors.layout.dates import parse_date_line
from extractors.layout.outlets import identify
from extractors.pipeline import extract_page
from extractors.speech.analysis import analyse_speech


@pytest.mark.parametrize("lede, name", [
    ("VALDOR, Aug. 07 (NNA) – Foreign Ministry Spokesman Tarn Oskel met reporters on Monday.", "NNA"),
    ("VALDOR (Norvik Wire) – The invented council met on Monday to discuss the harbour.", "Norvik Wire"),
    ("Valdor, 29.10.2016. /NIAT «Norvikinfo»/. The invented council met on Monday.", "NIAT Norvikinfo"),
    ("NORD-VALDOR. NORVIKINFORM – The invented council met on Monday in the capital.", "NORVIKINFORM"),
    ("Norvik News/ On Friday, the invented council met to discuss the harbour.", "Norvik News"),
])
def test_agency_dateline_names_the_outlet(lede, name):
    outlet, _spec = identify(["An invented headline here", "", lede, "", "More text follows here."])
    assert outlet is not None and outlet.name == name
    assert outlet.rule.startswith("agency-dateline:")


@pytest.mark.parametrize("lede", [
    "VALDOR, Aug. 07 (photo) – The invented council met on Monday.",  # a lower-case word: no agency
    "Valdor, the capital, hosted the invented council on Monday.",
    "Norvik/ the invented council met on Monday.",
])
def test_no_agency_dateline(lede):
    outlet, _spec = identify(["An invented headline here", "", lede])
    assert outlet is None or not outlet.rule.startswith("agency-dateline:")


def test_registered_wire_in_dateline_parentheses():
    outlet, spec = identify(["Headline here", "", "NORVIK, May 3 (Reuters) - The invented port reopened."])
    assert spec is not None and spec.key == "reuters"


@pytest.mark.parametrize("title, body, primary", [
    # no quotes: the person the headline names, resolved to the full name the text gives
    ("President Valtor holds session of the invented council",
     "Head of State Arvid Valtor held a meeting of the invented council on Monday.\n\n"
     "The ministers made reports to the President.", "Arvid Valtor"),
    # no quotes, no person in the headline: the lede's subject with a title
    ("The President of Norvia meets the envoy of Valdoria",
     "President Arvid Valtor received the envoy of Valdoria, Kesten Morrow, on Monday.\n\n"
     "The sides discussed trade.", "Arvid Valtor"),
    # a transcript the headline attributes: "X's statement", "remarks by X", "reply of ..., Ms X, to ..."
    ("Foreign Minister Tarn Oskel’s statement and answers at a joint news conference with Minister Ivo Brand",
     "Colleagues,\n\nI would like to thank our friends for the warm welcome.", "Tarn Oskel"),
    ("Press remarks by High Representative Lisa Varenne after meeting with Prime Minister Ivo Brand",
     "Thank you, Prime Minister.\n\nI am glad to be here again.", "Lisa Varenne"),
    ("Reply of the Foreign Ministry Spokesperson, Ms. Kira Delane to media requests regarding the talks",
     "We feel understanding for the position of our partners.\n\nWe consider it crucial.", "Kira Delane"),
])
def test_primary_speaker_without_quotes(title, body, primary):
    assert analyse_speech(title, None, body).primary_speaker == primary


@pytest.mark.parametrize("title, body", [
    # a headline cue naming words that are no person ("Foreign and Domestic Policies") names nobody
    ("Address on Major Aspects of Foreign and Domestic Policies by the Council",
     "Dear compatriots,\n\nThe year was memorable."),
    ("Weather turns colder across the valley", "Snow fell overnight in the hills.\n\nRoads were closed."),
])
def test_no_primary_speaker_when_nobody_is_named(title, body):
    assert analyse_speech(title, None, body).primary_speaker is None


def test_quoted_speaker_still_wins():
    body = ("President Arvid Valtor met the envoy on Monday.\n\n"
            "“We will build the bridge together,” said Kesten Morrow, the envoy of Valdoria.")
    assert analyse_speech("President Valtor meets envoy", None, body).primary_speaker == "Kesten Morrow"


def test_generic_source_in_dateline_is_no_outlet():
    outlet, _spec = identify(["Headline here", "", "VALDOR, Norvia (Dispatches) -- The invented council met."])
    assert outlet is None


# -- site chrome around the headline -------------------------------------------------------------------

LEDE = ("The invented harbour council of Valdor approved the new ferry timetable on Monday after a long "
        "debate, its chairman Arvid Valtor told reporters in the port.")


@pytest.mark.parametrize("top, title", [
    # chrome glued before a headline the page also gives alone
    (["Press Releases Valdor: Remarks by the Harbour Chairman after the council meeting", "",
      "Valdor: Remarks by the Harbour Chairman after the council meeting"],
     "Valdor: Remarks by the Harbour Chairman after the council meeting"),
    (["NewsLocalValtor: “We will keep the ferries running”", "", "Valtor: “We will keep the ferries running”"],
     "Valtor: “We will keep the ferries running”"),
    # a crumb the headline continues after a colon (a final initialism is no sentence end)
    (["Chairman Valtor", "", "", "Chairman Valtor: We Support the New Timetable Agreed With the U.K."],
     "Chairman Valtor: We Support the New Timetable Agreed With the U.K."),
    # a section label above the headline is no title
    (["Politics & News", "", "Valdor council approves the new ferry timetable"],
     "Valdor council approves the new ferry timetable"),
    # a logo line and an official site's name above the headline are mastheads
    (["The Valley Courier logo", "", "Valdor council approves the new ferry timetable"],
     "Valdor council approves the new ferry timetable"),
    (["Ministry of Harbours of Norvia", "", "Statement of the Ministry on the new ferry timetable"],
     "Statement of the Ministry on the new ferry timetable"),
    # a menu block ended by a loading line
    (["Home", "Category", "TV Live Menu", "Loading data...", "", "Valdor council approves the new ferry timetable"],
     "Valdor council approves the new ferry timetable"),
])
def test_site_chrome_is_no_title(top, title):
    page = extract_page("\n".join([*top, "", LEDE, "", "He said the ferries would run every hour."]))
    assert page.items[0].title == title


def test_marker_with_lede_has_no_title_and_keeps_the_lede():
    text = f" date 2024-03-05 {LEDE}\n\nWhat did the council decide?\n\nThe council kept the old fares for now."
    art = extract_page(text).items[0]
    assert art.title is None and art.published == "2024-03-05"
    assert art.body.startswith("The invented harbour council")


@pytest.mark.parametrize("lines, name", [
    (["The Valley Courier logo", "", "Valdor council approves the timetable", "", LEDE], "The Valley Courier"),
    (["Ministry of Harbours of Norvia", "", "Statement on the new ferry timetable", "", LEDE],
     "Ministry of Harbours of Norvia"),
    (["5/28, 11:41 PM (Source: Norvik Wire)", "", "Valdor council approves the timetable", "", LEDE], "Norvik Wire"),
    (["Valdor council approves the timetable", "", LEDE, "", "The Norvik Times", "", "This website uses cookies."],
     "The Norvik Times"),
])
def test_outlet_from_site_chrome(lines, name):
    outlet, _spec = identify(lines)
    assert outlet is not None and outlet.name == name


def test_registered_outlet_name_line_above_the_story():
    lines = ["Home", "Valdor council approves the timetable", "", "BM. GE", "20.12.23 17:01", "", LEDE]
    _outlet, spec = identify(lines)
    assert spec is not None and spec.key == "bmge"


@pytest.mark.parametrize("lines", [
    # an institution named inside a headline-shaped line that is not first, a sentence, a lone section word
    (["Valdor council approves the timetable", "Ministry of Harbours of Norvia", "", LEDE]),
    (["Valdor council approves the timetable", "", LEDE, "", "He said the Norvik Times had it wrong."]),
    (["Report", "Valdor council approves the timetable", "", LEDE]),
])
def test_no_outlet_from_chrome_lookalikes(lines):
    outlet, _spec = identify(lines)
    assert outlet is None or not outlet.rule.startswith(("masthead-site", "sign-off", "header-name"))


# -- dates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line, day, clock", [
    ("29 октября, 2016 17:06", "2016-10-29", "17:06"),  # a Russian month name on an English page
    ("Wed 12 - June 2019 - 13:32", "2019-06-12", "13:32"),  # dashes between the parts
    ("21 Jun 05", "2005-06-21", None),  # a wire stamp's two-digit year
])
def test_date_line_shapes(line, day, clock):
    hit = parse_date_line(line)
    assert hit is not None and hit.day.isoformat() == day
    assert (hit.clock.strftime("%H:%M") if hit.clock else None) == clock


@pytest.mark.parametrize("line", ["21 Jun 2005 was a Tuesday in the valley", "Jun 05", "21 Juniper 05"])
def test_no_date_line(line):
    assert parse_date_line(line) is None or line.startswith("21 Jun 2005")


def test_first_weekday_stamp_above_an_earlier_date_is_the_visit_date():
    text = ("Sat Dec 4, 2021 08:13:32\nEnglish | Deutsch | Français\n\nValdor council approves the timetable\n\n"
            f"{LEDE}\n\nnews id: 10994 -\n\nWed 12 - June 2019 - 13:32\n\nHe said the ferries would run hourly.")
    art = extract_page(text).items[0]
    assert art.published.startswith("2019-06-12")
    assert "news id" not in art.body


def test_one_date_line_under_the_story_dates_it_a_list_of_dated_headlines_does_not():
    story = f"Valdor council approves the timetable\n\n{LEDE}\n\nHe said the ferries would run hourly.\n\n"
    art = extract_page(story + "Lina Brask\n13:39, 17 May 2021\nRead also").items[0]
    assert art.published == "2021-05-17"
    feed = "Latest news\n20:30, 05.12.2025\nValdor opens a new pier\n19:42, 05.12.2025\nNorvik ferry sails again"
    assert extract_page(story + feed).items[0].published is None


def test_a_year_the_story_talks_about_does_not_date_its_dateline():
    text = ("Valdor council approves the timetable\n\n"
            "VALDOR, April 28 - The invented harbour council approved the ferry timetable on Monday, "
            "its chairman said.\n\nThe old timetable dated from a vote in August 2012 that few recall now.")
    assert extract_page(text).items[0].published is None
    assert extract_page(text + "\n\n© 2016 Norvik Post").items[0].published == "2016-04-28"


def test_a_day_and_month_line_makes_the_label_under_it_a_category():
    art = extract_page(f"\n14 October\n\nHarbour news\n\n{LEDE}\n\nHe said the ferries would run hourly.").items[0]
    assert art.title is None and art.category == "Harbour news"


# -- sign-offs, stamps and captions ----------------------------------------------------------------------
def test_slash_sign_off_names_the_outlet_and_leaves_the_body():
    text = f"Valdor council approves the timetable\n\n{LEDE} He praised the crews. ///nVal, 26 June 2024"
    page = extract_page(text)
    assert page.outlet is not None and page.outlet.name == "nVal"
    assert "///" not in page.items[0].body and page.items[0].body.endswith("He praised the crews.")


def test_paper_and_city_above_the_date_line():
    lines = ["Valdor council approves the timetable", "", "Norvik Courier, Yerevan", "21 Jun 05", "", LEDE]
    outlet, _spec = identify(lines)
    assert outlet is not None and outlet.name == "Norvik Courier"


def test_official_site_name_gives_the_zone():
    text = ("Ministry of Harbours of Ukraine\n\nStatement on the ferry timetable agreed with Georgia\n\n"
            "21 June 2019, 14:20\n\n" + LEDE.replace("Valdor", "Georgia") + "\n\nThe crews agreed.")
    art = extract_page(text).items[0]
    assert art.published == "2019-06-21T14:20:00+03:00"


def test_caption_repeated_with_its_credit():
    text = ("Valdor council approves the timetable\n\n"
            "Arvid Valtor waves to crews after arriving in the port on Friday.\n"
            "Arvid Valtor waves to crews after arriving in the port on Friday. Photograph: Lina Brask/Norvik Wire\n\n"
            f"{LEDE}\n\nHe said the ferries would run hourly.")
    assert "waves to crews" not in extract_page(text).items[0].body


def test_headline_date_dates_a_page_without_date_lines():
    text = ("Minister Tarn Oskel’s remarks at the joint news conference, Valdor, May 21, 2025\n\n"
            "Colleagues, I would like to thank our friends in Valdor for the warm welcome and the talks.\n\n"
            "We signed a plan of consultations for the next two years.")
    assert extract_page(text).items[0].published == "2025-05-21"
    assert extract_page(text.replace(", May 21, 2025", " in May")).items[0].published is None


def test_kazakhstan_time_takes_the_capitals_zone():
    text = ("Kazakhstan opens a new ferry route on the Caspian\n\n12.01.2022, 13:29\n\n"
            "The invented transport ministry of Kazakhstan said the ferry would link Kazakhstan's port with "
            "the other shore, its spokesman Arvid Valtor told reporters in the capital.\n\nKazakhstan expects trade.")
    assert extract_page(text).items[0].published == "2022-01-12T13:29:00+06:00"


@pytest.mark.parametrize("title", ["Moldova eager for closer ties with Latvia",
                                   "Moldova Eager for Closer Ties with Latvia"])
def test_headline_country_official_though_unquoted(title):
    body = ("Foreign Minister of Moldova Tarn Oskel met Deputy Foreign Minister of Latvia Ivo Brand on Sunday.\n\n"
            "Oskel voiced Moldova’s readiness to broaden relations.\n\n"
            "Brand said that cooperation between the two countries would continue.")
    assert analyse_speech(title, None, body, country=None).primary_speaker == "Tarn Oskel"


def test_present_tense_caption_before_the_lede():
    text = ("Valdor council approves the timetable\n\n"
            "Chairman Arvid Valtor delivers a speech to the harbour council on April 23.\n"
            f"{LEDE}\n\nHe said the ferries would run hourly.")
    art = extract_page(text).items[0]
    assert "delivers a speech" not in art.body and art.body.startswith("The invented harbour council")
    # a lede alone stays the body
    one = ("Valdor council approves the timetable\n\n"
           "Chairman Arvid Valtor opens the new pier of the invented harbour of Valdor on April 23.")
    assert "opens the new pier" in extract_page(one).items[0].body


def test_feed_widget_stamp_is_no_publication_date():
    text = f"29 November 2024, 19:29\nmore\nValdor council approves the timetable\n\n{LEDE}\n\nHe said more."
    assert extract_page(text).items[0].published is None


def test_archive_header_names_the_outlet_and_a_place_is_no_agency():
    outlet, _spec = identify(['"Norvik Courier" publications', "", "Valdor council approves the timetable", "", LEDE])
    assert outlet is not None and outlet.name == "Norvik Courier"
    outlet, _spec = identify(["Valdor council approves the timetable", "", "NEW YORK, USA – " + LEDE])
    assert outlet is None


def test_honorific_before_a_name_is_a_title():
    body = ("The national leader Arvid Valtorov met the invented envoy Kesten Morrow on Monday.\n\n"
            "Arkadag Valtorov emphasized the importance of the harbour for the region.\n\n"
            "Arkadag Valtorov stressed the significance of the new ferry for trade.")
    res = analyse_speech(None, None, body)
    assert "Arkadag Valtorov" not in {s.name for s in res.speakers}
