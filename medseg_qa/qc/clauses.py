"""Sentences and negation scopes: which statements a text makes, and which of them are denied.

- `sentences` splits a turn into sentences and list items, dropping markdown emphasis and bullets.
- `negated_spans` is a NegEx-style scope rule: a negation trigger ('not', 'no', 'without', 'rather than',
  "isn't", 'neither'...) negates what follows it up to the end of its clause (a comma, a colon, a
  conjunction such as 'but' or 'which'); pseudo-triggers ('not only', 'no doubt') negate nothing.
- `is_yes_no_question` tells a question that asks ("Is it on the left?") from one that asserts
  ("Which organ on the patient's left ...?"): only the second carries claims; `is_confirmation_question`
  finds a statement asked back ("So it is on my right?"), which its answer settles.
"""

from __future__ import annotations

import re

from medseg_qa.knowledge import normalize_text
from medseg_qa.schemas import SEG_TOKEN

from .fragments import KEY_VALUE, fragment_sentence, key_value_sentence, labelled_fragment, uncleft
from .symbols import spelled
from .markup import plain, unwrapped
from .shorthand import expand

BOUNDARY = re.compile(r"[,;:()]|\s[-\u2014]\s|\u2014|\b(?:while|whereas|but|and|which|where|although|though|"
                      r"however|i\.e\.)\b|\bwhen(?=\s+(?:a|an|the|some|someone|somebody|patients?)\s)", re.IGNORECASE)
PREPOSITION = re.compile(r"\b(?:of|to|in|on|at|from|by|with|near|beside|behind|between|under|above|below|into|"
                          r"toward|towards|around|against|unlike|like|than|versus|along|across|within)\b", re.I)
_NEG_TRIGGER = re.compile(r"\b(?:not|no|never|neither|nor|without|missing|zero(?=\s+(?:[a-z]+\s+)?(?:regions?|parts?|pieces?|"
                          r"components?|foci|focus|islands?|blobs?|pixels?|voxels?|lesions?|spots?|fragments?)\b)|cannot|rather than|instead of|absence of|far from|"
                          r"absent|none of|nowhere|free of|nothing|spares?|spared|sparing|excludes?|excluding|nobody|no\s+one|"
                          # "It would be wrong to call it large": a description rejected
                          r"(?:wrong|incorrect|inaccurate|misleading|a\s+mistake|an\s+error)\s+to\s+(?:call|describe|label|class|"
                          r"classify|term|say|think\s+of))\b|n't\b",
                          re.IGNORECASE)
_POST_NEG = re.compile(r"\b(?:(?:is|are|was|were|remains?)\s+(?:free\s+of|clear\s+of|spared|uninvolved|not\s+involved|"
                       r"empty)|(?:shows?|contains?|holds?|has)\s+(?:nothing|no)\b|"
                       r"(?:does|do|did)\s+not\s+(?:hold|contain|include|have|show|carry)|(?:doesn't|don't|didn't)\s+"
                       r"(?:hold|contain|include|have|show|carry)|"
                       # a passive finding denied: "An anterior position is not observed", "Continuity ... is not seen"
                       r"(?:is|are|was|were)\s+not\s+(?:observed|seen|present|noted|evident|identified|found|demonstrated|"
                       r"appreciated|visible|the\s+case)|"
                       # a side said to be empty: "the right side is clear"
                       r"(?<=\bside\s)(?:is|looks|appears|remains)\s+(?:clear|unremarkable|empty|free|spared)(?!\s+of\b)|"
                       # a fronted place denied at the end: "On the left side it is not.", "In front it lies not."
                       r"(?:it|they)\s+(?:is|are|lies|lie|sits|sit|does|do)\s+not(?=\s*[.!]?\s*$))\b", re.IGNORECASE)
