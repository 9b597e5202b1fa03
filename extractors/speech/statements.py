"""Direct quotes and reported speech in text order, each with the speaker it is attributed to.

A direct quote is attributed by the speaker phrase after it or before it in the same sentence
(extractors.speech.attribution), by a colon-ended lead-in paragraph, or as the continuation of the previous
paragraph's speaker; reported speech is a cue verb with a speaker subject ("X said that …", "…, X
said", "according to X, …"); "X said:" followed by "- " lines is X's words. `Statements` holds these
steps of speech.Analysis.
"""

from __future__ import annotations

import re

from extractors.speech import quotes as q
from extractors.speech.attribution import (
    AFTER_CUE_SPK_RE,
    CLAUSAL_CUES,
    CUE_RE,
    PARTICIPLE_RE,
    SEGMENT_SPLIT_RE,
    SUBJECT_VERB_RE,
    Attribution,
    attribute_after,
    attribute_before,
    subject_before,
)
from extractors.speech.interviews import DASH_TURN_RE
from extractors.speech.names import parse_mention
from extractors.speech.speakers import CAPSEQ_RE, Entity, Mention

CREDIT_TAIL_RE = re.compile(r",\s*[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?\s+(?:informs|reports|reported)\s*$")
TRAIL_PUNCT = " \t,.;:!?…"
COORD_TAIL_RE = re.compile(r"\band\s+(?:\w+ly\s+)?$")
SENT_SUBJECT_RE = re.compile(r"^(?:The\s+)?" + CAPSEQ_RE.pattern)
# "Jane Roe, who runs the shop, described the situation at length." before a quote of her own
INTRO_VERB_RE = re.compile(r"\b(?:described|explained|told|said|says|recalled|spoke|speaks|shared|commented|"
                           r"continued|added|replied|wrote|stated|noted|remarked|reflected|elaborated|"
                           r"put it|went on)\b")
SALUTATION_RE = re.compile(r"^\s*(?:Dear|Distinguished|Esteemed|Ladies and gentlemen|Colleagues|Friends)\b"
                           r"[^.?]{0,80}[,!:]?\s*$")
# "..., she said.", "Roe added": a narrator's cue in a paragraph ends a speaker's unquoted statement
NARRATOR_CUE_RE = re.compile(r"\b(?:he|she|they|[A-Z][a-z]+)\s+(?:said|says|added|noted|stressed|stated|told)\b")
# the cue of a colon lead-in to "- " lines: "Marta Kalnina said:"; "According to Jane Roe:"
COLON_CUE_RE = re.compile(r"^\s*According to [^.!?:;]{3,80}:\s*$|"
                          r"\b(?:said|says|noted|notes|stated|states|added|adds|continued|stressed|"
                          r"emphasi[sz]ed|declared|remarked|replied|underlined|spoke as follows|"
                          r"addressed the (?:event|meeting|ceremony|audience|participants))\b[^.!?]{0,40}:\s*$")
# "Jane Roe's statements are as follows;", "Jane Roe said the following:": her unquoted words follow
FOLLOWS_RE = re.compile(
    r"^\s*(?:(?P<owner>[^.!?:;“”\"«»\n]{3,120}?)['’]s?\s+(?:statements?|words|remarks|speech|address|comments?|"
    r"answers?|message)\s+(?:are|is|were|was|reads?|read)\s+as follows|"
    r"(?P<who>[^.!?:;“”\"«»\n]{3,120}?)\s+(?:said|stated|noted|declared|added|stressed|continued|"
    r"wrote|remarked)\s+(?:the following|as follows))\s*[:;.]?\s*$")
# cues whose noun object is the statement ("noted the presence of ...", "voiced readiness to ..."): the
# statement's text keeps the verb
NP_CUE_RE = re.compile(r"^(?:noted|notes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underlines|"
                       r"underscored|highlighted|highlights|pointed out|points out|expressed|expresses|voiced|"
                       r"conveyed|instructed|(?:passed|extended|sent|conveyed)\b.*)$")
