"""Which words in a text name the target, and which name other structures (QC's own matcher).

The target's terms are its label, the record's and the knowledge base's synonyms, every form
`knowledge.giveaway_terms` gives, and two families the knowledge base does not spell out: the same terms
behind an anatomical prefix ('perirenal', 'perisplenic', 'periaortic': a word that contains a term after
one of `_PREFIXES`) and disease acronyms that stand for the structure ('AAA'). Other structures' terms
come from the knowledge base, the record's measured neighbours and a list of common anatomy, so that a
sentence about another structure is attributed to it and not to the target.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from medseg_qa.knowledge import SIDE_WORDS, KnowledgeEntry, family_of, find_terms, giveaway_terms, knowledge_version, \
    load_knowledge, lookup, term_pattern
from medseg_qa.schemas import SourceRecord

ANATOMY = ("stomach", "bowel", "colon", "intestine", "duodenum", "jejunum", "ileum", "gallbladder", "pancreas",
           "adrenal gland", "bladder", "ureter", "heart", "lung", "diaphragm", "psoas", "psoas muscle", "muscle",
           "rib", "inferior vena cava", "ivc", "vena cava", "vein", "artery", "lymph node", "esophagus",
           "oesophagus", "skull", "skin", "cord", "spinal cord", "spinal canal", "portal vein", "renal vein",
           "renal artery", "renal pelvis", "hepatic vein", "hepatic artery", "hepatic flexure", "splenic vein",
           "splenic artery", "splenic flexure", "aortic bifurcation", "bile duct", "common bile duct",
           "right atrium", "left atrium", "superior mesenteric artery", "portal confluence", "adrenal glands",
           "lesser sac", "abdominal wall", "spine", "hilum", "psoas muscles", "cortex", "upper poles")
# disease or structure acronyms whose use names a structure (matched case-sensitively, as written)
ACRONYMS = {"AAA": "aorta", "TAA": "aorta", "IVC": "inferior vena cava", "HCC": "liver", "RCC": "kidney",
            "GB": "gallbladder", "CBD": "common bile duct", "LV": "left ventricle", "RV": "right ventricle"}
_PREFIXES = ("peri", "para", "supra", "infra", "retro", "intra", "sub", "extra", "trans", "epi", "hypo", "juxta",
             "pre", "post", "inter", "hydro", "hemo", "haemo", "pneumo", "pyelo", "poly", "hemi", "hyper", "endo", "ano", "bi")
# words that place or classify a structure without naming it: what is left of a name without them names it
# ('iliac' of 'common iliac artery', 'innominate' of 'innominate bone'); a name made only of them does not
_POSITIONAL = frozenset("left right upper lower middle common internal external superior inferior anterior posterior "
                        "medial lateral proximal distal deep superficial greater lesser major minor main accessory "
                        "whole total peripheral central transition maximus minimus medius longus brevis magnus".split())
# a region of the body names where a structure is, not the structure ('pelvic bone', 'thigh bone')
_REGIONS = frozenset("pelvic pelvis abdominal abdomen thoracic thorax chest cranial head neck cervical lumbar thigh arm "
                     "forearm leg shin foot hand shoulder back trunk body buttock seat groin flank".split())
_CLASS_NOUNS = frozenset("bone bones muscle muscles artery arteries vein veins gland glands nerve nerves duct ducts "
                         "structure structures organ organs tissue region regions lobe lobes zone zones part parts "
                         "vessel vessels".split())
PRONOUN = re.compile(r"\b(?:it|its|itself|they|them|their|this one|that one|this(?=\s+(?:is|lies|sits)\b)|our (?:structure|organ|target)|"
                     r"the (?:structure|organ) in question|this (?:[a-z-]+ ){0,2}?(?:structure|organ|viscus|region|lesion|finding|"
                     r"vessel|bone|gland|vein|kidney|cyst|area|spot|focus|pair|muscle|growth|mass|nodule|polyp|lump|collection|"
                     r"node|duct|artery|nerve|lobe|cavity|blob|outline|contour)|these (?:[a-z-]+ ){0,2}?(?:lesions|regions|structures|foci|areas|"
                     r"spots|organs|glands)|"
                     r"the (?:structure|target|mask|segmentation|organ|gland|vessel|finding|region)|"
                     r"the (?:segmented|highlighted|masked|outlined) \w+)\b", re.IGNORECASE)

# people are never the target: "a patient has pain radiating to the back" and "many trainees count two
# pieces" say nothing about the mask
PERSON = re.compile(r"\b(?:(?:the|a|an|this|that|older|elderly|young|many|most|some|few)\s+)?(?:patient|patients|person|man|"
                    r"woman|child|boy|girl|adult|smoker|athlete|runner|infant|he|she|someone|people|trainees?|"
                    r"students?|residents?|readers?|beginners?|novices?|learners?|radiologists?|doctors?|clinicians?|"
                    r"observers?|candidates?|examiners?|tutors?)\b(?!'s|s')",
                    re.IGNORECASE)

# the target's partner on the other side is another structure: "its partner on the right mirrors it", "the
# contralateral one", "its twin across the midline" (a part of the target, "its lower pole", stays the target)
COUNTERPART = re.compile(r"\b(?:its|their|the)\s+(?:(?:contralateral|opposite|other|paired|matching|mirror|(?:left|right)"
                         r"(?:[\s-]+(?:hand\s+)?sided)?)\s+)?"
                         r"(?:partner|counterpart|twin|fellow|mate|sibling|mirror[\s-]image|opposite\s+number)s?\b|"
                         r"\bthe\s+(?:contralateral|opposite|other|matching|corresponding)\s+(?:[a-z-]+\s+){0,2}?(?:one|structure|organ|nucleus|"
                         r"muscle|bone|gland|lung|kidney|artery|vein|vessel|rib|lobe|side's\s+\w+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    names: frozenset  # empty for the target


@lru_cache(maxsize=256)
def _kb_names_by_term(target: str, version: tuple) -> dict[str, frozenset]:
    """term -> the KB structures (other than `target`) it names, in the active knowledge `version`."""
    names: dict[str, set[str]] = defaultdict(set)
    for entry in load_knowledge().values():
        if entry.name.lower() != target:
            for term in entry.terms():
                names[term].add(entry.name.lower())
    return {t: frozenset(n) for t, n in names.items()}


# a lesion word after a determiner, naming no organ ("the lesion", "these foci"): the target when it is a lesion
_BARE_LESION = re.compile(r"\b(?:the|these|those|this|that|both|all|its|their)\s+(?:lesions?|foci|focus|deposits?|nodules?|masses|"
                          r"mass|tumou?rs?|metastas[ie]s|mets|growths?|protrusion)\b", re.I)
_LESION_WORDS = ("mets", "metastasis", "metastases", "mass", "masses", "tumour", "tumours", "tumor", "tumors",
                 "nodule", "nodules", "lesion", "lesions", "deposits", "cancer", "carcinoma")
# a collection's own kind, which names no organ: 'effusion' of 'pericardial effusion' even though the knowledge base
# lists it for the pleural effusion ('cyst' and 'tumour' stay organ-qualified, as for the kidney cyst)
_LESION_HEADS = frozenset({"effusion", "effusions"})
_SUFFIXES = ("itis", "omas", "oma", "omegaly", "ectomy", "otomy", "ostomy", "ography", "ogram", "opathy", "osis", "algia")


def _lesion_terms(knowledge: KnowledgeEntry | None) -> set[str]:
    """A lesion is named by its organ plus a lesion word ('hepatic mets' for a liver lesion, 'brain tumour' for
    the whole tumour), but a part of a lesion is not ('this brain tumour' names the context of the peritumoral
    edema or the enhancing tumour, not them): only a label made of lesion words and its organ gets these terms."""
    if knowledge is None or knowledge.category != "lesion" or not knowledge.within:
        return set()
    organ = lookup(knowledge.within)
    organ_terms = [t for t in (organ.terms() if organ else giveaway_terms(knowledge.within))
                   if not t.endswith("-") and " " not in t]
    words = set(knowledge.name.lower().split())
    if not words & {*_LESION_WORDS, "cyst", "cysts"} or \
            words - {*_LESION_WORDS, "cyst", "cysts", "whole", *SIDE_WORDS, *organ_terms}:
        return set()
    return {f"{o} {w}" for o in organ_terms for w in _LESION_WORDS}


_ADJECTIVE_ENDINGS = ("ical", "iac", "ac", "ic", "al", "ar", "ian", "eal", "ine")


def _stems(term: str) -> set[str]:
    """The roots an adjective is built on ('cardi' of 'cardiac', 'appendic' of 'appendical', 'ovar' of
    'ovarian'): other words built on them ('pericardial', 'appendicitis', 'ovary') name the same structure."""
    word = term.rstrip("-")
    return {word[:-len(e)] for e in _ADJECTIVE_ENDINGS if " " not in word and word.endswith(e) and len(word) - len(e) >= 4}


def _suffixed_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """'aortitis', 'splenomegaly', 'appendicitis': a one-word term's stem with a disease or procedure suffix, as the
    knowledge base's combining forms ('hepat-') name the liver in 'hepatitis'."""
    stems = sorted({t.rstrip("aeiouy-") for t in terms if " " not in t and len(t.rstrip("aeiouy-")) >= 4} |
                   {s for t in terms for s in _stems(t)})
    if not stems:
        return None
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, stems))})(?:{'|'.join(_SUFFIXES)})\b", re.IGNORECASE)


