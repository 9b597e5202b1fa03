"""The header zone of an article page (step 6 of `lines.classify`): the lines above the first body
paragraph, where the date, byline, category, title and subtitle stand.

Cascade (`read_header`), each step on the lines the earlier steps left:
  a. pre-parse: " date YYYY-MM-DD " markers and date lines among the first HEADER_LIMIT lines
  a2. navigation menu: a block of 3+ short capitalised lines (site sections)   drop generic:nav-menu
      or one line of 4+ section words near the top ("Politics Economy Oil&Gas World")  drop generic:nav-line
  a3. mastheads: a site-name/tagline line among the first three that names an outlet or ends
      "... News Agency", or is a bare domain ("Today.Az")                      drop generic:masthead
      and a short motto right under it ("A Journal of Analysis and News")    drop generic:masthead-tagline
  b. teasers: the title with its lede run on, or a lede cut short that a later line completes
  c. body start: the first paragraph that is no teaser, date line, marker, byline or photo caption
  d. title: the headline of a date marker, else the best headline-like line (titles.choose_title),
     a repeated line first; a label next to the date line is a category, not a title
  e. subtitle: the paragraph taken for the body start, when furniture (or the outlet) marks it a
     standfirst
  f. every other header line, first rule wins:
       marker / title line                                 field:date | title
       menu / masthead lines                               drop nav-menu | nav-line | masthead
       a label repeating a menu item                       field:category (category:repeats-nav-item)
       date line: "Updated: <date>" beside another date, visit date (weekday, no time), first date,
       extra date                                          (`header_field`)
       "Names | date", byline line, agency byline, bare name under the title
       category label (titles.category_line, or a label above the title / next to the date)
       dateline ("BAKU, March 12") when no full date was found
       registry soft furniture, repeated title, teaser, subtitle after the title
       anything else                                       drop header-furniture | above-title
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractors import titles as T
from extractors.bylines import is_agency, parse_byline
from extractors.dates import DateHit, parse_date_line, parse_dateline, parse_marker
from extractors.furniture import HEADER_LIMIT, IC, generic_credit
from extractors.outlets import MASTHEAD_TOP, OutletSpec, find_outlet, is_masthead_shaped
from extractors.page import squash
from extractors.records import LineDecision

if TYPE_CHECKING:
    from extractors.lines import Layout

WRAPPER = re.compile(r"^\((?P<w>[^)]{2,60})\)\s*")  # "(MENAFN- AzerNews) By X"
PIPE = re.compile(r"\s*\|\s*")
UPDATED = re.compile(r"^(?:last )?(?:updated?|modified|edited)\b", IC)
PHOTO_LABEL = re.compile(r"^(?:photos?|photograph(?:s|er)?|images?|camera)\s*(?:by|credit)?\s*:?$", IC)
MENU_WORDS = 4  # words in a menu item at most
MENU_MIN = 3  # consecutive menu items that make a navigation menu
MENU_GLUE = {"&", "and", "of", "the", "-", "|"}
NAV_WINDOW = 25  # non-blank lines at the top where a menu may stand
# a one-line horizontal menu: "Politics Economy Oil&Gas Business World", "Home | Qatar | News | Markets"
NAV_LINE_TOP = 6  # non-blank lines at the top of the page where such a line may stand
NAV_LINE_MIN, NAV_LINE_MAX = 4, 10  # menu words on the line
NAV_LINE_SPLIT = re.compile(r"\s*[|•·/]\s*|\s+")
NAV_LINE_SHAPE = re.compile(r"^[^\W\d_][\w&|•·/ -]*$")  # letters, spaces, "&", "-" and menu separators only
NAV_WORD = re.compile(r"^[A-Z][\w'’-]*(?:&[A-Z][\w'’-]*)*$")  # "Politics", "Oil&Gas", "Op-Ed"


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# words a sentence or headline needs and a menu never has (function words, auxiliaries)
NAV_STOP = _wordset(
    "a an the of to in on at by for from with into onto over under after before about against amid "
    "among between despite during since until than as and or but nor not no is are was were be been "
    "will would can could may might must shall should has have had do does did says said its his her "
    "their our your my we you he she it they who what when where why how this that these those")
VERB_END = re.compile(r"(?:ed|ing|[^su]s)$", IC)  # "Approves", "Signed", "Opening": no section word
# places a menu may list ("Caucasus", "Qatar"): allowed on a menu line, but they do not make one
NAV_PLACES = _wordset(
    "caucasus asia europe east central south north west middle karabakh armenia azerbaijan georgia turkey "
    "türkiye russia iran africa americas america gulf arab caspian turkic cis ukraine qatar kazakhstan "
    "uzbekistan turkmenistan kyrgyzstan tajikistan china india usa uk eu baku yerevan tbilisi")
# section words of site menus (nouns only: no word that is also a headline verb, "Reports", "Shows");
# a menu line is made of them, with places and at most one other word
SECTION_WORDS = (T.TOPIC_WORDS - NAV_PLACES - _wordset(  # adjectives and name words of headlines
    "official other top story press agency daily times today breaking foreign domestic general local "
    "international releases statements")) | _wordset(
    "home markets economics analytics oil gas lifestyle arts entertainment multimedia columns "
    "columnists blogs tourism environment climate weather auto cars property realty industry companies "
    "banking investment agriculture transport infrastructure ict startups crypto fashion food "
    "music cinema books literature history religion law justice crime accidents diaspora "
    "region regions national global galleries gallery infographics podcasts tv radio "
    "sport sports football op-ed oped opinions")
# a site's tagline: "A Journal of Analysis and News", "Your window on X", "News from X", "Since 1998"
TAGLINE = re.compile(
    r"^(?:(?:a|an|the|your)\s+)?(?:[\w'’-]+\s+){0,3}?(?:journal|magazine|newspaper|paper|source|voice|window|"
    r"portal|gateway|guide|platform|outlet|publication|site|news|analysis|insight|perspective)s?\s+"
    r"(?:of|on|for|from|to|in|into|about|and|&)\b.{0,60}$|^(?:since|est\.?|established|founded)\s+(?:in\s+)?"
    r"(?:19|20)\d\d$", IC)
TAGLINE_WORDS = 8
ABOUT_LINK = re.compile(r"^about\s", IC)  # "About Valley Courier": a site link, no category
CAPTION_LIKE = re.compile(
    r"(?:,\s*(?:\w+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})\.?[)\]]?|\((?:[\w ]+ )?photos?(?: [\w ]+)?\)|"
    r"\bphoto(?:graph)?\s*(?:by|:|©)[^.]{1,60})\.?\s*$", IC)


@dataclass
class Header:
    """What the header steps find, by line index."""

    marker: dict[int, tuple[DateHit, str]] = field(default_factory=dict)
    dates: dict[int, DateHit] = field(default_factory=dict)
    teasers: set[int] = field(default_factory=set)
    lines: list[int] = field(default_factory=list)  # the header zone
    body_start: int = 0
    title_idx: int | None = None
    title_rule: str = ""
    above_title: int | None = None
    nav: set[int] = field(default_factory=set)  # navigation menu lines
    nav_items: set[str] = field(default_factory=set)  # their squashed texts
    nav_lines: set[int] = field(default_factory=set)  # one-line horizontal menus
    mastheads: set[int] = field(default_factory=set)  # site-name/tagline lines at the top
    taglines: set[int] = field(default_factory=set)  # a masthead's motto line right under it


def read_header(lay: Layout, live: list[int], soft: dict[int, str], captions: set[int],
                squashed: dict[int, str], spec: OutletSpec | None) -> None:
    """Steps a-f on `lay.decisions`; sets lay.body_start and the header fields; may add captions."""
    dec = lay.decisions
    hard = [i for i in live if i not in soft]  # lines no registry rule claims
    h = Header()
    for i in live[:HEADER_LIMIT]:  # a. pre-parse
        s = dec[i].text.strip()
        mk = parse_marker(s)
        if mk:
            h.marker[i] = mk
            continue
        hit = parse_date_line(s)
        if hit:
            h.dates[i] = hit
    h.teasers = find_teasers(dec, hard, squashed)
    h.body_start = len(dec)
    for i in hard:  # c. body start
        s = dec[i].text.strip()
        if i in h.teasers or i in h.dates or i in h.marker:
            continue
        if T.is_paragraph(s) and parse_byline(s) is None:
            if len(s) <= 200 and CAPTION_LIKE.search(s):
                captions.add(i)
                lay.caption_text.append(s)
                continue
            h.body_start = i
            break
    h.lines = [i for i in live if i < h.body_start and i not in captions]
    find_nav(dec, h)
    find_nav_lines(dec, h)
    find_mastheads(dec, h)
    find_title(lay, h, live, soft, squashed)
    find_standfirst(lay, h, live, hard, soft, captions, spec)
    lay.body_start = h.body_start
    header_zone(lay, h, soft, squashed)


def find_teasers(dec: list[LineDecision], hard: list[int], squashed: dict[int, str]) -> set[int]:
    """b. Teasers: the title with its lede run on, or a lede cut short that a later line completes."""
    top = hard[:HEADER_LIMIT]
    run_on: dict[int, str] = {}
    for k, i in enumerate(top):
        for j in top[:k]:
            if len(squashed[i]) > len(squashed[j]) + 10 and squashed[i].startswith(squashed[j] + " ") \
                    and T.is_headline_like(dec[j].text):
                run_on[i] = squashed[i][len(squashed[j]) + 1:]
                break
    teasers: set[int] = set(run_on)
    for k, i in enumerate(top):
        s = run_on.get(i, squashed[i])
        repeated_line = sum(squashed[j] == squashed[i] for j in hard) > 1  # a repeated title is no teaser
        if len(s) >= 80 and not repeated_line and not T.TERMINAL.search(s):
            for j in hard[k + 1:]:
                if j not in run_on and len(squashed[j]) > len(s) and squashed[j].startswith(s):
                    teasers.add(i)
                    break
    return teasers


def menu_item(s: str) -> bool:
    """A site-section link: 1-4 capitalised words ("Politics", "BUSINESS & ECONOMY", "Op-Ed")."""
    s = s.strip()
    w = s.split()
    if not (1 <= len(w) <= MENU_WORDS) or len(s) > 32 or any(c.isdigit() for c in s) or s[-1] in ".,:;!?":
        return False
    return all(x[0].isupper() or x.casefold() in MENU_GLUE for x in w) and any(c.isalpha() for c in s)


def find_nav(dec: list[LineDecision], h: Header) -> None:
    """a2. Navigation menus: a block of MENU_MIN+ consecutive menu-item lines (blank lines or the page
    edge around it) above the body. Its items name the sections: a later header label that repeats one
    is the category."""
    limit = min(h.body_start, len(dec))
    i = 0
    nonblank = 0
    while i < limit and nonblank < NAV_WINDOW:
        if not dec[i].text.strip():
            i += 1
            continue
        j = i
        while j < limit and dec[j].text.strip() and menu_item(dec[j].text):
            j += 1
        run_ends_block = j >= len(dec) or not dec[j].text.strip()
        if j - i >= MENU_MIN and run_ends_block and (i == 0 or not dec[i - 1].text.strip()):
            h.nav.update(range(i, j))
            h.nav_items.update(squash(dec[k].text) for k in range(i, j))
        nonblank += max(j - i, 1)
        i = max(j, i + 1)
        while i < limit and dec[i].text.strip():  # skip the rest of a non-menu block
            i += 1
            nonblank += 1


def nav_line_items(s: str) -> list[str] | None:
    """The items of a one-line horizontal menu ("Politics Economy Oil&Gas Business Society World",
    "Home | Qatar | News | Markets"), else None. Every word capitalised (single words or &-joined),
    no digits, no sentence punctuation, no function word, no verb-shaped word outside the section
    vocabulary; 3+ section words ("Politics", "Markets") and, besides them and places, at most one
    other word: a Title Case headline ("Council Approves Metro Route Despite Walkout",
    "Azerbaijan Turkey Energy Partnership") has a verb or a function word, a quote or a colon, or
    too few section words."""
    s = s.strip()
    if len(s) > 90 or not NAV_LINE_SHAPE.match(s):
        return None
    toks = [t for t in NAV_LINE_SPLIT.split(re.sub(r"\s*&\s*", "&", s)) if t]
    if not (NAV_LINE_MIN <= len(toks) <= NAV_LINE_MAX):
        return None
    sections = places = 0
    for t in toks:
        if not NAV_WORD.match(t) or t.casefold() in NAV_STOP:
            return None
        if any(p.casefold() in SECTION_WORDS for p in (t, *t.split("&"))):
            sections += 1
        elif t.casefold() in NAV_PLACES:
            places += 1
        elif "&" not in t and VERB_END.search(t):  # "Oil&Gas", "Harbour&Ferries": a joined noun pair
            return None
    return toks if sections >= 3 and sections + places >= len(toks) - 1 else None


def find_nav_lines(dec: list[LineDecision], h: Header) -> None:
    """a2b. A one-line horizontal menu among the first NAV_LINE_TOP non-blank lines of the header zone,
    with a headline (3+ words) below it: never a title; its items name the sections (a later label
    repeating one is the category)."""
    top = [i for i, d in enumerate(dec) if d.text.strip()][:NAV_LINE_TOP]
    for i in top:
        if i not in h.lines or i in h.nav or i in h.dates or i in h.marker:
            continue
        items = nav_line_items(dec[i].text)
        # a headline must follow in the header: a page's only headline-like line stays a title candidate
        if items and any(j > i and j not in h.nav and j not in h.dates and not nav_line_items(dec[j].text)
                         and T.words(dec[j].text) >= 3 and T.is_headline_like(dec[j].text) for j in h.lines):
            h.nav_lines.add(i)
            h.nav_items.update(squash(x.replace("&", " & ")) for x in items)
            h.nav_items.update(squash(x) for x in items)


def find_mastheads(dec: list[LineDecision], h: Header) -> None:
    """a3. Site-name/tagline lines at the top ("X News Agency", "Armenia News - NEWS.am"): never titles.
    A short tagline right under a masthead (the next line, no blank between: "A Journal of Analysis
    and News", "Independent news from the Caucasus") is furniture too; a short name line standing
    first on the page with such a tagline under it is a masthead even when the registry lacks it."""
    top = [i for i, d in enumerate(dec) if d.text.strip()][:MASTHEAD_TOP]
    for k, i in enumerate(top):
        registry = dec[i].rule.startswith("outlet:") and dec[i].rule.endswith(":masthead")  # dropped already
        if not registry and (i not in h.lines or i in h.dates or i in h.marker):
            continue
        nxt = i + 1
        tagline = nxt in h.lines and nxt not in h.dates and nxt not in h.marker and is_tagline(dec[nxt].text)
        if registry or is_masthead_shaped(dec[i].text) or (k == 0 and tagline and is_site_name(dec[i].text)):
            if not registry:
                h.mastheads.add(i)
            if tagline:
                h.taglines.add(nxt)


def is_tagline(s: str) -> bool:
    """A site's motto: short, no sentence end, in tagline words ("Your window on the Caucasus")."""
    s = s.strip()
    return bool(s) and 2 <= T.words(s) <= TAGLINE_WORDS and not any(c in s for c in ":;!?") \
        and s[-1] not in ".," and bool(TAGLINE.match(s))


def is_site_name(s: str) -> bool:
    """A site name as a line: 1-4 capitalised words, no sentence punctuation ("Caucasus Watch",
    "The Valley Times"); a lower-case word makes it a headline ("Norvik ferry doubles sailings")."""
    s = s.strip()
    w = s.split()
    return bool(s) and 1 <= len(w) <= 4 and s[-1] not in ".!?:;," and w[0][0].isupper() \
        and all(x[0].isupper() or x[0].isdigit() or x.casefold() in MENU_GLUE for x in w)


def find_title(lay: Layout, h: Header, live: list[int], soft: dict[int, str],
               squashed: dict[int, str]) -> None:
    """d. The title line: a date marker's headline, else the best headline-like header line."""
    dec = lay.decisions
    for i in h.lines:
        if i in h.marker:
            if h.marker[i][0].rule == "date-marker:partial":
                lay.year_hint = h.marker[i][0].day.year
            if h.marker[i][1] and T.is_headline_like(h.marker[i][1]):
                h.title_idx, h.title_rule = i, "title:date-marker"
            break
    if h.title_idx is None:
        cands = []
        for i in h.lines:
            s = dec[i].text.strip()
            if i in soft or i in h.dates or i in h.teasers or i in h.marker or parse_byline(s) \
                    or T.category_line(s) or generic_credit(s) or i in h.nav or i in h.nav_lines:
                continue
            if T.is_headline_like(s):
                cands.append((i, s))
        repeated = set()
        for i, s in cands:
            if any(squashed[j] == squashed[i] for j in live if j > i) or any(
                    T.starts_with_title(dec[j].text, s) for j in h.teasers):
                repeated.add(i)
        # a label next to the date line is a category, not a title; a masthead is no title
        cands = [(i, s) for i, s in cands if i in repeated or not T.is_label(s)
                 or not next_to_date(i, h.dates, dec)]
        cands = [(i, s) for i, s in cands if i not in h.taglines]  # a site's motto is never a title
        cands = [(i, s) for i, s in cands if i not in h.mastheads] or cands
        if len(cands) > 1 and cands[0][0] in h.mastheads:
            cands = cands[1:]
        ch = T.choose_title(cands, repeated)
        if ch:
            h.title_idx, h.title_rule = ch
    if h.title_idx is not None:
        title = h.marker[h.title_idx][1] if h.title_idx in h.marker else dec[h.title_idx].text.strip()
        lay.title, lay.rules["title"] = title, h.title_rule
        if h.title_idx - 1 in h.lines and h.title_idx - 1 not in h.dates:
            h.above_title = h.title_idx - 1


def find_standfirst(lay: Layout, h: Header, live: list[int], hard: list[int], soft: dict[int, str],
                    captions: set[int], spec: OutletSpec | None) -> None:
    """e. Is the paragraph taken for the body start a standfirst? Then the body starts after it."""
    dec = lay.decisions
    if h.title_idx is None or h.body_start >= len(dec):
        return
    between = [i for i in h.lines if i > h.title_idx and i not in soft]
    after = [i for i in hard if i > h.body_start]
    nxt_para = next((j for j in after if T.is_paragraph(dec[j].text)), None)
    furniture_after = nxt_para is not None and any(
        j in captions or dec[j].rule.startswith(("generic:agency", "generic:photo")) or j in h.dates
        or parse_byline(dec[j].text.strip()) for j in range(h.body_start + 1, nxt_para))
    if not between and len(dec[h.body_start].text) <= 400 and nxt_para is not None and (
            furniture_after or (spec is not None and spec.standfirst)):
        lay.subtitle = dec[h.body_start].text.strip()
        lay.rules["subtitle"] = "subtitle:standfirst-before-furniture" if furniture_after \
            else f"subtitle:outlet:{spec.key}:standfirst"
        d = dec[h.body_start]
        d.verdict, d.rule = "subtitle", "generic:" + lay.rules["subtitle"]
        h.lines = h.lines + [i for i in live if h.body_start < i < nxt_para and i not in captions]
        h.body_start = nxt_para


# Header line sets found by read_header -> the rule that drops their lines, in order of precedence.
HEADER_FURNITURE = (("nav", "generic:nav-menu"), ("nav_lines", "generic:nav-line"),
                    ("mastheads", "generic:masthead"), ("taglines", "generic:masthead-tagline"))


def header_zone(lay: Layout, h: Header, soft: dict[int, str], squashed: dict[int, str]) -> None:
    """f. A verdict for every header line not decided yet."""
    title = lay.title
    for i in h.lines:
        d = lay.decisions[i]
        if d.verdict:
            continue
        s = d.text.strip()
        if i in h.marker:
            hit, _rest = h.marker[i]
            if lay.date is None and hit.rule != "date-marker:partial":
                lay.date, lay.rules["published"] = hit, "date-marker"
            if i == h.title_idx:
                d.verdict, d.rule = "title", "generic:date-marker+" + h.title_rule
            else:
                d.verdict, d.rule = "field:date", "generic:" + hit.rule
            continue
        if i == h.title_idx:
            d.verdict, d.rule = "title", "generic:" + h.title_rule
            continue
        furniture_rule = next((rule for attr, rule in HEADER_FURNITURE if i in getattr(h, attr)), None)
        if furniture_rule:
            d.verdict, d.rule = "drop", furniture_rule
            continue
        if h.nav_items and lay.category is None and squash(s) in h.nav_items and T.is_label(s.title()):
            lay.category, lay.rules["category"] = s, "category:repeats-nav-item"
            d.verdict, d.rule = "field:category", "generic:category-repeats-nav-item"
            continue
        f = header_field(s, i, lay, h)
        if f is not None:
            d.verdict, d.rule = f
            continue
        if i in soft:
            d.verdict, d.rule = "drop", soft[i]
            continue
        if title is not None and squashed[i] == squash(title):
            d.verdict, d.rule = "drop", "generic:repeated-title"
            continue
        if i in h.teasers or (title is not None and T.starts_with_title(s, title)):
            d.verdict, d.rule = "drop", "generic:teaser"
            continue
        if h.title_idx is not None and i > h.title_idx and lay.subtitle is None and not generic_credit(s) \
                and (T.is_sentence(s) or T.is_headline_like(s) and T.words(s) >= 5):
            lay.subtitle, lay.rules["subtitle"] = s, "subtitle:after-title"
            d.verdict, d.rule = "subtitle", "generic:subtitle-after-title"
            continue
        d.verdict, d.rule = "drop", "generic:header-furniture" if h.title_idx is None or i > h.title_idx \
            else "generic:above-title"


def header_field(s: str, i: int, lay: Layout, h: Header) -> tuple[str, str] | None:
    """The field rules on a header line: (verdict, rule) or None."""
    if i in h.dates:
        hit = h.dates[i]
        other_dates = [j for j in h.dates if j != i and j in h.lines]
        if UPDATED.match(s) and any(not UPDATED.match(lay.decisions[j].text.strip()) for j in other_dates):
            return "drop", "generic:updated-date"  # "Updated: <date>": the first stamp is the publication
        if hit.weekday and hit.clock is None and (h.title_idx is None or i < h.title_idx or other_dates):
            lay.visit_years.add(hit.day.year)
            return "drop", "generic:visit-date"
        if lay.date is None:
            lay.date, lay.rules["published"] = hit, hit.rule
            return "field:date", "generic:" + hit.rule
        return "drop", "generic:extra-date"
    # "Names | date" lines (names beside the date stamp)
    parts = [p for p in PIPE.split(s) if p]
    if len(parts) >= 2 and T.is_person_name(parts[0].split(",")[0].strip()):
        hit = parse_date_line(" ".join(parts[1:]))
        by = parse_byline("By " + parts[0])
        if hit is not None and by and by[0]:
            if lay.date is None:
                lay.date, lay.rules["published"] = hit, hit.rule + ":beside-byline"
            if not lay.authors:
                lay.authors, lay.rules["authors"] = by[0], "byline:names-beside-date"
            return "field:byline", "generic:names-beside-date"
    w = WRAPPER.match(s)
    by = parse_byline(s[w.end():] if w else s)
    if by is not None:
        authors, _credits = by
        if authors and not lay.authors:
            lay.authors, lay.rules["authors"] = authors, "byline:line"
            return "field:byline", "generic:byline"
        return "drop", "generic:agency-byline" if not authors else "generic:extra-byline"
    if T.is_person_name(s) and PHOTO_LABEL.match(prev_text(i, lay.decisions)):
        return "drop", "generic:photographer"  # "Photo:" / name: the photographer, no author
    if h.title_idx is not None and i > h.title_idx and not lay.authors and T.is_person_name(s) \
            and not is_agency(s):
        lay.authors, lay.rules["authors"] = [s], "byline:bare-name-under-title"
        return "field:byline", "generic:bare-name-byline"
    cat = T.category_line(s)
    if cat is None and T.is_label(s) and find_outlet(s) is None and not ABOUT_LINK.match(s) and (
            i == h.above_title or next_to_date(i, h.dates, lay.decisions)):
        cat = s
    if cat is not None and lay.category is None:
        lay.category = cat
        lay.rules["category"] = "category:label-above-title" if i == h.above_title \
            else "category:label-next-to-date"
        return "field:category", "generic:category"
    if lay.dateline is None and (lay.date is None or lay.date.rule.startswith("date-marker:partial")):
        dl = parse_dateline(s, lay.year_hint)
        if dl is not None:
            lay.dateline = dl
            return "field:date", "generic:" + dl.rule
    return None


def prev_text(i: int, dec: list[LineDecision]) -> str:
    """The nearest non-blank line above `i`, stripped ("" at the top)."""
    j = i - 1
    while j >= 0 and not dec[j].text.strip():
        j -= 1
    return dec[j].text.strip() if j >= 0 else ""


def next_to_date(i: int, dates: dict[int, DateHit], dec: list[LineDecision]) -> bool:
    """The nearest non-blank line above or below `i` is a date line."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(dec) and not dec[j].text.strip():
            j += step
        if j in dates:
            return True
    return False
