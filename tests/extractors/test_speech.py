"""analyse_speech on invented articles: attribution, canonical speakers, primary speaker, precision."""

from extractors.speech.analysis import analyse_speech


def by_text(res, fragment):
    hits = [x for x in res.quotes if fragment in x.text]
    assert hits, f"no quote with {fragment!r}: {[x.text for x in res.quotes]}"
    return hits[0]


def test_pronoun_chain_titles_and_surnames():
    body = "\n".join([
        "Moldovan President Dorin Vasilescu has said that the new grain corridor will open in spring.",
        "“We have waited long enough for this corridor,” the president said.",
        "Vasilescu met Romanian Prime Minister Ion Teodor on Monday.",
        "“The farmers will feel the difference within a month,” he added.",
        "Vasilescu stressed that “nobody will be left behind in the northern districts”.",
    ])
    res = analyse_speech("Vasilescu: grain corridor to open in spring", None, body)
    assert res.primary_speaker == "Dorin Vasilescu"
    assert by_text(res, "waited long enough").speaker == "Dorin Vasilescu"
    assert by_text(res, "farmers will feel").speaker == "Dorin Vasilescu"
    assert by_text(res, "nobody will be left behind").speaker == "Dorin Vasilescu"
    names = [s.name for s in res.speakers]
    assert names == ["Dorin Vasilescu"]  # Ion Teodor is only mentioned
    sp = res.speakers[0]
    assert sp.role == "President of Moldova"
    q = by_text(res, "waited long enough")
    assert res.quotes and q.start is not None and body[q.start:q.end] == q.text


def test_organisations_fold_to_one_canonical_name():
    body = "\n".join([
        "Sweden's foreign ministry said in a statement that the embassy would reopen next week.",
        "The Ministry of Foreign Affairs of the Kingdom of Sweden added that staff were safe.",
        "“Consular services resume on Monday,” the ministry said.",
    ])
    res = analyse_speech("Embassy to reopen", None, body)
    assert [s.name for s in res.speakers] == ["Ministry of Foreign Affairs of Sweden"]
    assert res.speakers[0].kind == "organisation"
    assert by_text(res, "Consular services").speaker == "Ministry of Foreign Affairs of Sweden"


def test_headline_organisation_with_colon_quote():
    res = analyse_speech("Ministry of Defence of the Republic of Latvia: “The drills end on Friday”", None,
                         "The exercise near the border involved four brigades.")
    q = by_text(res, "drills end on Friday")
    assert q.speaker == "Ministry of Defence of Latvia" and q.start is None
    assert res.primary_speaker == "Ministry of Defence of Latvia"


def test_shared_surnames_are_not_merged():
    body = "\n".join([
        "Tomas Brandt, the club chairman, said the stadium would be sold.",
        "“It is the end of an era,” Tomas Brandt said.",
        "His sister Lena Brandt, a city councillor, disagreed.",
        "“The city will block the sale,” Lena Brandt said.",
        "“We have the votes,” Brandt added.",
    ])
    res = analyse_speech(None, None, body)
    assert by_text(res, "end of an era").speaker == "Tomas Brandt"
    assert by_text(res, "block the sale").speaker == "Lena Brandt"
    assert by_text(res, "We have the votes").speaker == "Lena Brandt"
    assert sorted(s.name for s in res.speakers) == ["Lena Brandt", "Tomas Brandt"]


def test_mentioned_people_and_byline_are_not_speakers():
    body = "\n".join([
        "By Hanna Olsen",
        "Chancellor Petra Lind made a phone call to Prime Minister Arvo Kull on Tuesday.",
        "The two leaders discussed energy prices.",
        "“Energy prices must come down,” said Jonas Berg, an economist at the central bank.",
        "Berg said that Kull had asked Lind for help in March.",
    ])
    res = analyse_speech("Leaders discuss energy", None, body)
    names = {s.name for s in res.speakers}
    assert names == {"Jonas Berg"}
    assert by_text(res, "Energy prices must").speaker == "Jonas Berg"


def test_according_to_and_end_position_cues():
    body = "\n".join([
        "Chief engineer Rosa Vidal said the dam was inspected in May.",
        "According to Vidal, the spillway needs new gates before the rainy season.",
        "The cracks are superficial and pose no danger to the town, Vidal said on Friday.",
    ])
    res = analyse_speech(None, None, body)
    assert by_text(res, "spillway needs new gates").speaker == "Rosa Vidal"
    assert by_text(res, "spillway needs new gates").kind == "reported"
    assert by_text(res, "cracks are superficial").speaker == "Rosa Vidal"


def test_unattributable_quote_stays_unattributed():
    body = "\n".join([
        "Crowds gathered outside the court on Wednesday.",
        "“Justice delayed is justice denied, and we will stay here,” read one banner.",
    ])
    res = analyse_speech(None, None, body)
    assert all(x.speaker is None for x in res.quotes)
    assert res.primary_speaker is None and res.speakers == []


