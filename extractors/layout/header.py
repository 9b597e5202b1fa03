"""The header zone of an article page (step 6 of `lines.classify`): the lines above the first body
paragraph, where the date, byline, category, title and subtitle stand.

Cascade (`read_header`), each step on the lines the earlier steps left (a2 and a3 in extractors.layout.navigation):
  a. pre-parse: " date YYYY-MM-DD " markers and date lines among the first HEADER_LIMIT lines; a stamp
     glued to a second copy of the headline ("<headline>June 12, 2012 | 11:50") is a date line
  a1. a lone time line right above or below a date line without a time is that stamp's time
  a2. navigation menu: a block of 3+ short capitalised lines (site sections)   drop generic:nav-menu
      or one line of 4+ section words near the top ("Politics Economy Oil&Gas World")  drop generic:nav-line
  a3. mastheads: a site-name/tagline line among the first three that names an outlet or ends
      "... News Agency", or is a bare domain ("Today.Az")                      drop generic:masthead
      and a short motto right under it ("A Journal of Analysis and News")    drop generic:masthead-tagline
  b. teasers: the title with its lede run on, or a lede cut short that a later line completes
  c. body start: the first paragraph that is no teaser, date line, marker, byline or photo caption; a
     date marker whose rest is a paragraph (" date 2024-06-26 <lede>") starts the body itself
  d. title: the headline of a date marker, else the best headline-like line (titles.choose_title),
     a repeated line first; a label next to the date line is a category, not a title; site chrome
     glued before the headline, a crumb the headline continues after a colon, a section label
     ("Politics & News") are no titles (`site_chrome`)
  e. subtitle: the paragraph taken for the body start, when furniture (or the outlet) marks it a
     standfirst
  f. every other header line, first rule wins:
       marker / title line                                 field:date | title
       menu / masthead lines                               drop nav-menu | nav-line | masthead
       a label repeating a menu item                       field:category (category:repeats-nav-item)
       date line: "Updated: <date>" beside another date, visit date (weekday, no time, or "Today: ...",
       or a weekday stamp first on the page above an earlier date: `crawl_stamp`), a news-feed widget's
       stamp above the title with its "more" link under it,
       first date, a same-day stamp with the time the first lacked (`refine_time`), extra date
                                                           (`header_field`)
       "Names | date", byline line, agency byline, bare name under the title
       category label (titles.category_line, or a label above the title / next to the date)
       dateline ("BAKU, March 12") when no full date was found
       registry soft furniture, repeated title, teaser, subtitle after the title
       anything else                                       drop header-furniture | above-title
"""

from __future__ import annotations

import re

from extractors.layout import titles as T
from extractors.layout.bylines import is_agency, parse_byline
from extractors.layout.dates import (
    DateHit,
    parse_date_line,
    parse_dateline,
    parse_marker,
    parse_time_line,
    trailing_stamp,
)
from extractors.layout.furniture import END_CODE, HEADER_LIMIT, IC, generic_credit
from extractors.layout.navigation import find_mastheads, find_nav, find_nav_lines, section_label
from extractors.layout.outlets import OutletSpec, find_outlet
from extractors.layout.page import squash
from extractors.layout.state import Header, Layout
from extractors.records import LineDecision

WRAPPER = re.compile(r"^\((?P<w>[^)]{2,60})\)\s*")  # "(MENAFN- AzerNews) By X"
PIPE = re.compile(r"\s*\|\s*")
CHROME_PREFIX = 30  # characters of site chrome glued before a headline the page also gives alone
# a crawl-day stamp in the masthead ("Today: Tuesday, 16 April, 2024"): never the publication date
VISIT_PREFIX = re.compile(r"^(?:today|now|current date|date today|today is)\s*[:,–—-]", IC)
UPDATED = re.compile(r"^(?:last )?(?:updated?|modified|edited)\b", IC)
PHOTO_LABEL = re.compile(r"^(?:photos?|photograph(?:s|er)?|images?|camera)\s*(?:by|credit)?\s*:?$", IC)
DAY_MONTH_LINE = re.compile(r"^(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|"
                            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2})\.?$", IC)
# a photo caption in the present tense, dated by its day: "Valtor delivers a speech to the council on April 23."
PRESENT_CAPTION = re.compile(
    r"^(?:[A-Z][\w'’.-]*\s+){1,6}[a-z]+(?<!ss)s\s[^.]{5,150}?\bon (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.? \d{1,2}(?:, (?:19|20)\d\d)?\.$")
