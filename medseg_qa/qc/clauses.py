"""Sentences, negation scopes and subjects: which statements in a text are about the target, and which
of them are denied.

- `sentences` splits a turn into sentences and list items, dropping markdown emphasis and bullets.
- `negated_spans` is a NegEx-style scope rule: a negation trigger ('not', 'no', 'without', 'rather than',
  "isn't", 'neither'...) negates what follows it up to the end of its clause (a comma, a colon, a
  conjunction such as 'but' or 'which'); pseudo-triggers ('not only', 'no doubt') negate nothing.
- `subject` attributes a position in a sentence to the structure the clause is about: the first
  structure named in subject position of the clause (no preposition before it), the antecedent of a
  relative clause, else the target (an answer's subjectless sentence is about what it segmented).
- `is_yes_no_question` tells a question that asks ("Is it on the left?") from one that asserts
  ("Which organ on the patient's left ...?"): only the second carries claims; `is_confirmation_question`
  finds a statement asked back ("So it is on my right?"), which its answer settles.
"""

from __future__ import annotations

import re

from medseg_qa.knowledge import normalize_text
from medseg_qa.schemas import SEG_TOKEN

from .fragments import KEY_VALUE, fragment_sentence, key_value_sentence, labelled_fragment
from .lexicon import Mention
from .markup import plain
from .shorthand import expand

BOUNDARY = re.compile(r"[,;:()]|\s[-\u2014]\s|\u2014|\b(?:while|whereas|but|and|which|where|although|though|"
                      r"however|i\.e\.)\b|\bwhen(?=\s+(?:a|an|the|some|someone|somebody|patients?)\s)", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:of|to|in|on|at|from|by|with|near|beside|behind|between|under|above|below|into|"
                          r"toward|towards|around|against|unlike|like|than|versus|along|across|within)\b", re.I)
_NEG_TRIGGER = re.compile(r"\b(?:not|no|never|neither|nor|without|missing|zero(?=\s+(?:[a-z]+\s+)?(?:regions?|parts?|pieces?|"
                          r"components?|foci|focus|islands?|blobs?|pixels?|voxels?|lesions?|spots?|fragments?)\b)|cannot|rather than|instead of|absence of|far from|"
                          r"absent|none of|nowhere|free of|nothing|spares?|spared|sparing|excludes?|excluding|"
                          # "It would be wrong to call it large": a description rejected
                          r"(?:wrong|incorrect|inaccurate|misleading|a\s+mistake|an\s+error)\s+to\s+(?:call|describe|label|class|"
                          r"classify|term|say|think\s+of))\b|n't\b",
                          re.IGNORECASE)
_POST_NEG = re.compile(r"\b(?:(?:is|are|was|were|remains?)\s+(?:free\s+of|clear\s+of|spared|uninvolved|not\s+involved|"
                       r"empty)|(?:shows?|contains?|holds?|has)\s+(?:nothing|no)\b|"
                       r"(?:does|do|did)\s+not\s+(?:hold|contain|include|have|show|carry)|(?:doesn't|don't|didn't)\s+"
                       r"(?:hold|contain|include|have|show|carry))\b", re.IGNORECASE)
# "not only", "no doubt" and a negated verb of relevance ("that does not matter for a midline structure like
# this one", "it doesn't change the answer") deny nothing about where or what the target is
_PSEUDO_NEG = re.compile(r"\b(?:not (?:only|just)(?!\s+(?:on\s+|to\s+|in\s+)?(?:one|a\s+single)\s+(?:side|piece|part|region))|"
                         r"no doubt|without doubt|not necessarily|"
                         # "Don't be fooled that it sits on the left of the screen": a warning, it denies nothing
                         r"(?:do\s+not|don't|never)\s+(?:be|get)\s+(?:fooled|misled|tricked|confused|thrown|put\s+off)|"
                         r"(?:not|n't)\s+(?:really\s+)?(?:matter|apply|change|affect|alter|make\s+(?:a|any)\s+difference))\b",
                         re.IGNORECASE)
