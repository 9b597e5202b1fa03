"""Line classification for text pages: every line gets a verdict and the rule that decided it.

Verdicts: "body", "heading" (a subheading, kept in the body), "title", "subtitle",
"field:date" / "field:byline" / "field:category" (the line became a field), "drop".

Order of the cascade for one article page (`classify`):
  1. blank lines                                         drop generic:blank
  2. position-free furniture (furniture.GENERIC_DROPS)   drop generic:<name>
  3. outlet furniture from the registry                  drop outlet:<key>:masthead|footer|furniture
  4. related/latest block after its header               drop generic:related-block
     linked headlines under an inline "Read also" header, up to a blank line  drop generic:read-also-block
  5. captions: a sentence repeated nearby, or followed by a lone credit line   drop generic:caption
  6. header zone (above the first body paragraph), header.py: date marker, date line / visit date,
     byline, repeated title, teaser, category label, title, subtitle, other header furniture
  7. body zone: an agency's end-of-story code ("... he said. -02B-", "(END)", "###") closes the story
     (code cut; every later line drop generic:after-end-code); headings vs body, dated stamps, repeated
     title, a masthead line inside the body ("News from X - X.com": drop generic:masthead-in-body),
     late bylines, registry credits cut
  8. tail: short non-sentence lines after the last paragraph   drop generic:tail-furniture
"""

from __future__ import annotations

import re

from extractors.layout import titles as T
from extractors.layout.bylines import lede_byline, parse_byline
from extractors.layout.dates import parse_date_line, parse_marker
from extractors.layout.furniture import (  # noqa: F401  (re-exported: generic rules live there)
    AGENCY_NAMES,
    CAPTION_WINDOW,
    CREDIT_AFTER_CAPTION,
    END_CODE,
    GENERIC_DROPS,
    HEADER_LIMIT,
    IC,
    RELATED_STOP,
    generic_credit,
    generic_drop,
)
from extractors.layout.header import read_header
from extractors.layout.outlets import OutletSpec, masthead_outlet
from extractors.layout.page import squash
from extractors.layout.state import Layout
from extractors.records import LineDecision

DATED_HEADLINE = re.compile(  # "15/05/2024 - " before a linked headline
    r"^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})(?:,?\s*\d{1,2}:\d{2})?\s*[-–—|:]\s*")


PHOTO_CAPTION = re.compile(
    r"(?:\((?:[\w ]+ )?(?:photo|photos|file photo|image)(?: [\w /]+)?\)|\b(?:photo|photograph|image)\s*(?:by|:|©)"
    r"[^.]{1,60})\.?\s*$", re.IGNORECASE)
CAPTION_MAX = 300


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


def base_decisions(lines: list[str], spec: OutletSpec | None, extra: tuple[OutletSpec, ...] = ()
                   ) -> tuple[list[LineDecision], dict[int, str]]:
    """Steps 1-4: blanks, generic and outlet furniture, related blocks. Other lines stay verdict "".
    Returns the decisions and the soft (registry footer/furniture) lines: index -> rule."""
    out: list[LineDecision] = []
    soft: dict[int, str] = {}
    nonblank_seen = 0
    related = False
    inline = 0  # 1: after an inline "Read also" header; 2: inside its run of headlines
    para_seen = False  # the header zone has no inline related links
    n = len(lines)
    specs = [x for x in (spec, *extra) if x is not None]
    for i, raw in enumerate(lines):
        s = raw.strip()
        d = LineDecision(number=i + 1, text=raw, verdict="", rule="")
        out.append(d)
        if not s:
            d.verdict, d.rule = "drop", "generic:blank"
            inline = 0 if inline == 2 else inline  # the headline run ends at a blank line
            continue
        nonblank_seen += 1
        if inline:  # 4b. the linked headlines under an inline "Read also" header
            if related_headline(s):
                d.verdict, d.rule, inline = "drop", "generic:read-also-block", 2
                continue
            inline = 0
        para_seen = para_seen or T.is_paragraph(s)
        od = outlet_drop(s, specs, nonblank_seen <= 6)
        if od and od[1]:
            d.verdict, d.rule = "drop", od[0]
            continue
        g = generic_drop(s)
        if g in ("related-header", "disclaimer-header") and i > n // 3:
            related = True
        if g:
            d.verdict, d.rule = "drop", f"generic:{g}"
            inline = 1 if g == "read-also-header" and para_seen else 0
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


