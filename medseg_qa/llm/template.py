"""The offline `template` backend: implicit questions from the knowledge base, answers from mask facts.

Contract: deterministic given (record_id, style, seed); needs no network and costs nothing. The first
user turn asks an implicit question in the requested style and never names the target (every
candidate is built from knowledge fields written without the name, and dropped when it contains a word
of the target's names: a plain word test of the backend's own, deliberately not QC's matcher, so that
"template output passes QC" is an independent check); the first answer names the target, carries one
`[SEG]` and explains it with the record's measured facts; follow-up turns ask about location, size
or clinical relevance and are answered from the facts and the knowledge entry only. The draft also
carries the structured claims (side, position, size, area, regions, relations) copied from the facts.
Templates are varied and picked by a seeded rng so that questions differ.
"""

from __future__ import annotations

import random
import re
from typing import Callable

from medseg_qa.errors import BackendError, ItemError
from medseg_qa.ids import stable_hash
from medseg_qa.knowledge import SIDE_WORDS, KnowledgeEntry, lookup
from medseg_qa.schemas import QUESTION_STYLES, SEG_TOKEN, SourceRecord, StructuredClaims, Turn

from .base import ConversationDraft, ConversationRequest

STYLES = QUESTION_STYLES
_MODALITY = {"CT": "CT slice", "MR": "MRI slice", "US": "ultrasound image", "XR": "radiograph",
             "endoscopy": "endoscopy frame", "dermoscopy": "dermoscopy image", "microscopy": "microscopy image"}
_NOUN = {"organ": "organ", "vessel": "vessel", "bone": "bone", "lesion": "abnormality", "region": "region",
         "tissue": "tissue", "gland": "gland", "muscle": "muscle"}
_REL_QUESTION = {"left_of": "to the patient's left of", "right_of": "to the patient's right of",
                 "anterior_to": "in front of", "posterior_to": "behind", "superior_to": "above",
                 "inferior_to": "below"}
_REL_ANSWER = {"left_of": "to the patient's left of", "right_of": "to the patient's right of",
               "anterior_to": "anterior to", "posterior_to": "posterior to", "superior_to": "superior to",
               "inferior_to": "inferior to"}
_WITHIN_PART = {"anterior_to": "anterior", "posterior_to": "posterior", "superior_to": "upper",
                "inferior_to": "lower"}
_SIDE = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
         "bilateral": "on both sides of the midline"}
_VERTICAL = {"anterior": "toward the front of the body (anterior)", "posterior": "toward the back of the body "
             "(posterior)", "superior": "toward the head (superior)", "inferior": "toward the feet (inferior)",
             "central": "roughly central along the image's vertical axis", "upper": "in the upper half of the image",
             "lower": "in the lower half of the image"}
_SIZE = {"small": "small", "medium": "medium-sized", "large": "large"}
_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}

_FUNCTION_Q = [
    "In this {mod}, which {noun} {fn}? Please segment it.",
    "Which structure shown in this {mod} {fn}? Please outline it.",
    "Can you find the {noun} in this image that {fn}, and segment it?",
    "Looking at this {mod}, identify and segment the {noun} that {fn}.",
    "Please segment the {noun} in this {mod} that {fn}, and tell me what it is.",
    "Something in this {mod} {fn}. Which {noun} is it? Please mark it with a mask.",
]
_CLINICAL_Q = [
    "{Scenario}. Which {noun} in this {mod} is most relevant to the presentation? Please segment it.",
    "Consider this case: {scenario}. Which structure should be assessed first on this {mod}? Segment it.",
    "In a case where {scenario}, which {noun} would you examine in this {mod}? Please outline it.",
    "Clinical context: {scenario}. Please find and segment the {noun} most likely involved.",
    "{Scenario}. Where should we look in this {mod}? Segment the {noun} in question.",
]
_RELATION_Q = [
    "In this {mod}, which {noun} lies {rel}? Please segment it.",
    "Which structure is located {rel} in this {mod}? Segment it, please.",
    "Find the {noun} that lies {rel} and {kbrel}. Please segment it.",
    "Looking at this {mod}, can you segment the {noun} found {rel}?",
    "Which {noun} {kbrel} and, in this {mod}, lies {rel}? Please outline it.",
]
_RELATION_KB_Q = [
    "In this {mod}, which {noun} {kbrel}? Please segment it.",
    "Which structure in this {mod} {kbrel}? Segment it, please.",
    "Can you outline the {noun} that {kbrel} in this image?",
]
_DIFFERENTIAL_Q = [
    "On this {mod}, {diff} and the structure I mean can look alike. Which {noun} here {fn}? Please segment it.",
    "Unlike {diff}, which {noun} in this {mod} {fn}? Segment it, please.",
    "A trainee labelled it as {diff}, but it actually {fn}. Which {noun} is it? Please segment it.",
    "Not {diff} and not {diff2}: which {noun} in this {mod} {fn}? Please outline it.",
    "How would you tell {diff} apart from the {noun} that {fn}? Please segment the latter in this {mod}.",
]
_OPENERS = [
    "This is the {name} {seg}.",
    "The {noun} you mean is the {name} {seg}.",
    "That is the {name} {seg}.",
    "It is the {name}, segmented here {seg}.",
]
_FOLLOW_UPS = {
    "location": ["Where exactly is it in this image?", "Which side of the patient is it on, and what lies next to it?",
                 "Can you describe its position relative to the neighbouring structures?",
                 "How would you describe its location in this image?"],
    "size": ["How large is it in this image?", "How much of the image does it take up, and is it one piece?",
             "Is it a single region, and how big is it here?", "What is its extent in this image?"],
    "clinical": ["Why does it matter clinically?", "In which clinical situations would a radiologist look closely "
                 "at it?", "What is its clinical relevance?", "When would a doctor be concerned about it?"],
}