OPENER_ONLY_RE = re.compile(r"^\s*(?:Having|After|Before|While|When|Upon|On|Once)\s*$")
INSTRUCTED_TO_RE = re.compile(r"^\s+(?:(?:the|all|his|her|its|their)\s+)?(?:[\w\-]+\s+){0,2}?to\s+[a-z]")
EXPRESSED_CUE_RE = re.compile(r"^(?:expressed|expresses|voiced)\b")
TOLD_OBJECT_RE = re.compile(r"^\s*(?:a|an|the)\s+[\w\-]+\s+(?:in|at|on|during|of)\b")
QUESTIONS_OBJECT_RE = re.compile(r"^\s*(?:[\w'’.\-]+\s+){0,2}questions\b", re.I)
OBJECT_TO_CUES = {"urged", "urges", "called on", "asked", "described", "demanded", "warned"}
OBJECT_TO_RE = re.compile(r"^\s*[\w'’.\- ]{1,100}?\s+(?:to|as)\s+\w", re.I)
END_CUE_BAD_START_RE = re.compile(r"^\s*(?:In|On|At|During|After|Before|Speaking|Answering|Commenting|"
                                  r"Responding|Asked|When|While|Since|Following|Earlier|Later)\b")
THAT_RE = re.compile(r"^\s*(?:(?:[^.;:]|\.(?=\s*\d)){0,60}?\s)?that\s+", re.I)  # "said on Jan. 15 that"
NEXT_PREP_RE = re.compile(r"^\s*(?:in|on|at|to|during|after|before|about|of|with|for|from|when|while|"
                          r"by|later|earlier|this|last|yesterday|today|as|it|so|nothing|something)\b", re.I)
ACCORDING_RE = re.compile(r"\baccording to (?P<spk>[^,.;:" + q.MASK + r"“”\"\n]{2,80}?)(?=\s*[,.;:]|$)", re.I)
THAT_CLAUSE_RE = re.compile(r"\b(?:said|says|told|added|noted|argued|wrote)\b")
# a sentence's own verbs that do not make its subject the speaker of a quote in it
NOT_REPORTING_VERBS = {"is", "was", "has", "does", "seems", "appears", "remains", "remained", "becomes",
                       "became", "looks", "sounds", "means", "faces", "faced", "won", "lost", "needs", "wants"}
FIRST_PERSON_RE = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|I'm|I’m|we're|we’re)\b")
# "X stated this in an interview", "X told the aforesaid to ...": the cue's object points back to the
# unquoted words before it (the sentences before it in its paragraph, or the paragraph before it)
BACKREF_CUE_RE = re.compile(
    r"\b(?P<cue>said|says|stated|states|told|tells|noted|notes|declared|announced|emphasi[sz]ed|stressed|"
    r"underlined|wrote|mentioned|added|remarked|reported)\s+(?:this|so|the (?:above|aforesaid|aforementioned)|"
    r"these words)(?=\s*(?:[,.;]|$)|\s+(?:to|in|at|during|on|while|when|after|before|with|for|from|"
    r"speaking|addressing|commenting|answering)\b)")
# "..., Jane Roe told reporters during a briefing": who was told, then when or where
AUDIENCE_RE = re.compile(
    r"^\s*(?:(?:news|local|foreign|visiting|gathered)\s+)?(?:reporters|journalists|correspondents|the press|"
    r"the media|media|(?:an?|the)\s+[\w\-]+\s+(?:correspondent|reporter|journalist|newspaper|agency)|"
    r"[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})(?=\s*(?:[.,;]|$)|\s+(?:in|on|at|during|after|before|about|when|"
    r"while|this|last|by|via|over)\b)")
# "..., Jane Roe said receiving the delegation": a participle clause after an end cue
PARTICIPLE_TAIL_RE = re.compile(r"^\s*(?:while\s+|when\s+)?(?:[a-z]+ing)\b(?!\s+that\b)")
# "- Jane Roe", "— Sen. Jane Roe": a signature line alone in its paragraph, under a quote
SIGNATURE_LINE_RE = re.compile(r"^\s*[―—–-]{1,2}\s*(?P<spk>(?:[A-Z][\w'’\-]*\.?\s+){0,4}[A-Z][\w'’\-]+)"
                               r"\s*(?:,\s*[^\n]{2,80})?\.?\s*$")
PARTICIPLE_THAT_RE = re.compile(r",\s+(?P<cue>saying|adding|noting|stressing|warning|arguing|insisting|explaining|"
                                r"claiming|stating|declaring|emphasi[sz]ing|underlining)\s+that\s+")
