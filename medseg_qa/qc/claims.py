"""Claim extraction: the checkable statements a text makes about the target.

A claim is a side (patient left/right, midline), an absolute position (anterior/posterior,
superior/inferior), a relation to another structure, a size class or area percent, or a region count.
Each is found by its own phrase rules, then kept only when `clauses.subject` attributes it to the
target; a claim inside a negation scope is kept as denied (`negated`), so "it is not on the left"
contradicts a left mask and agrees with a right one. Image sides ("the image's left") are turned into
patient sides with the record's orientation; a sentence that explains the display convention ("the
patient's right appears on the image's left") says nothing about the target. Missing a claim is
preferred to inventing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medseg_qa.schemas import SourceRecord

from .clauses import about_target, is_negated, is_yes_no_question, negated_spans, sentences, subject
from .lexicon import Lexicon, Mention

INVERSE = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_AXIS_WORD = {"left": "left_of", "right": "right_of", "anterior": "anterior_to", "ventral": "anterior_to",
              "in front of": "anterior_to", "ahead of": "anterior_to", "posterior": "posterior_to",
              "dorsal": "posterior_to", "behind": "posterior_to", "in back of": "posterior_to",
              "superior": "superior_to", "cranial": "superior_to", "above": "superior_to", "over": "superior_to",
              "inferior": "inferior_to", "caudal": "inferior_to", "below": "inferior_to",
              "beneath": "inferior_to", "underneath": "inferior_to", "under": "inferior_to"}
_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_NUMBER_WORD = (rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(list(_UNITS)[1:10])}))?|{'|'.join(_UNITS)}|"
                r"a hundred|one hundred|half a|a half)")
_COUNTS = {**{w: n for w, n in _UNITS.items() if 1 <= n <= 10}, "single": 1, "solitary": 1, "sole": 1, "lone": 1,
           "unifocal": 1, "multifocal": "many", "several": "many", "multiple": "many", "many": "many",
           "numerous": "many", "a couple of": 2, "a pair of": 2, "both": 2}
_REGION_NOUNS = {"region", "component", "area", "piece", "blob", "island", "part", "segment", "portion",
                 "fragment", "patch", "cluster", "focus", "foci", "object", "outline", "contour", "lesion",
                 "nodule", "deposit", "spot", "zone", "territory", "section", "chunk", "mass", "mask", "lump",
                 "structure", "shape", "unit", "body"}
_OTHER_SIDE = {"left": "right", "right": "left"}
_COMPARE = re.compile(r"\b(?:relative\s+to|compared\s+(?:with|to)|in\s+relation\s+to|with\s+respect\s+to|"
                      r"(?:more|further|farther)\s+(?:[\w']+\s+){1,4}?than)\s+", re.I)
_AS_RELATION = {"left": "left_of", "right": "right_of", "anterior": "anterior_to", "posterior": "posterior_to",
                "superior": "superior_to", "inferior": "inferior_to"}
_OPEN_QUESTION = re.compile(r"^\s*(?:how|where|why|when|what\s+(?:is|are|does|do|size|fraction|share|part))\b", re.I)
_BOTH_SIDES = re.compile(r"\b(?:both|each|either)\s+sides?\b|\bbilateral(?:ly)?\b|\bon\s+the\s+other\s+side\b", re.I)
_IMAGE = r"(?:image|picture|slice|scan|frame|screen|section|field of view|view|display|monitor|film)"
_BODY = r"(?:body|abdomen|patient|chest|pelvis|trunk|midline|thorax|neck|head|abdominal cavity|torso)"
_CONVENTION = re.compile(r"\b(?:convention\w*|radiolog\w*|displayed|display|shown|shows?|viewer|viewed|as if|"
                         r"facing|looking|mirror\w*|flipped|remember)\b", re.I)
_SIZE_WORD = {"small": "small", "tiny": "small", "little": "small", "diminutive": "small", "minuscule": "small",
              "miniscule": "small", "minute": "small", "petite": "small", "modest": "small", "slender": "small",
              "large": "large", "big": "large", "huge": "large", "sizable": "large", "sizeable": "large",
              "massive": "large", "enormous": "large", "bulky": "large", "vast": "large", "immense": "large",
              "substantial": "large", "extensive": "large", "giant": "large", "generous": "large",
              "medium": "medium", "medium-sized": "medium", "mid-sized": "medium", "moderate-sized": "medium",
              "moderate": "medium", "intermediate": "medium", "average-sized": "medium", "largest": "large",
              "biggest": "large", "smallest": "small", "tiniest": "small", "slight": "small", "average": "medium",
              "moderately sized": "medium", "moderately-sized": "medium", "normal-sized": "medium",
              "middling": "medium"}
_SIZE_ALT = "(" + "|".join(sorted(_SIZE_WORD, key=len, reverse=True)) + ")"
_QUAL = r"(?:(?:relatively|fairly|quite|very|rather|comparatively|moderately|somewhat|extremely|really|truly)\s+)?"
_SIZE_RES = [
    re.compile(rf"\b(?:is|are|appears?|looks?|seems?|remains?)\s+{_QUAL}{_SIZE_ALT}\b(?![\s-]+(?:bowel|intestine))",
               re.I),
    re.compile(rf"\b(?:a|an|which|what)\s+{_QUAL}{_SIZE_ALT}[\s,]+(?:\w+\s+)?(?:region|area|portion|part|fraction|proportion|"
               rf"chunk|bit|amount|slice|piece|"
               rf"share|footprint|segment|patch|object|structure|blob|organ|one|finding|vessel|gland|lesion|"
               rf"size|amount)\b", re.I),
    re.compile(r"\bone\s+of\s+the\s+(largest|biggest|smallest|tiniest)\b", re.I),
    re.compile(rf"\bof\s+{_QUAL}{_SIZE_ALT}\s+(?:size|dimensions|extent|proportions)\b", re.I),
    re.compile(rf"\b{_SIZE_ALT}\s+(?:in\s+size|size\s+class|on\s+this|here|in\s+this)\b|"
               rf"\bsize\s+class\s+(?:is\s+|of\s+)?{_SIZE_ALT}\b", re.I),
]
_SIZE_PHRASES = [
    (re.compile(r"\b(?:a\s+)?(?:sliver|speck|tiny\s+fraction|small\s+fraction|fraction)\s+of\s+the\s+"
                rf"{_IMAGE}|\bonly\s+a\s+(?:small|tiny)\b", re.I), "small"),
    (re.compile(rf"\b(?:dominates?|fills?|fill(?:ing)?)\s+(?:most\s+of\s+)?the\s+{_IMAGE}|\b(?:most|majority|bulk|"
                rf"much)\s+of\s+the\s+{_IMAGE}|\bfills\s+most\b", re.I), "large"),
]
_PERCENT = re.compile(rf"(?:\b(less|fewer|under|below|more|greater|over|above)\s+(?:than\s+)?)?"
                      rf"(\d+(?:\.\d+)?|{_NUMBER_WORD})\s*(?:%|percent\b|per\s+cent\b)", re.I)
_FRACTION = re.compile(rf"(?<!left\s)(?<!right\s)(?<!upper\s)(?<!lower\s)(?<!other\s)\b(half|a\s+third|one\s+third|two\s+thirds|a\s+quarter|one\s+quarter|three\s+quarters|"
                       rf"a\s+fifth|one\s+fifth|a\s+tenth|one\s+tenth)\s+of\s+the\s+{_IMAGE}", re.I)
_FRACTION_VALUE = {"half": 50.0, "third": 33.3, "thirds": 66.7, "quarter": 25.0, "quarters": 75.0, "fifth": 20.0,
                   "tenth": 10.0}
_PER_HUNDRED = re.compile(r"(?:\b(less|fewer|under|below|more|greater|over|above)\s+(?:than\s+)?)?"
                         r"\b(\d+(?:\.\d+)?)\s+(?:out\s+)?of\s+(?:every\s+|each\s+)?(?:a\s+|one\s+)?(?:hundred|100)\b", re.I)
_PERCENT_CONTEXT = re.compile(rf"\b(?:{_IMAGE}|area|pixels?|occup\w*|covers?|covering|takes?\s+up|fills?)\b", re.I)
_COUNT_ADJ = (r"(?:connected|contiguous|continuous|separate|distinct|disconnected|discrete|isolated|non-[a-z]+|"
              r"compact|well-defined|coherent|unbroken|individual|different|solid|small|tiny|touching|"
              r"unconnected|detached|standalone|self-contained)")
_COUNT_NUM = r"(\d+|a couple of|a pair of|" + "|".join(sorted(_COUNTS, key=len, reverse=True)) + ")"
_COUNT_RE = re.compile(rf"\b{_COUNT_NUM}[\s,]+(?:{_COUNT_ADJ}[\s,]+(?:and\s+)?)*([a-z]+)\b(?!\s+of\b)", re.I)
_COUNT_SPLIT = re.compile(r"\b(?:split|divided|broken|separated|fragmented)\s+(?:up\s+)?into\s+(\d+|two|three|four|"
                          r"five|several|multiple|many)\b", re.I)
_COUNT_WORD = re.compile(r"\b(unifocal|multifocal|multicentric|multilobulated\s+into)\b", re.I)
_COUNT_WHOLE = re.compile(r"\b(?:all\s+of\s+it\s+is|(?:it|the\s+mask)\s+(?:is|appears|looks)\s+(?:all\s+|entirely\s+|"
                          r"fully\s+|completely\s+)?)\s*(?:connected|contiguous|continuous|unbroken|undivided|"
                          r"in\s+one\s+piece|one\s+piece)\b(?!\s+(?:with|to|by|above|below|across)\b)", re.I)
_POSITION_RES = [
    re.compile(r"\b(?:to\s+the\s+|on\s+the\s+)?(?:patient'?s\s+|patients'\s+)?(left|right)(?:[\s-]+(?:hand\s+)?side)?"
               r"\s+of\s+", re.I),
    re.compile(r"\b(anterior|posterior|superior|inferior|ventral|dorsal|cranial|caudal)(?:ly)?\s+(?:to|of|from)\s+", re.I),
    re.compile(r"\b(in\s+front\s+of|ahead\s+of|in\s+back\s+of|behind)\s+", re.I),
    re.compile(r"\b(above|below|beneath|underneath|under|over)\s+", re.I),
]
_INVERTED = re.compile(r"^\s*(?:just\s+|immediately\s+|directly\s+)?(?:(?:on|to|at)\s+its\s+(left|right)(?:[\s-]+"
                       r"(?:hand\s+)?side)?|(in\s+front\s+of|behind|anterior\s+to|posterior\s+to)\s+it),?\s+"
                       r"(?:lies|sits|is|runs|are|lie|sit|you\s+see|we\s+see|one\s+sees)\s+", re.I)
_ITS_SIDE = re.compile(r"\b(?:on|to|at)\s+its\s+(left|right)(?:[\s-]+(?:hand\s+)?side)?\b|"
                       r"\b(in\s+front\s+of|behind|anterior\s+to|posterior\s+to)\s+it\b", re.I)
_ITS_REL = {"left": "left_of", "right": "right_of", "in front of": "anterior_to", "anterior to": "anterior_to",
            "behind": "posterior_to", "posterior to": "posterior_to"}
_ABSOLUTE = re.compile(r"\b(?:(?<!inferior\s)(?<!superior\s)(anterior|posterior|ventral|dorsal|superior|inferior|cranial|caudal)(?:ly)?\b"
                       r"(?!\s+(?:to|of|from|and|or)\b)|toward(?:s)?\s+the\s+(front|back|head|feet)\b|"
                       r"(?:at|in|near|toward|towards|to)\s+the\s+(?:patient'?s\s+)?(front|back)\b(?!\s+of\s+(?!the\s+"
                       r"(?:body|abdomen|patient|trunk|torso)\b))|against\s+the\s+(back)\s+wall|"
                       r"under\s+the\s+(?:anterior\s+)?abdominal\s+(wall)|\bup\s+(front)\b|\bin\s+(front)\b(?!\s+of))", re.I)
_ABSOLUTE_VALUE = {"anterior": "anterior", "ventral": "anterior", "front": "anterior", "wall": "anterior",
                   "posterior": "posterior", "dorsal": "posterior", "back": "posterior", "superior": "superior",
                   "cranial": "superior", "head": "superior", "inferior": "inferior", "caudal": "inferior",
                   "feet": "inferior"}


@dataclass(frozen=True)
class Claim:
    """One checkable statement about the target: kind is side/midline/vertical/relation/size/percent/count."""

    kind: str
    value: object
    other: str | None = None  # relation claims: the other structure's names, '|'-joined
    qualifier: str = ""  # 'hedged' side claims ("slightly left"); 'less'/'more' for percent bounds
    text: str = ""
    negated: bool = False


def number_value(word: str) -> float:
    """'12', '12.5', 'twelve', 'twenty-five', 'a half' as a number."""
    w = word.lower().strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w in ("half a", "a half"):
        return 0.5
    if "hundred" in w:
        return 100.0
    parts = re.split(r"[\s-]+", w)
    return float(_TENS.get(parts[0], 0) + sum(_UNITS.get(p, 0) for p in parts if p in _UNITS))


_DIRECTION = re.compile(r"\b(?:extend\w*|reach\w*|cross\w*|span\w*|stretch\w*|taper\w*|project\w*|across|point\w*|"
                        r"direct\w*|fac(?:es|ing)|curv\w*|turn\w*|angl\w*|orient\w*|tilt\w*|swing\w*|sweep\w*|"
                        r"drain\w*|flow\w*|radiat\w*|referr?\w*|spread\w*|travel\w*|shoot\w*|mov(?:e|es|ing))\b"
                        r"[^;]*$", re.I)
_OBJECT_NP = re.compile(r"\b(?:of|to|behind|from|near|beside|than|between|toward|towards|past|around|under|beneath|"
                        r"below|above|over|along|within|inside|into)\s+"
                        r"(?:the|a|an)\s+((?:[\w'-]+,?\s+){1,5}?)(?:on|in)\s+the\s+(?:patient'?s\s+)?$", re.I)
_VERBISH = re.compile(r"\b(?:and|or|which|that|who|lies|lie|sits|sit|is|are|was|found|located|seen|it|its)\b", re.I)


def _modifies_object(before: str) -> bool:
    """'in front of the bean-shaped organ on the patient's left': the side phrase modifies the object of a
    preposition (another structure), not the clause's subject."""
    m = _OBJECT_NP.search(before)
    return bool(m) and not _VERBISH.search(m.group(1))


