"""Subjects: which structure a clause is about, so a claim is kept only when it is about the target.

`subject` attributes a position in a sentence to the structure the clause is about: the first structure named
in subject position of the clause (no preposition before it), the antecedent of a relative clause, a noun
phrase naming nothing known ("The falx stays in the midline"), else the target (an answer's subjectless
sentence is about what it segmented). `about_target` is the yes/no form `claims` uses.
"""

from __future__ import annotations

import re

from .clauses import BOUNDARY, PREPOSITION
from .lexicon import Mention

def subject(mentions: list[Mention], sentence: str, pos: int) -> Mention | None:
    """The structure a claim at `pos` is about: in its clause, else the nearest earlier clause, the first
    mention in subject position; for a relative clause ("..., which lies ...") the mention just before
    it; None means the target."""
    label = _LABEL_IT.match(sentence)  # "Falx: It lies in the midline, no shift" in a checklist of structures
    if label and pos >= label.end():
        named = [m for m in mentions if m.start < label.end(1)]
        rest = re.sub(r"\s+", " ", "".join(c if not any(m.start <= i < m.end for m in named) else " "
                                            for i, c in enumerate(sentence[:label.end(1)]))).split()
        if named and all(m.names and not m.names & {"person"} for m in named) and \
                all(_names_a_place(w.lower()) or w.lower() in _POSITION_WORDS for w in rest):
            return named[-1]  # "Lower lumbar spine: It lies in the midline" (not "Extra node: It is small")
        if not named and _names_anatomy(label.group(1)):
            return Mention(label.start(1), label.end(1), frozenset({"unknown"}))
    that = _THAT_IS.match(sentence)  # "That is the septum pellucidum, a thin sheet in the midline": the thing identified
    if that and pos >= that.end() and not _OWN_SUBJECT.search(sentence, that.end(), pos) and \
            not any(that.start(1) <= m.start < that.end(1) and not m.names for m in mentions):
        named = next((m for m in mentions if that.start(1) <= m.start < that.end(1)), None)
        return named or Mention(that.start(1), that.end(1), frozenset({"unknown"}))
    verbless = _verbless_subject(mentions, sentence)
    if verbless is not None and pos >= verbless.start:
        return verbless  # "Surgical clips in the right upper quadrant from a previous cholecystectomy."
    inverted = _inverted_subject(mentions, sentence)
    if inverted is not None and (pos < inverted.start or not any(inverted.end <= m.start < pos for m in mentions)):
        return inverted if inverted.names else None  # "Next to it, on the left, lies the spleen, small and posterior"
    bounds = list(BOUNDARY.finditer(sentence, 0, pos))
    starts = [0] + [b.end() for b in bounds]
    if _OWN_ACT.match(sentence, starts[-1]):
        return None  # "A small correction first: I have outlined five diverticula": what the answer outlined
    # a possessive ("for its part", "their outline") is a determiner, never the subject of a clause
    before = [m for m in mentions if m.end <= pos and sentence[m.start:m.end].lower() not in ("its", "their")]
    if bounds and bounds[-1].group(0).lower() in ("which", "where") and \
            not any(m.start >= starts[-1] for m in before):
        antecedent = [m for m in before if m.end <= bounds[-1].start()]
        if antecedent:
            found = antecedent[-1]  # ("the liver: it sits on the screen's left, which is ...": 'it' is the liver)
            opening = [b for b in bounds if b.end() <= found.start]
            return _antecedent(found, antecedent[:-1], sentence, opening[-1]) if opening else found
        # "(the falx, which stays in the midline)": a noun phrase naming nothing known is what 'which' is about
        unknown = _UNKNOWN_ANTECEDENT.search(sentence, 0, bounds[-1].start())
        return Mention(unknown.start(), unknown.end(), frozenset({"unknown"})) if unknown and \
            unknown.group(1).lower() not in _TARGET_NOUNS else None
    # "It receives a vein that crosses in front of the aorta": a relative clause on an indefinite object
    relative = list(_INDEFINITE_THAT.finditer(sentence, starts[-1], pos))
    if relative and relative[-1].group(1).lower() not in _TARGET_NOUNS and \
            not any(relative[-1].end() <= m.start for m in before):
        return Mention(relative[-1].start(), relative[-1].end(), frozenset({"unknown"}))
    fronted = _fronted_subject(mentions, sentence, pos, bounds)
    if fronted is not None:
        return fronted
    # a relative clause with its own subject: "the bones that the sacrum joins at the back" (the sacrum joins there)
    relative_subject = [m for m in before for r in _RELATIVE_WITH_SUBJECT.finditer(sentence, starts[-1], pos)
                        if m.names and m.start - r.end() <= 4 and _FINITE_VERB.match(sentence, m.end)]
    if relative_subject:
        return relative_subject[-1]
    for i in range(len(starts) - 1, -1, -1):
        stop = starts[i + 1] if i + 1 < len(starts) else pos
        lead = _LOOK_LEAD.match(sentence, starts[i])  # "but on a second look the segmentation forms ...": no place phrase
        opens = gap_start = lead.end() if lead else starts[i]
        inside = [m for m in before if starts[i] <= m.start < stop]
        if i and inside and _VERB_FIRST.match(sentence, starts[i]) and \
                sentence[inside[0].start:inside[0].end].lower() in ("it", "them"):
            continue  # "The liver, the largest organ, covers it": a clause opening on its verb, 'it' its object
        demonstrative = _DEMONSTRATIVE_SUBJECT.match(sentence, starts[i])
        if demonstrative and demonstrative.end() <= pos + 1:
            return None  # "this white-matter band lies on the left": what the answer points at is the target
        opening = _unknown_subject(sentence, pos, starts[i])  # "The septum divides them in the midline"
        if opening is not None and not any(starts[i] <= m.start < opening.end and
                                           not re.search(r"\bof\s+(?:the\s+)?$", sentence[starts[i]:m.start], re.I)
                                           for m in before):
            return opening  # (a name inside it after 'of' is part of it: "Several loops of small bowel sit anteriorly")
        for m in (m for m in before if starts[i] <= m.start < stop):
            if gap_start == opens and _WITH.fullmatch(sentence, gap_start, m.start):
                return m  # "Situs inversus, with the heart on the right, ...": the heart is on the right
            if not PREPOSITION.search(sentence, gap_start, m.start) or \
                    (gap_start == opens and _OPENING_BEFORE_NAME.fullmatch(sentence, gap_start, m.start)
                     and _FINITE_VERB.match(sentence, m.end)):
                return _antecedent(m, before, sentence, bounds[i - 1] if i else None)
            gap_start = m.end
    return None


