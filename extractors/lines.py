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
from extractors.bylines import is_agency, lede_byline, parse_byline
from extractors.dates import DateHit, find_full_dates, parse_date_line, parse_dateline, parse_marker
from extractors.furniture import (  # noqa: F401  (re-exported: generic rules live there)
    AGENCY_NAMES,
    CAPTION_WINDOW,
    CREDIT_AFTER_CAPTION,
    GENERIC_DROPS,
    HEADER_LIMIT,
    IC,
    RELATED_STOP,
    generic_drop,
)
from extractors.outlets import OutletSpec, find_outlet
from extractors.page import squash
from extractors.records import LineDecision


def outlet_drop(s: str, specs: list[OutletSpec], top: bool) -> tuple[str, bool] | None:
    """(rule, hard) for registry furniture. Mastheads are hard drops; footers and furniture are soft:
    a soft line that is also a field (date line, byline, category label) becomes that field.
    `specs`: the page's outlet and, on a syndicated page, the syndicator."""
    for spec in specs:
        hit = _outlet_drop1(s, spec, top)
        if hit:
            return hit
    return None


def _outlet_drop1(s: str, spec: OutletSpec, top: bool) -> tuple[str, bool] | None:
    if top and s.casefold() in spec.mastheads:
        return f"outlet:{spec.key}:masthead", True
    for rx in spec.footers:
        if rx.fullmatch(s):
            return f"outlet:{spec.key}:footer", False
    for rx in spec.furniture:
        if rx.fullmatch(s):
            return f"outlet:{spec.key}:furniture", False
    return None


def cut_credits(s: str, spec: OutletSpec | None) -> tuple[str, str | None]:
    """Cut a registry credit phrase ("..., Report informs.") from a body line."""
    if spec is None:
        return s, None
    for rx in spec.credits:
        m = rx.search(s)
        if m:
            head = s[: m.start()].rstrip(" ,;:–—-")
            tail = s[m.end():].lstrip(" ,;:–—-") if not head else s[m.end():].lstrip()
            if not head:  # "Report informs that ..." -> keep the rest
                return tail[:1].upper() + tail[1:], f"outlet:{spec.key}:credit-cut"
            return (head + tail if tail[:1] in ".!?" or not tail else head + " " + tail).strip(), \
                f"outlet:{spec.key}:credit-cut"
    return s, None


WRAPPER = re.compile(r"^\((?P<w>[^)]{2,60})\)\s*")  # "(MENAFN- AzerNews) By X"
PIPE = re.compile(r"\s*\|\s*")
CAPTION_LIKE = re.compile(
    r"(?:,\s*(?:\w+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})\.?[)\]]?|\((?:[\w ]+ )?photos?(?: [\w ]+)?\)|"
    r"\bphoto(?:graph)?\s*(?:by|:|©)[^.]{1,60})\.?\s*$", IC)


@dataclass
class Layout:
    """The outcome of classifying one article page."""

    decisions: list[LineDecision]
    title: str | None = None
    subtitle: str | None = None
    category: str | None = None
    date: DateHit | None = None
    dateline: DateHit | None = None
    authors: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    lede_raw: str = ""
    rules: dict[str, str] = field(default_factory=dict)
    visit_years: set[int] = field(default_factory=set)
    year_hint: int | None = None
    caption_text: list[str] = field(default_factory=list)
    body_start: int | None = None


def base_decisions(lines: list[str], spec: OutletSpec | None, extra: tuple[OutletSpec, ...] = ()
                   ) -> tuple[list[LineDecision], dict[int, str]]:
    """Steps 1-4: blanks, generic and outlet furniture, related blocks. Other lines stay verdict "".
    Returns the decisions and the soft (registry footer/furniture) lines: index -> rule."""
    out: list[LineDecision] = []
    soft: dict[int, str] = {}
    nonblank_seen = 0
    related = False
    n = len(lines)
    specs = [x for x in (spec, *extra) if x is not None]
    for i, raw in enumerate(lines):
        s = raw.strip()
        d = LineDecision(number=i + 1, text=raw, verdict="", rule="")
        out.append(d)
        if not s:
            d.verdict, d.rule = "drop", "generic:blank"
            continue
        nonblank_seen += 1
        od = outlet_drop(s, specs, nonblank_seen <= 6)
        if od and od[1]:
            d.verdict, d.rule = "drop", od[0]
            continue
        g = generic_drop(s)
        if g in ("related-header", "disclaimer-header") and i > n // 3:
            related = True
        if g:
            d.verdict, d.rule = "drop", f"generic:{g}"
            continue
        if od:
            soft[i] = od[0]
            continue
        if related:
            if len(s) >= RELATED_STOP or T.is_paragraph(s) and len(s) >= 120:
                related = False
            else:
                d.verdict, d.rule = "drop", "generic:related-block"
    return out, soft


