"""Finding statements in an article body: quote spans, cue verbs, speaker phrases, transcripts.

Everything here works on plain strings with compiled regexes, in one pass per paragraph; the
article-level decisions (who a pronoun is, which speaker is primary) live in extractors.speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.speakers import CAP, UPPER, Mention, parse_mention

MASK = "░"  # stands in for quoted text, so cue and name regexes never match inside a quote
OPEN_MARKS = "“«„‟"
CLOSE_MARKS = "”»"
DQ_MARKS = OPEN_MARKS + CLOSE_MARKS + '"'
DQ_RE = re.compile(f"[{DQ_MARKS}]")
OPEN_CTX = set(" \t\n([{—–-/:;,") | {""}
CLOSE_NEXT = set(" \t\n.,;:!?)]}—–-…'’") | {""}

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
    "called on|called for|went on|spoke of|reads|"
    "expressed (?:confidence|hope|concern|regret|doubts?|optimism|satisfaction)")
PARTICIPLE_WORDS = ("saying|adding|noting|stressing|telling|asking|insisting|warning|explaining|arguing|"
                    "claiming|stating|declaring|emphasi[sz]ing|underlining|recalling|calling")
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
OBJECT_TO_CUES = {"urged", "urges", "called on", "asked", "described", "demanded", "warned"}
OBJECT_TO_RE = re.compile(r"^\s*[\w'’.\- ]{1,60}?\s+(?:to|as)\s+\w", re.I)
END_CUE_BAD_START_RE = re.compile(r"^\s*(?:In|On|At|During|After|Before|Speaking|Answering|Commenting|"
                                  r"Responding|Asked|When|While|Since|Following|Earlier|Later)\b")
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
SEGMENT_SPLIT_RE = re.compile(rf"\s*[,;:(\[—–{MASK}“”\"«»]\s*|\s+-\s+")
ABBR_DOT = r"(?:(?<=\b[A-Z])|(?<=\bMr)|(?<=\bMrs)|(?<=\bMs)|(?<=\bDr)|(?<=\bSen)|(?<=\bRep)|(?<=\bGov)|" \
    r"(?<=\bGen)|(?<=\bJr)|(?<=\bSt)|(?<=\bLt)|(?<=\bCol)|(?<=\bProf)|(?<=\bRev)|(?<=\bDel)|(?<=\bGov))\."
SPK_TOKEN = rf"(?:[^\s,.;:!?{MASK}“”\"]|{ABBR_DOT})+"
AFTER_SPK_CUE_RE = re.compile(
    rf"^[\s,.;:!?…]*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*(?P<spk>(?:{SPK_TOKEN}\s+){{0,7}}?"
    rf"{SPK_TOKEN})\s+{ADV}(?P<cue>{CUE_WORDS})\b")
AFTER_CUE_SPK_RE = re.compile(
    rf"^[\s,.;:!?…]*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*{ADV}(?P<cue>{CUE_WORDS})\s+"
    rf"(?P<spk>(?:[^,.;:!?{MASK}“”\"\n]|{ABBR_DOT}){{1,90}}?)(?=\s*(?:[,;:!?{MASK}“”\"\n]|"
    rf"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bRev)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bDel)"
    rf"(?<!\bGen)(?<!\bSt)\.|$)|\s+(?:in|on|at|during|when|"
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
THAT_RE = re.compile(r"^\s*(?:[^.;:]{0,60}?\s)?that\s+", re.I)
NEXT_PREP_RE = re.compile(r"^\s*(?:in|on|at|to|during|after|before|about|of|with|for|from|when|while|"
                          r"by|later|earlier|this|last|yesterday|today|as|it|so|nothing|something)\b", re.I)
ACCORDING_RE = re.compile(r"\baccording to (?P<spk>[^,.;:" + MASK + r"“”\"\n]{2,80}?)(?=\s*[,.;:]|$)", re.I)
ABBREV_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Jr|Sr|No|vs|etc|Inc|Co|Corp|Prof|"
                       r"Capt|Sgt|Adm|Maj|Rev|Mt|Ft|U\.S|U\.K|U\.N|a\.m|p\.m)|\b[A-Z])\.$")
SENT_END_RE = re.compile(rf"[.!?…][”\"’)]*\s+(?=[“\"‘(]?[{UPPER}0-9{MASK}])")
# "began by recalling", "opened by saying", "concluded by noting": the sentence subject speaks
BY_PARTICIPLE_RE = re.compile(rf"^\s*\S+(?:\s+\S+){{0,2}}\s+(?:began|started|opened|ended|concluded|finished|closed)\s+"
                              rf"by\s+(?:{PARTICIPLE_WORDS})$")
FIRST_PERSON_RE = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|I'm|I’m|we're|we’re)\b")
WORD_RE = re.compile(r"\w+")

DASH_TURN_RE = re.compile(r"^\s*[-–—]\s*\S")
LABEL_TURN_RE = re.compile(
    rf"^\s*(?P<label>Q|A|Question|Answer|[{UPPER}][\w.'’\-]+(?:\s+[{UPPER}][\w.'’\-]+){{0,3}}"
    rf"(?:,\s*[{UPPER}][\w&.'’\- ]{{1,40}})?)\s*:\s+(?P<text>\S.*)$")
QUESTION_ADDRESS_RE = re.compile(
    r"\b(?:sir|Sir|Mr\.? President|Madam President|Mr\.? Prime Minister|Your Excellency|"
    r"thank you (?:very much |so much )?for|thanks for|let me (?:ask|put|push)|I want to (?:ask|get your)|"
    r"I(?:'m| am) asking you|can I (?:just )?ask)\b")
ANSWER_START_RE = re.compile(r"^(?:yes|no|absolutely|well|first of all|of course|not at all|"
                             r"certainly|definitely|you know|look|frankly)\b", re.I)
INTERVIEW_WITH_RE = re.compile(
    r"\binterview(?:ed|s)?\s+(?:with|to|of|by)\s+(?:the\s+)?(?P<who>[^.,;:!?\n“”\"]{3,90}?)"
    r"(?=\s*(?:[.,;:!?\n“”\"]|$)|\s+(?:on|about|in|for|by|at|during|to|which|that|where|who|after)\b)")
INTERVIEW_GAVE_RE = re.compile(
    r"(?P<who>[^.,;:!?\n“”\"]{3,90}?)\s+(?:gave|has given|granted|has granted)\s+(?:an?\s+)?"
    r"(?:exclusive\s+)?interview\b")
ADDRESS_TITLE_RE = re.compile(
    r"^(?P<who>.{3,90}?)(?:['’]s)?\s+(?:addressed|addresses|address to|speech to|addressing)\s+"
    r"(?:the\s+)?(?:nation|people|country|compatriots)\b", re.I)
HEADLINE_COLON_RE = re.compile(r"^(?P<who>[^:“\"«]{3,100}?)\s*:\s+(?P<q>\S.{5,})$")
EPIGRAPH_RE = re.compile(
    rf"^(?P<q>.{{10,}}?[.!?…”\"»])\s*[—–-]?\s*(?P<who>[{UPPER}][\w'’\-]+(?:\s+[{UPPER}][\w'’\-]+){{1,3}})\s*$")


@dataclass
class Span:
    """A direct quotation: content offsets (marks excluded) and the marks' positions."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark, None when the quote ran to a paragraph's end
    para: int  # index of the paragraph it starts in
    last_para: int


