"""Publication dates of text pages: candidates found by regex, their values parsed by dateutil.

Formats: "6 November 2020 12:17 (UTC+04:00)", "July 29, 2023 09:19", "29.07.2023 09:19",
"10:52, 17 March, 2022", "Thu, 30 Jun 2016 18:00:00 +0400", "2023-07-29", "2023-07-29T09:19",
"14 Feb.'18" (apostrophe year), stamp lines with short credits ("Civil Georgia, Tbilisi / 14 Feb.'18 /
11:40"), the " date YYYY-MM-DD " marker, datelines ("BAKU, Azerbaijan, July 29", "YEREVAN, MARCH 17,
ARMENPRESS.", "Baku / 23.06.17 / Turan:") whose year may stand elsewhere on the page.

Two stages. FINDING is ours: the regexes below pick the candidate substrings (a date, a time, an
offset) and decide whether a line is a date line at all (prose that merely contains a date is not).
PARSING is dateutil's (`dateutil.parser.parse`, on the candidate substring only, never on a whole
line: fuzzy parsing of prose invents dates): month names and abbreviations, ordinals ("29th of"),
two-digit years (dateutil's sliding century window), am/pm, calendar validity, a missing year taken
from a `default` datetime (a dateline's year from elsewhere on the page). Each rule says how its
candidate is read: `dayfirst` for dotted dates, month-first for slashed ones, `yearfirst` for ISO.

What dateutil gets wrong in our domain stays explicit here (see `_parse` and the comments at the
call sites): "UTC+4"/"GMT+3" (dateutil follows POSIX and inverts the sign: the OFFSET regex reads
offsets, dateutil never sees them); a dotted date that is impossible as D.M.Y (dateutil would swap
it into M.D.Y: rejected); dotted times "09.19" (dateutil reads a date: the dot becomes a colon);
a weekday name alone (dateutil turns "3 Mon" into a date: month names are required by the regexes).

Time zones (decided): a time with an explicit offset keeps it; a time without offset takes the
outlet's IANA zone (zoneinfo, so DST is right for the date); with no known outlet the time is
DROPPED and the value is a day-precision date (rule suffix ":no-tz") -- a guessed offset would
be a wrong instant, a date is still right.

Weekday mentions ("said on Wednesday") are resolved by `resolve_weekdays` against an anchor date:
each weekday goes to the date with that weekday nearest the anchor (unique: 7 is odd), and an
"Nth day of X" count anchored on "X began/broke out on <weekday>" overrides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil import parser as du

DU_INFO = du.parserinfo()  # dateutil's English names: weekday lookup for `resolve_weekdays`
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}  # "the fourth day"

# month names for the patterns only (a candidate needs a month name; dateutil reads its value)
MONTH_NAMES = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
              r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
MON = rf"(?P<mon>{MONTH_NAMES})\.?"
WD = r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|" \
     r"sat(?:urday)?|sun(?:day)?)\.?"
IC = re.IGNORECASE
# the year after a month name: "2018", or an apostrophe year "'18" ("14 Feb.'18", "Feb 14 '18"; dateutil's window)
# ("March 20,2020": a comma without its space)
YR = r"(?:(?:,\s*|\s+)(?P<y>(?:19|20)\d\d)|,?\s*['’](?P<yy>\d\d))(?!\d)"
DMY = re.compile(rf"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+|\s*[-–]\s*)(?:of\s+)?{MON}{YR}", IC)
MDY = re.compile(rf"\b{MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?{YR}", IC)
ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
                 r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
                 r"(?P<tz>Z|[+-][0-2]\d:?[0-5]\d)?)?(?!\d)")
NUM = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)(?P<sep>[./])(?P<m>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")
DM = re.compile(rf"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{MON}(?!\w)(?!{YR})", IC)
MD = re.compile(rf"\b{MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!{YR})(?!:)", IC)
TIME = re.compile(r"(?<![\d.:/])(?P<H>[01]?\d|2[0-3])(?P<sep>[:.])(?P<M>[0-5]\d)(?::[0-5]\d)?"
                  r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?!\w))?(?![\d/])", IC)
OFFSET = re.compile(r"(?:\(?\s*(?:UTC|GMT)\s*(?P<s1>[+-−])\s*(?P<h1>\d{1,2})(?::?(?P<m1>\d\d))?\s*\)?)"
                    r"|(?:(?:^|(?<=[\s\d]))(?P<s2>[+-])(?P<h2>[01]\d):?(?P<m2>[0-5]\d)\b)"
                    r"|(?:\(?\b(?:UTC|GMT|Z)\b\)?)", IC)
# zone abbreviations of the region and of the wires (upper case only: "EST" is no word, "est" may be),
# read as fixed offsets: "January 28, 2019 - 16:59 AMT" is Yerevan time. Ambiguous ones ("AST", "IST")
# are left out: the outlet's zone decides then.
ZONE_ABBREVIATIONS = {
    "AMT": 4, "AZT": 4, "AZST": 5, "GET": 4, "MSK": 3, "TRT": 3, "IRST": 3.5, "IRDT": 4.5, "GST": 4,
    "UZT": 5, "TJT": 5, "TMT": 5, "KGT": 6, "EET": 2, "EEST": 3, "CET": 1, "CEST": 2, "WET": 0, "WEST": 1,
    "BST": 1, "EST": -5, "EDT": -4, "CDT": -5, "PST": -8, "PDT": -7}
ZONE_ABBR = re.compile(r"\(?\b(?P<abbr>" + "|".join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True)) + r")\b\)?")
# a time glued to the date after it ("01:1501 May, 2024" = 01:15, 1 May 2024): split before matching
GLUED_TIME = re.compile(
    rf"(?<![\d:])((?:[01]?\d|2[0-3]):[0-5]\d)(?=[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_NAMES})\b)", IC)
DIGIT = re.compile(r"\d")
# Russian month names (nominative and genitive) on pages in English: read as the English month
RU_MONTHS = {"январ": "January", "феврал": "February", "март": "March", "мая": "May", "май": "May",
             "апрел": "April", "июн": "June", "июл": "July", "август": "August", "сентябр": "September",
             "октябр": "October", "ноябр": "November", "декабр": "December"}
RU_MONTH = re.compile(r"(?<![\w])(январ|феврал|март|апрел|мая|май|июн|июл|август|сентябр|октябр|ноябр|декабр)"
                      r"[а-я]*", IC)
CYRILLIC = re.compile("[\u0400-\u04ff]")
# a whole line "21 Jun 05": day, month name, two-digit year (a wire's stamp)
DMY_SHORT = re.compile(rf"^(?P<d>[0-3]?\d)\s+(?P<mon>{MONTH_NAMES})\.?\s+(?P<yy>\d\d)$", IC)
NO_SPACE_COMMA = re.compile(r",(?=\d)")  # dateutil reads "March 20,2020" as 2000: give the comma its space
# a date glued to the word before it ("...Armenian PremierJune 12, 2012"): a capitalised month name
GLUED_MONTH = re.compile(r"(?<=[a-z])(?=(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
                         r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d)")
# a line that is only a time ("15:40", "at 15:40 (UTC+4)", "11:50 AMT"): the time of a date line next to it
TIME_LINE = re.compile(r"^\s*(?:at\s+)?(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?"
                       r"(?:\s*\(?\s*(?:UTC|GMT)\s*(?:[+-−]\s*\d{1,2}(?::?\d\d)?)?\s*\)?|\s*[A-Z]{3,4})?\s*$", IC)
WEEKDAY = re.compile(rf"\b{WD}(?!\w)", IC)
MARKER = re.compile(r"^\s*date\s+(?P<date>(?P<y>(?:19|20)\d\d)(?:-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?)?)\b\s*", IC)
# words that may stand beside a date on a date line without making it prose
DATE_FILLER = re.compile(
    r"\b(?:published|posted|updated|last|modified|date|on|at|time|created|issued|update|the|of|"
    r"am|pm|a\.m\.|p\.m\.|local|baku|utc|gmt|read|min|mins|minutes|views?)\b|[\W\d_]+", IC)
# Datelines at the start of a paragraph: "BAKU, Azerbaijan, July 29", "YEREVAN, MARCH 17, ARMENPRESS."
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z'.-]+(?:[ -][A-Z][A-Za-z'.-]+)?(?:,\s*[A-Z][A-Za-z'. -]+?)?)\s*[,/]\s*(?P<date>"
    rf"{MON}\s+(?P<d>[0-3]?\d)(?:\s*,?\s*(?P<y>(?:19|20)\d\d))?\b"
    rf"|(?P<d2>[0-3]?\d)\s+(?:{MONTH_NAMES})\.?(?:\s+(?P<y2>(?:19|20)\d\d))?\b"
    rf"|(?P<d3>[0-3]?\d)\.(?P<m3>[01]?\d)\.(?P<y3>(?:19|20)?\d\d)\b)", IC)
# stamp lines: "Civil Georgia, Tbilisi / 14 Feb.'18 / 11:40" (credit segments beside the date)
STAMP_SPLIT = re.compile(r"\s+[/|]\s+")
STAMP_CREDIT = re.compile(r"[A-Z][\w'’.&-]*(?:,?\s+[A-Z][\w'’.&-]*)*")
STAMP_CREDIT_WORDS = 4
YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])")
EPOCH = datetime(2000, 1, 1)  # dateutil `default`: the parts a candidate lacks (a partial marker's month/day)


@dataclass
class DateHit:
    day: date
    clock: time | None = None
    offset: timedelta | None = None  # explicit UTC offset written on the page
    weekday: bool = False  # a weekday name stands on the line
    rule: str = ""
    start: int = 0
    end: int = 0


@lru_cache(maxsize=8192)
def _parse(candidate: str, *, dayfirst: bool = False, yearfirst: bool = False,
           default: datetime = EPOCH, day: str | None = None) -> datetime | None:
    """dateutil's value of one candidate substring, or None when it is no valid date/time (memoised:
    a datetime is immutable, and a page asks for the same stamp from several steps).

    `day`: the digits the regex saw in the day slot of a numeric date. dateutil silently swaps day
    and month when the written order is impossible ("07.29.2023" with dayfirst -> July 29); for
    dotted dates that order is always D.M.Y here, so a swapped reading is no date."""
    try:
        dt = du.parse(candidate, dayfirst=dayfirst, yearfirst=yearfirst, default=default)
    except (du.ParserError, ValueError, OverflowError):
        return None
    if day is not None and dt.day != int(day):
        return None
    return dt


# rule -> how dateutil reads its candidate: ISO is year-first; dotted numeric dates are day-first;
# slashed ones month-first (US "3/14/2024"), unless the first number cannot be a month ("14/3/2024")
# -- which is exactly dateutil's dayfirst=False reading, so slashes need no check of ours.
def _read(rule: str, m: re.Match) -> datetime | None:
    if rule == "iso":
        return _parse(m.group(0), yearfirst=True)
    if rule == "dd.mm.yyyy":
        dotted = m.group("sep") == "."
        return _parse(m.group(0), dayfirst=dotted, day=m.group("d") if dotted else None)
    # a month name: no ambiguity ("12 - June 2019": the dash is no part of the date)
    return _parse(NO_SPACE_COMMA.sub(", ", m.group(0)).replace(" - ", " ").replace(" – ", " "))


def _full_dates(text: str) -> list[tuple[str, re.Match, datetime]]:
    """(rule, match, value) for every explicit date with a year, in order; overlaps go to the
    earlier rule of the cascade ISO > D Month Y > Month D, Y > numeric."""
    found: list[tuple[str, re.Match, datetime]] = []
    if not DIGIT.search(text):  # every pattern needs a digit: most lines have none
        return found
    for rx, rule in ((ISO, "iso"), (DMY, "d-month-y"), (MDY, "month-d-y"), (NUM, "dd.mm.yyyy")):
        for m in rx.finditer(text):
            if any(a.start() < m.end() and m.start() < a.end() for _, a, _ in found):
                continue
            dt = _read(rule, m)
            if dt is not None:
                found.append((rule, m, dt))
    found.sort(key=lambda f: f[1].start())
    return found


def find_full_dates(text: str) -> list[DateHit]:
    """Every explicit date with a year in `text`, in order (no times)."""
    return [DateHit(dt.date(), rule=rule, start=m.start(), end=m.end()) for rule, m, dt in _full_dates(text)]


def _offset(m: re.Match) -> timedelta | None:
    # Ours, not dateutil's: dateutil reads "UTC+4" the POSIX way (UTC+4 = four hours WEST), while
    # pages mean ISO-style east; so offsets never reach dateutil.
    g = m.groupdict()
    if g.get("h1"):
        sign = -1 if g["s1"] in "-−" else 1
        return sign * timedelta(hours=int(g["h1"]), minutes=int(g["m1"] or 0))
    if g.get("h2"):
        sign = -1 if g["s2"] == "-" else 1
        return sign * timedelta(hours=int(g["h2"]), minutes=int(g["m2"]))
    return timedelta(0)


def _clock(tm: re.Match, day: date) -> time | None:
    """The time of a TIME candidate (hour and minute; seconds dropped)."""
    s = tm.group(0)
    if tm.group("ampm") and int(tm.group("H")) > 12:  # "18:30 PM": dateutil rejects it; the clock is 24h
        s = s[: tm.start("ampm") - tm.start()]
    if tm.group("sep") == ".":  # "09.19": dateutil would read a day and a month
        k = tm.start("sep") - tm.start()
        s = s[:k] + ":" + s[k + 1:]
    dt = _parse(s, default=datetime.combine(day, time()))
    return dt.time().replace(second=0, microsecond=0) if dt else None


def parse_date_line(line: str) -> DateHit | None:
    """The date of a line that is (almost) only a date/time stamp, else None.

    Prose that merely contains a date ("On 9 October, ...") is not a date line.
    """
    s = GLUED_TIME.sub(r"\1 ", line.strip())
    if not s or len(s) > 80:
        return None
    if CYRILLIC.search(s):  # "29 октября, 2016 17:06"
        s = RU_MONTH.sub(lambda m: RU_MONTHS[m.group(1).lower()], s)
    short = DMY_SHORT.match(s)
    if short:
        dt = _parse(s)
        return DateHit(dt.date(), rule="date-line:d-month-yy") if dt else None
    full = _full_dates(s)
    if not full:
        return None
    rule, m, value = full[0]
    hit = DateHit(value.date(), rule=rule, start=m.start(), end=m.end())
    rest = s[: hit.start] + " " + s[hit.end:]
    t = None
    if rule == "iso" and m.group("H"):  # dateutil read the time and a numeric offset ("+04:00", "Z")
        t = value.time().replace(second=0, microsecond=0)
        if value.utcoffset() is not None:
            hit.offset = value.utcoffset()
    if t is None:
        tm = TIME.search(rest)
        if tm:
            t = _clock(tm, hit.day)
            rest = rest[: tm.start()] + " " + rest[tm.end():]
    om = OFFSET.search(rest)
    if om and t is not None and hit.offset is None:
        hit.offset = _offset(om)
        rest = rest[: om.start()] + " " + rest[om.end():]
    za = ZONE_ABBR.search(rest)
    if za and t is not None and hit.offset is None:
        hit.offset = timedelta(hours=ZONE_ABBREVIATIONS[za.group("abbr")])
        rest = rest[: za.start()] + " " + rest[za.end():]
    wm = WEEKDAY.search(rest)
    if wm:
        hit.weekday = True
        rest = rest[: wm.start()] + " " + rest[wm.end():]
    leftover = DATE_FILLER.sub(" ", rest).split()
    stamp = ""
    if len(leftover) > 2:
        if not stamp_credits(s, hit):
            return None
        stamp = ":stamp"  # "Civil Georgia, Tbilisi / 14 Feb.'18 / 11:40": credit / date / time
    hit.clock = t
    hit.rule = f"date-line:{hit.rule}" + (":time" if t else "") + stamp
    return hit


def parse_time_line(line: str, day: date) -> DateHit | None:
    """A line that is only a time (with its offset or zone): the time of the date line beside it."""
    s = line.strip()
    if not TIME_LINE.match(s):
        return None
    tm = TIME.search(s)
    clock = _clock(tm, day) if tm else None
    if clock is None:
        return None
    hit = DateHit(day, clock=clock, rule="time-line")
    rest = s[tm.end():]
    om, za = OFFSET.search(rest), ZONE_ABBR.search(rest)
    if om:
        hit.offset = _offset(om)
    elif za:
        hit.offset = timedelta(hours=ZONE_ABBREVIATIONS[za.group("abbr")])
    elif rest.strip():
        return None  # "15:40 XYZ": an unknown word after the time
    return hit


def trailing_stamp(line: str) -> tuple[str, DateHit] | None:
    """A date stamp glued to the end of other text ("<headline>June 12, 2012 | 11:50"): (the text
    before it, the date), when the tail from the date on is a date line; else None."""
    s = GLUED_MONTH.sub(" ", line.strip())
    full = _full_dates(s)
    if not full or len(s) > 400:
        return None
    _rule, m, _dt = full[-1]
    head = s[: m.start()].rstrip(" |/-–—,")
    if not head or head == s:
        return None
    tail = s[m.end():]
    for rx in (TIME, OFFSET, ZONE_ABBR):
        tail = rx.sub(" ", tail, count=1)
    if re.search(r"[^\W\d_]", tail):  # words after the date: prose, no stamp
        return None
    hit = parse_date_line(s[m.start():])
    if hit is None:
        return None
    return head, hit


def stamp_credits(s: str, hit: DateHit) -> bool:
    """A stamp line whose slash/pipe-separated segments are the date, a time and short credits
    (the outlet, the place: "Name, City / 14 Feb.'18 / 11:40"): every segment other than the
    date's (and time/filler ones) is 1-STAMP_CREDIT_WORDS capitalised words, no digits, no colon."""
    pos, segs = 0, []
    for part in STAMP_SPLIT.split(s):
        start = s.index(part, pos)
        pos = start + len(part)
        segs.append((start, pos, part))
    if len(segs) < 2 or not any(a <= hit.start and hit.end <= b for a, b, _ in segs):
        return False
    for a, b, part in segs:
        if a <= hit.start and hit.end <= b:
            continue
        if not DATE_FILLER.sub(" ", OFFSET.sub(" ", TIME.sub(" ", part))).split():
            continue  # a time, an offset, filler words
        words = part.replace(",", " ").split()
        if not 1 <= len(words) <= STAMP_CREDIT_WORDS or not STAMP_CREDIT.fullmatch(part.strip()):
            return False
    return True


