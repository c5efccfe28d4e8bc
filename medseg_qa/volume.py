"""3D volume helpers for the volume sources: orientation, slicing views, slice choice, reading.

Orientation strings use the convention of SimpleITK's `DICOMOrient`: each letter names the patient
direction in which an index axis (i, j, k) *increases*; "LPS" is the identity direction in ITK's LPS
world. A `SliceView` is a numpy transpose + flips of the array as read (numpy dims k, j, i), so that
`view[s]` is a 2D slice in display convention without resampling or copying the volume:

- axial slices keep the target orientation's in-plane letters (LPS -> "LP", the radiological view:
  columns run to the patient's left, rows to posterior);
- coronal and sagittal slices put the head at the top (rows run inferior), the columns keep the target's
  letter (LPS -> coronal "LI", sagittal "PI", anterior on the image's left).

Oblique volumes take the nearest axis-aligned orientation (as `DICOMOrient` does); nothing is resampled.
Intensity windows (CT presets, percentiles, 8-bit mapping) live in `medseg_qa.windowing`, shared with
the DICOM source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional, Sequence

import numpy as np

Plane = Literal["axial", "coronal", "sagittal"]

_PAIR = {"L": "LR", "R": "LR", "P": "PA", "A": "PA", "S": "SI", "I": "SI"}
_POSITIVE = "LPS"  # ITK world: +x is patient left, +y posterior, +z superior
_OPPOSITE = {"L": "R", "R": "L", "A": "P", "P": "A", "S": "I", "I": "S"}
_NORMAL = {"axial": "SI", "coronal": "PA", "sagittal": "LR"}


def valid_orientation(code: str) -> bool:
    """True for a 3-letter code naming each patient axis once, e.g. LPS, RAS, PLI."""
    return len(code) == 3 and all(c in _PAIR for c in code) and len({_PAIR[c] for c in code}) == 3


def axis_letters(direction: Sequence[float]) -> str:
    """The 3-letter orientation of an image's index axes from its ITK direction (row-major 3x3).

    Each index axis takes the world axis it is most aligned with (greedily, largest cosine first), so
    oblique acquisitions get the nearest axis-aligned orientation.
    """
    d = np.asarray(direction, dtype=float).reshape(3, 3)  # d[world, index]
    order = np.dstack(np.unravel_index(np.argsort(-np.abs(d), axis=None), d.shape))[0]
    letters: list[Optional[str]] = [None, None, None]
    used: set[int] = set()
    for world, index in order:
        if letters[index] is None and world not in used:
            positive = _POSITIVE[world]
            letters[index] = positive if d[world, index] > 0 else _OPPOSITE[positive]
            used.add(int(world))
    return "".join(letters)  # type: ignore[arg-type]


@dataclass(frozen=True)
class SliceView:
    """How to turn an array as read (numpy dims k, j, i) into display slices: `view[s]` is slice s.

    `perm` names the source numpy dim of (normal, row, column), `flips` whether each is reversed;
    `orientation` is the 2-letter patient direction of +column/+row of every slice.
    """

    perm: tuple[int, int, int]
    flips: tuple[bool, bool, bool]
    orientation: str

    def apply(self, arr: np.ndarray) -> np.ndarray:
        v = np.transpose(arr, self.perm)
        index = tuple(slice(None, None, -1) if f else slice(None) for f in self.flips)
        return v[index]

    def source_index(self, s: int, size: int) -> int:
        """Index along the source array's normal dim of display slice s (size: slices in the volume)."""
        return size - 1 - s if self.flips[0] else s

    def spacing(self, spacing_ijk: Sequence[float]) -> tuple[float, float]:
        """(row, column) pixel spacing in mm of the slices, from the image's (i, j, k) spacing."""
        return float(spacing_ijk[2 - self.perm[1]]), float(spacing_ijk[2 - self.perm[2]])