def paragraphs(body: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in body.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _classify(body: str, i: int) -> str | None:
    """'open' / 'close' / None for the double quote mark at i, from its neighbours."""
    c = body[i]
    prev = body[i - 1] if i > 0 else ""
    nxt = body[i + 1] if i + 1 < len(body) else ""
    can_open = prev in OPEN_CTX and nxt not in (" ", "\t", "\n", "")
    can_close = prev not in (" ", "\t", "\n", "") and nxt in CLOSE_NEXT
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if c in OPEN_MARKS:
        return "open"
    if c in CLOSE_MARKS:
        return "close"
    return None


def find_direct(body: str, paras: list[tuple[int, int]], skip: set[int],
                max_paras: int = 40) -> list[Span]:
    """Direct quotations, including ones that run over several paragraphs.

    An opening mark left open at a paragraph's end continues into the following paragraphs (which
    may re-open with a mark, English style, or not) until a closing mark brings the depth to zero;
    nested marks inside are counted, and a nesting left open at a paragraph's end is dropped. With
    no closing mark within reach the quote ends at its paragraph's end (or at the end of the run of
    following paragraphs that each open with a mark)."""
    marks: list[tuple[int, str, int]] = []
    for pi, (a, b) in enumerate(paras):
        if pi in skip:
            continue
        for m in DQ_RE.finditer(body, a, b):
            kind = _classify(body, m.start())
            if kind:
                marks.append((m.start(), kind, pi))

    def opens_para(j: int) -> bool:
        idx, kind, pi = marks[j]
        return kind == "open" and body[paras[pi][0]:idx].strip() == ""

    spans: list[Span] = []
    i = 0
    while i < len(marks):
        open_at, kind, pi = marks[i]
        if kind != "open":
            i += 1
            continue
        depth, j, cur, closed = 1, i + 1, pi, None
        while j < len(marks):
            idx, k2, pj = marks[j]
            if pj != cur:
                if pj - pi > max_paras or any(x in skip for x in range(cur + 1, pj)):
                    break
                depth, cur = 1, pj
                if opens_para(j):  # English style: each continued paragraph re-opens with a mark
                    j += 1
                    continue
            if k2 == "open":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    closed = j
                    break
            j += 1
        if closed is not None:
            idx, _, pj = marks[closed]
            spans.append(Span(open_at + 1, idx, open_at, idx, pi, pj))
            i = closed + 1
            continue
        end_pi = pi
        j = i + 1
        while j < len(marks) and marks[j][2] == end_pi:
            j += 1
        while j < len(marks) and marks[j][2] == end_pi + 1 and opens_para(j) and \
                not any(m[1] == "close" for m in marks[j:] if m[2] == end_pi + 1):
            end_pi += 1
            while j < len(marks) and marks[j][2] == end_pi:
                j += 1
        spans.append(Span(open_at + 1, paras[end_pi][1], open_at, None, pi, end_pi))
        i = j
    out = []
    for s in spans:  # trim whitespace
        a, b = s.start, s.end
        while a < b and body[a].isspace():
            a += 1
        while b > a and body[b - 1].isspace():
            b -= 1
        if b > a:
            s.start, s.end = a, b
            out.append(s)
    return out


SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"


def find_single(body: str, paras: list[tuple[int, int]], skip: set[int], spans: list[Span]) -> list[Span]:
    """Quotations in single curly marks (‘…’), the house style of some outlets, with any nested “…”.

    An opening ‘ must follow a space, a paragraph start or an opening punctuation; its closing ’ is
    the first one in the same paragraph that is followed by a space, punctuation or the paragraph's
    end and is not an apostrophe: not inside a word (don’t), not a plural possessive (workers’ money:
    an "s" before it and a lower-case word after it). Single-quoted text inside a double-quoted span
    stays part of that span; double-quoted spans inside a single-quoted one are dropped by the caller."""
    out: list[Span] = []
    for pi, (a, b) in enumerate(paras):
        if pi in skip:
            continue
        i = body.find(SINGLE_OPEN, a, b)
        while i != -1:
            prev = body[i - 1] if i > a else ""
            nxt = body[i + 1] if i + 1 < b else ""
            if (prev in OPEN_CTX or prev in DQ_MARKS) and nxt not in (" ", "\t", "") and \
                    not any(s.start <= i < s.end for s in spans):
                close = None
                j = body.find(SINGLE_CLOSE, i + 1, b)
                while j != -1:
                    after = body[j + 1] if j + 1 < b else ""
                    before = body[j - 1]
                    possessive = before in "sS" and after == " " and body[j + 2:j + 3].islower()
                    if not before.isspace() and (after in CLOSE_NEXT or after in DQ_MARKS) \
                            and not after.isalnum() and not possessive:
                        close = j
                        break
                    j = body.find(SINGLE_CLOSE, j + 1, b)
                if close is not None and close > i + 1:
                    out.append(Span(i + 1, close, i, close, pi, pi))
                    i = body.find(SINGLE_OPEN, close + 1, b)
                    continue
            i = body.find(SINGLE_OPEN, i + 1, b)
    return out


def find_quotes(body: str, paras: list[tuple[int, int]], skip: set[int]) -> list[Span]:
    """Double-quoted spans (find_direct) and single-quoted ones (find_single), nesting resolved."""
    doubles = find_direct(body, paras, skip)
    singles = find_single(body, paras, skip, doubles)
    if not singles:
        return doubles
    doubles = [d for d in doubles if not any(s.open_at < d.open_at and d.end <= s.end for s in singles)]
    return sorted(doubles + singles, key=lambda s: s.open_at)


def mask(body: str, spans: list[Span]) -> str:
    chars = list(body)
    for s in spans:
        for i in range(s.start, s.end):
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)


