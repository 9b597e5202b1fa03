"""Speaker mentions and canonical speakers within one article.

`parse_mention(phrase)` turns the words next to a cue verb ("Azerbaijani President Ilham Aliyev",
"he", "the minister", "Azerbaijan's foreign ministry") into a Mention; an `Entities` registry, one
per article, folds mentions into canonical entities: a surname resolves to the full name met
earlier in the article, a role noun to the nearest entity holding that role, a pronoun to the
nearest fitting person, organisations to "Ministry of X of <Country>".

Pure: the curated data (speakers.toml) is read once at import.
"""

from __future__ import annotations

import bisect
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

_DATA = tomllib.loads(resources.files("extractors").joinpath("speakers.toml").read_text("utf-8"))

_FOLD_EXTRA = str.maketrans({
    "ı": "i", "İ": "I", "ə": "e", "Ə": "E", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d",
    "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "ʼ": "'",
})


def ascii_fold(s: str) -> str:
    """Latin transliteration without accents: "Mevlüt Çavuşoğlu" -> "Mevlut Cavusoglu"."""
    s = unicodedata.normalize("NFKD", s.translate(_FOLD_EXTRA))
    return "".join(c for c in s if not unicodedata.combining(c))


def key(s: str) -> str:
    """Comparison key: folded, lower case, letters/digits/spaces only."""
    s = re.sub(r"[^a-z0-9 ]+", "", ascii_fold(s).casefold().replace("-", " "))
    return re.sub(r"\s+", " ", s).strip()


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
_ministry_alt = "|".join(sorted((re.escape(k) for k in MINISTRIES), key=len, reverse=True))
MINISTRY_IN_RE = re.compile(rf"\b({_ministry_alt})\b")

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

NAME_PARTICLES = {"de", "da", "del", "van", "von", "der", "bin", "al", "ibn", "dos", "du", "la", "le"}
# "Jane Rashid kyzy Roe": a patronymic and its particle, dropped from the canonical name
PATRONYMIC_PARTICLES = {"oglu", "oğlu", "ogly", "qizi", "gizi", "kizi", "kyzy"}
AGENT_NOUN_RE = re.compile(r"(?:er|or|ist|ant|ent|man|woman|ster)$")
ROLE_QUALIFIERS = {"vice", "deputy", "assistant"}
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "madam", "mister", "miss", "prof", "hon"}
TITLE_WORDS = {
    "president", "prime", "minister", "foreign", "defence", "defense", "secretary", "state", "general",
    "senator", "sen", "rep", "representative", "governor", "gov", "mayor", "chancellor", "king", "queen",
    # regional titles of governors and mayors (Kazakhstan, Kyrgyzstan; Uzbekistan; Azerbaijan)
    "akim", "hokim", "khokim",
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
    "cochair", "founder",
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
# "the company said": the organisation heads an anaphor may stand for
ANAPHOR_HEADS = {
    "company": {"company", "port", "bank", "airlines", "airways", "corporation", "corp", "inc", "ltd", "llc",
                "jsc", "ojsc", "plc", "gmbh", "holding", "holdings", "group", "plant", "factory", "railway",
                "railways", "airport", "exchange"},
    "watchdog": {"watch", "monitor", "observatory", "forum", "initiative", "platform", "centre", "center",
                 "institute", "foundation", "association"},
    "organisation": {"watch", "monitor", "forum", "initiative", "platform", "centre", "center", "institute",
                     "foundation", "association", "union", "confederation", "federation", "society", "league",
                     "alliance", "organization", "organisation", "council", "committee", "fund"},
}
ANAPHOR_HEADS["organization"] = ANAPHOR_HEADS["organisation"]
ANAPHOR_HEADS["group"] = ANAPHOR_HEADS["watchdog"] | {"group"}
ANAPHOR_HEADS["operator"] = ANAPHOR_HEADS["company"]
# acronyms that are also given names in title case ("Nato Kipiani" is a person, "NATO" an alliance)
ACRONYM_NAMES = {"nato", "un", "eu"}
# an institution's own organ after its name: "the Mingachevir Industrial Park administration"
ORG_ORGAN_RE = re.compile(r"\s+(?:administration|management|press service|press office|leadership|"
                          r"board|spokesperson|spokesman|spokeswoman)$")
PLACE_HEADS = {"ocean", "sea", "river", "lake", "island", "islands", "bay", "gulf", "strait", "valley",
               "mountains", "desert", "county", "province", "district", "street", "avenue", "square", "bridge",
               "peninsula", "atoll", "region", "oblast", "village", "city"}
NOUN_SUFFIX_RE = re.compile(r"(?:tion|sion|ment|ity|ence|ance|ism|ure|ship|ness|ogy|ics)$")
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
    "interview", "exclusive", "opinion", "analysis", "watch", "live", "editorial", "explainer", "photos",
    "factbox", "comment", "commentary", "report", "review", "podcast", "transcript", "statement",
    "given", "amid", "among", "besides", "except", "including", "twenty", "thirty", "forty", "fifty",
    "western", "eastern", "soviet", "ottoman", "un", "eu", "nato",
}


