"""General statements: sentences about a kind, a rule, a scale or a population, not about this image.

"Anything below 1% of the image would be small", "In most right-handed people the left hemisphere carries language",
"Left-sided lesions tend to present later", "Torsion is more common on the right", "The pre-treatment study showed
five nodules", "Think of it as a sponge divided into three rooms": each may hold a side, size or count word, and none
says anything of the target in this image. `modality.whole_sentence_unasserted` asks `general_statement` whether a
whole sentence is one; `states_thresholds` also finds the size scale's bounds inside a parenthesis.
"""

from __future__ import annotations

import re

# a size class defined, not said of the target: "A region under 1% of the image would count as small", "small means
# under 1%", "1-5% is medium"
_DEFINITION = re.compile(r"^\W*(?:[A-Za-z ]{1,20}[:,]\s*)?(?:(?:a|an|any|anything|one|each|every|regions?|masks?|structures?)\s+"
                         r"(?:\w+\s+){0,2}?(?:under|below|over|above|less\s+than|more\s+than|between|of\s+(?:under|over))\b"
                         r"[^;]{0,40}?\b(?:counts?\s+as|would\s+(?:count|be\s+(?:called|classed|counted))|(?:is|are)\s+(?:called|classed)|"
                         r"(?:is|are)\s+(?:small|medium|large|big)\s+(?:by|under|according\s+to)\b)|"
                         r"(?:small|medium|large|big)\s+(?:means|is\s+defined\s+as|=)|"
                         r"\d+(?:\.\d+)?\s*%?\s*(?:-|\u2013|to)\s*\d+(?:\.\d+)?\s*%\s+(?:is|=|means|counts\s+as)\s+(?:small|medium|large))",
                         re.I)


# the size classes' thresholds stated, with no subject of this image: "For reference, anything below 1% of the image would
# be small and 5% or larger", "(Here small means under 1% of the image and large means 5% or more.)", "5% or more is large
# on this scale", "Size classes: small below 1%, medium from 1% up to 5%, large from 5%."
_BOUNDED_PERCENT = re.compile(r"\b(?:under|below|over|above|less\s+than|more\s+than|at\s+least|from|up\s+to)\s+"
                              r"(?:~\s*|\u2248\s*|(?:about|around|roughly|approximately)\s+)?[\d.]+\s*%|"
                              r"[\d.]+\s*%\s*(?:or|and)\s+(?:more|larger|above|over|less|smaller|below|under|up)\b|"
                              r"[\d.]+\s*%\s*(?:plus\b|\+|upwards?\b)|\b[\d.]+\s*%?\s*(?:-|\u2013|to)\s*[\d.]+\s*%", re.I)
_CLASS_WORD = re.compile(r"\b(?:small|medium|large|big)\b", re.I)
_OF_THIS_IMAGE = re.compile(r"\b(?:it|it'?s|its|they|they'?re|this(?!\s+scale)|these|the\s+(?:mask|region|segmentation|target|lesion|structure|"
                            r"organ|outline|highlighted\s+\w+|segmented\s+\w+))\b", re.I)
# a bound as the subject of a class: "5% or more is large", "anything over 5% counts as large"
_BOUND_IS_CLASS = re.compile(r"%\s*(?:(?:or|and)\s+(?:more|larger|above|over|less|smaller|below|under|up)\s+)?(?:of\s+(?:the\s+)?\w+\s+)?"
                             r"(?:(?:would|will|should)\s+)?(?:is|are|be|=)\s+(?:\w+\s+)?(?:small|medium|large|big)\b", re.I)


_WOULD_BE_CALLED = re.compile(r"\b(?:it|they)\s+(?:would|will|'d)\s+(?:be\s+called|count\s+as|be\s+classed\s+as|be)\b", re.I)
_CLEFT = re.compile(r"^\W*it\s+is\s+(?:by|on|through|from)\b[^.;]{0,60}?\bthat\b", re.I)


