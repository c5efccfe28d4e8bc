"""Size claims: what a sentence says about the target's size (class words and phrases, superlatives
and comparisons with everything else in view, percentages written as numbers or words, fractions,
decimal shares and pixel ratios such as "one in two hundred pixels"); the number words themselves are read by
`numbers`. Used by `claims`.
"""

from __future__ import annotations

import re

from .claim import Claim
from .numbers import FRACTION_WORD, number_value
from .numbers import NUMBER_WORD as _NUMBER_WORD
from .numbers import ORDINAL as _ORDINAL
from .numbers import fraction_value as _fraction_value

IMAGE = r"(?:image|picture|pic|photo(?:graph)?|slice|scan|frame|screen|cross-?section|section|field of view|field|view|display|monitor|film)"
_IMAGE = IMAGE
_SIZE_WORD = {"small": "small", "tiny": "small", "little": "small", "diminutive": "small", "minuscule": "small",
              "miniscule": "small", "minute": "small", "petite": "small", "modest": "small|medium", "slender": "small",
              "large": "large", "big": "large", "huge": "large", "sizable": "large", "sizeable": "large",
              "massive": "large", "enormous": "large", "bulky": "large", "vast": "large", "immense": "large",
              "substantial": "large", "extensive": "large", "giant": "large", "generous": "large",
              "medium": "medium", "medium-sized": "medium", "mid-sized": "medium", "moderate-sized": "medium",
              "moderate": "medium", "intermediate": "medium", "average-sized": "medium", "largest": "large",
              "biggest": "large", "smallest": "small", "tiniest": "small", "slight": "small", "average": "medium",
              "moderately sized": "medium", "moderately-sized": "medium", "normal-sized": "medium",
              "middling": "medium", "voluminous": "large", "sizeable-looking": "large", "minor": "small", "smallish": "small", "largish": "large", "biggish": "large", "hefty": "large",
              "chunky": "large", "whopping": "large", "wee": "small", "teeny": "small", "teeny-tiny": "small",
              "itty-bitty": "small", "puny": "small"}
# a label that names a rating, not the target: "Confidence: moderate", "Severity: mild", "Priority: low"
RATING_LABEL = re.compile(r"\b(?:confidence|certainty|likelihood|probability|grade|rating|score|level|quality|"
                          r"priority|urgency|severity|agreement)\b", re.I)
SIZE_WORDS = tuple(_SIZE_WORD)  # the size vocabulary (fragments such as "Sizeable." are read with it)
# a superlative over the body ("the largest solid organ in the body") is anatomy knowledge, not this slice
_NOT_GENERIC = r"(?![^.;]*\b(?:in|of)\s+(?:the\s+)?(?:human\s+|whole\s+)?(?:body|abdomen|pelvis|chest|thorax|humans|adults))"
_COMPARATIVE = {"bigger": "large", "larger": "large", "smaller": "small", "tinier": "small"}
_SIZE_ALT = "(" + "|".join(sorted(_SIZE_WORD, key=len, reverse=True)) + ")"
_QUAL = (r"(?:(?:relatively|fairly|quite|very|rather|comparatively|moderately|somewhat|extremely|really|truly|pretty|so|too|"
         r"super|incredibly|remarkably|exceptionally|strikingly|unusually|notably|decidedly)\s+)?")
# a degree of belief is still an assertion: "it is probably large", "they are likely small"
_STANCE = (r"(?:(?:probably|likely|most\s+likely|clearly|definitely|certainly|surely|also|still|actually|indeed|"
           r"in\s+fact|overall|basically)\s+)?")
# a range of classes: "small to medium", "medium-to-large", "small or medium"
_SIZE_RANGE = re.compile(rf"\b{_SIZE_ALT}(?:\s*[-\u2013]\s*|\s+)(?:to|or)(?:\s*[-\u2013]\s*|\s+){_QUAL}{_SIZE_ALT}\b", re.I)
# a size word standing alone as an item of a descriptor list: "kidney, bilateral, posterior, large, 2 pieces"
_DESCRIPTOR_SIZE = re.compile(rf"(?:[,;:]|\s[-\u2013\u2014]\s)\s*{_QUAL}{_SIZE_ALT}(?:\s+(?:size|sized|in\s+size))?\s*(?=[,;.]|$)",
                              re.I)
