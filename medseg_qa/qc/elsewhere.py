"""Words in a sentence about other things than the target's measured facts, so their sides and amounts claim nothing:
lines that say their subject is not the target, one lesion of several described on its own, the side where a symptom
is felt, a relation's frame glossed after it, the direction of a shift, a sign's side, a procedure's side of entry,
the amount of a structure the mask is compared with, a worked unit conversion and a size bound compared with the
mask. Also a side given as the first word of an answer to a side question. Used by `claims` (and `WAY_IN` by
`heights`).
"""

from __future__ import annotations

import re

from .claim import Claim
from .modality import clause_span
from .sides import LONE_INTERJECTION

# (a comparison, after a multiplier: not "The size of the optic disc is small")
_RATIO_TO_OTHER = re.compile(r"\b(?:(?:(?:half|twice|double|triple|(?:a|an|one)\s+(?:[a-z-]*th|third|quarter|half)|[\d.]+\s*(?:x|times))\s+"
                             r"the\s+size\s+of|times\s+(?:the\s+)?(?:size|area)\s+of|as\s+(?:large|big|small)\s+as)\s+"
                             r"(?:the\s+)?(?:[a-z-]+\s+){0,3}?[a-z-]+|times\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}[a-z-]+'s\s+(?:size|area))\b",
                             re.I)
_CONVERTED = re.compile(r"(?:\s+pixels?)?\s+(?:are|is|equals?|=|makes?|correspond\s+to|come\s+to)\s+(?:about\s+|roughly\s+|approximately\s+|~\s*)?"
                        r"[\d.,]+\s*(?:mm|cm)", re.I)
_OWN_PIXELS = re.compile(r"\b(?:its|their|the\s+mask'?s|the\s+mask\s+has|it\s+has|covers|occupies|spans)\b[^.;]{0,20}$", re.I)
# one lesion of several described on its own: "Individually: 1 right, anterior, intermediate;", "2 left, posterior,
# smallest.", "Lesion by lesion: 1 right and anterior, 2 right and posterior" (QC measures the whole mask, not its parts)
_PER_PART = re.compile(r"^\W*(?:(?:the|this|that)\s+(?:anterior|posterior|upper|lower|front|back|larger|smaller|bigger|"
                       r"first|second|third|deeper|more\s+\w+)\s+one\b|(?:individually|per[\s-](?:lesion|nodule|piece|part)|(?:lesion|nodule|piece|part)\s+by\s+"
                       r"(?:lesion|nodule|piece|part))\s*:|\d{1,2}\s+(?:and\s+)?(?:right|left|anterior|posterior|mid|central|"
                       r"superior|inferior)\b\s*(?:,|and\b))", re.I)
# a person's symptom and where it is felt: "I had cramps that felt worse on my right", "tenderness in my left armpit",
# "I couldn't sleep on my left side" (the target may lie elsewhere)
_FELT = re.compile(r"\b(?:(?:i|he|she|my|his|her|the\s+(?:neck|chest|belly|tummy|back|side|abdomen|leg|arm|head|knee|shoulder|breast|armpit|groin))\b[^.;]{0,30}\b(?:felt|feel|feels|hurts?|hurting|ached|aches|aching|sore|"
                   r"cramps?|pain|tender(?:ness)?|tight|stitch|sleep|numb|tingl\w*|lump|swelling|itch\w*)|"
                   r"(?:pain|cramps?|tenderness|aching|ache|discomfort|stitch|swelling|lump)\b[^.;]{0,40}\b(?:my|his|her)\b)", re.I)
# the frame of a relation glossed after it: "It is to the right of the left ovary, meaning your right"
_RELATION_GLOSS = re.compile(r"\bto\s+the\s+(?:left|right)\s+of\b[^.;]*?,\s*(?:meaning|i\.e\.|that\s+is)\s+(?:your|his|her|their|"
                             r"the\s+patient'?s)\s+(left|right)\b", re.I)