def test_dash_transcript_with_interviewer_never_the_interviewee():
    body = "\n".join([
        "Radio Nord has broadcast an interview with Prime Minister Arvo Kull.",
        "-Thank you for joining us, Prime Minister. Will the tax rise in January?",
        "-No. The tax will stay where it is, because the budget is balanced and our revenues are growing "
        "faster than we expected at the beginning of the year. We have said this many times.",
        "-But the opposition says the budget hides a deficit. Sir, is that true?",
        "-That is simply wrong. Every figure is published and audited by an independent office. "
        "Anyone can read the report and check the numbers for themselves.",
        "-I see.",
        "-And let me add that the audit office praised the transparency of our accounts.",
        "Do you rule out early elections?",
        "-I rule them out completely. The coalition is stable and will finish its term.",
        "-Thank you, Prime Minister.",
    ])
    res = analyse_speech("Kull rules out tax rise", None, body)
    assert res.primary_speaker == "Arvo Kull"
    assert by_text(res, "The tax will stay").speaker == "Arvo Kull"
    assert by_text(res, "audit office praised").speaker == "Arvo Kull"
    assert by_text(res, "rule them out completely").speaker == "Arvo Kull"
    for frag in ("Will the tax rise", "hides a deficit", "I see", "Do you rule out early"):
        assert by_text(res, frag).speaker is None
        assert by_text(res, frag).cue == "interview-question"


def test_labelled_transcript():
    body = "\n".join([
        "Below is our interview with Mayor Ines Moreau.",
        "Paul Vance, City Weekly: When will the tram line open?",
        "Ines Moreau: The first section opens in June, and the rest follows in autumn.",
        "Paul Vance, City Weekly: And the cost?",
        "Ines Moreau: It stays within the budget the council approved last year.",
    ])
    res = analyse_speech("Interview: the mayor on trams", None, body)
    assert by_text(res, "first section opens").speaker == "Ines Moreau"
    # a named interviewer's questions are theirs; the outlet after the name is not a speaker
    assert by_text(res, "When will the tram").speaker == "Paul Vance"
    assert by_text(res, "When will the tram").cue == "interview-question"
    assert sorted(s.name for s in res.speakers) == ["Ines Moreau", "Paul Vance"]
    assert res.primary_speaker == "Ines Moreau"


def test_epigraph_signed_by_its_speaker():
    res = analyse_speech("Anniversary", None, "The square was full.",
                         epigraph="Freedom is never given, it is won. Dorin Vasilescu")
    q = by_text(res, "Freedom is never given")
    assert q.speaker == "Dorin Vasilescu" and q.start is None


def test_multi_paragraph_quote_without_reopening_mark():
    body = "\n".join([
        "Answering a question about the harbour, the mayor said:",
        "“The harbour will be dredged this summer.",
        "After that, the ferries will return and the fish market will reopen.”",
    ])
    res = analyse_speech("Mayor Ines Moreau on the harbour", None,
                         "Mayor Ines Moreau spoke to reporters on Monday.\n" + body)
    q = by_text(res, "harbour will be dredged")
    assert "fish market will reopen" in q.text
    assert q.speaker == "Ines Moreau"


