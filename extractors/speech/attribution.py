"""Who a direct quote is attributed to: cue verbs and the speaker phrase next to a quote.

`attribute_after` reads the words after a closing mark (",” X said", ",” said X", ",” Jane Roe, the
minister, said"), `attribute_before` the same sentence before an opening mark ("X said: “",
"X called it “"), `subject_before` the speaker phrase that ends a stretch of text. All work on the
masked body (quotes.MASK over quoted text); the speaker phrase is read by names.parse_mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.speech.names import parse_mention
from extractors.speech.quotes import CLOSE_MARKS, MASK
from extractors.speech.speakers import CAP, UPPER, Mention

CUE_WORDS = (
    "said|says|say|told|tells|added|adds|stressed|stresses|noted|notes|urged|urges|stated|states|"
    "declared|declares|announced|announces|emphasi[sz]ed|emphasi[sz]es|underlined|underlines|"
    "underscored|explained|explains|insisted|insists|warned|warns|claimed|claims|argued|argues|wrote|"
    "writes|tweeted|tweets|continued|recalled|recalls|remarked|replied|answered|responded|reiterated|"
    "reiterates|confirmed|confirms|denied|denies|acknowledged|admitted|suggested|suggests|"
    "pointed out|points out|concluded|commented|observed|highlighted|highlights|assured|vowed|"
    "pledged|described|questioned|ruled out|repeated|asserted|asserts|maintained|predicted|"
    "complained|cautioned|revealed|believes|believed|thinks|affirmed|reaffirmed|mentioned|asked|"
    "wondered|joked|testified|conceded|countered|retorted|charged|alleged|accused|demanded|reminded|reminds|"
    "called on|called for|went on|spoke of|reads|touched upon|touched on|thanked|"
    "expressed|expresses|voiced|conveyed|instructed|"
    "(?:passed|extended|sent|conveyed) (?:(?:his|her|their|its|warm|warmest|cordial|best|sincere|deep) )*"
    "(?:greetings|wishes|congratulations|condolences|regards|gratitude)")
PARTICIPLE_WORDS = ("saying|adding|noting|stressing|telling|asking|insisting|warning|explaining|arguing|"
                    "claiming|stating|declaring|emphasi[sz]ing|underlining|recalling|calling|expressing|voicing")
# cues whose object is the statement itself ("said the talks failed"); other cues need "that",
# "X to ..." (urged, called on) or "X as ..." (described) to carry reported content
CLAUSAL_CUES = {
    "said", "says", "say", "added", "adds", "stressed", "stresses", "noted", "notes", "insisted", "insists",
    "warned", "warns", "argued", "argues", "claimed", "claims", "wrote", "writes", "tweeted", "tweets",
    "explained", "explains", "stated", "states", "declared", "declares", "announced", "announces",
    "emphasized", "emphasised", "emphasizes", "emphasises", "underlined", "underlines", "underscored",
    "reiterated", "reiterates", "believes", "believed", "thinks", "asserted", "asserts", "maintained",
    "predicted", "repeated", "conceded", "replied", "answered", "responded", "remarked", "told", "tells",
    "suggested", "suggests", "affirmed", "reaffirmed", "alleged", "charged", "countered", "retorted",
    "recalled", "recalls", "assured", "vowed", "pledged", "joked", "testified", "confirmed", "confirms",
    "acknowledged", "admitted", "pointed out", "points out", "concluded",
}
# cues that can follow their subject in an inverted clause ("..., said the analyst")
INVERSION_CUES = {"said", "says", "added", "adds", "wrote", "writes", "noted", "notes", "continued", "explained",
                  "explains", "stressed", "stresses", "insisted", "insists", "warned", "warns", "argued", "argues",
                  "replied", "answered", "responded", "recalled", "recalls", "concluded", "remarked", "declared",
                  "tweeted", "stated", "states", "asked", "reads"}
CUE_RE = re.compile(rf"\b(?P<cue>{CUE_WORDS}|{PARTICIPLE_WORDS})\b")
PARTICIPLE_RE = re.compile(rf"^(?:{PARTICIPLE_WORDS})$")
ADV = (r"(?:(?:has|had|have|also|later|then|further|earlier|again|once again|previously|recently|"
       r"subsequently|reportedly|repeatedly|firmly|strongly|clearly|publicly|openly|once|would|will|was|is|"
       r"quickly|immediately|emphatically|bluntly|separately|similarly|likewise|specifically|explicitly|"
       r"directly|in turn|simply|only|just|previously|angrily|flatly|herself|himself)\s+){0,3}")
AUX_TAIL_RE = re.compile(r"(?:\s+(?:has|had|have|also|later|then|further|earlier|again|once again|"
                         r"previously|recently|subsequently|reportedly|repeatedly|firmly|strongly|clearly|"
                         r"publicly|openly|once|would|will|was|is|quickly|immediately|emphatically|bluntly|"
                         r"separately|similarly|likewise|specifically|explicitly|directly|in turn|simply|"
                         r"only|just|angrily|flatly|herself|himself|had also|has also))+$", re.I)
SEGMENT_SPLIT_RE = re.compile(rf"\s*[,;:(\[―—–{MASK}“”\"«»]\s*|\s+-\s+")
ABBR_DOT = r"(?:(?<=\b[A-Z])|(?<=\bMr)|(?<=\bMrs)|(?<=\bMs)|(?<=\bDr)|(?<=\bSen)|(?<=\bRep)|(?<=\bGov)|" \
    r"(?<=\bGen)|(?<=\bJr)|(?<=\bSt)|(?<=\bLt)|(?<=\bCol)|(?<=\bProf)|(?<=\bRev)|(?<=\bDel)|(?<=\bGov)|" \
    r"(?<=\bCapt)|(?<=\bSgt)|(?<=\bMaj)|(?<=\bAdm)|(?<=\bCmdr))\."
SPK_TOKEN = rf"(?:[^\s,.;:!?{MASK}“”\"]|{ABBR_DOT})+"
AFTER_SPK_CUE_RE = re.compile(
    rf"^[\s,.;:!?…]*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*(?P<spk>(?:{SPK_TOKEN}\s+){{0,7}}?"
    rf"{SPK_TOKEN})\s+{ADV}(?P<cue>{CUE_WORDS})\b")
AFTER_CUE_SPK_RE = re.compile(
    rf"^[\s,.;:!?…]*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*{ADV}(?P<cue>{CUE_WORDS})\s+"
    rf"(?P<spk>(?:[^,.;:!?{MASK}“”\"\n]|{ABBR_DOT}){{1,90}}?)(?=\s*(?:[,;:!?{MASK}“”\"\n]|"
    rf"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bRev)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bDel)"
    rf"(?<!\bGen)(?<!\bSt)(?<!\bLt)(?<!\bCol)(?<!\bCapt)(?<!\bSgt)(?<!\bMaj)(?<!\bAdm)(?<!\bCmdr)\.|$)|"
    rf"\s+(?:in|on|at|during|when|"
    rf"who|after|before|adding|according|while|as|to|from|about|of|with|last|this|yesterday|today|"
    rf"earlier|later)\b)")
DASH_SIGNATURE_RE = re.compile(
    rf"^\s*(?:[{CLOSE_MARKS}\"]\s*)?[,.]?\s*[―—–-]{{1,2}}\s*(?P<spk>[{UPPER}][\w.'’\-]*(?:\s+[{UPPER}][\w.'’\-]*){{0,4}})\s*[.,]?\s*(?:$|\n|\()")
CLAUSE_CUE_RE = re.compile(
    rf",\s*(?P<spk>(?:{SPK_TOKEN}\s+){{0,5}}?{SPK_TOKEN})\s+{ADV}(?P<cue>{CUE_WORDS})"
    rf"(?=\s*(?:[.,;!?]|$|\s+(?:in|on|at|during|when|after|before|last|this|yesterday|today|on)\b))")
CALLED_RE = re.compile(r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bbe )"
                       r"\b(?P<cue>called|calls|described|describes|dubbed|termed|branded|labell?ed)\s+"
                       r"(?:(?:the|this|that|it|its|his|her|their|a|an|[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?['’]s?)\s+)"
                       r"(?:[\w'’\-]+\s+){0,4}?(?:as\s+)?$")
# a subject before a coordinated verb: "Environmental group Mtkvari Watch warned ... and called it"
SENT_SUBJECT_NAME_RE = re.compile(rf"^\s*(?:[A-Za-z][\w\-]*\s+){{0,3}}?"
                                  rf"(?P<name>{CAP}(?:[ \t]+(?:of|the|for|and)?[ \t]*{CAP})*)"
                                  rf"(?:\s*,[^,]{{1,80}},)?\s+(?:has\s+|had\s+|also\s+)?[a-z]+(?:ed|s)\b")
PROGRESSIVE_RE = re.compile(r"(?:\b(?:is|was|are|were|been|be|he['’]s|she['’]s)\s+)$", re.I)
CONTRACTION_RE = re.compile(r"\b(he|she|He|She)['’]s$")
COLON_LABEL_RE = re.compile(rf"(?P<spk>[^.!?:;{MASK}“”\"\n]{{2,120}}?)\s*:\s*$")
# "began by recalling", "opened by saying", "concluded by noting": the sentence subject speaks
BY_PARTICIPLE_RE = re.compile(rf"^\s*\S+(?:\s+\S+){{0,2}}\s+(?:began|started|opened|ended|concluded|finished|closed)\s+"
                              rf"by\s+(?:{PARTICIPLE_WORDS})$")


# a capitalised description that starts with a title ("Spokesperson of the Ministry of ...")
TITLE_HEAD = (r"spokes(?:person|man|woman)|head|chair(?:man|woman|person)?|director|minister|deputy|adviser|advisor|"
              r"secretary|member|ambassador|representative|president|chief|press secretary|editor")


PAREN_RE = re.compile(r"\s*\([^()\n]{1,40}\)")
TRAILING_PRONOUN_RE = re.compile(r"^(?:[A-Z][a-z]+ing|As for|Regarding|Concerning|On|About|Asked about)\b.*\s(he|she)$")
TRAILING_NAME_RE = re.compile(rf"(?P<name>(?:[{UPPER}][\w'’.\-]*\s+){{0,4}}[{UPPER}][\w'’\-]+)$")


def subject_before(text: str) -> Mention | None:
    """The speaker phrase that ends `text` (the words before a cue verb)."""
    t = AUX_TAIL_RE.sub("", PAREN_RE.sub("", text).rstrip())
    if not t.strip():
        return None
    segs = [s for s in SEGMENT_SPLIT_RE.split(t)]
    last = segs[-1].strip()
    if re.match(r"^(?:and|or|nor)\b", last, re.I):
        return None  # "France, Russia and NATO said": several sources, none singled out
    if last:
        m = parse_mention(last)
        if m:
            return m
        if TRAILING_PRONOUN_RE.search(last):  # "Regarding the talks he said": a pronoun after an opening phrase
            return parse_mention(TRAILING_PRONOUN_RE.search(last).group(1))
        if re.fullmatch(r"who", last, re.I) and len(segs) >= 2:
            # "..., President Jane Roe, who declared ...": the name the relative clause hangs on
            nm = TRAILING_NAME_RE.search(segs[-2].strip())
            m = parse_mention(nm.group("name")) if nm else None
            if m is not None and m.kind in ("name", "org") and (m.kind == "org" or len(m.name.split()) >= 2):
                return m
    # an appositive: "Jane Roe, the committee's chair, said"
    if len(segs) >= 3 and (not last or re.match(r"^(?:a|an|the|who|[a-z])", last)):
        # walk back over descriptions ("president of the union", "which represents ...") to the name
        # a name before a capitalised description ("Jane Roe, Spokesperson of the Ministry, said") wins
        found = None
        for prev in list(reversed(segs[:-1]))[:4]:
            prev = prev.strip()
            if not prev or re.match(r"^(?:a|an|the|who|which|whose|[a-z0-9])", prev):
                continue
            m = parse_mention(prev) if not re.match(r"^(?:and|or|nor)\b", prev, re.I) else None
            if m is not None and (m.kind == "name" or (m.kind == "role" and not m.generic and not found)):
                return m  # "Jane Roe, ...", "Korval's spokesman, criticising the report, noted"
            if re.match(rf"^(?:{TITLE_HEAD})\b", prev, re.I):
                found = found or (m if m is not None and m.kind == "org" else None)
                continue
            return found or (m if m is not None and m.kind == "org" else None)
        return found
    return None


@dataclass
class Attribution:
    mention: Mention
    cue: str
    at: int  # offset of the speaker phrase (for ordering/pronoun windows)
    rule: str


# "(D-Wis.)", ", R-Ky.,": party/state labels after a name, blanked (same length) before matching
PARTY_LABEL_RE = re.compile(r"\s*\([^()\n]{1,30}\)|(?<=[a-z]),\s+[DRI]-[A-Z][\w.]{1,8},|(?<=[a-z]),\s+\d{2},(?=\s)")
# "Jane Roe, 34, a nurse from ...": an age before a description keeps the name's comma
AGE_BEFORE_DESC_RE = re.compile(r",\s+\d{2},\s+(?:an?|the|of|from|who)\s")
# "”, Jane Roe, the attorney general of Oklahoma, said": a name, one or two descriptions, the cue
APPOSITIVE_AFTER_RE = re.compile(
    rf"^[\s,.;:!?…]*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*(?P<spk>(?:{SPK_TOKEN}\s+){{0,5}}?{SPK_TOKEN}),\s+"
    rf"(?:an?\s|the\s|his\s|her\s|who\s|[a-z0-9]|{CAP}['’]s?\s)[^,.;:!?{MASK}“”\"\n]{{1,100}}"
    rf"(?:,\s+[a-z0-9][^,.;:!?{MASK}“”\"\n]{{1,80}})?,\s+{ADV}(?P<cue>{CUE_WORDS})\b")

# "”, the head of the agency, Jane Roe, told reporters": a description, then the name, then the cue
ROLE_APPOSITIVE_AFTER_RE = re.compile(
    rf"^[\s,.;:!?…]*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*(?:the|an?|its|his|her|their|{CAP}['’]s)\s+"
    rf"[^,.;:!?{MASK}“”\"\n]{{2,80}},"
    rf"\s+(?P<spk>[{UPPER}][\w'’\-]+(?:\s+[{UPPER}][\w'’\-]+){{1,5}}),\s+{ADV}(?P<cue>{CUE_WORDS})\b")


# "“Go home,” Jane Roe barked.": after a quote that closes on , ? ! a name (or pronoun) and any past-tense
# or present verb is the attribution, whatever the verb
AFTER_NAME_VERB_RE = re.compile(
    rf"^\s*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*(?P<spk>(?:the\s+)?(?:[{UPPER}][\w'’.\-]*\s+){{0,3}}[{UPPER}][\w'’\-]+|he|she)"
    rf"(?:,\s+(?:(?:an?|the|who|his|her|its)\s|{CAP}['’]s?\s)[^,.;:!?{MASK}“”\"\n]{{1,100}},)?\s+{ADV}(?:\w+ly\s+)?(?P<verb>[a-z]{{3,}}(?:ed|s)|told|wrote|spoke|said)\b(?!\s+(?:that|by)\b)")
# verbs after a quote that do not report it ("“...,” Roe wants", "“...” Roe is")
NOT_SPEECH_VERBS = {"is", "was", "has", "does", "wants", "needs", "seems", "appears", "means", "looks", "gets",
                    "goes", "comes", "makes", "takes", "feels", "knows", "lives", "works", "plays", "runs",
                    "won", "lost", "used", "seemed", "appeared", "lived", "worked", "played", "needed",
                    "wanted", "tried", "tries", "happens", "happened", "became", "becomes", "remains",
                    "remained", "stayed", "stays", "called", "calls", "named", "signed", "reads"}
# "“Go home,” Roe barked at them.": a verb that reports a quote takes no object ("..., the EU welcomes
# Georgia's support" is a new clause)
VERB_ALONE_RE = re.compile(r"(?=\s*(?:[.,;:!?…\n\"”]|$)|\s+(?:at|to|in|on|as|before|after|while|when|from|with|into|"
                           r"back|again|out|up|down|over|through|during|across|toward|towards|about|and|but|as|"
                           r"on|last|this|yesterday|today|tonight|earlier|later|Monday|Tuesday|Wednesday|Thursday|"
                           r"Friday|Saturday|Sunday)\b|\s+[a-z]+ly\b|\s+\d)")
STOP_SURNAME_RE = re.compile(r"^(?:The|This|That|These|Those|It|Its|They|We|There|Here|Some|Many)\b")


# "the Ministry of Foreign Affairs spokesperson": an organisation's name, then one of its roles
ORG_ROLE_PHRASE_RE = re.compile(r"(?:[Tt]he\s+)?[A-Z][^,.;:!?\n“”\"]{2,80}?\s"
                                r"(?:spokes(?:person|man|woman)|press secretary|head|chief|director|chairman|"
                                r"chairwoman|chairperson|ambassador|envoy|representative)"
                                r"(?=\s*(?:[,.;:!?\n]|$))")
AFTER_ACCORDING_RE = re.compile(
    rf"^\s*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*according to (?P<spk>[^,.;:!?{MASK}“”\"\n]{{2,80}}?)\s*(?:[,.;]|$)", re.I)
APPOSITIVE_NAME_RE = re.compile(rf",\s+(?P<name>(?:[{UPPER}][\w'’.\-]*\s+){{1,3}}[{UPPER}][\w'’\-]+)\s*(?:[,.;]|$)")


def _blank(m: re.Match) -> str:
    keep = "," if AGE_BEFORE_DESC_RE.match(m.string, m.start()) else ""
    return keep + " " * (len(m.group()) - len(keep))


def blank_labels(window: str) -> str:
    """Party/state labels and ages after a name, blanked (same length): "Jane Roe (D-Ore.) said"."""
    return PARTY_LABEL_RE.sub(_blank, window)


def attribute_after(masked: str, pos: int, limit: int, open_end: bool = False) -> Attribution | None:
    """The speaker phrase after a quote's closing mark at masked[pos]; `open_end`: the quote's own words
    end on , ? or ! ("“Go home,” Roe barked."), so any verb after a name attributes it."""
    window = blank_labels(masked[pos:min(limit, pos + 220)])
    m = AFTER_SPK_CUE_RE.match(window)
    if m:
        men = parse_mention(AUX_TAIL_RE.sub("", m.group("spk")))
        if men:
            return Attribution(men, m.group("cue"), pos + m.start("spk"), "after:speaker-cue")
    m = AFTER_CUE_SPK_RE.match(window)
    if m:
        men = parse_mention(m.group("spk"))
        if men is not None and men.kind in ("org", "org-anaphor"):
            # "said the Ministry of Foreign Affairs spokesperson": the ministry's role, past its "of"
            rt = ORG_ROLE_PHRASE_RE.match(window, m.start("spk"))
            rmen = parse_mention(rt.group()) if rt else None
            if rmen is not None and rmen.kind == "role":
                return Attribution(rmen, m.group("cue"), pos + m.start("spk"), "after:cue-speaker")
        if men and men.generic and m.group("cue") not in INVERSION_CUES:
            men = None
        if men is None and m.group("cue") in INVERSION_CUES:
            # "said the campaign's deputy manager, Jane Roe, who ...": the name after the description
            nm = APPOSITIVE_NAME_RE.match(window, m.end("spk"))
            men = parse_mention(nm.group("name")) if nm else None
            if men is not None and (men.kind != "name" or len(men.name.split()) < 2):
                men = None
            if men is not None:
                return Attribution(men, m.group("cue"), pos + nm.start("name"), "after:cue-description-name")
        if men:
            return Attribution(men, m.group("cue"), pos + m.start("spk"), "after:cue-speaker")
    m = APPOSITIVE_AFTER_RE.match(window)
    if m and m.group("cue") in INVERSION_CUES | CLAUSAL_CUES:
        men = parse_mention(m.group("spk"))
        if men and (men.kind == "org" or (men.kind == "name" and len(men.name.split()) >= 2)):
            return Attribution(men, m.group("cue"), pos + m.start("spk"), "after:appositive-cue")
    m = ROLE_APPOSITIVE_AFTER_RE.match(window)
    if m and m.group("cue") in INVERSION_CUES | CLAUSAL_CUES:
        men = parse_mention(m.group("spk"))
        if men and men.kind == "name" and len(men.name.split()) >= 2:
            return Attribution(men, m.group("cue"), pos + m.start("spk"), "after:role-appositive-cue")
    m = AFTER_NAME_VERB_RE.match(window) if open_end else None
    if m and m.group("verb") not in NOT_SPEECH_VERBS and \
            (m.group("verb") in CLAUSAL_CUES | INVERSION_CUES or VERB_ALONE_RE.match(window, m.end())):
        men = parse_mention(m.group("spk"))
        if men and men.kind in ("name", "pronoun", "org") and \
                not (men.kind == "name" and STOP_SURNAME_RE.match(men.name)):
            return Attribution(men, m.group("verb"), pos + m.start("spk"), "after:speaker-verb")
    m = AFTER_ACCORDING_RE.match(window)
    if m:
        men = parse_mention(m.group("spk"))
        if men and men.kind in ("name", "org", "role", "org-anaphor"):
            return Attribution(men, "according to", pos + m.start("spk"), "after:according-to")
    m = DASH_SIGNATURE_RE.match(window)
    if m:
        men = parse_mention(m.group("spk"))
        if men and men.kind in ("name", "org"):
            return Attribution(men, "signature", pos + m.start("spk"), "after:dash-signature")
    # “...” for criminal behaviour, she said.
    end = re.search(r"[.!?;\n]", window)
    clause = window[:end.start() + 1] if end else window
    if len(clause) <= 120:
        for m in CLAUSE_CUE_RE.finditer(clause):
            men = parse_mention(AUX_TAIL_RE.sub("", m.group("spk")))
            if men:
                return Attribution(men, m.group("cue"), pos + m.start("spk"), "after:clause-cue")
    return inverted_clause_cue(window, pos)


# "“We are pleased” with the ruling, said Jane Roe, ...": the quote's sentence runs on unquoted, then an
# inverted cue names its speaker
TAIL_COMMA_RE = re.compile(rf"^[\s,.;:!?…]*[{CLOSE_MARKS}\"]?(?P<tail>[^{MASK}“”\"«»\n.;:!?]{{1,160}}?),\s*"
                           rf"(?={ADV}(?:{CUE_WORDS})\s)")


def inverted_clause_cue(window: str, pos: int) -> Attribution | None:
    """"“…” with the ruling, said Jane Roe": the cue after the unquoted rest of the quote's sentence."""
    m = TAIL_COMMA_RE.match(window)
    if m is None or CUE_RE.search(m.group("tail")):
        return None
    at = m.end() - 1
    c = AFTER_CUE_SPK_RE.match(window[at:])
    if c is None or c.group("cue") not in INVERSION_CUES:
        return None
    men = parse_mention(c.group("spk"))
    if men is None or men.kind not in ("name", "org", "role", "org-anaphor"):
        return None
    return Attribution(men, c.group("cue"), pos + at + c.start("spk"), "after:tail-inverted-cue")