# a verbless line of a report that names another thing first: "Surgical clips in the right upper quadrant from a previous
# cholecystectomy.", "Mild scoliosis, convex to the right."; its places are that thing's
_VERBLESS_NP = re.compile(r"^\W*(?!(?i:with|over|previously|on|in|at|no|my|your|our|his|her|their|so|well|wait|yes|ok|okay|then|now|"
                          r"also|here|there|this|that|these|those|it|they)\b)[A-Z][a-z-]+\s+"
                          r"(?:(?:[a-z-]+\s+)?([a-z-]{3,})(?=\s+(?:in|on|at|within|along|near|beside|from|over)\s+(?:the|a|an)\b)|"
                          r"(?:[a-z-]+\s+)?([a-z-]{3,})(?=\s*,))")
_VALUE_WORDS = frozenset("large small medium tiny big huge sizeable modest moderate left right midline bilateral posterior "
                         "anterior superior inferior upper lower central centre center middle one two three single not "
                         "nothing none only also just mainly mostly entirely partly all both".split())
_PERSON_SUBJECT = re.compile(r"\b(?:i|we|you|it|they|he|she)\s+[a-z]+", re.I)  # "Close, but no - I count 3 lesions"
_ANY_VERB = re.compile(r"\b(?:is|are|was|were|be|been|lies|lie|sits|sit|has|have|shows?|appears?|measures?|covers?|occupies|occupy|"
                       r"forms?|extends?|looks?|seems?|remains?|fills?|takes?|spans?|makes?|consists?|contains?|runs?|crosses|"
                       r"passes|reaches|abuts?|projects?|overlies|overlie|straddles?|protrudes?|wraps?|stretch(?:es)?|spreads?|curves?|"
                       r"locates?|situates?)\b", re.I)


