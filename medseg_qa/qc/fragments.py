"""Verbless registers read as the sentences they stand for, so the same claim rules apply to them: key/value
lines and table rows ("Side: patient left", "Side (right) confirmed."), fragments ("Large.", "Posterior in
position.", "Small region.") and a one-word value after a label ("Dictation: large."). Used by `clauses.sentences`.
"""

from __future__ import annotations

import re

from .amounts import RATING_LABEL as _RATING_LABEL
from .amounts import SIZE_WORDS

_LABEL = re.compile(r"^(?:\d+\s+)?[A-Z][A-Za-z]{1,20}(?:\s+[A-Za-z]{1,20}){0,2}\s*(?::|\s[-\u2013\u2014])\s+(\S.*)$")


def labelled_fragment(sentence: str) -> str:
    """'Dictation: large.' -> 'Dictation: It is large.': a one-word fragment after a label that is not a known key
    reads as the sentence it stands for, after its label, which `subjects` reads: a label naming a structure ("Aorta:
    midline.") is what 'It' is, any other label (a voice, "Dictation") leaves it the target; so does a chosen
    option ('Answer: (c) huge')."""
    m = _LABEL.match(sentence)
    if not m or _RATING_LABEL.search(sentence[:m.start(1)]):
        return sentence
    given = re.sub(r"^\(?[a-eA-E]\)\s+", "", m.group(1))  # "Answer: (c) huge": the option's letter points at its text
    value = fragment_sentence(given)
    if value == "It lies in the midline." and _OTHER_AXIS.search(sentence[:m.start(1)]) and \
            given.strip(" .;,!").lower() in ("central", "centre", "center", "middle", "mid"):
        return "Along that axis, it sits centrally."  # "Vertical position: central": a central depth, not the midline
    # the label stays as what 'It' points back to: "Aorta: midline." is about the aorta, "Dictation: large." about the target
    label = sentence[:m.start(1)].rstrip(" :-\u2013\u2014")
    return f"{label}: {value}" if value != given else sentence


_OTHER_AXIS = re.compile(r"\b(?:vertical|depth|height|level|front|back|anterior|posterior|ap|cranio\w*|superior|inferior|"
                         r"up|down|top|bottom|row)\b", re.I)


_SUPERLATIVES = frozenset({"largest", "biggest", "smallest", "tiniest"})
# the size vocabulary of `amounts` (one list of size words), bar superlatives, plus "punctate"
_SIZE_FRAGMENT = "(?:" + "|".join(sorted((w for w in SIZE_WORDS if w not in _SUPERLATIVES), key=len, reverse=True)) + \
    "|punctate)"
_FRAGMENT = re.compile(rf"^(?:(?:predominantly|mainly|mostly|largely|chiefly|overall)\s+)?(not\s+)?"
                       rf"(?:((?:very\s+|quite\s+|relatively\s+)?{_SIZE_FRAGMENT}(?:\s*,\s*{_SIZE_FRAGMENT})*"
                       r"(?:\s+(?:size|sized|in\s+size))?(?:\s+(?:region|structure|area|mask|organ|lesion|component|focus|object|footprint|"
                       r"finding|target))?)|((?:anterior|posterior|ventral|dorsal|superior|inferior|cranial|caudal)"
                       r"(?:\s+(?:in\s+)?(?:position|location))?)|"
                       r"((?:central\s*,\s*)?midline|central|(?:on\s+)?both\s+sides|"
                       r"bilateral(?:\s*,\s*(?:on\s+)?(?:both\s+sides|left\s+and\s+right))?)"
                       r"(?:\s+in\s+position)?|"
                       # a half of the picture: "Lower field.", "Upper half."
                       r"(upper|lower)\s+(?:half|field|part|portion))"
                       # "Large relative to the film.", "(OK,) large then."
                       r"(?:\s+(?:relative\s+to|compared\s+(?:with|to)|for)\s+the\s+(?:film|image|frame|field|slice|picture)|\s+then|"
                       r"\s+overall|\s*,?\s+as\s+a\s+(?:group|whole)|"  # "Bulky overall.", "Overall small, as a group."
                       # "Medium-sized rather than rather small."
                       r"\s+rather\s+than\s+[^.;!?]{1,60}|"
                       r"\s+(?:on|in)\s+(?:this|the)\s+(?:slice|image|scan|section|picture|frame|film|coronal|axial|sagittal))?"
                       # a user's acknowledgement: "small, ok."
                       r"(?:\s*,\s*(?:ok(?:ay)?|got\s+it|noted|understood|gotcha|cool|fine))?"
                       r"\s*[.!;,?]?$", re.I)