def sentence_starts(masked: str, paras: list[tuple[int, int]], spans: list[Span], body: str) -> list[int]:
    """Sorted offsets where sentences start (paragraph starts included)."""
    starts = set()
    for a, b in paras:
        starts.add(a)
        for m in SENT_END_RE.finditer(masked, a, b):
            if ABBREV_RE.search(masked[max(a, m.start() - 6): m.start() + 1]):
                continue
            starts.add(m.end())
    for s in spans:  # “... .” Next sentence
        if s.close_at is not None and body[s.end - 1:s.end] in ".!?…":
            j = s.close_at + 1
            if j < len(body) and body[j] == " ":
                k = j + 1
                if k < len(body) and (body[k] in UPPER or body[k] in OPEN_MARKS or body[k] == '"'):
                    starts.add(k)
    return sorted(starts)


def subject_before(text: str) -> Mention | None:
    """The speaker phrase that ends `text` (the words before a cue verb)."""
    t = AUX_TAIL_RE.sub("", text.rstrip())
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
    # an appositive: "Jane Roe, the committee's chair, said"
    if len(segs) >= 3 and (not last or re.match(r"^(?:a|an|the|who|[a-z])", last)):
        # walk back over descriptions ("president of the union", "which represents ...") to the name
        for prev in list(reversed(segs[:-1]))[:4]:
            prev = prev.strip()
            if not prev or re.match(r"^(?:a|an|the|who|which|whose|[a-z0-9])", prev):
                continue
            m = parse_mention(prev) if not re.match(r"^(?:and|or|nor)\b", prev, re.I) else None
            return m if m and m.kind in ("name", "org") else None
    return None


