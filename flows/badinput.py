"""A corpus of bad and unusual input, generated (never committed): one or more files per class, each
with the outcome it must end in. `scripts/bad_corpus.py DIR` writes it; `mediamon selftest` runs it.

Outcomes: "extracted", "rejected:<reason>", "skipped:<reason>", or "extracted|rejected" where either
is right (the point is that the run neither crashes nor loses the input). All text is invented.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PLACES = ["Ganja", "Lankaran", "Shaki", "Quba", "Alat", "Mingachevir", "Zaqatala", "Gabala", "Tovuz", "Qusar"]
PEOPLE = ["Leyla Karimova", "Tural Bagirzade", "Samira Qasimova", "Orkhan Huseynli", "Nigar Mammadli",
          "Rauf Rzayev", "Aysel Safarova", "Kamran Aliyev"]
TOPICS = ["the new bridge", "the water tariffs", "the harbour expansion", "the school repairs", "the tram line",
          "the vineyard subsidies", "the flood barriers", "the road to the airport"]


@dataclass(frozen=True)
class Case:
    kind: str  # the class of bad input
    path: bytes  # relative to the corpus directory, as the file system has it (a name may be no UTF-8)
    expected: str

    @property
    def shown(self) -> str:
        return self.path.decode("utf-8", "backslashreplace")

    def allows(self, outcome: str) -> bool:
        """`outcome` is "extracted", "rejected:<reason>" or "skipped:<reason>"."""
        return any(outcome == e or outcome.split(":")[0] == e for e in self.expected.split("|"))


def page(seed: int, lines_between: str = "\n\n") -> str:
    """An invented news page in the crawler-text layout: title, date line, body with a quote."""
    r = random.Random(seed)
    place, person, topic = r.choice(PLACES), r.choice(PEOPLE), r.choice(TOPICS)
    day, hour, minute = r.randint(1, 28), r.randint(7, 20), r.randint(0, 59)
    paragraphs = [
        f"The council of {place} approved {topic} on Tuesday after a debate of {r.randint(2, 9)} hours, "
        f"officials said (report {seed}).",
        f"\u201cThis is what the residents of {place} asked for,\u201d {person} told reporters after the vote.",
        f"Work on {topic} is due to start in {r.choice(['May', 'June', 'July'])} and to take "
        f"{r.randint(2, 30)} months.",
    ]
    title = f"{place} council approves {topic} ({seed})"
    return lines_between.join([title, f"March {day}, 2022 {hour:02d}:{minute:02d}", *paragraphs]) + "\n"


def good_pages(directory: Path, count: int, start: int = 0) -> list[Case]:
    """`count` distinct invented pages (the drills' input)."""
    directory.mkdir(parents=True, exist_ok=True)
    cases = []
    for i in range(start, start + count):
        (directory / f"page-{i:05d}.txt").write_text(page(i), encoding="utf-8")
        cases.append(Case("good", f"{directory.name}/page-{i:05d}.txt".encode(), "extracted"))
    return cases


def _feed(items: int, seed: int = 0) -> str:
    entries = "".join(
        f"<item><title>{PLACES[i % 10]} council session {i}</title><link>https://ledger.example/{seed}/{i}</link>"
        f"<pubDate>Tue, 14 May 2024 10:30:00 +0400</pubDate><description>The council of {PLACES[i % 10]} met for "
        f"session number {i} to discuss {TOPICS[i % 8]}, its chair said.</description></item>" for i in range(items))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Ledger</title>{entries}'
            '</channel></rss>')


def _digest(items: int) -> str:
    """A digest page: a date header, then headed blocks separated by two blank lines."""
    blocks = [f"{PLACES[i % 10]} approves {TOPICS[i % 8]} ({i})\n\nThe council voted for it on Tuesday."
              for i in range(items)]
    return "14 May 2024\n\nNews of the day\n\n" + "\n\n\n".join(blocks) + "\n"


