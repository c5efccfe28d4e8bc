"""Mask facts: the measured geometry that conversations must agree with.

Patient-side terms come from the record's orientation: its two letters name the patient direction of
increasing column and of increasing row (`"LP"` is the radiological axial view, where the patient's
left is on the image's right). Thresholds are in normalised image units and are part of the contract
that QC checks claims against.
"""

from __future__ import annotations

import numpy as np

from medseg_qa.schemas import MaskFacts, Relation

MIDLINE_BAND = 0.06     # |centroid - centre| below this along the lateral axis: midline
RELATION_MARGIN = 0.05  # centroids closer than this along an axis: no relation claimed on that axis
SMALL, MEDIUM = 0.01, 0.05  # area-fraction bounds of the size classes

_OPPOSITE = {"L": "R", "R": "L", "A": "P", "P": "A", "S": "I", "I": "S"}
_WORD = {"L": "left", "R": "right", "A": "anterior", "P": "posterior", "S": "superior", "I": "inferior"}
_REL = {"L": "left_of", "R": "right_of", "A": "anterior_to", "P": "posterior_to", "S": "superior_to",
        "I": "inferior_to"}


def _axis_side(letter: str, coord: float) -> str:
    """The patient direction of a normalised coordinate along an axis whose + end is `letter`."""
    return letter if coord > 0.5 else _OPPOSITE[letter]


def compute_facts(mask: np.ndarray, orientation: str | None, others: dict[str, np.ndarray] | None = None) -> MaskFacts:
    """Facts of a non-empty binary mask; `others` are the other labelled structures of the same image."""
    from scipy import ndimage

    m = np.asarray(mask) > 0
    h, w = m.shape
    ys, xs = np.nonzero(m)
    area = int(xs.size)
    cx, cy = float(xs.mean()), float(ys.mean())
    nx, ny = cx / max(w - 1, 1), cy / max(h - 1, 1)
    labelled, n_comp = ndimage.label(m, structure=np.ones((3, 3), bool))
    frac = area / float(h * w)
    return MaskFacts(
        width=w, height=h, area_pixels=area, area_fraction=round(frac, 6),
        bbox=(int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())),
        centroid=(round(cx, 2), round(cy, 2)), centroid_normalized=(round(nx, 4), round(ny, 4)),
        components=int(n_comp),
        laterality=_laterality(m, labelled, n_comp, orientation),
        vertical=_vertical(ny, orientation),
        size_class="small" if frac < SMALL else "medium" if frac < MEDIUM else "large",
        relations=_relations((nx, ny), orientation, others or {}) if orientation else [],
    )


def _vertical(ny: float, orientation: str | None) -> str:
    """Patient direction along the rows (e.g. anterior/posterior), or upper/lower image half without axes."""
    if abs(ny - 0.5) < MIDLINE_BAND:
        return "central"
    if orientation is None:
        return "lower" if ny > 0.5 else "upper"
    return _WORD[_axis_side(orientation[1], ny)]


def _lateral_axis(orientation: str | None) -> int | None:
    for axis, letter in enumerate(orientation or ""):
        if letter in "LR":
            return axis
    return None


def _laterality(m: np.ndarray, labelled: np.ndarray, n_comp: int, orientation: str | None) -> str:
    axis = _lateral_axis(orientation)
    if axis is None:
        return "unknown"
    letter = orientation[axis]
    size = m.shape[1 - axis]
    coords = np.nonzero(m)[1 - axis] / max(size - 1, 1)
    centre = float(coords.mean())
    if n_comp >= 2:  # separate structures on both sides of the midline: bilateral
        sides = set()
        for i in range(1, n_comp + 1):
            comp = np.nonzero(labelled == i)[1 - axis] / max(size - 1, 1)
            if comp.size >= 0.1 * coords.size:
                c = float(comp.mean())
                if abs(c - 0.5) >= MIDLINE_BAND:
                    sides.add(_axis_side(letter, c))
        if len(sides) == 2:
            return "bilateral"
    if abs(centre - 0.5) < MIDLINE_BAND:
        return "midline"
    return _WORD[_axis_side(letter, centre)]


def _centroid(mask: np.ndarray) -> tuple[float, float] | None:
    ys, xs = np.nonzero(np.asarray(mask) > 0)
    if xs.size == 0:
        return None
    h, w = mask.shape[:2]
    return float(xs.mean()) / max(w - 1, 1), float(ys.mean()) / max(h - 1, 1)


def _relations(c: tuple[float, float], orientation: str, others: dict[str, np.ndarray]) -> list[Relation]:
    """`target REL other` along each image axis whose centroids differ by more than the margin."""
    out = []
    for name in sorted(others):
        oc = _centroid(others[name])
        if oc is None:
            continue
        for axis in (0, 1):
            d = c[axis] - oc[axis]
            if abs(d) > RELATION_MARGIN:
                letter = orientation[axis] if d > 0 else _OPPOSITE[orientation[axis]]
                out.append(Relation(other=name, relation=_REL[letter]))
    return out

