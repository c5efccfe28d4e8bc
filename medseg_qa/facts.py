"""Mask facts: the measured geometry that conversations must agree with.

Patient-side terms come from the record's orientation: its two letters name the patient direction of
increasing column and of increasing row (`"LP"` is the radiological axial view, where the patient's
left is on the image's right). Side, midline and vertical position are measured from the patient's
centre in the slice (`medseg_qa.patient.PatientFrame`: the body outline, else world coordinates, else
the image centre; `midline_source` says which), in units of the body's extent, so the midline band
scales with the body. The size class is relative to the body's area where a body was found, else to
the image. These thresholds are part of the contract that QC checks claims against.
"""

from __future__ import annotations

import re
from typing import Optional

import numpy as np

from medseg_qa.patient import PatientFrame, lateral_axis, patient_frame
from medseg_qa.schemas import FrameFacts, MaskFacts, Relation

MIDLINE_BAND = 0.06     # |centroid - patient centre| below this share of the body's extent: midline/central
ONE_SIDED = 0.9        # share of a near-midline mask's pixels on one side of the midline that makes it one-sided
RELATION_MARGIN = 0.05  # centroids closer than this along an axis: no relation claimed on that axis
SMALL, MEDIUM = 0.01, 0.05  # image-fraction bounds of the size classes (no body found)
# body-fraction bounds: a CT/MR body cross-section fills about half of its field of view, so these mean
# the same as the image bounds on a typical, well-centred scan, and stay true on a zoomed or padded one
BODY_SMALL, BODY_MEDIUM = 0.02, 0.10

_OPPOSITE = {"L": "R", "R": "L", "A": "P", "P": "A", "S": "I", "I": "S"}
_WORD = {"L": "left", "R": "right", "A": "anterior", "P": "posterior", "S": "superior", "I": "inferior"}
_REL = {"L": "left_of", "R": "right_of", "A": "anterior_to", "P": "posterior_to", "S": "superior_to",
        "I": "inferior_to"}


def _axis_side(letter: str, offset: float) -> str:
    """The patient direction of a signed offset from the patient centre along an axis whose + end is `letter`."""
    return letter if offset > 0 else _OPPOSITE[letter]


def compute_facts(mask: np.ndarray, orientation: str | None,
                  others: dict[str, np.ndarray | tuple[float, float]] | None = None,
                  frame: Optional[PatientFrame] = None) -> MaskFacts:
    """Facts of a non-empty binary mask; `others` are the other labelled structures of the same image,
    as masks or as their normalised centroids (`centroid_normalized`, cheaper when reused). `frame` is
    the patient in this slice (`medseg_qa.patient.patient_frame`); without it the image centre stands
    in for the patient's centre (`midline_source` says so)."""
    from scipy import ndimage

    m = np.asarray(mask) > 0
    h, w = m.shape
    rows, cols = np.flatnonzero(m.any(axis=1)), np.flatnonzero(m.any(axis=0))
    y0, y1, x0, x1 = int(rows[0]), int(rows[-1]), int(cols[0]), int(cols[-1])
    crop = m[y0:y1 + 1, x0:x1 + 1]  # work inside the bounding box: organs are small beside the image
    ys, xs = np.nonzero(crop)
    xs, ys = xs + x0, ys + y0
    area = int(xs.size)
    cx, cy = float(xs.mean()), float(ys.mean())
    nx, ny = cx / max(w - 1, 1), cy / max(h - 1, 1)
    labelled, n_comp = ndimage.label(crop, structure=np.ones((3, 3), bool))
    frac = area / float(h * w)
    frame = frame or patient_frame((h, w), orientation)
    offset = ((cx - frame.centre[0]) / frame.extent[0], (cy - frame.centre[1]) / frame.extent[1])
    body_frac = min(area / frame.body_area, 1.0) if frame.body_area else None
    size_frac, small, medium = (frac, SMALL, MEDIUM) if body_frac is None else (body_frac, BODY_SMALL, BODY_MEDIUM)
    return MaskFacts(
        width=w, height=h, area_pixels=area, area_fraction=round(frac, 6),
        bbox=(x0, y0, x1, y1),
        centroid=(round(cx, 2), round(cy, 2)), centroid_normalized=(round(nx, 4), round(ny, 4)),
        components=int(n_comp),
        laterality=_laterality((xs, ys), labelled[labelled > 0], n_comp, frame, orientation),
        vertical=_vertical(offset[1], orientation),
        size_class="small" if size_frac < small else "medium" if size_frac < medium else "large",
        relations=_relations((nx, ny), orientation, others or {}) if orientation else [],
        midline_source=frame.source, centroid_patient=(round(offset[0], 4), round(offset[1], 4)),
        body_fraction=None if body_frac is None else round(body_frac, 6),
        frame=FrameFacts(centre=(round(frame.centre[0], 3), round(frame.centre[1], 3)),
                         extent=(round(frame.extent[0], 3), round(frame.extent[1], 3)), body_area=frame.body_area,
                         plane_offset=None if frame.plane_offset is None else round(frame.plane_offset, 6)),
    )


