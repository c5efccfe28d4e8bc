"""What a physician's review changes in a released row (the export calls this; nothing here writes).

Contract: a turn the reviewer corrected (verdict `edit`) carries the correction instead of the model's text;
an edited mask replaces the record's mask. Both originals stay in the workspace (the conversation body and
the record's mask blob are never rewritten), so the release can always be traced back to what was generated.
Whether a rejected item is released at all is the export's decision (`Review.decision`).
"""

from __future__ import annotations

from typing import Optional

from medseg_qa.schemas import Conversation, Review, SourceRecord


def reviewed_content(conv: Conversation, record: SourceRecord, review: Optional[Review]) -> tuple[list[dict], str]:
    """(turns as role/content dicts, mask blob digest) for the release of one conversation."""
    turns = [t.model_dump() for t in conv.turns]
    if review is None:
        return turns, record.mask_blob
    for verdict in review.turn_verdicts:
        if verdict.verdict == "edit" and verdict.correction and 0 <= verdict.turn_index < len(turns):
            turns[verdict.turn_index]["content"] = verdict.correction
    return turns, review.edited_mask_blob or record.mask_blob
