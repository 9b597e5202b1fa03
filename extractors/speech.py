"""Who said what in one article: quotes, canonical speakers and the primary speaker.

`analyse_speech(title, subtitle, body, epigraph)` is the only entry point the pipeline uses. It is
pure: regexes over the strings it is given and the curated data loaded once by
extractors.speakers. Quote offsets are into `body`; quotes from the headline or the epigraph have
start/end None. Every quote carries the rule that attributed it (`Quote.rule`).

How it works, in one pass over the article:
1. transcripts ("-question"/"-answer" turns, "Name:"/"Q:"/"A:" labels) are found first; their
   turns are labelled question/answer by a two-state Viterbi that prefers alternation but lets
   question cues (a final "?", "sir", "thank you for") override it;
2. direct quotes (curly or straight marks, nested, over several paragraphs) are found and masked;
3. every capitalised name outside quotes is registered (full names, titles -> roles,
   organisations), giving a timeline of mentions for surnames, role nouns and pronouns;
4. statements are taken in text order: a direct quote is attributed by the speaker phrase after it
   (",” he said", ",” said X"), before it in the same sentence ("X said that “…”", "X: “…”"), by a
   colon-ended lead-in paragraph, or as the continuation of the previous paragraph's speaker;
   reported speech is a cue verb with a speaker subject ("X said that …", "…, X said", "according
   to X, …"). A quote whose speaker cannot be resolved stays unattributed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from extractors import quotes as q
from extractors.records import Quote, Speaker
from extractors.speakers import (
    CAPSEQ_RE,
    COUNTRIES,
    COUNTRY_IN_RE,
    ORG_ALIASES,
    ORG_HEADS,
    PLACE_NAMES,
    STOP_CAPS,
    TITLE_WORDS,
    Entities,
    Entity,
    Mention,
    country_of,
    key,
    ministry_portfolio,
    parse_mention,
    parse_org,
    split_name,
)

PREP_BEFORE_RE = re.compile(r"\b(?:to|with|by|of|for|from|against|about|on|at|in|into|and|or|than|"
                            r"between|toward|towards|called|call|met|meet|meeting|thanked|urged|told|"
                            r"asked|invited|criticised|criticized|accused|congratulated)\s*$", re.I)
CREDIT_TAIL_RE = re.compile(r",\s*[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?\s+(?:informs|reports|reported)\s*$")
TRAIL_PUNCT = " \t,.;:!?…"
COORD_TAIL_RE = re.compile(r"\band\s+(?:\w+ly\s+)?$")
SENT_SUBJECT_RE = re.compile(r"^(?:The\s+)?" + CAPSEQ_RE.pattern)
# "Jane Roe, who runs the shop, described the situation at length." before a quote of her own
INTRO_VERB_RE = re.compile(r"\b(?:described|explained|told|said|says|recalled|spoke|speaks|shared|commented|"
                           r"continued|added|replied|wrote|stated|noted|remarked|reflected|elaborated|"
                           r"put it|went on)\b")
# the cue of a colon lead-in to "- " lines: "Marta Kalnina said:"
COLON_CUE_RE = re.compile(r"\b(?:said|says|noted|notes|stated|states|added|adds|continued|stressed|"
                          r"emphasi[sz]ed|declared|remarked|replied|underlined|spoke as follows|"
                          r"addressed the (?:event|meeting|ceremony|audience|participants))\b[^.!?]{0,40}:\s*$")
DESC_BEFORE_RE = re.compile(r"(?:^|[\s,(])(?:[a-z][\w\-]*\s+){0,2}(?P<noun>[a-z][\w\-]{2,})\s+$")
DESC_AFTER_RE = re.compile(
    r"^,\s+(?:(?:an?|the|his|her|its|their)\s+(?:[\w'’\-]+\s+){0,4}?(?P<noun>[a-z][\w\-]{2,})"
    r"(?=\s*(?:[,.;)]|$)|\s+(?:at|of|for|in|from|with|who|and|on)\b)"
    # "Jane Roe, chairman of the committee", "Jane Roe, deputy head of the agency": no article
    r"|(?:[a-z][\w\-]*\s+){0,2}?(?P<bare>[a-z][\w\-]{2,})(?=\s+(?:of|at|for)\s))")
DESC_STOP = {
    "the", "and", "but", "with", "from", "for", "said", "says", "told", "according", "than", "that", "this",
    "who", "whom", "whose", "when", "while", "where", "after", "before", "between", "into", "onto", "about",
    "also", "then", "even", "only", "just", "both", "either", "neither", "other", "met", "meet", "visited",
    "thanked", "urged", "asked", "invited", "called", "named", "appointed", "elected", "replaced", "was",
    "were", "is", "are", "has", "have", "had", "not", "against", "among", "within", "without", "via", "under",
    "over", "like", "unlike", "including", "except", "towards", "toward", "upon", "its", "his",
    "her", "their", "our", "your", "new", "former", "late", "same",
}
COMMON_PLURAL_RE = re.compile(r"(?:ers|ors|ists|sts|ants|ents|ians|ions|ons|ics|ates|ats|ives|ees|als|"
                              r"ces|sses|ups|ments|ships|ties|nies|lies|ries)$")
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
                "thousand", "dozens", "hundreds", "thousands", "millions"}
PLACES = {p.lower() for p in PLACE_NAMES}
# a capitalised title or body joined to the next capitalised run by "to"/"on" ("Ambassador to Qatar")
TITLE_JOIN_RE = re.compile(rf"(?<![\w'’\-])(?P<lead>{CAPSEQ_RE.pattern})\s+(?P<prep>to|on)\s+$")
TOLD_OBJECT_RE = re.compile(r"^\s*(?:a|an|the)\s+[\w\-]+\s+(?:in|at|on|during|of)\b")
LEDE_BONUS = 1.0
DOMAIN_AFTER_RE = re.compile(r"\.[a-z]{2,6}\b")  # "Civil" + ".ge": a web address
QUESTIONS_OBJECT_RE = re.compile(r"^\s*(?:[\w'’.\-]+\s+){0,2}questions\b", re.I)


def _tok_key_last(phrase: str) -> str:
    return key(re.sub(r"['’]s?$", "", phrase.split()[-1]))


def dominant_country(title: str, body: str) -> str | None:
    """The country an article is mostly about: the most mentioned one (the title counts twice), if unique."""
    counts: dict[str, int] = {}
    for text, w in ((title, 2), (body, 1)):
        text = re.sub(r"\bus\b", " ", text)  # the pronoun, not the US
        for m in COUNTRY_IN_RE.finditer(key(text)):
            c = COUNTRIES.get(m.group(1))
            if c:
                counts[c] = counts.get(c, 0) + w
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(counts, key=counts.get)


@dataclass
class SpeechResult:
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    primary_speaker: str | None = None
    rules: dict[str, str] = field(default_factory=dict)


def analyse_speech(title: str | None, subtitle: str | None, body: str,
                   epigraph: str | None = None, country: str | None = None) -> SpeechResult:
    """Quotes, canonical speakers and the primary speaker of one article.

    `country` (optional): the outlet's or page's country; without it, the country the article is
    mostly about names ministries the text gives without one ("the Ministry of Energy said")."""
    return Analysis(title, subtitle, body or "", epigraph, country).run()


class Analysis:
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
        if ent is None and men.kind == "role" and men.generic:
            ent = self.last_speaker(at, men)
        if ent is not None:
            self.ents.note(at, ent, True)
        return ent

    def last_speaker(self, at: int, men: Mention) -> Entity | None:
        """"“…,” the master explains": a role noun the article never gives anyone stands for the person
        quoted just before, if nobody else was named since and the article describes them as nothing else."""
        prev = [(quote, ent) for quote, ent in self.items if quote.start is not None and quote.start < at]
        if not prev:
            return None
        quote, ent = max(prev, key=lambda it: it[0].start)
        if ent is None or ent.kind != "person" or ent.partial or ent.descriptors:
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
        runs = q.dash_runs(self.body, self.paras)
        if claimed:  # turns a colon lead-in claims are one speaker's words, not interview turns
            runs = [r for r in runs if not claimed & set(r)]
            self.skip.update(claimed)
        label_run = self.label_transcript()
        for r in runs + ([label_run] if label_run else []):
            self.skip.update(r)
        address = self.address_paragraphs()
        self.skip.update(address)
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
        self.statements()
        self.leadin_turns()
        self.address(address)
        return self.result()

    def scan_names(self) -> None:
        """Register every name outside quotes: full names, roles, organisations; build the timeline."""
        body, masked = self.body, self.masked
        last_sentence, seen_person = -1, False
        joined_until = -1
        for m in self.capseq_matches():
            if m.start() < joined_until or self.para_of(m.start()) in self.skip:
                continue
            phrase = m.group().rstrip(".")
            if "Ministry" in phrase:  # "Ministry of Ecology and Natural Resources": one name
                j = re.match(r"(?:,?\s+(?:and|&)\s+" + CAPSEQ_RE.pattern + ")+", masked[m.end():])
                if j:
                    phrase = (m.group() + j.group()).rstrip(".")
                    joined_until = m.end() + j.end()
                portfolio = ministry_portfolio(phrase)
                if portfolio and parse_org(phrase) is None:
                    ent = self.ents.resolve(Mention("org-anaphor", phrase, name=portfolio), m.start())
                    if ent is not None:
                        s0 = self.sent_start(m.start())
                        before = masked[s0:m.start()]
                        self.ents.note(m.start(), ent, not PREP_BEFORE_RE.search(before))
                    continue
            if re.search(r"\bMinister\s+(?:of|for)\b", phrase):
                # "Minister of Industry and Infrastructure Development of Kazakhstan Jane Roe", "Minister of
                # Transport, Communications and High Technologies Jane Roe": one title
                j = re.match(r"(?:(?:,\s+" + CAPSEQ_RE.pattern + r")*,?\s+(?:and|&)\s+" + CAPSEQ_RE.pattern + ")+",
                             masked[m.end():])
                if j:
                    joined = (m.group() + j.group()).rstrip(".")
                    before_men, men = parse_mention(phrase), parse_mention(joined)
                    if (before_men is None or before_men.kind != "name" or len(before_men.name.split()) < 2) \
                            and men is not None and men.kind == "name" and len(men.name.split()) >= 2 \
                            and " and " not in men.name:
                        phrase, joined_until = joined, m.end() + j.end()
            tm = TITLE_JOIN_RE.search(masked[max(0, m.start() - 80):m.start()])
            if tm and _tok_key_last(tm.group("lead")) in TITLE_WORDS | ORG_HEADS:
                # "Ambassador to Qatar Jane Roe", "State Commission on Emergency Response Jane Roe": one title
                phrase = f"{tm.group('lead')} {tm.group('prep')} {phrase}"
            elif re.search(r"\b(?:and|of|for|&)\s+$", masked[max(0, m.start() - 5):m.start()]):
                phrase = "of " + phrase  # the tail of a title: "Minister of Culture and Sport Jane Roe"
            s0 = self.sent_start(m.start())
            if s0 != last_sentence:
                last_sentence, seen_person = s0, False
            before = masked[s0:m.start()]
            subject = not seen_person and not PREP_BEFORE_RE.search(before)
            org = parse_org(phrase)
            if org and (org in ORG_ALIASES.values() or " of " in org or org.startswith("Ministry")
                        or len(org.split()) >= 2):
                self.ents.note(m.start(), self.ents.org(org, phrase), subject)
                continue
            sp = split_name(phrase)
            if (sp is None or len(sp[1]) < 2) and " of " in phrase.strip():
                # "Professor Jane Roe of Some University": the person before the affiliation
                head = phrase[:phrase.index(" of ")] if not phrase.startswith("of ") else ""
                hs = split_name(head) if head else None
                if hs is not None and len(hs[1]) >= 2:
                    sp = hs
            if sp is None:
                continue
            role_words, name = sp
            name_text = " ".join(name)
            at = m.start() + phrase.rfind(name[0])
            if len(name) >= 2:
                men = parse_mention(phrase)
                if men is None or men.kind != "name":
                    continue
                ent = self.ents.person(men.name, role=men.role, gender=men.gender, country=men.country)
                self.describe(ent, role_words, s0, m.start(), m.end())
            else:
                if phrase == name_text and m.start() == s0 and body[m.end():m.end() + 1] not in ("", " "):
                    continue
                ent = self.ents.surname(name_text.rstrip("'’s"), m.start())
                if ent is None:
                    continue
                men = parse_mention(phrase)
                if men and men.role and not ent.role:
                    ent.role = men.role
            self.ents.note(at, ent, subject)
            seen_person = True

    def capseq_matches(self):
        """Capitalised runs outside quotes, cut where a sentence starts inside one ("in Aktau. Minister ...")."""
        masked = self.masked
        for m in CAPSEQ_RE.finditer(masked):
            i = bisect.bisect_right(self.starts, m.start())
            cuts = [st for st in self.starts[i:i + 4] if st < m.end()]
            if not cuts:
                yield m
                continue
            a = m.start()
            for b in cuts + [m.end()]:
                piece = CAPSEQ_RE.match(masked, a, b)
                if piece:
                    yield piece
                a = b

    def describe(self, ent: Entity, role_words: list[str], s0: int, start: int, end: int) -> None:
        """Descriptions of a person, for "the analyst said": "energy analyst Jane Roe", "Jane Roe, an
        economist at ...", "Energy Minister Jane Roe"."""
        if role_words:
            w = key(role_words[-1])
            if w and w not in DESC_STOP:
                ent.descriptors.add(w)
                ent.desc_words.update(key(" ".join(role_words)).split())
            # "Director of the State Tourism Agency Jane Roe": the title before "of" is her role noun
            heads = [key(w) for w, nxt in zip(role_words, role_words[1:], strict=False)
                     if nxt.lower() in ("of", "for", "to")]
            if heads and heads[0] and heads[0] not in DESC_STOP:
                ent.descriptors.add(heads[0].split()[-1])
                ent.desc_words.update(key(" ".join(role_words)).split())
        m = DESC_BEFORE_RE.search(self.masked[s0:start])
        if m and m.group("noun") not in DESC_STOP and not re.search(r"(?:ed|ly|ing)$", m.group("noun")) \
                and not q.CUE_RE.fullmatch(m.group("noun")):
            ent.descriptors.add(m.group("noun"))
            ent.desc_words.update(key(m.group()).split())
            ent.desc_words.update(key(" ".join(role_words)).split())
        m = DESC_AFTER_RE.match(self.masked[end:end + 120])
        noun = m and (m.group("noun") or m.group("bare"))
        if noun and noun not in DESC_STOP and not (m.group("bare") and re.search(r"(?:ed|ly|ing)$", noun)):
            ent.descriptors.add(noun)
            ent.desc_words.update(key(m.group()).split())

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
        m = q.HEADLINE_COLON_RE.match(self.title)
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
            m = q.EPIGRAPH_RE.match(text.strip())
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

    # -- transcripts -------------------------------------------------------------------------------------
    def find_interviewee(self, runs: list[list[int]], label_run: list[int] | None) -> Entity | None:
        if not runs and not label_run:
            return None
        first = min([r[0] for r in runs] + ([label_run[0]] if label_run else []))
        texts: list[tuple[str, int]] = [(self.title, 0), (self.subtitle, 0)]
        texts += [(self.body[a:b], a) for a, b in self.paras[:first]]
        for text, at in texts:
            for rx in (q.INTERVIEW_WITH_RE, q.INTERVIEW_GAVE_RE):
                for m in rx.finditer(text):
                    if DOMAIN_AFTER_RE.match(text, m.end("who")):
                        continue  # "an interview with Civil.ge": the outlet, not the interviewee
                    who = q.SEGMENT_SPLIT_RE.split(m.group("who"))[-1]
                    men = parse_mention(who)
                    if men and men.kind == "name":
                        # a lone word must be someone the article itself names in full
                        ent = self.ents.resolve(men, at + m.start(), create=len(men.name.split()) >= 2)
                        if ent is not None:
                            return ent
        people = [e for e in self.title_entities if e.kind == "person"]
        if len(people) == 1:
            return people[0]
        if people:
            return None
        # "Professor Jane Roe of ... answered questions from ...": the one person the lede names in full
        turn_at = self.paras[first][0]
        lede = {id(ev.entity): ev.entity for ev in self.ents.events
                if ev.offset < turn_at and ev.entity.kind == "person" and not ev.entity.partial}
        return next(iter(lede.values())) if len(lede) == 1 else None

    def dash_transcript(self, run: list[int]) -> None:
        texts = []
        for pi in run:
            a, b = self.paras[pi]
            raw = self.body[a:b]
            m = re.match(r"^\s*[-–—]?\s*", raw)
            texts.append((a + m.end(), b))
        is_q = q.label_questions([q.question_score(self.body[s:e]) for s, e in texts])
        who = self.interviewee
        for (s, e), question in zip(texts, is_q, strict=True):
            e2 = e
            while e2 > s and self.body[e2 - 1].isspace():
                e2 -= 1
            text = self.body[s:e2]
            if question:
                self.add(text, None, "direct", s, e2, "interview-question", None, "transcript:dash:question")
            else:
                self.add(text, who, "direct", s, e2, "interview-answer", None, "transcript:dash:answer")

    def label_transcript(self) -> list[int] | None:
        labelled = []
        for pi, (a, b) in enumerate(self.paras):
            m = q.LABEL_TURN_RE.match(self.body[a:b])
            if m and parse_org(m.group("label")) is None and not q.DQ_RE.match(m.group("text")):
                labelled.append(pi)
        if len(labelled) < 3:
            return None
        labels = {q.LABEL_TURN_RE.match(self.body[slice(*self.paras[pi])]).group("label").split(",")[0]
                  for pi in labelled}
        if len(labels) < 2:
            return None
        run = list(range(labelled[0], labelled[-1] + 1))
        return run

    def labelled_transcript(self, run: list[int]) -> None:
        turns: list[list] = []  # [label, start, end]
        for pi in run:
            a, b = self.paras[pi]
            m = q.LABEL_TURN_RE.match(self.body[a:b])
            if m:
                turns.append([m.group("label"), a + m.start("text"), b])
            elif turns and self.body[a:b].strip():
                turns.append([turns[-1][0], a, b])
        stats: dict[str, list[int]] = {}
        for label, s, e in turns:
            st = stats.setdefault(label, [0, 0])
            st[0] += 1
            st[1] += self.body[s:e].rstrip().endswith("?")
        who = self.interviewee
        answer_labels: set[str] = set()
        for label in stats:
            lk = label.strip().lower()
            if lk in ("a", "answer"):
                answer_labels.add(label)
            elif lk in ("q", "question"):
                continue
            elif "," not in label:
                men = parse_mention(label)
                ent = self.ents.resolve(men, run[0]) if men and men.kind == "name" else None
                if who is not None and ent is who:
                    answer_labels.add(label)
                elif who is None and ent is not None and stats[label][1] * 2 < stats[label][0]:
                    answer_labels.add(label)
                    who = who or ent
        for label, s, e in turns:
            text = self.body[s:e].rstrip()
            if label in answer_labels:
                lk = label.strip().lower()
                ent = who
                if lk not in ("a", "answer"):
                    men = parse_mention(label)
                    ent = self.ents.resolve(men, s) if men else who
                self.add(text, ent, "direct", s, s + len(text), "interview-answer", label,
                         "transcript:label:answer")
            else:
                self.add(text, None, "direct", s, s + len(text), "interview-question", label,
                         "transcript:label:question")

    # -- quotes and reported speech ----------------------------------------------------------------------
    def statements(self) -> None:
        events: list[tuple[int, str, object]] = [(s.open_at, "direct", s) for s in self.spans]
        seen: set[int] = set()
        for st in self.starts:
            pi = self.para_of(st)
            if pi in self.skip or st in seen:
                continue
            seen.add(st)
            events.append((st, "reported", st))
        events.sort(key=lambda x: x[0])
        self.last_by_para: dict[int, Entity | None] = {}
        for _, kind, obj in events:
            if kind == "direct":
                self.direct(obj)
            else:
                self.reported(obj)

    def direct(self, s: q.Span) -> None:
        body, masked = self.body, self.masked
        text = body[s.start:s.end]
        pa, pb = self.paras[s.para]
        after = (s.close_at + 1) if s.close_at is not None else s.end
        att = q.attribute_after(masked, after, self.paras[s.last_para][1])
        rule = att.rule if att else ""
        if att is None:
            s0 = self.sent_start(s.open_at)
            att = q.attribute_before(masked, s0, s.open_at)
            rule = att.rule if att else ""
        starts_para = body[pa:s.open_at].strip() == ""
        if att is None and starts_para:
            pj = self.prev_nonempty(s.para)
            if pj is not None and pj not in self.skip:
                ja, jb = self.paras[pj]
                prev = masked[ja:jb].rstrip()
                if prev.endswith(":"):
                    s0 = self.sent_start(ja + len(prev) - 1)
                    att = q.attribute_before(masked, s0, ja + len(prev))
                    rule = "colon-intro:" + att.rule if att else ""
        if att is not None and att.rule.endswith("participle-subject-surname") and \
                self.ents.surname(att.mention.name or "", att.at) is None:
            att, rule = None, ""
        ent = None
        if att is not None:
            ent = self.resolve(att.mention, att.at)
        if att is None:
            # a paragraph-opening quote with no cue of its own continues the speaker before it
            pj = self.prev_nonempty(s.para) if starts_para else s.para
            prev_ent = self.last_by_para.get(pj) if pj is not None else None
            if s.para in self.last_by_para and not starts_para:
                prev_ent = self.last_by_para[s.para]
            if prev_ent is not None and q.words(text) >= 4:
                ent = prev_ent
                rule = "continuation"
                self.ents.note(s.open_at, ent, True)
            elif starts_para and pj is not None and q.words(text) >= 4:
                att = self.lead_in(pj)
                rule = att.rule if att else ""
                ent = self.resolve(att.mention, att.at) if att else None
        if att is None and ent is None and (q.words(text) < 4 or q.title_case(text)):
            return  # a scare quote, a quoted name or title
        if att is not None and q.words(text) < 2 and not rule.startswith("before"):
            return
        self.add(text, ent, "direct", s.start, s.end, att.cue if att else None,
                 att.mention.surface if att else None, rule or "unattributed")
        if ent is not None or s.last_para not in self.last_by_para:
            self.last_by_para[s.last_para] = ent

    def lead_in(self, pj: int) -> q.Attribution | None:
        """A paragraph with no quote whose last sentence introduces a speaker ("Jane Roe, who runs the
        shop, described the situation at length.") before a paragraph-opening quote with no cue."""
        if pj in self.skip:
            return None
        ja, jb = self.paras[pj]
        if q.MASK in self.masked[ja:jb]:
            return None
        s0 = self.sent_start(max(ja, jb - 1))
        sent = self.masked[s0:jb]
        cues = list(INTRO_VERB_RE.finditer(sent))
        if not cues:
            return None
        c = cues[0]
        men = q.subject_before(sent[:c.start()])
        if men is None or men.kind not in ("name", "org", "role", "pronoun"):
            return None
        if men.kind == "name" and len(men.name.split()) < 2 and self.ents.surname(men.name, s0) is None:
            return None
        if "that" in sent[c.end():].split():
            return None  # "X said that ...": reported speech, continued by its own rule
        return q.Attribution(men, c.group(), s0 + c.start(), "lead-in:paragraph")

    def colon_dash_blocks(self) -> list[tuple[int, list[int]]]:
        """"Marta Kalnina said:" followed by "- ..." paragraphs: that speaker's words, no quote marks."""
        out: list[tuple[int, list[int]]] = []
        nonempty = [i for i, (a, b) in enumerate(self.paras) if self.body[a:b].strip()]
        for n, pi in enumerate(nonempty):
            a, b = self.paras[pi]
            line = self.body[a:b].rstrip()
            if not line.endswith(":") or q.DASH_TURN_RE.match(line) or not COLON_CUE_RE.search(line):
                continue
            block = []
            for pj in nonempty[n + 1:]:
                if not q.DASH_TURN_RE.match(self.body[slice(*self.paras[pj])]):
                    break
                block.append(pj)
            if not block:
                continue
            asks = sum(self.body[slice(*self.paras[pj])].rstrip().endswith("?") for pj in block)
            if len(block) >= 4 and asks:
                continue  # an interview's "-question/-answer" turns
            out.append((pi, block))
        return out

    def leadin_turns(self) -> None:
        for pi, block in self.leadins:
            a, b = self.paras[pi]
            line = self.masked[a:b].rstrip()
            s0 = self.sent_start(a + len(line) - 1)
            att = q.attribute_before(self.masked, s0, a + len(line))
            if att is None:
                continue
            ent = self.resolve(att.mention, att.at)
            for pj in block:
                ja, jb = self.paras[pj]
                m = re.match(r"^\s*[-–—]\s*", self.body[ja:jb])
                t = self.body[ja + m.end():jb].rstrip()
                self.add(t, ent, "direct", ja + m.end(), ja + m.end() + len(t), att.cue,
                         att.mention.surface, "colon-intro:dash-lines")

    def reported(self, s0: int) -> None:
        masked = self.masked
        s1 = self.sent_end(s0)
        sent = masked[s0:s1]
        if q.words(sent.replace(q.MASK, " ")) < 5:
            return
        found = None
        m = q.ACCORDING_RE.search(sent)
        if m:
            men = parse_mention(m.group("spk"))
            if men:
                if m.start() <= 2:
                    rest = sent[m.end():]
                    cs = s0 + m.end() + (len(rest) - len(rest.lstrip(" ,")))
                    found = (men, "according to", s0 + m.start("spk"), cs, s1, "reported:according-to")
                else:
                    found = (men, "according to", s0 + m.start("spk"), s0, s0 + m.start(),
                             "reported:according-to")
        if found is None:
            for c in q.CUE_RE.finditer(sent):
                cue = c.group("cue")
                if q.PARTICIPLE_RE.match(cue):
                    continue
                pre = sent[:c.start()]
                men = q.subject_before(pre)
                inverted = False
                if men is None and COORD_TAIL_RE.search(pre):
                    # "The ministry condemns the attack and declares that ...": the sentence subject
                    sm = SENT_SUBJECT_RE.match(sent)
                    men = parse_mention(sm.group()) if sm else None
                    if men is not None and men.kind not in ("name", "org"):
                        men = None
                if men is None:
                    mm = q.AFTER_CUE_SPK_RE.match(sent[c.start():])
                    if mm and pre.rstrip().endswith(","):
                        men = parse_mention(mm.group("spk"))
                        inverted = men is not None
                    if men is None:
                        continue
                rest = sent[c.end():]
                if (cue in ("told", "tells") and TOLD_OBJECT_RE.match(rest)) or QUESTIONS_OBJECT_RE.match(rest):
                    continue  # "told a conference in Baku", "answered questions from ...": no content
                cut = None
                for sm in q.SEGMENT_SPLIT_RE.finditer(pre):
                    cut = sm
                tm = q.THAT_RE.match(rest)
                end_ok = cue in q.CLAUSAL_CUES and (q.words(rest) < 4 or q.NEXT_PREP_RE.match(rest))
                if inverted or (not tm and end_ok and cut is not None and q.words(pre[:cut.start()]) >= 5
                                and pre[cut.start():cut.end()].strip() == ","
                                and not q.END_CUE_BAD_START_RE.match(pre)):
                    end = cut.start() if cut is not None and not inverted else len(pre.rstrip(" ,"))
                    found = (men, cue, s0 + c.start(), s0, s0 + end, "reported:end-cue")
                elif tm:
                    found = (men, cue, s0 + c.start(), s0 + c.end() + tm.end(), s1, "reported:cue-that")
                elif q.NEXT_PREP_RE.match(rest):
                    continue
                elif q.MASK in pre:
                    continue  # "“…,” X said at an event": the cue of the quote before it
                elif cue in q.CLAUSAL_CUES or (cue in q.OBJECT_TO_CUES and q.OBJECT_TO_RE.match(rest)):
                    found = (men, cue, s0 + c.start(), s0 + c.end(), s1, "reported:cue")
                else:
                    continue
                break
        if found is None:
            return
        men, cue, at, cs, ce, rule = found
        text = self.body[cs:ce]
        mtext = masked[cs:ce]
        if q.MASK in mtext:
            return  # it holds a direct quote, which carries the attribution
        lead = len(text) - len(text.lstrip(" ,"))
        cs += lead
        text = self.body[cs:ce].rstrip(TRAIL_PUNCT)
        text = CREDIT_TAIL_RE.sub("", text).rstrip(TRAIL_PUNCT)
        if q.words(text) < 4:
            return
        ent = self.resolve(men, at)
        if ent is None:
            return
        kind = "reported"
        if rule == "reported:end-cue" and cs == s0 and men.kind == "pronoun" and q.FIRST_PERSON_RE.search(text) \
                and self.body[s0:ce].count(",") >= 0 and cue in ("said", "says", "added"):
            kind, rule = "direct", "unmarked:first-person"
        self.add(text, ent, kind, cs, cs + len(text), cue, men.surface, rule)
        self.ents.embed(cs, cs + len(text), ent)
        self.last_by_para[self.para_of(cs)] = ent

    def address_paragraphs(self) -> list[int]:
        """A "X addressed the nation" item: its first-person paragraphs are X's speech."""
        m = q.ADDRESS_TITLE_RE.match(self.title)
        if not m:
            return []
        men = parse_mention(m.group("who"))
        if men is None or men.kind != "name":
            return []
        self.address_mention = men
        paras = [pi for pi, (a, b) in enumerate(self.paras)
                 if pi not in self.skip and q.words(self.body[a:b]) >= 8]
        if not paras or sum(bool(q.FIRST_PERSON_RE.search(self.body[slice(*self.paras[pi])]))
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

    # -- result -----------------------------------------------------------------------------------------
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
            if lede_id is None and quote.start is not None and quote.start < lede_end:
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
            speakers.append(Speaker(name=ent.name, kind=ent.kind,
                                    role=ent.role or self.ents.curated_role(ent), aliases=list(ent.aliases)))
        # "Azerbaijan vows ...": a country as the headline's subject speaks through its own officials
        lead = CAPSEQ_RE.match(self.title)
        head_country = COUNTRIES.get(key(lead.group().rstrip("'’s"))) if lead else None
        if head_country and re.match(r"\s*(?:,|and\b|&)", self.title[lead.end():]):
            head_country = None  # "Azerbaijan, Uzbekistan launch ...": several countries act together
        if head_country:
            # a person whose country the article never gives is not a foreigner: only known others yield
            own = [i for i in ranked if self.country(by_id[i]) == head_country
                   or (by_id[i].kind == "person" and self.country(by_id[i]) is None)]
            if own:
                ranked = own + [i for i in ranked if i not in own]
        primary = None
        if ranked:
            top = by_id[ranked[0]]
            primary = moved.get(top.name, top).name if top not in self.ents.entities else top.name
        rules = {"quotes": "speech:marks+cues+transcripts", "speakers": "speech:canonical-entities",
                 "primary_speaker": "speech:weighted-quotes+headline" if primary else "speech:none"}
        return SpeechResult(quotes=quotes, speakers=speakers, primary_speaker=primary, rules=rules)

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
