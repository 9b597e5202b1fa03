import pytest

from extractors.outlets import find_outlet, identify, list_outlets, load_registry, parse_registry


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