_SIZE_RES = [
    re.compile(rf"\b(?:(?:is|are|was|were)(?:\s+(?:it|they))?(?:\s+(?:classified|classed|categori[sz]ed|graded|rated|considered|"
               rf"regarded|counted|characteri[sz]ed)\s+as)?|appears?|appeared|looks?|seems?|remains?|comes?\s+out|came\s+out|(?:find|call|consider|rate|put|estimate|judge|grade|class|classify|describe|characteri[sz]e|regard|label)\s+it(?:\s+(?:as|at))?|(?:call|consider|rate|class|classify|regard)\s+(?:them|the\s+(?!(?:one|two|three|four|five|several|many)\b)[a-z-]+)(?:\s+as)?)\s+{_STANCE}(?:(?!not\b|{_SIZE_ALT}\b)[a-z-]{{3,}}(?:,|\s+and)\s+)?(?:not\s+)?{_QUAL}{_SIZE_ALT}\b(?![\s-]+(?:bowel|intestine))",
               re.I),
    re.compile(rf"\b(?:a|an|which|what)\s+{_QUAL}{_SIZE_ALT}[\s,]+(?:\w+\s+)?(?:region|area|portion|part|fraction|proportion|"
               rf"chunk|bit|amount|slice|piece|"
               rf"share|footprint|segment|patch|object|structure|blob|organ|one|finding|vessel|gland|lesion|label|"
               rf"size|amount|thing|mask|segmentation|outline|silhouette|shadow|component|target|shape|feature|island)\b", re.I),
    # ... or a finding's own kind, said of the target: "It's a big mass." (not "a scan shows a small incidental nodule")
    re.compile(rf"\b(?:it|they|this|that)(?:'s|'re|\s+is|\s+are|\s+was|\s+were)\s+(?:a|an)\s+{_QUAL}{_SIZE_ALT}[\s,]+(?:\w+\s+)?"
               rf"(?:mass|nodule|tumou?r|cyst|node|collection|deposit|focus|spot|stone|effusion|haematoma|hematoma|abscess|clot)"
               rf"(?:e?s)?\b", re.I),
    re.compile(r"\bone\s+of\s+the\s+(largest|biggest|smallest|tiniest)\b" + _NOT_GENERIC, re.I),
    # "one of the large things on this image" (a class of things on this image, not of a kind in the body)
    re.compile(r"\bone\s+of\s+the\s+(large|big|small|tiny)\s+(?:things|structures|objects|regions|findings|areas)\b"
               r"(?=\s+(?:on|in)\s+(?:this|the)\s+(?:image|slice|scan|picture|frame|film|section)\b)", re.I),
    # "OK, it's only small": said of the target itself (not "the contrast is only moderate")
    re.compile(rf"\b(?:it|they)(?:'s|'re|\s+is|\s+are)\s+(?:only|just|merely)\s+{_QUAL}{_SIZE_ALT}\b", re.I),
    # "worried that it's that big?": 'that' as a degree word, said of the target
    re.compile(r"\b(?:it|they)(?:'s|'re|\s+is|\s+are)\s+that\s+(big|large|huge|small|tiny)\s*(?=[?.!,;]|$)", re.I),
    # a superlative said of the target: "it is (by far) the largest structure", "Largest structure on slice"
    re.compile(r"(?:\b(?:is|are|it's|looks|appears|seems|remains)\s+(?:by\s+far\s+|clearly\s+|easily\s+|also\s+)?the\s+|^)"
               r"(largest|biggest|smallest|tiniest)\s+"
               # (a kind's superlative is anatomy: "the largest lymphoid organ", "the largest single nodule")
               r"(?!(?:lymphoid|solid|internal|endocrine|exocrine|hollow|single|paired|human|visceral)\s)(?:\w+\s+)?"
               r"(?:structure|thing|organ|object|finding|feature|"
               r"region|one)\b" + _NOT_GENERIC, re.I),
    # a comparison with everything else is a superlative: "more small than all other things", "bigger than any"
    re.compile(r"\b(?:is|are)\s+(?:much\s+|far\s+)?(?:more\s+)?(bigger|larger|smaller|tinier|big|large|small|tiny)\s+"
               r"than\s+(?:(?:all|any|every)(?:\s+(?:other|of\s+the\s+other))?(?:\s+(?:structures?|things?|organs?|objects?|"
               r"regions?|ones?|labels?|masks?|segments?|else)|\s+(?:the\s+)?others?\b|\s*[.,;!]|\s*$)|anything|everything)", re.I),
    # a size word in brackets after the noun it describes: "the organ (large) that ..."
    re.compile(rf"\(\s*{_QUAL}{_SIZE_ALT}\s*\)", re.I),
    re.compile(rf"\bof\s+{_QUAL}{_SIZE_ALT}\s+(?:size|dimensions|extent|proportions)\b", re.I),
    # a class named as a bin: "which puts it in the medium class", "falls into the small category"
    re.compile(rf"\b(?:in|into|within)\s+the\s+{_SIZE_ALT}(?:[\s-]+sized?)?\s+(?:class|category|band|bracket|range|group|tier)\b",
               re.I),
    _DESCRIPTOR_SIZE,
    re.compile(rf"\b{_SIZE_ALT}\s+(?:in\s+size|size\s+class|on\s+this|here|in\s+this)\b|"
               rf"\bsize\s+class\s+(?:is\s+|of\s+)?{_SIZE_ALT}\b", re.I),
]
_SIZE_PHRASES = [
    (re.compile(r"(?:\b(?:a\s+)?(?:sliver|speck|tiny\s+fraction|small\s+fraction)|\b(?:a|only|just)\s+(?:mere\s+)?fraction)"  # (not "Fraction of the image?")
                r"\s+of\s+the\s+"
                rf"{_IMAGE}|\b(?:only|just|merely)\s+a\s+(?:small|tiny|speck|dot|pinpoint|pinprick)\b", re.I), "small"),
    (re.compile(rf"\b(?:dominates?|fills?|fill(?:ing)?)\s+(?:most\s+of\s+)?the\s+{_IMAGE}|\b(?:most|majority|bulk|"
                rf"much)\s+of\s+the\s+{_IMAGE}|\bfills\s+most\b|\b(?:almost|nearly|practically)\s+(?:all\s+of\s+)?the\s+"
                rf"(?:whole|entire)\s+{_IMAGE}", re.I), "large"),
    (re.compile(r"\b(?:only|just|merely)\s+(?:a\s+)?(?:few|handful\s+of|couple\s+of|dozen)\s+pixels\b|"
                r"\bon\s+the\s+(?:small|smaller|little|tiny)\s+side\b", re.I), "small"),
    (re.compile(r"\bon\s+the\s+(?:large|larger|big|bigger)\s+side\b", re.I), "large"),
    # learner English: "It is of great size, it takes much place in the image"
    (re.compile(rf"\bof\s+(?:a\s+)?(?:great|considerable|substantial)\s+size\b|\btakes?\s+(?:up\s+)?(?:much|a\s+lot\s+of)\s+"
                rf"(?:place|space|room)\s+(?:in|on)\s+the\s+{_IMAGE}", re.I), "large"),
    # "neither tiny nor big": between the two, the middle class
    (re.compile(r"\bneither\s+(?:very\s+)?(?:small|tiny|little|minute)\s+nor\s+(?:very\s+)?(?:big|large|huge|sizable)\b|"
                r"\bneither\s+(?:very\s+)?(?:big|large|huge|sizable)\s+nor\s+(?:very\s+)?(?:small|tiny|little|minute)\b", re.I), "medium"),
]
_BOUND = (r"(?:\b(less|fewer|under|below|more|greater|over|above|not\s+even|at\s+least|at\s+most|up\s+to|(?:only\s+)?(?:a\s+)?(?:small\s+|tiny\s+)?"
          r"fraction\s+of)\s+(?:than\s+)?)?")
