"""Claim extraction: the checkable statements a text makes about the target.

A claim is a side (patient left/right, midline), an absolute position (anterior/posterior,
superior/inferior), a relation to another structure, a size class or area percent, or a region count.
Sizes and counts are read by `amounts`, sides by `sides`, places along the picture's rows by `heights`, relations by
`relations`. Each is found by its
own phrase rules, then kept only when `subjects.subject` attributes it to the
target; a claim inside a negation scope is kept as denied (`negated`), so "it is not on the left"
contradicts a left mask and agrees with a right one. Image sides ("the image's left") are turned into
patient sides with the record's orientation; a sentence that explains the display convention ("the
patient's right appears on the image's left") says nothing about the target. Missing a claim is
preferred to inventing one: only claims that `modality.asserted` finds asserted are kept (not
conditional, possible, generic, reported or about alternatives).
"""

from __future__ import annotations

import re

from medseg_qa.schemas import SourceRecord

from .amounts import IMAGE as _IMAGE
from .amounts import size_claims as _size_claims
from .claim import Claim
from .clauses import BOUNDARY, is_negated, negated_spans, read_sentence, sentences
from .subjects import about_target
from .convention import axis_mappings, convention_end, side_mappings
from .counts import bare_count
from .elsewhere import about_other_things, device_spans, side_answer, sides_of_other_things, without_others_amounts
from .counts import count_claims as _count_claims
from .heights import ROW_DIRECTION, absolute_claims, central_claims
from .lexicon import Lexicon, Mention
from .referents import RELATIVE
from .fragments import answered_fragment
from .frames import elsewhere_spans
from .generic import states_thresholds
from .modality import asserted
from .relations import CLAUSE_VERB, comparatives, position_claims
from .revisions import struck_end, unrepaired
from .settle import reported_span
from .premises import ASKS_SIDE, about_an_alternative, asks_only, bare_assent, offered_from, premises, \
    without_opinion
from .sides import side_claims as _side_claims

# (not an interjection before a clause of its own: "Right: There are two pieces.")
_PER_SIDE = re.compile(r"^\W*(?:on\s+the\s+)?(?:patient'?s\s+)?(?:left|right)(?:[\s-]+side)?\s*:(?!\s*(?-i:It|They|There)\s)",
                       re.I)
# a question about the front-back or up-down axis, where "centrally" answers that axis, not the side
_ASKS_DEPTH = re.compile(r"\b(?:front|back|anterior\w*|posterior\w*|ant|post|superior\w*|inferior\w*|sup|inf|up|down|"
                         r"depth|deep|high|low|top|bottom)\b", re.I)
# a fronted contrast speaks of the other thing: "Unlike a single blob, the mask is three separate regions"
_CONTRASTED = re.compile(r"^\s*(?:unlike|in\s+contrast\s+to|as\s+opposed\s+to|contrary\s+to|rather\s+than|instead\s+of|"
                         r"compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)|relative\s+to)\b"
                         r"[^,;:]{1,80}[,;:]"
                         # ... with an apposition that describes it: "Unlike the fourth ventricle, a single cavity at the back,",
                         # "Compared with the vertebral body, bone in the midline at the back, the mask is ..."
                         r"(?:\s*(?:a|an|the)\s[^,;:]{1,60},|\s*[^,;:]{1,60},(?=\s*(?:it|they|this|these|its|their|the\s+(?:mask\w*|"
                         r"segment\w*|highlighted|outlined|target|region|structure|lesion|organ)s?)\b))?", re.I)
# what may stand between a name and the sides it lies on: "the sacroiliac joints on the right and left"
_PLACE_GAP = re.compile(r"\W{0,3}|\s+(?:on|at|in)\s+(?:the\s+|both\s+)?", re.I)
# a lead naming the point a correction is about: "Where I disagree is the count:", "But the side isn't right:", "As for
# neighbours:"; what follows the colon is the statement
_TOPIC_LEAD = re.compile(r"^[^:]{0,60}?\b(?:disagree|isn'?t\s+right|is\s+not\s+right|is\s+off|needs?\s+(?:fixing|correcting|a\s+fix)|"
                         r"one\s+fix|correction|is\s+wrong|not\s+quite|as\s+for|regarding)\b[^:]{0,30}:\s*", re.I)
