"""A bad-input corpus built in a folder: good and bad items of every source type, and the quarantine
code each bad item must get.

`build_corpus(root)` writes a folder source, a NIfTI source, a DICOM export and a Hugging Face
`save_to_disk` dataset, each mixing good items with bad ones, plus a recipe that ingests all four
(and a phantom). It returns the recipe path and `EXPECTED`: quarantine key -> code. The bad items are
written the way they come in the wild (a file cut short, a header overwritten, a mask saved at another
size), not by calling the code under test, so the corpus says what a user's data looks like, not what
the checks happen to catch. `bad_recipes(root)` writes recipes that must be refused before any work.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

LPS = (1, 0, 0, 0, 1, 0, 0, 0, 1)
SALT = "bad-input-corpus-salt"


def _img(seed: int, size=(48, 64)) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 255, size + (3,), dtype=np.uint8)


def _mask(size=(48, 64), box=(10, 10, 30, 40), value=255) -> np.ndarray:
    m = np.zeros(size, np.uint8)
    y0, x0, y1, x1 = box
    m[y0:y1, x0:x1] = value
    return m


def _save(path: Path, arr: np.ndarray, fmt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(arr).save(path, format=fmt)
    return path


def png_bomb(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height 1-bit pixels, with a tiny compressed body: the shape of a
    decompression bomb (the decoder would allocate the header's size)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


@dataclass
class Corpus:
    recipe: Path
    expected: dict[str, str] = field(default_factory=dict)   # quarantine key -> code
    good_items: dict[str, int] = field(default_factory=dict)  # dataset -> good items written
    outside: Path | None = None                               # a file outside every source root


def build_folder(root: Path, outside: Path, c: Corpus) -> dict:
    ds = "bad-folder"
    f = root / "folder"
    for i in range(3):                                         # good pairs
        _save(f / f"good{i}.png", _img(i))
        _save(f / f"good{i}_mask.png", _mask(box=(5 + i, 5, 25 + i, 30)))
    _save(f / "good_jpeg.jpg", _img(10), "JPEG")
    _save(f / "good_jpeg_mask.png", _mask(box=(3, 3, 20, 20)))
    c.good_items[ds] = 4
    bad = {}
    data = io.BytesIO()
    Image.fromarray(_img(20)).save(data, format="PNG")
    (f / "trunc_png.png").write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    bad["trunc_png.png"] = "unreadable_image"
    data = io.BytesIO()
    Image.fromarray(_img(21)).save(data, format="JPEG")
    (f / "trunc_jpeg.jpg").write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    bad["trunc_jpeg.jpg"] = "unreadable_image"
    (f / "zero_bytes.png").write_bytes(b"")
    for stem in ("trunc_png", "trunc_jpeg", "zero_bytes"):
        _save(f / f"{stem}_mask.png", _mask())
    bad["zero_bytes.png"] = "unreadable_image"
    _save(f / "wrong_size.png", _img(22))
    _save(f / "wrong_size_mask.png", _mask(size=(20, 20), box=(2, 2, 9, 9)))
    bad["wrong_size.png"] = "size_mismatch"
    _save(f / "non_binary.png", _img(23))
    grey = _mask()
    grey[40:44, 50:60] = 128
    _save(f / "non_binary_mask.png", grey)
    bad["non_binary.png"] = "not_binary"
    _save(f / "empty.png", _img(24))
    _save(f / "empty_mask.png", np.zeros((48, 64), np.uint8))
    bad["empty.png"] = "empty_mask"
    _save(f / "lonely.png", _img(25))
    bad["lonely.png"] = "missing_mask"
    _save(f / "textonly.png", _img(26))
    (f / "textonly_mask.png").write_text("this is not an image\n")
    bad["textonly.png"] = "unreadable_mask"
    (f / "bomb.png").write_bytes(png_bomb(100_000, 100_000))  # 10^10 pixels: over PIL's own bomb limit too
    _save(f / "bomb_mask.png", _mask())
    bad["bomb.png"] = "too_large"
    _save(f / "mask_bomb.png", _img(27))
    (f / "mask_bomb_mask.png").write_bytes(png_bomb(9_000, 9_000))  # 81M pixels: over max_pixels only
    bad["mask_bomb.png"] = "too_large"
    # a link that leaves the source root: the image it points to is readable but not the user's set
    _save(outside / "secret.png", _img(28))
    _save(outside / "secret_mask.png", _mask())
    os.symlink(outside / "secret.png", f / "escape.png")
    os.symlink(outside / "secret_mask.png", f / "escape_mask.png")
    bad["escape.png"] = "outside_root"
    # a file name that is not UTF-8 (Latin-1 bytes, as copied from an old share)
    name = os.fsdecode(b"caf\xe9.png")
    _save(f / name, _img(29))
    _save(f / os.fsdecode(b"caf\xe9_mask.png"), _mask())
    bad["caf\\xe9.png"] = "non_utf8_name"
    for key, code in bad.items():
        c.expected[f"{ds}:{key}"] = code
    return {"type": "folder", "options": {"root": str(f), "label": "polyp", "modality": "endoscopy",
                                          "body_region": "colon", "dataset": ds, "licence": "CC0-1.0"}}


def _phantom(shape=(8, 32, 40)):
    z, y, x = shape
    ct = np.full(shape, -1000, np.int16)
    ct[:, 4:28, 4:36] = 40
    lab = np.zeros(shape, np.uint8)
    lab[2:6, 10:20, 24:34] = 1
    ct[lab == 1] = 60
    return ct, lab


def _write_volume(path: Path, arr: np.ndarray, spacing=(1.0, 1.0, 2.0), origin=(0.0, 0.0, 0.0)) -> Path:
    import SimpleITK as sitk

    img = sitk.GetImageFromArray(arr)
    img.SetSpacing(spacing)
    img.SetDirection(LPS)
    img.SetOrigin(origin)
    path.parent.mkdir(parents=True, exist_ok=True)
    sitk.WriteImage(img, str(path), useCompression=True)
    return path


def build_nifti(root: Path, c: Corpus) -> dict:
    ds = "bad-nifti"
    n = root / "nifti"
    ct, lab = _phantom()
    _write_volume(n / "good.nii.gz", ct)
    _write_volume(n / "good_seg.nii.gz", lab)
    c.good_items[ds] = 1  # one case (its slices are items too; counted by case in the test)
    bad = {}
    nan = ct.astype(np.float32)
    nan[3, 12, 14] = np.nan
    _write_volume(n / "nan.nii.gz", nan)
    _write_volume(n / "nan_seg.nii.gz", lab)
    bad["nan.nii.gz"] = "non_finite_volume"
    inf = ct.astype(np.float32)
    inf[1, 5, 5] = np.inf
    _write_volume(n / "inf.nii.gz", inf)
    _write_volume(n / "inf_seg.nii.gz", lab)
    bad["inf.nii.gz"] = "non_finite_volume"
    allnan = np.full(ct.shape, np.nan, np.float32)
    _write_volume(n / "allnan.nii.gz", allnan)
    _write_volume(n / "allnan_seg.nii.gz", lab)
    bad["allnan.nii.gz"] = "non_finite_volume"
    # a broken header: sizeof_hdr and the magic overwritten (an uncompressed .nii, as a hex editor leaves it)
    _write_volume(n / "header.nii", ct)
    raw = bytearray((n / "header.nii").read_bytes())
    raw[0:4] = b"\xff\xff\xff\xff"
    raw[344:348] = b"XXXX"
    (n / "header.nii").write_bytes(bytes(raw))
    _write_volume(n / "header_seg.nii", lab)
    bad["header.nii"] = "unreadable_volume"
    data = (_write_volume(n / "trunc.nii.gz", ct)).read_bytes()
    (n / "trunc.nii.gz").write_bytes(data[: len(data) // 2])
    _write_volume(n / "trunc_seg.nii.gz", lab)
    bad["trunc.nii.gz"] = "unreadable_volume"
    _write_volume(n / "grid.nii.gz", ct)
    _write_volume(n / "grid_seg.nii.gz", lab, spacing=(1.0, 1.5, 2.0))
    bad["grid.nii.gz"] = "grid_mismatch"
    _write_volume(n / "shape.nii.gz", ct)
    _write_volume(n / "shape_seg.nii.gz", lab[:, :, :30].copy())
    bad["shape.nii.gz"] = "grid_mismatch"
    # a header claiming 2000^3 voxels (dims patched) over a small body: refused before reading
    _write_volume(n / "huge.nii", ct)
    raw = bytearray((n / "huge.nii").read_bytes())
    raw[42:48] = struct.pack("<3h", 2000, 2000, 2000)
    (n / "huge.nii").write_bytes(bytes(raw))
    _write_volume(n / "huge_seg.nii", lab)
    bad["huge.nii"] = "too_large"
    _write_volume(n / "nolabel.nii.gz", ct)
    bad["nolabel.nii.gz"] = "missing_label"
    for key, code in bad.items():
        c.expected[f"{ds}:{key}"] = code
    return {"type": "nifti", "options": {"root": str(n), "layout": "pairs", "image_glob": "*.nii*",
                                         "labels": {1: "liver"}, "modality": "CT", "body_region": "abdomen",
                                         "dataset": ds, "licence": "CC0-1.0", "max_slices_per_label": 1,
                                         "max_voxels": 50_000_000}}


def build_dicom(root: Path, c: Corpus) -> dict:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dicom_factory import make_case

    ds = "bad-dicom"
    case = make_case(root / "dicom", n_slices=4, missing_pixels={2})
    other = make_case(root / "other-dicom", seed=7)
    shutil.copytree(other.seg_path.parent, root / "dicom" / "orphan-seg")  # SEG without its series
    c.good_items[ds] = 3
    c.expected["code:no_pixel_data"] = "no_pixel_data"
    c.expected["code:seg_series_missing"] = "seg_series_missing"
    del case
    return {"type": "dicom", "options": {"root": str(root / "dicom"), "dataset": ds, "licence": "CC0-1.0",
                                         "deid_salt": SALT}}


def build_hf(root: Path, c: Corpus) -> dict:
    import datasets

    ds = "bad-hf"
    feats = datasets.Features({"image": datasets.Image(), "mask": datasets.Image(), "case": datasets.Value("string")})
    good = lambda i: Image.fromarray(_img(40 + i, (20, 28)))  # noqa: E731
    gmask = lambda i: Image.fromarray(_mask((20, 28), (2 + i, 3, 12, 15)))  # noqa: E731
    rows = {"image": [good(0), None, {"bytes": b"\x89PNG\r\n\x1a\n cut", "path": None},
                      {"bytes": png_bomb(100_000, 100_000), "path": None}, good(4), good(5)],
            "mask": [gmask(0), gmask(1), gmask(2), gmask(3), Image.fromarray(_mask((10, 10), (1, 1, 5, 5))), gmask(5)],
            "case": [f"c{i}" for i in range(6)]}
    datasets.Dataset.from_dict(rows, features=feats).save_to_disk(str(root / "hf"))
    c.good_items[ds] = 2
    for row, code in ((1, "missing_image"), (2, "unreadable_image"), (3, "too_large"), (4, "size_mismatch")):
        c.expected[f"{ds}:train/{row}"] = code
    return {"type": "hf", "options": {"path": str(root / "hf"), "mask_column": "mask", "label": "polyp",
                                      "case_column": "case", "modality": "endoscopy", "body_region": "colon",
                                      "dataset": ds, "licence": "CC0-1.0"}}


def build_corpus(root: Path) -> Corpus:
    """Every source's good and bad items under `root`, and a recipe (template backend) over all of them."""
    import yaml

    root.mkdir(parents=True, exist_ok=True)
    outside = root / "outside"
    outside.mkdir()
    c = Corpus(recipe=root / "recipe.yaml", outside=outside)
    sources = [build_folder(root, outside, c), build_nifti(root, c), build_dicom(root, c), build_hf(root, c),
               {"type": "phantom", "options": {"cases": 2, "slices_per_case": 1, "size": 128}}]
    recipe = {"name": "bad-inputs", "sources": sources,
              "generation": {"backend": "template", "model": "template-v1", "user_turns": 2}}
    c.recipe.write_text(yaml.safe_dump(recipe, sort_keys=False))
    return c