def parse_marker(line: str) -> tuple[DateHit, str] | None:
    """The " date YYYY-MM-DD " marker at the start of a line: (date, the rest of the line)."""
    m = MARKER.match(line)
    if not m:
        return None
    # " date 2021-10 ": a year(-month) hint only, no publication day (dateutil fills month/day 1)
    dt = _parse(m.group("date"), yearfirst=True)
    if dt is None:
        return None
    rule = "date-marker" if m.group("d") else "date-marker:partial"
    return DateHit(dt.date(), rule=rule), line[m.end():].strip()


def parse_dateline(paragraph: str, year: int | None) -> DateHit | None:
    """A dateline at the start of a paragraph; a missing year comes from `year` (None -> no date)."""
    m = DATELINE.match(paragraph.strip())
    if not m:
        return None
    g = m.groupdict()
    if g["d3"]:  # "23.06.17": dotted, day first, two-digit years read by dateutil
        dt = _parse(g["date"], dayfirst=True, day=g["d3"])
        return DateHit(dt.date(), rule="dateline:numeric") if dt else None
    if g["y"] or g["y2"]:
        dt = _parse(g["date"])
        return DateHit(dt.date(), rule="dateline:with-year") if dt else None
    if year is None:
        return None
    dt = _parse(g["date"], default=datetime(year, 1, 1))  # the page's year fills the gap
    return DateHit(dt.date(), rule="dateline:year-elsewhere") if dt else None


