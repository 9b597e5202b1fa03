"""Failure kinds of issue 7 seen on real pages, each as a general rule (invented people and events):
statements attributed afterwards, transcripts, role nouns that stand for a named person, cue shapes."""

import pytest

from extractors.speech.analysis import analyse_speech


def _speakers_of(body, fragment, title=None):
    res = analyse_speech(title, None, body)
    return [q.speaker for q in res.quotes if fragment in q.text]


@pytest.mark.parametrize("body, fragment, speaker", [
    # kind 2: an unquoted lede attributed afterwards by a cue whose object points back ("stated this")
    ("MARESTA. – We will not sign any deal that leaves the valley without water. Maresta's Foreign Minister "
     "Talvo Brenn stated this in an interview with a local radio station.",
     "We will not sign any deal", "Talvo Brenn"),
    ("We have denied these rumours many times and we deny them again today.\n"
     "Irma Vold, spokesperson of the Ministry of Transport (MoT) of Maresta, told the aforesaid to a local "
     "news site, commenting on the reports about the closed bridge.",
     "We have denied these rumours", "Irma Vold"),
    # "..., X told reporters during a briefing": the words before the comma are X's
    ("KORVAL. – The harbour will reopen before the holidays, but the ferries will run less often, Korval's "
     "Mayor Edda Strand told reporters during a briefing.", "The harbour will reopen", "Edda Strand"),
    # "..., X said receiving Y": a participle clause after the end cue is not the statement
    ("The trade between our countries has doubled in two years, Prime Minister Oskar Lind said receiving "
     "the visiting delegation.", "The trade between our countries", "Oskar Lind"),
])
def test_statements_attributed_afterwards(body, fragment, speaker):
    assert _speakers_of(body, fragment) == [speaker]


@pytest.mark.parametrize("body, fragment, speaker", [
    # kind 4: abbreviated and synonymous role nouns stand for the named person who holds the role
    ("Estonia's Foreign Minister Talvo Brenn met the press on Monday.\n"
     "Asked about the border, the Estonian FM responded: “Our position has not changed since spring.”",
     "Our position has not changed", "Talvo Brenn"),
    ("Latvia's PM Oskar Lind spoke after the cabinet meeting.\n"
     "“The budget will be balanced by the end of the year,” noted the Premier.",
     "The budget will be balanced", "Oskar Lind"),
    ("President of Korval Anja Berg received the delegation.\n"
     "“Our doors are open to every investor who respects our laws,” the head of state said.",
     "Our doors are open", "Anja Berg"),
    # "the Prime Minister" is not a minister described as "Minister X" in the same article
    ("President Anja Berg criticised Minister Talvo Brenn for his absence.\n"
     "Prime Minister Oskar Lind said that Brenn had been at home. “I called him twice and nobody answered "
     "the phone,” the Prime Minister said.", "I called him twice", "Oskar Lind"),
    # "the spokesperson" after the spokesperson's own quote, named in an appositive before
    ("The spokesperson for the Ministry of Ports, Irma Vold, answered the critics.\n"
     "“The figures in that report are simply wrong and we will publish ours,” she said.\n"
     "“Every ship that called at the port last year is listed in the register,” the spokesperson added.",
     "Every ship that called", "Irma Vold"),
])
def test_role_nouns_resolve_to_the_named_person(body, fragment, speaker):
    assert _speakers_of(body, fragment) == [speaker]


@pytest.mark.parametrize("phrase", ["FM", "PM"])
def test_role_abbreviations_are_not_speakers(phrase):
    body = (f"Maresta's Foreign Minister Talvo Brenn and the Korval {phrase} met in the capital.\n"
            f"“We agreed to open the border crossing in May,” the Korval {phrase} said.")
    res = analyse_speech(None, None, body)
    assert phrase not in [s.name for s in res.speakers]


def test_single_label_turns_and_inline_cue_colon():
    body = "\n".join([
        "President of Korval Anja Berg met the heads of the national broadcasters.",
        "Director General Hugo Marsh said opening the meeting: Welcome, colleagues, we are glad that the "
        "president found the time for us.",
        "President Anja Berg: Thank you. I would like to thank the broadcasters for their work during the "
        "floods.",
    ])
    res = analyse_speech(None, None, body)
    assert [q.speaker for q in res.quotes if "Welcome, colleagues" in q.text] == ["Hugo Marsh"]
    assert [q.speaker for q in res.quotes if "thank the broadcasters" in q.text] == ["Anja Berg"]


def test_question_answer_labels_with_interviewee_from_the_lede():
    body = "\n".join([
        "Minister of Ports of Korval Irma Vold gave an interview to a weekly magazine.",
        "Question: How many ships will the new terminal handle?",
        "Answer: Well, we expect about forty ships a month once the second berth is finished.",
    ])
    res = analyse_speech("Korval ports", None, body)
    assert [q.speaker for q in res.quotes if "forty ships" in q.text] == ["Irma Vold"]
    assert [q.speaker for q in res.quotes if "How many ships" in q.text] == [None]


