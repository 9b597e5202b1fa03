"""The primary speaker of an article: its speakers ranked by what they said and where.

Direct quotes weigh by their length, reported ones less; the speaker the story leads with, the
headline's speaker, the people the headline names and the interviewee get a bonus; a country as the
headline's subject ("Azerbaijan vows ...") puts its own officials first. A lone capitalised word
never met as a full name stays a speaker only if it can be a surname. `PrimarySpeaker` holds the last
step of speech.Analysis.
"""

from __future__ import annotations

import re

from extractors.records import Quote, Speaker, SpeechResult
from extractors.speech.aliases import article_role, identifying_aliases
from extractors.speech.names import parse_mention
from extractors.speech.speakers import (
    CAPSEQ_RE,
    COUNTRIES,
    CURATED,
    PLACE_NAMES,
    POSSESSIVE_RE,
    STOP_CAPS,
    Entity,
    country_of,
    key,
)

COMMON_PLURAL_RE = re.compile(r"(?:ers|ors|ists|sts|ants|ents|ians|ions|ons|ics|ates|ats|ives|ees|als|"
                              r"ces|sses|ups|ments|ships|ties|nies|lies|ries)$")
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
                "thousand", "dozens", "hundreds", "thousands", "millions"}
PLACES = {p.lower() for p in PLACE_NAMES}
LEDE_BONUS = 1.0
# a headline naming whose words the text is: "X's statement ...", "Press remarks by X after ...",
# "Reply of the spokesperson, Ms X, to ...", "Address ... by the President, H.E. X"
SPEECH_WORDS = (r"(?:remarks|statement|speech|address|interview|answers|comments|message|briefing|reply|"
                r"response|article|letter|lecture|op-ed|greetings|congratulations|appeal)")
SPEECH_WORD_RE = re.compile(rf"\b{SPEECH_WORDS}\b", re.I)
SPEECH_PREP_RE = {p: re.compile(rf"[^:;]{{0,140}}?\b{p}\s+(?P<span>[^:;]{{3,160}})", re.I) for p in ("by", "of")}
SPEECH_OF_RE = re.compile(rf"(?P<who>{CAPSEQ_RE.pattern})['’]s?\s+(?:[\w-]+\s+){{0,2}}(?i:{SPEECH_WORDS})\b")
OFFICE_RE = re.compile(r"\b(?:H\.\s?E\.|president|minister|spokes(?:person|man|woman)|secretary|ambassador|"
                       r"chairman|chairwoman|leader|head|governor|mayor|speaker)\b", re.I)
SPAN_END_RE = re.compile(r"\s+(?:to|on|at|after|during|before|in|for|regarding|about|with|and)\s+(?![A-Z][a-z]*\b)"
                         r"|\s+(?:to|on|at|after|during|before|for|regarding|about|with)\s")


