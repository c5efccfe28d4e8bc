"""Count claims: what a sentence says about the target's number of separate regions ("a single, connected
piece", "three separate foci", "split into two", "a two-part structure", "unifocal"), told apart from the
anatomy's own make-up ("fused from five segments") and from enumerations ("one on each side"). Used by `claims`.
"""

from __future__ import annotations

import re

from .numbers import UNITS
from .claim import Claim
from .labelforms import plural_stem
from .lexicon import Lexicon

_COUNTS = {**{w: n for w, n in UNITS.items() if 1 <= n <= 19}, "single": 1, "solitary": 1, "sole": 1, "lone": 1,
           "unifocal": 1, "multifocal": "many", "several": "many", "multiple": "many", "many": "many",
           "numerous": "many", "innumerable": "many", "countless": "many", "myriad": "many", "a handful of": "many",
           "a couple of": 2, "a pair of": 2, "a trio of": 3, "both": 2}
_REGION_NOUNS = {"region", "component", "area", "piece", "blob", "island", "part", "segment", "portion",
                 "fragment", "patch", "cluster", "focus", "foci", "object", "outline", "contour", "lesion",
                 "nodule", "deposit", "spot", "zone", "territory", "section", "chunk", "mass", "mask", "lump",
                 "structure", "shape", "unit", "body", "bit", "place", "site", "location", "compartment", "block", "collection",
                 "tumour", "tumor", "organ", "gland", "clot", "stone", "calculus", "calculi", "sac", "loop", "cavity", "band",
                 "strip", "sheet", "ribbon"}
_COUNT_ADJ = (r"(?:single|connected|contiguous|continuous|separate|separated|distinct|disconnected|disjoint|discrete|isolated|non-[a-z]+|"
              r"compact|well-defined|coherent|unbroken|individual|different|solid|small|tiny|touching|unique|only|solitary|"
              r"unconnected|detached|standalone|self-contained|"
              # how the regions look on the picture: "two separate coloured spots", "3 bright blobs"
              r"coloured|colored|highlighted|shaded|marked|bright|dark|white|grey|gray|red|green|blue|yellow|"
              # ... and on a PET or bone scan: "four hot spots", "two avid foci"
              r"hot|cold|avid|tracer-avid|fdg-avid|hypermetabolic|active)")
_COUNT_NUM = r"(\d+|" + "|".join(sorted(_COUNTS, key=len, reverse=True)) + ")"
# "two pieces of the liver" names a part, but "2 islands of tissue" counts regions made of a material
_MATERIAL = r"(?:it|them|this|tissue|signal|mask|label|labelled\s+pixels|pixels|voxels|parenchyma|enhancement|density|abnormality|segmentation)"
# (a comma after the number only before another adjective: "Solitary, one nodule" counts "one nodule", not "Solitary, one")
_COUNT_RE = re.compile(rf"(?<!\d[,.])\b{_COUNT_NUM}(?:\s+|,\s*(?={_COUNT_ADJ}\b))(?:{_COUNT_ADJ}[\s,]+(?:and\s+)?)*([a-z]+)\b"
                       rf"(?!\s+of\b(?!\s+{_MATERIAL}\b))",
                       re.I)
# a list of named parts after a count: "three parts: manubrium, body and xiphoid process" (not sides or places)
_NAMED_PARTS = re.compile(r"\s*(?:[:(\u2014]|,(?=\s*(?:the\s+)?[a-z-]+(?:\s+[a-z-]+)?\s*,))\s*(?!.*\b(?:left|right|anterior|posterior|upper|lower|front|back|each|one|two|three)\b)"
                          r"(?:the\s+)?[a-z-]+(?:\s+[a-z-]+)?(?:\s*,\s*(?:the\s+)?[a-z-]+(?:\s+[a-z-]+)?)*,?\s+(?:and|&)\s+"
                          r"(?:the\s+)?[a-z-]+", re.I)
