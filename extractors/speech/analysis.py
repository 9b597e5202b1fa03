"""Who said what in one article: quotes, canonical speakers and the primary speaker.

`analyse_speech(title, subtitle, body, epigraph)` is the only entry point the pipeline uses. It is
pure: regexes over the strings it is given and the curated data loaded once by
extractors.speech.speakers. Quote offsets are into `body`; quotes from the headline or the epigraph have
start/end None. Every quote carries the rule that attributed it (`Quote.rule`).

How it works, in one pass over the article (`Analysis.run`; each step's module in brackets):
1. transcripts ("-question"/"-answer" turns, "Name:"/"Q:"/"A:" labels) are found first; their
   turns are labelled question/answer by a two-state Viterbi that prefers alternation but lets
   question cues (a final "?", "sir", "thank you for") override it [interviews];
2. direct quotes (curly or straight marks, nested, over several paragraphs) are found and masked
   [quotes];
3. every capitalised name outside quotes is registered (full names, titles -> roles,
   organisations), giving a timeline of mentions for surnames, role nouns and pronouns [mentions,
   names, organisations, entities]; the headline and a signed epigraph are read [headlines];
4. statements are taken in text order: a direct quote is attributed by the speaker phrase after it
   (",” he said", ",” said X"), before it in the same sentence ("X said that “…”", "X: “…”"), by a
   colon-ended lead-in paragraph, or as the continuation of the previous paragraph's speaker;
   reported speech is a cue verb with a speaker subject ("X said that …", "…, X said", "according
   to X, …"). A quote whose speaker cannot be resolved stays unattributed [statements, attribution];
5. the speakers are ranked for the primary speaker [primary].
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from extractors.records import Quote, SpeechResult
from extractors.speech import quotes as q
from extractors.speech.entities import HYPERNYM_ROLES, ROLE_QUALIFIERS, Entities, role_fits
from extractors.speech.headlines import Headlines
from extractors.speech.interviews import Interviews, dash_runs
from extractors.speech.mentions import MentionScan
from extractors.speech.names import parse_mention
from extractors.speech.primary import PrimarySpeaker
from extractors.speech.speakers import COUNTRIES, COUNTRY_IN_RE, TITLE_WORDS, Entity, Mention, country_of, key
from extractors.speech.statements import Statements

US_PRONOUN_RE = re.compile(r"\bus\b")


@lru_cache(maxsize=64)
def _country_mentions(text: str) -> tuple[str, ...]:
    """The countries a text names, in order, once per mention (memoised: a body is asked up to three times)."""
    text = US_PRONOUN_RE.sub(" ", text)  # the pronoun, not the US
    return tuple(c for m in COUNTRY_IN_RE.finditer(key(text)) if (c := COUNTRIES.get(m.group(1))))


def dominant_country(title: str, body: str) -> str | None:
    """The country an article is mostly about: the most mentioned one (the title counts twice), if unique."""
    counts: dict[str, int] = {}
    for text, w in ((title, 2), (body, 1)):
        for c in _country_mentions(text):
            counts[c] = counts.get(c, 0) + w
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(counts, key=counts.get)


def analyse_speech(title: str | None, subtitle: str | None, body: str,
                   epigraph: str | None = None, country: str | None = None) -> SpeechResult:
    """Quotes, canonical speakers and the primary speaker of one article.

    `country` (optional): the outlet's or page's country; without it, the country the article is
    mostly about names ministries the text gives without one ("the Ministry of Energy said")."""
    return Analysis(title, subtitle, body or "", epigraph, country).run()


class Analysis(MentionScan, Headlines, Interviews, Statements, PrimarySpeaker):
    """The state of one article's analysis (also used by scripts/eval_polnear.py to resolve spans)."""

    def __init__(self, title: str | None, subtitle: str | None, body: str, epigraph: str | None,
                 country: str | None = None) -> None:
        self.title = (title or "").strip()
        self.subtitle = (subtitle or "").strip()
        self.body = body
        self.epigraph = (epigraph or "").strip()
        self.paras = q.paragraphs(body)
        self.para_starts = [a for a, _ in self.paras]
        self.ents = Entities()
        self.items: list[tuple[Quote, Entity | None]] = []
        self.skip: set[int] = set()
        self.turn_labels: set[int] = set()  # paragraphs that open with a transcript turn label
        self.headline_speaker: Entity | None = None
        self.interviewee: Entity | None = None
        self.ents.default_country = country or dominant_country(f"{self.title} {self.subtitle}", body)
        self.leadins: list[tuple[int, list[int]]] = []

    # -- helpers ---------------------------------------------------------------------------------------
    def para_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, offset) - 1)

    def sent_start(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.starts[i] if i >= 0 else 0

    def sent_end(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset)
        pe = self.paras[self.para_of(offset)][1]
        return min(self.starts[i], pe) if i < len(self.starts) else pe

    def prev_nonempty(self, pi: int) -> int | None:
        j = pi - 1
        while j >= 0:
            a, b = self.paras[j]
            if self.body[a:b].strip():
                return j
            j -= 1
        return None

    def add(self, text: str, ent: Entity | None, kind: str, start: int | None, end: int | None,
            cue: str | None, mention: str | None, rule: str) -> Quote:
        quote = Quote(text=text, speaker=ent.name if ent else None, kind=kind, start=start, end=end,
                      cue=cue, mention=mention, rule=rule)
        self.items.append((quote, ent))
        return quote

    def resolve(self, men: Mention, at: int) -> Entity | None:
        ent = self.ents.resolve(men, at)
        if ent is None and men.kind == "role":
            ent = self.last_speaker(at, men) or self.next_person(at, men) or self.recent_untitled(at, men)
        if ent is not None:
            self.ents.note(at, ent, True)
        return ent

    def next_person(self, at: int, men: Mention) -> Entity | None:
        """"The foreign minister said ... “…,” Jane Roe said.": a lede's role noun, before anyone is named,
        stands for the first person named in full after it (within two paragraphs), if nothing in
        what the article says about them contradicts the role."""
        if men.generic or any(ev.offset < at and ev.entity.kind == "person" for ev in self.ents.events):
            return None
        limit = self.para_of(at) + 2
        for ev in self.ents.events:
            if ev.offset <= at or ev.embedded:
                continue
            if self.para_of(ev.offset) > limit:
                return None
            ent = ev.entity
            if ent.kind != "person" or ent.partial:
                continue
            known = set(key(ent.role or self.ents.curated_role(ent) or "").split()) | ent.descriptors | ent.desc_words
            if (ent.role or ent.descriptors) and not role_fits(men.role_noun or "", known, men.country is not None):
                return None
            country = ent.country or country_of(ent.role or self.ents.curated_role(ent) or "")
            if men.country and country and country != men.country:
                return None  # "the Russian deputy prime minister" is not Armenia's prime minister
            if (set(men.role_adj) & ROLE_QUALIFIERS) != (known & ROLE_QUALIFIERS):
                return None  # nor is a deputy the minister
            return ent
        return None

    def recent_untitled(self, at: int, men: Mention) -> Entity | None:
        """"the governor said": a role noun nobody in the article holds stands for the person last named as
        a sentence's subject (two paragraphs back at most), if the article gives them no other role."""
        if men.generic:
            return None  # "the baker": only someone the article itself calls so

        def fits(e: Entity) -> bool:
            if e.kind != "person" or e.partial:
                return False
            if men.gender and e.gender and men.gender != e.gender:
                return False
            known = set(key(e.role or self.ents.curated_role(e) or "").split()) | e.descriptors | e.desc_words
            return not (e.role or e.descriptors) or role_fits(men.role_noun or "", known, men.country is not None)

        ent = self.ents._recent(at, fits, window=1500, subject_first=True)
        if ent is None:
            return None
        last = max((ev.offset for ev in self.ents.events if ev.entity is ent and ev.offset < at), default=-1)
        return ent if last >= 0 and self.para_of(at) - self.para_of(last) <= 2 else None

    def last_speaker(self, at: int, men: Mention) -> Entity | None:
        """"“…,” the master explains": a role noun the article never gives anyone stands for the person
        quoted just before, if nobody else was named since and the article describes them as nothing else."""
        prev = [(quote, ent) for quote, ent in self.items if quote.start is not None and quote.start < at]
        if not prev:
            return None
        quote, ent = max(prev, key=lambda it: it[0].start)
        if ent is None or ent.kind != "person" or ent.partial:
            return None
        if men.generic and (ent.role or ent.descriptors & TITLE_WORDS) and men.role_noun not in HYPERNYM_ROLES:
            return None  # "the analyst" is not the finance minister quoted before (but may be "the official")
        if not men.generic:  # "the spokesperson": someone not described as anything else
            known = set(key(ent.role or "").split()) | ent.descriptors | ent.desc_words
            if (ent.role or ent.descriptors) and not role_fits(men.role_noun or "", known, men.country is not None):
                return None
        if self.para_of(at) - self.para_of(quote.start) > 4:
            return None
        if any(ev.entity is not ent and not ev.embedded and quote.start < ev.offset < at for ev in self.ents.events):
            return None
        if men.gender and ent.gender and men.gender != ent.gender:
            return None
        return ent

    # -- steps ------------------------------------------------------------------------------------------
    def run(self) -> SpeechResult:
        self.leadins = self.colon_dash_blocks()
        claimed = {pi for _, block in self.leadins for pi in block}
        runs = dash_runs(self.body, self.paras)
        if claimed:  # turns a colon lead-in claims are one speaker's words, not interview turns
            runs = [r for r in runs if not claimed & set(r)]
            self.skip.update(claimed)
        label_run = self.label_transcript()
        for r in runs + ([label_run] if label_run else []):
            self.skip.update(r)
        address = self.address_paragraphs()
        self.skip.update(address)
        turns = self.speaker_turns(self.skip)
        self.skip.update(t[0] for t in turns)
        self.spans = q.find_quotes(self.body, self.paras, self.skip)
        self.masked = q.mask(self.body, self.spans)
        self.starts = q.sentence_starts(self.masked, self.paras, self.spans, self.body)
        self.scan_names()
        self.headline()
        self.epigraph_quote()
        self.interviewee = self.find_interviewee(runs, label_run)
        for r in runs:
            self.dash_transcript(r)
        if label_run:
            self.labelled_transcript(label_run)
        self.add_speaker_turns(turns)
        self.signed_paragraphs()
        self.statements()
        self.leadin_turns()
        self.address(address)
        return self.result()

    # -- for evaluation -----------------------------------------------------------------------------------
    def resolve_phrase(self, phrase: str, offset: int) -> str | None:
        """The canonical name a phrase at `offset` resolves to (same rules as attribution)."""
        men = parse_mention(phrase)
        if men is None:
            return None
        ent = self.ents.resolve(men, offset, create=False)
        if ent is None and men.kind == "name":
            return men.name
        return ent.name if ent else None


__all__ = ["SpeechResult", "analyse_speech", "Analysis", "key"]
