"""Conversation backends: `template` (offline, deterministic) and, later, OpenAI-compatible servers."""

from __future__ import annotations

from medseg_qa.errors import ConfigError

from .base import ConversationDraft, ConversationRequest, LLMBackend


def build_backend(config) -> LLMBackend:
    """The backend a recipe's `generation` section names."""
    if config.backend == "template":
        from .template import TemplateBackend

        return TemplateBackend(model=config.model)
    raise ConfigError(f"unknown generation backend '{config.backend}'; use 'template'")


__all__ = ["ConversationDraft", "ConversationRequest", "LLMBackend", "build_backend"]
