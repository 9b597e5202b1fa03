"""People with names the engine has never seen, introduced once with a role and then quoted through
role nouns, pronouns, colon lead-ins and bare quotes (invented sentences and people)."""

import pytest

from extractors.speech.analysis import analyse_speech
from extractors.speech.names import parse_mention
from extractors.speech.organisations import parse_org


def _speakers_of(body, fragment, title=None):
    res = analyse_speech(title, None, body)
    return [q.speaker for q in res.quotes if fragment in q.text]


@pytest.mark.parametrize("body, fragment, speaker", [
    # regional titles of governors/mayors stay out of the name
    ("Akim Serikbol Zhanuzakov visited the flooded villages on Tuesday.\n"
     "“Every family will be back in a dry house before the winter,” Akim Serikbol Zhanuzakov said.",
     "Every family will be back", "Serikbol Zhanuzakov"),
    ("“The old market will reopen in May,” said Hokim Dilshodbek Normatov.", "old market will reopen",
     "Dilshodbek Normatov"),
    # a portfolio listed with commas before the name: the role noun ("the deputy minister") finds her
    ("Kyrgyzstan's First Deputy Minister of Agriculture, Water Resources and Processing Industry Tolgonay "
     "Usenbayli opened the fair on Monday.\n"
     "“Our orchards will double their harvest within three seasons if the new canals are finished,” "
     "the deputy minister said.", "Our orchards will double", "Tolgonay Usenbayli"),
    # a possessive description, then the titled name, then the cue, after the quote
    ("“The pipeline will not carry a single barrel until the environmental audit is published,” Georgia's "
     "lead negotiator, Deputy Economy Minister Zurabkhan Kvirikashvili, told reporters on Friday.",
     "The pipeline will not carry", "Zurabkhan Kvirikashvili"),
    # "Name, director of the X" with no article: "the director" is that person
    ("Javanshirali Mammadkhanli, director of the Lankaran Tea Institute, said that the harvest had been "
     "early.\n“We picked the first leaves in April, three weeks sooner than any year on record,” the "
     "director noted.", "We picked the first leaves", "Javanshirali Mammadkhanli"),
    # an ambassador "to" a country: the title is kept whole, the country is not part of the name
    ("Turkmenistan's Ambassador to Georgia Annamyrat Gurbanbayli welcomed the deal, calling it “a bridge "
     "between two seas that nobody can close again”.\n“Our traders have waited for this ferry line for "
     "ten years and they are ready to use it,” the ambassador said.",
     "Our traders have waited", "Annamyrat Gurbanbayli"),
    ("Turkmenistan's Ambassador to Georgia Annamyrat Gurbanbayli welcomed the deal, calling it “a bridge "
     "between two seas that nobody can close again”.", "a bridge between two seas", "Annamyrat Gurbanbayli"),
    # a title ending in a body's name ("State Commission on Flood Control") is not part of the person's name
    ("The chairman of the State Commission on Flood Control Nurlanbek Agayarli said that all the dams along "
     "the river would hold.\n“We have sandbags for every village on the bank,” Agayarli said.",
     "We have sandbags", "Nurlanbek Agayarli"),
    # a colon lead-in with "reminded" and a role noun, then a quote over two paragraphs
    ("Gunaybeyim Talibkhanli, chairwoman of the Ganja Weavers' Guild, spoke at the fair.\n"
     "Speaking about prices, the chairwoman reminded the audience that the guild sets no tariffs:\n"
     "“Every weaver decides what her own carpet is worth.\n"
     "We only check that the wool is real and the dyes are natural.”", "We only check that the wool",
     "Gunaybeyim Talibkhanli"),
    # "Surname began by recalling ...:" before a paragraph-opening quote with no cue of its own
    ("Sevdagul Aghabayli, head of the Quba Apple Growers' Union, addressed the congress.\n"
     "Aghabayli began by recalling the frost of 2014:\n"
     "“That spring we lost almost every blossom in the valley, and half of the young growers left.”",
     "That spring we lost", "Sevdagul Aghabayli"),
    # a patronymic ("Rashid oglu") is dropped from the canonical name
    ("Ilgarkhan Rashid oglu Mammadkhanov, the head of the village council, met the reporters.\n"
     "“Water comes to us twice a week and only at night, so we fill every bucket we have,” "
     "Mammadkhanov said.", "Water comes to us", "Ilgarkhan Mammadkhanov"),
])
def test_unfamiliar_names_are_attributed(body, fragment, speaker):
    assert _speakers_of(body, fragment) == [speaker]


