"""Reflow of hard-wrapped text (extractors/layout/reflow.py), on invented text."""

import pytest

from extractors.layout.reflow import reflow
from extractors.pipeline import extract_page

WRAPPED = """Norvik Ferry Line Doubles Its Winter Sailings, Harbour Master Says
The Norvik ferry line will double its winter sailings to the island
of Darel from next month, according to harbour master Elin Varga,
who spoke to reporters at the quay on Monday after a meeting of the
Regional Transport Council.
“We have listened to the islanders and we are adding a second boat
on every weekday. The timetable will be published next week,” Varga
said, adding that fares would not change.
The council also approved repairs to the old pier, which had been
closed since the storm in March, and a new waiting room for the
passengers."""


def test_wrapped_paragraphs_are_joined():
    flow = reflow(WRAPPED.split("\n"))
    assert flow.rule.startswith("reflow:width=")
    assert flow.lines[0] == "Norvik Ferry Line Doubles Its Winter Sailings, Harbour Master Says"  # a headline stays
    assert flow.lines[1].startswith("The Norvik ferry line") and flow.lines[1].endswith("Transport Council.")
    assert flow.spans[1] == (1, 4)
    # a break inside a quote joins, even after a sentence end
    assert flow.lines[2].startswith("“We have listened") and flow.lines[2].endswith("would not change.")
    assert flow.lines[3].endswith("for the passengers.")
    assert len(flow.lines) == 4


@pytest.mark.parametrize("text", [
    # ordinary page: one paragraph per line, short furniture lines
    "Harbour News\nNorvik ferry doubles sailings\n\nThe Norvik ferry line will double its winter sailings "
    "to the island of Darel from next month, the harbour master said on Monday.\n\nShare\nPrint",
    # a menu and short lines that happen to be followed by lower-case lines
    "Home\nnews\nPolitics\nsport\nWeather\nlogin",
    # ragged lines of very different lengths: no wrap width
    "A short line that ends here\nand goes on\n"
    "something else entirely that is a good deal longer than the rest of them\nthen more",
])
def test_pages_without_wrap_are_unchanged(text):
    lines = text.split("\n")
    flow = reflow(lines)
    assert flow.lines == lines
    assert flow.rule.startswith("none:")


def test_break_after_sentence_end_outside_quotes_is_a_paragraph_break():
    text = ("The council met on Monday and voted on the new budget for the\n"
            "harbour, which had been delayed twice since the spring session.\n"
            "Mayor Tomas Berg said the vote ended a long dispute between the two\n"
            "largest groups on the council and thanked the members for it.\n"
            "Opposition members left the hall before the vote was taken by the\n"
            "chair of the session.")
    flow = reflow(text.split("\n"))
    assert [a for a, _ in flow.spans] == [0, 2, 4]


def test_hyphen_break_joins_without_space_and_turns_stay_apart():
    text = ("The minister described the talks with both mayors as a well-\n"
            "prepared step towards the agreement that both towns have sought\n"
            "for years, and she said it would be signed in the spring by both\n"
            "mayors of the two towns.\n"
            "- Will the agreement cover the ferry and the road across the bay and\n"
            "the bridge?\n"
            "- It will cover the ferry first, and then the road and the bridge.")
    flow = reflow(text.split("\n"))
    assert flow.lines[0].startswith("The minister described the talks with both mayors as a well-prepared step")
    assert flow.lines[1].startswith("- Will the agreement") and flow.lines[1].endswith("the bridge?")
    assert flow.lines[2].startswith("- It will cover")


def test_pipeline_keeps_line_numbers_into_the_normalised_text():
    page = extract_page(WRAPPED, "wrapped.txt")
    art = page.items[0]
    assert art.title == "Norvik Ferry Line Doubles Its Winter Sailings, Harbour Master Says"
    assert "island of Darel from next month" in art.body
    assert page.rules["reflow"].startswith("reflow:")
    spans = [(d.number, d.last) for d in page.lines]
    assert spans[:3] == [(1, None), (2, 5), (6, 8)]
    quote = next(q for q in art.quotes if "second boat on every weekday" in q.text)
    assert quote.speaker == "Elin Varga"
