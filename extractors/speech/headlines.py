"""Statements the article's frame carries: a "Speaker: statement" headline, a signed epigraph, an address.

The headline also names the article's main people and organisations (`title_entities`, which the
primary speaker ranking favours); an item titled "X addressed the nation" is X's speech in its
first-person paragraphs. `Headlines` holds these steps of speech.Analysis.
"""

from __future__ import annotations

import re

from extractors.speech import quotes as q
from extractors.speech.names import parse_mention
from extractors.speech.organisations import ministry_portfolio
from extractors.speech.speakers import CAPSEQ_RE, UPPER, Entity, Mention
from extractors.speech.statements import FIRST_PERSON_RE

ADDRESS_TITLE_RE = re.compile(
    r"^(?P<who>.{3,90}?)(?:['’]s)?\s+(?:addressed|addresses|address to|speech to|addressing)\s+"
    r"(?:the\s+)?(?:nation|people|country|compatriots)\b", re.I)
# "Jane Roe's statement at the summit", "Press remarks by Minister Jane Roe after ...", "Reply of the
# spokesperson, Ms Jane Roe, to media requests": an item that is one person's own words
STATEMENT_KINDS = (r"(?:(?:opening|closing|concluding|introductory|keynote|press|video|new year|annual|joint)\s+)?"
                   r"(?:statement|speech|remarks|address|reply|replies|comments?|message|article|op-ed)")
STATEMENT_OWNER_TITLE_RE = re.compile(rf"^(?P<who>[^:“”\"«»]{{3,120}}?)['’]s?\s+{STATEMENT_KINDS}\b", re.I)
STATEMENT_BY_TITLE_RE = re.compile(
    rf"^(?:[^:“”\"«»]{{0,40}}:\s*)?{STATEMENT_KINDS}\s+(?:of|by|from)\s+(?P<who>[^:“”\"«»]{{3,120}}?)"
    r"(?=\s+(?:at|to|on|after|before|during|with|in|regarding|concerning|about|for)\s|\s*[:(–—]|\s+-\s|$)", re.I)
# "Speech at the joint session ...": the title or subtitle beside it names the speaker
STATEMENT_AT_TITLE_RE = re.compile(rf"^{STATEMENT_KINDS}\s+(?:at|to|on|before|during)\s", re.I)
# a statement page's own words are not reported: "he said", "Roe added" in it make it an article
NARRATED_RE = re.compile(r"\b(?:he|she|He|She)\s+(?:said|says|added|noted|stressed|stated|told|recalled)\b")
HEADLINE_COLON_RE = re.compile(r"^(?P<who>[^:“\"«]{3,100}?)\s*:\s+(?P<q>\S.{5,})$")
EPIGRAPH_RE = re.compile(
    rf"^(?P<q>.{{10,}}?[.!?…”\"»])\s*[—–-]?\s*(?P<who>[{UPPER}][\w'’\-]+(?:\s+[{UPPER}][\w'’\-]+){{1,3}})\s*$")


def title_person(who: str) -> Mention | None:
    """The person a title's phrase names: "Ukraine's spokesperson, Ms Jane Roe" -> Jane Roe; a role with
    its country ("President of the Republic of Korval") as a role mention."""
    who = who.strip(" ,;")
    for phrase in (who, f"the {who}"):  # "President of Korval": a bare title reads as "the President ..."
        men = parse_mention(phrase)
        if men is not None and ((men.kind == "name" and len(men.name.split()) >= 2 and "/" not in men.name) or
                                (men.kind == "role" and men.country)):
            return men
    for part in reversed([p for p in re.split(r"[,;/]", who) if p.strip()]):
        men = parse_mention(part)
        if men is not None and men.kind == "name" and len(men.name.split()) >= 2:
            return men
    return None


