import pytest

from extractors.layout import titles as T


@pytest.mark.parametrize("s, expected", [
    ("Harbour authority plans second ferry terminal", True),
    ("Minister: “We will open the bridge in May”", True),
    ("The minister said the bridge would open in May, and the mayor agreed with him on this.", False),
    ("+ ↺ − 16 px", False),
    ("Politics", False),
])
def test_headline_like(s, expected):
    assert T.is_headline_like(s) is expected


@pytest.mark.parametrize("s, expected", [("Foreign policy", True), ("OFFICIAL NEWS", True), ("Date", False),
                                         ("Caliber.az", False), ("Prices rose 5%", False)])
def test_label(s, expected):
    assert T.is_label(s) is expected


@pytest.mark.parametrize("s, expected", [("Narek Tevosyan", True), ("Foreign Policy", False),
                                         ("Tbilisi", False)])
def test_person_name(s, expected):
    assert T.is_person_name(s) is expected


def test_choose_title_prefers_repeated():
    cands = [(0, "Site News"), (2, "Farmers rally in the capital"), (5, "Another headline here")]
    assert T.choose_title(cands, {5}) == (5, "title:repeated")
    assert T.choose_title(cands, set()) == (2, "title:first-3-words")
    assert T.choose_title([], set()) is None


@pytest.mark.parametrize("s, expected", [
    ("Category: Harbour", "Harbour"),
    ("Politics Materials", "Politics"),
    ("Foreign policy materials", "Foreign policy"),
    ("Culture section", "Culture"),
    ("Harbour reopens after storm", None),
    ("Teaching materials", "Teaching"),
])
def test_category_line(s, expected):
    assert T.category_line(s) == expected
