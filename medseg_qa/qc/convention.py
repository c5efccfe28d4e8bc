"""The display convention: sentences that say how the patient's sides appear on the picture ("radiological
images show the patient's right on the image's left") refer to no structure, so their side words claim nothing
about the target. `convention_end` finds where such an explanation ends in a sentence; `side_mappings` finds a
side mapped to a side of the picture anywhere in a sentence ("... and on axial images the patient's left is
shown on the image's right"), `axis_mappings` an edge of the picture equated with a patient direction ("image top
is anterior"), `carries_convention` its second half after a semicolon. Used by `claims` and `check_conversation`.
"""

from __future__ import annotations

import re

from .amounts import IMAGE as _IMAGE
from .clauses import COMPLETION
from .lexicon import Mention

_CONVENTION = re.compile(r"\b(?:convention\w*|radiolog\w*|displayed|display|shown|shows?|viewer|viewed|as if|"
                         r"facing|looking|mirror\w*|flipped|remember|screen|monitor)\b", re.I)
_PATIENT_AXIS = (r"(?:front|back|anterior|posterior|head|feet|foot|ventral|dorsal|superior|inferior|cranial|caudal|"
                 r"near\s+field|far\s+field|transducer|probe)")  # (an ultrasound's near field is at the top)
# an axis of the patient mapped to the picture: "Front is at the top of the picture", "up the image means towards the head",
# "image top is anterior on an axial slice"
_AXIS_ON_PICTURE = re.compile(rf"\b{_PATIENT_AXIS}\b[^.;]*\b(?:top|bottom|upper|lower)\b[^.;]*\b{_IMAGE}\b|"
                             rf"\b(?:top|bottom|up|down)\s+(?:of\s+)?the\s+{_IMAGE}\b[^.;]*\b{_PATIENT_AXIS}\b|"
                             rf"\b{_IMAGE}(?:'s)?\s+(?:top|bottom|up|down)\s+(?:is|=|means|shows|corresponds\s+to)\s+(?:the\s+)?"
                             rf"(?:patient'?s\s+)?{_PATIENT_AXIS}\b", re.I)
_COMPLETES_CONVENTION = re.compile(rf"\s*(?:{COMPLETION.pattern})\W*", re.I)
_CONTRAST = re.compile(r";|\b(?:but|however|although|though|whereas|while|yet)\b", re.I)


# a side itself as the subject ("As usual for coronal views, the patient's right appears on the left of the
# image", "Image left is patient right"): the sentence maps sides, it places no structure
_SIDE_AS_SUBJECT = re.compile(r"^(?:[^,;]{1,60},\s*)?(?:the\s+)?(?:(?:patient|image|screen|picture|viewer|body)(?:'?s|s')?\s+)"
                              r"(?:left|right)(?:[\s-]+(?:hand\s+)?side)?\s+(?:appears?|is|lies|sits|shows|goes|ends|falls|"
                              r"comes|maps|lands|will\s+be|=)\b", re.I)


# a side mapped to a side of the picture, anywhere in a sentence: a convention, whatever else the sentence says
# (not a side that places something: "the left clavicle on the patient's right appears on the left of the screen")
_NOT_AFTER_PLACE = "".join(rf"(?<!\b{p}\s)(?<!\b{p}\sthe\s)" for p in ("on", "to", "at", "in", "toward", "towards"))
_SIDE_MAPPING = re.compile(_NOT_AFTER_PLACE + r"\b(?:(?:the\s+)?(?:patient|patients|image|screen|picture|viewer)(?:'?s|s')?|your|his|her|their)\s+"
                           r"(?:left|right)(?:\s+side)?\s+"
                           r"(?:(?:is|are|appears|lies|ends\s+up)\s+(?:(?:shown|displayed|seen|drawn|placed)\s+)?|"
                           r"(?:shown|displayed|seen|drawn|placed)\s+)"
                           r"(?:on|at|to)\s+(?:the\s+)?(?:(?:image|screen|picture|viewer|monitor|patient)(?:'?s|s')?\s+)?(?:left|right)"
                           r"(?:\s+(?:side\s+)?of\s+the\s+(?:image|screen|picture|display|monitor|slice))?|"
                           # verbless: "the convention (patient's left on the image's right)"
                           + _NOT_AFTER_PLACE + r"\b(?:the\s+)?patient'?s\s+(?:left|right)\s+(?:on|at)\s+(?:the\s+)?"
                           r"(?:image|screen|picture|viewer|monitor)(?:'?s)?\s+(?:left|right)\b", re.I)