_DECIMAL = r"\d+(?:\.\d+|,\d{1,2}(?!\d))?"  # "0.8", and "0,8" as a decimal comma (not "5,000")
_PERCENT = re.compile(rf"{_BOUND}({_DECIMAL}|{_NUMBER_WORD})\s*(?:%|(?:of\s+(?:a|one)\s+)?(?:percent\b|per\s*cent\b)|pct\b)",
                      re.I)  # ("point eight of a percent" is 0.8%)
_BOUND_AFTER = re.compile(r"\s*(?:(?:or|and)\s+(?:(less|fewer|under|below|lower|smaller)|more|greater|over|above|higher|"
                          r"larger|bigger)\b|\+)", re.I)  # a bound written after its number: "5% or more", "1% or less"
_AMOUNT = rf"({_DECIMAL}|{_NUMBER_WORD})"
_PERCENT_RANGE = re.compile(rf"\b(?:between\s+)?{_AMOUNT}(?:\s*(?:%|percent)?\s*(?:and(?!\s+a\s+half\b)|to|or)\s*|(?<=\d)\s*[-\u2013]\s*(?=\d)){_AMOUNT}\s*(?:%|percent\b|per\s*cent\b)",
                            re.I)
# "a seventh of the image", "one-twentieth of the slice", "two-thirds of the frame", "1/7 of the image"
# a part of one percent: "five tenths of one percent" (0.5%), "three-quarters of a percent", "a fifth of 1%"
_PART_OF_PERCENT = re.compile(rf"{_BOUND}\b(?:(?:{_AMOUNT}|an?)[\s-]+)?({'|'.join(_ORDINAL)}|half)s?\s+of\s+(?:one|a|1)\s+"
                              r"(?:%|percent\b|per\s*cent\b)", re.I)
