"""An answer that revises its own earlier words: what it withdrew does not stand; what it says instead is checked.

LLM answers correct themselves: "Correction: earlier I wrote on the patient's left. Actually on both sides.",
"Did you catch my slip earlier? I said about 12% of the image. Is that right? No: it's about 3.3 percent.",
"Earlier said large. Wrong. It's small.", "I count two pieces. Sorry, I misspoke: it is a single region."

A revision is a sentence of an answer that says the answer erred. Said of itself ("I misspoke", "my slip", "let me
correct myself"), or as a report of its own words with a word of error ("I said ... but actually", "earlier I wrote
...; that was wrong"), it revises the answer's words in this turn and the earlier ones. A bare correction
("Correction:", "Small correction:", "that is wrong", "scratch that") or a self-check ("Wait, is that right? No.")
may answer the user's words ("Small correction: it lies on the right" after a user's "since it is on the left"), so
it revises only the answer's words in its own turn. The points it revises (`settle.topic`: the side, the position
along the measured axis, a relation, the size, the count) are those named in it, or, when it names none ("Let me
revise something."), in the first of the next two sentences that does. Every earlier claim of the answer's own on
those points, in that scope, is withdrawn, and so is a claim in the revision that repeats a withdrawn value (the
quote of it: "I said about 12%").

What the revision states afresh is read like any claim, so a correction to a false value is caught, and so is a
wrong recap after it. Unlike `settle` (a plain later statement never settles an earlier one: "It lies
posteriorly. ... It lies anteriorly." contradicts itself), a withdrawal needs the answer's own words that it erred.

A speaker's repair inside one sentence ("on the left no scratch that on the right", "five percent no one percent",
"high up in the slice sorry low down") is the same act at a smaller scale: `unrepaired` drops the repaired claim
while the sentence is read, so only the repair is checked.
"""

from __future__ import annotations

import re
from typing import Callable

from .claim import Claim
from .settle import Said, topic

# the answer says that it erred: its own words are meant, in this turn or an earlier one
_ERRED = re.compile(r"\b(?:correct(?:ing)?\s+myself|(?:let\s+me|(?:I|we)\s+(?:need|have|want|must|ought)\s+to|I'?ll|I\s+should|I\s+must)\s+"
                    r"(?:quickly\s+|briefly\s+)?(?:correct|fix|revise|amend|rectify|retract)\s+(?:myself|my\s+\w+|what\s+I)\b|"
                    r"I\s+mis-?(?:spoke|stated|wrote|typed|counted|read|measured)\b|I\s+(?:slipped|misplaced|dropped)\s+(?:a|the)\s+"
                    r"(?:decimal|digit|point|zero)|\bmy\s+(?:slip|mistake|error|bad|typo)\b|"
                    # (read as "Sorry, the mistake:" once a patient's "my" is spelled out)
                    r"\b(?:sorry|apologies|oops)\W+(?:the|my)\s+(?:slip|mistake|error|bad|typo)\b|"
                    r"(?:I|we)\s+(?:was|were)\s+wrong\b|(?:I|we)(?:'ve|\s+have)?\s+(?:made|make)\s+(?:a|an)\s+(?:\w+\s+)?(?:mistake|error|slip)\b|"
                    r"(?:I|we)(?:'ve|\s+have)?\s+got\s+(?:that|this|it)\s+wrong\b|"
                    # "My earlier line was wrong; scratch it."
                    r"\bmy\s+(?:first|earlier|previous|last|initial|original)\s+(?:line|answer|reply|statement|sentence|claim|"
                    r"message|response|note|comment)\s+(?:was|is)\s+(?:wrong|incorrect|mistaken|in\s+error)\b|"
                    # "Correction to my first reply: ...", "A correction to my earlier answer"
                    r"\bcorrection\s+to\s+(?:my\s+(?:first|earlier|previous|last|initial|original)\s+(?:answer|reply|message|response|"
                    r"note|post|comment)|the\s+(?:line|sentence|statement|note|entry)\s+above)\b|"
                    # "my first answer had the side wrong"
                    r"\bmy\s+(?:first|earlier|previous|last|initial|original)\s+(?:answer|reply|message|response)\s+(?:had|got)\s+"
                    r"(?:the\s+[\w-]+\s+)?wrong\b|"
                    # "Edit: ignore one line of my first reply.", "Sorry, typo above - bilat."
                    r"\b(?:ignore|disregard|discount|strike)\s+(?:[\w-]+\s+){0,4}?(?:of|in|from)\s+my\s+(?:first|last|earlier|previous|"
                    r"initial|original)\s+(?:reply|message|answer|response|note|post)\b|\btypo\s+(?:above|earlier|before|in\s+my\b)|(?:apologies|sorry)\s+for\s+(?:the|my)\s+(?:error|mistake|slip|confusion|typo)\b)",
                    re.I)
