"""Speakers named away from the quote's own cue: an inverted cue after the quote's unquoted tail, ages
before descriptions, signature lines, sentence subjects with other verbs, speakers named by surname
only, and places that are not people (invented people and outlets)."""

import pytest

from extractors.speech.analysis import analyse_speech
from extractors.speech.names import parse_mention


def _speaker_of(body: str, fragment: str) -> tuple[str | None, str]:
    res = analyse_speech("Harbour news", None, body)
    hits = [(q.speaker, q.rule) for q in res.quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r}: {[q.text for q in res.quotes]}"
    return hits[0]


@pytest.mark.parametrize("body, fragment, speaker, rule", [
    # the quote's sentence runs on unquoted, then an inverted cue names the speaker
    ("The council met on Monday.\n\n“We are very pleased” with the ruling, said Marisol Quant, director of "
     "the Harbour Tenants League.", "We are very pleased", "Marisol Quant", "after:tail-inverted-cue"),
    ("Turnout fell again.\n\n\"Many would call that a warning sign\" if the margin keeps shrinking, said "
     "Oskar Brandvold, an analyst at the Fjordline Institute.", "Many would call", "Oskar Brandvold",
     "after:tail-inverted-cue"),
    # a military title's abbreviation inside the speaker phrase
    ("\"We have no plans to change the patrol routes,\" said Coast Guard Capt. Arne Solberg.",
     "We have no plans", "Arne Solberg", "after:cue-speaker"),
    # an age between the name and its description
    ("The line was long.\n\n\"I came here at six in the morning to be first,\" said Petra Lindqvist, 34, "
     "a nurse from Ostbury.", "I came here at six", "Petra Lindqvist", "after:cue-speaker"),
    ("\"Nobody asked us what we wanted for this town,\" says Dario Fenwick, 23, a student from Lakemoor.",
     "Nobody asked us", "Dario Fenwick", "after:cue-speaker"),
    # a signature line under a quote that ends its paragraph
    ("\"We will not stop until every voter has been heard in this state.\"\n\n- Halvard Crane",
     "We will not stop", "Halvard Crane", "after:signature-line"),
    ("“The river has never been this low in living memory.”\n\n— Ingrid Solvang, Ostbury.",
     "The river has never", "Ingrid Solvang", "after:signature-line"),
    # the sentence's subject, with a verb that is not a cue
    ("Mayor Tobias Wendt spoke on Monday.\n\nWendt took the stage at the Grand Hall and called the budget "
     "“a disgrace to the whole city.”", "a disgrace to the whole", "Tobias Wendt", "before:sentence-subject"),
    ("Governor Rufus Pell opened the session.\n\nPell is pledging to “build three new schools in every "
     "county” by next year.", "build three new schools", "Rufus Pell", "before:sentence-subject"),
    # after a quote that ends on a comma, any verb of a named subject, with "to" after it
    ("“Keep your hands where I can see them,” Lotte Brandauer sings to the crowd before the encore.",
     "Keep your hands", "Lotte Brandauer", "after:speaker-verb"),
    # a colon lead-in whose subject follows a dated opening phrase
    ("On July 6, 2019, Senator Arvo Tamm made the following comment:\n\n“Our ports must stay open to "
     "everyone who trades honestly with us.”", "Our ports must stay open", "Arvo Tamm",
     "colon-intro:before:colon-subject"),
    ("Senator Ilse Marrow toured the plant.\n\nHours later, Marrow hit back at her critics, telling the Ostbury "
     "Ledger, “I have never taken a cent from the shipyard owners.”", "I have never taken a cent",
     "Ilse Marrow", "before:participle-subject-surname"),
])
def test_speaker_away_from_the_cue(body, fragment, speaker, rule):
    assert _speaker_of(body, fragment) == (speaker, rule)


@pytest.mark.parametrize("body, fragment, speaker", [
    # a surname the article never gives in full is still the one "he" stands for: the man named as a
    # speaker elsewhere, not the man mentioned last
    ("Brannock said the harbour would reopen in May.\n\nAt the meeting, Brannock talked about his family, "
     "referring to his daughter, who married Piet Ormond, who runs a bakery in the old town.\n\n"
     "\"I have a son-in-law who bakes better than anyone in the country,\" he said.",
     "I have a son-in-law", "Brannock"),
])
def test_surname_speakers_join_the_timeline(body, fragment, speaker):
    assert _speaker_of(body, fragment)[0] == speaker


@pytest.mark.parametrize("phrase, name", [
    ("Ohio", None),
    ("New Hampshire", None),
    ("Los Angeles", None),
    ("South Dakota", None),
    ("N. Korea", None),
    ("Navy Capt. Arne Solberg", "Arne Solberg"),
    ("Whether Solberg", "Solberg"),
    ("S. Roe", "S. Roe"),
    ("George Washington", "George Washington"),
    ("Virginia Holm", "Virginia Holm"),
])
def test_places_are_not_people(phrase, name):
    men = parse_mention(phrase)
    assert (men.name if men is not None else None) == name


@pytest.mark.parametrize("body", [
    # a word that opens sentences is a speaker only if the article also capitalises it inside one
    "Officials said the bridge would close.\n\n“The bridge is unsafe for trucks,” officials said on Monday.",
])
def test_sentence_initial_common_nouns_are_not_surnames(body):
    res = analyse_speech("Bridge", None, body)
    assert all(q.speaker != "Officials" for q in res.quotes)


@pytest.mark.parametrize("body, fragment, speaker", [
    # a generic role noun right after someone's quote, nobody else named since: the person just quoted,
    # when the article gives them no title of another office
    ("Marta Ilves, a grandmother of four, opened her shop at dawn.\n\n“People queue here before the sun is "
     "up,” Ilves said.\n\n“Bread is the one thing nobody wants to go without,” the baker added.",
     "Bread is the one thing", "Marta Ilves"),
    # ... but not the finance minister quoted before "the analyst"
    ("Finance Minister Ruta Kalns said the budget was balanced.\n“The numbers do not add up at all this "
     "year,” the analyst said.", "The numbers do not add up", None),
])
def test_generic_role_after_a_quote(body, fragment, speaker):
    assert _speaker_of(body, fragment)[0] == speaker