# "not only", "no doubt" and a negated verb of relevance ("that does not matter for a midline structure like
# this one", "it doesn't change the answer") deny nothing about where or what the target is
_PSEUDO_NEG = re.compile(r"\b(?:not (?:only|just)(?!\s+(?:on\s+|to\s+|in\s+)?(?:one|a\s+single)\s+(?:side|piece|part|region))"
                         r"(?!\s+(?:at|on|in|to)\s+the\s+(?:left|right)\b(?![^.;]*\bbut\b))|"
                         r"no doubt|without doubt|not necessarily|(?:^\W*|(?<=[,;:]\s)|(?<=[,;:]))not\s+(?:quite|really|exactly)(?=\W+(?:the|it|they|there|i)\b)|"
                         # "Don't be fooled that it sits on the left of the screen": a warning, it denies nothing
                         r"(?:do\s+not|don't|never)\s+(?:be|get)\s+(?:fooled|misled|tricked|confused|thrown|put\s+off)|"
                         r"(?:not|n't)\s+(?:really\s+)?(?:matter|apply|change|affect|alter|make\s+(?:a|any)\s+difference))\b",
                         re.IGNORECASE)
_NEG_END = re.compile(r"[,;:()]|\s[-\u2014]\s|\b(?:but|however|although|though|which|whereas|while|yet|instead|"
                      r"so|because|whereby)\b|"
                      # a new clause of unpunctuated speech: "not on this slice it comes as one piece"
                      r"(?<!\bof)(?<!\bthat)(?<!\bif)(?<!\bwhere)(?<!\bwhether)(?<!\babout)(?<!\bfor)(?<!\bwith)(?<!\bin)"
                      r"(?<!\bon)(?<!\bto)(?<!\bfrom)(?<!\bby)(?<!\bthan)"  # (not "No part of it sits on the left")
                      r"\s(?=(?:it|they|the\s+mask|the\s+outline)\s+(?:is|are|comes|come|lies|lie|sits|sit|covers|takes|forms)\b)|"
                      # ... or of another person's act: "I can't have an operation they want to heat-treat the spot ..."
                      r"\s(?=(?:they|he|she|we|you)\s+(?:want|wants|wanted|plan|plans|planned|said|say|says|told|think|thinks|"
                      r"thought|need|needs|will|would|are\s+going)\b)|"
                      # a second predicate: "It does not lie anteriorly and sits behind the symphysis"
                      r"\band\s+(?=(?:it\s+|they\s+)?(?:lies|lie|sits|sit|is|are|shows?|appears?|forms?|measures?|covers?|"
                      r"occupies|extends?|looks?|consists?|contains?|has|have|takes?|spans?|sits?|fills?)\b)|"
                      # a new subject: "not big not small and The uterus is located on the right"
                      r"\band\s+(?=(?:the|this|that)\s+(?:[\w-]+\s+){0,2}(?:is|are|lies|lie|sits|sit)\b)", re.IGNORECASE)
_YES_NO = re.compile(r"^\s*(?:(?:and|so|also|wait|hmm|ok|okay|sorry|but|then|right|now)\W+)*(?:is|are|does|do|did|can|could|"
                     r"would|will|was|were|has|have|should|might|isn't|aren't|doesn't|don't|didn't|wasn't|can't|couldn't|"
                     r"wouldn't|hasn't|haven't)\s+(?:it|this|they|these|that|there|the|a|an|any)\b|^\s*(?:are|were)\s+you\b|"
                     # "Would you call it large?", "Do you see it on the left?": asks the assistant's reading
                     r"^\s*(?:would|could|do|did|can|should|will)\s+you\s+(?:call|say|describe|consider|rate|class|label|see|agree)\b",
                     re.IGNORECASE)


_ASKED_KEY = re.compile(r"\bhow\s+many(?:\s+(?:separate\s+)?(pieces|parts|regions|components|fragments|islands|lesions|nodules|"
                        r"nodes|cysts|foci|metastases|polyps|adenomas))?\s*\?[*_\s]*(?:answer\s*:\s*)?"
                        r"(?=(?:\d+|one|two|three|four|five|six|a\s+single|single|just\s+one|only\s+one)\b[^?\n]{0,30}(?:[.!\n]|$))",
                        re.I)


