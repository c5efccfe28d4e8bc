"""Side claims: where a sentence puts something on a patient side or in the midline (used by `claims`).

A side word counts when it is said of where something lies: after a preposition ("on the patient's left"),
as a fragment or list item ("Right side.", "kidney, left only, posterior"), as "-sided", as a body region
("the left upper quadrant"), or in a question that asserts it ("which organ on the left ..."). It claims
nothing inside a structure's name ("the left renal vein"), as a direction ("extends toward the left"), as
the subject of its clause ("the left side of the image is darker"), said of the object of a preposition
("behind the organ on the left"), or of "your" side. A side of the picture is turned into a patient side
with the record's orientation; "unilateral" / "on one side only" is a one-sided claim.
"""

from __future__ import annotations

import re

from .amounts import IMAGE as _IMAGE
from .claim import Claim
from .lexicon import Mention
from .modality import clause_span
from .revisions import REPAIR

_OTHER_SIDE = {"left": "right", "right": "left"}
BODY = r"(?:body|abdomen|patient|chest|pelvis|trunk|midline|thorax|neck|head|abdominal cavity|torso|brain|skull|cranium|face|jaw)"
# the picture as a surface (not the anatomy cut): "on this slice" is where the writer looks, not a frame for sides
PICTURE = r"(?:image|picture|photo(?:graph)?|screen|display|monitor|viewer|film|frame|field of view)"
# the extent or direction of something ("extends toward the left"), not where it lies
DIRECTION = re.compile(r"\b(?:convex|concave|extend\w*|reach\w*|cross\w*|wrap\w*|hug\w*|encircl\w*|envelop\w*|span\w*|stretch\w*|taper\w*|project\w*(?!\s+(?:(?:only|mostly|entirely|largely|mainly|chiefly)\s+)?(?:on|over|to|onto)\s)|across|point(?:s|ing|ed)|"
                        r"direct(?:s|ed|ing)|fac(?:es|ing)|curv\w*|turn\w*|angl\w*|orient(?:s|ed|ing)|tilt\w*|swing\w*|sweep\w*|"
                        r"drain\w*|flow\w*|radiat\w*|through(?=\s+to\b|\s*$)|refer(?:s|red|ring)?|spread\w*|travel\w*|shoot\w*|mov(?:e|es|ing)|hurt\w*|bor(?:es|ing)|"
                        r"run(?:s|ning)?|cours(?:e|es|ing)|(?:ascend|descend)\w*(?!\s+(?:colon|aorta|mesocolon|limb|loop|part|segment)\b)|"
                        r"head(?:s|ing)\s+(?:up|down|toward|towards)|"
                        r"shr[iu]nk\w*|trimm\w*|expand\w*|grown|enlarg\w*|"  # a margin "shrunk to 3 mm posteriorly"
                        r"(?:thin|thicken|widen|broaden)(?:s|ing)(?:\s+out)?(?=\s+(?:(?:toward|towards|to)(?:\s+the)?\s*)?$))\b"  # its form: "thins toward the front"
                        # (up to a second predicate: "spans the body and is located to the right")
                        r"(?:(?!\band\s+(?:it\s+|they\s+)?(?:is|are|lies|lie|sits|sit|located)\b)[^;])*$", re.I)
_OBJECT_NP = re.compile(r"\b(?:of|to|at|behind|from|near|beside|than|between|toward|towards|past|around|under|beneath|"
                        r"below|above|over|along|within|inside|into)\s+"
                        r"(?:the|a|an)\s+((?:[\w'-]+,?\s+){1,5}?)(?:on|in)\s+the\s+(?:patient'?s\s+)?$", re.I)
# "the right and left common iliac arteries": two sides coordinated before a noun name two structures
# a wall of the lumen an endoscope looks down, on its own or of a hollow organ: "on the right wall", "towards the anterior
# wall of the cap" (where the target lies in the lumen; "the left wall of the heart" is another thing's part)
LUMEN_WALL = (r"(?:\s+(?:and|&)\s+(?:the\s+)?(?:left|right|anterior|posterior))?\s+walls?\b(?!\s+of\s+(?!(?:the\s+)?(?:lumen|"
              r"oesophagus|esophagus|gullet|stomach|duodenum|duodenal\s+cap|cap|bulb|rectum|colon|bowel)\b))")
_COORDINATED_MODIFIER = re.compile(r"\s+(?:and|or|&)\s+(?:the\s+)?(?:left|right)\s+(?!(?:sides?|halves|half|parts?|aspects?|"
                                   r"portions?|walls?|hand|of|and|or|only|too|also|alike|respectively|equally|rather|instead|not|but|than|both|as|with|in|on|"
                                   r"at)\b)[a-z]", re.I)
_VERBISH = re.compile(r"\b(?:and|or|which|that|who|lies|lie|sits|sit|is|are|was|found|located|seen|it|its)\b", re.I)