def _verbless_subject(mentions: list[Mention], sentence: str) -> Mention | None:
    m = _VERBLESS_NP.match(sentence)
    if not m or ":" in sentence or _ANY_VERB.search(sentence) or sentence.rstrip().endswith("?") or _PERSON_SUBJECT.search(sentence) or \
            any(x.start < m.end() and not x.names for x in mentions):
        return None
    head = (m.group(1) or m.group(2)).lower()
    if any(target_noun(w.lower()) for w in re.findall(r"[a-z-]+", m.group(0), re.I)):
        return None  # "Segmented region at the left ...": the target's own noun opens the line
    if re.search(r"(?:ly|ing|ed|ic|al|ous|ar|ive|ent|ant|ile)$", head) or head in _VALUE_WORDS or re.match(r"\W*(?:which|what|where|how|why|positioned|located|situated|seen|"
                                                     r"lying|sitting|placed)\b", sentence, re.I):
        return None  # "Positioned ventrally on this cut.", "Which organ sitting on the right ...": no other thing named
    if head in ("left", "right", "midline", "bilateral"):
        return None
    group = 1 if m.group(1) else 2
    return Mention(m.start(group), m.end(group), frozenset({"unknown"}))


# a sentence opening on place phrases, then a verb of place and its subject ("Next to it, on the left, lies the spleen",
# "Further back and to the left is the left kidney", "On the left lies the mask")
_PLACE_OPENER = re.compile(r"\s*(?:and\s+)?(?:(?:out|deep|deeper|just|immediately|directly|also|high|low|far|further)\s+)?"
                           r"(?:next\s+to|close\s+to|further\s+(?:back|forward|down|up|out|in)|in\s+front\s+of|"
                           r"deep\s+to|(?:anterior|posterior|lateral|medial|superior|inferior)\s+to|on|in|at|to|toward|"
                           r"towards|near|along|behind|beside|above|below|under|beneath|across|between|alongside|"
                           r"(?:anterior|posterior|central|lateral|medial|superior|inferior|ventral|dorsal|cranial|caudal)ly|"
                           r"left|right|(?:far|further|deep|high|low)er?)\b", re.I)
_LABEL_LEAD = re.compile(r"^\s*(?:[A-Z][\w' -]{1,60}:\s+)?")  # "Walking through the slice: Posteriorly in the midline is ..."
_INVERSION = re.compile(rf"{_PLACE_OPENER.pattern}[^.;:?!]*?[\s,]"
                        r"(?P<verb>lies|lie|sits|sit|is|are|runs|run|stands|hangs|rests|courses|passes|curves|appears?)\s+"
                        r"(?=(?:the|a|an|its|their)\s)", re.I)


_PLACE_VERB = re.compile(r"\b(?:lies|lie|sits|sit|is|are|was|were|runs|run|stands|hangs|rests|courses|passes|curves|"
                         r"appears?|seems?|looks?|has|have)\b", re.I)
_CLAUSE_WORD = re.compile(r"\b(?:it|they|which|that|who|this|these|we|you|i)\b", re.I)


def _inverted_subject(mentions: list[Mention], sentence: str) -> Mention | None:
    """The subject after the verb of a sentence that opens on place phrases, or None where the sentence does not
    (a name or pronoun just before the verb is its subject, "On the left it lies ...", unless a preposition governs
    it: "Behind it sits the right kidney")."""
    m = _INVERSION.match(sentence, _LABEL_LEAD.match(sentence).end())
    if not m:
        return None
    verb = m.start("verb")
    prefix = sentence[m.start():verb]
    places = all(_PLACE_OPENER.match(chunk) for chunk in prefix.split(",") if chunk.strip())  # not "In size, A is"
    governed = all(re.search(rf"{PREPOSITION.pattern}\s+$", prefix[:w.start()], re.I) for w in _CLAUSE_WORD.finditer(prefix))
    noun = re.search(r"\b(?:the|a|an)\s+[\w'-]+(?:\s+[\w'-]+)?\s*,?\s*$", prefix, re.I)  # "On the left the spleen is"
    if noun and not re.search(rf"{PREPOSITION.pattern}\s+$", prefix[:noun.start()], re.I):
        governed = False  # ... its subject before the verb; "Just left of the vertebral body, is" has none
    if _PLACE_VERB.search(prefix) or not places or not governed:
        return None  # "On the image it appears on the left, which ... is the patient's right": clauses, not places
    last = [x for x in mentions if x.end <= verb]
    if last and not sentence[last[-1].end:verb].strip(" ,") and \
            not re.search(rf"{PREPOSITION.pattern}\s+(?:the\s+|its\s+|their\s+)?$", sentence[:last[-1].start], re.I):
        return None
    after = next((x for x in mentions if x.start >= m.end()), None)
    if after is not None and after.start - m.end() <= 6:
        return after
    return _unknown_subject(sentence, len(sentence), m.end() - 1) or Mention(m.end(), m.end(), frozenset({"unknown"}))


