"""The Source protocol: what every input format yields, before records are made.

A source yields `SourceItem`s (one image with one or more labelled binary masks) or, for an input it
cannot read, an `ItemError` instead of raising, so that the ingest stage quarantines that one item and
goes on. The shared ingest code (`medseg_qa.pipelines.ingest`) turns items into `SourceRecord`s: it
canonicalises masks, checks sizes, computes facts and derives ids, so no source repeats that logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional, Protocol, Union

import numpy as np
from pydantic import BaseModel, ConfigDict

from medseg_qa.errors import ItemError
from medseg_qa.imageio import DEFAULT_MAX_PIXELS
from medseg_qa.patient import Body, SliceGeometry


@dataclass
class SourceInfo:
    """Dataset-level provenance that lands on every record of the source."""

    dataset: str
    licence: str
    citation: str = ""
    source_url: str = ""
    synthetic: bool = False


class ProvenanceOptions(BaseModel):
    """Options shared by the sources that read files: the provenance that lands on every record, and
    the pixel limit that guards against decompression bombs."""

    model_config = ConfigDict(extra="forbid")

    licence: str = "unknown"
    citation: str = ""
    source_url: str = ""
    max_pixels: int = DEFAULT_MAX_PIXELS


@dataclass
class SourceItem:
    """One image and its labelled masks (label -> array of the image's height and width).

    `masks` values may be bool, 0/1 or 0/255; `binary_declared` makes more than two values an error.
    `item_key` identifies the item in quarantine entries (a relative path, a case and slice).
    `body` (the body outline measured on raw values) and `geometry` (world position of the pixels)
    let facts be measured against the patient; a source that has neither leaves them None and ingest
    outlines the body on the display image where the modality has one (`medseg_qa.patient`).
    """

    item_key: str
    image: np.ndarray
    masks: dict[str, np.ndarray]
    case_id: str
    patient_id: str
    modality: str
    body_region: str
    orientation: Optional[str] = None  # patient directions of +column/+row, e.g. "LP"; None for photos
    spacing: Optional[tuple[float, float]] = None
    slice_index: Optional[int] = None
    binary_declared: bool = True
    extra_synonyms: dict[str, list[str]] = field(default_factory=dict)
    body: Optional[Body] = None
    geometry: Optional[SliceGeometry] = None


Yielded = Union[SourceItem, ItemError]


class Source(Protocol):
    """A configured input; `items()` may be called more than once and yields the same items."""

    info: SourceInfo

    def items(self) -> Iterator[Yielded]: ...

    def estimate(self) -> Optional[int]:
        """Number of items, when cheap to know (for the progress bar)."""
        ...
