"""Modality: is a claim *asserted* about the target in this image, or only entertained?

QC flags only what the text commits to. A false flag costs reviewer time and discards a good row, while
a claim QC lets through is still checked by the structured `claims` channel and the reviewer; so when
the mood of a statement is in doubt, it is not treated as an assertion. A claim is not asserted when
it sits in:

- a conditional or counterfactual ("if it were on the left ...", "had it appeared on the right ...",
  "were it anterior ...", "suppose ...", "otherwise ..."), but not "even if" / "as if". One that opens
  the sentence governs all of it; one inside a sentence governs its own clause, the consequent after its
  comma and the clause it attaches to, not the earlier main clauses of unpunctuated text ("its on the
  left btw 2 points off if you include the bowel" still asserts the side). A condition on the speaker's own
  reading ("if I'm reading this right", "unless I'm mistaken") is a hedge: what it hedges is asserted;
- a clause with a modal of possibility ("may", "might", "could", "can"): "it may look larger on other
  slices", "it could be mistaken for a left-sided structure"; a request ("could you segment the
  left-sided organ ...?") still asserts what it presupposes. A degree of belief ("likely",
  "probably", "I believe", "I would place it") is still an assertion: a reviewer rejects a row that
  says "most likely on the left" of a right-sided organ;
- a generic statement about anatomy rather than this image ("usually", "typically", "normally", "in
  adults", "sometimes", "often"), but not "as usual" / "as is typical", which affirm this instance;
- a clause that reports another source or time: a previous scan, the referral, the history, what
  was "described" or "mentioned" ("a prior CT described two lesions, but today it is one");
- a clause reporting a belief the writer gave up ("my first instinct was the left side, but on reflection
  ...", "initially I suspected a single blob");
- words in quotation marks, and a clause that reports another person's words or drawing ("you wrote
  \"left-sided\"", "the draft said ...", "last time you drew two blobs");
- a sentence that the next one rejects ("Candidate: It is on the left. Examiner: No, look again.": `rejections`), and a
  clause that the speaker repairs ("on the left, sorry, I mean the right");
- the options of a multiple-choice question ("(a) the patient's left (b) the patient's right");
- a sentence about alternatives: differentials, mimics, what it "could be mistaken for", what was
  "considered";
- an instruction to inspect a place ("check the left side too", "compare with the right"): it says where
  to look, not where the target lies.

The scopes are clauses: the text between clause boundaries (punctuation and conjunctions such as
'but', 'while', 'whereas'), so "it lies on the right, but it may look larger elsewhere" keeps the side.
"""

from __future__ import annotations

import re

from .generic import general_statement

_CLAUSE_END = re.compile(r"[,;:()]|\s[-\u2014]\s|\u2014|\b(?:but|however|although|though|whereas|while|yet|"
                         r"so(?=\s+(?:it|its|the|this|that|these|they|there|we|i|you|a|an)\b)|"  # not "so far anterior"
                         r"because|since(?=\s+(?:it|its|it's|the|this|that|they|there)\b)|which)\b", re.I)
# a condition on the speaker's own reading is a hedge, and what it hedges is asserted: "If I'm reading this right,
# they are in the patient's right half", "If my arithmetic is right, that is 2.8%", "Unless I'm mistaken, ..."
_HEDGE_IF = (r"\s+(?:(?:i'?m|i\s+am)\s+(?:reading|seeing|judging|interpreting)\s+(?:this|it|that|the\s+\w+)\s+(?:right|"
             r"correctly|properly)|(?:i'?m|i\s+am)\s+not\s+(?:mistaken|wrong)|my\s+(?:arithmetic|maths?|memory|reading|eyes?|"
             r"estimate|count)\s+(?:is|are|serves?)\s+(?:me\s+)?(?:right|correct|well|accurate)?|i\s+(?:remember|recall)\s+"
             r"(?:my\s+anatomy|correctly|rightly|right)|i\s+(?:understand|understood|follow|see)\s+(?:(?:you|this|it|that)\s+)?"
             r"(?:correctly|rightly|right))\b")