# the direction a displacement goes: "8 mm of midline shift toward the right", "leftward shift of the septum", "the
# midline is shifted 4 mm to the left", "tracheal deviation to the right" (the shift's direction, not where the target lies)
_SHIFT = re.compile(r"\b(?:shift|deviation|displacement|herniation|bowing)s?\b[^.;,]{0,40}?\b(?:toward|towards|to|into|across)\s+"
                    r"(?:the\s+)?(?:patient'?s\s+)?(?:left|right)\b|\b(?:left|right)ward\s+(?:[\w-]+\s+){0,2}?(?:shift|deviation|"
                    r"displacement|herniation|bowing)\b|\b(?:bends?|bent|deviat(?:es|ed|ing)|bows|bowed|curves?|curved|leans?|tilts?|tilted|"
                    r"veers?)\s+(?:\w+\s+)?(?:to|towards?)\s+the\s+(?:patient'?s\s+)?(?:left|right)\b|\b(?:midline|septum(?:\s+pellucidum)?|falx|trachea|mediastinum)\s+(?:is\s+|was\s+)?"
                    r"(?:shifted|deviated|displaced|bowed|pushed)\b[^.;,]{0,30}?\b(?:left|right)\b", re.I)
# a procedure's way in, whose side or direction is not where the target lies
WAY_IN = r"approach|entry|access|route|trajectory|puncture"
# the side a procedure goes in from: "Left paravertebral entry", "the needle goes in from your back on the left"
_ENTRY_SIDE = re.compile(rf"\b(?:left|right)(?:[\s-]+sided)?\s+(?:[a-z]+\s+){{0,2}}?(?:{WAY_IN}|window)\b|"
                         r"\b(?:needle|probe|catheter|drain)\b[^.;]{0,40}?\b(?:from|through|via|on)\s+(?:the\s+|your\s+)?"
                         r"(?:patient'?s\s+)?(?:\w+\s+){0,2}?(?:left|right)\b", re.I)
# a sign on examination or ultrasound heard or seen on one side: "B reduced on one side", "no sliding on one side",
# "sliding was present on both sides" (the sign's side, not the mask's)
_SIGN = re.compile(r"\b(?:sliding|breath\s+sounds|air\s+entry|expansion|reduced|decreased|absent|diminished|dull(?:ness)?|"
                   r"resonan\w*|crepitus|movement)\b[^.;,]{0,25}?\bon\s+(?:one|both|each|either)\s+sides?\b", re.I)
_ASKS_LEFT_RIGHT = re.compile(r"\b(?:left|right|sides?|sided|lateral\w*)\b[^.!]*\?\s*$", re.I)
_SIDE_ANSWER = re.compile(r"^\W*(left|right)\s*[,;:\u2014-]\s*(?=\S)", re.I)
_OWN_CLAUSE = re.compile(r"\b(?:is|are|was|were|let'?s|lies|lie|sits|sit|see|has|have|seems?|looks?|appears?|means?|matches|"
                         r"fits|go|goes|so|now|well|overall|i|we|you)\b|[\u2014:]", re.I)
_NOT_THE_TARGET = re.compile(r"\bnot\s+part\s+of\s+the\s+(?:target|mask|segmentation)\b|"
                             # a line about the structure's fellow: "Other ovary: right, 24 mm, no solid component."
                             r"^\W*(?:the\s+)?(?:other|contralateral|opposite)\s+[a-z-]+(?:\s+[a-z-]+)?\s*:|\b(?:reviewed|assessed|checked|"
                             r"described)\s+separately\b|\bnot\s+(?:included\s+)?in\s+the\s+(?:mask|segmentation)\b|"
                             r"\bexcluded\s+from\s+the\s+(?:mask|segmentation)\b", re.I)
_BOUND_COMPARED = re.compile(r"[^,;]{0,40}%[^,;]{0,30},\s*which\s+(?:it|the\s+mask|this|they)\b", re.I)


def about_other_things(sentence: str) -> bool:
    """A line that says its subject is not the target ("Liver reviewed - right, large, not part of the target") or
    describes one lesion of several ("Individually: 1 right, anterior, intermediate;")."""
    return bool(_NOT_THE_TARGET.search(sentence) or _PER_PART.match(sentence))


def side_answer(sentence: str, context: str) -> re.Match | None:
    """'Right, in patient terms.' answering "Left or right?": the side opening the answer (group 1)."""
    m = _SIDE_ANSWER.match(sentence) if context and _ASKS_LEFT_RIGHT.search(context) else None
    # (not an interjection opening a clause of its own: "Right, let's see.", "Right, that is consistent with ...")
    return m if m and not _OWN_CLAUSE.search(sentence, m.end()) and not LONE_INTERJECTION.match(sentence) else None