def mark_captions(dec: list[LineDecision], soft: dict[int, str]) -> set[int]:
    """Step 5: indices of photo captions (and their repeats)."""
    idx = [i for i, d in enumerate(dec) if d.verdict == "" and i not in soft]
    captions: set[int] = set()
    for k, i in enumerate(idx):
        s = dec[i].text.strip()
        nxt = dec[i + 1] if i + 1 < len(dec) else None
        # followed directly (no blank line) by a lone credit line
        if nxt is not None and T.is_sentence(s) and (
                nxt.rule.removeprefix("generic:") in CREDIT_AFTER_CAPTION
                or i + 1 in soft and generic_credit(nxt.text)):
            captions.add(i)
        # a sentence repeated within a few lines
        if T.is_sentence(s) and len(s) >= 30:
            key = squash(s)
            for j in idx[k + 1: k + 1 + CAPTION_WINDOW]:
                if squash(dec[j].text) == key:
                    captions.update((i, j))
    return captions


def generic_credit(s: str) -> bool:
    return generic_drop(s.strip()) in CREDIT_AFTER_CAPTION or bool(
        re.fullmatch(rf"(?:{AGENCY_NAMES})", s.strip(), IC))


def _header_field(s: str, i: int, lay: Layout, title_idx: int | None, header: list[int],
                  dates: dict[int, DateHit], above_title: int | None) -> tuple[str, str] | None:
    """Try the field rules on a header line: (verdict, rule) or None."""
    if i in dates:
        h = dates[i]
        other_dates = [j for j in dates if j != i and j in header]
        if h.weekday and h.clock is None and (title_idx is None or i < title_idx or other_dates):
            lay.visit_years.add(h.day.year)
            return "drop", "generic:visit-date"
        if lay.date is None:
            lay.date, lay.rules["published"] = h, h.rule
            return "field:date", "generic:" + h.rule
        return "drop", "generic:extra-date"
    # "Names | date" lines (names beside the date stamp)
    parts = [p for p in PIPE.split(s) if p]
    if len(parts) >= 2 and T.is_person_name(parts[0].split(",")[0].strip()):
        h = parse_date_line(" ".join(parts[1:]))
        by = parse_byline("By " + parts[0])
        if h is not None and by and by[0]:
            if lay.date is None:
                lay.date, lay.rules["published"] = h, h.rule + ":beside-byline"
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
    if title_idx is not None and i > title_idx and not lay.authors and T.is_person_name(s) \
            and not is_agency(s):
        lay.authors, lay.rules["authors"] = [s], "byline:bare-name-under-title"
        return "field:byline", "generic:bare-name-byline"
    cat = T.category_line(s)
    if cat is None and T.is_label(s) and find_outlet(s) is None and (
            i == above_title or _next_to_date(i, header, dates)):
        cat = s
    if cat is not None and lay.category is None:
        lay.category = cat
        lay.rules["category"] = "category:label-above-title" if i == above_title else "category:label-next-to-date"
        return "field:category", "generic:category"
    if lay.dateline is None and (lay.date is None or lay.date.rule.startswith("date-marker:partial")):
        dl = parse_dateline(s, lay.year_hint)
        if dl is not None:
            lay.dateline = dl
            return "field:date", "generic:" + dl.rule
    return None