# a number this match continues: "0.8" read from its "8", "one and five percent" from "five percent",
# "three or four hundred pixels", "1 1/2 percent": an expression the patterns did not read whole
_NUMBER_BEFORE = re.compile(rf"(?:\d[.,/]|(?:\d|\b(?:{_NUMBER_WORD}|hundred|thousand))\s*(?:and|to|or|-|\u2013|/)\s*)$", re.I)
_FRACTION = re.compile(rf"{_BOUND}(?<!left\s)(?<!right\s)(?<!upper\s)(?<!lower\s)(?<!other\s)\b({FRACTION_WORD})"
                       rf"\s+of\s+(?:the\s+|this\s+)?(?:whole\s+|entire\s+)?{_IMAGE}\b", re.I)
_PER_HUNDRED = re.compile(r"(?:\b(less|fewer|under|below|more|greater|over|above)\s+(?:than\s+)?)?"
                         r"\b(\d+(?:\.\d+)?)\s+(?:out\s+)?of\s+(?:every\s+|each\s+)?(?:a\s+|one\s+)?(?:hundred|100)\b", re.I)
# a percentage that measures a belief, not the mask: "my confidence is around 90%", "90% sure", "85% on that"
_BELIEF = re.compile(r"\b(?:confidence|certainty|probability|likelihood|chance|odds|credence|accuracy|sensitivity|"
                     r"specificity|agreement|concordance)\b", re.I)
_BELIEF_AFTER = re.compile(r"\s*(?:confiden(?:t|ce)|certainty|sure|certain|chance|likely|likelihood|probability|of\s+the\s+time|"
                           r"on\s+(?:that|it|this)\b)", re.I)
_RANGE_END = re.compile(r"\s*(?:to|and|or|-|\u2013)\s*(?:a\s+|an\s+)?\d+(?:\.\d+)?\s*(?:%|percent\b|per\s*cent\b)", re.I)
_AREA_VERB = re.compile(r"\b(?:cover\w*|occup\w*|takes?\s+up|fill\w*|area|share|extent)\b", re.I)
# "Slice 46 of 100", "case 3 of 100": an index in a series, not a share of the image
_INDEX_BEFORE = re.compile(r"\b(?:slice|image|section|series|page|step|item|question|case|figure|frame|number)(?:\s+no\.?)?\s*$|"
                           r"\bno\.\s*$|#\s*$", re.I)  # ("5.3 percent no 1.4 percent": a repair, no index)
# a percentage that measures something else: "a cardiothoracic ratio above 50%", "a stenosis of 70%", "sensitivity 90%"
_MEASURE_BEFORE = re.compile(r"\b(?:ratio|index|threshold|cut-?off|sensitivity|specificity|accuracy|saturation|stenosis|"
                             r"[VD]\d{1,3}(?:\.\d)?(?:Gy)?|Dmean|Dmax|dose|"  # dose-volume: "V50 under 5%", "D95 above 98%"
                             r"ejection\s+fraction|(?:LV|RV)?EF|probability|chance|risk|likelihood|prevalence|incidence|mortality|survival|"
                             r"narrowing|reduction|uptake|growth|odds|fev1|fvc|dlco|spo2|ki-?67)\s+(?:[\w-]+\s+){0,2}?(?:(?:of|above|over|below|under|"
                             r"exceeding|at|around|about|is|was|of\s+about|greater\s+than|less\s+than|more\s+than|=|>|<)\s*)*$|"
                             # a model's or a study's figure: "Volumetric error was 3.0%", "mean Dice 91%", "(12 of 150, 8.0%)"
                             r"\b(?:error|dice|dsc|iou|jaccard|overlap|recall|precision|f1|bias|difference|deviation|kappa|icc|auc|"
                             r"coefficient\s+of\s+variation)\s+(?:[\w-]+\s+){0,2}?(?:(?:of|is|was|were|=|at|about|around)\s*)*$|"
                             r"\b\d+\s*(?:of|/|out\s+of)\s*\d+\s*[,;:]\s*$",
                             re.I)
# a measure said to be big or small
_MEASURE_SUBJECT = re.compile(r"\b(?:ratio|index|output|fraction|rate|score|grade|pressure|level|dose|burden|value|volume|ctr|"
                              r"count|uptake|signal)\s+(?:is|looks|seems|appears|was|are|were|became|becomes|remains|stays)\s+"
                              r"(?:\w+\s+)?$", re.I)