# what may stand before the subject of the first clause: an article, or an answer option's letter ("C (the left
# kidney) is tempting but wrong: it sits on the left", "Option A, the left psoas, is wrong")
_OPTION_LEAD = re.compile(r"\s*(?:(?:option\s+|answer\s+)?\(?[A-Ea-e][.)]?\s*(?:\(|,)\s*)?(?:the\s+)?", re.I)


_DEMONSTRATIVE_SUBJECT = re.compile(r"\s*(?:(?:since|because|given\s+that|so|and|but)\s+)?(?:this|these)\s+(?:[\w-]+\s+){0,2}?"
                                    r"(?:band|tract|bundle|structure|region|finding|area|organ|bone|muscle|gland|vessel|lesion|"
                                    r"lesions|mass|sac|collection|bleed|growth|one|ones)\s+(?:is|are|lies|lie|sits|sit)\b", re.I)
_RELATIVE_WITH_SUBJECT = re.compile(r"\b(?:that|which|whom)\s+(?=(?:the|a|an)\s)", re.I)
_UNKNOWN_ANTECEDENT = re.compile(r"(?:^|[(,;:]\s*)(?:the|a|an)\s+(?:[a-z'-]+\s+){0,2}?([a-z-]+)\s*,?\s*$", re.I)
_WITH = re.compile(r"\s*with\s+(?:the\s+|a\s+|an\s+|its\s+)?", re.I)


def _antecedent(found: Mention, before: list[Mention], sentence: str, boundary) -> Mention:
    """'The liver is the biggest organ and it sits in the right upper abdomen': an 'it' opening a clause
    joined to one whose subject names another structure refers to that structure, not the target."""
    if boundary is None or boundary.group(0).lower() not in ("and", "but", ",", ":") or \
            sentence[found.start:found.end].lower() != "it":
        return found
    last = next((m for m in reversed(before) if m.end <= boundary.start()), None)
    if boundary.group(0) == ":" and last is not None and last.names and not last.names & {"person", "counterpart"} and \
            not sentence[last.end:boundary.start()].strip() and \
            re.search(r"\b(?:is|are|was|were)\s+(?:the|a|an)\s+(?:[\w-]+\s+)?$", sentence[:last.start], re.I):
        return last  # "A handy check is the liver: it sits on the screen's left" - what the colon opens is about the liver
    first = before[0] if before else None
    if first is None or not first.names or first.names & {"person", "counterpart"} or \
            not _OPTION_LEAD.fullmatch(sentence[:first.start]) or \
            any(first.end <= m.start < found.start and not m.names for m in before):
        return found
    return first


# a clause-opening name that is the subject although a preposition stands before it: after a short fronted
# phrase without a comma ("By convention the spleen lies on the left", "On CT the aorta runs ..."), or as the
# whole of which a part is named ("The temporal horn of the lateral ventricle curves above it"); its verb follows
_OPENING_BEFORE_NAME = re.compile(r"\s*(?:(?:by|in|on|at|for|with|among|across)\s+(?:[a-z'-]+\s+){1,6}?(?:the|a|an)|"
                                  r"(?:the|its|their)\s+(?:[a-z'-]+\s+){1,3}?of\s+(?:the|its|their))\s+|"
                                  # "On the images the appendix is ...": a frame, then a name with its own determiner
                                  r"\s*(?:in|on)\s+(?:the|this|these|both)\s+(?:images?|slices?|scans?|pictures?|films?|views?|"
                                  r"sections?|series)\s+", re.I)
# a verb's third person singular: an -s word, not a noun in -ss or -us ("mass", "corpus")
_S_VERB = r"[a-z]{2,}s(?<!ss)(?<!us)"
_FINITE_VERB = re.compile(r"\s+(?:(?:just|also|usually|normally|typically|always|often|then)\s+)?(?:is|are|was|were|has|"
                          rf"have|can|may|will|(?!this\b|thus\b|plus\b|its\b){_S_VERB})\b", re.I)
# a clause that opens on a finite verb ("..., covers it from in front", "... and touches it") has no subject of its own
_VERB_FIRST = re.compile(r"\s+(?!(?:perhaps|sometimes|always|besides|afterwards|towards|nevertheless|nonetheless|regardless|"
                         r"unless|whereas|yes|as|is\s+it|are\s+they)\b)" + _FINITE_VERB.pattern[3:], re.I)