def _image_to_patient(side: str, orientation: str | None) -> str | None:
    if not orientation or orientation[0] not in "LR":
        return None
    image_right = "left" if orientation[0] == "L" else "right"
    return image_right if side == "right" else _OTHER_SIDE[image_right]


def _side_claims(sentence: str, orientation: str | None) -> list[tuple[int, Claim]]:
    """Claims that put something on a patient side or in the midline, with their positions."""
    claims: list[tuple[int, Claim]] = []
    image_claims: list[tuple[int, Claim]] = []
    for m in re.finditer(r"\b(left|right)\b", sentence, re.I):
        side, before = m.group(1).lower(), sentence[max(0, m.start() - 40):m.start()].lower()
        after = sentence[m.end():m.end() + 60].lower()
        prep = re.search(r"(?:\b(?:on|in|to|toward|towards|at|onto|along|over|occupies|occupying|of|the)\s+(?:the\s+)?"
                         r"(?:patient'?s\s+|patients'\s+)?(?:far\s+|extreme\s+)?|\bpatient'?s\s+|\bpatients'\s+)$",
                         before)
        if _DIRECTION.search(sentence[max(0, m.start() - 80):m.start()]):
            continue  # the extent or direction of something ("extends toward the left"), not where it lies
        if _modifies_object(sentence[:m.start()]):
            continue
        hedged = "hedged" if re.search(r"\b(?:slightly|just|a little|marginally|mildly|a bit)\b", before) else ""
        claim = Claim("side", side, qualifier=hedged, text=m.group(0))
        if re.fullmatch(r"\s*(?:(?:the\s+)?patient'?s\s+)?", before) and re.fullmatch(r"(?:[\s-]+(?:hand\s+)?sided?)?"
                                                                                  r"(?:\s+only)?\s*[.!]?\s*", after):
            claims.append((m.start(), claim))  # a fragment: "Right side." / "Patient's left only."
            continue
        if re.search(r"\b(?:which|what)\s+[a-z]+\s+(?:on|in)\s+the\s+(?:patient'?s\s+)?$", before) and \
                not re.match(r"[\s-]+(?:hand\s+)?(?:side|half)\s+of\s+(?!(?:the\s+)?" + _BODY + r"\b)", after):
            claims.append((m.start(), claim))  # "which organ on the left ...?"
            continue
        if re.search(r"\b(?:left|right)\s+(?:and|&|or)\s+$", before) and claims and \
                claims[-1][0] >= m.start() - len(before):
            claims.append((m.start(), claim))  # "the left and right sides": coordinated with the claim before
            continue
        on_image = re.search(rf"\b{_IMAGE}'s\s+(?:far\s+)?$", before) or \
            re.match(rf"(?:[\s-]+(?:side|half|part|portion|edge))?\s+(?:of|in|on)\s+(?:the\s+|this\s+)?{_IMAGE}\b",
                     after) or re.search(rf"\b(?:on|in)\s+(?:the\s+|this\s+)?{_IMAGE}\b[^.;]*\b(?:on|to)\s+the\s+$", before)
        if on_image:
            patient = _image_to_patient(side, orientation)
            if patient:
                image_claims.append((m.start(), Claim("side", patient, text=m.group(0))))
            continue
        if re.match(r"[\s-]+sided\b", after) or re.match(rf"\s+of\s+(?:the\s+)?{_BODY}\b", after):
            claims.append((m.start(), claim))
        elif re.match(r"\s+of\b", after):
            continue  # a relation to another structure: see _position_claims
        elif re.match(r"[\s-]+(?:(?:upper|lower|abdominal)\s+(?:quadrants?|abdomen|hemiabdomen)|flank|hypochondrium|iliac\s+fossa|"
                      r"hemi-?abdomen|hemithorax|hemisphere|lumbar\s+region|paramedian|paravertebral|renal\s+fossa|"
                      r"retroperitoneum|abdomen)\b", after):
            claims.append((m.start(), claim))
        elif re.match(rf"[\s-]+(?:portion|part|section|region|compartment)\s+of\s+(?:the\s+)?{_BODY}\b", after):
            claims.append((m.start(), claim))
        elif re.match(r"[\s-]+(?:hand\s+)?(?:sides?|half|aspect)\b", after):
            if prep and not re.match(rf"[\s-]+(?:hand\s+)?(?:sides?|half|aspect)\s+of\s+(?!(?:the\s+)?{_BODY}\b)\w",
                                     after):
                claims.append((m.start(), claim))
        elif prep and re.match(r"\s*(?:$|[.,;:)!?]|\s+(?:only|alone|exclusively|solely|relative|compared|than|as|that|which|where|and|or|but|while|whereas|with|near|next|close|adjacent|"
                               r"just|in|at|within|toward|towards|part|rather|instead|not)\b)", after):
            claims.append((m.start(), claim))
    claims += image_claims
    for m in re.finditer(r"\b(?:in|on|at|along)\s+the\s+midline\b|\bmidline\s+(?:structure|organ|vessel|position|"
                         r"location)\b|\b(?:is|lies|sits)\s+(?:in\s+the\s+)?midline\b|\bcentrally\b", sentence, re.I):
        before = sentence[max(0, m.start() - 25):m.start()].lower()
        if re.search(r"\b(?:of|from|to|toward|towards|across|near)\s+$|\b(?:left|right|away)\s+(?:of|from)\s+$", before):
            continue
        claims.append((m.start(), Claim("midline", "midline", text=m.group(0))))
    return claims