def slice_view(direction: Sequence[float], target: str, plane: Plane) -> SliceView:
    """The view that reorients a volume with `direction` to `target` (e.g. "LPS") and cuts `plane`."""
    if not valid_orientation(target):
        raise ValueError(f"orientation '{target}' must name each patient axis once, e.g. LPS or RAS")
    source = axis_letters(direction)
    # numpy dim d of the source array is index axis 2-d; find the source dim and flip for each target axis
    src_dims, flips, letters = [], [], []
    for t in (2, 1, 0):  # target numpy dims 0,1,2 are target index axes k, j, i
        want = target[t]
        axis = next(a for a in range(3) if _PAIR[source[a]] == _PAIR[want])
        src_dims.append(2 - axis)
        flips.append(source[axis] != want)
        letters.append(want)
    normal = next(n for n in range(3) if letters[n] in _NORMAL[plane])
    row, col = [n for n in range(3) if n != normal]
    if plane != "axial" and letters[row] not in "SI":
        row, col = col, row
    dims = (normal, row, col)
    perm = tuple(src_dims[n] for n in dims)
    flip = [flips[n] for n in dims]
    row_letter, col_letter = letters[row], letters[col]
    if plane != "axial" and row_letter == "S":  # head at the top of coronal and sagittal slices
        flip[1] = not flip[1]
        row_letter = "I"
    return SliceView(perm=perm, flips=(flip[0], flip[1], flip[2]),  # type: ignore[arg-type]
                     orientation=col_letter + row_letter)


# -- slice choice --------------------------------------------------------------------------------------

def per_slice_counts(codes: np.ndarray, dim: int, n_codes: int) -> np.ndarray:
    """(slices along `dim`, n_codes) voxel counts of each code (code 0 is background).

    Iterates the contiguous first dim and counts only non-zero voxels (label maps are mostly
    background, so this is about ten times faster than a full histogram per slice).
    """
    n = codes.shape[dim]
    out = np.zeros((n, n_codes), np.int64)
    for z in range(codes.shape[0]):
        plane = codes[z]
        hit = plane != 0
        values = plane[hit].astype(np.int64)
        if dim == 0:
            out[z] += np.bincount(values, minlength=n_codes)
        else:
            where = np.nonzero(hit)[dim - 1]
            out += np.bincount(where * n_codes + values, minlength=n * n_codes).reshape(n, n_codes)
    out[:, 0] = codes.size // n - out[:, 1:].sum(axis=1)
    return out


def pick_slices(areas: np.ndarray, min_area: int, step: int = 1, cap: Optional[int] = None) -> list[int]:
    """Slices whose area reaches `min_area`, every `step`-th of those, then at most `cap` evenly spaced
    (the centres of `cap` equal runs, so a cap of one takes the middle slice, not an end where the
    structure is smallest)."""
    candidates = np.nonzero(areas >= max(min_area, 1))[0][::step]
    if cap is not None and len(candidates) > cap:
        candidates = candidates[((np.arange(cap) + 0.5) * len(candidates) / cap).astype(int)]
    return [int(c) for c in candidates]


# -- reading -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Header:
    """Grid of a volume file, read without its pixels."""

    size: tuple[int, ...]  # (i, j, k[, t])
    spacing: tuple[float, ...]
    origin: tuple[float, ...]
    direction: tuple[float, ...]  # row-major 3x3 of the spatial axes

    @property
    def voxels(self) -> int:
        return int(np.prod(self.size, dtype=np.int64))


def read_header(path, where: str) -> Header:
    """The grid of a volume file (header only); ItemError 'unreadable_volume' when it cannot be parsed.

    A NIfTI file whose qform and sform disagree gets the sform's grid, as nibabel and FSL read it (ITK
    would take the qform); the nifti source logs it (`medseg_qa.geometry.sform_override`)."""
    import SimpleITK as sitk

    from medseg_qa.errors import ItemError
    from medseg_qa.geometry import sform_override

    reader = sitk.ImageFileReader()
    reader.SetFileName(str(path))
    try:
        reader.ReadImageInformation()
    except RuntimeError as exc:
        raise ItemError("unreadable_volume", f"cannot read the header of {_name(path)} ({_reason(exc)}); "
                        "re-download or re-export the file, or remove the case", where) from exc
    dim = reader.GetDimension()
    direction = np.asarray(reader.GetDirection(), float).reshape(dim, dim)[:3, :3].ravel()
    head = Header(size=tuple(int(s) for s in reader.GetSize()), spacing=tuple(reader.GetSpacing()),
                  origin=tuple(reader.GetOrigin()), direction=tuple(float(d) for d in direction))
    fix = sform_override(path)
    if fix is None:
        return head
    return Header(size=head.size, spacing=fix.spacing + head.spacing[3:], origin=fix.origin + head.origin[3:],
                  direction=fix.direction)