# ... or numbers them: "Couinaud: 8 segments (I-VIII)", "17 segments (1-17)"
_NUMBERED_PARTS = re.compile(r"\s*\(\s*(?:[ivx]+|\d+)\s*[-\u2013\u2014]\s*(?:[ivx]+|\d+)\s*\)", re.I)
# the interjections that may open a count of 'them' ("Fine, three of them.")
_LEAD = r"(?:so|yeah|yes|ok(?:ay)?|well|right|sure|hmm|and|fine|understood|noted|alright|cool|great|got\s+it)"
# "I can see two of them.", "I count three of them": the pieces counted, after the target was named
_OF_THEM = re.compile(r"(?:\b(?:i\s+(?:can\s+)?(?:see|count|make\s+out)|there\s+are|it\s+is|it's|they\s+are|they're)\s+|"
                      # an answer's own "So, three of them, separate emboli." (not "Two of them lie on the left")
                      rf"^\W*(?:{_LEAD}\W+)*(?=[\w\s]+of\s+them\s*(?:[,.;:!]|$)))"
                      r"(\d+|two|three|four|five|six|several|multiple)\s+of\s+them\b", re.I)
# units of a drug or of blood, not of the mask: "Heparin 5000 units", "C 2 units running", "2 units of packed cells"
_DOSE = re.compile(r"\b(?:heparin|insulin|iu|dose|blood|transfus\w*|o-?neg|"
                   r"dye|contrast|enhanc\w*|hounsfield|hu|attenuation|density)\b", re.I)  # (and Hounsfield units: "only 9 units")
_GIVEN_UNITS = re.compile(r"\s+(?:of\s+)?(?:blood|prbc|packed|red\s+cells|ffp|plasma|platelets)\b|"
                          r"\s+(?:running|transfused|given|cross-?matched|in\b)", re.I)
_COUNT_SPLIT = re.compile(r"\b(?:split|divided|broken|breaks\s+up|separated|fragmented)\s+(?:up\s+)?in(?:to)?\s+(\d+|two|three|four|separate|distinct|"
                          r"five|several|multiple|many)\b", re.I)
_COUNT_WORD = re.compile(r"\b(unifocal|multifocal|multicentric|multilobulated\s+into)\b|"
                         r"\b(?:is|appears?|looks?|seems?|remains?)\s+(?:\w+ly\s+)?(solitary|singular|unifocal)\b|"
                         r"\b(?:is|are|appears?|looks?|seems?|remains?)\s+(?:\w+ly\s+)?(fragmented|discontinuous|"
                         r"non-?contiguous|split\s+up|broken\s+up|in\s+pieces)\b", re.I)
# "a two-part structure", "one-piece": a number glued to a region noun
_COUNT_HYPHEN = re.compile(r"\b(one|two|three|four|five|single|\d)-(?:part|piece|component|region|island|focus)\b",
                           re.I)
_COUNT_WHOLE = re.compile(r"\b(?:all\s+of\s+it\s+is|(?:it|the\s+mask)\s+(?:is|appears|looks)\s+(?:all\s+|entirely\s+|"
                          r"fully\s+|completely\s+)?)\s*(?:connected|contiguous|continuous|unbroken|undivided|"
                          r"in\s+one\s+piece|one\s+piece)\b(?!\s+(?:with|to|by|above|below|across)\b)|"
                          # "It's just the one focus of contrast" (not "only the one on the left that ...")
                          r"\b(?:it|there)(?:'s|\s+is)\s+(?:just|only)\s+the\s+one\b(?!\s+(?:that|which|who|on|in|at|i|you|we)\b)",
                          re.I)
# a list item that is a number and its connectivity alone: "1, contiguous", "x2, discrete" (after shorthand "2, discrete")
_COUNT_BARE = re.compile(r"^\s*(\d+|one|two|three|four|five|single)\s*,?\s+(?:contiguous|connected|continuous|unbroken|"
                         r"discrete|separate|distinct|disconnected|isolated|non-contiguous)\s*[.;,!]?\s*$", re.I)
# a user's summing-up of one piece, verbless: "So just the one, anything else to add?", "ok so a single one, will tell ..."
_JUST_ONE = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|right|thanks|great|got\s+it)\W+)*(?:(?:just|only)\s+(?:the\s+)?one|a\s+single\s+one)"
                       r"(?=\s*(?:then\b|[,.;!?]|$))", re.I)
