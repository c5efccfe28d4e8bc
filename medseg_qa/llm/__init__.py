"""Conversation backends: `template` (offline, deterministic) and `openai` (any OpenAI-compatible server)."""

from __future__ import annotations

from medseg_qa.errors import ConfigError

from .base import ConversationDraft, ConversationRequest, LLMBackend


def build_backend(config, workspace=None) -> LLMBackend:
    """The backend a recipe's `generation` section names. `workspace` gives the openai backend its
    response cache (and the images, when multimodal); without it every request goes to the server."""
    if config.backend == "template":
        from .template import TemplateBackend

        return TemplateBackend(model=config.model)
    if config.backend == "openai":
        from .openai_backend import OpenAIBackend

        return OpenAIBackend(config, workspace)
    raise ConfigError(f"unknown generation backend '{config.backend}'; use 'template' or 'openai'")


__all__ = ["ConversationDraft", "ConversationRequest", "LLMBackend", "build_backend"]
