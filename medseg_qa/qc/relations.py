"""Relations: claims that place the target against another structure ("behind the aorta", "to the patient's right
of the stomach", "more anterior than the kidney", "on its left" of a structure named before).

Contract: `position_claims` reads the relation phrases of a sentence and `comparatives` turns side and height claims
compared with a structure ("Relative to the liver, it is further to the left") into relations to it; both return
(position, Claim) pairs, and `claims.sentence_claims` keeps those that `subjects` attributes to the target. A relation
along the head-feet axis ("above", "below") is read only on an image that has that axis: on an axial slice "above"
may mean in front on screen. `INVERSE` maps a relation to the other structure's view of it.
"""

from __future__ import annotations

import re

from .claim import Claim
from .clauses import BOUNDARY
from .lexicon import Mention
from .sides import NEIGHBOURING, RELATIVE_TO
from .sides import PICTURE as _PICTURE
from .subjects import about_target, subject


INVERSE = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to",
           "medial_to": "lateral_to", "lateral_to": "medial_to"}


_AXIS_WORD = {"left": "left_of", "right": "right_of", "anterior": "anterior_to", "ventral": "anterior_to",
              "in front of": "anterior_to", "ahead of": "anterior_to", "posterior": "posterior_to",
              "dorsal": "posterior_to", "behind": "posterior_to", "in back of": "posterior_to",
              "superior": "superior_to", "cranial": "superior_to", "above": "superior_to", "over": "superior_to",
              "inferior": "inferior_to", "caudal": "inferior_to", "below": "inferior_to",
              "beneath": "inferior_to", "underneath": "inferior_to", "under": "inferior_to",
              "higher than": "superior_to", "lower than": "inferior_to",
              "higher up than": "superior_to", "lower down than": "inferior_to", "upper": "superior_to", "forward": "anterior_to",
              "deep": "posterior_to", "superficial": "anterior_to", "medial": "medial_to", "lateral": "lateral_to"}


_COMPARE = re.compile(rf"\b(?:{RELATIVE_TO}|(?:more|further|farther)\s+(?:[\w']+\s+){{1,7}}?than)\s+", re.I)


_POSTPOSED = re.compile(r"\b(?:left|right)(?:[\s-]+side)?\s+$", re.I)


_AS_RELATION = {"left": "left_of", "right": "right_of", "anterior": "anterior_to", "posterior": "posterior_to",
                "superior": "superior_to", "inferior": "inferior_to"}


_POSITION_RES = [
    re.compile(r"\b(?:to\s+the\s+|on\s+the\s+)?(?:patient'?s\s+|patients'\s+)?(left|right)(?:[\s-]+(?:hand\s+)?side)?"
               r"\s+of\s+", re.I),
    re.compile(r"\b(anterior|posterior|superior|inferior|ventral|dorsal|cranial|caudal|medial|lateral)(?:ly)?\s+(?:to|of|from)\s+", re.I),
    re.compile(r"\b(in\s+front\s+of|ahead\s+of|in\s+back\s+of|behind)\s+", re.I),
    re.compile(r"\b(above|below|beneath|underneath|under|over|higher(?:\s+up)?\s+than|lower(?:\s+down)?\s+than)\s+", re.I),
    re.compile(r"\b(deep|superficial)\s+to\s+", re.I),  # from the anterior abdominal wall: behind / in front of
    # a comparative: "it lies more left than the stomach", "further anteriorly than the aorta", "upper than the kidney"
    # a side said relative to a structure named after it: "on the patient's right relative to the heart"
    re.compile(rf"\b(left|right)(?:[\s-]+side)?\s+{RELATIVE_TO}\s+(?:the\s+{NEIGHBOURING}\s+)?", re.I),
    re.compile(r"\b(?:(?:more|further|farther)\s+(left|right|anterior|posterior|superior|inferior|ventral|dorsal|cranial|caudal|"
               r"upper|forward)|(upper))(?:ly)?\s+than\s+", re.I),
]


