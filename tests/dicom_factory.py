"""Builders of small DICOM CT series and SEG objects in a test folder, with planted identifiers.

`make_case` writes a synthetic abdominal CT series (standard axial orientation, "LP") and a SEG made by
highdicom with liver (image left = patient right), spleen (patient left) and aorta (midline) segments.
Every identifier a real hospital export would carry is planted (name, MRN, birth date, institution,
physicians, a private tag, free text, nested sequences, the file path); `planted_identifiers` lists
them so any test can assert that none survives anywhere. `ct_for_real_seg` builds the CT series that
pydicom's real liver SEG files reference (that CT does not ship), so a real SEG matches end to end.

Free-text and pixel leaks (issue 7): `make_case` can put identifiers into the SEG's segment labels and
code meanings (`segments`), write the SEG without any patient attribute (`seg_patient=False`, so the
name is only in the image series), write an ultrasound series (`modality="US"`), and burn text into the
pixels (`burned_text`, rendered with PIL's scalable font at the image borders, as scanners do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4"
US_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.6.1"
SOP_CLASS = {"CT": CT_IMAGE_STORAGE, "MR": MR_IMAGE_STORAGE, "US": US_IMAGE_STORAGE}
UID_ROOT = "1.2.826.0.1.3680043.8.498."  # pydicom's root; instance UIDs below are made from a seed

PATIENT = dict(name="Doe^Jane", id="MRN-8675309", birth_date="19700214", study_date="20240611",
               institution="St Elsewhere General Hospital", referring="House^Gregory",
               operator="Tech^Tina", accession="ACC20240611X", station="CTSTATION7",
               serial="SN-99887766", address="12 Elm Street Springfield", other_id="ALT-4455667",
               folder="Doe_Jane_MRN-8675309")


@dataclass
class Case:
    """A written synthetic case: where its files are, its original UIDs and planted values."""

    root: Path
    ct_paths: list[Path]
    seg_path: Path
    study_uid: str
    series_uid: str
    sop_uids: list[str]
    frame_of_reference_uid: str
    seg_uids: list[str]
    positions: list[list[float]]
    masks: dict[str, np.ndarray]  # label -> (slices, rows, cols) bool ground truth
    patient: dict = field(default_factory=lambda: dict(PATIENT))


def uid(seed: int, n: int) -> str:
    return f"{UID_ROOT}{seed}.{n}"


def _meta(sop_class: str, sop_uid: str):
    from pydicom.dataset import FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    return meta


def _plant(ds, patient: dict) -> None:
    """Every identifying attribute a hospital export tends to carry, including nested and private ones."""
    from pydicom.dataset import Dataset

    ds.PatientName, ds.PatientID = patient["name"], patient["id"]
    ds.PatientBirthDate, ds.PatientSex, ds.PatientAge = patient["birth_date"], "F", "054Y"
    ds.OtherPatientIDs = patient["other_id"]
    ds.PatientAddress = patient["address"]
    ds.InstitutionName = patient["institution"]
    ds.InstitutionAddress = "1 Hospital Road Springfield"
    ds.ReferringPhysicianName = patient["referring"]
    ds.OperatorsName = patient["operator"]
    ds.StationName, ds.DeviceSerialNumber = patient["station"], patient["serial"]
    ds.AccessionNumber, ds.StudyID = patient["accession"], "STUDY-4711"
    ds.StudyDescription = "CT abdomen for Jane Doe"
    ds.ImageComments = "Doe^Jane called back, MRN-8675309"
    for kw in ("StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate"):
        setattr(ds, kw, patient["study_date"])
    ds.StudyTime = ds.SeriesTime = "101500"
    code = Dataset()  # a nested free-text leak inside a coded sequence
    code.CodeValue, code.CodingSchemeDesignator = "X1", "99LOCAL"
    code.CodeMeaning = "abdomen protocol Doe Jane"
    ds.ProcedureCodeSequence = [code]
    ds.private_block(0x0009, "ACME HOSPITAL", create=True).add_new(0x01, "LO", f"{patient['name']} {patient['id']}")


def write_ct_slice(path: Path, **kwargs) -> None:
    """Write `ct_dataset(**kwargs)` as a DICOM file (with preamble and file meta)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ct_dataset(**kwargs).save_as(path, enforce_file_format=True)