_NEG_END = re.compile(r"[,;:()]|\s[-\u2014]\s|\b(?:but|however|although|though|which|whereas|while|yet|instead|"
                      r"so|because|whereby)\b", re.IGNORECASE)
_YES_NO = re.compile(r"^\s*(?:(?:and|so|also|wait|hmm|ok|okay|sorry|but|then|right|now)\W+)*(?:is|are|does|do|did|can|could|"
                     r"would|will|was|were|has|have|should|might|isn't|aren't|doesn't|don't|didn't|wasn't|can't|couldn't|"
                     r"wouldn't|hasn't|haven't)\s+(?:it|this|they|these|that|there|the|a|an|any)\b|^\s*(?:are|were)\s+you\b|"
                     # "Would you call it large?", "Do you see it on the left?": asks the assistant's reading
                     r"^\s*(?:would|could|do|did|can|should|will)\s+you\s+(?:call|say|describe|consider|rate|class|label|see|agree)\b",
                     re.IGNORECASE)


_ASKED_KEY = re.compile(r"\bhow\s+many\s+(pieces|parts|regions|components|fragments|islands)\s*\?[*_\s]*"
                        r"(?=(?:\d+|one|two|three|four|five|six|a\s+single|single|just\s+one|only\s+one)\b[^?\n]{0,30}(?:[.!\n]|$))",
                        re.I)


# a script's speaker, also numbered or lettered ("HOST A:", "Speaker 2:")
_SPEAKER_LABEL = re.compile(r"^(?:(?:candidate|examiner|student|tutor|teacher|doctor|dr|patient|user|assistant|ai|bot|"
                            r"radiologist|resident|consultant|registrar|trainee|learner|attending|nurse|host|co-?host|"
                            r"speaker|presenter|interviewer|guest|caller|moderator|narrator|coach)(?:\s+[A-Z0-9])?|q|a)"
                            r"\s*:\s+(?=\S)", re.I)


_TIMESTAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?[\])]?\s*[-\u2013]?\s*", re.I)


def sentences(text: str) -> list[str]:
    """Sentences and list items of a turn, without markdown markup or the [SEG] token."""
    # "Answer - the left kidney: [SEG] Note the display convention ...": a capital after the token opens a sentence
    text = re.sub(re.escape(SEG_TOKEN) + r"[ \t]+(?=[A-Z][a-z])", "\n", _drop_quoted_mail(normalize_text(plain(text))))
    text = expand(text.replace(SEG_TOKEN, " "))
    text = _HEADING_VALUE.sub(r"\1: \2", text)  # "### Size\nLarge." reads as "Size: Large."
    text = _ASKED_KEY.sub(r"\1: ", text)  # "**How many pieces?** Three." reads as "pieces: Three."
    text = re.sub(r"[*_`#>]+", "", text)
    text = re.sub(r"[ \t]*[\U0001F300-\U0001FAFF]+[ \t]+(?=[A-Z])", "\n", text)  # "It lies left 📍 By convention ..."
    out = []
    for line in re.split(r"\n+|(?<!:)\s(?=\d+[.)]\s+[A-Z])", text):  # lines and numbered items, then sentences
        line = re.sub(r"^[^\w(\"'\[]+", "", line)  # bullets, emoji and other leading symbols
        line = re.sub(r"^\s*(?:[-+\u2022|]\s*)?(?:\[[xX \u2713]?\]|[-+\u2022|]|\d{1,2}(?:\.\d{1,2})+\.?(?=\s+[A-Z])|"
                      r"\d+[.)]|\((?:[ivx]{1,5}|[a-h]|\d+)\)|"
                      r"[ivx]{1,5}\))\s+", "", line).strip(" |")  # bullets, numbers, enumerators, tick boxes
        for item in _table_row(line):
            out += [s.strip() for s in _SENTENCE_END.split(item) if s.strip()]
    out = [re.sub(r"^[^\w(\"'\[]+", "", s) for s in out]  # a symbol that opens a sentence mid-line ("... 📏 Large.")
    out = [_TIMESTAMP.sub("", s) for s in out]  # "[13:43] Priya: Is it on the left?" in a chat log
    out = _rejoin_completions(out)
    out = [_SPEAKER_LABEL.sub("", s) for s in out]  # "Candidate: There are two components." is the candidate's say
    return [labelled_fragment(fragment_sentence(key_value_sentence(s))) for s in out if s]


