"""Text page -> Page: the extraction core. Pure: no I/O (the registry is read once at import).

    page = extract_page(text, source)
    explain(page)  # every line with its verdict and the rule that decided it

Steps: normalise (page.py) -> reflow hard-wrapped lines (reflow.py) -> identify the outlet (outlets.py)
-> digest? (items.py) else classify
lines (lines.py: title, subtitle, category, byline, date line, body) -> publication date cascade
-> speech analysis per article (extractors/speech.py, when present; the outlet's registry country is
its default country unless the article is mostly about another one).

Publication date cascade for an article page (the rule lands in Article.rules["published"]):
  1. date line in the header ("6 November 2020 12:17 (UTC+04:00)"; not a visit-date line)
  2. the " date YYYY-MM-DD " marker
  3. a date line further down (a stamp under the body)
  4. a dateline opening the lede ("BAKU, Azerbaijan, July 29"), year from elsewhere on the page
  4b. a date the headline ends with ("Remarks at the news conference, Valdor, May 21, 2025")
  5. weekday mentions resolved against an anchor: a dated photo caption, else a full date written
     in the same sentence as a weekday ("dates.resolve_weekdays")
  6. None
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.layout import dates as D
from extractors.layout.items import detect_digest
from extractors.layout.language import detect_language
from extractors.layout.lines import classify
from extractors.layout.outlets import OutletSpec, identify, load_registry
from extractors.layout.page import normalise
from extractors.layout.reflow import reflow
from extractors.layout.titles import is_paragraph
from extractors.layout.zones import context_zone
from extractors.records import Article, LineDecision, Page

try:
    from extractors.speech.analysis import analyse_speech
except ImportError:  # the speech step is optional
    analyse_speech = None
try:
    from extractors.speech.analysis import dominant_country
except ImportError:
    dominant_country = None

load_registry()  # parse the registry once, at import
TITLE_DATE = re.compile(r",\s*(?P<date>[A-Za-z]{3,9}\.? \d{1,2},? (?:19|20)\d\d"
                        r"|\d{1,2} [A-Za-z]{3,9}\.? (?:19|20)\d\d)$")


def syndicator(outlet) -> tuple[OutletSpec, ...]:
    """The syndicating outlet of a page identified through a syndication wrapper (its furniture
    is on the page too)."""
    if outlet is None or not outlet.rule.startswith("syndication:"):
        return ()
    key = outlet.rule.split(":")[1]
    return tuple(s for s in load_registry() if s.key == key)


def explain(page: Page) -> list[LineDecision]:
    """Every input line with its verdict and rule."""
    return page.lines


def _iso(art: Article, hit: D.DateHit | None, rule: str, spec: OutletSpec | None,
         context: Callable[[], tuple[str | None, str]] | None = None) -> None:
    """The published value of `hit`. Zone: an explicit offset, else the registry outlet's zone, else
    (no registry outlet) `context()` -- where the page is written from (zones.py) -- else date only."""
    if hit is None:
        art.published, art.published_precision = None, None
        art.rules["published"] = "none:no-date-on-page"
        return
    # a syndicated page's stamp is the syndicator's: its zone is unknown -> date only
    syndicated = art.rules.get("outlet", "").startswith("syndication")
    tz = spec.timezone if spec and not syndicated else None
    zone_rule = ""
    if spec is None and not syndicated and context is not None and hit.clock is not None and hit.offset is None:
        tz, zone_rule = context()
    iso, precision, suffix = D.to_iso(hit, tz)
    if zone_rule and precision == "minute":
        suffix += f":zone-from:{zone_rule}"
    art.published, art.published_precision = iso, precision
    art.rules["published"] = rule + suffix


def attach_language(art: Article) -> None:
    art.language, art.rules["language"] = detect_language(art.body)


def attach_speech(art: Article, epigraph: str | None = None, country: str | None = None) -> None:
    """Quotes and speakers. `country`: the outlet's (registry). It names the ministries the text gives
    without a country ("the Ministry of Health said") only when the article is not mostly about
    another country: an Azerbaijani outlet's report on Georgia keeps Georgia (rules["speech_country"])."""
    if analyse_speech is None:
        return
    if country and dominant_country is not None:
        about = dominant_country(f"{art.title or ''} {art.subtitle or ''}", art.body or "")
        country = country if about in (None, country) else None
    art.rules["speech_country"] = f"outlet:{country}" if country else "none:article-country"
    try:
        res = analyse_speech(art.title, art.subtitle, art.body, epigraph,
                             **({"country": country} if country else {}))
    except Exception as e:  # a speech failure must not lose the text fields
        art.rules["speech"] = f"error:{type(e).__name__}"
        return
    art.quotes = list(res.quotes)
    art.speakers = list(res.speakers)
    art.primary_speaker = res.primary_speaker
    for k, v in (res.rules or {}).items():
        art.rules.setdefault(k, str(v))


