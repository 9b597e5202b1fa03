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


@pytest.mark.parametrize("subtitle, body", [
    # "Q." / "A." labels closed by a period
    ("An interview with the Korval Port Authority's director Talvo Brenn",
     "Q. How many ships called at the port last year?\n"
     "A. We counted more than four thousand, which is a record for our small harbour.\n"
     "Q. Will the new pier be ready in time for the season?\n"
     "A. We expect to open it in May, if the weather lets our builders work through the winter."),
    # bracketed labels: "[Correspondent] ...", "[Talvo Brenn] ..."
    (None,
     "An interview with the port director, Talvo Brenn.\n"
     "[Correspondent] How many ships called at the port last year?\n"
     "[Talvo Brenn] We counted more than four thousand, which is a record for our small harbour.\n"
     "[Correspondent] Will the new pier be ready in time for the season?\n"
     "[Talvo Brenn] We expect to open it in May, if the weather lets our builders work through the winter."),
])
def test_labelled_transcript_shapes(subtitle, body):
    res = analyse_speech(None, subtitle, body)
    assert _speakers(res, "We counted more than four thousand") == ["Talvo Brenn"]
    assert _speakers(res, "We expect to open it in May") == ["Talvo Brenn"]
    assert _speakers(res, "How many ships") == [None]


def test_named_turn_labels_are_their_speakers_and_a_note_is_not_a_label():
    body = ("President Anja Berg met the editors of Korval's newspapers, moderated by Otto Palm.\n"
            "Note: This transcript was translated from the original by our newsroom.\n"
            "Otto Palm: Madam President, thank you for coming. Were you offered a tour?\n"
            "Berg: We were, and I enjoyed the view of the harbour from the roof.\n"
            "Otto Palm: Did you like the building?\n"
            "Berg: Yes, of course, it is one of the finest in the capital.\n")
    res = analyse_speech(None, None, body)
    assert _speakers(res, "I enjoyed the view") == ["Anja Berg"]
    assert _speakers(res, "one of the finest") == ["Anja Berg"]
    assert "Note" not in [s.name for s in res.speakers]
    assert not _speakers(res, "This transcript was translated")


def test_answer_whose_label_is_lost_and_the_answer_s_further_paragraphs():
    body = ("Foreign Minister Talvo Brenn gave an interview to several newspapers of Korval.\n"
            "Question: How would you describe your meeting with the minister?\n"
            "I met with her twice. We had a very substantive discussion on the bilateral agenda.\n"
            "Question: Can you be more specific?\n"
            "Talvo Brenn: Look, several tangible steps have already been taken by both of our countries.\n"
            "In other words, the process continues and I cannot help but mention the new flights.\n")
    res = analyse_speech(None, None, body)
    assert _speakers(res, "I met with her twice") == ["Talvo Brenn"]
    assert _speakers(res, "the process continues") == ["Talvo Brenn"]
    assert _speakers(res, "Can you be more specific") == [None]


@pytest.mark.parametrize("phrase, kind, name", [
    ("Korval's Foreign Ministry Spokesman Talvo Brenn", "name", "Talvo Brenn"),
    ("the Ministry of Foreign Affairs spokesperson", "role", None),
    ("Korval Trade Unions Confederation", "org", "Korval Trade Unions Confederation"),
])
def test_organisation_titles_before_a_person(phrase, kind, name):
    from extractors.speech.names import parse_mention
    men = parse_mention(phrase)
    assert men is not None and men.kind == kind and men.name == name


def test_ministry_spokesperson_role_noun_is_the_named_spokesperson():
    body = ("“We reject these claims,” Talvo Brenn, spokesperson of the Ministry of Foreign Affairs of Korval, said.\n"
            "“Korval has been and will remain a friend of its neighbours,” said the Ministry of Foreign Affairs "
            "spokesperson.")
    assert _speakers(analyse_speech(None, None, body), "will remain a friend") == ["Talvo Brenn"]


