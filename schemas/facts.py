"""Facts measured from one mask, the ground truth that conversations and QC are checked against."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .base import Record

Side = Literal["left", "right", "midline", "bilateral", "unknown"]
RelationKind = Literal["left_of", "right_of", "anterior_to", "posterior_to", "superior_to", "inferior_to"]
SizeClass = Literal["small", "medium", "large"]
MidlineSource = Literal["body_outline", "world", "image_centre", "none"]


class Relation(Record):
    """`target RELATION other`, in patient terms (e.g. liver right_of spleen)."""

    other: str
    relation: RelationKind


class FrameFacts(Record):
    """The patient frame the facts were measured in (pixels of this image), kept so that an edited mask
    is re-measured against the same patient (`medseg_qa.facts.frame_of`)."""

    centre: tuple[float, float] = Field(description="patient centre x, y in pixels")
    extent: tuple[float, float] = Field(description="body width, height in pixels (the image's without a body)")
    body_area: Optional[int] = Field(default=None, ge=0, description="body pixels; None without a body outline")
    plane_offset: Optional[float] = Field(default=None, description="sagittal slices: offset of the plane from "
                                          "the midline toward the patient's left, in body widths")


class MaskFacts(Record):
    """Geometry of a binary mask in pixel and patient terms.

    Pixel coordinates are (x = column, y = row); `laterality` and `relations` are in patient terms,
    derived from the record's orientation, so a radiological image (patient's left on image right)
    gives the anatomically correct side. Side, midline and `vertical` are measured from the patient's
    centre in the slice (`midline_source`), in units of the body's extent; `size_class` is relative to
    the body's area where a body was found (`body_fraction`), else to the image (`area_fraction`).
    Rows stored before these fields existed load with the defaults, which say what they were
    measured from: the image centre and the image area.
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
    midline_source: MidlineSource = Field(
        default="image_centre", description="what the patient's centre was taken from: the body outline, "
        "world coordinates (header), the image centre, or none (no patient axes)")
    centroid_patient: Optional[tuple[float, float]] = Field(
        default=None, description="x, y offset of the centroid from the patient's centre, in body widths "
        "and heights (image directions)")
    body_fraction: Optional[float] = Field(default=None, ge=0.0, le=1.0,
                                           description="mask area / body area; None without a body outline")
    frame: Optional[FrameFacts] = None