def _object_after(mentions: list[Mention], sentence: str, end: int) -> Mention | None:
    return next((x for x in mentions if end <= x.start <= end + 6
                 and re.fullmatch(r"(?:the\s+|its\s+|a\s+)?", sentence[end:x.start], re.I)), None)


def _position_claims(sentence: str, mentions: list[Mention], orientation) -> list[tuple[int, Claim]]:
    out = []
    has_si = bool(orientation) and any(c in "SI" for c in orientation)
    for i, rx in enumerate(_POSITION_RES):
        if i == 3 and not has_si:
            continue  # "above/below" on an axial slice may mean anterior/posterior on screen: ambiguous
        for m in rx.finditer(sentence):
            if i == 0 and re.search(r"\b(?:in|within|into|of|at|from)\s+(?:the\s+|its\s+)?(?:patient'?s\s+)?$",
                                    sentence[max(0, m.start() - 30):m.start()], re.I):
                continue  # "in the left side of the liver": a part of it, not a relation
            rel = _AXIS_WORD[re.sub(r"\s+", " ", m.group(1).lower())]
            obj = _object_after(mentions, sentence, m.end())
            if obj is None:
                continue
            subj = subject(mentions, sentence, m.start())
            if not obj.names and (subj is None or not subj.names) and re.match(r"it\b", sentence[obj.start:], re.I):
                # "Think of the aorta: our structure lies to its left of it": 'it' is the last other structure
                obj = next((x for x in reversed(mentions) if x.end <= m.start() and x.names
                            and "person" not in x.names), obj)
            if subj is None or not subj.names:  # target REL obj
                if obj.names:
                    out.append((m.start(), Claim("relation", rel, other="|".join(sorted(obj.names)), text=m.group(0))))
            elif not obj.names:  # other REL target -> target INVERSE other
                out.append((m.start(), Claim("relation", INVERSE[rel], other="|".join(sorted(subj.names)),
                                             text=m.group(0))))
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


