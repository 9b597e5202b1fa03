import pytest

from extractors.layout.outlets import find_outlet, identify, list_outlets, load_registry, parse_registry


def test_registry_loads():
    keys = [s.key for s in list_outlets()]
    assert {"azernews", "report", "trtworld"} <= set(keys)
    assert load_registry() is load_registry()


@pytest.mark.parametrize("lines, key, rule_prefix", [
    (["Azernews.Az", "", "Some headline here"], "azernews", "masthead"),
    (["Headline", "", "The bank raised rates, Report informs."], "report", "credit"),
    (["Headline", "", "Body text here.", "Route 6"], "trtworld", "footer"),
    (["Headline", "", "Read the original at www.report.az today"], "report", "domain"),
])
def test_identify(lines, key, rule_prefix):
    outlet, spec = identify(lines)
    assert spec is not None and spec.key == key
    assert outlet.rule.startswith(rule_prefix)


def test_untold_outlet_is_none():
    assert identify(["A headline", "", "Plain text that names no outlet at all."]) == (None, None)


def test_find_outlet_aliases():
    assert find_outlet("AzerNews.az").key == "azernews"
    assert find_outlet("Report News Agency").key == "report"
    assert find_outlet("Unknown Gazette") is None


def test_syndication_names_original():
    data = {"outlet": [
        {"key": "wire", "name": "Wire Hub", "domain": "wirehub.example",
         "syndication": [r"\(WireHub-\s*(?P<source>[^)]+)\)"]}]}
    spec = parse_registry(data)[0]
    assert spec.syndication[0].search("(WireHub- Report) By X").group("source") == "Report"


@pytest.mark.parametrize("key", [
    "tass", "civilge", "agendage", "interpressnews", "1tv", "panorama", "arka", "turan", "oxu", "qafqazinfo",
    "dayaz", "1newsaz", "eurasianet", "rferl", "irna", "tehrantimes", "kazinform", "yenisafak", "hurriyet",
    "ria", "kommersant", "reuters", "ap", "afp", "aljazeera", "bbc",
])
def test_registry_outlets_have_layouts(key):
    spec = next(s for s in load_registry() if s.key == key)
    assert spec.domain and spec.timezone and spec.layout and (spec.mastheads or spec.credits)


@pytest.mark.parametrize("lines, key", [
    (["TASS", "", "Russian News Agency", "", "Some headline here"], "tass"),
    (["Civil Georgia", "", "Eng | ქართ | Рус", "", "Some headline here"], "civilge"),
    (["Agenda.ge", "", "Politics", "Economy", "Society", "", "Some headline here"], "agendage"),
    (["Some headline here", "", "MOSCOW, May 3. /TASS/. The invented council met on Monday."], "tass"),
    (["Some headline here", "", "YEREVAN, May 3. /ARKA/. The invented fund grew by 3 percent."], "arka"),
    (["AZERTAC - Azerbaijan State News Agency", "", "Some headline here"], "azertac"),
    (["ARMENPRESS Armenian News Agency", "", "Some headline here"], "armenpress"),
    (["Headline", "", "NORVIK, May 3 (Reuters) - The invented port reopened on Monday."], "reuters"),
])
def test_identify_new_outlets(lines, key):
    _outlet, spec = identify(lines)
    assert spec is not None and spec.key == key


@pytest.mark.parametrize("lines", [
    ["A headline", "", "The invented port reopened on Monday, Reuters reported.", "", "More text here."],
    ["A headline", "", "The invented council met on Monday (AFP).", "", "Read more at bbc.com today."],
])
def test_cited_wires_do_not_identify_by_mention(lines):
    assert identify(lines) == (None, None)


@pytest.mark.parametrize("wrapper", [
    "(MENAFN- AzerNews) By Lale Qasimova",
    "(MENAFN - AzerNews)",
    "MENAFN - AzerNews",
    "MENAFN18062024 AzerNews",
    "(MENAFN18062024) AzerNews",
])
def test_menafn_wrapper_names_original(wrapper):
    lines = ["MENAFN - Middle East North Africa Financial Network", "", "Invented plant opens in the valley",
             "", wrapper, "", "The plant will process cotton, the ministry said."]
    outlet, spec = identify(lines)
    assert spec is not None and spec.key == "azernews"


def test_menafn_masthead_is_the_syndicator_without_wrapper():
    outlet, spec = identify(["MENAFN - Middle East North Africa Financial Network", "", "Invented plant opens"])
    assert spec is not None and spec.key == "menafn"


def test_source_line_names_original():
    outlet, spec = identify(["Invented plant opens", "", "The plant will process cotton.", "", "Source: AzerNews"])
    assert spec is not None and spec.key == "azernews"


BODY = ["Norvik ferry doubles sailings", "", "The invented ferry operator will run twice as many sailings.", ""]