@pytest.mark.parametrize("body, fragment, speaker", [
    # a quote opening a sentence inside its paragraph: the speaker the sentence before introduces
    ("Mayor Edda Strand spoke to the council on Monday.\n"
     "She attached importance to the new ferry line. “This is a very important factor for the whole island.”",
     "a very important factor", "Edda Strand"),
    ("Ambassador Talvo Brenn gave an interview to a radio station in Korval.\n"
     "In his interview, the ambassador provided figures on the harbour. “Every ship that called here last year "
     "is listed in our register.”", "Every ship that called", "Talvo Brenn"),
    ("Prime Minister Oskar Lind met the fishermen in Maresta.\n"
     "Unfortunately, he continued, the government is not eloquent about what it has done. “The good news has "
     "not reached the people as it deserves.”", "The good news has not reached", "Oskar Lind"),
])
def test_quote_after_a_sentence_that_introduces_its_speaker(body, fragment, speaker):
    assert _speakers(analyse_speech(None, None, body), fragment) == [speaker]


def test_a_person_after_by_his_role_is_no_sentence_subject():
    body = ("President Anja Berg answered a question about the harbour during her trip to the north. "
            "The footage of her answer was posted by her spokeswoman Irma Vold.\n"
            "“Now is a very difficult time for every family in the north,” she said.")
    assert _speakers(analyse_speech(None, None, body), "a very difficult time") == ["Anja Berg"]


@pytest.mark.parametrize("body, fragment, speaker", [
    # an appositive with a participle clause before the cue: the role noun is the subject
    ("Estonia's Foreign Ministry Spokesman Talvo Brenn met the press on Monday.\n"
     "Estonia's spokesman, criticising the double standards of the report, noted that “they always find new "
     "reasons to keep others out of the talks.”", "they always find new reasons", "Talvo Brenn"),
    # "..., President Anja Berg, who declared ... “...”": the name the relative clause hangs on
    ("Oskar Lind also expects the retirement of President Anja Berg, who declared herself unwilling to leave "
     "office “until there is a lawful parliament in the capital.”", "until there is a lawful parliament",
     "Anja Berg"),
    # "Regarding the talks he said that “...”": a pronoun after an opening phrase, no comma
    ("Foreign Minister Talvo Brenn spoke in Maresta on Friday.\n"
     "Regarding the negotiations on the border he said that “it will make no difference if we only sit "
     "at the table.”", "it will make no difference", "Talvo Brenn"),
])
def test_subject_phrase_shapes_before_a_cue(body, fragment, speaker):
    assert _speakers(analyse_speech(None, None, body), fragment) == [speaker]


@pytest.mark.parametrize("body, fragment, speaker", [
    # noun-object cues keep their verb: the object is the statement
    ("Having expressed his gratitude for the invitation, President Anja Berg passed warm greetings and best "
     "wishes to the King of Maresta and his family.", "passed warm greetings and best wishes", "Anja Berg"),
    ("President Anja Berg received the delegation. Having stated the good character of the relations, the Head "
     "of the State noted the presence of significant potential for the partnership.",
     "noted the presence of significant potential", "Anja Berg"),
    ("Minister Talvo Brenn expressed admiration for the horses and the skill of the riders of Korval.",
     "expressed admiration for the horses", "Talvo Brenn"),
    ("Minister Talvo Brenn expressed hope that the cooperation between the two countries would continue.",
     "expressed hope that the cooperation", "Talvo Brenn"),
    ("President Oskar Lind instructed to pay utmost attention to the repair of the damaged bridges.",
     "instructed to pay utmost attention", "Oskar Lind"),
])
def test_noun_object_cues_keep_their_verb(body, fragment, speaker):
    assert _speakers(analyse_speech(None, None, body), fragment) == [speaker]