# a size word that opens an amount: "Large, about 0.1% of the image."
_SIZE_LEAD = re.compile(rf"^((?:very\s+|quite\s+|relatively\s+)?{_SIZE_FRAGMENT}),\s+(?=(?:about|roughly|approximately|approx|"
                        r"around|nearly|almost|under|over|less|more|just|~|\d|covering|taking|occupying|filling|spanning)\b|~)",
                        re.I)


# a recap of what was found before what the speaker will do with it: "so, two separate nodules: I'll tell the team"
_RECAP = re.compile(r"^\W*(?:so|ok(?:ay)?|right|fine)\s*,\s*((?:(?!\b(?:is|are|was|were|i|we|you|it|they)\b)[^:;,.?!]){2,60}?)"
                    r"\s*:\s*((?:i|we|i'll|we'll|will|then|that)\b.*)$", re.I)


def fragment_sentence(sentence: str) -> str:
    """A fragment ('Large.', 'V. large, bulky.', 'Anterior.', 'Midline.', 'Large, about 2% of the image.', 'Midline,
    not lateralised.') read as the sentence it stands for."""
    if re.match(r"(?:towards?|on|along|at)\s+the\s+(?:anterior|posterior|front|back|left|right)\s+walls?\b[^,;:]*$", sentence.strip(),
                re.I):
        return f"It lies {sentence.strip()[0].lower()}{sentence.strip()[1:]}"  # "Towards the posterior wall." (of a lumen)
    lead = _SIZE_LEAD.match(sentence.strip())
    if lead:
        return f"It is {lead.group(1).lower()}, {sentence.strip()[lead.end():]}"
    if re.match(r"midline\s*,\s", sentence.strip(), re.I):
        return f"It lies in the midline, {sentence.strip()[sentence.index(',') + 1:].strip()}"
    said = re.sub(r"^\W*(?:(?:ok(?:ay)?|so|right|fine)\s*,?\s*)*(?=\w+\s+then\b)", "", sentence.strip(), flags=re.I)
    said = re.sub(r"^\W*(?:(?:ok(?:ay)?|so|fine|alright|got\s+it)\s*,\s*)+", "", said, flags=re.I)  # "OK, large on the image."
    ack = re.match(r"^(\w+\s+then)\s*,\s*(\S.*)$", said, re.I)  # "ok ok, large then, will tell the neuro team."
    if ack and _FRAGMENT.match(ack.group(1)):
        return f"{fragment_sentence(ack.group(1)).rstrip('.')}; {ack.group(2)}"
    recap = _RECAP.match(sentence.strip())  # a user's "so, right-sided: I'll tell the team that and move on."
    if recap:
        return f"It is {recap.group(1)}; {recap.group(2)}"
    m = _FRAGMENT.match(said)
    if not m or (sentence.rstrip().endswith("?") and (sentence.count(" ") < 2 or re.search(r",|\bor\b", sentence))):
        # "Large? Far from it.", "Small, moderate, large?": asked, not said
        return sentence
    neg = "not " if m.group(1) else ""
    if m.group(5):
        return sentence if neg else f"It lies in the {m.group(5).lower()} half of the image."
    if m.group(4):
        if neg or m.group(4).lower() == "central":
            return sentence  # a bare "Central." names no axis: the midline, or halfway front to back?
        return "It lies in the midline." if "midline" in m.group(4).lower() else "It lies on both sides."
    if m.group(2):
        return f"It is {neg}{m.group(2).lower().split(',')[0].replace(' in size', '').replace(' sized', '').replace(' size', '')}."
    return f"It is {neg}{m.group(3).split()[0].lower()}."