_SIDES_AS_SUBJECT = re.compile(r"\s+(?:have|has|show|shows|contain|contains|hold|holds|carry|carries)\b", re.I)
_BOTH_SIDES = re.compile(r"\b(?:both|each|either)(?:\s+of\s+the(?:\s+patient'?s)?)?\s+sides?\b|\bbilateral(?:ly)?\b|\bon\s+the\s+other\s+side\b", re.I)
# "left and right", "on the left and on the right", "the right side and the left"
_AND_THE = r"(?:[\s-]+(?:hand\s+)?side)?\s+(?:and|&)\s+(?:(?:on|to|in|at)\s+)?(?:the\s+)?(?:patient'?s\s+)?"
# a question about the size classes, not about the target: "What area fraction would make a region 'small'?"
_DEFINES_SIZE = re.compile(r"\b(?:what|which)\s+(?:area\s+)?(?:fraction|share|percentage|percent|proportion|threshold|cut-?off)\b"
                           r"[^?]*\b(?:make|makes|count|counts|call|class|mean|means|qualif\w*)\b|\b(?:threshold|cut-?off)\s+for\b|"
                           # "Does a large size class mean the organ is enlarged?": what a class means
                           r"\bsize\s+class(?:es)?\b[^?]*\bmeans?\b",
                           re.I)
# a bound said without a subject or a verb, unless the size was just asked: a threshold, not a measurement
_VERBLESS_BOUND = re.compile(r"^\W*(?:(?:(?:yes|yeah|correct|right|exactly|no|not\s+quite|anything|so|and)\W+)+(?:under|below|over|above|"
                             r"less\s+than|more\s+than|at\s+least|at\s+most)\b|(?:under|below|over|above|less\s+than|more\s+than)\b"
                             r"[^.?!]*\?\s*$|(?:\W*(?:yes|yeah|correct|right|exactly)\W+)?\d+(?:\.\d+)?\s*%[^.?!]*?\b(?:or\s+(?:more|less|"
                             r"above|below|over|under)|and\s+(?:above|over|up))\b)", re.I)
_VERB = re.compile(r"\b(?:is|are|it|they|its|covers?|takes?|occup\w+|measures?|fills?|spans?|makes?|comes?)\b", re.I)
_ASKS_AMOUNT = re.compile(r"\bhow\s+(?:big|large|much|small)\b|\b(?:size|area|fraction|share|percent|percentage|proportion)\b", re.I)
_NO_SIDE_SAID = re.compile(r"\b(?:either\s+)?(?:on\s+)?(?:the\s+)?(?:patient'?s\s+)?(?:left|right)(?:[\s-]+side)?\s+or\s+(?:on\s+)?(?:the\s+)?"
                           r"(?:patient'?s\s+)?(?:left|right)\b|\bbetween\s+(?:the\s+|your\s+|his\s+|her\s+|their\s+|the\s+patient'?s\s+)?(?:left|right)"
                           r"(?:\s+side)?\s+and\s+(?:the\s+)?(?:left|right)\b", re.I)
# as much on one side as on the other: "about as much of it on the left as on the right", "evenly split left and right"
_BALANCED = re.compile(r"\bas\s+much\b[^.;]{0,40}?\b(?:left|right)\b[^.;]{0,20}?\bas\s+(?:on|to|in)\s+the\s+"
                       r"(?:patient'?s\s+)?(?:left|right)\b|\b(?:equally|evenly)\s+(?:split\s+|divided\s+|distributed\s+)?"
                       r"(?:on|to|in|between)\s+(?:the\s+)?(?:left|right)\s+and\s+(?:the\s+)?(?:left|right)\b", re.I)
_LEFT_AND_RIGHT = re.compile(rf"(?<!\bbetween\s)(?<!\bbetween\sthe\s)\b(?:left{_AND_THE}right|right{_AND_THE}left)\b", re.I)