def _names_pattern(record: SourceRecord, entry: KnowledgeEntry) -> re.Pattern:
    """The target's label (also without its side word) and synonyms, each matched anywhere, also inside a
    longer word ('kidney' in 'kidneys', 'hepat-' in 'hepatic', 'vertebra' in 'intervertebral': a hint
    too); names under five letters only as whole words ('ren' is not in 'parenchyma')."""
    names = {record.target.lower(), *(s.lower() for s in record.synonyms), *(s.lower() for s in entry.synonyms)}
    names |= {" ".join(w for w in n.split() if w not in SIDE_WORDS) for n in list(names)}
    alts = []
    for name in sorted(n for n in names if n.strip("- ")):
        words = [re.escape(w) for w in re.findall(r"[a-z0-9]+", name)]
        short = len(name.rstrip("-")) < 5
        alts.append((r"\b" if short else "") + r"[\s-]+".join(words) + (r"\b" if short else ""))
    return re.compile("|".join(alts), re.IGNORECASE)


def structured_claims(record: SourceRecord) -> StructuredClaims:
    """The claims object of a template draft: the measured facts, restated."""
    f = record.facts
    return StructuredClaims(side=f.laterality, vertical=f.vertical, size_class=f.size_class,
                            area_percent=round(f.area_fraction * 100.0, 3), regions=f.components,
                            relations=list(f.relations))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pct(fraction: float) -> str:
    p = fraction * 100.0
    if p >= 10:
        return f"about {p:.0f}%"
    if p >= 1:
        return f"about {p:.1f}%"
    if p >= 0.01:
        return f"about {p:.2f}%"
    return "less than 0.01%"


def _words(n: int) -> str:
    return "a single connected region" if n <= 1 else f"{_COUNT_WORDS.get(n, str(n))} separate regions"


class _Context:
    """What one request knows: the record, its entry, the terms that must stay out of the question."""

    def __init__(self, request: ConversationRequest):
        self.record: SourceRecord = request.record
        self.entry: KnowledgeEntry = request.knowledge
        self.names_re = _names_pattern(self.record, self.entry)
        self.mod = _MODALITY.get(self.record.modality, "image")
        self.noun = _NOUN.get(self.entry.category.lower(), "structure")
        self.name = self.record.target.lower()

    def clean(self, text: str) -> bool:
        """The text contains none of the target's names (as a word start: 'kidney' in 'kidneys')."""
        return not self.names_re.search(text)

    def other_phrase(self, other: str) -> str | None:
        """How a question may refer to another structure: its name, else its descriptor, else not at all."""
        if self.clean(other):
            return f"the {other}"
        entry = lookup(other)
        if entry and entry.descriptor and self.clean(entry.descriptor):
            return entry.descriptor
        return None

    def neighbours(self) -> list[tuple[str | None, str, str]]:
        """(question phrase or None when the other cannot be mentioned implicitly, answer phrase, other)
        per measured relation that means something for this target."""
        out = []
        for rel in self.record.facts.relations:
            other_entry = lookup(rel.other)
            if other_entry and (other_entry.within or "").lower() == self.name:
                continue  # it lies inside the target: a centroid relation to it means nothing
            if self.entry.within and rel.other.lower() == self.entry.within.lower():
                if rel.relation in _WITHIN_PART:
                    part = f"in the {_WITHIN_PART[rel.relation]} part of the {rel.other}"
                    out.append((part if self.clean(part) else None, part, rel.other))
                continue
            phrase = self.other_phrase(rel.other)
            out.append((f"{_REL_QUESTION[rel.relation]} {phrase}" if phrase else None,
                        f"{_REL_ANSWER[rel.relation]} the {rel.other}", rel.other))
        return out


