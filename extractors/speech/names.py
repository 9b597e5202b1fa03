"""Speaker phrases: what the words next to a cue verb name.

`parse_mention(phrase)` turns "Azerbaijani President Ilham Aliyev", "he", "the minister",
"Azerbaijan's foreign ministry" into a Mention (a name, a pronoun, a role noun, an organisation or an
organisation anaphor); `split_name` cuts a capitalised phrase into its role words and name words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.speech.organisations import MINISTRY_IN_RE, ministry_portfolio, parse_org
from extractors.speech.speakers import (
    COUNTRIES,
    FEMALE,
    HONORIFICS,
    MALE,
    MINISTRIES,
    ORG_WORDS,
    PLACE_NAMES,
    POSSESSIVE_RE,
    STOP_CAPS,
    TITLE_WORDS,
    Mention,
    _is_cap,
    _tok_key,
    country_of,
    key,
)

NAME_PARTICLES = {"de", "da", "del", "van", "von", "der", "bin", "al", "ibn", "dos", "du", "la", "le"}
# "Jane Rashid kyzy Roe": a patronymic and its particle, dropped from the canonical name
PATRONYMIC_PARTICLES = {"oglu", "oğlu", "ogly", "qizi", "gizi", "kizi", "kyzy"}
AGENT_NOUN_RE = re.compile(r"(?:er|or|ist|ant|ent|man|woman|ster)$")
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
# acronyms that are also given names in title case ("Nato Kipiani" is a person, "NATO" an alliance)
ACRONYM_NAMES = {"nato", "un", "eu"}
PLACE_HEADS = {"ocean", "sea", "river", "lake", "island", "islands", "bay", "gulf", "strait", "valley",
               "mountains", "desert", "county", "province", "district", "street", "avenue", "square", "bridge",
               "peninsula", "atoll", "region", "oblast", "village", "city"}
NOUN_SUFFIX_RE = re.compile(r"(?:tion|sion|ment|ity|ence|ance|ism|ure|ship|ness|ogy|ics)$")
ROLE_NOUN_RE = re.compile(
    r"^(?:the|this|that)\s+(?:(?P<adj>[\w'’.\-]+(?:\s+[\w'’.\-]+)??)\s+)??"
    r"(?P<noun>president|prime minister|foreign minister|defen[cs]e minister|minister|"
    r"spokes(?:man|woman|person)|leader|head of (?:the )?state|senator|governor|mayor|akim|k?hokim|chancellor|"
    r"candidate|nominee|ambassador|secretary of state|secretary|chairman|chairwoman|chairperson|premier|king|queen|"
    r"foreign secretary|congressman|congresswoman|general|commander|envoy|pope|emir|sultan|"
    r"prosecutor|judge|ombudsman|fm|pm)"
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
COUNTRY_POSSESSIVE_RE = re.compile(r"^(?:the\s+)?(?P<owner>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})['’]s?\s+(?=[a-z])")
GENERIC_ROLE_RE = re.compile(r"^(?:the|this|that)\s+(?P<adjs>(?:[A-Za-z][\w\-]*\s+){0,2})(?P<noun>[a-z][a-z\-]{2,})$")
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
ORG_ROLE_TAIL_RE = re.compile(r"(?<=[A-Za-z])\s+(?P<noun>spokes(?:person|man|woman)|press secretary|head|chief|"
                              r"director|chairman|chairwoman|chairperson|ambassador|envoy|representative)$")
# titles only a person bears, right before their name ("... Ministry Spokesman Jane Roe")
PERSON_TITLES = {"spokesman", "spokeswoman", "spokesperson", "minister", "ambassador", "president", "director",
                 "chairman", "chairwoman", "chairperson", "secretary", "envoy", "adviser", "advisor", "head",
                 "chief", "governor", "mayor", "representative", "commissioner", "ombudsman", "prosecutor"}
ROLE_LINKS = {"the", "of", "a", "an"}
ROLE_TAIL = ROLE_LINKS | {"republic", "federation", "kingdom", "to", "in", "for", "and"}
PREPOSITIONS = {"in", "at", "from", "near", "on", "to", "with", "for", "by", "into", "across", "around",
                "outside", "inside", "throughout", "via", "over", "under", "against", "toward", "towards",
                "between", "among", "about"}
BUILDING_HEADS = {"palace", "tower", "towers", "hotel", "hall", "house", "center", "centre", "arena", "stadium",
                  "church", "cathedral", "mosque", "temple", "castle", "gate", "park", "garden", "gardens"}
PLACES_LOWER = {p.lower() for p in PLACE_NAMES}
NAME_PARTICLE_WORDS = NAME_PARTICLES | PATRONYMIC_PARTICLES
PLACE_OR_BUILDING_HEADS = PLACE_HEADS | BUILDING_HEADS
PLACE_KEYS = {key(p) for p in PLACE_NAMES}
COMPASS = {"new", "north", "south", "west", "east", "northern", "southern", "western", "eastern"}
COMPASS_INITIALS = {"N.": "north", "S.": "south", "E.": "east", "W.": "west"}


def is_place(name: list[str]) -> bool:
    """Whether the name words are a known place ("Ohio", "Los Angeles") or a compass word and one
    ("New Hampshire", "N. Korea")."""
    k = key(" ".join(name))
    if len(name) == 2 and (_tok_key(name[0]) in COMPASS or name[0] in COMPASS_INITIALS):
        # "North Dakota", "N. Korea": a compass word or its initial before a place or a country
        word = COMPASS_INITIALS.get(name[0], _tok_key(name[0]))
        tail = _tok_key(name[1])
        return tail in PLACE_KEYS or bool(COUNTRIES.get(tail) or COUNTRIES.get(f"{word} {tail}"))
    return k in PLACE_KEYS
# "Civil.ge", "news.az", "Report.az": a web address (an outlet), never a person's name
DOMAIN_TOKEN_RE = re.compile(r"[A-Za-z0-9][\w\-]*\.(?:[a-z]{2,6})(?:\.[a-z]{2,3})?(?:/\S*)?[.,;:]?$")
LEADING_JUNK_RE = re.compile(r"^(?:(?:and|but|then|so|also|while|as|meanwhile|earlier|later|now|"
                             r"however|moreover|furthermore|thus|yet|instead|when|where|because)\s+)+",
                             re.I)


ROLE_ABBREVIATIONS = {"FM": "Foreign Minister", "PM": "Prime Minister"}


def _role_text(words: tuple[str, ...], country: str | None) -> str | None:
    """Role from title words: ["Azerbaijani", "President"] + Azerbaijan -> "President of Azerbaijan";
    ["Minister", "of", "Culture"] -> "Minister of Culture" (the words between titles are kept)."""
    kept: list[str] = []
    for w in words:
        wk = _tok_key(w)
        if not wk or wk in HONORIFICS or COUNTRIES.get(wk) or COUNTRIES.get(key(w)):
            continue
        if wk in ROLE_LINKS and (not kept or _tok_key(kept[-1]) == wk):
            continue  # a leading "the", or "of" left twice by a dropped country
        kept.append(w)
    # drop a trailing "of the Republic" left from "President of the Republic of Azerbaijan", and the
    # preposition left by a dropped country ("Ambassador to [Qatar]")
    while kept and _tok_key(kept[-1]) in ROLE_TAIL:
        kept.pop()
    if not kept:
        return None
    head = " ".join(ROLE_ABBREVIATIONS.get(w, w) for w in kept)
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


@lru_cache(maxsize=16384)
def split_name(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(role words, name words) of a capitalised phrase, or None when no name ends it (memoised: pure)."""
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
        if is_name_word and "-" in t and all(COUNTRIES.get(_tok_key(p)) or _tok_key(p) in STOP_CAPS
                                              or p.lower() in PLACES_LOWER for p in t.split("-") if p):
            is_name_word = False  # "Armenia-Azerbaijan", "Nagorno-Karabakh": places joined, not a name
        if is_name_word and name and POSSESSIVE_RE.search(t):
            break  # "People's Writer", "Boston's Walsh": the possessor is not part of the name
        particle = bool(name) and t.lower() in NAME_PARTICLE_WORDS and i > 0 \
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
            and not any(w.lower() in NAME_PARTICLES for w in name[1:-1]) \
            and (i >= 0 or AGENT_NOUN_RE.search(name[0]) or (len(name[0]) >= 7 and NOUN_SUFFIX_RE.search(name[0]))):
        i += 1
        name.pop(0)
    return tuple(toks[: i + 1]), tuple(name)