_INVERTED = re.compile(r"^\s*(?:just\s+|immediately\s+|directly\s+)?(?:(?:on|to|at)\s+(?:its|their)\s+(left|right)(?:[\s-]+"
                       r"(?:hand\s+)?side)?|(in\s+front\s+of|behind|anterior\s+to|posterior\s+to)\s+(?:it|them)),?\s+"
                       r"(?:lies|sits|is|runs|are|lie|sit|you\s+see|we\s+see|one\s+sees)\s+", re.I)


_ITS_SIDE = re.compile(r"\b(?:on|to|at)\s+(?:its|their)\s+(left|right)(?:[\s-]+(?:hand\s+)?side)?\b"
                       r"(?![\s-]+(?:[a-z]+\s+)?(?:wall|border|margin|edge|surface|aspect|lobe|pole|horn|half|part|portion|lateral|"
                       r"posterolateral|anterolateral|posterior|anterior)\b)|"
                       r"\b(in\s+front\s+of|behind|anterior\s+to|posterior\s+to)\s+(?:it|them)\b", re.I)


_ITS_REL = {"left": "left_of", "right": "right_of", "in front of": "anterior_to", "anterior to": "anterior_to",
            "behind": "posterior_to", "posterior to": "posterior_to"}


def _name_word_before(sentence: str, end: int, x: Mention) -> bool:
    """'the cervical spinal cord': a word of the structure's own name stands before the mention's text."""
    word = re.fullmatch(r"(?:the\s+)?([a-z-]+)\s+", sentence[end:x.start], re.I)
    return bool(word) and f"{word.group(1).lower()} {sentence[x.start:x.end].lower()}" in x.names


def _object_after(mentions: list[Mention], sentence: str, end: int) -> Mention | None:
    """The structure a relation word at `end` points to: named right after it, or in a gloss that names a lay
    description ("behind the fluid spaces in the middle (the ventricles)")."""
    return next((x for x in mentions if end <= x.start <= end + 16
                 and re.fullmatch(r"(?:the\s+|its\s+|a\s+|the\s+patient'?s\s+|your\s+|my\s+)?", sentence[end:x.start], re.I)),
                None) or next((x for x in mentions if end <= x.start <= end + 30 and _name_word_before(sentence, end, x)),
                              None) or next((x for x in mentions if x.names and end < x.start <= end + 60 and re.fullmatch(
                    r"(?:the\s+)?[a-z -]+\((?:i\.e\.\s*|the\s+)?", sentence[end:x.start], re.I)), None)


_REDUCED_RELATIVE = re.compile(r"\s*(?:,\s*)?(?:(?:which|that)\s+(?:lies|sits|is|runs)\s+|lying\s+|sitting\s+|located\s+|"
                               r"situated\s+)?(?:just\s+|directly\s+|immediately\s+)?", re.I)


def _last_named(mentions: list[Mention], pos: int, excluding: set[str]) -> Mention | None:
    """The last structure named before `pos` (what 'it' or 'that structure' points back at), bar `excluding`."""
    return next((x for x in reversed(mentions) if x.end <= pos and x.names and not x.names & excluding), None)


def _named_just_before(mentions: list[Mention], sentence: str, pos: int) -> Mention | None:
    """The other structure a relation phrase at `pos` modifies when nothing but a reduced relative stands
    between them ("the heart behind it", "the aorta, which lies in front of it")."""
    last = next((x for x in reversed(mentions) if x.end <= pos), None)
    if last is None or not last.names or "person" in last.names:
        return None
    return last if _REDUCED_RELATIVE.fullmatch(sentence[last.end:pos]) else None


_ON_PICTURE = re.compile(rf"\b(?:on|in)\s+(?:the\s+|this\s+)?{_PICTURE}\b|\bon[\s-]screen\b", re.I)