# "... it is the patient's right": a clause that only completes a side equation (shared with `claims`)
COMPLETION = re.compile(r"(?:it|that|this)\s+is\s+(?:the\s+)?(?:patient'?s|image'?s|viewer'?s|screen'?s|our|your|their)\s+"
                        r"(?:left|right)\b", re.I)


_POINTS_BACK = re.compile(r"(?:it|they)\b[^.;]*\b(?:to|of|than|from|behind|above|below|beside|under|over)\s+(?:it|them)\b",
                          re.I)


def _rejoin_completions(parts: list[str]) -> list[str]:
    """'Left on the screen is not the patient's left; it is the patient's right.' is one statement: a part
    after a semicolon that only completes the side equation before it stays with it; so does one whose object
    pronoun points back into it ('find the sacrum; it lies above it')."""
    out: list[str] = []
    for part in parts:
        if out and out[-1].endswith(";") and (COMPLETION.match(part) or _POINTS_BACK.match(part)):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


_MAIL_QUOTE = re.compile(r"(?m)^[ \t]*>[^\n]*\b(?:wrote|said|writes)\s*:[ \t]*$(?:\n[ \t]*>[^\n]*)*")


# struck-through text ("on the patient's ~~left~~ right", "<del>left</del>") is what the writer deleted
_STRUCK = re.compile(r"~~[^~\n]{1,200}~~[ \t]*|<(del|s|strike)>[^<]{0,200}</\1>[ \t]*", re.I)


def _drop_quoted_mail(text: str) -> str:
    """An e-mail's quoted earlier message ("> On Tuesday Sam wrote:" and the "> ..." lines under it) is
    another writer's words, not this answer's claims, and struck-through words are deleted ones: both are
    dropped. Other block quotes (a "> Tip: ..." callout) stay, they are the writer's own."""
    return _STRUCK.sub("", _MAIL_QUOTE.sub("", text))


# a sentence ends after . ! ? ; (or ".)"), but not after an abbreviation such as "i.e.", "cf." or "et al."
_SENTENCE_END = re.compile(r"(?<![ (]i\.e\.)(?<![ (]e\.g\.)(?<!\bvs\.)(?<!approx\.)(?<!\bcf\.)(?<!et al\.)"
                           r"(?:(?<=[.!?;])|(?<=[.!?]\)))\s+")


def _table_row(line: str) -> list[str]:
    """A markdown table row reads as "key: value"; in a row whose first cell is a known key ("| Side | left |
    high | display is mirrored |") the further cells are not part of the value: a note of three words or more
    is a sentence of its own, a shorter cell is a rating ("high", "moderate" confidence) and is not read.
    Rows about other things ("| Spleen | Left | Medium |") keep their cells together."""
    cells = re.split(r"\s*\|\s*", line)
    if len(cells) == 2 and cells[0].endswith("?"):
        return [cells[0], cells[1]]  # "| What size class? | a large structure |": a question and its answer
    if len(cells) > 2 and KEY_VALUE.match(f"{cells[0]}: {cells[1]}"):
        return [f"{cells[0]}: {cells[1]}"] + [c for c in cells[2:] if len(c.split()) >= 3]
    return [": ".join(cells)]