# a script's speaker, also numbered or lettered ("HOST A:", "Speaker 2:")
_SPEAKER_LABEL = re.compile(r"^(?:(?:candidate|examiner|student|tutor|teacher|doctor|dr|patient|user|assistant|ai|bot|"
                            r"radiologist|resident|consultant|registrar|trainee|learner|attending|nurse|host|co-?host|"
                            r"speaker|presenter|interviewer|guest|caller|moderator|narrator|coach|reader|reviewer|clinician|"
                            r"physician|surgeon|colleague|referrer|gp)(?:\s+[A-Z0-9])?|q|a)"
                            r"\s*:\s+(?=\S)", re.I)


_TIMESTAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?[\])]?\s*[-\u2013]?\s*", re.I)


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_NUMBERED_CELL = re.compile(r"^\s*\|\s*(?:#\s*)?(?:(?:lesion|nodule|focus|piece|part|region|component|no\.?)\s*)?\d{1,2}\s*\|", re.I)


def _target_rows(text: str) -> str:
    """Markdown tables with the rows about other things left out: in a table of structures where one row holds the
    [SEG] token, the other rows describe other structures ("| Spleen | Left | Medium |"); a row numbered as one lesion or piece
    ("| 2 | Left | Posterior | largest |") describes one part, whose side, place and rank QC does not measure."""
    lines = text.split("\n")
    out, block = [], []
    for line in lines + [""]:
        if _TABLE_ROW.match(line):
            block.append(line)
            continue
        if block:
            marked = [row for row in block if SEG_TOKEN in row]
            # (a table of attributes, "| Side | right-sided | high |", keeps its rows: they are all the target's)
            keyed = sum(bool(KEY_VALUE.match(f"{row.strip().strip('|').split('|')[0].strip(' *')}: x")) for row in block)
            if len(marked) == 1 and marked[0] is not block[0] and keyed < 2:
                out += _keyed_row(block[0], marked[0])
            else:
                out += [row for row in block if not _one_part(row)]
            block = []
        out.append(line)
    return "\n".join(out[:-1])


def _one_part(row: str) -> bool:
    """'| 2 | Left | Posterior | largest |': one numbered lesion's short descriptors (not '| 1 | It lies on the right. |',
    a numbered observation)."""
    return bool(_NUMBERED_CELL.match(row)) and all(len(c.split()) <= 3 for c in row.strip().strip("|").split("|")[1:])


def _keyed_row(header: str, row: str) -> list[str]:
    """The target's row of a table read against the header: "| **Left kidney** [SEG] | Left | Post. | 1.6% |" under
    "| Structure | Side | AP position | Size |" reads as "Left kidney [SEG]", "Side: Left.", "AP position: Post.", ..."""
    keys = [c.strip(" *") for c in header.strip().strip("|").split("|")]
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    lines = [cells[0]]
    for key, cell in zip(keys[1:], cells[1:]):
        if cell.strip(" *-\u2013\u2014/").lower() not in ("", "n/a", "na", "none"):
            lines.append(f"{key}: {cell}." if key else cell)
    return lines


def sentences(text: str) -> list[str]:
    """Sentences and list items of a turn, without markdown markup or the [SEG] token, each read as the sentence it
    stands for (`read_sentence`)."""
    return [read_sentence(s) for s in written_sentences(text)]


def read_sentence(written: str) -> str:
    """A written sentence as the plain sentence it stands for: cleft order undone, a key/value line or a verbless
    fragment spelled out ("Side: left" -> "It lies on the patient's left.")."""
    return labelled_fragment(fragment_sentence(key_value_sentence(uncleft(written))))