# a change by a share, not a share: "AP films magnify the heart by around 15-20%", "it shrank by 30%"
_CHANGE_BY = re.compile(r"\b(?:magnif\w*|enlarg\w*|increas\w*|decreas\w*|shr[iu]nk\w*|grow\w*|grew|reduc\w*|chang\w*|expand\w*|"
                        r"swell\w*|swollen|rose|ris\w*|fell|fall\w*|drop\w*|overestimat\w*|underestimat\w*)\b[^.;]{0,40}?\bby\s+"
                        r"(?:about\s+|around\s+|roughly\s+|approximately\s+|some\s+|up\s+to\s+|~\s*)?$", re.I)
# a size word that rates a share of something else: "accounts for a large share, perhaps two thirds, of drug-resistant
# epilepsy" (not "a large share of the image")
_SHARE_WORD = re.compile(rf"\s+(?:share|proportion|fraction|percentage|majority|minority|number|amount)\b(?:[^.;]{{0,40}}?\bof\s+"
                         rf"(?!(?:the\s+|this\s+|that\s+)?(?:whole\s+|entire\s+)?{_IMAGE}\b))", re.I)
_PERCENT_CONTEXT = re.compile(rf"\b(?:{_IMAGE}|area|pixels?|occup\w*|covers?|covering|coverage|covered|takes?\s+up|fills?)\b",
                              re.I)
# "one in two hundred pixels", "1 in 7 pixels of the image": a ratio of pixels, any denominator
_RATIO = re.compile(rf"{_BOUND}\b(\d+(?:\.\d+)?|one|a|an)\s+(?:in|out\s+of)\s+(?:every\s+|each\s+)?(\d+|{_NUMBER_WORD}(?:\s+hundred)?"
                    r"(?:\s+(?:and\s+)?[a-z-]+)?)\s+(?:pixels?|voxels?)\b", re.I)
# "about 400 pixels", "~1,200 px": an area in pixels (not a ratio "one in 200 pixels", not a length "40 pixels wide")
_PIXELS = re.compile(rf"{_BOUND}(?<!\bin\s)(?<!\bof\s)(?<!\bby\s)(?<!\bevery\s)(?<!\beach\s)(?<![x\u00d7]\s)(?<![x\u00d7])\b(\d{{1,3}}(?:,\d{{3}})+|\d+|{_NUMBER_WORD}(?:\s+(?:hundred|thousand))?"
                     r"(?:\s+(?:and\s+)?[a-z-]+)?)\s*(?:labelled\s+|labeled\s+|mask\s+)?(?:pixels?|px|voxels?)\b"
                     r"(?!\s+(?:wide|across|long|tall|high|deep|thick|in\s+(?:diameter|width|length|height)|away|from|apart))", re.I)
_ON_THIS_SLICE = re.compile(rf"\bhere\b|\b(?:this|the)\s+(?:\w+\s+)?{IMAGE}\b", re.I)
_OF_OTHER = re.compile(rf"\s+of\s+(?!(?:the\s+|this\s+|that\s+)?{_IMAGE}\b)", re.I)


# "area fraction 0.0034", "a fraction of 0.25 of the image": a share written as a decimal fraction
_DECIMAL_FRACTION = re.compile(rf"\b(?:area[\s_-]*fraction|fraction\s+of\s+the\s+{_IMAGE}|share\s+of\s+the\s+{_IMAGE})"
                               r"\s*(?:[:=]|is|of)?\s*(?:about\s+|roughly\s+|approximately\s+|~\s*)?(0?\.\d+|0)(?!\d|\.\d)"
                               r"(?!\s*(?:%|percent\b|per\s*cent\b|pct\b))", re.I)


def _bound(word: str | None) -> str:
    """'under', 'a fraction of', 'not even' -> 'less'; 'over', 'more' -> 'more'; none -> ''."""
    word = (word or "").lower()
    if word in ("less", "fewer", "under", "below") or re.search(r"fraction|even|at\s+most|up\s+to", word):
        return "less"
    return "more" if word else ""


def _ratio_denominator(words: str) -> float:
    """'7' -> 7, 'two hundred' -> 200, 'forty' -> 40; 0 when the words are not a number."""
    try:
        return number_value(words)
    except ValueError:
        return 0.0