def test_named_interviewer_from_affiliation_label():
    body = "\n".join([
        "Hugo Marsh from Korval Radio: Madam President, thank you for the interview. What will change?",
        "President Anja Berg: Thank you. We will build three new schools in the north this year.",
        "Hugo Marsh: And the roads?",
        "President Anja Berg: The roads come next year, once the schools are finished.",
    ])
    res = analyse_speech(None, None, body)
    assert [q.speaker for q in res.quotes if "What will change" in q.text] == ["Hugo Marsh"]
    assert [q.speaker for q in res.quotes if "three new schools" in q.text] == ["Anja Berg"]
    assert res.primary_speaker == "Anja Berg"


def test_short_dash_interview_with_answer_over_several_paragraphs():
    body = "\n".join([
        "Before the vote, journalist Hugo Marsh asked President Anja Berg about the economy.",
        "- Madam President, thank you for your time. What was the most important thing in these years?",
        "- I think the most important thing is that our economy kept growing.",
        "We built new roads and our exports doubled.",
        "We also reduced unemployment to five percent.",
    ])
    res = analyse_speech("Anja Berg: the economy kept growing", None, body)
    assert [q.speaker for q in res.quotes if "economy kept growing" in (q.text or "") and q.start] == ["Anja Berg"]
    assert [q.speaker for q in res.quotes if "exports doubled" in q.text] == ["Anja Berg"]


def test_dash_continuation_paragraph_keeps_the_answer_and_possessive_interview_names_the_interviewee():
    body = "\n".join([
        "- Is the government ready to accept the new border line? And if not, what is the alternative?",
        "- We have never accepted it and we will not accept it now.",
        "The line does not stop being disputed because one side says so.",
        "- Are you optimistic about the talks?",
        "- We remain committed to the talks and we hope for progress in spring.",
    ])
    res = analyse_speech("Foreign Minister Talvo Brenn’s interview to a weekly newspaper", None, body)
    assert [q.speaker for q in res.quotes if "does not stop being disputed" in q.text] == ["Talvo Brenn"]
    assert [q.speaker for q in res.quotes if "optimistic about the talks" in q.text] == [None]
    assert res.primary_speaker == "Talvo Brenn"


@pytest.mark.parametrize("body, fragment, speaker", [
    # a country's role noun in the possessive, with a scare quote inside the reported clause
    ("Estonia's foreign minister said on Jan. 15 that the closure of the consulate in Tartu was "
     "\"regrettable\".\n\"We were not told in advance,\" Talvo Brenn said on national radio.",
     "the closure of the consulate", "Talvo Brenn"),
    # "X's statements are as follows;" then first-person paragraphs without quote marks
    ("Minister Talvo Brenn spoke to reporters after the summit.\n"
     "Minister Brenn's statements are as follows;\n"
     "We have taken steps to protect our fishermen, and we will take more.\n"
     "We also thank our neighbours for their support during the storm.\n"
     "Prime Minister Oskar Lind said: “We stand together.”",
     "We also thank our neighbours", "Talvo Brenn"),
])
def test_more_cue_shapes(body, fragment, speaker):
    assert _speakers_of(body, fragment) == [speaker]


@pytest.mark.parametrize("body, not_a_speaker", [
    # a possessor's title ("People's Writer") and places joined by a hyphen are not people
    ("People's Writer and Chairman of the Writers' Union Arvid Holm spoke at the jubilee. He said that "
     "the agency had always kept its own voice.", "People's Writer"),
    ("Ambassador Talvo Brenn has highlighted the Estonia-Latvia border dispute in an interview.\n"
     "“Latvia, which refuses every compromise, keeps the dispute alive,” he noted.", "Estonia-Latvia"),
])
def test_phrases_that_are_not_speakers(body, not_a_speaker):
    res = analyse_speech(None, None, body)
    assert not_a_speaker not in [s.name for s in res.speakers]
    assert all(q.speaker != not_a_speaker for q in res.quotes)


@pytest.mark.parametrize("body, fragment, speaker", [
    # kind 6: a verb the cue list does not know, after a quote that closes on a comma
    ("The reporter kept asking about the tender.\n“Go back to your newsroom,” Ruben Castell barked, and a "
     "guard walked the reporter out.", "Go back to your newsroom", "Ruben Castell"),
    # the sentence subject before a colon: "X delivered a retort: “…”"
    ("Marisol Ortega spoke after the vote. Ortega delivered a sharp retort: \"Nobody is closing the clinic. "
     "We are going forward.\"", "Nobody is closing the clinic", "Marisol Ortega"),
    # "according to X, “…”"
    ("According to the Harbour Gazette, “the new cranes were bought without any tender at all.”",
     "the new cranes were bought", "Harbour Gazette"),
    # quotes joined by "and" share the cue after the last one, across an appositive
    ("Potholes are “a daily insult” and “a danger to every cyclist,” Ruben Castell, the head of the "
     "cyclists' union, proclaimed at the rally.", "a daily insult", "Ruben Castell"),
    # no cue at all: the person the sentence opens with
    ("Marisol Ortega opened the debate.\nShe expressed surprise that the council had called the plan "
     "“a reasonable compromise for everyone involved,” adding nothing else.",
     "a reasonable compromise", "Marisol Ortega"),
])
def test_cues_with_unknown_verbs_and_shapes(body, fragment, speaker):
    assert _speakers_of(body, fragment) == [speaker]