def written_sentences(text: str) -> list[str]:
    """Sentences and list items of a turn as written (markup, shorthand and speaker labels aside), before
    `read_sentence` spells out key/value lines and fragments."""
    text = _target_rows(text) if "|" in text else text
    # "Answer - the left kidney: [SEG] Note the display convention ...": a capital after the token opens a sentence
    # (signs are read as words first: "Side ≠ LEFT", "≈ 3 %", "2 pieces 🔢 ✏️ edit: no - 1"; `symbols`)
    text = _drop_quoted_mail(spelled(normalize_text(plain(unwrapped(text)))))
    # "OK. Right perinephric collection [SEG].": a sided name alone with the token names what the mask shows
    text = re.sub(r"(^|[.!?:]\s+|\n)(?:[Tt]he\s+)?((?:Left|Right|left|right)(?:[\s-]+[A-Za-z]+){1,4}?)\s*" + re.escape(SEG_TOKEN) +
                  r"\s*(?=[.!]|$)", r"\1It is the \2 " + SEG_TOKEN, text, flags=re.M)
    text = re.sub(re.escape(SEG_TOKEN) + r"[ \t]+(?=[A-Z][a-z])", "\n", text)
    text = expand(text.replace(SEG_TOKEN, " ")).replace(" -- ", " \u2014 ")  # a typed dash: "not on the left -- ..."
    text = _HEADING_VALUE.sub(r"\1: \2", text)  # "### Size\nLarge." reads as "Size: Large."
    text = _ASKED_KEY.sub(lambda m: f"{m.group(1) or 'pieces'}: ", text)  # "**How many pieces?** Three." reads as "pieces: Three."
    text = re.sub(r"[*_`#>]+", "", text)
    out = []
    # lines and numbered items (after a sentence's end: "Look. 2. Count.", not "The count is 2. It is small."), then sentences
    for line in re.split(r"\n+|(?<=[.!?;])\s(?=\d+[.)]\s+[A-Z])", text):
        line = re.sub(r"^[^\w(\"'\[]+", "", line)  # bullets, emoji and other leading symbols
        line = re.sub(r"^\s*(?:[-+\u2022|]\s*)?(?:\[[xX \u2713]?\]|[-+\u2022|]|\d{1,2}(?:\.\d{1,2})+\.?(?=\s+[A-Z])|"
                      r"\d+[.)]|\((?:[ivx]{1,5}|[a-h]|\d+)\)|"
                      r"[ivx]{1,5}\))\s+", "", line).strip(" |")  # bullets, numbers, enumerators, tick boxes
        # "done - the renal cysts / 3 blobs / ~1.2% of the pic": a pager's items, each read on its own
        for part in re.split(r"\s+/\s+", line) if line.count(" / ") >= 2 else [line]:
            for item in _table_row(part):
                out += [s.strip() for s in _SENTENCE_END.split(item) if s.strip()]
    out = [re.sub(r"^[^\w(\"'\[]+", "", s) for s in out]  # a symbol that opens a sentence mid-line ("... 📏 Large.")
    out = [_TIMESTAMP.sub("", s) for s in out]  # "[13:43] Priya: Is it on the left?" in a chat log
    out = _rejoin_completions(out)
    out = [_SPEAKER_LABEL.sub("", s) for s in out]  # "Candidate: There are two components." is the candidate's say
    return [s for s in out if s]


# "... it is the patient's right": a clause that only completes a side equation (shared with `claims`)
COMPLETION = re.compile(r"(?:it|that|this)\s+is\s+(?:the\s+)?(?:patient'?s|image'?s|viewer'?s|screen'?s|our|your|their)\s+"
                        r"(?:left|right)\b", re.I)


_POINTS_BACK = re.compile(r"(?:it|they)\b[^.;]*\b(?:to|of|than|from|behind|above|below|beside|under|over)\s+(?:it|them)\b",
                          re.I)


# a verbless finding after a semicolon continues the clause before it: "The right femoral head is normal; mild OA
# on the left." (the left femoral head's), not a new sentence about the target
_ELLIPTIC = re.compile(r"(?:mild|moderate|severe|marked|minor|minimal|slight|early|trace|focal|diffuse|some|small|"
                       r"subtle|patchy)\s+[a-z][^.;:?!=]*[.;!]?$", re.I)
