"""Rejections: does a reply reject what it answers ("No, look again.", "Close, but not quite.", "Just to gently correct one
thing:", "\u274c nope"), and is a sentence taken back by the next one? `modality` treats a rejected statement as not
asserted; `check_conversation` lets a user's false premise pass when the reply rejects it and says the truth."""

from __future__ import annotations

import re


# a reply that rejects what was just said: "No, look again.", "Examiner: Incorrect."
# "No" rejects as an interjection ("No, look again.", "No. It is ...", "no it's ..."), not as a determiner
# ("No satellite lesion seen.", "No left-sided abnormality.", "No involvement of ...")
_REJECTION = re.compile(r"^\s*(?:[A-Z][a-z]{1,20}(?:\s+\d{1,2})?\s*:\s*)?(?:(?:wait|hold\s+on|hang\s+on|hmm+|oops|oh|ah+|um+|uh+|er+|erm|"
                        r"so|well|careful)[\s,.!\u2013\u2014-]+)*"
                        r"(?:[\u2717\u2718\u274c]|no\b(?=\s*[,.!;:\u2014-]|\s*$|\s+(?:it|it'?s|its|that|that'?s|"
                        r"this|look|try|wrong|incorrect|actually|sorry|not|wait|no|and|they|they'?re|the|there|there'?s|size|side|count|position|just|"
                        r"only|i|i'?d)\b)|nope\b|overruled\b|not\s+confirmed\b|(?:i\s+)?(?:cannot|can'?t)\s+confirm\b|"
                        r"sorry,?\s+I\s+meant?\b|"
                        r"(?:(?:one|a|small|quick|minor|first)\s+)?correction(?:\s+[^\s:,]+){0,6}\s*(?:[:,]|[.!]?\s*$)|"
                        # "Common trap!", "Careful here, that's the trap"
                        r"(?:careful(?:\s+here)?\W+)?that'?s\s+the\s+trap\b|(?:a\s+)?(?:common|classic|easy|usual)\s+trap\s*(?:[!.]|$)|"
                        # "Just to gently correct one thing:", "Just to put one thing right:"
                        r"(?:just\s+)?(?:(?:to|let\s+me|I'?ll|I\s+must|I\s+should|I\s+want\s+to)\s+)?(?:gently\s+|quickly\s+|just\s+)?"
                        r"(?:correct|put|set|fix)\s+(?:one|a)\s+(?:small\s+|little\s+|tiny\s+)?(?:thing|point|detail)"
                        r"(?:\s+(?:right|straight))?\s*[:,]|"
                        # "Let me fix the premise first:", "First, I'd challenge your premise."
                        r"(?:(?:let\s+me|I'?ll|I'?d|I\s+need\s+to|I\s+have\s+to|I\s+must|we\s+should)\s+(?:first\s+)?)?(?:fix|correct|"
                        r"challenge|question|adjust|amend|address)\s+(?:the|that|your|one|a)\s+(?:\w+\s+)?premise\b|scratch\s+that\b|(?:sorry,?\s+)?let\s+me\s+(?:correct|rephrase|fix)\s+(?:that|myself)\b|"
                        r"sorry,?\s+I\s+mean\b|(?:look|count|check|think|try)\s+again\b|re-?check\s+(?:the|your|that)\s+premise\b|re-?count\b|(?:it'?s\s+)?(?:the\s+)?other\s+way\s+a?round\b|(?:it'?s\s+)?(?:quite\s+)?the\s+(?:reverse|opposite)\s*(?:[:;,.!\u2014-]|$)|I(?:'d|\s+would|\s+will|'ll)\s+(?:change|correct|amend|fix|revise|edit|reword|rephrase)\s+"
                        r"(?:that|this|it|one)\b|not\s+(?:on|in)\s+(?:this|the)\s+(?:picture|image|scan|slice|film|photo)\s*[.!;,]|not\s+here\s*[.!;,]|I\s+wouldn'?t\b(?!\s+(?:worry|be\s+surprised|say\s+that\s+is\s+wrong))|(?:no,?\s+)?correcting\s+myself\b|I\s+mis-?spoke\b|incorrect\b|wrong\b|not\s+(?:quite|really|exactly|so|at\s+all|like\s+(?:this|that))\b|not\s+correct\b|"
                        r"(?:that'?s|that\s+is)\s+(?:wrong|incorrect|not\s+(?:right|correct|quite\s+right))\b|"
                        # "That's the artefact talking:", "That's the screen talking" (what misled the premise)
                        r"(?:that'?s|that\s+is)\s+(?:the|your)\s+[\w-]+(?:\s+[\w-]+)?\s+talking\b|"
                        # "That note is wrong, ...", "The draft was mistaken:"
                        r"(?:that'?s|that\s+is)\s+(?:a|an)\s+(?:common\s+|easy\s+|frequent\s+|understandable\s+)?(?:slip|mistake|"
                        r"error|mix-?up|misconception|misreading)\b|"
                        r"(?:that|this|the)\s+[\w-]+\s+(?:is|was)\s+(?:wrong|incorrect|mistaken)\b|(?:that'?s|that\s+is)\s+(?:the\s+)?(?:image|screen|picture|display|viewer)'?s?\s+(?:left|right)\b|close,?\s+but\s+no\b|(?:actually|in\s+fact)\b(?!,?\s+(?:yes|yeah|that'?s\s+right|correct)\b))",
                        re.I)