@dataclass
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


def country_of(text: str) -> str | None:
    """The country a phrase names: "Azerbaijan's", "the Azerbaijani", "of the Republic of Azerbaijan"."""
    m = COUNTRY_IN_RE.search(key(text.replace("’", "'").replace("'s", " s")).replace(" s ", " ") + " ")
    if not m:
        m = COUNTRY_IN_RE.search(key(text))
    return COUNTRIES.get(m.group(1)) if m else None


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0] in UPPER


def _tok_key(tok: str) -> str:
    return key(POSSESSIVE_RE.sub("", tok))


MINISTRY_HEAD_RE = re.compile(
    rf"^(?:(?P<adj>{CAP})\s+)?Ministry\s+(?P<prep>of|for)\s+(?:the\s+)?(?P<rest>{CAP}(?:(?:\s+(?:and|of|for|the|&))*"
    rf"\s+{CAP})*)$")
COUNTRY_TAIL_RE = re.compile(rf"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<c>{CAP}(?:\s+{CAP})?)$")


def generic_ministry(phrase: str) -> tuple[str, str | None] | None:
    """("Ministry of Digital Development and Transport", country or None) for a ministry's full name."""
    m = MINISTRY_HEAD_RE.match(phrase.strip())
    if not m:
        return None
    rest, country = m.group("rest"), None
    t = COUNTRY_TAIL_RE.search(rest)
    if t and COUNTRIES.get(key(t.group("c"))):
        country, rest = COUNTRIES[key(t.group("c"))], rest[:t.start()]
    if COUNTRIES.get(key(rest)):
        return None
    adj = m.group("adj")
    if adj:
        c = COUNTRIES.get(_tok_key(adj))
        if c is None:
            return None
        country = country or c
    return f"Ministry {m.group('prep')} {ascii_fold(rest)}", country


def ministry_portfolio(phrase: str) -> str | None:
    """The portfolio of a ministry named without its country ("the Ministry of Energy", "the energy
    ministry"): "Ministry of Energy". None when the phrase is not just a ministry's name."""
    p = re.sub(r"^(?:the|its)\s+", "", phrase.strip(" ,.;:"), flags=re.I)
    k = key(p)
    m = MINISTRY_IN_RE.match(k)
    if m and m.end() == len(k):
        return MINISTRIES[m.group(1)]
    gm = generic_ministry(p)
    if gm and gm[1] is None:
        return gm[0]
    return None


# "Georgian State Electrosystem", "Kazakh National Gridco": a country adjective and a state-body
# adjective before a capitalised word make an institution's name, never a person's title
STATE_ADJ = {"state", "national", "federal", "public", "central", "municipal", "republican"}