def states_thresholds(sentence: str) -> bool:
    """Two bounds, or one with a verb that defines ("means", "would be") or as the subject of a class ("5% or more is
    large"); a class word and no subject of this image ("small (<1% of slice)" is a terse claim, not a definition)."""
    if _OF_THIS_IMAGE.search(_WOULD_BE_CALLED.sub("", _CLEFT.sub("", sentence))):  # (not the dummy 'it' of "It is by share
        # ... that size is graded", nor "Under 1% of the image it would be called small")
        return False
    bounds = len(_BOUNDED_PERCENT.findall(sentence))
    return bounds >= 1 and bool(_CLASS_WORD.search(sentence)) and \
        (bounds >= 2 or bool(_DEFINES.search(sentence)) or bool(_BOUND_IS_CLASS.search(sentence)))


_DEFINES = re.compile(r"\b(?:means?|would\s+be|counts?\s+as|(?:is|are)\s+(?:called|defined|classed)|qualif\w+|on\s+this\s+scale|"
                      r"by\s+(?:this|our|the|that)\s+(?:scale|convention|definition|yardstick|rule))\b", re.I)




# what any such thing can do: "A single lobulated metastasis cut through its waist can show as two islands", "A lobulated
# polyp seen at an angle can look like two"
# a reminder before a rule: "Keep in mind that a single lesion can be large in millimetres while ..."
_REMINDER = r"(?:(?:(?:keep|bear)\s+in\s+mind|remember|note|recall)\s+(?:that\s+)?)?"
_INDEFINITE_CAN = re.compile(r"^\W*(?:[\w ]{1,20}:\s*)?(?:(?:for|by)\s+(?:comparison|reference|contrast),\s*)?" + _REMINDER + r"(?:a|an|any)\s+[^,;:]{0,80}?\b(?:can|may|will|could|might|would)\s+"
                             r"(?:\w+\s+)?(?:show|look|appear|be|become|merge|split|count|seem|mimic|hide|cause|give|produce|fill|"
                             r"cover|occupy|take\s+up|reach|measure)\b|"
                             # ... or does: "A thalamic stroke on one side causes numbness of the opposite half"
                             r"^\W*(?:[\w ]{1,20}:\s*)?(?:a|an|any)\s+[^,;:]{0,60}?\b(?:causes|produces|leads\s+to|results\s+in|"
                             r"impairs|damages)\b|"
                             # ... or is the teaching: "A left-sided effusion after oesophageal rupture is classic teaching"
                             r"^\W*(?:[\w ]{1,20}:\s*)?(?:a|an|any)\s+[^;:]{0,80}?\b(?:is|are)\s+(?:a\s+)?(?:classic(?:al)?|typical|"
                             r"textbook|well[\s-]known)\s*(?:teaching|finding|sign|association|pattern|presentation|example)?\b",
                             re.I)
# another study than this one: "The pre-treatment study showed five nodules", "The report from the three-month study listed"
_PRIOR_STUDY = re.compile(r"^\W*(?:[\w ]{1,20}:\s*)?(?:the|a|an|on\s+the|in\s+the|at\s+the)\s+(?:[\w-]+\s+){0,3}?(?:pre-?treatment|"
                          r"prior|previous|baseline|earlier|initial|old|comparison|[\w-]+-(?:month|week|year))\s+(?:study|scan|exam|"
                          r"examination|ct|mri|mr|film|report|imaging)\b|"
                          # "On the prior only the left side was involved", "At baseline there were two lesions"
                          r"^\W*(?:(?:on|in|at)\s+(?:the\s+)?(?:prior|previous|baseline|last|earlier)(?:\s+(?:one|time|visit))?|"
                          r"previously|at\s+baseline|last\s+time)\b(?!\s+(?:study|scan|exam|ct|mri|mr)\b)(?![^.;]*\b(?:now|currently|today|"
                          r"this\s+time|at\s+present|whereas|but)\b)", re.I)  # ("previously two, now three": the current too)
# a scheme's rule: "The Milan criteria allow a transplant with one lesion up to 5 cm", "A connected-component count treats
# pixels that touch as one piece"
_RULE_SUBJECT = re.compile(r"^\W*(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:criteria|guidelines?|rules?|classification|system|"
                           r"score|count|algorithm|definition|convention)\s+(?:allows?|requires?|defines?|states?|says?|permits?|"
                           r"considers?|counts?|classif(?:y|ies)|treats?|merges?|splits?)\b", re.I)
