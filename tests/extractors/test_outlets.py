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