def _prefixed_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """'perirenal', 'peri-renal', 'retroperitoneal'-style words: a prefix glued to a one-word target term or
    its stem ('pericardial' of 'cardiac')."""
    words = sorted({t.rstrip("-") for t in terms if " " not in t and len(t.rstrip("-")) >= 4} |
                   {s for t in terms for s in _stems(t)}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(rf"\b(?:{'|'.join(_PREFIXES)})-?(?:{'|'.join(map(re.escape, words))})\w*", re.IGNORECASE)


def _distinctive_terms(names: set[str], target: str, version: tuple) -> set[str]:
    """The word that distinguishes a name made of a class noun ('innominate bone', 'common iliac artery' ->
    'iliac') or, for a label the knowledge base does not know, every word that is neither a place, a class, a
    region nor another structure's whole name ('pericardial effusion' -> 'pericardial', 'effusion'); with their
    variants. Inside another structure's name ('the common iliac vein') such a word names that structure
    (`Lexicon.names_target`)."""
    others = _kb_names_by_term(target, version)
    out: set[str] = set()
    for name in names:
        words = [w for w in name.split() if w not in _POSITIONAL]
        if len(words) == 2 and words[1] in _CLASS_NOUNS and len(words[0]) > 3 and words[0] not in others and \
                words[0] not in _REGIONS:
            out |= set(giveaway_terms(words[0]))
        elif len(words) == 1 and len(name.split()) > 1 and len(words[0]) > 3 and \
                words[0] not in others and words[0] not in _REGIONS | _CLASS_NOUNS:
            # a name that is one word and its places ('lateral ventricle', 'gluteus maximus'): that word's
            # adjectives name it ('intraventricular', 'the gluteal'); the bare noun may be another's ('ventricle')
            out |= {t for t in giveaway_terms(words[0]) if not t.startswith(words[0])}
    return out


# nouns too general to name a structure on their own ("the nucleus", "the head", "the nodule"): a name's head noun
# names it only when it is none of these (`_head_terms`)
_GENERAL_HEADS = _CLASS_NOUNS | _REGIONS | _POSITIONAL | frozenset(_LESION_WORDS) | frozenset(
    "nucleus nuclei cyst cysts adenoma adenomas polyp polyps head heads body bodies space spaces wall walls cavity "
    "cavities system systems tract canal process processes segment segments horn horns root roots trunk sinus fossa "
    "ring chamber chambers node nodes cortex surface tip end margin border area areas".split())


def _head_terms(label: str) -> set[str]:
    """The head noun of a label of two or more words, and its last two words for a longer one ('ventricle' of 'lateral
    ventricle', 'fat pad' of 'cardiophrenic fat pad', 'disc' of 'optic disc'), unless it is a general noun: after a
    determiner ("the ventricles", "both fat pads") it names the target (`Lexicon.head_re`). Only the label's own
    head counts: a synonym's is often too general ("fluid" of "pleural fluid")."""
    out: set[str] = set()
    words = label.split(" of ")[0].split()  # 'cup of the optic disc' is a cup
    if len(words) >= 2 and words[-1] not in _GENERAL_HEADS and len(words[-1]) > 3:
        out.add(words[-1])
    if len(words) >= 3 and words[-2] not in _POSITIONAL | _GENERAL_HEADS and len(words[-2]) > 2:
        out.add(" ".join(words[-2:]))
    return out


# words of radiotherapy volume names that name no structure ("gross tumour volume primary")
_PLANNING_WORDS = frozenset("volume volumes primary gross clinical planning target total".split())


def _unknown_label_terms(target: str, version: tuple) -> set[str]:
    """The distinctive words of a multi-word label the knowledge base does not know (see `_distinctive_terms`)."""
    others = _kb_names_by_term(target, version)
    words = [w for w in target.split() if w not in _POSITIONAL | _CLASS_NOUNS | _REGIONS and len(w) > 3]
    if len(words) < 2:
        return set()
    words = [w for w in words if w not in _PLANNING_WORDS]
    # an adjective's nouns name it too: 'ovary', 'ovaries' of 'ovarian cyst'
    nouns = [stem + end for w in words for stem in _stems(w) for end in ("y", "ies", "e", "es", "us", "um")]
    # a collection's kind ('effusion' of 'pericardial effusion') and the organ its adjective says ('ovary' of
    # 'ovarian cyst') name it even where the knowledge base knows the word as something else
    out = {t for w in [*words, *nouns] if w not in others or w in _LESION_HEADS or w in nouns for t in giveaway_terms(w)}
    # a lesion of a known organ is named by the organ and any lesion word ('pituitary tumour' of 'pituitary adenoma'),
    # as a known lesion is (`_lesion_terms`)
    if words[-1] in _LESION_WORDS or words[-1] in ("adenoma", "adenomas", "cyst", "cysts", "polyp", "polyps"):
        out |= {f"{o} {w}" for o in words[:-1] if o in others for w in (*_LESION_WORDS, words[-1])}
    return out


# three-letter initials that mean something else in clinical text (renal cell carcinoma, neuroendocrine tumour)
# or are words when written in capitals
_TAKEN_INITIALS = frozenset("RCC NET LAB BAT ASH RAG LAG TOT CAT DOG BAG BIG TOP".split())


def _initialisms(names: set[str]) -> set[str]:
    """'RUL' for 'right upper lobe' and 'right upper lung lobe', 'CIA' for 'common iliac artery', 'RCCA' for
    'right common carotid artery': the initials of a name of three or four words, with or without its class and
    organ words (matched as written, in capitals)."""
    out = set()
    for name in names:
        words = [w for w in re.findall(r"[a-z]+", name) if w not in ("of", "the", "and", "to", "in")]
        # "GTV" of "gross tumour volume primary": a volume named without its primary/nodal suffix
        unsuffixed = words[:-1] if words and words[-1] in ("primary", "nodal") else words
        for kept in (words, [w for w in words if w not in _CLASS_NOUNS and w not in ("lung", "lungs")], unsuffixed):
            if len(kept) in (3, 4):
                out.add("".join(w[0] for w in kept).upper())
    return out - _TAKEN_INITIALS


def _sided_part(term: str, names: frozenset, own: set[str], family: str | None) -> bool:
    """'left femoral head' asked about the left femur: a sided name of a part of the target's family whose
    unsided words are one of the target's own terms is the target, or its counterpart, not another structure
    (a sided form of the target itself, 'left kidney' of the kidneys, stays a name that claims its side)."""
    unsided = re.sub(r"^(?:left|right)\s+", "", term)
    return family is not None and unsided != term and unsided in own and \
        all((e := lookup(n)) is not None and family_of(e) == family and re.sub(r"^(?:left|right)\s+", "", n) != family
            for n in names)


_ADJECTIVAL = ("al", "ic", "ar", "eal", "ine", "ian", "ous")


def _label_forms(label: str, known: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Other wordings of a two-word label: its distinctive modifier when the head is a class noun ('psoas' of 'psoas
    muscles'), the head 'of the' organ an adjective names ('head of the humerus' of 'humeral head'), and a lesion
    word after the organ's adjective ('hepatic metastasis' of 'liver metastases')."""
    words = label.split()
    if len(words) != 2:
        return set()
    modifier, head = words
    out: set[str] = set()
    if head in _CLASS_NOUNS and len(modifier) > 3 and not modifier.endswith(_ADJECTIVAL) and modifier not in SIDE_WORDS:
        out.add(modifier)
    if modifier.endswith(_ADJECTIVAL):  # the organ must be one the knowledge base knows ('humerus', not 'latera')
        nouns = {stem + end for stem in _stems(modifier) for end in ("us", "um", "y", "e", "a", "")} & set(known)
        out |= {f"{head} of the {n}" for n in nouns}
    if head in _LESION_WORDS:
        out |= {f"{g} {w}" for g in giveaway_terms(modifier) if " " not in g and not g.endswith("-") and g != modifier
                and not g.startswith(("intra", "para", "peri", "sub")) for w in _LESION_WORDS}
    return out


class Lexicon:
    """The target's terms and every other structure's terms; built once per target and neighbours."""

    def __init__(self, target: str, synonyms: tuple[str, ...], neighbours: tuple[str, ...],
                 knowledge: KnowledgeEntry | None):
        terms = set(giveaway_terms(target, synonyms)) | (set(knowledge.terms()) if knowledge else set())
        terms |= _lesion_terms(knowledge)
        version = knowledge_version()
        names = {target.lower(), *(x.lower() for x in synonyms),
                 *((x.lower() for x in (*knowledge.synonyms, *knowledge.aliases)) if knowledge else ())}
        distinctive = _distinctive_terms(names, target.lower(), version) - terms
        if knowledge is None:
            distinctive |= _unknown_label_terms(target.lower(), version) - terms
        distinctive |= _label_forms(target.lower(), _kb_names_by_term(target.lower(), version).keys()) - terms
        terms |= distinctive
        self.distinctive = frozenset(distinctive)
        self.target_terms = tuple(sorted(terms))
        own = set(self.target_terms)
        names_by_term: dict[str, frozenset] = dict(_kb_names_by_term(target.lower(), version))
        for other in neighbours:
            entry = lookup(other)
            for term in (entry.terms() if entry else giveaway_terms(other)):
                names_by_term[term] = names_by_term.get(term, frozenset()) | {other.lower()}
        # a class noun of the target's own names refers to the target ("the muscle on the patient's left" of the
        # iliopsoas muscle), not to some other structure
        own_classes = {w for t in self.target_terms for w in t.split() if w in _CLASS_NOUNS}
        self.own_class_re = re.compile(rf"\b(?:the|this|that|these|those)\s+(?:{'|'.join(sorted(own_classes))})\b", re.I) \
            if own_classes else None
        self.sided_class_re = re.compile(rf"\b(?:the|this|that)\s+(left|right)(?:[\s-]+sided)?\s+(?:{'|'.join(sorted(own_classes))})\b",
                                         re.I) if own_classes else None
        for word in ANATOMY:
            if word not in own_classes:
                names_by_term.setdefault(word, frozenset({word}))
        family = family_of(knowledge) if knowledge else None
        self.names_by_term = {t: n for t, n in names_by_term.items() if t not in own and not _sided_part(t, n, own, family)}
        self.known_names = frozenset(n for ns in self.names_by_term.values() for n in ns)
        self.other_terms = tuple(sorted(self.names_by_term))
        self.target_re = term_pattern(self.target_terms)
        self.prefixed_re = _prefixed_pattern(self.target_terms)
        self.suffixed_re = _suffixed_pattern(self.target_terms)
        heads = sorted(_head_terms(target.lower()))
        self.head_re = re.compile(rf"\b(?:the|this|that|these|those|both)\s+(?:{'|'.join(map(re.escape, heads))})(?:e?s)?"
                                  r"(?![\w-])", re.I) if heads else None
        # a label's general head after a determiner ("the nodules" of lung nodules, "these cysts" of kidney cysts) is the
        # target when a claim is attributed, though too general to count as naming it in a question (`names_target`)
        last = target.lower().split(" of ")[0].split()
        own_head = re.sub(r"(?:es|s)$", "", last[-1]) if len(last) >= 2 and last[-1] in _GENERAL_HEADS else ""
        self.own_head_re = re.compile(rf"\b(?:the|these|those|both|all|its|their)\s+(?:{re.escape(own_head)})\w{{0,3}}\b", re.I) \
            if len(own_head) > 3 else None
        self.lesion_like = (knowledge is not None and knowledge.category == "lesion") or \
            last[-1] in {*_LESION_WORDS, "cyst", "cysts", "polyp", "polyps", "herniation", "effusion", "effusions"} or \
            last[-1].endswith(("oma", "omas"))  # glioblastoma, adenoma, haematoma
        name = target.lower()
        sides = [w for w in name.split() if w in SIDE_WORDS]
        self.side = sides[0] if len(sides) == 1 else None  # the side the target's own name gives it
        # "the right-sided counterpart" of the left femur is the right femur, a neighbour the facts may relate to
        other_side = {"left": "right", "right": "left"}.get(self.side or "")
        mirrored = {re.sub(rf"\b{self.side}\b", other_side, target.lower())} if other_side else set()
        self.counterpart = frozenset({"counterpart", *mirrored})
        self.acronyms = tuple(a for a, full in ACRONYMS.items() if full == name or full in own) + \
            tuple(sorted(_initialisms(names)))
        self.countable = bool(self.target_re) and knowledge is not None and knowledge.category == "lesion"

    def names_target(self, text: str) -> bool:
        """Does `text` (normalised) name the target, in any form: term, prefixed word or acronym? A distinguishing
        word taken from a name ('brachiocephalic' of 'brachiocephalic artery') inside another structure's name
        ('the left brachiocephalic vein', asked about the brachiocephalic trunk) names that structure instead."""
        others: list[tuple[int, int]] | None = None  # other structures' names, found only when needed

        def free(match: re.Match) -> bool:
            nonlocal others
            if match.group(0).lower() not in self.distinctive:
                return True
            if others is None:
                others = [(m.start, m.end) for m in self.mentions(text)
                          if m.names and not m.names & {"person", "counterpart"}]
            return not any(s <= match.start() and match.end() <= e for s, e in others)

        text = text.replace("_", " ")  # a planning system's name: "Globe_L/R", "Parotid_R"
        patterns = [p for p in (self.target_re, self.prefixed_re, self.suffixed_re, self.head_re) if p is not None]
        # "GTVp" of "gross tumour volume primary": a volume's last initial is written in lower case
        patterns += [re.compile(rf"\b(?:{a}|{a[:-1]}{a[-1].lower()})s?\b") if len(a) == 4 else re.compile(rf"\b{a}s?\b")
                     for a in self.acronyms]
        return any(free(m) for p in patterns for m in p.finditer(text))

    def _other_side(self, sentence: str, start: int) -> int | None:
        """'the right-sided ribs' of the left rib 7: the target's name under the other side names its counterpart;
        where that mention starts (at its side word), or None."""
        if self.side is None:
            return None
        side = re.search(r"\b(left|right)(?:[\s-]+(?:hand\s+)?sided)?\s+$", sentence[:start], re.I)
        return side.start() if side and side.group(1).lower() != self.side else None

    def mentions(self, sentence: str) -> list[Mention]:
        """Structure mentions in text order; the longest wins where they overlap ('right kidney' over
        'kidney'); the target and pronouns carry no names."""
        spans: dict[tuple[int, int], frozenset] = {}
        for start, end, term in find_terms(sentence, self.other_terms):
            names = self.names_by_term[term]
            side = _SIDE_BEFORE.search(sentence, max(0, start - 24), start)
            word = side.group(1).lower() if side else ""
            sided = frozenset(n for n in names if word in n.split()) or \
                frozenset(f"{word} {n}" for n in names if f"{word} {n}" in self.known_names) if side else None
            if sided:  # "the right iliac bone": a side word before a shared synonym picks the sided structure
                start, names = side.start(), sided
            spans[(start, end)] = spans.get((start, end), frozenset()) | names
        found = [Mention(s, e, n) for (s, e), n in spans.items()]
        for s, e, _ in find_terms(sentence, self.target_terms):
            other = self._other_side(sentence, s)
            found.append(Mention(other, e, self.counterpart) if other is not None else Mention(s, e, frozenset()))
        found += [Mention(m.start(), m.end(), frozenset()) for m in PRONOUN.finditer(sentence)]
        found += [Mention(m.start(), m.end(), frozenset({"person"})) for m in PERSON.finditer(sentence)]
        if self.own_class_re:  # "the muscle" of the iliopsoas muscle is the target
            found += [Mention(m.start(), m.end(), frozenset()) for m in self.own_class_re.finditer(sentence)]
        if self.own_class_re and self.side:  # "the right-sided gland" of the left adrenal gland is its counterpart
            found += [Mention(m.start(), m.end(), self.counterpart if m.group(1).lower() != self.side else frozenset())
                      for m in self.sided_class_re.finditer(sentence)]
        if self.own_head_re:  # "the nodules" of lung nodules
            found += [Mention(m.start(), m.end(), frozenset()) for m in self.own_head_re.finditer(sentence)]
        if self.lesion_like:  # "the lesion" of a polyp, "these foci" of brain metastases: a bare lesion word is the target
            found += [Mention(m.start(), m.end(), frozenset()) for m in _BARE_LESION.finditer(sentence)]
        found += [Mention(m.start(), m.end(), self.counterpart) for m in COUNTERPART.finditer(sentence)]
        kept, last_end = [], -1
        for m in sorted(found, key=lambda x: (x.start, -(x.end - x.start), bool(x.names))):
            if m.start >= last_end:
                kept.append(m)
                last_end = m.end
            elif m.end > last_end and m.names and not (m.names | kept[-1].names) & {"person", "counterpart"}:
                kept[-1] = m  # "the left renal vein": a name's head is its last word, so the vein, not the left kidney
                last_end = m.end
        return kept


_SIDE_BEFORE = re.compile(r"\b(left|right)(?:[\s-]+(?:hand[\s-]+)?sided)?[\s-]+$", re.I)

_LEXICONS: dict[tuple, Lexicon] = {}


def lexicon_for(record: SourceRecord, knowledge: KnowledgeEntry | None) -> Lexicon:
    """The record's lexicon, shared by every record of the same target and neighbours (QC stays cheap)."""
    neighbours = tuple(dict.fromkeys(rel.other for rel in record.facts.relations))
    key = (record.target, tuple(record.synonyms), neighbours, knowledge.model_dump_json() if knowledge else None,
           knowledge_version())
    lexicon = _LEXICONS.get(key)
    if lexicon is None:
        if len(_LEXICONS) >= 4096:
            _LEXICONS.clear()
        lexicon = _LEXICONS[key] = Lexicon(record.target, tuple(record.synonyms), neighbours, knowledge)
    return lexicon