def _modifies_object(before: str) -> bool:
    """'in front of the bean-shaped organ on the patient's left': the side phrase modifies the object of a
    preposition (another structure), not the clause's subject."""
    m = _OBJECT_NP.search(before)
    return bool(m) and not _VERBISH.search(m.group(1))


_YOUR_ORGAN = re.compile(r"\byour\s+(?!(?:screen|monitor|display|image|picture|view|scan|slice|own|left|right)\b)[a-z]{3,}",
                         re.I)
_DISPLAY = re.compile(r"\b(?:screen|on-screen|display\w*|monitor|viewer)\b|\b(?:image|picture|scan|slice|film|frame)\s+"
                      r"(?:shows?|showed|puts?|places?|depicts?|renders?|presents?)\b", re.I)


def _display_frame(sentence: str, pos: int, before: str) -> bool:
    """'even though the screen shows it on the left': a side word in a clause that speaks of the display,
    and not of the patient, is a side of the picture."""
    start, end = clause_span(sentence, pos)
    return bool(_DISPLAY.search(sentence[start:end])) and not re.search(r"patient'?s?\s+(?:far\s+)?$", before)


_SUBJECT_SIDE = re.compile(r"[\s-]+(?:hand\s+)?(?:side|half|part|portion|aspect|edge|hemi-?pelvis|hemithorax|chest|"
                           r"thorax|pelvis|abdomen|flank|hemisphere|(?:upper|lower)\s+quadrant)\b[^.;]*?\b(?:is|are|was|were|"
                           r"looks?|shows?|appears?|seems?|contains?|has|have|remains?|controls?)\b", re.I)
_DENIES = re.compile(r"\b(?:free|clear)\s+of\b|\bspared\b|\buninvolved\b|\bnothing\b|\bno\b|\bnot\b|n't\b", re.I)


def _side_is_subject(sentence: str, pos: int, after: str) -> bool:
    """A side that is the subject of its clause ("the left side of the image is darker", "the right
    half looks clear") is what the clause describes; unless the clause denies something there ("the
    left side is free of it", read as a denial by the negation rules), it says nothing about the target."""
    start = clause_span(sentence, pos)[0]
    return bool(re.fullmatch(r"\s*(?:the\s+)?(?:patient'?s\s+)?", sentence[start:pos], re.I)) and \
        bool(_SUBJECT_SIDE.match(after)) and not _DENIES.search(after)


_FRAGMENT_BEFORE = re.compile(r"\s*(?:unilateral\w*,?\s+)?(?:(?:(?:it|this)\s+)?(?:lies|sits|is\s+located|is\s+situated|located|"
                              r"situated)\s+)?"
                              r"(?:(?:the\s+)?patient'?s\s+)?")
_FRAGMENT_AFTER = re.compile(r"(?:[\s-]+(?:hand\s+)?sided?(?:\s+of\s+(?:the\s+)?(?:patient|body))?)?(?:\s+only)?"
                             r"(?:\s*\([^()]*\))?"  # "Side: left only (patient's frame)", "Laterality: left, as far as I can tell."
                             r"(?:,\s*(?:as\s+far\s+as\s+i\s+can\s+(?:tell|see)|i\s+(?:think|believe)|probably|most\s+likely|likely|"
                             r"i'?d\s+say|on\s+this\s+(?:slice|image)))?"
                             r"(?:,?\s+not\s+(?:the\s+)?(?:left|right)(?:[\s-]+sided)?)?"  # "Lt, not Rt."
                             # "Located right, i.e. image left on this PA film": where the picture shows it
                             r"(?:,?\s*(?:i\.?e\.?,?|that\s+is,?|=|so)?\s*(?:the\s+)?(?:image|screen|film|picture|display)(?:'?s)?\s+"
                             r"(?:left|right)(?:\s+side)?(?:\s+on\s+(?:this|the|a|an)\s+[\w -]{1,30})?)?"
                             r"(?:,?\s+(?:since|because)\s+(?:it|they)\b[^.;]*)?\s*[.!;,]?\s*")  # "... since it shows on the right of the screen"
_LEADING_FRAGMENT = re.compile(r"(?:[\s-]+(?:hand\s+)?sided?(?:\s+only)?|\s+only)\s*[,;]")  # never "Right, so ..."
# a sentence's lead phrase before its subject ("Looking across the body, it ...")
_LEAD = re.compile(r"\s*(?!(?:it|this|these|they|the|its)\b)[^,;]{1,40},\s*(?=(?:it|this|these|they|the)\b)", re.I)


# a side standing alone between the separators of a descriptor list ("Imaging: kidney, left only, posterior")
_LIST_ITEM_BEFORE = re.compile(r"[,;:]\s*(?:(?:the\s+)?patient'?s\s+)?$", re.I)
_LIST_ITEM_AFTER = re.compile(r"(?:[\s-]+(?:hand\s+)?sided?)?(?:\s+only)?\s*(?:[,;]|\.?\s*$)", re.I)
_ONE_SIDED = re.compile(r"\b(?:unilateral(?:ly)?|one-sided|(?:on|to)\s+(?:only\s+|just\s+)?one\s+side(?:\s+only)?(?!\s+of)|"
                        r"(?:only|just)\s+(?:on|to)\s+one\s+side|confined\s+to\s+one\s+side)\b", re.I)


