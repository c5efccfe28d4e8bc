"""Turning one NIfTI case (an image volume and its label map) into slice items for the `nifti` source.

Each volume is reoriented to the plan's orientation (default LPS) with numpy transposes and flips (no
resampling) and cut along its axis; one item per chosen slice carries the masks of its labels, with the
slice's 2-letter patient orientation, pixel spacing and index. Every check that can fail (missing label,
unreadable file, grid mismatch, unknown label value, no labelled slice) runs on the whole volume before
the first slice is made, so a bad volume becomes exactly one ItemError and a bad slice cannot happen
once its volume is good. `Case`, `Plan` and `SliceData` are picklable, so the same code runs in the
worker processes of `nifti_pool`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

import numpy as np

from medseg_qa import volume as vol
from medseg_qa.errors import ItemError
from medseg_qa.geometry import MAX_OBLIQUE_DEG, lateral_midline, obliquity_deg, view_geometry
from medseg_qa.patient import BODY_MODALITIES, Body, SliceGeometry, body_outline, body_threshold
from medseg_qa.volume import Plane, per_slice_counts, pick_slices, slice_view
from medseg_qa.windowing import percentile_window, windower

from .base import SourceItem, Yielded


@dataclass(frozen=True)
class Case:
    key: str  # image path relative to root: the item key of volume-level errors
    image: Path
    label: Optional[Path]
    case_id: str
    patient_id: str


@dataclass(frozen=True)
class Plan:
    """Everything a worker needs to turn a case into items (picklable, resolved once)."""

    labels: dict[int, str]  # every known non-background value
    include: frozenset[int]
    modality: str
    body_region: str
    window: Any  # (low, high) or None for volume percentiles
    percentiles: tuple[float, float]
    axis: Plane
    orientation: str
    slice_step: int
    min_area: int
    min_area_fraction: Optional[float]
    max_slices_per_label: Optional[int]
    context_labels: bool
    channel: int
    max_voxels: int
    tolerance: float


@dataclass(frozen=True)
class SliceData:
    """One chosen slice in compact, picklable form: its labels as codes plus the codes it carries."""

    case: Case
    index: int
    image: np.ndarray  # uint8 (H, W), windowed
    codes: np.ndarray  # label codes (H, W)
    carried: tuple[tuple[str, int], ...]  # (label name, code) of the masks the item carries
    orientation: str
    spacing: tuple[float, float]
    body: Optional[Body] = None
    geometry: Optional[SliceGeometry] = None


def case_items(plan: Plan, case: Case) -> Iterator[Yielded]:
    """Items of one case: a volume-level ItemError, or one SourceItem per chosen slice."""
    try:
        for data in case_slices(plan, case):
            yield to_item(plan, data)
    except ItemError as exc:
        yield exc


def to_item(plan: Plan, d: SliceData) -> SourceItem:
    c = d.case
    return SourceItem(item_key=f"{c.key}:{plan.axis}:{d.index}", image=d.image,
                      masks={name: d.codes == code for name, code in d.carried}, case_id=c.case_id,
                      patient_id=c.patient_id, modality=plan.modality, body_region=plan.body_region,
                      orientation=d.orientation, spacing=d.spacing, slice_index=d.index, body=d.body,
                      geometry=d.geometry)


def case_slices(plan: Plan, case: Case) -> Iterator[SliceData]:
    """Chosen slices of one case; every volume-level ItemError is raised before the first slice.

    A slice's `codes` is a view into the label volume, valid only until the generator resumes: use it
    (`to_item`) or copy it before asking for the next slice."""
    where = case.key
    if case.label is None:
        raise ItemError("missing_label", "image has no label map; add it (labelsTr/ with the same name, or "
                        "the label_suffix/label_glob of the recipe) or remove the image", where)
    head, lab_head = vol.read_header(case.image, where), vol.read_header(case.label, where)
    if len(head.size) not in (3, 4):
        raise ItemError("not_a_volume", f"image has {len(head.size)} dimensions; this source reads 3D "
                        "volumes (4D: one channel); use the folder source for 2D images", where)
    if max(head.voxels, lab_head.voxels) > plan.max_voxels:
        raise ItemError("too_large", f"volume has {max(head.voxels, lab_head.voxels)} voxels, over max_voxels "
                        f"{plan.max_voxels}; raise max_voxels in the source options if it is genuine", where)
    if len(head.size) == 4 and plan.channel >= head.size[3]:
        raise ItemError("missing_channel", f"image has {head.size[3]} channels, channel {plan.channel} "
                        "was asked; fix 'channel'", where)
    angle = obliquity_deg(head.direction)
    if angle > MAX_OBLIQUE_DEG:
        raise ItemError("oblique_volume", f"image axes are {angle:.0f} degrees off the patient axes (over "
                        f"{MAX_OBLIQUE_DEG:.0f}): slicing along the nearest axis would swap axes and sides; "
                        "resample it onto an axis-aligned grid or remove the case", where)
    diff = vol.grid_mismatch(head, lab_head, plan.tolerance)
    if diff:
        raise ItemError("grid_mismatch", f"label map {case.label.name} is on another grid than its image "
                        f"({diff}); resample it onto the image grid (nearest neighbour) or fix the pairing", where)
    raw_labels, _label_owner = vol.read_array(case.label, where)
    codes, values = vol.label_codes(raw_labels, set(plan.labels), where)
    view = slice_view(head.direction, plan.orientation, plan.axis)
    counts = per_slice_counts(codes, view.perm[0], len(values))
    vol.check_known(raw_labels, counts.sum(axis=0), values, set(plan.labels), where)
    del raw_labels
    if view.flips[0]:
        counts = counts[::-1]
    pixels = int(np.prod([codes.shape[d] for d in view.perm[1:]]))
    threshold = max(plan.min_area, math.ceil((plan.min_area_fraction or 0) * pixels))
    code_of = {v: c for c, v in enumerate(values) if v > 0}
    included = [(plan.labels[v], code_of[v]) for v in sorted(plan.include) if v in code_of]
    chosen: dict[int, set[int]] = {}
    for _, code in included:
        for s in pick_slices(counts[:, code], threshold, plan.slice_step, plan.max_slices_per_label):
            chosen.setdefault(s, set()).add(code)
    if not chosen:
        names = ", ".join(plan.labels[v] for v in sorted(plan.include))
        raise ItemError("no_labelled_slices", f"no slice holds {threshold}+ pixels of any of: {names[:120]}; "
                        "lower min_area or check the label map", where)
    image, _image_owner = vol.read_array(case.image, where)
    if image.ndim == 4:
        image = image[plan.channel]
    lo, hi = image.min(), image.max()  # NaN propagates and inf is the extreme: one check finds both
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise ItemError("non_finite_volume", "image volume holds NaN or infinite voxels; re-export it with "
                        "finite values (or fill them) or remove the case", where)
    if lo == hi:
        raise ItemError("blank_volume", f"image volume is blank (every voxel is {lo}); re-export the image, "
                        "check the channel, or remove the case", where)
    window = windower(image.dtype, *(plan.window or percentile_window(image, *plan.percentiles)))
    images, labels = view.apply(image), view.apply(codes)
    spacing = view.spacing(head.spacing)
    body_at = body_threshold(image, plan.modality) if plan.modality in BODY_MODALITIES else None
    midline = lateral_midline(image, head, body_at) if plan.axis == "sagittal" and body_at is not None else None
    for s in sorted(chosen):
        carried = tuple((n, c) for n, c in included
                        if c in chosen[s] or (plan.context_labels and counts[s, c] >= threshold))
        body = None if body_at is None else body_outline(images[s], body_at, labels[s] != 0)
        yield SliceData(case=case, index=s, image=window(images[s]), codes=labels[s], carried=carried,
                        orientation=view.orientation, spacing=spacing, body=body,
                        geometry=view_geometry(view, head, codes.shape, s, midline))


__all__ = ["Case", "Plan", "SliceData", "case_items", "case_slices", "to_item"]