def bad_recipes(root: Path) -> dict[str, tuple[str, str]]:
    """Recipes that must be refused before any work: name -> (YAML text, a word the one-line error names)."""
    folder = root / "some-folder"
    folder.mkdir(parents=True, exist_ok=True)
    src = f"sources: [{{type: folder, options: {{root: '{folder}', label: polyp}}}}]\n"
    return {
        "phantom_cases_text": ("name: r\nsources: [{type: phantom, options: {cases: many}}]\n", "cases"),
        "phantom_size_list": ("name: r\nsources: [{type: phantom, options: {size: [1, 2]}}]\n", "size"),
        "sources_not_list": ("name: r\nsources: phantom\n", "sources"),
        "unknown_source_type": ("name: r\nsources: [{type: tarball, options: {}}]\n", "tarball"),
        "concurrency_text": ("name: r\n" + src + "generation: {concurrency: lots}\n", "concurrency"),
        "user_turns_float": ("name: r\n" + src + "generation: {user_turns: 2.5}\n", "user_turns"),
        "unknown_key": ("name: r\n" + src + "generaton: {backend: openai}\n", "generaton"),
        "splits_not_numbers": ("name: r\n" + src + "export: {splits: {train: most}}\n", "train"),
        "not_a_mapping": ("- just\n- a list\n", "mapping"),
        "yaml_syntax": ("name: r\nsources: [{type: phantom\n", "YAML"),
        "nifti_root_int": ("name: r\nsources: [{type: nifti, options: {root: 12, labels: {x: y}}}]\n", "root"),
    }


def write_bad_recipes(root: Path) -> dict[str, tuple[Path, str]]:
    out = {}
    for name, (text, word) in bad_recipes(root).items():
        p = root / f"{name}.yaml"
        p.write_text(text)
        out[name] = (p, word)
    return out


def archive_with_dotdot(root: Path) -> list[Path]:
    """A zip and a tar.gz whose members climb out of the folder they are unpacked into."""
    import tarfile
    import zipfile

    z = root / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("data/ok.png", b"fine")
        zf.writestr("data/../../escaped.txt", b"pwned")
    t = root / "evil.tar.gz"
    with tarfile.open(t, "w:gz") as tf:
        payload = b"pwned"
        info = tarfile.TarInfo("../escaped.txt")
        info.size = len(payload)
        tf.addfile(info, io.BytesIO(payload))
    return [z, t]


__all__ = ["Corpus", "build_corpus", "write_bad_recipes", "archive_with_dotdot", "png_bomb", "SALT"]