_HEDGE_UNLESS = r"\s+(?:(?:i'?m|i\s+am)\s+(?:mistaken|missing\s+something|wrong|misreading)|i\s+(?:misread|missed|am\s+off))\b"
# "if you trace it, you'll see it sits on the left" asserts what the reader will see: a condition on looking is
# not a condition on the fact
_CONDITIONAL = re.compile(r"\beven\s+if(?=\s+(?:it|they|this|that|the\s+[\w-]+)\s+(?:had\s+been|were|had\s+\w+ed)\b)|"
                          r"(?<!\beven\s)(?<!\bas\s)\b(?:if(?!\s+you\s+(?:look|looks|trace|follow|check|scroll|zoom|compare|count|measure|"
                          r"examine|inspect|view|review|go|move|glance)\b)"
                          # a condition on relevance, not on the fact: "If it helps to picture it, they are behind the spine"
                          r"(?!\s+(?:it|that|this)\s+helps\b|\s+you(?:'d)?\s+(?:like|want\s+to\s+know|are\s+wondering)\b|"
                          r"\s+you'(?:re|d\s+like)\b)"
                          # "If you find the aorta first, you will see that ...": the reader's step, then what they see
                          r"(?!\s+you\b[^,;.?]{0,80},\s+you(?:'ll|\s+will|\s+can|\s+should|\s+would)?\s+(?:then\s+)?(?:see|notice|"
                          r"find|note|spot|appreciate|observe|recogni[sz]e)\b)" + rf"(?!{_HEDGE_IF})|unless(?!{_HEDGE_UNLESS})|suppose|"
                          r"supposing|imagine|otherwise|whenever|"
                          # a generic condition: "displaced upwards when the collection is big"
                          r"when(?=\s+(?:the|a|an|there)\s+(?:[\w-]+\s+){0,3}?(?:is|are|gets?|becomes?|grows?)\s+(?:big|large|small|"
                          r"huge|massive|tiny|bilateral))|"
                          r"in\s+case|hypothetically)\b|(?:^|(?<=[,:;(])|(?<=[,:;(]\s))\s*(?:had|were|should)\s+(?:it|they|this|that|these|the)\b|"
                          r"\b(?:were|had)\s+it\b", re.I)
_POSSIBLE = re.compile(r"(?<!\bi\s)(?<!\bwe\s)\b(?:may|might|could|can|cannot|can't|couldn't)\b(?!\s+(?:you|we|i|someone)\b)"
                       r"(?!\s+(?:be\s+)?(?:seen|see|identified|spot|spotted|found|find|visualised|visualized|noted|"
                       r"appreciated|count|counted|make\s+out|notice|observe|observed|recogni[sz]e|confirm|confirmed)\b)", re.I)
