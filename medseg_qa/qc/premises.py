"""Questions, premises and alternatives: which part of a question asserts something about the target, and
which sentences speak of an alternative instead of it.

A question mostly asks ("Is it on the left?", "How big is it?") and asserts nothing, but several forms take a
fact as given, and a conversation's false claims hide there as often as in answers: "Why is it so large?",
"Given that it is on the left, ...", "Is it normal for it to sit on the right?". `premises` turns such a
sentence into the statements it presupposes; `asks_only` says whether what is left only asks; `offered_from`
is where a question starts offering alternatives ("left or right?"), after which nothing is asserted;
`about_an_alternative` tells a sentence about an answer option ruled out or a candidate just rejected.
"""

from __future__ import annotations

import re

from .clauses import is_yes_no_question
from .modality import clause_span, whole_sentence_unasserted

# an open question asks; "why" does not ("Why is it so large here?" presupposes that it is large), unless it
# wonders ("Why would it be on the right?")
_OPEN_QUESTION = re.compile(r"^\s*(?:(?:so|and|but|in|on|at|of|by|to|from|with)\s+)?(?:how|where|when|"
                            r"why\s+(?:would|should|might|could|may)|"
                            r"what\s+(?:is|are|does|do|size|fraction|share|part))\b", re.I)
# a yes/no question about how to judge a fact takes the fact as given: "Is it normal for it to sit on the
# right like this?", "Is it a problem that it is in two pieces?"
_PRESUPPOSING = re.compile(r"^\s*(?:and\s+|so\s+)?(?:is|isn't|is\s+not)\s+it\s+(?:normal|usual|typical|expected|common|"
                           r"unusual|odd|strange|worrying|concerning|okay|ok|fine|bad|a\s+problem|a\s+concern)\s+"
                           r"(?:for\s+(it|the\s+\w+|this\s+\w+)\s+to|that(?=\s+(?:it|its|the|this|these|they|they're)\b))\s*", re.I)
# a reason given before a question or a statement asserts what it gives: "Given that it is on the patient's
# left, could it be mistaken for something else?", "Since it lies in front of the aorta, which ...?"
_GIVEN = re.compile(r"^\s*(?:given\s+that|since|as|seeing\s+that|now\s+that|considering\s+that|because)\s+"
                    r"(?:(?:on|in)\s+this\s+(?:image|slice|scan|picture|film|frame)\s*,?\s+)?"  # "Since on this image it sits ..."
                    r"((?:it|its|it's|they|they're|this|these|the|there\s+(?:is|are)|there's)\b[^;?\u2014]+?)(?:,|\s*\u2014)\s*"
                    r"(?=(?:what|how|why|could|would|should|can|"
                    r"is|are|does|do|will|may|might|then|so|i|we|you|it|they|this|that|the|a|an|there|he|she|left|right|"
                    r"which|where|anything|any|and|or|please|tell|sorry|okay|ok|quick)\b)", re.I)
# ... and spoken without its comma: "so as it's on the right what's the next step", "okay given it's on the right anything
# else I should mention", "right since there are two separate pieces anything else"
_GIVEN_SPOKEN = re.compile(r"^\s*(?:(?:so|okay|ok|right|and|well|hmm)\s+)*(?:given\s+that|given|since|as|seeing\s+that|now\s+that)\s+"
                           r"((?:it|its|it's|they|they're|there's|there\s+(?:is|are)|the)\b[^;?,.]+?)\s+(?=(?:what|what's|how|why|"
                           r"could|would|should|can|anything|any|do|does|is|are|will|shall)\s+\w+)", re.I)
# an indicative 'if' before a question about this image states its premise ("If it covers about 4% of the image, does that
# sound right?", "If it is three separate foci, is it more to the front?"); a counterfactual or a modal only wonders
_IF_PREMISE = re.compile(r"^\s*if\s+((?:it|they|the\s+mask|this)(?:'s|\s+is|\s+are|\s+covers|\s+has|\s+have|\s+sits|\s+lies|"
                         r"\s+takes|\s+measures|\s+shows|\s+are\s+taking|'re\s+taking|'s\s+taking|\s+is\s+taking)\b[^;?\u2014]+?)"
                         r"(?:,|\s*\u2014)\s*(?=[^?]*\?\s*$)", re.I)