def titled_person(phrase: str) -> bool:
    """"Azerbaijan's Foreign Ministry Spokesman Jane Roe": a person titled by an organisation, not it."""
    sp = split_name(phrase)
    return sp is not None and len(sp[1]) >= 2 and bool(sp[0]) and _tok_key(sp[0][-1]) in PERSON_TITLES


@lru_cache(maxsize=16384)
def parse_mention(phrase: str) -> Mention | None:
    """What a short phrase next to a cue verb names, or None when it names no speaker (memoised: pure,
    and a Mention is frozen)."""
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
    tail = ORG_ROLE_TAIL_RE.search(p)
    if tail and (parse_org(p[:tail.start()]) or ministry_portfolio(p[:tail.start()])):
        # "the Ministry of Foreign Affairs spokesperson": the ministry's spokesperson, not the ministry
        noun = tail.group("noun").lower()
        return Mention("role", p, role_noun=noun, country=country_of(p), gender=_gender(None, noun))
    org = parse_org(p) if not titled_person(p) else None
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
    poss = COUNTRY_POSSESSIVE_RE.match(p) if m is None else None
    if poss and country_of(poss.group("owner")):
        # "Turkey's foreign minister": a country's role noun, read as "the Turkish foreign minister"
        m = ROLE_NOUN_RE.match(f"the {poss.group('owner')} {p[poss.end():]}")
    if m:
        adj = m.group("adj") or ""
        of = m.group("of") or ""
        country = country_of(adj) or country_of(of) if (adj or of) else None
        if adj and not country and _tok_key(adj.split()[-1]) not in TITLE_WORDS | {"new", "former", "then",
                                                                                   "current", "late"}:
            return None
        noun = m.group("noun").lower().replace("head of the state", "head of state")
        adjs = [w for w in key(adj).split() if w not in {"new", "former", "then", "current", "late"}
                and not (country and country_of(w))] if adj else []
        return Mention("role", p, role_noun=noun, country=country,
                       gender=_gender(None, noun), role_adj=adjs)
    m = GENERIC_ROLE_RE.match(p)
    if m and any(w[0].isupper() and not country_of(w) for w in m.group("adjs").split()):
        m = None  # only a country adjective may be capitalised: "the Iranian official"
    if m and m.group("noun").lower() not in GENERIC_ROLE_STOP and not re.search(r"(?:ing|ed|ly)$", m.group("noun")):
        noun = m.group("noun").lower()
        adjs = [w for w in key(p).split()[1:-1] if w not in {"new", "former", "then", "current", "late"}]
        country = next((c for w in adjs if (c := country_of(w))), None)  # "the Iranian official"
        return Mention("role", p, role_noun=noun, generic=True, gender=_gender(None, noun), role_adj=adjs,
                       country=country)
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
    if len(name) == 1 and role_words and POSSESSIVE_RE.search(role_words[-1]) and \
            (AGENT_NOUN_RE.search(name[0].lower()) or _tok_key(name[0]) in PLACE_OR_BUILDING_HEADS):
        return None  # "the People's Writer", "Caesar's Palace": a title or a building, not a surname
    if COUNTRIES.get(key(" ".join(name))) or (len(name) > 1 and all(w.isupper() and len(w) > 2 for w in name)):
        return None  # "the United States", a dateline "MIDWAY ATOLL": not a person
    if _tok_key(name[-1]) in PLACE_HEADS:
        return None  # "the Pacific Ocean", "Fulton County": a place
    if is_place(name):
        return None  # "Ohio", "New Hampshire", "Los Angeles": a place, not a person
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