_GENERIC = re.compile(r"(?<!\bas\s)\b(?:usually|typically|normally|generally|in\s+general|commonly|often|sometimes|"
                      # a share of a population: "in roughly 95% of right-handed people", "a quarter of adults over fifty"
                      r"(?:most|many|some|all)\s+(?:people|persons|adults|patients|children|individuals|humans)|"
                      r"(?:%|percent|per\s+cent)\s+of\s+(?:these|such|all)\s+(?!(?:[\w-]+\s+){0,2}?(?:pixels|voxels)\b)"  # "5 to 10% of these
                      r"(?:[\w-]+\s+){0,2}?[a-z-]+s\b|"  # tumours" (not "0.40% of all pixels", the image's share)
                      # a share as the subject of a plural verb: "Only around 15-20% are dense enough to see on a film"
                      r"\b\d+(?:\.\d+)?(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?\s*(?:%|percent|per\s+cent)\s+(?:are|have|show|become|develop|"
                      r"need|present|progress|recur|turn\s+out|go\s+on)\b|"
                      r"(?:of|among)\s+(?:all\s+)?(?:[\w-]+\s+){0,2}?(?:people|persons|adults|patients|children|men|women|"
                      r"individuals|smokers|the\s+population)|occurs?\s+in|"
                      r"(?:more|less)\s+common\s+than|as\s+common\s+as|"
                      # a side's frequency across patients: "They are about twice as common on the right as on the left"
                      r"(?:(?:twice|\w+\s+times)\s+)?(?:as|more|less)\s+(?:common|frequent|likely|prevalent)\s+(?:on|in)\s+the\s+(?:left|right)\b|"
                      r"commonest|most\s+common|in\s+a\s+(?:small\s+|large\s+)?(?:minority|majority)|"
                      # any patient in a posture: "In a supine patient free pleural air collects anteriorly"
                      r"in\s+(?:a|any|the)\s+(?:supine|erect|upright|prone|standing|seated|sitting|recumbent)\s+patients?|"
                      r"occasionally|frequently|classically|in\s+(?:most\s+)?(?:[\w-]+\s+)?(?:adults|children|people|patients|"
                      r"men|women|males|females|humans|infants|babies|neonates|newborns|toddlers|adolescents|teenagers)|in\s+most\s+(?:cases|people)|tends?\s+to|"
                      # a risk: "Having more than 100 moles raises melanoma risk", "a risk factor for ..."
                      r"(?:raises?|increases?|doubles?|triples?|lowers?|reduces?)\s+(?:the\s+)?(?:[\w-]+\s+)?risk|risk\s+factors?|"
                      r"classic(?:al)?\s+teaching|textbook\s+(?:teaching|finding|sign|picture)|"
                      # criteria: "Milan allows one lesion up to 5 cm or up to three"
                      r"(?:criteria|rule|guideline|classification|score|system)\s+(?:allows?|permits?)|(?:allows?|permits?)\s+(?:up\s+to\s+)?"
                      r"(?:one|two|three|four|five|\d+)\s+(?:lesions?|nodules?|tumou?rs?|metastases))\b", re.I)
# a sentence opened by a population or a rule: "In about 95 percent of right-handed people, language is ..."
_GENERIC_OPENER = re.compile(r"^\W*(?:in|among|for|across)\b[^,;:]{3,80}[,;:]", re.I)
_REPORTED = re.compile(r"\b(?:at\s+(?:that|the)\s+time|back\s+then|at\s+baseline|(?:\d+|a|one|two|three|four|six|several|"
                       r"some)\s+(?:days?|weeks?|months?|years?)\s+ago|last\s+(?:year|month|week))\b|"
                       r"\b(?:previous|prior|earlier|older|old|last|former|outside)\s+(?:scans?|stud(?:y|ies)|exams?|"
                       r"examinations?|ct|mri|reports?|imaging|films?|reads?|time|attempt|draft|version)\b|\b(?:referral|history|"
                       r"request|clinical\s+details|previously)\b|"
                       r"\b(?:report|note|draft|letter|read|referral)\s+(?:says|said|states|stated|reads|read|gives|gave)\b|\b(?:described|reported|documented|mentions?|mentioned|"
                       r"was\s+(?:said|thought|called))\b|"
                       # another person's words or drawing: "you wrote", "the draft said", "you drew two blobs"
                       # another source than this image: "bulky on exam", "palpable clinically"
                       r"\bon\s+(?:clinical\s+|physical\s+|bimanual\s+)?(?:exam|examination|palpation)\b|\bclinically\b|"
                       r"\b(?:(?:you|they|he|she|someone|somebody)|(?:the|my|our|your|a|an|one|another)\s+(?:\w+\s+)?(?:draft|trainee|"
                       r"student|candidate|resident|colleague|registrar|consultant|attending|fellow|friend|doctor|gp|radiologist|"
                       r"surgeon|nurse|reader|reviewer|referrer|clinician|physician|intern|team|tutor|examiner|partner))\s+(?:wrote|said|stated|"
                       r"called\s+it|put|drew|outlined|segmented|marked|labelled|labeled|described|claimed|counted|swapped|"
                       r"mixed\s+up|confused|reversed|flipped)\b", re.I)