# a rate is no share of the image: "it shrinks by roughly 1% a year"
_RATE = re.compile(r"\s*(?:a|an|per|each|every)\s+(?:year|decade|month|week|day|hour|minute|beat|breath)\b|"
                   r"\s*(?:loss|gain|increase|decrease|reduction|drop|rise|fall|decline|growth|shrinkage|(?:of\s+)?predicted)\b|"  # "10% loss of ..."
                   # a test's or a treatment's figure: "PET is roughly 80% sensitive", "90% specificity", "a 70% response rate"
                   r"\s*(?:sensitive|specific|accurate|sensitivity|specificity|accuracy|ppv|npv|positive\s+predictive|negative\s+predictive|"
                   r"(?:response|survival|recurrence|relapse|cure|success|detection|mortality|complication)\s+rates?|survival|"
                   r"concordance|agreement|confidence|probability|likelihood|chance|risk|"
                   # a statistic's coverage: "Dice 0.73 (95% CI 0.70-0.77)", "95% limits of agreement", "the 95th percentile"
                   r"ci|cis|credible|prediction\s+intervals?|limits?\s+of\s+agreement|percentile)\b", re.I)


def _measures_belief(sentence: str, m: re.Match) -> bool:
    """'My overall confidence is around 90%, mainly limited by the slice', 'I'd put 85% on that', '90% sure':
    the percentage is a degree of belief (its clause names one, with no area verb between), not an area."""
    other_end = _RANGE_END.match(sentence, m.end())  # "from a 2% to a 95% chance": the range's far end names it
    if _BELIEF_AFTER.match(sentence, other_end.end() if other_end else m.end()):
        return True
    start = max([0] + [b.end() for b in re.finditer(r"[,;:()]", sentence[:m.start()])])
    belief = None
    for belief in _BELIEF.finditer(sentence, start, m.start()):
        pass
    return belief is not None and not _AREA_VERB.search(sentence, belief.end(), m.start())


_SHARE_OF = re.compile(r"\s*(?:of|in)\s+(?:the\s+|this\s+|its\s+|a\s+|an\s+|our\s+)?(?:whole\s+|entire\s+|total\s+|visible\s+)?"
                       r"((?:[\w-]+\s+){0,2}[\w-]+)", re.I)
# words that carry a share of another thing on to a bare percentage after it ("... and the other 65%")
_CONTINUED = re.compile(r"\b(?:other|rest|remainder|remaining|vs|versus)\b", re.I)
_BODY_SHARE = re.compile(r"\b(?:body|patient|trunk|torso|abdomen|abdominal|chest|thorax|thoracic|pelvis|pelvic|brain|head|"
                         r"skull|cranium|cross-section\w*|cross-sectional)\b", re.I)
_IMAGE_PIXELS = re.compile(r"(?:\d\s*[x\u00d7]\s*\d+\s*=|/)\s*$|"
                           # a model's input or a crop's side: "you trained at 224 px", "resized to 512 pixels"
                           r"\b(?:trained|train|training|resiz\w*|rescal\w*|downsampl\w*|upsampl\w*|input|crops?|cropped|patch(?:es)?|"
                           r"tiles?|resolution)\b[^.;\d]{0,20}$", re.I)
_DIMENSION_BEFORE = re.compile(rf"\b(?:by|x|\u00d7)\s+(?:(?:{_NUMBER_WORD}|hundred|thousand|and|\d+)\s+)*$", re.I)
_POPULATION = re.compile(r"(?:people|men|women|children|adults|patients|cases|population|cohort|time)$", re.I)
_DIRECTIONAL = re.compile(r"\b(?:each|either|ant|post|sup|inf|anterior|posterior|front|back|top|bottom|upper|lower|inner|outer|medial|lateral|superior|"
                          r"inferior|dorsal|ventral|cranial|caudal|near|far|first|second|last|same|left|right|other)\s+$", re.I)


# the words after "of" that can still mean the picture: "5% of it", "of the FOV", "of the total", "of the in-plane area"
_IMAGE_LIKE = re.compile(r"it|this|that|what|everything|all|total|whole|area|surface|fov|img|radiograph|x-?ray|canvas|viewport|"
                         r"window|matrix|grid|panel|cut|plane|crop|tile|patch|thumbnail|snapshot|screenshot|shot|study", re.I)
