"""Shape predicates for headlines, paragraphs, subheadings and labels, and the title choice.

Title cascade (lines.py applies it to the header zone, i.e. the lines above the first body paragraph):
  1. date-marker   the rest of a " date YYYY-MM-DD <title>" line
  2. repeated      a headline-like header line the page repeats (title, date, title again) or that
                   begins a teaser ("<title> <lede cut mid-word>")
  3. first-3-words the first headline-like header line of 3+ words
  4. first         the first headline-like header line
  5. none          no headline above the body (or only furniture/credits there) -> None
Never a title (`never_title`): a bulleted line, a dateline alone ("BAKU, Azerbaijan, May 25"), a bare
person's name (a caption), a news-feed item ("<headline> 21:00"). A standfirst run onto the title line
is split off into the subtitle (`split_glued_deck`).
Subtitle: the standfirst sentence right after the title when header furniture (caption, credit,
date, byline) follows it, or when the outlet's layout has a standfirst; else a second headline-like
line after the title. Category: a short label next to the date line, "Category: X" or "X Materials".
"""

from __future__ import annotations

import re

from extractors.layout.page import squash

TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
NO_HEADLINE_END = re.compile(r"[.,;:]$")
FINAL_INITIALISM = re.compile(r"\s(?:[A-Z]\.){2,}$")  # "... Led by the U.S.": no sentence end
SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’»)]*\s+[\"'“‘«(]?[A-Z]")
LABEL = re.compile(r"^[A-Z][\w&'’-]*(?:[ /&-]+[\w&'’-]+){0,3}$")
CATEGORY_LINE = re.compile(r"^(?:category|section|rubric|topic)\s*:\s*(?P<c>.{2,40})$", re.IGNORECASE)
# "Politics Materials", "Economy materials", "Society section": a section label with a listing word
SECTION_LISTING = re.compile(r"^(?P<c>[A-Z][\w&'’-]*(?: [\w&'’-]+){0,2}) (?:materials|section|rubric|news feed)$",
                             re.IGNORECASE)


def words(s: str) -> int:
    return len(s.split())


def is_paragraph(s: str) -> bool:
    """Running text: a long line ending like a sentence, or any very long line."""
    s = s.strip()
    if len(s) >= 200:
        return True
    return len(s) >= 60 and bool(TERMINAL.search(s)) and words(s) >= 8


def is_sentence(s: str) -> bool:
    s = s.strip()
    return bool(TERMINAL.search(s)) and words(s) >= 4


def is_wordy(s: str) -> bool:
    """Mostly letters, with at least two real words (not a widget such as "+ - 16 px")."""
    chars = [c for c in s if not c.isspace()]
    letters = sum(c.isalpha() for c in chars)
    return bool(chars) and letters >= 0.6 * len(chars) and sum(
        len(w) >= 3 and any(c.isalpha() for c in w) for w in s.split()) >= 2


def is_headline_like(s: str) -> bool:
    s = s.strip()
    if not (2 <= words(s) <= 40) or len(s) > 250 or not is_wordy(s):
        return False
    if NO_HEADLINE_END.search(s) and not s.endswith("...") and not FINAL_INITIALISM.search(s):
        return False
    if s[0].islower():
        return False
    # a headline has at most one sentence break inside ("X: Y. Z" is prose)
    return len(SENTENCE_INSIDE.findall(s)) <= 1 and not (s.endswith(".") and words(s) > 12
                                                        and not FINAL_INITIALISM.search(s))


def is_heading(s: str) -> bool:
    """A subheading inside the body: short, not ending like a sentence."""
    s = s.strip()
    return 1 <= words(s) <= 16 and len(s) <= 130 and not NO_HEADLINE_END.search(s) \
        and not (s.endswith(".") and not s.endswith("...")) and not s[0].islower()


FIELD_NAMES = {"date", "category", "source", "author", "authors", "tags", "tag", "share", "print",
               "comments", "comment", "time", "updated", "published", "photo", "video", "menu", "search",
               "home", "news", "latest", "more", "read also", "read more", "related"}
PERSON = re.compile(r"^[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|[A-Z]\.)){1,2}$")


def is_label(s: str) -> bool:
    """A category/section label: 1-3 words, no digits or sentence punctuation, not a field name."""
    s = s.strip()
    return len(s) <= 32 and words(s) <= 3 and bool(LABEL.match(s)) and not any(c.isdigit() for c in s) \
        and s.casefold() not in FIELD_NAMES and "." not in s


TOPIC_WORDS = {"policy", "news", "politics", "economy", "world", "business", "society", "sport", "sports",
               "culture", "region", "regions", "analysis", "opinion", "interview", "interviews", "official",
               "security", "energy", "military", "defence", "defense", "international", "local", "science",
               "tech", "technology", "health", "education", "life", "travel", "video", "photo", "photos",
               "finance", "markets", "foreign", "domestic", "affairs", "diplomacy", "incidents", "caucasus",
               "asia", "europe", "east", "central", "south", "north", "west", "middle", "latest", "top",
               "breaking", "feature", "features", "editorial", "commentary", "story", "stories", "press",
               "releases", "statements", "events", "general", "other", "karabakh", "armenia", "azerbaijan",
               "georgia", "turkey", "türkiye", "russia", "iran", "agency", "media", "daily", "times", "today"}