_PHYSICAL = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:mm|cm|millimet\w*|centimet\w*)\b(?!\s*(?:x|by|\u00d7))", re.I)
# what the target has: "It has a head nestled in the C-loop on the right", "It has three folds: two on the left ..."
_POSSESSION = re.compile(r"\b(?:it|they)\s+(?:also\s+)?(?:has|have|contains|contain|holds|hold|includes|include)\s+"
                         r"(?=(?:a|an|one|two|three|four|five|six|several|multiple|many|\d+)\s)", re.I)
_REGION_NOUN = re.compile(r"\b(?:components?|regions?|parts?|pieces?|portions?|islands?|focus|foci|areas?|segments?|"
                          r"fragments?|blobs?|patch(?:es)?)\b", re.I)
_FRAGMENT_QUESTION = re.compile(r"^\W*(?:(?:and|also|plus|so|ok|okay|thanks|got\s+it|then)\W+)*(?:(?:what|how)\s+about\s+)?"
                                r"(?:the|those|these|that|all\s+(?:those|the|these)|any)\b[^?]*\?\s*$", re.I)
_MASK_WORD = re.compile(r"\b(?:mask|segment\w*|highlight\w*|outlined|target|overlay|label)\b", re.I)
_FRAME_WORDS = re.compile(rf"\b(?:{_IMAGE}|display\w*|viewer|monitor|convention\w*|radiolog\w*)\b", re.I)


_SEEN_ON = re.compile(r"^\W*(?:on|in)\s+(?:this|the)\s+(?:one\s+)?(?:image|picture|pic|photo|slice|scan|film|cut|section)"
                      r"(?:\s+(?:you(?:'re|\s+are)\s+looking\s+at|here))?\s*,?\s*(?!.*\b(?:appears?|displayed|shown|shows|screen|"
                      r"viewer|monitor|convention)\b)", re.I)


# the side of someone who faces the patient: "which is my left when I'm facing her", "my right as I face him"
_FACING_SIDE = re.compile(r"\b(?:my|your|our)\s+(left|right)\b(?=[^.;?!]{0,40}?\b(?:when|(?<!\bas\s)if|as(?!\s+(?:if|though)\b)|"
                          r"while|because|since)\s+(?:i|you|we)"
                          r"(?:'m|\s+am|'re|\s+are)?\s+(?:\w+\s+){0,2}?(?:fac(?:e|es|ing)|look(?:s|ing)?\s+at|"
                          r"stand(?:s|ing)?\s+(?:in\s+front\s+of|opposite)|sit(?:s|ting)?\s+opposite)\b)", re.I)
# ... and a question tag after whom they face: "which is my left when i face him right?"
_FACING_TAG = re.compile(r"(\b(?:fac(?:e|es|ing)|look(?:s|ing)?\s+at|opposite)\s+(?:him|her|them))\s+right\s*\?", re.I)


def _addressed_to_patient(sentence: str) -> str:
    """'It sits on your left side, behind your liver', 'So it's on my right side?', 'It lies in front of her heart':
    prose addressed to, by or about the patient (no screen, image or convention in the sentence) reads 'your'/'my'/
    'his'/'her' as 'the patient's' / 'the'.
    With a display word, 'your left' is the viewer's, and the side is left unread (see `_side_claims`). So is the side
    of someone facing the patient ("on her right, which is my left when I face her"), a viewer's in all but name."""
    sentence = _FACING_TAG.sub(r"\1, right?", _FACING_SIDE.sub(r"the viewer's \1", sentence))
    contrasted = re.search(rf"\bnot\s+(?:the\s+)?(?:{_IMAGE}|screen|viewer|monitor)'?s\b", sentence, re.I)  # "your left, not the screen's"
    framed = sentence
    if re.search(r"\byour\s+(?:left|right)\s+side\b(?!\s+of\b)|\b(?:left|right)\s+(?:half|side)\s+of\s+your\s+body\b",
                 sentence, re.I):
        # "On this slice it sits on your right side", "On your scan it is in the left half of your body": the body's
        # side; the slice is where it is seen, not a frame
        framed = re.sub(rf"\b(?:on|in)\s+(?:this|your|the)\s+{_IMAGE}\b", "", sentence, flags=re.I)
    seen = _SEEN_ON.match(sentence)  # "On the slice you're looking at, it sits on your left": where it is seen, then
    if seen and re.search(r"\b(?:it|they)\b", sentence[seen.end():seen.end() + 12], re.I):  # the body's side
        framed = sentence[seen.end():]
    if not re.search(r"\b(?:your|my|his|her)\b", sentence, re.I) or (_FRAME_WORDS.search(framed) and not contrasted) or \
            re.search(r"\bpatient'?s\s+(?:left|right)\b", sentence, re.I):
        return sentence  # ("your right hand meets the patient's right": two people's sides, an analogy)
    sentence = re.sub(r"\b(?:your|my|his|her)\s+(?=(?:left|right|front|back|body|abdomen|belly|tummy|side|chest|head|pelvis)\b)",
                      "the patient's ", sentence, flags=re.I)
    return re.sub(rf"\b(?:your|my|his|her)\b(?!\s+{RELATIVE})", "the", sentence, flags=re.I)  # (not "his brother")


