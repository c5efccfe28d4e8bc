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
whose mask is empty are skipped; a non-empty frame that maps to no slice is quarantined.

Header text and pixel text never become data unchecked: every file's identifying values are collected
from its raw header during the scan and pooled per patient (`PatientLinks`: a SEG shares its series'
values); segment targets come from the coded concept, else from screened free text (`dicom_seg`);
BodyPartExamined passes the same screen or becomes "unknown". Images are refused when they declare
BurnedInAnnotation YES, or when their modality commonly carries burned-in text (`BURNED_IN_RISK`, and
secondary captures of any kind) unless BurnedInAnnotation is NO or the recipe sets
`allow_burned_in_modalities`; every image that remains is screened for text (`medseg_qa.pixeltext`)
unless `pixel_text_screen` says otherwise. The salt must be a secret: the public default is refused
unless `allow_default_salt` is set (tests and demos only). `spacing` is in DICOM
PixelSpacing order: (between rows, between columns) in mm. The header index lives in `dicom_index`,
SEG decoding and frame matching in `dicom_seg`; CT window presets are the shared ones of
`medseg_qa.windowing`, so `window: lung` means the same here as in the `nifti` source.

Audit: one `AuditEntry` per DICOM file, collected during each `items()` pass in `source.audit_log`
(reset at the start of the pass) and also passed to `source.on_audit` if set (only by `items()`, so
`estimate()` never reports a file twice); `audit()` returns the log, scanning the headers first if no
pass has run. Entries name a pseudonymous file reference and attribute keywords, never values.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Iterator, Literal, Optional

import numpy as np
from pydantic import Field, SecretStr

from medseg_qa.deid import DEFAULT_SALT, AuditEntry, deidentify, identifying_values, keyed_hash, quiet_pydicom
from medseg_qa.deid_screen import screen_label
from medseg_qa.errors import ConfigError, ItemError
from medseg_qa.geometry import dicom_geometry, patient_view
from medseg_qa.pixeltext import require_no_text
from medseg_qa.windowing import CT_WINDOWS, ct_window, stretch_to_uint8, window_bounds, window_to_uint8

from .base import ProvenanceOptions, SourceInfo, SourceItem, Yielded
from .dicom_index import FolderIndex, PatientLinks, SegHeader, Series, burned_in_risk, patient_orientation
from .dicom_seg import Masks, add_seg_frames

log = logging.getLogger(__name__)

SALT_ENV = "MEDSEGQA_DEID_SALT"


