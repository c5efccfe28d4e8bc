"""Which false claims stand once a whole turn is read: another voice overruled by the turn's own words.

Answers quote other voices and then overrule them: "SunnyR: Looks like two blobs to me." ... "It is one
region.", "Myth: it sits on the left." ... "It lies on the patient's right.", "H3: a right-sided structure -
rejected", "HOST B: Right." ... The frames that mark a voice as not the answer's own are endless (speakers,
handles, hypotheses, myths, quiz items, drafts), but two things are general: in a turn of several labels, the
statement sits on a line (or in a section) under a name that is not a heading of the answer's own ("Side:",
"Answer:", "Step 2:", "Impression:" are the answer speaking; `voices`), and a later sentence of the same turn
states the truth about the same point (the side; the front-back or head-feet position; a relation to the same
structure along the same axis; the size class; the area share; the region count), or a later clause of the
voice's own sentence does ("H3: a large structure - rejected: it covers 0.7%, which is small"). Then the answer
has overruled that voice, and its false claim does not stand. Another reader's or a tool's claim reported in prose
("Dr Okafor counted three nodules; I count one", "Reported by the CAD software: left-sided") is such a voice too
(`reported_span`), and so is one a user puts to the answer: the reply's truth on the same point overrules it.

A plain statement is never settled this way: "It lies posteriorly. ... It lies anteriorly." contradicts itself,
whichever sentence is true, and answers that disagree across turns are a defect too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .claim import Claim

_AXIS = {"left": "lr", "right": "lr", "anterior": "ap", "posterior": "ap", "superior": "si", "inferior": "si"}
# A label's words: a letter first, then up to 38 word characters, spaces and the marks names use.
_LABEL_TEXT = r"[^\W\d_][\w' .@#&()/-]{0,38}?"
# "Name: ..." opening a sentence, after any bullet, quote or markdown marks
_LABEL = re.compile(r"^[\s>*#_`|•-]*(?P<label>" + _LABEL_TEXT + r")\s*(?::|->|\u2192|=>)(?:\s|$)")
# labels that are the answer's own headings: the attributes it reports and the parts of an answer or a note
_HEADING = re.compile(r"\b(?:sides?|lateral(?:ity)?|location|positions?|site|where|sizes?|area|extent|count|number|"
                      r"rel|pos|lat|loc|locali[sz]ation|dims?|class|category|type|kind|grade|rating|status|value|neighbou?rs?|"
                      r"connectivity|area_pct|pct|percent(?:age)?|share|fraction|"
                      r"hints?|clues?|tips?|facts?|bonus|checked|checks?|verified|confirmed|done|good\s+to\s+know|remember|"
                      r"caveats?|warnings?|"
                      r"parts?|pieces?|regions?|components?|relation(?:s|ship)?|depth|level|height|shape|answers?|"
                      r"findings?|impression|conclusion|summary|results?|verdict|assessment|steps?|points?|notes?|"
                      r"addendum|comment|details?|tl;?dr|bottom line|key|final|look|together|reasoning|explanation|"
                      r"why|so|therefore|in short|overall|short|mask|target|structure|organ|image|"
                      r"slice|this|it|segment\w*)\b", re.I)
_SOAP = re.compile(r"[SOAP]", re.I)  # a SOAP note's one-letter sections


@dataclass(frozen=True)
class Said:
    """One claim as read: its turn, its sentence's index in that turn, the flag it raises (None: true) and
    whether its sentence speaks in another voice (`voiced`)."""

    turn: int
    sentence: int
    claim: Claim
    flag: str | None
    voiced: bool = False
    at: int = -1  # where the claim's words start in its sentence (-1: not found)


def voiced(sentence: str) -> bool:
    """Does the sentence open with a label naming another voice ("curious cat:", "Myth:", "HOST A:", "H3:")
    rather than one of the answer's own headings ("Side:", "Answer:", "A:") or a clause ("Doctors' pictures are
    like a mirror:")?"""
    m = _LABEL.match(sentence)
    if not m or _HEADING.search(m["label"]) or _SOAP.fullmatch(m["label"]):
        return False
    words = m["label"].lower().split()  # a voice is a name, not a clause or a described thing ("The right lobe:")
    return len(words) <= 4 and words[0] not in ("the", "a", "an", "this", "that", "these", "those", "its", "our") \
        and not any(w in ("is", "are", "was", "were", "be") for w in words)


# another reader's or a tool's claim reported in the answer's own prose: "Dr Okafor counted three nodules; I count
# one.", "The outside hospital's read called it large, ...", "For what it is worth, the CAD software thought ..."
# who or what reports a claim, for the answer's reported claims here and a user's report frame (`check_conversation`)
REPORTERS = (r"(?:registrar|attending|colleague|consultant|resident|radiologist|reader|reviewer|doctor|gp|surgeon|clinician|"
             r"physician|fellow|nurse|tutor|supervisor|professor|teacher|classmate|friend|trainee|intern|examiner|senior|"
             r"boss|team|hospital|tool|software|algorithm|model|ai|cad|triage|reports?|read|reading|letter|note|referral|"
             r"draft|impression|request|dictation|transcript|transcription|template|macro)")