MORE_LINK = re.compile(r"^(?:more|more news|all news|see more|read more|see all|details)\s*[»›>]?$", IC)
ABOUT_LINK = re.compile(r"^about\s", IC)  # "About Valley Courier": a site link, no category
CAPTION_LIKE = re.compile(
    r"(?:,\s*(?:\w+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})\.?[)\]]?|\((?:[\w ]+ )?photos?(?: [\w ]+)?\)|"
    r"\bphoto(?:graph)?\s*(?:by|:|©)[^.]{1,60})\.?\s*$", IC)


def read_header(lay: Layout, live: list[int], soft: dict[int, str], captions: set[int],
                squashed: dict[int, str], spec: OutletSpec | None) -> None:
    """Steps a-f on `lay.decisions`; sets lay.body_start and the header fields; may add captions."""
    dec = lay.decisions
    hard = [i for i in live if i not in soft]  # lines no registry rule claims
    h = Header()
    top = live[:HEADER_LIMIT]
    for i in top:  # a. pre-parse
        s = dec[i].text.strip()
        mk = parse_marker(s)
        if mk:
            h.marker[i] = mk
            continue
        hit = parse_date_line(s)
        # "<headline><date>" where the page also gives the headline alone (a cheap prefix test first)
        if hit is None and any(j != i and len(squashed[j]) >= 10 and squashed[i].startswith(squashed[j])
                               for j in top):
            glued = trailing_stamp(s)
            if glued and any(squashed[j] == squash(glued[0]) for j in top if j != i):
                hit = glued[1]
                hit.rule += ":after-repeated-title"
                h.stamp_heads[i] = glued[0]
        if hit:
            h.dates[i] = hit
    merge_time_lines(dec, top, h)
    h.teasers = find_teasers(dec, hard, squashed)
    h.body_start = len(dec)
    for i in hard:  # c. body start
        s = dec[i].text.strip()
        if i in h.marker and T.is_paragraph(h.marker[i][1]) and h.marker[i][0].rule == "date-marker":
            # " date 2024-06-26 <lede paragraph>": the story starts on the marker line, no headline above
            h.body_start = lay.marker_lede = i
            lay.date, lay.rules["published"] = h.marker[i][0], "date-marker"
            break
        if i in h.teasers or i in h.dates or i in h.marker:
            continue
        if T.is_paragraph(s) and parse_byline(s) is None:
            if T.is_headline_like(s) and any(j < i and len(squashed[j]) >= 10 and squashed[i].startswith(
                    squashed[j] + ":") for j in hard[:HEADER_LIMIT] if j in squashed):
                continue  # "<Name>" then "<Name>: <statement ending U.S.>": the headline the crumb begins
            nxt = next((j for j in hard if j > i), None)
            if len(s) <= 200 and (CAPTION_LIKE.search(s) and not END_CODE.search(s)  # "... ///X, 26 June 2024"
                                  or PRESENT_CAPTION.match(s) and nxt is not None and T.is_paragraph(dec[nxt].text)):
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


def merge_time_lines(dec: list[LineDecision], top: list[int], h: Header) -> None:
    """a1. A date line without a time and a lone time line right above or below it ("23 February 2022"
    / "15:40"): one stamp. The time line becomes part of the date field."""
    for k, i in enumerate(top):
        hit = h.dates.get(i)
        if hit is None or hit.clock is not None:
            continue
        for j in (top[k + 1] if k + 1 < len(top) else None, top[k - 1] if k else None):
            if j is None or j in h.dates or j in h.marker:
                continue
            t = parse_time_line(dec[j].text, hit.day)
            if t is not None:
                hit.clock, hit.offset = t.clock, t.offset
                hit.rule += ":time-line"
                h.time_lines.add(j)
                break


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
            if T.is_headline_like(s) and not T.never_title(s):
                cands.append((i, s))
        repeated = set()
        heads = {squash(x) for x in h.stamp_heads.values()}
        for i, s in cands:
            if any(squashed[j] == squashed[i] for j in live if j > i) or any(
                    T.starts_with_title(dec[j].text, s) for j in h.teasers) or squashed[i] in heads:
                repeated.add(i)
        # a label next to the date line is a category, not a title; a masthead is no title
        cands = [(i, s) for i, s in cands if i in repeated or not T.is_label(s)
                 or not next_to_date(i, h.dates, dec)]
        cands = [(i, s) for i, s in cands if i not in h.taglines]  # a site's motto is never a title
        cands = [(i, s) for i, s in cands if i not in h.mastheads] or cands
        chrome = site_chrome(cands, squashed, repeated)
        cands = [(i, s) for i, s in cands if i not in chrome] or cands
        if len(cands) > 1 and cands[0][0] in h.mastheads:
            cands = cands[1:]
        ch = T.choose_title(cands, repeated)
        if ch:
            h.title_idx, h.title_rule = ch
    if h.title_idx is not None:
        title = h.marker[h.title_idx][1] if h.title_idx in h.marker else dec[h.title_idx].text.strip()
        lay.title, lay.rules["title"] = title, h.title_rule
        glued = T.split_glued_deck(title, "\n".join(d.text for k, d in enumerate(dec) if k != h.title_idx))
        if glued and not any(squashed[j] == squash(glued[0]) for j in live):
            lay.title, lay.rules["title"] = glued[0], h.title_rule + ":standfirst-split"
            lay.subtitle, lay.rules["subtitle"] = glued[1], "subtitle:glued-to-title"
        if h.title_idx - 1 in h.lines and h.title_idx - 1 not in h.dates:
            h.above_title = h.title_idx - 1