# a statement, a dash, then the question it leads to: "OK so it's on the left -- what approach would you think about?"
_DASHED_PREMISE = re.compile(r"^\s*(?:(?:ok(?:ay)?|so|and|right|well|then)\b[,\s]*)*((?:it|it's|they|they're|this|the\s+mask|"
                             r"there\s+(?:is|are))\b[^?\u2014;]+?)\s*\u2014\s*(?=(?:what|how|why|could|would|should|can|is|are|"
                             r"does|do|any|anything|which|where|then|so)\b[^?]*\?\s*$)", re.I)
# a participle before a question gives its state as true: "Being mid-sized, does it need surgery?"
_BEING = re.compile(r"^\s*(?:(?:so|and|ok(?:ay)?|well)\W+)*being\s+([^,;?]{2,60}?),\s*(?=(?:what|how|why|could|would|should|can|is|are|"
                    r"does|do|will|any|anything|which|where)\b[^?]*\?\s*$)", re.I)
# a count as the circumstance of a question: "so with there being two of them will he need an op??", "He says: with only
# the one, will there be an operation?"
_WITH_COUNT = re.compile(r"^\s*(?:[A-Za-z'-]+\s+(?:says|asks|wants\s+to\s+know)\s*:\s*)?(?:(?:so|and|ok(?:ay)?|well)\W+)*with\s+"
                         r"(?:there\s+being\s+)?((?:only\s+|just\s+)?(?:the\s+one|a\s+single|a\s+solitary|one|two|three|four|five|"
                         r"six|\d+|several|multiple)"
                         r"(?:\s+of\s+them|(?:\s+[a-z-]+){1,2}?(?=\s*[,\u2014]))?)\s*[,\u2014]?\s+(?=(?:what|how|why|could|would|"
                         r"should|can|is|are|does|do|will|any|anything|which|where)\b[^?]*\?+\s*$)", re.I)
# a size as the circumstance of a question: "For something this huge \u2014 what would you put in the impression?"
_FOR_SOMETHING = re.compile(r"^\s*(?:[A-Za-z'-]+\s+(?:says|asks)\s*:\s*)?(?:so\s+)?for\s+(?:something|a\s+(?:lesion|finding|thing)|one)\s+"
                            r"(?:this|that|so)\s+([a-z]+)\s*[,\u2014]\s*(?=[^?]*\?+\s*$)", re.I)
_UNREAL_IF = re.compile(r"\b(?:would|could|might|were|had\s+been|'d)\b", re.I)
# "Given how tiny it is here, should I worry?" gives the size as true
_GIVEN_HOW = re.compile(r"^\s*(?:(?:and|so|but|also)\s+)?(?:given|seeing|considering)\s+how\s+((?:[\w-]+\s+)?[\w-]+)\s+"
                        r"(it|they|this\s+\w+)\s+(?:is|are|looks?|seems?|appears?|sits?|lies?)\b[^,;?]*,\s*", re.I)
# "Why does it sit so far anterior?" asks about a fact it takes as given: "It sits so far anterior."
_WHY_IS = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?why\s+(is|are)\s+(it|they|both\s+sides|this\s+\w+|the\s+\w+)\s+"
                     r"([^?]+?)\s*\?\s*$", re.I)
# ... also with a long subject before a verb of place: "Why does the finding that may be the nodes sit so far back?"
_WHY_DOES_LONG = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?why\s+(?:does|did)\s+((?:the|this|that)\s+[^?]{1,150}?)\s+"
                            r"(sit|lie|appear)\b(?=[^?]*\?\s*$)", re.I)
_WHY_DOES = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?why\s+(?:does|did)\s+(it|this\s+\w+|the\s+\w+)\s+([a-z]+)\b", re.I)
BARE_RIGHT = re.compile(r"\s*right\s*[.!;,]?\s*", re.I)  # "Right." opening a turn: assent, or a side if asked
ASKS_SIDE = re.compile(r"\b(?:side|sided|left|right|where|which\s+half|lateral\w*)\b", re.I)
_SIDE_OPTIONS = re.compile(r"\b(?:the\s+)?(?:patient'?s\s+)?(?:left|right)(?:[\s-]+(?:side|sided))?\s+or\s+(?:the\s+)?"
                           r"(?:patient'?s\s+)?(?:left|right)\b", re.I)