# a body's total: "600 lymph nodes in the body", "two in an adult"
_BODY_TOTAL = re.compile(r"[^.;]{0,30}\bin\s+(?:the\s+(?:human\s+|whole\s+)?body|an?\s+(?:adult|person|human))\b", re.I)
# a tally in shorthand, alone in its clause: "n = 6" (not "a cohort (n = 120)")
_COUNT_N = re.compile(r"^\W*n\s*=\s*(\d+)(?:\s+now)?(?:\s*\((?:prior|previously|before|baseline)[^()]*\))?\s*[.;,]?\s*$|"
                      # a count of 'them' as a whole sentence: "ok so two of them.", "So there are three of them?"
                      rf"^\W*(?:{_LEAD}\W+)*(?:there\s+are\s+)?(\d+|two|three|four|five|six|seven|eight)\s+of\s+them"
                      r"\s*[.!?]?\s*$", re.I)
_DEPLOYED = re.compile(r"[^.;]{0,20}?\b(?:deployed|applied|placed|fired|used|put\s+on)\b", re.I)
# what a structure is made of, generically: "fused from five segments", "the organ that has only two sections"
# (anatomy's segments, sections and lobes); not the mask's regions unless the sentence points at the mask
_MADE_OF = re.compile(r"\b(?:(?:fus(?:es|ed|ing)?|forms?|formed|forming|made(?:\s+up)?|composed|built|consists?|consisting|"
                      r"develops?|developed|arises?|arose|divided|subdivided)\s+(?:from|of|by|into|out\s+of)|has|have|with|"
                      r"(?:split|divide|subdivide)s?\s+(?:[\w']+\s+){0,3}into)\s+"
                      r"(?:only\s+|just\s+)?$", re.I)
# parts that fuse later are the structure's development, not regions of the mask: "five segments that fuse by adulthood"
_FUSING = re.compile(r"\s+(?:(?:that|which)\s+)?(?:later\s+|eventually\s+|normally\s+)?(?:fuse|fused|unite|united|merge|merged)\b",
                     re.I)
_ANATOMY_PARTS = frozenset({"section", "sections", "segment", "segments", "lobe", "lobes"})
# a pair distributed over the sides, "two separate lobes, one each side", "two regions, one on the left and one on the
# right": the count, then where its two pieces are
_EACH_SIDE = re.compile(r",\s*one\s+(?:on\s+|in\s+)?(?:(?:each|either)\s+side\b|the\s+(?:patient'?s\s+)?(?:left|right)\b[^.;]{0,30}?"
                        r"\band\s+(?:one|the\s+other)\b)", re.I)
_MASK_CUE = re.compile(r"\b(?:separate|distinct|discrete|disconnected|non-?contiguous|discontinuous|disjoint|unconnected|visible|"
                       r"mask\w*|highlighted|outlined|segmented)\b", re.I)


_COUNTING_RULE = re.compile(r"\b(?:anything|everything|whatever|each|every|any)\b[^.;]{0,60}\bcounts?\s+as\s+(?:just\s+|only\s+)?$",
                            re.I)


def _composition(sentence: str, m: re.Match) -> bool:
    if _MASK_CUE.search(sentence, m.start()):
        return False
    if re.search(r"\bfused\s+(?:from|of|out\s+of)\s+$", sentence[max(0, m.start() - 20):m.start()], re.I):
        return True  # "fused from three parts": a bone's development, never the mask
    if _FUSING.match(sentence, m.end()):
        return True  # "its three parts fuse by about age 16": parts that fuse are development, never the mask's pieces
    return m.group(2).lower() in _ANATOMY_PARTS and bool(_MADE_OF.search(sentence, max(0, m.start() - 30), m.start()))


# the whole a share is taken of: "in at least 2 of 4 regions"
_SHARE_OF = re.compile(r"\b(?:\d+|one|two|three|four|five|six)\s+(?:out\s+)?of\s+(?:the\s+)?$", re.I)
# a bound before a count: "more than two parts", "fewer than three", "at most two", "at least one", "over 1" (">", "≥")
_COUNT_BOUND = re.compile(r"(?:\b(?P<more>(?:more|greater)\s+than|over)|\b(?P<fewer>(?:fewer|less)\s+than|under)|"
                          r"\b(?P<at_most>at\s+most|up\s+to)|"
                          r"\b(?P<at_least>at\s+least))\s+$", re.I)


