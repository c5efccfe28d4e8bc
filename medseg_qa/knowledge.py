"""The knowledge base: per-structure synonyms, functions, clinical associations and relations.

Entries come from the built-in YAML files in `pipelines/knowledge/` and from any number of extra files or
folders (a recipe's `knowledge:` list, `--knowledge PATH`), which extend the built-in base or override an
entry of the same name. Every label a source can produce needs an entry, so that generation can ask about
it without naming it; `medsegqa knowledge draft` has an LLM draft the missing ones for a person to sign off.

Contract:
- one schema (`KnowledgeEntry`, in `knowledge_entry`) for built-in, hand-written and drafted entries; an error
  names the file, the entry and the field;
- generative rules keep the files short: `sided: true` adds the left and right variants (synonyms and
  aliases with `{side}` are formatted for them), `series:` adds numbered members (vertebrae, ribs);
- a term (name, alias or synonym) claimed by two structures of different families is a contradiction and
  refused, naming both (kinds of finding such as 'lesion' or 'tumour' may be shared);
- labels resolve by name or alias, ignoring case, '_' vs '-' vs space, side word order and a few
  spelling variants ('kidney_left' -> 'left kidney', 'Left-Cerebral-White-Matter').
Text matching (giveaway terms and their systematic variants) lives in `knowledge_terms`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from medseg_qa.errors import ConfigError
from medseg_qa.knowledge_entry import CLASS_WORDS, KnowledgeEntry, expand, label_key, read_entries
from medseg_qa.knowledge_terms import (SIDE_WORDS, find_terms, giveaway_terms, mentions, normalize_text,  # noqa: F401
                                       term_pattern)


def _index_key(label: str) -> str:
    """`label_key` with a single side word moved to the front ('rib left 1' -> 'left rib 1')."""
    words = label_key(label).split()
    side = [w for w in words if w in SIDE_WORDS]
    return " ".join([side[0], *[w for w in words if w not in SIDE_WORDS]] if len(side) == 1 else words)


def _singulars(key: str) -> list[str]:
    """The key with its last word made singular by the regular and Latin rules (glands, arteries, nuclei, vertebrae)."""
    *head, last = key.split() or [""]
    forms = [last[:-3] + "y"] if last.endswith("ies") else []
    forms += [last[:-1], last[:-2]] if last.endswith("s") and not last.endswith("ss") else []
    forms += [last[:-1] + "us"] if last.endswith("i") else []
    forms += [last[:-1]] if last.endswith("ae") else []
    return [" ".join([*head, f]) for f in forms if f]


# --- loading ------------------------------------------------------------------------------------------

def knowledge_dir() -> Path:
    from medseg_qa import pipelines

    return Path(pipelines.__file__).parent / "knowledge"


def knowledge_files(path: str | Path) -> list[Path]:
    """A file, or the `*.yaml`/`*.yml` files directly inside a folder, sorted; a folder that does not exist
    yet holds nothing (`knowledge draft` creates it), a missing file is an error."""
    p = Path(path)
    if p.is_dir():
        return sorted([*p.glob("*.yaml"), *p.glob("*.yml")])
    if p.is_file():
        return [p]
    if p.suffix.lower() not in (".yaml", ".yml"):
        return []
    raise ConfigError(f"knowledge file {p} does not exist; fix the path in the recipe's `knowledge:` or --knowledge")



@dataclass
class KnowledgeBase:
    """Expanded entries by name, where each came from, and the alias index."""

    entries: dict[str, KnowledgeEntry] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    builtin: set[str] = field(default_factory=set)
    index: dict[str, str] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)  # term key -> the first entry that claims it

    def add_file(self, path: Path, *, builtin: bool) -> None:
        seen: dict[str, str] = {}
        for written in read_entries(path):
            for e in expand(written):
                if e.name in seen:
                    raise ConfigError(f"{path}: knowledge entry {e.name!r} is defined twice; keep one")
                seen[e.name] = written.name
                if builtin and e.name in self.entries:
                    raise ConfigError(f"{path}: knowledge entry {e.name!r} is defined twice (also in "
                                      f"{self.origin[e.name]}); keep one")
                self.entries[e.name] = e  # a recipe's entry overrides a built-in one of the same name
                self.origin[e.name] = str(path)
                (self.builtin.add if builtin else self.builtin.discard)(e.name)

    def finish(self) -> "KnowledgeBase":
        self.index = {}
        for name, e in self.entries.items():
            for key in {_index_key(name), *map(_index_key, e.aliases)}:
                other = self.index.setdefault(key, name)
                if other != name:
                    raise ConfigError(f"knowledge entries {other!r} ({self.origin[other]}) and {name!r} "
                                      f"({self.origin[name]}) both answer to the label {key!r}; keep it on one")
        check_contradictions(self)
        return self

    def lookup(self, label: str) -> Optional[KnowledgeEntry]:
        """The entry of a label, its alias or its plural ('parotid glands', 'optic nerves' name the paired
        structure's entry)."""
        key = _index_key(label)
        name = self.index.get(key) or next((self.index[k] for k in _singulars(key) if k in self.index), None)
        if name is None:  # 'thyroid' is the thyroid gland, 'psoas muscle' the psoas: a class noun added or dropped
            words = key.split()
            keys = [f"{key} {noun}" for noun in _CLASS_NOUNS_OF_LABELS] + \
                ([" ".join(words[:-1])] if len(words) > 1 and words[-1] in _CLASS_NOUNS_OF_LABELS else [])
            name = next((self.index[k] for k in keys if k in self.index), None)
        if name is None and len(key.split()) > 1:  # 'renal calculi': a synonym of more than one word names its entry
            name = next((self.owner[k] for k in (key, *_singulars(key)) if k in self.owner), None)
        if name is None and _LEVEL.match(key):  # 'L3 vertebral body', 'lumbar vertebral bodies': one of a series
            return self.lookup(_LEVEL.sub("", key, count=1))
        words = key.split()
        if name is None and len(words) > 1 and words[0] in ("left", "right", "bilateral"):
            found = self.lookup(" ".join(words[1:]))  # 'right renal calculi': a finding on one side is the finding
            return found if found is not None and found.category == "lesion" else None
        return self.entries.get(name) if name else None

    def status(self, name: str) -> str:
        """'builtin', 'approved' (signed off or written by a person) or 'draft'."""
        if name in self.builtin:
            return "builtin"
        return "draft" if self.entries[name].status == "draft" else "approved"


_CLASS_NOUNS_OF_LABELS = ("gland", "muscle", "bone", "artery", "vein", "nerve")
# a spinal level or region before a label of one of a series, with the rest of the label after it
_LEVEL = re.compile(r"^(?:[ctls]\d{1,2}|cervical|thoracic|lumbar|sacral)\s+(?=\S)")


def family_of(e: KnowledgeEntry) -> str:
    return e.family or " ".join(w for w in e.name.split() if w not in SIDE_WORDS)


def check_contradictions(kb: KnowledgeBase) -> None:
    """Refuse a term (name, alias or synonym) claimed by two structures of different families."""
    owner = kb.owner
    owner.clear()
    for name, e in kb.entries.items():
        for term in {name, *(s.lower().strip() for s in [*e.synonyms, *e.aliases])}:
            if term in CLASS_WORDS or not term:
                continue
            other = owner.setdefault(label_key(term), name)
            if other != name and family_of(kb.entries[other]) != family_of(e) \
                    and e.family != other and kb.entries[other].family != name:
                raise ConfigError(f"knowledge entries {other!r} ({kb.origin[other]}) and {name!r} "
                                  f"({kb.origin[name]}) both claim the term {term!r}; keep it on one of them, or "
                                  "give both the same `family` if one is a part or kind of the other")


def claimed_elsewhere(entry: KnowledgeEntry, kb: KnowledgeBase) -> list[str]:
    """The synonyms of `entry` that name another structure of `kb`, its derived variants included
    ('perirenal' names a kidney): kept, they would make one word name two structures."""
    owners: dict[str, set[str]] = {}
    for name, e in kb.entries.items():
        for term in e.terms():
            owners.setdefault(label_key(term), set()).add(family_of(e))
    return [t for t in entry.synonyms if t.lower().strip() not in CLASS_WORDS
            and owners.get(label_key(t), set()) - {family_of(entry)}]


# --- the active base ----------------------------------------------------------------------------------

_ACTIVE: tuple = ((), ())


def _stamp(extra: tuple[str, ...]) -> tuple:
    """Which files the extra paths hold and when each last changed (a changed file rebuilds the base)."""
    out = []
    for p in extra:
        for f in knowledge_files(p):
            st = f.stat()
            out.append((str(f), st.st_mtime_ns, st.st_size))
    return tuple(out)


@lru_cache(maxsize=8)
def _build(extra: tuple[str, ...], stamp: tuple) -> KnowledgeBase:
    kb = KnowledgeBase()
    for path in sorted(knowledge_dir().glob("*.yaml")):
        kb.add_file(path, builtin=True)
    for path, _, _ in stamp:
        kb.add_file(Path(path), builtin=False)
    return kb.finish()


def build_base(extra: tuple[str, ...] | list[str] = ()) -> KnowledgeBase:
    """The built-in entries plus those of `extra` files/folders (later ones override earlier ones)."""
    extra = tuple(str(Path(p).resolve()) for p in extra)
    return _build(extra, _stamp(extra))


def use_knowledge(paths: list[str] | tuple[str, ...] = ()) -> KnowledgeBase:
    """Make the built-in base plus `paths` the active knowledge (for lookup, generation and QC); files
    changed since the last call are read again."""
    global _ACTIVE
    extra = tuple(str(Path(p).resolve()) for p in paths)
    active = (extra, _stamp(extra))
    kb = _build(*active)  # validate before switching
    _ACTIVE = active
    return kb


def knowledge_version() -> tuple:
    """The identity of the active knowledge (its extra files and their change stamps): caches built from the
    active base (QC's lexicons) key on it, so switching knowledge never serves stale terms."""
    return _ACTIVE


def active_base() -> KnowledgeBase:
    return _build(*_ACTIVE)


def load_knowledge() -> dict[str, KnowledgeEntry]:
    """All active entries by canonical name (lower case)."""
    return active_base().entries


load_knowledge.cache_clear = _build.cache_clear  # type: ignore[attr-defined]


def lookup(label: str) -> Optional[KnowledgeEntry]:
    return active_base().lookup(label)


def usable_entry(target: str, allow_draft: bool = False) -> tuple[Optional[KnowledgeEntry], Optional[str], str]:
    """(entry, None, status) when generation may use the target's entry, else (None, reason code, one-line
    message saying how to fix it): 'no_knowledge' or 'draft_knowledge'."""
    kb = active_base()
    entry = kb.lookup(target)
    if entry is None:
        return None, "no_knowledge", (f"no knowledge-base entry for target '{target}'; draft one with `medsegqa "
                                      "knowledge draft RECIPE.yaml`, check and sign it off, or list a knowledge "
                                      "file in the recipe's `knowledge:`")
    status = kb.status(entry.name)
    if status == "draft" and not allow_draft:
        return None, "draft_knowledge", (f"the knowledge entry '{entry.name}' ({kb.origin[entry.name]}) is an "
                                         f"unreviewed draft; check it and run `medsegqa knowledge sign-off "
                                         f"'{entry.name}' --by NAME`, or pass --allow-draft-knowledge")
    return entry, None, status


def _by_code() -> dict[str, KnowledgeEntry]:  # from the active base, which can change
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
