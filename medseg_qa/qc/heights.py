"""Heights: where the target lies along the picture's rows, the front-back axis of an axial slice, the head-feet axis
of a coronal slice or a frontal film, the upper or lower half of a photo ("It sits posteriorly", "toward the front of
the body", "high up", "in the lower zone", "roughly central front to back"). Claims off the rows' axis are dropped by
`claims` (facts measure only that axis); a central mask is not anterior, though it may be "slightly anterior"
(`_degree`). Used by `claims`.
"""

from __future__ import annotations

import re

from .amounts import IMAGE as _IMAGE
from .claim import Claim
from .elsewhere import WAY_IN
from .lexicon import Mention
from .modality import clause_span
from .sides import BODY as _BODY
from .sides import LUMEN_WALL
from .sides import DIRECTION as _DIRECTION

_WHOLE_BODY = (r"(?:(?:the|this|his|her|your|my|their)\s+(?:patient'?s\s+)?(?:body|abdomen|patient|trunk|torso|belly|tummy|slice|"
               r"image|scan|picture|(?:cross[\s-]?)?section)|(?:his|her|your|my|their|the\s+patient'?s)\s+(?:head|chest|pelvis))\b")
_ABSOLUTE = re.compile(r"\b(?:(?<!inferior\s)(?<!superior\s)(anterior|posterior|ventral|dorsal|superior|inferior|cranial|caudal)(?:ly)?\b"
                       r"(?!\s+(?:to|of|from|and|or)\b)|toward(?:s)?\s+the\s+(front|back|head|feet|forehead|face|occiput)\b|"
                       r"(?<!than\s)(?:at|in|near|toward|towards|to|round|around)\s+the\s+(?:very\s+|far\s+|extreme\s+)?(?:patient'?s\s+)?(front|back|rear)\b"
                       # "in the back part of the tummy", "in the front part of the head", "at the back of the body" (not "closer to X
                       # than to the front", "at the back side of the liver", "at the back of the skull" said of anatomy)
                       rf"(?:\s+(?:part|portion|half|side)\b(?!\s+of\s+(?!{_WHOLE_BODY}|(?:the|this|his|her|your|my|their)\s+"
                       r"(?:upper\s+|lower\s+|mid\s+)?(?:head|brain|chest|thorax|abdomen|pelvis|neck)\b))|"
                       rf"(?!\s+(?:part|portion|half|side)\b)(?!\s+of\s+(?!{_WHOLE_BODY})))|"
                       r"(?:against|along|hugs?|hugging|abuts?|abutting)\s+the\s+(back|front|posterior|anterior)\s+"
                       r"(?:abdominal\s+|body\s+)?wall|"
                       r"under\s+the\s+(?:anterior\s+)?abdominal\s+(wall)|\bup\s+(front)\b|\bin\s+(front)\b(?!\s+of)|"
                       # "it lies far back", "so far forward": a place, after a verb of place or a degree word
                       r"(?<=\bfar\s)(back|forward)\b(?!\s+(?:than|from|to|of)\b)|"
                       r"\b(?:lies|lie|sits|sit|is|are)\s+(?:well\s+|further\s+)?(back)\s+(?:towards?|near|by|against)\s+the\s+"
                       r"(?:spine|backbone)\b|"  # "They lie back towards the spine."
                       r"(?<!\bthe\s)(?<!\bits\s)\b(front|back)\s+of\s+the\s+(?:body|belly|abdomen|tummy|trunk|torso)\b|"
                       # nearness to a landmark of one body wall: "nearer the spine than the belly wall"
                       r"\b(?:nearer|closer)\s+(?:to\s+)?(?:the\s+)?(?:patient'?s\s+)?(?:anterior\s+|posterior\s+)?"
                       r"(spine|backbone|vertebrae|vertebral|back|belly|abdominal|navel|umbilicus|front)"
                       r"(?:\s+(?:wall|button|column|body|muscles))?\b(?!\s+of\b))", re.I)
_TARGET_HEADS = frozenset("location position structure organ vessel gland lesion finding region mass area component "
                          "blob mask placement site part portion one".split())
_PREDICATE = re.compile(r"\b(?:it|its|is|are|was|were|lies|lie|sits|sit|located|situated|found|seen|hugs?|abuts?|"
                        r"touch\w*|occup\w*|in|at|on|against|toward|towards|near|within|along)\b", re.I)