KEY_VALUE = re.compile(r"^(?:(?:which|what)\s+(?=side\b))?((?:connected|separate|distinct)\s+(?:regions|pieces|parts|components|[a-z]+s)|side|laterality|location|where|"
                       # "AP position", "Craniocaudal position" (read "along that axis position", see `shorthand`)
                       r"(?:(?:ap|a-p|anteroposterior|antero-posterior|craniocaudal|cranio-caudal|vertical|along\s+that\s+axis)\s+)?position|"
                       r"depth|vertical|size|"
                        r"area\s+(?:percent|pct|percentage)|percent\s+area|area|extent|parts|components|"
                        r"regions|pieces|count|(?:number\s+of|n|num|no\.?\s+of)\s+(?:(?:separate|distinct|connected|disconnected)\s+)?(?:parts|pieces|regions|components|foci|"
                        r"fragments|islands|lesions|nodules|nodes|cysts|metastases|deposits|polyps|adenomas)|(?:component|region|piece)\s+count|number|relation|relations|"
                        r"neighbours|neighbors|neighbour|neighbor|connectivity|foci|fragments|coverage)"
                        r"(?:\s+(?:estimate|estimated|class|category|guess|read|approx\.?|approximately))?(?:\s*\([^)]{1,20}\))?"
                        # "Size on the image: ...", "Count here: ..."
                        r"(?:\s+(?:on|in)\s+(?:the|this)\s+(?:image|picture|slice|scan|film|frame|section)|\s+here)?"
                        r"(?:\s+(?:checked|confirmed|verified|noted|assessed))?\s*(?:[:=\u2014\u2013]|\s-\s)\s*(.+?)\.?$",
                        re.I)


_BRACKETED_VALUE = re.compile(r"^([A-Za-z]+(?:\s+[A-Za-z]+)?)\s*\(([^()]{1,30})\)\s*(?:checked|confirmed|verified|noted|"
                              r"assessed)?\s*\.?$", re.I)


_BARE_KEY = re.compile(r"^(?:[A-Za-z ]{1,30}:\s*)?(size|side|laterality|position|location)\s+(small|medium|medium-sized|large|moderate|"
                       r"tiny|big|huge|left|right|bilateral|midline|central|anterior|posterior|superior|inferior)\s*[.!]?$", re.I)


def key_value_sentence(sentence: str) -> str:
    """'Side: patient left' -> 'It lies on the patient's left.': a key: value line (a list, a table row)
    read as the sentence it abbreviates, so the same claim rules apply. A rejection leading the line stays
    ("Not quite: Size: medium" rejects what it answers, then says the size)."""
    lead = _REJECTING_LEAD.match(sentence) or _ASSENTING_LEAD.match(sentence)  # "yep — count is four"
    if lead:
        rest = _key_value_sentence(sentence[lead.end():])
        return sentence if rest == sentence[lead.end():] else f"{lead.group(1)}; {rest}"
    return _key_value_sentence(sentence)


_REJECTING_LEAD = re.compile(r"^\s*((?:(?:actually|hmm+|well|sorry),?\s+)?(?:not\s+quite|no|nope|wrong|incorrect)|"
                             r"(?:a\s+)?(?:small\s+|quick\s+|one\s+)?correction(?:\s+first|\s+to\s+(?:the\s+|your\s+|that\s+)?premise)?)\s*[:,.!\u2014-]\s*(?=\S)", re.I)


_ASSENTING_LEAD = re.compile(r"^\s*((?:yep|yes|yeah|sure|ok(?:ay)?|right|correct))\s*[,\u2014\u2013-]\s*(?=\S)", re.I)


# a size said alone after "overall": "Overall tiny.", "overall mid sized"
_OVERALL = re.compile(r"^\W*overall,?\s+((?:pretty\s+|quite\s+|fairly\s+)?(?:small|medium|medium[\s-]sized|mid[\s-]?sized|moderate"
                      r"(?:[\s-]sized)?|large|tiny|big|huge|bulky))\s*[.!]?$", re.I)