_APART = re.compile(r"\b(?:separate|separated|distinct|disconnected|disjoint|discrete|isolated|unconnected|detached)\b", re.I)
_IDENTIFIES = re.compile(r"\b(?:points?|pointing|indicates?|suggests?|fits?|matches|refers?|leads?)\s+(?:\w+\s+)?to\s+$|"
                         r"\b(?:indicates?|suggests?|fits?|matches|describes?)\s+$", re.I)


def _stem(noun: str) -> str:
    """'adenomas', 'adenoma', 'adenomata' -> 'adenom'; 'cysts' -> 'cyst'; 'metastases' -> 'metastas'."""
    return re.sub(r"(?:a|ata|e)$", "", plural_stem(noun))  # ("nodes" -> "nod" as "node" -> "nod")


_GRADED = re.compile(r"\b(?:bosniak|bi-?rads|ti-?rads|li-?rads|pi-?rads|lung-?rads|o-?rads|c-?rads|grade|stage|type|class|category|"
                     r"level|gleason|fazekas|tirads|birads|lirads|pirads|segment|zone|region)\s+$", re.I)


# an adjective or a material before a counted noun ("one necrotic segment", "a single fluid collection"); not an organ's
# name ("two liver segments": the organ's anatomy)
_MODIFIER = re.compile(r"necrotic|cystic|solid|enhancing|ring-enhancing|rim-enhancing|calcified|dilated|inflamed|fluid|air|gas|"
                       r"blood|soft-tissue|hypodense|hyperdense|hypoechoic|hyperechoic|echogenic|hyperintense|hypointense|"
                       r"sclerotic|lytic|thickened|enlarged|abnormal|suspicious|bright|dark|infected|haemorrhagic|hemorrhagic", re.I)


def _head_after(sentence: str, start: int, label: str, countable: bool, number: str = "") -> bool:
    """The label's own noun one or two words after a count, past its other words or a finding's adjective ("2 liver
    abscesses" of an amoebic liver abscess, "one gallbladder calculus"); a plural structure's noun only past such an
    adjective ("three dilated lateral ventricles", not "about 600 lymph nodes in the body")."""
    last = label.split()[-1]
    if not (countable or last.endswith(("s", "i"))) or re.fullmatch(r"\W*\d+\W*", sentence[:start]):
        return False  # (a list's "1 Liver lesion - ...")
    words = re.findall(r"[\w-]+", sentence[start:start + 60])[:3]
    at = next((k for k, w in enumerate(words) if k and _same_noun(w.lower(), last)), None)
    if at is None:
        return False
    between = [w.lower() for w in words[:at]]
    own = set(label.lower().split())
    if " ".join([number.lower(), *between]) in label.lower():
        return False  # the label's own words ("multiple sclerosis lesion")
    return all(w in own or _MODIFIER.fullmatch(w) for w in between) and \
        (countable or any(_MODIFIER.fullmatch(w) for w in between))


def _same_noun(word: str, other: str) -> bool:
    """One noun in either number ('calculus'/'calculi', 'abscesses'/'abscess', 'ventricle'/'ventricles')."""
    return len(word) >= 5 and word[:6] == other[:6] and abs(len(word) - len(other)) <= 3


def _place_words(label: str) -> set[str]:
    """The words of a finding's label before its head, singular and plural ('breast' of 'left breast carcinoma')."""
    return {w + end for w in label.split()[:-1] for end in ("", "s", "es")}