# -- patterns from layouts seen in the wild, each with invented sentences ------------------------------------
PATTERN_CASES = [
    # an organisation named without its country speaks; the article's dominant country completes its name
    ("org-without-country",
     "Transport ministry reports record rail freight in Moldova",
     ["Rail freight in Moldova grew by a third in March, the Ministry of Transport said in a statement.",
      "The ministry stressed that most of the growth came from grain shipments to Moldova's river port.",
      "Ion Popescu, who heads the freight office, told reporters that the wagons were fully booked."],
     {"rail freight in Moldova grew": "Ministry of Transport of Moldova",
      "most of the growth came": "Ministry of Transport of Moldova"},
     "Ministry of Transport of Moldova"),
    # "Ministry of X and Y": one name, not a person called "Y"
    ("ministry-with-and",
     "Latvia to restore wetlands",
     ["Latvia will restore 4,000 hectares of wetlands by 2027, the Ministry of Climate and Energy has said.",
      "Latvian officials said the first sites would be flooded in autumn."],
     {"restore 4,000 hectares": "Ministry of Climate and Energy of Latvia"}, None),
    # two people share a surname: "the analyst" is the one the article called an analyst
    ("shared-surname-descriptors",
     None,
     ["Trade Minister Janis Ozols said on Monday that tariffs would not change this year.",
      "“We see no reason to touch the tariffs,” the minister told reporters.",
      "Retail analyst Ilze Ozols, no relation, was less sure.",
      "“Importers are already raising prices, whatever the ministry says about tariffs,” the analyst said."],
     {"no reason to touch": "Janis Ozols", "Importers are already raising": "Ilze Ozols"}, None),
    # a paragraph introduces the speaker, then a quote over several paragraphs with no cue of its own
    ("lead-in-paragraph",
     "Bakers in a small town fear the new flour levy",
     ["Baker Lidia Moraru, who has run a bakery on the main square since 2004, described her worries.",
      "“I bake four hundred loaves a day. The levy takes my whole margin.",
      "“My customers cannot pay more, and I cannot pay less for the flour.”"],
     {"four hundred loaves": "Lidia Moraru"}, "Lidia Moraru"),
    # "X said:" followed by "- " lines (a reception transcript)
    ("colon-dash-lines",
     "Prime minister receives a delegation of the Nordic Shipping Council",
     ["Prime Minister Arvo Kull has received a delegation of the Nordic Shipping Council led by Liisa Mets.",
      "Addressing the meeting, Liisa Mets said:",
      "- Thank you for your time. Our members want to use the new northern terminal from next year.",
      "- We have already trained forty pilots for the river approach.",
      "The sides also discussed customs procedures."],
     {"Our members want to use": "Liisa Mets", "trained forty pilots": "Liisa Mets"}, "Liisa Mets"),
    # a statement in the first person plural: "the statement reads" is its issuing organisation
    ("statement-reads",
     "Statement of the Ministry of Foreign Affairs of the Republic of Estonia",
     ["The Ministry of Foreign Affairs of the Republic of Estonia welcomes the release of the detained sailors.",
      "“We thank all who helped to bring our sailors home safely,” the statement reads."],
     {"We thank all who helped": "Ministry of Foreign Affairs of Estonia"},
     "Ministry of Foreign Affairs of Estonia"),
    # "X, who ..., called the project “...”"
    ("called-object-quote",
     None,
     ["Harbour master Piet de Wit opened the new quay on Friday.",
      "Mayor Anouk Visser, who cut the ribbon, called the quay “a new front door for the whole town.”"],
     {"new front door": "Anouk Visser"}, None),
]


def test_layout_patterns():
    import pytest
    for name, title, paras, want, primary in PATTERN_CASES:
        res = analyse_speech(title, None, "\n".join(paras))
        for frag, speaker in want.items():
            hits = [x for x in res.quotes if frag.lower() in x.text.lower()]
            assert hits, f"{name}: no quote with {frag!r}: {[x.text for x in res.quotes]}"
            got = [x.speaker for x in hits]
            if speaker not in got:
                pytest.fail(f"{name}: {frag!r} want {speaker!r} got {got}")
        if primary is not None:
            assert res.primary_speaker == primary, name


def test_qa_transcript_interviewee_from_lede():
    body = "\n".join([
        "Economist Mirela Dobre of the Bucharest Institute of Trade answered questions about the port.",
        "Q: Is the new port terminal already profitable?",
        "A: Not yet. The first full year of operation ends in June, and the volumes are still growing.",
        "Q: What worries you most?",
        "A: The rail link. Without a second track, the terminal cannot handle more trains.",
        "Q: And the tariffs?",
        "A: They are fair, and they are lower than at any other port on this coast.",
    ])
    res = analyse_speech("Romanian economist: the port needs a second track", None, body)
    answers = [x for x in res.quotes if x.cue == "interview-answer"]
    assert answers and all(x.speaker == "Mirela Dobre" for x in answers)
    assert all(x.speaker is None for x in res.quotes if x.cue == "interview-question")
    assert res.primary_speaker == "Mirela Dobre"


PRECISION_CASES = [
    # plural common nouns, places and demonyms next to a cue are not speakers
    ("Critics said the new bridge was far too expensive for a town of that size.", None),
    ("Residents of small villages near Tarvos say the new road rules will close their shops.", None),
    ("Armenians said the border crossing would reopen in the spring of next year.", None),
    # "the analyst" no one in the article was called: unattributed, not the previous speaker
    ("Finance Minister Ruta Kalns said the budget was balanced.\n"
     "“The numbers do not add up at all this year,” the analyst said.", "numbers do not add up"),
]


def test_common_nouns_places_and_unknown_roles_are_not_speakers():
    for body, frag in PRECISION_CASES:
        res = analyse_speech(None, None, body)
        if frag is None:
            assert res.speakers == [] and res.primary_speaker is None, (body, [s.name for s in res.speakers])
        else:
            assert by_text(res, frag).speaker is None, body


def test_defence_ministry_takes_the_articles_country_or_the_given_one():
    body = "The defence ministry said that the drills near the border of Moldova would end on Friday."
    res = analyse_speech("Moldova ends drills", None, body)
    assert res.primary_speaker == "Ministry of Defence of Moldova"
    res = analyse_speech(None, None, "The defence ministry said that the drills would end on Friday.",
                         country="Latvia")
    assert res.primary_speaker == "Ministry of Defence of Latvia"
    # no country anywhere: better no speaker than a wrong one
    res = analyse_speech(None, None, "The defence ministry said that the drills would end on Friday.")
    assert res.primary_speaker is None