def ct_dataset(*, sop_uid: str, series_uid: str, study_uid: str, for_uid: str, position=(0.0, 0.0, 0.0),
               orientation=(1, 0, 0, 0, 1, 0), spacing=(0.8, 0.8), pixels: np.ndarray | None = None,
               patient: dict | None = None, instance: int = 1, window=(40, 400), modality: str = "CT"):
    """One CT image with planted identifiers (int16 stored, HU = stored - 1024); no PixelData if None."""
    from pydicom.dataset import Dataset

    patient = patient or PATIENT

    sop_class = SOP_CLASS[modality]
    ds = Dataset()
    ds.file_meta = _meta(sop_class, sop_uid)
    ds.SOPClassUID, ds.SOPInstanceUID = sop_class, sop_uid
    ds.Modality, ds.BodyPartExamined, ds.Manufacturer = modality, "ABDOMEN", "Factory"
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study_uid, series_uid, for_uid
    ds.SeriesNumber, ds.InstanceNumber = 2, instance
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.PositionReferenceIndicator = ""
    ds.ImagePositionPatient = [float(v) for v in position]
    ds.ImageOrientationPatient = [float(v) for v in orientation]
    ds.PixelSpacing = [float(v) for v in spacing]
    ds.SliceThickness = 2.5
    _plant(ds, patient)
    hu = pixels if pixels is not None else np.zeros((64, 64))
    ds.Rows, ds.Columns = hu.shape
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.RescaleIntercept, ds.RescaleSlope, ds.RescaleType = -1024, 1, "HU"
    ds.WindowCenter, ds.WindowWidth = window
    if pixels is not None:
        ds.PixelData = (np.asarray(pixels) + 1024).astype(np.int16).tobytes()
    return ds


