"""Publication dates of text pages: candidate lines found by regex, parsed without dateparser.

Formats: "6 November 2020 12:17 (UTC+04:00)", "July 29, 2023 09:19", "29.07.2023 09:19",
"10:52, 17 March, 2022", "Thu, 30 Jun 2016 18:00:00 +0400", "2023-07-29", "2023-07-29T09:19",
the " date YYYY-MM-DD " marker, datelines ("BAKU, Azerbaijan, July 29", "YEREVAN, MARCH 17,
ARMENPRESS.", "Baku / 23.06.17 / Turan:") whose year may stand elsewhere on the page.

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
from zoneinfo import ZoneInfo

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
            "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
            "sunday": 6, "sun": 6}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}

MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
      r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
WD = r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|" \
     r"sat(?:urday)?|sun(?:day)?)\.?"
IC = re.IGNORECASE
DMY = re.compile(rf"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{MON},?\s+(?P<y>(?:19|20)\d\d)(?!\d)", IC)
MDY = re.compile(rf"\b{MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)", IC)
ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
                 r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
                 r"(?P<tz>Z|[+-][0-2]\d:?[0-5]\d)?)?(?!\d)")
NUM = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)(?P<sep>[./])(?P<m>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")
DM = re.compile(rf"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{MON}(?!\w)(?!,?\s+(?:19|20)\d\d)", IC)
MD = re.compile(rf"\b{MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)(?!:)", IC)
TIME = re.compile(r"(?<![\d.:/])(?P<H>[01]?\d|2[0-3])[:.](?P<M>[0-5]\d)(?::[0-5]\d)?"
                  r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?!\w))?(?![\d/])", IC)
OFFSET = re.compile(r"(?:\(?\s*(?:UTC|GMT)\s*(?P<s1>[+-−])\s*(?P<h1>\d{1,2})(?::?(?P<m1>\d\d))?\s*\)?)"
                    r"|(?:(?:^|(?<=[\s\d]))(?P<s2>[+-])(?P<h2>[01]\d):?(?P<m2>[0-5]\d)\b)"
                    r"|(?:\(?\b(?:UTC|GMT|Z)\b\)?)", IC)
WEEKDAY = re.compile(rf"\b{WD}(?!\w)", IC)
MARKER = re.compile(r"^\s*date\s+(?P<y>(?:19|20)\d\d)(?:-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?)?\b\s*", IC)
# words that may stand beside a date on a date line without making it prose
DATE_FILLER = re.compile(
    r"\b(?:published|posted|updated|last|modified|date|on|at|time|created|issued|update|the|of|"
    r"am|pm|a\.m\.|p\.m\.|local|baku|utc|gmt|read|min|mins|minutes|views?)\b|[\W\d_]+", IC)
# Datelines at the start of a paragraph: "BAKU, Azerbaijan, July 29", "YEREVAN, MARCH 17, ARMENPRESS."
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z'.-]+(?:[ -][A-Z][A-Za-z'.-]+)?(?:,\s*[A-Z][A-Za-z'. -]+?)?)\s*[,/]\s*"
    rf"(?:{MON}\s+(?P<d>[0-3]?\d)(?:\s*,?\s*(?P<y>(?:19|20)\d\d))?\b"
    rf"|(?P<d2>[0-3]?\d)\s+(?P<mon2>[A-Za-z]{{3,9}})\.?(?:\s+(?P<y2>(?:19|20)\d\d))?\b"
    rf"|(?P<d3>[0-3]?\d)\.(?P<m3>[01]?\d)\.(?P<y3>(?:19|20)?\d\d)\b)", IC)
YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])")


@dataclass
class DateHit:
    day: date
    clock: time | None = None
    offset: timedelta | None = None  # explicit UTC offset written on the page
    weekday: bool = False  # a weekday name stands on the line
    rule: str = ""
    start: int = 0
    end: int = 0


def _mon(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")[:4] if s.lower().startswith("sept") else s.lower().rstrip(".")[:3]]


def _mk(y: int, m: int, d: int) -> date | None:
    if y < 100:
        y += 2000 if y < 70 else 1900
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_full_dates(text: str) -> list[DateHit]:
    """Every explicit date with a year in `text`, in order (no times)."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for rx, rule in ((ISO, "iso"), (DMY, "d-month-y"), (MDY, "month-d-y"), (NUM, "dd.mm.yyyy")):
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            mon = _mon(g["mon"]) if g.get("mon") else int(g["m"])
            day = int(g["d"])
            if g.get("sep") == "/" and (day <= 12 or mon > 12):  # slashes: US month/day/year
                day, mon = mon, day
            d = _mk(int(g["y"]), mon, day)
            if d is not None:
                hits.append(DateHit(d, rule=rule, start=m.start(), end=m.end()))
                taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits


