"""The `dicom` source: CT/MR series with DICOM SEG masks, de-identified as they are read.

Files under `root` are found by content (the `DICM` magic), not by extension. Every dataset goes
through `medseg_qa.deid.deidentify` right after it is read, so matching runs on remapped UIDs (the
remapping is consistent, so references still resolve) and nothing identifying reaches an item: the
patient id is a salted pseudonym, the case id is derived from it and the remapped study UID, and item
keys and error locations name pseudonymous references, never paths (set `reveal_paths` for a private
debugging run; `source.locate(ref)` maps a reference back to its file in memory).

Matching: image instances are grouped by SeriesInstanceUID and ordered along the slice normal; a SEG
(BINARY or FRACTIONAL, thresholded at 0.5) is matched to its series by ReferencedSeriesSequence and the
per-frame source image references (else by FrameOfReferenceUID); each frame goes to its slice by
ReferencedSOPInstanceUID, else by ImagePositionPatient within `position_tolerance_mm`. One item per
slice that has a segment; several SEGs of one series are merged, the same label by union. Frames
whose mask is empty are skipped; a non-empty frame that maps to no slice is quarantined. Images that
declare BurnedInAnnotation are refused (pixels are never de-identified). `spacing` is in DICOM
PixelSpacing order: (between rows, between columns) in mm.

Audit: one `AuditEntry` per DICOM file, collected during each `items()` pass in `source.audit_log`
(reset at the start of the pass) and also passed to `source.on_audit` if set (only by `items()`, so
`estimate()` never reports a file twice); `audit()` returns the log, scanning the headers first if no
pass has run. Entries name a pseudonymous file reference and attribute keywords, never values.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Literal, Optional

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, SecretStr

from medseg_qa.deid import DEFAULT_SALT, AuditEntry, deidentify, keyed_hash, quiet_pydicom
from medseg_qa.errors import ConfigError, ItemError
from medseg_qa.imageio import DEFAULT_MAX_PIXELS

from .base import SourceInfo, SourceItem, Yielded

log = logging.getLogger(__name__)

SALT_ENV = "MEDSEGQA_DEID_SALT"
SEG_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4"
DICOMDIR_STORAGE = "1.2.840.10008.1.3.10"
WINDOWS = {"abdomen": (40.0, 400.0), "lung": (-600.0, 1500.0), "bone": (400.0, 1800.0), "brain": (40.0, 80.0)}
_MODALITY = {"CT": "CT", "MR": "MR", "US": "US", "CR": "XR", "DX": "XR", "MG": "XR", "XA": "XR", "RF": "XR"}
_NON_IMAGE = {"SEG", "SR", "RTSTRUCT", "RTPLAN", "RTDOSE", "RTRECORD", "PR", "KO", "REG", "DOC", "FID"}
_AXIS_LETTERS = (("R", "L"), ("A", "P"), ("I", "S"))  # DICOM LPS: +x is patient left, +y posterior, +z superior


class Options(BaseModel):
    """Options of the `dicom` source.

    `deid_salt` keys every pseudonym, date shift and UID remapping: default from the environment
    variable MEDSEGQA_DEID_SALT, else a fixed project default that anyone can recompute. Real releases
    must set their own secret salt and keep it out of the recipe file and the repository.
    """

    model_config = ConfigDict(extra="forbid")

    root: Path
    window: Literal["auto", "abdomen", "lung", "bone", "brain"] = Field(
        default="auto", description="CT window preset; auto uses the file's WindowCenter/Width, else "
        "percentiles. MR and other modalities always use the 0.5-99.5 percentiles")
    labels: dict[str, Optional[str]] = Field(
        default_factory=dict, description="SEG segment label (or its coded meaning) -> canonical name; "
        "null drops the segment. Default: the SegmentLabel lower-cased")
    body_region: Optional[str] = Field(default=None, description="default: BodyPartExamined, lower-cased")
    dataset: str = "dicom"
    licence: str = "unknown"
    citation: str = ""
    source_url: str = ""
    deid_salt: Optional[SecretStr] = None
    date_shift_days_max: int = Field(default=365, ge=1)
    max_pixels: int = DEFAULT_MAX_PIXELS
    position_tolerance_mm: float = Field(default=0.1, gt=0)
    fractional_threshold: float = Field(default=0.5, gt=0, le=1)
    reveal_paths: bool = Field(default=False, description="name relative paths in errors (they may "
                               "carry patient names: private debugging only)")


@dataclass
class _Slice:
    path: Path
    ref: str
    sop: str
    position: Optional[np.ndarray]
    instance: int
    frames: int


@dataclass
class _Series:
    uid: str
    study: str
    for_uid: str
    patient: str
    modality: str
    body_part: str
    rows: int
    cols: int
    orientation: Optional[list[float]]
    spacing: Optional[tuple[float, float]]
    slices: list[_Slice] = field(default_factory=list)
    positions: Optional[np.ndarray] = None


@dataclass
class _Seg:
    path: Path
    ref: str
    sop: str
    for_uid: str
    series_refs: set[str]
    frame_sops: set[str]
    n_frames: int


@dataclass
class _Index:
    series: dict[str, _Series] = field(default_factory=dict)
    by_sop: dict[str, tuple[str, int]] = field(default_factory=dict)
    sops: set[str] = field(default_factory=set)
    segs: list[_Seg] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)


class DicomSource:
    def __init__(self, options: Options) -> None:
        if not options.root.is_dir():
            raise ConfigError(f"dicom source root {options.root} is not a folder; fix 'root' in the recipe")
        self.o = options
        self.info = SourceInfo(dataset=options.dataset, licence=options.licence,
                               citation=options.citation, source_url=options.source_url)
        if options.deid_salt is not None:
            self._salt = options.deid_salt.get_secret_value()
        elif os.environ.get(SALT_ENV):
            self._salt = os.environ[SALT_ENV]
        else:
            log.warning("dicom source uses the project's default de-identification salt; set %s for a "
                        "real release", SALT_ENV)
            self._salt = DEFAULT_SALT
        self.audit_log: list[AuditEntry] = []
        self.on_audit: Optional[Callable[[AuditEntry], None]] = None
        self._paths: dict[str, Path] = {}
        self._index: Optional[_Index] = None

    # -- files, references, reading ------------------------------------------------------------
    def _ref(self, path: Path) -> str:
        rel = path.relative_to(self.o.root).as_posix()
        ref = rel if self.o.reveal_paths else "f-" + keyed_hash(self._salt, "path", rel)[:12]
        self._paths[ref] = path
        return ref

    def locate(self, ref: str) -> Optional[Path]:
        """The file behind a pseudonymous reference from an error or audit entry (this process only)."""
        return self._paths.get(ref.split("#", 1)[0])

    def _files(self) -> list[Path]:
        out = []
        for p in sorted(self.o.root.rglob("*")):
            if p.is_file():
                try:
                    with open(p, "rb") as fh:
                        head = fh.read(132)
                except OSError:
                    head = b"\0" * 128 + b"DICM"  # let _read report it as unreadable
                if head[128:132] == b"DICM":
                    out.append(p)
        return out

    def _read(self, path: Path, ref: str, *, header_only: bool, audit: bool = False, notify: bool = False):
        """Read and de-identify one file; ItemError('unreadable_dicom') if pydicom cannot parse it."""
        import pydicom

        try:
            with quiet_pydicom():
                ds = pydicom.dcmread(path, stop_before_pixels=header_only)
                ok = "SOPClassUID" in ds and "SOPInstanceUID" in ds
                if ok:
                    ds, entry = deidentify(ds, self._salt, date_shift_days_max=self.o.date_shift_days_max,
                                           file_ref=ref)
        except Exception as exc:  # noqa: BLE001 - pydicom raises many types on malformed files
            # `from None`: a parser message may quote a raw value, so it is not chained into logs
            raise ItemError("unreadable_dicom", f"cannot parse DICOM file ({type(exc).__name__}); "
                            "re-export or remove it", ref) from None
        if not ok:  # pydicom reads a truncated or garbled file as a (nearly) empty dataset
            raise ItemError("unreadable_dicom", "file has no SOP class or instance UID (truncated or not an "
                            "instance); re-export or remove it", ref)
        ds.filename = None  # the path may carry a name; nothing downstream needs it
        if audit:
            self.audit_log.append(entry)
            if notify and self.on_audit is not None:
                self.on_audit(entry)
        return ds

    # -- scan ------------------------------------------------------------------------------------
    def _scan(self, notify: bool = False) -> _Index:
        self.audit_log = []
        idx = _Index()
        for path in self._files():
            ref = self._ref(path)
            try:
                ds = self._read(path, ref, header_only=True, audit=True, notify=notify)
            except ItemError as exc:
                idx.errors.append(exc)
                continue
            media = getattr(getattr(ds, "file_meta", None), "MediaStorageSOPClassUID", "")
            modality = str(ds.get("Modality", "")).upper()
            sop_class = ds.get("SOPClassUID", "")
            if str(sop_class) == SEG_STORAGE or modality == "SEG":
                idx.segs.append(_seg_header(ds, path, ref))
            elif media == DICOMDIR_STORAGE or modality in _NON_IMAGE:
                continue
            elif "Rows" in ds and "Columns" in ds:
                self._add_image(idx, ds, path, ref, modality)
            elif "Image Storage" in getattr(sop_class, "name", ""):
                idx.errors.append(ItemError("unreadable_dicom", "image header is incomplete (file truncated?); "
                                            "re-export or remove it", ref))
        for s in idx.series.values():
            idx.errors += _order(s)
            for i, sl in enumerate(s.slices):
                idx.by_sop[sl.sop] = (s.uid, i)
        self._index = idx
        return idx

    def _add_image(self, idx: _Index, ds, path: Path, ref: str, modality: str) -> None:
        uid = str(ds.get("SeriesInstanceUID", "")) or "no-series:" + ref
        s = idx.series.get(uid)
        if s is None:
            iop = ds.get("ImageOrientationPatient")
            ps = ds.get("PixelSpacing")
            s = idx.series[uid] = _Series(
                uid=uid, study=str(ds.get("StudyInstanceUID", "")), for_uid=str(ds.get("FrameOfReferenceUID", "")),
                patient=str(ds.PatientID), modality=_MODALITY.get(modality, "other"),
                body_part=str(ds.get("BodyPartExamined", "") or "").lower(), rows=int(ds.Rows),
                cols=int(ds.Columns), orientation=[float(v) for v in iop] if iop else None,
                spacing=(float(ps[0]), float(ps[1])) if ps else None)
        sop = str(ds.get("SOPInstanceUID", ""))
        if sop in idx.sops:
            idx.errors.append(ItemError("duplicate_instance", "another file holds the same SOP instance; "
                                        "remove the copy", ref))
            return
        idx.sops.add(sop)
        ipp = ds.get("ImagePositionPatient")
        s.slices.append(_Slice(path=path, ref=ref, sop=sop,
                               position=np.array([float(v) for v in ipp]) if ipp else None,
                               instance=int(ds.get("InstanceNumber", 0) or 0),
                               frames=int(ds.get("NumberOfFrames", 1) or 1)))

    def estimate(self) -> Optional[int]:
        idx = self._index or self._scan()
        return len(idx.errors) + len({s for seg in idx.segs for s in seg.frame_sops}) or None

    def audit(self) -> list[AuditEntry]:
        if self._index is None:
            self._scan()
        return list(self.audit_log)

    # -- items -----------------------------------------------------------------------------------
    def items(self) -> Iterator[Yielded]:
        idx = self._scan(notify=True)
        yield from idx.errors
        targets: dict[str, list[str]] = {}
        for seg in idx.segs:
            found = _seg_targets(seg, idx)
            if not found:
                yield ItemError("seg_series_missing", "the SEG's referenced image series is not under root; "
                                "add that series' files or remove the SEG", seg.ref)
                continue
            targets[seg.ref] = found
        for uid in sorted({u for found in targets.values() for u in found}):
            series = idx.series[uid]
            acc: dict[int, dict[str, np.ndarray]] = {}
            synonyms: dict[str, set[str]] = {}
            for seg in idx.segs:
                if uid in targets.get(seg.ref, []):
                    try:
                        yield from self._decode(seg, uid, targets[seg.ref], idx, acc, synonyms)
                    except ItemError as exc:
                        yield exc
            for i in sorted(acc):
                try:
                    yield self._item(series, i, acc[i], synonyms)
                except ItemError as exc:
                    yield exc

    def _decode(self, seg: _Seg, uid: str, found: list[str], idx: _Index, acc, synonyms) -> Iterator[ItemError]:
        """Add the SEG's frames that land in series `uid` to `acc`; yield frame errors (once per SEG)."""
        series = idx.series[uid]
        ds = self._read(seg.path, seg.ref, header_only=False)  # pixels are decoded only below
        rows, cols = int(ds.Rows), int(ds.Columns)
        if rows * cols > self.o.max_pixels:
            raise ItemError("too_large", f"SEG frames have {rows * cols} pixels, over the limit "
                            f"{self.o.max_pixels}; raise max_pixels if genuine", seg.ref)
        if (rows, cols) != (series.rows, series.cols):
            raise ItemError("seg_size_mismatch", f"SEG frames are {cols}x{rows} but the series is "
                            f"{series.cols}x{series.rows}; re-export the SEG on the image grid", seg.ref)
        try:
            fg = _foreground(ds, self.o.fractional_threshold).reshape(-1, rows, cols)
        except Exception as exc:  # noqa: BLE001 - decoder errors vary with the transfer syntax
            raise ItemError("unreadable_dicom", f"cannot decode SEG pixels ({type(exc).__name__}); "
                            "re-export the SEG", seg.ref) from exc
        segments = {int(s.SegmentNumber): s for s in ds.get("SegmentSequence", [])}
        per_frame = ds.get("PerFrameFunctionalGroupsSequence") or []
        shared = (ds.get("SharedFunctionalGroupsSequence") or [None])[0]
        report = uid == found[0]
        for f in range(fg.shape[0]):
            if not fg[f].any():
                continue
            pf = per_frame[f] if f < len(per_frame) else None
            where = f"{seg.ref}#frame{f + 1}"
            ident = _group(pf, shared, "SegmentIdentificationSequence")
            number = int(ident.ReferencedSegmentNumber) if ident is not None else 1
            if number not in segments:
                if report:
                    yield ItemError("seg_segment_missing", f"frame refers to segment {number}, which the "
                                    "SEG does not describe; fix the SEG", where)
                continue
            label, syns = self._label(segments[number], number)
            if label is None:
                continue
            hit = self._match(pf, shared, found, idx)
            if hit is None:
                if report:
                    yield ItemError("seg_frame_unmatched", "SEG frame matches no slice by SOP instance UID or "
                                    "position; add the missing slice or fix the SEG", where)
                continue
            if hit[0] != uid:
                continue
            masks = acc.setdefault(hit[1], {})
            masks[label] = masks[label] | fg[f] if label in masks else fg[f].copy()
            synonyms.setdefault(label, set()).update(syns)

    def _label(self, segment, number: int) -> tuple[Optional[str], set[str]]:
        raw = str(segment.get("SegmentLabel", "") or "").strip()
        meanings = [str(c.CodeMeaning).strip().lower() for kw in ("SegmentedPropertyTypeCodeSequence",
                    "AnatomicRegionSequence") for c in (segment.get(kw) or []) if c.get("CodeMeaning")]
        label = raw.lower() or (meanings[0] if meanings else f"segment {number}")
        for key in (raw, raw.lower(), *meanings):
            if key in self.o.labels:
                mapped = self.o.labels[key]
                if mapped is None:
                    return None, set()
                label = mapped.strip().lower()
                break
        return label, {s for s in (*meanings, raw.lower()) if s and s != label}

    def _match(self, pf, shared, found: list[str], idx: _Index) -> Optional[tuple[str, int]]:
        for sop in _frame_sops(pf):
            if sop in idx.by_sop and idx.by_sop[sop][0] in found:
                return idx.by_sop[sop]
        pos = _group(pf, shared, "PlanePositionSequence")
        if pos is None or "ImagePositionPatient" not in pos:
            return None
        p = np.array([float(v) for v in pos.ImagePositionPatient])
        for uid in found:
            positions = idx.series[uid].positions
            if positions is not None and len(positions):
                d = np.linalg.norm(positions - p, axis=1)
                j = int(np.nanargmin(d)) if not np.isnan(d).all() else -1
                if j >= 0 and d[j] <= self.o.position_tolerance_mm:
                    return uid, j
        return None

    def _item(self, series: _Series, i: int, masks: dict[str, np.ndarray], synonyms) -> SourceItem:
        sl = series.slices[i]
        case = f"{series.patient}-st{keyed_hash(self._salt, 'case', series.study)[:8]}"
        key = f"{case}/se{keyed_hash(self._salt, 'series', series.uid)[:8]}/{i:04d}"
        if series.rows * series.cols > self.o.max_pixels:
            raise ItemError("too_large", f"image has {series.rows * series.cols} pixels, over the limit "
                            f"{self.o.max_pixels}; raise max_pixels if genuine", key)
        if sl.frames > 1:
            raise ItemError("unsupported_image", "multi-frame images are not supported; export the series "
                            "as single-frame instances", key)
        ds = self._read(sl.path, sl.ref, header_only=False)
        if "PixelData" not in ds:
            raise ItemError("no_pixel_data", f"image instance (file {sl.ref}) has no PixelData; re-export "
                            "the series", key)
        if str(ds.get("BurnedInAnnotation", "")).upper() == "YES":
            raise ItemError("burned_in_annotation", f"image (file {sl.ref}) declares burned-in annotation, "
                            "which may show identifiers; remove it from the set", key)
        try:
            image = _to_uint8(ds, series.modality, self.o.window)
        except Exception as exc:  # noqa: BLE001 - decoder errors vary with the transfer syntax
            raise ItemError("unreadable_dicom", f"cannot decode image pixels of file {sl.ref} "
                            f"({type(exc).__name__}); re-export the series", key) from exc
        return SourceItem(
            item_key=key, image=image, masks=masks, case_id=case, patient_id=series.patient,
            modality=series.modality, body_region=self.o.body_region or series.body_part or "unknown",
            orientation=patient_orientation(series.orientation), spacing=series.spacing, slice_index=i,
            binary_declared=True, extra_synonyms={k: sorted(v) for k, v in synonyms.items() if k in masks})