# a speaker's pause before correcting themself: "Wait, let me re-check.", "Hmm, wait, let me re-check that."
_PAUSE = re.compile(r"^\s*(?:(?:wait|hold\s+on|hang\s+on|hmm+|oops|um+|uh+|oh)\b[\s,.!-]*)*(?:let\s+me\s+(?:re-?check|"
                    r"double-check|check|look|re-?read|reconsider|think)(?:\s+(?:that|this|it))?(?:\s+again)?)?\s*[.!]?\s*$",
                    re.I)


def retracted(said: list[str], i: int) -> bool:
    """Is sentence i of a turn taken back by the next one, or by the one after a pause ("It is on the left.
    Wait, let me re-check. Actually, it is on the right.")?"""
    j = i + 1
    while j < len(said) and said[j].strip() and _PAUSE.match(said[j]):
        j += 1
    return j < len(said) and rejected_by(said[j])


# a reply that says the user's words do not hold: "You wrote 'on the right', which does not fit: ..."
_DOES_NOT_HOLD = re.compile(r"\b(?:does\s+not|doesn't|do\s+not|don't)\s+(?:fit|match|hold|agree)\b|\b(?:is|isn't|that's)\s+not\s+"
                            r"(?:right|correct|quite\s+right)\b|\bnot\s+quite\b|\bcorrecting\s+that\b|"
                            # "Careful, that premise is wrong: ...", "Small correction first: ...", "I get a different number."
                            r"\b(?:premise|assumption|idea|guess|statement|claim|impression|reading|wording|draft|phrasing|description|version|"
                            r"estimate)\s+(?:is|was)\s+(?:wrong|"
                            r"incorrect|mistaken|inaccurate|false|not\s+(?:right|correct|accurate))\b|(?<!\bno\s)(?<!\bwithout\s)\bcorrections?\b|"
                            r"\bi\s+(?:get|see|count|measure)\s+(?:a\s+)?different\b|\bbut\s+no\b|\bsays\s+otherwise\b|"
                            r"\b(?:disagree|push\s+back|query)\b|\bisn'?t\s+(?:right|correct)\b|\bneeds?\s+(?:fixing|correcting)\b|"
                            r"\bnot\s+according\s+to\b|\b(?:a\s+)?(?:common\s+)?mis(?:reading|conception|understanding)\b|\b(?:do\s+not|don'?t)\s+think\s+(?:that|this|it)(?:'s|\s+is)\s+(?:right|correct|accurate)\b|\b(?:to\s+clear\s+(?:that|this)\s+up|let\s+me\s+clear\s+"
                            r"(?:that|this)\s+up|to\s+clarify|let\s+me\s+clarify)\b|^\W*amend(?:ed|ment)?\s*(?:(?:that|this)\b|[:,])|\bnot\s+what\s+(?:the\s+(?:mask|segmentation|image|slice|picture)|it)\s+shows\b|"
                            r"\bthings?\s+to\s+(?:fix|correct|clarify|put\s+right)\b|\b(?:small|quick|one|a)\s+fix\b|\b(?:something|a\s+point)\s+to\s+(?:fix|correct|put\s+right)\b|\bto\s+(?:fix|clarify|correct)(?:\s+[\w'-]+){0,4}\s*:|\bwith\s+respect\b(?!\s+to\b)|\bmix-?up\b|\bwhere\s+i\s+differ\b|"
                            r"\b(?:i'?d\s+correct|with\s+corrections|small\s+correction|not\s+all\s+of|don'?t\s+think\s+(?:that'?s|so)|"
                            r"careful|a\s+slip|partly|not\s+entirely|mostly,?\s+but|(?:let\s+me|let'?s|(?:i|we)\s+(?:must|have\s+to|need\s+to|should|"
                            r"would|will)|i'?d|we'?d|i'?ll|we'?ll|(?:have|need)\s+to)\s+(?:gently\s+|just\s+)?correct)\b|\bthat'?s\s+not\s+what\s+i\s+(?:see|get|find|count)|"
                            # "I read it differently", "Dr Okafor is mistaken here", "I part company with the draft", "the
                            # report got that one wrong"
                            r"\bread\s+(?:it|this|that|them)\s+differently\b|\b(?:is|are|was|were)\s+mistaken\b|\bpart\s+company\b|"
                            r"\bgot\s+(?:that|this|it)(?:\s+one)?\s+wrong\b|\bamend\s+(?:that|this)\b|\bbut\s+actually\b|"
                            r"\bi\s+can\s+see\s+why\s+you\s+(?:thought|think|might\s+think)\b", re.I)


