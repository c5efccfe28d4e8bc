"""The knowledge base: per-structure synonyms, functions, clinical associations and relations.

Entries live as YAML files in `pipelines/knowledge/` (one file per group of structures); every label
a source can produce needs an entry, so that generation can ask about it without naming it.

It also owns how a structure's names are recognised in free text (`giveaway_terms`, `term_pattern`):
generation uses it to keep questions implicit and QC uses the same matcher to check them, so the two
can never disagree about what "naming the target" means.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from medseg_qa.errors import ConfigError

SIDE_WORDS = frozenset({"left", "right"})


class KnowledgeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="canonical label, lower case, e.g. 'left kidney'")
    synonyms: list[str] = Field(default_factory=list,
                                description="every name that gives it away; a trailing '-' marks a "
                                            "combining prefix ('hepato-' matches 'hepatocellular')")
    ontology_code: str | None = Field(default=None, description="'SCT:<id>' (SNOMED CT) or 'FMA:<id>'")
    category: str = Field(description="organ, vessel, bone, lesion, region, ...")
    descriptor: str | None = Field(default=None,
                                   description="a noun phrase that points at it without naming it, used "
                                               "when a question about another structure must mention it")
    within: str | None = Field(default=None, description="the structure that contains it (a lesion's organ)")
    functions: list[str] = Field(default_factory=list,
                                 description="what it does, a verb phrase without its name "
                                             "('produces bile that helps digest fats')")
    clinical: list[str] = Field(default_factory=list,
                                description="clinical scenarios, a clause that reads after 'when' "
                                            "('a patient with ... develops ...')")
    relations: list[str] = Field(default_factory=list,
                                 description="anatomical relations, a verb phrase without its name")
    differentials: list[str] = Field(default_factory=list,
                                     description="structures it is confused with, as noun phrases")

    def terms(self) -> tuple[str, ...]:
        """Every term whose mention gives this structure away."""
        return giveaway_terms(self.name, self.synonyms)


def knowledge_dir() -> Path:
    from medseg_qa import pipelines

    return Path(pipelines.__file__).parent / "knowledge"


@lru_cache(maxsize=1)
def load_knowledge() -> dict[str, KnowledgeEntry]:
    """All entries by canonical name (lower case); a duplicate name across files is an error."""
    import yaml

    entries: dict[str, KnowledgeEntry] = {}
    for path in sorted(knowledge_dir().glob("*.yaml")):
        try:
            raw_entries = yaml.load(path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__}); fix the syntax") from None
        if not isinstance(raw_entries, list):
            raise ConfigError(f"{path}: a knowledge file must be a YAML list of entries")
        for raw in raw_entries:
            try:
                entry = KnowledgeEntry.model_validate(raw)
            except ValidationError as exc:
                name = raw.get("name", "?") if isinstance(raw, dict) else "?"
                raise ConfigError(f"{path}: bad knowledge entry {name!r}: {exc.errors()[0]['msg']} at "
                                  f"{'.'.join(map(str, exc.errors()[0]['loc']))}; fix the entry") from None
            key = entry.name.lower()
            if key in entries:
                raise ConfigError(f"{path}: knowledge entry {key!r} is defined twice; keep one")
            entries[key] = entry
    return entries


def lookup(label: str) -> KnowledgeEntry | None:
    return load_knowledge().get(label.lower().strip())


# --- recognising names in free text -------------------------------------------------------------

def normalize_text(text: str) -> str:
    """NFKC with typographic apostrophes and dashes folded, so matching sees one spelling."""
    text = unicodedata.normalize("NFKC", text)
    return (text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-")
            .replace("\u2011", "-").replace("\u2013", "-"))


def giveaway_terms(name: str, synonyms: list[str] | tuple[str, ...] = ()) -> tuple[str, ...]:
    """The name, its synonyms and, for a sided name, its unsided remainder ('left kidney' -> 'kidney'):
    saying 'kidney' gives either kidney away."""
    terms = {name.lower().strip(), *(s.lower().strip() for s in synonyms)}
    words = name.lower().split()
    rest = [w for w in words if w not in SIDE_WORDS]
    if rest and len(rest) < len(words):
        terms.add(" ".join(rest))
    return tuple(sorted(t for t in terms if t))


def _term_regex(term: str) -> str:
    """One term as a regex: word-bounded, any case, hyphen or space between words, plural -s/-es
    (-ies for -y), possessive; a trailing '-' makes it a prefix of a longer word."""
    t = term.lower().strip()
    if t.endswith("-"):
        return rf"(?<![\w]){re.escape(t[:-1])}[\w-]*"
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


@lru_cache(maxsize=8192)
def _single(term: str) -> tuple[str, re.Pattern]:
    """A term's cheap substring pre-filter (its first word's stem) and its own matcher."""
    first = re.split(r"[\s-]+", term.lower().strip())[0]
    stem = first[:-1] if first.endswith("y") and len(first) > 2 else first
    return stem, re.compile(_term_regex(term), re.IGNORECASE)


def find_terms(text: str, terms: tuple[str, ...] | list[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of every match of every term in `text` (already normalised), in text order.

    A substring pre-filter skips the terms that cannot occur, so checking a clean text against hundreds
    of terms costs a few `in` tests rather than a large regex alternation.
    """
    low = text.lower()
    found = []
    for stem, rx, term in _compiled(tuple(terms)):
        if stem in low:
            found.extend((m.start(), m.end(), term) for m in rx.finditer(text))
    return sorted(found)


@lru_cache(maxsize=1024)
def _compiled(terms: tuple[str, ...]) -> tuple[tuple[str, re.Pattern, str], ...]:
    return tuple((*_single(t), t) for t in terms if t.strip())


def mentions(text: str, terms: tuple[str, ...] | list[str]) -> list[str]:
    """The spans of `text` that mention any of `terms` (empty when none), overlaps merged."""
    norm = normalize_text(text)
    out, last_end = [], -1
    for start, end, _ in sorted(find_terms(norm, terms), key=lambda x: (x[0], -x[1])):
        if start >= last_end:
            out.append(norm[start:end])
            last_end = end
    return out


@lru_cache(maxsize=1)
def _by_code() -> dict[str, KnowledgeEntry]:
    return {e.ontology_code.upper(): e for e in load_knowledge().values() if e.ontology_code}


def by_ontology_code(scheme: str, value: str) -> KnowledgeEntry | None:
    """The entry whose ontology code is `scheme:value` (e.g. 'SCT', '10200004'), or None."""
    return _by_code().get(f"{scheme.strip()}:{value.strip()}".upper())


def by_term(text: str) -> KnowledgeEntry | None:
    """The entry named `text`, else the only entry with `text` among its synonyms, else None."""
    key = normalize_text(text).lower().strip()
    if key in load_knowledge():
        return load_knowledge()[key]
    hits = [e for e in load_knowledge().values() if key in (s.lower() for s in e.synonyms)]
    return hits[0] if len(hits) == 1 else None
