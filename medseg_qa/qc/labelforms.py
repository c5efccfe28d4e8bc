"""A label's other wordings, and the word classes that tell a name's distinctive word from its place and class.

`Lexicon` (qc/lexicon.py) builds the target's terms from these: the word that distinguishes 'common iliac
artery' ('iliac'), the head noun that names 'lateral ventricle' after a determiner ('the ventricles'), the
initials of a long name ('RUL'), an unknown label's distinctive words, and other wordings of a two-word
label ('psoas' of 'psoas muscles', 'head of the humerus' of 'humeral head').
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from medseg_qa.knowledge import SIDE_WORDS, KnowledgeEntry, giveaway_terms, load_knowledge, lookup

# words that place or classify a structure without naming it: what is left of a name without them names it
# ('iliac' of 'common iliac artery', 'innominate' of 'innominate bone'); a name made only of them does not
POSITIONAL = frozenset("left right bilateral unilateral multifocal unifocal multiple solitary upper lower middle common internal external superior inferior anterior posterior "
                       "medial lateral proximal distal deep superficial greater lesser major minor main accessory "
                       "whole total peripheral central transition maximus minimus medius longus brevis magnus".split())
# a region of the body names where a structure is, not the structure ('pelvic bone', 'thigh bone')
REGIONS = frozenset("pelvic pelvis abdominal abdomen thoracic thorax chest cranial head neck cervical lumbar thigh arm "
                    "forearm leg shin foot hand shoulder back trunk body buttock seat groin flank".split())
CLASS_NOUNS = frozenset("bone bones muscle muscles artery arteries vein veins gland glands nerve nerves duct ducts "
                        "structure structures organ organs tissue region regions lobe lobes zone zones part parts "
                        "vessel vessels ligament ligaments tendon tendons territory territories".split())


@lru_cache(maxsize=256)
def kb_names_by_term(target: str, version: tuple) -> dict[str, frozenset]:
    """term -> the KB structures (other than `target`) it names, in the active knowledge `version`."""
    names: dict[str, set[str]] = defaultdict(set)
    for entry in load_knowledge().values():
        if entry.name.lower() != target:
            for term in entry.terms():
                names[term].add(entry.name.lower())
    return {t: frozenset(n) for t, n in names.items()}


LESION_WORDS = ("mets", "metastasis", "metastases", "mass", "masses", "tumour", "tumours", "tumor", "tumors",
                "nodule", "nodules", "lesion", "lesions", "deposits", "cancer", "carcinoma")
# a collection's own kind, which names no organ: 'effusion' of 'pericardial effusion' even though the knowledge base
# lists it for the pleural effusion ('cyst' and 'tumour' stay organ-qualified, as for the kidney cyst)
LESION_HEADS = frozenset({"effusion", "effusions"})


def lesion_terms(knowledge: KnowledgeEntry | None) -> set[str]:
    """A lesion is named by its organ plus a lesion word ('hepatic mets' for a liver lesion, 'brain tumour' for
    the whole tumour), but a part of a lesion is not ('this brain tumour' names the context of the peritumoral
    edema or the enhancing tumour, not them): only a label made of lesion words and its organ gets these terms."""
    if knowledge is None or knowledge.category != "lesion" or not knowledge.within:
        return set()
    organ = lookup(knowledge.within)
    organ_terms = [t for t in (organ.terms() if organ else giveaway_terms(knowledge.within))
                   if not t.endswith("-") and " " not in t]
    words = set(knowledge.name.lower().split())
    if not words & {*LESION_WORDS, "cyst", "cysts"} or \
            words - {*LESION_WORDS, "cyst", "cysts", "whole", *SIDE_WORDS, *organ_terms}:
        return set()
    return {f"{o} {w}" for o in organ_terms for w in LESION_WORDS}


_ADJECTIVE_ENDINGS = ("ical", "iac", "ac", "ic", "al", "ar", "ian", "eal", "ine")


def plural_stem(noun: str) -> str:
    """A noun without its plural ending ("adenomas" -> "adenoma", "cysts" -> "cyst", "hippocampi" -> "hippocamp")."""
    return re.sub(r"(?:es|s|i)$", "", noun.lower())


def adjective_stems(term: str) -> set[str]:
    """The roots an adjective is built on ('cardi' of 'cardiac', 'appendic' of 'appendical', 'ovar' of
    'ovarian'): other words built on them ('pericardial', 'appendicitis', 'ovary') name the same structure."""
    word = term.rstrip("-")
    return {word[:-len(e)] for e in _ADJECTIVE_ENDINGS if " " not in word and word.endswith(e) and len(word) - len(e) >= 4}


def distinctive_terms(names: set[str], target: str, version: tuple) -> set[str]:
    """The word that distinguishes a name made of a class noun ('innominate bone', 'common iliac artery' ->
    'iliac') or, for a label the knowledge base does not know, every word that is neither a place, a class, a
    region nor another structure's whole name ('pericardial effusion' -> 'pericardial', 'effusion'); with their
    variants. Inside another structure's name ('the common iliac vein') such a word names that structure
    (`Lexicon.names_target`)."""
    others = kb_names_by_term(target, version)
    out: set[str] = set()
    for name in names:
        words = [w for w in name.split() if w not in POSITIONAL]
        if len(words) == 2 and words[1] in CLASS_NOUNS and len(words[0]) > 3 and words[0] not in others and \
                words[0] not in REGIONS:
            out |= set(giveaway_terms(words[0]))
        elif len(words) == 1 and len(name.split()) > 1 and len(words[0]) > 3 and \
                words[0] not in others and words[0] not in REGIONS | CLASS_NOUNS:
            # a name that is one word and its places ('lateral ventricle', 'gluteus maximus'): that word's
            # adjectives name it ('intraventricular', 'the gluteal'); the bare noun may be another's ('ventricle')
            out |= {t for t in giveaway_terms(words[0]) if not t.startswith(words[0])}
    return out


# nouns too general to name a structure on their own ("the nucleus", "the head", "the nodule"): a name's head noun
# names it only when it is none of these (`head_terms`)
GENERAL_HEADS = CLASS_NOUNS | REGIONS | POSITIONAL | frozenset(LESION_WORDS) | frozenset(
    "nucleus nuclei cyst cysts adenoma adenomas polyp polyps head heads body bodies space spaces wall walls cavity "
    "cavities system systems tract canal process processes segment segments horn horns root roots trunk sinus fossa "
    "ring chamber chambers node nodes cortex surface tip end margin border area areas joint joints loop loops".split())


def head_terms(label: str) -> set[str]:
    """The head noun of a label of two or more words, and its last two words for a longer one ('ventricle' of 'lateral
    ventricle', 'fat pad' of 'cardiophrenic fat pad', 'disc' of 'optic disc'), unless it is a general noun: after a
    determiner ("the ventricles", "both fat pads") it names the target (`Lexicon.head_re`). Only the label's own
    head names it in a question: a synonym's is often too general ("fluid" of "pleural fluid"), though in an answer
    "the fluid" is the target (`Lexicon.synonym_head_re`)."""
    out: set[str] = set()
    words = label.split(" of ")[0].split()  # 'cup of the optic disc' is a cup
    if len(words) >= 2 and words[-1] not in GENERAL_HEADS and len(words[-1]) >= 3:  # 'cup' of 'optic cup'
        out.add(words[-1])
        size_prefix = re.match(r"(?:macro|micro)(?=[a-z]{5})", words[-1])
        if size_prefix:  # 'adenoma' of 'pituitary macroadenoma': the head without its size prefix
            out.add(words[-1][size_prefix.end():])
    if len(words) >= 3 and words[-2] not in POSITIONAL | GENERAL_HEADS and len(words[-2]) > 2:
        out.add(" ".join(words[-2:]))
    return out


# the heads of labels that are a finding in a place rather than a structure
_FINDING_HEADS = frozenset("polyp polyps haemorrhage haemorrhages hemorrhage hemorrhages caries disease atrophy drusen "
                           "fracture fractures laceration lacerations haematoma haematomas hematoma hematomas contusion "
                           "contusions collection collections".split())
# the heads of labels that are a finding in a place: the other words of such a label say where it is
FINDING_LABEL_HEADS = _FINDING_HEADS | frozenset(LESION_WORDS) | frozenset(
    "effusion effusions aneurysm aneurysms tear tears rupture thrombus thrombi plaque plaques stenosis occlusion "
    "occlusions cyst cysts stone stones calculus calculi nodules carcinomas abscess abscesses infarct infarcts seroma "
    "seromas oedema edema enhancement dissection endoleak embolus emboli embolism fibroid fibroids osteonecrosis "
    "necrosis adenoma adenomas pseudocyst pseudocysts adenocarcinoma adenocarcinomas".split())


def place_terms(target: str, version: tuple = ()) -> frozenset[str]:
    """The terms of the place words of an unknown label that is a finding in a place ('knee' and 'joint' of 'knee joint
    effusion', 'breast' of 'left breast carcinoma', 'aorta' of 'infrarenal aortic aneurysm'): a question that names
    only the place asks where to look, it does not name the finding (`Lexicon.names_target`); the finding's own
    word or a word of its kind (`finding_words`), with its place, does. A word that is no place ('colloid' of a colloid
    cyst, 'sclerotic' of sclerotic bone lesions) stays a name."""
    words = [w for w in target.split() if w not in POSITIONAL and len(w) > 2]
    if len(words) < 2 or not (words[-1] in FINDING_LABEL_HEADS | _PLACED_HEADS or _FINDING_FORM.fullmatch(words[-1])):
        return frozenset()
    known = kb_names_by_term(target, version) if version else {}
    head = set(giveaway_terms(words[-1]))
    out: set[str] = set()
    for w in words[:-1]:
        nouns = [stem + end for stem in adjective_stems(w) for end in ("y", "ies", "e", "es", "us", "um", "a", "")]
        if w in REGIONS or w in _BODY_PLACES or any(n in known or n in _BODY_PLACES for n in [w, *nouns]):
            out |= {t for x in [w, *nouns] for t in giveaway_terms(x)}
    return frozenset(out - head)


# a finding by its word's form: a growth ('haemangioma', 'schwannoma'), an inflammation ('spondylodiscitis'), a
# condition ('spondylolisthesis', 'stenosis'); not the stoma, an opening made on purpose
_FINDING_FORM = re.compile(r"(?!stomas?$)[a-z]{3,}(?:omas?|omata|itis|osis|oses|iasis)")
# heads that are not findings but are named by their place the same way ('mesentery' of mesenteric lymph nodes, 'colon'
# of colonic diverticula)
_PLACED_HEADS = frozenset("node nodes diverticula diverticulum stent stents catheter catheters drain drains tube tubes clip clips "
                           "coil coils".split())  # (a device in a place: "ureteroscopy" of ureteric stents names the place)
# body parts that a finding sits in, which the knowledge base may not list as structures
_BODY_PLACES = frozenset("knee knees hip hips shoulder ankle wrist elbow breast breasts axilla axillary armpit neck jaw "
                         "scalp skin joint thigh calf nasal nose parathyroid diverticulum diverticula mesentery ureter ureters".split())
# words of a finding's kind: said with its place they name the finding ('pericardial fluid', 'subdural bleed')
_KIND_WORDS = {"effusion": "fluid|collection|effusions?", "haematoma": "bleed|bleeding|blood|haemorrhage|hemorrhage|"
               "ha?ematomas?", "carcinoma": "cancer|tumou?r|malignancy|carcinomas?", "polyp": "polyps?|polyposis",
               "cyst": "cysts?|cystic", "aneurysm": "aneurysms?|aneurysmal|dilatation|dilated"}


def finding_words(target: str) -> re.Pattern:
    """The finding's own word, its other spelling and words of its kind (`_KIND_WORDS`), for `place_terms`."""
    head = plural_stem(target.split()[-1]).replace("hemat", "haemat")
    kind = next((v for k, v in _KIND_WORDS.items() if head.startswith(plural_stem(k))), re.escape(head) + r"\w*")
    return re.compile(rf"\b(?:{kind}|lesions?|mass(?:es)?|tumou?rs?|growths?|abnormality|deposits?|mets|metastas[ie]s|secondar(?:y|ies)|\w{{3,}}omas?)\b", re.I)


# words of radiotherapy volume names that name no structure ("gross tumour volume primary")
_PLANNING_WORDS = frozenset("volume volumes primary gross clinical planning target total".split())


def unknown_label_terms(target: str, version: tuple) -> set[str]:
    """The distinctive words of a multi-word label the knowledge base does not know (see `distinctive_terms`), and a
    finding named by the initials of its place ('RLL nodule' of 'right lower lobe nodule')."""
    place, head = target.split()[:-1], target.split()[-1] if target.split() else ""
    initials = {f"{''.join(w[0] for w in place)} {head}"} if len(place) in (3, 4) and head in FINDING_LABEL_HEADS else set()
    return _unknown_label_terms(target, version) | initials


def _unknown_label_terms(target: str, version: tuple) -> set[str]:
    others = kb_names_by_term(target, version)
    words = [w for w in target.split() if w not in POSITIONAL | CLASS_NOUNS | REGIONS and len(w) > 3]
    if len(words) < 2:
        return set()
    words = [w for w in words if w not in _PLANNING_WORDS]
    # a finding in a place is named by the finding too ('the flame haemorrhages', 'the spinal fracture')
    head = set(giveaway_terms(words[-1])) if words[-1] in _FINDING_HEADS else set()
    # an adjective's nouns name it too: 'ovary', 'ovaries' of 'ovarian cyst'
    nouns = [stem + end for w in words for stem in adjective_stems(w) for end in ("y", "ies", "e", "es", "us", "um")]
    # a collection's kind ('effusion' of 'pericardial effusion') and the organ its adjective says ('ovary' of
    # 'ovarian cyst') name it even where the knowledge base knows the word as something else
    out = head | {t for w in [*words, *nouns] if w not in others or w in LESION_HEADS or w in nouns for t in giveaway_terms(w)}
    # a lesion of a known organ is named by the organ and any lesion word ('pituitary tumour' of 'pituitary adenoma'),
    # as a known lesion is (`lesion_terms`)
    if words[-1] in LESION_WORDS or words[-1] in ("adenoma", "adenomas", "cyst", "cysts", "polyp", "polyps"):
        out |= {f"{o} {w}" for o in words[:-1] if o in others for w in (*LESION_WORDS, words[-1])}
        # ... also by the organ's own name ('liver cyst' of 'hepatic cyst')
        out |= {f"{organ} {w}" for o in words[:-1] for organ in others.get(o, ()) if len(organ.split()) == 1
                for w in (words[-1], plural_stem(words[-1]) if words[-1].endswith("s") else words[-1] + "s")}
    return out


# three-letter initials that mean something else in clinical text (renal cell carcinoma, neuroendocrine tumour)
# or are words when written in capitals
_TAKEN_INITIALS = frozenset("RCC NET LAB BAT ASH RAG LAG TOT CAT DOG BAG BIG TOP".split())


def initialisms(names: set[str]) -> set[str]:
    """'RUL' for 'right upper lobe' and 'right upper lung lobe', 'CIA' for 'common iliac artery', 'RCCA' for
    'right common carotid artery': the initials of a name of three or four words, with or without its class and
    organ words (matched as written, in capitals)."""
    out = set()
    for name in names:
        words = [w for w in re.findall(r"[a-z]+", name) if w not in ("of", "the", "and", "to", "in")]
        # "GTV" of "gross tumour volume primary": a volume named without its primary/nodal suffix
        unsuffixed = words[:-1] if words and words[-1] in ("primary", "nodal") else words
        for kept in (words, [w for w in words if w not in CLASS_NOUNS and w not in ("lung", "lungs")], unsuffixed):
            if len(kept) in (3, 4):
                out.add("".join(w[0] for w in kept).upper())
    return out - _TAKEN_INITIALS


# endings of a modifier that is an organ's adjective ('humeral', 'hepatic', 'venous'); a modifier in -ac ('iliac')
# is kept as the distinctive word of its name
_ADJECTIVAL = (*(e for e in _ADJECTIVE_ENDINGS if not e.endswith("ac")), "ous")


# words for one kind of injury or bleed: a label's head of one kind is named by any word of it after its organ
# ('splenic tear' of 'spleen laceration', 'renal injury' of 'left kidney laceration')
_FINDING_KIN = (frozenset("laceration lacerations tear tears injury injuries rupture ruptures".split()),
                frozenset("haematoma haematomas hematoma hematomas bleed bleeds haemorrhage hemorrhage".split()),
                frozenset("fracture fractures break breaks".split()),
                frozenset("contusion contusions bruise bruising".split()))


_FINDING_DONE = (("lacerated", "torn", "injured", "ruptured"), ("bleeding",), ("fractured", "broken"), ("contused", "bruised"))


def label_forms(label: str, known: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Other wordings of a two-word label (a side word before it aside): its distinctive modifier when the head is a
    class noun ('psoas' of 'psoas muscles'), the head 'of the' organ an adjective names ('head of the humerus' of
    'humeral head'), a lesion word after the organ's adjective ('hepatic metastasis' of 'liver metastases') and an
    injury's other words after its organ ('splenic tear' of 'spleen laceration')."""
    words = label.split()
    side = ""
    if len(words) == 3 and words[0] in SIDE_WORDS and any(words[2] in kin for kin in _FINDING_KIN):
        side, words = f"{words[0]} ", words[1:]  # "left kidney laceration"
    if len(words) != 2:
        return set()
    modifier, head = words
    out: set[str] = set()
    for kin, done in zip(_FINDING_KIN, _FINDING_DONE):
        if head in kin:
            hosts = {g for g in giveaway_terms(modifier) if " " not in g and not g.endswith("-")
                     and not g.startswith(("intra", "para", "peri", "sub"))}
            out |= {f"{g} {w}" for g in hosts for w in kin}
            # the host as what was done to it: "the lacerated spleen", "the torn left kidney", "the fractured ribs"
            out |= {f"{p} {s}{g}" for p in done for s in {side, ""} for g in hosts | {modifier, f"{modifier}s"}}
    if head in CLASS_NOUNS and len(modifier) > 3 and not modifier.endswith(_ADJECTIVAL) and modifier not in SIDE_WORDS:
        out.add(modifier)
    if modifier.endswith(_ADJECTIVAL):  # the organ must be one the knowledge base knows ('humerus', not 'latera')
        nouns = {stem + end for stem in adjective_stems(modifier) for end in ("us", "um", "y", "e", "a", "")} & set(known)
        out |= {f"{head} of the {n}" for n in nouns}
    if head in LESION_WORDS:
        out |= {f"{g} {w}" for g in giveaway_terms(modifier) if " " not in g and not g.endswith("-") and g != modifier
                and not g.startswith(("intra", "para", "peri", "sub")) for w in LESION_WORDS}
    return out


# words of the target's in a question that do not name it (`Lexicon.names_target`): an adjective of the target before
# an examination or view names the examination, not the structure: "cardiac CT",
# "mid-ventricular short-axis image", "renal ultrasound" (modifiers between, no preposition or article)
EXAMINATION = re.compile(r"[\s-]+(?:(?!(?:on|in|of|at|to|for|with|from|this|that|the|a|an)\b)[\w-]+\s+){0,2}?"
                         r"(?:ct|cta|mri?|mra|pet|spect|ultrasound|sonograph\w*|echo\w*|scans?|study|slices?|images?|"
                         r"views?|cine|series|angiogra\w*|imaging|exam\w*)\b", re.I)

# an operation or examination named on a word of the target's ("nephrectomy", "pneumonectomy", "cholangiogram") ...
PROCEDURE = re.compile(r"[\w-]*?(?:ectom|otom|ostom|plast|pex|scop|graph)(?:y|ies)\b|[\w-]*?gram(?:s)?\b", re.I)
# ... and the other side's word just before it ("right laparoscopic donor nephrectomy")
OTHER_SIDE_BEFORE = {side: re.compile(rf"\b{other}(?:[\s-]+[a-z]+){{0,2}}[\s-]+$", re.I)
                     for side, other in (("left", "right"), ("right", "left"))}


# anatomical prefixes glued to a term ("perirenal", "retroperitoneal")
PREFIXES = ("peri", "para", "supra", "infra", "retro", "intra", "sub", "extra", "trans", "epi", "hypo", "juxta",
            "pre", "post", "inter", "hydro", "hemo", "haemo", "pneumo", "pyelo", "poly", "hemi", "hyper", "endo", "ano", "bi")
# disease and procedure suffixes glued to a stem ("aortitis", "splenomegaly")
_SUFFIXES = ("itis", "omas", "oma", "omegaly", "ectomy", "otomy", "ostomy", "ography", "ogram", "opathy", "osis", "algia")


def suffixed_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """'aortitis', 'splenomegaly', 'appendicitis': a one-word term's stem with a disease or procedure suffix, as the
    knowledge base's combining forms ('hepat-') name the liver in 'hepatitis'."""
    stems = sorted({t.rstrip("aeiouy-") for t in terms if " " not in t and len(t.rstrip("aeiouy-")) >= 4} |
                   {s for t in terms for s in adjective_stems(t)})
    if not stems:
        return None
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, stems))})(?:{'|'.join(_SUFFIXES)})\b", re.IGNORECASE)


def prefixed_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """'perirenal', 'peri-renal', 'retroperitoneal'-style words: a prefix glued to a one-word target term or
    its stem ('pericardial' of 'cardiac')."""
    words = sorted({t.rstrip("-") for t in terms if " " not in t and len(t.rstrip("-")) >= 4} |
                   {s for t in terms for s in adjective_stems(t)}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(rf"\b(?:{'|'.join(PREFIXES)})-?(?:{'|'.join(map(re.escape, words))})\w*", re.IGNORECASE)