def frame_of(facts: MaskFacts) -> Optional[PatientFrame]:
    """The patient frame stored with `facts` (None for rows stored before frames were kept), to measure
    an edited mask of the same image against the same patient: `compute_facts(mask, o, frame=...)`."""
    f = facts.frame
    if f is None:
        return None
    return PatientFrame(facts.midline_source, f.centre, f.extent, f.body_area, f.plane_offset)


def _vertical(offset: float, orientation: str | None) -> str:
    """Patient direction along the rows (e.g. anterior/posterior) from the patient centre, or the
    upper/lower image half without axes."""
    if abs(offset) < MIDLINE_BAND:
        return "central"
    if orientation is None:
        return "lower" if offset > 0 else "upper"
    return _WORD[_axis_side(orientation[1], offset)]


def _laterality(coords: tuple[np.ndarray, np.ndarray], component_of: np.ndarray, n_comp: int,
                frame: PatientFrame, orientation: str | None) -> str:
    """Side of the mask; `coords` are its pixels' (x, y), `component_of` their component numbers."""
    axis = lateral_axis(orientation)
    if axis is None:  # a sagittal slice: the side of the plane itself
        off = frame.plane_offset
        if orientation is None or off is None:
            return "unknown"
        return "midline" if abs(off) < MIDLINE_BAND else ("left" if off > 0 else "right")
    letter = orientation[axis]
    along = (coords[axis] - frame.centre[axis]) / frame.extent[axis]
    if n_comp >= 2:  # separate structures on both sides of the midline: bilateral
        sides = set()
        counts = np.bincount(component_of, minlength=n_comp + 1)
        sums = np.bincount(component_of, weights=along, minlength=n_comp + 1)
        for i in range(1, n_comp + 1):
            if counts[i] >= 0.1 * along.size:
                c = float(sums[i] / counts[i])
                if abs(c) >= MIDLINE_BAND:
                    sides.add(_axis_side(letter, c))
        if len(sides) == 2:
            return "bilateral"
    centre = float(along.mean())
    if abs(centre) < MIDLINE_BAND:
        share = float((along > 0).mean())  # a mask near the midline but wholly on one side of it is one-sided
        if max(share, 1.0 - share) >= ONE_SIDED:
            return _WORD[_axis_side(letter, share - 0.5)]
        return "midline"
    return _WORD[_axis_side(letter, centre)]


def centroid_normalized(mask: np.ndarray) -> tuple[float, float] | None:
    """(x, y) centroid in [0, 1] image units; None for an empty mask."""
    ys, xs = np.nonzero(np.asarray(mask) > 0)
    if xs.size == 0:
        return None
    h, w = mask.shape[:2]
    return float(xs.mean()) / max(w - 1, 1), float(ys.mean()) / max(h - 1, 1)


def _relations(c: tuple[float, float], orientation: str, others: dict) -> list[Relation]:
    """`target REL other` along each image axis whose centroids differ by more than the margin."""
    out = []
    for name in sorted(others):
        other = others[name]
        oc = other if isinstance(other, tuple) else centroid_normalized(other)
        if oc is None:
            continue
        for axis in (0, 1):
            d = c[axis] - oc[axis]
            if abs(d) > RELATION_MARGIN:
                letter = orientation[axis] if d > 0 else _OPPOSITE[orientation[axis]]
                out.append(Relation(other=name, relation=_REL[letter]))
    return out



# -- the name-side check ---------------------------------------------------------------------------

_SIDE_TOKENS = {"left": "left", "l": "left", "lt": "left", "lh": "left", "sinister": "left",
                "right": "right", "r": "right", "rt": "right", "rh": "right", "dexter": "right"}


def name_side(name: str) -> Optional[str]:
    """The side a structure's name states ("Hippocampus_L", "Left-Kidney", "rightLung", "lh.insula"),
    or None when it states none or both. Tokens split on non-letters and camel case; letters joined to
    digits stay one token, so "L1" (a vertebra) states no side."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    sides = {_SIDE_TOKENS[t] for t in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if t in _SIDE_TOKENS}
    return sides.pop() if len(sides) == 1 else None


def side_conflict(name: str, facts: MaskFacts) -> Optional[str]:
    """A one-line reason when the name says one side and the mask, measured in patient space, lies on
    the other; None otherwise (no side in the name, or a midline, bilateral or unknown mask)."""
    said = name_side(name)
    if said is None or facts.laterality not in ("left", "right") or facts.laterality == said:
        return None
    return (f"'{name}' is named {said} but its mask lies on the patient's {facts.laterality} (measured from "
            f"the {facts.midline_source.replace('_', ' ')}); the file's orientation header (NIfTI qform/sform, "
            "DICOM orientation, the recipe's 'orientation') or the label names are wrong: fix them and re-ingest")


def check_name_side(name: str, facts: MaskFacts, where: str) -> None:
    """ItemError 'side_conflict' (the item is quarantined) when `side_conflict` finds one: a mirrored
    header mirrors every sided structure of the slice, so none of its records can be trusted."""
    from medseg_qa.errors import ItemError

    reason = side_conflict(name, facts)
    if reason:
        raise ItemError("side_conflict", reason, where)