def site_chrome(cands: list[tuple[int, str]], squashed: dict[int, str], repeated: set[int]) -> set[int]:
    """Candidate lines that are site chrome beside the headline, never the title: chrome glued before a
    headline the page also gives alone ("Press Releases <headline>", "NewsLocal<headline>"); a crumb the
    headline continues after a colon ("<Name>" above "<Name>: <statement>"); a section label ("Politics &
    News"). The headline they point to counts as repeated (`repeated` is updated)."""
    chrome: set[int] = set()
    for i, s in cands:
        a = squashed[i]
        for j, _t in cands:
            b = squashed[j]
            if i == j:
                continue
            glued = len(b) >= 15 and a.endswith(b) and 0 < len(a) - len(b) <= CHROME_PREFIX
            crumb = len(a) >= 10 and b.startswith(a) and b[len(a):len(a) + 1] == ":"
            if glued or crumb:
                chrome.add(i)
                repeated.add(j)
        if section_label(s):
            chrome.add(i)
    return chrome


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
        if i in h.time_lines:
            d.verdict, d.rule = "field:date", "generic:time-line"
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
        if VISIT_PREFIX.match(s) or hit.weekday and hit.clock is None and (
                h.title_idx is None or i < h.title_idx or other_dates) or crawl_stamp(i, hit, lay, h):
            lay.visit_years.add(hit.day.year)
            return "drop", "generic:visit-date"
        if MORE_LINK.match(next_text(i, lay.decisions)) and (h.title_idx is None or i < h.title_idx):
            return "drop", "generic:feed-widget-date"  # "29 November 2024, 19:29" / "more": a news-feed item
        if lay.date is None:
            lay.date, lay.rules["published"] = hit, hit.rule
            return "field:date", "generic:" + hit.rule
        if refine_time(lay, hit):
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


def crawl_stamp(i: int, hit: DateHit, lay: Layout, h: Header) -> bool:
    """A weekday stamp with a time standing first on the page, above the title ("Sat Dec 4, 2021 08:13:32"),
    when a later date line gives an earlier day: the day the page was read, not its publication."""
    if not hit.weekday or h.title_idx is None or i > h.title_idx or any(
            d.text.strip() for d in lay.decisions[:i]):
        return False
    for d in lay.decisions[i + 1:]:
        later = parse_date_line(d.text.strip()) if len(d.text) <= 80 else None
        if later is not None and later.day < hit.day:
            return True
    return False


def refine_time(lay: Layout, hit: DateHit) -> bool:
    """A second stamp of the same day with a time ("date 2020-02-06" marker, then "06.02.2020 [16:04]")
    gives the publication its time: the first stamp had the day only."""
    if lay.date is None or lay.date.clock is not None or hit.clock is None or hit.day != lay.date.day:
        return False
    rule = lay.rules.get("published", lay.date.rule)
    lay.date = hit
    lay.rules["published"] = f"{hit.rule}:time-of:{rule}"
    return True


def prev_text(i: int, dec: list[LineDecision]) -> str:
    """The nearest non-blank line above `i`, stripped ("" at the top)."""
    j = i - 1
    while j >= 0 and not dec[j].text.strip():
        j -= 1
    return dec[j].text.strip() if j >= 0 else ""


def next_text(i: int, dec: list[LineDecision]) -> str:
    """The nearest non-blank line below `i`, stripped ("" at the end)."""
    j = i + 1
    while j < len(dec) and not dec[j].text.strip():
        j += 1
    return dec[j].text.strip() if j < len(dec) else ""


def next_to_date(i: int, dates: dict[int, DateHit], dec: list[LineDecision]) -> bool:
    """The nearest non-blank line above or below `i` is a date line (or a day and month alone: "14 October")."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(dec) and not dec[j].text.strip():
            j += step
        if j in dates or 0 <= j < len(dec) and DAY_MONTH_LINE.match(dec[j].text.strip()):
            return True
    return False