# a belief the writer has given up ("my first instinct was the left side, but ...", "initially I suspected a
# single blob"): the clause reports a retracted guess, not the finding
_RETRACTED = re.compile(r"\b(?:(?:my\s+)?(?:first|initial|original)\s+(?:instinct|impression|guess|thought|reading|read|pass|"
                        r"attempt|draft|look)|"
                        r"initially|at\s+first(?:\s+glance|\s+sight)?|originally|"
                        r"I\s+(?:first\s+|initially\s+|had\s+)?(?:thought|suspected|assumed|guessed|expected)|"
                        # an answer's own earlier wording, since edited: "EDIT: I'd first written that it was one piece"
                        r"I(?:'d|\s+had|\s+would)?\s+(?:first|previously|earlier)\s+(?:written|wrote|said|stated|typed|put|claimed)|"
                        # ... "Earlier I said ...", "I typed left by mistake"
                        r"(?:earlier|before|previously|above),?\s+I\s+(?:had\s+)?(?:written|wrote|said|stated|typed|put|claimed)|"
                        r"I\s+(?:had\s+)?(?:typed|wrote|written|said|put|dictated|entered)(?=[^.;]*\b(?:by\s+mistake|in\s+error|wrongly|"
                        r"mistakenly)\b)|"
                        # a wording given up before it was written: "I nearly wrote posterior, but ...", "I was going to say left"
                        r"I\s+(?:nearly|almost)\s+(?:wrote|said|called\s+it|put|typed)|I\s+was\s+(?:about|going)\s+to\s+(?:say|write|call\s+it)|"
                        # a mistake described: "a common slip is to place it to the patient's left of the aorta"
                        r"(?:slip|mistake|error|pitfall|trap|misconception)s?\s+(?:is|are|would\s+be)\s+to|"
                        # ... or a reading framed as others' error or a myth: "Some reviewers call it large",
                        # "It is easy to report two parts here", "Do not say it lies in front", "the myth that ..."
                        r"(?:some|many|other|inexperienced)\s+(?:reviewers|readers|people|students|trainees|residents|"
                        r"observers|beginners)\s+(?:call|describe|label|report|think|say|count|read)|"
                        r"it\s+is\s+easy\s+to\s+(?:report|call|say|think|describe|mistake|miscount|count|read)|"
                        r"(?:do\s+not|don't|never)\s+(?:say|call|report|describe|write)|"
                        r"(?:it\s+is\s+a|the)\s+myth\s+(?:that|is)|"
                        r"it\s+is\s+(?:a\s+)?(?:common(?:ly)?|frequent(?:ly)?)\s+(?:error|mistake|misread\w*))\b", re.I)
_ALTERNATIVES = re.compile(r"\b(?:differentials?|differential\s+diagnos\w+|mimic\w*|mistaken\s+for|confused\s+with|"
                           r"confus\w+|considered|alternatives?|alternatively|look-?alikes?)\b", re.I)


# an instruction to look somewhere ("check the left side too", "compare with the right") names a place to
# inspect, not where the target lies; so does advice to do it ("it is good to compare the left and right side",
# "you should check the other side", "worth comparing both sides")
_ADVICE = (r"(?:(?:it\s+is|it'?s|that'?s)\s+(?:always\s+)?(?:good|useful|helpful|wise|worth|important|best|sensible)\s+"
           r"(?:practice\s+)?(?:to\s+)?|(?:you|we|one)\s+(?:should|could|may|might|can|must|need\s+to)\s+(?:also\s+)?|"
           r"(?:remember|try|be\s+sure)\s+to\s+|don'?t\s+forget\s+to\s+|(?:we\s+)?(?:recommend|suggest)(?:\s+you)?\s+|"
           r"always\s+)")