_NOT_AREA = re.compile(r"(?:volume|mass|weight|diameter|length|width|height|circumference|capacity|output|flow|supply|"
                       r"lifetime|life|time|risk|cell|blood|cardiac|intake|budget|calories|energy|oxygen|way|stack|series|dose|study)$", re.I)


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _share_of(sentence: str, end: int) -> str | None:
    """What a percentage ending at `end` is a share of: 'body' ("4% of the body cross-section", "of the
    chest"), None for a share of people or of many things ("70% of prostate cancers", "5% of adults"), which
    says nothing about this mask, else 'image' ("covers 4% of the slice", "4% of it", "4%")."""
    m = _SHARE_OF.match(sentence, end)
    if not m:
        return "image"
    words = m.group(1)
    if _BODY_SHARE.search(words):
        return "body"
    if re.search(rf"(?<![\w-]){_IMAGE}(?![\w-])|\bpixels?\b|\bvoxels?\b", words, re.I):  # (not "screen-detected")
        return "image"
    head = re.split(r"\s+(?:have|has|had|is|are|was|were|a|an|the|and|or|with|that|which|who|in|on|of|at|it|through|into|along|across)\b", words,
                    flags=re.I)[0]
    last = head.split()[-1].lower()
    # "20% of nodules seen on CT", "95% of small nodules found on screening": a share of many things
    many = any(_plural(w) and w not in ("its", "this", "pixels", "voxels") and "'" not in w for w in head.lower().split())
    if many or _POPULATION.match(last) or _plural(last) or \
            _NOT_AREA.match(last):
        return None  # a share of people, of many things or of a quantity: "70% of prostate cancers", "10% of the cell volume"
    if last.isalpha() and not _IMAGE_LIKE.fullmatch(last):
        return None  # a share of some other one thing: "about 75% of the inflow", "30% of the liver"
    return "image"


# "large vessel", "small artery": a class of vessel by calibre, which a question may name on this slice too
_KIND_OF_VESSEL = re.compile(r"\b(?:large|small|great|big)[\s,]+(?:\w+\s+)?(?:vessel|artery|vein)\b", re.I)


_ASKS_HOW_MUCH = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:what|which)\s+(?:fraction|share|percentage|proportion|part)\b[^.!]*\?\s*$|"
                            r"^\W*(?:\w+\s+){0,2}?how\s+(?:much|big|large|small)\b[^.!]*\?\s*$", re.I)


