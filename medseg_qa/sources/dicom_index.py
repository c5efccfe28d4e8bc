"""What a header scan of a DICOM folder finds: image series in slice order, SEG headers, and which
series each SEG refers to.

The index is built from de-identified headers only (no pixels), so the `dicom` source can count its
work and match SEG frames to slices before decoding anything. Image instances are grouped by
SeriesInstanceUID and ordered along the slice normal (instance number when no slice has geometry); a
slice without a position in a series whose other slices have one cannot be placed, so it is dropped
and reported. A SEG refers to the series named by its ReferencedSeriesSequence and by its per-frame
source image references, else (when it names neither) to the series sharing its FrameOfReferenceUID.
Problems found while indexing are collected in `errors` as ItemErrors, never raised.

`PatientLinks` groups the files that belong to one patient (same pseudonymous patient id, study,
series or frame of reference, or a SEG and the series it references) and unions their identifying
values, so a SEG that carries no patient attributes is still screened against the name its image
series carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np

from medseg_qa.deid_screen import Identifiers
from medseg_qa.errors import ItemError

SEG_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4"
DICOMDIR_STORAGE = "1.2.840.10008.1.3.10"
_MODALITY = {"CT": "CT", "MR": "MR", "US": "US", "CR": "XR", "DX": "XR", "MG": "XR", "XA": "XR", "RF": "XR"}
_NON_IMAGE = {"SEG", "SR", "RTSTRUCT", "RTPLAN", "RTDOSE", "RTRECORD", "PR", "KO", "REG", "DOC", "FID"}
# Modalities that commonly carry burned-in annotation (issue 7's list, and issue 13: CR, DX, MG too).
BURNED_IN_RISK = frozenset({"US", "IVUS", "SC", "XA", "RF", "ES", "OT", "XC", "GM", "SM", "DOC", "CR", "DX",
                            "MG", "IO", "PX"})
_AXIS_LETTERS = (("R", "L"), ("A", "P"), ("I", "S"))  # DICOM LPS: +x is patient left, +y posterior, +z superior


@dataclass
class ImageSlice:
    path: Path
    ref: str
    sop: str
    position: Optional[np.ndarray]
    instance: int
    frames: int


@dataclass
class Series:
    uid: str
    study: str
    for_uid: str
    patient: str
    modality: str
    body_part: str  # raw BodyPartExamined (CS), lower case: screened before it becomes data
    rows: int
    cols: int
    orientation: Optional[list[float]]
    spacing: Optional[tuple[float, float]]
    slices: list[ImageSlice] = field(default_factory=list)
    positions: Optional[np.ndarray] = None
    dicom_modality: str = ""  # the Modality code as written (CS), for the burned-in text rules
    sop_class: str = ""


@dataclass
class SegHeader:
    path: Path
    ref: str
    sop: str
    for_uid: str
    series_refs: set[str]
    frame_sops: set[str]
    n_frames: int


@dataclass
class FolderIndex:
    series: dict[str, Series] = field(default_factory=dict)
    by_sop: dict[str, tuple[str, int]] = field(default_factory=dict)
    sops: set[str] = field(default_factory=set)
    segs: list[SegHeader] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)

    def add(self, ds, path: Path, ref: str) -> None:
        """File one de-identified header: a SEG, an image instance, or (skipped) anything else."""
        media = getattr(getattr(ds, "file_meta", None), "MediaStorageSOPClassUID", "")
        modality = str(ds.get("Modality", "")).upper()
        sop_class = ds.get("SOPClassUID", "")
        if str(sop_class) == SEG_STORAGE or modality == "SEG":
            self.segs.append(seg_header(ds, path, ref))
        elif media == DICOMDIR_STORAGE or modality in _NON_IMAGE:
            return
        elif "Rows" in ds and "Columns" in ds:
            self._add_image(ds, path, ref, modality)
        elif "Image Storage" in getattr(sop_class, "name", ""):
            self.errors.append(ItemError("unreadable_dicom", "image header is incomplete (file truncated?); "
                                         "re-export or remove it", ref))

    def _add_image(self, ds, path: Path, ref: str, modality: str) -> None:
        uid = str(ds.get("SeriesInstanceUID", "")) or "no-series:" + ref
        s = self.series.get(uid)
        if s is None:
            iop = ds.get("ImageOrientationPatient")
            ps = ds.get("PixelSpacing")
            s = self.series[uid] = Series(
                uid=uid, study=str(ds.get("StudyInstanceUID", "")), for_uid=str(ds.get("FrameOfReferenceUID", "")),
                patient=str(ds.PatientID), modality=_MODALITY.get(modality, "other"),
                body_part=str(ds.get("BodyPartExamined", "") or "").lower(), rows=int(ds.Rows),
                cols=int(ds.Columns), orientation=[float(v) for v in iop] if iop else None,
                spacing=(float(ps[0]), float(ps[1])) if ps else None, dicom_modality=modality,
                sop_class=str(ds.get("SOPClassUID", "")))
        sop = str(ds.get("SOPInstanceUID", ""))
        if sop in self.sops:
            self.errors.append(ItemError("duplicate_instance", "another file holds the same SOP instance; "
                                         "remove the copy", ref))
            return
        self.sops.add(sop)
        ipp = ds.get("ImagePositionPatient")
        s.slices.append(ImageSlice(path=path, ref=ref, sop=sop,
                                   position=np.array([float(v) for v in ipp]) if ipp else None,
                                   instance=int(ds.get("InstanceNumber", 0) or 0),
                                   frames=int(ds.get("NumberOfFrames", 1) or 1)))

    def finish(self) -> None:
        """Order every series' slices and index them by SOP instance UID (after the last `add`)."""
        for s in self.series.values():
            self.errors += order_slices(s)
            for i, sl in enumerate(s.slices):
                self.by_sop[sl.sop] = (s.uid, i)

    def targets(self, seg: SegHeader) -> list[str]:
        """Series of the folder a SEG refers to: by series reference, frame source images, else frame of reference."""
        found = {u for u in seg.series_refs if u in self.series}
        found |= {self.by_sop[s][0] for s in seg.frame_sops if s in self.by_sop}
        if not found and not seg.series_refs and not seg.frame_sops and seg.for_uid:
            found = {u for u, s in self.series.items() if s.for_uid == seg.for_uid}
        return sorted(found)