# what a structure usually does: "The right kidney usually sits 1-2 cm lower than the left"
# ("They are small growths on the inside of the bowel, usually removed during the test": what such things usually undergo)
_HABITUAL = re.compile(r"\b(?:usually|normally|typically|generally|tends?\s+to)\s+(?:sits?|lies?|is|are|lie|sit|runs?|lives?|"
                       r"removed|found|seen|detected|treated|benign|harmless|asymptomatic)\b", re.I)
_THIS_IMAGE = re.compile(r"\b(?:here|this\s+(?:slice|image|scan|picture|patient|study)|in\s+the\s+mask|the\s+mask|today|now)\b",
                         re.I)


# a rule about any such thing: "A large unilateral lucency without markings would raise a pneumothorax", "Patchy opacity
# in one zone would suggest consolidation", "A solitary lesion should make you think of a primary"
_INDEFINITE_MODAL = re.compile(r"^\W*(?:[\w ]{1,20}:\s*)?" + _REMINDER + r"(?!(?:it|they|this|these|that|those|the|its|their|there|we|you|i)\b)"
                               r"(?:(?:a|an|any)\s+)?[a-z-]+(?:\s+(?!(?:would|should|could|might|must)\b)[\w'-]+){0,8}?\s+"
                               r"(?:would|should|could|might|must)\s+(?:(?:also|usually|typically|far|much|more|most|then|instead|likely|probably)\s+)*"
                               r"(?:raise|suggest|mean|indicate|point|favou?r|imply|make|prompt|be\s+(?:more\s+)?(?:likely|a|an|the))\b", re.I)


# a kind's usual picture, said of an indefinite subject: "An isolated right-sided one is the classic pattern in heart
# failure", "A bilateral one would be typical of ..."
_KIND_NORM = re.compile(r"^\W*(?:an?|any)\s+(?:[\w-]+\s+){0,4}?(?:one|ones|[a-z-]{3,})\s+(?:is|are|would\s+be)\s+(?:the\s+|a\s+|more\s+|most\s+)?"
                        r"(?:classic(?:al)?|typical|textbook|usual|commonest|common|rarer|unusual)\b", re.I)
# a class's cut-off: "A rim of 2 cm is the usual cut-off for a large one"
_CUT_OFF = re.compile(r"\b(?:cut-?off|threshold)\s+for\s+(?:a|an|the)\b", re.I)
# an analogy: "Think of it as a sponge divided into three rooms", "Picture it like a ..."
_ANALOGY = re.compile(r"^\W*(?:(?:so|just|now)\W+)?(?:think\s+of|picture|imagine)\s+(?:it|them|this|these)\s+(?:as|like)\s+(?:a|an)\b", re.I)
# a share of a group or of another thing's quantity, which says nothing of this mask: "a large share of them are
# bilateral", "most of these are small", "About two thirds of the heart's mass lies left of the midline"
_SHARE_OF_THEM = re.compile(r"^\W*(?:about\s+|roughly\s+|around\s+|nearly\s+|almost\s+)?(?:two|one|a)[\s-]+(?:thirds?|quarters?|half|fifths?)\s+of\s+"
                            r"the\s+[\w-]+'s\s+(?:mass|volume|weight|length|blood\s+supply)\b|"
                            r"\b(?:a\s+(?:large\s+|small\s+|high\s+|low\s+|good\s+)?(?:share|proportion|fraction|percentage|number|"
                            r"majority|minority)|most|many|some|half|a\s+third|a\s+quarter)\s+of\s+(?:them|these|those|cases|"
                            r"patients)\s+(?:are|is|have|has|show|lie|occur)\b", re.I)