# a phrase that points back at the structure last named: "that structure", "the latter"
_THAT_ONE = re.compile(r"(?:that|this)\s+(?:structure|organ|one|vessel|landmark|muscle|bone|gland|space)\b|the\s+(?:latter|former)\b",
                       re.I)


def position_claims(sentence: str, mentions: list[Mention], orientation) -> list[tuple[int, Claim]]:
    """Relations said with a preposition or a side word before a structure ("to the patient's right of the
    stomach", "behind the aorta", "above the kidney" on a coronal image), and relations read from a pronoun
    ("behind it", "on its left") to the structure it stands for."""
    out = []
    has_si = bool(orientation) and any(c in "SI" for c in orientation)
    for i, rx in enumerate(_POSITION_RES):
        for m in rx.finditer(sentence):
            word = re.sub(r"\s+", " ", next(g for g in m.groups() if g).lower())
            if _AXIS_WORD[word] in ("superior_to", "inferior_to") and word not in ("superior", "inferior", "cranial", "caudal") \
                    and not has_si:
                continue  # "above/below" on an axial slice may mean anterior/posterior on screen: ambiguous
            if i == 0 and re.search(r"\b(?:in|within|into|of|at|from)\s+(?:the\s+|its\s+)?(?:patient'?s\s+)?$",
                                    sentence[max(0, m.start() - 30):m.start()], re.I):
                continue  # "in the left side of the liver": a part of it, not a relation
            if i == 0 and "patient" not in m.group(0).lower() and _ON_PICTURE.search(sentence[:m.start()]):
                continue  # "On the image, it lies on the left side of the bladder": a side of the picture
            rel = _AXIS_WORD[word]
            obj = _object_after(mentions, sentence, m.end())
            if obj is None and _THAT_ONE.match(sentence, m.end()):  # "Compared with the aorta, it sits in front of
                obj = _last_named(mentions, m.start(), {"person", "counterpart"})  # that structure"
            if obj is None or "person" in obj.names:
                continue  # "to the left side of the patient" is a side, not a relation to a structure
            if rel in ("medial_to", "lateral_to") and not obj.names:
                continue  # "find the glenoid and look lateral to it": toward or away from the midline of a named thing only
            subj = subject(mentions, sentence, m.start())
            near = _named_just_before(mentions, sentence, m.start())
            if not obj.names and near is not None and re.match(r"(?:it|them)\b", sentence[obj.start:], re.I):
                # "much smaller than the heart behind it": the heart is behind the target; but in "The bladder lies
                # in front, with the uterus behind it", 'it' is the sentence's subject, another structure
                earlier = [x for x in mentions if x.end <= near.start]
                if earlier and earlier[0].names and "person" not in earlier[0].names and all(x.names for x in earlier) \
                        and re.fullmatch(r"\W*(?:the\s+)?", sentence[:earlier[0].start], re.I):
                    continue
                out.append((m.start(), Claim("relation", INVERSE[rel], other="|".join(sorted(near.names)),
                                             text=m.group(0))))
                continue
            if not obj.names and (subj is None or not subj.names) and re.match(r"it\b", sentence[obj.start:], re.I):
                # "Think of the aorta: our structure lies to its left of it": 'it' is the last other structure
                obj = _last_named(mentions, m.start(), {"person"}) or obj
            if subj is None or not subj.names:  # target REL obj
                if obj.names:
                    out.append((m.start(), Claim("relation", rel, other="|".join(sorted(obj.names)), text=m.group(0))))
            elif not obj.names:  # other REL target -> target INVERSE other
                out.append((m.start(), Claim("relation", INVERSE[rel], other="|".join(sorted(subj.names)),
                                             text=m.group(0))))
    for x in mentions:  # "on the aorta's left": target REL aorta
        side = re.match(r"\s+(left|right)\b" if sentence[:x.end].endswith("'s") else r"'s\s+(left|right)\b",
                        sentence[x.end:])
        if x.names and "person" not in x.names and side and \
                re.search(r"\b(?:on|to|at|toward|towards)\s+(?:the\s+)?$", sentence[:x.start], re.I):
            out.append((x.start, Claim("relation", _AXIS_WORD[side.group(1).lower()], other="|".join(sorted(x.names)),
                                       text=sentence[x.start:x.end + side.end()])))
    inverted = _INVERTED.match(sentence)  # "Behind it sits the aorta": the aorta REL target
    if inverted:
        obj = _object_after(mentions, sentence, inverted.end())
        if obj is not None and obj.names:
            word = re.sub(r"\s+", " ", (inverted.group(1) or inverted.group(2)).lower())
            out.append((0, Claim("relation", INVERSE[_ITS_REL[word]], other="|".join(sorted(obj.names)),
                                 text=inverted.group(0))))
            return out
    for m in _ITS_SIDE.finditer(sentence):  # "the aorta lies on its left": other REL target
        if m.group(2):
            continue  # "in front of it" is already read by the rules above
        subj = subject(mentions, sentence, m.start())
        if subj is not None and subj.names:
            out.append((m.start(), Claim("relation", INVERSE[_ITS_REL[m.group(1).lower()]],
                                         other="|".join(sorted(subj.names)), text=m.group(0))))
    return out