def related_headline(s: str) -> bool:
    """A linked headline under a "Read also" header: "15/05/2024 - Headline" or a bare headline."""
    s = DATED_HEADLINE.sub("", s)
    return len(s) < RELATED_STOP and not T.is_paragraph(s) and not T.TERMINAL.search(s) \
        and T.is_headline_like(s)


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
        # a photo caption by its own words: "... (AA Photo)", "... Photo: X/Outlet."
        if len(s) <= CAPTION_MAX and PHOTO_CAPTION.search(s) and T.words(s) >= 4:
            captions.add(i)
        # the caption again, with its credit, on the next line
        if nxt is not None and len(s) >= 30 and k + 1 < len(idx) and idx[k + 1] == i + 1 \
                and squash(nxt.text).startswith(squash(s)) and PHOTO_CAPTION.search(nxt.text.strip()):
            captions.update((i, i + 1))
        # a sentence repeated within a few lines
        if T.is_sentence(s) and len(s) >= 30:
            key = squash(s)
            for j in idx[k + 1: k + 1 + CAPTION_WINDOW]:
                if squash(dec[j].text) == key:
                    captions.update((i, j))
    return captions


def classify(lines: list[str], spec: OutletSpec | None, extra: tuple[OutletSpec, ...] = ()) -> Layout:
    """Steps 1-8 on one article page."""
    dec, soft = base_decisions(lines, spec, extra)
    lay = Layout(decisions=dec)
    captions = mark_captions(dec, soft)
    lay.caption_text = [dec[i].text.strip() for i in sorted(captions)]
    live = [i for i, d in enumerate(dec) if not d.verdict and i not in captions]
    squashed = {i: squash(dec[i].text) for i in live}
    read_header(lay, live, soft, captions, squashed, spec)  # step 6: header.py
    body_zone(lay, live, soft, captions, squashed, spec)
    return lay


def body_zone(lay: Layout, live: list[int], soft: dict[int, str], captions: set[int],
              squashed: dict[int, str], spec: OutletSpec | None) -> None:
    """Steps 7-8: headings vs body, dated stamps, repeated title, late bylines, credits, tail."""
    dec, title, body_start = lay.decisions, lay.title, lay.body_start
    for i in captions:
        dec[i].verdict, dec[i].rule = "drop", "generic:caption"
    for i in soft:
        if not dec[i].verdict:
            dec[i].verdict, dec[i].rule = "drop", soft[i]
    body_idx = [i for i in live if i >= body_start and not dec[i].verdict]
    # 7a. an agency's end-of-story code ("... he said. -02B-", a line "###"): the story ends there
    first = min(body_idx, default=len(dec))
    end = next((i for i in range(first, len(dec)) if (not dec[i].verdict or dec[i].rule == "generic:separator")
                and END_CODE.search(dec[i].text.strip())), None)
    end_code: dict[int, str] = {}
    if end is not None:
        end_code[end] = END_CODE.sub("", dec[end].text.strip()).rstrip()
        for j in body_idx:
            if j > end:
                dec[j].verdict, dec[j].rule = "drop", "generic:after-end-code"
        body_idx = [j for j in body_idx if j <= end]
    text_of = {i: end_code.get(i, dec[i].text) for i in body_idx}
    last_para = max((i for i in body_idx if T.is_paragraph(text_of[i]) or T.is_sentence(text_of[i])),
                    default=None)
    # one date line under the story (its stamp, "13:39, 17 May 2021"), not a list of dated headlines
    tail_dates = 0 if last_para is None else sum(
        1 for i in body_idx if i > last_para and len(dec[i].text) <= 80 and parse_date_line(dec[i].text.strip()))
    for k, i in enumerate(body_idx):
        d = dec[i]
        s = d.text.strip()
        if last_para is not None and i > last_para and not T.TERMINAL.search(s):
            tail_date = parse_date_line(s) if lay.date is None and len(s) <= 80 and tail_dates == 1 else None
            if tail_date is not None and not (tail_date.weekday and tail_date.clock is None):
                lay.date, lay.rules["published"] = tail_date, tail_date.rule + ":after-body"
                d.verdict, d.rule = "field:date", "generic:date-line-after-body"
                continue
            d.verdict, d.rule = "drop", "generic:tail-furniture"
            continue
        if title is not None and squashed[i] == squash(title):
            d.verdict, d.rule = "drop", "generic:repeated-title"
            continue
        if i == lay.marker_lede:  # " date 2024-06-26 <lede>": the lede without its marker
            rest = parse_marker(s)
            d.text = d.text.replace(s, rest[1] if rest else s)
            s = d.text.strip()
        if i in end_code:
            if not end_code[i]:
                d.verdict, d.rule = "drop", "generic:end-code"
                continue
            d.text = d.text.replace(s, end_code[i])  # the verdict keeps the text without its code
            s = end_code[i]
        if len(s) <= 80 and not T.is_sentence(s) and masthead_outlet(s) is not None:
            d.verdict, d.rule = "drop", "generic:masthead-in-body"  # "News from Armenia - NEWS.am"
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