def attribute_before(masked: str, a: int, b: int) -> Attribution | None:
    """Speaker named in masked[a:b], the same sentence before a quote's opening mark."""
    window = masked[a:b]
    cm = CALLED_RE.search(window)
    if cm:  # "Jane Roe, who attended, called the project “a turning point”"
        pre = AUX_TAIL_RE.sub("", window[:cm.start()].rstrip())
        men = subject_before(pre)
        if men and men.kind in ("name", "org", "role", "pronoun"):
            return Attribution(men, cm.group("cue"), a + cm.start(), "before:called")
        if men is None and re.search(r"\band$", pre):
            sm = SENT_SUBJECT_NAME_RE.match(window)
            men = parse_mention(sm.group("name")) if sm else None
            if men and (men.kind == "org" or (men.kind == "name" and len(men.name.split()) >= 2)):
                return Attribution(men, cm.group("cue"), a + sm.start("name"), "before:called-subject")
    cues = list(CUE_RE.finditer(window))
    for c in reversed(cues):
        cue = c.group("cue")
        pre = window[:c.start()]
        if PARTICIPLE_RE.match(cue):
            prog = PROGRESSIVE_RE.search(pre)
            if not prog:
                continue  # "..., saying": the subject is found below
            pre = CONTRACTION_RE.sub(r"\1", pre[:prog.start()] + prog.group().split()[0]) \
                if re.search(r"['’]s\s*$", prog.group()) else pre[:prog.start()]
        men = subject_before(CONTRACTION_RE.sub(r"\1", pre.rstrip()))
        if men:
            return Attribution(men, cue, a + c.start(), "before:speaker-cue")
        m = AFTER_CUE_SPK_RE.match(window[c.start():])
        if m and m.group("cue") == cue:
            men = parse_mention(m.group("spk"))
            if men and men.generic and cue not in INVERSION_CUES:
                men = None  # "asked the crowd to ...": the object, not an inverted subject
            if men:
                return Attribution(men, cue, a + c.start() + m.start("spk"), "before:cue-speaker")
    if cues:  # "..., adding: “...”" with the finite cue's subject missing: the sentence subject
        first = SEGMENT_SPLIT_RE.split(window[:cues[0].start()])[0]
        men = parse_mention(AUX_TAIL_RE.sub("", first))
        lone = men is None or (men.kind == "name" and len(men.name.split()) == 1)
        sm = SUBJECT_VERB_RE.match(window[:cues[0].start()]) if lone else None
        if sm is not None and SEGMENT_SPLIT_RE.search(window, 0, sm.start("spk")):
            # "Hours later, Jane Roe hit back, telling ...": the subject after an opening phrase
            smen = parse_mention(sm.group("spk"))
            if smen is not None and smen.kind == "name":
                men = smen
        if men is None:
            # "Azerbaijan's Ambassador to Qatar Jane Roe welcomed ...": a title may hold "to"/"of"
            lead = re.match(rf"^\s*(?:The\s+)?{CAP}(?:[ \t]+(?:(?:of the|of|to|for|the)[ \t]+)?{CAP})*", first)
            men = parse_mention(lead.group()) if lead else None
            if men is not None and men.kind not in ("name", "org"):
                men = None
        if men is None:  # "At the debate, Jane Roe compared herself to him, saying “"
            men = parse_mention(sm.group("spk")) if sm else None
            if men is not None and men.kind in ("pronoun", "role"):
                return Attribution(men, cues[0].group("cue"), a + sm.start("spk"), "before:participle-subject")
        if men and (men.kind == "org" or (men.kind == "name" and len(men.name.split()) >= 2)):
            return Attribution(men, cues[0].group("cue"), a, "before:participle-subject")
        if men and men.kind == "name":
            # "Roe began by recalling ...:", "Roe then appeared in a clip, saying “": a lone surname, kept
            # only if the article names its bearer
            return Attribution(men, cues[0].group("cue"), a, "before:participle-subject-surname")
        if men is None and PARTICIPLE_RE.match(cues[0].group("cue")):
            # "This comes hours after King Jan Roe referred to it as “...”, expressing hope that “": the subject
            # of the clause the participle hangs on, named in full
            found_all = list(CLAUSE_NAME_VERB_RE.finditer(window, 0, cues[0].start()))
            last = found_all[-1] if found_all else None
            men = parse_mention(last.group("name")) if last else None
            if last is not None and men is not None and men.kind == "name" and len(men.name.split()) >= 2:
                return Attribution(men, cues[0].group("cue"), a + last.start("name"),
                                   "before:participle-clause-subject")
    m = COLON_LABEL_RE.search(PAREN_RE.sub(lambda p: " " * len(p.group()), window))
    if m:
        seg = SEGMENT_SPLIT_RE.split(m.group("spk"))[-1]
        men = parse_mention(seg)
        if men and men.kind in ("name", "org", "role"):
            return Attribution(men, ":", a + m.start("spk"), "before:colon-label")
        sm = SUBJECT_VERB_RE.match(window)  # "Jane Roe delivered a snappy retort: “"
        if sm:
            men = parse_mention(sm.group("spk"))
            if men and men.kind in ("name", "org", "role", "pronoun"):
                return Attribution(men, ":", a + sm.start("spk"), "before:colon-subject")
    m = POSSESSIVE_WORDS_RE.search(window)
    if m:  # "Jane Roe's response was: “"
        men = parse_mention(m.group("spk"))
        if men and men.kind in ("name", "org"):
            return Attribution(men, ":", a + m.start("spk"), "before:possessive-words")
    m = ACCORDING_BEFORE_RE.search(window)
    if m:
        men = parse_mention(m.group("spk"))
        if men and men.kind in ("name", "org", "role", "org-anaphor"):
            return Attribution(men, "according to", a + m.start("spk"), "before:according-to")
    return None