def _offset(m: re.Match) -> timedelta | None:
    g = m.groupdict()
    if g.get("h1"):
        sign = -1 if g["s1"] in "-−" else 1
        return sign * timedelta(hours=int(g["h1"]), minutes=int(g["m1"] or 0))
    if g.get("h2"):
        sign = -1 if g["s2"] == "-" else 1
        return sign * timedelta(hours=int(g["h2"]), minutes=int(g["m2"]))
    return timedelta(0)


def parse_date_line(line: str) -> DateHit | None:
    """The date of a line that is (almost) only a date/time stamp, else None.

    Prose that merely contains a date ("On 9 October, ...") is not a date line.
    """
    s = line.strip()
    if not s or len(s) > 80:
        return None
    full = find_full_dates(s)
    if not full:
        return None
    hit = full[0]
    rest = s[: hit.start] + " " + s[hit.end:]
    t = None
    if hit.rule == "iso":
        m = ISO.search(s)
        if m and m.group("H"):
            t = time(int(m.group("H")), int(m.group("M")))
            if m.group("tz"):
                tz = m.group("tz")
                hit.offset = timedelta(0) if tz == "Z" else (
                    (-1 if tz[0] == "-" else 1) * timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:])))
            rest = s[: m.start()] + " " + s[m.end():]
    if t is None:
        tm = TIME.search(rest)
        if tm:
            h = int(tm.group("H"))
            ampm = (tm.group("ampm") or "").lower()
            if ampm.startswith("p") and h < 12:
                h += 12
            elif ampm.startswith("a") and h == 12:
                h = 0
            t = time(h, int(tm.group("M")))
            rest = rest[: tm.start()] + " " + rest[tm.end():]
    om = OFFSET.search(rest)
    if om and t is not None and hit.offset is None:
        hit.offset = _offset(om)
        rest = rest[: om.start()] + " " + rest[om.end():]
    wm = WEEKDAY.search(rest)
    if wm:
        hit.weekday = True
        rest = rest[: wm.start()] + " " + rest[wm.end():]
    leftover = DATE_FILLER.sub(" ", rest).split()
    if len(leftover) > 2:
        return None
    hit.clock = t
    hit.rule = f"date-line:{hit.rule}" + (":time" if t else "")
    return hit


def parse_marker(line: str) -> tuple[DateHit, str] | None:
    """The " date YYYY-MM-DD " marker at the start of a line: (date, the rest of the line)."""
    m = MARKER.match(line)
    if not m:
        return None
    if not m.group("d"):  # " date 2021-10 ": a year(-month) hint only, no publication day
        return DateHit(date(int(m.group("y")), int(m.group("m") or 1), 1), rule="date-marker:partial"), \
            line[m.end():].strip()
    d = _mk(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return None
    return DateHit(d, rule="date-marker"), line[m.end():].strip()


def parse_dateline(paragraph: str, year: int | None) -> DateHit | None:
    """A dateline at the start of a paragraph; a missing year comes from `year` (None -> no date)."""
    m = DATELINE.match(paragraph.strip())
    if not m:
        return None
    g = m.groupdict()
    if g.get("d3"):
        y = int(g["y3"])
        d = _mk(y, int(g["m3"]), int(g["d3"]))
        return DateHit(d, rule="dateline:numeric") if d else None
    if g.get("d2"):
        mon_s = g["mon2"].lower()
        if mon_s[:3] not in MONTHS:
            return None
        mon, dd, yy = MONTHS[mon_s[:3]], int(g["d2"]), g.get("y2")
    else:
        mon, dd, yy = _mon(g["mon"]), int(g["d"]), g.get("y")
    if yy:
        d = _mk(int(yy), mon, dd)
        return DateHit(d, rule="dateline:with-year") if d else None
    if year is None:
        return None
    d = _mk(year, mon, dd)
    return DateHit(d, rule="dateline:year-elsewhere") if d else None


def page_year(text: str, exclude: set[int] | None = None) -> int | None:
    """The year a dateline's day+month belongs to: that of the latest full date on the page, else the
    latest plausible year mentioned. `exclude`: years to ignore (a visit-date line's year)."""
    exclude = exclude or set()
    full = [h.day.year for h in find_full_dates(text) if h.day.year not in exclude]
    if full:
        return max(full)
    years = [int(y) for y in YEAR.findall(text) if int(y) not in exclude and int(y) <= 2100]
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
                start = _nearest(anchor, WEEKDAYS[m.group("wd").lower()])
                break
    best: tuple[date, str] | None = None
    for s in sentences:
        for m in WEEKDAY_MENTION.finditer(s):
            wd = WEEKDAYS[m.group("wd").lower()]
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