_SPEAKER = re.compile(r"^\s*(?:Dr\.?\s+)?[A-Z][A-Za-z]{0,20}(?:\s+[A-Z][A-Za-z]{0,20})?\s*:\s+")
_ALTERNATIVE_QUESTION = re.compile(r"^[^?]*\bor\b[^?]*\?\s*$", re.I)


_PREMISE_LEAD = re.compile(r"^\W*(?:given|since|because|as|now\s+that|seeing\s+that)\b[^,;?]*[,;]\s*", re.I)
_OPTION_LIST = re.compile(r"\b[\w'-]+(?:\s*,\s*(?!(?:so|then|i|it|we|you|they)\b)[\w'-]+(?:\s+[\w'-]+)?)+,?\s+or\s+[\w'-]+", re.I)


# a short lead before a question: "Quick follow-up: ...", "One more thing: ...", "And one more: ..."
_LEAD = re.compile(r"^\s*(?:[A-Za-z'-]+[\s,]+){0,3}[A-Za-z'-]+\s*:\s+(?=[A-Z])")
# a why-question about where it would be presupposes its fact ("Why would it be on the right in my case?")
_WHY_HERE = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?why\s+(?:would|might|could|should|do)\s+(it|they|this\s+\w+)\s+"
                       r"(be|sit|lie|appear|look)\s+(.+?)(?:,?\s+(?:in\s+(?:my|your|his|her|their|this|our|the)\s+case|here|"
                       r"(?:on|in)\s+this\s+(?:scan|slice|image|picture|view|study)|then))?\s*\?\s*$", re.I)
# "How come it sits behind the aorta?" asks why, and takes the fact as given
_HOW_COME = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?how\s+come\s+([^?]+?)\s*\?\s*$", re.I)
# a which-question's description set off by commas is what the asker takes as given
_WHICH_DESCRIBED = re.compile(r"^\s*(?:\w+\s+){0,4}?which\s+(?:[\w-]+\s+){0,3}?([\w-]+),\s+((?:seen|lying|sitting|located|"
                              r"placed|found|positioned|large|small|tiny|huge|medium|big|covering|taking|occupying|split|"
                              r"divided|made|formed|broken|in|on|at|to)\b[^,?]{3,100}),\s+", re.I)
_MEANS_THAT = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:what\s+(?:does|would|could)\s+it\s+mean|why\s+does\s+it\s+matter|"
                         r"is\s+it\s+(?:a\s+problem|bad|normal|significant|important))\s+that\s+(.+)$", re.I)
_OPINION = re.compile(r"^\s*(?:\w+,\s*)?(?:my|our)\s+(?:best\s+)?(?:guess|impression|read|reading|sense|feeling|estimate|"
                      r"take|view|opinion)\s+is\s+(?:that\s+)?", re.I)


def without_opinion(sentence: str) -> str:
    """'My guess is that it is on the right' -> 'it is on the right': the speaker's frame hedges what it asserts."""
    return _OPINION.sub("", sentence, count=1)


def bare_assent(sentence: str, context: str) -> bool:
    """'Right.' opening an answer assents, unless the question asked for a side."""
    return bool(BARE_RIGHT.fullmatch(sentence)) and not ASKS_SIDE.search(context)