_HEADING_VALUE = re.compile(r"(?m)(?:^|(?<=\s))[ \t]*#{1,6}[ \t]*([A-Za-z][A-Za-z ]{0,30}?)[ \t]*:?[ \t]*\n+[ \t]*"
                            r"((?:[\w'%.-]+[ \t]+){0,3}[\w'%-]+(?:[.!](?=\s|$)|[ \t]*$))")
def negated_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) character spans that a negation trigger denies."""
    pseudo = [(m.start(), m.end()) for m in _PSEUDO_NEG.finditer(sentence)]
    spans = []
    for m in _NEG_TRIGGER.finditer(sentence):
        if any(s <= m.start() < e for s, e in pseudo):
            continue
        end = _NEG_END.search(sentence, m.end())
        gloss = re.match(r"\((?![^)]*\b(?:it|is|are|they|was|lies|sits|but|\d+|one|two|three|four|five|several)\b)"
                         r"\s*[\w-]+(?:\s+[\w-]+){0,2}\s*\)",
                         sentence[end.start():]) if end and end.group() == "(" else None
        if gloss or (end and end.group() == "(" and re.search(r"\d\s*%?\s*$", sentence[:end.start()])
                     and ")" in sentence[end.end():]):
            # "not 12% (large)", "not toward the front of the body (anterior)": a gloss of what is denied
            end = _NEG_END.search(sentence, sentence.index(")", end.end()) + 1)
        spans.append((m.start(), end.start() if end else len(sentence)))
    for m in _POST_NEG.finditer(sentence):  # "the left side is free of it": denies what comes before
        starts = [b.end() for b in _NEG_END.finditer(sentence, 0, m.start())]
        spans.append((starts[-1] if starts else 0, m.start()))
    return spans


def is_negated(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def is_yes_no_question(sentence: str) -> bool:
    """'Is it on the left?', and in dictated text without punctuation 'is it one piece or more'."""
    return not sentence.rstrip().endswith((".", "!")) and bool(_YES_NO.match(sentence))


_TAG = re.compile(r",?\s*(?:right|correct|isn'?t\s+it|is\s+it|aren'?t\s+they|yes|yeah|then|ok|okay|no)\s*$", re.I)
_WH = re.compile(r"\b(?:why|which|what|where|how|when|who|whose|whom)\b", re.I)


def is_confirmation_question(sentence: str) -> bool:
    """'So basically it is on my right?', 'It is only on one side, then?': a statement asked back for
    confirmation. Its answer settles it: 'Not quite, ...' retracts it (`check_conversation`), 'Yes.' asserts it
    (`affirmed_statement`), and an answer that lets it stand leaves it asserted, like a why-question's premise."""
    return sentence.rstrip().endswith("?") and "?" not in sentence.rstrip()[:-1] and not _WH.search(sentence) \
        and not is_yes_no_question(sentence)


_AFFIRMATION = re.compile(r"^\s*(?:yes|yep|yeah|yup|correct|indeed|exactly|affirmative|right|that\s+is\s+(?:right|correct))"
                          r"(?:[,\s]+(?:it|they|that|this)\s+(?:is|are|does|do|has|can))?(?:[,\s\u2014-]+(?:indeed|correct|exactly|precisely|"
                          r"spot\s+on|that'?s\s+(?:right|correct)))?[\s.!]*$",
                          re.I)
_QUESTION_ORDER = re.compile(r"^\s*(?:and\s+|so\s+|also\s+)?(is|are|does|do|did|was|were|has|have)\s+"
                             r"(it|this|they|these|that|the\s+(?:mask|region|target|structure|segmentation|outline))\s+(.+?)\?\s*$",
                             re.I)