_ABSOLUTE_VALUE = {"spine": "posterior", "backbone": "posterior", "vertebrae": "posterior", "vertebral": "posterior",
                   "belly": "anterior", "abdominal": "anterior", "navel": "anterior", "umbilicus": "anterior",
                   "anterior": "anterior", "ventral": "anterior", "front": "anterior", "wall": "anterior",
                   "posterior": "posterior", "dorsal": "posterior", "back": "posterior", "rear": "posterior", "superior": "superior",
                   "cranial": "superior", "head": "superior", "inferior": "inferior", "caudal": "inferior",
                   "feet": "inferior", "forward": "anterior",
                   "forehead": "anterior", "face": "anterior", "occiput": "posterior"}


_WHOLE_PART = re.compile(rf"\s+(?:part|portion|half|aspect|side|region|section)\b"
                         rf"(?:\s*(?:$|[.,;!]|\s(?:rather\s+than|not|instead\s+of|and|but|while|whereas)\b|\s+of\s+(?:the\s+|this\s+)?(?:patient'?s\s+)?"
                         rf"(?:(?:base|root|top|bottom)\s+of\s+the\s+)?(?:upper\s+|lower\s+|mid\s+)?(?:{_BODY}|{_IMAGE})\b))", re.I)


# height said against the head or the body ("high up toward the top of the head", "low down near the skull
# base") and height on the picture ("in the upper part of the slice"), which the orientation turns into a
# patient direction (the top rows of an axial slice are anterior, of a coronal one superior)
_TRUNK = r"(?:head|skull|chest|thorax|abdomen|belly|pelvis|body|trunk|neck|brain|lungs?)"
_OWNER = r"(?:the|your|his|her|their|the\s+patient'?s)\s+"  # "toward the top of your chest"
_HEIGHT = re.compile(r"\b(?:(high(?:er)?\s+up|up\s+high)|(low(?:er)?\s+down|down\s+low))\b(?!\s+than\b)|"
                     r"\b(?:toward|towards|near|at|by|close\s+to|in)\s+the\s+(?:((?:top|crown|vertex|upper\s+part|apex|apices)"
                     rf")\s+of\s+{_OWNER}{_TRUNK}|(skull\s+base|base\s+of\s+the\s+skull|(?:bottom|base|lower\s+part)\s+of\s+"
                     rf"{_OWNER}{_TRUNK}))\b|\b(?:(high)|(low))(?:er)?\s+(?:up\s+|down\s+)?in\s+{_OWNER}{_TRUNK}\b|"
                     r"\b(?:sits?|lies?|lying|sitting|located|placed|positioned)\s+(?:so\s+|very\s+|quite\s+|fairly\s+|rather\s+|"
                     r"too\s+)?(?:(high)|(low))\b(?!\s+(?:density|signal|attenuation|grade|risk|intensity))", re.I)
# a part of the trunk named by its height: "in the upper chest", "down in the lower half of the thorax"
_TRUNK_PART = re.compile(rf"\b(?:in|into|within|across)\s+the\s+(upper|lower)\s+(?:(?:half|part|third|portion)\s+of\s+the\s+)?"
                         rf"{_TRUNK}\b", re.I)
# ... said of the target by a verb or a lead ("it is in the upper chest", "Position: in the lower chest"), not of what a
# relative clause describes ("the reservoir in the lower pelvis")
_PLACED_BEFORE = re.compile(r"(?:\b(?:is|are|lies|lie|sits|sit|located|situated|found|find|seen|see|positioned|placed)(?:\s+\w+){0,2}\s+|"
                            r"^\W*|[:,]\s*)$", re.I)
# "of this coronal image", "of the close-up dermoscopy frame", "of the mole-mapping picture"
_THIS_IMAGE = (r"(?:the|this)\s+(?:(?:axial|coronal|sagittal|[a-z]+-[a-z]+|close-?up|dermoscop\w+|endoscop\w+|fundus|ultrasound|"
               rf"microscop\w+|colonoscop\w+|grey-?scale|retinal|clinical|frozen)\s+){{0,3}}{_IMAGE}")