class PatientLinks:
    """Union of files by the keys they share; each group's identifying values (memory only)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._ids: dict[str, Identifiers] = {}
        self._merged: dict[str, Identifiers] = {}

    def _find(self, key: str) -> str:
        root = key
        while self._parent.setdefault(root, root) != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[rb] = ra

    def add(self, ref: str, ids: Identifiers, ds) -> None:
        """File `ref` (its raw identifying values, and its de-identified header for the link keys)."""
        self._merged.clear()
        node = "file:" + ref
        self._ids[node] = ids
        self._find(node)
        keys = [f"patient:{ds.get('PatientID', '')}", f"study:{ds.get('StudyInstanceUID', '')}",
                f"series:{ds.get('SeriesInstanceUID', '')}", f"for:{ds.get('FrameOfReferenceUID', '')}",
                f"sop:{ds.get('SOPInstanceUID', '')}"]
        keys += [f"series:{r.SeriesInstanceUID}" for r in ds.get("ReferencedSeriesSequence") or []
                 if "SeriesInstanceUID" in r]
        keys += [f"sop:{s}" for pf in ds.get("PerFrameFunctionalGroupsSequence") or [] for s in frame_sops(pf)]
        for key in keys:
            if not key.endswith(":"):
                self._union(node, key)

    def identifiers(self, ref: str) -> Identifiers:
        """Every identifying value of the files linked to `ref` (empty for an unknown file)."""
        node = "file:" + ref
        if node not in self._parent:
            return Identifiers()
        if not self._merged:  # one pass over all files after the last `add`
            for other, ids in self._ids.items():
                self._merged.setdefault(self._find(other), Identifiers()).update(ids)
        return self._merged[self._find(node)]


def burned_in_risk(ds, modality: str) -> Optional[str]:
    """What makes an image likely to carry burned-in text (a fixed word, never header text), or None:
    its Modality code in BURNED_IN_RISK, or a secondary capture of any kind (SOP class or ConversionType)."""
    if modality in BURNED_IN_RISK:
        return modality
    if "Secondary Capture" in getattr(ds.get("SOPClassUID", ""), "name", "") or "ConversionType" in ds:
        return "a secondary capture"
    return None


def order_slices(s: Series) -> list[ItemError]:
    """Order slices along the slice normal (instance number when no slice has geometry).

    A slice without a position in a series whose other slices have one cannot be placed: it is
    dropped and reported.
    """
    errors = []
    if s.orientation and any(sl.position is not None for sl in s.slices):
        errors = [ItemError("missing_geometry", "image lacks ImagePositionPatient while its series has "
                            "it; re-export the series", sl.ref) for sl in s.slices if sl.position is None]
        s.slices = [sl for sl in s.slices if sl.position is not None]
        normal = np.cross(s.orientation[:3], s.orientation[3:])
        s.slices.sort(key=lambda sl: (float(np.dot(sl.position, normal)), sl.instance, sl.sop))
        s.positions = np.stack([sl.position for sl in s.slices])
    else:
        s.slices.sort(key=lambda sl: (sl.instance, sl.sop))
        s.positions = None
    return errors


def patient_orientation(iop: Optional[list[float]]) -> Optional[str]:
    """Patient directions of increasing column and row from ImageOrientationPatient, e.g. "LP".

    The first three cosines are the direction of the row (increasing column), the last three of the
    column (increasing row); each maps to its dominant LPS axis. None when a direction is oblique by
    more than about 40 degrees, where a side would be a guess.
    """
    if not iop or len(iop) != 6:
        return None
    out = ""
    for vec in (iop[:3], iop[3:]):
        axis = int(np.argmax(np.abs(vec)))
        if abs(vec[axis]) < 0.75:
            return None
        out += _AXIS_LETTERS[axis][1 if vec[axis] > 0 else 0]
    return out if out[0] != out[1] else None


def seg_header(ds, path: Path, ref: str) -> SegHeader:
    refs = {str(r.SeriesInstanceUID) for r in ds.get("ReferencedSeriesSequence") or [] if "SeriesInstanceUID" in r}
    sops = {s for pf in ds.get("PerFrameFunctionalGroupsSequence") or [] for s in frame_sops(pf)}
    return SegHeader(path=path, ref=ref, sop=str(ds.get("SOPInstanceUID", "")),
                     for_uid=str(ds.get("FrameOfReferenceUID", "")), series_refs=refs, frame_sops=sops,
                     n_frames=int(ds.get("NumberOfFrames", 1) or 1))


def frame_sops(pf) -> list[str]:
    """SOP instance UIDs of the source images a SEG frame's per-frame group names (none without one)."""
    if pf is None:
        return []
    return [str(src.ReferencedSOPInstanceUID) for der in pf.get("DerivationImageSequence") or []
            for src in der.get("SourceImageSequence") or [] if "ReferencedSOPInstanceUID" in src]


__all__ = ["SEG_STORAGE", "DICOMDIR_STORAGE", "BURNED_IN_RISK", "burned_in_risk", "ImageSlice", "Series", "SegHeader", "FolderIndex", "PatientLinks",
           "order_slices",
           "patient_orientation", "seg_header", "frame_sops"]
