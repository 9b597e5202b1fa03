"""Properties of extraction on generated input (hypothesis): it never raises on any text or bytes,
every body line comes from the input, every speaker is supported by the text, and no publication
date is later than the document's receipt. Bounded example counts keep each test to a few seconds."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.documents import ExtractionError, extract_document
from extractors.layout.page import normalise_text

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MEDIA_TYPES = ["text/plain", "text/html", "application/rss+xml", "application/atom+xml"]

# Invented vocabulary: page-shaped text is far more likely to reach every rule than random characters.
FIRST = ["Leyla", "Tural", "Samira", "Orkhan", "Nigar", "Rauf", "Aysel", "Kamran"]
LAST = ["Karimova", "Bagirzade", "Qasimova", "Huseynli", "Mammadli", "Aliyeva", "Rzayev", "Safarov"]
PLACES = ["Ganja", "Lankaran", "Shaki", "Quba", "Alat", "Mingachevir"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
VERBS = ["said", "told reporters", "stressed", "added", "noted", "announced"]
FURNITURE = ["Share", "Subscribe", "Accept all cookies", "Read more", "Photo: archive", "Advertisement",
             "Home | World | Sport", "Follow us on Telegram", "Related news"]

names = st.builds(lambda f, last: f"{f} {last}", st.sampled_from(FIRST), st.sampled_from(LAST))
dates = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31))
date_lines = st.one_of(
    dates.map(lambda d: f"{d:%d} {MONTHS[d.month % 6]} {d:%Y} {d:%H:%M}"),
    dates.map(lambda d: f"{MONTHS[d.month % 6]} {d.day}, {d:%Y}"),
    dates.map(lambda d: f"{d:%d.%m.%Y}, {d:%H:%M}"),
    dates.map(lambda d: f"date {d:%Y-%m-%d} "),
)
sentences = st.one_of(
    st.builds(lambda p, d: f"The council of {p} approved the new budget on {d:%A}.", st.sampled_from(PLACES), dates),
    st.builds(lambda n, v, p: f"\u201cThe road to {p} will open in spring,\u201d {n} {v}.", names,
              st.sampled_from(VERBS), st.sampled_from(PLACES)),
    st.builds(lambda n, p: f'{n} said that the port of {p} would double its capacity.', names, st.sampled_from(PLACES)),
    st.builds(lambda p: f"Residents of {p} welcomed the decision, according to local media.", st.sampled_from(PLACES)),
    st.text(max_size=80),
)
lines = st.one_of(sentences, date_lines, st.sampled_from(FURNITURE), names.map(lambda n: f"By {n}"),
                  st.just(""), st.text(alphabet="\u201c\u201d\"'\u00ab\u00bb -\x1b[0m\x00\r\t", max_size=20))
pages = st.lists(lines, min_size=1, max_size=25).map("\n".join)


def _extract(content: bytes, media_type: str, received: datetime | None = None):
    try:
        return extract_document(content, media_type, "generated", received=received)
    except ExtractionError as exc:
        assert exc.reason and str(exc)
        return None


def _squash(s: str) -> str:
    """Whitespace-free and case-folded: reflow joins wrapped lines (a word broken at its hyphen with no space)."""
    return "".join(unicodedata.normalize("NFC", s).split()).casefold()


@FAST
@given(st.binary(max_size=3000), st.sampled_from(MEDIA_TYPES))
def test_any_bytes_give_a_page_or_a_reason(content: bytes, media_type: str):
    _extract(content, media_type)


@FAST
@given(st.one_of(pages, st.text(max_size=3000)), st.sampled_from(MEDIA_TYPES),
       st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1251", "latin-1"]))
def test_any_text_in_any_encoding_gives_a_page_or_a_reason(text: str, media_type: str, encoding: str):
    _extract(text.encode(encoding, errors="replace"), media_type)


@FAST
@given(pages)
def test_every_body_line_comes_from_the_input(text: str):
    page = _extract(text.encode(), "text/plain")
    source = _squash(normalise_text(text))
    for item in page.items if page else ():
        for line in item.body.split("\n"):
            assert _squash(line) in source, line


@FAST
@given(pages)
def test_every_speaker_is_named_in_the_text(text: str):
    page = _extract(text.encode(), "text/plain")
    source = _squash(normalise_text(text))
    for item in page.items if page else ():
        named = {s.name: s.aliases for s in item.speakers}
        named.update({q.speaker: [q.mention] if q.mention else [] for q in item.quotes if q.speaker})
        for name, aliases in named.items():
            forms = [name, *aliases, *re.findall(r"\w{3,}", name)]
            assert any(_squash(f) in source for f in forms if f), (name, aliases)


@FAST
@given(pages, dates.map(lambda d: d.replace(tzinfo=UTC)))
def test_no_publication_date_is_after_the_document_was_received(text: str, received: datetime):
    page = _extract(text.encode(), "text/plain", received)
    for item in page.items if page else ():
        if not item.published:
            continue
        if len(item.published) == 10:  # a day: at most the receipt's day where the day starts first (UTC+14)
            assert item.published <= (received + timedelta(hours=14)).date().isoformat()
        else:
            assert datetime.fromisoformat(item.published) <= received