def affirmed_statement(answer: str, question: str) -> str:
    """'Yes.' after 'Is it on the left?' -> 'It is on the left.': a bare affirmation asserts the yes/no
    question it answers (a bare 'No.' denies nothing checkable, and an answer with content of its own
    speaks for itself); '' when `answer` is not a bare affirmation of a yes/no question."""
    m = _QUESTION_ORDER.match(question)
    if not _AFFIRMATION.match(answer):
        return ""
    if not m:  # "So it is on my right?" - "Yes, exactly." says it is
        if not is_confirmation_question(question):
            return ""
        return _TAG.sub("", question.rstrip()[:-1]) + "."  # "So it is left-sided, right?" - "Yes."
    if re.search(r"\bor\b", m.group(3), re.I):
        return ""  # "Is it one piece or several?" cannot be answered "Yes"
    return f"{m.group(2)} {m.group(1)} {m.group(3)}."


def subject(mentions: list[Mention], sentence: str, pos: int) -> Mention | None:
    """The structure a claim at `pos` is about: in its clause, else the nearest earlier clause, the first
    mention in subject position; for a relative clause ("..., which lies ...") the mention just before
    it; None means the target."""
    bounds = list(BOUNDARY.finditer(sentence, 0, pos))
    starts = [0] + [b.end() for b in bounds]
    # a possessive ("for its part", "their outline") is a determiner, never the subject of a clause
    before = [m for m in mentions if m.end <= pos and sentence[m.start:m.end].lower() not in ("its", "their")]
    if bounds and bounds[-1].group(0).lower() in ("which", "where") and \
            not any(m.start >= starts[-1] for m in before):
        antecedent = [m for m in before if m.end <= bounds[-1].start()]
        if antecedent:
            return antecedent[-1]
        # "(the falx, which stays in the midline)": a noun phrase naming nothing known is what 'which' is about
        unknown = _UNKNOWN_ANTECEDENT.search(sentence, 0, bounds[-1].start())
        return Mention(unknown.start(), unknown.end(), frozenset({"unknown"})) if unknown and \
            unknown.group(1).lower() not in _TARGET_NOUNS else None
    # "It receives a vein that crosses in front of the aorta": a relative clause on an indefinite object
    relative = list(_INDEFINITE_THAT.finditer(sentence, starts[-1], pos))
    if relative and relative[-1].group(1).lower() not in _TARGET_NOUNS and \
            not any(relative[-1].end() <= m.start for m in before):
        return Mention(relative[-1].start(), relative[-1].end(), frozenset({"unknown"}))
    fronted = _fronted_subject(mentions, sentence, pos, bounds)
    if fronted is not None:
        return fronted
    # a relative clause with its own subject: "the bones that the sacrum joins at the back" (the sacrum joins there)
    relative_subject = [m for m in before for r in _RELATIVE_WITH_SUBJECT.finditer(sentence, starts[-1], pos)
                        if m.names and m.start - r.end() <= 4 and _FINITE_VERB.match(sentence, m.end)]
    if relative_subject:
        return relative_subject[-1]
    for i in range(len(starts) - 1, -1, -1):
        stop = starts[i + 1] if i + 1 < len(starts) else pos
        gap_start = starts[i]
        inside = [m for m in before if starts[i] <= m.start < stop]
        if i and inside and _VERB_FIRST.match(sentence, starts[i]) and \
                sentence[inside[0].start:inside[0].end].lower() in ("it", "them"):
            continue  # "The liver, the largest organ, covers it": a clause opening on its verb, 'it' its object
        demonstrative = _DEMONSTRATIVE_SUBJECT.match(sentence, starts[i])
        if demonstrative and demonstrative.end() <= pos + 1:
            return None  # "this white-matter band lies on the left": what the answer points at is the target
        opening = _unknown_subject(sentence, pos, starts[i])  # "The septum divides them in the midline"
        if opening is not None and not any(starts[i] <= m.start < opening.end for m in before):
            return opening
        for m in (m for m in before if starts[i] <= m.start < stop):
            if gap_start == starts[i] and _WITH.fullmatch(sentence, gap_start, m.start):
                return m  # "Situs inversus, with the heart on the right, ...": the heart is on the right
            if not _PREPOSITION.search(sentence, gap_start, m.start) or \
                    (gap_start == starts[i] and _OPENING_BEFORE_NAME.fullmatch(sentence, gap_start, m.start)
                     and _FINITE_VERB.match(sentence, m.end)):
                return _antecedent(m, before, sentence, bounds[i - 1] if i else None)
            gap_start = m.end
    return None