# a chest film's zones: "in the lower zone", "the upper zones" (head-feet on a frontal film)
_ZONE = re.compile(r"\b(?:in|at|within|into)\s+the\s+(?:(?:left|right)\s+)?(upper|lower)(?:\s+(?:lung|chest))?\s+zones?\b", re.I)
_PICTURE_HEIGHT = re.compile(rf"(?:\b(?:in|at|toward|towards|near|on)\s+the\s+|^(?:[a-z ]{{1,25}}:\s*)?(?:it\s+lies\s+)?)(upper|top|lower|bottom)(?:\s*\([^()]{{1,20}}\))?"
                             rf"(?:\s+(?:part|half|portion|edge|third|area|region))?\s+of\s+(?:{_THIS_IMAGE}|{_IMAGE})\b|"
                             rf"\b(?:toward|towards|near|at)\s+the\s+(top|bottom)\s+of\s+{_THIS_IMAGE}\b|"
                             # "In position it is toward the top (cranial)": the picture's, when no other whole is named
                             r"\btowards?\s+the\s+(top|bottom)\b(?!\s*(?:of|edge|row|line|end|pole|part|half)\b)|"
                             # "low in the field", "high on the film"; "in the upper half" (of the picture: no other whole named)
                             rf"\b(high|low)(?:er)?\s+(?:up\s+|down\s+)?(?:in|on)\s+(?:the|this)\s+(?:field|film|radiograph|{_IMAGE})\b|"
                             r"(?:\b(?:in|at|on|within)\s+the\s+|^it\s+lies\s+)(upper|top|lower|bottom)\s+(?:half|portion|part|third)\b(?!\s+of\b)|"
                             # "above the centre of the frame", "just below the middle of the image"
                             rf"\b(?:(above)|(below))\s+the\s+(?:horizontal\s+)?(?:centre|center|middle|mid-?point|midline)\s+of\s+"
                             rf"(?:{_THIS_IMAGE}|{_IMAGE})\b", re.I)
# the patient direction of the picture's top and bottom rows; a photo has no patient axes, only its upper and lower half
ROW_DIRECTION = {"P": ("anterior", "posterior"), "A": ("posterior", "anterior"), "I": ("superior", "inferior"),
                  "S": ("inferior", "superior"), None: ("upper", "lower")}
# a central place along the front-back or head-feet axis: "roughly central front-to-back" (read "along that axis"),
# "midway between front and back", "about halfway up the slice"
# "neither high nor low", "neither clearly anterior nor posterior": central on the axis the pair names
_NEITHER = (r"\bneither\s+(?:particularly\s+|clearly\s+|notably\s+)?(?:high|low|anterior|posterior|superior|inferior|front|back|up|"
            r"down)\s+nor\s+(?:particularly\s+|clearly\s+|notably\s+)?(?:high|low|anterior|posterior|superior|inferior|front|back|up|down)\b")
_NEITHER_RE = re.compile(_NEITHER, re.I)
_CENTRAL = re.compile(_NEITHER + r"|"
                      r"\b(?:central(?:ly)?|cent(?:red|ered)|mid-?height|mid-?level|mid-?a-?p\b|(?:(?:in|around|at|near)\s+the|level\s+with\s+the)\s+(?:vertical\s+)?(?:middle|cent(?:re|er))|midway|half-?way|"
                      r"mid[\s-]?depth|mid-?way)\b", re.I)
_SIDE_WORDS = re.compile(r"\b(?:midline|mid-line|spine|sides?|left|right|cent(?:re|er)\s+line|halves)\b", re.I)
_WHOSE = rf"(?:{_OWNER})?"  # "between your front and your back"
_DEPTH_AXIS = re.compile(r"\balong\s+that\s+axis\b|\b(?:central|centred|centered)\s+in\s+position\b|"
                         rf"\bbetween\s+{_WHOSE}(?:front|top|anterior|superior|breastbone|sternum|belly|tummy|chest\s+wall)\s+and\s+{_WHOSE}"
                         r"(?:back|bottom|posterior|inferior|spine|backbone)\b|"
                         r"\b(?:front[\s-]+to[\s-]+back|top[\s-]+to[\s-]+bottom|head[\s-]+to[\s-]+(?:foot|feet|toe))\b|"
                         r"\b(?:depth|anteroposterior|craniocaudal|vertical(?:ly)?|a-?p(?=\s+(?:plane|axis|direction|dimension)))\b"
                         r"(?![\s-]+(?:mid-?line|midsagittal|cent(?:re|er)[\s-]*line|line\s+through))|"
                         r"\bhalf-?way\s+(?:up|down)\b|\bmid[\s-]?depth\b|\bmid-?(?:height|level|a-?p)\b|\blevel\s+with\s+the\s+(?:middle|cent(?:re|er))\b", re.I)