def state_body(toks: list[str]) -> bool:
    if not 3 <= len(toks) <= 4 or not all(_is_cap(t) for t in toks) or toks[-1].endswith(("'s", "’s")):
        return False
    ks = [_tok_key(t) for t in toks]
    if not COUNTRIES.get(ks[0]) or ks[1] not in STATE_ADJ:
        return False
    # "Georgian State Minister Jane Roe": a person's title follows; the name words must not be titles
    return not any(k in TITLE_WORDS - STATE_ADJ or k in HONORIFICS or k in FEMALE | MALE for k in ks[2:])


def parse_org(phrase: str) -> str | None:
    """Canonical organisation name for a phrase, or None."""
    p = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(" ,.;:"), flags=re.I)
    k = key(p.replace("’s", "").replace("'s", ""))
    if not k:
        return None
    if k in ORG_ALIASES:
        return ORG_ALIASES[k]
    k2 = key(p)
    if k2 in ORG_ALIASES:
        return ORG_ALIASES[k2]
    m = MINISTRY_IN_RE.search(k)
    if m:
        portfolio = MINISTRIES[m.group(1)]
        country = country_of(p)
        if country is None:
            return None  # "the foreign ministry": an anaphor, resolved by the registry
        name = f"{portfolio} of {country}"
        return ORG_ALIASES.get(key(name), name)
    gm = generic_ministry(p)
    if gm:
        portfolio, country = gm
        if country is None:
            return None
        name = f"{portfolio} of {country}"
        return ORG_ALIASES.get(key(name), name)
    organ = ORG_ORGAN_RE.search(p)
    if organ and len(p[:organ.start()].split()) >= 2:
        inner = parse_org(p[:organ.start()])
        if inner:
            return inner
    toks = p.split()
    if state_body(toks):
        return ascii_fold(p)
    if len(toks) >= 2 and all(_is_cap(t) or t.lower() in {"of", "the", "and", "for"} for t in toks) and \
            _tok_key(toks[-1]) in ORG_HEADS and _is_cap(toks[0]) and _tok_key(toks[0]) not in TITLE_WORDS:
        if _tok_key(toks[-1]) not in ORG_WORDS and (len(toks) == 2 and _tok_key(toks[0]) in FEMALE | MALE):
            return None  # "Samantha Power": a given name before a head noun that is also a surname
        return ascii_fold(p)
    return None


ROLE_NOUN_RE = re.compile(
    r"^(?:the|this|that)\s+(?:(?P<adj>[\w'’.\-]+(?:\s+[\w'’.\-]+)?)\s+)??"
    r"(?P<noun>president|prime minister|foreign minister|defen[cs]e minister|minister|"
    r"spokes(?:man|woman|person)|leader|head of state|senator|governor|mayor|akim|k?hokim|chancellor|candidate|"
    r"nominee|ambassador|secretary of state|secretary|chairman|chairwoman|chairperson|premier|king|queen|"
    r"foreign secretary|congressman|congresswoman|general|commander|envoy|pope|emir|sultan|"
    r"prosecutor|judge|ombudsman)"
    r"(?:\s+of\s+(?:the\s+)?(?P<of>[\w'’ ]{2,40}))?$", re.I)
ORG_ANAPHOR_RE = re.compile(
    r"^(?:the|its)\s+(?P<what>(?:[a-z]+\s+)?(?:ministry|department|agency|office|committee|council|"
    r"commission|embassy|government|administration|mfa|kremlin|company|watchdog|forum|confederation|"
    r"federation|union|port|park|bank|fund|inspectorate|association|institute|foundation|party|"
    r"authority|operator))$", re.I)
DOCUMENT_RE = re.compile(
    r"^(?:the|its|their|this|that)\s+(?:(?:official|joint|written|final|latest|new|ministry['’]s|"
    r"agency['’]s|committee['’]s|office['’]s)\s+)?(?:statement|communiqu[eé]|press release|release|"
    r"declaration|announcement|notice|appeal)$", re.I)