@pytest.mark.parametrize("body, fragment", [
    # a lone capitalised word that the article never names in full stays unattributed
    ("Critics began by recalling the frost of 2014:\n"
     "“That spring we lost almost every blossom in the valley, and half of the young growers left.”",
     "That spring we lost"),
])
def test_lone_words_are_not_speakers(body, fragment):
    assert _speakers_of(body, fragment) == [None]


def test_role_noun_of_a_feature_story_is_the_person_just_quoted():
    body = ("At her stall in the old market, 64-year-old Gulbahar Nasirzade folds the dough by hand.\n"
            "“My mother baked here, and her mother before her. The oven is older than the street,” "
            "Nasirzade says.\n"
            "The bakery sells about two hundred loaves on a normal day.\n"
            "“Bread that waits for the customer is already old bread,” the baker explains.")
    assert _speakers_of(body, "Bread that waits") == ["Gulbahar Nasirzade"]


def test_role_noun_is_not_guessed_when_someone_else_was_named_since():
    body = ("At her stall in the old market, 64-year-old Gulbahar Nasirzade folds the dough by hand.\n"
            "“My mother baked here, and her mother before her. The oven is older than the street,” "
            "Nasirzade says.\n"
            "The market was rebuilt in 2019 by architect Fuadkhan Shikhaliyev.\n"
            "“Bread that waits for the customer is already old bread,” the baker explains.")
    assert _speakers_of(body, "Bread that waits") == [None]


def test_role_noun_is_not_guessed_for_someone_described_otherwise():
    body = ("Economist Gulbahar Nasirzade studies the bread market.\n"
            "“Flour prices rose by a third in a single winter,” Nasirzade says.\n"
            "“Bread that waits for the customer is already old bread,” the baker explains.")
    assert _speakers_of(body, "Bread that waits") == [None]


@pytest.mark.parametrize("phrase, org", [
    ("Armenian State Hydromet", "Armenian State Hydromet"),
    ("the Kazakh National Gridco", "Kazakh National Gridco"),
    ("Georgian State Minister Tamarkhan", None),
    ("Georgian State", None),
])
def test_state_body_names(phrase, org):
    assert parse_org(phrase) == org


def test_state_body_is_an_organisation_speaker():
    body = "Armenian State Hydromet said in a statement that the river would peak on Thursday night."
    res = analyse_speech(None, None, body)
    assert [s.name for s in res.speakers] == ["Armenian State Hydromet"]
    assert res.speakers[0].kind == "organisation"


@pytest.mark.parametrize("phrase", ["Deputy Minister of Transport", "Mayor of Lankaran", "Head of Urban Planning"])
def test_a_portfolio_after_of_is_not_a_name(phrase):
    men = parse_mention(phrase)
    assert men is None or men.kind != "name"


def test_headline_naming_two_countries_does_not_demote_either_side():
    title = "Georgia, Armenia agree on new power line"
    body = ("Armenia's Deputy Energy Minister Vahagnik Sargsyants said that the line would be finished by 2027.\n"
            "“This line will let both countries trade electricity every hour of the year, in both "
            "directions, and it will pay for itself within a decade,” Sargsyants said.\n"
            "Georgia's Energy Minister Levanbek Tsereteliani said the talks were constructive.")
    res = analyse_speech(title, None, body)
    assert res.primary_speaker == "Vahagnik Sargsyants"