FRENCH = ("Le conseil de Gabala approuve le nouveau pont\n\n14 mai 2024\n\n"
          "Le conseil municipal de Gabala a approuvé mardi la construction du nouveau pont sur la rivière, "
          "a déclaré le maire après une longue séance.\n\nLes travaux commenceront en été, selon la préfecture.\n")
RUSSIAN = ("Совет Губы одобрил строительство нового моста\n\n14 мая 2024\n\n"
           "Городской совет Губы во вторник одобрил строительство нового моста через реку, сообщил мэр после "
           "долгого заседания.\n\nРаботы начнутся летом, сообщили в администрации.\n")
HTML_PAGE = ("<html><head><title>Tram line opens in Ganja</title></head><body><article><h1>Tram line opens in Ganja"
             "</h1><p>The first tram line of Ganja opened on Monday, the city administration said after a ceremony."
             "</p><p>Trams will run every ten minutes from six in the morning, officials added.</p></article>"
             "</body></html>")


def _write(directory: Path, name: str | bytes, content: bytes | str) -> None:
    path = os.path.join(os.fsencode(directory), name if isinstance(name, bytes) else os.fsencode(name))
    with open(path, "wb") as handle:
        handle.write(content.encode("utf-8") if isinstance(content, str) else content)


def _simple(name: str | bytes, content: Callable[[], bytes | str], expected: str) -> Callable[[Path], list]:
    def write(directory: Path) -> list[tuple[str | bytes, str]]:
        _write(directory, name, content())
        return [(name, expected)]
    return write


# Slow to extract or big (tens of seconds, tens of MB): `mediamon selftest` runs them, the test suite not.
HEAVY = ("huge-feed", "big-feed-loaded-in-parts", "digest-10000-items", "huge-text", "one-long-line")


def _links(directory: Path) -> list[tuple[str, str]]:
    (directory / "dangling.txt").symlink_to(directory / "missing-target.txt")
    (directory / "loop.txt").symlink_to(directory / "loop.txt")
    return [("dangling.txt", "skipped:dangling-link"), ("loop.txt", "skipped:symlink-loop")]


def _fifo(directory: Path) -> list[tuple[str, str]]:
    os.mkfifo(directory / "pipe.txt")
    return [("pipe.txt", "skipped:fifo")]


def _folder_named_like_a_page(directory: Path) -> list[tuple[str, str]]:
    (directory / "folder.txt").mkdir()
    (directory / "folder.txt" / "inside.txt").write_text(page(9001), encoding="utf-8")
    return [("folder.txt", "skipped:directory"), ("folder.txt/inside.txt", "extracted")]


def _duplicate(directory: Path) -> list[tuple[str, str]]:
    for name in ("copy-a.txt", "copy-b.txt"):
        (directory / name).write_text(page(9002), encoding="utf-8")
    return [("copy-a.txt", "extracted"), ("copy-b.txt", "extracted")]


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10))
                  + ']><rss version="2.0"><channel><title>t</title><item><title>Laughs</title><description>&lol9;'
                  '</description></item></channel></rss>')
XXE = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel>'
       '<title>t</title><item><title>Harbour of Alat reopens after the storm</title><description>The harbour of '
       'Alat reopened on Monday, its director said. &xxe;</description></item></channel></rss>')