@pytest.mark.parametrize("credit, key", [
    ("This article was originally published by OC Media.", "ocmedia"),
    ("Originally published by Civil Georgia", "civilge"),
    ("This story first appeared in Eurasianet.", "eurasianet"),
    ("Republished with permission from JAMnews.", "jamnews"),
    ("This article was originally published by OC Media and is republished with permission.", "ocmedia"),
    ("Source: Caspian News", "caspiannews"),
])
def test_syndication_credit_names_the_original(credit, key):
    outlet, spec = identify(["Eurasia Review", "A Journal of Analysis and News", "", *BODY, credit])
    assert spec is not None and spec.key == key
    assert outlet.rule.startswith("syndication:source-line:")


def test_unregistered_original_outlet_from_a_credit():
    outlet, spec = identify([*BODY, "This story first appeared in Norvik Times."])
    assert spec is None and outlet.name == "Norvik Times" and outlet.domain == ""


@pytest.mark.parametrize("credit, key", [
    ("Source: TRTWorld and agencies", "trtworld"),
    ("Source: TRT World", "trtworld"),
    ("Source: Al Jazeera and news agencies", "aljazeera"),
])
def test_source_and_agencies_is_the_own_outlet(credit, key):
    outlet, spec = identify([*BODY, credit])
    assert spec is not None and spec.key == key
    assert outlet.name == spec.name  # never "X and agencies"


def test_source_and_agencies_of_an_unknown_outlet_is_no_outlet():
    assert identify([*BODY, "Source: Norvik Post and agencies"]) == (None, None)


@pytest.mark.parametrize("first, name, domain", [
    ("Steppe-Post.kz", "Steppe-Post.kz", "steppe-post.kz"),
    ("NORVIKNEWS.am", "NORVIKNEWS.am", "norviknews.am"),
    ("Valley24.Az", "Valley24.Az", "valley24.az"),
    ("www.norvik-post.com", "www.norvik-post.com", "norvik-post.com"),
])
def test_bare_domain_first_line_names_an_unregistered_outlet(first, name, domain):
    outlet, spec = identify([first, "", *BODY])
    assert spec is None and (outlet.name, outlet.domain) == (name, domain)
    assert outlet.rule.startswith("masthead-domain:")


@pytest.mark.parametrize("lines", [
    ["index.html", "", *BODY],  # a file name, no domain
    ["Norvik ferry doubles sailings", "", "Read more at norvik-post.com"],  # a domain in the text: no guess
    ["Norvik Post", "", *BODY],  # a name without a domain shape
    ["", "The ferry operator, norvik-ferry.com says, will run more sailings.", *BODY],
    [*BODY, "Posted in World News"],  # a section link, no credit
    [*BODY, "Published in Business"],
])
def test_no_outlet_guessed_from_domains_in_text(lines):
    assert identify(lines) == (None, None)


def test_registered_bare_domain_masthead_wins():
    outlet, spec = identify(["Today.Az", "", *BODY])
    assert spec is not None and spec.key == "todayaz" and outlet.domain == "today.az"


@pytest.mark.parametrize("key, country", [
    ("azernews", "Azerbaijan"), ("report", "Azerbaijan"), ("newsam", "Armenia"), ("civilge", "Georgia"),
    ("tass", "Russia"), ("dailysabah", "Turkey"), ("reuters", None), ("menafn", None),
])
def test_registry_country(key, country):
    assert {s.key: s for s in load_registry()}[key].country == country


def test_registry_countries_are_speaker_countries():
    # the speech step reads the country by the names speakers.toml gives
    from extractors.speech.speakers import COUNTRIES

    assert {s.country for s in load_registry() if s.country} <= set(COUNTRIES.values())


def test_country_key_is_optional():
    spec = parse_registry({"outlet": [{"key": "valley", "name": "Valley Post", "domain": "valley.test",
                                       "country": "Norway"}, {"key": "hill", "name": "Hill", "domain": "h.test"}]})
    assert [s.country for s in spec] == ["Norway", None]


@pytest.mark.parametrize("credit, key", [
    ("This article was originally published by OC Media. It is republished here with permission.", "ocmedia"),
    ("Originally published by Eurasianet. Shared under a content partnership.", "eurasianet"),
    ("This story first appeared in News.Az. Edited for length.", "newsaz"),
])
def test_a_syndication_credit_ends_with_its_sentence(credit, key):
    outlet, spec = identify(["Regional Digest Online", "", "Grape growers count their losses", "",
                             "Growers in the valley say this year's harvest was the smallest in a decade.", "",
                             credit])
    assert spec is not None and spec.key == key and outlet.domain == spec.domain


@pytest.mark.parametrize("credit_line", ["Reuters", "AFP", "AP"])
def test_a_wire_name_under_a_photo_caption_is_a_credit_not_a_masthead(credit_line):
    lines = ["Ferry talks resume in Turkmenbashi", "", "Officials from both sides met on Monday.", "",
             "Delegates shake hands at the opening of the talks in Turkmenbashi, on March 3, 2022.", credit_line,
             "", "The ferry talks resumed on Monday after a week-long pause, the port authority said."]
    outlet, _ = identify(lines)
    assert outlet is None


