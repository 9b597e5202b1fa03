"""A speaker's name as written, its aliases and the organisation behind an acronym.

An article calls one speaker many things: "Leyla Karimova", "Karimova", "Minister Karimova", "the
minister", "the ministry", "the statement". Only forms that name the speaker outside the article are
aliases (the speakers table is global): a person's full name in another spelling ("Selim Karaağaçlı"
beside "Selim Karaagacli"), an organisation's proper name or acronym. A bare surname (two people share
it), a title with a surname, a role noun or an anaphor ("the company") names the speaker only inside
its article. Names keep their letters; `speakers.key` folds them for matching only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from extractors.speech.names import parse_mention
from extractors.speech.speakers import COUNTRIES, country_of, key

# "MES", "MFA", "SOCAR": an organisation's initials (letters only, at least one more capital)
ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{1,7}$")
LEADING_THE_RE = re.compile(r"^the\s+", re.I)
# words that do not count as initials: "Ministry of Emergency Situations" -> MES
INITIAL_SKIP = {"of", "the", "and", "for", "on", "in", "to", "&"}
NAME_PARTICLES = {"al", "el", "de", "da", "del", "van", "von", "der", "bin", "ibn", "la", "le", "du", "di",
                  "dos", "oglu", "ogly", "qizi", "gizi", "kizi", "kyzy"}
# an alias made only of these is a reference, not a name: "the company", "The port", "the statement"
GENERIC_WORDS = {
    "ministry", "department", "agency", "office", "committee", "council", "commission", "service",
    "embassy", "government", "administration", "company", "corporation", "port", "bank", "association",
    "federation", "confederation", "union", "organisation", "organization", "group", "forum", "watchdog",
    "operator", "authority", "airline", "airport", "railway", "plant", "factory", "fund", "centre",
    "center", "institute", "foundation", "statement", "communique", "report", "press", "release",
    "spokesperson", "spokesman", "spokeswoman", "official", "officials", "side", "party", "minister",
    "foreign", "defence", "defense", "energy", "national", "state", "of", "the", "and", "s",
}
# "Statement of the Ministry of ...": a document of the organisation, not its name
DOCUMENT_WORDS = {"statement", "communique", "report", "release", "letter", "note", "declaration", "decree"}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@lru_cache(maxsize=16384)
def display_name(name: str) -> str:
    """A name as written, tidied but with its letters kept: NFC, straight apostrophes, single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name).translate(_APOSTROPHES)).strip()


@lru_cache(maxsize=16384)
def richer(current: str, candidate: str) -> str:
    """Of two spellings of one name (same key), the one that keeps more letters: "Karaağaçlı" over
    "Karaagacli" (a page that lost its diacritics)."""
    if key(current) != key(candidate):
        return current
    def marks(s: str) -> int:
        return sum(1 for c in s if ord(c) > 127)
    return candidate if marks(candidate) > marks(current) else current


def initials(name: str) -> str:
    """"Ministry of Emergency Situations of Azerbaijan" -> "MES" (the country left out)."""
    words = name.split()
    if len(words) >= 3 and words[-2].lower() == "of" and COUNTRIES.get(key(words[-1])):
        words = words[:-2]
    return "".join(w[0].upper() for w in words if w.lower() not in INITIAL_SKIP and w[:1].isalpha())


def _person_alias(tokens: list[str], surface: str) -> str | None:
    """The name words of a surface form when they name the person on their own: two or more name
    words (particles aside), every one of them the person's."""
    men = parse_mention(surface)
    if men is None or men.kind != "name" or not men.name:
        return None
    words = [w for w in men.name.split() if key(w) not in NAME_PARTICLES]
    if len(words) < 2 or not all(set(key(w).split()) <= set(tokens) for w in words):
        return None
    return display_name(men.name)


def _organisation_alias(name: str, surface: str) -> str | None:
    """An organisation's proper name or acronym; for a country's body ("... of Azerbaijan") only a form
    that names the country too: "the Ministry of Energy" is every country's."""
    alias = display_name(LEADING_THE_RE.sub("", surface))
    words = key(alias).split()
    if not words or all(w in GENERIC_WORDS for w in words) or words[0] in DOCUMENT_WORDS:
        return None
    country = country_of(name)
    if country and country_of(alias) != country:
        return None
    return alias


def article_role(role: str | None, curated: str | None) -> str | None:
    """The role an article gives its speaker; the curated one when the article's is only part of it
    ("President" beside "President of Azerbaijan")."""
    if role and curated and set(key(role).split()) <= set(key(curated).split()):
        return curated
    return role or curated


def identifying_aliases(name: str, kind: str, surfaces: list[str]) -> list[str]:
    """The surface forms of a speaker that identify it outside its article, without its own name."""
    tokens = key(name).split()
    out: list[str] = []
    for surface in surfaces:
        alias = _person_alias(tokens, surface) if kind == "person" else _organisation_alias(name, surface)
        if alias and alias != name and alias not in out:
            out.append(alias)
    return out
