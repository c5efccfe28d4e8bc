"""Facts in patient space on real files: the Colin27 ch2 MRI + AAL atlas (Debian mricron-data) cropped,
padded, mis-headed and tilted with nibabel; a CT volume written both as NIfTI and as a DICOM series
stored mirrored; the phantom. The check the issue reruns: no record on the wrong side."""

from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dicom_factory import build_seg, uid, write_ct_slice  # noqa: E402

from medseg_qa.errors import ItemError  # noqa: E402
from medseg_qa.facts import compute_facts, name_side  # noqa: E402
from medseg_qa.pipelines.ingest import ingest_source, make_records  # noqa: E402
from medseg_qa.sources import SourceItem, build_source  # noqa: E402
from medseg_qa.workspace import Workspace  # noqa: E402

TEMPLATES = Path("/usr/share/mricron/templates")
CH2, AAL, AAL_TXT = TEMPLATES / "ch2.nii.gz", TEMPLATES / "aal.nii.gz", TEMPLATES / "aal.nii.txt"
LABELS = ["Hippocampus_L", "Hippocampus_R", "Precentral_L", "Precentral_R", "Putamen_L", "Putamen_R",
          "Occipital_Mid_L", "Occipital_Mid_R", "Temporal_Inf_L", "Temporal_Inf_R"]


@pytest.fixture(scope="module")
def colin():
    nib = pytest.importorskip("nibabel", reason="nibabel is a core dependency: pip install -e .")
    missing = [p for p in (CH2, AAL, AAL_TXT) if not p.is_file()]
    if missing:
        pytest.fail(f"{missing} missing: install the Debian package mricron-data (make apt-deps)", pytrace=False)
    ch2 = nib.load(CH2)
    return np.asarray(ch2.dataobj), np.asarray(nib.load(AAL).dataobj).astype(np.int16), ch2.affine


def save(root: Path, image, labels, affine, qform=None, qcode=0, scode=4) -> Path:
    """image + label NIfTI pair with the given sform (and optionally a different qform)."""
    import nibabel as nib

    root.mkdir(parents=True, exist_ok=True)
    for name, arr in (("img.nii.gz", image), ("img_seg.nii.gz", labels)):
        img = nib.Nifti1Image(arr, None)
        img.set_sform(affine, code=scode)
        img.set_qform(qform if qform is not None else affine, code=qcode)
        nib.save(img, root / name)
    return root


def colin_source(root: Path, axis: str = "axial", **kw):
    return build_source("nifti", dict(root=str(root), layout="pairs", image_glob="img.nii.gz",
                                      label_glob="img_seg.nii.gz", labels_file=str(AAL_TXT), include_labels=LABELS,
                                      modality="MR", body_region="brain", max_slices_per_label=3, axis=axis, **kw))


def sides(src) -> Counter:
    """(midline source, verdict) counts over the records of L/R-named structures, via the ingest code."""
    out: Counter = Counter()
    for it in src.items():
        if isinstance(it, ItemError):
            out["error:" + it.code] += 1
            continue
        try:
            records = make_records(it, src.info, "nifti")
        except ItemError as exc:
            out["quarantined:" + exc.code] += 1
            continue
        for rec, _, _ in records:
            said, got = name_side(rec.target), rec.facts.laterality
            out[(rec.facts.midline_source, "right side" if got == said else "WRONG" if got in ("left", "right")
                 else got)] += 1
    return out


def _wrong(counts: Counter) -> int:
    return sum(n for k, n in counts.items() if isinstance(k, tuple) and k[1] == "WRONG")


def _shift(affine, voxels) -> np.ndarray:
    out = affine.copy()
    out[:3, 3] += affine[:3, :3] @ np.asarray(voxels, float)
    return out