def page_year(text: str, exclude: set[int] | None = None, bare_text: str | None = None) -> int | None:
    """The year a dateline's day+month belongs to: that of the latest full date on the page, else the
    latest plausible year mentioned in `bare_text` (default: the page; the pipeline passes its lines
    that are no prose: a year the story talks about, "in August 2012", dates nothing). `exclude`:
    years to ignore (a visit-date line's year)."""
    exclude = exclude or set()
    full = [h.day.year for h in find_full_dates(text) if h.day.year not in exclude]
    if full:
        return max(full)
    years = [int(y) for y in YEAR.findall(text if bare_text is None else bare_text)
             if int(y) not in exclude and int(y) <= 2100]
    return max(years) if years else None


def to_iso(hit: DateHit, tzname: str | None) -> tuple[str, str, str]:
    """(ISO string, precision, rule suffix)."""
    if hit.clock is None:
        return hit.day.isoformat(), "day", ""
    if hit.offset is not None:
        tz = timezone(hit.offset)
        suffix = ":explicit-offset"
    elif tzname:
        try:
            tz = ZoneInfo(tzname)
        except Exception:  # unknown zone name in the registry
            return hit.day.isoformat(), "day", ":bad-tz"
        suffix = f":tz={tzname}"
    else:
        return hit.day.isoformat(), "day", ":no-tz"
    dt = datetime.combine(hit.day, hit.clock, tzinfo=tz)
    return dt.isoformat(timespec="seconds"), "minute", suffix


