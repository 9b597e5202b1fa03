import datetime as dt

import pytest

from extractors.layout.dates import (
    parse_date_line,
    parse_dateline,
    parse_marker,
    parse_time_line,
    resolve_weekdays,
    to_iso,
    trailing_stamp,
)


@pytest.mark.parametrize("line, tz, expected", [
    ("6 November 2020 12:17 (UTC+04:00)", None, "2020-11-06T12:17:00+04:00"),
    ("July 29, 2023 09:19", "Asia/Baku", "2023-07-29T09:19:00+04:00"),
    ("July 29, 2023 09:19", None, "2023-07-29"),  # no zone known: the time is dropped
    ("29.07.2023 09:19", "Asia/Yerevan", "2023-07-29T09:19:00+04:00"),
    ("2023-07-29", None, "2023-07-29"),
    ("10:52, 17 March, 2022", "Asia/Yerevan", "2022-03-17T10:52:00+04:00"),
    ("MAY 22, 2024 - 10:41 AM GMT+3", None, "2024-05-22T10:41:00+03:00"),
    ("3/14/2024 3:22:10 AM", None, "2024-03-14"),
    ("14 Jul 2020, 18:00", "Europe/Istanbul", "2020-07-14T18:00:00+03:00"),
    # apostrophe years ("'21"): dateutil's two-digit window
    ("3 Mar.'21 09:15", "Asia/Tbilisi", "2021-03-03T09:15:00+04:00"),
    ("Oct 9 '19", None, "2019-10-09"),
    # stamp lines: short credits (outlet, place) beside the date in slash/pipe segments
    ("Valley Courier, Norvik / 3 Mar.'21 / 09:15", "Asia/Tbilisi", "2021-03-03T09:15:00+04:00"),
    ("Norvik Post | 12 May 2024 | 14:05", "Asia/Baku", "2024-05-12T14:05:00+04:00"),
])
def test_date_lines(line, tz, expected):
    hit = parse_date_line(line)
    assert hit is not None
    assert to_iso(hit, tz)[0] == expected


@pytest.mark.parametrize("line", [
    "On 9 October 2020, the council met in the invented town of Darel and agreed on a budget.",
    "The harbour reopened",
    "On 14 March 18 people were hurt when the storm hit Norvik",  # no apostrophe: 18 is no year
    "Norvik / the ferry resumed sailings after repairs / 14 March 2024",  # a sentence segment
    "Valley Courier: Norvik / 3 Mar.'21 / 09:15 / the council met and voted on it",
])
def test_not_date_lines(line):
    assert parse_date_line(line) is None


def test_visit_date_has_weekday():
    hit = parse_date_line("Friday April 19 2024")
    assert hit.weekday and hit.clock is None


def test_marker():
    hit, rest = parse_marker(" date 2022-05-14 Farmers rally in the capital")
    assert hit.day == dt.date(2022, 5, 14) and rest == "Farmers rally in the capital"
    partial, _ = parse_marker(" date 2021-10 ")
    assert partial.rule == "date-marker:partial"


@pytest.mark.parametrize("para, year, expected", [
    ("BAKU, Azerbaijan, March 12. By Trend: The ministry said", 2022, dt.date(2022, 3, 12)),
    ("YEREVAN, SEPTEMBER 21, ARMENPRESS. The minister", 2023, dt.date(2023, 9, 21)),
    ("Baku / 23.06.17 / Turan: The", None, dt.date(2017, 6, 23)),
    ("Tbilisi, May 3 (Agency). The", None, None),  # no year anywhere: no date
])
def test_datelines(para, year, expected):
    hit = parse_dateline(para, year)
    assert (hit.day if hit else None) == expected


def test_weekday_resolver_nth_day():
    text = ("Fighting broke out on Saturday near the invented border post. "
            "The governor spoke on Tuesday, the fourth day of fighting.")
    # anchor: a caption dated Sunday 2021-05-02; Saturday -> 05-01; 4th day -> Tuesday 05-04
    assert resolve_weekdays(text, dt.date(2021, 5, 2)) == (dt.date(2021, 5, 4), "weekday-nth-day-count")


def test_weekday_resolver_nearest():
    assert resolve_weekdays("The mayor said on Thursday that", dt.date(2021, 5, 2))[0] == dt.date(2021, 4, 29)
    assert resolve_weekdays("No weekday here.", dt.date(2021, 5, 2)) is None