_NAMES_WHAT_IS_SHOWN = re.compile(r"(?:\b(?:only|just|solely|exclusively|purely)|\b(?:segmented|highlighted|outlined|masked|"
                                 r"labelled|labeled|marked|shaded|coloured|colored|"
                                 r"(?:this|it|mask|region|segmentation)\s+is)(?:\s+(?:only|just))?)\s+(?:the\s+|a\s+)?"
                                 r"(?:patient'?s\s+)?$", re.I)


# ... or after it: "The right hippocampus is segmented", "the left kidney, outlined"
_SHOWN_AFTER = re.compile(r"\s*,?\s*(?:(?:is|was|has\s+been)\s+(?:\w+\s+)?)?(?:segmented|outlined|highlighted|masked|"
                          r"marked|delineated|contoured|selected)\b", re.I)
# "the left" standing for a sided structure named before it ("the right kidney ... and the left one")
_ELLIPSIS = re.compile(r"the\s+(?:left|right)\s+(?:one\b|only\b|has\b|have\b|is\b|lies\b|sits\b|does\b|[,.;]|and\b)", re.I)
# a place inside a sided structure: "The mask is clearly in the left knee", "So it's in the right hip?"
_IN_SIDED = re.compile(r"\b(?:in|within|inside|(?:confined|limited|restricted|locali[sz]ed)\s+to)\s+the\s+(?:patient'?s\s+)?"
                       r"(left|right)\s+(?:knee|hip|lung|kidney|breast|thigh|leg|axilla|armpit|calf|wrist|ankle|elbow|forearm|heel|jaw|"
                       r"arm|shoulder|eye|orbit|hemithorax|(?:cerebral\s+)?hemisphere|flank|groin|buttock|foot|hand|ear|hemipelvis|"
                       r"adrenal|ovary|testis|neck|chest|abdomen|pelvis|thalamus|basal\s+ganglia|cerebellar\s+hemisphere|(?:[a-z]+\s+)?fossa|"
                       r"(?:(?:medial|mesial)\s+)?(?:temporal|frontal|parietal|occipital)\s+lobe|(?:upper|middle|lower)\s+lobe|"
                       r"(?:anterior|middle|posterior)\s+cranial\s+fossa|parotid|maxillary\s+sinus)\b", re.I)


# a scoring category as a clause's subject
_CODE_SUBJECT = re.compile(r"\W*(?:(?:li|ti|bi|pi|o|c|lung)-?rads\s*|lr-?|tr\s*|bosniak\s+|grade\s+|stage\s+|category\s+|type\s+|levels?\s+|stations?\s+)"
                           r"(?:\d[a-c]?|[ivx]{1,4}|[a-e])\b(?:\s*(?:and|or|/)\s*\d)?\s+(?:is|are|means|covers|denotes)\b", re.I)
_SAID_OF_MASK = re.compile(r"\b(?:it|it'?s|they|they'?re|this|these|mask|region|segmentation|outline|target|finding|segmented|"
                           r"highlighted|outlined|masked)\b[^,;:]{0,30}$", re.I)