# what may stand before the subject of the first clause: an article, or an answer option's letter ("C (the left
# kidney) is tempting but wrong: it sits on the left", "Option A, the left psoas, is wrong")
_OPTION_LEAD = re.compile(r"\s*(?:(?:option\s+|answer\s+)?\(?[A-Ea-e][.)]?\s*(?:\(|,)\s*)?(?:the\s+)?", re.I)


_DEMONSTRATIVE_SUBJECT = re.compile(r"\s*(?:(?:since|because|given\s+that|so|and|but)\s+)?(?:this|these)\s+(?:[\w-]+\s+){0,2}?"
                                    r"(?:band|tract|bundle|structure|region|finding|area|organ|bone|muscle|gland|vessel|lesion|"
                                    r"lesions|mass|sac|collection|bleed|growth|one|ones)\s+(?:is|are|lies|lie|sits|sit)\b", re.I)
_RELATIVE_WITH_SUBJECT = re.compile(r"\b(?:that|which|whom)\s+(?=(?:the|a|an)\s)", re.I)
_UNKNOWN_ANTECEDENT = re.compile(r"(?:^|[(,;:]\s*)(?:the|a|an)\s+(?:[a-z'-]+\s+){0,2}?([a-z-]+)\s*,?\s*$", re.I)
_WITH = re.compile(r"\s*with\s+(?:the\s+|a\s+|an\s+|its\s+)?", re.I)


def _antecedent(found: Mention, before: list[Mention], sentence: str, boundary) -> Mention:
    """'The liver is the biggest organ and it sits in the right upper abdomen': an 'it' opening a clause
    joined to one whose subject names another structure refers to that structure, not the target."""
    if boundary is None or boundary.group(0).lower() not in ("and", "but", ",", ":") or \
            sentence[found.start:found.end].lower() != "it":
        return found
    first = before[0] if before else None
    if first is None or not first.names or first.names & {"person", "counterpart"} or \
            not _OPTION_LEAD.fullmatch(sentence[:first.start]) or \
            any(first.end <= m.start < found.start and not m.names for m in before):
        return found
    return first


# a clause-opening name that is the subject although a preposition stands before it: after a short fronted
# phrase without a comma ("By convention the spleen lies on the left", "On CT the aorta runs ..."), or as the
# whole of which a part is named ("The temporal horn of the lateral ventricle curves above it"); its verb follows
_OPENING_BEFORE_NAME = re.compile(r"\s*(?:(?:by|in|on|at|for|with|among|across)\s+(?:[a-z'-]+\s+){1,6}?(?:the|a|an)|"
                                  r"(?:the|its|their)\s+(?:[a-z'-]+\s+){1,3}?of\s+(?:the|its|their))\s+", re.I)
# a verb's third person singular: an -s word, not a noun in -ss or -us ("mass", "corpus")
_S_VERB = r"[a-z]{2,}s(?<!ss)(?<!us)"
_FINITE_VERB = re.compile(r"\s+(?:(?:just|also|usually|normally|typically|always|often|then)\s+)?(?:is|are|was|were|has|"
                          rf"have|can|may|will|(?!this\b|thus\b|plus\b|its\b){_S_VERB})\b", re.I)
# a clause that opens on a finite verb ("..., covers it from in front", "... and touches it") has no subject of its own
_VERB_FIRST = re.compile(r"\s+(?!(?:perhaps|sometimes|always|besides|afterwards|towards|nevertheless|nonetheless|regardless|"
                         r"unless|whereas|yes|as|is\s+it|are\s+they)\b)" + _FINITE_VERB.pattern[3:], re.I)
