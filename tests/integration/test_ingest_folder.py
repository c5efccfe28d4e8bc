"""The folder source and the shared ingest stage on real files: pairing, presets, encodings, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from medseg_qa.errors import ConfigError
from medseg_qa.imageio import from_png_bytes
from medseg_qa.pipelines.ingest import ingest_source
from medseg_qa.sources import build_source
from medseg_qa.workspace import Workspace


def _img(seed: int, size=(48, 64)) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 255, size + (3,), dtype=np.uint8)


def _mask(size=(48, 64), box=(10, 10, 30, 40), value=255) -> np.ndarray:
    m = np.zeros(size, np.uint8)
    y0, x0, y1, x1 = box
    m[y0:y1, x0:x1] = value
    return m


def _save(path, arr, mode=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(arr, mode).save(path) if mode else Image.fromarray(arr).save(path)


@pytest.fixture
def suffix_folder(tmp_path):
    root = tmp_path / "set"
    _save(root / "a.png", _img(1))
    _save(root / "a_mask.png", _mask())                      # 0/255
    _save(root / "b.png", _img(2))
    _save(root / "b_mask.png", _mask(value=1))               # 0/1
    _save(root / "c.png", _img(3))
    pal = Image.fromarray(_mask(value=1), "P")
    pal.putpalette([0, 0, 0, 200, 30, 30] + [0] * 762)
    pal.save(root / "c_mask.png")                           # palette
    _save(root / "d.png", _img(4))
    _save(root / "d_mask.png", _mask(size=(20, 20)))          # wrong size
    _save(root / "e.png", _img(5))
    _save(root / "e_mask.png", np.zeros((48, 64), np.uint8))  # empty
    (root / "f.png").write_bytes(b"\x89PNG\r\n\x1a\n-truncated")
    _save(root / "f_mask.png", _mask())                     # unreadable image
    _save(root / "g.png", _img(6))
    grey = _mask()
    grey[0, 0] = 77
    _save(root / "g_mask.png", grey)                        # three values, binary declared
    _save(root / "h.png", _img(1))
    _save(root / "h_mask.png", _mask())                     # duplicate of a
    return root


def test_folder_ingest_quarantines_bad_items_and_goes_on(tmp_path, suffix_folder):
    src = build_source("folder", {"root": str(suffix_folder), "label": "Polyp", "modality": "endoscopy",
                                  "body_region": "colon", "dataset": "toy"})
    with Workspace(tmp_path / "ws") as ws:
        s = ingest_source(ws, src, progress=False)
        assert s.items == 8 and s.added == 3 and s.duplicates == 1
        assert dict(s.quarantined) == {"size_mismatch": 1, "empty_mask": 1, "unreadable_image": 1,
                                       "not_binary": 1}
        reasons = {key: (code, msg) for _, key, code, msg in ws.quarantined()}
        assert reasons["toy:d.png"][0] == "size_mismatch" and "20x20" in reasons["toy:d.png"][1]
        assert all("\n" not in msg for _, msg in reasons.values())
        recs = list(ws.records())
        assert {r.target for r in recs} == {"polyp"}
        for r in recs:
            mask = from_png_bytes(ws.get_blob(r.mask_blob))
            image = from_png_bytes(ws.get_blob(r.image_blob))
            assert set(np.unique(mask)) == {0, 255} and mask.shape == image.shape[:2]
            assert r.facts.area_pixels == 20 * 30 and r.orientation is None
        # rerun: nothing added, nothing duplicated
        s2 = ingest_source(ws, src, progress=False)
        assert s2.added == 0 and s2.unchanged == 3 and len(list(ws.records())) == 3
        # fixing a bad item clears its quarantine entry
        (suffix_folder / "d_mask.png").unlink()
        _save(suffix_folder / "d_mask.png", _mask(box=(0, 0, 5, 5)))
        ingest_source(ws, src, progress=False)
        assert "toy:d.png" not in {k for _, k, _, _ in ws.quarantined()}
        assert len(list(ws.records())) == 4


def test_folder_dirs_layout_and_label_map(tmp_path):
    root = tmp_path / "dirs"
    lab = np.zeros((40, 40), np.uint8)
    lab[5:15, 5:15] = 1
    lab[20:35, 22:38] = 2
    _save(root / "images" / "p01_s1.png", _img(7, (40, 40)))
    _save(root / "masks" / "p01_s1.png", lab)
    src = build_source("folder", {"root": str(root), "layout": "dirs", "mask_mode": "labels",
                                  "label_map": {1: "liver", 2: "spleen", 3: "aorta"}, "orientation": "LP",
                                  "patient_id_pattern": r"^(p\d+)_"})
    with Workspace(tmp_path / "ws") as ws:
        s = ingest_source(ws, src, progress=False)
        recs = {r.target: r for r in ws.records()}
        assert s.added == 2 and set(recs) == {"liver", "spleen"}  # absent label 3 skipped, not quarantined
        assert recs["liver"].case_id == "p01" and recs["liver"].patient_id == recs["spleen"].patient_id
        assert recs["liver"].facts.laterality == "right"   # image left in radiological view
        assert ("spleen", "right_of") in {(r.other, r.relation) for r in recs["liver"].facts.relations}
        assert "hepatic" in recs["liver"].synonyms         # from the knowledge base


def test_folder_presets(tmp_path):
    isic = tmp_path / "isic"
    _save(isic / "ISIC_0000001.jpg", _img(8))
    _save(isic / "ISIC_0000001_segmentation.png", _mask())
    _save(isic / "ISIC_0000002.jpg", _img(9))
    _save(isic / "ISIC_0000002_Segmentation.png", _mask(box=(1, 1, 9, 9)))
    busi = tmp_path / "busi"
    _save(busi / "benign" / "benign (1).png", _img(10))
    _save(busi / "benign" / "benign (1)_mask.png", _mask(box=(2, 2, 10, 10)))
    _save(busi / "benign" / "benign (1)_mask_1.png", _mask(box=(30, 30, 40, 40)))
    cvc = tmp_path / "cvc"
    _save(cvc / "Original" / "1.tif", _img(11))
    _save(cvc / "Ground Truth" / "1.tif", _mask())
    kvasir = tmp_path / "kvasir"
    _save(kvasir / "images" / "cju0.jpg", _img(12))
    noisy = _mask()
    noisy[12, 12] = 240
    noisy[0, 0] = 6
    _save(kvasir / "masks" / "cju0.jpg", noisy)  # a JPEG mask is thresholded, not quarantined
    with Workspace(tmp_path / "ws") as ws:
        for preset, root, n in (("isic", isic, 2), ("busi", busi, 1), ("cvc-clinicdb", cvc, 1),
                                ("kvasir-seg", kvasir, 1)):
            s = ingest_source(ws, build_source("folder", {"root": str(root), "preset": preset}), progress=False)
            assert (s.added, sum(s.quarantined.values())) == (n, 0), preset
        busi_rec = next(r for r in ws.records() if r.dataset == "busi")
        assert busi_rec.facts.components == 2 and busi_rec.modality == "US"  # two masks merged
        assert {r.modality for r in ws.records()} == {"dermoscopy", "US", "endoscopy"}


def test_folder_missing_root_and_bad_options(tmp_path):
    with pytest.raises(ConfigError, match="not a folder"):
        build_source("folder", {"root": str(tmp_path / "nope"), "label": "x"})
    with pytest.raises(Exception, match="label"):
        build_source("folder", {"root": str(tmp_path)})


ITK_DATA = Path("/usr/share/doc/insighttoolkit5-examples/examples/Data")


def test_real_itk_brain_slice_and_mask(tmp_path):
    """The ITK example MR slice (palette PNG) with its 1-bit brain mask, from Debian's
    insighttoolkit5-examples (installed by `make test`)."""
    assert ITK_DATA.is_dir(), "run `make test`: it installs Debian's insighttoolkit5-examples"
    root = tmp_path / "itk"
    root.mkdir()
    for name in ("BrainProtonDensitySliceBorder20.png", "BrainProtonDensitySliceBorder20Mask.png"):
        (root / name).symlink_to(ITK_DATA / name)
    src = build_source("folder", {"root": str(root), "mask_suffix": "Mask", "label": "brain",
                                  "modality": "MR", "body_region": "head", "dataset": "itk-examples",
                                  "licence": "Apache-2.0", "follow_links_outside": True})
    with Workspace(tmp_path / "ws") as ws:
        s = ingest_source(ws, src, progress=False)
        assert (s.added, sum(s.quarantined.values())) == (1, 0)
        rec = next(ws.records())
        truth = np.asarray(Image.open(ITK_DATA / "BrainProtonDensitySliceBorder20Mask.png"))
        assert (rec.width, rec.height) == (221, 257) and rec.facts.area_pixels == int(truth.sum())
        assert (from_png_bytes(ws.get_blob(rec.mask_blob)) > 0).tolist() == truth.tolist()
        assert rec.facts.components >= 1 and rec.licence == "Apache-2.0"
