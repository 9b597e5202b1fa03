"""Transcripts and interviews: "-question"/"-answer" turns, "Name:"/"Q:"/"A:" labels, the interviewee.

Turns are labelled question/answer by a two-state Viterbi (`label_questions`) that prefers
alternation but lets question cues (a final "?", "sir", "thank you for") override it; answers go to
the interviewee the headline or the lede names. `Interviews` holds these steps of speech.Analysis.
"""

from __future__ import annotations

import re

from extractors.speech.attribution import CUE_WORDS, SEGMENT_SPLIT_RE, subject_before
from extractors.speech.names import parse_mention
from extractors.speech.organisations import parse_org
from extractors.speech.quotes import DQ_RE, words
from extractors.speech.speakers import UPPER, Entity

DASH_TURN_RE = re.compile(r"^\s*[-–—]\s*\S")
FIRST_PERSON_TURN_RE = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
LABEL_TURN_RE = re.compile(
    rf"^\s*(?P<label>Q|A|Question|Answer|[{UPPER}][\w.'’\-]+(?:\s+[{UPPER}][\w.'’\-]+){{0,4}}"
    rf"(?:,\s*[{UPPER}][\w&.'’\- ]{{1,40}}|\s+(?:from|of)\s+[{UPPER}][\w&.'’\- ]{{1,40}})?)\s*:\s+(?P<text>\S.*)$")
# "Q. How ...", "A. We ...": strong labels closed by a period; "[Jane Roe] We ...": a bracketed label
DOT_LABEL_TURN_RE = re.compile(r"^\s*(?P<label>Q|A)\.\s+(?P<text>\S.*)$")
BRACKET_LABEL_TURN_RE = re.compile(
    rf"^\s*\[(?P<label>[{UPPER}][\w.'’\-]+(?:\s+[{UPPER}][\w.'’\-]+){{0,4}})\]\s*(?P<text>\S.*)$")


def turn_label(line: str) -> re.Match | None:
    """The label and text of a transcript turn ("Jane Roe: ...", "Q: ...", "Q. ...", "[Jane Roe] ...")."""
    return LABEL_TURN_RE.match(line) or DOT_LABEL_TURN_RE.match(line) or BRACKET_LABEL_TURN_RE.match(line)


# the affiliation after a turn label's name: "Jane Roe, City Weekly", "Jane Roe from Radio Nord"
LABEL_AFFILIATION_RE = re.compile(r"(?:,\s*|\s+(?:from|of)\s+)[A-Z].*$")
STRONG_LABELS = {"q", "a", "question", "answer"}
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
INTERVIEW_POSSESSIVE_RE = re.compile(
    r"(?P<who>[^.,;:!?\n“”\"]{3,90}?)['’]s?\s+(?:exclusive\s+|recent\s+|latest\s+)?interview\b")
DOMAIN_AFTER_RE = re.compile(r"\.[a-z]{2,6}\b")  # "Civil" + ".ge": a web address
# "Jane Roe said, welcoming the guests: Thank you all ...": a cue and a colon, then unquoted words
INLINE_CUE_COLON_RE = re.compile(
    rf"^\s*(?P<lead>[^:“”\"«»\n]{{3,160}}?\b(?P<cue>{CUE_WORDS})\b[^:.!?“”\"«»\n]{{0,80}}):\s+"
    rf"(?P<text>[^\s“”\"«»‘'].*)$")


