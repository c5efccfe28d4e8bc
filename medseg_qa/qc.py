"""QC: checks a conversation against its record's measured mask facts and its knowledge entry.

`check_conversation` returns named flags (empty = pass); `near_duplicates` finds repeated first
questions. The claim extraction reads free text, not only the template backend's sentences: an LLM
answer is checked by the same rules. A claim counts only when it is about the target: the first
structure a clause mentions is its subject ("it", the target's name, or another structure), so "the
left kidney lies on the patient's left" says nothing about a spleen. Missing a claim is preferred to
inventing one: a sentence the rules cannot attribute is left alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from medseg_qa.knowledge import KnowledgeEntry, find_terms, giveaway_terms, load_knowledge, lookup, \
    normalize_text, term_pattern
from medseg_qa.schemas import SEG_TOKEN, Conversation, SourceRecord

FLAG_DESCRIPTIONS = {
    "roles": "turns do not alternate user/assistant starting with a user turn and ending with an answer",
    "length": "a turn is shorter or longer than the allowed number of characters",
    "malformed": "a turn is not prose (fewer than three words), or the first user turn asks nothing",
    "names_target": "the first question names the target or one of its synonyms, so it is not implicit",
    "seg_count": "the first answer lacks exactly one [SEG] token, or another turn carries one",
    "laterality": "an answer puts the target on a patient side (or the midline) that the mask contradicts",
    "position": "an answer places the target relative to another structure contrary to the measured relations",
    "size": "an answer calls the target small/medium/large or gives an area percent the mask contradicts",
    "count": "an answer claims one region when the mask has several, or several when it has one",
    "near_duplicate": "the first question repeats an earlier question about the same target",
    "generation_failed": "the backend gave no usable conversation; the raw answer is kept for review",
}
MIN_CHARS, MAX_CHARS = 12, 2000
_WORD = re.compile(r"[^\W\d_]{2,}")
_ASKS = re.compile(r"\?|\b(segment|outline|mark|highlight|delineate|identify|locate|find|show|point out|"
                   r"indicate|label|contour|trace|select)\b", re.IGNORECASE)

_ANATOMY = ("stomach", "bowel", "colon", "intestine", "duodenum", "jejunum", "ileum", "gallbladder", "pancreas",
            "adrenal gland", "bladder", "ureter", "heart", "lung", "diaphragm", "psoas", "psoas muscle", "muscle",
            "rib", "inferior vena cava", "ivc", "vena cava", "vein", "artery", "lymph node", "esophagus",
            "oesophagus", "skull", "skin", "cord", "spinal cord", "spinal canal", "portal vein", "renal vein",
            "renal artery", "renal pelvis", "hepatic vein", "hepatic artery", "hepatic flexure", "splenic vein",
            "splenic artery", "splenic flexure", "aortic bifurcation", "bile duct", "common bile duct")
_PRONOUN = re.compile(r"\b(?:it|its|itself|this (?:structure|organ|region|lesion|finding|vessel|bone)|"
                      r"the (?:structure|target|mask|segmentation)|the (?:segmented|highlighted|masked) \w+)\b",
                      re.IGNORECASE)
_BOUNDARY = re.compile(r"[,;:()]|\s-\s|\b(?:while|whereas|but|and|which|where|although)\b", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:of|to|in|on|at|from|by|with|near|beside|behind|between|under|above|below|into|"
                          r"toward|towards|around|against|unlike|like|than|versus|along|across|within)\b", re.I)
_INVERSE = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_AXIS_WORD = {"left": "left_of", "right": "right_of", "anterior": "anterior_to", "ventral": "anterior_to",
              "in front of": "anterior_to", "ahead of": "anterior_to", "posterior": "posterior_to",
              "dorsal": "posterior_to", "behind": "posterior_to", "in back of": "posterior_to",
              "superior": "superior_to", "cranial": "superior_to", "above": "superior_to", "over": "superior_to",
              "inferior": "inferior_to", "caudal": "inferior_to", "below": "inferior_to",
              "beneath": "inferior_to", "underneath": "inferior_to", "under": "inferior_to"}
_NUMBERS = {"one": 1, "single": 1, "solitary": 1, "sole": 1, "lone": 1, "two": 2, "three": 3, "four": 4,
            "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_REGION_NOUNS = {"region", "component", "area", "piece", "blob", "island", "part", "segment", "portion",
                 "fragment", "patch", "cluster", "focus", "foci", "object", "structure", "outline", "contour"}
_OTHER_SIDE = {"left": "right", "right": "left"}
_IMAGE = r"(?:image|picture|slice|scan|frame|screen|section|field of view|view)"
_BODY = r"(?:body|abdomen|patient|chest|pelvis|trunk|midline|thorax|neck|head)"
_SIZE_WORD = {"small": "small", "tiny": "small", "little": "small", "large": "large", "big": "large",
              "huge": "large", "sizable": "large", "sizeable": "large", "medium": "medium",
              "medium-sized": "medium", "mid-sized": "medium", "moderate-sized": "medium"}
_SIZE_ALT = r"(small|tiny|large|big|huge|sizable|sizeable|medium-sized|mid-sized|moderate-sized|medium)"
_QUAL = r"(?:(?:relatively|fairly|quite|very|rather|comparatively|moderately|somewhat|extremely)\s+)?"
_SIZE_RES = [
    re.compile(rf"\b(?:is|are|appears?|looks?|seems?|remains?)\s+{_QUAL}{_SIZE_ALT}\b(?![\s-]+(?:bowel|intestine))",
               re.I),
    re.compile(rf"\b(?:a|an)\s+{_QUAL}{_SIZE_ALT}\s+(?:\w+\s+)?(?:region|area|portion|part|fraction|proportion|"
               rf"share|footprint|segment|patch|object|structure|blob)\b", re.I),
    re.compile(rf"\b{_SIZE_ALT}\s+(?:in\s+size|size\s+class)\b|\bsize\s+class\s+(?:is\s+|of\s+)?{_SIZE_ALT}\b", re.I),
]
_PERCENT = re.compile(r"(?:\b(less|fewer|under|below|more|greater|over|above)\s+(?:than\s+)?)?"
                      r"(\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)", re.I)
_PERCENT_CONTEXT = re.compile(rf"\b(?:{_IMAGE}|area|pixels?|occup\w*|covers?|covering|takes?\s+up|fills?)\b", re.I)
_COUNT_SINGLE = re.compile(r"\b(?:a\s+|one\s+)?(single|solitary|one|sole|lone|1)\s+(?:(?:connected|contiguous|"
                           r"continuous|separate|distinct|compact|well-defined|discrete|isolated|coherent)\s+)?"
                           r"([a-z]+)\b(?!\s+of\b)", re.I)
_COUNT_MANY = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+|several|multiple|many|numerous)\s+"
                         r"(?:(?:separate|distinct|disconnected|discrete|isolated|non-contiguous|connected|"
                         r"individual|different)\s+)?([a-z]+)\b(?!\s+of\b)", re.I)
_COUNT_SPLIT = re.compile(r"\b(?:split|divided|broken|separated|fragmented)\s+into\s+(two|three|four|five|\d+|"
                          r"several|multiple)\b", re.I)
_POSITION_RES = [
    re.compile(r"\b(?:to\s+the\s+|on\s+the\s+)?(?:patient'?s\s+|patients'\s+)?(left|right)(?:[\s-]+(?:hand\s+)?side)?"
               r"\s+of\s+", re.I),
    re.compile(r"\b(anterior|posterior|superior|inferior|ventral|dorsal|cranial|caudal)(?:ly)?\s+(?:to|of|from)\s+", re.I),
    re.compile(r"\b(in\s+front\s+of|ahead\s+of|in\s+back\s+of|behind)\s+", re.I),
    re.compile(r"\b(above|below|beneath|underneath|under|over)\s+", re.I),
]


@dataclass(frozen=True)
class Claim:
    """One checkable statement about the target: kind is side/midline/relation/size/percent/count."""

    kind: str
    value: object
    other: str | None = None  # relation claims: the other structure's names, '|'-joined
    qualifier: str = ""  # 'hedged' side claims ("slightly left"); 'less'/'more' for percent bounds
    text: str = ""


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    names: frozenset  # empty for the target


@lru_cache(maxsize=256)
def _kb_names_by_term(target: str) -> dict[str, frozenset]:
    """term -> the KB structures (other than `target`) it names."""
    names: dict[str, set[str]] = defaultdict(set)
    for entry in load_knowledge().values():
        if entry.name.lower() != target:
            for term in entry.terms():
                names[term].add(entry.name.lower())
    return {t: frozenset(n) for t, n in names.items()}


class _Lexicon:
    """The target's terms and every other structure's terms (KB, the record's neighbours, common anatomy).

    Built once per (target, synonyms, neighbours, knowledge) by `_lexicon_for`: records of one target
    share it, which keeps QC cheap over thousands of conversations."""

    def __init__(self, target: str, synonyms: tuple[str, ...], neighbours: tuple[str, ...],
                 knowledge: KnowledgeEntry | None):
        terms = set(giveaway_terms(target, synonyms)) | (set(knowledge.terms()) if knowledge else set())
        self.target_terms = tuple(sorted(terms))
        own = set(self.target_terms)
        names_by_term: dict[str, frozenset] = dict(_kb_names_by_term(target.lower()))
        for other in neighbours:
            entry = lookup(other)
            for term in (entry.terms() if entry else giveaway_terms(other)):
                names_by_term[term] = names_by_term.get(term, frozenset()) | {other.lower()}
        for word in _ANATOMY:
            names_by_term.setdefault(word, frozenset({word}))
        self.names_by_term = {t: n for t, n in names_by_term.items() if t not in own}
        self.other_terms = tuple(sorted(self.names_by_term))
        self.target_re = term_pattern(self.target_terms)
        self.countable = bool(self.target_re) and knowledge is not None and knowledge.category == "lesion"

    def mentions(self, sentence: str) -> list[_Mention]:
        """Structure mentions in text order; the longest wins where they overlap ('right kidney' over
        'kidney'); the target and pronouns carry no names."""
        spans: dict[tuple[int, int], frozenset] = {}
        for start, end, term in find_terms(sentence, self.other_terms):
            spans[(start, end)] = spans.get((start, end), frozenset()) | self.names_by_term[term]
        found = [_Mention(s, e, n) for (s, e), n in spans.items()]
        found += [_Mention(s, e, frozenset()) for s, e, _ in find_terms(sentence, self.target_terms)]
        found += [_Mention(m.start(), m.end(), frozenset()) for m in _PRONOUN.finditer(sentence)]
        kept, last_end = [], -1
        for m in sorted(found, key=lambda x: (x.start, -(x.end - x.start), bool(x.names))):
            if m.start >= last_end:
                kept.append(m)
                last_end = m.end
        return kept


_LEXICONS: dict[tuple, _Lexicon] = {}


def _lexicon_for(record: SourceRecord, knowledge: KnowledgeEntry | None) -> _Lexicon:
    neighbours = tuple(dict.fromkeys(rel.other for rel in record.facts.relations))
    key = (record.target, tuple(record.synonyms), neighbours, knowledge.model_dump_json() if knowledge else None)
    lexicon = _LEXICONS.get(key)
    if lexicon is None:
        if len(_LEXICONS) >= 4096:
            _LEXICONS.clear()
        lexicon = _LEXICONS[key] = _Lexicon(record.target, tuple(record.synonyms), neighbours, knowledge)
    return lexicon


def target_terms(record: SourceRecord, knowledge: KnowledgeEntry | None) -> tuple[str, ...]:
    """Every term that names the record's target: its label, the record's and the KB's synonyms."""
    return _lexicon_for(record, knowledge).target_terms


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", normalize_text(text).replace(SEG_TOKEN, " ")) if s.strip()]


def _subject(mentions: list[_Mention], sentence: str, pos: int) -> _Mention | None:
    """The structure a claim at `pos` is about: in its clause, else the nearest earlier clause, the first
    mention in subject position (no preposition since the clause start or the previous mention, so not
    "in front of the aorta"); for a relative clause ("..., which lies ...") the mention just before it;
    None means the target (an answer's subjectless sentence is about what it just segmented)."""
    bounds = list(_BOUNDARY.finditer(sentence, 0, pos))
    starts = [0] + [b.end() for b in bounds]
    before = [m for m in mentions if m.end <= pos]
    if bounds and bounds[-1].group(0).lower() in ("which", "where") and \
            not any(m.start >= starts[-1] for m in before):
        antecedent = [m for m in before if m.end <= bounds[-1].start()]
        return antecedent[-1] if antecedent else None
    for i in range(len(starts) - 1, -1, -1):
        stop = starts[i + 1] if i + 1 < len(starts) else pos
        gap_start = starts[i]
        for m in (m for m in before if starts[i] <= m.start < stop):
            if not _PREPOSITION.search(sentence, gap_start, m.start):
                return m
            gap_start = m.end
    return None


def _about_target(mentions, sentence, pos) -> bool:
    subject = _subject(mentions, sentence, pos)
    return subject is None or not subject.names


def _side_claims(sentence: str, orientation: str | None) -> list[tuple[int, Claim]]:
    """Claims that put something on a patient side or in the midline, with their positions."""
    claims = []
    for m in re.finditer(r"\b(left|right)\b", sentence, re.I):
        side, before = m.group(1).lower(), sentence[max(0, m.start() - 40):m.start()].lower()
        after = sentence[m.end():m.end() + 60].lower()
        prep = re.search(r"(?:\b(?:on|in|to|toward|towards|at|onto|along|over|occupies|occupying|of)\s+the\s+"
                         r"(?:patient'?s\s+|patients'\s+)?|\bpatient'?s\s+|\bpatients'\s+)$", before)
        if re.search(r"\b(?:extend\w*|reach\w*|cross\w*|span\w*|stretch\w*|taper\w*|project\w*|across)\b", before):
            continue  # the extent of something ("extends toward the left"), not where it lies
        hedged = "hedged" if re.search(r"\b(?:slightly|just|a little|marginally|mildly)\b", before) else ""
        claim = Claim("side", side, qualifier=hedged, text=m.group(0))
        if re.match(rf"(?:[\s-]+(?:side|half|part|portion|edge))?\s+of\s+(?:the\s+)?{_IMAGE}\b", after):
            if orientation and orientation[0] in "LR":  # image sides -> patient sides
                image_right = "left" if orientation[0] == "L" else "right"
                patient = image_right if side == "right" else _OTHER_SIDE[image_right]
                claims.append((m.start(), Claim("side", patient, text=m.group(0))))
            continue
        if re.match(r"[\s-]+sided\b", after) or re.match(rf"\s+of\s+(?:the\s+)?{_BODY}\b", after):
            claims.append((m.start(), claim))
        elif re.match(r"\s+of\b", after):
            continue  # a relation to another structure: see _position_claims
        elif re.match(r"\s+(?:(?:upper|lower)\s+(?:quadrant|abdomen)|flank|hypochondrium|iliac\s+fossa|"
                      r"hemi-?abdomen|hemithorax|hemisphere|lumbar\s+region)\b", after):
            claims.append((m.start(), claim))
        elif re.match(r"\s+(?:side|half|aspect)\b", after):
            if prep and not re.match(rf"\s+(?:side|half|aspect)\s+of\s+(?!(?:the\s+)?{_BODY}\b)\w", after):
                claims.append((m.start(), claim))
        elif prep and re.match(r"\s*(?:$|[.,;:)!?]|\s+(?:and|or|but|while|whereas|with|near|next|close|adjacent|"
                               r"just|in|at|within|toward|towards|part)\b)", after):
            claims.append((m.start(), claim))
    for m in re.finditer(r"\b(?:in|on|at|along)\s+the\s+midline\b|\bmidline\s+(?:structure|organ|vessel|position|"
                         r"location)\b|\b(?:is|lies|sits)\s+midline\b", sentence, re.I):
        claims.append((m.start(), Claim("midline", "midline", text=m.group(0))))
    return claims


def _position_claims(sentence, mentions, orientation) -> list[tuple[int, Claim]]:
    out = []
    has_si = bool(orientation) and any(c in "SI" for c in orientation)
    for i, rx in enumerate(_POSITION_RES):
        if i == 3 and not has_si:
            continue  # "above/below" on an axial slice may mean anterior/posterior on screen: ambiguous
        for m in rx.finditer(sentence):
            if i == 0 and re.search(r"\b(?:in|within|into|of|at|from)\s+(?:the\s+|its\s+)?(?:patient'?s\s+)?$",
                                    sentence[max(0, m.start() - 30):m.start()], re.I):
                continue  # "in the left side of the liver": a part of it, not a relation
            word = re.sub(r"\s+", " ", m.group(1).lower())
            rel = _AXIS_WORD[word]
            obj = next((x for x in mentions if m.end() <= x.start <= m.end() + 6
                        and re.fullmatch(r"(?:the\s+|its\s+|a\s+)?", sentence[m.end():x.start], re.I)), None)
            if obj is None:
                continue
            subject = _subject(mentions, sentence, m.start())
            if subject is None or not subject.names:  # target REL obj
                if obj.names:
                    out.append((m.start(), Claim("relation", rel, other="|".join(sorted(obj.names)), text=m.group(0))))
            elif not obj.names:  # other REL target -> target INVERSE other
                out.append((m.start(), Claim("relation", _INVERSE[rel], other="|".join(sorted(subject.names)),
                                             text=m.group(0))))
    return out


def _count_claims(sentence: str, lexicon: _Lexicon) -> list[tuple[int, Claim]]:
    out = []

    def counted_noun(noun: str) -> bool:
        word = noun.lower()
        forms = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word}
        # a lesion's own name counts it ("two nodules"); an organ's does not ("one of the two kidneys")
        return bool(forms & _REGION_NOUNS) or bool(lexicon.countable and lexicon.target_re.fullmatch(noun))

    for m in _COUNT_SINGLE.finditer(sentence):
        if counted_noun(m.group(2)):
            out.append((m.start(), Claim("count", 1, text=m.group(0))))
    for m in _COUNT_MANY.finditer(sentence):
        if counted_noun(m.group(2)):
            word = m.group(1).lower()
            value = int(word) if word.isdigit() else _NUMBERS.get(word, "many")
            out.append((m.start(), Claim("count", value, text=m.group(0))))
    for m in _COUNT_SPLIT.finditer(sentence):
        word = m.group(1).lower()
        out.append((m.start(), Claim("count", int(word) if word.isdigit() else _NUMBERS.get(word, "many"),
                                     text=m.group(0))))
    return out


