"""Pydantic models of every record that crosses a boundary, and their JSON Schema files.

`write_json_schemas()` regenerates the `*.schema.json` files beside this module; `check_json_schemas()`
reports the files that drifted from the models (used by `medsegqa schemas --check` and a test).
"""

from __future__ import annotations

import json
from pathlib import Path

from .conversation import QUESTION_STYLES, SEG_TOKEN, Conversation, GenerationProvenance, StructuredClaims, Turn
from .facts import FrameFacts, MaskFacts, Relation
from .review import Review, TurnVerdict
from .source import SourceRecord

SCHEMA_DIR = Path(__file__).parent
MODELS = {
    "source_record": SourceRecord,
    "mask_facts": MaskFacts,
    "conversation": Conversation,
    "generation_provenance": GenerationProvenance,
    "review": Review,
}

__all__ = [
    "QUESTION_STYLES", "SEG_TOKEN", "StructuredClaims", "Conversation", "GenerationProvenance", "Turn", "FrameFacts",
    "MaskFacts", "Relation", "Review",
    "TurnVerdict", "SourceRecord", "MODELS", "write_json_schemas", "check_json_schemas",
]


def _render(model) -> str:
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"


def write_json_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write one `<name>.schema.json` per model; returns the paths written."""
    paths = []
    for name, model in MODELS.items():
        path = directory / f"{name}.schema.json"
        path.write_text(_render(model))
        paths.append(path)
    return paths


def check_json_schemas(directory: Path = SCHEMA_DIR) -> list[str]:
    """Names of the schema files that are missing or differ from the models (empty when in sync).

    Compared as parsed JSON, not text: pydantic releases within the declared range spell the same
    schema differently (`"minimum": 0` or `0.0`), which is no drift."""
    import json

    drifted = []
    for name, model in MODELS.items():
        path = directory / f"{name}.schema.json"
        if not path.exists() or json.loads(path.read_text()) != json.loads(_render(model)):
            drifted.append(path.name)
    return drifted
