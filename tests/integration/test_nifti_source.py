"""The nifti source on real files (Colin27 ch2 T1 MRI + AAL atlas from Debian mricron-data) and on
synthetic volumes written with SimpleITK: layouts, reorientation, windowing, slice choice, bad input,
and a process pool that yields exactly what one process yields."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from medseg_qa.errors import ConfigError, ItemError
from medseg_qa.facts import compute_facts
from medseg_qa.sources import SourceItem, build_source

TEMPLATES = Path("/usr/share/mricron/templates")
CH2, AAL, AAL_TXT = TEMPLATES / "ch2.nii.gz", TEMPLATES / "aal.nii.gz", TEMPLATES / "aal.nii.txt"
LPS = (1, 0, 0, 0, 1, 0, 0, 0, 1)
RAS = (-1, 0, 0, 0, -1, 0, 0, 0, 1)


@pytest.fixture(scope="module")
def templates():
    missing = [p for p in (CH2, AAL, AAL_TXT) if not p.is_file()]
    if missing:
        pytest.fail(f"{missing} missing: install the Debian package mricron-data (make apt-deps)", pytrace=False)
    return TEMPLATES


def _items(src) -> list:
    return list(src.items())


def _ok(results) -> list[SourceItem]:
    return [r for r in results if isinstance(r, SourceItem)]


def write(path: Path, arr: np.ndarray, spacing=(1.0, 1.0, 2.0), direction=LPS, origin=(0.0, 0.0, 0.0)) -> Path:
    """Write a numpy (k, j, i) array as a volume file with the given grid."""
    import SimpleITK as sitk

    img = sitk.GetImageFromArray(arr)
    img.SetSpacing(spacing)
    img.SetDirection(direction)
    img.SetOrigin(origin)
    path.parent.mkdir(parents=True, exist_ok=True)
    sitk.WriteImage(img, str(path), useCompression=True)
    return path


def phantom(shape=(12, 40, 48)) -> tuple[np.ndarray, np.ndarray]:
    """CT-like volume (HU) in LPS index order: body at 40 HU in air; label 1 on the patient's left
    (high i), label 2 on the right (low i) and only in slices 3..6; label 3 posterior-superior midline."""
    z, y, x = shape
    ct = np.full(shape, -1000, np.int16)
    ct[:, 4:36, 4:44] = 40
    lab = np.zeros(shape, np.uint8)
    lab[2:10, 15:25, 32:42] = 1   # patient left: columns toward L
    lab[3:7, 15:25, 6:14] = 2     # patient right
    lab[8:11, 28:34, 20:28] = 3   # posterior, superior
    ct[lab == 1], ct[lab == 2], ct[lab == 3] = 60, 100, 300
    return ct, lab


def msd(root: Path, cases: dict[str, tuple[np.ndarray, np.ndarray]], **grid) -> Path:
    meta = {"name": "Task99_Phantom", "licence": "CC-BY-SA 4.0", "reference": "synthetic test set",
            "modality": {"0": "CT"}, "labels": {"0": "background", "1": "left blob", "2": "right blob",
                                                "3": "back blob"}, "training": []}
    for name, (ct, lab) in cases.items():
        write(root / "imagesTr" / f"{name}.nii.gz", ct, **grid)
        write(root / "labelsTr" / f"{name}.nii.gz", lab, **grid)
        meta["training"].append({"image": f"./imagesTr/{name}.nii.gz", "label": f"./labelsTr/{name}.nii.gz"})
    (root / "dataset.json").write_text(json.dumps(meta))
    return root


# -- real data ---------------------------------------------------------------------------------------

def test_ch2_with_aal_pairs_gives_left_and_right_structures_on_the_right_sides(templates):
    src = build_source("nifti", dict(
        root=str(templates), layout="pairs", image_glob="ch2.nii.gz", label_glob="aal.nii.gz",
        labels_file=str(AAL_TXT), include_labels=["Hippocampus_L", "Hippocampus_R", "Precentral_L",
                                                  "Precentral_R"],
        modality="MR", body_region="brain", dataset="colin27-aal", max_slices_per_label=4))
    items = _ok(_items(src))
    assert items and len(items) <= 16
    sides = {}
    for it in items:
        assert it.orientation == "LP" and it.spacing == (1.0, 1.0) and it.image.shape == (217, 181)
        assert it.image.dtype == np.uint8 and it.image.max() > 200 and it.case_id == "ch2"
        assert it.patient_id.startswith("PX-") and "ch2" not in it.patient_id
        for name, mask in it.masks.items():
            assert mask.sum() >= 16
            sides.setdefault(name, set()).add(compute_facts(mask, it.orientation).laterality)
    assert sides == {"Hippocampus_L": {"left"}, "Hippocampus_R": {"right"},
                     "Precentral_L": {"left"}, "Precentral_R": {"right"}}
    # hippocampus lies below the precentral gyrus: lower axial slice indices (LPS: k runs superior)
    hippo = [it.slice_index for it in items if "Hippocampus_L" in it.masks]
    motor = [it.slice_index for it in items if "Precentral_L" in it.masks]
    assert max(hippo) < min(motor)


def test_ch2_msd_layout_reads_dataset_json_and_coronal_slices_put_the_head_up(templates, tmp_path):
    root = tmp_path / "Task90_Colin"
    (root / "imagesTr").mkdir(parents=True)
    (root / "labelsTr").mkdir()
    (root / "imagesTr" / "colin_001.nii.gz").symlink_to(CH2)
    (root / "labelsTr" / "colin_001.nii.gz").symlink_to(AAL)
    names = {ln.split()[0]: ln.split()[1] for ln in AAL_TXT.read_text().splitlines() if ln.strip()}
    (root / "dataset.json").write_text(json.dumps({
        "name": "Colin27-AAL", "licence": "see AAL terms", "modality": {"0": "MRI"},
        "labels": {"0": "background", **names}}))  # no "training": imagesTr/ + labelsTr/ pairing
    src = build_source("nifti", dict(root=str(root), include_labels=["Precentral_L", "Temporal_Inf_L"],
                                     axis="coronal", max_slices_per_label=2, context_labels=False))
    assert src.info.dataset == "Colin27-AAL" and src.info.licence == "see AAL terms"
    items = _ok(_items(src))
    assert items and all(it.modality == "MR" and it.orientation == "LI" for it in items)
    assert all(it.case_id == "colin_001" for it in items)
    for it in items:
        for name, mask in it.masks.items():
            facts = compute_facts(mask, it.orientation)
            assert facts.laterality == "left"
            assert facts.vertical == ("superior" if name == "Precentral_L" else "inferior")


# -- synthetic: orientation, windowing, selection -----------------------------------------------------

@pytest.mark.parametrize("stored", ["RAS", "LPI"])
def test_ras_volume_comes_out_the_same_as_lps(tmp_path, stored):
    ct, lab = phantom()
    lps = msd(tmp_path / "lps", {"c1": (ct, lab)})
    # same patient, stored with i toward the patient's right and j toward anterior (RAS direction),
    # or with k running toward the feet (LPI)
    flip, direction, origin = {"RAS": ((slice(None), slice(None, None, -1), slice(None, None, -1)), RAS,
                                       (47.0, 39.0, 0.0)),
                               "LPI": ((slice(None, None, -1),), (1, 0, 0, 0, 1, 0, 0, 0, -1), (0.0, 0.0, 22.0))}[stored]
    ras = msd(tmp_path / "ras", {"c1": (ct[flip].copy(), lab[flip].copy())}, direction=direction, origin=origin)
    a = _ok(_items(build_source("nifti", dict(root=str(lps)))))
    b = _ok(_items(build_source("nifti", dict(root=str(ras)))))
    assert [i.item_key for i in a] == [i.item_key for i in b] and a
    for x, y in zip(a, b):
        assert np.array_equal(x.image, y.image) and x.orientation == y.orientation == "LP"
        assert x.masks.keys() == y.masks.keys()
        assert all(np.array_equal(x.masks[k], y.masks[k]) for k in x.masks)
    for it in b:
        for name, mask in it.masks.items():
            lat = compute_facts(mask, it.orientation).laterality
            assert lat == {"left blob": "left", "right blob": "right", "back blob": "midline"}[name]
            if name == "back blob":
                assert compute_facts(mask, it.orientation).vertical == "posterior"


def test_sagittal_slices_face_left_with_the_head_up(tmp_path):
    ct, lab = phantom()
    root = msd(tmp_path / "t", {"c1": (ct, lab)})
    items = _ok(_items(build_source("nifti", dict(root=str(root), axis="sagittal", include_labels=["back blob"]))))
    assert items and all(it.orientation == "PI" and it.image.shape == (12, 40) for it in items)
    assert all(it.spacing == (2.0, 1.0) for it in items)
    facts = compute_facts(items[0].masks["back blob"], "PI")
    assert facts.vertical == "superior"            # high k -> top rows
    assert facts.centroid_normalized[0] > 0.5      # posterior -> right half of the image
    assert {it.slice_index for it in items} == set(range(20, 28))


def test_ct_windows_and_mr_percentiles(tmp_path):
    ct, lab = phantom()
    root = msd(tmp_path / "t", {"c1": (ct, lab)})
    item = _ok(_items(build_source("nifti", dict(root=str(root), window="abdomen", max_slices_per_label=1))))[0]
    assert item.image[0, 0] == 0                   # air below -160 HU
    assert item.image[5, 5] == int((40 + 160) * 255 / 400)   # soft tissue, level 40 -> 127
    bone = _ok(_items(build_source("nifti", dict(root=str(root), window="bone", max_slices_per_label=1))))[0]
    assert bone.image[5, 5] < item.image[5, 5]
    custom = _ok(_items(build_source("nifti", dict(root=str(root), window=(40, 2), max_slices_per_label=1))))[0]
    assert set(np.unique(custom.image)) <= {0, 127, 255}
    mr = _ok(_items(build_source("nifti", dict(root=str(root), modality="MR", max_slices_per_label=1))))[0]
    assert mr.modality == "MR" and mr.image.min() == 0 and mr.image.max() == 255


def test_slice_choice_step_min_area_cap_and_context(tmp_path):
    ct, lab = phantom()
    root = msd(tmp_path / "t", {"c1": (ct, lab)})

    def slices(**kw):
        items = _ok(_items(build_source("nifti", dict(root=str(root), **kw))))
        return {it.slice_index: sorted(it.masks) for it in items}

    everything = slices()
    assert sorted(everything) == list(range(2, 11))
    assert everything[5] == ["left blob", "right blob"] and everything[9] == ["back blob", "left blob"]
    assert slices(include_labels=["right blob"]) == {s: ["right blob"] for s in range(3, 7)}
    assert sorted(slices(include_labels=["left blob"], slice_step=3)) == [2, 5, 8]
    assert sorted(slices(include_labels=["left blob"], max_slices_per_label=2)) == [4, 8]  # run centres
    assert slices(min_area=60) == {s: ["left blob", "right blob"] for s in range(3, 7)} | \
        {s: ["left blob"] for s in (2, 7, 8, 9)}
    frac = slices(min_area_fraction=81 / (40 * 48))  # blobs are 100 and 80 px, back blob 48 px
    assert set(frac) == set(range(2, 10)) and all(v == ["left blob"] for v in frac.values())
    # context: the right blob rides along on the left blob's slice; without context it does not
    assert slices(include_labels=["left blob", "right blob"], max_slices_per_label=1)[6] == ["left blob", "right blob"]
    no_ctx = slices(include_labels=["left blob", "right blob"], max_slices_per_label=1, context_labels=False)
    assert no_ctx == {5: ["right blob"], 6: ["left blob"]}


def test_pairs_by_suffix_patient_pattern_and_nnunet_labels(tmp_path):
    ct, lab = phantom()
    write(tmp_path / "sub-01_ses-1_ct.nii.gz", ct)
    write(tmp_path / "sub-01_ses-1_ct_seg.nii.gz", lab)
    write(tmp_path / "sub-02_ses-1_ct.nii.gz", ct)
    src = build_source("nifti", dict(root=str(tmp_path), layout="pairs", labels={1: "a", 2: "b", 3: "c"},
                                     modality="CT", patient_id_pattern=r"^(sub-\d+)", max_slices_per_label=1))
    out = _items(src)
    assert isinstance(out[-1], ItemError) and out[-1].code == "missing_label"
    assert out[-1].where == "sub-02_ses-1_ct.nii.gz"
    ok = _ok(out)
    assert ok and {it.case_id for it in ok} == {"sub-01"}
    assert ok[0].item_key.startswith("sub-01_ses-1_ct.nii.gz:axial:")

    nn = tmp_path / "nnunet"  # nnU-Net v2: one file per channel (_0000, _0001), labels {name: value}
    write(nn / "imagesTr" / "case_001_0000.nii.gz", ct)
    write(nn / "imagesTr" / "case_001_0001.nii.gz", (ct // 2).astype(np.int16))
    write(nn / "labelsTr" / "case_001.nii.gz", lab)
    (nn / "dataset.json").write_text(json.dumps({"channel_names": {"0": "CT", "1": "T2"}, "file_ending": ".nii.gz",
                                                 "labels": {"background": 0, "a": 1, "b": 2, "c": 3}}))
    items = _items(build_source("nifti", dict(root=str(nn))))
    assert items and all(it.case_id == "case_001" and it.modality == "CT" for it in items)
    assert all(it.item_key.startswith("imagesTr/case_001_0000.nii.gz") for it in items)
    second = _items(build_source("nifti", dict(root=str(nn), channel=1)))
    assert len(second) == len(items) and all(it.modality == "MR" and "_0001" in it.item_key for it in second)


def test_4d_image_reads_the_asked_channel(tmp_path):
    import SimpleITK as sitk

    ct, lab = phantom()
    channels = [np.full_like(ct, 10), ct]
    img = sitk.JoinSeries([sitk.GetImageFromArray(c) for c in channels])  # (i, j, k, channel)
    root = tmp_path / "Task01"
    (root / "imagesTr").mkdir(parents=True)
    sitk.WriteImage(img, str(root / "imagesTr" / "brats_001.nii.gz"), useCompression=True)
    write(root / "labelsTr" / "brats_001.nii.gz", lab, spacing=(1.0, 1.0, 1.0))
    (root / "dataset.json").write_text(json.dumps({"modality": {"0": "FLAIR", "1": "T1w"},
                                                   "labels": {"0": "background", "1": "a", "2": "b", "3": "c"}}))
    flat = _items(build_source("nifti", dict(root=str(root), max_slices_per_label=1)))  # channel 0 is constant
    assert [e.code for e in flat] == ["blank_volume"] and "every voxel is 10" in str(flat[0])
    real = _ok(_items(build_source("nifti", dict(root=str(root), channel=1, max_slices_per_label=1))))
    assert real and real[0].modality == "MR" and all(np.ptp(it.image) > 0 for it in real)
    out = _items(build_source("nifti", dict(root=str(root), channel=2)))
    assert len(out) == 1 and out[0].code == "missing_channel"


def test_config_errors(tmp_path):
    ct, lab = phantom()
    root = msd(tmp_path / "t", {"c1": (ct, lab)})
    with pytest.raises(ConfigError, match="include_labels"):
        build_source("nifti", dict(root=str(root), include_labels=["spleen"]))
    with pytest.raises(ConfigError, match="no label names"):
        build_source("nifti", dict(root=str(tmp_path / "t" / "imagesTr"), layout="pairs"))
    with pytest.raises(ConfigError, match="not a folder"):
        build_source("nifti", dict(root=str(tmp_path / "nope")))
    with pytest.raises(ValidationError, match="orientation"):
        build_source("nifti", dict(root=str(root), orientation="LLS"))


# -- bad input ---------------------------------------------------------------------------------------

def test_bad_volumes_are_item_errors_and_the_good_ones_still_come(tmp_path):
    ct, lab = phantom()
    names = ["a_good", "b_trunc", "c_grid", "d_unknown", "e_nolabel", "f_spacing", "g_origin", "h_garbage",
             "i_empty"]
    root = msd(tmp_path / "t", {n: (ct, lab) for n in names})
    data = (root / "imagesTr" / "b_trunc.nii.gz").read_bytes()
    (root / "imagesTr" / "b_trunc.nii.gz").write_bytes(data[: len(data) // 2])
    write(root / "labelsTr" / "c_grid.nii.gz", lab[:, :, :40].copy())
    bad = lab.copy()
    bad[0, 0, 0] = 7
    write(root / "labelsTr" / "d_unknown.nii.gz", bad)
    (root / "labelsTr" / "e_nolabel.nii.gz").unlink()
    write(root / "labelsTr" / "f_spacing.nii.gz", lab, spacing=(1.0, 1.2, 2.0))
    write(root / "labelsTr" / "g_origin.nii.gz", lab, origin=(0.0, 0.0, 6.0))
    (root / "imagesTr" / "h_garbage.nii.gz").write_bytes(b"not a volume at all" * 20)
    write(root / "labelsTr" / "i_empty.nii.gz", np.zeros_like(lab))
    out = _items(build_source("nifti", dict(root=str(root), max_slices_per_label=1)))
    errors = {e.where: e for e in out if isinstance(e, ItemError)}
    assert {k: e.code for k, e in errors.items()} == {
        "imagesTr/b_trunc.nii.gz": "unreadable_volume", "imagesTr/c_grid.nii.gz": "grid_mismatch",
        "imagesTr/d_unknown.nii.gz": "unknown_label_value", "imagesTr/e_nolabel.nii.gz": "missing_label",
        "imagesTr/f_spacing.nii.gz": "grid_mismatch", "imagesTr/g_origin.nii.gz": "grid_mismatch",
        "imagesTr/h_garbage.nii.gz": "unreadable_volume", "imagesTr/i_empty.nii.gz": "no_labelled_slices"}
    assert "values [7]" in str(errors["imagesTr/d_unknown.nii.gz"])
    assert "size 48x40x12 vs 40x40x12" in str(errors["imagesTr/c_grid.nii.gz"])
    assert "spacing" in str(errors["imagesTr/f_spacing.nii.gz"]) and "origin" in str(errors["imagesTr/g_origin.nii.gz"])
    assert "truncated" in str(errors["imagesTr/b_trunc.nii.gz"])
    good = _ok(out)
    assert good and {it.case_id for it in good} == {"a_good"}
    # file order: a_good's items come first, then one error per bad case in name order
    assert [getattr(r, "where", None) or r.case_id for r in out][len(good):] == sorted(errors)


def test_too_large_and_2d_files_are_refused_before_reading(tmp_path):
    import SimpleITK as sitk

    ct, lab = phantom()
    root = msd(tmp_path / "t", {"c1": (ct, lab)})
    out = _items(build_source("nifti", dict(root=str(root), max_voxels=12 * 40 * 48 - 1)))
    assert len(out) == 1 and isinstance(out[0], ItemError) and out[0].code == "too_large"
    assert "max_voxels" in str(out[0])
    flat = tmp_path / "flat"
    flat.mkdir()
    sitk.WriteImage(sitk.GetImageFromArray(ct[5]), str(flat / "x.nii.gz"))
    sitk.WriteImage(sitk.GetImageFromArray(lab[5]), str(flat / "x_seg.nii.gz"))
    out = _items(build_source("nifti", dict(root=str(flat), layout="pairs", labels={1: "a", 2: "b", 3: "c"})))
    assert [e.code for e in out] == ["not_a_volume"] and "folder source" in str(out[0])


# -- process pool ------------------------------------------------------------------------------------

def encode(item: SourceItem) -> tuple[str, int, list[str]]:
    """A picklable transform (runs in the workers)."""
    if item.slice_index == 4 and item.case_id == "c3":
        raise ItemError("refused", "transform refused this slice", item.item_key)
    return item.item_key, int(item.image.sum()), sorted(item.masks)


def test_two_workers_yield_the_same_items_in_the_same_order(tmp_path):
    ct, lab = phantom()
    rng = np.random.default_rng(3)
    cases = {f"c{i}": ((ct + rng.integers(0, 50, ct.shape)).astype(np.int16), lab) for i in range(1, 5)}
    root = msd(tmp_path / "t", cases)
    (root / "labelsTr" / "c2.nii.gz").unlink()  # one bad case in the middle
    one = _items(build_source("nifti", dict(root=str(root), workers=1)))
    two = _items(build_source("nifti", dict(root=str(root), workers=2)))
    assert len(one) == len(two) > 20
    for a, b in zip(one, two):
        assert type(a) is type(b)
        if isinstance(a, ItemError):
            assert (a.code, a.where, str(a)) == (b.code, b.where, str(b))
            continue
        assert a.item_key == b.item_key and a.patient_id == b.patient_id and a.spacing == b.spacing
        assert np.array_equal(a.image, b.image) and a.masks.keys() == b.masks.keys()
        assert all(np.array_equal(a.masks[k], b.masks[k]) for k in a.masks)
    src1 = build_source("nifti", dict(root=str(root), workers=1))
    src2 = build_source("nifti", dict(root=str(root), workers=2))
    t1, t2 = list(src1.items(transform=encode)), list(src2.items(transform=encode))
    assert [str(x) if isinstance(x, ItemError) else x for x in t1] == \
        [str(x) if isinstance(x, ItemError) else x for x in t2]
    assert sum(isinstance(x, ItemError) and x.code == "refused" for x in t2) == 1


def test_items_feed_the_shared_ingest(tmp_path):
    """The ingest stage over the nifti source; two workers (records built in the pool) give the same
    catalog as one."""
    from medseg_qa.pipelines.ingest import ingest_source
    from medseg_qa.workspace import Workspace

    ct, lab = phantom()
    root = msd(tmp_path / "t", {"c1": (ct, lab)})
    catalogs = []
    for workers in (1, 2):
        src = build_source("nifti", dict(root=str(root), max_slices_per_label=1, workers=workers))
        with Workspace(tmp_path / f"ws{workers}") as ws:
            summary = ingest_source(ws, src, progress=False)
            records = list(ws.records())
        assert summary.added == len(records) > 0 and not summary.quarantined
        catalogs.append([r.model_dump() for r in records])
    assert catalogs[0] == catalogs[1]
    records = [r for r in catalogs[0] if r["slice_index"] == catalogs[0][0]["slice_index"]]
    assert {r["target"] for r in records} == {"left blob", "right blob"}
    for rec in records:
        assert rec["source"] == "nifti" and rec["orientation"] == "LP" and rec["modality"] == "CT"
        assert rec["dataset"] == "Task99_Phantom"
        assert rec["facts"]["laterality"] == ("left" if rec["target"] == "left blob" else "right")
        assert rec["facts"]["relations"]  # the other blob is a neighbour