# "here are the main parts of Jane Roe's statements:": the owner of the words that follow
OWNER_WORDS_RE = re.compile(r"(?P<owner>(?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w\-]+)['’]s?\s+(?:statements?|remarks|words|"
                            r"speech|address|comments?|answers?|message|interview)\b[^.!?:]{0,40}:\s*$")
# "... deny it. Jane Roe Kremlin spokeswoman": a pull quote signed at its end by a name and a role
SIGNED_TAIL_RE = re.compile(r"[.!?…](?:\s+)(?P<who>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3})"
                            r"(?:\s+[A-Za-z][\w'’\-]*){0,4}$")
# a line that is only a person's name, under a pull quote
NAME_LINE_RE = re.compile(r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3}")
# "YEREVAN. – ", "BAKU, May 3 - ": a dateline before the first sentence
DATELINE_RE = re.compile(r"^\s*[A-Z][A-Z .,/'’\-]{1,40}(?:,\s*[A-Z][a-z]+ \d{1,2})?[.,:]?\s*[–—-]\s+")


class Statements:
    """Steps of speech.Analysis: quotes and reported speech, attributed."""

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
        open_end = body[s.start:s.end].rstrip()[-1:] in (",", "?", "!") or body[after:after + 1] == ","
        att = attribute_after(masked, after, self.paras[s.last_para][1], open_end) or self.signature_below(s, after)
        rule = att.rule if att else ""
        if att is None:
            s0 = self.sent_start(s.open_at)
            att = attribute_before(masked, s0, s.open_at)
            rule = att.rule if att else ""
        starts_para = body[pa:s.open_at].strip() == ""
        if att is None and not starts_para:
            att = self.same_sentence_after(s) or self.sentence_subject(s)
            if att is None and s.para not in self.last_by_para and q.words(text) >= 4:
                att = self.prev_sentence_lead(s)
            rule = att.rule if att else ""
        if att is None and starts_para:
            pj = self.prev_nonempty(s.para)
            if pj is not None and pj not in self.skip:
                ja, jb = self.paras[pj]
                prev = masked[ja:jb].rstrip()
                if prev.endswith(":"):
                    s0 = self.sent_start(ja + len(prev) - 1)
                    own = OWNER_WORDS_RE.search(masked, s0, ja + len(prev))
                    omen = parse_mention(own.group("owner")) if own else None
                    if omen is not None and omen.kind in ("name", "org"):
                        # "..., here are some parts of Jane Roe's statements:": the words are hers
                        att = Attribution(omen, "statements", own.start("owner"), "colon-intro:owner-words")
                    else:
                        att = attribute_before(masked, s0, ja + len(prev))
                    rule = "" if att is None else att.rule if att.rule.startswith("colon-intro") \
                        else "colon-intro:" + att.rule
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
        if att is None and ent is None and starts_para and s.close_at is not None and \
                not self.body[s.close_at + 1:self.paras[s.last_para][1]].strip(" .") and q.words(text) >= 4:
            # a quoted heading ("‘X is the biggest threat’") over a paragraph whose first sentence names its speaker
            nxt = s.last_para + 1
            while nxt < len(self.paras) and not self.body[slice(*self.paras[nxt])].strip():
                nxt += 1
            if nxt < len(self.paras) and nxt not in self.skip:
                na = self.paras[nxt][0]
                ne = self.sent_end(na)
                if CUE_RE.search(self.masked[na:ne]):
                    att = self.sentence_lead(na, ne)
                    if att is not None:
                        rule = "heading:" + att.rule
                        ent = self.resolve(att.mention, att.at)
        if att is None and ent is None and (q.words(text) < 4 or q.title_case(text)):
            return  # a scare quote, a quoted name or title
        if att is not None and q.words(text) < 2 and not rule.startswith("before"):
            if ent is not None:
                self.last_by_para[s.last_para] = ent  # "“Safety,” said Roe. “Safety for everyone.”"
            return
        self.add(text, ent, "direct", s.start, s.end, att.cue if att else None,
                 att.mention.surface if att else None, rule or "unattributed")
        if ent is not None or s.last_para not in self.last_by_para:
            self.last_by_para[s.last_para] = ent

    def signed_paragraphs(self) -> None:
        """Unquoted pull quotes signed by a person the article names: a paragraph followed by a line that is
        only their name ("Jane Roe"), or a first-person paragraph ending on the name and a role ("... deny it.
        Jane Roe Kremlin spokeswoman"). The words are that person's."""
        nonempty = [i for i, (a, b) in enumerate(self.paras) if self.body[a:b].strip() and i not in self.skip]
        for n, pi in enumerate(nonempty):
            a, b = self.paras[pi]
            text = self.body[a:b].rstrip()
            if q.DQ_RE.search(text) or q.MASK in self.masked[a:b]:
                continue
            cs, ce, who, end = a, a + len(text), None, b
            tail = SIGNED_TAIL_RE.search(text)
            if tail and FIRST_PERSON_RE.search(text[:tail.start()]):
                who, ce = tail.group("who"), a + tail.start() + 1
            elif n + 1 < len(nonempty) and text[-1:] in ".!?":
                na, nb = self.paras[nonempty[n + 1]]
                line = self.body[na:nb].strip()
                if NAME_LINE_RE.fullmatch(line):
                    who, end = line, nb
            men, ent = None, None
            toks = who.split() if who else []
            for k in range(2, len(toks) + 1):  # "Jane Roe Kremlin": the name is the shortest that resolves
                men = parse_mention(" ".join(toks[:k]))
                ent = self.ents.resolve(men, cs, create=False) if men is not None and men.kind == "name" else None
                if ent is not None:
                    break
            if men is None or ent is None or \
                    not any(ev.entity is ent and not (cs <= ev.offset < end) for ev in self.ents.events):
                continue  # only someone the article names elsewhere (not an author's byline)
            words_text = self.body[cs:ce].strip()
            if q.words(words_text) < 6:
                continue
            self.add(words_text, ent, "direct", cs, cs + len(words_text), "signature", men.surface,
                     "signed:pull-quote")
            self.skip.add(pi)

    def signature_below(self, s: q.Span, after: int) -> Attribution | None:
        """A quote that ends its paragraph, signed on the next line: "“…”" then "- Jane Roe"."""
        end = self.paras[s.last_para][1]
        if s.close_at is None or self.body[after:end].strip():
            return None
        nxt = s.last_para + 1
        while nxt < len(self.paras) and not self.body[slice(*self.paras[nxt])].strip():
            nxt += 1
        if nxt >= len(self.paras) or nxt in self.skip:
            return None
        a, b = self.paras[nxt]
        m = SIGNATURE_LINE_RE.match(self.masked[a:b])
        men = parse_mention(m.group("spk")) if m else None
        if men is None or men.kind not in ("name", "org"):
            return None
        return Attribution(men, "signature", a + m.start("spk"), "after:signature-line")

    def same_sentence_after(self, s: q.Span) -> Attribution | None:
        """"Guns are “a crisis” and “a disgrace,” Jane Roe proclaimed.": the cue after the sentence's
        last quote attributes the quotes before it in the same sentence."""
        s1 = self.sent_end(s.open_at)
        later = [t for t in self.spans if s.open_at < t.open_at < s1 and t.close_at is not None]
        if not later or s.close_at is None:
            return None
        between = self.masked[s.close_at + 1:later[0].open_at]
        if not re.fullmatch(r"\s*(?:,|and|or|,\s*and|,\s*or)?\s*", between):
            return None  # only quotes joined by "and"/"or"/a comma share the cue
        t = later[-1]
        open_end = self.body[t.start:t.end].rstrip()[-1:] in (",", "?", "!")
        att = attribute_after(self.masked, t.close_at + 1, self.paras[t.last_para][1], open_end)
        if att is None:
            return None
        att.rule = "same-sentence:" + att.rule
        return att

    def sentence_subject(self, s: q.Span) -> Attribution | None:
        """"Jane Roe expressed amusement that the mayor had called it “a fine idea”": with no cue, the
        person the sentence opens with (named in full, a known surname, a role noun, a pronoun)."""
        s0 = self.sent_start(s.open_at)
        m = SUBJECT_VERB_RE.match(self.masked[s0:s.open_at])
        if m is None or m.group("verb") in NOT_REPORTING_VERBS:
            return None
        men = parse_mention(m.group("spk"))
        if not self.speaker_subject(men, s0):
            return None
        return Attribution(men, m.group("verb"), s0 + m.start("spk"), "before:sentence-subject")

    def lead_in(self, pj: int) -> Attribution | None:
        """A paragraph with no quote whose last sentence introduces a speaker ("Jane Roe, who runs the
        shop, described the situation at length.") before a paragraph-opening quote with no cue."""
        if pj in self.skip:
            return None
        ja, jb = self.paras[pj]
        if q.MASK in self.masked[ja:jb]:
            return None
        return self.sentence_lead(self.sent_start(max(ja, jb - 1)), jb)

    def prev_sentence_lead(self, s: q.Span) -> Attribution | None:
        """"He attached importance to the talks. “This is a very important factor.”": a quote opening a
        sentence inside its paragraph, with no cue, is by the speaker the sentence before introduces."""
        s0 = self.sent_start(s.open_at)
        pa = self.paras[s.para][0]
        if s0 != s.open_at or s0 <= pa:
            return None
        ps = self.sent_start(s0 - 1)
        if ps < pa or q.MASK in self.masked[ps:s0]:
            return None
        att = self.sentence_lead(ps, s0)
        if att is not None:
            att.rule = "same-paragraph:" + att.rule
        return att

    def speaker_subject(self, men: Mention | None, at: int) -> bool:
        """A sentence subject that can be a speaker: a person, an organisation, a role noun or a pronoun; a
        one-word name only when it is the surname of someone the text named before `at`."""
        if men is None or men.kind not in ("name", "org", "pronoun", "role"):
            return False
        return not (men.kind == "name" and len(men.name.split()) < 2 and self.ents.surname(men.name, at) is None)

    def sentence_lead(self, s0: int, end: int) -> Attribution | None:
        """The speaker a quote-free sentence masked[s0:end] introduces, or None."""
        sent = self.masked[s0:end]
        cues = list(INTRO_VERB_RE.finditer(sent))
        if not cues:
            # "The committee issued a statement on Friday.": the subject of any verb, for a long quote
            sm = SUBJECT_VERB_RE.match(sent)
            if sm is None or sm.group("verb") in NOT_REPORTING_VERBS or THAT_CLAUSE_RE.search(sent):
                return None
            men = parse_mention(sm.group("spk"))
            if not self.speaker_subject(men, s0):
                return None
            return Attribution(men, sm.group("verb"), s0 + sm.start("spk"), "lead-in:subject")
        c = cues[0]
        men = subject_before(sent[:c.start()])
        if not self.speaker_subject(men, s0):
            return None
        if "that" in sent[c.end():].split():
            return None  # "X said that ...": reported speech, continued by its own rule
        return Attribution(men, c.group(), s0 + c.start(), "lead-in:paragraph")

    def colon_dash_blocks(self) -> list[tuple[int, list[int]]]:
        """"Marta Kalnina said:" followed by "- ..." paragraphs: that speaker's words, no quote marks."""
        out: list[tuple[int, list[int]]] = []
        nonempty = [i for i, (a, b) in enumerate(self.paras) if self.body[a:b].strip()]
        for n, pi in enumerate(nonempty):
            a, b = self.paras[pi]
            line = self.body[a:b].rstrip()
            follows = FOLLOWS_RE.match(line)
            if not follows and (not line.endswith(":") or DASH_TURN_RE.match(line) or not COLON_CUE_RE.search(line)):
                continue
            block = []
            for pj in nonempty[n + 1:]:
                if not DASH_TURN_RE.match(self.body[slice(*self.paras[pj])]):
                    break
                block.append(pj)
            if not block:
                # first-person paragraphs without quote marks: the speaker's words, up to the first
                # paragraph that is not (a quote, a narrator's sentence); a salutation ("Dear colleagues,")
                # is passed over, and up to two paragraphs without a first person between first-person ones
                # belong to the statement
                pending: list[int] = []
                for pj in nonempty[n + 1:]:
                    t = self.body[slice(*self.paras[pj])]
                    if SALUTATION_RE.match(t) and not block and not pending:
                        continue
                    if q.DQ_RE.search(t) or q.words(t) < 4 or NARRATOR_CUE_RE.search(t):
                        break
                    if not FIRST_PERSON_RE.search(t):
                        pending.append(pj)
                        if not block or len(pending) > 2:
                            break
                        continue
                    block.extend(pending + [pj])
                    pending = []
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
            fm = FOLLOWS_RE.match(self.body[s0:a + len(line)])
            men = parse_mention(fm.group("owner") or fm.group("who")) if fm else None
            if men is not None and men.kind in ("name", "org", "role", "pronoun"):
                att = Attribution(men, "as follows", s0, "as-follows")
            else:
                att = attribute_before(self.masked, s0, a + len(line))
            if att is None:
                continue
            ent = self.resolve(att.mention, att.at)
            for pj in block:
                ja, jb = self.paras[pj]
                m = re.match(r"^\s*[-–—]?\s*", self.body[ja:jb])
                t = self.body[ja + m.end():jb].rstrip()
                dashed = m.group().strip() != ""
                self.add(t, ent, "direct", ja + m.end(), ja + m.end() + len(t), att.cue,
                         att.mention.surface, "colon-intro:dash-lines" if dashed else "colon-intro:paragraphs")

    def back_reference(self, s0: int, sent: str) -> bool:
        """"<statement>. Jane Roe stated this in an interview.": the statement is Jane Roe's."""
        m = BACKREF_CUE_RE.search(sent)
        if m is None:
            return False
        men = subject_before(sent[:m.start()])
        if men is None or men.kind not in ("name", "org", "role", "pronoun"):
            return False
        pi = self.para_of(s0)
        pa, _ = self.paras[pi]
        if s0 > pa:  # the sentences before it in its paragraph
            cs, ce = pa, s0
        else:  # the paragraph before it, if nobody else is quoted there
            pj = self.prev_nonempty(pi)
            if pj is None or pj in self.skip or pj in self.last_by_para:
                return False
            cs, ce = self.paras[pj]
        if any(sp.open_at < ce and sp.end > cs and q.words(self.body[sp.start:sp.end]) >= 4 for sp in self.spans):
            return False  # it holds a quote of its own
        d = DATELINE_RE.match(self.body, cs, ce)
        if d:
            cs = d.end()
        text = self.body[cs:ce].strip()
        if q.words(text) < 6:
            return False
        cs = self.body.index(text, cs)
        ent = self.resolve(men, s0 + m.start())
        if ent is None:
            return False
        kind = "direct" if FIRST_PERSON_RE.search(text) else "reported"
        self.add(text, ent, kind, cs, cs + len(text), m.group("cue"), men.surface, "reported:back-reference")
        self.ents.embed(cs, cs + len(text), ent)
        self.last_by_para[self.para_of(cs)] = ent
        self.last_by_para[pi] = ent
        return True

    @staticmethod
    def inner_speaker(rest: str) -> bool:
        """Whether the words after "according to X," open with their own speaker and cue ("Jane Roe told
        reporters that ...")."""
        c = CUE_RE.search(rest)
        if c is None or PARTICIPLE_RE.match(c.group("cue")) or c.start() > 80:
            return False
        men = subject_before(rest[:c.start()])
        return men is not None and men.kind in ("name", "pronoun", "role") and \
            (men.kind != "name" or not SEGMENT_SPLIT_RE.search(rest[:c.start()].strip(" ,")))

    def participle_that(self, s0: int, sent: str, s1: int) -> tuple | None:
        """"Jane Roe vowed to go on with the dam, saying that experts will finish ...": the content of a
        participle's that-clause, by the sentence's subject."""
        pm = PARTICIPLE_THAT_RE.search(sent)
        sm = SUBJECT_VERB_RE.match(sent) if pm else None
        if sm is None or sm.end() > pm.start():
            return None
        men = parse_mention(sm.group("spk"))
        if not self.speaker_subject(men, s0):
            return None
        return (men, pm.group("cue"), s0 + sm.start("spk"), s0 + pm.end(), s1, "reported:participle-that")

    def reported(self, s0: int) -> None:
        masked = self.masked
        s1 = self.sent_end(s0)
        sent = masked[s0:s1]
        if q.words(sent.replace(q.MASK, " ")) < 5:
            return
        if self.back_reference(s0, sent):
            return
        found = None
        m = ACCORDING_RE.search(sent)
        if m and sent.rstrip().endswith(":"):
            m = None  # "According to X, here are Y's words:": a lead-in, not a statement
        if m and m.start() <= 2 and self.inner_speaker(sent[m.end():]):
            m = None  # "According to Radio Nord, Jane Roe told reporters that ...": her words, by its report
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
            for c in CUE_RE.finditer(sent):
                cue = c.group("cue")
                if PARTICIPLE_RE.match(cue):
                    continue
                pre = sent[:c.start()]
                if OPENER_ONLY_RE.match(pre):
                    continue  # "Having expressed thanks, X passed ...": the cue of an opening clause
                men = subject_before(pre)
                inverted = False
                if men is None and COORD_TAIL_RE.search(pre):
                    # "The ministry condemns the attack and declares that ...": the sentence subject
                    sm = SENT_SUBJECT_RE.match(sent)
                    men = parse_mention(sm.group()) if sm else None
                    if men is not None and men.kind not in ("name", "org"):
                        men = None
                if men is None:
                    mm = AFTER_CUE_SPK_RE.match(sent[c.start():])
                    if mm and pre.rstrip().endswith(","):
                        men = parse_mention(mm.group("spk"))
                        inverted = men is not None
                    if men is None:
                        continue
                rest = sent[c.end():]
                if (cue in ("told", "tells") and TOLD_OBJECT_RE.match(rest)) or QUESTIONS_OBJECT_RE.match(rest):
                    continue  # "told a conference in Baku", "answered questions from ...": no content
                cut = None
                for sm in SEGMENT_SPLIT_RE.finditer(pre):
                    cut = sm
                tm = THAT_RE.match(rest)
                end_ok = cue in CLAUSAL_CUES and (q.words(rest) < 4 or NEXT_PREP_RE.match(rest)
                                                  or (cue in ("told", "tells") and AUDIENCE_RE.match(rest))
                                                  or PARTICIPLE_TAIL_RE.match(rest))
                if inverted or (not tm and end_ok and cut is not None and q.words(pre[:cut.start()]) >= 5
                                and pre[cut.start():cut.end()].strip() == ","
                                and not END_CUE_BAD_START_RE.match(pre)):
                    end = cut.start() if cut is not None and not inverted else len(pre.rstrip(" ,"))
                    found = (men, cue, s0 + c.start(), s0, s0 + end, "reported:end-cue")
                elif tm:
                    # "expressed hope that ...": the noun the verb carries is part of the statement
                    cs = s0 + c.start() if EXPRESSED_CUE_RE.match(cue) else s0 + c.end() + tm.end()
                    found = (men, cue, s0 + c.start(), cs, s1, "reported:cue-that")
                elif cue == "instructed" and INSTRUCTED_TO_RE.match(rest):  # "X instructed (officials) to ..."
                    found = (men, cue, s0 + c.start(), s0 + c.start(), s1, "reported:cue")
                elif NEXT_PREP_RE.match(rest):
                    continue
                elif q.MASK in pre:
                    continue  # "“…,” X said at an event": the cue of the quote before it
                elif cue in CLAUSAL_CUES or (cue in OBJECT_TO_CUES and OBJECT_TO_RE.match(rest)) or \
                        ((cue == "thanked" or NP_CUE_RE.match(cue)) and q.words(rest) >= 4):
                    # "X thanked his colleague for ...", "X noted the presence of ...", "X passed greetings to
                    # ...": a noun object is the statement itself, so the text keeps the verb
                    keep = cue == "thanked" or bool(NP_CUE_RE.match(cue))
                    found = (men, cue, s0 + c.start(), s0 + (c.start() if keep else c.end()), s1, "reported:cue")
                else:
                    continue
                break
        if found is None:
            found = self.participle_that(s0, sent, s1)
        if found is None:
            return
        men, cue, at, cs, ce, rule = found
        text = self.body[cs:ce]
        if any(sp.open_at < ce and sp.end > cs and q.words(self.body[sp.start:sp.end]) >= 4 for sp in self.spans):
            return  # it holds a direct quote, which carries the attribution (a scare quote does not)
        lead = len(text) - len(text.lstrip(" ,"))
        cs += lead
        d = DATELINE_RE.match(self.body, cs, ce) if cs == self.paras[self.para_of(cs)][0] else None
        if d:
            cs = d.end()
        text = self.body[cs:ce].rstrip(TRAIL_PUNCT)
        text = CREDIT_TAIL_RE.sub("", text).rstrip(TRAIL_PUNCT)
        if q.words(text) < 4:
            return
        ent = self.resolve(men, at)
        if ent is None:
            return
        kind = "reported"
        if rule == "reported:end-cue" and cs == s0 and men.kind == "pronoun" and FIRST_PERSON_RE.search(text) \
                and self.body[s0:ce].count(",") >= 0 and cue in ("said", "says", "added"):
            kind, rule = "direct", "unmarked:first-person"
        self.add(text, ent, kind, cs, cs + len(text), cue, men.surface, rule)
        self.ents.embed(cs, cs + len(text), ent)
        self.last_by_para[self.para_of(cs)] = ent