def count_claims(sentence: str, lexicon: Lexicon) -> list[tuple[int, Claim]]:
    out = []

    def counted_noun(noun: str) -> bool:
        word = noun.lower()
        forms = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word}
        # a lesion's own name counts it ("two nodules"); an organ's does not ("one of the two kidneys")
        return bool(forms & _REGION_NOUNS) or bool(lexicon.countable and lexicon.target_re.fullmatch(noun)
                                                   and word not in _place_words(lexicon.label))

    last = lexicon.label.split()[-1]  # the label's own noun ("clavicles", "hippocampi")
    for m in _COUNT_RE.finditer(sentence):
        if re.search(r"\bhow\s+$", sentence[:m.start()], re.I):
            continue  # "how many pieces": a question, not a count
        if re.search(r"\b(?:mis(?:typed|spoke|stated|wrote|read)|corrected|fixed|changed|edited|amended)\s+$", sentence[:m.start()],
                     re.I):
            continue  # "I mistyped one bit": a part of the text, not of the mask
        if re.search(r"\b(?:of|one\s+of|either\s+of)\s+(?:the|its|your|these|those)\s+$|"
                     r"\b(?:versions?|copies|kinds?|types?|forms?|instead)\s+of\s+$", sentence[:m.start()], re.I) or \
                _BODY_TOTAL.match(sentence, m.end()) or (m.group(1).isdigit() and int(m.group(1)) > 99):
            continue  # "Of the two glands that make cortisol, ...", "600 lymph nodes in the body": anatomy, not the mask
        if re.search(r"[A-Za-z]-$", sentence[:m.start()]):
            continue  # a number in a name: "covid-19 infection"
        if m.group(2).lower() in ("band", "bands") and _DEPLOYED.match(sentence, m.end()):
            continue  # "6 bands were deployed": ligation bands, not band-shaped pieces
        if m.group(2).lower() == "block" and re.search(r"\b(?:summari[sz]e|write|put|give|format|answer|reply|present|list|return|"
                                                       r"output|send)\b[^.?!]{0,40}\bin\s+$", sentence[:m.start()], re.I):
            continue  # "Can you summarise that in one block?": the answer's format, not the mask's pieces
        if re.search(r"\b(?:\d+|one|a)\s+(?:in|out\s+of|of\s+every)\s+(?:every\s+)?$", sentence[:m.start()], re.I):
            continue  # "Fewer than 1 in 1000 fibroid-like growths turn out ...": a rate, not the mask's pieces
        if m.group(2).lower() in ("unit", "units") and (_DOSE.search(sentence) or _GIVEN_UNITS.match(sentence, m.end())):
            continue  # "Heparin 5000 units once the ostium is crossed", "C 2 units running": a dose, blood given
        if _GRADED.search(sentence, 0, m.start()):
            continue  # a category spoken as a number: "the Bosniak one lesions", "grade two", "BI-RADS four"
        if re.search(r"\bthe\s+$", sentence[:m.start()], re.I) and m.group(1).lower() == "one" and \
                re.match(r"\s+(?:that|which|who)\b", sentence[m.end():], re.I):
            continue  # "the one naevus that looks different": which one, not how many
        if m.group(1).lower() in ("several", "many", "multiple", "numerous") and m.group(2).lower() in ("structures", "organs") \
                and not _MASK_CUE.search(sentence):
            continue  # "several structures crowd this slice": the scene, not the mask's pieces
        if re.search(r"\b(?:largest|biggest|smallest|dominant|main|index)\s+$", sentence[:m.start()], re.I):
            continue  # "the largest single nodule is 16 mm": one of them, not how many there are
        only = re.search(r"\b(?:just|only)\s+$", sentence[:m.start()], re.I)  # "only one kidney is highlighted"
        whole = lexicon.target_re and lexicon.target_re.match(sentence, m.start(2))
        full = bool(whole) and len(whole.group(0).split()) >= len([w for w in lexicon.label.split() if w not in ("left", "right")]) > 1 \
            and bool(_MODIFIER.fullmatch(lexicon.label.split()[0]))  # a finding's full name ("inflamed appendix"), not anatomy
        own = (lexicon.countable or full) and whole  # "3 inflamed appendix": the label's full name counted
        named = own and not re.fullmatch(r"\W*\d+", sentence[:m.end(1)]) and \
            own.group(0).lower() not in _place_words(lexicon.label)  # "two thyroid nodules" (not a list's "1 Liver
        # lesion - ...", nor "one breast" of a breast carcinoma: the organ the finding sits in is not the finding)
        # one of a plural label's own organ: "a single clavicle", "one contiguous lung" of the clavicles, the lungs
        named = named or (last.endswith("s") and m.group(1).lower() in ("single", "one", "1") and
                          m.group(2).lower() in (re.sub(r"(?:es|s)$", "", last), last[:-1])) or \
            (m.group(2).lower() == last and last.endswith(("s", "i")) and last != lexicon.label) or \
            (lexicon.countable and _stem(m.group(2)) == _stem(last)) or \
            _head_after(sentence, m.start(2), lexicon.label, lexicon.countable, m.group(1))  # "three adenomas" of an adrenal adenoma
        apart = re.match(r"\s*,\s*(?:separate|distinct|discrete|disconnected)\b", sentence[m.end():], re.I)  # "4 glands, separate"
        then = re.match(r"\s+([a-z]+)\b", sentence[m.end():])  # "a single fluid collection", "one necrotic segment"
        apart = apart or (then and counted_noun(then.group(1)) and _MODIFIER.fullmatch(m.group(2)))
        if not counted_noun(m.group(2)) and not named and not (only and lexicon.target_re and lexicon.target_re.fullmatch(m.group(2))) \
                and not _APART.search(m.group(0)) and not apart:
            continue  # ("three separate organs", "two distinct opacities": pieces apart, whatever the noun)
        if _IDENTIFIES.search(sentence, max(0, m.start() - 30), m.start()):
            continue  # "the clues point to one structure": which structure is meant, not how many pieces
        word = m.group(1).lower()
        if (re.match(r"\s*(?:[\w']+\s+){0,6}?(?:[\w']+\s*)?(?:\band\s|,)\s*(?:one|another|the\s+other|its\s+(?:\w+\s+)?(?:partner|counterpart|twin|fellow|mate))\b(?!\s+of\b)",
                     sentence[m.end():]) and not (word in ("two", "2") and _EACH_SIDE.match(sentence, m.end()))) or \
                re.match(r"\s+(?:(?:lies|lie|sits|sit|is|are)\s+)?(?:(?:(?:on|at|in|for|within|inside)\s+)?(?:each|either|every)|"
                         r"(?:on|in)\s+both|per)\b",
                         sentence[m.end():], re.I) or \
                re.search(r"\bone\b[^.;]*\b(?:and|,)\s*$", sentence[:m.start()], re.I):
            continue  # an enumeration ("one part on the left and one on the right"), not a count
        value = int(word) if word.isdigit() else _COUNTS.get(word, "many")
        if word == "both" or _NAMED_PARTS.match(sentence, m.end()) or _NUMBERED_PARTS.match(sentence, m.end()):
            continue  # "three parts: manubrium, body and xiphoid process" names anatomy, not regions of the mask
        if _COUNTING_RULE.search(sentence, 0, m.start()) or re.match(r"\s+(?:that|which)\b[^.;]{0,40}\bcounts?\s+as\b",
                                                                     sentence[m.end():], re.I) or \
                re.match(r"[^.;]{0,50}\b(?:still\s+)?counts?\s+as\s+(?:one|a\s+single|1)\b", sentence[m.end():], re.I):
            continue  # "anything that touches counts as one piece": how pieces are counted, not how many there are
        if _composition(sentence, m):
            continue  # "the bone fused from five segments", "the organ that has two sections": anatomy, not the mask
        if _SHARE_OF.search(sentence[max(0, m.start() - 16):m.start()]):
            continue  # "in at least 2 of 4 regions": the whole a share is taken of, not a count of the mask
        bound = _COUNT_BOUND.search(sentence, max(0, m.start() - 25), m.start())
        qualifier = next((k for k, v in bound.groupdict().items() if v), "") if bound else ""
        out.append((m.start(), Claim("count", value, qualifier=qualifier, text=m.group(0))))
    for m in [*_COUNT_SPLIT.finditer(sentence), *_OF_THEM.finditer(sentence)]:
        word = m.group(1).lower()
        out.append((m.start(), Claim("count", int(word) if word.isdigit() else _COUNTS.get(word, "many"),
                                     text=m.group(0))))
    for m in _COUNT_WHOLE.finditer(sentence):
        out.append((m.start(), Claim("count", 1, text=m.group(0))))
    for m in _COUNT_WORD.finditer(sentence):
        single = (m.group(1) or "").lower() == "unifocal" or bool(m.group(2))
        out.append((m.start(), Claim("count", 1 if single else "many", text=m.group(0))))
    just_one = _JUST_ONE.match(sentence)
    if just_one:
        out.append((0, Claim("count", 1, text=just_one.group(0))))
    bare = _COUNT_BARE.match(sentence) or _COUNT_N.match(sentence)
    if bare:
        word = (bare.group(1) or bare.group(bare.lastindex)).lower()
        out.append((0, Claim("count", int(word) if word.isdigit() else _COUNTS[word], text=bare.group(0))))
    for m in _COUNT_HYPHEN.finditer(sentence):
        word = m.group(1).lower()
        out.append((m.start(), Claim("count", int(word) if word.isdigit() else _COUNTS[word], text=m.group(0))))
    return out