_FRONTED = re.compile(r"^\s*(?:on|in|at|to|toward|towards|near|along|behind|beside)\b[^,]*$", re.I)


def _fronted_subject(mentions: list[Mention], sentence: str, pos: int, bounds: list) -> Mention | None:
    """'On the patient's left, the matching artery arises from the arch': a fronted place phrase (a first
    clause that is only a prepositional phrase, cut off by a comma) says where the next clause's subject is."""
    if bounds or not (comma := re.search(r",\s*", sentence[pos:])):
        return None
    start = pos + comma.end()
    if not _FRONTED.match(sentence[:pos + comma.start()]):
        return None
    first = next((m for m in mentions if m.start >= start), None)
    if first is not None and first.names and re.fullmatch(r"(?:the|a|an|its|their)?\s*", sentence[start:first.start], re.I):
        return first
    return _unknown_subject(sentence, len(sentence), start)


# a clause-opening noun phrase and its verb: an auxiliary or a present-tense verb ("The falx stays straight",
# "The septum divides them"), after at most two prepositional phrases ("The falx in the midline stays ...")
_NP_START = re.compile(r"\s*(?:(?:because|since|as|so|and|but|while|whereas|although|though)\s+)?"
                       r"(?:no|a|an|the|some|any|free|fresh|small|large)\s+((?:[a-z'-]+\s+){0,3}?)([a-z-]+)\s+"
                       r"(?:(?:in|on|at|of|along|near)\s+the\s+(?:[a-z-]+\s+){1,2}?){0,2}"
                       r"(?:is|are|was|were|can|could|may|might|would|will|has|have|seen|noted|appears?|lie|sit|"
                       rf"(?:(?!is\b|has\b|was\b|does\b|this\b|thus\b|plus\b|its\b|always\b){_S_VERB}))\b",
                       re.IGNORECASE)
# an anatomical adjective names another structure ("the pineal gland", "the hepatic vessel"); a descriptive one
# ("the bony structure", "the large bright region") does not
_ANATOMICAL_ADJECTIVE = re.compile(r"[a-z]{3,}(?:al|ar|ic|eal|ine)$")
_PLAIN_ADJECTIVES = frozenset("central lateral medial normal abnormal tubular circular oval vascular muscular cystic "
                              "irregular regular similar particular typical atypical classic ventral dorsal dental "
                              "focal global nodular lobular linear spherical elliptical".split())


def _names_a_place(word: str) -> bool:
    return bool(_ANATOMICAL_ADJECTIVE.match(word)) and word not in _PLAIN_ADJECTIVES


# nouns that refer to the target (or a part of it) rather than name something else; a class noun ('the muscle',
# 'the lobe') refers to the target only when the target's own names hold it (`Lexicon.mentions`)
# an indefinite object with its relative clause ("receives a vein that crosses ..."; not "it is a muscle that ...")
_INDEFINITE_THAT = re.compile(r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bas\s)(?<!\blike\s)\b(?:an?|another)\s+"
                              r"(?:[\w-]+\s+){0,2}?([\w-]+)\s+(?:that|who)\s+(?=[a-z]+s\b)", re.I)
_TARGET_NOUNS = frozenset("mask region structure area segmentation component part piece outline finding organ lesion pair viscus "
                          "target shape contour blob portion vessel gland abnormality mass tumour tumor nodule focus "
                          "collection highlight overlay label answer space cavity chamber sac swelling bulge protrusion growth "
                          "deposit deposits "
                          "object thing pole tip edge border margin rim wall lumen core bulk rest remainder whole majority "
                          "one ones it image picture slice scan view figure frame study section cut series "
                          # an attribute of the target: "the size I calculate is 22%", "the side is left"
                          "size side position location extent share coverage count number depth laterality "
                          "placement site".split())