GENERIC_ROLE_RE = re.compile(r"^(?:the|this|that)\s+(?:[a-z][\w\-]*\s+){0,2}(?P<noun>[a-z][a-z\-]{2,})$")
GENERIC_ROLE_STOP = {
    "statement", "report", "document", "letter", "study", "survey", "poll", "data", "figures", "article",
    "post", "message", "text", "website", "site", "page", "source", "sources", "paper", "newspaper", "media",
    "agency", "service", "office", "ministry", "government", "administration", "committee", "company",
    "group", "party", "side", "country", "city", "region", "people", "public", "press", "news", "story",
    "decision", "decree", "law", "bill", "resolution", "plan", "project", "program", "programme", "note",
    "book", "film", "video", "photo", "release", "announcement", "declaration", "appeal", "notice",
    "campaign", "team", "court", "police", "army", "military", "other", "former", "latter", "same", "one",
    "two", "first", "second", "last", "next", "new", "old", "following", "above", "world", "situation",
}
PREPOSITIONS = {"in", "at", "from", "near", "on", "to", "with", "for", "by", "into", "across", "around",
                "outside", "inside", "throughout", "via", "over", "under", "against", "toward", "towards",
                "between", "among", "about"}
# "Civil.ge", "news.az", "Report.az": a web address (an outlet), never a person's name
DOMAIN_TOKEN_RE = re.compile(r"[A-Za-z0-9][\w\-]*\.(?:[a-z]{2,6})(?:\.[a-z]{2,3})?(?:/\S*)?[.,;:]?$")
LEADING_JUNK_RE = re.compile(r"^(?:(?:and|but|then|so|also|while|as|meanwhile|earlier|later|now|"
                             r"however|moreover|furthermore|thus|yet|instead|when|where|because)\s+)+",
                             re.I)


def _role_text(words: list[str], country: str | None) -> str | None:
    """Role from title words: ["Azerbaijani", "President"] + Azerbaijan -> "President of Azerbaijan"."""
    kept = []
    for w in words:
        wk = _tok_key(w)
        if not wk or wk in HONORIFICS or COUNTRIES.get(wk) or wk in {"the", "of", "a", "an"}:
            continue
        if COUNTRIES.get(key(w)):
            continue
        kept.append(POSSESSIVE_RE.sub("", w) if w.endswith(("'s", "’s")) else w)
    # drop a trailing "of the Republic" left from "President of the Republic of Azerbaijan", and the
    # preposition left by a dropped country ("Ambassador to [Qatar]")
    while kept and _tok_key(kept[-1]) in {"republic", "federation", "kingdom", "to", "in", "for"}:
        kept.pop()
    if not kept:
        return None
    head = " ".join(kept)
    head = head[0].upper() + head[1:]
    if not any(_tok_key(w) in TITLE_WORDS for w in kept):
        return None
    return f"{head} of {country}" if country else head


def _gender(first: str | None, role_words: str) -> str | None:
    rw = role_words.lower()
    if re.search(r"\b(mrs|ms|miss|madam|queen|princess|lady|spokeswoman|chairwoman|congresswoman)\b", rw):
        return "f"
    if re.search(r"\b(mr|sir|king|prince|spokesman|chairman|congressman|lord)\b", rw):
        return "m"
    if first:
        k = key(first)
        if k in FEMALE:
            return "f"
        if k in MALE:
            return "m"
    return None


