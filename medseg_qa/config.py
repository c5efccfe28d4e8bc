"""Recipes: one explicit, hashable pydantic config per dataset build, loaded from YAML.

Precedence: recipe YAML, then CLI overrides, then the environment for secrets (never stored here).
Unknown keys and wrong types fail before any work starts, with the key's dotted path in the message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from medseg_qa.errors import ConfigError
from medseg_qa.ids import stable_hash

from medseg_qa.schemas.conversation import QUESTION_STYLES as ALL_STYLES  # the one list of styles
from medseg_qa.schemas.conversation import QuestionStyle


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceSpec(_Strict):
    """One input of a recipe: a source type and its options (checked against that type's model)."""

    type: str
    options: dict[str, Any] = Field(default_factory=dict, validate_default=True)

    @field_validator("type")
    @classmethod
    def _known_type(cls, type_: str) -> str:
        from medseg_qa.sources import options_model

        try:
            options_model(type_)
        except ConfigError as exc:  # as a validation error, so the message names the recipe file and key
            raise ValueError(str(exc)) from None
        return type_

    @field_validator("options")
    @classmethod
    def _check_options(cls, options: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        from medseg_qa.sources import options_model

        if "type" in info.data:
            options_model(info.data["type"]).model_validate(options)
        return options


class ModelPrice(_Strict):
    """USD per 1,000 tokens of one model, for cost accounting and --dry-run estimates."""

    prompt_per_1k: float = Field(ge=0)
    completion_per_1k: float = Field(ge=0)


class GenerationConfig(_Strict):
    backend: Literal["template", "openai"] = "template"
    model: str = "template-v1"
    prompt_version: str = "v1"
    seed: int = 0
    user_turns: int = Field(default=3, ge=2, le=6)
    styles: list[QuestionStyle] = \
        Field(default_factory=lambda: list(ALL_STYLES), min_length=1)
    conversations_per_record: int = Field(default=1, ge=1, le=4)
    qc_retries: int = Field(default=2, ge=0, le=5, description="regenerations of a flagged draft")
    params: dict[str, float | int | str] = Field(default_factory=dict)
    # -- backend "openai" (any OpenAI-compatible server); the API key comes from the environment only --
    base_url: Optional[str] = Field(default=None, description="e.g. http://127.0.0.1:8011/v1; None = OpenAI")
    api_key_env: str = Field(default="OPENAI_API_KEY", description="environment variable holding the key")
    require_key: Optional[bool] = Field(default=None, description="None: required only for OpenAI's own URL")
    concurrency: int = Field(default=8, ge=1, le=512)
    rpm: Optional[int] = Field(default=None, ge=1, description="requests per minute; None = unlimited")
    tpm: Optional[int] = Field(default=None, ge=1, description="tokens per minute; None = unlimited")
    timeout_s: float = Field(default=120.0, gt=0, description="per-request deadline")
    max_retries: int = Field(default=8, ge=0, le=20)
    retry_after_max_s: float = Field(default=60.0, ge=0, description="longest Retry-After honoured; a longer "
                                     "one is capped (and logged) so a server cannot stall the run")
    structured: Literal["json_schema", "json_object", "auto"] = "auto"
    multimodal: bool = Field(default=False, description="send the image and a contour overlay (vision models)")
    prices: dict[str, ModelPrice] = Field(default_factory=dict, description="per model, for cost")


class SplitFractions(_Strict):
    train: float = Field(default=0.8, ge=0)
    validation: float = Field(default=0.1, ge=0)
    test: float = Field(default=0.1, ge=0)

    @model_validator(mode="after")
    def _sum_to_one(self) -> "SplitFractions":
        total = self.train + self.validation + self.test
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"split fractions sum to {total}, not 1")
        return self


class ExportConfig(_Strict):
    name: str = "medseg-qa"
    output: str = "exports"
    splits: SplitFractions = Field(default_factory=SplitFractions)
    seed: int = 0
    include_states: list[Literal["passed", "flagged"]] = Field(default_factory=lambda: ["passed"])
    include: Literal["auto", "reviewed", "all"] = Field(
        default="auto", description="reviewed: only conversations a physician accepted (with their edits); "
        "all: every conversation in include_states except rejected ones; auto: reviewed once any review "
        "exists in the workspace, else all")
    formats: list[Literal["hf", "lisa"]] = Field(
        default_factory=lambda: ["hf"], description="hf (always): the DatasetDict; lisa: also the "
        "ReasonSeg/LISA layout (images + one JSON per sample with mask polygons)")
    gallery: int = Field(default=6, ge=0, le=50, description="examples (overlay + conversation) in the card")


class JudgeConfig(_Strict):
    """The optional LLM judge of QC: a second OpenAI-compatible call that lists an answer's claims and
    compares them with the facts (flag `judge`). Off by default; it has its own prompt, cache and cost."""

    enabled: bool = False
    model: str = "gpt-4o-mini"
    base_url: Optional[str] = Field(default=None, description="e.g. http://127.0.0.1:8011/v1; None = OpenAI")
    api_key_env: str = Field(default="OPENAI_API_KEY", description="environment variable holding the key")
    require_key: Optional[bool] = Field(default=None, description="None: required only for OpenAI's own URL")
    prompt_version: str = "judge-v1"
    response_schema: bool = Field(default=False, description="send the answer's JSON Schema with json_object "
                                                             "(llama.cpp compiles it into a grammar)")
    params: dict[str, float | int | str] = Field(default_factory=lambda: {"temperature": 0.0, "max_tokens": 700})
    timeout_s: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=4, ge=0, le=20)
    prices: dict[str, ModelPrice] = Field(default_factory=dict, description="per model, for cost")