_PART_EACH_SIDE = re.compile(r"\bthere\s+(?:is|are)\s+(?:a|one)\s+(?:separate\s+|distinct\s+)?(?:part|piece|component|portion|region|"
                             r"lobe|blob)\s+(?:on|in)\s+(?:each|either)\s+side\b", re.I)
# the nouns of "is a bilateral finding" and "is a midline thing": the target called a kind of thing by its side
_KIND_OF_THING = r"(?:finding|process|lesion|abnormality|collection|mass|disease|structure|pattern|one|thing)"
_BILATERAL_THING = re.compile(r"\b(?:is|are)\s+(?:a\s+)?bilateral\s+" + _KIND_OF_THING + r"s?\b", re.I)
_MIDLINE_WORD = re.compile(r"\bmidline\b|\bneither\s+(?:left|right)\b|\b(?:off|to)\s+(?:either|one)\s+side\b", re.I)
_TWO_SIDED = re.compile(r"\b(?:(?:is|are|looks|appears|seems)\s+(?:not\s+)?(?:clearly\s+|truly\s+)?(?:(?:present|seen|found|located|distributed|visible|"
                        r"noted|situated)\s+)?bilateral(?:ly)?(?!\s+(?!(?:here|too|again|on\s+this)\b)\w)|"
                        r"\b(?:(?:there\s+is|there's|with)\s+one\s+(?:on|in)|(?:is|are)\s+one\s+(?:(?:on|in)\s+)?)\s*(?:each|either)\s+side"
                        r"(?=\s+of\s+the\s+(?:body|patient|midline|spine)\b|\s*[.,;!]|\s*$)|"
                        r"\bboth\s+(?:sides|hemithoraces|lungs|kidneys|breasts|hemispheres|lobes)(?:\s+of\s+(?:the|your|his|her)\s+(?:patient|body|chest|"
                        r"abdomen|pelvis|brain|head|neck))?\s+(?:are|were)\s+(?:involved|affected)\b|"
                        r"\b(?:shows?|turns?)\s+up\s+on\s+both\s+sides\b|\b(?:find|see)\s+(?:it|them)\s+on\s+both\s+sides\b|"
                        r"\b(?:is|are|lies|lie|sits|sit|located|found|present|seen)\s+in\s+both\s+(?:of\s+(?:the|his|her|their|your|my)\s+)?(?:(?:cerebral|cerebellar)\s+)?(?:lungs|kidneys|hemispheres|breasts|ovaries|"
                        r"adrenals|adrenal\s+glands|hemithoraces|hemithoraxes|thalami|hippocampi|parotids)\b|\b(?:so|i\.e\.|that\s+is|namely),?\s+(?:on|in)\s+both\s+sides\b|(?:involves?|affects?|spans?|covers?|straddles?)\s+both\s+sides\b|"
                        r"\b(?:mask|tissue|signal|involvement|disease)\s+on\s+(?:each|either|both)\s+sides?\s+of\s+the\s+midline\b|"
                        r"(?:is|are|lies|lie|sits|sit|located|situated|found)\s+(?:on|in|across)\s+(?:both|the\s+two)\s+halves\s+of\s+the\s+"
                        r"(?:picture|image|slice|screen|scan|film)\b|"
                        r"\b(?:has|have|with)\s+(?:parts|pieces|components|portions|regions)\s+on\s+(?:each|either|both)\s+sides?\b|"
                        r"(?:is|are|lies|lie|sits|sit|located|situated|found|present|seen|visible)\s+(?:on|in|at)\s+(?:both\s+sides(?:\s+of\s+(?:(?:the|your|his|"
                        r"her|my)\s+(?:body|patient|midline|abdomen|chest|pelvis|spine|neck)|me|you|him|her))?(?!\s+of\b)|"
                        r"(?:each|either)\s+side\s+of\s+the\s+(?:midline|spine|body)\b)|"
                        # "There's some on both sides of your body"
                        r"\bthere(?:'s|\s+is|\s+are)\s+(?:some|parts?|pieces?|bits?)\s+(?:of\s+(?:it|them)\s+)?on\s+both\s+sides\b)", re.I)


def _image_to_patient(side: str, orientation: str | None) -> str | None:
    if not orientation or orientation[0] not in "LR":
        return None
    image_right = "left" if orientation[0] == "L" else "right"
    return image_right if side == "right" else _OTHER_SIDE[image_right]


_DENIED_SIDE = re.compile(r"\b(?:rather\s+than|not|instead\s+of|neither|nor|than)\b[^.;]*$", re.I)
_OTHER_AXIS = re.compile(r"[\s\w]{0,25}?\b(?:axis|direction|front[\s-]+to[\s-]+back|anteroposterior|craniocaudal\w*|a-?p|"
                         r"vertical\w*|top[\s-]+to[\s-]+bottom|depth)\b", re.I)