# a lead that makes the whole sentence textbook knowledge: "In general the heart sits in front, mostly left of the
# midline", "In the atlas it lies ...", "Textbook: ..."
_GENERIC_LEAD = re.compile(r"^\W*(?:[A-Za-z][\w ]{0,40}:\s*)?(?:in\s+general|generally|typically|as\s+a\s+rule|normally|"
                           r"in\s+(?:the\s+|a\s+|most\s+)?(?:reference\s+)?(?:atlas|atlases|textbooks?)|"
                           r"textbook(?:\s+anatomy)?\s*:|mnemonic(?=\s*:)|"
                           # a population: "In most right-handed people the left hemisphere carries language"
                           r"in\s+(?:most|many|some|all|nearly\s+all|almost\s+all)\s+(?:[\w-]+\s+){0,2}?(?:people|patients|adults|"
                           r"children|men|women|cases|individuals|humans|cells)\b|"
                           # any film of a kind: "On a supine film air collects anteriorly", "On a normal axial abdomen it ..."
                           r"on\s+(?:a|an|any)\s+(?:[\w-]+\s+){0,2}?(?:film|radiograph|x-?ray|scan|image|ct|mri|view|slice|"
                           r"abdomen|chest|brain|head|pelvis)\b(?!\s+(?:like|such\s+as)\s+this))\b", re.I)
# a frequency across patients: "Torsion is more common on the right", "Tumours are commoner in the upper lobes"
_FREQUENCY = re.compile(r"\b(?:(?:(?:is|are)\s+|,\s*)(?:much\s+|far\s+|slightly\s+|a\s+(?:little|bit)\s+)?(?:more|less)\s+"
                        r"(?:common|frequent|usual|often\s+seen)|"
                        r"(?:is|are)\s+commoner|(?:occurs?|happens?|arises?)\s+(?:more|less)\s+(?:often|commonly|frequently))\b", re.I)


# a rate in a population is knowledge, not this image: "Inhaled foreign bodies go to the right side in about 60% of
# cases", "Dextrocardia, with the apex on the right, occurs in about 1 in 12,000 people"
_POPULATION_RATE = re.compile(r"\bin\s+(?:about\s+|roughly\s+|around\s+|up\s+to\s+|some\s+|over\s+|nearly\s+|almost\s+|~\s*)?"
                              r"(?:\d+(?:\.\d+)?\s*%|a\s+(?:third|quarter|half|fifth|tenth)|half|most|two-thirds)\s+of\s+(?:all\s+)?"
                              r"(?:cases|people|patients|adults|children|individuals|men|women|infants|subjects|the\s+population|"
                              r"(?:their|the|our|this|that)\s+(?:[\d,]+\s+)?(?:cohort|sample|series|patients|cases|dataset))\b|"
                              r"\b(?:1|one)\s+in\s+(?:every\s+)?[\d,]+\s+(?:people|adults|births|children|individuals|patients|persons)\b|"
                              # "About 5% of these cancers are found on both sides"
                              r"^\W*(?:about|around|roughly|only|some|nearly|approximately|up\s+to)?\s*\d+(?:\.\d+)?\s*%\s+of\s+"
                              r"(?:these|such|all)\s+[a-z]+",
                              re.I)


# a bare plural as the subject of a habit or of care is a kind, not this image's finding: "Solitary metastases are
# treated very differently from multiple ones", "Left-sided lesions tend to present later"
_GENERIC_PLURAL = re.compile(r"^\W*(?![Tt]he\b|[Tt]hese\b|[Tt]hose\b|[Tt]heir\b|[Ii]ts\b|[Bb]oth\b|[Aa]ll\b)(?:[A-Za-z-]+\s+){0,2}[a-z-]{3,}(?:s|i|ae)\s+"
                             r"(?:tend\s+to|usually|typically|often|commonly|generally|are\s+(?:usually\s+|often\s+|typically\s+)?"
                             r"(?:treated|managed|removed|resected|operated|biopsied|followed|staged|graded|more\s+likely))\b|"
                             # ... or a bare plural with a population: "Heart-failure effusions are bilateral in most patients"
                             r"^\W*(?![Tt]he\b|[Tt]hese\b|[Tt]hose\b|[Tt]heir\b|[Ii]ts\b|[Bb]oth\b|[Aa]ll\b|[Tt]hey\b)(?:[A-Za-z-]+\s+){0,2}"
                             r"[a-z-]{3,}(?:s|i|ae)\s+(?:are|is)\b[^.;]*\bin\s+(?:most|many|some|the\s+majority\s+of)\s+"
                             r"(?:patients|people|adults|cases|children)\b")