class QCConfig(_Strict):
    judge: JudgeConfig = Field(default_factory=JudgeConfig)


class Recipe(_Strict):
    name: str
    description: str = ""
    sources: list[SourceSpec] = Field(min_length=1)
    knowledge: list[str] = Field(default_factory=list,
                                 description="knowledge files or folders that extend or override the built-in "
                                             "entries (relative to the recipe file)")
    deduplicate: bool = Field(default=False, description="allow registry sets that share patients (the "
                              "registry's overlaps:): identical images are stored once and split together")
    generation: GenerationConfig = Field(default_factory=GenerationConfig)
    qc: QCConfig = Field(default_factory=QCConfig)
    export: ExportConfig = Field(default_factory=ExportConfig)

    def fingerprint(self) -> str:
        return stable_hash(self.model_dump(mode="json"))


def _format(exc: ValidationError, where: str) -> str:
    err = exc.errors()[0]
    key = ".".join(str(p) for p in err["loc"]) or "(top level)"
    hint = "remove it or fix its spelling" if err["type"] == "extra_forbidden" else "fix its value"
    extra = f" ({len(exc.errors()) - 1} more problem(s))" if len(exc.errors()) > 1 else ""
    return f"{where}: key '{key}': {err['msg']}; {hint}{extra}"


def parse_recipe(data: Any, where: str = "recipe") -> Recipe:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a recipe must be a mapping of keys, got {type(data).__name__}")
    try:
        return Recipe.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_format(exc, where)) from None


def load_recipe(path: str | Path, overrides: Optional[dict[str, Any]] = None) -> Recipe:
    """Read a recipe YAML; `overrides` are dotted keys (e.g. {"generation.seed": 3}) from the CLI."""
    import yaml

    p = Path(path)
    if not p.exists():  # a built-in recipe name, shipped in medseg_qa.pipelines
        from medseg_qa import pipelines

        p = Path(pipelines.__file__).parent / p.name
        if not p.exists():
            raise ConfigError(f"recipe {path} not found; give a path to a YAML file or a built-in "
                              "recipe name such as demo.yaml")
    try:
        data = yaml.safe_load(p.read_text())
    except yaml.YAMLError as exc:
        raise ConfigError(f"{p}: not valid YAML ({exc.__class__.__name__}); fix the syntax") from None
    for dotted, value in (overrides or {}).items():
        node = data
        *parents, leaf = dotted.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    if isinstance(data, dict) and isinstance(data.get("knowledge"), list):  # paths are relative to the recipe
        data["knowledge"] = [str(p.parent / k) if isinstance(k, str) else k for k in data["knowledge"]]
    return parse_recipe(data, str(p))