# what may stand before "the left hemisphere" when it says where the target is
_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|on|within|inside|into|at|to|toward|towards|across|throughout|over|of|occupies|"
                              r"occupying|fills?|filling|lies|lie|sits|sit|is|are|located|situated|found|seen)\s+"
                              r"(?:the\s+|this\s+|its\s+)?(?:patient'?s\s+|patients'\s+)?(?:far\s+)?|^\W*)$", re.I)
# a sentence led by the axis it speaks of: "Along that axis, it sits about centrally" ("Front to back, ..." reaches
# here as "along that axis", see `shorthand`), "Anteroposteriorly, ..."
_AXIS_LEAD = re.compile(r"\s*(?:along\s+(?:that|this|the\s+\w+)\s+axis|anteroposteriorly|craniocaudally|in\s+depth|"
                        r"as\s+for\s+(?:depth|height)(?:\s+or\s+(?:depth|height))?|"
                        r"depth[\s-]+wise|vertically)(?:\s*,|\s+(?=it\b|they\b|the\b))", re.I)

# discourse words opening a sentence: "Okay, right, so the outline ...", "Right, right, so ...", "Well, right, ..."
_INTERJECTION = r"(?:okay|ok|well|so|right|yes|yeah|yep|oh|ah|alright|all\s+right|sure|exactly|now|good|great|fine|hmm|indeed)"
_INTERJECTIONS = re.compile(rf"^\s*{_INTERJECTION}\s*[,!\u2014-]+\s*(?:{_INTERJECTION}\s*[,!\u2014-]+\s*)+", re.I)
# ... or one before a clause of its own: "Right, gather round.", "Right, let's look at the kidney."
# ("Chair (Dr McBride): Right, Ms Ferreira.": after a speaker's label, before a name or a thank-you)
LONE_INTERJECTION = re.compile(r"^\s*(?:[A-Z][\w .()'-]{0,40}:\s*)?(?:right|okay|ok|alright|well)\s*[,!]\s*(?=(?:gather|let'?s|let\s+me|"
                               r"look|come|listen|now|so|first|then|we|you|i|everyone|everybody|folks|team|class|here|this|today|"
                               r"mr|mrs|ms|miss|dr|prof|professor|thanks|thank|next|moving)\b)", re.I)


# pieces counted by side: "two on the left and one on the right", "one in the left hemisphere, one in the right"
_BY_SIDE = re.compile(r"\b(?:one|two|three|four|five|six|\d+)\s+(?:\w+\s+)?(?:on|in)\s+the\s+(?:patient'?s\s+)?(left|right)"
                      r"(?:\s+\w+)?\s*(?:,|and)\s*(?:and\s+)?(?:one|two|three|four|five|six|\d+|the\s+other|another)\s+(?:\w+\s+)?"
                      r"(?:on|in)\s+the\s+(?:patient'?s\s+)?(?!\1)(?:left|right)\b|"
                      # "They are paired, one on each side" (not "Unlike the jugular veins, one on each side, ...")
                      r"\b(?:they|these)\b[^.;]{0,30}?\bone\s+(?:on|in)\s+(?:each|either)\s+side\b", re.I)
# a comparison's lead ("relative to the stomach"), and the words that may stand before its structure ("the neighbouring")
RELATIVE_TO = r"(?:relative\s+to|compared\s+(?:with|to)|in\s+relation\s+to|with\s+respect\s+to)"
NEIGHBOURING = r"(?:neighbouring|neighboring|adjacent|nearby|nearest)"
_RELATIVE_TO = re.compile(rf"\b{RELATIVE_TO}\b", re.I)
# words after "right-sided" that are no noun of another thing ("right-sided and small", "left-sided structure")
_NOT_A_NOUN = frozenset("and or but with in on at of to from the a an only here there not rather than as while so because "
                        "since though although structure organ lesion region mass finding abnormality collection component "
                        "part area focus one ones gland nodule tumour tumor cyst effusion process disease involvement "
                        "location position placement site predominance dominance".split())
_ADJECTIVE = re.compile(r"[a-z-]+(?:ic|al|ous|ar|ive|ed|ent|ant|ile|ish|less|ful)|dense|solid|soft|hard|round|oval|large|small|big|"
                        r"tiny|bright|dark|low|high|thin|thick|well-defined|ill-defined", re.I)
# a limb or joint imaged on its own, whose side is not where the target lies in the picture ("your right knee")
_LIMB_AFTER = re.compile(r"[\s-]+(?:knee|shoulder|elbow|wrist|ankle|foot|finger|thumb|toe|arm|leg|"
                         r"hand(?![\s-]*(?:one|ones|side|sided|half|part|portion|edge|column|corner)\b))s?\b", re.I)
