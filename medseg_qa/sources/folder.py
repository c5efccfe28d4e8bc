"""The `folder` source: image/mask pairs on disk, with presets for the common 2D public sets.

Pairing rules: `suffix` (mask next to its image, `case1.png` + `case1_mask.png`; several masks
`case1_mask.png`, `case1_mask_1.png` are merged) or `dirs` (`images/x.png` + `masks/x.png`, any
extension). Binary masks of any encoding become 0/255; a label map with `mask_mode: labels` becomes one
mask per label (the ingest makes one record per label).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Literal, Optional

from pydantic import Field, model_validator

from medseg_qa.errors import ConfigError, ItemError
from medseg_qa.ids import patient_pseudonym
from medseg_qa.imageio import binarize, read_image, read_label_array

from .base import ProvenanceOptions, SourceInfo, SourceItem, Yielded

IMAGE_EXTS = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff")

# Native layouts of the common 2D sets; a recipe's own keys override these.
PRESETS: dict[str, dict] = {
    "kvasir-seg": dict(layout="dirs", images_dir="images", masks_dir="masks", label="polyp",
                       modality="endoscopy", body_region="colon", dataset="kvasir-seg", licence="other"),
    "cvc-clinicdb": dict(layout="dirs", images_dir="Original", masks_dir="Ground Truth", label="polyp",
                         modality="endoscopy", body_region="colon", dataset="cvc-clinicdb", licence="other"),
    "isic": dict(layout="suffix", mask_suffix=["_segmentation", "_Segmentation"], label="skin lesion",
                 modality="dermoscopy", body_region="skin", dataset="isic", licence="CC-BY-NC-4.0"),
    "busi": dict(layout="suffix", mask_suffix=["_mask"], label="breast lesion", modality="US",
                 body_region="breast", dataset="busi", licence="CC0-1.0",
                 patient_id_pattern=r"^(.*)$"),
}


class Options(ProvenanceOptions):
    root: Path
    preset: Optional[Literal["kvasir-seg", "cvc-clinicdb", "isic", "busi"]] = None
    layout: Literal["suffix", "dirs"] = "suffix"
    mask_suffix: list[str] = Field(default_factory=lambda: ["_mask"])
    images_dir: str = "images"
    masks_dir: str = "masks"
    mask_mode: Literal["binary", "labels"] = "binary"
    label: Optional[str] = Field(default=None, description="target of binary masks")
    label_map: dict[int, str] = Field(default_factory=dict, description="mask value -> label (labels mode)")
    modality: str = "other"
    body_region: str = "unknown"
    orientation: Optional[str] = Field(default=None, pattern=r"^[RLAPSI]{2}$",
                                       description="patient directions of +column/+row; none for photos")
    patient_id_pattern: Optional[str] = Field(default=None, description="regex on the file stem; group 1 "
                                              "is the patient/case id (default: the stem)")
    dataset: str = "folder"
    follow_links_outside: bool = Field(default=False, description="read files that symbolic links under root "
                                       "point to outside it (a link farm); off: such an item is quarantined")
    binary_strict: bool = Field(default=True, description="quarantine a binary mask with more than two "
                                "values (JPEG masks are always thresholded: lossy files cannot keep two)")

    @model_validator(mode="before")
    @classmethod
    def _apply_preset(cls, data):
        if isinstance(data, dict) and data.get("preset"):
            preset = PRESETS.get(data["preset"])
            if preset is not None:
                data = {**preset, **data}
        if isinstance(data, dict) and isinstance(data.get("mask_suffix"), str):
            data = {**data, "mask_suffix": [data["mask_suffix"]]}
        return data

    @model_validator(mode="after")
    def _check(self) -> "Options":
        if self.mask_mode == "binary" and not self.label:
            raise ValueError("binary masks need 'label' (the structure they show) or a preset")
        if self.mask_mode == "labels" and not self.label_map:
            raise ValueError("mask_mode 'labels' needs 'label_map' {value: name}")
        return self


class FolderSource:
    def __init__(self, options: Options) -> None:
        if not options.root.is_dir():
            raise ConfigError(f"folder source root {options.root} is not a folder; fix 'root' in the recipe")
        self.o = options
        self.info = SourceInfo(dataset=options.dataset, licence=options.licence,
                               citation=options.citation, source_url=options.source_url)
        self._pattern = re.compile(options.patient_id_pattern) if options.patient_id_pattern else None

    # -- pairing ---------------------------------------------------------------------------------
    def pairs(self) -> list[tuple[Path, list[Path]]]:
        """(image, masks) pairs in a stable order; an image without a mask has an empty list."""
        o = self.o
        if o.layout == "dirs":
            img_dir, mask_dir = o.root / o.images_dir, o.root / o.masks_dir
            if not img_dir.is_dir() or not mask_dir.is_dir():
                raise ConfigError(f"{o.root}: layout 'dirs' needs {o.images_dir}/ and {o.masks_dir}/; "
                                  "set images_dir and masks_dir")
            masks = {p.stem: p for p in _files(mask_dir)}
            return [(img, [masks[img.stem]] if img.stem in masks else []) for img in _files(img_dir)]
        files = _files(o.root, recursive=True)
        mask_re = re.compile("(" + "|".join(re.escape(s) for s in o.mask_suffix) + r")(_\d+)?$")
        masks: dict[Path, list[Path]] = {}
        images = []
        for f in files:
            m = mask_re.search(f.stem)
            if m:
                masks.setdefault(f.with_name(f.stem[: m.start()]), []).append(f)
            else:
                images.append(f)
        return [(img, sorted(masks.get(img.with_suffix(""), []))) for img in images]

    def estimate(self) -> Optional[int]:
        return len(self.pairs())

    def _patient(self, stem: str) -> str:
        if self._pattern:
            m = self._pattern.search(stem)
            if m:
                stem = m.group(1) if m.groups() else m.group(0)
        return stem

    # -- items -----------------------------------------------------------------------------------
    def items(self) -> Iterator[Yielded]:
        for image_path, mask_paths in self.pairs():
            key = _printable(image_path.relative_to(self.o.root))
            try:
                _check_path(self.o.root, key, [image_path, *mask_paths], self.o.follow_links_outside)
                yield self._item(key, image_path, mask_paths)
            except ItemError as exc:
                yield exc

    def _item(self, key: str, image_path: Path, mask_paths: list[Path]) -> SourceItem:
        o = self.o
        if not mask_paths:
            raise ItemError("missing_mask", "image has no mask; add it with the expected suffix "
                            f"{o.mask_suffix} or remove the image", key)
        image = read_image(image_path, o.max_pixels, key)
        arrays = [read_label_array(p, o.max_pixels, key) for p in mask_paths]
        for p, a in zip(mask_paths, arrays):
            if a.shape[:2] != image.shape[:2]:
                raise ItemError("size_mismatch", f"mask {p.name} is {a.shape[1]}x{a.shape[0]} but its image "
                                f"is {image.shape[1]}x{image.shape[0]}; re-export the mask at the image size", key)
        if o.mask_mode == "binary":
            merged = arrays[0] if len(arrays) == 1 else None
            if merged is None:
                merged = sum((binarize(a, key) > 0).astype("uint8") for a in arrays)
            lossy = any(p.suffix.lower() in (".jpg", ".jpeg") for p in mask_paths)
            masks = {o.label: binarize(merged, key, strict=o.binary_strict and not lossy and len(arrays) == 1)}
        else:
            masks = _split_labels(arrays[0], o.label_map, key)
        stem = image_path.stem
        case = self._patient(stem)
        return SourceItem(item_key=key, image=image, masks=masks, case_id=case,
                          patient_id=patient_pseudonym(o.dataset, case),
                          modality=o.modality, body_region=o.body_region, orientation=o.orientation,
                          binary_declared=o.mask_mode == "binary")


def _split_labels(arr, label_map: dict[int, str], key: str) -> dict:
    import numpy as np

    if arr.ndim == 3:
        raise ItemError("rgb_label_map", "an RGB mask cannot be read as a label map; save it as a "
                        "single-channel or palette image", key)
    unknown = sorted(set(np.unique(arr).tolist()) - set(label_map) - {0})
    if unknown:
        raise ItemError("unknown_label_value", f"mask values {unknown[:5]} are not in label_map; "
                        "add them to label_map", key)
    return {name: (arr == value).astype("uint8") * 255 for value, name in sorted(label_map.items())}


def _printable(rel: Path) -> str:
    """A relative path as text that UTF-8 can store: bytes that are not UTF-8 (a Latin-1 name copied
    from an old share) are shown as \\xNN escapes instead of the lone surrogates Python decodes them to."""
    import os

    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def _check_path(root: Path, key: str, paths: list[Path], links_outside: bool) -> None:
    """Refuse an item whose name cannot be stored as text, or whose files (through a symbolic link)
    lie outside the source root unless `links_outside`: the recipe names one folder, and only that
    folder is read."""
    real_root = root.resolve()
    for p in paths:
        try:
            str(p.relative_to(root)).encode("utf-8")
        except UnicodeEncodeError:
            raise ItemError("non_utf8_name", f"file name {_printable(p.relative_to(root))} is not UTF-8; rename "
                            "it (e.g. `convmv -f latin1 -t utf8`)", key) from None
        real = p.resolve()
        if not links_outside and real != real_root and real_root not in real.parents:
            raise ItemError("outside_root", f"{p.name} is a link to {real.parent}, outside the source root; "
                            "copy the file into the root, point 'root' at the folder that holds it, or set "
                            "follow_links_outside", key)


def _files(folder: Path, recursive: bool = False) -> list[Path]:
    it = folder.rglob("*") if recursive else folder.iterdir()
    return sorted(p for p in it if p.is_file() and p.suffix.lower() in IMAGE_EXTS)


def build(options: Options) -> FolderSource:
    return FolderSource(options)