# a generic subject placed on a side of the picture and on the patient's side: "A structure seen on the image's left
# would be on the patient's right", "Anything on the left of the screen is the patient's right"
_GENERIC_ON_PICTURE = re.compile(r"^(?:[^,;:]{1,40}[,:]\s*)?(?:if\s+|when\s+)?(?:a|an|any|anything|something|whatever|everything|"
                                 r"what)\b[^;]*?"
                                 r"(?:\b(?:image|screen|picture|viewer|monitor|display)(?:'?s)?\s+(?:left|right)\b|"
                                 r"\b(?:left|right)(?:\s+side)?\s+of\s+the\s+(?:image|screen|picture|monitor|display)\b)"
                                 r"[^;]*\bpatient'?s\s+(?:left|right)\b", re.I)


# a subject that points at what is shown ("Both structures project over the image's left half, which on this
# display is the patient's right") places the target, it explains no convention
_POINTED_SUBJECT = re.compile(r"^\W*(?:both|these|the\s+two|the\s+(?:segmented|highlighted|outlined|masked|shaded))\s+"
                              r"(?:[a-z-]+\s+)?(?:structures?|regions?|areas?|pieces?|parts?|components?|lesions?|foci|blobs?)\b"
                              r"|^\W*(?:[^:]{0,30}:\s*)?(?:the\s+(?:thing|structure|organ|one|finding)\s+|what\s+|something\s+)?"
                              # the target the user points at: "the thing I'm asking about sits on the left of the screen (the
                              # patient's right)", "There's something on the right of the screen (so the patient's left)"
                              r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:asking\s+about|looking\s+for|after)\b|"
                              r"^\W*there(?:'s|\s+is)\s+something\b"
                              # an answer's side glossed with its place on the screen: "Patient's right side (the left of
                              # the screen on this display)."
                              r"|^\W*(?:on\s+)?(?:the\s+)?patient'?s\s+(?:left|right)(?:[\s-]+(?:hand\s+)?side)?\s*[(\u2014]",
                              re.I)


def convention_end(sentence: str, mentions: list[Mention]) -> int:
    """Where the explanation of how sides are displayed ("radiological images show the patient's right on
    the image's left") ends: the whole sentence, or the part before a contrast ("By convention the
    patient's left is shown on the right, but that does not matter for a midline structure like this
    one"); 0 when there is none. The explanation refers to no structure, so its side words claim nothing."""
    cut = _CONTRAST.search(sentence)
    end = cut.start() if cut else len(sentence)
    part = sentence[:end]
    if not any(not m.names for m in mentions if m.start < end) and not _POINTED_SUBJECT.match(part) and (
            ((_CONVENTION.search(part) or _SIDE_AS_SUBJECT.match(part) or _GENERIC_ON_PICTURE.match(part)) and
             re.search(r"\b(?:left|right)\b.*\b(?:left|right)\b", part, re.I)) or
            _AXIS_ON_PICTURE.search(part)):  # "Front is at the top of the picture and the back at the bottom"
        # "Left on the screen is not the patient's left; it is the patient's right": the completion belongs to it
        return len(sentence) if cut and _COMPLETES_CONVENTION.fullmatch(sentence, cut.end()) else end
    return 0


# ... or written as an equation: "image right = patient's left", "patient R = img L", "The left side is the image's right"
_SIDE_OF_PICTURE = re.compile(r"\bthe\s+(?:left|right)(?:[\s-]+hand)?\s+(?:side|half|edge)\s+of\s+the\s+(?:screen|image|picture|"
                              r"monitor|display|film|scan)\s+(?:is|=|shows|corresponds\s+to)\s+(?:the\s+)?(?:(?:patient'?s|your|his|"
                              r"her|their)\s+(?:left|right)\b|(?:left|right)\s+(?:half|side)\s+of\s+(?:the\s+)?(?:body|patient)\b)",
                              re.I)
_SIDE_EQUATION = re.compile(r"\b(?:the\s+)?(?:(?:patient|image|screen|picture|viewer)(?:'?s)?\s+(?:left|right|[LR])|"
                            r"(?:left|right)\s+side)\s*(?:=|is)\s*"
                            r"(?:the\s+)?(?:patient|image|screen|picture|viewer)(?:'?s)?\s+(?:left|right|[LR])\b", re.I)

# ... or as the picture's coordinates: "column 0 is the left edge of the screen", "higher x means further toward the
# patient's right", "in radiological display that edge is the patient's right"
_COORDINATES = re.compile(r"\b(?:row|column|col|x|y|pixel|voxel|index)\s*(?:=\s*)?(?:0|zero)\b[^.;]*|"
                          r"\b(?:higher|lower|larger|smaller|increasing|decreasing|bigger)\s+(?:x|y|column|row)s?(?:\s+values?|"
                          r"\s+ind(?:ices|exes))?\s+(?:means?|is|are|goes|go|points?)\b[^.;,]*|"
                          r"\b(?:that|this|the\s+(?:left|right))\s+edge\s+is\s+(?:the\s+)?(?:patient'?s|viewer'?s)\s+(?:left|right)\b",
                          re.I)

