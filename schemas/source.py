"""The record every source produces: one image, one binary mask, one target structure."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .base import Record
from .facts import MaskFacts

Modality = Literal["CT", "MR", "US", "XR", "endoscopy", "dermoscopy", "microscopy", "other"]


class SourceRecord(Record):
    """One image-mask pair with its target, provenance and measured facts.

    `record_id` is derived from the image pixels, mask pixels and target (see `medseg_qa.ids`), so
    re-ingesting the same data gives the same id. `orientation` names the patient direction of
    increasing column and increasing row (e.g. "LP": columns run to the patient's left, rows to
    posterior, the radiological axial convention); it is None for endoscopy or dermoscopy photos,
    whose facts then carry no patient side. `patient_id` is always pseudonymous.
    """

    record_id: str
    source: str = Field(description="source type, e.g. phantom, folder, nifti, dicom, hf")
    dataset: str = Field(description="dataset name, e.g. phantom-abdomen-ct or kvasir-seg")
    image_blob: str = Field(description="sha256 of the stored image PNG")
    mask_blob: str = Field(description="sha256 of the stored 0/255 mask PNG")
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    target: str
    synonyms: list[str] = Field(default_factory=list)
    ontology_code: Optional[str] = None
    modality: Modality
    body_region: str
    case_id: str
    patient_id: str
    slice_index: Optional[int] = None
    spacing: Optional[tuple[float, float]] = None
    orientation: Optional[str] = Field(default=None, pattern=r"^[RLAPSI]{2}$",
                                       description="None for images without patient axes (photos)")
    licence: str
    citation: str = ""
    source_url: str = ""
    synthetic: bool = False
    origin: str = Field(default="", description="where in the source it came from (relative path, slice)")
    facts: MaskFacts
