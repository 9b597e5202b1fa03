"""The names an article mentions outside quotes, in text order: the timeline speakers resolve on.

Every capitalised run outside quotes is registered as a person (full name, surname, title -> role),
an organisation or a ministry, and noted at its offset, marked when it is its sentence's subject;
descriptions of a person ("energy analyst Jane Roe", "Jane Roe, an economist at ...") are kept for
"the analyst said". `MentionScan` holds these steps of speech.Analysis.
"""

from __future__ import annotations

import bisect
import re

from extractors.speech.attribution import CUE_RE
from extractors.speech.names import parse_mention, split_name, titled_person
from extractors.speech.organisations import ministry_portfolio, parse_org
from extractors.speech.speakers import CAPSEQ_RE, ORG_ALIASES, ORG_HEADS, TITLE_WORDS, UPPER, Entity, Mention, key

PREP_BEFORE_RE = re.compile(r"\b(?:to|with|by|of|for|from|against|about|on|at|in|into|and|or|than|"
                            r"between|toward|towards|called|call|met|meet|meeting|thanked|urged|told|"
                            r"asked|invited|criticised|criticized|accused|congratulated)\s*$", re.I)
# "posted by his spokesman Jane Roe", "met with the visiting minister Jane Roe": an object, not a subject
OBJECT_BEFORE_RE = re.compile(r"\b(?:by|with|to|from|for|against|met|thanked|told|asked|invited|urged|received|"
                              r"congratulated|accused|criticised|criticized|praised|named|appointed)\s+"
                              r"(?:his|her|its|their|the|a|an)\s+(?:[a-z][\w\-]*\s+){0,2}$", re.I)
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
TITLE_OR_ORG_HEADS = TITLE_WORDS | ORG_HEADS
TITLE_PHRASE_RE = re.compile(r"^(?:President|Prime Minister|Foreign Minister|Minister|King|Emir|Chancellor|"
                             r"Head of State|Speaker)\b")
APPOSITION_GAP_RE = re.compile(r",\s*")
POSSESSIVE_TAIL_RE = re.compile(r"['’]s?$")
# "Roe said", "said Roe,": a lone capitalised word as the subject of a speech verb (outside quotes)
LONE_SPEAKER_RE = re.compile(
    rf"(?<![\w'’.\-])(?P<a>[{UPPER}][a-z][\w'’\-]+)\s+(?:said|says|told|tells|added|adds|wrote|writes|argued|"
    rf"argues|insisted|explained|noted|replied|responded)\b|\b(?:said|says|added)\s+(?P<b>[{UPPER}][a-z][\w'’\-]+)"
    rf"(?=\s*[,.;])")
# a capitalised title or body joined to the next capitalised run by "to"/"on" ("Ambassador to Qatar")
TITLE_JOIN_RE = re.compile(rf"(?<![\w'’\-])(?P<lead>{CAPSEQ_RE.pattern})\s+(?P<prep>to|on)\s+$")


def _title_join(window: str) -> re.Match | None:
    """TITLE_JOIN_RE in the text before a name, once the cheap test that it ends in "to"/"on" passes."""
    w = window.rstrip()
    if len(w) == len(window) or w[-2:] not in ("to", "on") or not w[-3:-2].isspace():
        return None
    return TITLE_JOIN_RE.search(window)


def _tok_key_last(phrase: str) -> str:
    return key(re.sub(r"['’]s?$", "", phrase.split()[-1]))