def corrects(sentence: str) -> bool:
    """Does a reply's sentence reject what it answers, at its start (after a short heading: "Vertebral fracture, no
    change on review: No - ...") or by saying it does not hold?"""
    head = _HEAD.match(sentence)
    return rejected_by(sentence) or bool(head and rejected_by(sentence[head.end():])) or bool(_DOES_NOT_HOLD.search(sentence))


# a short heading before a reply's answer: "Vertebral fracture, no change on review:", a thread's post number ("6/9"), a
# lead ending in an emoji ("Q from the comments 👇")
_HEAD = re.compile(r"^(?:[^:.;?!]{1,60}:|\s*\d{1,2}/\d{1,2}|[^:.;?!]{1,60}?[\u2190-\u21ff\u2700-\u27bf\U0001F300-\U0001FAFF][^\w\s]*)\s+")


def rejected_by(next_sentence: str) -> bool:
    """Does the next sentence reject the claims of the one before it ("Candidate: It is on the left.
    Examiner: No, look again.")? A rejected statement is a retracted one."""
    return bool(_REJECTION.match(next_sentence))


# a reply's opening words before it answers: "Right, let's see. Close, but no. ..."
_OPENER = re.compile(r"^\s*(?:(?:right|ok|okay|well|hmm+|so|sure|thanks|good|great|fair|nice)\b[\s,]*)*(?:let'?s\s+see|let\s+me\s+"
                     r"(?:see|check|look)|(?:that'?s\s+|that\s+is\s+|what\s+)?(?:a\s+|an\s+)?(?:really\s+)?(?:good|great|fair|nice|interesting|"
                     r"fun|excellent|neat|cool|lovely)\s+(?:question|point|thought|one|what-?if|idea|catch)|"
                     r"i\s+(?:love|like|enjoy)\s+(?:a|an|this|that|these)\s+(?:[\w-]+\s+)?(?:question|what-?ifs?|one|puzzle|scenario)|"
                     r"thanks(?:\s+for\s+asking)?|i\s+(?:understand|see)|fair\s+enough)?"
                     r"\s*[.!]?\s*$", re.I)


def reply_rejects(reply: list[str]) -> bool:
    """Does a reply (its sentences) open by rejecting what it answers, after any opening words?"""
    first = next((s for s in reply[:3] if not _OPENER.match(s)), "")
    return rejected_by(first)
