"""The conversation-backend contract that the template backend and real LLM backends share.

A backend turns a `ConversationRequest` (the record with its facts, its knowledge-base entry, a
question style, the number of user turns, a seed) into a `ConversationDraft`: the turns plus token
counts. It raises `BackendError` when it cannot be used at all and `ItemError` for one bad answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Protocol

from medseg_qa.knowledge import KnowledgeEntry
from medseg_qa.schemas import SourceRecord, StructuredClaims, Turn


@dataclass(frozen=True)
class ConversationRequest:
    record: SourceRecord
    knowledge: KnowledgeEntry
    style: str
    user_turns: int
    seed: int
    prompt_version: str


@dataclass
class ConversationDraft:
    turns: list[Turn]
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    raw_text: Optional[str] = None
    claims: Optional[StructuredClaims] = None  # the structured claims object, when the backend gives one


class LLMBackend(Protocol):
    name: str
    model: str

    def generate(self, request: ConversationRequest) -> ConversationDraft: ...