# a quantified kind compared in general: "Many deposits are darker than the background in the portal venous phase",
# "Most cysts look brighter than the cortex"
_QUANTIFIED_KIND = re.compile(r"^\W*(?:[^:]{0,40}:\s*)?(?:many|most|some|several|numerous|multiple)\s+(?:[a-z-]+\s+)?[a-z-]{3,}(?:s|i|ae)\s+"
                              r"(?:are|look|appear|tend\s+to\s+be|seem)\s+(?:much\s+|slightly\s+|a\s+bit\s+)?(?:[a-z]+er|more\s+[a-z]+|"
                              r"less\s+[a-z]+)\s+than\b|"
                              # ... or said to look a size at all: "Most solid organs look large on the slice through their
                              # widest part" (not "Several nodules are large", of this image's pieces)
                              r"^\W*(?:[^:]{0,40}:\s*)?(?:most|many)\s+(?:[a-z-]+\s+)?[a-z-]{3,}(?:s|i|ae)\s+(?:are|look|appear|seem|"
                              r"tend\s+to\s+(?:be|look))\s+(?!(?:seen|present|visible|noted|identified|shown|outlined|segmented|"
                              r"highlighted|marked|scattered|found|detected)\b)", re.I)


# a study's method, said of its units by a bound: "Components below 0.2% of the image area were discarded as noise",
# "Large structures (over 5% of the slice) were scored separately", "Scans with more than 9 lesions were excluded"
_METHOD = re.compile(r"^\W*(?:[^:]{0,40}:\s*)?(?:for\s+context,\s*)?(?!(?:the|these|those|their|its|both|all|one|two|three|four|"
                     r"five|six|\d+)\b)(?:[A-Za-z-]+\s+){0,2}?(?:scans|images|cases|patients|slices|studies|components|structures|"
                     r"lesions|regions|masks|objects|volumes|subjects|series|islands|blobs)\b(?:[^.;]|\.(?=\d)){0,60}?\b(?:were|are|will\s+be|had\s+been)"
                     r"\s+(?:\w+ly\s+)?(?:excluded|discarded|removed|dropped|filtered|scored|counted|included|kept|retained|"
                     r"analy[sz]ed|ignored|merged|evaluated|reported|stratified|grouped)\b", re.I)
# another study's finding, cited: "The median lesion in Park et al. (2024) covered 7% of the slice"
_CITED = re.compile(r"\b(?:in|by|from|per)\s+[A-Z][\w'-]+\s+et\s+al\b|\b[A-Z][\w'-]+\s+et\s+al\.?\s*(?:\(\d{4}\)\s*)?"
                    r"(?:reported|report|describe[sd]?|found|find|showed|show|observed|noted)\b")


def general_statement(sentence: str) -> bool:
    """A definition or the size scale's thresholds, a textbook or population lead, a rate or frequency across
    patients, a bare plural's habit, a rule or scheme as the subject, what any such thing can do or would suggest,
    another study than this one, a structure's habit not tied to this image, "and vice versa", an analogy, a share
    of a group, a class's cut-off, a quantified kind compared in general, a study's method, another study cited."""
    return bool(_DEFINITION.match(sentence)) or states_thresholds(sentence) or bool(_GENERIC_LEAD.match(sentence)) \
        or bool(_POPULATION_RATE.search(sentence)) or bool(_GENERIC_PLURAL.match(sentence)) \
        or bool(_INDEFINITE_MODAL.match(sentence)) or bool(_FREQUENCY.search(sentence)) or bool(_RULE_SUBJECT.match(sentence)) \
        or bool(_INDEFINITE_CAN.match(sentence)) or bool(_PRIOR_STUDY.match(sentence)) or bool(_KIND_NORM.match(sentence)) \
        or bool(_HABITUAL.search(sentence) and not _THIS_IMAGE.search(sentence)) \
        or bool(re.search(r",?\s+and\s+vice\s+versa\W*$", sentence, re.I)) \
        or bool(_ANALOGY.match(sentence)) or bool(_SHARE_OF_THEM.search(sentence)) or bool(_CUT_OFF.search(sentence)) \
        or bool(_QUANTIFIED_KIND.match(sentence) and not _THIS_IMAGE.search(sentence)) or bool(_METHOD.match(sentence)) \
        or bool(_CITED.search(sentence))