def classify(lines: list[str], spec: OutletSpec | None, extra: tuple[OutletSpec, ...] = ()) -> Layout:
    dec, soft = base_decisions(lines, spec, extra)
    lay = Layout(decisions=dec)
    captions = mark_captions(dec, soft)
    lay.caption_text = [dec[i].text.strip() for i in sorted(captions)]
    live = [i for i, d in enumerate(dec) if not d.verdict and i not in captions]
    hard = [i for i in live if i not in soft]  # lines no registry rule claims

    # pre-parse what the header needs
    marker: dict[int, tuple[DateHit, str]] = {}
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
    # teasers: the title with its lede run on, or a lede cut short that a later line completes
    squashed = {i: squash(dec[i].text) for i in live}
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

    # body start: the first paragraph that is not a teaser, a date line, a marker or a photo caption
    body_start = len(dec)
    for i in hard:
        s = dec[i].text.strip()
        if i in teasers or i in dates or i in marker:
            continue
        if T.is_paragraph(s) and parse_byline(s) is None:
            if len(s) <= 200 and CAPTION_LIKE.search(s):
                captions.add(i)
                lay.caption_text.append(s)
                continue
            body_start = i
            break
    header = [i for i in live if i < body_start and i not in captions]

    # title
    title_idx, title_rule = None, ""
    for i in header:
        if i in marker:
            if marker[i][0].rule == "date-marker:partial":
                lay.year_hint = marker[i][0].day.year
            if marker[i][1] and T.is_headline_like(marker[i][1]):
                title_idx, title_rule = i, "title:date-marker"
            break
    if title_idx is None:
        cands = []
        for i in header:
            s = dec[i].text.strip()
            if i in soft or i in dates or i in teasers or i in marker or parse_byline(s) \
                    or T.category_line(s) or generic_credit(s):
                continue
            if T.is_headline_like(s):
                cands.append((i, s))
        repeated = set()
        for i, s in cands:
            if any(squashed[j] == squashed[i] for j in live if j > i) or any(
                    T.starts_with_title(dec[j].text, s) for j in teasers):
                repeated.add(i)
        # a label next to the date line is a category, not a title
        cands = [(i, s) for i, s in cands if i in repeated or not T.is_label(s)
                 or not _next_to_date(i, header, dates)]
        ch = T.choose_title(cands, repeated)
        if ch:
            title_idx, title_rule = ch
    title = None
    if title_idx is not None:
        title = marker[title_idx][1] if title_idx in marker else dec[title_idx].text.strip()
        lay.title, lay.rules["title"] = title, title_rule
    above_title = None
    if title_idx is not None and title_idx - 1 in header and title_idx - 1 not in dates:
        above_title = title_idx - 1

    # subtitle: is the paragraph taken for the body start a standfirst?
    if title_idx is not None and body_start < len(dec):
        between = [i for i in header if i > title_idx and i not in soft]
        after = [i for i in hard if i > body_start]
        nxt_para = next((j for j in after if T.is_paragraph(dec[j].text)), None)
        furniture_after = nxt_para is not None and any(
            j in captions or dec[j].rule.startswith(("generic:agency", "generic:photo")) or j in dates
            or parse_byline(dec[j].text.strip()) for j in range(body_start + 1, nxt_para))
        if not between and len(dec[body_start].text) <= 400 and nxt_para is not None and (
                furniture_after or (spec is not None and spec.standfirst)):
            lay.subtitle = dec[body_start].text.strip()
            lay.rules["subtitle"] = "subtitle:standfirst-before-furniture" if furniture_after \
                else f"subtitle:outlet:{spec.key}:standfirst"
            d = dec[body_start]
            d.verdict, d.rule = "subtitle", "generic:" + lay.rules["subtitle"]
            header = header + [i for i in live if body_start < i < nxt_para and i not in captions]
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
            if lay.date is None and hit.rule != "date-marker:partial":
                lay.date, lay.rules["published"] = hit, "date-marker"
            if i == title_idx:
                d.verdict, d.rule = "title", "generic:date-marker+" + title_rule
            else:
                d.verdict, d.rule = "field:date", "generic:" + hit.rule
            continue
        if i == title_idx:
            d.verdict, d.rule = "title", "generic:" + title_rule
            continue
        f = _header_field(s, i, lay, title_idx, header, dates, above_title)
        if f is not None:
            d.verdict, d.rule = f
            continue
        if i in soft:
            d.verdict, d.rule = "drop", soft[i]
            continue
        if title is not None and squashed[i] == squash(title):
            d.verdict, d.rule = "drop", "generic:repeated-title"
            continue
        if i in teasers or (title is not None and T.starts_with_title(s, title)):
            d.verdict, d.rule = "drop", "generic:teaser"
            continue
        if title_idx is not None and i > title_idx and lay.subtitle is None and not generic_credit(s) and (
                T.is_sentence(s) or T.is_headline_like(s) and T.words(s) >= 5):
            lay.subtitle, lay.rules["subtitle"] = s, "subtitle:after-title"
            d.verdict, d.rule = "subtitle", "generic:subtitle-after-title"
            continue
        d.verdict, d.rule = "drop", "generic:header-furniture" if title_idx is None or i > title_idx \
            else "generic:above-title"

    # body zone
    for i in captions:
        dec[i].verdict, dec[i].rule = "drop", "generic:caption"
    for i in soft:
        if not dec[i].verdict:
            dec[i].verdict, dec[i].rule = "drop", soft[i]
    body_idx = [i for i in live if i >= body_start and not dec[i].verdict]
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
        if T.is_heading(s) and nxt is not None and not T.is_heading(dec[nxt].text) \
                and s[0] not in "-–—" and not s.endswith("?"):
            d.verdict, d.rule = "heading", "generic:subheading"
        else:
            d.verdict, d.rule = "body", "generic:body"
    for d in dec:
        if d.verdict in ("body", "heading"):
            text, cut = cut_credits(d.text.strip(), spec)
            if not lay.lede_raw:
                lay.lede_raw = d.text.strip()
            if cut:
                d.rule = cut
                if not text.strip(" .,:;–—-"):
                    d.verdict = "drop"
                    continue
            lay.body.append(text)
    if not lay.authors and lay.lede_raw:
        la = lede_byline(lay.lede_raw)
        if la:
            lay.authors, lay.rules["authors"] = la, "byline:dateline-by"
    return lay


def _next_to_date(i: int, header: list[int], dates: dict[int, DateHit]) -> bool:
    return i - 1 in dates or i + 1 in dates


def full_dates_in(lines: list[str]) -> list[DateHit]:
    return [h for s in lines for h in find_full_dates(s)]
