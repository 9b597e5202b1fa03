"""The records the layout steps share while they judge one page: `Layout` (the outcome for the page)
and `Header` (what the header steps found, by line index). Kept apart so that lines, header and
navigation import them without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.layout.dates import DateHit
from extractors.records import LineDecision


@dataclass
class Layout:
    """The outcome of classifying one article page."""

    decisions: list[LineDecision]
    title: str | None = None
    subtitle: str | None = None
    category: str | None = None
    date: DateHit | None = None
    dateline: DateHit | None = None
    authors: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    lede_raw: str = ""
    rules: dict[str, str] = field(default_factory=dict)
    visit_years: set[int] = field(default_factory=set)
    year_hint: int | None = None
    caption_text: list[str] = field(default_factory=list)
    body_start: int | None = None
    marker_lede: int | None = None  # a date-marker line whose rest is the lede paragraph


@dataclass
class Header:
    """What the header steps find, by line index."""

    marker: dict[int, tuple[DateHit, str]] = field(default_factory=dict)
    dates: dict[int, DateHit] = field(default_factory=dict)
    stamp_heads: dict[int, str] = field(default_factory=dict)  # "<headline><date>": the headline before it
    time_lines: set[int] = field(default_factory=set)  # lone time lines merged into the date line beside them
    teasers: set[int] = field(default_factory=set)
    lines: list[int] = field(default_factory=list)  # the header zone
    body_start: int = 0
    title_idx: int | None = None
    title_rule: str = ""
    above_title: int | None = None
    nav: set[int] = field(default_factory=set)  # navigation menu lines
    nav_items: set[str] = field(default_factory=set)  # their squashed texts
    nav_lines: set[int] = field(default_factory=set)  # one-line horizontal menus
    mastheads: set[int] = field(default_factory=set)  # site-name/tagline lines at the top
    taglines: set[int] = field(default_factory=set)  # a masthead's motto line right under it