def extract_claims(text: str, record: SourceRecord, knowledge: KnowledgeEntry | None,
                   _lexicon: _Lexicon | None = None) -> list[Claim]:
    """The checkable claims that `text` makes about the record's target."""
    lexicon = _lexicon or _lexicon_for(record, knowledge)
    claims: list[Claim] = []
    for sentence in _sentences(text):
        mentions = lexicon.mentions(sentence)
        located: list[tuple[int, Claim]] = _side_claims(sentence, record.orientation)
        located += _position_claims(sentence, mentions, record.orientation)
        for rx in _SIZE_RES:
            for m in rx.finditer(sentence):
                word = next(g for g in m.groups() if g)
                located.append((m.start(), Claim("size", _SIZE_WORD[word.lower()], text=m.group(0))))
        if _PERCENT_CONTEXT.search(sentence):
            for m in _PERCENT.finditer(sentence):
                bound = (m.group(1) or "").lower()
                bound = "less" if bound in ("less", "fewer", "under", "below") else "more" if bound else ""
                located.append((m.start(), Claim("percent", float(m.group(2)), qualifier=bound, text=m.group(0))))
        located += _count_claims(sentence, lexicon)
        for pos, claim in located:
            if claim.kind == "relation" or _about_target(mentions, sentence, pos):
                claims.append(claim)
    return claims