def _key_value_sentence(sentence: str) -> str:
    overall = _OVERALL.match(sentence)
    if overall:
        return f"It is {overall.group(1)}."
    bracketed = _BRACKETED_VALUE.match(sentence)  # "Side (right) confirmed." says "Side: right."
    bare = _BARE_KEY.match(sentence)  # "Size large.": a key and its one-word value, without a colon
    m = KEY_VALUE.match(f"{bracketed.group(1)}: {bracketed.group(2)}" if bracketed else
                        f"{bare.group(1)}: {bare.group(2)}" if bare else sentence)
    if not m:  # a key after a section label: "Findings: Laterality: left."
        # ... or after a lead: "On this image: - Regions: 2", "Briefly, from the mask: Count: 1."
        # ... or after a discourse lead: "With that said, number of regions: three."
        # ... or after a section label and a discourse adverb: "premise: actually components: 1"
        section = re.match(r"[A-Z][A-Za-z]{1,20}(?:,?\s+[A-Za-z]{1,20}){0,3}\s*[:,]\s+(?:[-*\u2022]\s*)?"
                           r"(?:(?:actually|in\s+fact|really|rather|instead)\s*,?\s+)?", sentence, re.I)
        if section and KEY_VALUE.match(sentence[section.end():]):
            rest = _key_value_sentence(sentence[section.end():])  # (the label stays: "Draft: Size: large" is the draft's)
            return sentence if rest == sentence[section.end():] else f"{sentence[:section.end()].rstrip()} {rest}"
        # ... or after a clause that leads to it: "That note is wrong, and this is how it gets resolved: Components: 1."
        lead = next((c for c in re.finditer(r":\s+", sentence) if KEY_VALUE.match(sentence[c.end():])), None)
        if lead and len(sentence) - lead.end() < len(sentence) // 2 + 20:
            rest = _key_value_sentence(sentence[lead.end():])
            return sentence if rest == sentence[lead.end():] else f"{sentence[:lead.start()]}: {rest}"
        return sentence
    if m.group(2).rstrip().endswith("?"):
        return sentence  # "count: one region or several?" asks
    key, value = m.group(1).lower(), m.group(2).strip().rstrip(";,. ").strip("\"'")  # a literal: side = "left"
    key = re.sub(r"^.+\s+(?=position$)", "", key)  # "AP position": the position along the rows' axis
    if re.match(r"[A-Z][a-z']*\s+[\w']+\s+[\w']+\s+[\w']+|(?i:(?:it|its|they|this|these|the)\s+[\w']+\s+[\w']+)", value) and \
            re.search(r"\b(?:is|are|was|were|lies|lie|sits|sit|appears?|runs?|shows?|looks?|has|have|seems?|remains?|"
                      r"measures?|covers?|occupies|forms?|crosses|passes)\b", value, re.I):
        return value  # the value is a sentence of its own ("Neighbours: The stomach lies in front of it")
    if len(value.split()) >= 5 and re.search(r"\b(?:it|they)\s+(?:is|are|lies|lie|sits|sit|appears?|covers?|measures?|"
                                             r"occupies|occupy|forms?|takes?)\b", value, re.I):
        return value  # a clause after a lead ("Size: with an area near 1.8% of the image it is intermediate")
    low = value.lower()
    if key in ("side", "laterality", "location", "where"):
        # "left", "patient's left only", "left, not right", "right, lateral (not midline)"
        low = re.sub(r",?\s+(?:lateral|lateralised|lateralized|unilateral|one-sided)$", "",
                     re.sub(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])", "", low))  # "LEFT [confidence 0.91]"
        side = re.fullmatch(r"(?:the\s+)?(?:patient'?s?\s+)?(left|right)(?:[\s-]+(?:hand\s+)?sided?)?(\s+only)?(?:\s+side)?"
                            r"(?:,?\s+(?:not|rather\s+than)\s+(?:the\s+)?(?:left|right)(?:\s+side)?|"
                            r",\s*(?:the\s+)?other\s+side\s+(?:fine|clear|normal|spared|ok|okay|empty|unremarkable))?", low)
        if side:
            return f"It lies on the patient's {side.group(1)}{side.group(2) or ''}."
        if low in ("both", "bilateral", "bilaterally", "both sides", "on both sides", "left and right"):
            return "It lies on both sides."
        low = re.sub(r"^(?:(?:in|on|at)\s+)?the\s+(?=midline$)", "", low)  # "The midline."
        if {part.strip() for part in low.split("/")} <= {"central", "centre", "center", "midline", "middle"} and \
                (low == "midline" or key in ("side", "laterality")):  # "Side: Central / midline"
            return "It lies in the midline."  # ("location: central" may be the depth: it claims no side)
        if low in ("central", "centre", "center"):
            return "It is central."
        return f"It lies {value}."
    if key in ("depth", "vertical", "position"):
        low = re.sub(r"\s*\([^()]*\)", "", low)  # "Central (neither end)"
        if re.fullmatch(r"(?:central(?:ly)?|centre|center|mid|middle)(?:\s+(?:ap|a-p|front[\s-]to[\s-]back|in|position|depth))*",
                        low):  # "Central AP position"
            return "Along that axis, it sits centrally."  # a central depth, not the midline
        if re.match(r"(?:front|back|rear|anterior|posterior|upper|lower|top|bottom)\s+(?:half|part|third|portion)\b", low):
            return f"It lies in the {low}."  # "Position (front/back): Front half of the slice"
        return f"It lies {value}." if " " in value else f"It is {value}."
    if re.search(r"percent|pct", key) and re.fullmatch(r"\d+(?:\.\d+)?", value):
        return f"It covers {value}% of the image."  # area_pct = 3.1
    if re.search(r"percent|pct", key) and re.match(r"~?\s*\d+(?:\.\d+)?\s*(?:%|percent)", value):
        return f"It covers {value}."  # area_pct: 0.5% of image
    if key in ("size", "area", "extent", "coverage"):
        gloss = re.search(r"\s*\(([^()]+)\)", value)  # "about 1.9% of the image (enormous, the biggest thing)"
        if gloss and ("%" in value or "percent" in low):
            main = value[:gloss.start()] + value[gloss.end():]
            if "%" in main or "percent" in main.lower():
                return f"It covers {main}; it is {gloss.group(1)}."
            return f"It is {main}, covering {gloss.group(1)}."  # "medium (~1.5% of the slice)"
        return f"It is {value}, covering {value} of the image." if "%" in value or "percent" in low else f"It is {value}."
    if key in ("relation", "relations", "neighbours", "neighbors", "neighbour", "neighbor"):
        pair = re.fullmatch(r"([a-z][a-z ]+?),\s*(anterior|posterior|left|right)\s+(to|of)",
                            re.sub(r"[\"'()\[\]]", "", low).strip())  # neighbour = ("aorta", "left_of")
        if pair:
            return f"It lies {pair.group(2)} {pair.group(3)} the {pair.group(1)}."
        # a place ("Neighbours: behind the stomach"), not a list of what lies around it ("Neighbours: the ischial
        # tuberosities (two, posterior) and ..."), whose descriptions are theirs
        return f"It lies {value}." if not re.match(r"(?:the|a|an|both|two|three)\s", low) else sentence
    count = re.match(r"(\d+(?![.,]\d|\s*%)|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|"
                     r"(?:a\s+)?single|twin|(?:a\s+)?pair)\b", low)
    if not count:
        return sentence
    if "single" in count.group(1):
        return "It forms one region."
    least = "at least " if re.match(r"\s*(?:or|and)\s+(?:more|above|over)\b|\s*\+", low[count.end():]) else ""  # "5 or more"
    return f"It forms {least}{'two' if count.group(1) in ('twin', 'pair', 'a pair') else count.group(1)} separate regions."


