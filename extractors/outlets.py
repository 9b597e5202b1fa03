"""The outlet registry (extractors/outlets.toml) and outlet identification from page text.

Identification cascade (first hit wins; an outlet that cannot be told is None, never a guess):
  1. syndication  a registry `syndication` regex, or the generic "Source: <outlet>" wrapper line,
                  names the original outlet -> that outlet (even over the syndicator's masthead)
  2. masthead     an exact `mastheads` line among the first non-blank lines
  3. credit       a registry `credits` regex inside a line ("Report informs")
  4. footer       a registry `footers` regex matching a whole line ("Follow us on Twitter @X")
  5. alias-credit a registry name/alias used as an agency credit in the lede
                  ("..., Trend reports.", "(AZERTAC)", "/APA/", "- Trend:")
  6. domain       the outlet's domain written in the text ("www.report.az")
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from extractors.records import Outlet

FLAGS = re.IGNORECASE
MASTHEAD_WINDOW = 6  # non-blank lines at the top where a masthead may stand
ALIAS_CREDIT_WINDOW = 12  # non-blank lines at the top where an alias credit identifies the outlet

# Generic syndication wrapper: a whole line naming where the text came from.
SOURCE_LINE = re.compile(
    r"^(?:source|originally published (?:by|on|at)|first published (?:by|on|at)|via|courtesy of)"
    r"\s*[:\-–]?\s*(?P<source>[A-Z][\w.&' -]{1,60}?)\s*\.?$", FLAGS)
NEWSY_NAME = re.compile(r"\b(?:news|agency|press|times|post|tv|radio|daily|media|herald|journal|"
                        r"telegraph|gazette|world|tribune|wire|\.az|\.am|\.com|\.ru|\.ge|\.tr)\b", FLAGS)


@dataclass(frozen=True)
class OutletSpec:
    key: str
    name: str
    domain: str
    timezone: str = "UTC"
    aliases: tuple[str, ...] = ()
    mastheads: frozenset[str] = frozenset()
    credits: tuple[re.Pattern, ...] = ()
    footers: tuple[re.Pattern, ...] = ()
    furniture: tuple[re.Pattern, ...] = ()
    syndication: tuple[re.Pattern, ...] = ()
    standfirst: bool = False
    layout: str = ""
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
            aliases=aliases,
            mastheads=frozenset(m.strip().casefold() for m in t.get("mastheads", [])),
            credits=_compile(t.get("credits"), key, "credits"),
            footers=_compile(t.get("footers"), key, "footers"),
            furniture=_compile(t.get("furniture"), key, "furniture"),
            syndication=_compile(t.get("syndication"), key, "syndication"),
            standfirst=bool(t.get("standfirst", False)),
            layout=t.get("layout", ""),
            names=tuple(dict.fromkeys([t["name"], *aliases, domain])),
        ))
    return tuple(specs)


@lru_cache(maxsize=1)
def load_registry() -> tuple[OutletSpec, ...]:
    """The registry, parsed once (the only file extraction reads)."""
    text = resources.files("extractors").joinpath("outlets.toml").read_text(encoding="utf-8")
    return parse_registry(tomllib.loads(text))


def list_outlets() -> list[OutletSpec]:
    """All registered outlets, sorted by key (for `mediamon outlets`)."""
    return sorted(load_registry(), key=lambda s: s.key)


def _key(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.casefold().removeprefix("www."))


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
    hit = _name_index().get(k)
    if hit is None:  # "Trend News Agency" / "Report News Agency" -> drop a generic suffix
        k2 = re.sub(r"(?:newsagency|agency|news|informationagency)$", "", k)
        hit = _name_index().get(k2) if k2 else None
    return hit


@lru_cache(maxsize=1)
def _alias_credit_re() -> re.Pattern | None:
    names = sorted({n for s in load_registry() for n in (s.name, *s.aliases) if len(n) >= 3},
                   key=len, reverse=True)
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in names)
    # Case-sensitive on purpose: "Trend reports" is a credit, "the trend reports" is not.
    return re.compile(
        rf"(?:(?<![\w.])(?P<a>{alt})\s+(?:reports|informs|reported|writes|has learned)\b"
        rf"|\((?P<b>{alt})\)|/(?P<c>{alt})[,/]|[-–—]\s*(?P<d>{alt})\s*:"
        rf"|\b(?:reports|told|informs)\s+(?P<e>{alt})\b(?!\s+(?:that|about))|^(?P<f>{alt})\s*[-–—:]\s)")


@lru_cache(maxsize=1)
def _domain_re() -> re.Pattern | None:
    domains = sorted({s.domain for s in load_registry() if s.domain}, key=len, reverse=True)
    if not domains:
        return None
    return re.compile(r"(?<![\w.-])(?:https?://)?(?:www\.)?(" + "|".join(re.escape(d) for d in domains)
                      + r")(?![\w-])", FLAGS)


def identify(lines: list[str]) -> tuple[Outlet | None, OutletSpec | None]:
    """(Outlet, its registry spec) from the page's normalised lines; (None, None) when untold.

    An original outlet named by a syndication wrapper but missing from the registry is returned
    as an Outlet without domain and without spec.
    """
    registry = load_registry()
    stripped = [ln.strip() for ln in lines]
    nonblank = [s for s in stripped if s]
    # 1. syndication
    for s in nonblank:
        for spec in registry:
            for rx in spec.syndication:
                m = rx.search(s)
                if m and m.groupdict().get("source"):
                    src = m.group("source").strip()
                    orig = find_outlet(src)
                    if orig is not None:
                        return orig.outlet(f"syndication:{spec.key}:{orig.key}"), orig
                    return Outlet(name=src, domain="", rule=f"syndication:{spec.key}:unregistered"), None
    for s in nonblank:
        m = SOURCE_LINE.match(s)
        if m and len(s) < 80:
            src = m.group("source").strip()
            orig = find_outlet(src)
            if orig is not None:
                return orig.outlet(f"syndication:source-line:{orig.key}"), orig
            if NEWSY_NAME.search(src):
                return Outlet(name=src, domain="", rule="syndication:source-line:unregistered"), None
    # 2. masthead
    for s in nonblank[:MASTHEAD_WINDOW]:
        for spec in registry:
            if s.casefold() in spec.mastheads:
                return spec.outlet(f"masthead:{s}"), spec
    # 3. credits
    for s in nonblank:
        for spec in registry:
            for rx in spec.credits:
                if rx.search(s):
                    return spec.outlet(f"credit:{rx.pattern}"), spec
    # 4. footers
    for s in nonblank:
        for spec in registry:
            for rx in spec.footers:
                if rx.fullmatch(s):
                    return spec.outlet(f"footer:{rx.pattern}"), spec
    # 5. alias credit in the lede
    rx = _alias_credit_re()
    if rx is not None:
        for s in nonblank[:ALIAS_CREDIT_WINDOW]:
            m = rx.search(s)
            if m:
                spec = find_outlet(next(g for g in m.groups() if g))
                if spec is not None:
                    return spec.outlet(f"alias-credit:{m.group(0).strip()}"), spec
    # 6. domain mention
    rx = _domain_re()
    if rx is not None:
        for s in nonblank:
            m = rx.search(s)
            if m:
                spec = find_outlet(m.group(1))
                if spec is not None:
                    return spec.outlet(f"domain:{m.group(1)}"), spec
    return None, None
