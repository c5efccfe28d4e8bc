"""A physician's review of one conversation, as pulled back from the review tool."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional

from pydantic import Field

from .base import Record


class TurnVerdict(Record):
    """`edit`: the reviewer rejected the turn and wrote `correction`, which replaces it in the release;
    `reject`: rejected without a correction (the text is kept; the decision says what happens to the item)."""

    turn_index: int
    verdict: Literal["accept", "reject", "edit"]
    correction: Optional[str] = None


class Review(Record):
    """One reviewer's decision; an edited mask or text always beats a later regeneration.

    `decision`: accept (as is), needs_changes (accepted with the reviewer's edits, which the release applies),
    reject (left out of the release, with `reason`). `submitted_at` is when the reviewer last saved it in the
    review tool: a pull keeps, per reviewer, the review with the latest `submitted_at`.
    """

    conversation_id: str
    record_id: str
    reviewer: str
    decision: Literal["accept", "reject", "needs_changes"]
    turn_verdicts: list[TurnVerdict] = []
    edited_mask_blob: Optional[str] = None
    comment: str = ""
    started_at: Optional[datetime] = None
    submitted_at: datetime
    reason: Optional[str] = Field(default=None, description="why it was rejected (one of the guide's reasons)")
    lead_time_s: Optional[float] = Field(default=None, ge=0, description="seconds the reviewer spent on it")
    task_id: Optional[int] = Field(default=None, description="Label Studio task id")
    annotation_id: Optional[int] = Field(default=None, description="Label Studio annotation id")