_FRONTED = re.compile(r"^\s*(?:on|in|at|to|toward|towards|near|along|behind|beside|elsewhere|"
                      r"(?:anterior|posterior|central|lateral|medial|superior|inferior|ventral|dorsal|cranial|caudal)ly)\b[^,]*$",
                      re.I)


def _fronted_subject(mentions: list[Mention], sentence: str, pos: int, bounds: list) -> Mention | None:
    """'On the patient's left, the matching artery arises from the arch': a fronted place phrase (a first
    clause that is only a prepositional phrase, cut off by a comma) says where the next clause's subject is."""
    lead = _LABEL_LEAD.match(sentence).end()  # ("Elsewhere on the slice: Posteriorly, both occipital lobes look normal")
    if [b for b in bounds if b.start() >= lead] or not (comma := re.search(r",\s*", sentence[pos:])):
        return None
    start = pos + comma.end()
    if not _FRONTED.match(sentence[lead:pos + comma.start()]):
        return None
    first = next((m for m in mentions if m.start >= start), None)
    if first is not None and first.names and re.fullmatch(r"(?:the|a|an|its|their|both|the\s+two|two|all)?\s*",
                                                          sentence[start:first.start], re.I):
        return first
    return _unknown_subject(sentence, len(sentence), start)


# a clause-opening noun phrase and its verb: an auxiliary or a present-tense verb ("The falx stays straight",
# "The septum divides them"), after at most two prepositional phrases ("The falx in the midline stays ...")
_NP_START = re.compile(r"\s*(?:(?:because|since|as|so|and|but|while|whereas|although|though|even\s+if|even\s+though|if|when|unless)\s+)?"
                       r"(?:no|a|an|the|some|any|free|fresh|small|large|several|many|multiple|numerous|both|all|most|few|two|"
                       r"three|four)\s+((?:[a-z'-]+\s+){0,3}?)([a-z-]+)\s+"
                       r"(?:(?:in|on|at|of|along|near)\s+(?:the\s+(?:patient'?s\s+)?|(?:your|my|his|her|their)\s+)(?:[a-z-]+\s+){1,2}?|of\s+(?-i:[A-Z])[a-z]+\s+){0,2}"
                       r"(?:is|are|was|were|can|could|may|might|would|will|has|have|seen|noted|appears?|lie|sit|connect|join|"
                       r"run|drain|cross|pass|open|lead|link|surround|extend|remain|course|arise|enter|look|"
                       rf"(?:(?!is\b|has\b|was\b|does\b|this\b|thus\b|plus\b|its\b|always\b){_S_VERB}))\b"
                       # (a plural noun before its verb is no verb: "The involved nodes consist of ...")
                       r"(?!\s+(?:are|were|lie|sit|form|consist|appear|look|seem|measure|occupy|cover|have|remain|show|make|"
                       r"take|run)\b)",
                       re.IGNORECASE)
# an anatomical adjective names another structure ("the pineal gland", "the hepatic vessel"); a descriptive one
# ("the bony structure", "the large bright region") does not
_ANATOMICAL_ADJECTIVE = re.compile(r"[a-z]{3,}(?:al|ar|ic|eal|ine)$")
_PLAIN_ADJECTIVES = frozenset("central lateral medial normal abnormal tubular circular oval vascular muscular cystic "
                              "irregular regular similar particular typical atypical classic ventral dorsal dental "
                              "focal global nodular lobular linear spherical elliptical".split())


def _names_a_place(word: str) -> bool:
    return bool(_ANATOMICAL_ADJECTIVE.match(word)) and word not in _PLAIN_ADJECTIVES


_THAT_IS = re.compile(r"^\W*(?:(?:yes|no|yeah|so|and|ok|okay)\W+)*(?:that|those)(?:'s|\s+is|\s+are|'re)\s+(?:the|a|an)\s+"
                      r"(?!(?:mask|segment\w*|target|highlighted|outlined|region|structure|answer|one)\b)([\w-]+(?:\s+[\w-]+){0,3}?)"
                      r"(?=\s*[,.;(]|\s+(?:in|on|at|which|that|with)\b)", re.I)