def _contradiction(claim: Claim, record: SourceRecord) -> str | None:
    """The flag a claim raises against the record's facts, or None when it agrees or cannot be checked."""
    facts = record.facts
    if claim.kind == "side":
        if facts.laterality == "midline" and claim.qualifier != "hedged":
            return "laterality"
        return "laterality" if facts.laterality in ("left", "right") and claim.value != facts.laterality else None
    if claim.kind == "midline":
        return "laterality" if facts.laterality in ("left", "right") else None
    if claim.kind == "relation":
        present = {r.other.lower() for r in facts.relations}
        candidates = set(claim.other.split("|")) & present
        if len(candidates) != 1:
            return None
        other = candidates.pop()
        opposite = _INVERSE[claim.value]
        return "position" if any(r.other.lower() == other and r.relation == opposite for r in facts.relations) else None
    if claim.kind == "size":
        return "size" if claim.value != facts.size_class else None
    if claim.kind == "percent":
        actual, said = facts.area_fraction * 100.0, claim.value
        if claim.qualifier == "less":
            bad = actual > 2 * said + 0.01
        elif claim.qualifier == "more":
            bad = actual < said / 2 - 0.01
        else:
            bad = abs(said - actual) > 0.01 and (said > 2 * actual or said < actual / 2)
        return "size" if bad else None
    if claim.kind == "count":
        n = facts.components
        if claim.value == 1:
            return "count" if n > 1 else None
        if claim.value == "many":
            return "count" if n == 1 else None
        return "count" if claim.value != n else None
    return None