def premises(sentence: str) -> list[str]:
    """The sentences that `sentence` stands for: the premise and the rest of a 'given ...' lead, a why-question
    read as the statement it presupposes, a judged fact without its frame; `[sentence]` when it is none."""
    means = _MEANS_THAT.match(sentence)  # "What does it mean that the mask is two separate regions?" gives it as true
    if means:
        return [means.group(1).rstrip("?").rstrip() + "."]
    described = _WHICH_DESCRIBED.match(sentence)  # "Which lesion, seen as two separate pieces, looks like ...?"
    if described:
        verb = "are" if described.group(1).lower().endswith("s") else "is"
        return [f"It {verb} {described.group(2)}.", sentence[:described.start(2)] + sentence[described.end(2) + 1:]]
    lead = _LEAD.match(sentence)  # "Quick follow-up: Isn't it odd that ...?", "One more thing: given how ..."
    if lead:
        parts = premises(sentence[lead.end():])
        if parts != [sentence[lead.end():]]:
            return parts
    how = _GIVEN_HOW.match(sentence)
    if how:
        where = how.group(1).lower().startswith(("far ", "so far")) or how.group(1).lower() in ("high", "low", "deep")
        return [f"{how.group(2)} {'lies' if where else 'is'} {how.group(1)}.", sentence[how.end():]]
    why_is = _WHY_IS.match(sentence)  # "Why is it bilateral here?", "Why are both sides involved?"
    if why_is:
        return [f"{why_is.group(2)} {why_is.group(1)} {why_is.group(3)}."]
    why = _WHY_DOES_LONG.match(sentence) or _WHY_DOES.match(sentence)
    if why:
        verb = why.group(2)
        sentence = f"{why.group(1)} {verb if verb.endswith('s') else 'has' if verb == 'have' else verb + 's'}" + \
            sentence[why.end():].rstrip("?") + "."
    how_come = _HOW_COME.match(sentence)
    if how_come and not re.search(r"\b(?:if|unless|when|were)\b", how_come.group(1), re.I):
        return [how_come.group(1) + "."]
    given = _GIVEN.match(sentence) or _GIVEN_SPOKEN.match(sentence) or _DASHED_PREMISE.match(sentence)
    # ("Given that it's on the left, could it be ...?", "So it's on the left -- what next?")
    if given:  # takes it as true
        return [given.group(1) + ".", sentence[given.end():]]
    counted = _WITH_COUNT.match(sentence)
    if counted:
        one = re.search(r"\b(?:one|1|single)\b", counted.group(1), re.I)
        return [f"There {'is' if one else 'are'} {counted.group(1)}.", sentence[counted.end():]]
    sized = _FOR_SOMETHING.match(sentence)
    if sized:
        return [f"It is {sized.group(1)}.", sentence[sized.end():]]
    being = _BEING.match(sentence)
    if being:
        return [f"It is {being.group(1)}.", sentence[being.end():]]
    premise = _IF_PREMISE.match(sentence)  # "If it covers 0.4% of the image, is that small?" asks from a fact it states
    if premise and not _UNREAL_IF.search(sentence):
        return [premise.group(1) + ".", sentence[premise.end():]]
    # "Why would it be in the right side of the abdomen in my case?", "Why would it be on the patient's left side?"
    # ask about the case's fact; "Why would it be on the left if the image were flipped?" only wonders
    here = _WHY_HERE.match(sentence)
    if here and not re.search(r"\b(?:if|unless|when|were)\b", here.group(3), re.I):
        plural = here.group(1).lower() == "they"
        verb = ("are" if plural else "is") if here.group(2).lower() == "be" else here.group(2) + ("" if plural else "s")
        return [f"{here.group(1)} {verb} {here.group(3)}."]
    # "Is it normal for it to sit on the right?", "Is it normal that the polyp is so large?" take the fact as given
    judged = _PRESUPPOSING.sub(lambda m: f"{m.group(1)} " if m.group(1) else "", sentence)
    return [re.sub(r"^(\s*(?:it|they|the\s+\w+|this\s+\w+))\s+be\b", r"\1 is", judged, flags=re.I)]  # "it to be small"


def asks_only(sentence: str) -> bool:
    """A yes/no or open question, or a sentence that asserts nothing as a whole."""
    asked = _SPEAKER.sub("", sentence)  # "Kid: How many pieces is it in?" asks, like the bare question
    return bool(is_yes_no_question(asked) or _OPEN_QUESTION.match(asked) or _VERBLESS_CHOICE.match(asked) or
                whole_sentence_unasserted(sentence))


# a choice asked without a verb: "Just one, or more than one?", "Left or right?"
_VERBLESS_CHOICE = re.compile(r"^\W*(?![^?]*(?:\b(?:is|are|was|were|lies?|sits?|has|have|does|do|it|they|so|given|since|with)\b|[:;]))"
                              r"[^?]{1,50}\bor\b[^?]{1,50}"
                              r"\?\s*$", re.I)