@pytest.mark.parametrize("body, fragment", [
    # a verb that does not report the quote, after it
    ("Marisol Ortega spoke first.\n“The Last Harbour,” Ruben Castell wants to film next year, is a war story.",
     "The Last Harbour"),
    # the sentence's subject "is" something the quote describes: no speaker from the subject
    ("Ruben Castell is “the most stubborn man in the valley” for his neighbours, who laugh about it.",
     "the most stubborn man"),
])
def test_non_reporting_verbs_do_not_attribute(body, fragment):
    assert _speakers_of(body, fragment) in ([], [None])


@pytest.mark.parametrize("body, fragment, speaker", [
    # an outlet after a comma-closed quote, with a verb the cue list does not know
    ("“Two weeks before the flood the dam keeper asked for more staff,” the Harbour Gazette reported.",
     "the dam keeper asked", "Harbour Gazette"),
    # an age between the name and the cue
    ("Marisol Ortega, a nurse, joined the protest.\n“They are very principled people,” Ortega, 61, told "
     "local radio on Monday.", "very principled people", "Marisol Ortega"),
    # "according to X" after the quote, without a comma
    ("“The new records cover thousands of pages that nobody had seen before” according to Harbour Watch.",
     "The new records cover", "Harbour Watch"),
    # an inverted cue with a description, then the name
    ("“We are treating the whole month as one long election day,” said the party's deputy campaign "
     "manager, Ruben Castell, who ran the last campaign too.", "one long election day", "Ruben Castell"),
    # a colon label with a party label in brackets
    ("Rep. Marisol Ortega (D-N.M.):\"I have not heard anyone cite that figure before today.\"",
     "I have not heard anyone", "Marisol Ortega"),
    # a leading clause before the sentence subject and its verb
    ("In the depths of the recession, Ruben Castell worried that the safety net was becoming “a hammock "
     "for able-bodied people.”", "a hammock for able-bodied", "Ruben Castell"),
    # a lead-in paragraph whose subject and verb are not a cue, before a long bare quote
    ("After the leak, the Harbour Workers Union issued a statement apologising to the mayor.\n"
     "“On behalf of all our members, we offer a sincere apology for the remarks made in our emails.”",
     "On behalf of all our members", "Harbour Workers Union"),
])
def test_more_attribution_shapes(body, fragment, speaker):
    assert _speakers_of(body, fragment) == [speaker]


@pytest.mark.parametrize("body, fragment, speaker", [
    # a possessive description between the name and the cue
    ("“We run a national campaign without big donors,” Ruben Castell, Ortega's campaign manager, said in "
     "a statement.", "national campaign without big donors", "Ruben Castell"),
    # a title noun nobody in the article holds: the person last named as a subject, nobody else since
    ("Ruben Castell toured the flooded district on Monday and met the volunteers.\n"
     "“We will rebuild every bridge before the winter,” the governor said.",
     "rebuild every bridge", "Ruben Castell"),
])
def test_descriptions_and_untitled_role_nouns(body, fragment, speaker):
    assert _speakers_of(body, fragment) == [speaker]


@pytest.mark.parametrize("body, fragment, speaker", [
    # a known surname before a participle cue
    ("Marisol Ortega campaigned in the north.\nOrtega then appeared in a clip from a rally, saying, "
     "“Nobody in this valley will be left behind again.”", "Nobody in this valley", "Marisol Ortega"),
    # an irregular verb after a relative clause
    ("Ruben Castell spoke at the dock.\n“I am a delegate and I do not believe in delegates,” Castell, who "
     "has not endorsed anyone, told reporters.", "I do not believe in delegates", "Ruben Castell"),
    # "X's response was: “…”"
    ("An aide told Marisol Ortega about the closure. Ortega's response was: “Is the bakery on the corner "
     "still open?”", "Is the bakery on the corner", "Marisol Ortega"),
])
def test_participles_irregular_verbs_and_responses(body, fragment, speaker):
    assert _speakers_of(body, fragment) == [speaker]


@pytest.mark.parametrize("body, fragment, speaker", [
    # a readout's reported content: "touched upon the fact that", "thanked ... for"
    ("Latvia's Foreign Minister Ruben Castell spoke with his Estonian colleague by phone.\n"
     "The minister touched upon the fact that the ferry prices had doubled since the spring.",
     "the ferry prices had doubled", "Ruben Castell"),
    ("Minister Ruben Castell thanked his colleague for the support of Estonia at the regional forum.",
     "thanked his colleague for the support", "Ruben Castell"),
])
def test_readout_statements(body, fragment, speaker):
    assert _speakers_of(body, fragment) == [speaker]
