"""Source types by name. Each module defines `Options` (a strict pydantic model) and `build(options)`.

Modules are imported only when their type is used, so a recipe that names only `phantom` never
imports SimpleITK or pydicom.
"""

from __future__ import annotations

import difflib
import importlib

from medseg_qa.errors import ConfigError

from .base import Source, SourceInfo, SourceItem

SOURCE_TYPES = {
    "phantom": "medseg_qa.sources.phantom",
    "folder": "medseg_qa.sources.folder",
    "nifti": "medseg_qa.sources.nifti",
    "dicom": "medseg_qa.sources.dicom",
    "hf": "medseg_qa.sources.hf",
}

__all__ = ["Source", "SourceInfo", "SourceItem", "SOURCE_TYPES", "options_model", "build_source"]


def _module(type_: str):
    if type_ not in SOURCE_TYPES:
        close = difflib.get_close_matches(type_, SOURCE_TYPES, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else f"known types: {', '.join(SOURCE_TYPES)}"
        raise ConfigError(f"unknown source type '{type_}'; {hint}")
    return importlib.import_module(SOURCE_TYPES[type_])


def options_model(type_: str):
    """The strict pydantic options model of a source type."""
    return _module(type_).Options


def build_source(type_: str, options: dict) -> Source:
    mod = _module(type_)
    return mod.build(mod.Options.model_validate(options))
