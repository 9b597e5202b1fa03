"""Issue 7 on unseen real pages: failure kinds found there, each as a general rule (invented people):
statement pages whose title names the author of their unquoted words, lone surnames ending in s,
curated people spelled as the page spells them."""

import pytest

from extractors.speech.analysis import analyse_speech

STATEMENT_BODY = (
    "Dear colleagues,\n"
    "We are grateful to our hosts for the warm welcome and for the frank talks we held this morning.\n"
    "Our countries have agreed to reopen the northern border crossing before the end of the year.\n"
    "We will meet again in the spring to review what has been done and what remains to be done.")


def _speakers(res, fragment):
    return [q.speaker for q in res.quotes if fragment in q.text]


@pytest.mark.parametrize("title, subtitle", [
    ("Foreign Minister Talvo Brenn's remarks at a joint news conference in Maresta", None),
    ("Press remarks by High Representative/Vice-President Talvo Brenn after meeting the Prime Minister", None),
    ("Ministry of Foreign Affairs", "Reply of the Ministry Spokesperson, Ms. Talvo Brenn, to media requests"),
    ("Statement by Talvo Brenn on the border agreement", None),
])
def test_statement_page_words_are_the_titled_author_s(title, subtitle):
    res = analyse_speech(title, subtitle, STATEMENT_BODY)
    for fragment in ("We are grateful to our hosts", "reopen the northern border", "We will meet again"):
        assert _speakers(res, fragment) == ["Talvo Brenn"]
    assert not _speakers(res, "Dear colleagues")


@pytest.mark.parametrize("title, body", [
    # a report about a statement: the page narrates it ("she said"), so its paragraphs are not hers
    ("Talvo Brenn's remarks at the summit",
     "Talvo Brenn spoke for an hour at the summit in Maresta on Monday evening.\n"
     "Our countries have agreed to reopen the border, she said, and the talks will go on in spring.\n"
     "We will meet again in the spring to review what has been done, she told the delegates there."),
    # quoted paragraphs carry their own attribution
    ("Talvo Brenn's statement on the border",
     "“We will meet again in the spring to review what has been done,” said Irma Vold, the envoy of Korval."),
])
def test_reported_statements_are_not_statement_pages(title, body):
    res = analyse_speech(title, None, body)
    assert all(q.rule != "address:title" for q in res.quotes)


def test_lone_surname_ending_in_s_is_a_sentence_subject():
    body = ("Senator Ada Jones and the mayor, Otto Palm, met the striking drivers on Monday.\n"
            "Jones was not impressed by the offer of the city council.\n"
            "“Nobody has explained where the money went,” she said.")
    assert _speakers(analyse_speech(None, None, body), "Nobody has explained") == ["Ada Jones"]


def test_curated_person_keeps_the_page_s_spelling():
    body = "Russian Foreign Minister Sergey Lavrov said on Monday that the talks would go on next week in Baku."
    res = analyse_speech(None, None, body)
    assert [s.name for s in res.speakers] == ["Sergey Lavrov"]