def is_person_name(s: str) -> bool:
    """A bare "Firstname Lastname" line (a byline without "By"); topic labels are not names."""
    s = s.strip()
    return bool(PERSON.match(s)) and not any(w.casefold().strip(".") in TOPIC_WORDS for w in s.split())


def category_line(s: str) -> str | None:
    """The category a labelled line names: "Category: X" or "X Materials"."""
    m = CATEGORY_LINE.match(s.strip()) or SECTION_LISTING.match(s.strip())
    return m.group("c").strip() if m else None


def starts_with_title(s: str, title: str) -> bool:
    """A teaser: the title followed by more text on the same line."""
    a, t = squash(s), squash(title)
    return len(a) > len(t) + 10 and a.startswith(t + " ")


BULLETED = re.compile(r"^[•·▪◦‣*]\s")
# a dateline standing alone on its line ("BAKU, Azerbaijan, May 25", "YEREVAN, MARCH 17"): no headline
DATELINE_ONLY = re.compile(
    r"^[A-Z][A-Za-z'.-]+(?:[ -][A-Z][A-Za-z'.-]+)?(?:,\s*[A-Z][A-Za-z'. -]+?)?\s*[,/]\s*"
    r"(?:[A-Za-z]{3,9}\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-z]{3,9}\.?)(?:,?\s*(?:19|20)\d\d)?\s*[.:,]?$")
# a news-feed widget's item: a headline (often with its teaser) and the bare time it was posted
FEED_ITEM = re.compile(r"\D\s(?:[01]?\d|2[0-3]):[0-5]\d$")
YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


def never_title(s: str) -> str | None:
    """Why a headline-shaped header line is no title, or None: a list bullet, a dateline alone, a bare
    person's name (a caption or byline line: a page whose only such line is a name has no title), a
    news-feed item ("<headline> 21:00": a time and no date)."""
    s = s.strip()
    if BULLETED.match(s):
        return "bulleted"
    if DATELINE_ONLY.match(s) and MONTH_WORD.search(s):
        return "dateline"
    if is_person_name(s):
        return "name"
    if FEED_ITEM.search(s) and not YEAR_IN.search(s):
        return "feed-item"
    return None


# a standfirst glued onto the title line: "<Headline> <Capitalised common word> <lower-case words>"
GLUE_WORD = re.compile(r"^[A-Z][a-z'’]+$")
FUNCTION_END = {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "as"}
GLUE_MIN = 3  # words on each side of the split


def split_glued_deck(title: str, page_text: str) -> tuple[str, str] | None:
    """(headline, standfirst) when a title line carries its standfirst run on ("US envoy owes the
    paper an apology Beating around the bush for an hour"): at a Capitalised word after GLUE_MIN+
    words, not after punctuation or a function word, followed by GLUE_MIN-1+ words all in lower case
    (or digits), and which the page never writes capitalised inside a sentence (then it is a name:
    "... says Norvik talks will go on" keeps Norvik). After another capitalised word it must also be
    written in lower case elsewhere on the page and never after that word ("... speed up Black Sea
    ferry link" keeps the Black Sea). Else None."""
    w = title.split()
    for k in range(GLUE_MIN, len(w) - GLUE_MIN + 2):
        word, prev, rest = w[k], w[k - 1], w[k + 1:]
        if not GLUE_WORD.match(word) or prev[-1] in ":;,–—-\"'“”‘’" or prev.casefold() in FUNCTION_END:
            continue
        if len(rest) < GLUE_MIN - 1 or not all(x[0].islower() or x[0].isdigit() for x in rest):
            continue
        if re.search(rf"[a-z][,;]? {re.escape(word)}\b", page_text):
            continue  # capitalised inside a sentence elsewhere: a proper name
        if prev[0].isupper() and (re.search(rf"\b{re.escape(prev)} {re.escape(word)}\b", page_text)
                                  or not re.search(rf"\b{re.escape(word.lower())}\b", page_text)):
            continue  # after a capitalised word: part of a name ("Black Sea") unless the page writes it
            # in lower case elsewhere (a common word: "... State Department Facts are stubborn things")
        return " ".join(w[:k]), " ".join(w[k:])
    return None


def choose_title(candidates: list[tuple[int, str]], repeated: set[int]) -> tuple[int, str] | None:
    """(index, rule) of the title among headline-like header lines, per the cascade above."""
    if not candidates:
        return None
    for i, _s in candidates:
        if i in repeated:
            return i, "title:repeated"
    for i, s in candidates:
        if words(s) >= 3:
            return i, "title:first-3-words"
    return candidates[0][0], "title:first"