# what dateutil gets wrong in our domain, kept explicit in dates.py
@pytest.mark.parametrize("line, tz, expected", [
    ("5 May 2020 14:00 (GMT+3)", None, "2020-05-05T14:00:00+03:00"),  # not POSIX: GMT+3 is east
    ("5 May 2020 14:00 UTC−2", None, "2020-05-05T14:00:00-02:00"),
    ("29.07.2023 09.19", "Asia/Baku", "2023-07-29T09:19:00+04:00"),  # dotted time, not a day.month
    ("29.07.2023 18:30 PM", "Asia/Baku", "2023-07-29T18:30:00+04:00"),  # 24-hour clock with a meridiem
    ("29.07.2023 9:30 p.m.", "Asia/Baku", "2023-07-29T21:30:00+04:00"),
    ("2023-07-29T09:19:33.123-05:00", None, "2023-07-29T09:19:00-05:00"),  # ISO offset: dateutil's
    ("Thu, 30 Jun 2016 18:00:00 +0400", None, "2016-06-30T18:00:00+04:00"),
    ("14/3/2024", None, "2024-03-14"),  # slashes: month first unless impossible
    ("1st of March 2022", None, "2022-03-01"),
])
def test_date_lines_dateutil_edges(line, tz, expected):
    hit = parse_date_line(line)
    assert hit is not None
    assert to_iso(hit, tz)[0] == expected


@pytest.mark.parametrize("line", ["07.29.2023", "31.02.2023", "2023-02-30"])
def test_impossible_dates_are_no_dates(line):
    # dateutil would swap "07.29.2023" into July 29: a dotted date is day-first here
    assert parse_date_line(line) is None


@pytest.mark.parametrize("para, year, expected", [
    ("Moscow, 12 Marathon runners gathered", 2021, None),  # a month name is required
    ("Kyiv, 3 Mon. The", 2021, None),  # a weekday is no month (dateutil would make it a date)
    ("Kyiv, Feb 29 (Agency). The", 2021, None),  # no such day in the page's year
    ("Kyiv, Feb 29 (Agency). The", 2024, dt.date(2024, 2, 29)),
    ("Baku / 05.31.21 / Turan: The", None, None),
])
def test_datelines_strict(para, year, expected):
    hit = parse_dateline(para, year)
    assert (hit.day if hit else None) == expected


# real-page shapes: zone abbreviations, a comma without its space, a time glued to the date after it
@pytest.mark.parametrize("line, tz, expected", [
    ("March 3, 2021 - 10:05 AMT", None, "2021-03-03T10:05:00+04:00"),
    ("3 March 2021 10:05 MSK", None, "2021-03-03T10:05:00+03:00"),
    ("Mar 3, 2021, 10:05 AM EDT", None, "2021-03-03T10:05:00-04:00"),
    ("3 March 2021 10:05 IRST", None, "2021-03-03T10:05:00+03:30"),
    ("3 March 2021 10:05 GMT +6", None, "2021-03-03T10:05:00+06:00"),
    ("March 3,2021 10:05", "Asia/Yerevan", "2021-03-03T10:05:00+04:00"),
    ("10:0503 March, 2021", "Asia/Tbilisi", "2021-03-03T10:05:00+04:00"),
    ("Wednesday, 03 March, 2021, 10:05", "Asia/Yerevan", "2021-03-03T10:05:00+04:00"),
    ("03.03.21 10:05", "Asia/Baku", "2021-03-03T10:05:00+04:00"),
    ("03.03.2021 [10:05]", "Asia/Baku", "2021-03-03T10:05:00+04:00"),
    ("Mar 3, 2021, 1:29 AM", "Europe/Istanbul", "2021-03-03T01:29:00+03:00"),
])
def test_date_lines_real_shapes(line, tz, expected):
    hit = parse_date_line(line)
    assert hit is not None
    assert to_iso(hit, tz)[0] == expected


@pytest.mark.parametrize("line, expected", [
    ("15:40", "15:40"), ("at 15:40 (UTC+4)", "15:40+04:00"), ("11:50 AMT", "11:50+04:00"),
    ("15:40 minutes", None), ("The 15:40 ferry left", None),
])
def test_time_lines(line, expected):
    hit = parse_time_line(line, dt.date(2021, 3, 3))
    got = None if hit is None else hit.clock.strftime("%H:%M") + (
        "" if hit.offset is None else f"+{hit.offset.seconds // 3600:02d}:00")
    assert got == expected


@pytest.mark.parametrize("line, head, day", [
    ("Norvik ferry doubles its winter sailingsMarch 3, 2021 | 10:05", "Norvik ferry doubles its winter sailings",
     dt.date(2021, 3, 3)),
    ("Harbour reopens after storm 3 March 2021 10:05", "Harbour reopens after storm", dt.date(2021, 3, 3)),
    ("The council met on 3 March 2021 and voted", None, None),  # the date is not at the end
])
def test_trailing_stamp(line, head, day):
    got = trailing_stamp(line)
    assert (got[0], got[1].day) == (head, day) if head else got is None