def comparatives(sentence: str, mentions: list[Mention], located: list[tuple[int, Claim]]) -> list[tuple[int, Claim]]:
    """'Relative to the liver, it is further to the left' and 'more anterior than the aorta' compare the
    target with another structure: its side and vertical claims become relations to that structure."""
    anchor = _COMPARE.search(sentence)
    other = None
    if anchor and _POSTPOSED.search(sentence, 0, anchor.start()):
        return located  # "right relative to the heart": one side word's relation, read by `_position_claims`
    if anchor:
        other = next((m for m in mentions if m.names and anchor.end() <= m.start <= anchor.end() + 30
                      and re.fullmatch(r"(?:the\s+)?(?:patient'?s\s+)?(?:\w+\s+)?", sentence[anchor.end():m.start], re.I)), None)
        named = other and next((m for m in mentions if m.names and re.fullmatch(
            r"\s*,?\s*(?:called|named|known\s+as|i\.e\.)\s+(?:the\s+)?", sentence[other.end:m.start], re.I)), None)
        other = named or other  # "than the big vein called the vena cava"
    if other is None:  # compared with something that is not a known structure: the side or depth is relative
        return located if anchor is None else [(pos, c) for pos, c in located if not (
            c.kind in ("side", "vertical") and anchor.start() <= pos < anchor.end())]
    cuts = [0] + [b.end() for b in BOUNDARY.finditer(sentence)] + [len(sentence) + 1]
    clause = next(i for i in range(len(cuts) - 1) if cuts[i] <= anchor.start() < cuts[i + 1])
    own = sentence[cuts[clause]:anchor.start()] + sentence[other.end:cuts[clause + 1]]
    # an anchor in a clause with its own verb compares only that clause's places ("given that it is anterior, how does
    # it sit in relation to the sternum?"); a verbless one ("..., relative to the liver") those of its neighbours too
    # ... and "further to the right than the spleen" only the place inside it ("Left-sided, further right than X")
    alone = bool(CLAUSE_VERB.search(own)) or bool(re.match(r"(?:more|further|farther)\b", anchor.group(0), re.I))
    out = []
    for pos, claim in located:  # "compared with the liver, which lies on the right": the liver's own side stays its own
        if alone and not cuts[clause] <= pos < cuts[clause + 1]:
            out.append((pos, claim))
            continue
        if claim.kind in ("side", "vertical") and claim.value in _AS_RELATION and about_target(mentions, sentence, pos):
            claim = Claim("relation", _AS_RELATION[claim.value], other="|".join(sorted(other.names)), text=claim.text)
        out.append((pos, claim))
    return out


CLAUSE_VERB = re.compile(r"\b(?:is|are|was|were|lies|lie|sits|sit|does|do|did|how|where|which|what|seems?|appears?|looks?)\b",
                          re.I)