def check_conversation(conv: Conversation, record: SourceRecord, knowledge: KnowledgeEntry | None, *,
                       min_chars: int = MIN_CHARS, max_chars: int = MAX_CHARS) -> list[str]:
    """Named QC flags of one conversation about `record` (empty = pass), in FLAG_DESCRIPTIONS order."""
    flags: set[str] = set()
    turns = conv.turns
    expected = ["user", "assistant"] * ((len(turns) + 1) // 2)
    if [t.role for t in turns] != expected[:len(turns)] or len(turns) % 2:
        flags.add("roles")
    if any(not (min_chars <= len(t.content.strip()) <= max_chars) for t in turns):
        flags.add("length")
    if any(len(_WORD.findall(t.content)) < 3 for t in turns) or (turns and not _ASKS.search(turns[0].content)):
        flags.add("malformed")
    users = [t.content for t in turns if t.role == "user"]
    answers = [t.content for t in turns if t.role == "assistant"]
    lexicon = _lexicon_for(record, knowledge)
    if users and lexicon.target_re and lexicon.target_re.search(normalize_text(users[0])):
        flags.add("names_target")
    if (not answers or answers[0].count(SEG_TOKEN) != 1 or any(SEG_TOKEN in a for a in answers[1:])
            or any(SEG_TOKEN in u for u in users)):
        flags.add("seg_count")
    for answer in answers:
        for claim in extract_claims(answer, record, knowledge, lexicon):
            flag = _contradiction(claim, record)
            if flag:
                flags.add(flag)
    return [f for f in FLAG_DESCRIPTIONS if f in flags]


# --- near-duplicate questions ---------------------------------------------------------------------

def _shingles(text: str) -> set[str]:
    tokens = re.findall(r"[a-z0-9]+", normalize_text(text).lower())
    if len(tokens) < 2:
        return set(tokens)
    return {f"{a} {b}" for a, b in zip(tokens, tokens[1:])}


def near_duplicates(questions: list[str], threshold: float = 0.9) -> set[int]:
    """Indices whose question has word-bigram Jaccard >= threshold with an earlier one.

    Callers pass the first questions of one target (and patient) group. Exact, and fast for thousands
    of questions: prefix filtering (two sets this similar must share a rare shingle among the first
    |S| - ceil(t|S|) + 1 of each, in global rarity order) leaves only a few candidate pairs to verify.
    """
    sets = [_shingles(q) for q in questions]
    freq = Counter(s for shingles in sets for s in shingles)
    ordered = [sorted(shingles, key=lambda s: (freq[s], s)) for shingles in sets]
    index: dict[str, list[int]] = defaultdict(list)
    dupes: set[int] = set()
    for j, tokens in enumerate(ordered):
        if not tokens:
            continue
        size = len(tokens)
        prefix = tokens[:size - math.ceil(threshold * size - 1e-9) + 1]
        seen: set[int] = set()
        for token in prefix:
            for i in index[token]:
                if i in seen:
                    continue
                seen.add(i)
                other = sets[i]
                if min(size, len(other)) < threshold * max(size, len(other)):
                    continue
                inter = len(sets[j] & other)
                if inter / (size + len(other) - inter) >= threshold:
                    dupes.add(j)
                    break
            if j in dupes:
                break
        for token in prefix:
            index[token].append(j)
    return dupes