# "A left-sided neck mass would push the trachea to the right": an indefinite subject of a modal is hypothetical
_HYPOTHETICAL = re.compile(r"^\s*(?:\w+\s+)?(?:a|an|any)\s.*\b(?:would|could|might|may|can|will)$", re.I)


# a part of the target as a clause's subject ("Its tail points toward the spleen", "its C-shaped cartilage rings are open
# at the back") or a numbered part of an organ ("Segment VIII sits high") is not the whole mask, whose place QC checks
_PART_OPENING = re.compile(r"\s*(?:(?:and|but|while|whereas|because|since)\s+)?(?:(?:its|their)\s+"
                           r"(?:(?!(?:on|in|of|at|to|from|with|for)\b)[\w'-]+\s+){0,3}?([a-z-]+)|"
                           r"(?:couinaud\s+)?(?:segment|level|zone|station)\s+(?:[ivx]+|\d+[a-z]?))\s+"
                           r"(?P<verb>is|are|was|were|lies|lie|sits|sit|points?|nestles?|extends?|reaches?|runs?|curves?|hangs?|"
                           r"projects?|abuts?|touch(?:es)?|faces?|tapers?|has|have)\b", re.I)
# the parts of a structure whose place is not the whole's: "its tail", "its upper pole", "its cartilage rings"
_PART_NOUNS = frozenset("tail tails head heads neck apex apices base tip tips pole poles horn horns root roots dome fundus "
                        "isthmus hilum hila arch crus crura limb limbs branch branches end ends edge edges border borders "
                        "margin margins rim wall walls capsule ring rings cartilage lobe lobes segment segments surface "
                        "surfaces process processes".split())


def _part_subject(sentence: str, pos: int, start: int) -> Mention | None:
    m = _PART_OPENING.match(sentence, start)
    if not m or m.start("verb") > pos or (m.group(1) and m.group(1).lower() not in _PART_NOUNS):
        return None
    return Mention(m.start(), m.end(), frozenset({"unknown"}))


def _unknown_subject(sentence: str, pos: int, start: int = 0) -> Mention | None:
    """A clause that opens (at `start`) with a noun phrase naming nothing known ("No free fluid is seen on
    the right", "The falx in the midline stays straight") is about that thing, not the target; a noun like
    'mask', 'region' or 'the hollow muscular structure' is the target (a mention without names); a side
    ('the left side is free of it') or a part of a named whole ('the wall of the aorta') opens no subject (None)."""
    part = _part_subject(sentence, pos, start)
    if part is not None:
        return part
    m = _NP_START.match(sentence, start)
    hypothetical = bool(m) and bool(_HYPOTHETICAL.search(m.group(0)))
    if not m or m.end(2) > pos and not (m.start(1) <= pos and hypothetical):
        return None  # (a side inside a hypothetical subject, "A left-sided mass would ...", describes that subject)
    words = (m.group(1) + m.group(2)).lower().split()
    cut = next((i for i, w in enumerate(words) if w in ("i", "we", "you", "they", "that", "which", "who") and i), None)
    head = words[cut - 1] if cut else words[-1]  # "the size I calculate is ...": the head comes before a relative clause
    modifiers = words[:cut - 1] if cut else words[:-1]
    if head in ("left", "right", "half"):
        return None  # a side ("the left side is free of it")
    if head in _TARGET_NOUNS and not hypothetical and not any(_names_a_place(w) for w in modifiers):
        if re.search(r"\bof\s+the\b", m.group(0), re.I):
            return None  # a part of something named after it ("the wall of the aorta")
        return Mention(m.start(1), m.end(2), frozenset())  # the target or a part of it, not "the pineal gland"
    return Mention(m.start(1), m.end(2), frozenset({"unknown"}))


def about_target(mentions: list[Mention], sentence: str, pos: int) -> bool:
    found = subject(mentions, sentence, pos)
    return found is None or not found.names
