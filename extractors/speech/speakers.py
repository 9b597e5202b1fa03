"""The curated speaker data and the vocabulary shared by the speaker modules.

speakers.toml (countries, ministries, first names, places, known people and organisations) is read
once at import. Besides it: the comparison key (`key`, `ascii_fold`), the capitalised-run regexes,
the word lists of titles, organisation heads and stop words, and the two records of the speaker
step: a `Mention` (what a phrase names; names.parse_mention) and an `Entity` (a canonical speaker;
entities.Entities).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

_DATA = tomllib.loads(resources.files("extractors.speech").joinpath("speakers.toml").read_text("utf-8"))

_FOLD_EXTRA = str.maketrans({
    "ı": "i", "İ": "I", "ə": "e", "Ə": "E", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d",
    "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "ʼ": "'",
})


KEY_CACHE_CHARS = 200  # names and phrases are memoised; a whole body (dominant_country) is not kept
NON_KEY_RE = re.compile(r"[^a-z0-9 ]+")
SPACES_RE = re.compile(r"\s+")


NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def _fold_run(m: re.Match) -> str:
    s = unicodedata.normalize("NFKD", m.group().translate(_FOLD_EXTRA))
    return "".join(c for c in s if not unicodedata.combining(c))


def _fold_text(s: str) -> str:
    # only the non-ASCII runs change (NFKD and the extra table leave ASCII as it is, and an ASCII
    # character is a starter: no mark is reordered across it), so only they are folded
    return s if s.isascii() else NON_ASCII_RE.sub(_fold_run, s)


def _key_text(s: str) -> str:
    s = NON_KEY_RE.sub("", _fold_text(s).casefold().replace("-", " "))
    return SPACES_RE.sub(" ", s).strip()


_fold_cached = lru_cache(maxsize=65536)(_fold_text)
_key_cached = lru_cache(maxsize=65536)(_key_text)


def ascii_fold(s: str) -> str:
    """Latin transliteration without accents: "Mevlüt Çavuşoğlu" -> "Mevlut Cavusoglu"."""
    return _fold_cached(s) if len(s) <= KEY_CACHE_CHARS else _fold_text(s)


def key(s: str) -> str:
    """Comparison key: folded, lower case, letters/digits/spaces only."""
    return _key_cached(s) if len(s) <= KEY_CACHE_CHARS else _key_text(s)


UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper()) + "Ə"
CAP = rf"[{UPPER}][\w'’\-.]*"
CAP_RE = re.compile(CAP)
# A run of capitalised words, with name particles and "of (the)" allowed between them.
CAPSEQ_RE = re.compile(
    rf"{CAP}(?:[ \t]+(?:(?:of the|of|the|de|da|del|van|von|der|bin|al|el|la|le|du|di|dos|ibn|"
    rf"oglu|oğlu|ogly|qizi|gizi|kizi|kyzy)[ \t]+)?{CAP})*")
POSSESSIVE_RE = re.compile(r"['’]s?$")

COUNTRIES: dict[str, str] = {key(k): v for k, v in _DATA["countries"].items()}
MINISTRIES: dict[str, str] = {key(k): v for k, v in _DATA["ministries"].items()}
_country_alt = "|".join(sorted((re.escape(k) for k in COUNTRIES), key=len, reverse=True))
COUNTRY_IN_RE = re.compile(rf"\b(?:the )?(?:republic of )?({_country_alt})(?: ?'s?)?\b")

PLACE_NAMES: list[str] = list(_DATA.get("places", {}).get("names", []))
FEMALE = {key(n) for n in _DATA["first_names"]["female"]}
MALE = {key(n) for n in _DATA["first_names"]["male"]} - FEMALE


@dataclass
class Curated:
    name: str
    kind: str
    role: str | None = None
    gender: str | None = None


CURATED: dict[str, Curated] = {}  # key of a full name or alias -> curated entry
CURATED_SURNAME: dict[str, list[Curated]] = {}
CURATED_ROLE: dict[str, list[Curated]] = {}
for _p in _DATA.get("person", []):
    _c = Curated(_p["name"], "person", _p.get("role"), _p.get("gender"))
    for _n in [_p["name"], *_p.get("aliases", [])]:
        CURATED[key(_n)] = _c
    CURATED_SURNAME.setdefault(key(_p["name"]).split()[-1], []).append(_c)
    if _c.role:
        CURATED_ROLE.setdefault(key(_c.role), []).append(_c)
ORG_ALIASES: dict[str, str] = {}
for _o in _DATA.get("organisation", []):
    for _n in [_o["name"], *_o.get("aliases", [])]:
        ORG_ALIASES[key(_n)] = _o["name"]
        ORG_ALIASES[key(re.sub(r"^the\s+", "", _n, flags=re.I))] = _o["name"]

HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "madam", "mister", "miss", "prof", "hon"}
TITLE_WORDS = {
    "president", "prime", "minister", "foreign", "defence", "defense", "secretary", "state", "general",
    "senator", "sen", "rep", "representative", "governor", "gov", "mayor", "chancellor", "king", "queen",
    # regional titles of governors and mayors (Kazakhstan, Kyrgyzstan; Uzbekistan; Azerbaijan)
    "akim", "hokim", "khokim",
    # honorifics used as titles before a name (Turkmenistan: "Arkadag" = Protector)
    "arkadag",
    "prince", "princess", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chairman",
    "chairwoman", "chair", "ceo", "director", "colonel", "col", "lt", "lieutenant", "major", "captain",
    "commander", "commander in chief", "chief", "judge", "justice", "speaker", "leader", "commissioner",
    "pope", "vice", "deputy", "first", "lady", "head", "assistant", "adviser", "advisor", "aide",
    "candidate", "nominee", "congressman", "congresswoman", "sheikh", "emir", "premier", "envoy",
    "attorney", "lord", "professor", "gen", "adm", "admiral", "sergeant", "sgt", "press", "national",
    "security", "interior", "finance", "health", "affairs", "former", "acting", "top", "senior",
    "democratic", "republican", "gop", "presidential", "vice president", "vp", "hon", "house", "senate",
    "majority", "minority", "whip", "campaign", "manager", "chairperson", "executive", "officer",
    "spokesman for", "host", "anchor", "correspondent", "analyst", "pollster", "strategist", "economist",
    "rev", "reverend", "father", "bishop", "cardinal", "imam", "mufti", "rabbi", "sultan", "crown",
    "ombudsman", "mp", "member", "economy", "energy", "education", "trade",
    "intelligence", "military", "army", "navy", "staff", "joint", "chiefs", "supreme", "court",
    "parliament", "parliamentary", "foreign-policy", "republic", "federation", "the", "of", "and",
    "emeritus", "special", "rival", "fellow", "businessman", "businesswoman", "coordinator", "co-chair",
    "cochair", "founder", "fm", "pm",
}
ORG_WORDS = {
    "ministry", "department", "agency", "office", "committee", "council", "commission", "party",
    "army", "service", "embassy", "government", "administration", "parliament", "assembly", "union",
    "organization", "organisation", "institute", "foundation", "center", "centre", "bank", "court",
    "police", "group", "news", "times", "post", "daily", "tv", "channel", "corporation",
    "company", "inc", "corp", "ltd", "university", "association", "network", "journal", "press",
    "forces", "force", "guard", "coalition", "board", "bureau", "cabinet", "kremlin", "pentagon",
    "senate", "congress", "house", "campaign", "fund", "initiative", "movement", "front", "brigade",
    "regiment", "division", "headquarters", "staff", "presidency", "secretariat", "mission",
}
# head nouns that end an organisation's name ("Tbilisi Urban Forum", "Batumi Sea Port", "Mtkvari Watch")
# but are also surnames or common words, so they are not excluded from person names like ORG_WORDS
ORG_HEADS = ORG_WORDS | {
    "forum", "confederation", "federation", "power", "port", "park", "watch", "inspectorate", "authority",
    "chamber", "alliance", "society", "league", "trust", "airport", "airlines", "airways", "railway",
    "railways", "holding", "holdings", "plant", "factory", "exchange", "club", "llc", "jsc", "ojsc", "plc",
    "gmbh", "consortium", "cooperative", "syndicate", "observatory", "academy", "college", "school",
    "hospital", "clinic", "museum", "library", "theatre", "theater", "monitor", "initiative", "platform",
    "caucus", "directorate", "prosecutor's office", "municipality", "mayoralty", "hall",
}
STOP_CAPS = {
    "the", "this", "that", "these", "those", "in", "on", "at", "but", "and", "or", "however",
    "meanwhile", "earlier", "later", "today", "yesterday", "tomorrow", "when", "while", "after",
    "before", "during", "according", "speaking", "commenting", "answering", "noting", "it", "he", "she",
    "they", "we", "i", "our", "his", "her", "their", "its", "a", "an", "as", "if", "so", "also", "there",
    "here", "what", "who", "why", "how", "where", "which", "then", "now", "yes", "no", "not", "all",
    "for", "from", "with", "by", "to", "of", "despite", "although", "though", "because", "since",
    "until", "unlike", "like", "under", "over", "following", "further", "furthermore", "moreover",
    "therefore", "thus", "still", "even", "only", "just", "first", "second", "third", "finally",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "read", "more", "video", "photo", "update", "breaking", "latest", "you", "your", "my",
    "me", "us", "them", "let", "every", "each", "some", "many", "most", "both", "one", "two", "three",
    "said", "says", "christmas", "easter", "ramadan", "eid", "internet", "covid", "coronavirus",
    "twitter", "facebook", "instagram", "telegram", "youtube", "tiktok", "god", "allah", "islam",
    "christian", "muslim", "jewish", "catholic", "orthodox", "democrat", "democrats", "republicans",
    "nagorno", "karabakh", "garabagh", "europe", "asia", "africa", "america", "caucasus", "east",
    "west", "north", "south", "middle", "notwithstanding", "regarding", "concerning", "considering",
    "whether", "unless", "once", "whenever", "wherever", "instead", "otherwise", "hours", "minutes", "days",
    "weeks", "months", "years", "continuing", "asked", "told",
    "interview", "exclusive", "opinion", "analysis", "watch", "live", "editorial", "explainer", "photos",
    "factbox", "comment", "commentary", "report", "review", "podcast", "transcript", "statement", "full",
    "text", "note", "notes", "source", "sources", "summary", "highlights", "excerpts",
    "given", "amid", "among", "besides", "except", "including", "twenty", "thirty", "forty", "fifty",
    "western", "eastern", "soviet", "ottoman", "un", "eu", "nato",
}


@dataclass(frozen=True)
class Mention:
    """A surface form that may name a speaker."""

    kind: str  # "name" | "pronoun" | "role" | "org" | "org-anaphor"
    surface: str
    name: str | None = None  # person: the name words (titles stripped); org: canonical name
    role: str | None = None  # "President of Azerbaijan"
    role_noun: str | None = None  # "president" (for kind "role")
    country: str | None = None
    gender: str | None = None
    generic: bool = False  # a role noun known only from the article's own descriptions ("the analyst")
    role_adj: list[str] = field(default_factory=list)  # "republican" in "the Republican nominee"
    document: bool = False  # "the statement", "the communique": the organisation that issued it


@dataclass
class Entity:
    name: str
    kind: str = "person"
    role: str | None = None
    gender: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)  # name keys, "ilham", "aliyev"
    partial: bool = False  # only a single name word was ever seen
    descriptors: set[str] = field(default_factory=set)  # "analyst" from "energy analyst Jane Roe"
    desc_words: set[str] = field(default_factory=set)  # every word of those descriptions ("energy")

    def add_alias(self, surface: str) -> None:
        s = re.sub(r"\s+", " ", surface).strip()
        if s and s not in self.aliases:
            self.aliases.append(s)


@lru_cache(maxsize=16384)
def country_of(text: str) -> str | None:
    """The country a phrase names: "Azerbaijan's", "the Azerbaijani", "of the Republic of Azerbaijan"."""
    m = COUNTRY_IN_RE.search(key(text.replace("’", "'").replace("'s", " s")).replace(" s ", " ") + " ")
    if not m:
        m = COUNTRY_IN_RE.search(key(text))
    return COUNTRIES.get(m.group(1)) if m else None


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0] in UPPER


@lru_cache(maxsize=65536)
def _tok_key(tok: str) -> str:
    return key(POSSESSIVE_RE.sub("", tok))

