"""Organisation names, hyphenated/acronym-like given names, role prefixes and single-mark quotes
(invented sentences and people)."""

import pytest

from extractors.speech.analysis import analyse_speech


def _by_text(res):
    return {q.text: q.speaker for q in res.quotes}


@pytest.mark.parametrize("body, fragment, speaker", [
    # organisations named by a multi-word capitalised span ending in a head noun
    ("The Kura Valley Civic Forum, a monitoring group, said in a statement that the tender had been rigged "
     "from the start.", "the tender had been rigged", "Kura Valley Civic Forum"),
    ("The new ferry terminal will open in March, the Lenkoran City Executive Power announced.",
     "The new ferry terminal will open", "Lenkoran City Executive Power"),
    ("The Northern Dockworkers Unions Confederation said that the wage talks had collapsed again.",
     "the wage talks had collapsed", "Northern Dockworkers Unions Confederation"),
    ("Poti Deep Sea Port said it had offered to settle the claims, calling the demands ‘plainly "
     "impossible to meet this year’.", "plainly impossible to meet this year", "Poti Deep Sea Port"),
    ("The Sheki Technology Park administration said in a statement that four firms had moved in.",
     "four firms had moved in", "Sheki Technology Park"),
    ("River group Alazani Watch warned that the dam flooded a meadow and called the scheme "
     "“ecologically reckless.”", "ecologically reckless.", "Alazani Watch"),
    # a ministry named without a country and no country anywhere: its own name
    ("The Ministry of Coastal Affairs said the dunes were stable.\n“Residents may return to the beach "
     "houses on the northern side from Monday,” the ministry said.", "Residents may return",
     "Ministry of Coastal Affairs"),
])
def test_organisation_speakers(body, fragment, speaker):
    res = analyse_speech(None, None, body)
    hits = [q.speaker for q in res.quotes if fragment in q.text]
    assert hits == [speaker]


def test_company_anaphor_follows_the_company():
    body = ("Poti Deep Sea Port said on Friday that the strike had cost it dearly.\n"
            "The company also said that two tankers had already been sent to another harbour.")
    spk = {q.speaker for q in analyse_speech(None, None, body).quotes}
    assert spk == {"Poti Deep Sea Port"}


def test_headline_ministry_label_takes_the_country_from_context():
    res = analyse_speech("Ministry of Coastal Affairs: storm closes three piers",
                         None, "The Ministry of Coastal Affairs of Azerbaijan said the piers were damaged.")
    assert res.primary_speaker == "Ministry of Coastal Affairs of Azerbaijan"
    assert [s.name for s in res.speakers] == ["Ministry of Coastal Affairs of Azerbaijan"]


@pytest.mark.parametrize("body, speaker", [
    # hyphenated surname folded into the full name met earlier
    ("Deputy Governor Aram Ter-Hovsepyan toured the dam on Monday.\n“The spillway must be rebuilt "
     "before the autumn rains,” Ter-Hovsepyan said.", "Aram Ter-Hovsepyan"),
    # a title-case given name that is also an acronym
    ("“The vote took twelve minutes and nobody read the plan,” said Nato Beridze, a councillor.\n"
     "“We will appeal against it in court,” Beridze said.", "Nato Beridze"),
    # a role phrase ending in a capitalised portfolio before the name
    ("“Every flooded house will be rebuilt before the winter,” Minister of Housing and Reconstruction "
     "Elnur Gasimli said.", "Elnur Gasimli"),
    ("Chairman of the State Agency for Reconstruction Teymur Aliyarov visited the camp.\n"
     "“Nobody will be left without a roof this winter,” Aliyarov said.", "Teymur Aliyarov"),
    # party labels and appositives between the quote and the cue
    ("“The bill is a gift to the banks and nothing else,” Rep. Jane Doering (D-Ore.) said Friday.",
     "Jane Doering"),
    ("“The veto will be overridden by a wide margin,” Senate leader Tom Ackerly, R-Ida., said Tuesday.",
     "Tom Ackerly"),
    ("“It is an invasion of the state's own domain,” Carla Mendez, the attorney general of the state, "
     "said at an event.", "Carla Mendez"),
    ('"The city will never go back to normal as we knew it," said the Rev. Peter Olden, of Grace Church.',
     "Peter Olden"),
])
def test_person_names(body, speaker):
    res = analyse_speech(None, None, body)
    assert [q.speaker for q in res.quotes if q.kind == "direct"] and \
        all(q.speaker == speaker for q in res.quotes if q.kind == "direct")
    assert speaker in [s.name for s in res.speakers]


@pytest.mark.parametrize("body, text", [
    ("‘We worked nights and weekends, and now they say “later”’, welder Giorgi Tabatadze told reporters.",
     "We worked nights and weekends, and now they say “later”"),
    ("‘We are not asking for a bonus. We want the workers’ money back,’ Jane Roe said.",
     "We are not asking for a bonus. We want the workers’ money back,"),
    ("«We will not leave our homes until the city answers us,» said Jane Roe, a teacher.",
     "We will not leave our homes until the city answers us,"),
])
def test_single_marks_and_guillemets(body, text):
    res = analyse_speech(None, None, body)
    assert [(q.text, q.kind) for q in res.quotes] == [(text, "direct")]
    assert res.quotes[0].speaker is not None


@pytest.mark.parametrize("body", [
    "The workers’ union met on Monday and the drivers’ strike went on for a second week in the city.",
    "I don’t think the plan will work, a resident told the reporters who came to the square.",
])
def test_apostrophes_are_not_quotes(body):
    assert not [q for q in analyse_speech(None, None, body).quotes if q.kind == "direct"]


@pytest.mark.parametrize("body", [
    # a country or a place is never a person a pronoun can point to
    "The United States sent a note.\n“We will not accept this under any circumstances,” he said.",
    "Storms hit the Pacific Ocean coast.\n“This is the worst season in living memory,” he said.",
])
def test_places_are_not_people(body):
    res = analyse_speech(None, None, body)
    assert all(q.speaker is None for q in res.quotes)
