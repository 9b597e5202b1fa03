"""Site furniture at the top of a page: navigation menus, mastheads and their taglines (header steps a2, a3).

A block of short capitalised lines, or one line of section words ("Politics Economy Oil&Gas World"),
is a menu; its items name the sections, so a later header label repeating one is the category. A
site-name line among the first ones, and a motto right under it ("A Journal of Analysis and News"),
is a masthead. Each `find_*` step records the line indices on the `header.Header` it is given.
"""

from __future__ import annotations

import re

from extractors.layout import titles as T
from extractors.layout.furniture import IC
from extractors.layout.outlets import MASTHEAD_TOP, institution_masthead, is_masthead_shaped
from extractors.layout.page import squash
from extractors.layout.state import Header
from extractors.records import LineDecision

BULLET = re.compile(r"^[•·▪◦‣*]\s*")
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


def menu_item(s: str) -> bool:
    """A site-section link: 1-4 capitalised words ("Politics", "BUSINESS & ECONOMY", "Op-Ed")."""
    s = BULLET.sub("", s.strip())  # "• Politics": a bulleted menu
    w = s.split()
    if not w or not (1 <= len(w) <= MENU_WORDS) or len(s) > 32 or any(c.isdigit() for c in s) or s[-1] in ".,:;!?":
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
        # the run ends at a blank line, the page's end, or a line already dropped ("Loading data...")
        run_ends_block = j >= len(dec) or not dec[j].text.strip() or dec[j].verdict == "drop"
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
        if registry or is_masthead_shaped(dec[i].text) or (k == 0 and tagline and is_site_name(dec[i].text)) \
                or (k == 0 and institution_masthead(dec[i].text)):
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


def section_label(s: str) -> bool:
    """A line of section words only, joined by "&" or "and" ("Politics & News", "World and Regions"):
    a category label, never a headline."""
    toks = [t for t in re.split(r"\s*&\s*|\s+and\s+|\s*[|/]\s*|\s+", s.strip()) if t]
    return 2 <= len(toks) <= 4 and len(s) <= 40 and all(
        NAV_WORD.match(t) and (t.casefold() in SECTION_WORDS or t.casefold() in NAV_PLACES) for t in toks)