def _degree(sentence: str, m: re.Match) -> str:
    """'extreme' ("far toward the front", "at the very back"), which a central mask is not; 'hedged' ("slightly
    anterior", "just above centre"), which a central mask may be; '' for a plain claim, which it is not."""
    before = sentence[max(0, m.start() - 14):m.start()]
    if _EXTREME.search(sentence, max(0, m.start() - 14), m.end()):
        return "extreme"
    return "hedged" if _SLIGHT.search(before) else ""


def height_claims(sentence: str, orientation: str | None) -> list[tuple[int, Claim]]:
    out = [(m.start(), Claim("vertical", "superior" if (m.group(1) or m.group(3) or m.group(5) or m.group(7)) else "inferior",
                             qualifier=_degree(sentence, m), text=m.group(0))) for m in _HEIGHT.finditer(sentence)
           if not _SYMPTOM.search(sentence, max(0, m.start() - 40), m.start())]  # ("a really bad pain low down")
    out += [(m.start(), Claim("vertical", "superior" if m.group(1).lower() == "upper" else "inferior", text=m.group(0)))
            for m in _TRUNK_PART.finditer(sentence) if _PLACED_BEFORE.search(sentence, 0, m.start())]
    rows = ROW_DIRECTION.get(orientation[1:2] if orientation else None)
    if orientation and orientation[1:2] in ("I", "S"):
        out += [(m.start(), Claim("vertical", "superior" if m.group(1).lower() == "upper" else "inferior", text=m.group(0)))
                for m in _ZONE.finditer(sentence)]
    if rows:
        for m in _PICTURE_HEIGHT.finditer(sentence):
            up = next(g for g in m.groups() if g).lower() in ("upper", "top", "high", "above")
            out.append((m.start(), Claim("vertical", rows[0] if up else rows[1], qualifier=_degree(sentence, m),
                                         text=m.group(0))))
    return out


def central_claims(sentence: str, asked: bool = False) -> list[tuple[int, Claim]]:
    """'In the front-to-back axis it is roughly central', 'midway between front and back', or 'centrally' answering
    "Anterior or posterior?" (`asked`): a central place along the vertical axis of the picture (a mask measured
    anterior or posterior is not central)."""
    if not (_DEPTH_AXIS.search(sentence) or _NEITHER_RE.search(sentence) or (asked and not _SIDE_WORDS.search(sentence))):
        return []  # ("it sits right in the middle, over the spine" answers the side, whatever was asked)
    return [(m.start(), Claim("vertical", "central", text=m.group(0))) for m in _CENTRAL.finditer(sentence)
            if not re.search(r"\b(?:above|below|under|over|beneath)\s+(?:the\s+)?(?:image'?s\s+|picture'?s\s+|frame'?s\s+)?$",
                             sentence[:m.start()], re.I)  # ("below the image's mid-height" is low, not central)
            and not _FELT.search(sentence[clause_span(sentence, m.start())[0]:m.start()])][:1]


# where a movement hurts, not where the mask lies: "serving is agony halfway up"
_FELT = re.compile(r"\b(?:pain\w*|hurts?|hurting|agony|aches?|aching|sore|tender\w*|twinges?|catch(?:es)?)\b", re.I)