# "not only at the left", "It isn't just on the left or just on the right": not confined to one side
_NOT_ONLY_SIDE = re.compile(r"(?:\bnot|n't)\s+(only|just|solely|exclusively|purely|entirely)\s+(?:at|on|in|to)\s+the\s+(?:patient'?s\s+)?"
                            r"(?:left|right)\b(?:\s+or\s+(?:only\s+|just\s+|solely\s+)?(?:(?:at|on|in|to)\s+)?(?:the\s+)?"
                            r"(?:patient'?s\s+)?(?:left|right)\b)?(?![^.;]*\bbut\b)", re.I)
_OPPOSITE_BEFORE = re.compile(r"\bopposite(?:\s+side)?\s+(?:from|to|of)\s+(?:the\s+)?(?:\w+'s\s+)?(?:far\s+)?$", re.I)
_GIVEN_SIDE = re.compile(r"^\W*(?:given|since|as|because)\s+(?:it'?s\s+|it\s+is\s+|they'?re\s+|they\s+are\s+)?(?:the\s+)?"
                         r"(?:patient'?s\s+)?(left|right|midline|bilateral)(?:[\s-]+sided)?\s*,", re.I)
_SYMPTOM_AFTER = re.compile(r"[\s-]+(?:hand[\s-]+)?(?:sided\s+)?(?:(?:arm|leg|face|facial|body|limb|hand|sided|(?:upper|lower)\s+quadrant|"
                            r"iliac\s+fossa|flank|loin|groin|chest|abdominal|pelvic|hip|calf|neck|breast|testicular|scrotal)\s+)?"
                            r"(?:weakness|numbness|hemiparesis|hemiplegia|paralysis|palsy|neglect|tingling|clumsiness|sensory\s+loss|"
                            r"deficit|droop|hemianopia|symptoms?|signs?|headache|pain|ache|tenderness|discomfort|fullness|"
                            r"swelling|guarding|colic|claudication)\b", re.I)