# ... or that something was wrong: a correction, which may answer the user ("Small correction: it lies on the right"), so
# it revises the answer's own words only in its own turn ("Side: midline. Correction. Side: both.")
_CORRECTION = re.compile(r"\b(?:(?:let\s+me|(?:I|we)\s+(?:need|have|want|must|ought)\s+to|I'?ll|I\s+should|I\s+must)\s+(?:quickly\s+|"
                         r"briefly\s+)?(?:correct|fix|revise|amend|rectify|retract)\b|(?:correction|amend|amended|amendment|corrected|erratum)\s*[:;,\u2014-]|(?:one|a|small|quick|"
                         r"minor|important)\s+correction\b|^\W*correction\W*$|(?:sorry|oops)\W+let\s+me\s+(?:restate|rephrase)\b|(?:that|this)\s+(?:was|is)\s+(?:wrong|incorrect|a\s+"
                         r"(?:mistake|slip|typo)|an\s+error)\b|scratch\s+that\b|"
                         # "Sorry, that was the outside measurement, not mine: ..."
                         r"(?:sorry|oops)\W+(?:that|this)\s+(?:was|is)\s+[^.;:]{1,40}?,\s*not\s+mine\b)", re.I)
# the answer reports its own earlier words: "I said ...", "earlier I wrote ...", "Earlier said large."
_OWN_WORDS = re.compile(r"\b(?:I\s+(?:had\s+)?(?:said|wrote|typed|dictated|entered|stated|told\s+you|described\s+(?:it|them|the\s+\w+)\s+as|called\s+(?:it|them)|"
                        r"put|gave|mentioned|claimed|reported|counted)|(?:earlier|before|above|previously|initially)\s*,?\s*"
                        r"(?:I\s+)?(?:said|wrote|stated|described|called|gave|mentioned|claimed|reported))\b", re.I)
# ... and a word that it was wrong
_ERROR_WORD = re.compile(r"\b(?:wrong|incorrect|mistaken?|not\s+(?:right|correct|accurate)|inaccurate|slip|error|actually|in\s+fact|"
                         r"look\s+again)\b|^\W*no\b", re.I)


# the answer questions itself and says no: "Wait, is that right? No."
_SELF_CHECK = re.compile(r"^\W*(?:(?:wait|hmm+|hold\s+on|hang\s+on|but)\W+)*(?:is|was)\s+that\s+(?:right|correct|accurate)\s*\?\s*$", re.I)
_NO = re.compile(r"^\W*no\b", re.I)


def revises(said: list[str], i: int) -> str:
    """Does sentence i of an answer's turn say the answer erred? "earlier": its words in this turn or an earlier one
    (it says so of itself, or reports its own words with a word of error); "turn": only in this turn (a
    correction, which might answer the user, or a self-check: "Wait, is that right? No."); "" when it does not."""
    if _ERRED.search(said[i]) or (_OWN_WORDS.search(said[i]) and any(_ERROR_WORD.search(s) for s in said[i:i + 3])):
        return "earlier"
    if _CORRECTION.search(said[i]) or (_SELF_CHECK.match(said[i]) and i + 1 < len(said) and _NO.match(said[i + 1])):
        return "turn"
    return ""


