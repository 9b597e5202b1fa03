"""The outlet registry (extractors/outlets.toml) and outlet identification from page text.

Identification cascade (first hit wins; an outlet that cannot be told is None, never a guess):
  1. syndication  a registry `syndication` regex, or a generic credit line ("Source: <outlet>",
                  "This article was originally published by <outlet>.", "First appeared in <outlet>",
                  "Republished with permission from <outlet>") names the original outlet -> that
                  outlet (even over the syndicator's masthead); "Source: <outlet> and agencies" is the
                  registered outlet's own credit (rule credit:source-and-agencies); a stamp's
                  "(Source: X)" in the lede (syndication:source-paren)
  2. masthead     an exact `mastheads` line among the first non-blank lines; else a tagline among
                  the first three that names an outlet ("Armenia News - NEWS.am", "X News Agency");
                  else a bare domain-shaped FIRST line names an unregistered outlet ("Today.Az" ->
                  name "Today.Az", domain "today.az"; never guessed from body text)
                  else a first line ending like an outlet name ("Norvik Information Agency") names an
                  unregistered one (rule masthead-tail)
                  else a logo line ("The Valley Courier logo") or an official site's name first
                  ("Ministry of Foreign Affairs of Norvia") (masthead-logo, masthead-site); an archive
                  header '"X" publications'; a registered outlet's name on a line of its own above the
                  story ("BM. GE", header-name); "Paper, City" right above the date line (paper-city)
  3. credit       a registry `credits` regex inside a line ("Report informs")
  4. footer       a registry `footers` regex matching a whole line ("Follow us on Twitter @X")
  4b. dateline-credit  a lede dateline ending in its agency's name ("YEREVAN, MARCH 17, ARMENPRESS.",
                  "Baku / 15.07.20 / Turan:"); an unregistered name counts when it is in capitals or
                  newsy ("NORVIKPRESS", "Norvik News")
  4b'. agency-dateline  the agency slot of a lede's dateline: "TEHRAN, Aug. 07 (NNA) –", "VALDOR (Norvik
                  Wire) –", "Valdor, 29.10.2016. /NIAT Norvik/.", "VALDOR. NORVIKINFORM –", or the lede
                  opening "Norvik News/ ..."; a wire too (it files its own copy), never "(Dispatches)"
  4c. copyright   a copyright line ("© 2024 Norvik Post. All rights reserved."), from the bottom up; a
                  wire's photo credit ("© AFP") is none
  4d. sign-off    "... ///Norvik, 26 June 2024" or a line "The Norvik Times" among the last lines
  5. alias-credit a registry name/alias used as an agency credit in the lede
                  ("..., Trend reports.", "(AZERTAC)", "/APA/", "- Trend:", "PanARMENIAN.Net – "), or
                  the outlet's back-reference to its own story ("As previously reported by X")
  6. domain       the outlet's domain written in the text ("www.report.az")
Steps 5-6 skip `cited` outlets (wires, broadcasters): other pages quote them ("Reuters reported").
An unregistered outlet gets the domain the text gives for its name (`domain_for`), else none.
Lines are read without a crawler's " date YYYY-MM-DD " prefix. Names are compared by `_key`: case and
diacritics folded, letters of every script kept, so a line in another script never matches a Latin
name, and a generic word is never a footer that identifies (registry data: such lines are `furniture`).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from extractors.layout.dates import parse_date_line
from extractors.layout.furniture import AGENCY_NAMES
from extractors.layout.page import ic_fold
from extractors.layout.titles import is_paragraph
from extractors.layout.zones import CITY_ZONES
from extractors.records import Outlet

FLAGS = re.IGNORECASE
MASTHEAD_WINDOW = 6  # non-blank lines at the top where a masthead may stand
MASTHEAD_TOP = 3  # non-blank lines at the top where a tagline naming an outlet may stand
ALIAS_CREDIT_WINDOW = 12  # non-blank lines at the top where an alias credit identifies the outlet
HEADER_LINES = 14  # non-blank lines at the top where a registered outlet's name line may stand

# Generic syndication wrapper: a whole line naming where the text came from ("Source: X",
# "This article was originally published by X.", "First appeared in X", "Republished with permission from X").
SOURCE_LINE = re.compile(
    r"^(?:source|via|courtesy of"
    r"|(?:this (?:article|story|post|piece|report|interview|op-ed|analysis|text|material) "
    r"(?:was |is |has been )?(?:originally |first )?|(?:originally|first) )(?:published|posted|appeared)"
    r"\s+(?:by|on|at|in)"  # a bare "Posted in World" is a section link, no credit
    r"|(?:re-?published|reprinted|reproduced)(?: here)?(?: with (?:kind )?permission)? (?:from|of|by))"
    r"\s*[:\-–]?\s*(?P<source>[A-Z][\w.&' -]{1,60}?)"
    r"(?:\s+and (?:is )?(?:re-?published|reprinted|reproduced|shared)\b[^,;]{0,60})?\s*\.?$", FLAGS)
SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")  # a dot inside a domain ("News.Az") has no space after it
# "Source: X and agencies": the page's own outlet credits itself beside the wires (no syndication)
OWN_CREDIT_TAIL = re.compile(r"\s*(?:,|and|with|\+|/|&)\s*(?:news |other |international )?(?:agencies|wires)$", FLAGS)
# A bare domain-shaped first line: the masthead of an outlet the registry lacks ("Today.Az", "NEWS.am")
DOMAIN_MASTHEAD = re.compile(r"(?:www\.)?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?P<tld>[A-Za-z]{2,6})")
NOT_TLD = frozenset({"html", "htm", "php", "asp", "aspx", "jsp", "pdf", "txt", "doc", "docx", "jpg", "jpeg",
                     "png", "gif", "webp", "svg", "mp3", "mp4", "xml", "json", "csv", "zip", "exe"})
NEWSY_NAME = re.compile(r"\b(?:news|agency|press|times|post|tv|radio|daily|media|herald|journal|"
                        r"telegraph|gazette|world|tribune|wire|\.az|\.am|\.com|\.ru|\.ge|\.tr)\b", FLAGS)


# Crawler prefix " date 2018-12-18 " before the first line: not part of any credit
DATE_MARKER = re.compile(r"^\s*date\s+(?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?\s+", FLAGS)
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A dateline that ends in its agency's name: "YEREVAN, DECEMBER 18, ARMENPRESS.", "Baku / 15.07.20 / Turan:",
# "Baku, February 6, AZERTAC": the name of the outlet that filed the story
DATELINE_CREDIT = re.compile(
    r"^[A-Z][A-Za-z'.-]+(?:[ -][A-Z][A-Za-z'.-]+)?(?:,\s*[A-Z][A-Za-z'. -]+?)?\s*[,/]\s*"
    rf"(?:{_MON}\s+\d{{1,2}}(?:,?\s*(?:19|20)\d\d)?|\d{{1,2}}\s+{_MON}(?:\s+(?:19|20)\d\d)?|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}})"
    r"\s*[,/]\s*\(?(?P<name>[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})\)?\s*(?:[.:/]|[-–—]\s|$)", FLAGS)
# An agency's credit opening the lede after its dateline: "TEHRAN, Aug. 07 (NNA) –", "NORVIK (Norvik Wire) –",
# "Valdor, 29.10.2016. /NIAT «Norvik»/.", "NORVIK. NORVIKINFORM –"; or the lede's first words "Norvik News/ On ..."
_DAY = (rf"(?i:{_MON})\s*\d{{1,2}}(?:,?\s*(?:19|20)\d\d)?|\d{{1,2}}\s+(?i:{_MON})(?:\s+(?:19|20)\d\d)?"
        r"|\d{1,2}\.\d{1,2}\.(?:19|20)?\d\d")
AGENCY_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z'.-]+(?:[ -][A-Z][A-Za-z'.-]+){0,2}(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)??"
    rf"(?:\s*,\s*(?:{_DAY}))?"
    r"\s*(?:\((?P<p>[^()]{2,40})\)\s*[-–—:]|\.?\s*/(?P<s>[^/\s][^/]{1,40})/|[.,]\s+(?P<c>[A-Z][A-Z0-9.&-]{2,}"
    r"(?: [A-Z][A-Z0-9.&-]+)?)\s*[-–—]\s)"
    r"|(?P<lead>[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})\s?/\s+(?=[A-Z]))")
# A site's logo alt text as a line at the top: "The Valley Courier logo" -> "The Valley Courier"
LOGO_LINE = re.compile(r"^(?P<name>[A-Z][\w.&'’ -]{1,40}?)\s+(?i:logo)$")
# An official site's name as its first line: "Ministry of Foreign Affairs of Norvia", "President of the Republic of X"
INSTITUTION = re.compile(
    r"^(?:The )?(?:Official (?:[Ww]eb ?site|[Ss]ite|[Pp]ortal) of (?:the )?)?(?:Ministry|Embassy|Consulate|Office|"
    r"Administration|Presidency|Government|Cabinet|Parliament|Permanent Mission|President|Prime Minister)"
    r"(?: (?:of|for|to)(?: the)?(?: [A-Z][\w'’-]+)+)+$")
# "5/28, 11:41 PM (Source: Norvik Wire)": a stamp's parenthesised source
SOURCE_PAREN = re.compile(r"\((?:source|via)\s*:\s*(?P<source>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3})\)", FLAGS)
# a sign-off line after the story naming its outlet: "The Norvik Times"
SIGN_OFF = re.compile(r"^(?:The )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3} (?:Times|Post|News|Herald|Tribune|Gazette|"
                      r"Journal|Daily|Telegraph|Chronicle|Observer|Monitor|Express|Standard|Mirror|Courier|Review)$")
SLASH_SIGN_OFF = re.compile(r"/{3}\s*(?P<name>[A-Za-z][\w.&'-]{1,30}(?: [\w.&'-]+){0,3})\s*(?:,[^/]{1,30})?$")
# "Norvik Courier, Valdor" right above the date line: the paper and its city (a monitoring service's source line)
PAPER_CITY = re.compile(r"^(?P<name>[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,3}),\s+"
                        r"(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?)$")
SIGN_OFF_LINES = 4  # non-blank lines at the end where a sign-off may stand
GENERIC_SOURCE = re.compile(r"(?:news |wire )?(?:agencies|dispatches|wires|reports|staff|agency|combined)"
                            r"|USA|UAE|UK|EU|DPRK|PRC|KSA|DC|D\.C\.", FLAGS)  # "NEW YORK, USA –": a place
# an archive page of one outlet's stories: '"Norvik Courier" publications'
PUBLICATIONS_OF = re.compile(r"^[\"«“](?P<name>[^\"»”]{2,40})[\"»”]\s+(?:publications|articles|materials|stories)$",
                             FLAGS)
QUOTE_MARKS = re.compile("[«»\"“”]")
# A copyright line: "© 2024 Norvik Post. All rights reserved.", "Copyright © Norvik Post, 2010-2024"
COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?"
    r"(?P<name>[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*(?: [A-Z][\w&'’-]*(?:\.[\w&'’-]+)*){0,4})\s*,?\s*"
    r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?"
    r"\s*(?:[.,|]\s*)?(?:all rights reserved\.?.*)?$", FLAGS)
CREDIT_MARK = re.compile(r"^(?:©|\(c\)|photo:|source:)\s*", FLAGS)
DOMAIN_IN_TEXT = re.compile(
    r"(?<![\w.@-])(?:https?://)?(?:www\.)?((?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,6})(?![\w-])", FLAGS)

# The tail of a masthead/tagline line: "ARMENPRESS Armenian News Agency", "MENAFN - ... Financial Network"
MASTHEAD_TAIL = re.compile(
    r"\b(?:(?:state |national |international |independent )?(?:news|information|telegraph|press|media) "
    r"(?:agency|network|service|portal)|financial network|news agency|broadcasting (?:company|corporation)|"
    r"online (?:newspaper|magazine)|(?:daily |weekly )?newspaper)$", FLAGS)
AGENCY_LINE = re.compile(rf"(?:{AGENCY_NAMES})\.?", FLAGS)
MASTHEAD_SPLIT = re.compile(r"\s+[-–—|:]\s+|\s*[|•·]\s*")


@dataclass(frozen=True)
class OutletSpec:
    key: str
    name: str
    domain: str
    timezone: str = "UTC"
    country: str | None = None  # the country it reports from ("Azerbaijan"): the speech step's default
    aliases: tuple[str, ...] = ()
    mastheads: frozenset[str] = frozenset()
    credits: tuple[re.Pattern, ...] = ()
    footers: tuple[re.Pattern, ...] = ()
    furniture: tuple[re.Pattern, ...] = ()
    syndication: tuple[re.Pattern, ...] = ()
    standfirst: bool = False
    cited: bool = False  # a wire/broadcaster others quote: its name in a text does not identify a page
    layout: str = ""
    feeds: tuple[str, ...] = ()  # RSS/Atom feed or sitemap URLs `mediamon ingest --outlet-feeds` polls
    names: tuple[str, ...] = field(default=())  # name + aliases + domain, for lookups

    def outlet(self, rule: str) -> Outlet:
        return Outlet(name=self.name, domain=self.domain, timezone=self.timezone, rule=rule)


def _compile(patterns, key: str, what: str) -> tuple[re.Pattern, ...]:
    out = []
    for p in patterns or []:
        try:
            out.append(re.compile(p, FLAGS))
        except re.error as e:  # a bad registry regex must not break extraction of every page
            raise ValueError(f"outlets.toml: outlet {key!r} {what} regex {p!r}: {e}") from e
    return tuple(out)


def parse_registry(data: dict) -> tuple[OutletSpec, ...]:
    specs = []
    for t in data.get("outlet", []):
        key = t["key"]
        aliases = tuple(t.get("aliases", []))
        domain = t.get("domain", "").removeprefix("www.")
        specs.append(OutletSpec(
            key=key, name=t["name"], domain=domain, timezone=t.get("timezone", "UTC"),
            country=t.get("country") or None, aliases=aliases,
            mastheads=frozenset(m.strip().casefold() for m in t.get("mastheads", [])),
            credits=_compile(t.get("credits"), key, "credits"),
            footers=_compile(t.get("footers"), key, "footers"),
            furniture=_compile(t.get("furniture"), key, "furniture"),
            syndication=_compile(t.get("syndication"), key, "syndication"),
            standfirst=bool(t.get("standfirst", False)),
            cited=bool(t.get("cited", False)),
            layout=t.get("layout", ""),
            feeds=tuple(t.get("feeds", [])),
            names=tuple(dict.fromkeys([t["name"], *aliases, domain])),
        ))
    return tuple(specs)


@lru_cache(maxsize=1)
def load_registry() -> tuple[OutletSpec, ...]:
    """The registry, parsed once (the only file extraction reads)."""
    text = resources.files("extractors.layout").joinpath("outlets.toml").read_text(encoding="utf-8")
    return parse_registry(tomllib.loads(text))


def list_outlets() -> list[OutletSpec]:
    """All registered outlets, sorted by key (for `mediamon outlets`)."""
    return sorted(load_registry(), key=lambda s: s.key)


@lru_cache(maxsize=16384)
def _key(s: str) -> str:
    """A lookup key: case and diacritics folded ("Hürriyet" = "Hurriyet"), letters of every script and
    digits kept, the rest dropped. A line in another script never shares a key with a Latin name
    ("Հայ" is not "RIA"); a key with no letter names nothing."""
    s = unicodedata.normalize("NFKD", s.casefold().replace("ı", "i").removeprefix("www."))
    s = re.sub(r"[\W_]", "", "".join(c for c in s if not unicodedata.combining(c)))
    return s if any(c.isalpha() for c in s) else ""


@lru_cache(maxsize=1)
def _name_index() -> dict[str, OutletSpec]:
    index: dict[str, OutletSpec] = {}
    for spec in load_registry():
        for n in spec.names:
            if n:
                index.setdefault(_key(n), spec)
    return index


def find_outlet(name: str) -> OutletSpec | None:
    """The registry outlet called `name` (its name, an alias or its domain), else None."""
    k = _key(name)
    if not k:
        return None
    hit = _name_index().get(k)
    if hit is None:  # "Trend News Agency" / "Report News Agency" -> drop a generic suffix
        k2 = re.sub(r"(?:newsagency|agency|news|informationagency)$", "", k)
        hit = _name_index().get(k2) if k2 else None
    return hit


@lru_cache(maxsize=16384)
def masthead_outlet(s: str) -> OutletSpec | None:
    """The registry outlet a masthead/tagline line names: the whole line, one of its " - "/" | " parts
    ("Armenia News - NEWS.am"), or its first/last word before a masthead tail ("ARMENPRESS Armenian
    News Agency"). Only for short non-sentence lines."""
    s = s.strip()
    if not s or len(s.split()) > 9 or s[-1] in ".!?,;":
        return None
    hit = find_outlet(s)
    if hit is not None:
        return hit
    parts = [p for p in MASTHEAD_SPLIT.split(s) if p.strip()]
    if len(parts) >= 2:
        for p in parts:
            hit = find_outlet(p)
            if hit is not None:
                return hit
    if MASTHEAD_TAIL.search(s):
        w = s.split()
        for tok in (w[0], w[-1]):
            hit = find_outlet(tok.strip("()[]"))
            if hit is not None:
                return hit
    return None


def unregistered_masthead(s: str) -> str | None:
    """The outlet name of a first line that ends like one ("Norvik News Agency", "Valley Wire - Norvik
    Information Agency" -> the part with the tail), when the registry does not know it."""
    s = s.strip()
    if not s or len(s.split()) > 9 or s[-1] in ".!?,;" or masthead_outlet(s) is not None:
        return None
    for p in (p.strip() for p in MASTHEAD_SPLIT.split(s) if p.strip()):
        if MASTHEAD_TAIL.search(p) and len(p.split()) <= 5 and p[0].isupper():
            return p
    return None


def domain_for(name: str, lines: list[str]) -> str:
    """The domain the text gives for an outlet called `name` ("Norvik Post" -> "norvikpost.com" written
    on the page), else ""."""
    k = _key(name)
    if len(k) < 3:
        return ""
    for s in lines:
        for m in DOMAIN_IN_TEXT.finditer(s):
            d = m.group(1).casefold()
            if d.rsplit(".", 1)[-1] in NOT_TLD:
                continue
            host = _key(d.rsplit(".", 1)[0].split(".")[-1])
            if host and (host == k or len(host) >= 4 and (host in k or k in host)):
                return d.removeprefix("www.")
    return ""


def is_masthead_shaped(s: str) -> bool:
    """A site-name/tagline line: it names a registry outlet, or ends like one ("... News Agency")."""
    s = s.strip()
    if not s or len(s.split()) > 9 or s[-1] in ".!?,;":
        return False
    parts = [p for p in MASTHEAD_SPLIT.split(s) if p]  # "Valley Wire - Norvik Information Agency"
    return any(MASTHEAD_TAIL.search(p) and len(p.split()) <= 5 for p in parts) or bare_domain(s) \
        or masthead_outlet(s) is not None or logo_name(s) is not None


def bare_domain(s: str) -> bool:
    """A line that is only a domain-shaped token ("Today.Az", "NEWS.am", "example.co.uk"), no file name."""
    m = DOMAIN_MASTHEAD.fullmatch(s.strip())
    return m is not None and m.group("tld").casefold() not in NOT_TLD


def institution_masthead(s: str) -> bool:
    """An official site's name line ("Ministry of Foreign Affairs of Norvia"): 3-12 words, no digits."""
    s = s.strip()
    return 3 <= len(s.split()) <= 12 and len(s) <= 90 and not any(c.isdigit() for c in s) \
        and INSTITUTION.match(s) is not None


def logo_name(s: str) -> str | None:
    """The site name of a logo line ("The Valley Courier logo" -> "The Valley Courier"), else None."""
    m = LOGO_LINE.match(s.strip())
    return m.group("name") if m and len(m.group("name").split()) <= 5 else None


@lru_cache(maxsize=1)
def _syndication() -> tuple[tuple[OutletSpec, re.Pattern], ...]:
    return tuple((spec, rx) for spec in load_registry() for rx in spec.syndication)


@lru_cache(maxsize=1)
def _masthead_index() -> dict[str, OutletSpec]:
    index: dict[str, OutletSpec] = {}
    for spec in load_registry():  # registry order: the first outlet listing a masthead wins
        for m in spec.mastheads:
            index.setdefault(m, spec)
    return index


@lru_cache(maxsize=1)
def _gated() -> tuple[tuple[OutletSpec, re.Pattern, tuple[str, ...] | None, bool], ...]:
    """Every credit and footer regex in registry order as (spec, regex, gate, is_footer). The gate is
    the outlet's names (case-folded) when the pattern spells one of them: the pattern cannot match
    a page that names none of them. Patterns without a name (e.g. "Route \\d+") have no gate."""
    out = []
    for footer in (False, True):
        for spec in load_registry():
            names = tuple({n.casefold() for n in spec.names if len(n) >= 2})
            for rx in spec.footers if footer else spec.credits:
                src = rx.pattern.replace("\\", "").casefold()
                gate = names if any(n in src for n in names) else None
                out.append((spec, rx, gate, footer))
    return tuple(out)


@lru_cache(maxsize=1)
def _gate_names() -> frozenset[str]:
    return frozenset(g for _spec, _rx, gate, _footer in _gated() if gate for g in gate)


@lru_cache(maxsize=1)
def _alias_credit_names() -> tuple[str, ...]:
    return tuple(sorted({n for s in load_registry() if not s.cited for n in (s.name, *s.aliases) if len(n) >= 3},
                        key=len, reverse=True))


@lru_cache(maxsize=1)
def _alias_credit_re() -> re.Pattern | None:
    names = _alias_credit_names()
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in names)
    # Case-sensitive on purpose: "Trend reports" is a credit, "the trend reports" is not.
    return re.compile(
        rf"(?:(?<![\w.])(?P<a>{alt})\s+(?:reports|informs|reported|writes|has (?:learned|learnt))\b"
        rf"|\((?P<b>{alt})\)|/(?P<c>{alt})[,/]|[-–—]\s*(?P<d>{alt})\s*:"
        rf"|\b(?:reports|told|informs)\s+(?P<e>{alt})\b(?!\s+(?:that|about))|^(?P<f>{alt})\s*[-–—:]\s"
        # the outlet's back-reference to its own earlier story: "As previously reported by Norvik Post"
        rf"|\b(?:previously|earlier|already) reported by (?P<g>{alt})\b"
        rf"|(?<![\w.])(?P<h>{alt}) (?:previously|earlier) reported\b)")


