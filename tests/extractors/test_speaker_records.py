"""The speaker records an article gives the speakers table: names, kinds, roles, aliases (invented text)."""

import pytest

from extractors.speech.aliases import article_role, display_name, identifying_aliases, initials, richer
from extractors.speech.analysis import analyse_speech
from extractors.speech.names import parse_mention


def _speakers(body: str) -> dict[str, tuple]:
    result = analyse_speech("A test story", None, body)
    return {s.name: (s.kind, s.role, s.aliases) for s in result.speakers}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a name keeps its letters; a bare surname and "the minister" are not aliases
        ('Minister of Culture Çağrı Yılmazoğlu opened the hall on Monday. "We will open the museum in May," '
         'Yılmazoğlu said. The minister added that tickets would be free.',
         {"Çağrı Yılmazoğlu": ("person", "Minister of Culture", [])}),
        # a page that writes the name without its diacritics first: the fuller spelling wins, the other is an alias
        ('Cagri Yilmazoglu, a collector, spoke first. "The hall is small," Cagri Yilmazoglu said.\n'
         'Later Çağrı Yılmazoğlu said: "We need a bigger one."',
         {"Çağrı Yılmazoğlu": ("person", None, ["Cagri Yilmazoglu"])}),
        # two people who share a surname stay two speakers, and neither holds the surname as an alias
        ('Economy Minister Nana Gelashvili said the plan was ready. "We start in June," Gelashvili said.\n'
         'Farmer Levan Gelashvili, who grows hazelnuts near the town, disagreed. '
         '"Nobody asked us," Levan Gelashvili said.',
         {"Nana Gelashvili": ("person", "Economy Minister", []), "Levan Gelashvili": ("person", None, [])}),
        # an acronym stands for the organisation of the article with those initials
        ('The Ministry of Emergency Situations of Moldova said the fire was out. "No one was hurt," the MES noted.',
         {"Ministry of Emergency Situations of Moldova": ("organisation", None, [])}),
        # an acronym nobody spells out is still an organisation, not a person
        ('"The river is safe to swim in," the VRWA said on Friday.', {"VRWA": ("organisation", None, [])}),
        # "the company", "the statement" stand for the organisation in this article only
        ('Kutaisi Glass Factory reported record sales on Monday. "Output will double next year," the company '
         'said in a statement.', {"Kutaisi Glass Factory": ("organisation", None, [])}),
        ('The Tbilisi Tram Association called for new lines. "The city needs trams," the association said.',
         {"Tbilisi Tram Association": ("organisation", None, [])}),
        # a role keeps its "of"
        ('Deputy Minister of Water Resources of Moldova Ion Ceban visited the dam. "The dam is sound," Ceban said.',
         {"Ion Ceban": ("person", "Deputy Minister of Water Resources of Moldova", [])}),
    ],
)
def test_speaker_records(body, expected):
    assert _speakers(body) == expected


@pytest.mark.parametrize(
    ("name", "kind", "surfaces", "aliases"),
    [
        ("Nana Gelashvili", "person", ["Gelashvili", "Minister Gelashvili", "the minister", "she"], []),
        ("Selim Karaagacli", "person", ["Selim Karaağaçlı", "Karaağaçlı"], ["Selim Karaağaçlı"]),
        ("Recep Tayyip Ardanoglu", "person", ["President Tayyip Ardanoglu"], ["Tayyip Ardanoglu"]),
        ("Dilara Osmanli", "person", ["the governor of Ordu Kemal Sarp"], []),  # someone else's name
        ("Jassim Khalifa Al Nuaimi", "person", ["Al Nuaimi"], []),  # a particle and a surname
        ("Ministry of Energy of Moldova", "organisation",
         ["the Ministry of Energy", "Energy ministry", "The ministry", "the statement", "Moldova's energy ministry"],
         ["Moldova's energy ministry"]),
        ("Ministry of Foreign Affairs of Moldova", "organisation",
         ["Statement of the Ministry of Foreign Affairs of Moldova", "MFA"], []),
        ("Kutaisi Glass Factory", "organisation",
         ["The company", "The Kutaisi Glass Factory", "the Kutaisi Glass Factory management"],
         ["Kutaisi Glass Factory management"]),
    ],
)
def test_only_identifying_names_are_aliases(name, kind, surfaces, aliases):
    assert identifying_aliases(name, kind, surfaces) == aliases


@pytest.mark.parametrize(
    ("phrase", "role"),
    [
        ("Minister of Culture Leyla Ismayilova", "Minister of Culture"),
        ("the Minister of Foreign Affairs of the Republic of Moldova Ana Rusu",
         "Minister of Foreign Affairs of Moldova"),
        ("head of the ministry's water department Oleg Ceban", "Head of the ministry's water department"),
        ("Moldovan President Ana Rusu", "President of Moldova"),
    ],
)
def test_roles_keep_their_words(phrase, role):
    assert parse_mention(phrase).role == role


def test_name_helpers():
    assert display_name("Dara  O’Connell ") == "Dara O'Connell"
    assert richer("Selim Karaagacli", "Selim Karaağaçlı") == "Selim Karaağaçlı"
    assert richer("Selim Karaağaçlı", "Selim Karaagacli") == "Selim Karaağaçlı"
    assert richer("Selim Karaagacli", "Selim Kara") == "Selim Karaagacli"  # another name
    assert initials("Ministry of Emergency Situations of Moldova") == "MES"
    assert initials("State Oil Company") == "SOC"
    assert article_role("President", "President of Moldova") == "President of Moldova"
    assert article_role("Former Minister", "President of Moldova") == "Former Minister"
    assert article_role(None, "President of Moldova") == "President of Moldova"
