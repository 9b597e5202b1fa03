"""The records extraction produces: plain dataclasses, no I/O.

Every record carries `rules`: for each field it filled, the name of the rule or pattern that
produced the value, so a wrong field can be traced to the rule that made it.
`Page.to_json()` is the JSON contract of `mediamon extract --json` (../shared/eval/README.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

SpeakerKind = Literal["person", "organisation"]
QuoteKind = Literal["direct", "reported"]
Precision = Literal["day", "minute"]


@dataclass
class Outlet:
    """An outlet from the registry (extractors/outlets.toml)."""

    name: str
    domain: str
    timezone: str = "UTC"
    rule: str = ""  # which signature identified it, e.g. "masthead:Azernews.Az"


@dataclass
class Speaker:
    """A canonical speaker: one real person or organisation."""

    name: str  # canonical full name: "Ilham Aliyev", "Ministry of Foreign Affairs of Azerbaijan"
    kind: SpeakerKind = "person"
    role: str | None = None  # "President of Azerbaijan"
    aliases: list[str] = field(default_factory=list)  # surface forms seen in this article


@dataclass
class Quote:
    """One statement and who made it."""

    text: str
    speaker: str | None  # canonical name, or None when unattributed / an unnamed interviewer
    kind: QuoteKind = "direct"
    start: int | None = None  # character offsets in the item's body; None when outside the body
    end: int | None = None
    cue: str | None = None  # "said", "stressed", "according to", "interview-answer", ...
    mention: str | None = None  # the surface form that named the speaker ("the president")
    rule: str = ""


@dataclass
class SpeechResult:
    """What the speech step finds in one article (extractors.speech.analysis.analyse_speech)."""

    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    primary_speaker: str | None = None
    rules: dict[str, str] = field(default_factory=dict)


@dataclass
class Article:
    """One story: a normal page has one, a digest page one per story."""

    index: int = 0
    title: str | None = None
    subtitle: str | None = None
    published: str | None = None  # ISO 8601: "2020-10-09" or "2023-07-29T09:19:00+04:00"
    published_precision: Precision | None = None
    authors: list[str] = field(default_factory=list)
    category: str | None = None
    body: str = ""  # clean text, paragraphs separated by "\n"
    language: str | None = "en"
    primary_speaker: str | None = None
    speakers: list[Speaker] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # field name -> rule that produced it


@dataclass
class LineDecision:
    """What happened to one input line: kept as body/heading, used as a field, or dropped."""

    number: int  # 1-based line number in the normalised text
    text: str
    verdict: str  # "body" | "heading" | "title" | "subtitle" | "field:<name>" | "drop"
    rule: str  # the rule that decided, e.g. "generic:loading", "outlet:azernews:masthead"
    item: int | None = None  # which article the line went to
    last: int | None = None  # the last normalised line, when reflow joined hard-wrapped lines into this one


@dataclass
class Page:
    """Everything extracted from one input document."""

    source: str
    outlet: Outlet | None = None
    items: list[Article] = field(default_factory=list)
    lines: list[LineDecision] = field(default_factory=list)
    is_digest: bool = False
    rules: dict[str, str] = field(default_factory=dict)
    url: str | None = None  # where it was fetched (or its sidecar's URL): extractors/web.py
    canonical_url: str | None = None
    carrier: Outlet | None = None  # the outlet that carried a syndicated copy (outlet = the credited original)

    def to_json(self) -> dict:
        """The `mediamon extract --json` record (one JSON object per input document)."""
        outlet = None if self.outlet is None else {
            "name": self.outlet.name, "domain": self.outlet.domain, "rule": self.outlet.rule}
        items = []
        for a in self.items:
            d = asdict(a)
            d["speakers"] = [s.name for s in a.speakers]
            d["speaker_details"] = [asdict(s) for s in a.speakers]
            items.append(d)
        record = {"source": self.source, "outlet": outlet, "digest": self.is_digest,
                  "items": items, "rules": self.rules}
        if self.url or self.carrier:
            record.update(url=self.url, canonical_url=self.canonical_url, carrier=None if self.carrier is None else {
                "name": self.carrier.name, "domain": self.carrier.domain, "rule": self.carrier.rule})
        return record