def _contained_side(sentence: str) -> list[tuple[int, Claim]]:
    """Said of the mask ("it is in the left knee"), not of another thing ("a cyst sits in the left kidney")."""
    return [(m.start(), Claim("side", m.group(1).lower(), text=m.group(0))) for m in _IN_SIDED.finditer(sentence)
            if _SAID_OF_MASK.search(sentence, max(0, m.start() - 40), m.start())]


def _named_side(sentence: str, mentions: list[Mention], lexicon: Lexicon) -> list[tuple[int, Claim]]:
    """'Only the right kidney is highlighted', 'Segmented the left kidney': naming a sided form of the target
    as what the mask shows claims that side (for a bilateral mask, a one-sided claim)."""
    out = []
    for x in mentions:
        start = x.start
        if not x.names:  # "Right adrenal lesions [SEG]" of bilateral adrenal nodules: a side word on an unsided target
            if lexicon.side is not None or _OTHER_SIDE_BEFORE.search(sentence, 0, x.start):
                continue
            before = _SIDE_WORD_BEFORE.search(sentence, 0, x.start)
            start = before.start() if before else start
        side = re.match(r"(left|right)[\s-]+(.+)$", sentence[start:x.end], re.I)
        if not (side and lexicon.target_re and lexicon.target_re.fullmatch(side.group(2))):
            continue
        if _NAMES_WHAT_IS_SHOWN.search(sentence[max(0, start - 60):start]) or _SHOWN_AFTER.match(sentence, x.end):
            out.append((start, Claim("side", side.group(1).lower(), text=sentence[start:x.end])))
    return out


# a side word right before a name; the second of two sides ("the left and right adrenal nodules") claims neither
_SIDE_WORD_BEFORE = re.compile(r"\b(left|right)[\s-]+$", re.I)
_OTHER_SIDE_BEFORE = re.compile(r"\b(?:left|right|both)\s*(?:and|or|&|/|,)\s*(?:(?:left|right)[\s-]+)?$", re.I)


# a question said in passing, then its answer after a colon or a dash
_ASKED_THEN_ANSWERED = re.compile(r"^(?:[\w' ]{1,20}:\s*)?(?P<asked>[^:?]{0,80}?\b(?:which|what)\s+(?:side|half|size)\b[^:?]{0,60}|"
                                  r"[^:?]{0,80}?\b(?:where\s+it|how\s+(?:many|big|large|much))\b[^:?]{0,60})"
                                  r"\s*[:\u2014]\s*(?P<answer>\S.*)$", re.I)


# what voters or readers agree on, with its value in brackets
_AGREED_VALUE = re.compile(r"\b(?:agree[sd]?|majority|consensus|vote[sd]?|settled|converge[sd]?)\s+on\s+(?:the\s+)?(side|laterality|"
                           r"size|count|position|area|depth)\s*(?:\(([^()]{1,30})\)|:\s*((?:[^();.]|\.(?=\d)){1,30}))|"
                           # "3/5 samples give medium for the size"
                           r"\b(?:give|gives|gave|say|said|report|reported|pick|picked|chose|choose)\s+(?P<value>[\w'% .-]{1,25}?)\s+"
                           r"for\s+the\s+(?P<key>side|laterality|size|count|position|area|depth)\b", re.I)


def _target_again(sentence: str, mentions: list[Mention], start: int, end: int) -> int:
    """Where a span about another thing ends early: at a clause that opens on the target ("an easy slip with this
    artefact: The tumour is medium-sized")."""
    return next((x.start for x in mentions if start < x.start < end and not x.names and
                 re.search(r"(?:[:;,]|\b(?:and|but|while|whereas))\s*(?:(?:the|this|these|its|their)\s+)?$", sentence[start:x.start],
                           re.I)), end)