REPORTER_DETERMINERS = r"(?:the|my|our|your|his|her|their|a|an)"
# one of several voices named by a letter or a number: "Model A", "Sample 3", "Run #2", "Annotator B"
_NUMBERED_VOICE = (r"(?:model|sample|run|draft|candidate|annotator|rater|reader|agent|tool|seed|voice|answerer|debater|"
                   r"critic|reviewer|judge)\s+(?:[a-z]|\d{1,2}|#\d{1,2})(?![\w'-])")
_PARTY = (rf"(?:dr\.?\s+[a-z][\w'-]+|{_NUMBERED_VOICE}|{REPORTER_DETERMINERS}\s+(?:[\w'-]+\s+){{0,3}}?{REPORTERS}"
          r"(?:'s\s+(?:[\w-]+\s+)?(?:read|report|draft|note|letter|impression|opinion))?)")
_REPORTING = (r"(?:counted|counts|thought|thinks|says|said|wrote|writes|called\s+(?:it|them)|calls\s+(?:it|them)|reported|"
              r"reports|described\s+(?:it|them)\s+as|measured\s+(?:it|them)\s+as|flagged\s+(?:it|them)\s+as|read\s+(?:it|them)\s+as|"
              r"had\s+(?:it|them)\s+(?:as|at)|put\s+(?:it|them)\s+at|labell?ed\s+(?:it|them)(?:\s+as)?|estimated|suggested|"
              r"claimed|stated|recorded|documented|(?:has|had)\s+(?:it|them)\s+as)")
_REPORTED = re.compile(rf"(?:^|[,;:(]\s*)(?:[\w' ]{{0,30}},\s*)?(?:{_PARTY}\s+(?:(?:first|initially|originally|earlier|previously|"
                       rf"wrongly|mistakenly)\s+)?{_REPORTING}\b|reported\s+by\s+{_PARTY}\s*:)", re.I)
# where the reported words end: the reader's own voice comes back ("..., I count one", "...; on review it is ...")
_OWN_AGAIN = re.compile(r";|,\s*(?:but\s+|whereas\s+|while\s+)?(?:i|we|my|our|on\s+review|in\s+fact|actually|however|"
                        r"here|this\s+(?:image|slice|scan))\b|\s(?:but|whereas)\s|\s(?:and|so)\s+(?:yes|yep|indeed|i|we)\b", re.I)


def reported_span(sentence: str) -> tuple[int, int]:
    """Where in a sentence another reader's or a tool's reported claim sits ((0, 0): none). Such a claim is another
    voice: a later truth on the same point overrules it, as it does a labelled voice (`standing`)."""
    m = _REPORTED.search(sentence)
    if not m:
        return 0, 0
    end = _OWN_AGAIN.search(sentence, m.end())
    return m.start(), end.start() if end else len(sentence)


_LABEL_AFTER_END = re.compile(r"(?<=[.;!?])\s+(?=" + _LABEL_TEXT + r":\s)")


def _voice_parts(line: str) -> list[str]:
    """A line cut where another voice's label follows a sentence's end ("MedSAM-Lite: 1 region. UNet-v2: 3 regions.");
    a heading there ("Draft: ... Relation: left of it.") goes on in the line's own voice."""
    cuts = [m.end() for m in _LABEL_AFTER_END.finditer(line) if voiced(line[m.end():])]
    return [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)])]


_TABLE_ROW = re.compile(r"^\|\s*([^|]+?)\s*\|\s*(.*?)\s*\|?\s*$")
_TABLE_RULE = re.compile(r"\|?[\s:|-]+\|?")