class Options(ProvenanceOptions):
    """Options of the `dicom` source.

    `deid_salt` keys every pseudonym, date shift and UID remapping: default from the environment
    variable MEDSEGQA_DEID_SALT. The project default is public (anyone can recompute the pseudonyms), so
    it is refused unless `allow_default_salt` is set, for tests and demos only.
    """

    root: Path
    window: Literal["auto", "abdomen", "lung", "bone", "brain"] = Field(
        default="auto", description="CT window preset; auto uses the file's WindowCenter/Width, else "
        "percentiles. MR and other modalities always use the 0.5-99.5 percentiles")
    labels: dict[str, Optional[str]] = Field(
        default_factory=dict, description="SEG segment label (or its coded meaning) -> canonical name; "
        "null drops the segment. Default: the SegmentLabel lower-cased")
    body_region: Optional[str] = Field(default=None, description="default: BodyPartExamined, lower-cased")
    dataset: str = "dicom"
    deid_salt: Optional[SecretStr] = None
    date_shift_days_max: int = Field(default=365, ge=1)
    position_tolerance_mm: float = Field(default=0.1, gt=0)
    fractional_threshold: float = Field(default=0.5, gt=0, le=1)
    reveal_paths: bool = Field(default=False, description="name relative paths in errors (they may "
                               "carry patient names: private debugging only)")
    allow_default_salt: bool = Field(default=False, description="accept the public default salt (tests and "
                                     "demos only: its pseudonyms can be recomputed by anyone)")
    allow_burned_in_modalities: bool = Field(
        default=False, description="accept US, SC, XA, RF, ES, OT, CR, DX, MG and other modalities that often "
        "carry burned-in text although BurnedInAnnotation is not NO (the pixel screen still runs)")
    pixel_text_screen: Literal["all", "risky", "off"] = Field(
        default="all", description="look for burned-in text with OCR in every image, only in the modalities "
        "above, or nowhere (off: you have checked the pixels yourself)")


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
            self._salt = DEFAULT_SALT
        if self._salt == DEFAULT_SALT:
            if not options.allow_default_salt:
                raise ConfigError(f"dicom source {options.dataset!r}: no de-identification salt; set the "
                                  f"environment variable {SALT_ENV} to a secret (or allow_default_salt: true "
                                  "for a test run only)")
            log.warning("dicom source uses the project's public default de-identification salt; its "
                        "pseudonyms can be recomputed by anyone: test and demo data only")
        self.audit_log: list[AuditEntry] = []
        self.on_audit: Optional[Callable[[AuditEntry], None]] = None
        self._paths: dict[str, Path] = {}
        self._index: Optional[FolderIndex] = None
        self._links = PatientLinks()

    # -- files, references, reading ------------------------------------------------------------
    def _ref(self, path: Path) -> str:
        rel = path.relative_to(self.o.root).as_posix()
        where = f"{self.o.root.resolve()}\0{rel}"  # the root too: two roots may hold the same relative paths
        ref = rel if self.o.reveal_paths else "f-" + keyed_hash(self._salt, "path", where)[:12]
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
                    # the scan pass collects each file's raw identifying values; later reads use the pool
                    own = identifying_values(ds) if audit else None
                    ds, entry = deidentify(ds, self._salt, date_shift_days_max=self.o.date_shift_days_max,
                                           file_ref=ref, identifiers=own or self._links.identifiers(ref))
                    if own is not None:
                        self._links.add(ref, own, ds)
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
    def _scan(self, notify: bool = False) -> FolderIndex:
        self.audit_log = []
        self._links = PatientLinks()
        idx = FolderIndex()
        for path in self._files():
            ref = self._ref(path)
            try:
                ds = self._read(path, ref, header_only=True, audit=True, notify=notify)
            except ItemError as exc:
                idx.errors.append(exc)
                continue
            idx.add(ds, path, ref)
        idx.finish()
        self._index = idx
        return idx

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
            found = idx.targets(seg)
            if not found:
                yield ItemError("seg_series_missing", "the SEG's referenced image series is not under root; "
                                "add that series' files or remove the SEG", seg.ref)
                continue
            targets[seg.ref] = found
        for uid in sorted({u for found in targets.values() for u in found}):
            series = idx.series[uid]
            acc: Masks = {}
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

    def _decode(self, seg: SegHeader, uid: str, found: list[str], idx: FolderIndex, acc: Masks,
                synonyms: dict[str, set[str]]) -> Iterator[ItemError]:
        """Add the SEG's frames that land in series `uid` to `acc`; yield frame errors (once per SEG)."""
        ds = self._read(seg.path, seg.ref, header_only=False)  # pixels are decoded only below
        yield from add_seg_frames(ds, seg, uid, found, idx, acc, synonyms, labels=self.o.labels,
                                  threshold=self.o.fractional_threshold, tolerance=self.o.position_tolerance_mm,
                                  max_pixels=self.o.max_pixels, identifiers=self._links.identifiers(seg.ref))

    def _item(self, series: Series, i: int, masks: dict[str, np.ndarray], synonyms) -> SourceItem:
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
        risky = self._burned_in_check(ds, series, sl.ref, key)
        try:
            image, values = _to_uint8(ds, series.modality, self.o.window)
        except Exception as exc:  # noqa: BLE001 - decoder errors vary with the transfer syntax
            raise ItemError("unreadable_dicom", f"cannot decode image pixels of file {sl.ref} "
                            f"({type(exc).__name__}); re-export the series", key) from exc
        if self.o.pixel_text_screen == "all" or (risky and self.o.pixel_text_screen == "risky"):
            require_no_text(image, f"file {sl.ref}", key, override="pixel_text_screen: off (or risky)")
        body = self.o.body_region or (series.body_part if series.body_part and screen_label(
            series.body_part, self._links.identifiers(sl.ref)) is None else "unknown")
        # the radiological view of the NIfTI source (axial LP), with world geometry and body outline
        v = patient_view(image, masks, patient_orientation(series.orientation), series.spacing,
                         dicom_geometry(sl.position, series.orientation, series.spacing, series.positions),
                         values, series.modality)
        return SourceItem(
            item_key=key, image=v.image, masks=v.masks, case_id=case, patient_id=series.patient,
            modality=series.modality, body_region=body,
            orientation=v.orientation, spacing=v.spacing, slice_index=i, body=v.body, geometry=v.geometry,
            binary_declared=True, extra_synonyms={k: sorted(v) for k, v in synonyms.items() if k in masks})


    def _burned_in_check(self, ds, series: Series, ref: str, key: str) -> bool:
        """Refuse declared burned-in text, and risky modalities not declared free of it; True if risky."""
        declared = str(ds.get("BurnedInAnnotation", "") or "").strip().upper()
        if declared == "YES":
            raise ItemError("burned_in_annotation", f"image (file {ref}) declares burned-in annotation, "
                            "which may show identifiers; remove it from the set", key)
        kind = burned_in_risk(ds, series.dicom_modality)
        if kind and declared != "NO" and not self.o.allow_burned_in_modalities:
            raise ItemError("burned_in_risk", f"image (file {ref}) is {kind}, which often carries burned-in "
                            "text, and BurnedInAnnotation is not NO; check the pixels, then set "
                            "allow_burned_in_modalities: true for this source", key)
        return kind is not None


# -- pixels ----------------------------------------------------------------------------------------
def _first(value) -> float:
    """The first of a possibly multi-valued DS (files may list several windows)."""
    from pydicom.multival import MultiValue

    return float(value[0] if isinstance(value, (MultiValue, list, tuple)) else value)


def _to_uint8(ds, modality: str, window: str) -> tuple[np.ndarray, Optional[np.ndarray]]:
    """Stored pixels -> rescaled values (slope/intercept) -> window -> 8-bit, MONOCHROME1 inverted;
    returns the 8-bit image and the rescaled values (None for colour images)."""
    from pydicom.pixels import apply_modality_lut

    arr = ds.pixel_array
    if int(ds.get("SamplesPerPixel", 1) or 1) == 3:
        a = arr.astype(np.float64)
        return (a if a.max() <= 255 else a / a.max() * 255).astype(np.uint8), None
    values = np.asarray(apply_modality_lut(arr, ds), dtype=np.float64)
    bounds = None
    if modality == "CT":
        if window in CT_WINDOWS:
            bounds = ct_window(window)
        elif ds.get("WindowCenter") is not None and ds.get("WindowWidth") is not None:
            c, w = _first(ds.WindowCenter), _first(ds.WindowWidth)
            bounds = window_bounds(c, w) if w > 0 else None
    out = stretch_to_uint8(values) if bounds is None else window_to_uint8(values, *bounds)
    if str(ds.get("PhotometricInterpretation", "")).upper() == "MONOCHROME1":
        out = 255 - out
    return out, values


def build(options: Options) -> DicomSource:
    return DicomSource(options)