def split_name(phrase: str) -> tuple[list[str], list[str]] | None:
    """(role words, name words) of a capitalised phrase, or None when no name ends it."""
    toks = phrase.split()
    if not toks:
        return None
    name: list[str] = []
    i = len(toks) - 1
    while i >= 0 and len(name) < 5:
        t = toks[i]
        tk = _tok_key(t)
        is_name_word = _is_cap(t) and bool(tk) and not DOMAIN_TOKEN_RE.match(t) and tk not in TITLE_WORDS \
            and tk not in HONORIFICS and tk not in STOP_CAPS and tk not in ORG_WORDS and not COUNTRIES.get(tk) \
            and not COUNTRIES.get(key(t)) and not re.search(r"\d", t)
        particle = bool(name) and t.lower() in NAME_PARTICLES | PATRONYMIC_PARTICLES and i > 0 \
            and _is_cap(toks[i - 1])
        if not is_name_word and name and tk in ACRONYM_NAMES and t[1:].islower() and len(t) >= 3:
            is_name_word = True  # "Nato Kipiani": a title-case acronym before a name is a given name
        if is_name_word or particle:
            name.insert(0, t)
            i -= 1
        else:
            break
    if not name:
        return None
    pat = [n for n, w in enumerate(name) if w.lower() in PATRONYMIC_PARTICLES]
    if pat and pat[0] >= 2:
        name = name[:pat[0] - 1] + name[pat[0] + 1:]
    # "Minister of Transport Orkhan Talibli", "Miner Davit Kvaratskhelia": a portfolio or a
    # sentence-initial common noun glued to the name; a personal name keeps its last two words
    while len(name) >= 3 and not re.fullmatch(r"[A-Z]\.?", name[-2]) and name[-2].lower() not in NAME_PARTICLES \
            and (i >= 0 or AGENT_NOUN_RE.search(name[0]) or (len(name[0]) >= 7 and NOUN_SUFFIX_RE.search(name[0]))):
        i += 1
        name.pop(0)
    return toks[: i + 1], name


def parse_mention(phrase: str) -> Mention | None:
    """What a short phrase next to a cue verb names, or None when it names no speaker."""
    p = re.sub(r"\s+", " ", re.sub(r"\([^()]{0,30}\)", " ", phrase)).strip(" ,;:\"“”«»()[]—–-")
    p = LEADING_JUNK_RE.sub("", p)
    if not p or any(DOMAIN_TOKEN_RE.match(t) for t in p.split()):
        return None
    low = p.lower()
    if low in PRONOUNS:
        return Mention("pronoun", p, gender=PRONOUNS[low])
    if "," in p:  # "Jane Roe, president of the union": the name before the appositive
        head = parse_mention(p.split(",")[0])
        if head is not None and head.kind in ("name", "org"):
            return head
    toks = p.split()
    if len(toks) > 16 or (len(toks) > 12 and sum(not _is_cap(t) for t in toks) > 3):
        return None
    # "Professor Jane Roe of Some University": a person with an affiliation
    of = re.match(r"^(?P<head>.*?\S)\s+of\s+\S", p)
    if of and not MINISTRY_IN_RE.search(key(of.group("head"))):
        head = parse_mention(of.group("head"))
        if head is not None and head.kind == "name" and len(head.name.split()) >= 2:
            return head
    org = parse_org(p)
    if org:
        return Mention("org", p, name=org, country=country_of(p))
    portfolio = ministry_portfolio(p)
    if portfolio:
        return Mention("org-anaphor", p, name=portfolio)
    if DOCUMENT_RE.match(p):
        return Mention("org-anaphor", p, name="", document=True)
    m = ORG_ANAPHOR_RE.match(p)
    if m:
        what = m.group("what").lower()
        mk = MINISTRY_IN_RE.search(key(what))
        return Mention("org-anaphor", p, name=MINISTRIES[mk.group(1)] if mk else what.split()[-1])
    m = ROLE_NOUN_RE.match(p)
    if m:
        adj = m.group("adj") or ""
        of = m.group("of") or ""
        country = country_of(adj) or country_of(of) if (adj or of) else None
        if adj and not country and _tok_key(adj.split()[-1]) not in TITLE_WORDS | {"new", "former", "then",
                                                                                   "current", "late"}:
            return None
        noun = m.group("noun").lower()
        adjs = [w for w in key(adj).split() if w not in {"new", "former", "then", "current", "late"}] \
            if adj and not country else []
        return Mention("role", p, role_noun=noun, country=country,
                       gender=_gender(None, noun), role_adj=adjs)
    m = GENERIC_ROLE_RE.match(p)
    if m and m.group("noun").lower() not in GENERIC_ROLE_STOP and not re.search(r"(?:ing|ed|ly)$", m.group("noun")):
        noun = m.group("noun").lower()
        adjs = [w for w in key(p).split()[1:-1] if w not in {"new", "former", "then", "current", "late"}]
        return Mention("role", p, role_noun=noun, generic=True, gender=_gender(None, noun), role_adj=adjs)
    if toks[0].lower() in {"a", "an", "some", "several", "many", "one", "two", "who", "which", "it", "they",
                           "we", "i", "you", "this", "that", "these", "those"}:
        return None
    sp = split_name(p)
    if sp is None:
        return None
    role_words, name = sp
    if len(role_words) > 14:
        return None
    # a name must not be a lone sentence-initial word or a country
    if len(name) == 1 and (_tok_key(name[0]) in STOP_CAPS or len(_tok_key(name[0])) < 2):
        return None
    if name[-1].endswith(("'s", "’s")):
        return None  # "Aliyev's office": a possessor, not the speaker
    if COUNTRIES.get(key(" ".join(name))) or (len(name) > 1 and all(w.isupper() and len(w) > 2 for w in name)):
        return None  # "the United States", a dateline "MIDWAY ATOLL": not a person
    if _tok_key(name[-1]) in PLACE_HEADS:
        return None  # "the Pacific Ocean", "Fulton County": a place
    if role_words and role_words[-1].lower() in PREPOSITIONS:
        return None  # "owners of small shops in Gyumri", "a spokeswoman for Jane Roe": not the name's bearer
    if len(role_words) >= 2 and role_words[-1].lower() == "of" and _is_cap(role_words[-2]):
        return None  # "Deputy Minister of Transport": the portfolio, not a name
    # lower-case words between the role and the name that are not titles: a clause, not a name phrase
    lowers = [w for w in role_words if not _is_cap(w) and _tok_key(w) not in TITLE_WORDS
              and _tok_key(w) not in {"the", "of", "a", "an", "longtime", "veteran", "former", "ex",
                                      "outgoing", "incoming", "then", "new", "acting", "current", "late"}
              and not COUNTRIES.get(_tok_key(w))]
    if len(lowers) > 3:
        return None
    role_str = " ".join(role_words)
    country = country_of(role_str) if role_words else None
    return Mention("name", p, name=" ".join(name), role=_role_text(role_words, country), country=country,
                   gender=_gender(name[0] if len(name) > 1 else None, role_str))