# -- helpers ---------------------------------------------------------------------------------------
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


def _order(s: _Series) -> list[ItemError]:
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


def _seg_header(ds, path: Path, ref: str) -> _Seg:
    refs = {str(r.SeriesInstanceUID) for r in ds.get("ReferencedSeriesSequence") or [] if "SeriesInstanceUID" in r}
    sops = {s for pf in ds.get("PerFrameFunctionalGroupsSequence") or [] for s in _frame_sops(pf)}
    return _Seg(path=path, ref=ref, sop=str(ds.get("SOPInstanceUID", "")),
                for_uid=str(ds.get("FrameOfReferenceUID", "")), series_refs=refs, frame_sops=sops,
                n_frames=int(ds.get("NumberOfFrames", 1) or 1))


def _seg_targets(seg: _Seg, idx: _Index) -> list[str]:
    """Series of the folder a SEG refers to: by series reference, frame source images, else frame of reference."""
    found = {u for u in seg.series_refs if u in idx.series}
    found |= {idx.by_sop[s][0] for s in seg.frame_sops if s in idx.by_sop}
    if not found and not seg.series_refs and not seg.frame_sops and seg.for_uid:
        found = {u for u, s in idx.series.items() if s.for_uid == seg.for_uid}
    return sorted(found)


def _frame_sops(pf) -> list[str]:
    if pf is None:
        return []
    return [str(src.ReferencedSOPInstanceUID) for der in pf.get("DerivationImageSequence") or []
            for src in der.get("SourceImageSequence") or [] if "ReferencedSOPInstanceUID" in src]