# a later clause with its own subject ("That is an easy mix-up, but it is small")
_OWN_SUBJECT = re.compile(r"[,;:]\s*(?:(?:but|and|yet|so|though|although)\s+)?(?:[^,;:]{0,30}?\s)?(?:it|they|the\s+mask)\s+"
                          r"(?:is|are|lies|lie|sits|sit|looks?|has|have|covers?|measures?)\b", re.I)
# a clause of the answer's own act on the target: "I have outlined five", "we count two"
_OWN_ACT = re.compile(r"\s*(?:i|we)\s+(?:have\s+|'ve\s+)?(?:outlined|marked|segmented|highlighted|counted|count|traced|"
                      r"drawn|drew|labell?ed|shaded)\b", re.I)
_POSITION_WORDS = frozenset("left right upper lower middle mid anterior posterior superior inferior proximal distal deep "
                            "superficial the".split())
_LABEL_IT = re.compile(r"^\s*([A-Za-z][\w' -]{1,40}?)\s*:\s+(?:it|they)\b", re.I)
# head nouns of anatomy: a label ending in one names a structure ("Pineal gland:", "Falx:", "Lower lumbar spine:")
_ANATOMY_HEADS = frozenset("gland glands falx spine lobe lobes ventricle ventricles bone bones muscle muscles vessel vessels "
                           "artery arteries vein veins nerve nerves duct ducts fissure fissures sinus sinuses cistern cisterns "
                           "septum cord plexus foramen foramina sulci sulcus gyrus gyri ligament tendon cartilage disc discs "
                           "joint joints".split())


def _names_anatomy(label: str) -> bool:
    return label.lower().split()[-1] in _ANATOMY_HEADS


# nouns that refer to the target (or a part of it) rather than name something else; a class noun ('the muscle',
# 'the lobe') refers to the target only when the target's own names hold it (`Lexicon.mentions`)
# an indefinite object with its relative clause ("receives a vein that crosses ..."; not "it is a muscle that ...")
_INDEFINITE_THAT = re.compile(r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bas\s)(?<!\blike\s)\b(?:an?|another)\s+"
                              r"(?:[\w-]+\s+){0,2}?([\w-]+)\s+(?:that|who)\s+(?=[a-z]+s\b)", re.I)
_TARGET_NOUNS = frozenset("mask region structure area segmentation component part piece outline finding organ lesion pair viscus observation "
                          "target shape contour blob portion vessel gland abnormality mass tumour tumor nodule focus "
                          "collection process disease involvement pathology highlight overlay label answer space cavity chamber sac swelling bulge protrusion growth "
                          "deposit deposits shading colouring coloring highlighting marking patch spot zone territory surface lucency opacity "
                          "object thing pole tip edge border margin rim wall lumen core bulk rest remainder whole majority centre center centroid "
                          "one ones it image picture slice scan view figure frame study section cut series "
                          # an attribute of the target: "the size I calculate is 22%", "the side is left"
                          "size side position location extent share coverage count number depth laterality "
                          "placement site crescent sliver rind disease".split())


def target_noun(word: str) -> bool:
    """'region', 'regions', 'patches', 'cavities': a noun of `_TARGET_NOUNS`, singular or plural."""
    return bool(_TARGET_NOUNS & {word, word[:-1], word[:-2], word[:-3] + "y"})


# "A left-sided neck mass would push the trachea to the right": an indefinite subject of a modal is hypothetical
_HYPOTHETICAL = re.compile(r"^\s*(?:\w+\s+)?(?:a|an|any)\s.*\b(?:would|could|might|may|can|will|should|must)(?:\s+(?:have|be|not))?$",
                           re.I)


# a part of the target as a clause's subject ("Its tail points toward the spleen", "its C-shaped cartilage rings are open
# at the back") or a numbered part of an organ ("Segment VIII sits high") is not the whole mask, whose place QC checks
_PART_OPENING = re.compile(r"\s*(?:(?:and|but|while|whereas|because|since)\s+)?(?:(?:its|their)\s+"
                           r"(?:(?!(?:on|in|of|at|to|from|with|for)\b)[\w'-]+\s+){0,3}?([a-z-]+)|"
                           r"(?:couinaud\s+)?(?:segment|level|zone|station)\s+(?:[ivx]+|\d+[a-z]?))\s+"
                           r"(?P<verb>is|are|was|were|lies|lie|sits|sit|points?|nestles?|extends?|reaches?|runs?|curves?|hangs?|"
                           r"projects?|abuts?|touch(?:es)?|faces?|tapers?|has|have)\b", re.I)