def test_registry_holds_the_regions_outlets():
    specs = load_registry()
    assert len(specs) >= 100
    assert len({s.key for s in specs}) == len(specs) and len({s.domain for s in specs}) == len(specs)
    assert all(s.domain and s.timezone for s in specs)


# lines any page may carry: no registry masthead, footer or name may identify an outlet from them
GENERIC_LINES = ["Comments", "Comments?", "No comment", "Share", "Print", "Latest news", "Legal Disclaimer",
                 "Legal Disclaimer:", "Date", "Source", "Category", "Related News", "Tags:", "Loading...",
                 "News", "Politics", "Today", "Video", "Photo", "Home", "Search", "Menu", "Read more"]


@pytest.mark.parametrize("line", GENERIC_LINES)
def test_a_generic_word_identifies_no_outlet(line):
    page = ["Norvik ferry doubles its winter sailings", "", line, "",
            "The invented ferry line will double its sailings, the harbour master said on Monday."]
    assert identify(page) == (None, None)
    assert identify([line, "", *page]) == (None, None)


@pytest.mark.parametrize("line", ["• Հայ", "  • РУС", "Новости", "Политика", "Լրահոս", "ქართ", "Главная"])
def test_a_line_in_another_script_matches_no_latin_name(line):
    assert find_outlet(line) is None
    assert identify([line, "", "Norvik ferry doubles its winter sailings"]) == (None, None)


def test_names_fold_case_and_diacritics():
    assert find_outlet("Hurriyet Daily News").key == "hurriyet"
    assert find_outlet("YENI SAFAK").key == "yenisafak"


@pytest.mark.parametrize("lines, name, domain, rule", [
    # a dateline ending in its agency's name
    (["Ferry doubles sailings", "", "BISHKEK, March 3, AKIpress. The invented ferry line doubled sailings."],
     "AKIpress", "akipress.com", "dateline-credit"),
    (["Ferry doubles sailings", "", "Baku / 03.03.21 / Turan: The invented ferry line doubled sailings."],
     "Turan Information Agency", "turan.az", "dateline-credit"),
    (["Ferry doubles sailings", "", "NORVIK, MARCH 3, NORVIKPRESS. The invented ferry line doubled sailings.",
      "", "Visit www.norvikpress.com for more."], "NORVIKPRESS", "norvikpress.com", "dateline-credit"),
    # a copyright line names an outlet the registry lacks, with the domain the page gives
    (["Ferry doubles sailings", "", "The invented ferry line doubled its sailings on Monday.", "",
      "Contact: desk@example.org | norvikpost.com", "© 2024 Norvik Post. All rights reserved."],
     "Norvik Post", "norvikpost.com", "copyright"),
    (["Ferry doubles sailings", "", "The invented ferry line doubled its sailings on Monday.", "",
      "Copyright © Valley Herald, 2010-2024"], "Valley Herald", "", "copyright"),
    # an unregistered agency's name line first on the page
    (["Norvik Information Agency", "", "Ferry doubles sailings", "", "The invented ferry line doubled sailings."],
     "Norvik Information Agency", "", "masthead-tail"),
    # a crawler's date marker before a registry credit
    ([" date 2021-03-03 YEREVAN, MARCH 3, ARMENPRESS. The invented ferry line doubled sailings."],
     "Armenpress", "armenpress.am", "credit"),
    # a syndicator's wrapper that lost its opening bracket
    (["Ferry doubles sailings", "", "MENAFN - Trend News Agency) The invented ferry line doubled sailings."],
     "Trend News Agency", "trend.az", "syndication"),
    # the outlet's back-reference to its own story
    (["Ferry doubles sailings", "", "The invented ferry line doubled sailings.", "",
      "As previously reported by Caucasus Watch, the line had cut sailings in May."],
     "Caucasus Watch", "caucasuswatch.de", "alias-credit"),
    (["Ferry doubles sailings", "", "PanARMENIAN.Net – The invented ferry line doubled sailings on Monday."],
     "PanARMENIAN.Net", "panarmenian.net", "alias-credit"),
])
def test_outlet_from_credits(lines, name, domain, rule):
    outlet, _spec = identify(lines)
    assert (outlet.name, outlet.domain) == (name, domain)
    assert outlet.rule.startswith(rule)


@pytest.mark.parametrize("lines", [
    # a wire's photo credit is no copyright of the page's outlet
    ["Ferry doubles sailings", "", "The invented ferry line doubled its sailings on Monday.", "© AFP"],
    # a dateline of a place and a person, no agency
    ["Ferry doubles sailings", "", "NORVIK, March 3, Mayor Elin Varga said the ferry would run daily."],
    # "told Aysor.am": a cited outlet the page spoke to is not the page's outlet
    ["Ferry doubles sailings", "", "The harbour master told Aysor.am that sailings would double."],
])
def test_no_outlet_from_credits_that_are_not_the_pages(lines):
    assert identify(lines) == (None, None)
