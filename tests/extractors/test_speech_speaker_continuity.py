"""Who keeps speaking: role anaphors skip lower-ranked and merely mentioned holders, appositive roles
before a name, outlet web addresses, speech sections and the primary speaker (invented people)."""

import pytest

from extractors.speech.analysis import analyse_speech
from extractors.speech.names import parse_mention


def _speaker_of(res, fragment):
    hits = [q.speaker for q in res.quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r}: {[q.text for q in res.quotes]}"
    return hits[0]


@pytest.mark.parametrize("body, fragment, speaker", [
    # "the minister" is the minister, not the vice minister met later in a "with" phrase
    ("The new harbour will open next spring, Minister of Fisheries Talgat Orynbek said on Friday.\n"
     "Orynbek spoke at a joint briefing with Vice Minister of Fisheries Serik Dauletov in Atyrau.\n"
     "“The breakwater is finished and the dredging will be done by March,” the minister said.",
     "The breakwater is finished", "Talgat Orynbek"),
    # ... and "the deputy minister" is the deputy, not the minister
    ("Minister of Water Resources Aigul Temirova opened the canal on Monday.\n"
     "Deputy Minister of Water Resources Nurlan Bekov also attended the ceremony.\n"
     "“We will line the next forty kilometres with concrete before the autumn,” the deputy minister said.",
     "We will line the next", "Nurlan Bekov"),
    # a minister named inside another speaker's reported statement is talked about, not talking
    ("The dam will be finished in 2027, Minister of Energy Kamala Vezirova said.\n"
     "She recalled that Georgian Economy Minister Levan Gogiberidze had proposed a joint grid.\n"
     "Asked about the cost, the minister said the budget stayed “well within the approved limits” for now.",
     "well within the approved limits", "Kamala Vezirova"),
    # a description, then the name, then the cue: "…,” the head of the agency, Jane Roe, told X.
    ("“Orders from abroad fell by half in the spring, and they have not come back,” the director of the "
     "bureau, Natela Gorgadze, told reporters.",
     "Orders from abroad fell by half", "Natela Gorgadze"),
    ("“The new quarantine rules will apply to every port,” a spokesman for the inspectorate, Davit Kipshidze, "
     "said on Tuesday.", "The new quarantine rules will apply", "Davit Kipshidze"),
    # a title with "and" in its portfolio, after a sentence ending in a place name
    ("The summit was held in Kokshetau. Minister of Trade and Integration of Kazakhstan Marat Seitov "
     "spoke at the opening session.\nSpeaking about exports, the minister said:\n“Our exporters need "
     "predictable rules more than they need subsidies, and we are going to give them those rules this year.”",
     "Our exporters need predictable rules", "Marat Seitov"),
    # "Chairperson of the X Agency Name": "the chairperson" is her
    ("Chairperson of the Coastal Parks Agency Leyla Mammadli presented the annual report.\n"
     "Speaking about the beaches, the chairperson noted that water quality had improved.\n"
     "“Every beach on the northern coast now has a lifeguard station and a first-aid post, which was "
     "not the case two years ago.”",
     "Every beach on the northern coast", "Leyla Mammadli"),
    # a speech section: "X expressed confidence that ..." and the paragraph-opening quote after it
    ("Minister of Transport Oleg Vasin addressed the forum on Tuesday.\n"
     "In conclusion, the minister expressed confidence that the freight volume would double by 2030.\n"
     "“I do not say this to win applause. The cargo exists, the ships exist, and what we need now is "
     "patience from all of us.”",
     "what we need now is patience", "Oleg Vasin"),
])
def test_speaker_resolution(body, fragment, speaker):
    assert _speaker_of(analyse_speech("Ports forum", None, body), fragment) == speaker


@pytest.mark.parametrize("phrase", ["Civil.ge", "Report.az", "news.am", "Caspianpost.com"])
def test_web_addresses_are_not_speakers(phrase):
    assert parse_mention(phrase) is None


def test_interview_with_outlet_address_keeps_the_interviewee():
    body = ("In an interview with Shorenews.ge, Deputy Mayor Ana Kapanadze spoke about the city's new "
            "tram lines.\n"
            "Q: When will the first tram run?\n"
            "A: The first line will open in September, and the second one a year later, if the bridge "
            "is finished on time.\n"
            "Q: Who pays for the trams?\n"
            "A: The city pays for the tracks, and a loan from the development bank pays for the cars.\n")
    res = analyse_speech("Interview with Deputy Mayor Kapanadze", None, body)
    assert _speaker_of(res, "The first line will open") == "Ana Kapanadze"
    assert _speaker_of(res, "When will the first tram run") is None
    assert [s.name for s in res.speakers] == ["Ana Kapanadze"]
    assert res.primary_speaker == "Ana Kapanadze"


@pytest.mark.parametrize("title, body, primary", [
    # the person quoted most, not the ministry he belongs to, is primary on a "<Country> ..." headline
    ("Uzbekistan plans more cotton exports via Black Sea ports",
     "Uzbekistan will ship more cotton through Poti this year, Deputy Minister of Trade Rustam "
     "Alimov told reporters.\n"
     "“The Black Sea route saves us nine days compared with the northern one, and our buyers notice "
     "it,” Alimov said.\n"
     "The deputy minister noted that two new rail terminals had opened in Tashkent.\n"
     "He added that tariffs for cotton trains would be frozen until the end of the year.\n"
     "Uzbekistan's Ministry of Trade said in a statement that exports had grown by a tenth.\n"
     "“Cotton yarn now makes up the largest share of exports,” the ministry said.",
     "Rustam Alimov"),
    # two speakers with as many statements: the one the story leads with is primary
    ("Honey exports slump as frost hits apiaries",
     "Honey exports fell sharply in the spring after a late frost killed many bee colonies.\n"
     "“We lost almost a third of the colonies in the high valleys, and the buyers in Europe did not wait "
     "for us,” the head of the beekeepers' union, Giorgi Abashidze, told reporters.\n"
     "Abashidze said the union had asked for state help.\n"
     "He said prices had risen by a fifth.\n"
     "He added that the union would ask the ministry again in the autumn.\n"
     "Nino Beridze, who keeps bees near Lagodekhi, said she had lost two buyers.\n"
     "“One buyer wrote in March that he would come in May, and then he stopped writing,” Beridze said.\n"
     "She said the frost came two weeks too late.\n"
     "“Bees are patient, but buyers are not, and that is hard to explain to anyone,” she added.",
     "Giorgi Abashidze"),
])
def test_primary_speaker(title, body, primary):
    assert analyse_speech(title, None, body).primary_speaker == primary
