"""One knowledge entry: its schema, how a file of entries is read and validated, and how its generative rules
(`sided`, `series`) expand into the entries they stand for.

Contract: one schema (`KnowledgeEntry`) for built-in, hand-written and drafted entries; an error names the file,
the entry and the field. `label_key` is how labels are compared everywhere. The base that holds the entries,
resolves labels and refuses contradictions is `medseg_qa.knowledge`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from medseg_qa.errors import ConfigError
from medseg_qa.knowledge_terms import giveaway_terms


ONTOLOGY_PREFIXES = ("SCT", "FMA", "UBERON")
#: kinds of finding, not structures: several lesion entries may list them
CLASS_WORDS = frozenset({"lesion", "lesions", "tumour", "tumours", "tumor", "tumors", "mass", "masses", "nodule",
                         "nodules", "neoplasm", "neoplasms", "cyst", "cysts", "carcinoma", "cancer", "metastasis",
                         "metastases", "malignancy", "focal lesion"})
_SPELLING = {"tumor": "tumour", "tumors": "tumours", "gray": "grey", "oedema": "edema", "oesophagus": "esophagus",
             "peritumoural": "peritumoral", "haemorrhage": "hemorrhage"}
_ORDINALS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth").split()


class SideOverride(BaseModel):
    """Fields of one side's variant that differ from the shared entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    synonyms: list[str] = Field(default_factory=list, description="added to the shared synonyms")
    aliases: list[str] = Field(default_factory=list, description="added to the shared aliases")
    ontology_code: Optional[str] = None
    descriptor: Optional[str] = None
    relations: Optional[list[str]] = Field(default=None, description="replace the shared relations")


class Series(BaseModel):
    """Numbered members of one kind (C1..C7, ribs 1..12): `{m}` is the member, `{ordinal}` its number as
    a word; each member gets the entry's texts and these formatted names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    members: list[str] = Field(min_length=1)
    name: str = Field(description="e.g. '{m} vertebra'")
    synonyms: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)

    @field_validator("members", mode="before")
    @classmethod
    def _as_text(cls, v):
        return [str(m) for m in v] if isinstance(v, list) else v


class KnowledgeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, description="canonical label, lower case, e.g. 'left kidney'")
    synonyms: list[str] = Field(default_factory=list,
                                description="every name that gives it away, abbreviations included; a trailing "
                                            "'-' marks a combining prefix ('hepato-' matches 'hepatocellular'); "
                                            "plurals, adjectives and peri-/para-/intra-/sub- forms are derived")
    aliases: list[str] = Field(default_factory=list,
                               description="other spellings of the label that resolve to it (e.g. a dataset's "
                                           "class name 'kidney_left')")
    ontology_code: Optional[str] = Field(default=None, description="'SCT:<id>', 'FMA:<id>' or 'UBERON:<id>'; "
                                                                   "null unless known with confidence")
    category: str = Field(min_length=1, description="organ, vessel, bone, muscle, lesion, region, ...")
    region: Optional[str] = Field(default=None, description="body region: head, neck, thorax, abdomen, pelvis, "
                                                            "spine, upper limb, lower limb, skin, breast")
    family: Optional[str] = Field(default=None,
                                  description="the structure it is a part or kind of, when it shares synonyms "
                                              "with it (both hippocampal parts: 'hippocampus')")
    descriptor: Optional[str] = Field(default=None,
                                      description="a noun phrase that points at it without naming it, used "
                                                  "when a question about another structure must mention it")
    within: Optional[str] = Field(default=None, description="the structure that contains it (a lesion's organ)")
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
    neighbours: list[str] = Field(default_factory=list, description="structures typically next to it")
    expected_side: Optional[Literal["left", "right", "midline", "bilateral"]] = None
    modality_notes: list[str] = Field(default_factory=list, description="how it looks on CT, MR, US, ...")
    sided: bool = Field(default=False, description="also define its left and right variants")
    left: Optional[SideOverride] = None
    right: Optional[SideOverride] = None
    series: Optional[Series] = None
    status: Optional[Literal["draft", "approved"]] = Field(
        default=None, description="draft: written by an LLM, not yet signed off; absent: written by a person")
    drafted_by: Optional[str] = Field(default=None, description="the model that drafted it")
    reviewed_by: Optional[str] = None
    reviewed_at: Optional[str] = Field(default=None, description="ISO time of the sign-off")

    @field_validator("name")
    @classmethod
    def _lower(cls, v: str) -> str:
        return " ".join(v.strip().lower().split())

    @field_validator("ontology_code")
    @classmethod
    def _code(cls, v: Optional[str]) -> Optional[str]:
        if v is not None and (v.split(":")[0] not in ONTOLOGY_PREFIXES or not re.fullmatch(r"[A-Z]+:[\w.]+", v)):
            raise ValueError(f"'{v}' is not 'SCT:<id>', 'FMA:<id>' or 'UBERON:<id>'; use null when unsure")
        return v

    def terms(self) -> tuple[str, ...]:
        """Every term whose mention gives this structure away (variants included)."""
        return giveaway_terms(self.name, [*self.synonyms, *self.aliases])


def entry_hash(entry: KnowledgeEntry) -> str:
    """The stable hash of an entry's content (same as `medseg_qa.ids.knowledge_hash`)."""
    from medseg_qa.ids import stable_hash

    return stable_hash(entry.model_dump(mode="json"))