# a full name and the past-tense verb after it, anywhere in a clause ("after King Jan Roe referred")
CLAUSE_NAME_VERB_RE = re.compile(rf"(?P<name>(?:[{UPPER}][\w'’.\-]*\s+)"
                                 rf"(?:(?:bin|al|van|von|de)\s+|[{UPPER}][\w'’.\-]*\s+){{0,4}}[{UPPER}][\w'’\-]+)"
                                 rf"\s+(?:has\s+|had\s+|also\s+)?[a-z]{{3,}}ed\b")
# the subject and verb that open a sentence: "Jane Roe delivered ...", "He later expressed ..."
# irregular past tenses a speaker's sentence opens with ("Jane Roe took the stage and called it “…”")
PAST_IRREGULAR = ("took|made|gave|went|spoke|came|sent|put|began|brought|struck|threw|shot|hit|drew|broke|swore|"
                  "wrote|told")
# role nouns that open a sentence as its subject ("In his interview, the ambassador provided ...")
ROLE_SUBJECT_NOUNS = ("president|prime minister|minister|ambassador|diplomat|spokes(?:man|woman|person)|senator|"
                      "governor|mayor|chairman|chairwoman|envoy|premier|leader|secretary|director|chief")
SUBJECT_VERB_RE = re.compile(
    rf"^\s*(?:(?:But|And|So|Then|Later|Still|Yet|Meanwhile|Instead|Now|Also),?\s+)?"
    rf"(?:(?:On|In|At|During|After|Before|Last|This|Earlier|Later|When|While|Since|Speaking|Asked|"
    rf"Flying|Standing|Sitting|Addressing|Responding|Writing)\b[^,.;:!?{MASK}“”\"\n]{{0,70}},\s+(?:\d{{4}},\s+)?|"
    rf"(?:[A-Za-z][a-z]*\s+){{0,3}}?(?i:years?|days?|weeks?|months?|hours?|minutes?)\s+"
    rf"(?:ago|later|earlier),\s+)?"
    rf"(?P<spk>(?:[Tt]he\s+)?(?:[{UPPER}][\w'’.\-]*\s+){{0,4}}?[{UPPER}][\w'’\-]+|[Hh]e|[Ss]he|"
    rf"[Tt]he\s+(?:[a-z][\w\-]+\s+)?(?:{ROLE_SUBJECT_NOUNS}))"
    rf"(?:\s*,[^,{MASK}“”\"]{{2,90}}(?:,[^,{MASK}“”\"]{{2,40}})?,)?\s+{ADV}(?:\w+ly\s+)?"
    rf"(?P<verb>[a-z]{{3,}}(?:ed|s)|{PAST_IRREGULAR}|(?:is|was)\s+[a-z]{{3,}}ing)\b")
POSSESSIVE_WORDS_RE = re.compile(
    rf"(?P<spk>(?:[{UPPER}][\w.\-]*\s+){{0,3}}[{UPPER}][\w\-]+)['’]s?\s+(?:response|reply|answer|message|"
    rf"words|statement|tweet|verdict|comment)\s+(?:was|were|read|reads|is)\s*:?\s*$")
ACCORDING_BEFORE_RE = re.compile(rf"\b[Aa]ccording to (?P<spk>[^,.;:{MASK}“”\"\n]{{2,80}}?)\s*[,:]\s*$")