_STATE = re.compile(r"\W*the\s+[\w\s-]{2,40}?\s(?:is|are|was|were|looks?|appears?)\s+[\w\s-]{2,30};$", re.I)  # "The X is normal;"
_A_VERB = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had|does|do|did|can|could|may|might|will|would|should|"
                     r"must|\w+(?:s|ed)\s+(?:on|in|at|to|into|from|over|across|along|behind|beside|toward|towards)\b)\b", re.I)


def _rejoin_completions(parts: list[str]) -> list[str]:
    """'Left on the screen is not the patient's left; it is the patient's right.' is one statement: a part
    after a semicolon that only completes the side equation before it stays with it; so does one whose object
    pronoun points back into it ('find the sacrum; it lies above it'), and a verbless finding after a state of
    another thing, which leaves its subject to the clause before it ('the right femoral head is normal; mild OA on
    the left')."""
    out: list[str] = []
    for part in parts:
        if out and out[-1].endswith(";") and (COMPLETION.match(part) or _POINTS_BACK.match(part) or
                                              (_ELLIPTIC.match(part) and not _A_VERB.search(part) and _STATE.match(out[-1]))):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


_MAIL_QUOTE = re.compile(r"(?m)^[ \t]*>[^\n]*\b(?:wrote|said|writes)\s*:[ \t]*$(?:\n[ \t]*>[^\n]*)*")


# a message thread's reply prefix before the reply itself: "re: your Q - Not so, I'm afraid."
_REPLY_PREFIX = re.compile(r"(?im)^[ \t]*re:[ \t]*[^\n.!?:]{0,40}?[ \t]+[-\u2013\u2014][ \t]+(?=\S)|"
                           # ... and the people it is addressed to: "@Sam Not so, I'm afraid.", "@Jonas @Dr Haddad I'd ..."
                           r"^[ \t]*(?:@(?:(?:dr|prof|mr|mrs|ms)\.?[ \t]+)?[\w.'-]+(?:[ \t]+\([^()\n]{1,15}\))?[ \t]*,?[ \t]*)+(?=\S)")


# struck-through text ("on the patient's ~~left~~ right", "<del>left</del>") is what the writer deleted
_STRUCK = re.compile(r"~~[^~\n]{1,200}~~[ \t]*|<(del|s|strike)>[^<]{0,200}</\1>[ \t]*", re.I)


def _drop_quoted_mail(text: str) -> str:
    """An e-mail's quoted earlier message ("> On Tuesday Sam wrote:" and the "> ..." lines under it) is
    another writer's words, not this answer's claims, and struck-through words are deleted ones: both are
    dropped, and so are a thread's reply prefix and addressees ("re: your Q - ", "@Sam "). Other block quotes (a
    "> Tip: ..." callout) stay, they are the writer's own."""
    return _REPLY_PREFIX.sub("", _STRUCK.sub("", _MAIL_QUOTE.sub("", text)))


# a sentence ends after . ! ? ; (or ".)"), but not after an abbreviation such as "i.e.", "cf." or "et al."
_SENTENCE_END = re.compile(r"(?<![ (]i\.e\.)(?<![ (]e\.g\.)(?<!\bvs\.)(?<!approx\.)(?<!\bcf\.)(?<!et al\.)"
                           r"(?:(?<=[.!?;])|(?<=[.!?][)\]])|(?<=[.!?]'[)\]]))\s+|"
                           r"(?<=[.!?][\"\u201d])\s+(?=[A-Z])")  # after a quoted sentence: 'Notes: "It is left." OK?'


