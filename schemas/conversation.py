"""Multi-turn reasoning conversations and how they were generated."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .base import Record

SEG_TOKEN = "[SEG]"

QuestionStyle = Literal["function", "clinical_scenario", "anatomical_relation", "differential"]


class Turn(Record):
    role: Literal["user", "assistant"]
    content: str = Field(min_length=1)


class GenerationProvenance(Record):
    """Everything needed to reproduce, price and audit one generated conversation (never a secret)."""

    backend: str
    model: str
    prompt_version: str
    seed: int
    params: dict[str, float | int | str] = Field(default_factory=dict)
    knowledge_hash: str = Field(default="", description="hash of the knowledge entry's JSON the prompt used")
    template_hash: str = Field(default="", description="hash of the prompt template files' text")
    attempts: int = Field(default=1, ge=1, description="drafts made (QC regenerations included)")
    prompt_tokens: int = Field(default=0, description="every attempt's, repairs and regenerations included")
    completion_tokens: int = 0
    cost_usd: float = 0.0
    knowledge_status: Literal["builtin", "approved", "draft"] = Field(
        default="builtin", description="the target's knowledge entry: built in, written or signed off by a "
                                       "person, or an unreviewed LLM draft (--allow-draft-knowledge)")


class Conversation(Record):
    """A conversation about one record; the grounding assistant answer carries exactly one `[SEG]`.

    `conversation_id` is derived from (record_id, prompt version, model, sampling params, style) and
    everything else that changes the answer (`medseg_qa.pipelines.generate.answer_context`).
    """

    conversation_id: str
    record_id: str
    question_style: QuestionStyle
    turns: list[Turn] = Field(min_length=2)
    provenance: GenerationProvenance
    qc_flags: list[str] = Field(default_factory=list)
    raw_text: Optional[str] = Field(default=None, description="the backend's raw answer when it failed to parse")
