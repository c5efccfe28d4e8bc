"""Topics: which structure a sentence-opening pronoun points back to across sentences of a turn.

`read_with_topic` spells out 'It'/'They'/'That one' as the other structure a question just asked about ("What about
the spleen?" - "It is small.") or a statement just brought in ("Alongside it you can see the gallbladder. It sits
midway." "That one is the right lung. It ..."), until a sentence names the target again; `asked_about` finds the
question's structure; `described_elsewhere` finds a later question's description of another thing ("Next: that fluid
bag at the front."). Used by `check_conversation` before claims are read; `subjects` attributes within a sentence.
"""

from __future__ import annotations

import re

from .subjects import target_noun

# a question whose subject is another structure: "And the spleen?", "What about the other kidney?", "Where is the
# spleen?", "How big is the aorta?", "Is the spleen on the left?" (not "Which organ lies beside the spleen?", whose
# answer is the target, nor one that names the target or 'it' anywhere)
_TOPIC_OPENER = re.compile(r"^\W*(?:(?:and|so|also|but|ok|okay|now|then|right|sure|thanks|great)\W+)*(?:(?:what|how)\s+about\s+|"
                           r"(?:where|how(?:\s+(?:big|large|small|many\s+\w+|much\s+\w+))?|what\s+size|which\s+side)\s+"
                           r"(?:is|are|does|do|was|were|would)\s+|(?:is|are|does|do|did|was|were|can|could|would|will|has|have)\s+)?"
                           r"(?:the\s+|its\s+)?$", re.I)
_BACK_TO_TARGET = re.compile(r"\b(?:mask|segmentation|segmented|highlighted|outlined|target|overlay)\b|"
                             # "Back to your first answer", "the first thing you showed me", "Item 1, revisited."
                             r"\b(?:first|original)\s+(?:one|thing|structure|answer|item|finding)\b|\bitem\s+(?:1|one)\b",
                             re.I)
_BARE_PRONOUNS = frozenset({"it", "its", "itself", "they", "them", "their"})
_POINTING = _BARE_PRONOUNS | {"that one", "this one", "the latter"}  # words that point back at the topic
_LEADING_PRONOUN = re.compile(r"^(\W*(?:(?:yes|yeah|yep|no|nope|sure|well|so|ok|okay|right|correct|indeed|also)\W+)*"
                              # a short fronted adverbial: "Size-wise it is ...", "Front-to-back, it's ...", "On this
                              # slice it ...", "In patient terms it's ..."
                              r"(?:[\w-]+-wise,?\s+|(?:on|in|from)\s+(?:this|the|patient)\s+[\w-]+,?\s+|"
                              r"[\w'-]+(?:\s+[\w'-]+){0,3},\s+)?)"
                              r"(it|they|that\s+one|this\s+one|the\s+latter)\b", re.I)
# a sentence that brings another structure in as what it is about: its subject ("Next, the left kidney is of moderate
# size."), or the thing it presents ("Alongside it you can see the gallbladder.", "A possible mix-up would be the aorta.")
_OPENS_WITH = re.compile(r"^\W*((?:first|next|then|finally|lastly|second|third|meanwhile|for\s+comparison|by\s+contrast|"
                         r"in\s+contrast|as\s+for|turning\s+to|moving\s+on\s+to|briefly)\b[,:]?\s+)?(?:the\s+|its\s+|their\s+)?$",
                         re.I)
