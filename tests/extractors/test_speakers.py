"""Speaker phrases and canonical entities, on invented names."""

import pytest

from extractors.speech.entities import Entities
from extractors.speech.names import parse_mention
from extractors.speech.organisations import parse_org
from extractors.speech.speakers import ascii_fold


@pytest.mark.parametrize(
    ("phrase", "kind", "name", "role"),
    [
        ("Moldovan President Dorin Vasilescu", "name", "Dorin Vasilescu", "President of Moldova"),
        ("Norway's Finance Minister Kari Lunde", "name", "Kari Lunde", "Finance Minister of Norway"),
        ("President of the French Republic Anne Dupuis", "name", "Anne Dupuis", "President of France"),
        ("Sen. Walter Brisk (D-Ore.)", "name", "Walter Brisk", "Sen."),
        ("veteran pollster Marta Quill", "name", "Marta Quill", None),
        ("she", "pronoun", None, None),
        ("the Austrian chancellor", "role", None, None),
        ("Two officials", None, None, None),
        ("Sweden", None, None, None),
        ("Earlier on Tuesday", None, None, None),
    ],
)
def test_parse_mention(phrase, kind, name, role):
    m = parse_mention(phrase)
    if kind is None:
        assert m is None
        return
    assert m is not None and m.kind == kind
    if name:
        assert m.name == name
    if role:
        assert m.role == role


@pytest.mark.parametrize(
    ("phrase", "org"),
    [
        ("Sweden's foreign ministry", "Ministry of Foreign Affairs of Sweden"),
        ("the Ministry of Foreign Affairs of the Republic of Georgia", "Ministry of Foreign Affairs of Georgia"),
        ("Ministry of Foreign Affairs of Republic of Azerbaijan", "Ministry of Foreign Affairs of Azerbaijan"),
        ("Azerbaijan’s MFA", "Ministry of Foreign Affairs of Azerbaijan"),
        ("the Polish Health Ministry", "Ministry of Health of Poland"),
        ("the Belgian Defence Ministry", "Ministry of Defence of Belgium"),
        ("the ministry", None),
        ("Maria Lopez", None),
    ],
)
def test_parse_org(phrase, org):
    assert parse_org(phrase) == org


def test_ascii_fold_turkish_and_azerbaijani_letters():
    assert ascii_fold("Çağrı Yılmazoğlu") == "Cagri Yilmazoglu"
    assert ascii_fold("Əli Həsənov") == "Eli Hesenov"


def test_surname_resolves_to_full_name_and_shared_surnames_stay_apart():
    ents = Entities()
    tom = ents.person("Tomas Brandt")
    ents.note(0, tom, True)
    lena = ents.person("Lena Brandt")
    ents.note(50, lena, True)
    assert tom is not lena
    # the surname alone goes to the most recently mentioned Brandt
    assert ents.surname("Brandt", 60) is lena
    # a first name picks the right one
    assert ents.surname("Tomas", 60) is tom


def test_accented_and_plain_spellings_are_one_person():
    ents = Entities()
    a = ents.person("Gökhan Özdemir")
    b = ents.person("Gokhan Ozdemir")
    assert a is b and a.name == "Gökhan Özdemir"  # the name keeps its letters, whichever came first
    c = ents.person("Selim Karaagacli")
    d = ents.person("Selim Karaağaçlı")
    assert c is d and c.name == "Selim Karaağaçlı"


def test_role_noun_and_pronoun_resolution():
    ents = Entities()
    m = parse_mention("Estonian Prime Minister Tiina Kask")
    kask = ents.resolve(m, 0)
    ents.note(0, kask, True)
    other = ents.resolve(parse_mention("Jon Varg"), 100)
    ents.note(100, other, False)
    assert ents.resolve(parse_mention("the prime minister"), 200) is kask
    # "she" skips the male name mentioned later and finds the subject Tiina Kask
    assert ents.resolve(parse_mention("she"), 200) is kask


def test_mentions_of_ministries_documents_and_described_roles():
    from extractors.speech.names import parse_mention
    from extractors.speech.organisations import ministry_portfolio, parse_org
    cases = [
        ("the Ministry of Energy", "org-anaphor", "Ministry of Energy"),
        ("the energy ministry", "org-anaphor", "Ministry of Energy"),
        ("the Ministry of Climate and Energy", "org-anaphor", "Ministry of Climate and Energy"),
        ("the statement", "org-anaphor", ""),
        ("the analyst", "role", None),
        ("owners of small shops in Tarvos", None, None),
        ("a spokeswoman for Jane Roe", None, None),
        ("Jane Roe, president of the dockers' union", "name", "Jane Roe"),
    ]
    for phrase, kind, name in cases:
        men = parse_mention(phrase)
        if kind is None:
            assert men is None, phrase
            continue
        assert men is not None and men.kind == kind, (phrase, men)
        if name is not None:
            assert men.name == name, (phrase, men)
    assert parse_mention("the analyst").generic
    assert parse_mention("the statement").document
    assert parse_org("Ministry of Digital Development of the Republic of Latvia") == \
        "Ministry of Digital Development of Latvia"
    assert ministry_portfolio("Jane Roe of the energy ministry") is None
