"""Quote spans, cue patterns and transcript turn labelling, on invented text."""

import pytest

from extractors.speech import attribution, interviews
from extractors.speech import quotes as q


def spans(body):
    paras = q.paragraphs(body)
    return [body[s.start:s.end] for s in q.find_direct(body, paras, set())]


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("“We will rebuild the bridge,” the mayor said.", ["We will rebuild the bridge,"]),
        ('"Straight marks work too," she said.', ["Straight marks work too,"]),
        ("He called the plan “a fantasy” and left.", ["a fantasy"]),
        # nested marks stay inside the outer quote
        ("“They call it “reform”, but it is not,” he said.", ["They call it “reform”, but it is not,"]),
        # English style: the continued paragraph re-opens with a mark
        ("“First part of the speech.\n“Second part, still the same speaker,” she said.",
         ["First part of the speech.\n“Second part, still the same speaker,"]),
        # no re-opening mark: the quote runs until its closing mark
        ("“Opening words here.\nMore words from the speech,” he stressed.",
         ["Opening words here.\nMore words from the speech,"]),
        # never closed: ends with its paragraph
        ("She said: “We are ready to talk\nThe next paragraph is narration.", ["We are ready to talk"]),
    ],
)
def test_find_direct(body, want):
    assert spans(body) == want


@pytest.mark.parametrize(
    ("after", "name"),
    [
        ("” said Walter Brisk, the senator.", "Walter Brisk"),
        ("” Mr. Quill said on Monday.", "Quill"),
        (",” she added.", None),
        ("” ― Ines Moreau", "Ines Moreau"),
        ("” for the third time, he said.", None),
    ],
)
def test_attribute_after(after, name):
    att = attribution.attribute_after(after, 0, len(after))
    assert att is not None
    if name:
        assert att.mention.name == name
    else:
        assert att.mention.kind == "pronoun"


@pytest.mark.parametrize(
    ("before", "kind", "name"),
    [
        ("Finance Minister Kari Lunde told reporters that ", "name", "Kari Lunde"),
        ("Sweden's foreign ministry said in a statement that Stockholm was ", "org",
         "Ministry of Foreign Affairs of Sweden"),
        ("Dorin Vasilescu: ", "name", "Dorin Vasilescu"),
        ("The governor added, saying, ", "role", None),
    ],
)
def test_attribute_before(before, kind, name):
    att = attribution.attribute_before(before, 0, len(before))
    assert att is not None and att.mention.kind == kind
    if name:
        assert att.mention.name == name


def test_question_labelling_alternates_but_follows_cues():
    turns = [
        "Thank you for joining us, minister. What comes next?",
        "We will open the border next week. " * 5,
        "Why now?",
        "Because the talks are finished. " * 4,
        "I am sorry.",  # an interjection by the interviewer between two answers
        "As I said, the talks are finished and we are moving on. " * 3,
        "Sir, do you deny the report?",
        "Yes, I deny it. Did you ask the other side the same question?",
    ]
    labels = interviews.label_questions([interviews.question_score(t) for t in turns])
    assert labels == [True, False, True, False, True, False, True, False]


def test_called_and_described_before_a_quote():
    from extractors.speech.attribution import attribute_before
    cases = [
        ("Mayor Anouk Visser, who cut the ribbon, called the quay ", "Anouk Visser"),
        ("The Baltic Dockers Union described the offer as ", "Baltic Dockers Union"),
        ("Critics of the plan called ", None),  # no object before the quote: not this pattern
    ]
    for window, want in cases:
        att = attribute_before(window, 0, len(window))
        if want is None:
            assert att is None or att.rule != "before:called", window
        else:
            assert att is not None and att.rule == "before:called", window
            assert want in (att.mention.name or att.mention.surface), (window, att.mention)