def grid_mismatch(image: Header, label: Header, tol: float) -> Optional[str]:
    """What differs between an image grid and its label map's spatial grid, or None when they match."""
    if image.size[:3] != label.size[:3] or len(label.size) != 3:
        return f"size {_dims(image.size)} vs {_dims(label.size)}"
    sp_i, sp_l = np.asarray(image.spacing[:3]), np.asarray(label.spacing[:3])
    if not np.allclose(sp_i, sp_l, rtol=tol, atol=0):
        return f"spacing {_dims(sp_i)} vs {_dims(sp_l)} mm"
    if not np.allclose(image.origin[:3], label.origin[:3], rtol=0, atol=tol * float(sp_i.min())):
        return f"origin {_dims(image.origin[:3])} vs {_dims(label.origin[:3])} mm"
    if not np.allclose(image.direction, label.direction, rtol=0, atol=tol):
        return "direction cosines differ"
    return None


def read_array(path, where: str) -> tuple[np.ndarray, object]:
    """Voxels as a read-only numpy view (dims t?, k, j, i) and the SimpleITK image that owns them (keep
    it referenced while the view is used: no copy of the volume is made); ItemError 'unreadable_volume'
    for a corrupt or truncated file."""
    import SimpleITK as sitk

    from medseg_qa.errors import ItemError

    if str(path).lower().endswith(".nii.gz") and not gzip_complete(path):
        raise ItemError("unreadable_volume", f"{_name(path)} is truncated or its gzip stream is corrupt; "
                        "re-download or re-export the file, or remove the case", where)
    try:
        image = sitk.ReadImage(str(path))
    except RuntimeError as exc:
        raise ItemError("unreadable_volume", f"cannot read the voxels of {_name(path)} ({_reason(exc)}); "
                        "the file is corrupt or truncated: re-download it or remove the case", where) from exc
    if image.GetNumberOfComponentsPerPixel() > 1:
        raise ItemError("unreadable_volume", f"{_name(path)} holds vector pixels; store one channel per "
                        "4D volume or per file", where)
    if image.GetPixelID() in (sitk.sitkFloat32, sitk.sitkFloat64) and _nifti_non_finite(path):
        raise ItemError("non_finite_volume", f"{_name(path)} holds NaN or infinite voxels; re-export it with "
                        "finite values (or fill them) or remove the case", where)
    return sitk.GetArrayViewFromImage(image), image


def _nifti_non_finite(path) -> bool:
    """Whether a float NIfTI file stores NaN or infinite voxels. ITK's NIfTI reader silently turns them
    into 0, which would make a corrupt volume look valid, so the raw values are read with nibabel (an
    extra read, for float NIfTI files only)."""
    name = str(path).lower()
    if not name.endswith((".nii", ".nii.gz")):
        return False
    import nibabel

    return not np.isfinite(np.asarray(nibabel.load(str(path)).dataobj)).all()


def gzip_complete(path) -> bool:
    """Whether a .nii.gz holds all the bytes its NIfTI header announces.

    ITK reads a truncated .nii.gz without an error and zero-fills the rest, so this checks first: the
    gzip trailer's size (mod 2**32) against the header's offset + voxel bytes, and only when that does
    not match (several gzip members, as bgzip writes) decompresses the stream to count its bytes.
    """
    import gzip
    import struct
    import zlib

    try:
        with gzip.open(path, "rb") as f:
            hdr = f.read(544)
        with open(path, "rb") as f:
            f.seek(-4, 2)
            isize = struct.unpack("<I", f.read(4))[0]
    except (OSError, EOFError, zlib.error):
        return False
    expected = _nifti_bytes(hdr)
    if expected is None:
        return True  # not a NIfTI header we know: let ITK judge
    if isize == expected % 2**32:
        return True
    total, d = 0, zlib.decompressobj(31)
    try:
        with open(path, "rb") as f:
            data = f.read(1 << 20)
            while data:
                total += len(d.decompress(data, 1 << 26))
                if d.unconsumed_tail:
                    data = d.unconsumed_tail
                elif d.eof:
                    data = d.unused_data or f.read(1 << 20)
                    if data:
                        d = zlib.decompressobj(31)
                else:
                    data = f.read(1 << 20)
    except zlib.error:
        return total >= expected  # trailing junk after complete data is harmless
    return d.eof and total >= expected


