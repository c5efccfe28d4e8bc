"""Recognising a structure's names in free text: giveaway terms, their systematic variants, and matching.

Generation uses it to keep questions implicit and QC uses the same matcher to check them, so the two
can never disagree about what "naming the target" means. Morphological variants are derived by rule,
not listed by hand, so a new entry (hand-written or LLM-drafted) is covered the moment it exists:
- plural and possessive: by the matcher (-s/-es/-ies, 's/s') and by a few Latin/Greek plural endings
  (vertebra -> vertebrae, nucleus -> nuclei, atrium -> atria, cortex -> cortices);
- adjectival: a small table of organ nouns and their adjectives (kidney -> renal, nephric), and for Latin
  nouns outside it the adjectives their endings form (rectum -> rectal, gluteus -> gluteal), applied to
  every word of every term ('liver lesion' -> 'hepatic lesion');
- prefixed: every one-word adjective with peri-, para-, intra- and sub- ('perirenal', 'para-aortic').
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SIDE_WORDS = frozenset({"left", "right"})

#: organ nouns and the adjectives that name them (lower case); applied word by word to every term
ADJECTIVES: dict[str, tuple[str, ...]] = {
    "transplant": ("transplanted", "graft", "allograft"),  # (not adjectives: the words a transplant is called by)
    "liver": ("hepatic",), "kidney": ("renal", "nephric"), "spleen": ("splenic", "lienal"),
    "lung": ("pulmonary", "pulmonic"), "heart": ("cardiac",), "brain": ("cerebral",),
    "stomach": ("gastric",), "pancreas": ("pancreatic",), "gallbladder": ("cholecystic",),
    "bladder": ("vesical",), "colon": ("colonic",), "duodenum": ("duodenal",), "bowel": ("intestinal",),
    "intestine": ("intestinal",), "esophagus": ("esophageal", "oesophageal"),
    "oesophagus": ("oesophageal", "esophageal"), "trachea": ("tracheal",), "thyroid": ("thyroidal",),
    "aorta": ("aortic",), "artery": ("arterial",), "vein": ("venous",), "skull": ("cranial",),
    "rib": ("costal",), "vertebra": ("vertebral",), "spine": ("spinal",), "sternum": ("sternal",),
    "femur": ("femoral",), "humerus": ("humeral",), "scapula": ("scapular",), "clavicle": ("clavicular",),
    "sacrum": ("sacral",), "prostate": ("prostatic",), "breast": ("mammary",), "skin": ("cutaneous", "dermal"),
    "ventricle": ("ventricular",), "atrium": ("atrial",), "myocardium": ("myocardial",),
    "hippocampus": ("hippocampal",), "cerebellum": ("cerebellar",), "thalamus": ("thalamic",),
    "uterus": ("uterine",), "ovary": ("ovarian",), "adrenal": ("suprarenal",), "tumour": ("tumoral",),
    "tumor": ("tumoral",), "muscle": ("muscular",), "cortex": ("cortical",), "pleura": ("pleural",),
    "lobe": ("lobar",), "bone": ("osseous", "skeletal"), "brainstem": ("brainstem",), "amygdala": ("amygdalar",), "polyp": ("polypoid",),
}
PREFIXES = ("peri", "para", "intra", "sub")
_ADJ_END = ("al", "ic", "ar", "ary", "eal", "ous", "ine")
_IRREGULAR_PLURALS = (("us", "i"), ("um", "a"), ("a", "ae"), ("is", "es"), ("ex", "ices"), ("ix", "ices"))


def normalize_text(text: str) -> str:
    """NFKC with typographic apostrophes and dashes folded, so matching sees one spelling."""
    text = unicodedata.normalize("NFKC", text)
    return (text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-")
            .replace("\u2011", "-").replace("\u2013", "-"))


def _is_adjective(word: str) -> bool:
    return word.isalpha() and len(word) > 4 and (word.endswith(_ADJ_END) or
                                                 any(word in adjs for adjs in ADJECTIVES.values()))


# Latin and Greek nouns form their adjectives by rule (sacrum -> sacral, rectum -> rectal, acetabulum ->
# acetabular, gluteus -> gluteal, bronchus -> bronchial, pelvis -> pelvic, cortex -> cortical); a derived form
# that is not a word never occurs in text, so deriving every candidate costs nothing and misses none
_LATIN_ADJECTIVES = (("um", ("al", "ar", "ial")), ("us", ("al", "ic", "ar", "ial")), ("a", ("al", "ar", "ic", "eal")),
                     ("is", ("ic", "al")), ("ix", ("ical",)), ("ex", ("ical",)))


# everyday words a Latin ending can make, which name no structure: 'central' of 'centrum' is the middle of anything
_EVERYDAY_ADJECTIVES = frozenset({"central", "general", "normal", "total", "formal", "final", "mental", "visual"})


def _latin_adjectives(word: str) -> tuple[str, ...]:
    if len(word) < 5 or not word.isalpha():
        return ()
    for end, suffixes in _LATIN_ADJECTIVES:
        if word.endswith(end):
            return tuple(a for a in (word[: -len(end)] + suffix for suffix in suffixes) if a not in _EVERYDAY_ADJECTIVES)
    return ()


def _irregular_plural(word: str) -> str | None:
    if len(word) < 5 or not word.isalpha():
        return None
    for sing, plur in _IRREGULAR_PLURALS:
        if word.endswith(sing):
            return word[: -len(sing)] + plur
    return None


@lru_cache(maxsize=16384)
def term_variants(term: str) -> frozenset[str]:
    """The systematic variants of one term (itself included): adjectival substitutions, irregular
    plurals of the last word, and the prefixed forms of one-word adjectives."""
    t = term.lower().strip()
    if not t or t.endswith("-"):
        return frozenset({t} if t else ())
    out = {t}
    words = t.split()
    for i, w in enumerate(words):
        for adj in ADJECTIVES.get(w, ()) or _latin_adjectives(w):
            out.add(" ".join([*words[:i], adj, *words[i + 1:]]))
    plural = _irregular_plural(words[-1])
    if plural:
        out.add(" ".join([*words[:-1], plural]))
    for v in list(out):
        if " " not in v and _is_adjective(v):
            for p in PREFIXES:
                out.update({p + v, f"{p}-{v}"})
    return frozenset(out)


def giveaway_terms(name: str, synonyms: list[str] | tuple[str, ...] = ()) -> tuple[str, ...]:
    """The name, its synonyms, for a sided or numbered name its remainder ('left kidney' -> 'kidney', 'left rib 7'
    -> 'rib': saying 'kidney' gives either kidney away), and every systematic variant of those (see the module doc)."""
    terms = {name.lower().strip(), *(s.lower().strip() for s in synonyms)}
    words = name.lower().split()
    rest = [w for w in words if w not in SIDE_WORDS and not w.isdigit()]  # 'left rib 7' -> 'rib
    if rest and len(rest) < len(words):
        terms.add(" ".join(rest))
    out: set[str] = set()
    for t in terms:
        if t:
            out |= term_variants(t)
    return tuple(sorted(out))


# words that begin with a combining form's letters but do not name its structure: "the coloured area" is not
# the colon, cholesterol not the gallbladder; a combining form never matches them (whole words, inflected)
ORDINARY_WORDS = ("colou?r(?:s|ed|ing|ful|less|ation|ings)?", "colon(?:y|ies|ial|ists?)", "colossal(?:ly)?",
                  "polyphon\\w*", "sacrosanct", "cholera", "cholesterol", "thyrox(?:ine|in)",
                  # 'pneumo-' before a cavity means air in it, not the lung
                  "pneumo(?:thorax|thoraces|thoraxes|peritoneum|mediastinum|pericardium|cephalus|bilia)")


def _term_regex(term: str) -> str:
    """One term as a regex: word-bounded, any case, hyphen or space between words, plural -s/-es
    (-ies for -y), possessive; a trailing '-' makes it a prefix of a longer word."""
    t = term.lower().strip()
    if t.endswith("-"):
        stem = t[:-1]
        ordinary = [w for w in ORDINARY_WORDS if w.startswith(stem)]
        guard = rf"(?!(?:{'|'.join(ordinary)})\b)" if ordinary else ""
        return rf"(?<![\w]){guard}{re.escape(stem)}[\w-]*"
    words = [re.escape(w) for w in re.split(r"[\s-]+", t) if w]
    last = words[-1]
    if last.endswith("y") and len(last) > 2:
        words[-1] = last[:-1] + "(?:y|ies)"
    body = r"[\s-]+".join(words)
    return rf"(?<![\w]){body}(?:s|es)?(?:'s|s'|')?(?![\w])"


@lru_cache(maxsize=512)
def term_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """A compiled case-insensitive matcher for any of `terms` (longest first); None for no terms."""
    clean = sorted({t.lower().strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not clean:
        return None
    return re.compile("|".join(f"(?:{_term_regex(t)})" for t in clean), re.IGNORECASE)


@lru_cache(maxsize=65536)
def _single(term: str) -> tuple[str, re.Pattern]:
    """A term's cheap substring pre-filter (its longest word, less a final y that may become -ies; every
    word of a match starts a word of the text) and its own matcher."""
    words = [w for w in re.split(r"[\s-]+", term.lower().strip()) if w] or [""]
    longest = max(words, key=len)
    stem = longest[:-1] if longest.endswith("y") and len(longest) > 2 else longest
    return stem, re.compile(_term_regex(term), re.IGNORECASE)


def find_terms(text: str, terms: tuple[str, ...] | list[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of every match of every term in `text` (already normalised), in text order.

    Every word of a match starts a word of the text, so only the terms whose longest word's first four
    letters begin a word of the text can occur (short terms get a substring test): checking a text
    against thousands of terms costs a few dictionary lookups per word rather than one test per term.
    """
    low = text.lower()
    index, short = _compiled(tuple(terms))
    candidates = set(short)
    for word in set(_WORD.findall(low)):
        candidates.update(index.get(word[:4], ()))
    found = []
    for stem, rx, term in candidates:
        if stem in low:
            found.extend((m.start(), m.end(), term) for m in rx.finditer(text))
    return sorted(found)


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1024)
def _compiled(terms: tuple[str, ...]) -> tuple[dict[str, tuple], tuple]:
    """Terms with their pre-filter stem and matcher, indexed by the stem's first four letters (stems
    shorter than that, or not starting with a letter or digit, are kept apart)."""
    index: dict[str, list] = {}
    short = []
    for t in terms:
        if t.strip():
            stem, rx = _single(t)
            if len(stem) >= 4 and _WORD.fullmatch(stem[:4]):
                index.setdefault(stem[:4], []).append((stem, rx, t))
            else:
                short.append((stem, rx, t))
    return {k: tuple(v) for k, v in index.items()}, tuple(short)


def mentions(text: str, terms: tuple[str, ...] | list[str]) -> list[str]:
    """The spans of `text` that mention any of `terms` (empty when none), overlaps merged."""
    norm = normalize_text(text)
    out, last_end = [], -1
    for start, end, _ in sorted(find_terms(norm, terms), key=lambda x: (x[0], -x[1])):
        if start >= last_end:
            out.append(norm[start:end])
            last_end = end
    return out