@dataclass
class Attribution:
    mention: Mention
    cue: str
    at: int  # offset of the speaker phrase (for ordering/pronoun windows)
    rule: str


# "(D-Wis.)", ", R-Ky.,": party/state labels after a name, blanked (same length) before matching
PARTY_LABEL_RE = re.compile(r"\s*\([^()\n]{1,30}\)|(?<=[a-z]),\s+[DRI]-[A-Z][\w.]{1,8},")
# "”, Jane Roe, the attorney general of Oklahoma, said": a name, one or two descriptions, the cue
APPOSITIVE_AFTER_RE = re.compile(
    rf"^[\s,.;:!?…]*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*(?P<spk>(?:{SPK_TOKEN}\s+){{0,5}}?{SPK_TOKEN}),\s+"
    rf"(?:an?\s|the\s|his\s|her\s|who\s|[a-z0-9])[^,.;:!?{MASK}“”\"\n]{{1,100}}"
    rf"(?:,\s+[a-z0-9][^,.;:!?{MASK}“”\"\n]{{1,80}})?,\s+{ADV}(?P<cue>{CUE_WORDS})\b")

# "”, the head of the agency, Jane Roe, told reporters": a description, then the name, then the cue
ROLE_APPOSITIVE_AFTER_RE = re.compile(
    rf"^[\s,.;:!?…]*(?:[{CLOSE_MARKS}\"]\s*)?,?\s*(?:the|an?|its|his|her|their|{CAP}['’]s)\s+"
    rf"[^,.;:!?{MASK}“”\"\n]{{2,80}},"
    rf"\s+(?P<spk>[{UPPER}][\w'’\-]+(?:\s+[{UPPER}][\w'’\-]+){{1,5}}),\s+{ADV}(?P<cue>{CUE_WORDS})\b")


def blank_labels(window: str) -> str:
    return PARTY_LABEL_RE.sub(lambda m: " " * len(m.group()), window)