@pytest.mark.parametrize("axis", ["axial", "coronal", "sagittal"])
def test_off_centre_fields_of_view_keep_every_side(colin, tmp_path, axis):
    """ch2 is in MNI space (i runs toward the patient's right). Crops that cut the head fall back to world
    x = 0; a pad keeps the head whole (body outline), also when the pad forgot to move the origin."""
    image, labels, affine = colin
    variants = {
        "crop_patient_left": (image[:110], labels[:110], affine),
        "crop_patient_right": (image[70:], labels[70:], _shift(affine, (70, 0, 0))),
        "pad_patient_left": (np.pad(image, ((120, 0), (0, 0), (0, 0))), np.pad(labels, ((120, 0), (0, 0), (0, 0))),
                             _shift(affine, (-120, 0, 0))),
        "pad_origin_not_moved": (np.pad(image, ((120, 0), (0, 0), (0, 0))),
                                 np.pad(labels, ((120, 0), (0, 0), (0, 0))), affine),
    }
    for name, (img, lab, aff) in variants.items():
        counts = sides(colin_source(save(tmp_path / name, img, lab, aff), axis))
        right = sum(n for k, n in counts.items() if isinstance(k, tuple) and k[1] == "right side")
        assert _wrong(counts) == 0 and right >= 20, (name, axis, counts)
        sources = {k[0] for k in counts if isinstance(k, tuple)}
        if name.startswith("crop"):
            assert sources == {"world"}, (name, counts)
        elif axis != "sagittal":
            assert "body_outline" in sources, (name, counts)


def test_the_image_centre_would_have_put_structures_on_the_wrong_side(colin, tmp_path):
    """The padded volume is a real trap: measured from the image centre, left structures turn right."""
    image, labels, affine = colin
    root = save(tmp_path / "pad", np.pad(image, ((120, 0), (0, 0), (0, 0))),
                np.pad(labels, ((120, 0), (0, 0), (0, 0))), _shift(affine, (-120, 0, 0)))
    old = Counter()
    for it in colin_source(root).items():
        for name, mask in it.masks.items():
            old[compute_facts(mask, it.orientation).laterality == name_side(name)] += 1
    assert old[False] > 10
    assert _wrong(sides(colin_source(root))) == 0


def test_ingest_records_carry_patient_space_facts(colin, tmp_path):
    image, labels, affine = colin
    root = save(tmp_path / "crop", image[:110], labels[:110], affine)
    with Workspace(tmp_path / "ws") as ws:
        summary = ingest_source(ws, colin_source(root), progress=False)
        records = list(ws.records())
    assert summary.added == len(records) > 20 and not summary.quarantined
    for rec in records:
        f = rec.facts
        assert f.laterality == name_side(rec.target) or f.laterality == "midline"
        assert f.midline_source == "world" and f.body_fraction is not None and 0 < f.body_fraction < 1
        assert f.area_fraction < f.body_fraction   # the head fills part of the image only


def test_qform_sform_disagreement_follows_the_sform_with_a_warning(colin, tmp_path, caplog):
    import SimpleITK as sitk

    image, labels, affine = colin
    mirrored = affine.copy()
    mirrored[0, 0], mirrored[0, 3] = -affine[0, 0], -affine[0, 3]
    root = save(tmp_path / "forms", image, labels, affine, qform=mirrored, qcode=1, scode=4)
    itk = np.reshape(sitk.ReadImage(str(root / "img.nii.gz")).GetDirection(), (3, 3))
    assert itk[0, 0] > 0   # ITK follows the mirrored qform (ch2's true i axis runs toward +x RAS = -x LPS)
    with caplog.at_level(logging.WARNING):
        counts = sides(colin_source(root))
    assert _wrong(counts) == 0 and sum(counts.values()) > 20 and not any(str(k).startswith("quar") for k in counts)
    assert any("qform and sform" in r.getMessage() and "following the sform" in r.getMessage()
               for r in caplog.records)


def test_a_header_that_contradicts_its_own_label_names_is_quarantined(colin, tmp_path):
    """Both forms mirrored, voxels untouched: every sided structure now lies on the side its name denies."""
    image, labels, affine = colin
    mirrored = affine.copy()
    mirrored[0, 0], mirrored[0, 3] = -affine[0, 0], -affine[0, 3]
    root = save(tmp_path / "lying", image, labels, mirrored, qcode=4)
    with Workspace(tmp_path / "ws") as ws:
        summary = ingest_source(ws, colin_source(root), progress=False)
        records = list(ws.records())
        reasons = [q for q in ws.quarantined() if q[2] == "side_conflict"]
    assert summary.quarantined["side_conflict"] > 5
    assert all(r.facts.laterality in ("midline", "bilateral") or r.facts.laterality == name_side(r.target)
               for r in records)
    assert len(reasons) == summary.quarantined["side_conflict"]
    assert all("is named" in q[3] and "re-ingest" in q[3] for q in reasons)