def dash_runs(body: str, paras: list[tuple[int, int]]) -> list[list[int]]:
    """Runs of paragraphs that form a dash transcript ("-question" / "-answer").

    Paragraphs without a dash between two turns belong to the run (a turn's next paragraph, or a turn
    whose dash is missing); after the last turn, first-person paragraphs without quote marks continue
    the last answer. A run needs four turns, or two when the first reads as a question and the second
    as its answer."""
    nonempty = [i for i, (a, b) in enumerate(paras) if body[a:b].strip()]
    runs: list[list[int]] = []
    cur: list[int] = []
    pending: list[int] = []

    def close() -> None:
        turns = [j for j in cur if DASH_TURN_RE.match(body[paras[j][0]:paras[j][1]])]
        short = len(turns) >= 2 and question_score(body[slice(*paras[turns[0]])].lstrip(" -–—")) > 0 \
            and question_score(body[slice(*paras[turns[1]])].lstrip(" -–—")) <= 0
        if len(turns) >= 4 or short:
            tail = []
            for j in pending:  # the last answer's further paragraphs
                t = body[slice(*paras[j])]
                if not FIRST_PERSON_TURN_RE.search(t) or DQ_RE.search(t):
                    break
                tail.append(j)
            runs.append(cur + tail)

    for i in nonempty:
        a, b = paras[i]
        if DASH_TURN_RE.match(body[a:b]):
            if cur:
                cur.extend(pending)
            cur.append(i)
            pending = []
        elif cur and len(pending) < 6:
            pending.append(i)
        else:
            if cur:
                close()
            cur, pending = [], []
    if cur:
        close()
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