def _absolute_claims(sentence: str, mentions: list[Mention]) -> list[tuple[int, Claim]]:
    """'It sits posteriorly', 'toward the front of the body': where the target lies along an axis."""
    out = []
    for m in _ABSOLUTE.finditer(sentence):
        if any(x.start <= m.start() < x.end for x in mentions):
            continue  # part of a name ('inferior vena cava', 'posterior hippocampus')
        word = next(g for g in m.groups() if g).lower()
        after = sentence[m.end():m.end() + 20].lower()
        if _DIRECTION.search(sentence[max(0, m.start() - 80):m.start()]):
            continue
        if re.match(r"\s+(?:part|portion|aspect|segment|wall|border|surface|edge|pole|lobe|half|margin)\b", after):
            continue  # a part of something, not where the whole lies
        out.append((m.start(), Claim("vertical", _ABSOLUTE_VALUE[word], text=m.group(0))))
    return out


def _count_claims(sentence: str, lexicon: Lexicon) -> list[tuple[int, Claim]]:
    out = []

    def counted_noun(noun: str) -> bool:
        word = noun.lower()
        forms = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word}
        # a lesion's own name counts it ("two nodules"); an organ's does not ("one of the two kidneys")
        return bool(forms & _REGION_NOUNS) or bool(lexicon.countable and lexicon.target_re.fullmatch(noun))

    for m in _COUNT_RE.finditer(sentence):
        if not counted_noun(m.group(2)):
            continue
        word = m.group(1).lower()
        if re.match(r"\s*(?:[\w']+\s+){0,6}?(?:and|,)\s+(?:one|another|the\s+other)\b", sentence[m.end():]) or \
                re.match(r"\s+(?:on|per|at)\s+(?:each|either|every)\s+side\b", sentence[m.end():], re.I) or \
                re.search(r"\bone\b[^.;]*\b(?:and|,)\s*$", sentence[:m.start()], re.I):
            continue  # an enumeration ("one part on the left and one on the right"), not a count
        value = int(word) if word.isdigit() else _COUNTS.get(word, "many")
        if word == "both":
            continue
        out.append((m.start(), Claim("count", value, text=m.group(0))))
    for m in _COUNT_SPLIT.finditer(sentence):
        word = m.group(1).lower()
        out.append((m.start(), Claim("count", int(word) if word.isdigit() else _COUNTS.get(word, "many"),
                                     text=m.group(0))))
    for m in _COUNT_WHOLE.finditer(sentence):
        out.append((m.start(), Claim("count", 1, text=m.group(0))))
    for m in _COUNT_WORD.finditer(sentence):
        out.append((m.start(), Claim("count", 1 if m.group(1).lower() == "unifocal" else "many", text=m.group(0))))
    return out