def test_a_title_in_apposition_gives_the_person_that_role():
    body = ("During the ceremony, the President of the Republic of Korval, Anja Berg, was awarded the order of "
            "merit. In her speech, the head of state thanked the people of Maresta and the President of Maresta "
            "Oskar Lind for their friendship.\n"
            "She emphasized that she accepts this order as a sign of respect for the people of Korval.")
    res = analyse_speech(None, None, body)
    assert _speakers(res, "she accepts this order") == ["Anja Berg"]


@pytest.mark.parametrize("body, fragment, speaker", [
    # "According to <source>, <person> told ... that": the person's statement, by the source's report
    ("Estonian Foreign Minister Talvo Brenn defended the dam.\n"
     "According to Radio Nord, Brenn told reporters in Tallinn on Monday that the project respects the "
     "interests of every neighbour.", "the project respects the interests", "Talvo Brenn"),
    # "the top Estonian diplomat", "the Estonian official": generic nouns for the person holding an office
    ("Estonian Foreign Minister Talvo Brenn phoned his colleague Oskar Lind today.\n"
     "According to the top Estonian diplomat, the sides exchanged information on the situation at the border.",
     "the sides exchanged information", "Talvo Brenn"),
    ("Estonia's Foreign Ministry Spokesman Talvo Brenn held his weekly briefing on Monday.\n"
     "Asked about the strike, the Estonian official said every move by the strikers carries a message.\n"
     "“What can be said here is that our determination is lasting and serious in every way.”",
     "our determination is lasting", "Talvo Brenn"),
])
def test_sources_and_generic_officeholders(body, fragment, speaker):
    assert _speakers(analyse_speech(None, None, body), fragment) == [speaker]


def test_according_to_a_lead_in_ending_with_a_colon_is_no_statement():
    body = ("According to the daily's reporter Otto Palm, here are some of the important parts of the "
            "minister's remarks:\n“We will not sign any deal that leaves the valley without water.”")
    res = analyse_speech(None, None, body)
    assert not [q for q in res.quotes if q.rule == "reported:according-to"]


def test_a_role_noun_before_anyone_is_named_agrees_in_country_and_rank():
    body = ("At the same time, the Estonian deputy prime minister noted that there are issues to clarify.\n"
            "When asked whether this had been discussed with Latvian Prime Minister Oskar Lind, he declined to say.")
    res = analyse_speech(None, None, body)
    assert "Oskar Lind" not in _speakers(res, "there are issues to clarify")


def test_a_verb_with_an_object_after_a_quote_starts_a_new_clause():
    body = ("Minister Talvo Brenn met the Prime Minister to “pass three messages”: “time must be used wisely now”, "
            "the Union welcomes the support for the harbour, and it remains steadfast.")
    res = analyse_speech(None, None, body)
    assert "Union" not in " ".join(s.name for s in res.speakers)


def test_straight_single_quotes_and_an_initialled_name():
    body = ("'The agreement to be signed must be ratified by both parliaments.' Prime Minister Oskar Lind said "
            "this during an online conference.\n"
            "Lind was also asked about the border talks.\n"
            "'When our countries gained independence, they recognised each other's borders, and we must mean a "
            "very specific area,' O. Lind replied.\n"
            "It's the workers' choice, the union's leader said.")
    res = analyse_speech(None, None, body)
    assert _speakers(res, "must be ratified by both parliaments") == ["Oskar Lind"]
    assert _speakers(res, "they recognised each other's borders") == ["Oskar Lind"]
    assert not [q for q in res.quotes if q.text.startswith("s choice")]


def test_a_name_with_a_particle_keeps_its_given_name():
    from extractors.speech.names import parse_mention
    men = parse_mention("Korval's Minister of Economy Abdullah bin Touq Al-Marri")
    assert men is not None and men.name == "Abdullah bin Touq Al-Marri"