class Headlines:
    """Steps of speech.Analysis: the headline, the epigraph, a titled address."""

    def headline(self) -> None:
        """"Speaker: statement" headlines, and who the headline names."""
        self.title_entities: list[Entity] = []
        for text in (self.title, self.subtitle):
            for m in CAPSEQ_RE.finditer(text):
                men = parse_mention(m.group())
                if men is None:
                    continue
                ent = self.ents.resolve(men, len(self.body), create=men.kind == "org")
                if ent is not None and ent not in self.title_entities:
                    self.title_entities.append(ent)
            # "Energy ministry reports ...": a ministry named without its country
            for mm in re.finditer(r"\b(?:[A-Z]?[a-z]+\s+){1,3}[Mm]inistry\b|\b[Mm]inistry\s+(?:of|for)\s+"
                                  + CAPSEQ_RE.pattern, text):
                portfolio = ministry_portfolio(mm.group())
                if portfolio is None:
                    sub = re.sub(r"^.*?\b(\w+\s+[Mm]inistry)$", r"\1", mm.group())
                    portfolio = ministry_portfolio(sub)
                if portfolio:
                    ent = self.ents.resolve(Mention("org-anaphor", mm.group(), name=portfolio), len(self.body))
                    if ent is not None and ent not in self.title_entities:
                        self.title_entities.append(ent)
        m = HEADLINE_COLON_RE.match(self.title)
        if not m:
            return
        men = parse_mention(m.group("who"))
        if men is not None and men.kind == "org-anaphor" and men.name and ministry_portfolio(men.surface):
            ent = self.ents.resolve(men, 0)  # "Ministry of Emergency Situations: ..."
            if ent is not None:
                text = m.group("q").strip()
                quoted = text[:1] in q.DQ_MARKS
                self.headline_speaker = ent
                if ent not in self.title_entities:
                    self.title_entities.append(ent)
                self.add(text.strip(q.DQ_MARKS + " "), ent, "direct" if quoted else "reported", None, None,
                         "headline", men.surface, "headline:colon")
            return
        if men is None or men.kind not in ("name", "org"):
            return
        # a lone word ("Aliyev: ...") must be someone the article itself names
        single = men.kind == "name" and len(men.name.split()) == 1
        ent = self.ents.resolve(men, 0, create=not single)
        if ent is None:
            return
        text = m.group("q").strip()
        quoted = text[:1] in q.DQ_MARKS
        text = text.strip(q.DQ_MARKS + " ")
        self.headline_speaker = ent
        self.add(text, ent, "direct" if quoted else "reported", None, None, "headline", men.surface,
                 "headline:colon")

    def epigraph_quote(self) -> None:
        cands: list[tuple[str, int | None]] = []
        if self.epigraph:
            cands.append((self.epigraph, None))
        first = self.prev_nonempty(len(self.paras))
        for i, (a, b) in enumerate(self.paras):
            if self.body[a:b].strip():
                first = i
                break
        if first is not None and first not in self.skip:
            a, b = self.paras[first]
            if not any(s.start < b and s.end > a for s in self.spans):
                cands.append((self.body[a:b], a))
        for text, at in cands:
            m = EPIGRAPH_RE.match(text.strip())
            if not m:
                continue
            men = parse_mention(m.group("who"))
            if men is None or men.kind != "name" or len(men.name.split()) < 2 or men.surface != m.group("who"):
                continue
            ent = self.ents.resolve(men, at or 0)
            body_text = m.group("q").strip(q.DQ_MARKS + " —–-")
            if at is None:
                self.add(body_text, ent, "direct", None, None, "epigraph", men.surface, "epigraph:signed")
            else:
                s = self.body.find(body_text, at)
                self.add(body_text, ent, "direct", s, s + len(body_text), "epigraph", men.surface,
                         "epigraph:signed-first-paragraph")
                self.skip.add(self.para_of(at))

    def statement_owner(self) -> Mention | None:
        """The person a statement page's title names as the author of its words ("Jane Roe's remarks at
        ...", "Statement by Minister Jane Roe", "Speech at ..." under "President of Korval"), or None."""
        for text, other in ((self.title, self.subtitle), (self.subtitle, self.title)):
            m = STATEMENT_OWNER_TITLE_RE.match(text) or STATEMENT_BY_TITLE_RE.match(text)
            who = m.group("who") if m else (other if STATEMENT_AT_TITLE_RE.match(text) else None)
            men = title_person(who) if who else None
            if men is not None:
                return men
        return None

    def address_paragraphs(self) -> list[int]:
        """A "X addressed the nation" item: its first-person paragraphs are X's speech; a statement page
        ("X's remarks at ...", "Statement by X"): its unquoted, unnarrated paragraphs are X's words."""
        m = ADDRESS_TITLE_RE.match(self.title)
        men = parse_mention(m.group("who")) if m else None
        if men is None or men.kind != "name":
            men = self.statement_owner()
            if men is None:
                return []
            paras = [pi for pi, (a, b) in enumerate(self.paras)
                     if pi not in self.skip and q.words(self.body[a:b]) >= 8 and not q.DQ_RE.search(self.body[a:b])]
            texts = [self.body[slice(*self.paras[pi])] for pi in paras]
            if not texts or any(NARRATED_RE.search(t) for t in texts) or \
                    sum(bool(FIRST_PERSON_RE.search(t)) for t in texts) * 2 < len(texts):
                return []
            self.address_mention = men
            return paras
        self.address_mention = men
        paras = [pi for pi, (a, b) in enumerate(self.paras)
                 if pi not in self.skip and q.words(self.body[a:b]) >= 8]
        if not paras or sum(bool(FIRST_PERSON_RE.search(self.body[slice(*self.paras[pi])]))
                            for pi in paras) * 2 < len(paras):
            return []
        return paras

    def address(self, paras: list[int]) -> None:
        if not paras:
            return
        men = self.address_mention
        ent = self.ents.resolve(men, 0)
        if ent is None:
            return
        for pi in paras:
            a, b = self.paras[pi]
            t = self.body[a:b].rstrip()
            self.add(t, ent, "direct", a, a + len(t), "address", men.surface, "address:title")