@lru_cache(maxsize=1)
def _domains() -> tuple[str, ...]:
    return tuple(sorted({s.domain for s in load_registry() if s.domain and not s.cited}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _domain_re() -> re.Pattern | None:
    domains = _domains()
    if not domains:
        return None
    return re.compile(r"(?<![\w.-])(?:https?://)?(?:www\.)?(" + "|".join(re.escape(d) for d in domains)
                      + r")(?![\w-])", FLAGS)


def identify(lines: list[str]) -> tuple[Outlet | None, OutletSpec | None]:
    """(Outlet, its registry spec) from the page's normalised lines; (None, None) when untold.

    An original outlet named by a syndication wrapper but missing from the registry is returned
    as an Outlet without domain and without spec.
    """
    stripped = [DATE_MARKER.sub("", ln).strip() for ln in lines]
    nonblank = [s for s in stripped if s]
    # 1. syndication
    wrappers = _syndication()
    for s in nonblank:
        for spec, rx in wrappers:
            m = rx.search(s)
            if m and m.groupdict().get("source"):
                src = m.group("source").strip()
                orig = find_outlet(src)
                if orig is spec:  # "MENAFN - Middle East North Africa Financial Network": its masthead
                    continue
                if orig is not None:
                    return orig.outlet(f"syndication:{spec.key}:{orig.key}"), orig
                return Outlet(name=src, domain="", rule=f"syndication:{spec.key}:unregistered"), None
    for s in nonblank:
        m = SOURCE_LINE.match(s)
        if m and len(s) < 160:
            # the credit ends with its sentence: "... by X. It is republished here with permission."
            src = SENTENCE_END.split(m.group("source"), maxsplit=1)[0].strip()
            own = OWN_CREDIT_TAIL.search(src)
            if own:  # 1c. "Source: X and agencies": X's own page, not a syndicated one
                orig = find_outlet(src[: own.start()])
                if orig is not None:
                    return orig.outlet(f"credit:source-and-agencies:{orig.key}"), orig
                continue
            orig = find_outlet(src)
            if orig is not None:
                return orig.outlet(f"syndication:source-line:{orig.key}"), orig
            if NEWSY_NAME.search(src):
                return Outlet(name=src, domain="", rule="syndication:source-line:unregistered"), None
    for s in nonblank[:ALIAS_CREDIT_WINDOW]:  # 1d. "11:41 PM (Source: X)": a stamp's source
        m = SOURCE_PAREN.search(s) if len(s) <= 120 else None
        if m:
            src = m.group("source").strip()
            orig = find_outlet(src)
            if orig is not None:
                return orig.outlet(f"syndication:source-paren:{orig.key}"), orig
            if not GENERIC_SOURCE.fullmatch(src) and not AGENCY_LINE.fullmatch(src):
                return Outlet(name=src, domain=domain_for(src, nonblank),
                              rule="syndication:source-paren:unregistered"), None
    # 2. masthead
    heads = _masthead_index()
    for k, s in enumerate(nonblank[:MASTHEAD_WINDOW]):
        spec = heads.get(s.casefold())
        # below the first line, a wire's bare name ("Reuters") is a photo credit under a caption
        if spec is not None and not (k and (spec.cited or AGENCY_LINE.fullmatch(s))):
            return spec.outlet(f"masthead:{s}"), spec
    # 2b. a masthead/tagline line naming a registry outlet ("Armenia News - NEWS.am")
    for k, s in enumerate(nonblank[:MASTHEAD_TOP]):
        if k and AGENCY_LINE.fullmatch(CREDIT_MARK.sub("", s)):  # a lone photo credit ("© AFP") under a caption
            continue
        spec = masthead_outlet(s)
        if spec is not None:
            return spec.outlet(f"masthead-name:{s}"), spec
    # 2c. an unregistered outlet's bare domain masthead as the first line ("Today.Az"): that name
    if nonblank and bare_domain(nonblank[0]):
        name = nonblank[0]
        return Outlet(name=name, domain=name.casefold().removeprefix("www."),
                      rule=f"masthead-domain:{name}"), None
    # 2d. an unregistered outlet's name line first on the page ("Norvik News Agency")
    if nonblank:
        name = unregistered_masthead(nonblank[0])
        if name:
            return Outlet(name=name, domain=domain_for(name, nonblank), rule=f"masthead-tail:{name}"), None
    # 2e. a logo line ("The Valley Courier logo") or an official site's name first ("Ministry of X of Y")
    for k, s in enumerate(nonblank[:MASTHEAD_TOP]):
        name = logo_name(s) or (s if k == 0 and institution_masthead(s) and len(nonblank) > 1 else None)
        if name:
            spec = find_outlet(name)
            if spec is not None:
                return spec.outlet(f"masthead-logo:{name}"), spec
            return Outlet(name=name, domain=domain_for(name, nonblank), rule=f"masthead-site:{name}"), None
    if nonblank and PUBLICATIONS_OF.match(nonblank[0]):  # '"Norvik Courier" publications'
        name = PUBLICATIONS_OF.match(nonblank[0]).group("name").strip()
        spec = find_outlet(name)
        return (spec.outlet(f"masthead-publications:{name}"), spec) if spec else (
            Outlet(name=name, domain=domain_for(name, nonblank), rule=f"masthead-publications:{name}"), None)
    # 2f. a registered outlet's name on a line of its own above the story ("BM. GE" beside the date)
    for s in nonblank[:HEADER_LINES]:
        if is_paragraph(s):
            break
        spec = find_outlet(s) if len(s) <= 40 and ("." in s or len(s.split()) >= 2) else None
        if spec is not None and not spec.cited and not AGENCY_LINE.fullmatch(s):
            return spec.outlet(f"header-name:{s}"), spec
    # 2g. "Norvik Courier, Valdor" right above a date line in the header: the paper and its city
    for k, s in enumerate(nonblank[:HEADER_LINES - 1]):
        if is_paragraph(s):
            break
        m = PAPER_CITY.match(s)
        if m and m.group("city").casefold() in CITY_ZONES and parse_date_line(nonblank[k + 1]) is not None:
            name = m.group("name")
            spec = find_outlet(name)
            if spec is not None:
                return spec.outlet(f"paper-city:{name}"), spec
            return Outlet(name=name, domain=domain_for(name, nonblank), rule=f"paper-city:{name}"), None
    # 3. credits, 4. footers: only the patterns whose outlet name occurs on the page (gates)
    page = "\n".join(nonblank).casefold()
    present = {g for g in _gate_names() if g in page}  # each name looked up once per page
    credits, footers = [], []
    for spec, rx, gate, footer in _gated():
        if gate is None or not present.isdisjoint(gate):
            (footers if footer else credits).append((spec, rx))
    for s in nonblank:
        for spec, rx in credits:
            if rx.search(s):
                return spec.outlet(f"credit:{rx.pattern}"), spec
    for s in nonblank:
        for spec, rx in footers:
            if rx.fullmatch(s):
                return spec.outlet(f"footer:{rx.pattern}"), spec
    # 4b. a dateline ending in its agency's name, in the lede ("YEREVAN, MARCH 17, NORVIKPRESS.")
    for s in nonblank[:ALIAS_CREDIT_WINDOW]:
        m = DATELINE_CREDIT.match(s)
        if m:
            name = m.group("name").strip()
            spec = find_outlet(name)
            if spec is not None and not spec.cited:
                return spec.outlet(f"dateline-credit:{name}"), spec
            if spec is None and (name.isupper() and len(name) >= 3 or NEWSY_NAME.search(name)):
                return Outlet(name=name, domain=domain_for(name, nonblank), rule=f"dateline-credit:{name}"), None
    # 4b'. an agency credit after the lede's dateline ("TEHRAN (NNA) –"): the agency that filed the story,
    # a wire too (it files its own copy); an unregistered name counts when in capitals, newsy, or
    # capitalised between the slashes of the agency slot ("/X/")
    for s in nonblank[:ALIAS_CREDIT_WINDOW]:
        m = AGENCY_DATELINE.match(s)
        if not m:
            continue
        name = " ".join(QUOTE_MARKS.sub(" ", next(g for g in (m.group("p"), m.group("s"), m.group("c"), m.group("lead"))
                                                   if g)).split())
        spec = find_outlet(name)
        if spec is None and m.group("lead") is None:
            spec = find_outlet(re.sub(r"^(?:[A-Z]{2,6}\s+)", "", name))  # "NIAT Norvik": the agency's initials first
        if spec is not None:
            return spec.outlet(f"agency-dateline:{name}"), spec
        if GENERIC_SOURCE.fullmatch(name):  # "(Dispatches) --", "(Agencies)": no outlet named
            continue
        if (name.isupper() and len(name) >= 3 and m.group("lead") is None) or NEWSY_NAME.search(name) or (
                m.group("s") and len(name.split()) <= 4 and all(w[:1].isupper() for w in name.split())):
            return Outlet(name=name, domain=domain_for(name, nonblank), rule=f"agency-dateline:{name}"), None
    # 4c. a copyright line ("© 2024 Norvik Post. All rights reserved."); a wire's photo credit is none
    for s in reversed(nonblank):
        m = COPYRIGHT.match(s) if len(s) <= 120 else None
        if m and not AGENCY_LINE.fullmatch(m.group("name")):
            name = m.group("name").strip(" .")
            spec = find_outlet(name)
            if spec is not None and not spec.cited:
                return spec.outlet(f"copyright:{name}"), spec
            if spec is None and len(name) >= 3:
                return Outlet(name=name, domain=domain_for(name, nonblank), rule=f"copyright:{name}"), None
    # 4d. a sign-off after the story: "... ///Norvik, 26 June 2024", or a line "The Norvik Times" among the last
    for s in nonblank[-SIGN_OFF_LINES:][::-1]:
        m = SLASH_SIGN_OFF.search(s) if "///" in s else None
        if m:
            name = m.group("name")
            spec = find_outlet(name)
            if spec is None or not spec.cited:
                return (spec.outlet(f"sign-off:{name}"), spec) if spec else (
                    Outlet(name=name, domain=domain_for(name, nonblank), rule=f"sign-off:{name}"), None)
    for s in nonblank[-SIGN_OFF_LINES:][::-1]:
        if is_paragraph(s):
            break
        if SIGN_OFF.match(s):
            spec = find_outlet(s)
            if spec is not None and not spec.cited:
                return spec.outlet(f"sign-off:{s}"), spec
            if spec is None:
                return Outlet(name=s, domain=domain_for(s, nonblank), rule=f"sign-off:{s}"), None
    # 5. alias credit in the lede (the pattern spells a name, case-sensitive: a lede naming none is skipped)
    rx = _alias_credit_re()
    lede = "\n".join(nonblank[:ALIAS_CREDIT_WINDOW])
    if rx is not None and any(n in lede for n in _alias_credit_names()):
        for s in nonblank[:ALIAS_CREDIT_WINDOW]:
            m = rx.search(s)
            if m:
                spec = find_outlet(next(g for g in m.groups() if g))
                if spec is not None:
                    return spec.outlet(f"alias-credit:{m.group(0).strip()}"), spec
    # 6. domain mention (IGNORECASE: looked for in the page folded as re.I compares letters)
    rx = _domain_re()
    folded = ic_fold("\n".join(nonblank))
    if rx is not None and any(d.lower() in folded for d in _domains()):
        for s in nonblank:
            m = rx.search(s)
            if m:
                spec = find_outlet(m.group(1))
                if spec is not None:
                    return spec.outlet(f"domain:{m.group(1)}"), spec
    return None, None
