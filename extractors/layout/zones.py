"""The time zone of a page whose outlet the registry does not know: where is the page written from?

A time without an offset is the outlet's local time. With a registry outlet its `timezone` decides
(pipeline). Without one, the cascade below; each answer names its rule, and with no answer the time
is dropped (a day-precision date is still right, a guessed instant would not be):
  1. domain   the unregistered outlet's domain ends in a country's TLD ("news-x.am" -> Asia/Yerevan), or its
              name is a country's institution ("Ministry of Foreign Affairs of Ukraine" -> Europe/Kyiv)
  2. city     a dateline city opening the lede ("YEREVAN. –", "Baku / 15.07.20 / Turan:") or a
              masthead weather widget's city ("Yerevan: +8 °C") among the first lines
  3. country  the country the article is mostly about (title counts twice; the caller's count), when
              that country keeps one zone; not for countries with several ("Russia", "United States")
"""

from __future__ import annotations

import re

# one zone each (the region, its neighbours, and the wires' home zones that have one)
COUNTRY_ZONES = {
    "Azerbaijan": "Asia/Baku", "Armenia": "Asia/Yerevan", "Georgia": "Asia/Tbilisi", "Turkey": "Europe/Istanbul",
    "Iran": "Asia/Tehran", "Uzbekistan": "Asia/Tashkent", "Kyrgyzstan": "Asia/Bishkek",
    "Tajikistan": "Asia/Dushanbe", "Turkmenistan": "Asia/Ashgabat", "Ukraine": "Europe/Kyiv",
    "Belarus": "Europe/Minsk", "Moldova": "Europe/Chisinau", "Israel": "Asia/Jerusalem", "Qatar": "Asia/Qatar",
    "United Arab Emirates": "Asia/Dubai", "Saudi Arabia": "Asia/Riyadh", "Egypt": "Africa/Cairo",
    "Pakistan": "Asia/Karachi", "India": "Asia/Kolkata", "China": "Asia/Shanghai", "Germany": "Europe/Berlin",
    "France": "Europe/Paris", "United Kingdom": "Europe/London", "Greece": "Europe/Athens",
    "Italy": "Europe/Rome", "Poland": "Europe/Warsaw", "Hungary": "Europe/Budapest", "Iraq": "Asia/Baghdad",
    "Syria": "Asia/Damascus", "Lebanon": "Asia/Beirut", "Jordan": "Asia/Amman", "Afghanistan": "Asia/Kabul",
    # the capital's zone, which most of the country keeps (one zone, UTC+5, since March 2024: tzdata has it)
    "Kazakhstan": "Asia/Almaty",
}
TLD_ZONES = {"az": "Asia/Baku", "am": "Asia/Yerevan", "ge": "Asia/Tbilisi", "tr": "Europe/Istanbul",
             "ir": "Asia/Tehran", "uz": "Asia/Tashkent", "kg": "Asia/Bishkek", "tj": "Asia/Dushanbe",
             "tm": "Asia/Ashgabat", "ua": "Europe/Kyiv", "by": "Europe/Minsk", "md": "Europe/Chisinau"}
CITY_ZONES = {
    "baku": "Asia/Baku", "ganja": "Asia/Baku", "sumgait": "Asia/Baku", "nakhchivan": "Asia/Baku",
    "shusha": "Asia/Baku", "yerevan": "Asia/Yerevan", "gyumri": "Asia/Yerevan", "stepanakert": "Asia/Yerevan",
    "tbilisi": "Asia/Tbilisi", "batumi": "Asia/Tbilisi", "kutaisi": "Asia/Tbilisi", "ankara": "Europe/Istanbul",
    "istanbul": "Europe/Istanbul", "izmir": "Europe/Istanbul", "tehran": "Asia/Tehran", "tabriz": "Asia/Tehran",
    "moscow": "Europe/Moscow", "st. petersburg": "Europe/Moscow", "tashkent": "Asia/Tashkent",
    "bishkek": "Asia/Bishkek", "dushanbe": "Asia/Dushanbe", "ashgabat": "Asia/Ashgabat",
    "astana": "Asia/Almaty", "nur-sultan": "Asia/Almaty", "almaty": "Asia/Almaty",
    "kyiv": "Europe/Kyiv", "kiev": "Europe/Kyiv",
    "minsk": "Europe/Minsk", "chisinau": "Europe/Chisinau",
}
# the city word(s) opening a lede: "YEREVAN. –", "BAKU, Azerbaijan, May 25", "Baku/09.08.22/Turan:"
LEDE_CITY = re.compile(r"^(?P<city>[A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'.-]+)?)\s*(?:[.,/(–—:-]|\s[–—-]\s)")
# a masthead weather widget: "Yerevan:   +8 °C", "Baku +21°"
WEATHER = re.compile(r"^(?P<city>[A-Z][\w'. -]{1,30}?)\s*:?\s*[+−-]?\d{1,2}\s*°\s*[CF]?$")
TOP_LINES = 12  # non-blank lines where a weather widget may stand
# an outlet named after its country's institution: "... of Ukraine", "... of the Republic of Tajikistan"
OF_COUNTRY = re.compile(r"\bof (?:the )?(?:Republic of )?(?P<c>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})$")


def context_zone(domain: str | None, lines: list[str], lede: str, country: str | None,
                 name: str | None = None) -> tuple[str | None, str]:
    """(IANA zone, rule) per the module cascade; (None, "none:...") when nothing tells."""
    tld = (domain or "").rsplit(".", 1)[-1].casefold() if domain and "." in domain else ""
    if tld in TLD_ZONES:
        return TLD_ZONES[tld], f"domain:.{tld}"
    own = OF_COUNTRY.search(name or "")
    if own and own.group("c") in COUNTRY_ZONES:  # "Ministry of Foreign Affairs of Ukraine": its country's zone
        return COUNTRY_ZONES[own.group("c")], f"outlet-country:{own.group('c')}"
    m = LEDE_CITY.match(lede.strip())
    if m and m.group("city").casefold() in CITY_ZONES:
        return CITY_ZONES[m.group("city").casefold()], f"dateline-city:{m.group('city')}"
    for s in [x.strip() for x in lines if x.strip()][:TOP_LINES]:
        w = WEATHER.match(s)
        if w and w.group("city").strip().casefold() in CITY_ZONES:
            return CITY_ZONES[w.group("city").strip().casefold()], f"weather-city:{w.group('city').strip()}"
    if country in COUNTRY_ZONES:
        return COUNTRY_ZONES[country], f"country:{country}"
    return None, "none:no-zone"