# a device in the patient, whose tip, leads and course have their own sides and heights: "NG tube passing below the
# diaphragm, tip in the gastric fundus on the left", "pacemaker generator in the left chest wall with leads in the right
# ventricle", "ETT tip about 4 cm above the carina" (up to the next sentence's end, or a clause about the target)
_DEVICE = re.compile(r"\b(?:(?:ng|og|nasogastric|orogastric|feeding|endotracheal|tracheostomy|chest|pleural|intercostal|"
                     r"nephrostomy|biliary|t-|ett|et)\s*tubes?|ett|ngt?|cvc|cvcs|picc|piccs|swan-ganz|iabp|ecmo\s+cannulae?|"
                     r"(?:central|arterial|venous|picc|cvc|ij|subclavian|femoral|dialysis|art|umbilical)\s+(?:venous\s+)?"
                     r"(?:line|catheter)s?|tube\s+tips?|catheters?|cannulae?|pigtails?|stents?|pacemakers?|defibrillators?|icds?|"
                     r"drains?(?!\s+(?:into|to|the|from|via|through|blood|bile|urine|lymph|venous|its|their)\b)|"  # not "it drains into"
                     r"(?:pacing|pacemaker|icd|ecg|defibrillator)\s+leads?\b|(?<![\w-])leads?\s+(?=in\s+the\s+(?:right|left)\b)|"
                     r"pacemaker\s+generator|electrodes?|surgical\s+clips?|sternotomy\s+wires?|guide\s*wires?|staples|"
                     r"coils?(?!\s+(?:around|round|up|back)))\b", re.I)
# ... and so do implants and artefacts: "two big fillings in the right upper molars and a crown on the left", "streaks
# from the left hip prosthesis", "Partial volume affects both sides equally"
_IMPLANT_OR_ARTEFACT = re.compile(r"\b(?:(?:dental\s+)?(?:fillings?|crowns|implants?|braces|amalgam)|(?:hip\s+|knee\s+|joint\s+)?"
                                  r"prosthes[ie]s|arthroplast(?:y|ies)|(?:hip|knee)\s+replacements?|metalwork|"
                                  r"partial[\s-]volume(?:\s+effects?)?|streaks?|beam[\s-]hardening|artefacts?|artifacts?|blooming|"
                                  r"aliasing)\b(?!\s+talking\b)", re.I)  # (not "That's the artefact talking: ...")
_DEVICE_END = re.compile(r"[.;]|,\s*(?:and\s+|but\s+)?(?:it|they|the\s+(?:mask|target|segmentation|label|outlined|highlighted))\s+"
                         r"(?:is|are|lies|lie|sits|sit|covers?|forms?)\b|\b(?:whereas|while)\b", re.I)


def device_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans about a device, an implant or an artefact (`_DEVICE`, `_IMPLANT_OR_ARTEFACT`), whose places are its own,
    not the target's."""
    spans = []
    for m in [*_DEVICE.finditer(sentence), *_IMPLANT_OR_ARTEFACT.finditer(sentence)]:
        end = _DEVICE_END.search(sentence, m.end())
        spans.append((m.start(), end.start() if end else len(sentence)))
    return spans


def sides_of_other_things(sentence: str) -> list[tuple[int, int]]:
    """Spans whose side words place no part of the target: a symptom's clause, a relation's glossed frame, a shift's
    direction, a sign's side, a procedure's side of entry."""
    felt = [clause_span(sentence, m.end() - 1) for m in _FELT.finditer(sentence)]  # the clause of the feeling word
    return felt + [m.span(1) for m in _RELATION_GLOSS.finditer(sentence)] + \
        [m.span() for rx in (_SHIFT, _SIGN, _ENTRY_SIDE) for m in rx.finditer(sentence)]


def without_others_amounts(sentence: str, located: list[tuple[int, Claim]]) -> list[tuple[int, Claim]]:
    """`located` without the amounts that are not the mask's: after a comparison with another thing ("about a quarter
    the size of the liver on this slice (roughly 8,000 pixels)"), in a worked unit conversion ("so 100 pixels are
    about 55 mm2") and a bound compared with the mask ("Under 1% of the image, which it is well above.")."""
    ratio = _RATIO_TO_OTHER.search(sentence)
    if ratio and not re.search(r"\b(?:image|slice|frame|picture|mask|segmentation|it|its)\b", ratio.group(0), re.I):
        located = [(pos, c) for pos, c in located if pos < ratio.end() or c.kind not in ("percent", "pixels", "size")]
    located = [(pos, c) for pos, c in located if c.kind != "pixels" or not (
        _CONVERTED.match(sentence, sentence.find(c.text, pos) + len(c.text)) and not _OWN_PIXELS.search(sentence[:pos]))]
    return [(pos, c) for pos, c in located if c.kind != "percent" or not _BOUND_COMPARED.match(sentence, pos)]