_PRESENTS = re.compile(r"\b(?:you\s+can\s+(?:also\s+)?see|we\s+(?:can\s+)?(?:also\s+)?see|there\s+is|there'?s|note|"
                       r"(?:mix-?up|confusion|alternative|differential)\s+(?:would\s+be|is)|(?:confused|mistaken)\s+(?:with|for)|"
                       r"compar(?:e|ing)\s+(?:it\s+|them\s+)?(?:with|to))\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_PRESENTED_END = re.compile(r"(?:,\s*(?:which|that)\b[^.;]*)?\W*$", re.I)  # "..., which is on the same image."


def _introduced(sentence: str, lexicon) -> tuple[str, bool] | None:
    """The other structure a statement is about, when it names no part of the target, and whether it is brought in
    as the new centre of attention (a walk-through lead, "Next, the left kidney ...", or a presentation, "you can
    see the gallbladder"): then the next "It" is that structure. A plain subject ("The spleen on the left looks
    normal.") leaves the target the centre: LLM answers go on with "It" for the target; only "That one" or "The
    latter" then points back at the spleen."""
    found = lexicon.mentions(sentence)
    named = [m for m in found if m.names and "person" not in m.names]
    if not named or any(not m.names and sentence[m.start:m.end].lower() not in _BARE_PRONOUNS for m in found) or \
            _BACK_TO_TARGET.search(sentence):
        return None
    first, last = named[0], named[-1]
    # (a subject that relates to the target by a pronoun, "The IVC runs just behind it.", leaves the target the centre
    # of attention: the next "It" is still the target)
    opening = _OPENS_WITH.match(sentence[:first.start])
    if opening and not any(not m.names for m in found):
        return sentence[first.start:first.end], bool(opening.group(1))
    if _PRESENTS.search(sentence[:last.start]) and _PRESENTED_END.fullmatch(sentence[last.end:]):
        return sentence[last.start:last.end], True
    return None


def asked_about(question: str, lexicon) -> str | None:
    """The other structure a question is about ("And the other kidney?" -> "other kidney"; "Is the big organ on the
    left the liver?" -> "liver"), or None."""
    if not question.rstrip().endswith("?") or _BACK_TO_TARGET.search(question):
        return None
    found = lexicon.mentions(question)
    named = [m for m in found if m.names and "person" not in m.names]
    if not named or any(not m.names for m in found):
        return None
    one = len({question[m.start:m.end].lower() for m in named}) == 1
    if _TOPIC_OPENER.match(question[:named[0].start]) or (one and _YES_NO_OPENER.match(question)):
        return question[named[0].start:named[0].end]
    return None


_YES_NO_OPENER = re.compile(r"^\W*(?:(?:and|so|also|but|ok|okay|got\s+it|thanks|right)\W+)*(?:is|are|was|were|does|do|did)\s+"
                            r"(?:the|that|this|those|these)\b", re.I)
# an answer naming what a pronoun or 'that' is: "Yes, that's the liver.", "That is the vertebral body, in the midline"
# ("That one is the right lung.", "The other one's the left femoral head.", "You're pointing at the spleen.")
_IDENTIFIES = re.compile(r"^\W*(?:(?:yes|no|yeah|right|correct|so|ok|okay)\W+)*(?:(?:(?:that|this|it|those|these)"
                         r"(?:\s+(?:one|ones|thing|things|structure|bit|part))?|the\s+other\s+(?:one|ones))"
                         r"(?:'s|\s+is|\s+are|'re)|you(?:'re|\s+are)\s+(?:pointing|looking)\s+at)\s+(?:the|a|an)\s+", re.I)


def read_with_topic(said: list[str], topic: str | None, lexicon, written: list[str]) -> list[str]:
    """A turn's sentences with 'It'/'They'/'That one' opening a sentence spelled out as the other structure just asked
    about ("What about the spleen?" - "It is small and on the left." reads "The spleen is small ...") or just brought in
    as what a statement is about ("Alongside it you can see the gallbladder. It sits midway front to back."), until a
    sentence names the target again (its name, 'the mask', 'this lesion'); a question in the turn sets a new topic.
    `written` holds the same sentences as written, before key lines were spelled out as "It ..." sentences."""
    out = []
    brought_in: bool | None = None  # how a statement brought the topic in: as the new centre (True), plainly (False)
    for i, sentence in enumerate(said):
        identifies = _IDENTIFIES.match(sentence)
        named = identifies and next((m for m in lexicon.mentions(sentence) if m.start >= identifies.end() - 1), None)
        if sentence.rstrip().endswith("?"):
            topic, brought_in = asked_about(sentence, lexicon), None
        elif named and named.names and "person" not in named.names and named.start - identifies.end() <= 2:
            topic, brought_in = sentence[named.start:named.end], None  # "Yes, that's the liver. It's on the ..."
        elif (introduced := _introduced(sentence, lexicon)) is not None:
            topic, brought_in = introduced  # "Next, the left kidney is of moderate size. It sits posteriorly."
        elif brought_in is not None and not ((lead := _LEADING_PRONOUN.match(written[i]))
                                             and (brought_in or lead.group(2).lower() not in ("it", "they"))):
            topic = None  # a brought-in topic holds for pronouns as written ("Position: low" is spelled "It lies low"),
            # and for "It" only when brought in as the centre
        elif topic is not None:
            if _BACK_TO_TARGET.search(sentence) or any(not m.names and sentence[m.start:m.end].lower() not in _POINTING
                                                       for m in lexicon.mentions(sentence)):
                topic = None  # "Back to the mask: it sits on the right"
            elif lead := _LEADING_PRONOUN.match(sentence):
                name = topic if re.match(r"(?:the|its|their|a|an)\s", topic, re.I) else f"the {topic}"
                name = name[0].upper() + name[1:] if not lead.group(1) else name
                sentence = f"{lead.group(1)}{name}{sentence[lead.end():]}"
        out.append(sentence)
    return out


# a later user turn pointing at something else by description: "that smooth fluid bag at the front", "the chunk of bone
# at the back", "the smooth solid organ tucked in at the back" (a place inside the noun phrase, no verb before it)
_NOT_A_NOUN = r"(?!(?:is|are|was|were|lies|lie|sits|sit|seems?|looks?|it|they|one|ones)\b)"
_DESCRIBED = re.compile(rf"\b(?:that|this|the|those|these)\s+((?:{_NOT_A_NOUN}[\w-]+,?\s+){{0,4}}?{_NOT_A_NOUN}[\w-]+)\s+"
                        r"(?:(?:tucked|lying|sitting|right|out|up|down|over|just|in|away)\s+){0,3}"
                        r"(?:(?:,\s+)?(?:at|near|in|on|by|towards?|over|along|to)\s+(?:the\s+)?(?:very\s+)?"
                        r"(?:front|back|side|edge|middle|top|bottom|left|right|cent(?:re|er)|rear)\b)+", re.I)


def described_elsewhere(sentence: str, lexicon) -> list[tuple[int, int]]:
    """Spans of a later user sentence that point at another thing by its look and place ("What is that uniform grey
    organ near the back?"): the target has been named by then, so a user who describes a thing afresh means something
    else, and the place words only say where to look ('it' there is the thing described). None when the sentence
    names the target ('the rectum', 'the first one'); no span for a bare word for the target ("the structure on the
    left") or a place said of it ("So it's all the way at the back")."""
    if _BACK_TO_TARGET.search(sentence) or any(not m.names and sentence[m.start:m.end].lower() not in _POINTING
                                               for m in lexicon.mentions(sentence)):
        return []
    out = []
    for m in _DESCRIBED.finditer(sentence):
        words = re.findall(r"[\w-]+", m.group(1).lower())
        if not all(target_noun(w) for w in words) and not _NO_DESCRIPTION & set(words) and \
                not _SAID_OF_IT.search(sentence, 0, m.start()):
            out.append((m.start(), m.end()))
    return out


# a clause said of the target before the place ("So it's all the way at the back", "Why is it only present on the
# right side ...?", "Is it normal for it to lie ..."): a premise, not a description
_SAID_OF_IT = re.compile(r"\b(?:it|they)(?:'s|'re|\s+is|\s+are|\s+sits?|\s+lies?|\s+lie|\s+to\s+(?:lie|sit|be))\b|"
                         r"\b(?:is|are|was|were|does|do)\s+(?:it|they)\b", re.I)
# words that make no description of a thing: an idiom's ("all the way at the back"), a place's, a clause's
_NO_DESCRIPTION = frozenset("way side left right front back middle top bottom and or but only".split())