def _phantom(rows: int, cols: int, n: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """HU volume and ground-truth masks; slice 0 carries no structure (so it yields no item)."""
    yy, xx = np.mgrid[:rows, :cols]
    body = ((yy - rows / 2) / (rows * 0.42)) ** 2 + ((xx - cols / 2) / (cols * 0.45)) ** 2 <= 1
    vol = np.where(body, 40.0, -1000.0)[None].repeat(n, 0)
    masks = {k: np.zeros((n, rows, cols), bool) for k in ("liver", "spleen", "aorta")}
    for i in range(1, n):  # sizes change from slice to slice, so a slice mix-up shows
        masks["liver"][i, rows // 4: rows * 3 // 4 - 2 * i, cols // 8: cols * 3 // 8] = True   # image left
        masks["spleen"][i, rows * 3 // 8: rows * 5 // 8, cols * 11 // 16: cols * 7 // 8 - i] = True  # image right
        masks["aorta"][i, rows // 2: rows // 2 + 6, cols // 2 - 3: cols // 2 + 3] = True   # midline
    for name, hu in (("liver", 60.0), ("spleen", 50.0), ("aorta", 200.0)):
        vol[masks[name]] = hu
    return vol, masks


def make_case(root: Path, *, seed: int = 1, n_slices: int = 4, rows: int = 64, cols: int = 64,
              patient: dict | None = None, segmentation_type: str = "BINARY",
              per_frame_references: bool = True, missing_pixels: set[int] = frozenset(),
              folder: str | None = None, modality: str = "CT", burned_text: tuple[str, ...] = (),
              burned_in_annotation: str | None = None, seg_patient: bool = True,
              segments: dict[str, dict] | None = None) -> Case:
    """A CT (or MR, US) series + one highdicom SEG (liver, spleen, aorta) under `root/<patient folder>/`.

    `burned_text`: lines burned into every image's pixels; `burned_in_annotation`: the attribute's value
    (absent if None); `seg_patient=False`: the SEG carries no patient attribute at all; `segments`:
    per structure, overrides of its SegmentLabel (`label`), type code (`code` as (value, scheme)),
    type CodeMeaning (`meaning`) and AnatomicRegionSequence CodeMeaning (`region`).
    """
    import pydicom

    patient = dict(patient or PATIENT)
    base = root / (folder or patient["folder"])
    study, series, for_uid = uid(seed, 1), uid(seed, 2), uid(seed, 3)
    sops = [uid(seed, 100 + i) for i in range(n_slices)]
    orientation, spacing = [1, 0, 0, 0, 1, 0], [0.8, 0.8]
    positions = [[-25.6, -25.6, -100.0 + 2.5 * i] for i in range(n_slices)]
    vol, masks = _phantom(rows, cols, n_slices)
    if burned_text:
        vol = np.stack([burn_text(v, burned_text, value=float(vol.max()) + 400) for v in vol])
    paths = []
    for i in range(n_slices):
        p = base / "CT" / f"IM{i:04d}"  # no extension: files are found by content
        write_ct_slice(p, sop_uid=sops[i], series_uid=series, study_uid=study, for_uid=for_uid,
                       position=positions[i], orientation=orientation, spacing=spacing,
                       pixels=None if i in missing_pixels else vol[i], patient=patient, instance=i + 1,
                       modality=modality)
        if burned_in_annotation is not None:
            ds = pydicom.dcmread(p)
            ds.BurnedInAnnotation = burned_in_annotation
            ds.save_as(p)
        paths.append(p)
    # highdicom needs pixel data in its sources; build the SEG from complete copies of the slices
    sources = []
    for i in range(n_slices):
        ds = pydicom.dcmread(paths[i])
        if "PixelData" not in ds:
            ds.PixelData = (vol[i] + 1024).astype(np.int16).tobytes()
        sources.append(ds)
    seg_uids = [uid(seed, 900), uid(seed, 901)]
    seg = build_seg(sources, masks, seg_uids, segmentation_type)
    if not per_frame_references:  # a SEG that only gives plane positions per frame
        for frame in seg.PerFrameFunctionalGroupsSequence:
            del frame.DerivationImageSequence
    _plant_seg(seg, patient)
    if not seg_patient:
        for kw in ("PatientName", "PatientID", "PatientBirthDate", "PatientSex", "PatientAge", "OtherPatientIDs",
                   "PatientAddress", "IssuerOfPatientID", "AccessionNumber", "ReferringPhysicianName", "StudyID"):
            if kw in seg:
                del seg[kw]
    for name, change in (segments or {}).items():
        _edit_segment(seg, list(masks).index(name) + 1, **change)
    seg_path = base / "SEG" / "segmentation.dcm"
    seg_path.parent.mkdir(parents=True, exist_ok=True)
    seg.save_as(seg_path, enforce_file_format=True)
    return Case(root=root, ct_paths=paths, seg_path=seg_path, study_uid=study, series_uid=series,
                sop_uids=sops, frame_of_reference_uid=for_uid, seg_uids=seg_uids, positions=positions,
                masks=masks, patient=patient)


def build_seg(sources, masks: dict[str, np.ndarray], seg_uids: list[str], segmentation_type: str = "BINARY"):
    """A highdicom Segmentation of `sources` with one segment per mask (label order fixed)."""
    import highdicom as hd
    from pydicom.sr.codedict import codes

    props = {"liver": codes.SCT.Liver, "spleen": codes.SCT.Spleen, "aorta": codes.SCT.Aorta}
    labels = list(masks)
    descriptions = [hd.seg.SegmentDescription(
        segment_number=i + 1, segment_label=name.capitalize(), segmented_property_category=codes.SCT.Organ,
        segmented_property_type=props.get(name, codes.SCT.Organ),
        algorithm_type=hd.seg.SegmentAlgorithmTypeValues.MANUAL) for i, name in enumerate(labels)]
    stack = np.stack([masks[name] for name in labels], axis=-1)
    pixel = stack.astype(np.float32) * (0.8 if segmentation_type == "FRACTIONAL" else 1.0)
    if segmentation_type == "FRACTIONAL":  # a faint halo below the 0.5 threshold must not count
        halo = np.zeros_like(stack)
        halo[:, :2, :, :] = True
        pixel = np.where(halo & ~stack, 0.3, pixel).astype(np.float32)
    else:
        pixel = stack.astype(np.uint8)
    return hd.seg.Segmentation(
        source_images=sources, pixel_array=pixel, segmentation_type=segmentation_type,
        segment_descriptions=descriptions, series_instance_uid=seg_uids[0], series_number=100,
        sop_instance_uid=seg_uids[1], instance_number=1, manufacturer="Factory",
        manufacturer_model_name="factory-seg", software_versions="1", device_serial_number=PATIENT["serial"],
        content_creator_name=PATIENT["referring"])


def _edit_segment(seg, number: int, *, label: str | None = None, code: tuple[str, str] | None = None,
                  meaning: str | None = None, region: str | None = None) -> None:
    from pydicom.dataset import Dataset

    item = next(s for s in seg.SegmentSequence if int(s.SegmentNumber) == number)
    if label is not None:
        item.SegmentLabel = label
    prop = item.SegmentedPropertyTypeCodeSequence[0]
    if code is not None:
        prop.CodeValue, prop.CodingSchemeDesignator = code
    if meaning is not None:
        prop.CodeMeaning = meaning
    if region is not None:
        r = Dataset()
        r.CodeValue, r.CodingSchemeDesignator, r.CodeMeaning = "R1", "99LOCAL", region
        item.AnatomicRegionSequence = [r]


def burn_text(pixels: np.ndarray, lines, *, value: float, size: int | None = None) -> np.ndarray:
    """`pixels` with `lines` drawn at `value`: the first at the top-left corner, the others along the
    bottom edge, in PIL's scalable default font (about a twelfth of the image height)."""
    from PIL import Image, ImageDraw, ImageFont

    h, w = pixels.shape
    size = size or max(9, h // 12)
    canvas = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=size)
    draw.text((2, 1), lines[0], fill=255, font=font)
    for k, line in enumerate(lines[1:]):
        draw.text((2, h - (len(lines) - 1 - k) * (size + 2) - 2), line, fill=255, font=font)
    out = np.array(pixels, dtype=np.float64, copy=True)
    out[np.asarray(canvas) > 127] = value
    return out


def _plant_seg(seg, patient: dict) -> None:
    seg.InstitutionName = patient["institution"]
    seg.SeriesDescription = f"Segmentation for {patient['name']}"
    seg.private_block(0x0011, "ACME SEG", create=True).add_new(0x01, "LO", patient["id"])


def planted_identifiers(case: Case | None = None) -> list[str]:
    """Every identifying string planted by `make_case`: none may appear in anything the source yields.

    Includes name parts, ids, dates (original study date and birth date), institution and staff
    names, the patient folder name, and the case's original UIDs.
    """
    p = case.patient if case else PATIENT
    out = [p["name"], *p["name"].split("^"), p["id"], p["id"].split("-")[-1], p["birth_date"],
           p["study_date"], p["institution"], p["referring"], *p["referring"].split("^"), p["operator"],
           p["accession"], p["station"], p["serial"], p["address"], p["other_id"], p["folder"],
           "Elsewhere", "STUDY-4711", "Hospital Road"]
    if case:
        out += [case.study_uid, case.series_uid, case.frame_of_reference_uid, *case.sop_uids, *case.seg_uids]
    return sorted(set(out))


def ct_for_real_seg(seg_path: Path, folder: Path, *, hu: float = 60.0) -> list[Path]:
    """CT slices carrying exactly the UIDs, positions, orientation and size a real SEG references.

    The slices are uniform soft tissue; what matters is that the SEG's references resolve to them.
    """
    import pydicom

    seg = pydicom.dcmread(seg_path)
    shared = seg.SharedFunctionalGroupsSequence[0]
    orientation = shared.PlaneOrientationSequence[0].ImageOrientationPatient
    spacing = shared.PixelMeasuresSequence[0].PixelSpacing
    ref_series = seg.ReferencedSeriesSequence[0]
    position_of = {}
    for frame in seg.PerFrameFunctionalGroupsSequence:
        src = frame.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID
        position_of[str(src)] = list(frame.PlanePositionSequence[0].ImagePositionPatient)
    patient = dict(PATIENT, name=str(seg.PatientName), id=str(seg.PatientID))
    pixels = np.full((seg.Rows, seg.Columns), hu)
    paths = []
    for i, ref in enumerate(ref_series.ReferencedInstanceSequence):
        sop = str(ref.ReferencedSOPInstanceUID)
        p = folder / f"ct_{i:03d}.dcm"
        write_ct_slice(p, sop_uid=sop, series_uid=str(ref_series.SeriesInstanceUID),
                       study_uid=str(seg.StudyInstanceUID), for_uid=str(seg.FrameOfReferenceUID),
                       position=position_of.get(sop, [0.0, 0.0, float(i)]), orientation=orientation,
                       spacing=spacing, pixels=pixels, patient=patient, instance=i + 1)
        paths.append(p)
    return paths