def _group(pf, shared, keyword: str):
    """A functional group's first item, per-frame first, then shared."""
    for holder in (pf, shared):
        if holder is not None and holder.get(keyword):
            return holder.get(keyword)[0]
    return None


def _foreground(ds, threshold: float) -> np.ndarray:
    arr = ds.pixel_array
    if str(ds.get("SegmentationType", "BINARY")).upper() == "FRACTIONAL":
        top = float(ds.get("MaximumFractionalValue", 255) or 255)
        return arr.astype(np.float32) / top >= threshold
    return arr > 0


def _first(value) -> float:
    """The first of a possibly multi-valued DS (files may list several windows)."""
    from pydicom.multival import MultiValue

    return float(value[0] if isinstance(value, (MultiValue, list, tuple)) else value)


def _to_uint8(ds, modality: str, window: str) -> np.ndarray:
    """Stored pixels -> rescaled values (slope/intercept) -> window -> 8-bit, MONOCHROME1 inverted."""
    from pydicom.pixels import apply_modality_lut

    arr = ds.pixel_array
    if int(ds.get("SamplesPerPixel", 1) or 1) == 3:
        a = arr.astype(np.float64)
        return (a if a.max() <= 255 else a / a.max() * 255).astype(np.uint8)
    values = np.asarray(apply_modality_lut(arr, ds), dtype=np.float64)
    centre_width = None
    if modality == "CT":
        if window in WINDOWS:
            centre_width = WINDOWS[window]
        elif ds.get("WindowCenter") is not None and ds.get("WindowWidth") is not None:
            c, w = _first(ds.WindowCenter), _first(ds.WindowWidth)
            centre_width = (c, w) if w > 0 else None
    if centre_width is None:
        lo, hi = np.percentile(values, [0.5, 99.5])
    else:
        lo, hi = centre_width[0] - centre_width[1] / 2, centre_width[0] + centre_width[1] / 2
    out = np.clip((values - lo) / max(hi - lo, 1e-6) * 255.0, 0, 255).astype(np.uint8)
    if str(ds.get("PhotometricInterpretation", "")).upper() == "MONOCHROME1":
        out = 255 - out
    return out


def build(options: Options) -> DicomSource:
    return DicomSource(options)