def size_claims(sentence: str, context: str = "") -> list[tuple[int, Claim]]:
    """Size and percent claims; `context` (the question a short answer replies to: "How much of the
    slice? About 4%.") may supply what the percentage is a share of."""
    if _ASKS_HOW_MUCH.match(sentence):
        return []  # "Roughly what fraction of the image is that?" asks the size
    out = []
    for i, rx in enumerate(_SIZE_RES):
        for m in rx.finditer(sentence):
            group = next(g for g in range(1, len(m.groups()) + 1) if m.group(g))  # the size word: "is not large"
            if i == 1 and (_OF_OTHER.match(sentence, m.end()) or _SHARE_WORD.match(sentence, m.end(group))):
                continue  # "a small amount of fluid": the size word measures the fluid, not the target
            if i == 1 and re.match(r"(?:which|what)\b", m.group(0), re.I) and \
                    (not _ON_THIS_SLICE.search(sentence) or _KIND_OF_VESSEL.search(m.group(0))):
                continue  # "Which large neck vessel feeds the head?" describes a class; "Which huge gland here ...?" the slice
            if rx is _DESCRIPTOR_SIZE and RATING_LABEL.search(re.split(r"[,;]", sentence[:m.start() + 1])[-1]):
                continue  # "confidence: moderate": a list item that rates something else
            word, at = m.group(group), m.start(group)
            if _MEASURE_SUBJECT.search(sentence, max(0, at - 40), at):
                continue  # "the cardiothoracic ratio looks big": a measure's value, not the mask's size
            if re.search(r"\b(?:[VD]\d{1,3}(?:\.\d)?(?:Gy)?|Dmean|Dmax)\b[^.;]*$", sentence[:at]):
                continue  # "V50 under 5% is generous": a dose-volume constraint judged, not the mask's size
            if re.search(r"(?<!rather\s)\bthan\s+(?:a|an|any)\s+(?:[\w-]+\s+)?$", sentence[max(0, at - 30):at], re.I):
                continue  # "... matters more than a large one in the fundus": another thing, compared ("rather than" denies)
            out.append((at, Claim("size", _SIZE_WORD.get(word.lower()) or _COMPARATIVE[word.lower()],
                                         text=m.group(0))))
    for m in _SIZE_RANGE.finditer(sentence):  # "small to medium": either class, one claim
        inside = [(at, c) for at, c in out if c.kind == "size" and m.start() <= at < m.end()]
        if inside:
            values = {v for w in (m.group(1), m.group(2)) for v in (_SIZE_WORD.get(w.lower()) or "").split("|") if v}
            out = [x for x in out if x not in inside] + [(inside[0][0], Claim("size", "|".join(sorted(values)),
                                                                              text=m.group(0)))]
    for rx, value in _SIZE_PHRASES:
        out += [(m.start(), Claim("size", value, text=m.group(0))) for m in rx.finditer(sentence)]
    for m in _FRACTION.finditer(sentence):
        if _DIRECTIONAL.search(sentence, 0, m.start(2)):
            continue  # "the posterior half of the slice" is a place, not a share
        if re.search(r"\b(?:what|which|how)\s+(?:\w+\s+)?$", sentence[max(0, m.start() - 16):m.start() + 1], re.I):
            continue  # "Roughly what fraction of the image is that?" asks
        out.append((m.start(), Claim("percent", _fraction_value(m.group(2)), qualifier=_bound(m.group(1)), text=m.group(0))))
    for m in _DECIMAL_FRACTION.finditer(sentence):
        out.append((m.start(), Claim("percent", float(m.group(1)) * 100.0, text=m.group(0))))
    for m in _RATIO.finditer(sentence):
        num = 1.0 if m.group(2).lower() in ("one", "a", "an") else float(m.group(2))
        den = _ratio_denominator(m.group(3))
        if den:
            out.append((m.start(), Claim("percent", 100.0 * num / den, qualifier=_bound(m.group(1)), text=m.group(0))))
    for m in _PIXELS.finditer(sentence):
        if _DIMENSION_BEFORE.search(sentence, 0, m.start()) or _IMAGE_PIXELS.search(sentence, 0, m.start()):
            continue  # "512 by 512 pixels", "256 x 256 = 65,536 px", "... / 65,536 px": the image's size
        try:
            value = number_value(m.group(2).replace(",", ""))
        except ValueError:
            continue
        if value >= 2:
            out.append((m.start(), Claim("pixels", value, qualifier=_bound(m.group(1)), text=m.group(0))))
    if _PERCENT_CONTEXT.search(sentence) or _PERCENT_CONTEXT.search(context):
        spans = []  # a range or a share of one percent: its numbers are read once, here
        for m in [*_PERCENT_RANGE.finditer(sentence), *_PART_OF_PERCENT.finditer(sentence)]:
            share = _share_of(sentence, m.end())
            if _measures_belief(sentence, m) or share is None or _MEASURE_BEFORE.search(sentence, 0, m.start()) or \
                    _CHANGE_BY.search(sentence, 0, m.start()):
                continue
            spans.append((m.start(), m.end()))
            other = None if share == "image" else share
            if m.re is _PART_OF_PERCENT:  # "five tenths of one percent" -> 0.5%, "under a tenth of a percent"
                parts = number_value(m.group(2)) if m.group(2) else 1.0
                out.append((m.start(), Claim("percent", parts / _ORDINAL.get(m.group(3).lower(), 2), qualifier=_bound(m.group(1)),
                                             text=m.group(0), other=other)))
                continue
            # "between one and five percent": at least the first, at most the second
            out.append((m.start(), Claim("percent", number_value(m.group(1)), qualifier="more", text=m.group(0), other=other)))
            out.append((m.start(), Claim("percent", number_value(m.group(2)), qualifier="less", text=m.group(0), other=other)))
        other_end = None  # where the last share of some other thing ended
        for m in sorted([*_PERCENT.finditer(sentence), *_PER_HUNDRED.finditer(sentence)], key=lambda m: m.start()):
            share = _share_of(sentence, m.end())
            if share is None:
                other_end = m.end()
            elif other_end is not None and not _SHARE_OF.match(sentence, m.end()) and m.start() - other_end < 50 and \
                    _CONTINUED.search(sentence, other_end, m.start()):
                share = None  # a bare percentage continuing it: "one does 35% of the work and the other 65%"
            if _measures_belief(sentence, m) or _INDEX_BEFORE.search(sentence, 0, m.start()) or share is None or \
                    _MEASURE_BEFORE.search(sentence, 0, m.start()) or _CHANGE_BY.search(sentence, 0, m.start()) or \
                    any(a <= m.start() < b for a, b in spans) or _RATE.match(sentence, m.end()):
                continue
            after = _BOUND_AFTER.match(sentence, m.end())  # "5% or more", "1% or less", "5%+"
            bound = _bound(m.group(1)) or ("less" if after and after.group(1) else "more" if after else "")
            out.append((m.start(), Claim("percent", number_value(m.group(2)), qualifier=bound,
                                         text=m.group(0), other=None if share == "image" else share)))
    return [(at, c) for at, c in out if c.kind not in ("percent", "pixels") or not _NUMBER_BEFORE.search(sentence, 0, at)]