def sentence_claims(sentence: str, record: SourceRecord, lexicon: Lexicon, context: str = "") -> list[Claim]:
    """The claims one sentence makes about the target (negated ones marked); `context` is the question
    the sentence answers, when it follows one."""
    if bare_assent(sentence, context):
        return []  # "Right." opening an answer to "Any textbook numbers?" assents; it names no side
    asked = _ASKED_THEN_ANSWERED.match(sentence) if not context else None
    if asked:  # "Vote: majority on which side it is on: both sides (2 of 3)": the value answers the question before it
        return sentence_claims(asked.group("answer"), record, lexicon, asked.group("asked") + "?")
    agreed = _AGREED_VALUE.search(sentence)
    if agreed:  # "2 of 3 tools agree on the side (right side)": the value agreed on, as a key and its value
        key, value = (agreed.group(1), agreed.group(2) or agreed.group(3)) if agreed.group(1) else \
            (agreed.group("key"), agreed.group("value"))
        return sentence_claims(read_sentence(f"{key.capitalize()}: {value.strip()}."), record, lexicon, "") + \
            sentence_claims(sentence[:agreed.start()] + sentence[agreed.end():], record, lexicon, context)
    if about_an_alternative(sentence, context, lexicon.names_target):
        return []
    topic = _TOPIC_LEAD.match(sentence)  # "Where I disagree is the position: it lies centrally." says what follows
    if topic and len(sentence) - topic.end() > 8:
        sentence = sentence[topic.end():]
    parts = premises(_addressed_to_patient(without_opinion(sentence)))
    if len(parts) > 1:
        return [c for part in parts for c in sentence_claims(part, record, lexicon, context)]
    sentence = parts[0]
    if asks_only(sentence) or about_other_things(sentence) or \
            (sentence.rstrip().endswith("?") and len(sentence.split()) <= 4 and not CLAUSE_VERB.search(sentence)):
        return []  # ("In the midline?": a phrase asked, nothing said)
    counted = bare_count(sentence, context)
    if counted:
        return [counted]
    answered = side_answer(sentence, context)
    if answered:  # "Left or right? Right, in patient terms.": the answer's first word is the side, no interjection
        return [Claim("side", answered.group(1).lower(), text=answered.group(0))] + \
            sentence_claims(sentence[answered.end():], record, lexicon, "")
    answer = answered_fragment(sentence, context)  # "Which side?" - "Both sides (bilateral)."
    if answer != sentence:
        return sentence_claims(answer, record, lexicon, "")
    offered = offered_from(sentence)
    mentions = lexicon.mentions(sentence)
    if _FRAGMENT_QUESTION.match(sentence) and not CLAUSE_VERB.search(sentence) and all(m.names for m in mentions) and \
            not _MASK_WORD.search(sentence):
        return []  # "And the bone at the back?", "And the left side?": asks about another thing, says nothing of the mask
    convention = convention_end(sentence, mentions)
    contrasted = _CONTRASTED.match(sentence)  # "Unlike a single midline structure, these are bilateral"
    contrasted = contrasted.end() if contrasted else 0
    mappings = side_mappings(sentence)  # "... and the patients left is on the screens right"
    axes = axis_mappings(sentence)  # "image top is anterior on an axial slice, and I read the mask that way"
    asks_depth = bool(_ASKS_DEPTH.search(context)) and not ASKS_SIDE.search(context)  # "Ant. or post.?"
    located = _side_claims(sentence, record.orientation, mentions, asks_depth) + _contained_side(sentence)
    located += position_claims(sentence, mentions, record.orientation)
    located += absolute_claims(sentence, mentions, record.orientation) + central_claims(sentence, asks_depth)
    located += [(pos, c) for pos, c in _size_claims(sentence, context) if c.kind != "percent" or not any(  # "40% of the
        x.names and re.fullmatch(r"[^\s]*\s+of\s+(?:the\s+|its\s+|their\s+)?", sentence[pos + len(c.text):x.start], re.I)
        for x in mentions if x.start > pos)]  # lung is hidden behind the heart on a film": a share of another structure
    if not _PER_SIDE.match(sentence):  # "RIGHT: one part." counts the pieces on one side, not the whole mask
        located += _count_claims(sentence, lexicon)
    located = unrepaired(sentence, comparatives(sentence, mentions, located))  # "on the left sorry on the right"
    located = without_others_amounts(sentence, located)
    bands = [m.span() for m in re.finditer(r"\([^()]{8,160}\)", sentence) if states_thresholds(m.group(0)[1:-1])]
    located = [(pos, c) for pos, c in located if not any(a <= pos < b for a, b in bands)]  # "(under 1% small, 1-5% medium)"
    negations = negated_spans(sentence)
    compared = [m.end() for m in re.finditer(r"\bthan\b", sentence, re.I)]
    out = []
    reported, voiced = reported_span(sentence), set()  # "my dictation first said left-sided; it is the right": not both
    named = _named_side(sentence, mentions, lexicon)
    not_placing = sides_of_other_things(sentence)
    # "Two slices up it splits into three pieces", "On the prior study ...", "NG tube passing below the diaphragm, tip
    # in the gastric fundus ..." (a device's words, unless the device is the target)
    other_slices = elsewhere_spans(sentence) + [(a, _target_again(sentence, mentions, a, b)) for a, b in device_spans(sentence)
                                                if not any(x.start <= a < x.end and not x.names for x in mentions)]
    for pos, claim in located + named:
        if any(a <= pos < b for a, b in other_slices):
            continue
        if claim.kind in ("side", "midline") and any(a <= pos < b for a, b in not_placing):
            continue  # where a symptom is felt ("cramps that felt worse on my right"); a relation's frame ("..., meaning your right")
        if pos < convention or pos >= offered or not asserted(sentence, pos) or pos < contrasted or \
                (claim.kind == "side" and any(a <= pos < b for a, b in mappings)) or \
                (claim.kind == "vertical" and any(a <= pos < b for a, b in axes)):
            continue  # conditional, possible, generic, reported: not a statement about the target here
        if claim.kind == "side" and _ELLIPSIS.match(sentence, max(0, pos - 4)) and \
                (any(re.match(r"(?:left|right)\b", sentence[x.start:x.end], re.I) for x in mentions if x.end <= pos)
                 or re.search(r"\bthe\s+(?:left|right)\s+one\b", sentence[:pos], re.I)):
            continue  # "The right lung (the right one) has three lobes and the left only two": the left lung, by ellipsis
        if claim.kind in ("side", "vertical") and any(c < pos for c in compared):
            continue  # "closer to the back than to the front": what follows 'than' is the comparison's other end
        if claim.kind == "size" and _PHYSICAL.search(sentence, max(0, pos - 40), pos + 50):
            continue  # "One of the others is tiny, about 5 mm", "6 mm, tiny": a physical size, not the mask's image share
        owned = _POSSESSION.search(sentence, 0, pos)
        if claim.kind in ("side", "vertical", "midline") and owned and not _REGION_NOUN.search(sentence, owned.end(), pos):
            continue  # "It has a head in the C-loop on the right": the place of a part it has, not of the mask
        if _CODE_SUBJECT.match(sentence, _clause_start(sentence, pos)):
            continue  # "LR-3 is intermediate", "TR4 is moderately suspicious": a category's meaning, not the mask
        if claim.kind == "relation" or (pos, claim) in named or about_target(mentions, sentence, pos):
            if claim.kind == "side" and not claim.qualifier and _PART_SUBJECT.match(sentence, _clause_start(sentence, pos)):
                claim = Claim("side", claim.value, claim.other, "part", claim.text)  # one part of the mask
            if is_negated(negations, pos) and not claim.text.lower().startswith("neither"):  # ("neither high nor low": central)
                claim = Claim(claim.kind, claim.value, claim.other, claim.qualifier, claim.text, negated=True)
            out.append(claim)
            if reported[0] <= pos < reported[1]:
                voiced.add(id(claim))
    rows = ROW_DIRECTION.get(record.orientation[1:2] if record.orientation else None, ())
    if rows:  # "low in the abdomen" on an axial slice: another axis than the picture's rows, which facts measure
        out = [c for c in out if c.kind != "vertical" or c.value in (*rows, "central")]
    if any(c.kind == "side" for c in out) and _NO_SIDE_SAID.search(sentence):
        # "on either the left or the right", "between the left and the right": an alternative or a span, no side
        spans = [m.span() for m in _NO_SIDE_SAID.finditer(sentence)]
        out = [c for c in out if c.kind != "side" or not any(a <= sentence.find(c.text, a) < b for a, b in spans
                                                            if c.text and sentence.find(c.text, a) >= 0)]
    if context and (side_mappings(context) or convention_end(context, lexicon.mentions(context))) and \
            not (any(not x.names and x.start < 40 for x in mentions) or _MASK_WORD.search(sentence[:40])):
        # "Which side of the screen shows ...? The right." (but "... ? The tumour is left-sided." places the target)
        out = [c for c in out if c.kind not in ("side", "midline")]
    if _VERBLESS_BOUND.match(sentence) and not _VERB.search(sentence) and not _ASKS_AMOUNT.search(context or ""):
        out = [c for c in out if c.kind not in ("size", "percent", "pixels")]  # "Yes, 5% of the image or more.": a threshold
    if context and _DEFINES_SIZE.search(context):
        out = [c for c in out if c.kind not in ("size", "percent", "pixels")]  # "What would make it large? Over 5%."
    sides = {c.value for c in out if c.kind == "side" and not c.negated and c.value != "one-sided" and id(c) not in voiced}
    both = [m for rx in (_BOTH_SIDES, _LEFT_AND_RIGHT) for m in rx.finditer(sentence, struck_end(sentence))
            if not is_negated(negations, m.start()) and about_target(mentions, sentence, m.start())
            and asserted(sentence, m.start())  # ("My first pass said bilateral, but on a second look it is left-sided")
            and not any(x.names and 0 <= m.start() - x.end <= 12 and _PLACE_GAP.fullmatch(sentence, x.end, m.start())
                        for x in mentions)
            and not _SIDES_AS_SUBJECT.match(sentence, m.end())]  # "Both sides have a matching structure, but ..."
    # ("nothing on the other side" denies the other side; "the right atrium, on the other side," is the atrium's)
    if sides == {"left", "right"} or (sides and both):
        balanced = _BALANCED.search(sentence)
        if any(c.kind == "midline" and not c.negated for c in out) or balanced:
            # "It straddles the midline, with about as much of it on the left as on the right": the halves of one
            # span; the balance alone holds for a midline and a two-sided mask alike, not for a one-sided one
            out = [c for c in out if c.kind != "side"] + ([Claim("side", "one-sided", text=balanced.group(0), negated=True)]
                                                          if balanced and "midline" not in {c.kind for c in out} else [])
        else:
            out = [c for c in out if c.kind != "side"] + [Claim("side", "bilateral", text=sentence[:40])]
    return out