def _size_claims(sentence: str) -> list[tuple[int, Claim]]:
    out = []
    for rx in _SIZE_RES:
        for m in rx.finditer(sentence):
            word = next(g for g in m.groups() if g)
            out.append((m.start(), Claim("size", _SIZE_WORD[word.lower()], text=m.group(0))))
    for rx, value in _SIZE_PHRASES:
        out += [(m.start(), Claim("size", value, text=m.group(0))) for m in rx.finditer(sentence)]
    for m in _FRACTION.finditer(sentence):
        out.append((m.start(), Claim("percent", _FRACTION_VALUE[m.group(1).split()[-1].lower()], text=m.group(0))))
    if _PERCENT_CONTEXT.search(sentence):
        for m in [*_PERCENT.finditer(sentence), *_PER_HUNDRED.finditer(sentence)]:
            bound = (m.group(1) or "").lower()
            bound = "less" if bound in ("less", "fewer", "under", "below") else "more" if bound else ""
            out.append((m.start(), Claim("percent", number_value(m.group(2)), qualifier=bound, text=m.group(0))))
    return out


def _is_convention(sentence: str, mentions: list[Mention]) -> bool:
    """A sentence that explains how sides are displayed ("radiological images show the patient's right on
    the image's left") without referring to the target: its side words describe no structure."""
    return bool(_CONVENTION.search(sentence)) and not any(not m.names for m in mentions) and \
        bool(re.search(r"\b(?:left|right)\b.*\b(?:left|right)\b", sentence, re.I))