_INSPECT = re.compile(r"^\s*(?:please\s+|also\s+|now\s+|then\s+)?" + _ADVICE + r"?(?:compar(?:e|ing)\b(?![^.:;]*:\s*\S)|(?:check|look\s+at|inspect|examine|scroll|"
                      r"search|review|double-check)\s+(?:the\s+)?(?:patient'?s\s+)?(?:left|right|other|opposite)\s+"
                      r"(?:side|half|flank|quadrant|hemi\w+)\b|"
                      # a place to search: "look in the midline", "start on the patient's left", "search toward the back"
                      r"(?:look|search|start|begin|scroll)\s+(?:in|on|at|to|toward|towards|along)\s+(?:the\s+)?(?:patient'?s\s+)?"
                      r"(?:midline|cent(?:re|er)|left|right|front|back|top|bottom)(?:\s+(?:side|half|part))?"
                      r"(?=\s*(?:[.;)]|$)|\s*,\s*(?!(?:that|it|there|this|you)\b)|\s+(?:first|instead|too|again|then)\b))", re.I)
# a verdict written after what it judges: "H3: a one-sided structure — rejected: ...", "two pieces (ruled out)"
_VERDICT_AFTER = re.compile(r"\s*(?:[-\u2013\u2014:(]\s*)*(?:(?:rejected|ruled\s+out|excluded|discarded|refuted|not\s+supported|"
                            r"unsupported|incorrect|wrong|false)\b|[\u2717\u2718\u274c])", re.I)


# how a thing looks, which a contrast after it overrules
# (not a hedged statement: "It appears to be left-sided, though I'd confirm ...")
_APPEARANCE = re.compile(r"\b(?:looks?|seems?)\s+(?:like|as\s+(?:if|though))\b|\bat\s+first\s+(?:glance|sight)\b", re.I)
_BUT_AFTER = re.compile(r"\s*(?:[,;\u2014-]\s*)?(?:but|yet|however)\b", re.I)


# quoted words are mentioned, not asserted: 'you wrote "left-sided"', 'the draft said "two regions"'
_QUOTED = re.compile(r"\"[^\"]{1,200}\"|\u201c[^\u201d]{1,200}\u201d|\u2018[^\u2019]{1,200}\u2019|"
                     # single quotes, whose apostrophes inside words ("'on the patient's right'") do not close them
                     r"(?:(?<=[\s(\[])|^)'(?=\w)(?:[^'\n]|'(?=\w)){1,200}?(?<=\S)'(?!\w)")
def clause_span(sentence: str, pos: int) -> tuple[int, int]:
    """(start, end) of the clause around `pos`."""
    starts = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, pos)]
    end = _CLAUSE_END.search(sentence, pos)
    return (starts[-1] if starts else 0), (end.start() if end else len(sentence))


# a new main clause in unpunctuated text ("its small its on the left btw 2 points off if ..."): where the
# scope of a mid-sentence conditional starts at the latest
_RESTART = re.compile(r"\b(?:it|its|it\s+is|they|there|this)\b|\b(?:btw|tbh|fyi|lol|imo|also|plus)\b", re.I)
# (also after a label: "Fun what-if: Suppose it had been on the right only: we would then call it unilateral")
_LEAD = re.compile(r"^\W*(?:[\w' -]{1,40}:\s*)?(?:(?:and|but|so|now|well|note\s+that|remember\s+that|also|then|"
                   r"counterfactually|hypothetically)\W+)*$", re.I)


def _conditional_scopes(sentence: str) -> list[tuple[int, int]]:
    """Spans a conditional governs. One that opens the sentence ("If it were on the left, ...") governs all
    of it; one inside a sentence governs its own clause and, when a comma closes it, the consequent after it
    ("Note that if it were on the right, it would be larger"), and reaches back to the start of the clause it
    attaches to ("it would be on the left if ..."), but not past a clause boundary or a new main clause of
    unpunctuated text ("its on the left btw 2 points off if you segment the bowel")."""
    spans = []
    for m in _CONDITIONAL.finditer(sentence):
        if _LEAD.match(sentence[:m.start()]):
            return [(0, len(sentence))]
        back = [b.end() for b in _CLAUSE_END.finditer(sentence, 0, m.start())]
        back += [r.start() for r in _RESTART.finditer(sentence, 0, m.start())]
        end = _CLAUSE_END.search(sentence, m.end())
        stop = len(sentence) if not end else end.start()
        if end and end.group(0) == ",":
            following = _CLAUSE_END.search(sentence, end.end())
            stop = following.start() if following else len(sentence)
        spans.append((max(back, default=0), stop))
    return spans


