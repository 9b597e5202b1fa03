"""scripts/eval_polnear.py on a tiny PolNeAR-format split written here (invented text)."""

import importlib.util
import itertools
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "eval_polnear.py"

TEXT = (
    "Tram line opens\n\n"
    "Mayor Ines Moreau opened the tram line on Monday.\n\n"
    "\"The first section is finished,\" Moreau said.\n\n"
    "\"We are on budget and on time,\" she added.\n\n"
    "Two critics said the line was far too expensive for the town.\n"
)


def _load():
    spec = importlib.util.spec_from_file_location("eval_polnear", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _span(text, fragment):
    a = text.index(fragment)
    return a, a + len(fragment)


def _write_split(root: Path) -> Path:
    split = root / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "tram.txt").write_text(TEXT, encoding="utf-8")
    rows = []
    span_ids = itertools.count(1)
    for e, (content, cue, source) in enumerate([
        ("\"The first section is finished,\"", "said", "Moreau"),
        ("\"We are on budget and on time,\"", "added", "she"),
        ("the line was far too expensive for the town", "said", "Two critics"),
    ], start=1):
        ids = []
        for label, frag in (("Content", content), ("Cue", cue), ("Source", source)):
            n = next(span_ids)
            start = TEXT.index(frag, TEXT.index(content) - 40 if label != "Content" else 0)
            a, b = start, start + len(frag)
            rows.append(f"T{n}\t{label} {a} {b}\t{TEXT[a:b]}")
            ids.append(f"{label}:T{n}")
        n = next(span_ids)
        rows.append(f"T{n}\tAttribution 0 0\t")
        rows.append(f"E{e}\tAttribution:T{n} " + " ".join(ids))
    (split / "attributions" / "tram_abcd.ann").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return split


def test_figures_on_a_tiny_split(tmp_path, capsys):
    mod = _load()
    split = _write_split(tmp_path)
    res = mod.score(split)
    d, a = res["direct"], res["all"]
    assert (d["gold"], d["pred"], d["matched"]) == (2, 2, 2)
    assert d["precision"] == 1.0 and d["recall"] == 1.0
    # "Moreau" by name, "she" through the nearest preceding named GOLD source (non-circular)
    assert d["speaker_accuracy"] == 1.0 and d["spk_scored"] == 2
    assert d["named_scored"] == 1
    assert (a["gold"], a["matched"]) == (3, 2)
    assert abs(a["recall"] - 2 / 3) < 1e-9
    assert mod.main([str(split)]) == 0
    out = capsys.readouterr().out
    assert "matching rule" in out and "HEADLINE direct-quote speaker-match accuracy" in out and "100.0% (2/2)" in out


def test_gold_pronoun_resolution_is_non_circular_and_agrees(tmp_path):
    mod = _load()
    from extractors.speech.analysis import Analysis
    text = ("Mayor Ines Moreau spoke.\n\nCouncillor Paul Dubois said the budget was fine.\n\n"
            "\"It is late,\" she said.\n\n\"It is fine,\" they said.\n")
    gold = [{"content": [(0, 1)], "source": [mod_span(text, "Mayor Ines Moreau")]},
            {"content": [(0, 1)], "source": [mod_span(text, "Councillor Paul Dubois")]},
            {"content": [(0, 1)], "source": [mod_span(text, "she")]},
            {"content": [(0, 1)], "source": [mod_span(text, "they")]}]
    an = Analysis(None, None, text, None)
    an.run()
    res = mod.gold_sources(an, text, gold)
    assert res[(mod_span(text, "she"),)] == ("Ines Moreau", False)  # skips the male "Paul Dubois"
    assert res[(mod_span(text, "they"),)] == (None, False)  # plural: unresolvable, left out


def mod_span(text, frag):
    a = text.index(frag)
    return (a, a + len(frag))
