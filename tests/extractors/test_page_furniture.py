"""Furniture at the end of and inside real-shaped pages, and titles that are no titles; invented text."""

import pytest

from extractors.layout import titles as T
from extractors.layout.furniture import generic_drop
from extractors.pipeline import extract_page

LEDE = ("The Norvik ferry line will double its winter sailings to the island of Darel from next month, "
        "harbour master Elin Varga told reporters at the quay on Monday.")
SECOND = ("The regional council approved the extra sailings after islanders complained about the "
          "crowded morning boats during the autumn storms.")


@pytest.mark.parametrize("line, rule", [
    ("Thank you for your comment. Your comment will be published after moderation.", "comment-form"),
    ("Please enter your comment!", "comment-form"),
    ("Please enter your name here", "comment-form"),
    ("Leave a Reply", "comment-form"),
    ("Comments (12)", "comment-form"),
    ("Your email address will not be published. Required fields are marked *", "comment-form"),
    ("Name *", "comment-form"),
    ("1,204 views", "view-counter"),
    ("Views: 87", "view-counter"),
    ("Outlets may quote our materials only with a hyperlink to the original article.", "disclaimer"),
])
def test_furniture_lines(line, rule):
    assert generic_drop(line) == rule


@pytest.mark.parametrize("line", [
    "Leave a reply to the council by Friday, the mayor urged residents of the harbour district.",
    "The ferry carried 1,204 passengers on its first day.",
    "Comments from islanders were mostly positive.",
])
def test_prose_is_no_furniture(line):
    assert generic_drop(line) is None


def body_of(text: str) -> str:
    return extract_page(text, "p.txt").items[0].body


def test_end_code_closes_the_story():
    text = (f"Ferry doubles its winter sailings\n\n{LEDE}\n\n{SECOND} -04K-\n\nSociety\n-\n"
            "The invented museum of Darel reopened on Sunday after a long renovation of its old rooms and halls.\n-\n"
            "Mayor Tomas Berg said the new bridge would be finished before the summer season starts on the island.\n")
    body = body_of(text)
    assert body.endswith("during the autumn storms.")
    assert "-04K-" not in body and "museum" not in body and "Tomas Berg" not in body


@pytest.mark.parametrize("end", ["(END)", "/END/", "###"])
def test_other_end_codes(end):
    body = body_of(f"Ferry doubles its winter sailings\n\n{LEDE}\n\n{SECOND}\n{end}\n\n"
                   "Mayor Tomas Berg said the new bridge would be finished before the summer season starts.\n")
    assert body.endswith("autumn storms.") and "Tomas Berg" not in body


def test_a_masthead_line_inside_the_body_is_furniture():
    body = body_of(f"Ferry doubles its winter sailings\n\n{LEDE}\n\n{SECOND}\n\nArmenian News - NEWS.am\n\n"
                   "Thank you for your comment. Your comment must be approved first.\n")
    assert "NEWS.am" not in body and "Thank you" not in body and body.endswith("autumn storms.")


@pytest.mark.parametrize("line, why", [
    ("• Regional news", "bulleted"),
    ("NORVIK, Valleyland, March 3", "dateline"),
    ("YEREVAN, MARCH 17", "dateline"),
    ("Elin Varga", "name"),
    ("Ferry timetable changes for the winter Ferry timetable changes... 21:00", "feed-item"),
    ("Ferry doubles its winter sailings", None),
    ("Harbour reopens on March 3", None),
])
def test_never_title(line, why):
    assert T.never_title(line) == why


@pytest.mark.parametrize("text", [
    # a dateline where the page has no headline
    f"NORVIK, Valleyland, March 3\nNorvik Post:\n{LEDE}\n{SECOND}\n",
    # a photo caption that is only a name, twice
    f"Elin Varga\n\nElin Varga\n\nNORVIK/03.03.21/Agency: {LEDE}\n\n{SECOND}\n",
])
def test_pages_without_headline_have_no_title(text):
    assert extract_page(text, "p.txt").items[0].title is None


def test_bulleted_menu_and_feed_strip_are_no_title():
    text = ("• Eng\n  • Рус\nFerry timetable for winter Ferry timetable for... 21:00\n"
            "Museum reopens on Darel Museum reopens... 13:35\n  • Politics\n  • Economy\n  • Society\n  • Sport\n"
            f"03 March, 2021\n\nFerry doubles its winter sailings\n\n{LEDE}\n\n{SECOND}\n")
    assert extract_page(text, "p.txt").items[0].title == "Ferry doubles its winter sailings"


@pytest.mark.parametrize("title, page, expected", [
    ("Mayor owes the islanders an apology Waiting for the ferry in the rain", "The mayor spoke.",
     ("Mayor owes the islanders an apology", "Waiting for the ferry in the rain")),
    # after a capitalised word: only when the page writes the word in lower case elsewhere
    ("Report angers the Harbour Office Numbers are stubborn things", "The numbers were checked twice.",
     ("Report angers the Harbour Office", "Numbers are stubborn things")),
    ("Norvik and Darel agree to speed up Black Sea ferry link", "Ports on the Black Sea were busy.", None),
    ("Mayor says the islanders Norvik ferry will run daily", "He spoke in Norvik on Monday about Norvik.", None),
    ("Iranian minister says: Talks will resume next week", "The talks begin.", None),  # after a colon
    ("Council of the island approves the new ferry timetable", "The council met.", None),
])
def test_split_glued_deck(title, page, expected):
    assert T.split_glued_deck(title, page) == expected


def test_glued_deck_becomes_the_subtitle():
    page = f"Mayor owes the islanders an apology Waiting for the ferry in the rain\n{LEDE}\n{SECOND}\n"
    art = extract_page(page, "p.txt").items[0]
    assert (art.title, art.subtitle) == ("Mayor owes the islanders an apology", "Waiting for the ferry in the rain")