def _candidates(ctx: _Context, style: str) -> list[tuple[str, dict]]:
    """Every question the style's templates can make for this record, with the facts each one used."""
    e, base = ctx.entry, {"mod": ctx.mod, "noun": ctx.noun}
    out: list[tuple[str, dict]] = []

    def add(templates, **choices):
        keys = list(choices)

        def rec(i, picked):
            if i == len(keys):
                out.extend((_cap(t.format(**base, **picked)), picked) for t in templates)
                return
            for value in choices[keys[i]]:
                rec(i + 1, {**picked, keys[i]: value})

        rec(0, {})

    if style == "function":
        add(_FUNCTION_Q, fn=e.functions)
    elif style == "clinical_scenario":
        for s in e.clinical:
            add(_CLINICAL_Q, scenario=[s], Scenario=[_cap(s)])
    elif style == "anatomical_relation":
        near = [n for n in ctx.neighbours() if n[0]]
        rels = [(q, [a], [o]) for q, a, o in near]
        rels += [(f"{q1} and {q2}", [a1, a2], [o1, o2]) for (q1, a1, o1) in near for (q2, a2, o2) in near
                 if o1 != o2 and q1 < q2]
        for q, answer, others in rels:
            for t in _RELATION_Q:
                for kb in (e.relations if "{kbrel}" in t else [None]):
                    out.append((_cap(t.format(mod=ctx.mod, noun=ctx.noun, rel=q, kbrel=kb)),
                                {"rel": answer, "others": others}))
        if not out:
            add(_RELATION_KB_Q, kbrel=e.relations)
    elif style == "differential":
        pairs = [(d1, d2) for d1 in e.differentials for d2 in e.differentials if d1 != d2] or \
            [(d, "anything else") for d in e.differentials]
        for d1, d2 in pairs:
            add(_DIFFERENTIAL_Q, diff=[d1], diff2=[d2], fn=e.functions)
    return out


def _question(ctx: _Context, style: str, rng: random.Random) -> tuple[str, dict]:
    """A seeded pick among the style's candidates that do not name the target; falls back to the
    function style, then to a plain request."""
    for s in (style, "function"):
        candidates = _candidates(ctx, s)
        order = list(range(len(candidates)))
        rng.shuffle(order)
        for i in order:
            if ctx.clean(candidates[i][0]):
                return candidates[i]
    return f"Please find and segment the main labelled {ctx.noun} in this {ctx.mod}.", {}


def _place_sentence(ctx: _Context) -> str:
    """Where it lies: patient side and vertical position, or image terms where the image has no axes."""
    f = ctx.record.facts
    vertical = _VERTICAL.get(f.vertical, "")
    if f.laterality not in _SIDE:
        return ("This image has no patient axes, so in image terms it lies "
                f"{vertical or 'around the centre of the image'}.")
    return f"In this image it lies {', '.join(p for p in (_SIDE[f.laterality], vertical) if p)}."


def _size_sentence(ctx: _Context) -> str:
    f = ctx.record.facts
    return (f"It is {_SIZE[f.size_class]} here, covering {_pct(f.area_fraction)} of the image, "
            f"and it forms {_words(f.components)}.")


def _first_answer(ctx: _Context, style: str, used: dict, rng: random.Random) -> str:
    e = ctx.entry
    opener = rng.choice(_OPENERS).format(name=ctx.name, noun=ctx.noun, seg=SEG_TOKEN)
    fn = used.get("fn") or (rng.choice(e.functions) if e.functions else None)
    parts = [opener]
    if style == "clinical_scenario" and used.get("scenario"):
        parts.append(f"It is the structure to assess when {used['scenario']}.")
    if style == "differential" and used.get("diff"):
        parts.append(f"Unlike {used['diff']}, it {fn}." if fn else "")
    elif fn:
        parts.append(f"It {fn}.")
    parts.append(_place_sentence(ctx))
    parts.append(_size_sentence(ctx))
    near = [a for _, a, _ in ctx.neighbours()]
    rels = used.get("rel") or (rng.sample(near, 1) if near else [])
    for phrase in rels:
        parts.append(f"It lies {phrase}." if not phrase.startswith("in the ") else f"It sits {phrase}.")
    return " ".join(p for p in parts if p)