class Interviews:
    """Steps of speech.Analysis: the interviewee and the turns of dash and label transcripts."""

    def find_interviewee(self, runs: list[list[int]], label_run: list[int] | None) -> Entity | None:
        if not runs and not label_run:
            return None
        first = min([r[0] for r in runs] + ([label_run[0]] if label_run else []))
        texts: list[tuple[str, int]] = [(self.title, 0), (self.subtitle, 0)]
        texts += [(self.body[a:b], a) for a, b in self.paras[:first]]
        for text, at in texts:
            for rx in (INTERVIEW_WITH_RE, INTERVIEW_GAVE_RE, INTERVIEW_POSSESSIVE_RE):
                for m in rx.finditer(text):
                    if DOMAIN_AFTER_RE.match(text, m.end("who")):
                        continue  # "an interview with Civil.ge": the outlet, not the interviewee
                    who = SEGMENT_SPLIT_RE.split(m.group("who"))[-1]
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
        turn_of: list[int] = []  # index of the turn each paragraph belongs to
        turn_scores: list[float] = []
        for pi in run:
            a, b = self.paras[pi]
            raw = self.body[a:b]
            m = re.match(r"^\s*[-–—]?\s*", raw)
            texts.append((a + m.end(), b))
            score = question_score(self.body[a + m.end():b])
            # a paragraph without a dash continues the turn before it, unless it reads as a question
            if DASH_TURN_RE.match(raw) or score > 0 or not turn_scores:
                turn_scores.append(score)
            turn_of.append(len(turn_scores) - 1)
        turn_q = label_questions(turn_scores)
        is_q = [turn_q[t] for t in turn_of]
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
        found: list[tuple[int, str]] = []
        for pi, (a, b) in enumerate(self.paras):
            m = turn_label(self.body[a:b])
            if m and parse_org(self.label_name(m.group("label"))) is None and not DQ_RE.match(m.group("text")):
                found.append((pi, self.label_name(m.group("label"))))
        counts: dict[str, int] = {}
        for _, lb in found:
            counts[lb] = counts.get(lb, 0) + 1
        # a one-word label used once ("Note: ...", "Source: ...") is not a speaker's turn
        labelled = [pi for pi, lb in found
                    if lb.lower() in STRONG_LABELS or counts[lb] > 1 or len(lb.split()) > 1]
        self.turn_labels = set(labelled)
        labels = {lb for pi, lb in found if pi in self.turn_labels}
        # "Question:"/"Answer:" pairs are a transcript even when short; other labels need three turns
        strong = {lb.lower() for lb in labels} <= STRONG_LABELS
        if len(labelled) < (2 if strong else 3) or len(labels) < 2:
            return None
        run = list(range(labelled[0], labelled[-1] + 1))
        for pi in range(labelled[-1] + 1, min(len(self.paras), labelled[-1] + 8)):
            t = self.body[slice(*self.paras[pi])]  # the last answer's further first-person paragraphs
            if not t.strip():
                continue
            if not FIRST_PERSON_TURN_RE.search(t) or DQ_RE.search(t) or turn_label(t):
                break
            run.append(pi)
        return run

    def speaker_turns(self, taken: set[int]) -> list[tuple[int, int, str, str]]:
        """Paragraphs outside transcripts that are one person's unquoted words: "President Jane Roe: ..."
        (a turn label naming a person in full) or "Jane Roe said, welcoming the guests: ...".
        Returns (paragraph, text start, speaker phrase, cue)."""
        out = []
        for pi, (a, b) in enumerate(self.paras):
            if pi in taken:
                continue
            line = self.body[a:b]
            m = turn_label(line)
            if m and m.group("label").lower() not in STRONG_LABELS and words(m.group("text")) >= 4 \
                    and not DQ_RE.match(m.group("text")):
                men = parse_mention(self.label_name(m.group("label")))
                if men is not None and men.kind == "name" and len(men.name.split()) >= 2:
                    out.append((pi, a + m.start("text"), self.label_name(m.group("label")), "label"))
                    continue
            m = INLINE_CUE_COLON_RE.match(line)
            if m and words(m.group("text")) >= 4:
                men = subject_before(m.group("lead")[:m.start("cue") - m.start("lead")])
                if men is not None and men.kind in ("name", "org") and \
                        (men.kind == "org" or len(men.name.split()) >= 2):
                    out.append((pi, a + m.start("text"), men.surface, m.group("cue")))
        return out

    def add_speaker_turns(self, turns: list[tuple[int, int, str, str]]) -> None:
        for pi, s, phrase, cue in turns:
            men = parse_mention(phrase)
            ent = self.resolve(men, s) if men is not None else None
            text = self.body[s:self.paras[pi][1]].rstrip()
            rule = "turn:label" if cue == "label" else "turn:cue-colon"
            self.add(text, ent, "direct", s, s + len(text), cue, phrase, rule)

    @staticmethod
    def label_name(label: str) -> str:
        """A turn label's speaker words: "Jane Roe, City Weekly" -> "Jane Roe"."""
        if label.lower() in STRONG_LABELS:
            return label
        return LABEL_AFFILIATION_RE.sub("", label).strip() or label

    def labelled_transcript(self, run: list[int]) -> None:
        turns: list[list] = []  # [label, start, end]
        for pi in run:
            a, b = self.paras[pi]
            m = turn_label(self.body[a:b]) if pi in self.turn_labels else None
            if m:
                turns.append([self.label_name(m.group("label")), a + m.start("text"), b])
            elif turns and self.body[a:b].strip():
                label = turns[-1][0]
                if label.lower() in ("q", "question") and self.body[turns[-1][1]:turns[-1][2]].rstrip().endswith("?"):
                    label = "A"  # a paragraph after a question that ends on "?": the answer, its label lost
                turns.append([label, a, b])
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
            else:
                men = parse_mention(label)
                ent = self.ents.resolve(men, run[0]) if men and men.kind == "name" else None
                if who is not None and ent is who:
                    answer_labels.add(label)
                elif ent is not None and not ent.partial and stats[label][1] * 2 < stats[label][0]:
                    answer_labels.add(label)  # a named label mostly not asking: that person's answers
                    who = who or ent
                    self.interviewee = self.interviewee or ent  # the one who answers
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
                # a named interviewer's questions are theirs; "Q:" is an unnamed interviewer's
                men = parse_mention(label) if label.lower() not in STRONG_LABELS else None
                ent = self.ents.resolve(men, s) if men is not None and men.kind == "name" else None
                if ent is not None and ent.partial:
                    ent = None  # a lone word the article never names in full
                self.add(text, ent, "direct", s, s + len(text), "interview-question", label,
                         "transcript:label:question")
