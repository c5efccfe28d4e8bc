"""Multi-turn reasoning conversations and how they were generated."""

from __future__ import annotations

from typing import Literal, Optional, get_args

from pydantic import Field

from .base import Record
from .facts import Relation, SizeClass

SEG_TOKEN = "[SEG]"

QuestionStyle = Literal["function", "clinical_scenario", "anatomical_relation", "differential"]
QUESTION_STYLES: tuple[str, ...] = get_args(QuestionStyle)  # the one list of question styles


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
    judge_prompt_tokens: int = Field(default=0, description="tokens of the optional QC judge call")
    judge_completion_tokens: int = 0
    judge_cost_usd: float = 0.0


class StructuredClaims(Record):
    """What the generator states about the target in this image, beside its prose (the structured channel).

    Every field is optional: None means "not stated". QC compares each stated field exactly with the
    record's measured facts, and the prose's claims with these."""

    side: Optional[Literal["left", "right", "midline", "bilateral", "unknown"]] = None
    vertical: Optional[str] = Field(default=None, description="as MaskFacts.vertical, e.g. anterior, posterior")
    size_class: Optional[SizeClass] = None
    area_percent: Optional[float] = Field(default=None, ge=0.0, le=100.0)
    regions: Optional[int] = Field(default=None, ge=0, description="number of separate regions")
    relations: list[Relation] = Field(default_factory=list)


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
    claims: Optional[StructuredClaims] = Field(default=None, description="the structured claims the backend "
                                                                         "returned beside the turns, if any")
    raw_text: Optional[str] = Field(default=None, description="the backend's raw answer when it failed to parse")