# a clause about one part of the mask: "The part on the image's right is the patient's left one", "one of them"
# ("the region" alone is the whole mask: "The region lies only on the patient's right")
_PART_SUBJECT = re.compile(r"\s*(?:(?:one|each|either|another|a|the|its)\s+(?!(?:coloured|colored|highlighted|marked|shaded|"
                           r"outlined|segmented|masked)\s+part\b)(?:[\w'-]+\s+){0,2}?"
                           r"(?:part|piece|component|portion|segment|blob|island|half)s?\b|"
                           r"(?:the\s+)?(?:larger|smaller|bigger|biggest|largest|smallest|other|second|first)\s+one\b|"
                           r"(?:(?:one|each|either|another|a)\s+(?:[\w'-]+\s+){0,2}?|(?:the|its)\s+(?!(?:segmented|highlighted|masked|"
                           r"outlined|marked|labell?ed|shaded|whole|entire|target|selected|delineated|contoured)\b)"
                           r"(?:[\w'-]+\s+){1,2}?)(?:region|lobe|focus)\b|(?:the|its)\s+(?:regions|lobes|foci)\b|one\s+of\s+(?:them|the|its)\b)", re.I)


def _clause_start(sentence: str, pos: int) -> int:
    return max([0] + [b.end() for b in BOUNDARY.finditer(sentence, 0, pos) if b.group(0) in (",", ";", ":")])


def extract_claims(text: str, record: SourceRecord, knowledge=None, lexicon: Lexicon | None = None) -> list[Claim]:
    """The checkable claims that `text` makes about the record's target."""
    from .lexicon import lexicon_for

    lexicon = lexicon or lexicon_for(record, knowledge)
    return [c for s in sentences(text) for c in sentence_claims(s, record, lexicon)]