def side_claims(sentence: str, orientation: str | None, mentions: list[Mention],
                asks_depth: bool = False) -> list[tuple[int, Claim]]:
    """Claims that put something on a patient side or in the midline, with their positions. A side word
    inside a structure's name ('the left renal vein', 'the right kidney') claims nothing; `asks_depth` says the
    sentence answers a question about the front-back or up-down axis, which "centrally" then answers."""
    claims: list[tuple[int, Claim]] = []
    image_claims: list[tuple[int, Claim]] = []
    opening = _INTERJECTIONS.match(sentence) or LONE_INTERJECTION.match(sentence)
    not_only = list(_NOT_ONLY_SIDE.finditer(sentence))  # "not only at the left": not confined to one side
    claims += [(m.start(1), Claim("side", "one-sided", text=m.group(0))) for m in not_only]
    by_side = list(_BY_SIDE.finditer(sentence))  # "two on the left and one on the right": both sides
    claims += [(m.start(), Claim("side", "bilateral", text=m.group(0))) for m in by_side  # (and "one in the midline":
               if not re.match(r"[^.;]{0,40}\b(?:midline|centre|center|middle)\b", sentence[m.end():])]  # bilateral or midline)
    read_whole = not_only + by_side  # their side words are read as a whole, not one by one
    for m in re.finditer(r"\b(left|right)\b", sentence, re.I):
        if any(x.start <= m.start() < x.end for x in mentions) or (opening and m.end() <= opening.end()) or \
                any(n.start() <= m.start() < n.end() for n in read_whole):
            continue
        side, before = m.group(1).lower(), sentence[max(0, m.start() - 40):m.start()].lower()
        after = sentence[m.end():m.end() + 60].lower()
        prep = re.search(r"(?:\b(?:on|in|to|toward|towards|at|onto|along|over|occupies|occupying|of|the)\s+(?:both\s+)?(?:the\s+)?"
                         r"(?:patient'?s\s+|patients'\s+)?(?:far\s+|extreme\s+)?|\bpatient'?s\s+|\bpatients'\s+|\bpatient-)$",
                         before)
        if not prep and _RELATIVE_TO.search(sentence) and not re.match(r"\s+than\b", after):
            # "Relative to the stomach, it is further left": a relation to the stomach (see claims)
            prep = re.search(r"\b(?:is|are|lies|lie|sits|sit)\s+(?:further|farther|more)\s+$", before)
        lead = _LEAD.match(sentence)  # "Looking across the body, it lies on the left": the lead is no direction
        # (nor is what a speaker repaired: "across the midline sorry on the patient's right")
        repair = max((r.end() for r in REPAIR.finditer(sentence, 0, m.start())), default=0)
        if DIRECTION.search(sentence[max(lead.end() if lead and lead.end() <= m.start() else 0, m.start() - 80, repair):m.start()]):
            continue  # the extent or direction of something ("extends toward the left"), not where it lies
        if _modifies_object(sentence[:m.start()]) or _COORDINATED_MODIFIER.match(sentence, m.end()):
            continue
        if re.search(rf"\b{side}\s+(?:side\s+)?of\s+(?:the\s+)?[\w\s-]{{2,40}}(?:\(|,)\s*(?:i\.e\.\s*|the\s+)?patient'?s\s+$",
                     sentence[max(0, m.start() - 80):m.start()], re.I):
            continue  # "on the left of the vena cava (patient's left)": the frame of the relation, not the target's side
        rel = re.match(rf"(?:[\s-]+side)?\s+{RELATIVE_TO}\s+(?:the\s+)?(?:{NEIGHBOURING}\s+)?", sentence[m.end():], re.I)
        if rel and any(x.names and x.start == m.end() + rel.end() for x in mentions):
            continue  # "on the patient's right relative to the heart": a relation (see claims)
        if re.search(r"\b(?:opposite|other|contralateral)\s+\($", before) or _LIMB_AFTER.match(after):
            continue  # "the opposite (right) hippocampus", "the inner cushion of your right knee": another thing's side
        if _SYMPTOM_AFTER.match(after):
            continue  # the side of a symptom ("sudden right-sided weakness"), which the lesion may not share
        if re.search(r"\byour\s+(?:own\s+|far\s+)?$", before):
            continue  # "your left": the viewer's (a tutor at a screen) or the patient's (a letter to them)
        hedged = "hedged" if re.search(r"\b(?:slightly|just|a little|marginally|mildly|a bit)\b", before) else ""
        claim = Claim("side", side, qualifier=hedged, text=m.group(0))
        if re.search(r"\bonly\s+(?:on\s+)?(?:the\s+)?(?:patient'?s\s+)?$", before) and \
                re.match(r"[\s-]+(?:hand\s+)?(?:one|side|half|part|portion|component)\b", after):
            claims.append((m.start(), claim))  # "only the right-hand one is outlined": one side, not both
            continue
        if _FRAGMENT_BEFORE.fullmatch(before) and (_FRAGMENT_AFTER.fullmatch(after) or (
                not before.strip() and _LEADING_FRAGMENT.match(after))):  # "Left only, no contralateral part."
            claims.append((m.start(), claim))  # a fragment: "Right side." / "Patient's left only." / "It lies left."
            continue
        if _LIST_ITEM_BEFORE.search(sentence, 0, m.start()) and _LIST_ITEM_AFTER.match(sentence, m.end()):
            claims.append((m.start(), claim))  # an item of a descriptor list: "kidney, left only, posterior, ..."
            continue
        if _side_is_subject(sentence, m.start(), after):
            continue  # "the left side of the image is darker": the clause is about that side, not the target
        asks = re.search(r"\b(?:which|what)\s+([a-z]+)\s+(?:on|in)\s+the\s+(?:patient'?s\s+)?$", before)
        if asks and ("?" in sentence or not asks.group(1).endswith("s")) and \
                not re.match(r"[\s-]+(?:hand\s+)?(?:side|half)\s+of\s+(?!(?:the\s+)?" + BODY + r"\b)", after):
            claims.append((m.start(), claim))  # "which organ on the left ...?"
            continue
        if re.search(r"\b(?:left|right)\s+(?:and|&|or)\s+$", before) and claims and \
                claims[-1][0] >= m.start() - len(before):
            claims.append((m.start(), claim))  # "the left and right sides": coordinated with the claim before
            continue
        of_body = re.match(rf"[\s-]+(?:hand\s+)?(?:side|half|part|portion)\s+of\s+(?:the\s+)?(?:patient'?s\s+)?{BODY}\b", after)
        # "the patient's left", or a side said of "your appendix" (the reader's own body) even "in this picture"
        said_of_patient = re.search(r"\bpatient'?s?\s+(?:far\s+)?$", before) or \
            _YOUR_ORGAN.search(sentence, clause_span(sentence, m.start())[0], m.start())
        anatomical = re.match(r"\s+of\s+(?:the\s+)?midline\b|[\s-]+(?:hemithorax|hemisphere|hemi-?abdomen|hemi-?pelvis|"
                              r"hemidiaphragm|(?:upper|lower)\s+quadrant|flank|iliac\s+fossa)\b", after)
        on_image = not of_body and not said_of_patient and not anatomical and (
            _display_frame(sentence, m.start(), before) or re.search(rf"\b{_IMAGE}'s\s+(?:far\s+)?$", before) or
            re.match(rf"(?:[\s-]+(?:hand\s+)?(?:side|half|part|portion|edge))?\s+of\s+"
                     rf"(?:the\s+|this\s+|your\s+|our\s+|an?\s+)?(?:[a-z]+\s+)?{_IMAGE}\b", after) or
            (re.search(r"\bthe\s+$", before) and  # "the right on the picture" (not "my left side on this image")
             re.match(rf"(?:[\s-]+(?:hand\s+)?side)?\s+(?:on|in)\s+(?:the|this)\s+{PICTURE}\b", after)) or
            re.search(rf"\b(?:on|in)\s+(?:the\s+|this\s+)?{PICTURE}\b[^.;]*\b(?:on|to)\s+the\s+$", before) or
            # ... and past a long subject when a verb of display says so: "On the image the segmented region appears at the left"
            re.search(rf"\b(?:on|in)\s+(?:the\s+|this\s+)?{PICTURE}\b(?:(?!patient'?s\s+(?:left|right))[^.;])*\b(?:appears?|shows?\s+up|"
                      rf"projects?|(?:is|are)\s+(?:shown|displayed|seen))\s+(?:on|to|at)\s+the\s+$", sentence[max(0, m.start() - 90):m.start()],
                      re.I))
        if on_image:
            if re.match(r"[\s-]+(?:hand\s+)?(?:side\s+|half\s+)?of\s+(?!(?:the\s+|this\s+)?(?:[a-z]+\s+)?" + _IMAGE + r"\b)",
                        after):
                continue  # "on the image, it lies on the left side of the bladder": a relation drawn on the picture
            patient = _image_to_patient(side, orientation)
            if patient and _OPPOSITE_BEFORE.search(before):
                patient = _OTHER_SIDE[patient]  # "the one on the opposite side from the image's left edge"
            if patient:
                image_claims.append((m.start(), Claim("side", patient, text=m.group(0))))
            continue
        if re.match(r"[\s-]+sided\b", after) or re.match(rf"\s+of\s+(?:the\s+)?{BODY}\b(?!(?:'|\u2019)s?\s+(?!{BODY}\b))", after):
            # (not "to the left of the patient's right nipple": a relation to a structure of the patient's)
            noun = re.match(r"[\s-]+sided\s+([a-z][a-z-]+)", after)  # opening its clause, before a noun
            opening = re.fullmatch(r"\W*(?:[A-Za-z ]{1,30}:\s*)?(?:(?:a|an|the|large|small|mild|minor|moderate|several|some|"
                                   r"multiple|few|new|old)\s+){0,2}", sentence[clause_span(sentence, m.start())[0]:m.start()], re.I)
            if noun and opening and noun.group(1) not in _NOT_A_NOUN and not _ADJECTIVE.fullmatch(noun.group(1)) and \
                    not any(x.start == m.end() + noun.start(1) and not x.names for x in mentions):
                continue  # "Large right-sided phleboliths", "a right-sided PICC line": another thing's side
            claims.append((m.start(), claim))
        elif re.match(r"\s+of\b", after):
            continue  # a relation to another structure: see `relations.position_claims`
        elif prep and re.match(LUMEN_WALL, after):
            claims.append((m.start(), claim))  # "It is only on the right wall", "on both the left and right walls"
        elif re.match(r"[\s-]+(?:(?:upper|lower|abdominal)\s+(?:quadrants?|abdomen|hemiabdomen)|flank|hypochondrium|iliac\s+fossa|"
                      r"hemi-?abdomen|hemithorax|hemisphere|hemi-?pelvis|hemi-?cranium|lumbar\s+region|paramedian|"
                      r"paravertebral|renal\s+fossa|retroperitoneum|abdomen|pelvis|chest|thorax)\b", after):
            if _LOCATIVE_BEFORE.search(before):  # "in the right hemisphere"; not "contrast the right hemisphere"
                claims.append((m.start(), claim))
        elif re.match(rf"[\s-]+(?:portion|part|section|region|compartment)\s+of\s+(?:the\s+)?{BODY}\b", after):
            claims.append((m.start(), claim))
        elif re.match(r"[\s-]+(?:hand\s+)?(?:sides?|half|aspect)\b", after):
            prep = prep or re.search(r"\b(?:it|this)\s+is\s+$", before)  # learner English: "so it is right side"
            # "of the body", or of the picture when the side is the patient's ("the patient's left half of the image")
            whole = f"{BODY}|lumen|{_IMAGE}" if said_of_patient else f"{BODY}|lumen"  # (an endoscope's "side of the lumen")
            if prep and not re.match(rf"[\s-]+(?:hand\s+)?(?:sides?|half|aspect)\s+of\s+(?!(?:the\s+|this\s+)?(?:{whole})\b)\w",
                                     after):
                claims.append((m.start(), claim))
        elif prep and re.match(r"\s*(?:$|[.,;:()!?]|(?:\s-|[\u2014\u2013])\s*(?=\w)|\s+(?:only|alone|exclusively|solely|relative|compared|than|as|like|that|which|where|and|or|but|while|whereas|with|near|next|close|adjacent|"
                               r"just|in|at|within|toward|towards|part|rather|instead|not|here|there|too|also|again|today|now|btw|though|so|"
                               r"because|since|when|on|this|then|overall|mainly|mostly|entirely|wholly|alike|equally|both|respectively|"
                               r"symmetrically|together)\b)", after):
            claims.append((m.start(), claim))
        elif prep and "patient" in prep.group(0) and \
                not any(x.names and m.end() < x.start <= m.end() + 2 for x in mentions):
            claims.append((m.start(), claim))  # "on the patient's left btw ...": only a structure's name may follow
    if any(c.value != i.value for _, c in claims for _, i in image_claims if c.value in ("left", "right")) and \
            re.search(r"\b(?:so|therefore|thus|hence|(?:which|that)\s+means|meaning)\b", sentence, re.I):
        image_claims = []  # "On my screen it is on the left, so it is on the left side of the patient": what is inferred
    claims += image_claims  # (a wrong convention) claims the patient's side; the screen's side is its ground
    given = _GIVEN_SIDE.match(sentence)  # "Given Lt, compare with the contralateral side?": a clipped premise
    if given and not any(pos == given.start(1) for pos, _ in claims):
        word = given.group(1).lower()
        claims.append((given.start(1), Claim("midline", "midline", text=word) if word == "midline" else
                       Claim("side", "bilateral" if word == "bilateral" else word, text=word)))
    for m in _ONE_SIDED.finditer(sentence):  # "unilateral", "on one side only": contradicts a bilateral mask
        claims.append((m.start(), Claim("side", "one-sided", text=m.group(0))))
    for m in [*_BILATERAL_THING.finditer(sentence), *_PART_EACH_SIDE.finditer(sentence)]:  # "This is a bilateral
        # finding", "there is a separate part on each side of the midline"
        claims.append((m.start(), Claim("side", "bilateral", text=m.group(0))))
    for m in _TWO_SIDED.finditer(sentence):  # "it is bilateral", "on both sides": contradicts a one-sided mask
        if not DIRECTION.search(sentence[max(0, m.start() - 80):m.start()]):  # (at its word: "is not bilateral" denies it)
            word = m.group(0).lower().rfind("bilateral")
            claims.append((m.start() + max(word, 0), Claim("side", "bilateral", text=m.group(0))))
    for m in re.finditer(r"\b(?:in|on|at|along)\s+the\s+(?:vertical\s+)?midline\b|\b(?:is|are)\s+(?:a|an)\s+midline\s+" + _KIND_OF_THING
                         + r"\b|\bmidline\s+(?:structure|organ|vessel|position|"
                         r"location)\b|\bstraddl\w+\s+(?:the\s+)?midline\b|\bastride\s+(?:the\s+)?midline\b|\bcent(?:red|ered)\s+across\s+the\s+body\b|"
                         r"\b(?:spreads?|extends?|stretch(?:es)?)\s+(?:evenly\s+)?across\s+the\s+midline(?=\s+(?:almost\s+|fairly\s+|"
                         r"roughly\s+)?evenly\b)|\b(?:spreads?|extends?|stretch(?:es)?)\s+evenly\s+across\s+the\s+midline|"
                         r"\b(?:lies|lie|sits|sit|is|are|(?:is|are)\s+(?:sitting|lying))\s+(?:right\s+|squarely\s+|straight\s+)?across\s+the\s+"
                         r"(?:midline\b|middle\b(?!\s+(?:from|front|top|of)\b))|"
                         r"\b(?:is|was|are|were|lies|lay|sits|sat)\s+(?:(?:essentially|basically|roughly|more\s+or\s+less|pretty\s+much|practically|virtually|"
                         r"squarely|exactly|right|"
                         r"dead|firmly|largely|mostly)\s+)?(?:in\s+the\s+)?midline\b|\bcentrally\b|"
                         r"(?<=,)\s*(?:in\s+the\s+)?midline(?=\s*(?:[.;,!]|$))|"  # "It is dead centre, midline."
                         r"\b(?:in|at)\s+the\s+(?:very\s+|exact\s+)?(?:middle|centre|center)\s+of\s+the\s+(?:body|patient)\b(?!\s+(?:from|front|top))",
                         sentence, re.I):
        before = sentence[max(0, m.start() - 25):m.start()].lower()
        if re.search(r"\b(?:of|from|to|toward|towards|across|near)\s+$|\b(?:left|right|away)\s+(?:of|from)\s+$", before):
            continue
        if m.group(0).lower() == "centrally" and re.match(r"\W*centrally\s+(?:placed|located|situated|positioned)\b", sentence, re.I):
            continue  # a bare "centrally placed, as far as I can see" names no axis (see `fragments`: "Central.")
        if (m.group(0).lower() == "centrally" or m.group(0).lower().endswith(("body", "patient"))) and (asks_depth or _OTHER_AXIS.match(sentence, m.end()) or
                                                   _AXIS_LEAD.match(sentence) or
                                                   re.search(r"\balong\s+that\s+axis\b|\bfront\s+and\s+(?:the\s+)?back\b|"
                                                             r"\btop\s+and\s+(?:the\s+)?bottom\b", sentence, re.I) or any(
                c.kind == "side" and not _DENIED_SIDE.search(sentence[:pos]) for pos, c in claims)):
            continue  # "left-sided and centrally placed", "centrally along that axis": central on another axis
        # a bare "centrally" names no axis: the midline, or the middle front to back (`compare` reads it either way)
        either = m.group(0).lower() == "centrally" and not _MIDLINE_WORD.search(sentence)  # ("centrally, across the midline")
        claims.append((m.start(), Claim("midline", "midline", qualifier="either_axis" if either else "", text=m.group(0))))
    return claims
