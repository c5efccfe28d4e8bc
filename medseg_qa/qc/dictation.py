"""Dictation surfaces: spoken punctuation ("full stop", "question mark"), fillers ("um", "you
know"), tag questions without their mark, "side wise it's right" keys, an answer word without its comma, and
run-on lines without full stops, rewritten as the punctuated prose `shorthand.expand` goes on to normalise.

Kept apart from `shorthand` because these rules read the shape of an utterance (where one ends and the next
begins) rather than one abbreviation or idiom at a time."""
from __future__ import annotations

import re

# a sentence that ends without its full stop ("nothing to report Size-wise it is small"): a capitalised word
# after a content word, itself followed by a lower-case word, starts a new sentence
_RUN_ON = re.compile(r"(?<=[a-z]{3})\s+(?=[A-Z][a-z]+(?:-[a-z]+)?\s+[a-z])")
_NO_BREAK_AFTER = frozenset("the a an of in on at to and or for with by from its their his her our your this that these "
                            "those is are was were patient's see per via than as like into onto which who whom "
                            "whose that where when while but so because if it they there not".split())


def run_ons(line: str) -> str:
    out, last = [], 0
    for m in _RUN_ON.finditer(line):
        before = re.search(r"([\w']+)$", line[:m.start()])
        if before and before.group(1)[0].islower() and before.group(1) not in _NO_BREAK_AFTER:  # not Title Case
            out += [line[last:m.start()], ".\n"]
            last = m.end()
    return "".join(out) + line[last:]


# dictated text has no full stops; its fillers mark where one utterance ends and the next begins
_FILLER = re.compile(r"(?:\s+(?:and|so))*\s+(?:u+m+|u+h+|e+r+m*|so\s+yeah|okay\s+so|ok\s+so|you\s+know|"
                     r"if\s+that\s+makes\s+sense)\b(?:\s+(?:and|so|um+|uh+|okay|yeah))*", re.I)


# ... and where a new clause starts: a subject and its verb, a structure's habit, a conditional, a report's lead
_CLAUSE_START = re.compile(r"\s(?=(?:it|they)(?:'s|'re|\s+(?:is|are|comes|come|lies|lie|sits|sit|covers|cover|takes|take|forms|"
                           r"measures))\b|there(?:'s|\s+is|\s+are)\b|(?:the|an?)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:usually|normally|"
                           r"typically|often|generally|turns?\s+up|runs|crosses|sits|lies)\b|if\s+it\s+(?:was|were)\b|on\s+screen\b|"
                           r"usual\s+convention\b|remember\b|to\s+be\s+clear\b)", re.I)


def dictated(line: str) -> str:
    """A long line without sentence punctuation ("its on the patients right and um its placed toward the back and
    um it lies ...") split into utterances at its fillers and where a new clause starts ("... it's a big region on
    this slice an accessory spleen turns up in ..."), so each is read as a sentence of its own."""
    if len(line) < 120 or len(re.findall(r"[.!?](?:\s|$)", line)) * 150 > len(line):
        return line
    line = _FILLER.sub(".\n", line)
    return line if re.search(r"[.!?;:]", line.replace(".\n", "")) else _CLAUSE_START.sub(".\n", line)  # raw speech only


# dictation's spoken punctuation and leftover fillers: "It covers two percent full stop", "is that right question mark",
# "new paragraph", "no uh the mask is one piece"; "period" only where a sentence ends (not "heavy periods")
_SPOKEN = [(re.compile(r"\s*\b(?:full\s+stop|full-stop)\b", re.I), "."),
           (re.compile(r"\s*\bperiod\b(?=\s+[A-Z]|\s*$|\s*\n)"), "."),
           (re.compile(r"\s*\bquestion\s+mark\b", re.I), "?"),
           (re.compile(r"\s*\b(?:new\s+paragraph|new\s+line|next\s+paragraph)\b\s*", re.I), "\n"),
           (re.compile(r"\s*\bcomma\b", re.I), ",")]
_FILLER_WORD = re.compile(r"(?<![\w'-])(?:[Uu]+m+|[Uu]+h+|[Ee]rm+|er)(?![\w'-]),?\s*")
# a spoken tag question without its question mark: "that is pretty small isn't it"
_TAG = re.compile(r"\b(isn'?t\s+it|aren'?t\s+they|is\s+it\s+not|are\s+they\s+not|don'?t\s+you\s+think|wouldn'?t\s+you\s+say)"
                  r"(?:\s+(?:u+h+|u+m+|erm+|er|so|you\s+know))*\s*$", re.I)


# a spoken key: "Side wise it's right", "size wise it is pretty small" say "Side: right", "Size: pretty small"
_WISE_KEY = re.compile(r"\b(side|size|count|position)[\s-]*wise,?\s+(?:it(?:'?s|\s+is)|they(?:'re|\s+are))\s+(?=\w+(?:\s+\w+)?\s*(?:[.!;,]|$))",
                       re.I)


# an answer's first word without its comma: "no the mask is one piece", "yes it is on the left"
_ANSWER_WORD = re.compile(r"^(\W*)(no|nope|yes|yeah|yep|correct)\s+(?=(?:the|it|it'?s|they|they'?re|this|that|there|there'?s|i|we|"
                          r"you|size|side|count|position|just|only|actually|not)\b)", re.I | re.M)


def spoken(text: str) -> str:
    """Dictated text with its spoken punctuation written as punctuation and its lines' tag questions asked."""
    for rx, mark in _SPOKEN:
        text = rx.sub(mark, text)
    text = _WISE_KEY.sub(lambda m: f"{m.group(1)}: ", text)
    text = _ANSWER_WORD.sub(lambda m: f"{m.group(1)}{m.group(2)}, ", text)  # "no there's just the one blob"
    text = re.sub(r"\b(laterality|side)\s+is\s+(?=(?:left|right|midline|bilateral)\s*[.!;,]?\s*$)", r"\1: ", text,
                  flags=re.I | re.M)  # "OK, so laterality is right."
    text = re.sub(r"\bmid[\s-]?sized\b", "medium-sized", text, flags=re.I)  # "overall mid sized"
    text = re.sub(r"\b(count)\s+is\s+(?=(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|single)\s*[.!;,]?\s*$)",
                  r"\1: ", text, flags=re.I | re.M)  # "count is three."
    return "\n".join(_TAG.sub(lambda m: m.group(1) + "?", line) for line in text.split("\n"))


def strip_fillers(line: str) -> str:
    """`line` without its stray filler words ("no uh the mask is one piece")."""
    return _FILLER_WORD.sub("", line)
