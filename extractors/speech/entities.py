"""The canonical speakers of one article.

An `Entities` registry, one per article, folds mentions into canonical entities and keeps a timeline
of where each was named: a surname resolves to the full name met earlier in the article, a role noun
to the nearest entity holding that role, a pronoun to the nearest fitting person, organisations to
"Ministry of X of <Country>".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors.speech.aliases import ACRONYM_RE, display_name, initials, richer
from extractors.speech.names import _gender
from extractors.speech.speakers import (
    CURATED,
    CURATED_ROLE,
    CURATED_SURNAME,
    ORG_ALIASES,
    TITLE_WORDS,
    Entity,
    Mention,
    _tok_key,
    country_of,
    key,
)

ROLE_QUALIFIERS = {"vice", "deputy", "assistant"}
# generic nouns that stand for any officeholder ("the official said", "the top Georgian diplomat")
HYPERNYM_ROLES = {"official", "diplomat", "representative", "politician"}
# "the company said": the organisation heads an anaphor may stand for
ANAPHOR_HEADS = {
    "company": {"company", "port", "bank", "airlines", "airways", "corporation", "corp", "inc", "ltd", "llc",
                "jsc", "ojsc", "plc", "gmbh", "holding", "holdings", "group", "plant", "factory", "railway",
                "railways", "airport", "exchange"},
    "watchdog": {"watch", "monitor", "observatory", "forum", "initiative", "platform", "centre", "center",
                 "institute", "foundation", "association"},
    "organisation": {"watch", "monitor", "forum", "initiative", "platform", "centre", "center", "institute",
                     "foundation", "association", "union", "confederation", "federation", "society", "league",
                     "alliance", "organization", "organisation", "council", "committee", "fund"},
}
ANAPHOR_HEADS["organization"] = ANAPHOR_HEADS["organisation"]
ANAPHOR_HEADS["group"] = ANAPHOR_HEADS["watchdog"] | {"group"}
ANAPHOR_HEADS["operator"] = ANAPHOR_HEADS["company"]
# what a role noun may stand for: any one set of words all in the person's role ("the premier" is the
# "Prime Minister", "the head of state" the president); a noun not listed needs its last word there
ROLE_NOUN_WORDS: dict[str, list[set[str]]] = {
    "foreign minister": [{"foreign", "minister"}, {"fm"}],
    "fm": [{"foreign", "minister"}, {"fm"}],
    "prime minister": [{"prime", "minister"}, {"premier"}, {"pm"}],
    "pm": [{"prime", "minister"}, {"premier"}, {"pm"}],
    "premier": [{"prime", "minister"}, {"premier"}, {"pm"}],
    "head of state": [{"president"}, {"king"}, {"queen"}, {"emir"}, {"sultan"}, {"head", "state"}],
    "defence minister": [{"defence", "minister"}, {"defense", "minister"}],
    "defense minister": [{"defence", "minister"}, {"defense", "minister"}],
    "spokesperson": [{"spokesperson"}, {"spokesman"}, {"spokeswoman"}, {"press", "secretary"}],
    "spokesman": [{"spokesperson"}, {"spokesman"}, {"press", "secretary"}],
    "spokeswoman": [{"spokesperson"}, {"spokeswoman"}, {"press", "secretary"}],
}
# "the Azerbaijani leader": with a country, the leader is its president or head of government
COUNTRY_LEADER_WORDS = [{"leader"}, {"president"}, {"prime", "minister"}, {"premier"}, {"chancellor"}]


def role_fits(noun: str, role_tokens: set[str], with_country: bool) -> bool:
    """Whether a role noun ("the premier") names someone whose role has `role_tokens`."""
    if noun == "leader" and with_country:
        sets = COUNTRY_LEADER_WORDS
    else:
        sets = ROLE_NOUN_WORDS.get(noun) or [{key(noun).split()[-1]}]
    if noun == "minister" and "prime" in role_tokens:
        return False  # "the minister" is not the prime minister
    return any(ws <= role_tokens for ws in sets)


@dataclass
class Event:
    offset: int
    entity: Entity
    subject: bool  # first person named in its sentence / the speaker of a cue
    embedded: bool = False  # named inside someone else's reported statement ("He recalled that X had ...")


class Entities:
    """The speakers and mentioned people/organisations of one article."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.by_key: dict[str, Entity] = {}
        self.events: list[Event] = []
        self._offsets: list[int] = []
        self.default_country: str | None = None  # the article's country, for "the Ministry of Energy"

    # -- registry ----------------------------------------------------------------------------------
    def _new(self, ent: Entity) -> Entity:
        self.entities.append(ent)
        self.by_key[key(ent.name)] = ent
        return ent

    def note(self, offset: int, ent: Entity, subject: bool) -> None:
        i = bisect.bisect_right(self._offsets, offset)
        self._offsets.insert(i, offset)
        self.events.insert(i, Event(offset, ent, subject))

    def embed(self, start: int, end: int, speaker: Entity | None) -> None:
        """Names inside [start, end), the content of `speaker`'s statement, are talked about, not talking."""
        i = bisect.bisect_left(self._offsets, start)
        while i < len(self.events) and self.events[i].offset < end:
            ev = self.events[i]
            if ev.entity is not speaker:
                ev.embedded, ev.subject = True, False
            i += 1

    def person(self, name: str, role: str | None = None, gender: str | None = None,
               country: str | None = None, spelled: bool = True) -> Entity:
        """The entity of a full (2+ word) person name, created if new (`spelled`: the page writes it so;
        False for a curated name a surname or role stands for)."""
        k = key(name)
        cur = CURATED.get(k)
        if cur:
            k = key(cur.name)
        ent = self.by_key.get(k)
        if ent is None:
            toks = k.split()
            for e in self.entities:  # "Tayyip Erdogan" inside "Recep Tayyip Erdogan"
                if e.kind == "person" and not e.partial and e.tokens and e.tokens[-1] == toks[-1] and \
                        (set(toks) <= set(e.tokens) or set(e.tokens) <= set(toks) or
                         (len(toks) == 2 and len(toks[0]) == 1 and e.tokens[0].startswith(toks[0]))):
                    # "Tayyip Erdogan" inside "Recep Tayyip Erdogan"; "O. Lind" for "Oskar Lind"
                    ent = e
                    if len(toks) > len(e.tokens) and not cur:
                        e.name, e.tokens = display_name(name), toks
                    break
        if ent is None:
            canonical = cur.name if cur else display_name(name)
            if cur and len(key(name).split()) == len(k.split()):
                canonical = display_name(name)  # "Sergey Lavrov" as the page spells it, not "Sergei"
            ent = self._new(Entity(canonical, "person", tokens=key(canonical).split()))
            self.by_key.setdefault(k, ent)
            if cur:
                ent.gender, ent.role = cur.gender, None
        elif not cur:  # the name keeps its letters: "Karaağaçlı" after a page's "Karaagacli"
            ent.name = richer(ent.name, display_name(name))
        elif len(key(name).split()) == len(k.split()) and not any(len(a.split()) >= 2 for a in ent.aliases):
            # first spelled in full here (a surname or a role found the curated entry before)
            ent.name, ent.tokens = display_name(name), key(name).split()
            self.by_key.setdefault(key(name), ent)
        if role and not ent.role:
            ent.role = role
        if gender and not ent.gender:
            ent.gender = gender
        if country and not ent.country:
            ent.country = country
        if not ent.gender:
            ent.gender = _gender(ent.name.split()[0], "") or (cur.gender if cur else None)
        if spelled:
            ent.add_alias(name)
        return ent

    def org(self, name: str, surface: str) -> Entity:
        ent = self.by_key.get(key(name))
        if ent is None:
            ent = self._new(Entity(name, "organisation", country=country_of(name),
                                   tokens=key(name).split()))
        ent.add_alias(surface)
        return ent

    def curated_role(self, ent: Entity) -> str | None:
        cur = CURATED.get(key(ent.name))
        return cur.role if cur else None

    # -- resolution ----------------------------------------------------------------------------------
    def _recent(self, offset: int, pred, window: int = 3000, subject_first: bool = True,
                skip_embedded: bool = True) -> Entity | None:
        i = bisect.bisect_left(self._offsets, offset)
        fallback = None
        j = i - 1
        while j >= 0 and offset - self.events[j].offset <= window:
            ev = self.events[j]
            if ev.embedded and skip_embedded:
                j -= 1
                continue
            if pred(ev.entity):
                if ev.subject or not subject_first:
                    return ev.entity
                if fallback is None:
                    fallback = ev.entity
            j -= 1
        return fallback

    def surname(self, word: str, offset: int) -> Entity | None:
        """A single name word: the person of that (sur)name met in the article, else a curated one."""
        wk = _tok_key(word)
        if not wk:
            return None
        if " " in wk:  # "Ter-Grigoryan": a hyphenated surname, the tail of a full name's tokens
            parts = wk.split()
            cands = [e for e in self.entities if e.kind == "person" and not e.partial
                     and e.tokens[-len(parts):] == parts and len(e.tokens) > len(parts)]
            return cands[0] if len(cands) == 1 else None
        cands = [e for e in self.entities if e.kind == "person" and wk in e.tokens]
        if len(cands) > 1:
            last = [e for e in cands if e.tokens[-1] == wk] or cands
            if len(last) == 1:
                return last[0]
            recent = self._recent(offset, lambda e: e in last, window=10**9, subject_first=False)
            return recent or last[0]
        if cands:
            return cands[0]
        cur = CURATED_SURNAME.get(wk)
        if cur and len(cur) == 1:
            return self.person(cur[0].name, spelled=False)
        return None

    def resolve(self, m: Mention, offset: int, create: bool = True) -> Entity | None:
        if m.kind == "org":
            return self.org(m.name, m.surface) if create else self.by_key.get(key(m.name))
        if m.kind == "org-anaphor":
            want = key(m.name or "")
            portfolio = want.startswith("ministry ") and len(want.split()) > 1

            def is_org(e: Entity) -> bool:
                if e.kind != "organisation":
                    return False
                if portfolio:  # "the Ministry of Energy" is not the Ministry of Foreign Affairs
                    return key(e.name).startswith(want + " of ") or key(e.name) == want
                if not want:
                    return True
                w = want.split()[-1]
                return w in e.tokens or bool(e.tokens and e.tokens[-1] in ANAPHOR_HEADS.get(w, ()))

            ent = self._recent(offset, is_org, window=10**9, subject_first=m.document)
            if ent is None:
                orgs = [e for e in self.entities if is_org(e)]
                ent = orgs[0] if len(orgs) == 1 else None
            if ent is None and portfolio and create and self.default_country:
                name = f"{m.name} of {self.default_country}"
                ent = self.org(ORG_ALIASES.get(key(name), name), m.surface)
            elif ent is None and portfolio and create and re.match(r"^(?:[Tt]he\s+)?Ministry\b", m.surface):
                ent = self.org(m.name, m.surface)  # "the Ministry of Emergency Situations", country unknown
            if ent:
                ent.add_alias(m.surface)
            return ent
        if m.kind == "pronoun":
            def fits(e: Entity) -> bool:
                return e.kind == "person" and (e.gender is None or m.gender is None or e.gender == m.gender)
            return self._recent(offset, fits)
        if m.kind == "role":
            noun = m.role_noun or ""
            nk = key(noun).split()[-1]

            def has_role(e: Entity) -> bool:
                if e.kind != "person":
                    return False
                if nk in e.descriptors:
                    known = e.desc_words | set(key(e.role or "").split())
                    if not role_fits(noun, known | e.descriptors, m.country is not None):
                        return False  # "the prime minister" is not a minister described as "Minister X"
                    return all(a in known for a in m.role_adj)
                if m.generic and noun in HYPERNYM_ROLES:
                    # "the official", "the Georgian diplomat": anyone the article gives an office
                    role = e.role or self.curated_role(e) or ""
                    c = e.country or country_of(role)
                    return bool(role or e.descriptors & TITLE_WORDS) and (m.country is None or c == m.country)
                if m.generic:
                    return False  # "the analyst": only someone the article itself called an analyst
                role = e.role or self.curated_role(e) or ""
                rk = key(role)
                if not role_fits(noun, set(rk.split()) | e.descriptors, m.country is not None):
                    return False
                c = e.country or country_of(role)
                return m.country is None or c is None or c == m.country

            # "the minister" is not "the vice minister" (nor the reverse) when both are in the article
            want_q = set(m.role_adj) & ROLE_QUALIFIERS

            def same_rank(e: Entity) -> bool:
                known = e.desc_words | set(key(e.role or self.curated_role(e) or "").split())
                return has_role(e) and (known & ROLE_QUALIFIERS) == want_q

            ent = None
            for pred in (same_rank, has_role):
                ent = self._recent(offset, pred, window=10**9, subject_first=False)
                if ent is None:
                    cands = [e for e in self.entities if pred(e)]
                    ent = cands[0] if len(cands) == 1 else None
                if ent is not None:
                    break
            if ent is None and m.country and not m.generic:
                for rk, curs in CURATED_ROLE.items():
                    if nk in rk.split() and key(m.country) in rk and len(curs) == 1 and \
                            (noun != "minister" or rk.startswith("minister")) and \
                            rk.split()[0] == key(noun).split()[0]:
                        ent = self.person(curs[0].name, spelled=False) if create else None
                        break
            if ent:
                ent.add_alias(m.surface)
            return ent
        if m.kind == "name":
            words = m.name.split()
            if len(words) == 1 and ACRONYM_RE.match(words[0]):  # "the MES said": an organisation
                ent = self.acronym(words[0], offset, create)
                if ent is not None:
                    ent.add_alias(words[0])
                return ent
            if len(words) >= 2:
                if not create:
                    return self.by_key.get(key(m.name))
                return self.person(m.name, role=m.role, gender=m.gender, country=m.country)
            ent = self.surname(words[0], offset)
            if ent is None and create:
                ent = self.by_key.get(key(words[0]))
                if ent is None:
                    ent = self._new(Entity(display_name(words[0]), "person", tokens=[key(words[0])],
                                           partial=True))
            if ent is not None:
                if m.role and not ent.role:
                    ent.role = m.role
                if m.gender and not ent.gender:
                    ent.gender = m.gender
                ent.add_alias(m.surface)
            return ent
        return None

    def acronym(self, word: str, offset: int, create: bool = True) -> Entity | None:
        """The organisation an acronym stands for: the article's one with those initials, the nearest
        before if several; else (when creating) an organisation of that name."""
        def stands_for(e: Entity) -> bool:
            return e.kind == "organisation" and (initials(e.name) == word or e.name == word)
        ent = self._recent(offset, stands_for, window=10**9, subject_first=False)
        if ent is None:
            ent = next((e for e in self.entities if stands_for(e)), None)
        if ent is None and create:
            ent = self._new(Entity(word, "organisation", tokens=[key(word)]))
        return ent

    def finish(self) -> dict[str, Entity]:
        """Fold partial (surname-only) entities into a unique full name met later; old name -> entity."""
        moved: dict[str, Entity] = {}
        for e in list(self.entities):
            if not e.partial:
                continue
            parts = e.tokens[0].split()
            full = [f for f in self.entities if f.kind == "person" and not f.partial and
                    (f.tokens[-len(parts):] == parts if len(parts) > 1 else parts[0] in f.tokens)]
            if len(full) == 1:
                moved[e.name] = full[0]
                for a in e.aliases:
                    full[0].add_alias(a)
                self.entities.remove(e)
        return moved
