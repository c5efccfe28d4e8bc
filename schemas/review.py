"""A physician's review of one conversation, as pulled back from the review tool."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional

from .base import Record


class TurnVerdict(Record):
    turn_index: int
    verdict: Literal["accept", "reject", "edit"]
    correction: Optional[str] = None


class Review(Record):
    """One reviewer's decision; an edited mask or text always beats a later regeneration."""

    conversation_id: str
    record_id: str
    reviewer: str
    decision: Literal["accept", "reject", "needs_changes"]
    turn_verdicts: list[TurnVerdict] = []
    edited_mask_blob: Optional[str] = None
    comment: str = ""
    started_at: Optional[datetime] = None
    submitted_at: datetime