def test_oblique_over_45_degrees_is_quarantined_and_30_is_not(colin, tmp_path):
    image, labels, affine = colin

    def rotated(deg):
        t = np.radians(deg)
        rot = np.eye(4)
        rot[:2, :2] = [[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]]
        tilt = np.eye(4)
        tilt[1:3, 1:3] = [[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]]
        return rot @ tilt @ affine

    out = list(colin_source(save(tmp_path / "o50", image, labels, rotated(50))).items())
    assert [e.code for e in out] == ["oblique_volume"] and "degrees" in str(out[0]) and "resample" in str(out[0])
    assert _wrong(counts := sides(colin_source(save(tmp_path / "o20", image, labels, rotated(20))))) == 0
    assert sum(counts.values()) > 20


def test_blank_image_volume_is_quarantined(colin, tmp_path):
    _, labels, affine = colin
    out = list(colin_source(save(tmp_path / "blank", np.zeros(labels.shape, np.float32), labels, affine)).items())
    assert [e.code for e in out] == ["blank_volume"] and "img.nii.gz" in e_where(out[0])


def e_where(err: ItemError) -> str:
    return err.where or ""


# -- DICOM and NIfTI of the same volume --------------------------------------------------------------

def ct_volume(rows=48, cols=64, n=4):
    """Canonical (LP: columns to the patient's left, rows posterior) HU volume with an off-centre body
    and masks named by side, plus the world grid: x0, y0 of pixel (0, 0), spacing (x, y, z)."""
    rng = np.random.default_rng(4)
    yy, xx = np.mgrid[:rows, :cols]
    body = ((xx - 22) / 18.0) ** 2 + ((yy - 24) / 16.0) ** 2 <= 1       # body centred at column 22 of 64
    vol = np.where(body, 40.0, -1000.0)[None].repeat(n, 0) + rng.normal(0, 5, (n, rows, cols))
    masks = {k: np.zeros((n, rows, cols), bool) for k in ("left blob", "right blob", "spine")}
    for i in range(1, n):
        masks["left blob"][i, 18:26, 27:33 + i] = True     # columns > 22: patient's left
        masks["right blob"][i, 18:24, 11:17] = True        # columns < 22: patient's right
        masks["spine"][i, 34:38, 20:25] = True             # midline, posterior
    for k, hu in (("left blob", 80.0), ("right blob", 120.0), ("spine", 400.0)):
        vol[masks[k]] = hu
    return np.rint(vol).astype(np.int16), masks, (-30.0, -20.0), (0.8, 0.7, 2.5)


def test_dicom_series_stored_mirrored_comes_out_like_the_nifti_of_the_same_volume(tmp_path):
    import pydicom
    import SimpleITK as sitk

    vol, masks, (x0, y0), (sx, sy, sz) = ct_volume()
    n, rows, cols = vol.shape
    img = sitk.GetImageFromArray(vol)   # numpy (k, j, i) = (slice, row, column): LPS identity grid
    img.SetSpacing((sx, sy, sz))
    img.SetOrigin((x0, y0, 0.0))
    lab = sitk.GetImageFromArray((masks["left blob"] * 1 + masks["right blob"] * 2 + masks["spine"] * 3).astype(np.uint8))
    lab.CopyInformation(img)
    (tmp_path / "nii").mkdir()
    sitk.WriteImage(img, str(tmp_path / "nii" / "ct.nii.gz"))
    sitk.WriteImage(lab, str(tmp_path / "nii" / "ct_seg.nii.gz"))
    # DICOM: every slice stored rotated by 180 degrees (columns toward the patient's right, rows anterior)
    stored = vol[:, ::-1, ::-1]
    study, series, for_uid = uid(77, 1), uid(77, 2), uid(77, 3)
    paths = []
    for i in range(n):
        p = tmp_path / "dcm" / f"IM{i}"
        write_ct_slice(p, sop_uid=uid(77, 100 + i), series_uid=series, study_uid=study, for_uid=for_uid,
                       position=(x0 + (cols - 1) * sx, y0 + (rows - 1) * sy, i * sz), orientation=(-1, 0, 0, 0, -1, 0),
                       spacing=(sy, sx), pixels=stored[i].astype(float), instance=i + 1)
        paths.append(p)
    seg = build_seg([pydicom.dcmread(p) for p in paths], {k: m[:, ::-1, ::-1] for k, m in masks.items()},
                    [uid(77, 900), uid(77, 901)])
    seg.save_as(tmp_path / "dcm" / "seg.dcm", enforce_file_format=True)

    nii = [it for it in build_source("nifti", dict(root=str(tmp_path / "nii"), layout="pairs", image_glob="*.nii.gz",
                                                   labels={1: "left blob", 2: "right blob", 3: "spine"}, modality="CT",
                                                   window="abdomen")).items()]
    dcm = [it for it in build_source("dicom", dict(root=str(tmp_path / "dcm"), deid_salt="s", labels={  # codes say "organ"
        "Left blob": "left blob", "Right blob": "right blob", "Spine": "spine"})).items()]
    assert all(isinstance(it, SourceItem) for it in nii + dcm), [str(e) for e in nii + dcm if isinstance(e, ItemError)]
    assert [it.slice_index for it in nii] == [it.slice_index for it in dcm] == [1, 2, 3]
    for a, b in zip(nii, dcm):
        assert a.orientation == b.orientation == "LP" and a.spacing == pytest.approx(b.spacing) == (sy, sx)
        assert np.array_equal(a.image, b.image)
        assert set(a.masks) == set(b.masks) == set(masks)
        assert all(np.array_equal(a.masks[k], b.masks[k]) for k in masks)
        assert np.allclose(a.geometry.world(3, 5), b.geometry.world(3, 5), atol=1e-4)
        assert a.body.centre == pytest.approx(b.body.centre)
        for it, kind in ((a, "nifti"), (b, "dicom")):
            facts = {r.target: r.facts for r, _, _ in make_records(it, build_source("phantom", {}).info, kind)}
            assert facts["left blob"].laterality == "left" and facts["right blob"].laterality == "right"
            assert facts["spine"].laterality == "midline" and facts["spine"].vertical == "posterior"
            assert {f.midline_source for f in facts.values()} == {"body_outline"}
            # measured from the image centre (column 31.5) the spine would be on the right
            assert compute_facts(it.masks["spine"], "LP").laterality == "right"