# ... or as two frames' sides compared: "Image-left and patient-left are opposite on a standard axial view"
_FRAME = r"(?:the\s+)?(?:image|screen|picture|viewer|display|patient|body)(?:'?s\s+|-|\s+)(?:left|right)"
_SIDES_COMPARED = re.compile(rf"\b{_FRAME}\s+(?:and|vs\.?|versus)\s+{_FRAME}\s+(?:are|is|were)\s+(?:not\s+)?(?:(?:always|usually|"
                             r"often)\s+)?(?:opposite|opposites|reversed|swapped|mirrored|flipped|the\s+same|different)\b", re.I)


# ... or asked about: "which side of the screen shows the patient's left?"
_SIDE_SHOWN = re.compile(r"\b(?:which|what|the)\s+(?:side|half|part|edge)\s+of\s+the\s+(?:screen|image|picture|monitor|display|film)\s+"
                         r"(?:shows|displays|holds|has|is|carries)\s+the\s+patient'?s\s+(?:left|right)\b", re.I)


# ... or the patient's side asked of a side of the picture: "if something shows on the image's left, which side of the
# patient is it?"
_PATIENT_SIDE_ASKED = re.compile(r"\b(?:image|screen|picture|viewer|monitor|display)(?:'?s)?\s+(?:left|right)\b[^.;?]*"
                                 r"\b(?:which|what)\s+side\s+of\s+the\s+patient\b", re.I)


# ... or the reader's side set against the patient's: "like shaking hands: your right hand meets the patient's right"
_READER_AND_PATIENT = re.compile(r"\byour\s+(?:left|right)\b[^.;]*\bpatient'?s\s+(?:left|right)\b|"
                                 r"\bpatient'?s\s+(?:left|right)\b[^.;]*\byour\s+(?:left|right)\b", re.I)


# the second half of a convention the sentence splitter cut at its semicolon: "it is mirrored to your right", "it is the
# image's left", after a first half that sets a side against the display
_CARRIED = re.compile(r"^\W*(?:it|that|this|they)\s+(?:is|are)\s+(?:(?:mirrored|flipped|swapped|reversed|shown|displayed)\s+)?"
                      r"(?:(?:on|to|at)\s+)?(?:the\s+)?(?:patient'?s|image'?s|viewer'?s|screen'?s|our|your|their)\s+(?:left|right)\b"
                      r"[^.;]*[.!]?\s*$", re.I)
_SHOWN_SIDES = re.compile(r"\b(?:left|right)\b[^;]*\b(?:display\w*|screen|image|picture|your|viewer|convention|radiolog\w*)\b|"
                          r"\b(?:display\w*|screen|image|picture|viewer|convention|radiolog\w*)\b[^;]*\b(?:left|right)\b", re.I)


def carries_convention(previous: str, sentence: str) -> bool:
    """Does `sentence` finish the convention `previous` began before its semicolon ("In this display the patient's
    left is not on your left;" - "it is mirrored to your right.")? Its side words then claim nothing."""
    return previous.rstrip().endswith(";") and bool(_CARRIED.match(sentence)) and bool(_SHOWN_SIDES.search(previous))


def side_mappings(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence that map a side to a side of the picture (a convention wherever it stands)."""
    return [m.span() for rx in (_SIDE_MAPPING, _SIDE_EQUATION, _SIDE_SHOWN, _PATIENT_SIDE_ASKED, _READER_AND_PATIENT,
                                _SIDE_OF_PICTURE, _COORDINATES, _SIDES_COMPARED)
            for m in rx.finditer(sentence)]


# an edge of the picture equated with a patient direction, anywhere in a sentence: "image top is anterior on an
# axial slice, and I read the mask that way", "the top of the image is the patient's front"
_AXIS_MAPPING = re.compile(rf"\b(?:(?:the\s+)?{_IMAGE}(?:'s)?\s+(?:top|bottom|up|down)|(?:the\s+)?(?:top|bottom|up|down|(?:upper|lower)\s+"
                           rf"(?:half|part|edge))\s+(?:of\s+)?the\s+{_IMAGE})\s+(?:is|=|means|shows|corresponds\s+to|points)\s+"
                           rf"(?:towards?\s+)?(?:the\s+)?(?:patient'?s\s+)?{_PATIENT_AXIS}\b", re.I)
# ("the upper half of the image is the anterior side" maps an edge too)


def axis_mappings(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence that equate an edge of the picture with a patient direction (a convention)."""
    return [m.span() for m in _AXIS_MAPPING.finditer(sentence)]