# a bare number answering a count ("How many pieces?" / "Two pieces, right?" - "One.")
_BARE_NUMBER = re.compile(r"\W*(?:just|only)?\s*(\d{1,2}|" + "|".join(sorted(_COUNTS, key=len, reverse=True)) +
                          r")(?:\s+only)?\s*[.!]?\s*", re.I)
_COUNT_TOPIC = re.compile(r"\bhow\s+many\b|\b(?:pieces?|parts?|regions?|components?|blobs?|islands?|fragments?)\b", re.I)


def bare_count(sentence: str, context: str) -> Claim | None:
    """'One.' after a question or statement about the number of pieces claims that number; alone it says nothing."""
    m = _BARE_NUMBER.fullmatch(sentence)
    if not m or not context or not _COUNT_TOPIC.search(context):
        return None
    word = m.group(1).lower()
    value = int(word) if word.isdigit() else _COUNTS.get(word)
    return Claim("count", value, text=sentence.strip()) if isinstance(value, int) else None


# a count in any noun, for a premise that counted 'them' (not "one thing to correct", "one more")
_COUNT_IN_ANY_NOUN = re.compile(r"\b((?:a\s+|the\s+)?single|(?:just\s+|only\s+)?(?:the\s+)?one|\d|two|three|four|five|six)\s+"
                                r"(?:[\w-]+\s+){0,2}?(?!(?:thing|point|detail|more|of|or|and|in|on)\b)[a-z]{3,}\b", re.I)