@pytest.mark.parametrize("title", ["Full Text of Berg Interview: Harbour Deal Is Done", "Note: The Harbour Deal"])
def test_headline_labels_are_not_speakers(title):
    res = analyse_speech(title, None, "President Anja Berg signed the harbour deal on Monday in Maresta.")
    assert all(s.name not in ("Full Text", "Note") for s in res.speakers)


@pytest.mark.parametrize("body", [
    ("Prime Minister Oskar Lind criticised the managers of the power companies at a meeting on Monday.\n"
     "Our power companies are the most corrupt sector, and the people do not trust them.\n"
     "Oskar Lind\n"
     "The meeting went on for three hours."),
    ("Kremlin spokesman Oskar Lind commented on the reports on Monday.\n"
     "Of course, with so many channels, I personally may not know everything. In this case I can neither "
     "confirm nor deny it. Oskar Lind Kremlin spokesman\n"
     "The reports were denied later in the day."),
])
def test_unquoted_pull_quote_signed_by_a_named_person(body):
    res = analyse_speech(None, None, body)
    fragment = "most corrupt sector" if "corrupt" in body else "I can neither confirm nor deny it"
    assert _speakers(res, fragment) == ["Oskar Lind"]


def test_a_closing_byline_signs_no_pull_quote():
    body = ("The harbour of Maresta will reopen in spring after two years of repairs.\n"
            "The works cost more than the city had planned, and the ferries will run less often.\n"
            "Irma Vold")
    assert analyse_speech(None, None, body).quotes == []


def test_according_to_colon_lead_in_opens_a_statement():
    body = ("Press secretary Talvo Brenn commented on the broadcast.\n"
            "According to Talvo Brenn:\n"
            "Dear colleagues,\n"
            "Recently, I have received many questions from journalists about the broadcast of this host.\n"
            "These remarks should be seen as one of many made during his long programmes on many topics.\n"
            "Thus, any assumptions about tensions between our countries are unfounded, and we hope his "
            "leadership will act.")
    res = analyse_speech(None, None, body)
    for fragment in ("I have received many questions", "These remarks should be seen", "any assumptions"):
        assert _speakers(res, fragment) == ["Talvo Brenn"]


def test_quoted_heading_over_the_paragraph_that_names_its_speaker():
    body = ("MARESTA – At her weekly briefing, Foreign Ministry spokesperson Irma Vold addressed many issues.\n"
            "‘The blockade has become the biggest threat to the harbour’\n"
            "Vold accused the neighbours of adopting a policy of force, arguing that the ships are kept away.")
    res = analyse_speech(None, None, body)
    assert _speakers(res, "the biggest threat to the harbour") == ["Irma Vold"]


def test_colon_lead_in_naming_the_owner_of_the_words():
    body = ("Prime Minister Oskar Lind answered questions on the plane to Maresta.\n"
            "According to the daily's reporter Irma Vold, here are some important parts of Lind's statements:\n"
            "“The violation of our airspace is a violation of the alliance's airspace.”\n"
            "“Losing our trade would be a huge loss for them, and they know it very well.”")
    res = analyse_speech(None, None, body)
    assert _speakers(res, "violation of our airspace") == ["Oskar Lind"]
    assert _speakers(res, "Losing our trade") == ["Oskar Lind"]
    assert "Irma Vold" not in [s.name for s in res.speakers]


@pytest.mark.parametrize("body, fragment, speaker", [
    ("This comes just hours after King Oskar bin Lind referred to Korval as a “friendly neighbour,” "
     "expressing his hope that “our first talks will lead to tangible results for both of our peoples.”",
     "our first talks will lead", "Oskar bin Lind"),
    ("President Anja Berg vowed to continue building the dam in the south, saying that international experts "
     "will finish their assessment of the project this summer.", "international experts will finish",
     "Anja Berg"),
])
def test_participle_clauses_keep_their_subject(body, fragment, speaker):
    assert _speakers(analyse_speech(None, None, body), fragment) == [speaker]