@dataclass
class Event:
    offset: int
    entity: Entity
    subject: bool  # first person named in its sentence / the speaker of a cue
    embedded: bool = False  # named inside someone else's reported statement ("He recalled that X had ...")


class Entities:
    """The speakers and mentioned people/organisations of one article."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.by_key: dict[str, Entity] = {}
        self.events: list[Event] = []
        self._offsets: list[int] = []
        self.default_country: str | None = None  # the article's country, for "the Ministry of Energy"

    # -- registry ----------------------------------------------------------------------------------
    def _new(self, ent: Entity) -> Entity:
        self.entities.append(ent)
        self.by_key[key(ent.name)] = ent
        return ent

    def note(self, offset: int, ent: Entity, subject: bool) -> None:
        i = bisect.bisect_right(self._offsets, offset)
        self._offsets.insert(i, offset)
        self.events.insert(i, Event(offset, ent, subject))

    def embed(self, start: int, end: int, speaker: Entity | None) -> None:
        """Names inside [start, end), the content of `speaker`'s statement, are talked about, not talking."""
        i = bisect.bisect_left(self._offsets, start)
        while i < len(self.events) and self.events[i].offset < end:
            ev = self.events[i]
            if ev.entity is not speaker:
                ev.embedded, ev.subject = True, False
            i += 1

    def person(self, name: str, role: str | None = None, gender: str | None = None,
               country: str | None = None) -> Entity:
        """The entity of a full (2+ word) person name, created if new."""
        k = key(name)
        cur = CURATED.get(k)
        if cur:
            k = key(cur.name)
        ent = self.by_key.get(k)
        if ent is None:
            toks = k.split()
            for e in self.entities:  # "Tayyip Erdogan" inside "Recep Tayyip Erdogan"
                if e.kind == "person" and not e.partial and e.tokens and e.tokens[-1] == toks[-1] and \
                        (set(toks) <= set(e.tokens) or set(e.tokens) <= set(toks)):
                    ent = e
                    if len(toks) > len(e.tokens) and not cur:
                        e.name, e.tokens = ascii_fold(name), toks
                    break
        if ent is None:
            canonical = cur.name if cur else ascii_fold(name)
            ent = self._new(Entity(canonical, "person", tokens=key(canonical).split()))
            if cur:
                ent.gender, ent.role = cur.gender, None
        if role and not ent.role:
            ent.role = role
        if gender and not ent.gender:
            ent.gender = gender
        if country and not ent.country:
            ent.country = country
        if not ent.gender:
            ent.gender = _gender(ent.name.split()[0], "") or (cur.gender if cur else None)
        ent.add_alias(name)
        return ent

    def org(self, name: str, surface: str) -> Entity:
        ent = self.by_key.get(key(name))
        if ent is None:
            ent = self._new(Entity(name, "organisation", country=country_of(name),
                                   tokens=key(name).split()))
        ent.add_alias(surface)
        return ent

    def curated_role(self, ent: Entity) -> str | None:
        cur = CURATED.get(key(ent.name))
        return cur.role if cur else None

    # -- resolution ----------------------------------------------------------------------------------
    def _recent(self, offset: int, pred, window: int = 3000, subject_first: bool = True,
                skip_embedded: bool = True) -> Entity | None:
        i = bisect.bisect_left(self._offsets, offset)
        fallback = None
        j = i - 1
        while j >= 0 and offset - self.events[j].offset <= window:
            ev = self.events[j]
            if ev.embedded and skip_embedded:
                j -= 1
                continue
            if pred(ev.entity):
                if ev.subject or not subject_first:
                    return ev.entity
                if fallback is None:
                    fallback = ev.entity
            j -= 1
        return fallback

    def surname(self, word: str, offset: int) -> Entity | None:
        """A single name word: the person of that (sur)name met in the article, else a curated one."""
        wk = _tok_key(word)
        if not wk:
            return None
        if " " in wk:  # "Ter-Grigoryan": a hyphenated surname, the tail of a full name's tokens
            parts = wk.split()
            cands = [e for e in self.entities if e.kind == "person" and not e.partial
                     and e.tokens[-len(parts):] == parts and len(e.tokens) > len(parts)]
            return cands[0] if len(cands) == 1 else None
        cands = [e for e in self.entities if e.kind == "person" and wk in e.tokens]
        if len(cands) > 1:
            last = [e for e in cands if e.tokens[-1] == wk] or cands
            if len(last) == 1:
                return last[0]
            recent = self._recent(offset, lambda e: e in last, window=10**9, subject_first=False)
            return recent or last[0]
        if cands:
            return cands[0]
        cur = CURATED_SURNAME.get(wk)
        if cur and len(cur) == 1:
            return self.person(cur[0].name)
        return None

    def resolve(self, m: Mention, offset: int, create: bool = True) -> Entity | None:
        if m.kind == "org":
            return self.org(m.name, m.surface) if create else self.by_key.get(key(m.name))
        if m.kind == "org-anaphor":
            want = key(m.name or "")
            portfolio = want.startswith("ministry ") and len(want.split()) > 1

            def is_org(e: Entity) -> bool:
                if e.kind != "organisation":
                    return False
                if portfolio:  # "the Ministry of Energy" is not the Ministry of Foreign Affairs
                    return key(e.name).startswith(want + " of ") or key(e.name) == want
                if not want:
                    return True
                w = want.split()[-1]
                return w in e.tokens or bool(e.tokens and e.tokens[-1] in ANAPHOR_HEADS.get(w, ()))

            ent = self._recent(offset, is_org, window=10**9, subject_first=m.document)
            if ent is None:
                orgs = [e for e in self.entities if is_org(e)]
                ent = orgs[0] if len(orgs) == 1 else None
            if ent is None and portfolio and create and self.default_country:
                name = f"{m.name} of {self.default_country}"
                ent = self.org(ORG_ALIASES.get(key(name), name), m.surface)
            elif ent is None and portfolio and create and re.match(r"^(?:[Tt]he\s+)?Ministry\b", m.surface):
                ent = self.org(m.name, m.surface)  # "the Ministry of Emergency Situations", country unknown
            if ent:
                ent.add_alias(m.surface)
            return ent
        if m.kind == "pronoun":
            def fits(e: Entity) -> bool:
                return e.kind == "person" and (e.gender is None or m.gender is None or e.gender == m.gender)
            return self._recent(offset, fits)
        if m.kind == "role":
            noun = m.role_noun or ""
            nk = key(noun).split()[-1]

            def has_role(e: Entity) -> bool:
                if e.kind != "person":
                    return False
                if nk in e.descriptors:
                    known = e.desc_words | set(key(e.role or "").split())
                    return all(a in known for a in m.role_adj)
                if m.generic:
                    return False  # "the analyst": only someone the article itself called an analyst
                role = e.role or self.curated_role(e) or ""
                rk = key(role)
                if nk not in rk.split():
                    return False
                if noun in {"foreign minister"} and "foreign" not in rk:
                    return False
                c = e.country or country_of(role)
                return m.country is None or c is None or c == m.country

            # "the minister" is not "the vice minister" (nor the reverse) when both are in the article
            want_q = set(m.role_adj) & ROLE_QUALIFIERS

            def same_rank(e: Entity) -> bool:
                known = e.desc_words | set(key(e.role or self.curated_role(e) or "").split())
                return has_role(e) and (known & ROLE_QUALIFIERS) == want_q

            ent = None
            for pred in (same_rank, has_role):
                ent = self._recent(offset, pred, window=10**9, subject_first=False)
                if ent is None:
                    cands = [e for e in self.entities if pred(e)]
                    ent = cands[0] if len(cands) == 1 else None
                if ent is not None:
                    break
            if ent is None and m.country and not m.generic:
                for rk, curs in CURATED_ROLE.items():
                    if nk in rk.split() and key(m.country) in rk and len(curs) == 1 and \
                            (noun != "minister" or rk.startswith("minister")) and \
                            rk.split()[0] == key(noun).split()[0]:
                        ent = self.person(curs[0].name) if create else None
                        break
            if ent:
                ent.add_alias(m.surface)
            return ent
        if m.kind == "name":
            words = m.name.split()
            if len(words) >= 2:
                if not create:
                    return self.by_key.get(key(m.name))
                return self.person(m.name, role=m.role, gender=m.gender, country=m.country)
            ent = self.surname(words[0], offset)
            if ent is None and create:
                ent = self.by_key.get(key(words[0]))
                if ent is None:
                    ent = self._new(Entity(ascii_fold(words[0]), "person", tokens=[key(words[0])],
                                           partial=True))
            if ent is not None:
                if m.role and not ent.role:
                    ent.role = m.role
                if m.gender and not ent.gender:
                    ent.gender = m.gender
                ent.add_alias(m.surface)
            return ent
        return None

    def finish(self) -> dict[str, Entity]:
        """Fold partial (surname-only) entities into a unique full name met later; old name -> entity."""
        moved: dict[str, Entity] = {}
        for e in list(self.entities):
            if not e.partial:
                continue
            parts = e.tokens[0].split()
            full = [f for f in self.entities if f.kind == "person" and not f.partial and
                    (f.tokens[-len(parts):] == parts if len(parts) > 1 else parts[0] in f.tokens)]
            if len(full) == 1:
                moved[e.name] = full[0]
                for a in e.aliases:
                    full[0].add_alias(a)
                self.entities.remove(e)
        return moved