# class -> writer(directory) -> [(path, expected outcome)]
CLASSES: dict[str, Callable[[Path], list[tuple[str | bytes, str]]]] = {
    "utf8-good": _simple("good.txt", lambda: page(1), "extracted"),
    "non-utf8-file-name": _simple(b"name-\xff\xfe.txt", lambda: page(2), "extracted"),
    "utf16-bom": _simple("utf16-bom.txt", lambda: page(3).encode("utf-16"), "extracted"),
    "utf16-no-bom": _simple("utf16-le.txt", lambda: page(4).encode("utf-16-le"), "extracted"),
    "utf16-be-no-bom": _simple("utf16-be.txt", lambda: page(5).encode("utf-16-be"), "extracted"),
    "utf32": _simple("utf32.txt", lambda: page(6).encode("utf-32"), "extracted"),
    "cp1251": _simple("cp1251.txt", lambda: RUSSIAN.encode("cp1251"), "extracted"),
    "latin-1": _simple("latin1.txt", lambda: FRENCH.encode("latin-1"), "extracted"),
    "mixed-line-endings": _simple("mixed-eol.txt", lambda: page(7).replace("\n\n", "\r\n\r\n", 2).replace(
        "\n\n", "\r\r", 1), "extracted"),
    "cr-line-endings": _simple("cr-eol.txt", lambda: page(8).replace("\n", "\r"), "extracted"),
    "nul-bytes": _simple("nul.txt", lambda: page(9).replace("officials", "offi\x00cials"), "extracted"),
    "control-and-ansi": _simple("ansi.txt", lambda: page(10).replace("The council", "\x1b[1;31mThe council\x1b[0m\x07"),
                                "extracted"),
    "zero-width-and-bidi": _simple("zw.txt", lambda: page(11).replace(" ", " \u200b", 5).replace(
        "council", "\u202ecouncil"), "extracted"),
    "binary": _simple("image.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
                      "rejected:binary"),
    "empty": _simple("empty.txt", lambda: b"", "rejected:empty"),
    "whitespace-only": _simple("blank.txt", lambda: b" \n\t\r\n  \n", "rejected:empty"),
    "furniture-only": _simple("cookies.txt", lambda: "Accept all cookies\nManage preferences\nSubscribe\nShare\n"
                              "Log in\nRead more\n" * 4, "rejected:no-article"),
    "unbalanced-quotes": _simple("quotes.txt", lambda: "\u201c" * 2000, "rejected:no-article"),
    "html-in-txt-with-comment": _simple("commented.txt", lambda: "<!-- saved by the crawler -->\n" + HTML_PAGE,
                                        "extracted"),
    "deeply-nested-html": _simple("nested.html", lambda: "<html><body>" + "<div>" * 20000 + "Deep text " * 20
                                  + "</div>" * 20000 + "</body></html>", "extracted|rejected"),
    "billion-laughs": _simple("laughs.xml", lambda: BILLION_LAUGHS, "rejected:no-article"),
    "xxe": _simple("xxe.xml", lambda: XXE, "extracted"),
    "malformed-feed": _simple("broken.rss", lambda: _feed(3)[:-40] + "<item><title>Unclosed <b>", "extracted"),
    "huge-feed": _simple("huge.xml", lambda: _feed(50_000, seed=1), "rejected:too-large"),
    "big-feed-loaded-in-parts": _simple("big.xml", lambda: _feed(1_200, seed=2), "extracted"),
    "digest-10000-items": _simple("digest.txt", lambda: _digest(10_000), "extracted|rejected"),
    "huge-text": _simple("huge.txt", lambda: page(12) * 200_000, "rejected:too-large"),
    "one-long-line": _simple("long-line.txt", lambda: page(13).replace("\n", " ") * 2000, "extracted|rejected"),
    "invalid-utf8-sequence": _simple("broken-utf8.txt", lambda: page(14).encode() + b"\xc3\x28 \xe2\x82 end\n",
                                     "extracted"),
    "script-only-html": _simple("script.html", lambda: "<html><head><script>var x = 1;" * 50
                                + "</script></head></html>", "rejected"),
    "links": _links,
    "fifo": _fifo,
    "directory-named-like-a-page": _folder_named_like_a_page,
    "other-suffix": _simple("readme.md", lambda: "# notes\n", "skipped:unsupported-suffix"),
    "hidden-file": _simple(".hidden.txt", lambda: page(15), "skipped:hidden"),
    "duplicate-content": _duplicate,
}


def write_corpus(directory: Path, classes: list[str] | None = None) -> list[Case]:
    """Write every class (or those named) under `directory`, one sub-folder per class."""
    cases = []
    for kind in classes or list(CLASSES):
        folder = directory / kind
        folder.mkdir(parents=True, exist_ok=True)
        cases += [Case(kind, os.fsencode(kind) + b"/" + os.fsencode(path), expected)
                  for path, expected in CLASSES[kind](folder)]
    return cases