def attribute_after(masked: str, pos: int, limit: int) -> Attribution | None:
    window = blank_labels(masked[pos:min(limit, pos + 220)])
    m = AFTER_SPK_CUE_RE.match(window)
    if m:
        men = parse_mention(AUX_TAIL_RE.sub("", m.group("spk")))
        if men:
            return Attribution(men, m.group("cue"), pos + m.start("spk"), "after:speaker-cue")
    m = AFTER_CUE_SPK_RE.match(window)
    if m:
        men = parse_mention(m.group("spk"))
        if men and men.generic and m.group("cue") not in INVERSION_CUES:
            men = None
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
    return None


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
        if men is None:
            # "Azerbaijan's Ambassador to Qatar Jane Roe welcomed ...": a title may hold "to"/"of"
            lead = re.match(rf"^\s*(?:The\s+)?{CAP}(?:[ \t]+(?:(?:of the|of|to|for|the)[ \t]+)?{CAP})*", first)
            men = parse_mention(lead.group()) if lead else None
            if men is not None and men.kind not in ("name", "org"):
                men = None
        if men and (men.kind == "org" or (men.kind == "name" and len(men.name.split()) >= 2)):
            return Attribution(men, cues[0].group("cue"), a, "before:participle-subject")
        if men and men.kind == "name" and BY_PARTICIPLE_RE.search(window[:cues[0].end()]):
            # "Roe began by recalling ...:": a lone surname, kept only if the article names its bearer
            return Attribution(men, cues[0].group("cue"), a, "before:participle-subject-surname")
    m = COLON_LABEL_RE.search(window)
    if m:
        seg = SEGMENT_SPLIT_RE.split(m.group("spk"))[-1]
        men = parse_mention(seg)
        if men and men.kind in ("name", "org", "role"):
            return Attribution(men, ":", a + m.start("spk"), "before:colon-label")
    return None


def words(s: str) -> int:
    return len(WORD_RE.findall(s))


def title_case(s: str) -> bool:
    """A quoted name or title ("New Media in the Era of ..."): most words capitalised, no sentence end."""
    ws = WORD_RE.findall(s)
    if not ws or len(ws) > 12 or s.rstrip()[-1:] in ".!?":
        return False
    caps = sum(1 for w in ws if w[0] in UPPER or w[0].isdigit())
    return caps * 10 >= len(ws) * 6


# -- transcripts ----------------------------------------------------------------------------------------
def dash_runs(body: str, paras: list[tuple[int, int]]) -> list[list[int]]:
    """Runs of paragraphs that form a dash transcript ("-question" / "-answer")."""
    nonempty = [i for i, (a, b) in enumerate(paras) if body[a:b].strip()]
    runs: list[list[int]] = []
    cur: list[int] = []
    pending: list[int] = []
    for i in nonempty:
        a, b = paras[i]
        if DASH_TURN_RE.match(body[a:b]):
            if cur:
                cur.extend(pending)
            cur.append(i)
            pending = []
        elif cur and not pending:
            pending = [i]  # a turn whose dash is missing, if another dash turn follows
        else:
            if sum(1 for j in cur if DASH_TURN_RE.match(body[paras[j][0]:paras[j][1]])) >= 4:
                runs.append(cur)
            cur, pending = [], []
    if sum(1 for j in cur if DASH_TURN_RE.match(body[paras[j][0]:paras[j][1]])) >= 4:
        runs.append(cur)
    return runs


def question_score(text: str) -> float:
    """> 0: reads like an interviewer's turn; < 0: like an answer."""
    t = text.strip()
    n = words(t)
    q = 0.0
    if t.rstrip("…. ").endswith("?") and n < 80:
        q += 1.5
    elif "?" in t and n < 40:
        q += 0.5
    if QUESTION_ADDRESS_RE.search(t):
        q += 2.0
    if ANSWER_START_RE.match(t):
        q -= 1.5
    if n > 90:
        q -= 1.5
    if n > 180:
        q -= 1.0
    return q


def label_questions(scores: list[float], switch: float = 0.0, stay: float = 2.5,
                    start_q: float = 1.0) -> list[bool]:
    """Viterbi over question/answer states: alternation preferred, cues may override it."""
    if not scores:
        return []
    # state 0 = question, 1 = answer
    best = [start_q + scores[0], -scores[0]]
    back: list[tuple[int, int]] = []
    for s in scores[1:]:
        emit = [s, -s]
        new, bp = [0.0, 0.0], [0, 0]
        for st in (0, 1):
            from_same = best[st] - stay
            from_other = best[1 - st] - switch
            if from_same >= from_other:
                new[st], bp[st] = from_same + emit[st], st
            else:
                new[st], bp[st] = from_other + emit[st], 1 - st
        best = new
        back.append((bp[0], bp[1]))
    st = 0 if best[0] >= best[1] else 1
    path = [st]
    for bp in reversed(back):
        st = bp[st]
        path.append(st)
    path.reverse()
    return [p == 0 for p in path]