# the parts of a structure whose place is not the whole's: "its tail", "its upper pole", "its cartilage rings"
_PART_NOUNS = frozenset("tail tails head heads neck apex apices base tip tips pole poles horn horns root roots dome fundus "
                        "isthmus hilum hila arch crus crura limb limbs branch branches end ends edge edges border borders "
                        "margin margins rim wall walls capsule ring rings cartilage lobe lobes segment segments surface "
                        "surfaces process processes".split())


def _part_subject(sentence: str, pos: int, start: int) -> Mention | None:
    m = _PART_OPENING.match(sentence, start)
    if not m or m.start("verb") > pos or (m.group(1) and m.group(1).lower() not in _PART_NOUNS):
        return None
    return Mention(m.start(), m.end(), frozenset({"unknown"}))


# "the process is bilateral", "the disease process": the finding as a disease, not a bone's process
_DISEASE_PROCESS = frozenset("the this that its same whole entire underlying disease inflammatory pathological pathologic "
                             "infectious neoplastic".split())


# a look taken before the clause's subject: "on a second look", "at first glance", "on review,"
_LOOK_LEAD = re.compile(r"\s*(?:(?:but|and|so|yet)\s+)?(?:on|at|after|upon)\s+(?:(?:a|the|my|closer|second|further|first|careful|quick|another)\s+){0,3}"
                        r"(?:look|glance|inspection|review|reflection|sight|check|reading|read|pass)\b\s*,?", re.I)


def _unknown_subject(sentence: str, pos: int, start: int = 0) -> Mention | None:
    """A clause that opens (at `start`) with a noun phrase naming nothing known ("No free fluid is seen on
    the right", "The falx in the midline stays straight") is about that thing, not the target; a noun like
    'mask', 'region' or 'the hollow muscular structure' is the target (a mention without names); a side
    ('the left side is free of it') or a part of a named whole ('the wall of the aorta') opens no subject (None)."""
    lead = _LOOK_LEAD.match(sentence, start)  # "on a second look the label is left-sided": the subject comes after
    start = lead.end() if lead else start
    part = _part_subject(sentence, pos, start)
    if part is not None:
        return part
    m = _NP_START.match(sentence, start)
    hypothetical = bool(m) and bool(_HYPOTHETICAL.search(m.group(0)))
    if not m or m.end(2) > pos and not (m.start(1) <= pos and hypothetical):
        return None  # (a side inside a hypothetical subject, "A left-sided mass would ...", describes that subject)
    words = (m.group(1) + m.group(2)).lower().split()
    # "the size I calculate is ...": the head comes before a relative clause; "the area of stroke damage": before "of"
    cut = next((i for i, w in enumerate(words) if w in ("i", "we", "you", "they", "that", "which", "who", "of", "i'm", "we're",
                                                        "you're", "i've", "i'd") and i), None)
    head = words[cut - 1] if cut else words[-1]
    if not cut and len(words) > 1 and head.endswith("ed") and words[-2] in _TARGET_NOUNS:
        head = words[-2]  # "the area occupied is ...": a participle after the head
    modifiers = words[:cut - 1] if cut else words[:-1]
    if head in ("left", "right", "half"):
        return None  # a side ("the left side is free of it")
    if head in ("structures", "organs", "things") and \
            re.search(r"\b(?:several|many|multiple|numerous|other|some)\s+(?:[\w-]+\s+)?$", m.group(0)[:m.end(2) - m.start()], re.I):
        return Mention(m.start(1), m.end(2), frozenset({"unknown"}))  # "several structures crowd this slice": other things
    if head in ("process", "processes") and not set(modifiers) <= _DISEASE_PROCESS:
        return Mention(m.start(1), m.end(2), frozenset({"unknown"}))  # a bone's process ("the spinous process")
    if target_noun(head) and not hypothetical and not any(_names_a_place(w) for w in modifiers):
        if re.search(r"\bof\s+the\b", m.group(0), re.I):
            return None  # a part of something named after it ("the wall of the aorta")
        return Mention(m.start(1), m.end(2), frozenset())  # the target or a part of it, not "the pineal gland"
    return Mention(m.start(1), m.end(2), frozenset({"unknown"}))


def about_target(mentions: list[Mention], sentence: str, pos: int) -> bool:
    found = subject(mentions, sentence, pos)
    return found is None or not found.names
