"""Organisation names: "Ministry of Foreign Affairs of Azerbaijan", "Georgian State Electrosystem".

`parse_org(phrase)` gives the canonical name of an organisation a phrase names (curated aliases, a
ministry with its country, a capitalised run ending in an organisation head noun), `ministry_portfolio`
the portfolio of a ministry named without its country ("the energy ministry").
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.speech.speakers import (
    CAP,
    COUNTRIES,
    FEMALE,
    HONORIFICS,
    MALE,
    MINISTRIES,
    ORG_ALIASES,
    ORG_HEADS,
    ORG_WORDS,
    TITLE_WORDS,
    _is_cap,
    _tok_key,
    ascii_fold,
    country_of,
    key,
)

_ministry_alt = "|".join(sorted((re.escape(k) for k in MINISTRIES), key=len, reverse=True))
MINISTRY_IN_RE = re.compile(rf"\b({_ministry_alt})\b")
MINISTRY_HEAD_RE = re.compile(
    rf"^(?:(?P<adj>{CAP})\s+)?Ministry\s+(?P<prep>of|for)\s+(?:the\s+)?(?P<rest>{CAP}(?:(?:\s+(?:and|of|for|the|&))*"
    rf"\s+{CAP})*)$")
COUNTRY_TAIL_RE = re.compile(rf"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<c>{CAP}(?:\s+{CAP})?)$")


@lru_cache(maxsize=16384)
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


@lru_cache(maxsize=16384)
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
STATE_TITLES = TITLE_WORDS - STATE_ADJ
GIVEN_NAMES = FEMALE | MALE

# an institution's own organ after its name: "the Mingachevir Industrial Park administration"
ORG_ORGAN_RE = re.compile(r"\s+(?:administration|management|press service|press office|leadership|"
                          r"board|spokesperson|spokesman|spokeswoman)$")


def state_body(toks: list[str]) -> bool:
    if not 3 <= len(toks) <= 4 or not all(_is_cap(t) for t in toks) or toks[-1].endswith(("'s", "’s")):
        return False
    ks = [_tok_key(t) for t in toks]
    if not COUNTRIES.get(ks[0]) or ks[1] not in STATE_ADJ:
        return False
    # "Georgian State Minister Jane Roe": a person's title follows; the name words must not be titles
    return not any(k in STATE_TITLES or k in HONORIFICS or k in GIVEN_NAMES for k in ks[2:])


@lru_cache(maxsize=16384)
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
        if _tok_key(toks[-1]) not in ORG_WORDS and (len(toks) == 2 and _tok_key(toks[0]) in GIVEN_NAMES):
            return None  # "Samantha Power": a given name before a head noun that is also a surname
        return ascii_fold(p)
    return None