def _table_row(line: str) -> list[str]:
    """A markdown table row reads as "key: value"; in a row whose first cell is a known key ("| Side | left |
    high | display is mirrored |") the further cells are not part of the value: a note of three words or more
    is a sentence of its own, a shorter cell is a rating ("high", "moderate" confidence) and is not read.
    Rows about other things ("| Spleen | Left | Medium |") keep their cells together."""
    cells = re.split(r"\s*\|\s*", line)
    filled = [c for c in cells if c]
    if len(filled) > 1 and all(re.match(r"[A-Za-z][\w ./-]{0,25}:\s*\S", c) for c in filled):
        return filled  # "Side: R | Area: ~0.66% | Regions: 1": key: value pairs in a line, each read on its own
    if len(cells) == 2 and cells[0].endswith("?"):
        return [cells[0], cells[1]]  # "| What size class? | a large structure |": a question and its answer
    if len(cells) > 2 and KEY_VALUE.match(f"{cells[0]}: {cells[1]}"):
        return [f"{cells[0]}: {cells[1]}"] + [c for c in cells[2:] if len(c.split()) >= 3]
    # a cell that says something of the target in a clause of its own ("| Left kidney | on the left | target lies just
    # left of the left kidney |") is that sentence, not a value of the row's structure
    own = [c for c in cells if _TARGET_CLAUSE.match(c)]
    return [": ".join(c for c in cells if c not in own)] + own if own else [": ".join(cells)]


_TARGET_CLAUSE = re.compile(r"^(?:the\s+)?(?:target|mask|segmented\s+\w+|segmentation|it|they)\s+(?:lies|lie|sits|sit|is|are|runs|run|"
                            r"was|were|extends|extend)\b", re.I)


_HEADING_VALUE = re.compile(r"(?m)(?:^|(?<=\s))[ \t]*#{1,6}[ \t]*([A-Za-z][A-Za-z ]{0,30}?)[ \t]*:?[ \t]*\n+[ \t]*"
                            r"((?:[\w'%.-]+[ \t]+){0,3}[\w'%-]+(?:[.!](?=\s|$)|[ \t]*$))")


def negated_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) character spans that a negation trigger denies."""
    pseudo = [(m.start(), m.end()) for m in _PSEUDO_NEG.finditer(sentence)]
    spans = []
    for m in _NEG_TRIGGER.finditer(sentence):
        if any(s <= m.start() < e for s, e in pseudo) or _repair_no(sentence, m):
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


# words after which "no" is a determiner ("there is no", "with no", "shows no"), not a speaker's repair
_NO_AFTER = frozenset("is are was were be been being there with without has have had shows show showed and or but of nor by "
                      "for in on at to from as that which who see seen sees find found if".split())


def _repair_no(sentence: str, m: re.Match) -> bool:
    """A speaker's repair, not a denial: "on the left no scratch that on the right", "five percent no one percent"
    (a bare "no" right after a word it cannot determine, or before "scratch that", "wait", "sorry")."""
    if m.group(0).lower() != "no":
        return False
    if re.match(r"\s*(?:,|scratch\s+that\b|wait\b|sorry\b)", sentence[m.end():], re.I):
        return bool(sentence[:m.start()].strip())
    before = re.search(r"([\w%']+)\s+$", sentence[:m.start()])
    return bool(before) and before.group(1).lower() not in _NO_AFTER


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


def fronted_question(sentence: str) -> int | None:
    """Where a question of its own starts after a fronted clause ("At roughly 18% of the image, does this slice go into
    the test split?"), or None: a bare "No" answers that question, not the premise before it."""
    m = _FRONTED_QUESTION.search(sentence)
    return m.start() if m else None


_FRONTED_QUESTION = re.compile(r",\s*(?:(?:so|then|and)\s+)?(?!(?:is|was)\s+(?:that|this|it)\s+(?:right|correct|so|true|accurate|"
                              r"ok|okay)\b|(?:do|would)\s+you\s+agree\b|(?:have|did)\s+i\s+(?:got|get)\s+(?:that|it)\s+right\b|"
                              r"(?:am|was)\s+i\s+right\b)"  # (not a tag asking back: "..., is that right?")
                              r"(?:does|do|is|are|should|would|could|can|will|did|was|were|"
                              r"has|have|must|shall)\s+(?:this|that|the|it|i|we|you|they|there)\b[^,]*\?\s*$", re.I)


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
