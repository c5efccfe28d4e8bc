"""Facts measured from one mask, the ground truth that conversations and QC are checked against."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record

Side = Literal["left", "right", "midline", "bilateral", "unknown"]
RelationKind = Literal["left_of", "right_of", "anterior_to", "posterior_to", "superior_to", "inferior_to"]
SizeClass = Literal["small", "medium", "large"]


class Relation(Record):
    """`target RELATION other`, in patient terms (e.g. liver right_of spleen)."""

    other: str
    relation: RelationKind


class MaskFacts(Record):
    """Geometry of a binary mask in pixel and patient terms.

    Pixel coordinates are (x = column, y = row); `laterality` and `relations` are in patient terms,
    derived from the record's orientation, so a radiological image (patient's left on image right)
    gives the anatomically correct side.
    """

    width: int = Field(gt=0)
    height: int = Field(gt=0)
    area_pixels: int = Field(ge=0)
    area_fraction: float = Field(ge=0.0, le=1.0)
    bbox: tuple[int, int, int, int] = Field(description="x0, y0, x1, y1 (inclusive)")
    centroid: tuple[float, float] = Field(description="x, y in pixels")
    centroid_normalized: tuple[float, float] = Field(description="x, y in [0, 1]")
    components: int = Field(ge=0)
    laterality: Side
    vertical: str = Field(description="patient direction of the mask centroid along the image rows, "
                                      "e.g. anterior/posterior for axial, superior/inferior for coronal, "
                                      "central, or upper/lower (image terms) without patient axes")
    size_class: SizeClass
    relations: list[Relation] = Field(default_factory=list)