def offered_from(sentence: str) -> int:
    """Where the sentence starts offering options, or its length. "Is it left or right?" offers options: the
    clause with the 'or' asserts nothing, a clause before it may ("Because it lies on the right, which arm or
    organ would suffer?"); "Which organ on the left ... or ...?" does."""
    asked = _SPEAKER.sub("", sentence)
    offered = len(sentence)
    if _ALTERNATIVE_QUESTION.match(asked) and not re.match(r"\s*which\b", asked, re.I):
        offered = clause_span(sentence, re.search(r"\bor\b", sentence, re.I).start())[0]
        # the list the 'or' closes: "Left, right, midline or both: what would you say?", "small, medium or large?"
        premise = _PREMISE_LEAD.match(sentence)  # "Given it's left-sided, anterior or posterior?": the premise is no option
        listed = _OPTION_LIST.search(sentence, premise.end() if premise else 0)
        offered = min(offered, listed.start()) if listed else offered
    options = _SIDE_OPTIONS.search(sentence) if asked.rstrip().endswith("?") else None
    if options:  # "Which side, the patient's left or right?" offers both sides and asserts neither
        offered = min(offered, options.start())
    return offered


# a candidate weighed and rejected: "Could it be the azygos vein? No: it is a much thinner vein ..."
_CANDIDATE = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:could|might|would|can|is|was)\s+(?:it|this|that)\s+(?:just\s+)?"
                        r"(?:be\s+)?(?:the|a|an)\s+([^?]+)\?\s*$|^\s*(?:what\s+about|how\s+about|maybe)\s+(?:the|a|an)\s+"
                        r"([^?]+)\?\s*$", re.I)
# an answer option ruled out, in an explanation: "C (the left kidney) is tempting but wrong: ...", "Option A, the
# left psoas, is wrong because ...", "The aorta is a distractor: ..."
_REJECTED_OPTION = re.compile(r"^\s*(?:(?:(?:option|answer|choice)\s+)?\(?[A-Ea-e]\)?\s*(?:\([^)]{1,60}\)|,[^,]{1,60},|[.:)-])?|"
                              r"(?>(?:the\s+)?)(?!(?:it|this|that|answer|target|structure|side|size|count|mask|claim|statement)\b)[\w'-]+(?:\s+[\w'-]+){0,3})\s+"
                              r"(?:is|are|would\s+be|seems?|looks?)\s+(?:tempting|plausible|attractive|reasonable|close)?"
                              r"(?:\s*,?\s*but\s+)?(?:wrong|incorrect|a\s+distractor|ruled\s+out|not\s+the\s+answer)\b(?!\s+to\b)|"
                              # "I would rule out the descending aorta: it is round and sits further to the left"
                              r"^\s*(?:i\s+(?:would|'d|can|could)\s+)?(?:rule\s+out|exclude|discard)\s+(?:the\s+)?[\w' -]{2,40}:",
                              re.I)
_REJECTION = re.compile(r"\s*(?:no|nope|not\s+quite|unlikely|probably\s+not|not\s+really)\b", re.I)


# a candidate by its letter, ruled out in the same sentence: "B is on the patient's left, which rules it out."
_LETTER_RULED_OUT = re.compile(r"^\s*(?:(?:option|candidate|choice|mask)\s+\(?[A-E]\)?|\(?[B-E]\)?)\s+(?:is|lies|sits|was|"
                               r"appears|looks)\b.*\b(?:rules?\s+it\s+out|ruled\s+out|excludes?\s+it|(?:is|cannot\s+be)\s+not?"
                               r"\s*the\s+(?:answer|target))\b", re.I)


def about_an_alternative(sentence: str, context: str, names_target) -> bool:
    """'C (the left kidney) is tempting but wrong: it sits on the left' speaks of the option; so does 'No: it is a
    much thinner vein on the right' after 'Could it be the azygos vein?' (unless the candidate is the target,
    `names_target` tells)."""
    if _REJECTED_OPTION.match(sentence) or _LETTER_RULED_OUT.match(sentence):
        return True
    candidate = _CANDIDATE.match(context) if _REJECTION.match(sentence) else None
    return bool(candidate) and not names_target(candidate.group(1) or candidate.group(2))
