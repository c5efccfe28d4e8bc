"""Shared base for every boundary record: strict, immutable-by-convention pydantic models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Base of every record that crosses a boundary: unknown keys are an error, never dropped."""

    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=True)