def test_phantom_sides_hold_through_ingest():
    src = build_source("phantom", {"cases": 4, "slices_per_case": 2, "size": 128})
    expected = {"liver": "right", "right kidney": "right", "spleen": "left", "left kidney": "left",
                "vertebral body": "midline", "aorta": "left or midline"}   # the aorta runs just left of the spine
    n = 0
    for it in src.items():
        for rec, _, _ in make_records(it, src.info, "phantom"):
            if rec.target in expected:
                n += 1
                assert rec.facts.laterality in expected[rec.target].split(" or "), (it.item_key, rec.target)
                assert rec.facts.midline_source == "body_outline" and rec.facts.body_fraction > rec.facts.area_fraction
    assert n >= 40


def test_dicom_sagittal_slices_get_a_side_from_their_world_position(tmp_path):
    """Sagittal slices (PI view) have no lateral axis in the plane: the side is where the plane lies,
    relative to world x = 0 (the isocentre) inside the series' lateral span."""
    import pydicom

    n, rows, cols = 12, 24, 32
    xs = -27.5 + 5.0 * np.arange(n)                          # slice positions, patient right (-) to left (+)
    rng = np.random.default_rng(5)
    vol = np.full((n, rows, cols), -1000.0)
    vol[:, 3:21, 4:28] = 40 + rng.normal(0, 5, (n, 18, 24))
    masks = {"left lobe": np.zeros((n, rows, cols), bool), "right lobe": np.zeros((n, rows, cols), bool)}
    masks["left lobe"][xs > 10, 8:14, 10:20] = True
    masks["right lobe"][xs < -10, 8:14, 10:20] = True
    study, series, for_uid = uid(78, 1), uid(78, 2), uid(78, 3)
    paths = []
    for i in range(n):
        p = tmp_path / "sag" / f"IM{i}"
        write_ct_slice(p, sop_uid=uid(78, 100 + i), series_uid=series, study_uid=study, for_uid=for_uid,
                       position=(float(xs[i]), -40.0, 60.0), orientation=(0, 1, 0, 0, 0, -1), spacing=(1.0, 1.0),
                       pixels=vol[i], instance=i + 1)
        paths.append(p)
    seg = build_seg([pydicom.dcmread(p) for p in paths], masks, [uid(78, 900), uid(78, 901)])
    seg.save_as(tmp_path / "sag" / "seg.dcm", enforce_file_format=True)
    src = build_source("dicom", dict(root=str(tmp_path / "sag"), deid_salt="s"))
    items = list(src.items())
    assert items and all(isinstance(it, SourceItem) and it.orientation == "PI" for it in items)
    seen = Counter()
    for it in items:
        for rec, _, _ in make_records(it, src.info, "dicom"):
            assert rec.facts.laterality == name_side(rec.target) and rec.facts.midline_source == "world"
            seen[rec.target] += 1
    assert seen == {"left lobe": 4, "right lobe": 4}
