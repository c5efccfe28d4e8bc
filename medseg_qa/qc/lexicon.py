"""Which words in a text name the target, and which name other structures (QC's own matcher).

The target's terms are its label, the record's and the knowledge base's synonyms, every form
`knowledge.giveaway_terms` gives, and two families the knowledge base does not spell out: the same terms
behind an anatomical prefix ('perirenal', 'perisplenic', 'periaortic': a word that contains a term after
one of `labelforms.PREFIXES`) and disease acronyms that stand for the structure ('AAA'). Other structures' terms
come from the knowledge base, the record's measured neighbours and a list of common anatomy, so that a
sentence about another structure is attributed to it and not to the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from medseg_qa.knowledge import CLASS_WORDS, SIDE_WORDS, KnowledgeEntry, family_of, find_terms, giveaway_terms, \
    knowledge_version, load_knowledge, lookup, term_pattern
from medseg_qa.schemas import SourceRecord

from .labelforms import (CLASS_NOUNS, EXAMINATION, FINDING_LABEL_HEADS, GENERAL_HEADS, LESION_WORDS, OTHER_SIDE_BEFORE,
                         POSITIONAL, PREFIXES, PROCEDURE, REGIONS, distinctive_terms, finding_words, head_terms, initialisms,
                         kb_names_by_term, label_forms, lesion_terms, place_terms, plural_stem, prefixed_pattern,
                         suffixed_pattern, unknown_label_terms)
from .referents import ACRONYMS, ANATOMY, COUNTERPART, PERSON, PRONOUN, SIDED_ONE
from .texting import respelled

@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    names: frozenset  # empty for the target


# a lesion word after a determiner, naming no organ ("the lesion", "these foci"): the target when it is a lesion
_BARE_LESION = re.compile(r"\b(?:the|these|those|this|that|both|all|its|their)\s+(?:lesions?|foci|focus|deposits?|nodules?|masses|"
                          r"mass|tumou?rs?|metastas[ie]s|mets|growths?|protrusion)\b|"
                          # ... after a modifier that may be a name ("the white-matter foci"): the lesions, not the white matter
                          r"\b(?:the|these|those|both|all|its|their)\s+[a-z]+(?:-[a-z]+)?\s+(?:lesions|foci|deposits|nodules|"
                          r"plaques|hyperintensities|metastases)\b|"
                          # report English without an article: "Lesion is on Lt."
                          r"^\W*(?:lesions?|mass|focus|foci)(?=\s+(?:is|are|lies|lie|sits|sit|seen|noted|measures?)\b)", re.I)
def _sided_part(term: str, names: frozenset, own: set[str], family: str | None) -> bool:
    """'left femoral head' asked about the left femur: a sided name of a part of the target's family whose
    unsided words are one of the target's own terms is the target, or its counterpart, not another structure
    (a sided form of the target itself, 'left kidney' of the kidneys, stays a name that claims its side)."""
    unsided = re.sub(r"^(?:left|right)\s+", "", term)
    return family is not None and unsided != term and unsided in own and \
        all((e := lookup(n)) is not None and family_of(e) == family and re.sub(r"^(?:left|right)\s+", "", n) != family
            for n in names)


def _finding_kind(word: str) -> str | None:
    """A kind of finding ('lesion', 'masses', 'tumor', 'metastasis') in one spelling, or None for any other word."""
    w = word.lower().replace("tumor", "tumour")
    w = {"metastases": "metastasis", "masses": "mass", "mets": "metastasis"}.get(w, w)
    w = w[:-1] if w.endswith("s") and w[:-1] in CLASS_WORDS else w
    return w if w in CLASS_WORDS else None


def _kin_word(term: str, names: frozenset, family: str | None) -> bool:
    """'these hyperintensities' said of multiple sclerosis lesions: a one-word term that only entries of the target's
    own family use (a kind of brain lesion) points at the target, not at another structure (a name of several words,
    'enhancing tumour', still names its own)."""
    if family is None or " " in term or term in names:
        return False  # ('sacrum' names the sacrum, whatever its family)
    families = _families(knowledge_version())
    return all(families.get(n) == family for n in names)


@lru_cache(maxsize=8)
def _families(version: tuple) -> dict[str, str]:
    return {name.lower(): family_of(e) for name, e in load_knowledge().items()}


# the head noun of a knowledge entry's descriptor: the last word before its first qualifier ("the muscular tube that
# carries food ..." -> tube); a word naming a place or a share of something is no class of things
_DESCRIPTOR_HEAD = re.compile(r"^(?:an?|the)\s+(?:[a-z-]+\s+){0,3}?([a-z]{3,})(?=\s*(?:$|,|;|\(|\s(?:that|which|of|in|on|at|with|"
                              r"where|whose|from|to|behind|between|around|inside|within|under|for|along|over|near|beside)\b))",
                              re.I)
_PART_OF_WHOLE = re.compile(r"^(?:an?|the)\s+(?:[a-z-]+\s+){0,2}?(?:segment|part|portion|section)\s+of\s+the\s+(?:[a-z-]+\s+)?"
                            r"([a-z]{4,})\s*$", re.I)
# (as `plural_stem` leaves them: "stones" -> "ston", "stone" -> "stone")
_LESION_STEMS = frozenset("adenoma cyst nodul polyp tumour tumor lesion mass metastas met naev nev deposit cancer carcinoma "
                          "aneurysm stone ston calcul mas nodule "
                          # a finding counted by its own name too ("a single fracture", "two tears", "one clot")
                          "fracture fractur tear rupture haematoma hematoma contusion laceration abscess absces infarct "
                          "thrombu thrombus embol embolu clot plaque plaqu fibroid "
                          # a lymph node is counted by its noun ("two nodes are visible")
                          "node nod".split())
_NOT_A_CLASS = frozenset("part end side half top case extent centre center blood signal tissue layer area areas space "
                         "into bottom front back segment branch".split())


# a part of a whole, or a place on it, named before the whole ("the segments of the lumbar spine", "the block at the
# front of the spinal column"): a question that names the whole the target belongs to does not name the target
_PART_OF = re.compile(r"\b(?:parts?|portions?|segments?|sections?|pieces?|blocks?|elements?|bits?|front|back|rear|top|bottom|"
                      r"middle)\s+of\s+(?:the|this|that|a|an|its|each|every)?\s*(?:[\w-]+\s+){0,2}$", re.I)


# a participle or a word of what is left between a determiner and the label's head ("the fused kidney")
_PARTICIPLE = r"(?:(?!(?:failed|removed|resected|excised|explanted|rejected|missing|bleeding)\b)[a-z]{2,}(?:[^e]ed|ing)|" \
              r"single|only|sole|lone|solitary|residual|surviving)"
# a label's words for a shape, an arrangement or a kind of articulation, ordinary words alone ("the paired joints
# where the sacrum meets the ilium" does not name the sacroiliac joints)
_ORDINARY_HEADS = frozenset("system systems loop loops process processes space spaces surface tip end margin border area "
                            "areas ring joint joints".split())

_PREFIX = re.compile(rf"^(?:{'|'.join(PREFIXES)})-?")  # "post-ureteroscopy": a place word after its prefix


class Lexicon:
    """The target's terms and every other structure's terms; built once per target and neighbours."""

    def __init__(self, target: str, synonyms: tuple[str, ...], neighbours: tuple[str, ...],
                 knowledge: KnowledgeEntry | None):
        own_label = set(giveaway_terms(target, synonyms))
        words = target.lower().split()  # "the left lobe" of the left thyroid lobe: its side and class, its organ implied
        if len(words) == 3 and words[0] in ("left", "right") and words[2] in CLASS_NOUNS:
            own_label |= {f"{words[0]} {words[2]}", f"{words[0]} {words[2]}s"}
        self.own_label = frozenset(own_label)
        version = knowledge_version()
        self.place_terms = place_terms(target.lower(), version) if knowledge is None else frozenset()
        self.finding_re = finding_words(target.lower()) if self.place_terms else None  # 'knee' of a knee effusion
        self.place_stems = tuple({t.rstrip("aeiouy-") for t in self.place_terms
                                  if " " not in t and len(t.rstrip("aeiouy-")) >= 5 and not t.startswith(PREFIXES)})
        terms = own_label | (set(knowledge.terms()) if knowledge else set())
        terms |= lesion_terms(knowledge)
        names = {target.lower(), *(x.lower() for x in synonyms),
                 *((x.lower() for x in (*knowledge.synonyms, *knowledge.aliases)) if knowledge else ())}
        distinctive = distinctive_terms(names, target.lower(), version) - terms
        if knowledge is None:
            distinctive |= unknown_label_terms(target.lower(), version) - terms
        distinctive |= label_forms(target.lower(), kb_names_by_term(target.lower(), version).keys()) - terms
        terms |= distinctive
        # a structure measured beside the target in this record is not the target, though its entry shares one
        # ("lateral meniscus" of a medial meniscus whose entry names both)
        for other in neighbours:
            if other.lower() != target.lower():
                terms -= set(giveaway_terms(other)) - own_label
        distinctive &= terms
        self.distinctive = frozenset(distinctive)
        # a label's word for a shape or an arrangement ('system' of a duplex collecting system, 'loop' of a loop
        # ileostomy) is the target in a claim ("the loop lies ..."), but an ordinary word in a question: alone, it
        # does not name it
        self.ordinary = distinctive & _ORDINARY_HEADS
        # the kinds of finding the label itself is made of ('tumour' of 'whole tumour', 'cyst' of 'kidney cyst'); a
        # label of the most general kind ('liver lesion') is named by any kind ("the masses", "the metastases")
        self.label_kinds = frozenset(filter(None, map(_finding_kind, target.lower().split())))
        self.target_terms = tuple(sorted(terms))
        own = set(self.target_terms)
        names_by_term: dict[str, frozenset] = dict(kb_names_by_term(target.lower(), version))
        for other in neighbours:
            entry = lookup(other)
            for term in (entry.terms() if entry else giveaway_terms(other)):
                names_by_term[term] = names_by_term.get(term, frozenset()) | {other.lower()}
        for other in neighbours:  # a neighbour's own name names it alone ("the medial meniscus", whose entry also
            if other.lower() != target.lower():  # lists the lateral one)
                names_by_term[other.lower()] = frozenset({other.lower()})
        # a class noun of the target's own names refers to the target ("the muscle on the patient's left" of the
        # iliopsoas muscle), not to some other structure
        own_classes = {w for t in self.target_terms for w in t.split() if w in CLASS_NOUNS}
        # ... and so does its entry's category ("the bone" of a vertebral body, whose category is bone)
        category = (knowledge.category or "") if knowledge else ""
        own_classes |= {f for w in category.lower().split() for f in (w, f"{w}s") if w in _CATEGORY_CLASSES}
        # ... and so does its descriptor's head noun ("the tube" of the oesophagus, "the muscular tube that ...")
        head = _DESCRIPTOR_HEAD.match((knowledge.descriptor or "") if knowledge else "")
        if head and head.group(1).lower() not in _NOT_A_CLASS:
            own_classes |= {head.group(1).lower(), head.group(1).lower() + "s"}
        # ... and a part's whole ("the bowel" of the duodenum, "the first segment of the small bowel")
        whole = _PART_OF_WHOLE.match((knowledge.descriptor or "") if knowledge else "")
        if whole:
            own_classes.add(whole.group(1).lower())
        self.own_class_re = re.compile(rf"\b(?:the|this|that|these|those)\s+(?:{'|'.join(sorted(own_classes))})\b", re.I) \
            if own_classes else None
        self.sided_class_re = re.compile(rf"\b(?:the|this|that)\s+(left|right)(?:[\s-]+sided)?\s+(?:{'|'.join(sorted(own_classes))})\b",
                                         re.I) if own_classes else None
        for word in ANATOMY:
            if word not in own_classes:
                names_by_term.setdefault(word, frozenset({word}))
        family = family_of(knowledge) if knowledge else None
        # the label's own head noun is the target here, even where it names another structure elsewhere ("the disc" of
        # the optic disc is not the intervertebral disc, "the ventricles" of the lateral ventricles not the heart's)
        heads = sorted(head_terms(target.lower()))
        own_heads = {h + end for h in heads for end in ("", "s", "es")}
        self.names_by_term = {t: n for t, n in names_by_term.items()
                              if t not in own and t not in own_heads and not _sided_part(t, n, own, family)
                              and not _kin_word(t, n, family)}
        self.known_names = frozenset(n for ns in self.names_by_term.values() for n in ns)
        # a name typed with one slip ("kidny", "gallbladdr") is the name (`texting.respelled`): the words of six letters
        # or more of the target's names (not of derived forms), and the words that are names or places themselves,
        # which are never slips ("pelvic")
        self._typed_words = tuple(sorted({w for t in names for w in t.split() if len(w) >= 6 and w.isalpha()}))
        self._known_words = frozenset(w for t in (*self.target_terms, *names_by_term) for w in t.split()) | \
            POSITIONAL | REGIONS
        self.other_terms = tuple(sorted(self.names_by_term))
        self.target_re = term_pattern(self.target_terms)
        self.prefixed_re = prefixed_pattern(self.target_terms)
        self.suffixed_re = suffixed_pattern(self.target_terms)
        # ... also past a participle or a word of what is left ("the fused kidney", "the transplanted kidney", "the single
        # lung"; not "the failed kidney", gone)
        self.head_re = re.compile(rf"\b(?:the|this|that|these|those|both)\s+(?:{_PARTICIPLE}\s+)?"
                                  rf"(?:{'|'.join(map(re.escape, heads))})(?:e?s)?(?![\w-])", re.I) if heads else None
        # a label's general head after a determiner ("the nodules" of lung nodules, "these cysts" of kidney cysts) is the
        # target when a claim is attributed, though too general to count as naming it in a question (`names_target`)
        last = target.lower().split(" of ")[0].split()
        own_head = re.sub(r"(?:es|s)$", "", last[-1]) if len(last) >= 2 and last[-1] in GENERAL_HEADS else ""
        self.own_head_re = re.compile(rf"\b(?:the|these|those|both|all|its|their)\s+(?:(?:two|three|four|five|six|several|"
                                      rf"multiple|\d+)\s+)?(?:{re.escape(own_head)})\w{{0,3}}\b", re.I) \
            if len(own_head) > 3 else None
        # a synonym's head after "the" is the target too ("the fluid" of pleural fluid, "the collection" of a pleural
        # collection), unless the word names another structure or a place
        synonym_heads = {n.split()[-1] for n in names if len(n.split()) >= 2 and " of " not in n} - \
            set(self.names_by_term) - POSITIONAL - REGIONS - SIDE_WORDS
        synonym_heads = sorted(h for h in synonym_heads if len(h) > 3 and h.isalpha())
        self.synonym_head_re = re.compile(rf"\b(?:the|this|that|these|those)\s+(?:{'|'.join(synonym_heads)})\b", re.I) \
            if synonym_heads else None
        self.lesion_like = (knowledge is not None and knowledge.category == "lesion") or \
            last[-1] in {*FINDING_LABEL_HEADS, "herniation", "recurrence", "recurrences"} or \
            last[-1].endswith(("oma", "omas"))  # glioblastoma, adenoma, haematoma
        name = target.lower()
        sides = [w for w in name.split() if w in SIDE_WORDS]
        self.side = sides[0] if len(sides) == 1 else None  # the side the target's own name gives it
        # a one-sided target's head in the plural names the pair ("both kidneys", "the two adrenal glands")
        self.pair_re = re.compile(rf"\b(?:both|the\s+two|these\s+two|two|the|either\s+of\s+the)\s+(?:{'|'.join(map(re.escape, heads))})"
                                  r"e?s(?![\w-])", re.I) if heads and self.side else None
        self.label = target.lower()
        # "the right-sided counterpart" of the left femur is the right femur, a neighbour the facts may relate to
        other_side = {"left": "right", "right": "left"}.get(self.side or "")
        mirrored = {re.sub(rf"\b{self.side}\b", other_side, target.lower())} if other_side else set()
        self.counterpart = frozenset({"counterpart", *mirrored})
        self.acronyms = tuple(a for a, full in ACRONYMS.items() if full == name or full in own) + \
            tuple(sorted(initialisms(names)))
        # a lesion's own name counts it ("two adenomas"): a lesion entry, or a label whose noun is a kind of lesion
        self.countable = bool(self.target_re) and ((knowledge is not None and knowledge.category == "lesion") or
                                                   plural_stem(target.split()[-1]) in _LESION_STEMS)

    def names_target(self, text: str) -> bool:
        """Does `text` (normalised) name the target, in any form: term, prefixed word or acronym? A distinguishing
        word taken from a name ('brachiocephalic' of 'brachiocephalic artery') inside another structure's name
        ('the left brachiocephalic vein', asked about the brachiocephalic trunk) names that structure instead."""
        others: list[tuple[int, int]] | None = None  # other structures' names, found only when needed
        # a finding label's place words name it only beside its finding ("the fluid in the knee"), read once per text
        places = self.place_terms if self.place_terms and not self.finding_re.search(text) else frozenset()

        def free(match: re.Match, term: bool = False) -> bool:
            nonlocal others
            if term and match.group(0).lower() not in self.own_label and \
                    _PART_OF.search(text, max(0, match.start() - 60), match.start()):
                return False  # "the part of the spine that collapses" of a vertebral body: the whole it belongs to
            said = match.group(0).lower()
            if said in self.ordinary and not re.search(r"\b[A-Z]{2,4}[\s-]*$", text[:match.start()]) or \
                    said not in self.target_terms and PROCEDURE.match(text, match.start()) and \
                    self.side and OTHER_SIDE_BEFORE[self.side].search(text, 0, match.start()):
                return False  # "after a right nephrectomy" of the left kidney: the other one's operation, the history (a
                # "nephrectomy" of no side, or of the target's own, still names it)
            if said.endswith(("ac", "al", "ar", "ic", "ary")) and EXAMINATION.match(text, match.end()):
                return False  # "this cardiac CT slice", "a mid-ventricular short-axis image": the examination's name
            if re.match(r"\s+sounds?\b", text[match.end():], re.I) or re.fullmatch(r"(?:epi|hypo)gastri(?:c|um)", said):
                return False  # "tinkling bowel sounds" (a sign heard), "epigastric pain" (a region of the belly)
            if re.fullmatch(r"(?:bi|uni)later\w*", said):
                return False  # "bilateral" of bilateral axillary lymph nodes: a side, not a name
            if places and (re.sub(r"(?:'s|s)$", "", said) in places or said in places or
                           (" " not in said and _PREFIX.sub("", said).startswith(self.place_stems))):
                return False  # "my knee swelled up" of a knee joint effusion (not "the fluid in the knee"), "pancreatitis"
                # of a pancreatic pseudocyst: where to look, not what
            kind = _finding_kind(match.group(0))
            if kind and kind not in self.label_kinds and "lesion" not in self.label_kinds:
                return False  # a kind of finding ("the hypodense lesions" of liver metastases) asks, it does not name
            if match.group(0).lower() not in self.distinctive:
                return True
            if others is None:
                others = [(m.start, m.end) for m in self.mentions(text)
                          if m.names and not m.names & {"person", "counterpart"}]
            return not any(s <= match.start() and match.end() <= e for s, e in others)

        text = text.replace("_", " ")  # a planning system's name: "Globe_L/R", "Parotid_R"
        text = respelled(text, self._typed_words, self._known_words)
        patterns = [p for p in (self.target_re, self.prefixed_re, self.suffixed_re, self.head_re) if p is not None]
        # "GTVp" of "gross tumour volume primary": a volume's last initial is written in lower case
        patterns += [re.compile(rf"\b(?:{a}|{a[:-1]}{a[-1].lower()})s?\b") if len(a) == 4 else re.compile(rf"\b{a}s?\b")
                     for a in self.acronyms]
        return any(free(m, p is self.target_re) for p in patterns for m in p.finditer(text))

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
            if side and any(f"{word} {n}" == self.label for n in names):
                start, names = side.start(), frozenset()  # "the right renal parenchyma" of the right kidney: the target
            elif sided:  # "the right iliac bone": a side word before a shared synonym picks the sided structure
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
        if self.side:  # "The right one lies on the right side" of the left lung: its counterpart
            found += [Mention(m.start(), m.end(), self.counterpart if m.group(1).lower() != self.side else frozenset())
                      for m in SIDED_ONE.finditer(sentence)]
        for head_re in (self.head_re, self.own_head_re, self.synonym_head_re):  # "the disc", "the nodules", "the fluid"
            if head_re:
                found += [Mention(m.start(), m.end(), frozenset()) for m in head_re.finditer(sentence)
                          if not (self.pair_re and self.pair_re.fullmatch(m.group(0)))]
        if self.pair_re:  # "the two kidneys" of the right kidney: the pair, another thing than one of them
            found += [Mention(m.start(), m.end(), frozenset({"pair"})) for m in self.pair_re.finditer(sentence)]
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
            elif m.end > last_end and not m.names and kept[-1].names and \
                    (side := re.fullmatch(r"(left|right)[\s-]+", sentence[kept[-1].start:m.start], re.I)):
                # "the right kidney stones" of right renal calculi: the target on that side, not the right kidney
                mine = self.side is None or side.group(1).lower() == self.side
                kept[-1] = Mention(kept[-1].start, m.end, frozenset() if mine else self.counterpart)
                last_end = m.end
        return kept


# categories specific enough to name the target ("the bone" of a vertebral body), unlike "organ" or "vessel"
_CATEGORY_CLASSES = frozenset({"bone", "muscle", "gland", "artery", "vein", "nerve"})
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