# the options of a multiple-choice question ("(a) the patient's left (b) the patient's right (c) both sides")
_OPTION = re.compile(r"(?:^|(?<=[\s(]))\(?([a-eA-E])\)\s+\S")
# a self-repair ("it is on the left, sorry, I mean the right"): the clause before it is taken back
_REPAIR = re.compile(r"(?:[,;]|\s[-\u2013\u2014]|\u2014|\.{3}|\u2026)\s*(?:(?:um+|uh+|er+|erm|so|oh|actually|hmm+|no)[\s,]+)*"
                     r"(?:sorry|I\s+mean|I\s+meant|or\s+rather|rather(?!\s+than)|correction|no\s+wait|no,?\s+no\b|wait|"
                     r"scratch\s+that|make\s+that)\b", re.I)


# an unreal case set by a phrase at the start: "With dextrocardia the apex would point to the right", "In situs inversus
# the spleen would be on the left" (not "In this slice it would be fair to call it small")
_UNREAL = re.compile(r"^\W*(?:(?:um+|uh+|and|also|so|but|now)\W+)*(?:with|without|in|after|given)\s+(?!(?:this|the\s+image|the\s+slice|"
                     r"my\s+view)\b)[^,;]{3,50}?\b(?:would|'d)\s+(?!(?:say|call|put|place|describe|estimate|judge|read|guess|"
                     r"rate|class|grade|be\s+(?:fair|safe|reasonable|accurate|right|correct)))", re.I)


# the consequent of a supposition just made ("Then it would show up on the image's left;") or a question about one
# ("What would a one-sided version look like?")
_CONSEQUENT = re.compile(r"^\W*(?:(?:then|otherwise|in\s+that\s+case|if\s+so)\b[^.;]*\bwould\b|(?:what|how)\s+would\b[^?]*\?\s*$|"
                         # a rule's own terms: "Milan criteria: one tumour up to 5 cm, or up to 3 tumours ..."
                         r"[\w' -]{0,30}\b(?:criteria|classification|guidelines?|staging\s+rules?)\s*:|"
                         # what a class would take: "it'd need like 5% of the image to be big, and it is not there"
                         r"(?:it'?d|it\s+would|they'?d|they\s+would)\s+(?:need|have\s+to|require)\b|"
                         # a counterfactual or a rule for anything: "Under 1% of the frame would have made it small;",
                         # "Anything from 5% of the frame up is large, and this is comfortably there."
                         r"[^.;]{0,60}\bwould\s+have\s+(?:made|been|counted|meant|called)\b|"
                         r"(?:anything|everything|whatever|any\s+(?:mask|region|lesion))\s+(?:from|over|above|under|below|bigger|"
                         r"smaller|larger|of)\b)",
                         re.I)


# a condition written by inversion: "Had the structure been left-sided, it would ...", "Were it on the left, ..."
_INVERTED_IF = re.compile(r"^\W*(?:[\w ]{1,20}:\s*)*(?:had|were)\s+(?:the|this|that|it|they|a|an|its|their|there)\b[^,;?]{0,80},", re.I)


def whole_sentence_unasserted(sentence: str) -> bool:
    """A sentence opened by a conditional (or written as its consequent), a general statement (`generic`), one
    about alternatives, or the options of a multiple-choice question (two or more lettered options): none of its
    claims is asserted."""
    return _conditional_scopes(sentence)[:1] == [(0, len(sentence))] or bool(_ALTERNATIVES.search(sentence)) or \
        bool(_UNREAL.match(sentence)) or general_statement(sentence) or \
        len({m.group(1).lower() for m in _OPTION.finditer(sentence)}) >= 2 or bool(_INVERTED_IF.match(sentence)) \
        or bool(_CONSEQUENT.match(sentence))


