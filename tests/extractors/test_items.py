from extractors.layout.items import detect_digest, epigraph_parts

DIGEST = """12 May 2021

Chronicle of the day

We will rebuild every bridge. We will not stop. Mara Velik

The northern bridge reopened to traffic

Engineers of the invented province finished repairs on the northern bridge on Tuesday.

Trucks are allowed again from the morning.


Schools in the valley resume classes

Classes resumed in all twelve schools of the valley after a two-week break.


Governor meets farmers

The governor met farmers of the region and discussed the irrigation canal.
"""


def test_digest_items():
    lines = DIGEST.split("\\n") if "\\n" in DIGEST else DIGEST.split("\n")
    d = detect_digest(lines, None)
    assert d is not None
    assert [it.title for it in d.items] == ["The northern bridge reopened to traffic",
                                            "Schools in the valley resume classes", "Governor meets farmers"]
    assert d.date.day.isoformat() == "2021-05-12"
    assert d.epigraph.endswith("Mara Velik") and d.epigraph_speaker == "Mara Velik"
    labels = [x.rule for x in d.decisions if x.text == "Chronicle of the day"]
    assert labels == ["digest:header-label"]


def test_plain_article_is_not_digest():
    lines = ["12 May 2021", "", "Bridge reopens", "", "Engineers finished repairs on the bridge on Tuesday.",
             "", "Trucks are allowed again."]
    assert detect_digest(lines, None) is None


def test_epigraph_parts():
    assert epigraph_parts("Peace needs patience. It needs courage. Jon Arvo") == (
        "Peace needs patience. It needs courage.", "Jon Arvo")
    assert epigraph_parts("A normal sentence without a name at the end.") is None
