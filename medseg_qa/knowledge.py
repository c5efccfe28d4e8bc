"""The knowledge base: per-structure synonyms, functions, clinical associations and relations.

Entries live as YAML files in `pipelines/knowledge/` (one file per group of structures); every label
a source can produce needs an entry, so that generation can ask about it without naming it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from medseg_qa.errors import ConfigError


class KnowledgeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="canonical label, lower case, e.g. 'left kidney'")
    synonyms: list[str] = Field(default_factory=list, description="every name that gives it away")
    ontology_code: str | None = None
    category: str = Field(description="organ, vessel, bone, lesion, region, ...")
    functions: list[str] = Field(default_factory=list, description="what it does, phrased without its name")
    clinical: list[str] = Field(default_factory=list, description="clinical scenarios that involve it")
    relations: list[str] = Field(default_factory=list, description="anatomical relations, without its name")
    differentials: list[str] = Field(default_factory=list, description="structures it is confused with")


def knowledge_dir() -> Path:
    from medseg_qa import pipelines

    return Path(pipelines.__file__).parent / "knowledge"


@lru_cache(maxsize=1)
def load_knowledge() -> dict[str, KnowledgeEntry]:
    """All entries by canonical name (lower case)."""
    import yaml

    entries: dict[str, KnowledgeEntry] = {}
    for path in sorted(knowledge_dir().glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text()) or []:
            try:
                entry = KnowledgeEntry.model_validate(raw)
            except Exception as exc:
                raise ConfigError(f"{path}: bad knowledge entry {raw.get('name', '?')!r}: {exc}") from None
            entries[entry.name.lower()] = entry
    return entries


def lookup(label: str) -> KnowledgeEntry | None:
    return load_knowledge().get(label.lower().strip())