def _comparatives(sentence: str, mentions: list[Mention], located: list[tuple[int, Claim]]) -> list[tuple[int, Claim]]:
    """'Relative to the liver, it is further to the left' and 'more anterior than the aorta' compare the
    target with another structure: its side and vertical claims become relations to that structure."""
    anchor = _COMPARE.search(sentence)
    other = None
    if anchor:
        other = next((m for m in mentions if m.names and anchor.end() <= m.start <= anchor.end() + 30
                      and re.fullmatch(r"(?:the\s+)?(?:\w+\s+)?", sentence[anchor.end():m.start], re.I)), None)
    if other is None:
        return located
    out = []
    for pos, claim in located:
        if claim.kind in ("side", "vertical") and claim.value in _AS_RELATION:
            claim = Claim("relation", _AS_RELATION[claim.value], other="|".join(sorted(other.names)), text=claim.text)
        out.append((pos, claim))
    return out


def sentence_claims(sentence: str, record: SourceRecord, lexicon: Lexicon) -> list[Claim]:
    """The claims one sentence makes about the target (negated ones marked)."""
    if is_yes_no_question(sentence) or _OPEN_QUESTION.match(sentence):
        return []
    mentions = lexicon.mentions(sentence)
    if _is_convention(sentence, mentions):
        return []
    located = _side_claims(sentence, record.orientation)
    located += _position_claims(sentence, mentions, record.orientation)
    located += _absolute_claims(sentence, mentions)
    located += _size_claims(sentence)
    located += _count_claims(sentence, lexicon)
    located = _comparatives(sentence, mentions, located)
    negations = negated_spans(sentence)
    compared = [m.end() for m in re.finditer(r"\bthan\b", sentence, re.I)]
    out = []
    for pos, claim in located:
        if claim.kind in ("side", "vertical") and any(c < pos for c in compared):
            continue  # "closer to the back than to the front": what follows 'than' is the comparison's other end
        if claim.kind == "relation" or about_target(mentions, sentence, pos):
            if is_negated(negations, pos):
                claim = Claim(claim.kind, claim.value, claim.other, claim.qualifier, claim.text, negated=True)
            out.append(claim)
    sides = {c.value for c in out if c.kind == "side" and not c.negated}
    if sides == {"left", "right"} or (sides and _BOTH_SIDES.search(sentence)):
        out = [c for c in out if c.kind != "side"] + [Claim("side", "bilateral", text=sentence[:40])]
    return out


def extract_claims(text: str, record: SourceRecord, knowledge=None, lexicon: Lexicon | None = None) -> list[Claim]:
    """The checkable claims that `text` makes about the record's target."""
    from .lexicon import lexicon_for

    lexicon = lexicon or lexicon_for(record, knowledge)
    return [c for s in sentences(text) for c in sentence_claims(s, record, lexicon)]