def premise_count(sentence: str, claim: Claim) -> re.Pattern | None:
    """A count in the noun of a user's count claim ('two distinct defects', '2 separate necrotic segments', the claim's
    words and up to two after them): its number word, up to two words, then that noun in either number. A reply that
    counts in that noun answers the premise (`echoed_count`), whether or not the noun is one `count_claims` counts."""
    at = sentence.find(claim.text) if claim.text else -1
    words = claim.text or ""
    if at >= 0:
        rest = re.match(r"(?:\s+(?!(?:in|on|at|of|to|and|or|is|are|my|the|this|that|with|for|from|there|here|but|so)\b)"
                        r"[a-z-]+){0,2}", sentence[at + len(claim.text):], re.I)
        words += rest.group(0)
    nouns = re.findall(r"[a-z]{3,}", words.lower())
    noun = nouns[-1] if nouns else ""
    if not noun or noun in ("one", "single", "two", "three", "four", "five", "six"):
        return None  # (the number itself, not a noun)
    if noun in ("them", "they", "these", "those"):  # "with there being 2 of them" - "this image shows a single swelling"
        return _COUNT_IN_ANY_NOUN
    stems = {noun, noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun,
             noun[:-2] if noun.endswith("es") else noun, noun[:-1] + "us" if noun.endswith("i") else noun}
    return re.compile(rf"\b((?:a\s+|the\s+)?single|(?:just\s+|only\s+)?(?:the\s+)?one|\d|two|three|four|five|six)\s+"
                      rf"(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(map(re.escape, sorted(stems, key=len, reverse=True)))})(?:s|es)?\b", re.I)


def echoed_count(sentence: str, echo: re.Pattern) -> Claim | None:
    """The count `sentence` gives in the noun of a premise (`premise_count`), or None."""
    found = echo.search(sentence)
    if not found:
        return None
    word = found.group(1).lower().split()[-1]
    return Claim("count", int(word) if word.isdigit() else _COUNTS[word], text=found.group(0))