class MentionScan:
    """Steps of speech.Analysis: register the names, with their descriptions."""

    def lone_speakers(self) -> set[str]:
        """Keys of the single words the article uses as a speaker ("Roe said", "said Roe,"): surnames of
        people it may never name in full, registered wherever they are mentioned."""
        out, initial = set(), set()
        for m in LONE_SPEAKER_RE.finditer(self.masked):
            w = m.group("a") or m.group("b")
            men = parse_mention(w)
            if men is None or men.kind != "name" or len(men.name.split()) != 1:
                continue
            # "Police said", "Officials say": a sentence-initial word may be a common noun
            (initial if m.group("a") and m.start() in self._starts_set else out).add(men.name)
        for w in initial - out:  # ... unless the article capitalises it inside a sentence too
            if self._inside_sentence(w):
                out.add(w)
        return {key(w) for w in out}

    def _inside_sentence(self, word: str) -> bool:
        """Whether `word` occurs, capitalised and whole, somewhere other than a sentence's start."""
        masked, i = self.masked, self.masked.find(word)
        while i != -1:
            j = i + len(word)
            whole = (i == 0 or not (masked[i - 1].isalnum() or masked[i - 1] in "'’.-")) and \
                (j >= len(masked) or not masked[j].isalnum())
            if whole and i not in self._starts_set:
                return True
            i = masked.find(word, j)
        return False

    def scan_names(self) -> None:
        """Register every name outside quotes: full names, roles, organisations; build the timeline."""
        body, masked = self.body, self.masked
        self._starts_set = set(self.starts)
        lone = self.lone_speakers()
        last_sentence, seen_person = -1, False
        pending_title: tuple[int, Mention] | None = None
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
            tm = _title_join(masked[max(0, m.start() - 80):m.start()])
            if tm and _tok_key_last(tm.group("lead")) in TITLE_OR_ORG_HEADS:
                # "Ambassador to Qatar Jane Roe", "State Commission on Emergency Response Jane Roe": one title
                phrase = f"{tm.group('lead')} {tm.group('prep')} {phrase}"
            elif re.search(r"\b(?:and|of|for|&)\s+$", masked[max(0, m.start() - 5):m.start()]):
                phrase = "of " + phrase  # the tail of a title: "Minister of Culture and Sport Jane Roe"
            s0 = self.sent_start(m.start())
            if s0 != last_sentence:
                last_sentence, seen_person = s0, False
            before = masked[s0:m.start()]
            subject = not seen_person and not PREP_BEFORE_RE.search(before) and not OBJECT_BEFORE_RE.search(before)
            org = parse_org(phrase) if not titled_person(phrase) else None
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
            if (sp is None or (len(sp[1]) == 1 and " of " in phrase)) and TITLE_PHRASE_RE.match(phrase):
                title = parse_mention(f"the {phrase}")
                if title is not None and title.kind == "role":
                    pending_title = (m.end(), title)  # "the President of Korval, Jane Roe,": her role
            if sp is None:
                continue
            role_words, name = sp
            name_text = " ".join(name)
            at = m.start() + phrase.rfind(name[0])
            if len(name) >= 2:
                men = parse_mention(phrase)
                if men is None or men.kind != "name":
                    continue
                role = men.role
                if pending_title and not role and APPOSITION_GAP_RE.fullmatch(masked[pending_title[0]:m.start()]):
                    title = pending_title[1]
                    role = f"{(title.role_noun or '').title()} of {title.country}" if title.country \
                        else re.sub(r"^[Tt]he\s+", "", title.surface)
                ent = self.ents.person(men.name, role=role, gender=men.gender, country=men.country)
                self.describe(ent, role_words, s0, m.start(), m.end())
            else:
                if phrase == name_text and m.start() == s0 and body[m.end():m.end() + 1] not in ("", " "):
                    continue
                bare = POSSESSIVE_TAIL_RE.sub("", name_text)  # "Roe's" -> "Roe" ("Jones" keeps its s)
                ent = self.ents.surname(bare, m.start())
                if ent is None and key(bare) in lone and phrase == name_text:
                    ent = self.ents.resolve(Mention("name", name_text, name=bare), m.start())
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
                and not CUE_RE.fullmatch(m.group("noun")):
            ent.descriptors.add(m.group("noun"))
            ent.desc_words.update(key(m.group()).split())
            ent.desc_words.update(key(" ".join(role_words)).split())
        m = DESC_AFTER_RE.match(self.masked[end:end + 120])
        noun = m and (m.group("noun") or m.group("bare"))
        if noun and noun not in DESC_STOP and not (m.group("bare") and re.search(r"(?:ed|ly|ing)$", noun)):
            ent.descriptors.add(noun)
            ent.desc_words.update(key(m.group()).split())