def absolute_claims(sentence: str, mentions: list[Mention], orientation: str | None = None) -> list[tuple[int, Claim]]:
    """'It sits posteriorly', 'toward the front of the body', 'high up': where the target lies along an axis."""
    out = height_claims(sentence, orientation)
    for m in _ABSOLUTE.finditer(sentence):
        if any(x.start <= m.start() < x.end for x in mentions):
            continue  # part of a name ('inferior vena cava', 'posterior hippocampus')
        if any(x.names and 0 <= m.start() - x.end <= 1 for x in mentions):
            continue  # the place of the structure just named: "between the bladder in front and the rectum behind"
        if _PROCEDURE_LINE.match(sentence) or _APPROACH.search(sentence[slice(*clause_span(sentence, m.start()))]):
            continue  # the way in, not where it lies: "a prone posterior approach", "Approach: posteriorly, prone"
        if _JOINED_AT.search(sentence, max(0, m.start() - 30), m.start()):
            continue  # where a part of it is: "the organ that is joined at the back by the nerve of sight"
        if _SYMPTOM.search(sentence, max(0, m.start() - 40), m.start()):
            continue  # where a symptom goes: "tearing pain to the back", "pain radiating to the back"
        if _ACT.search(sentence, max(0, m.start() - 30), m.start()) and m.group(0).lower().endswith("ly"):
            continue  # the way an act goes: "which structure does a finger in the rectum palpate anteriorly?"
        word = next(g for g in m.groups() if g).lower()
        after = sentence[m.end():m.end() + 20].lower()
        if _DIRECTION.search(sentence[max(0, m.start() - 80):m.start()]) or \
                re.search(r"\bmost\s+$", sentence[max(0, m.start() - 8):m.start()], re.I):
            continue  # a direction, or a superlative ("the most caudal" part): not where the whole lies
        if re.match(r"\s+(?:part|portion|aspect|segment|wall|border|surface|edge|pole|lobe|half|margin|limit|boundary|"
                    r"extent|limb|horn|commissure|ramus|leaflet|cusp|recess|fasciculus|root|column)s?\b", after) and \
                not _WHOLE_PART.match(sentence, m.end()) and not (re.match(LUMEN_WALL, after) and
                                                                   re.search(r"\b(?:on|at|along|towards?)\s+the\s+$", sentence[:m.start()])):
            continue  # a part of something, not where the whole lies ("the back part of the body" is where it lies; "the
            # posterior limb of the internal capsule" names a part)
        head = re.match(r"\s+([a-z]+)", after)
        attributive = head and head.group(1) not in _TARGET_HEADS and re.fullmatch(r"[a-z]+(?<!ly)", m.group(0).lower())
        if attributive and (not _PREDICATE.search(sentence[clause_span(sentence, m.start())[0]:m.start()])
                            or _NAMING_DETERMINER.search(sentence, max(0, m.start() - 12), m.start())
                            or _OF_EVENTS.search(sentence, max(0, m.start() - 40), m.start())):
            continue  # attributive, inside the clause's subject ("the anterior abdominal wall is thin") or a name after a
            # preposition that does not place ("bounded by the posterior longitudinal ligament")
        out.append((m.start(), Claim("vertical", _ABSOLUTE_VALUE[word], qualifier=_degree(sentence, m), text=m.group(0))))
    return out


# a procedure's way in: "a prone posterior approach", "the needle goes in from the back", "Approach: posteriorly, prone"
_APPROACH = re.compile(rf"\b(?:{WAY_IN}|(?:intercostal|subcostal|acoustic)\s+window|needle|probe|decubitus|angled)\b", re.I)
_PROCEDURE_LINE = re.compile(r"^\W*(?:(?:approach|path|route|access|entry|trajectory|positioning)\s*:|(?:prone|supine|"
                             r"(?:left|right)\s+(?:lateral\s+)?decubitus)\b)", re.I)
# an examiner's or an instrument's act, whose adverb says which way it goes
_ACT = re.compile(r"\b(?:palpat\w*|feel|feels|felt|press\w*|push\w*|angl\w*|tilt\w*|aim\w*|sweep\w*|insert\w*|advanc\w*|"
                  r"retract\w*|reflect\w*)\s+(?:\w+\s+)?$", re.I)
_SYMPTOM = re.compile(r"\b(?:pain|ache|aches|aching|discomfort|tenderness|cramps?|radiat\w*|spread\w*|shoot\w*|referred)"
                      r"\s+(?:\w+\s+)?$", re.I)
# a noun phrase after a preposition that does not place ("after 80% of first-time anterior dislocations", "following
# a posterior repair"): its adjective describes that other thing
_OF_EVENTS = re.compile(r"\b(?:of|after|following|from|like|than)\s+(?:[\w%-]+\s+){0,3}$", re.I)
_NAMING_DETERMINER = re.compile(r"\b(?:by|of|with|from|and|or|via|through)\s+the\s+$", re.I)
# where something meets a part of it, not where it lies: "joined at the back by ...", "covered by peritoneum anteriorly"
_JOINED_AT = re.compile(r"\b(?:joined|attached|entered|pierced|connected|supplied|drained|anchored|tethered|fixed|inserted|opens?|"
                        r"drains?|empties|continues|leads|bounded|covered|lined|flanked|limited|supported|surrounded|protected|capped|"
                        r"overlain|overlapped|crossed|bordered|abutted|related)\s+(?:by\s+(?:(?!(?:and|but|it|lies?|sits?|is|are)\b)[\w'-]+\s+){1,4})?$",
                        re.I)
_EXTREME = re.compile(r"\b(?:far|very|extreme|extremely|all\s+the\s+way|right\s+(?:at|up|against|under)|furthest|farthest)\b",
                      re.I)
_SLIGHT = re.compile(r"\b(?:slightly|just|a\s+little|a\s+bit|a\s+touch|marginally|mildly|somewhat|barely|subtly)\s+$", re.I)
