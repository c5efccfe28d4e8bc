"""World geometry of slices: obliquity, where each pixel lies in the patient, the patient's midline in a
volume, the NIfTI qform/sform choice, and the canonical in-plane view shared by NIfTI and DICOM.

World coordinates are ITK/DICOM LPS millimetres (+x patient left, +y posterior, +z superior). A volume's
direction matrix is row-major d[world, index] as `medseg_qa.volume.Header` holds it, so
world(i, j, k) = origin + d @ (spacing * (i, j, k)).

Canonical views (the ones `medseg_qa.volume.slice_view` makes from an LPS target): axial slices are
`LP` (radiological: the patient's left on the image's right, anterior at the top), coronal `LI` and
sagittal `PI` (head at the top). DICOM slices are flipped/transposed in-plane into the same view, so
the same anatomy looks the same from either source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from medseg_qa.patient import SliceGeometry

MAX_OBLIQUE_DEG = 45.0
CANONICAL = {"axial": "LP", "coronal": "LI", "sagittal": "PI"}
_PAIR = {"L": "LR", "R": "LR", "P": "PA", "A": "PA", "S": "SI", "I": "SI"}
_RAS_TO_LPS = np.diag([-1.0, -1.0, 1.0])


def obliquity_deg(direction: Sequence[float]) -> float:
    """Largest angle (degrees) between an index axis and the world axis nearest to it. Past 45 degrees
    the nearest-axis reorientation that slicing relies on would swap axes."""
    d = np.abs(np.asarray(direction, float).reshape(3, 3))
    d = d / np.maximum(np.linalg.norm(d, axis=0, keepdims=True), 1e-12)
    return float(np.degrees(np.arccos(np.clip(d.max(axis=0), 0.0, 1.0))).max())


def world_point(direction, origin, spacing, ijk) -> np.ndarray:
    d = np.asarray(direction, float).reshape(3, 3)
    return np.asarray(origin[:3], float) + d @ (np.asarray(spacing[:3], float) * np.asarray(ijk, float))


# -- NIfTI qform / sform ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Xform:
    """A grid from a NIfTI sform (LPS): direction (row-major), origin, spacing, and why it was taken."""

    direction: tuple[float, ...]
    origin: tuple[float, ...]
    spacing: tuple[float, ...]
    note: str


def sform_override(path) -> Optional[Xform]:
    """The sform's grid when a NIfTI file's qform and sform are both set and disagree, else None.

    Both codes set and different matrices make the orientation ambiguous. ITK (SimpleITK) takes the
    qform unless the sform code is 1 (scanner), while nibabel and FSL take the sform whenever its code
    is set; we follow the sform, as nibabel and FSL do (what most viewers show, and the form tools such
    as FSL's `flirt`/`fslreorient2std` write), and say so in `note` (logged as a warning by the source).
    """
    name = str(path).lower()
    if not name.endswith((".nii", ".nii.gz")):
        return None
    import nibabel as nib

    try:
        header = nib.load(str(path)).header
        q, qcode = header.get_qform(coded=True)
        s, scode = header.get_sform(coded=True)
    except Exception:  # noqa: BLE001 - unreadable headers are reported by the ITK reader
        return None
    if not qcode or not scode or q is None or s is None:
        return None
    scale = float(np.abs(s[:3, :3]).max()) or 1.0
    if np.allclose(q[:3, :3], s[:3, :3], atol=1e-3 * scale) and np.allclose(q[:3, 3], s[:3, 3], atol=1e-2 * scale):
        return None
    m, origin = _RAS_TO_LPS @ s[:3, :3], _RAS_TO_LPS @ s[:3, 3]
    spacing = np.linalg.norm(m, axis=0)
    direction = m / np.maximum(spacing, 1e-12)
    note = (f"qform and sform of {getattr(path, 'name', path)} disagree (qform {_ras_letters(q)}, sform "
            f"{_ras_letters(s)}); following the sform as nibabel and FSL do; fix the header (e.g. "
            "nibabel `img.set_qform(img.get_sform())`) if the qform is the true one")
    return Xform(direction=tuple(float(v) for v in direction.ravel()), origin=tuple(float(v) for v in origin),
                 spacing=tuple(float(v) for v in spacing), note=note)


def _ras_letters(affine: np.ndarray) -> str:
    """Orientation letters (the direction each index axis increases toward) of a RAS affine."""
    out = ""
    for col in np.asarray(affine)[:3, :3].T:
        axis = int(np.argmax(np.abs(col)))
        out += ("RAS"[axis] if col[axis] > 0 else "LPI"[axis])
    return out


# -- slice geometry and the volume's midline --------------------------------------------------------

def view_geometry(view, header, shape: Sequence[int], s: int, midline: Optional[tuple] = None) -> SliceGeometry:
    """World geometry of display slice `s` of `view` (a `volume.SliceView`) over an array of numpy
    `shape` (k, j, i); `midline` is (midline_mm, body_width_mm) from `lateral_midline`, if measured."""
    def world(r: int, c: int) -> np.ndarray:
        idx = [0, 0, 0]
        for dim, flip, v in zip(view.perm, view.flips, (s, r, c)):
            idx[dim] = shape[dim] - 1 - v if flip else v
        return world_point(header.direction, header.origin, header.spacing, idx[::-1])

    o = world(0, 0)
    mid, width = midline if midline else (None, None)
    return SliceGeometry(origin=tuple(o), col_step=tuple(world(0, 1) - o), row_step=tuple(world(1, 0) - o),
                         midline_mm=mid, body_width_mm=width)


def lateral_midline(arr: np.ndarray, header, threshold: float) -> Optional[tuple[Optional[float], float]]:
    """(midline world x or None, lateral body width in mm) of a volume (numpy dims k, j, i).

    The body's voxel count per lateral plane (values above `threshold`); planes with at least 5% of the
    busiest one are body. The midline is the mass centre of that profile when the body lies wholly in
    the volume (None when it reaches the first or last plane: a cut body's centre is not the patient's).
    None when the volume has no body or no lateral axis.
    """
    d = np.abs(np.asarray(header.direction, float).reshape(3, 3))
    index_axis = int(np.argmax(d[0]))  # the index axis most aligned with world x
    dim = 2 - index_axis
    n = arr.shape[dim]
    profile = np.zeros(n, np.int64)
    for z in range(arr.shape[0]):
        m = arr[z] > threshold
        if dim == 0:
            profile[z] = int(m.sum())
        else:
            profile += m.sum(axis=1 if dim == 1 else 0)
    if profile.max() == 0:
        return None
    body = np.nonzero(profile >= 0.05 * profile.max())[0]
    lo, hi = int(body[0]), int(body[-1])
    centre_ijk = [(s - 1) / 2 for s in arr.shape[::-1]]

    def x_at(index: float) -> float:
        ijk = list(centre_ijk)
        ijk[index_axis] = index
        return float(world_point(header.direction, header.origin, header.spacing, ijk)[0])

    width = abs(x_at(hi + 0.5) - x_at(lo - 0.5))
    if lo == 0 or hi == n - 1:
        lo_x, hi_x = sorted((x_at(lo), x_at(hi)))
        return (None, width) if lo_x <= 0.0 <= hi_x else None  # world x = 0 must cross the visible body
    w = profile[lo:hi + 1].astype(float)
    return x_at(float((np.arange(lo, hi + 1) * w).sum() / w.sum())), width


# -- the canonical in-plane view (DICOM) ------------------------------------------------------------

@dataclass(frozen=True)
class PlaneView:
    """In-plane transpose and flips that put a 2D slice of orientation `source` into the canonical view."""

    transpose: bool
    flip_rows: bool
    flip_cols: bool
    orientation: str

    def apply(self, a: np.ndarray) -> np.ndarray:
        if self.transpose:
            a = a.T
        if self.flip_rows:
            a = a[::-1]
        if self.flip_cols:
            a = a[:, ::-1]
        return np.ascontiguousarray(a)

    def spacing(self, spacing: Optional[tuple[float, float]]) -> Optional[tuple[float, float]]:
        """(between rows, between columns) after the transform."""
        return (spacing[1], spacing[0]) if spacing and self.transpose else spacing

    def geometry(self, g: SliceGeometry, shape: tuple[int, int]) -> SliceGeometry:
        """The world geometry of the transformed slice (`shape`: rows, columns before the transform)."""
        origin, col, row = np.asarray(g.origin), np.asarray(g.col_step), np.asarray(g.row_step)
        rows, cols = shape
        if self.transpose:
            col, row, rows, cols = row, col, cols, rows
        if self.flip_rows:
            origin, row = origin + (rows - 1) * row, -row
        if self.flip_cols:
            origin, col = origin + (cols - 1) * col, -col
        return SliceGeometry(tuple(origin), tuple(col), tuple(row), g.midline_mm, g.body_width_mm)


def canonical_view(orientation: Optional[str]) -> Optional[PlaneView]:
    """The in-plane transform of a slice with 2-letter `orientation` (patient directions of +column and
    +row) into the canonical view of its plane; None without a valid orientation."""
    if not orientation or len(orientation) != 2 or _PAIR[orientation[0]] == _PAIR[orientation[1]]:
        return None
    normal = ({"LR", "PA", "SI"} - {_PAIR[orientation[0]], _PAIR[orientation[1]]}).pop()
    target = CANONICAL[{"SI": "axial", "PA": "coronal", "LR": "sagittal"}[normal]]
    transpose = _PAIR[orientation[0]] != _PAIR[target[0]]
    cur = orientation[::-1] if transpose else orientation
    return PlaneView(transpose=transpose, flip_rows=cur[1] != target[1], flip_cols=cur[0] != target[0],
                     orientation=target)


def dicom_geometry(position, iop, spacing, positions: Optional[np.ndarray] = None) -> Optional[SliceGeometry]:
    """World geometry of a DICOM image from ImagePositionPatient, ImageOrientationPatient and
    PixelSpacing (between rows, between columns); None when any is missing. For a sagittal series,
    `positions` (every slice's ImagePositionPatient) give the lateral span of the acquisition, which
    stands in for the body width when world x = 0 (the isocentre) lies inside it."""
    if position is None or not iop or len(iop) != 6 or not spacing:
        return None
    row_dir, col_dir = np.asarray(iop[:3], float), np.asarray(iop[3:], float)  # +column, +row directions
    width = None
    if positions is not None and len(positions) > 1 and abs(np.cross(row_dir, col_dir)[0]) > 0.7:
        xs = np.asarray(positions, float)[:, 0]
        step = float(np.ptp(xs)) / (len(xs) - 1)
        if xs.min() - step / 2 <= 0.0 <= xs.max() + step / 2:
            width = float(np.ptp(xs)) + step
    return SliceGeometry(origin=tuple(float(v) for v in position), col_step=tuple(row_dir * float(spacing[1])),
                         row_step=tuple(col_dir * float(spacing[0])), body_width_mm=width)


@dataclass
class ViewedSlice:
    """A 2D slice in the canonical view with what facts need: masks, orientation, (row, column)
    spacing, world geometry and body outline, all in the same (transformed) pixel grid."""

    image: np.ndarray
    masks: dict[str, np.ndarray]
    orientation: Optional[str]
    spacing: Optional[tuple[float, float]]
    geometry: Optional[SliceGeometry]
    body: Optional[object]


def patient_view(image: np.ndarray, masks: dict[str, np.ndarray], orientation: Optional[str],
                 spacing: Optional[tuple[float, float]], geometry: Optional[SliceGeometry],
                 values: Optional[np.ndarray] = None, modality: str = "") -> ViewedSlice:
    """A slice as stored (DICOM rows and columns) put into the canonical view of its plane, with its
    body outlined on the raw `values` (CT and MR) after the same transform."""
    from medseg_qa.patient import BODY_MODALITIES, body_outline, body_threshold

    view = canonical_view(orientation)
    if view is not None:
        shape = image.shape[:2]
        image = view.apply(image)
        masks = {k: view.apply(np.asarray(m)) for k, m in masks.items()}
        values = view.apply(values) if values is not None else None
        orientation, spacing = view.orientation, view.spacing(spacing)
        geometry = view.geometry(geometry, shape) if geometry is not None else None
    body = None
    if values is not None and orientation and modality in BODY_MODALITIES:
        inside = np.logical_or.reduce([np.asarray(m) > 0 for m in masks.values()]) if masks else None
        body = body_outline(values, body_threshold(values, modality), inside)
    return ViewedSlice(image, masks, orientation, spacing, geometry, body)


__all__ = ["MAX_OBLIQUE_DEG", "CANONICAL", "obliquity_deg", "world_point", "Xform", "sform_override",
           "view_geometry", "lateral_midline", "PlaneView", "canonical_view", "dicom_geometry", "ViewedSlice", "patient_view"]