def _weekday_date(lay, body: str) -> tuple[D.DateHit, str] | None:
    anchors = [h for c in lay.caption_text for h in D.find_full_dates(c)]
    rule = "weekday-relative:caption-anchor"
    if not anchors:
        for sent in re.split(r"(?<=[.!?])\s+", body):
            if D.WEEKDAY_MENTION.search(sent):
                anchors.extend(D.find_full_dates(sent))
        rule = "weekday-relative:same-sentence-anchor"
    if not anchors:
        return None
    anchor = max(h.day for h in anchors)
    res = D.resolve_weekdays(body, anchor)
    if res is None or res[0] < anchor:
        return None
    return D.DateHit(res[0], rule=f"{rule}:{res[1]}"), ""


def title_stamp(title: str) -> D.DateHit | None:
    """The day a headline ends with after a comma ("..., Valdor, May 21, 2025"): the event's day, which a
    page with no date line of its own is published on. Day precision only."""
    m = TITLE_DATE.search(title)
    hit = D.parse_date_line(m.group("date")) if m else None
    return D.DateHit(hit.day, rule="title-date") if hit is not None and hit.clock is None else None


def _renumber(decisions: list[LineDecision], spans: list[tuple[int, int]]) -> list[LineDecision]:
    """Point each decision on a reflowed line back at the normalised lines it spans."""
    for d in decisions:
        a, b = spans[d.number - 1]
        d.number, d.last = a + 1, (b + 1 if b > a else None)
    return decisions


def extract_page(text: str, source: str = "") -> Page:
    flow = reflow(normalise(text))
    lines = flow.lines
    outlet, spec = identify(lines)
    page = Page(source=source, outlet=outlet)
    page.rules["outlet"] = outlet.rule if outlet else "none:no-signature"
    page.rules["reflow"] = flow.rule

    digest = detect_digest(lines, spec, syndicator(outlet))
    if digest is not None:
        page.is_digest = True
        page.rules["digest"] = f"digest:dated-header+{len(digest.items)}-headed-blocks"
        if digest.epigraph:
            page.rules["epigraph"] = digest.epigraph
            page.rules["epigraph_speaker"] = digest.epigraph_speaker or ""
        for n, it in enumerate(digest.items):
            art = Article(index=n, title=it.title)
            art.rules["title"] = "digest:item-headline"
            art.body = "\n".join(lines[i].strip() for i in it.lines)
            art.rules["body"] = "digest:item-lines"
            _iso(art, digest.date, "digest:page-date:" + digest.date.rule, spec)
            art.rules["subtitle"] = art.rules["category"] = art.rules["authors"] = "none:digest-item"
            attach_language(art)
            attach_speech(art, digest.epigraph if n == 0 else None, spec.country if spec else None)
            page.items.append(art)
        page.lines = _renumber(digest.decisions, flow.spans)
        return page

    lay = classify(lines, spec, syndicator(outlet))
    art = Article(index=0, title=lay.title, subtitle=lay.subtitle, category=lay.category,
                  authors=lay.authors, body="\n".join(lay.body))
    art.rules.update({k: v for k, v in lay.rules.items() if k != "published"})
    art.rules.setdefault("title", "none:no-headline")
    art.rules.setdefault("subtitle", "none")
    art.rules.setdefault("category", "none")
    art.rules.setdefault("authors", "none")
    art.rules["outlet"] = page.rules["outlet"]
    art.rules["body"] = f"lines:{sum(d.verdict in ('body', 'heading') for d in lay.decisions)}"

    hit, rule = lay.date, lay.rules.get("published", "")
    if hit is None and lay.dateline is not None:
        hit, rule = lay.dateline, lay.dateline.rule
    if hit is None and lay.lede_raw:
        year = lay.year_hint or D.page_year("\n".join(lines), exclude=lay.visit_years,
                                            bare_text="\n".join(s for s in lines if not is_paragraph(s)))
        hit = D.parse_dateline(lay.lede_raw, year)
        rule = hit.rule if hit else ""
    if hit is None and art.title:  # "Remarks at the joint news conference, Valdor, May 21, 2025"
        title_date = title_stamp(art.title)
        if title_date is not None:
            hit, rule = title_date, title_date.rule
    if hit is None and art.body:
        res = _weekday_date(lay, art.body)
        if res:
            hit, rule = res[0], res[0].rule
    def context() -> tuple[str | None, str]:
        about = dominant_country(art.title or "", art.body) if dominant_country is not None else None
        return context_zone(outlet.domain if outlet else None, lines, lay.lede_raw, about,
                            outlet.name if outlet else None)

    _iso(art, hit, rule, spec, context)
    for d in lay.decisions:
        if d.verdict != "drop":
            d.item = 0
    attach_language(art)
    attach_speech(art, country=spec.country if spec else None)
    page.items.append(art)
    page.lines = _renumber(lay.decisions, flow.spans)
    return page