# cleft and fronted sentences put back in plain order, so the same claim rules read them:
# "It is to the patient's left of the vertebral body that it sits." -> "It sits to the patient's left of the vertebral body."
_IT_CLEFT = re.compile(r"^(\W*)it\s+is\s+(?!(?:worth|important|true|clear|likely|possible|unlikely|not\s+clear|my|the\s+usual|a|an)\b)"
                       r"(.{2,80}?)\s+that\s+(?:it|they|the\s+(?:mask|segmented\s+region|segmentation|region))\s+((?:is\s+found|lies|lie|"
                       r"sits|sit|is|are|breaks|appears?|shows?\s+up))\b(.*)$", re.I)
# "Small is what it is.", "Toward the front is where you'll find it.", "Posterior is where it sits."
_PSEUDO_CLEFT = re.compile(r"^(\W*)(?!(?:this|that|here|there|which|what)\b)([\w'%.\s-]{2,60}?)\s+(?:is|are)\s+(what|where)\s+(?:it|they|you'?ll\s+find\s+it)"
                           r"(?:\s+(?:is|are|lies|lie|sits|sit))?\s*([.!;]?)\s*$", re.I)
# "Left-sided it is.", "Anterior it isn't."
_FRONTED = re.compile(r"^(\W*)(?!(?:so|yes|no|here|there|that|this|what|how|why|where|now|then|well|if|as|because|since|and|but|or|"
                      r"maybe|perhaps|sure|indeed)\b)([A-Za-z][\w'-]*(?:\s+[\w'-]+)?)\s+(it|they)\s+(is|isn't|is\s+not|are|aren't)\s*([.!;,]|$)",
                      re.I)
# "What it is, size-wise, is medium-sized."
_WHAT_IT_IS = re.compile(r"^(\W*)what\s+(?:(?:it|they)\s+(?:is|are)(?:\s*,\s*[\w\s-]{1,30},)?|(?:is|are|(?:i|we)(?:'ve|\s+have)?)\s+"
                         r"(?:been\s+)?(?:highlighted|outlined|segmented|shaded|masked|marked|selected|contoured|coloured|colored)"
                         r"(?:\s+here)?)\s+is\s+", re.I)  # ("What is highlighted is made up of two parts")