def _nifti_bytes(hdr: bytes) -> Optional[int]:
    """Offset + voxel bytes announced by a NIfTI-1 or NIfTI-2 header, or None for another header."""
    import struct

    for endian in "<>":
        if len(hdr) >= 348 and struct.unpack(endian + "i", hdr[:4])[0] == 348:
            dims = struct.unpack(endian + "8h", hdr[40:56])
            bitpix = struct.unpack(endian + "h", hdr[72:74])[0]
            offset, minimum = int(struct.unpack(endian + "f", hdr[108:112])[0]), 352
            break
        if len(hdr) >= 540 and struct.unpack(endian + "i", hdr[:4])[0] == 540:
            dims = struct.unpack(endian + "8q", hdr[16:80])
            bitpix = struct.unpack(endian + "h", hdr[14:16])[0]
            offset, minimum = struct.unpack(endian + "q", hdr[168:176])[0], 544
            break
    else:
        return None
    if not 1 <= dims[0] <= 7 or bitpix <= 0:
        return None
    voxels = int(np.prod([max(int(d), 1) for d in dims[1:1 + dims[0]]], dtype=np.int64))
    return max(offset, minimum) + voxels * bitpix // 8


def label_codes(arr: np.ndarray, known: set[int], where: str) -> tuple[np.ndarray, list[int]]:
    """A label map as small non-negative integer codes for counting, and the value of each code.

    Values up to 4095 are their own codes; larger maps go through a lookup table where every value not
    in `known` shares the code of value -1. ItemError 'unknown_label_value' for negative, too large or
    non-integer values; `check_known` finds the other unknown ones from the code counts.
    """
    from medseg_qa.errors import ItemError

    if arr.dtype.kind == "f":
        rounded = np.rint(arr)
        if not np.array_equal(rounded, arr):
            raise ItemError("unknown_label_value", "label map holds non-integer values; save it with an "
                            "integer type and one integer per structure", where)
        arr = rounded.astype(np.int64)
    if arr.dtype.kind not in "iub":
        raise ItemError("unknown_label_value", f"label map has pixel type {arr.dtype}; save it as integers", where)
    lo, hi = int(arr.min()), int(arr.max())
    allowed = set(known) | {0}
    if lo < 0 or hi > max(allowed):
        _raise_unknown(arr, allowed, where)
    if hi < 4096:
        return arr, list(range(hi + 1))
    values = sorted(v for v in allowed if v <= hi)
    lut = np.full(hi + 1, len(values), np.uint16)
    lut[values] = np.arange(len(values), dtype=np.uint16)
    return lut[arr], values + [-1]


def check_known(arr: np.ndarray, totals: np.ndarray, values: list[int], known: set[int], where: str) -> None:
    """ItemError 'unknown_label_value' when a code with voxels (`totals`) stands for an unnamed value."""
    allowed = set(known) | {0}
    if any(values[c] not in allowed for c in np.nonzero(totals)[0]):
        _raise_unknown(arr, allowed, where)


def _raise_unknown(arr: np.ndarray, allowed: set[int], where: str):
    from medseg_qa.errors import ItemError

    extra = sorted(set(np.unique(arr).tolist()) - allowed)
    raise ItemError("unknown_label_value", f"label values {extra[:8]}{' ...' if len(extra) > 8 else ''} are "
                    "not in the label map; name them in 'labels' (or dataset.json) or fix the label file", where)


def _dims(values) -> str:
    return "x".join(f"{v:g}" if isinstance(v, float) else str(v) for v in values)


def _name(path) -> str:
    return str(getattr(path, "name", path))


def _reason(exc: Exception) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    text = lines[-1] if lines else type(exc).__name__
    return text[:160]
