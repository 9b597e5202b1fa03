import pytest

from extractors.layout.bylines import lede_byline, parse_byline


@pytest.mark.parametrize("line, expected", [
    ("By Lale Qasimova", (["Lale Qasimova"], [])),
    ("By Lale Qasimova and Tomas Berg", (["Lale Qasimova", "Tomas Berg"], [])),
    ("Author: Mira Kand", (["Mira Kand"], [])),
    ("Interview by Pavel Orlov. Exclusively to Some Weekly", (["Pavel Orlov"], [])),
    ("By AFP", ([], ["AFP"])),
    ("By Reuters", ([], ["Reuters"])),
    ("By the way, this is prose.", None),
    ("Bypass road opens", None),
])
def test_parse_byline(line, expected):
    assert parse_byline(line) == expected


def test_lede_byline():
    assert lede_byline("Baku, Azerbaijan, May 2 By Sona Aliyeva - Trend: The bank said") == ["Sona Aliyeva"]
    assert lede_byline("The bank said on Monday that rates would stay.") == []


@pytest.mark.parametrize("line, expected", [
    ("Photos by Jonas Berg", ([], ["Jonas Berg"])),
    ("Photo by Lena Marsh and Ola Dahl", ([], ["Lena Marsh", "Ola Dahl"])),
    ("Video by Per Lund", ([], ["Per Lund"])),
    ("Written by Lena Marsh", (["Lena Marsh"], [])),
])
def test_photographer_is_a_credit(line, expected):
    assert parse_byline(line) == expected
