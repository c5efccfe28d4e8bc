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


def compute_facts(mask: np.ndarray, orientation: str | None,
                  others: dict[str, np.ndarray | tuple[float, float]] | None = None) -> MaskFacts:
    """Facts of a non-empty binary mask; `others` are the other labelled structures of the same image,
    as masks or as their normalised centroids (`centroid_normalized`, cheaper when reused)."""
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
    return MaskFacts(
        width=w, height=h, area_pixels=area, area_fraction=round(frac, 6),
        bbox=(x0, y0, x1, y1),
        centroid=(round(cx, 2), round(cy, 2)), centroid_normalized=(round(nx, 4), round(ny, 4)),
        components=int(n_comp),
        laterality=_laterality((xs, ys), labelled[labelled > 0], n_comp, (w, h), orientation),
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


def _laterality(coords: tuple[np.ndarray, np.ndarray], component_of: np.ndarray, n_comp: int,
                size: tuple[int, int], orientation: str | None) -> str:
    """Side of the mask; `coords` are its pixels' (x, y), `component_of` their component numbers."""
    axis = _lateral_axis(orientation)
    if axis is None:
        return "unknown"
    letter = orientation[axis]
    along = coords[axis] / max(size[axis] - 1, 1)
    if n_comp >= 2:  # separate structures on both sides of the midline: bilateral
        sides = set()
        counts = np.bincount(component_of, minlength=n_comp + 1)
        sums = np.bincount(component_of, weights=along, minlength=n_comp + 1)
        for i in range(1, n_comp + 1):
            if counts[i] >= 0.1 * along.size:
                c = float(sums[i] / counts[i])
                if abs(c - 0.5) >= MIDLINE_BAND:
                    sides.add(_axis_side(letter, c))
        if len(sides) == 2:
            return "bilateral"
    centre = float(along.mean())
    if abs(centre - 0.5) < MIDLINE_BAND:
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