# -- weekday mentions relative to an anchor -------------------------------------------------------
WEEKDAY_MENTION = re.compile(
    r"\b(?P<prep>on|since|from|earlier|late|early|last|this|by|until|till)?\s*(?:early\s+|late\s+)?"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", IC)
NTH_DAY = re.compile(r"\b(?P<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                     r"eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))\s+day\b", IC)
BEGAN = re.compile(r"\b(?:began|begun|broke out|erupted|started|starting|flared|launched|kicked off)\b", IC)


def _nearest(anchor: date, wd: int) -> date:
    delta = (wd - anchor.weekday()) % 7
    return anchor + timedelta(days=delta) if delta <= 3 else anchor - timedelta(days=7 - delta)


def resolve_weekdays(text: str, anchor: date) -> tuple[date, str] | None:
    """The latest day the text's weekday mentions point to, relative to `anchor`.

    Each sentence naming a weekday gives that weekday's date nearest the anchor; if a sentence names
    an "Nth day" and another sentence says the events began on weekday S, the Nth day is S + N - 1
    (when its weekday agrees, it confirms the date). None when the text names no weekday.
    """
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    start: date | None = None
    for s in sentences:
        if BEGAN.search(s):
            m = WEEKDAY_MENTION.search(s)
            if m:
                start = _nearest(anchor, DU_INFO.weekday(m.group("wd")))
                break
    best: tuple[date, str] | None = None
    for s in sentences:
        for m in WEEKDAY_MENTION.finditer(s):
            wd = DU_INFO.weekday(m.group("wd"))
            d, rule = _nearest(anchor, wd), "weekday-nearest-anchor"
            nm = NTH_DAY.search(s)
            if start is not None and nm:
                n_s = nm.group("n").lower()
                n = ORDINALS.get(n_s) or int(re.sub(r"\D", "", n_s) or 0)
                if n:
                    counted = start + timedelta(days=n - 1)
                    if counted.weekday() == wd:
                        d, rule = counted, "weekday-nth-day-count"
            if best is None or d > best[0]:
                best = (d, rule)
    return best
