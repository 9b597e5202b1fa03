"""Line classification for text pages: every line gets a verdict and the rule that decided it.

Verdicts: "body", "heading" (a subheading, kept in the body), "title", "subtitle",
"field:date" / "field:byline" / "field:category" (the line became a field), "drop".

Order of the cascade for one article page (`classify`):
  1. blank lines                                         drop generic:blank
  2. position-free furniture (GENERIC_DROPS below)        drop generic:<name>
  3. outlet furniture from the registry                  drop outlet:<key>:masthead|footer|furniture
  4. related/latest block after its header               drop generic:related-block
  5. captions: a sentence repeated nearby, or followed by a lone credit line   drop generic:caption
  6. header zone (above the first body paragraph): date marker, date line / visit date, byline,
     repeated title, teaser, category label, title, subtitle, other header furniture
  7. body zone: headings vs body, dated stamps, repeated title, late bylines, registry credits cut
  8. tail: short non-sentence lines after the last paragraph   drop generic:tail-furniture
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import titles as T
from extractors.bylines import lede_byline, parse_byline
from extractors.dates import DateHit, find_full_dates, parse_date_line, parse_marker
from extractors.outlets import OutletSpec
from extractors.page import squash
from extractors.records import LineDecision

I = re.IGNORECASE
AGENCY_NAMES = (r"AFP|AP|AA|Reuters|EPA(?:-EFE)?|EFE|Getty(?: Images)?|Anadolu(?: Agency)?|TASS|"
                r"RIA Novosti|Sputnik|Xinhua|DPA|IRNA|ANI|Shutterstock|iStock|"
                r"APA|Trend|AZERTAC|Azertac|Report|Armenpress|ARMENPRESS|NEWS\.am|News\.Az|Oxu\.Az")
# (name, pattern matched against the whole stripped line)
GENERIC_DROPS: list[tuple[str, re.Pattern]] = [
    ("separator", re.compile(r"^(?:[-–—_*=~•·.#+]\s*){1,}$")),
    ("widget", re.compile(r"^(?=.{1,40}$)(?!.*[A-Za-z]{3})[^A-Za-z]*(?:px|pt|em|A|Aa)?[^A-Za-z]*$")),
    ("loading", re.compile(r"^(?:loading|please wait|загрузка)\s*(?:\.{2,3}|…)?$", I)),
    ("read-more", re.compile(
        r"^(?:read more|read also|also read|see also|related|related news|related article|more|"
        r"recommended|don'?t miss|watch|listen|more on this|in pictures|video)\s*[:»›>|–—-]+\s*\S.{0,200}$", I)),
    ("related-header", re.compile(
        r"^(?:related (?:stories|news|articles|posts|content|topics)|latest(?: news)?(?: see more)?|"
        r"more (?:news|stories)(?: from .{1,30})?|most (?:read|popular|viewed)|popular(?: news)?|"
        r"important news|other news|top (?:news|stories)|news feed|you (?:may|might) also like|"
        r"recommended(?: for you| stories)?|more on this (?:topic|story)|see more|see all|"
        r"editor'?s? (?:picks|choice)|trending(?: now)?|also on .{1,30}|read next|up next)\s*:?$", I)),
    ("share", re.compile(
        r"^(?:(?:follow|join|subscribe|like|find)\b.{0,40}\b(?:on|to|at)\b.{0,30}"
        r"(?:twitter|facebook|telegram|instagram|youtube|whatsapp|linkedin|tiktok|x|channel|page|"
        r"newsletter)\b.{0,40}|(?:share|tweet|email|print|send|copy link|comments?|reply|save)"
        r"(?:\s+(?:this|the)?\s*(?:article|story|page|post|link|on \w+))?\s*:?|"
        r"share on \w+|subscribe(?: now| to our newsletter)?|\d+\s*(?:comments?|views|shares))$", I)),
    ("disclaimer-header", re.compile(r"^(?:legal )?(?:disclaimer|terms and conditions)\s*:?$", I)),
    ("disclaimer", re.compile(
        r"^.{0,200}(?:views expressed|do(?:es)? not necessarily reflect|all rights reserved|©|"
        r"\(c\)\s*\d{4}|copyright\b|reproduction (?:of|in) .{0,60}(?:prohibited|permitted|allowed)|"
        r"(?:hyper)?link to .{0,40} (?:is )?(?:required|mandatory|obligatory)|"
        r"(?:found|find|notice|see) (?:a |an )?(?:mistake|error|typo)|orphus|without warranty|ctrl\s*\+\s*enter|"
        r"cookies? (?:policy|settings)|privacy policy|terms of (?:use|service)|please take into "
        r"(?:the )?consideration).{0,200}$", I)),
    ("tracking-id", re.compile(
        r"^(?:(?:news |article |tracking |story |post |ref(?:erence)? )?id|code|ref)\s*[:#№]\s*[\w-]{2,40}$"
        r"|^#?\d{5,}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
        r"|^(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}$", I)),
    ("language-switcher", re.compile(
        r"^(?:(?:az|ru|en|tr|de|fr|ar|fa|hy|ka|uz|kk|es|it|zh|ua|uk|am|ge|eng|rus|aze|arm|"
        r"azərbaycan(?:ca)?|русский|english|türkçe|հայերեն|ქართული)\s*(?:[|/•·,]\s*|\s+|$)){2,}$", I)),
    ("slider-gallery", re.compile(
        r"^(?:(?:slider|gallery|slide|carousel) (?:image|photo|picture)\s*\d*|.+\s[-–—|]\s(?:gallery|slider) "
        r"(?:image|photo)\s*\d*|(?:photo|image|picture|slide)\s*\d+\s*(?:of|/)\s*\d+|"
        r"(?:photo|image|video)\s*gallery|view (?:gallery|photos)|(?:prev(?:ious)?|next)(?: image| photo)?|"
        r"\d+\s*/\s*\d+)$", I)),
    ("agency-credit", re.compile(
        rf"^[(\[]?(?:(?:photo|photos|image|images|picture|foto|video|credit|photo credit|source)\s*"
        rf"(?:credit)?\s*[:/©-]\s*)?©?\s*(?:{AGENCY_NAMES})(?:\s*(?:/|via|,|and)\s*[\w. ]{{1,30}})?\.?[)\]]?$")),
    ("agency-credit", re.compile(
        rf"^(?:[\w.' -]{{1,40}}\s+)?(?:with|and|via|/|\+)\s+(?:{AGENCY_NAMES}|agencies|wires)$", I)),
    ("photo-credit", re.compile(
        r"^[(\[]?(?:photo|photos|photograph|image|picture|foto|video|credit|photo credit|illustration|"
        r"file photo)\s*(?:credit|by)?\s*[:©]\s*.{1,60}[)\]]?$", I)),
]
RELATED_STOP = 200  # a line this long ends a related-links block
CREDIT_AFTER_CAPTION = ("agency-credit", "photo-credit")
CAPTION_WINDOW = 6  # a sentence repeated within this many lines is a photo caption
HEADER_LIMIT = 40  # the header zone never extends beyond this many non-blank lines


def generic_drop(s: str) -> str | None:
    """The generic furniture rule a stripped line matches, else None."""
    if len(s) > 400:
        return None
    for name, rx in GENERIC_DROPS:
        if rx.match(s):
            return name
    return None


def outlet_drop(s: str, spec: OutletSpec | None, top: bool) -> str | None:
    if spec is None:
        return None
    if top and s.casefold() in spec.mastheads:
        return f"outlet:{spec.key}:masthead"
    for rx in spec.footers:
        if rx.fullmatch(s):
            return f"outlet:{spec.key}:footer"
    for rx in spec.furniture:
        if rx.fullmatch(s):
            return f"outlet:{spec.key}:furniture"
    return None


def cut_credits(s: str, spec: OutletSpec | None) -> tuple[str, str | None]:
    """Cut a registry credit phrase ("..., Report informs.") from a body line."""
    if spec is None:
        return s, None
    for rx in spec.credits:
        m = rx.search(s)
        if m:
            head = s[: m.start()].rstrip(" ,;:–—-")
            tail = s[m.end():].lstrip()
            if not head:  # "Report informs that ..." -> keep the rest
                return tail[:1].upper() + tail[1:], f"outlet:{spec.key}:credit-cut"
            return (head + tail if tail[:1] in ".!?" or not tail else head + " " + tail).strip(), \
                f"outlet:{spec.key}:credit-cut"
    return s, None


@dataclass
class Layout:
    """The outcome of classifying one article page."""

    decisions: list[LineDecision]
    title: str | None = None
    subtitle: str | None = None
    category: str | None = None
    date: DateHit | None = None
    authors: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)
    visit_years: set[int] = field(default_factory=set)
    caption_text: list[str] = field(default_factory=list)
    body_start: int | None = None


def base_decisions(lines: list[str], spec: OutletSpec | None) -> list[LineDecision]:
    """Steps 1-4: blanks, generic and outlet furniture, related blocks. Others stay verdict ""."""
    out: list[LineDecision] = []
    nonblank_seen = 0
    related = False
    n = len(lines)
    for i, raw in enumerate(lines):
        s = raw.strip()
        d = LineDecision(number=i + 1, text=raw, verdict="", rule="")
        out.append(d)
        if not s:
            d.verdict, d.rule = "drop", "generic:blank"
            continue
        nonblank_seen += 1
        rule = outlet_drop(s, spec, nonblank_seen <= 6)
        g = None if rule else generic_drop(s)
        if g in ("related-header", "disclaimer-header") and i > n // 3:
            related = True
        if rule or g:
            d.verdict, d.rule = "drop", rule or f"generic:{g}"
            continue
        if related:
            if len(s) >= RELATED_STOP or T.is_paragraph(s) and len(s) >= 120:
                related = False
            else:
                d.verdict, d.rule = "drop", "generic:related-block"
    return out


def mark_captions(dec: list[LineDecision]) -> set[int]:
    """Step 5: indices of photo captions (and their repeats)."""
    idx = [i for i, d in enumerate(dec) if d.verdict == "" or d.rule.startswith("generic:agency")
           or d.rule.startswith("generic:photo")]
    captions: set[int] = set()
    for k, i in enumerate(idx):
        s = dec[i].text.strip()
        if dec[i].verdict:
            continue
        # followed directly (no blank line) by a lone credit line
        if i + 1 < len(dec) and dec[i + 1].rule.removeprefix("generic:") in CREDIT_AFTER_CAPTION \
                and T.is_sentence(s):
            captions.add(i)
        # a sentence repeated within a few lines
        if T.is_sentence(s) and len(s) >= 30:
            key = squash(s)
            for j in idx[k + 1: k + 1 + CAPTION_WINDOW]:
                if not dec[j].verdict and squash(dec[j].text) == key:
                    captions.update((i, j))
    return captions


def classify(lines: list[str], spec: OutletSpec | None) -> Layout:
    dec = base_decisions(lines, spec)
    lay = Layout(decisions=dec)
    captions = mark_captions(dec)
    for i in captions:
        lay.caption_text.append(dec[i].text.strip())
    live = [i for i, d in enumerate(dec) if not d.verdict and i not in captions]

    # pre-parse what the header needs
    marker = {}
    dates: dict[int, DateHit] = {}
    for i in live[:HEADER_LIMIT]:
        s = dec[i].text.strip()
        mk = parse_marker(s)
        if mk:
            marker[i] = mk
            continue
        h = parse_date_line(s)
        if h:
            dates[i] = h
    # a teaser is the title + lede cut mid-word, or a lede cut mid-word that a later line completes
    squashed = {i: squash(dec[i].text) for i in live}
    teasers: set[int] = set()
    top = live[:HEADER_LIMIT]
    run_on: dict[int, str] = {}  # teaser index -> its text after the headline it repeats
    for k, i in enumerate(top):
        for j in top[:k]:  # "<earlier headline> <lede cut>": the headline with its lede run on
            if len(squashed[i]) > len(squashed[j]) + 10 and squashed[i].startswith(squashed[j] + " ") \
                    and T.is_headline_like(dec[j].text):
                run_on[i] = squashed[i][len(squashed[j]) + 1:]
                break
    teasers: set[int] = set(run_on)
    for k, i in enumerate(top):
        s = run_on.get(i, squashed[i])
        if len(s) >= 40 and not T.TERMINAL.search(s):
            for j in live[k + 1:]:  # a lede cut short that a later line completes
                if j not in run_on and len(squashed[j]) > len(s) and squashed[j].startswith(s):
                    teasers.add(i)
                    break
    # body start: the first paragraph that is not a teaser, a date line or a marker
    body_start = None
    for i in live:
        if i in teasers or i in dates or i in marker:
            continue
        if T.is_paragraph(dec[i].text) and parse_byline(dec[i].text) is None:
            body_start = i
            break
    if body_start is None:
        body_start = len(dec)
    header = [i for i in live if i < body_start]

    # title candidates
    title_idx = None
    title_rule = ""
    for i in header:
        if i in marker and marker[i][1] and T.is_headline_like(marker[i][1]):
            title_idx, title_rule = i, "title:date-marker"
            break
    if title_idx is None:
        cands = []
        for i in header:
            s = dec[i].text.strip()
            if i in dates or i in teasers or parse_byline(s) or T.category_line(s):
                continue
            if T.is_headline_like(s):
                cands.append((i, s))
        repeated = set()
        for i, s in cands:
            key = squashed[i]
            if any(squashed[j] == key for j in live if j > i) or any(
                    T.starts_with_title(dec[j].text, s) for j in teasers):
                repeated.add(i)
        # a label next to the date line is a category, not a title
        cands = [(i, s) for i, s in cands if i in repeated or not _next_to_date(i, header, dates)
                 or not T.is_label(s)]
        ch = T.choose_title(cands, repeated)
        if ch:
            title_idx, title_rule = ch
    title = None
    if title_idx is not None:
        title = marker[title_idx][1] if title_idx in marker else dec[title_idx].text.strip()
        lay.title, lay.rules["title"] = title, title_rule

    # subtitle: a standfirst sentence taken for the body start?
    if title_idx is not None and body_start < len(dec):
        between = [i for i in header if i > title_idx]
        after = [i for i in live if i > body_start]
        nxt_para = next((j for j in after if T.is_paragraph(dec[j].text)), None)
        furniture_after = any(j in captions or dec[j].rule.startswith(("generic:agency", "generic:photo"))
                              or j in dates or parse_byline(dec[j].text.strip())
                              for j in range(body_start + 1, nxt_para if nxt_para else body_start + 1))
        if not between and len(dec[body_start].text) <= 400 and nxt_para is not None and (
                furniture_after or (spec is not None and spec.standfirst)):
            lay.subtitle = dec[body_start].text.strip()
            lay.rules["subtitle"] = "subtitle:standfirst-before-furniture" if furniture_after \
                else f"subtitle:outlet:{spec.key}:standfirst"
            d = dec[body_start]
            d.verdict, d.rule = "subtitle", lay.rules["subtitle"]
            header = header + [i for i in live if body_start < i < nxt_para]
            body_start = nxt_para
    lay.body_start = body_start

    # header zone
    for i in header:
        d = dec[i]
        if d.verdict:
            continue
        s = d.text.strip()
        if i in marker:
            hit, rest = marker[i]
            if lay.date is None:
                lay.date, lay.rules["published"] = hit, "date-marker"
            if i == title_idx:
                d.verdict, d.rule = "title", "generic:date-marker+" + title_rule
            else:
                d.verdict, d.rule = "field:date", "generic:date-marker"
            continue
        if i == title_idx:
            d.verdict, d.rule = "title", "generic:" + title_rule
            continue
        if i in dates:
            h = dates[i]
            other_dates = [j for j in dates if j != i and j in header]
            if h.weekday and h.clock is None and (title_idx is None or i < title_idx or other_dates):
                d.verdict, d.rule = "drop", "generic:visit-date"
                lay.visit_years.add(h.day.year)
            elif lay.date is None:
                d.verdict, d.rule = "field:date", "generic:" + h.rule
                lay.date, lay.rules["published"] = h, h.rule
            else:
                d.verdict, d.rule = "drop", "generic:extra-date"
            continue
        by = parse_byline(s)
        if by is not None:
            authors, _credits = by
            if authors and not lay.authors:
                lay.authors, lay.rules["authors"] = authors, "byline:line"
                d.verdict, d.rule = "field:byline", "generic:byline"
            else:
                d.verdict, d.rule = "drop", "generic:agency-byline" if not authors else "generic:extra-byline"
            continue
        if title is not None and squashed[i] == squash(title):
            d.verdict, d.rule = "drop", "generic:repeated-title"
            continue
        if i in teasers or (title is not None and T.starts_with_title(s, title)):
            d.verdict, d.rule = "drop", "generic:teaser"
            continue
        cat = T.category_line(s)
        if cat is None and T.is_label(s) and _next_to_date(i, header, dates):
            cat = s
        if cat is not None and lay.category is None:
            lay.category, lay.rules["category"] = cat, "category:label-next-to-date"
            d.verdict, d.rule = "field:category", "generic:category"
            continue
        if title_idx is not None and i > title_idx and lay.subtitle is None and (
                T.is_sentence(s) or T.is_headline_like(s) and T.words(s) >= 5):
            lay.subtitle, lay.rules["subtitle"] = s, "subtitle:after-title"
            d.verdict, d.rule = "subtitle", "generic:subtitle-after-title"
            continue
        d.verdict, d.rule = "drop", "generic:header-furniture" if title_idx is None or i > title_idx \
            else "generic:above-title"

    # body zone
    body_idx = [i for i in live if i >= body_start and not dec[i].verdict]
    for i in captions:
        dec[i].verdict, dec[i].rule = "drop", "generic:caption"
    last_para = max((i for i in body_idx if T.is_paragraph(dec[i].text) or T.is_sentence(dec[i].text)),
                    default=None)
    for k, i in enumerate(body_idx):
        d = dec[i]
        s = d.text.strip()
        if last_para is not None and i > last_para and not T.TERMINAL.search(s):
            d.verdict, d.rule = "drop", "generic:tail-furniture"
            continue
        if title is not None and squashed[i] == squash(title):
            d.verdict, d.rule = "drop", "generic:repeated-title"
            continue
        if len(s) <= 80:
            h = parse_date_line(s)
            if h is not None:
                if lay.date is None and not (h.weekday and h.clock is None):
                    lay.date, lay.rules["published"] = h, h.rule + ":in-body"
                    d.verdict, d.rule = "field:date", "generic:date-line-in-body"
                else:
                    d.verdict, d.rule = "drop", "generic:date-line-in-body"
                continue
            by = parse_byline(s)
            if by is not None:
                if by[0] and not lay.authors:
                    lay.authors, lay.rules["authors"] = by[0], "byline:line-in-body"
                    d.verdict, d.rule = "field:byline", "generic:byline-in-body"
                else:
                    d.verdict, d.rule = "drop", "generic:agency-byline"
                continue
        nxt = body_idx[k + 1] if k + 1 < len(body_idx) else None
        if T.is_heading(s) and nxt is not None and not T.is_heading(dec[nxt].text):
            d.verdict, d.rule = "heading", "generic:subheading"
        else:
            d.verdict, d.rule = "body", "generic:body"
    for d in dec:
        if d.verdict in ("body", "heading"):
            text, cut = cut_credits(d.text.strip(), spec)
            if cut:
                d.rule = cut
            lay.body.append(text)
    if not lay.authors and lay.body:
        la = lede_byline(lay.body[0])
        if la:
            lay.authors, lay.rules["authors"] = la, "byline:dateline-by"
    return lay


def _next_to_date(i: int, header: list[int], dates: dict[int, DateHit]) -> bool:
    k = header.index(i)
    return (k > 0 and header[k - 1] in dates and header[k - 1] == i - 1) or (
        k + 1 < len(header) and header[k + 1] in dates and header[k + 1] == i + 1)


def full_dates_in(lines: list[str]) -> list[DateHit]:
    return [h for s in lines for h in find_full_dates(s)]