def _lower(words: str) -> str:
    return words[:1].lower() + words[1:] if words[1:2].islower() else words


def uncleft(sentence: str) -> str:
    """A cleft, pseudo-cleft or fronted sentence in plain order (`_IT_CLEFT`, `_PSEUDO_CLEFT`, `_FRONTED`)."""
    m = _IT_CLEFT.match(sentence)
    if m:
        verb = "is" if m.group(3).lower() == "is found" else m.group(3)
        return f"{m.group(1)}It {verb} {m.group(2)}{m.group(4)}"
    m = _PSEUDO_CLEFT.match(sentence)
    if m:
        return f"{m.group(1)}It {'is' if m.group(3).lower() == 'what' else 'lies'} {_lower(m.group(2))}{m.group(4) or '.'}"
    m = _FRONTED.match(sentence)
    if m:
        return f"{m.group(1)}{m.group(3).capitalize()} {m.group(4)} {_lower(m.group(2))}{m.group(5)}{sentence[m.end():]}"
    m = _WHAT_IT_IS.match(sentence)
    return f"{m.group(1)}It is {sentence[m.end():]}" if m else sentence


# what a question asks about, for a verbless answer to it: "How many regions?" - "2.", "Which side?" - "Both sides."
_ASKED_KEYS = (("Count", re.compile(r"\bhow\s+many\b|\b(?:number\s+of|count\s+of)\b|\b(?:pieces|regions|components|parts)\b", re.I)),
               ("Side", re.compile(r"\b(?:which|what)\s+side\b|\bside\s+of\s+the\s+patient\b|\blaterality\b|\bleft\s+or\s+right\b|"
                                   r"\bright\s+or\s+left\b", re.I)),
               ("Size", re.compile(r"\bhow\s+(?:big|large|much)\b|\bsize\b|\barea\b|\bshare\b|\bpercent(?:age)?\b|\bfraction\b",
                                   re.I)),
               ("Position", re.compile(r"\b(?:vertical|position|anterior\s+or\s+posterior|front\s+or\s+back|superior\s+or\s+"
                                       r"inferior|up\s+or\s+down|axis)\b", re.I)))
_CLAUSED = re.compile(r"\b(?:is|are|was|were|lies|lie|sits|sit|has|have|covers?|forms?|shows?|looks?|seems?|appears?|counts?|"
                      r"counted|sees?|finds?|measures?|contains?|consists?|occup(?:y|ies)|"
                      r"it|they|yes|no|not|i|we|you)\b|\?", re.I)


# what a value looks like at a verbless answer's start: "Both sides", "The midline", "Large (5% or more)", "2."
_VALUE_START = re.compile(r"^\W*(?:(?:the|on|in|at|about|roughly|approx\w*|around|just|only|~)\s*)*(?:patient'?s\s+)?(?:left|right|both|"
                          r"bilateral\w*|midline|central\w*|middle|anterior\w*|posterior\w*|front|back|superior\w*|inferior\w*|upper|"
                          r"lower|top|bottom|small|medium|moderate|large|big|huge|tiny|\d|one|two|three|four|five|six|single|"
                          r"several|multiple)\b", re.I)


def answered_fragment(sentence: str, context: str) -> str:
    """A verbless answer read under the question it answers, as the key: value line it stands for: "On which side of
    the patient does the mask lie?" - "Both sides (bilateral)." reads "Side: Both sides (bilateral)."; "How big is it
    relative to the image?" - "Large (5% or more)." reads "Size: ...". A question about several points or a hypothetical
    one, an answer with a clause or a label of its own, an assent or a denial is left as it is."""
    if not context.rstrip().endswith("?") or len(sentence.split()) > 10 or _CLAUSED.search(sentence) or ":" in sentence \
            or not _VALUE_START.match(sentence) or re.search(r"\b(?:correction|thing|point|note|fix)\b", sentence, re.I) \
            or re.search(r"\b(?:if|suppose|imagine|would|could)\b", context, re.I):
        return sentence  # (a labelled answer reads by its label; a hypothetical question's answer is not about the mask)
    keys = [key for key, asks in _ASKED_KEYS if asks.search(context)]
    if len(keys) != 1:
        return sentence
    read = key_value_sentence(f"{keys[0]}: {sentence.strip()}")
    return sentence if read.startswith(f"{keys[0]}:") else read