# the point a revision's words are about, where its old value is only reported ("earlier I described it as central")
_POINT_WORDS = {("side",): r"\b(?:left|right|midline|both\s+sides|bilateral(?:ly)?|one\s+side|(?:left|right|one)-sided)\b",
                ("vertical",): r"\b(?:anterior(?:ly)?|posterior(?:ly)?|front|back|superior(?:ly)?|inferior(?:ly)?|central(?:ly)?|"
                               r"cent(?:re|er)d?|mid-?depth|upper|lower|top|bottom|higher)\b",
                ("size",): r"\b(?:small|medium|moderate|large|big|tiny|sizable|percent|per\s+cent|area|size)\b|%",
                ("count",): r"\b(?:pieces?|components?|regions?|lesions?|islands?|blobs?|single|contiguous|connected|separate|"
                            r"nodes?|nodules?|foci|masses|deposits?|(?:just|only)\s+(?:the\s+)?one)\b"}
_NOT_A_SIDE = re.compile(r"\b(?:that'?s|is\s+that|that\s+is|all|you'?re|you\s+are)\s+right\b|\bright\s+(?:away|now|here)\b|"
                         # another structure's name: "Sorry, scratch that, I mixed it up with the left kidney."
                         r"\b(?:the|a|an|his|her|its|your|their)\s+(?:left|right)\s+(?!(?:side|half|hand|aspect|one|part|portion|edge|"
                         r"border|margin|lateral|sided)\b)[a-z]{3,}", re.I)


def _points(text: str) -> set[tuple]:
    text = _NOT_A_SIDE.sub(" ", text)
    return {point for point, words in _POINT_WORDS.items() if re.search(words, text, re.I)}


def revisions(said_by_turn: list[list[str]], roles: list[str]) -> dict[tuple[int, int], str]:
    """(turn, sentence) -> scope ("earlier" or "turn", see `revises`) of every revision in the answers."""
    return {(t, i): scope for t, said in enumerate(said_by_turn) if roles[t] == "assistant"
            for i in range(len(said)) if (scope := revises(said, i))}


def withdrawn(said_by_turn: list[list[str]], roles: list[str], read: list[Said], revised: dict[tuple[int, int], str],
              claims_of: Callable[[int, int], list[Claim]]) -> set[int]:
    """The indices in `read` of the claims that the answer's `revised` sentences (`revisions`) withdraw (see the
    module docstring). `claims_of(turn, sentence)` reads a sentence's claims, also one that was not kept as asserted
    ("I told you posterior; look again ..." is a retracted clause, but it names the point revised)."""
    out: set[int] = set()
    for (t, i), scope in revised.items():
        said = said_by_turn[t]
        window, points = [i], set()
        for j in range(i, min(i + 3, len(said))):  # the revision, or the first sentence after it that names a point
            points = {_point(c) for c in claims_of(t, j)} | _points(said[j])
            if points:
                window = sorted({i, j})
                break
        earlier = [k for k, r in enumerate(read) if roles[r.turn] == "assistant" and (r.turn, r.sentence) < (t, i)
                   and (scope == "earlier" or r.turn == t) and _point(r.claim) in points]
        values = {(_point(read[k].claim), str(read[k].claim.value)) for k in earlier}
        out.update(earlier)
        out.update(k for k, r in enumerate(read) if r.turn == t and r.sentence in window
                   and (_point(r.claim), str(r.claim.value)) in values)
        # the slip the revision quotes, whether or not it was said before: "Correction to the line above: I typed
        # right-sided; read it as the patient's left."
        out.update(k for k, r in enumerate(read) if (r.turn, r.sentence) == (t, i) and _quoted(said[i], r.claim))
    return out