# an embedded question asks, it does not say: "tell me whether it is in one piece", "say roughly how much of
# the picture it takes up", and, in a question or request, "summarise where it is"
_EMBEDDED_QUESTION = re.compile(r"\b(?:whether|how\s+(?:much|many|big|large|small|far|wide|extensive|sizeable))\b", re.I)
_EMBEDDED_WHERE = re.compile(r"\b(?:where|which\s+side|what\s+(?:side|size|fraction|share|part|proportion))\s+"
                             r"(?:it|they|this|the\s+\w+)\b", re.I)
_REQUEST = re.compile(r"\?|\b(?:tell|say|describe|summari[sz]e|explain|state|note|report|mention|confirm|check|"
                      r"show|let\s+me\s+know|could\s+you|can\s+you|would\s+you|please)\b", re.I)


def _asks(sentence: str, pos: int) -> bool:
    """Is `pos` inside an embedded question ("could you say whether it is in one piece")?"""
    found = list(_EMBEDDED_QUESTION.finditer(sentence))
    if _REQUEST.search(sentence):
        found += list(_EMBEDDED_WHERE.finditer(sentence))
    for start in (m.start() for m in found if m.start() < pos):
        end = _CLAUSE_END.search(sentence, start)
        if start < pos < (end.start() if end else len(sentence)):
            return True
    return False


# a threshold set at the start: "With more than four deposits, resection becomes less likely"
_THRESHOLD = re.compile(r"^\W*(?:(?:um+|uh+|and|also|so|but)\W+)*(?:with|beyond|above|over|below|under|at)\s+(?:more|fewer|less)\s+"
                        r"than\s+[^,;]{1,40}[,;]", re.I)


# a parenthesis with a subject of its own says something itself: "(it shows as one single piece here)"
_OWN_CLAUSE = re.compile(r"\s*(?:it|they|this|these|that|which|the\s+\w+\s+(?:is|are|lies|sits))\b", re.I)


def asserted(sentence: str, pos: int) -> bool:
    """Is the claim at `pos` asserted (not conditional, possible, generic, asked, or about alternatives)?"""
    threshold = _THRESHOLD.match(sentence)
    if whole_sentence_unasserted(sentence) or (threshold and pos < threshold.end()) or any(q.start() <= pos < q.end() for q in _QUOTED.finditer(sentence)) or \
            any(s <= pos < e for s, e in _conditional_scopes(sentence)) or _asks(sentence, pos):
        return False
    opener = _GENERIC_OPENER.match(sentence)
    if opener and pos >= opener.end() and _GENERIC.search(opener.group(0)):
        return False
    start, end = clause_span(sentence, pos)
    if _REPAIR.match(sentence, end):
        return False  # "on the left, sorry, I mean the right": repaired
    if _VERDICT_AFTER.match(sentence, end):
        return False  # "a left-sided structure — rejected": judged false by its own sentence
    if re.search(r"\b(?:would|could|might)\s+(?:suggest|mean|imply|indicate|point\s+to)\b", sentence[start:pos], re.I):
        return False  # "Its place on the image's left would suggest a left-sided location": an inference offered
    if _APPEARANCE.search(sentence, start, pos) and _BUT_AFTER.match(sentence, end):
        return False  # "It looks like two blobs, but they are joined: one region": a look the sentence overrules
    clause = sentence[start:end]
    if re.search(r"\bbecause\s*$", sentence[:start], re.I) and _GENERIC.search(sentence[clause_span(sentence, start - 8)[0]:start]):
        return False  # "The right kidney usually sits lower because the liver is above it": the reason is as generic
    # a parenthesis glosses the clause before it and shares its mood: "I'd first written that it was small (0.3%)"
    paren = sentence.rfind("(", 0, start)
    glossed = sentence[clause_span(sentence, paren)[0]:paren] if paren >= 0 and not sentence[paren + 1:start].strip(" ,;:") \
        and not _OWN_CLAUSE.match(sentence, paren + 1) else ""
    return not (any(_POSSIBLE.search(c) or _GENERIC.search(c) or _REPORTED.search(c) or _RETRACTED.search(c)
                    for c in (clause, glossed))
                or _INSPECT.match(sentence[start:]) or _INSPECT.match(sentence))
