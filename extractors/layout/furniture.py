"""Generic page furniture: position-free line rules (compiled regexes), shared by all outlets.

`generic_drop(line)` names the first rule a stripped line matches, or None; `generic_credit(line)`
says whether a line is a lone photo/agency credit. Used by lines.py, header.py
(article pages) and items.py (digests). Outlet-specific furniture lives in outlets.toml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.layout.page import ic_fold

IC = re.IGNORECASE
AGENCY_NAMES = (r"AFP|AP|AA|Reuters|EPA(?:-EFE)?|EFE|Getty(?: Images)?|Anadolu(?: Agency)?|TASS|"
                r"RIA Novosti|Sputnik|Xinhua|DPA|IRNA|ANI|Shutterstock|iStock|"
                r"APA|Trend|AZERTAC|Azertac|Report|Armenpress|ARMENPRESS|NEWS\.am|News\.Az|Oxu\.Az")
# (name, pattern matched against the whole stripped line)
GENERIC_DROPS: list[tuple[str, re.Pattern]] = [
    ("separator", re.compile(r"^(?:[-–—_*=~•·.#+]\s*){1,}$")),
    ("widget", re.compile(r"^(?=.{1,40}$)(?!.*[A-Za-z]{3})(?!.*\d[./:-]\d)[^A-Za-z]*(?:px|pt|em|A|Aa)?[^A-Za-z]*$")),
    ("loading", re.compile(
        r"^(?:loading(?: data| content| comments| news)?|please wait|загрузка)\s*(?:\.{2,3}|…)?$", IC)),
    ("read-more", re.compile(
        r"^(?:read more|read also|also read|see also|related|related news|related article|more|"
        r"recommended|don'?t miss|watch|listen|more on this|in pictures|video)\s*[:»›>|–—-]+\s*\S.{0,200}$", IC)),
    ("related-header", re.compile(
        r"^(?:related (?:stories|news|articles|posts|content|topics)|latest(?: news)?(?: see more)?|"
        r"more (?:news|stories)(?: from .{1,30})?|most (?:read|popular|viewed)|popular(?: news)?|"
        r"important news|other news|top (?:news|stories)|news feed|you (?:may|might) also like|"
        r"recommended(?: for you| stories)?|more on this (?:topic|story)|see more|see all|"
        r"editor'?s? (?:picks|choice)|trending(?: now)?|also on .{1,30}|read next|up next)\s*:?$", IC)),
    # an inline header of links to other stories: the headline lines under it are dropped too
    ("read-also-header", re.compile(r"^(?:read also|also read|read more|see also|more on (?:this|the) topic|"
                                    r"related|also in the news)\s*:?$", IC)),
    ("share", re.compile(
        r"^(?:(?:follow|join|subscribe|like|find)\b.{0,40}\b(?:on|to|at)\b.{0,30}"
        r"(?:twitter|facebook|telegram|instagram|youtube|whatsapp|linkedin|tiktok|x|channel|page|"
        r"newsletter)\b.{0,40}|(?:share|tweet|email|print|send|copy link|comments?|reply|save)"
        r"(?:\s+(?:this|the)?\s*(?:article|story|page|post|link|on \w+))?\s*:?|"
        r"share on \w+|subscribe(?: now| to our newsletter)?|\d+\s*(?:comments?|views|shares))$", IC)),
    # a lone site-utility/social link of the page chrome: "RSS", "Mobile", "Twitter", "Log in"
    ("site-link", re.compile(
        r"^(?:rss(?: feeds?)?|mobile(?: version)?|full version|desktop version|twitter|facebook|telegram|"
        r"instagram|youtube|whatsapp|linkedin|tiktok|vk|vkontakte|odnoklassniki|log ?in|sign ?in|log ?out|"
        r"register|search|menu|archive|contacts?|contact us|about us|advertis(?:e|ing)(?: with us)?)$", IC)),
    # a comment form: "Leave a Reply", "Please enter your comment!", "Thank you for your comment. ..."
    ("comment-form", re.compile(
        r"^(?:thank you for your comment\b.{0,200}|your comment (?:must|will|has to|is awaiting) .{0,160}|"
        r"please enter your (?:comment|name|e-?mail)(?: (?:address )?here)?\s*[!.]?|leave a (?:reply|comment|review)|"
        r"post (?:a|your) comment|add (?:a |your )?comment|write (?:a|your) comment|comments?\s*\(\d+\)|"
        r"be the first to comment.{0,40}|no comments? yet.{0,40}|your e-?mail address will not be published.{0,160}|"
        r"required fields are marked.{0,40}|you must be logged in to post a comment.{0,40}|"
        r"log in to (?:comment|leave a comment)|save my name, e-?mail.{0,160}|(?:name|e-?mail|website|comment)\s*\*)$",
        IC)),
    # a view/read counter: "871", "1,204 views", "Views: 56"
    ("view-counter", re.compile(
        r"^(?:(?:views?|reads?|hits)\s*:?\s*)?\d{1,3}(?:[ ,.]?\d{3})*(?:\s*(?:views?|reads?|times read))?$", IC)),
    ("disclaimer-header", re.compile(r"^(?:legal )?(?:disclaimer|terms and conditions)\s*:?$", IC)),
    ("disclaimer", re.compile(
        r"^.{0,300}(?:views expressed|do(?:es)? not necessarily reflect|all rights reserved|©|"
        r"\(c\)\s*\d{4}|copyright\b|reproduction (?:of|in) .{0,60}(?:prohibited|permitted|allowed)|"
        r"(?:hyper)?link to .{0,40} (?:is )?(?:required|mandatory|obligatory)|"
        r"(?:can|may) (?:freely )?(?:quote|use|reproduce|republish|cite) .{0,80}(?:hyper)?links?\b|"
        r"(?:hyper)?link should be (?:placed|given|put)|"
        r"(?:found|find|notice|see) (?:a |an )?(?:mistake|error|typo)|orphus|without warranty|ctrl\s*\+\s*enter|"
        r"cookies? (?:policy|settings)|privacy policy|terms of (?:use|service)|please take into "
        r"(?:the )?consideration).{0,400}$", IC)),
    ("tracking-id", re.compile(
        r"^(?:(?:news |article |tracking |story |post |ref(?:erence)? )?id|code|ref)\s*[:#№]\s*[\w-]{2,40}"
        r"(?:\s+[-–|])?$"
        r"|^#?\d{5,}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
        r"|^(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}$", IC)),
    ("language-switcher", re.compile(
        r"^(?:(?:az|ru|en|tr|de|fr|ar|fa|hy|ka|uz|kk|es|it|zh|ua|uk|am|ge|eng|rus|aze|arm|geo|"
        r"azərbaycan(?:ca)?|русский|рус|english|türkçe|հայերեն|ქართული|ქართ|azerbaijani|russian|"
        r"georgian|armenian|turkish|german|french|arabic|persian|spanish|deutsch|français|español)"
        r"\s*(?:[|/•·,-]\s*|\s+|$)){2,}$", IC)),
    # "Eng | ქართ | Рус": 3+ short tokens between pipes, one of them in a non-Latin script
    ("language-switcher", re.compile(r"^(?=.*[^\x00-\u024f|\s])[^\s|]{2,7}(?:\s*\|\s*[^\s|]{2,7}){2,}$")),
    # "Home › World › Europe", "News > Politics": a trail of short crumbs
    ("breadcrumb", re.compile(
        r"^[\w&.' -]{1,30}(?:\s*[›»>→]\s*[\w&.' -]{1,30}){2,}$|"
        r"^home\s*[›»>→/|]\s*[\w&.' -]{1,40}(?:\s*[›»>→/|]\s*[\w&.' -]{1,40})*$", IC)),
    ("newsletter", re.compile(
        r"^(?:.{1,40}\bnewsletters?|sign up(?: for| to)? .{0,60}|keep up to date with .{5,160}|"
        r"(?:get|receive) (?:our|the) .{0,40}newsletter.{0,80}|.{0,120}\bsubscribe to (?:our|the) "
        r"(?:\w+ )?newsletter.{0,60}|you can unsubscribe at any time.{0,400})$", IC)),
    ("membership", re.compile(
        r"^(?:support (?:(?:our |independent |quality |local )?journalism|us|our work)\b.{0,200}|"
        r"(?:.{0,160}[.!]\s+)?become an? (?:member|subscriber|patron|supporter)(?: of [\w.&' -]{1,40}| today| now)?"
        r"[.!]?|(?:donate|make a donation|subscribe now)(?: (?:now|today|here))?[.!]?)$", IC)),
    ("also-available", re.compile(r"^this (?:post|article|page|story) is (?:also )?available in\s*:?.{0,120}$", IC)),
    # "Valley.net is a project by ...": a site's own about-line (a domain, or a name + since/founded)
    ("about-outlet", re.compile(
        r"^(?:[\w-]+(?:\.[a-z]{2,4})+ is (?i:a project|an? (?:independent|online|non-?profit) "
        r"(?:media|news|outlet|publication)|a (?:publication|product) of)\b.{0,200}|"
        r"[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,3} is (?i:a project|an? (?:independent|online|non-?profit) "
        r"(?:media|news|outlet|publication)|a (?:publication|product) of)\b"
        r".{0,200}(?i:since \d{4}|founded in|delivering news|publishing)\b.{0,100})$")),
    # "Hendrik Doe. Photo: Personal archive", "Name Surname / Photo: AFP": a caption that is only a credit
    ("photo-credit", re.compile(
        r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,4}\s*[.,/|–—-]?\s*(?i:photo|photos|photograph|image)"
        r"\s*(?i:by|:|©)\s*.{1,60}$")),
    ("slider-gallery", re.compile(
        r"^(?:(?:slider|gallery|slide|carousel) (?:image|photo|picture)\s*\d*|.+\s[-–—|]\s(?:gallery|slider) "
        r"(?:image|photo)\s*\d*|(?:photo|image|picture|slide)\s*\d+\s*(?:of|/)\s*\d+|"
        r"(?:photo|image|video)\s*gallery|view (?:gallery|photos)|(?:prev(?:ious)?|next)(?: image| photo)?|"
        r"\d+\s*/\s*\d+)$", IC)),
    ("agency-credit", re.compile(
        rf"^[(\[]?(?:(?:photo|photos|image|images|picture|foto|video|credit|photo credit|source)\s*"
        rf"(?:credit)?\s*[:/©-]\s*)?©?\s*(?:{AGENCY_NAMES})(?:\s*(?:/|via|,|and)\s*[\w. ]{{1,30}})?\.?[)\]]?$")),
    ("agency-credit", re.compile(
        rf"^(?:[\w.' -]{{1,40}}\s+)?(?:with|and|via|/|\+)\s+(?:{AGENCY_NAMES}|agencies|wires)$", IC)),
    ("photo-credit", re.compile(
        r"^[(\[]?(?:photo|photos|photograph|image|picture|foto|video|credit|photo credit|illustration|"
        r"file photo)\s*(?:credit|by)?\s*[:©]\s*.{1,60}[)\]]?$", IC)),
    # a syndicator's credit naming the original outlet (outlets.py reads the name; the line is no text):
    # "This article was originally published by X.", "First appeared in X", "Republished with permission
    # from X", "Source: X" (after the agency credits: "Source: AFP" under a caption stays a credit)
    ("syndication-credit", re.compile(
        r"^(?:(?:this (?:article|story|post|piece|report|interview|op-ed|analysis|text|material) "
        r"(?:was |is |has been )?(?:originally |first )?(?:published|posted|appeared|written|produced)"
        r"|(?:originally|first) (?:published|appeared|posted)"
        r"|(?:re-?published|reprinted|reproduced) (?:here )?(?:with (?:kind )?permission )?(?:from|of|by))"
        r"\s+(?:(?:by|in|on|at|from|with|for)\s+)?[^,;]{2,100}|source\s*:\s*[^,;]{2,80})$", IC)),
]
# an agency's end-of-story code closing the last body line ("... Aliyev said. -02B-", "(END)", "/END/",
# "###", "-0-", "///Outlet, date"): the story ends there; what follows is furniture
END_CODE = re.compile(r"(?:^|\s)(?:-\d{1,3}[A-Z]{0,3}-|\((?:END|ENDS)\)|/END/|#{3}|-\s?0\s?-)$|^ENDS?$"
                      r"|\s*/{3}\s*[A-Za-z][\w.&'-]{1,30}(?: [\w.&'-]+){0,3}(?:,[^/]{1,30})?$")  # "///Outlet, date"
RELATED_STOP = 200  # a line this long ends a related-links block
CREDIT_AFTER_CAPTION = ("agency-credit", "photo-credit")
CAPTION_WINDOW = 6  # a sentence repeated within this many lines is a photo caption
HEADER_LIMIT = 40  # the header zone never extends beyond this many non-blank lines


# Cheap pre-checks for the costly rules (a leading ".{0,300}" tries every position): words one of which
# every line the rule matches contains, looked up in the line folded the way IGNORECASE compares letters
# (page.ic_fold). A rule without a pre-check is always tried. The checks only skip regexes that cannot
# match: the verdicts are the same.
RULE_NEEDS: dict[str, tuple[str, ...]] = {
    "disclaimer": ("views expressed", "necessarily reflect", "all rights reserved", "©", "(c)", "copyright",
                   "reproduction", "link", "mistake", "error", "typo", "orphus", "without warranty", "ctrl",
                   "cookie", "privacy policy", "terms of ", "please take into "),
    "newsletter": ("newsletter", "sign up", "keep up to date with ", "you can unsubscribe at any time"),
    "membership": ("support ", "become a", "donate", "make a donation", "subscribe now"),
    "breadcrumb": ("›", "»", ">", "→", "/", "|"),
    "about-outlet": (" is ",),
}
_SWITCHER_PIPES = GENERIC_DROPS[[n for n, _ in GENERIC_DROPS].index("language-switcher") + 1]
assert _SWITCHER_PIPES[0] == "language-switcher"
_CHECKED: list[tuple[str, re.Pattern, tuple[str, ...] | None]] = [
    (name, rx, ("|",) if (name, rx) == _SWITCHER_PIPES else RULE_NEEDS.get(name)) for name, rx in GENERIC_DROPS]


@lru_cache(maxsize=8192)
def generic_drop(s: str) -> str | None:
    """The generic furniture rule a stripped line matches, else None (memoised: a line is asked by the
    digest check, the line classifier and the header)."""
    if len(s) > 700:
        return None
    low = None
    for name, rx, needs in _CHECKED:
        if needs is not None:
            if low is None:
                low = ic_fold(s)
            if not any(w in low for w in needs):
                continue
        if rx.match(s):
            return name
    return None


def generic_credit(s: str) -> bool:
    """A lone photo/agency credit line ("AFP", "Photo: X"): what follows a caption."""
    return generic_drop(s.strip()) in CREDIT_AFTER_CAPTION or bool(
        re.fullmatch(rf"(?:{AGENCY_NAMES})", s.strip(), IC))