def voices(text: str, said: list[str]) -> list[bool]:
    """Whether each of a turn's sentences (`said`, split from `text`) speaks in another voice. Only a turn of two
    or more labels has other voices (a turn spoken wholly by "Candidate:" is the answer's own). A labelled line
    speaks in its label's voice (`voiced`) to its end ("Draft: It lies on the left. It is large."); a label alone
    on its line opens a section in that voice up to the next label ("Critique:" and the bullets under it). Lines
    are matched to sentences in order: a sentence belongs to the first line, from the last one matched, that still
    holds half of its words once the sentences before it have taken theirs."""
    # (a table row speaks in its first cell's voice: "| VISTA3D | right kidney | anterior |" reads "VISTA3D: ...")
    # (and a label after a sentence's end starts a line of its own: "MedSAM-Lite: 1 region. UNet-v2: 3 regions.")
    lines = [_TABLE_ROW.sub(r"\1: \2", part) for line in (re.sub(r"[*`#]+|^\s*>+", "", raw).strip() for raw in text.splitlines())
             if line and not _TABLE_RULE.fullmatch(line) for part in _voice_parts(line)]
    labels = [_LABEL.match(line) for line in lines]
    if len({m["label"].lower() for m in labels if m}) < 2:
        return [False] * len(said)  # one speaker throughout ("Candidate: ..."): the answer's own voice
    line_voices, voice = [], False
    for line, label in zip(lines, labels):
        spoken = voiced(line) if label else voice
        if label:
            voice = spoken if label.end() >= len(line) else False
        line_voices.append((Counter(_words(line)), spoken))
    out, at = [], 0
    for sentence in said:
        own = [w for w in _words(sentence) if w not in _REWRITTEN]
        words = Counter(own if len(own) >= 2 else _words(sentence))
        if words and line_voices:
            at = next((j for j in range(at, len(line_voices)) if _share(words, line_voices[j][0]) >= 0.5), at)
            line_voices[at][0].subtract(words)  # what a sentence has used of its line is not there for the next
        out.append(bool(line_voices) and line_voices[at][1])
    return out


# words that reading adds when it rewrites a line ("Size: medium" reads "It is medium."): no guide to which line it was
_REWRITTEN = frozenset("it is are they lies lie sits sit covers forms separate regions region the a an of on in".split())


def _share(words: Counter, line: Counter) -> float:
    """How much of a sentence's wording is left in a line (sentences may be rewritten: "Size: large" reads "It is
    large")."""
    return sum(min(n, max(line[w], 0)) for w, n in words.items()) / sum(words.values())


def _words(sentence: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", sentence.lower()))


# an answer's frame before it repeats the question: "You ask ...", "Regarding your question (...", "Your question: ..."
_ASKED_FRAME = re.compile(r"^\W*(?:(?:you\s+(?:ask|asked|wrote|say|said)|(?:regarding|about|re|as\s+for|on)\s+your\s+question|"
                          r"(?:your\s+)?question)\b\s*[:(,-]?\s*)", re.I)


def echoes(said: list[str], answered: list[str]) -> set[int]:
    """Which of an answer's sentences repeat a sentence of the turn it answers word for word (an e-mail reply
    quoting each question above its answer, "> I'd have thought it's big?"): quoted words are the other
    writer's, read in their own turn, not the answer's claims. Sentences under four words never count ("It is
    left." may be a plain confirmation), unless a frame says they are the question ("You ask: two pieces?")."""
    asked = {_words(s) for s in answered}
    framed = {i for i, s in enumerate(said) if (m := _ASKED_FRAME.match(s))  # "You ask: I count two pieces."
              and len(words := _words(s[m.end():])) >= 3 and words in asked}
    return framed | {i for i, s in enumerate(said) if len(words := _words(s)) >= 4 and words in asked}


def attribute(claim: Claim) -> tuple:
    """The point a claim speaks to: two claims about the same point can settle each other."""
    value = str(claim.value)
    axis = next((a for word, a in _AXIS.items() if word in value), value)
    if claim.kind in ("side", "midline"):
        return ("side",)
    if claim.kind == "vertical":
        return ("vertical", axis)
    if claim.kind == "relation":
        return ("relation", claim.other, axis)
    if claim.kind in ("percent", "pixels"):
        return ("percent",)
    return (claim.kind,)


def topic(claim: Claim) -> tuple:
    """The question a claim answers, coarser than `attribute`: where it lies vertically (one axis is measured per
    record, so 'upper', 'central' and 'anterior' answer each other) and how big it is (a class word and a share)."""
    point = attribute(claim)
    if point[0] in ("size", "percent"):
        return ("size",)
    return point[:1] if point[0] == "vertical" else point


def _overrules(later: Said, false: Said) -> bool:
    """Does a later true claim of the same turn, or of the reply to it, overrule a voiced false one on the same
    point ("Dr Okafor wrote two regions. Does that hold?" - "He is mistaken; it is a single region.")? A negated
    truth overrules only the statement it denies ("... No: it is not on the left."), not another ("not in the
    midline")."""
    after = later.turn == false.turn + 1 or later.turn == false.turn and (
        later.sentence > false.sentence or (later.sentence == false.sentence and later.at > false.at >= 0))
    same = attribute(later.claim) == attribute(false.claim) or \
        later.claim.kind == false.claim.kind == "vertical" or \
        topic(later.claim) == topic(false.claim) == ("size",)  # ("Dr Lindqvist has it as anterior. I disagree: it is
    # central"; "Model B: a large structure." - "Judge: A is correct: the mask covers about 0.89% of the image")
    return (later.flag is None and after and same
            and (not later.claim.negated or later.claim.value == false.claim.value))


def standing(said: list[Said]) -> set[str]:
    """The flags of the false claims that stand: all but a voiced one that its turn overrules later."""
    return {false.flag for false in said
            if false.flag and not (false.voiced and any(_overrules(s, false) for s in said))}