def label_key(label: str) -> str:
    """How labels are compared: case, '_'/'-'/space and a few spellings ignored."""
    words = re.split(r"[\s_\-]+", unicodedata.normalize("NFKC", label).lower().strip())
    return " ".join(_SPELLING.get(w, w) for w in words if w)


# --- expansion of rules -----------------------------------------------------------------------------

def _fill(text: str, **values: str) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return " ".join(text.split())


def _ordinal(member: str) -> str:
    digits = re.sub(r"\D", "", member)
    return _ORDINALS[int(digits)] if digits and int(digits) < len(_ORDINALS) else member


def expand(entry: KnowledgeEntry) -> list[KnowledgeEntry]:
    """The entry and the entries its rules generate (series members, then left/right variants); rule
    fields are cleared in the results, and the generated ones get the entry's name as their family.
    Synonyms with `{side}` belong to the sided variants only; aliases name one entry each, so the sided
    variants get only those with `{side}`."""
    rules = dict(sided=False, left=None, right=None, series=None)
    family = entry.family or entry.name
    members = [entry.model_copy(update=rules)]
    if entry.series:
        s = entry.series
        for m in s.members:
            values = dict(m=m, ordinal=_ordinal(m))
            members.append(entry.model_copy(update={
                **rules, "name": _fill(s.name, **values).lower(), "family": family, "ontology_code": None,
                "synonyms": [_fill(x, **values) for x in [*entry.synonyms, *s.synonyms]],
                "aliases": [_fill(x, **values) for x in [*entry.aliases, *s.aliases]]}))
    out = [m.model_copy(update={"synonyms": [x for x in m.synonyms if "{side}" not in x],
                                "aliases": [x for x in m.aliases if "{side}" not in x]}) for m in members]
    if entry.sided:
        for m in members[1:] if entry.series else members:
            for side in ("left", "right"):
                over = getattr(entry, side) or SideOverride()
                out.append(m.model_copy(update={
                    "name": f"{side} {m.name}", "family": family, "expected_side": side,
                    "synonyms": [_fill(x, side=side) for x in [*m.synonyms, *over.synonyms]],
                    "aliases": [_fill(x, side=side) for x in m.aliases if "{side}" in x] + over.aliases,
                    "ontology_code": over.ontology_code,
                    "descriptor": over.descriptor or (f"{m.descriptor} on the patient's {side}"
                                                      if m.descriptor else None),
                    "relations": over.relations if over.relations is not None else m.relations}))
    return out


def read_entries(path: Path) -> list[KnowledgeEntry]:
    """The entries of one file (a list of entries, or one entry as a mapping), as written (unexpanded)."""
    import yaml

    try:
        raw_entries = yaml.load(path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__}); fix the syntax") from None
    raw_entries = [raw_entries] if isinstance(raw_entries, dict) else (raw_entries or [])
    if not isinstance(raw_entries, list):
        raise ConfigError(f"{path}: a knowledge file must be a YAML list of entries or one entry")
    out = []
    for i, raw in enumerate(raw_entries, 1):
        try:
            out.append(KnowledgeEntry.model_validate(raw))
        except ValidationError as exc:
            name = raw.get("name", f"#{i}") if isinstance(raw, dict) else f"#{i}"
            err = exc.errors()[0]
            where = ".".join(map(str, err["loc"])) or "(entry)"
            raise ConfigError(f"{path}: knowledge entry {name!r}: field '{where}': {err['msg']}; fix the entry"
                              + (f" ({len(exc.errors()) - 1} more problem(s))" if len(exc.errors()) > 1 else "")
                              ) from None
    return out