class PrimarySpeaker:
    """The last step of speech.Analysis: quotes finalised, speakers listed and ranked."""

    def result(self) -> SpeechResult:
        moved = self.ents.finish()
        scores: dict[int, float] = {}
        first: dict[int, int] = {}
        quotes: list[Quote] = []
        order = sorted(self.items, key=lambda it: (-1 if it[0].start is None else it[0].start))
        lede_id: int | None = None
        nonempty = [b for a, b in self.paras if self.body[a:b].strip()]
        lede_end = nonempty[min(2, len(nonempty) - 1)] if nonempty else 0
        for n, (quote, ent) in enumerate(order):
            if ent is not None and ent.name in moved and ent not in self.ents.entities:
                ent = moved[ent.name]
            if ent is not None and ent.partial and not self.plausible_surname(ent):
                ent = None  # a lone capitalised word never met as a full name ("Critics", a town)
            quote.speaker = ent.name if ent else None
            quotes.append(quote)
            if ent is None:
                continue
            w = (1.0 + min(len(quote.text) / 400.0, 3.0)) if quote.kind == "direct" else 0.5
            scores[id(ent)] = scores.get(id(ent), 0.0) + w
            first.setdefault(id(ent), n)
            if lede_id is None and quote.start is not None and quote.start < lede_end and quote.kind == "direct":
                lede_id = id(ent)  # the speaker the story leads with (its first three paragraphs)
        if lede_id is not None:
            scores[lede_id] += LEDE_BONUS
        by_id = {id(e): e for _, e in self.items if e is not None}
        by_id.update({id(e): e for e in moved.values()})
        for ent_id in list(scores):
            ent = by_id[ent_id]
            if ent.name in moved and ent not in self.ents.entities:
                continue
            if ent is self.headline_speaker:
                scores[ent_id] += 5.0
            elif ent in self.title_entities:
                scores[ent_id] += 2.0
            if ent is self.interviewee:
                scores[ent_id] += 3.0
        speakers: list[Speaker] = []
        seen: set[str] = set()
        ranked = sorted(scores, key=lambda i: (-scores[i], first[i]))
        for ent_id in sorted(scores, key=lambda i: first[i]):
            ent = by_id[ent_id]
            if ent.name in moved and ent not in self.ents.entities:
                ent = moved[ent.name]
            if ent.name in seen:
                continue
            seen.add(ent.name)
            role = article_role(ent.role, self.ents.curated_role(ent))
            speakers.append(Speaker(name=ent.name, kind=ent.kind, role=role,
                                    aliases=identifying_aliases(ent.name, ent.kind, ent.aliases)))
        # "Azerbaijan vows ...": a country as the headline's subject speaks through its own officials
        head_country, after = self.headline_country()
        if head_country and re.match(r"\s*(?:,|and\b|&)", after):
            head_country = None  # "Azerbaijan, Uzbekistan launch ...": several countries act together
        if head_country:
            # a person whose country the article never gives is not a foreigner: only known others yield
            own = [i for i in ranked if self.country(by_id[i]) == head_country
                   or (by_id[i].kind == "person" and self.country(by_id[i]) is None)]
            if own:
                ranked = own + [i for i in ranked if i not in own]
        primary, primary_rule = None, "speech:none"
        official = None
        if head_country and not any(self.country(by_id[i]) == head_country for i in ranked):
            # "Norvia eager for closer ties": the country's official the story names, though unquoted
            official = self.first_official(moved, head_country)
        if official is not None:
            primary, primary_rule = official.name, "speech:headline-country-official"
        elif ranked:
            top = by_id[ranked[0]]
            primary = moved.get(top.name, top).name if top not in self.ents.entities else top.name
            primary_rule = "speech:weighted-quotes+headline"
        else:  # nobody quoted: the person the story is about
            subject = self.story_subject(moved, lede_end)
            if subject is not None:
                primary, primary_rule = subject.name, "speech:story-subject"
        rules = {"quotes": "speech:marks+cues+transcripts", "speakers": "speech:canonical-entities",
                 "primary_speaker": primary_rule}
        return SpeechResult(quotes=quotes, speakers=speakers, primary_speaker=primary, rules=rules)

    def headline_country(self) -> tuple[str | None, str]:
        """The country a headline opens with as its subject, and the text after it: "Norvia vows ...",
        also in a Title Case headline ("Norvia Eager for Closer Ties": the country is the longest
        opening run of words that names one)."""
        lead = CAPSEQ_RE.match(self.title)
        if not lead:
            return None, ""
        words = lead.group().split()
        for n in range(len(words), 0, -1):
            country = COUNTRIES.get(key(" ".join(words[:n]).rstrip("'’s")))
            if country:
                return country, self.title[lead.start() + len(" ".join(words[:n])):]
        return None, ""

    def first_official(self, moved: dict[str, Entity], country: str) -> Entity | None:
        """The first person the text names with an office of `country` ("Foreign Minister of Norvia X")."""
        for ev in self.ents.events:
            ent = moved.get(ev.entity.name, ev.entity) if ev.entity not in self.ents.entities else ev.entity
            if ev.embedded or ent.kind != "person" or ent.partial or ent not in self.ents.entities:
                continue
            if ent.role and country_of(ent.role) == country:
                return ent
        return None

    def story_subject(self, moved: dict[str, Entity], lede_end: int) -> Entity | None:
        """The person a story without quotes is about: the person the headline says the text is by, else
        the first titled person the headline names, else the first titled person named as a sentence's
        subject in the lede (its first three paragraphs)."""
        cued = self.speech_of_title()
        if cued is not None:
            return cued

        def live(ent: Entity) -> Entity | None:
            ent = moved.get(ent.name, ent) if ent not in self.ents.entities else ent
            if ent.kind != "person" or ent.partial or ent not in self.ents.entities:
                return None
            # a title ("Head of State X"), a description or curated data: a person, not a capitalised phrase
            return ent if ent.role or ent.descriptors or key(ent.name) in CURATED else None

        for ent in self.title_entities:
            if live(ent) is not None:
                return live(ent)
        for ev in self.ents.events:
            if ev.offset >= lede_end:
                break
            if ev.subject and not ev.embedded and live(ev.entity) is not None:
                return live(ev.entity)
        return None

    def speech_of_title(self) -> Entity | None:
        """The person a headline (or the line opening the text) says the text is by: "X's statement",
        "Remarks by X after ...", "Reply of the spokesperson, Ms X, to ..."; None otherwise. The name
        must come with a title ("Foreign Minister X"), be a curated person or be named in the text."""
        first = self.body[slice(*self.paras[0])] if self.paras else ""
        known = {key(e.name) for e in self.ents.entities if e.kind == "person"}
        for text in (self.title, self.subtitle, first[:300]):
            names: list[str] = []
            cues = [w.end() for w in SPEECH_WORD_RE.finditer(text)]
            if not cues:
                continue
            for prep in ("by", "of"):
                for at in cues:
                    m = SPEECH_PREP_RE[prep].match(text, at)
                    if m:
                        span = SPAN_END_RE.split(m.group("span"), maxsplit=1)[0]
                        names.extend(reversed([(x.group(), span[:x.start()]) for x in CAPSEQ_RE.finditer(span)]))
                if prep == "by":
                    names.extend((POSSESSIVE_RE.sub("", m.group("who")), "") for m in SPEECH_OF_RE.finditer(text))
            for who, before in names:
                men = parse_mention(who)
                if men is None or men.kind != "name" or not men.name or len(men.name.split()) < 2:
                    continue
                if men.role or key(men.name) in CURATED or key(men.name) in known or OFFICE_RE.search(before):
                    return self.ents.person(men.name)
        return None

    def plausible_surname(self, ent: Entity) -> bool:
        """A lone capitalised word never met as a full name may still be a speaker's surname ("Obama
        said"), but not a plural common noun ("Critics said"), a demonym, a place, an abbreviation."""
        word = ent.name
        k = key(word)
        if not k or word.endswith(".") or re.search(r"\d|['’](?:ve|ll|re|d|m)$|^[A-Z]-", word):
            return False
        if k in STOP_CAPS or COUNTRIES.get(k) or COUNTRIES.get(k.removesuffix("s")) or k.split()[0] in NUMBER_WORDS:
            return False
        if word.lower() in PLACES or COMMON_PLURAL_RE.search(k) or re.search(r"(?:ing|ly)$", k):
            return False
        # "shops in Gyumri": a word the article uses after a locative preposition is a place
        return not re.search(rf"\b(?:in|near|across|throughout|outside|around)\s+{re.escape(word)}\b(?!['’])",
                             self.body)

    def country(self, ent: Entity) -> str | None:
        return ent.country or country_of(ent.role or "") or country_of(self.ents.curated_role(ent) or "")