def _location_answer(ctx: _Context, rng: random.Random) -> str:
    f = ctx.record.facts
    x0, y0, x1, y1 = f.bbox
    parts = [_place_sentence(ctx)]
    parts.append(f"Its bounding box runs from column {x0} to {x1} and from row {y0} to {y1} of the "
                 f"{f.width}x{f.height} image, with its centre near pixel ({f.centroid[0]:.0f}, {f.centroid[1]:.0f}).")
    near = [a for _, a, _ in ctx.neighbours()]
    inside = [a for a in near if a.startswith("in the ")]
    beside = [a for a in near if not a.startswith("in the ")]
    if len(beside) > 4:  # a long list says little and can break the length bound on crowded label maps
        keep = sorted(rng.sample(range(len(beside)), 4))
        beside = [beside[i] for i in keep]
    for phrase in inside:
        parts.append(f"It sits {phrase}.")
    if beside:
        listed = ", ".join(beside[:-1]) + (" and " if len(beside) > 1 else "") + beside[-1]
        parts.append(f"Relative to its neighbours, it lies {listed}.")
    elif not inside:
        parts.append("No other labelled structure in this image gives a reference point.")
    return " ".join(parts)


def _size_answer(ctx: _Context, rng: random.Random) -> str:
    f = ctx.record.facts
    x0, y0, x1, y1 = f.bbox
    return (f"It is {_SIZE[f.size_class]} in this image: it covers {_pct(f.area_fraction)} of the image "
            f"({f.area_pixels} of {f.width * f.height} pixels). It forms {_words(f.components)}, and its "
            f"bounding box measures {x1 - x0 + 1} by {y1 - y0 + 1} pixels.")


def _clinical_answer(ctx: _Context, rng: random.Random) -> str:
    e = ctx.entry
    scenarios = rng.sample(e.clinical, k=min(2, len(e.clinical)))
    parts = []
    if scenarios:
        parts.append(f"It is clinically relevant, for example, when {scenarios[0]}.")
    if len(scenarios) > 1:
        parts.append(f"Another typical situation is when {scenarios[1]}.")
    if e.differentials:
        diffs = rng.sample(e.differentials, k=min(2, len(e.differentials)))
        parts.append(f"On imaging it should be told apart from {' and '.join(diffs)}.")
    return " ".join(parts) or f"The knowledge base lists no clinical scenario for the {ctx.name}."


_ANSWERS: dict[str, Callable[[_Context, random.Random], str]] = {
    "location": _location_answer, "size": _size_answer, "clinical": _clinical_answer}


def _tokens(texts: list[str]) -> int:
    return round(sum(len(t.split()) for t in texts) * 1.3)


class TemplateBackend:
    """Offline conversations from templates, the knowledge base and mask facts (no network, no cost)."""

    name = "template"

    def __init__(self, model: str = "template-v1"):
        self.model = model

    def generate(self, request: ConversationRequest) -> ConversationDraft:
        record = request.record
        if request.style not in STYLES:
            raise BackendError(f"unknown question style '{request.style}' for record {record.record_id}; "
                               f"use one of {', '.join(STYLES)}")
        if request.knowledge is None:
            raise ItemError("no_knowledge", f"no knowledge-base entry for target '{record.target}'; add one to "
                            "pipelines/knowledge/*.yaml", record.record_id)
        if request.user_turns < 1:
            raise BackendError(f"user_turns must be at least 1, got {request.user_turns}; fix the recipe")
        rng = random.Random(int(stable_hash([record.record_id, request.style, request.seed]), 16))
        ctx = _Context(request)
        question, used = _question(ctx, request.style, rng)
        turns = [Turn(role="user", content=question),
                 Turn(role="assistant", content=_first_answer(ctx, request.style, used, rng))]
        topics = list(_ANSWERS)
        rng.shuffle(topics)
        for i in range(request.user_turns - 1):
            topic = topics[i % len(topics)]
            turns.append(Turn(role="user", content=rng.choice(_FOLLOW_UPS[topic])))
            turns.append(Turn(role="assistant", content=_ANSWERS[topic](ctx, rng)))
        return ConversationDraft(turns=turns,
                                 prompt_tokens=_tokens([t.content for t in turns if t.role == "user"]),
                                 completion_tokens=_tokens([t.content for t in turns if t.role == "assistant"]),
                                 cost_usd=0.0, claims=structured_claims(record))