def _quoted(sentence: str, claim: Claim) -> bool:
    """Is the claim the words that a report of the answer's own words ("I typed ...") quotes, in its clause?"""
    for m in _OWN_WORDS.finditer(sentence):
        at = sentence.find(claim.text, m.end()) if claim.text else -1
        if at >= 0 and not re.search(r"[.;:!?]|\b(?:but|it\s+is|it'?s)\b", sentence[m.end():at], re.I):
            return True
    return False


def _point(claim: Claim) -> tuple:
    """The point a revision speaks to: a claim's `topic`, but any relation for a relation ("typo above - it lies
    right of the third ventricle" revises "it is above the third ventricle"; "Edit: ignore one line of my first
    reply. It is right of the duodenum." revises the landmark it gave before, "left of the aorta")."""
    return ("relation",) if claim.kind == "relation" else topic(claim)


REVISED_DEPTH = "Is it toward the front, toward the back, or central?"  # the question a revised position answers


def depth_revised(said_by_turn: list[list[str]], revised: dict[tuple[int, int], str]) -> set[tuple[int, int]]:
    """The (turn, sentence) places of the `revised` sentences that revise a position, with the two sentences after
    each: there a bare "central" states the revised place ("I said anterior, but it is actually central"), read as
    the answer to `REVISED_DEPTH`."""
    return {(t, j) for t, i in revised if ("vertical",) in _points(" ".join(said_by_turn[t][i:i + 2]))
            for j in range(i, min(i + 3, len(said_by_turn[t])))}


# a speaker's repair inside a sentence: "It sits high up in the slice sorry low down", "five point three percent no
# one point four percent", "on the patient's left no scratch that on the right"
REPAIR = re.compile(r"(?:^|[\s,\u2014-])(?:sorry|no\s+scratch\s+that|scratch\s+that|no\s+wait|or\s+rather|i\s+mean|no)\b"
                    r"(?!\s+(?:doubt|longer|more|less|other|evidence|need|sign|change|question|matter|way|problem|issue|further|"
                    r"obvious|significant|clear)\b)", re.I)


# ... or a repair set off by a dash and a colon, however long the words before it: "It is a large structure in this
# section, taking up a big share of it — sorry, let me correct that: It occupies about 0.7% of the image."
_STRUCK = re.compile(r"\s[\u2014\u2013-]+\s*(?:(?:no|sorry|oops|wait)[,!]?\s+)*(?:scratch\s+that|let\s+me\s+correct\s+(?:that|"
                     r"myself)|let\s+me\s+re-?(?:count|check|measure|read)|(?:a\s+)?correction|i\s+mean|or\s+rather|make\s+that)"
                     r"(?:,\s*[^:;.]{1,50}?)?\s*:", re.I)  # ("- no, scratch that, I read the screen side: ...")


def struck_end(sentence: str) -> int:
    """Where a dash-and-colon repair ends (0 if the sentence has none): the words before it are withdrawn, so a
    sentence-wide reading ("both sides" anywhere in it) starts there."""
    struck = _STRUCK.search(sentence)
    return struck.end() if struck else 0


def unrepaired(sentence: str, located: list[tuple[int, Claim]]) -> list[tuple[int, Claim]]:
    """A sentence's claims (with positions) without those the speaker repairs later in it: a repair marker ("sorry",
    "no", "scratch that", "or rather") within a few words after the claim, then a claim on the same point with another
    value, which is read like any claim."""
    struck = _STRUCK.search(sentence)  # "It is large — scratch that: medium-sized"

    def repairs(a: tuple[int, Claim], b: tuple[int, Claim]) -> bool:
        end = a[0] + len(a[1].text)
        if topic(b[1]) != topic(a[1]) or str(b[1].value) == str(a[1].value):
            return False
        return (0 <= b[0] - end <= 60 and not re.search(r"[.;:!?]", sentence[end:b[0]]) and bool(REPAIR.search(sentence[end:b[0]]))) \
            or (struck is not None and end <= struck.start() and struck.end() <= b[0])

    return [a for a in located if not any(repairs(a, b) for b in located if b[0] > a[0])]
